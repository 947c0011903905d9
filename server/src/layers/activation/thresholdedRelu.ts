// ThresholdedReLU: x where x > theta, else 0 (removed in Keras 3: use ReLU(threshold=…)). Shape unchanged.

import { LayerSpec, single } from '../spec';

export const thresholdedRelu: LayerSpec = {
  className: 'ThresholdedReLU',
  versions: ['1', '2', 'tf.keras'],
  tfjs: 'thresholdedReLU',
  args: [{ name: 'theta', default: 1 }],
  doc: 'Thresholded rectified linear unit: output shape = input shape, no weights. Not in Keras 3 (use ReLU(threshold=…)).',
  build(ctx) {
    return single(ctx.input.slice());
  },
};
