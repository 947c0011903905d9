// UnitNormalization: scales each sample to unit L2 norm along `axis` (default −1); output = input, no weights.

import { LayerSpec, single } from '../spec';
import { readAxes } from './axes';

export const unitNormalization: LayerSpec = {
  className: 'UnitNormalization',
  tfjs: null,
  versions: ['tf.keras', '3'],
  args: [{ name: 'axis', default: -1 }],
  doc: 'Scales each sample to unit L2 norm along `axis`: output shape = input shape, no weights.',
  build(ctx) {
    readAxes(ctx, 'UnitNormalization', ctx.input);
    return single(ctx.input.slice());
  },
};
