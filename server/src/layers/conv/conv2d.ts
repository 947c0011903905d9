// Conv2D (Keras 1: Convolution2D): 2-D convolution; the rule lives in convolution.ts.

import { makeConvolution } from './convolution';

export const conv2d = makeConvolution(2);
