// LocallyConnected2D (Keras 1, Keras 2, tf.keras; gone in Keras 3): unshared 2-D convolution, kernel
// (out_rows·out_cols, kh·kw·C, F) by default; rule in locallyConnected.ts.

import { makeLocallyConnected } from './locallyConnected';

export const locallyConnected2d = makeLocallyConnected(2);
