// Reading the `axis` argument of the normalization layers: an int or a list, negative values counted from
// the end of the batch-including shape, with the out-of-bounds and duplicate checks Keras makes.

import { Shape, formatShape, normalizeAxis } from '../../infer/shape';
import { formatValue } from '../../ir/values';
import type { BuildContext } from '../spec';

/**
 * The normalised axes of `axis` for `input`, in the order given; undefined when the value is not known
 * (silently) or is provably wrong (reported as `bad-argument`).
 */
export function readAxes(ctx: BuildContext, layerName: string, input: Shape, allowList = true): number[] | undefined {
  const raw = ctx.value('axis');
  let list: number[];
  if (typeof raw === 'number') list = [raw];
  else if (Array.isArray(raw) && raw.every(v => typeof v === 'number')) {
    if (!allowList && raw.length !== 1) {
      ctx.error('bad-argument', `${layerName}: \`axis\` must be an integer here; received ${formatValue(raw)}.`);
      return undefined;
    }
    list = raw as number[];
  } else return undefined;
  const out: number[] = [];
  for (const a of list) {
    const n = Number.isInteger(a) ? normalizeAxis(a, input.length) : undefined;
    if (n === undefined) {
      ctx.error('bad-argument', `${layerName}: axis ${a} is out of bounds for input shape ${formatShape(input)} (rank ${input.length}).`);
      return undefined;
    }
    out.push(n);
  }
  if (new Set(out).size !== out.length) {
    ctx.error('bad-argument', `${layerName}: duplicate axes are not allowed; received axis=${formatValue(raw)} for input shape ${formatShape(input)}.`);
    return undefined;
  }
  return out;
}

/** Reports a None dimension on a parameter axis (the weights could not be created). */
export function checkDefined(ctx: BuildContext, layerName: string, input: Shape, axes: readonly number[]): boolean {
  const bad = axes.filter(a => input[a] === null);
  if (bad.length === 0) return true;
  ctx.error('undefined-dims', `${layerName}: axis ${bad.join(', ')} of the input should have a defined dimension, but the layer received an input with shape ${formatShape(input)}.`);
  return false;
}
