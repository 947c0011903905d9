// UpSampling1D: repeats every step `size` times (Keras 1: `length`): (batch, steps · size, features).
// The rule lives in spatialResize.ts.

import { makeUpSampling } from './spatialResize';

export const upSampling1d = makeUpSampling(1);
