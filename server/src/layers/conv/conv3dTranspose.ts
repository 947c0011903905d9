// Conv3DTranspose (aliases Deconvolution3D, Deconv3D): 3-D transposed convolution; rule in convTranspose.ts.

import { makeConvTranspose } from './convTranspose';

export const conv3dTranspose = makeConvTranspose(3);
