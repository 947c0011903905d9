// ELU: exponential linear unit with scale `alpha` for negative inputs; the shape passes through.

import { LayerSpec, single } from '../spec';

export const elu: LayerSpec = {
  className: 'ELU',
  tfjs: 'elu',
  args: [{ name: 'alpha', default: 1 }],
  doc: 'Exponential linear unit: output shape = input shape, no weights.',
  build(ctx) {
    return single(ctx.input.slice());
  },
};
