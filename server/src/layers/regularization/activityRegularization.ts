// ActivityRegularization: adds an L1/L2 penalty on its input to the loss; the values and shape pass through.

import { LayerSpec, single } from '../spec';

export const activityRegularization: LayerSpec = {
  className: 'ActivityRegularization',
  tfjs: null,
  args: [
    { name: 'l1', default: 0 },
    { name: 'l2', default: 0 },
  ],
  doc: 'Adds an activity penalty to the loss: output shape = input shape, no weights.',
  build(ctx) {
    return single(ctx.input.slice());
  },
};
