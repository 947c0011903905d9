// Concatenate: joins a list of tensors along `axis` (default -1, counted on the batch-including shape);
// all other dims must match (None matches anything) and the axis dim is the sum, or None if any is None.

import { Dim, Shape, formatDim, formatShape, normalizeAxis } from '../../infer/shape';
import { LayerSpec, single } from '../spec';
import { checkArity, defaultMinInputs } from './mergeCommon';

export const concatenate: LayerSpec = {
  className: 'Concatenate',
  tfjs: 'concatenate',
  args: [{ name: 'axis', keras1: ['concat_axis'], default: -1 }],
  keras1OnlyArgs: ['concat_axis'],
  inputKind: 'list',
  doc: 'Joins tensors along `axis` (default -1): the other dims must match and the axis dim is the sum. No weights.',
  build(ctx) {
    if (!checkArity(ctx, 'Concatenate', defaultMinInputs(ctx))) return single(undefined);
    const shapes = ctx.inputs;
    const list = shapes.map(formatShape).join(', ');
    const rank = shapes[0].length;
    if (shapes.some(s => s.length !== rank)) {
      ctx.error('concat-mismatch', `A \`Concatenate\` layer requires inputs of the same rank with matching shapes except for the concatenation axis; received shapes ${list}.`);
      return single(undefined);
    }
    const rawAxis = ctx.int('axis');
    if (typeof rawAxis !== 'number') return single(undefined);
    const axis = normalizeAxis(rawAxis, rank);
    if (axis === undefined) {
      ctx.error('bad-argument', `Concatenate axis=${rawAxis} is out of range for inputs of rank ${rank} (shapes ${list}).`);
      return single(undefined);
    }
    for (let i = 0; i < rank; i++) {
      if (i === axis) continue;
      // TF.js compares every dim but the axis as a value: None only matches None.
      const tfjsStrict = ctx.version === 'tfjs' && !shapes.some(s => s[i] === '?');
      const values = new Set(shapes.map(s => s[i]).filter((d): d is number | null => typeof d === 'number' || (tfjsStrict && d === null)));
      if (values.size > 1) {
        const what = i === 0 ? 'the batch axis' : `axis ${i}`;
        ctx.error('concat-mismatch', `A \`Concatenate\` layer requires inputs with matching shapes except for the concatenation axis (${axis}); ${what} differs: ${[...values].map(formatDim).join(' vs ')}. Received shapes ${list}.`);
        return single(undefined);
      }
    }
    const parts = shapes.map(s => s[axis]);
    let total: Dim;
    if (parts.some(d => d === null)) total = null;
    else if (parts.some(d => d === '?')) total = '?';
    else total = (parts as number[]).reduce((a, b) => a + b, 0);
    // Like Keras, the other dims are taken from the first input.
    const out: Shape = shapes[0].slice();
    out[axis] = total;
    if (typeof total === 'number' && parts.length > 1) ctx.explain(`axis ${axis}: ${parts.join(' + ')} = ${total}`);
    else if (total === null) ctx.explain(`axis ${axis}: an input has None there, so the sum is None`);
    return single(out);
  },
};
