// Multiply: the element-wise product of a list of tensors, broadcasting their shapes; the rule is in mergeCommon.ts.

import { makeElementwiseMerge } from './mergeCommon';

export const multiply = makeElementwiseMerge('Multiply', 'multiply', 'Product');
