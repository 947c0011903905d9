// Dropout: zeroes a fraction `rate` of the inputs during training; the shape passes through.

import { LayerSpec, single } from '../spec';

export const dropout: LayerSpec = {
  className: 'Dropout',
  tfjs: 'dropout',
  args: [
    { name: 'rate', keras1: ['p'] },
    { name: 'noise_shape' },
    { name: 'seed' },
  ],
  keras1OnlyArgs: ['p'],
  doc: 'Randomly zeroes a fraction `rate` of the inputs during training: output shape = input shape, no weights.',
  build(ctx) {
    const rate = ctx.value('rate');
    // Keras 3 and tf.keras reject it; Keras 1 and standalone Keras 2 clamp or fail only at run time.
    if ((ctx.version === '3' || ctx.version === 'tf.keras') && typeof rate === 'number' && (rate < 0 || rate > 1)) {
      ctx.error('bad-argument', `The Dropout \`rate\` must be a number between 0 and 1; received rate=${rate}.`);
    }
    return single(ctx.input.slice());
  },
};
