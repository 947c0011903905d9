// LSTM: four gates (input, forget, cell candidate, output) side by side in one kernel (D, 4u); two states
// (h, c). Keras 1 stored the gates as 12 separate arrays unless consume_less='gpu'.

import { formatCount, formatDim } from '../../infer/shape';
import { LayerSpec, WeightSpec, weight } from '../spec';
import { RNN_KERAS1_ONLY_ARGS, paramsOf, positiveInt, rnnArgs, rnnKeras1Positional, rnnLayout, rnnOutputs, times } from './rnnCommon';
import { keras1GateWeights } from './keras1Gates';

export const lstm: LayerSpec = {
  className: 'LSTM',
  tfjs: 'lstm',
  args: rnnArgs('lstm'),
  keras1Positional: rnnKeras1Positional('lstm'),
  keras1OnlyArgs: RNN_KERAS1_ONLY_ARGS,
  rank: { exact: 3 },
  doc: 'Long short-term memory layer: (B, T, D) → (B, units), or (B, T, units) with return_sequences; return_state adds the last h and c, each (B, units).',
  build(ctx) {
    const layout = rnnLayout(ctx, 'LSTM');
    const units = positiveInt(ctx, 'LSTM', 'units', ctx.version === '1' ? 'output_dim' : 'units');
    const D = layout.features;
    const u4 = times(4, units);
    let weights: WeightSpec[];
    if (ctx.version === '1') {
      weights = keras1GateWeights(ctx, 'LSTM', D, units, ['i', 'c', 'f', 'o'], ['i', 'f', 'c', 'o']);
    } else {
      const gates = '4 gates × units (i, f, c, o)';
      weights = [
        weight('kernel', [[D, 'input features'], [u4, gates]]),
        weight('recurrent_kernel', [[units, 'previous state h (units)'], [u4, gates]]),
      ];
      if (ctx.bool('use_bias') !== false) weights.push(weight('bias', [[u4, gates]]));
      ctx.note(`An LSTM computes 4 gates (input i, forget f, cell candidate c, output o), each a dense map of the input and of the previous h; Keras stores them side by side, so kernel is (D, 4·u) = (${formatDim(D)}, ${formatDim(u4)}) and recurrent_kernel (u, 4·u) = (${formatDim(units)}, ${formatDim(u4)}).`);
    }
    const params = paramsOf(weights);
    const useBias = ctx.version === '1' || ctx.bool('use_bias') !== false;
    if (params !== undefined) ctx.note(`Parameters: 4·(D·u + u²${useBias ? ' + u' : ''}) = ${formatCount(params)}.`);
    return { outputs: rnnOutputs(ctx, layout, units, 2), weights };
  },
};
