// GaussianNoise: adds zero-mean Gaussian noise of standard deviation `stddev` during training; shape unchanged.

import { LayerSpec, single } from '../spec';

export const gaussianNoise: LayerSpec = {
  className: 'GaussianNoise',
  tfjs: 'gaussianNoise',
  args: [
    { name: 'stddev', keras1: ['sigma'] },
    { name: 'seed' },
  ],
  keras1OnlyArgs: ['sigma'],
  doc: 'Adds Gaussian noise during training: output shape = input shape, no weights.',
  build(ctx) {
    return single(ctx.input.slice());
  },
};
