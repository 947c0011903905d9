// ZeroPadding3D: adds zeros around the three spatial axes: int, 3 ints or 3 (before, after) pairs.
// The rule lives in spatialResize.ts.

import { makeZeroPadding } from './spatialResize';

export const zeroPadding3d = makeZeroPadding(3);
