// Permute: reorders the non-batch axes by `dims`, a 1-indexed permutation; output[i] = input[dims[i-1]].

import { formatShape } from '../../infer/shape';
import { isUnknown } from '../../ir/values';
import { BuildContext, LayerSpec, single } from '../spec';
import { shapeArg, show } from '../core/shapeArg';

/** The permutation when every entry is a known integer; undefined otherwise. */
function readDims(ctx: BuildContext): number[] | undefined {
  const dims = shapeArg(ctx.value('dims'));
  if (!dims || dims.some(d => typeof d !== 'number')) return undefined;
  return dims as number[];
}

function isPermutation(dims: readonly number[]): boolean {
  const sorted = [...dims].sort((a, b) => a - b);
  return sorted.every((d, i) => d === i + 1);
}

export const permute: LayerSpec = {
  className: 'Permute',
  tfjs: 'permute',
  args: [{ name: 'dims' }],
  rank: ctx => {
    const dims = readDims(ctx);
    return dims && isPermutation(dims) ? { exact: dims.length + 1 } : undefined;
  },
  doc: 'Reorders the non-batch axes: dims is a 1-indexed permutation, output axis i takes input axis dims[i-1].',
  build(ctx) {
    const raw = ctx.value('dims');
    if (!Array.isArray(raw)) {
      if (!isUnknown(raw)) ctx.error('bad-argument', `\`dims\` of Permute must be a tuple of axis indices starting from 1; received ${show(raw)}.`);
      return single(undefined);
    }
    const dims = readDims(ctx);
    if (!dims) return single(undefined);
    if (!isPermutation(dims)) {
      ctx.error('bad-argument', `Invalid permutation argument \`dims\` for Permute: the indices must be consecutive and start from 1 (the batch axis 0 cannot move); received dims=${formatShape(dims)}.`);
      return single(undefined);
    }
    const input = ctx.input;
    const out = [input[0], ...dims.map(d => input[d])];
    ctx.explain(`axes ${formatShape(dims)} of ${formatShape(input)} → ${formatShape(out)}`);
    return single(out);
  },
};
