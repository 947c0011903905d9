// LocallyConnected1D (Keras 1, Keras 2, tf.keras; gone in Keras 3): unshared 1-D convolution, kernel
// (out_len, k·C, F) by default; rule in locallyConnected.ts.

import { makeLocallyConnected } from './locallyConnected';

export const locallyConnected1d = makeLocallyConnected(1);
