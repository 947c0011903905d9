// Average: the element-wise mean of a list of tensors, broadcasting their shapes; the rule is in mergeCommon.ts.

import { makeElementwiseMerge } from './mergeCommon';

export const average = makeElementwiseMerge('Average', 'average', 'Mean');
