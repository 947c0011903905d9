// Reshape: rearranges the non-batch elements into `target_shape` (batch excluded); one -1 is inferred
// from the element count when the input is fully known, else it is None.

import { Dim, Shape, formatShape } from '../../infer/shape';
import { isUnknown } from '../../ir/values';
import { BuildContext, BuildResult, LayerSpec, single } from '../spec';
import { shapeArg, show } from '../core/shapeArg';

export const reshape: LayerSpec = {
  className: 'Reshape',
  tfjs: 'reshape',
  args: [{ name: 'target_shape' }],
  doc: 'Rearranges the elements of each sample into target_shape (batch axis excluded); one -1 is inferred. No weights.',
  build(ctx) {
    const input = ctx.input;
    const raw = ctx.value('target_shape');
    const target = shapeArg(raw);
    if (!target) {
      if (!isUnknown(raw) && raw !== null) ctx.error('bad-argument', `\`target_shape\` must be a tuple of integers (without the batch axis); received ${show(raw)}.`);
      return single(undefined);
    }
    if (ctx.version === 'tfjs') return reshapeTfjs(ctx, input, target);
    const shown = formatShape(target);
    const minusOnes = target.filter(d => d === -1).length;
    if (minusOnes > 1) {
      ctx.error('reshape-multiple-unknown', `There must be at most one unknown dimension (-1) in \`target_shape\`; received target_shape=${shown}.`);
      return single(undefined);
    }
    const bad = target.find(d => typeof d === 'number' && (d < -1 || d === 0));
    if (bad !== undefined) {
      ctx.error('bad-argument', `\`target_shape\` must contain positive sizes or a single -1; received target_shape=${shown}.`);
      return single(undefined);
    }
    const rest = input.slice(1);
    const restShown = formatShape(rest);
    // None in the input: a -1 stays None and nothing can be checked (Keras does the same).
    if (rest.some(d => d === null)) {
      if (minusOnes === 1) ctx.explain(`the input ${restShown} contains None, so -1 stays None`);
      return single([input[0], ...target.map(d => (d === -1 ? null : d))]);
    }
    const known = rest.every(d => typeof d === 'number') && target.every(d => typeof d === 'number');
    if (!known) return single([input[0], ...target.map((d): Dim => (d === -1 ? '?' : d))]);
    const inSize = (rest as number[]).reduce((a, b) => a * b, 1);
    const fixed = (target as number[]).filter(d => d !== -1).reduce((a, b) => a * b, 1);
    if (minusOnes === 0) {
      if (inSize !== fixed) {
        ctx.error('reshape-size', `Reshape cannot turn ${restShown} (${inSize} elements per sample) into target_shape=${shown} (${fixed} elements): the total size must be unchanged. A target_shape whose sizes multiply to ${inSize} would fit, e.g. ${formatShape([inSize])}, or put -1 in place of one size to have it inferred.`);
        return single(undefined);
      }
      ctx.explain(`${rest.join(' × ')} = ${inSize} elements = ${(target as number[]).join(' × ')}`);
      return single([input[0], ...target]);
    }
    if (inSize % fixed !== 0) {
      const fits = divisorsHint(inSize);
      ctx.error('reshape-size', `Reshape cannot infer the -1 in target_shape=${shown}: the input ${restShown} has ${inSize} elements per sample, which is not divisible by the ${fixed} elements of the other target dims.${fits}`);
      return single(undefined);
    }
    const inferred = inSize / fixed;
    ctx.explain(`-1 = ${inSize} / ${fixed} = ${inferred}`);
    return single([input[0], ...(target as number[]).map(d => (d === -1 ? inferred : d))]);
  },
};

/** A hint listing what the known target dims could multiply to (the divisors of the input size). */
function divisorsHint(n: number): string {
  const divisors: number[] = [];
  for (let d = 2; d < n && divisors.length < 8; d++) if (n % d === 0) divisors.push(d);
  return divisors.length > 0 ? ` The known dims must multiply to a divisor of ${n} (for instance ${divisors.join(', ')}).` : '';
}

