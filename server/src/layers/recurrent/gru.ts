// GRU: three gates (update z, reset r, candidate h) side by side in one kernel (D, 3u); one state. With
// reset_after (default in tf.keras 2 and Keras 3) the bias is (2, 3u): separate input and recurrent biases.

import { formatCount, formatDim } from '../../infer/shape';
import { describeVersion } from '../../ir/kerasVersion';
import { LayerSpec, WeightSpec, weight } from '../spec';
import { keras1GateWeights } from './keras1Gates';
import { RNN_KERAS1_ONLY_ARGS, paramsOf, positiveInt, rnnArgs, rnnKeras1Positional, rnnLayout, rnnOutputs, times } from './rnnCommon';

export const gru: LayerSpec = {
  className: 'GRU',
  tfjs: 'gru',
  args: rnnArgs('gru'),
  keras1Positional: rnnKeras1Positional('gru'),
  keras1OnlyArgs: RNN_KERAS1_ONLY_ARGS,
  rank: { exact: 3 },
  doc: 'Gated recurrent unit layer: (B, T, D) → (B, units), or (B, T, units) with return_sequences; return_state adds the last state (B, units).',
  build(ctx) {
    const layout = rnnLayout(ctx, 'GRU');
    const units = positiveInt(ctx, 'GRU', 'units', ctx.version === '1' ? 'output_dim' : 'units');
    const D = layout.features;
    const u3 = times(3, units);
    let weights: WeightSpec[];
    if (ctx.version === '1') {
      weights = keras1GateWeights(ctx, 'GRU', D, units, ['z', 'r', 'h'], ['z', 'r', 'h']);
    } else {
      const gates = '3 gates × units (z, r, h)';
      weights = [
        weight('kernel', [[D, 'input features'], [u3, gates]]),
        weight('recurrent_kernel', [[units, 'previous state h (units)'], [u3, gates]]),
      ];
      const resetAfter = ctx.bool('reset_after');
      if (ctx.version === 'tfjs' && resetAfter === true) {
        ctx.error('bad-argument', 'TF.js GRU supports only resetAfter: false ("GRUCell does not support reset_after parameter set to true."); its bias is always (3·u,).');
      }
      if (ctx.bool('use_bias') !== false) {
        if (resetAfter === true) {
          weights.push(weight('bias', [[2, 'input bias, recurrent bias'], [u3, gates]]));
          ctx.note(`With reset_after=True${ctx.given('reset_after') ? '' : ` (the default in ${describeVersion(ctx.version)})`}, the reset gate is applied after the recurrent matrix product, so the input and the recurrent projections each get their own bias: bias is (2, 3·u) = (2, ${formatDim(u3)}). This is the cuDNN-compatible GRU.`);
        } else if (resetAfter === false) {
          weights.push(weight('bias', [[u3, gates]]));
          if (!ctx.given('reset_after') && ctx.version === '2') {
            ctx.note('Standalone Keras 2 defaults to reset_after=False, so the bias is a single (3·u,) vector; tf.keras 2 and Keras 3 default to reset_after=True and a (2, 3·u) bias.');
          }
        } else {
          weights.push(weight('bias', [['?', 'shape depends on reset_after']]));
          ctx.note('reset_after could not be evaluated: the bias is (3·u,) without it and (2, 3·u) with it.');
        }
      }
      ctx.note(`A GRU computes 3 gates (update z, reset r, candidate h); Keras stores them side by side, so kernel is (D, 3·u) = (${formatDim(D)}, ${formatDim(u3)}) and recurrent_kernel (u, 3·u) = (${formatDim(units)}, ${formatDim(u3)}).`);
    }
    const params = paramsOf(weights);
    if (params !== undefined) ctx.note(`Parameters: ${formatCount(params)}.`);
    return { outputs: rnnOutputs(ctx, layout, units, 1), weights };
  },
};
