// The convolution group of the catalogue: one import per layer file.

import type { LayerSpec } from '../spec';
import { conv1d } from './conv1d';
import { conv2d } from './conv2d';
import { conv3d } from './conv3d';

export const convLayers: LayerSpec[] = [conv1d, conv2d, conv3d];