/**
 * TF.js Reshape.computeOutputShape: when any input dim, the batch included, is unknown (None), the target
 * is taken as written with negative sizes read as None (no -1 resolution, no size check: both happen
 * when it runs); with a fully known input it resolves one -1 and checks the size, and throws otherwise.
 */
function reshapeTfjs(ctx: BuildContext, input: Shape, target: Dim[]): BuildResult {
  const shown = formatShape(target);
  const negatives = target.filter(d => typeof d === 'number' && d < 0).length;
  const rest = input.slice(1);
  if (input.some(d => d === null)) {
    if (negatives > 0) ctx.note(`TF.js does not resolve -1 in the static shape when a dim of the input ${formatShape(input)} is None: it stays None (it is resolved when the model runs).`);
    const known = rest.every(d => typeof d === 'number') && target.every(d => typeof d === 'number' && d >= 0);
    const inSize = known ? (rest as number[]).reduce((a, b) => a * b, 1) : undefined;
    const fixed = target.every(d => typeof d === 'number') ? (target as number[]).filter(d => d >= 0).reduce((a, b) => a * b, 1) : undefined;
    if (negatives > 1 || target.some(d => typeof d === 'number' && d < -1)) {
      ctx.warning('reshape-size', `TF.js builds Reshape with target_shape=${shown}, but it fails when it runs: at most one size may be -1 and the others must be positive.`);
    } else if (inSize !== undefined && fixed !== undefined && inSize !== fixed) {
      ctx.warning('reshape-size', `TF.js builds Reshape from ${formatShape(rest)} (${inSize} elements per sample) to target_shape=${shown} (${fixed} elements), but it fails when it runs: the total size must be unchanged.`);
    } else if (negatives === 1 && fixed !== undefined && rest.every(d => typeof d === 'number')) {
      const total = (rest as number[]).reduce((a, b) => a * b, 1);
      if (fixed === 0 || total % fixed !== 0) ctx.warning('reshape-size', `TF.js builds Reshape from ${formatShape(rest)} (${total} elements per sample) to target_shape=${shown}, but it fails when it runs: ${total} is not divisible by ${fixed}.`);
    }
    const out: Shape = [input[0], ...target.map((d): Dim => (typeof d === 'number' && d < 0 ? null : d))];
    if (out.some(d => d === 0)) ctx.warning('zero-size-output', `Reshape to target_shape=${shown} gives a zero-size output ${formatShape(out)}: TF.js accepts it, so the model builds but produces empty tensors.`);
    return single(out);
  }
  if (!input.every(d => typeof d === 'number') || !target.every(d => typeof d === 'number')) {
    return single([input[0], ...target.map((d): Dim => (typeof d === 'number' && d < 0 ? '?' : d))]);
  }
  const t = target as number[];
  if (negatives > 1) {
    ctx.error('reshape-multiple-unknown', `Can only specify one unknown dimension (-1) in \`target_shape\`; received target_shape=${shown}.`);
    return single(undefined);
  }
  const inSize = (rest as number[]).reduce((a, b) => a * b, 1);
  const fixed = t.filter(d => d >= 0).reduce((a, b) => a * b, 1);
  if (negatives === 1 ? fixed === 0 || inSize % fixed !== 0 : inSize !== fixed) {
    ctx.error('reshape-size', `Reshape cannot turn ${formatShape(rest)} (${inSize} elements per sample) into target_shape=${shown}: the total size of the new array must be unchanged.`);
    return single(undefined);
  }
  const out: Shape = [input[0], ...t.map(d => (d < 0 ? inSize / fixed : d))];
  if (negatives === 1) ctx.explain(`-1 = ${inSize} / ${fixed} = ${inSize / fixed}`);
  if (out.some(d => d === 0)) ctx.warning('zero-size-output', `Reshape to target_shape=${shown} gives a zero-size output ${formatShape(out)}: TF.js accepts it, so the model builds but produces empty tensors.`);
  return single(out);
}
