// Softmax: normalises the input to probabilities along `axis` (default -1); the shape passes through.

import { formatShape, normalizeAxis } from '../../infer/shape';
import type { KerasVersion } from '../../ir/kerasVersion';
import { LayerSpec, single } from '../spec';

export const softmax: LayerSpec = {
  className: 'Softmax',
  versions: ['2', 'tf.keras', '3', 'tfjs'],
  tfjs: 'softmax',
  // TF.js `tf.layers.softmax` defaults to axis 1 (Keras: -1).
  args: [{ name: 'axis', default: (v: KerasVersion) => (v === 'tfjs' ? 1 : -1) }],
  doc: 'Softmax along `axis` (default -1): output shape = input shape, no weights.',
  build(ctx) {
    const axis = ctx.value('axis');
    const axes = typeof axis === 'number' ? [axis] : Array.isArray(axis) ? axis : [];
    if (ctx.version === 'tfjs') {
      // TF.js builds any axis (the shape passes through) and only runs softmax along the last axis.
      const rank = ctx.input.length;
      if (!ctx.given('axis')) ctx.note(`TF.js Softmax defaults to axis 1, not -1${rank === 2 ? ' (the same axis for this 2-D input)' : ''}.`);
      for (const a of axes) {
        if (typeof a === 'number' && normalizeAxis(a, rank) !== rank - 1) {
          ctx.warning('softmax-axis', `TF.js Softmax along axis ${a}${ctx.given('axis') ? '' : ' (its default)'} of an input of rank ${rank} ${formatShape(ctx.input)} builds, but fails when it runs: "Softmax along a non-last dimension is not yet supported". Write axis: -1.`);
        }
      }
      return single(ctx.input.slice());
    }
    for (const a of axes) {
      if (typeof a === 'number' && normalizeAxis(a, ctx.input.length) === undefined) {
        ctx.error('bad-argument', `Softmax axis=${a} is out of range for an input of rank ${ctx.input.length} ${formatShape(ctx.input)}.`);
      }
    }
    return single(ctx.input.slice());
  },
};
