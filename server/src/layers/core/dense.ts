// Dense: a fully connected layer on the last axis. Keras stores the kernel as (inputs, units), the
// transpose of W in y = W·x, because it computes a batch at once as Y = X·kernel.

import { formatShape } from '../../infer/shape';
import { formatValue, isUnknown } from '../../ir/values';
import { activationArg, useBiasArg } from '../commonArgs';
import { LayerSpec, single, weight } from '../spec';

export const dense: LayerSpec = {
  className: 'Dense',
  tfjs: 'dense',
  args: [
    { name: 'units', keras1: ['output_dim'] },
    activationArg,
    useBiasArg,
  ],
  keras1OnlyArgs: ['output_dim', 'init', 'W_regularizer', 'b_regularizer', 'W_constraint', 'b_constraint'],
  rank: { min: 2 },
  doc: 'Fully connected layer on the last axis: (…, inputs) → (…, units).',
  build(ctx) {
    const input = ctx.input;
    const last = input[input.length - 1];
    const written = ctx.value('units');
    const float = isUnknown(written) ? written.float : undefined;
    // tf.keras converts a float with int(units); Keras 3 checks `isinstance(units, int)`.
    const units = ctx.version === 'tf.keras' && float !== undefined && Number.isSafeInteger(float) ? float : ctx.int('units');
    if (ctx.version === '3' && float !== undefined) {
      ctx.error('bad-argument', `Keras 3's Dense expects an int for units; received the float ${formatValue(written)}. Python's \`/\` always gives a float: divide ints with \`//\`, or convert with int().`);
    }
    if (typeof units === 'number' && units <= 0) {
      ctx.error('bad-argument', `Dense expects a positive number of units; received ${units}.`);
    }
    if (last === null) {
      ctx.error('undefined-last-dim', `The last dimension of the input to Dense must be defined; found None in ${formatShape(input)}. Flatten a fully known shape or give the input a defined last dimension.`);
      return single(undefined);
    }
    const useBias = ctx.bool('use_bias') !== false;
    const kernelName = ctx.version === '1' ? 'W' : 'kernel';
    const weights = [weight(kernelName, [[last, 'inputs (last axis of the input)'], [units, 'units']])];
    if (useBias) weights.push(weight(ctx.version === '1' ? 'b' : 'bias', [[units, 'units']]));
    ctx.note(`The kernel is stored as (inputs, units) = (${last}, ${units}): the transpose of W in y = W·x, because Keras computes a whole batch as Y = X·kernel.`);
    if (input.length > 2) ctx.note(`Dense acts on the last axis only; the other axes ${formatShape(input.slice(0, -1))} pass through.`);
    return single([...input.slice(0, -1), units], weights);
  },
};

