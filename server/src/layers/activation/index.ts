// The activation group of the catalogue: one import per layer file.

import type { LayerSpec } from '../spec';
import { relu } from './relu';
import { leakyRelu } from './leakyRelu';
import { prelu } from './prelu';
import { elu } from './elu';
import { softmax } from './softmax';
import { thresholdedRelu } from './thresholdedRelu';

export const activationLayers: LayerSpec[] = [relu, leakyRelu, prelu, elu, softmax, thresholdedRelu];
