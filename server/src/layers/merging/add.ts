// Add: the element-wise sum of a list of tensors, broadcasting their shapes; the rule is in mergeCommon.ts.

import { makeElementwiseMerge } from './mergeCommon';

export const add = makeElementwiseMerge('Add', 'add', 'Sum');
