// The regularization group of the catalogue: one import per layer file.

import type { LayerSpec } from '../spec';
import { dropout } from './dropout';
import { spatialDropout1d } from './spatialDropout1d';
import { spatialDropout2d } from './spatialDropout2d';
import { spatialDropout3d } from './spatialDropout3d';
import { gaussianNoise } from './gaussianNoise';
import { gaussianDropout } from './gaussianDropout';
import { alphaDropout } from './alphaDropout';
import { activityRegularization } from './activityRegularization';

export const regularizationLayers: LayerSpec[] = [
  dropout,
  spatialDropout1d,
  spatialDropout2d,
  spatialDropout3d,
  gaussianNoise,
  gaussianDropout,
  alphaDropout,
  activityRegularization,
];
