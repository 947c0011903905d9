// UpSampling2D: repeats rows and cols by `size` (nearest or bilinear): each spatial axis × its factor.
// The rule lives in spatialResize.ts.

import { makeUpSampling } from './spatialResize';

export const upSampling2d = makeUpSampling(2);
