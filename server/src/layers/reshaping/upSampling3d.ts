// UpSampling3D: repeats the three spatial axes by `size`: each × its factor.
// The rule lives in spatialResize.ts.

import { makeUpSampling } from './spatialResize';

export const upSampling3d = makeUpSampling(3);
