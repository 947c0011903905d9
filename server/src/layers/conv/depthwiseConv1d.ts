// DepthwiseConv1D (late tf.keras 2.x, Keras 3): per-channel 1-D convolution; rule in depthwiseConv.ts.

import { makeDepthwiseConv } from './depthwiseConv';

export const depthwiseConv1d = makeDepthwiseConv(1);
