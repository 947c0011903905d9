// Conv1D (Keras 1: Convolution1D): 1-D convolution; the rule lives in convolution.ts.

import { makeConvolution } from './convolution';

export const conv1d = makeConvolution(1);
