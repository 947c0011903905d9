// Cropping1D: removes steps at both ends: (batch, steps − before − after, features).
// The rule lives in spatialResize.ts.

import { makeCropping } from './spatialResize';

export const cropping1d = makeCropping(1);
