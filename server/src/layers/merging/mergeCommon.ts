// Shared rules of the merge layers (called on a list of tensors): the number of inputs, the batch axis,
// and the right-aligned broadcasting of element-wise merges (Add, Multiply, Average, Maximum, …).

import { Dim, Shape, formatShape } from '../../infer/shape';
import type { BuildContext, LayerSpec } from '../spec';
import { single } from '../spec';

/** At least one input in Keras 3 and tf.keras; Keras 1 and standalone Keras 2 want at least two. */
export function defaultMinInputs(ctx: BuildContext): number {
  return ctx.version === '3' || ctx.version === 'tf.keras' ? 1 : 2;
}

/** Reports a wrong number of inputs (`merge-arity`); true when the count is acceptable. */
export function checkArity(ctx: BuildContext, className: string, min: number, max?: number): boolean {
  const n = ctx.inputs.length;
  if (max !== undefined && min === max && n !== min) {
    ctx.error('merge-arity', `A \`${className}\` layer should be called on a list of exactly ${min} inputs; received ${n}.`);
    return false;
  }
  if (n < min) {
    ctx.error('merge-arity', `A \`${className}\` layer should be called on a list of at least ${min} input${min === 1 ? '' : 's'}; received ${n}.`);
    return false;
  }
  if (max !== undefined && n > max) {
    ctx.error('merge-arity', `A \`${className}\` layer should be called on a list of at most ${max} inputs; received ${n}.`);
    return false;
  }
  return true;
}

/** The merged batch dim: the known batch size when there is one; different known sizes are an error. */
export function mergedBatch(ctx: BuildContext, shapes: readonly Shape[]): Dim | undefined {
  const known = [...new Set(shapes.map(s => s[0]).filter((d): d is number => typeof d === 'number'))];
  if (known.length > 1) {
    ctx.error('merge-incompatible', `Cannot merge tensors with different batch sizes; received shapes ${shapes.map(formatShape).join(', ')}.`);
    return undefined;
  }
  if (known.length === 1) return known[0];
  return shapes.some(s => s[0] === '?') ? '?' : null;
}

/**
 * Broadcasts two shapes (batch excluded) right-aligned: equal → that value, 1 → the other, None → None;
 * an unknown dim against a number other than 1 stays unknown. Undefined when two numbers clash.
 */
export function broadcastPair(a: readonly Dim[], b: readonly Dim[]): Dim[] | undefined {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  const offset = long.length - short.length;
  const out: Dim[] = long.slice(0, offset);
  for (let i = 0; i < short.length; i++) {
    const x = long[offset + i];
    const y = short[i];
    if (x === null || y === null) out.push(null);
    else if (x === 1) out.push(y);
    else if (y === 1) out.push(x);
    else if (x === '?' || y === '?') out.push('?');
    else if (x !== y) return undefined;
    else out.push(x);
  }
  return out;
}

/** Keras 1 `merge(mode='sum'|'mul'|'ave'|'max')` needs identical shapes: no broadcasting. */
function strictPair(a: readonly Dim[], b: readonly Dim[]): Dim[] | undefined {
  if (a.length !== b.length) return undefined;
  const out: Dim[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (typeof x === 'number' && typeof y === 'number' && x !== y) return undefined;
    out.push(x);
  }
  return out;
}

/** The output shape of an element-wise merge of all inputs, reporting `merge-incompatible`. */
export function elementwiseShape(ctx: BuildContext, className: string): Shape | undefined {
  const shapes = ctx.inputs;
  const batch = mergedBatch(ctx, shapes);
  if (batch === undefined) return undefined;
  let acc: Dim[] = shapes[0].slice(1);
  for (let i = 1; i < shapes.length; i++) {
    const next = shapes[i].slice(1);
    const merged = ctx.version === '1' ? strictPair(acc, next) : broadcastPair(acc, next);
    if (!merged) {
      const why = ctx.version === '1'
        ? 'Keras 1 merges element-wise only tensors of the same shape'
        : 'the non-batch shapes must be equal or broadcastable (right-aligned; a 1 stretches)';
      ctx.error('merge-incompatible', `${className}: inputs have incompatible shapes ${formatShape(shapes[i - 1])} and ${formatShape(shapes[i])}: ${why}.`);
      return undefined;
    }
    acc = merged;
  }
  const out = [batch, ...acc];
  if (shapes.length > 1 && shapes.some(s => s.length !== out.length || s.some((d, j) => d !== out[j]))) {
    ctx.explain(`broadcast ${shapes.map(formatShape).join(' with ')} → ${formatShape(out)}`);
  }
  return out;
}

/** An element-wise merge layer (no weights): Add, Multiply, Average, Maximum, Minimum, Subtract. */
export function makeElementwiseMerge(className: string, tfjs: string | null, what: string, exactlyTwo = false): LayerSpec {
  return {
    className,
    tfjs,
    args: [],
    inputKind: 'list',
    doc: `${what} of a list of tensors, element-wise with broadcasting: the output has the broadcast shape. No weights.`,
    build(ctx) {
      const ok = exactlyTwo ? checkArity(ctx, className, 2, 2) : checkArity(ctx, className, defaultMinInputs(ctx));
      if (!ok) return single(undefined);
      return single(elementwiseShape(ctx, className));
    },
  };
}
