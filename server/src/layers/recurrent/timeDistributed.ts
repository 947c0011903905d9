// TimeDistributed: applies the wrapped layer to every step of the time axis with shared weights; the inner
// layer sees (B,) + input[2:] and the output is (B, T) + inner output[1:].

import { Shape, formatShape, formatDim } from '../../infer/shape';
import { LayerSpec } from '../spec';
import { innerLayer } from './bidirectional';

export const timeDistributed: LayerSpec = {
  className: 'TimeDistributed',
  tfjs: 'timeDistributed',
  args: [{ name: 'layer' }],
  rank: { min: 3 },
  doc: 'Applies the wrapped layer to each time step with shared weights: (B, T, …) → (B, T, …inner output).',
  build(ctx) {
    const inner = innerLayer(ctx, 'TimeDistributed', 'layer');
    if (!inner) return undefined;
    const input = ctx.input;
    const step: Shape = [input[0], ...input.slice(2)];
    const result = ctx.buildInner(inner, step);
    if (!result) return undefined;
    const outputs = result.outputs.map(o => (o ? [input[0], input[1], ...o.slice(1)] : undefined));
    ctx.note(`TimeDistributed applies ${inner.className} to each of the ${formatDim(input[1])} steps with the same weights: the inner layer is built for one step's shape ${formatShape(step)}, and its weights are the wrapper's weights.`);
    return { outputs, weights: result.weights.map(w => ({ ...w, shape: w.shape.slice(), axes: w.axes.slice() })) };
  },
};
