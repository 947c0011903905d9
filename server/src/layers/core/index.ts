// The core group of the catalogue (keras.layers core): one import per layer file.

import type { LayerSpec } from '../spec';
import { dense } from './dense';

export const coreLayers: LayerSpec[] = [dense];
