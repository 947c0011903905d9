// SimpleRNN: a fully connected recurrence h_t = act(x_t·kernel + h_{t−1}·recurrent_kernel + bias) over the
// time axis of a (B, T, D) input; one state, so `return_state` adds a single (B, units).

import { formatCount, formatDim } from '../../infer/shape';
import { LayerSpec, WeightSpec, weight } from '../spec';
import { RNN_KERAS1_ONLY_ARGS, paramsOf, positiveInt, rnnArgs, rnnKeras1Positional, rnnLayout, rnnOutputs } from './rnnCommon';

export const simpleRnn: LayerSpec = {
  className: 'SimpleRNN',
  tfjs: 'simpleRNN',
  args: rnnArgs('simple'),
  keras1Positional: rnnKeras1Positional('simple'),
  keras1OnlyArgs: RNN_KERAS1_ONLY_ARGS,
  rank: { exact: 3 },
  doc: 'Fully connected recurrent layer: (B, T, D) → (B, units), or (B, T, units) with return_sequences; return_state adds the last state (B, units).',
  build(ctx) {
    const layout = rnnLayout(ctx, 'SimpleRNN');
    const units = positiveInt(ctx, 'SimpleRNN', 'units', ctx.version === '1' ? 'output_dim' : 'units');
    const D = layout.features;
    const weights: WeightSpec[] = [];
    if (ctx.version === '1') {
      weights.push(
        weight('W', [[D, 'input features (input_dim)'], [units, 'output_dim']]),
        weight('U', [[units, 'previous state (output_dim)'], [units, 'output_dim']]),
        weight('b', [[units, 'output_dim']]),
      );
    } else {
      weights.push(
        weight('kernel', [[D, 'input features'], [units, 'units']]),
        weight('recurrent_kernel', [[units, 'previous state (units)'], [units, 'units']]),
      );
      if (ctx.bool('use_bias') !== false) weights.push(weight('bias', [[units, 'units']]));
    }
    const params = paramsOf(weights);
    if (params !== undefined) {
      ctx.note(`SimpleRNN has one dense map of the input (kernel D × u = ${formatDim(D)} × ${formatDim(units)}), one of the previous state (recurrent_kernel u × u) and a bias (u,): ${formatCount(params)} parameters.`);
    }
    return { outputs: rnnOutputs(ctx, layout, units, 1), weights };
  },
};
