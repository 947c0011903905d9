// ReLU: max(x, 0) with optional max_value, negative_slope and threshold; the shape passes through.

import { LayerSpec, single } from '../spec';

export const relu: LayerSpec = {
  className: 'ReLU',
  versions: ['2', 'tf.keras', '3'],
  tfjs: 'reLU',
  args: [
    { name: 'max_value', default: null },
    { name: 'negative_slope', default: 0, tfjs: null },
    { name: 'threshold', default: 0, tfjs: null },
  ],
  doc: 'Rectified linear unit as a layer: output shape = input shape, no weights.',
  build(ctx) {
    for (const name of ['max_value', 'negative_slope', 'threshold']) {
      const v = ctx.value(name);
      if (typeof v === 'number' && v < 0) ctx.error('bad-argument', `${name} of a ReLU layer cannot be a negative value; received ${name}=${v}.`);
    }
    return single(ctx.input.slice());
  },
};
