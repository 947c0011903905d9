// Dot: batch-wise dot product of exactly two tensors along `axes` (int or one per input, batch-inclusive,
// negative allowed). Output = input 1 without its axis ++ input 2 without batch and its axis; rank 1 → (B, 1).

import { Dim, formatDim, formatShape, normalizeAxis } from '../../infer/shape';
import { formatValue } from '../../ir/values';
import { LayerSpec, single } from '../spec';
import { checkArity } from './mergeCommon';

export const dot: LayerSpec = {
  className: 'Dot',
  tfjs: 'dot',
  args: [
    // The class requires `axes`; the functional `dot(...)` and Keras 1 `merge(mode='dot')` default to -1.
    { name: 'axes', keras1: ['dot_axes'], default: -1 },
    { name: 'normalize', default: false },
  ],
  keras1OnlyArgs: ['dot_axes'],
  inputKind: 'list',
  doc: 'Dot product of two tensors along the given axes: the summed axes disappear; a rank-1 result becomes (batch, 1). No weights.',
  build(ctx) {
    if (!checkArity(ctx, 'Dot', 2, 2)) return single(undefined);
    const [a, b] = ctx.inputs;
    if (a.length < 2 || b.length < 2) {
      ctx.error('input-rank', `Dot needs inputs of rank ≥ 2 (batch included); received shapes ${formatShape(a)} and ${formatShape(b)}.`);
      return single(undefined);
    }
    if (ctx.version === 'tfjs' && (a.length > 3 || b.length > 3)) {
      ctx.error('input-rank', `TF.js Dot does not support tensors of 4D or higher rank yet; received shapes ${formatShape(a)} and ${formatShape(b)}.`);
      return single(undefined);
    }
    const raw = ctx.value('axes');
    let pair: Dim[];
    if (typeof raw === 'number') pair = [raw, raw];
    else if (Array.isArray(raw)) {
      if (raw.length !== 2) {
        ctx.error('bad-argument', `Dot \`axes\` must be an integer or a pair of integers (one per input); received axes=${formatValue(raw)}.`);
        return single(undefined);
      }
      pair = raw.map(v => (typeof v === 'number' ? v : '?'));
    } else return single(undefined);
    if (typeof pair[0] !== 'number' || typeof pair[1] !== 'number') return single(undefined);
    const ax1 = normalizeAxis(pair[0], a.length);
    const ax2 = normalizeAxis(pair[1], b.length);
    if (ax1 === undefined || ax2 === undefined) {
      ctx.error('bad-argument', `Dot axes=${formatValue(raw)} are out of range for inputs ${formatShape(a)} and ${formatShape(b)}.`);
      return single(undefined);
    }
    if (ax1 === 0 || ax2 === 0) {
      ctx.error('bad-argument', `Dot cannot take the product over the batch axis 0 (axes=${formatValue(raw)}); use axes ≥ 1.`);
      return single(undefined);
    }
    const d1 = a[ax1];
    const d2 = b[ax2];
    // TF.js compares the summed dims as values: None against a number is a mismatch there.
    const clash = ctx.version === 'tfjs' ? d1 !== '?' && d2 !== '?' && d1 !== d2 : typeof d1 === 'number' && typeof d2 === 'number' && d1 !== d2;
    if (clash) {
      ctx.error('dot-mismatch', `Dot: incompatible input shapes: axis values ${formatDim(d1)} (at axis ${ax1} of ${formatShape(a)}) != ${formatDim(d2)} (at axis ${ax2} of ${formatShape(b)}). The summed axes must have the same size.`);
      return single(undefined);
    }
    const out: Dim[] = [...a.filter((_, i) => i !== ax1), ...b.filter((_, i) => i !== 0 && i !== ax2)];
    if (out.length === 1) out.push(1);
    ctx.explain(`sum over axis ${ax1} of ${formatShape(a)} and axis ${ax2} of ${formatShape(b)} → ${formatShape(out)}`);
    if (ctx.bool('normalize') === true) ctx.note('normalize=True L2-normalises both inputs along the summed axes first (cosine similarity); the shape is unchanged by it.');
    return single(out);
  },
};
