// Activation: applies a named activation function element-wise; the shape passes through, no weights.

import { LayerSpec, single } from '../spec';

export const activation: LayerSpec = {
  className: 'Activation',
  tfjs: 'activation',
  args: [{ name: 'activation' }],
  doc: 'Applies an activation function element-wise: output shape = input shape, no weights.',
  build(ctx) {
    return single(ctx.input.slice());
  },
};
