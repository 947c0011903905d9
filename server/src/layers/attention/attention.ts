// Attention (dot-product / Luong): scores = query·keyᵀ (optionally × a learned scalar scale), softmax over
// the value steps; (B, Tq, D) with (B, Tv, Dv) → (B, Tq, Dv). Weights only with use_scale or score_mode='concat'.

import { LayerSpec, WeightSpec, weight } from '../spec';
import { attentionInputs, attentionOutputs } from './attentionCommon';

export const attention: LayerSpec = {
  className: 'Attention',
  tfjs: null,
  versions: ['tf.keras', '3'],
  inputKind: 'list',
  args: [
    { name: 'use_scale', default: false },
    { name: 'score_mode', default: 'dot' },
    { name: 'dropout', default: 0 },
    { name: 'seed' },
  ],
  doc: 'Dot-product attention on [query, value(, key)]: (B, Tq, D) and (B, Tv, Dv) → (B, Tq, Dv); return_attention_scores adds (B, Tq, Tv).',
  build(ctx) {
    const mode = ctx.str('score_mode');
    if (mode !== '?' && mode !== 'dot' && mode !== 'concat') {
      ctx.error('bad-argument', `Invalid value for argument score_mode. Expected one of {'dot', 'concat'}. Received: score_mode=${mode}.`);
      return { outputs: [undefined], weights: [] };
    }
    const io = attentionInputs(ctx, 'Attention');
    if (!io) return undefined;
    const weights: WeightSpec[] = [];
    if (ctx.bool('use_scale') === true) weights.push(weight('scale', []));
    if (mode === 'concat') weights.push(weight('concat_score_weight', []));
    if (weights.length > 0) ctx.note('use_scale and score_mode=\'concat\' each add one learned scalar (shape ()), so Attention has at most 2 parameters.');
    else ctx.note('Dot-product Attention has no weights unless use_scale=True or score_mode=\'concat\'.');
    return { outputs: attentionOutputs(ctx, io), weights };
  },
};
