// Masking: marks time steps whose features all equal `mask_value` as skipped; the shape passes through.

import { LayerSpec, single } from '../spec';

export const masking: LayerSpec = {
  className: 'Masking',
  tfjs: 'masking',
  args: [{ name: 'mask_value', default: 0 }],
  doc: 'Masks time steps equal to mask_value for the layers downstream: output shape = input shape, no weights.',
  build(ctx) {
    return single(ctx.input.slice());
  },
};
