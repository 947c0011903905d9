// The normalization group of the catalogue: one import per layer file.

import type { LayerSpec } from '../spec';
import { batchNormalization } from './batchNormalization';
import { layerNormalization } from './layerNormalization';
import { groupNormalization } from './groupNormalization';
import { unitNormalization } from './unitNormalization';

export const normalizationLayers: LayerSpec[] = [batchNormalization, layerNormalization, groupNormalization, unitNormalization];
