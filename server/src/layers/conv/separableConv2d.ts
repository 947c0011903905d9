// SeparableConv2D (Keras 1: SeparableConvolution2D): depthwise then pointwise 2-D convolution; rule in
// separableConv.ts, including Keras 1's 'th' kernel layouts.

import { makeSeparableConv } from './separableConv';

export const separableConv2d = makeSeparableConv(2);
