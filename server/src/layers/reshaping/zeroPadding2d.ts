// ZeroPadding2D: adds zero rows/cols: int, (sym_h, sym_w) or ((top, bottom), (left, right)); Keras 1 also a dict or flat 4-tuple.
// The rule lives in spatialResize.ts.

import { makeZeroPadding } from './spatialResize';

export const zeroPadding2d = makeZeroPadding(2);
