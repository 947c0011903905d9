// Subtract: inputs[0] − inputs[1] for exactly two tensors, broadcasting their shapes (not in TF.js).

import type { LayerSpec } from '../spec';
import { makeElementwiseMerge } from './mergeCommon';

export const subtract: LayerSpec = {
  ...makeElementwiseMerge('Subtract', null, 'Difference', true),
  doc: 'Subtracts the second of exactly two tensors from the first, element-wise with broadcasting. No weights.',
};
