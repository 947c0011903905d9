// LeakyReLU: x for x ≥ 0, slope·x below; the slope is `alpha` in Keras 1/2 and tf.keras, `negative_slope`
// in Keras 3 (which still reads `alpha` with a deprecation warning). Shape passes through.

import { LayerSpec, single } from '../spec';

export const leakyRelu: LayerSpec = {
  className: 'LeakyReLU',
  tfjs: 'leakyReLU',
  args: [{ name: 'negative_slope', aliases: ['alpha'], default: 0.3, tfjs: 'alpha' }],
  doc: 'Leaky rectified linear unit: output shape = input shape, no weights.',
  build(ctx) {
    return single(ctx.input.slice());
  },
};
