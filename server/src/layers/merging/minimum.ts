// Minimum: the element-wise minimum of a list of tensors, broadcasting their shapes; the rule is in mergeCommon.ts.

import { makeElementwiseMerge } from './mergeCommon';

export const minimum = makeElementwiseMerge('Minimum', 'minimum', 'Minimum');
