// GaussianDropout: multiplies the inputs by 1-centred Gaussian noise during training; shape unchanged.

import { LayerSpec, single } from '../spec';

export const gaussianDropout: LayerSpec = {
  className: 'GaussianDropout',
  tfjs: 'gaussianDropout',
  args: [
    { name: 'rate', keras1: ['p'] },
    { name: 'seed' },
  ],
  keras1OnlyArgs: ['p'],
  doc: 'Multiplicative Gaussian noise during training: output shape = input shape, no weights.',
  build(ctx) {
    return single(ctx.input.slice());
  },
};
