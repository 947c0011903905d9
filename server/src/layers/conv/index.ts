// The convolution group of the catalogue: one import per layer file.

import type { LayerSpec } from '../spec';
import { conv1d } from './conv1d';
import { conv2d } from './conv2d';
import { conv3d } from './conv3d';
import { conv1dTranspose } from './conv1dTranspose';
import { conv2dTranspose } from './conv2dTranspose';
import { conv3dTranspose } from './conv3dTranspose';
import { separableConv1d } from './separableConv1d';
import { separableConv2d } from './separableConv2d';
import { depthwiseConv1d } from './depthwiseConv1d';
import { depthwiseConv2d } from './depthwiseConv2d';
import { locallyConnected1d } from './locallyConnected1d';
import { locallyConnected2d } from './locallyConnected2d';

export const convLayers: LayerSpec[] = [
  conv1d,
  conv2d,
  conv3d,
  conv1dTranspose,
  conv2dTranspose,
  conv3dTranspose,
  separableConv1d,
  separableConv2d,
  depthwiseConv1d,
  depthwiseConv2d,
  locallyConnected1d,
  locallyConnected2d,
];
