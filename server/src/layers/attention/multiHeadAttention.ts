// MultiHeadAttention: mha(query, value, key=value) projects query/key/value into H heads, attends, and
// projects back to the query's last size (or `output_shape`); scores (B, H, Tq, Tv) on request.

import type { ArgValue } from '../../ir/values';
import { Dim, Shape, formatShape, formatDim } from '../../infer/shape';
import { BuildContext, LayerSpec, WeightSpec, weight } from '../spec';

function asDim(v: ArgValue): Dim {
  return typeof v === 'number' ? v : v === null ? null : '?';
}

/** `output_shape`: None → the query's last size; an int or a tuple → those trailing dims. */
function outputDims(ctx: BuildContext, Dq: Dim): Dim[] | undefined {
  const v = ctx.value('output_shape');
  if (v === null || v === 0) return [Dq];
  if (typeof v === 'number') return [v];
  if (Array.isArray(v)) return v.length === 0 ? [Dq] : v.map(asDim);
  return undefined;
}

/**
 * Attention-score shape, following Keras' einsum construction on the projected rank R = rank + 1
 * (B, …, H, dim): batch-like axes (everything but the attention axes and the last), then the query's
 * attention axes, then the key's.
 */
function scoresShape(ctx: BuildContext, q: Shape, k: Shape, heads: Dim): Shape | undefined {
  const r = q.length;
  const R = r + 1;
  const raw = ctx.value('attention_axes');
  let attn: number[];
  if (raw === null) attn = Array.from({ length: Math.max(0, R - 3) }, (_, i) => i + 1);
  else if (typeof raw === 'number') attn = [raw];
  else if (Array.isArray(raw) && raw.every(x => typeof x === 'number')) attn = raw as number[];
  else return undefined;
  attn = attn.map(a => (a >= 0 ? a : R - 1 + a));
  if (attn.some(a => a < 1 || a > R - 3 || !Number.isInteger(a))) return undefined;
  const projQ: Dim[] = [...q.slice(0, -1), heads];
  const projK: Dim[] = [...k.slice(0, -1), heads];
  const batchLike = Array.from({ length: R - 1 }, (_, i) => i).filter(i => !attn.includes(i));
  return [...batchLike.map(i => projQ[i]), ...attn.map(i => projQ[i]), ...attn.map(i => projK[i])];
}

