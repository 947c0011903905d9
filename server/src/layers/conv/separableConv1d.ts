// SeparableConv1D (alias SeparableConvolution1D): depthwise then pointwise 1-D convolution; rule in separableConv.ts.

import { makeSeparableConv } from './separableConv';

export const separableConv1d = makeSeparableConv(1);
