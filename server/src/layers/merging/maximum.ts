// Maximum: the element-wise maximum of a list of tensors, broadcasting their shapes; the rule is in mergeCommon.ts.

import { makeElementwiseMerge } from './mergeCommon';

export const maximum = makeElementwiseMerge('Maximum', 'maximum', 'Maximum');
