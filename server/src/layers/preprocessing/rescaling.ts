// Rescaling: multiplies by `scale` and adds `offset` (e.g. 1/255 for pixels); the shape passes through.

import { LayerSpec, single } from '../spec';

export const rescaling: LayerSpec = {
  className: 'Rescaling',
  versions: ['tf.keras', '3'],
  tfjs: 'rescaling',
  args: [
    { name: 'scale' },
    { name: 'offset', default: 0 },
  ],
  doc: 'Computes inputs · scale + offset: output shape = input shape, no weights.',
  build(ctx) {
    return single(ctx.input.slice());
  },
};
