// Softmax: normalises the input to probabilities along `axis` (default -1); the shape passes through.

import { formatShape, normalizeAxis } from '../../infer/shape';
import { LayerSpec, single } from '../spec';

export const softmax: LayerSpec = {
  className: 'Softmax',
  versions: ['2', 'tf.keras', '3'],
  tfjs: 'softmax',
  args: [{ name: 'axis', default: -1 }],
  doc: 'Softmax along `axis` (default -1): output shape = input shape, no weights.',
  build(ctx) {
    const axis = ctx.value('axis');
    const axes = typeof axis === 'number' ? [axis] : Array.isArray(axis) ? axis : [];
    for (const a of axes) {
      if (typeof a === 'number' && normalizeAxis(a, ctx.input.length) === undefined) {
        ctx.error('bad-argument', `Softmax axis=${a} is out of range for an input of rank ${ctx.input.length} ${formatShape(ctx.input)}.`);
      }
    }
    return single(ctx.input.slice());
  },
};
