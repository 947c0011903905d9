// ZeroPadding1D: adds zeros before/after the step axis: (batch, steps + l + r, features); Keras 1 also took {'left_pad', 'right_pad'}.
// The rule lives in spatialResize.ts.

import { makeZeroPadding } from './spatialResize';

export const zeroPadding1d = makeZeroPadding(1);
