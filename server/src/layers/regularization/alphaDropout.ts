// AlphaDropout: dropout that keeps the mean and variance of SELU activations; shape unchanged.

import { LayerSpec, single } from '../spec';

export const alphaDropout: LayerSpec = {
  className: 'AlphaDropout',
  versions: ['2', 'tf.keras', '3'],
  tfjs: 'alphaDropout',
  args: [
    { name: 'rate' },
    { name: 'noise_shape' },
    { name: 'seed' },
  ],
  doc: 'Dropout that preserves the self-normalising property of SELU: output shape = input shape, no weights.',
  build(ctx) {
    return single(ctx.input.slice());
  },
};
