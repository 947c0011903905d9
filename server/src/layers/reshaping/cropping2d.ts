// Cropping2D: removes rows/cols at the edges: int, (sym_h, sym_w) or ((top, bottom), (left, right)).
// The rule lives in spatialResize.ts.

import { makeCropping } from './spatialResize';

export const cropping2d = makeCropping(2);