export const multiHeadAttention: LayerSpec = {
  className: 'MultiHeadAttention',
  tfjs: null,
  versions: ['tf.keras', '3'],
  inputKind: 'many',
  args: [
    { name: 'num_heads' },
    { name: 'key_dim' },
    { name: 'value_dim' },
    { name: 'dropout', default: 0 },
    { name: 'use_bias', default: true },
    { name: 'output_shape' },
    { name: 'attention_axes' },
    { name: 'flash_attention' },
    { name: 'kernel_initializer', default: 'glorot_uniform' },
    { name: 'bias_initializer', default: 'zeros' },
    { name: 'kernel_regularizer' },
    { name: 'bias_regularizer' },
    { name: 'activity_regularizer' },
    { name: 'kernel_constraint' },
    { name: 'bias_constraint' },
    { name: 'seed' },
    { name: 'use_gate', default: false },
  ],
  doc: 'Multi-head attention called as mha(query, value[, key]): output = query shape with the last axis projected back to the query size (or output_shape); return_attention_scores adds (B, heads, Tq, Tv).',
  build(ctx) {
    const inputs = ctx.inputs;
    if (inputs.length < 2 || inputs.length > 3) {
      ctx.error('merge-incompatible', `MultiHeadAttention must be called as layer(query, value) or layer(query, value, key); received ${inputs.length} tensor(s).`);
      return { outputs: [undefined], weights: [] };
    }
    const q = inputs[0];
    const v = inputs[1];
    const k = inputs[2] ?? v;
    const H: Dim = ctx.given('num_heads') ? ctx.int('num_heads') : '?';
    const kd: Dim = ctx.given('key_dim') ? ctx.int('key_dim') : '?';
    const vdRaw = ctx.value('value_dim');
    const vd: Dim = vdRaw === null || vdRaw === 0 ? kd : asDim(vdRaw);
    if (typeof H === 'number' && H <= 0) ctx.error('bad-argument', `MultiHeadAttention: num_heads must be a positive integer; received ${H}.`);
    if (typeof kd === 'number' && kd <= 0) ctx.error('bad-argument', `MultiHeadAttention: key_dim must be a positive integer; received ${kd}.`);

    const vInner = v.slice(1, -1);
    const kInner = k.slice(1, -1);
    const mismatch = vInner.length !== kInner.length || vInner.some((d, i) => d !== '?' && kInner[i] !== '?' && d !== kInner[i]);
    if (mismatch) {
      ctx.error('merge-incompatible', `All dimensions of \`value\` and \`key\`, except the last one, must be equal. Received: value_shape=${formatShape(v)} and key_shape=${formatShape(k)}.`);
    }
    if (q.length !== k.length) {
      ctx.error('merge-incompatible', `MultiHeadAttention: query and key/value must have the same rank to be attended; received query ${formatShape(q)} and key ${formatShape(k)}.`);
    }
    const Dq = q[q.length - 1];
    const Dk = k[k.length - 1];
    const Dv = v[v.length - 1];
    const undefinedFeature = ([['query', q, Dq], ['key', k, Dk], ['value', v, Dv]] as const).filter(([, , d]) => d === null);
    if (undefinedFeature.length > 0) {
      ctx.error('undefined-dims', `MultiHeadAttention: the last dimension of ${undefinedFeature.map(([n, s]) => `${n} ${formatShape(s)}`).join(' and ')} must be defined to create the projection kernels.`);
    }
    const out = outputDims(ctx, Dq);
    const useBias = ctx.bool('use_bias') !== false;
    const useGate = ctx.bool('use_gate') === true;

    const weights: WeightSpec[] = [];
    const proj = (name: string, D: Dim, label: string, dim: Dim, dimLabel: string) => {
      weights.push(weight(`${name}/kernel`, [[D, `${label} features`], [H, 'heads'], [dim, dimLabel]]));
      if (useBias) weights.push(weight(`${name}/bias`, [[H, 'heads'], [dim, dimLabel]]));
    };
    proj('query', Dq, 'query', kd, 'key_dim');
    proj('key', Dk, 'key', kd, 'key_dim');
    if (useGate) proj('gate', Dq, 'query', vd, 'value_dim');
    proj('value', Dv, 'value', vd, 'value_dim');
    const outAxes = (out ?? ['?']).map((d, i, all) => [d, all.length === 1 ? 'output features' : `output axis ${i + 1}`] as [Dim, string]);
    weights.push(weight('attention_output/kernel', [[H, 'heads'], [vd, 'value_dim'], ...outAxes]));
    if (useBias) weights.push(weight('attention_output/bias', outAxes));

    ctx.note(`Each projection is a kernel (input features, heads, size per head): query and key go to key_dim = ${formatDim(kd)} per head, value to value_dim = ${formatDim(vd)}; attention_output maps the ${formatDim(H)} heads × ${formatDim(vd)} back to ${out ? formatShape(out) : '?'}.`);
    if (!ctx.given('value_dim')) ctx.note('value_dim defaults to key_dim.');

    const output: Shape | undefined = out ? [...q.slice(0, -1), ...out] : undefined;
    const outputs: (Shape | undefined)[] = [output];
    if (ctx.callOption('return_attention_scores') === true) {
      outputs.push(q.length === k.length ? scoresShape(ctx, q, k, H) : undefined);
      ctx.note('return_attention_scores=True adds the attention weights (batch, heads, query steps, key steps) as a second output.');
    }
    return { outputs, weights };
  },
};
