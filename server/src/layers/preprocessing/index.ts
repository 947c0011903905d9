// The preprocessing group of the catalogue: one import per layer file.

import type { LayerSpec } from '../spec';
import { rescaling } from './rescaling';
import { resizing } from './resizing';
import { centerCrop } from './centerCrop';

export const preprocessingLayers: LayerSpec[] = [rescaling, resizing, centerCrop];
