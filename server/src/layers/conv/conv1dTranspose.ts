// Conv1DTranspose: 1-D transposed convolution (tf.keras ≥ 2.3 and Keras 3; not in TF.js); rule in convTranspose.ts.

import { makeConvTranspose } from './convTranspose';

export const conv1dTranspose = makeConvTranspose(1);
