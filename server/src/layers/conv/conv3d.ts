// Conv3D (Keras 1: Convolution3D): 3-D convolution; the rule lives in convolution.ts.

import { makeConvolution } from './convolution';

export const conv3d = makeConvolution(3);
