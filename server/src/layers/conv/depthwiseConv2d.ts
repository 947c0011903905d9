// DepthwiseConv2D: per-channel 2-D convolution, channels → channels · depth_multiplier; rule in depthwiseConv.ts.

import { makeDepthwiseConv } from './depthwiseConv';

export const depthwiseConv2d = makeDepthwiseConv(2);
