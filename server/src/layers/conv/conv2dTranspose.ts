// Conv2DTranspose (aliases Deconvolution2D, Deconv2D; Keras 1 Deconvolution2D with an explicit output_shape):
// 2-D transposed convolution; the rule lives in convTranspose.ts.

import { makeConvTranspose } from './convTranspose';

export const conv2dTranspose = makeConvTranspose(2);
