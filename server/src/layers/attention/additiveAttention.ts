// AdditiveAttention (Bahdanau): scores = Σ scale · tanh(query + key) over the features; output
// (B, Tq, value features); with use_scale (the default) a learned `scale` of size D, the query's last axis.

import { formatShape, formatDim } from '../../infer/shape';
import { LayerSpec, WeightSpec, weight } from '../spec';
import { attentionInputs, attentionOutputs } from './attentionCommon';

export const additiveAttention: LayerSpec = {
  className: 'AdditiveAttention',
  tfjs: null,
  versions: ['tf.keras', '3'],
  inputKind: 'list',
  args: [
    { name: 'use_scale', default: true },
    { name: 'dropout', default: 0 },
  ],
  doc: 'Additive (Bahdanau) attention on [query, value(, key)]: (B, Tq, D) and (B, Tv, Dv) → (B, Tq, Dv); use_scale (default) adds a scale vector (D,).',
  build(ctx) {
    const io = attentionInputs(ctx, 'AdditiveAttention');
    if (!io) return undefined;
    const D = io.query[io.query.length - 1];
    const weights: WeightSpec[] = [];
    if (ctx.bool('use_scale') !== false) {
      if (D === null) {
        ctx.error('undefined-dims', `AdditiveAttention: the last dimension of the query must be defined to create \`scale\`; found None in ${formatShape(io.query)}.`);
      }
      weights.push(weight('scale', [[D, 'query features']]));
      ctx.note(`With use_scale=True (the default) the tanh(query + key) terms are weighted per feature by a learned scale of shape (D,) = (${formatDim(D)},).`);
    }
    return { outputs: attentionOutputs(ctx, io), weights };
  },
};
