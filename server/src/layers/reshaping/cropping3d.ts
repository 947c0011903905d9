// Cropping3D: removes slices at the edges of the three spatial axes: int, 3 ints or 3 (before, after) pairs.
// The rule lives in spatialResize.ts.

import { makeCropping } from './spatialResize';

export const cropping3d = makeCropping(3);
