// InputLayer / Input: the entry point of a model. Its output is (batch_size or None,) + shape, or
// batch_shape as written; it has no weights.

import { Dim, formatShape } from '../../infer/shape';
import { isUnknown } from '../../ir/values';
import { BuildContext, LayerSpec, single } from '../spec';
import { shapeArg, show } from './shapeArg';

export const inputLayer: LayerSpec = {
  className: 'InputLayer',
  aliases: ['Input'],
  tfjs: 'inputLayer',
  args: [
    // Keras 3 `Input(shape, batch_size, dtype, sparse, ragged, batch_shape)`; tf.keras `InputLayer(input_shape, batch_size, …)`.
    { name: 'shape', aliases: ['input_shape'], tfjs: 'inputShape' },
    { name: 'batch_size' },
    { name: 'dtype', keras1: ['input_dtype'] },
    { name: 'sparse' },
    { name: 'ragged' },
    { name: 'batch_shape', aliases: ['batch_input_shape'], tfjs: 'batchInputShape' },
    { name: 'tensor', aliases: ['input_tensor', 'type_spec'], tfjs: null },
  ],
  keras1Positional: ['shape', 'batch_shape'],
  isInput: true,
  doc: 'Declares a model input: the output is (batch_size or None,) + shape, or batch_shape as written. No weights.',
  build(ctx) {
    const hasShape = ctx.given('shape') && ctx.value('shape') !== null;
    const hasBatchShape = ctx.given('batch_shape') && ctx.value('batch_shape') !== null;
    if (hasShape && hasBatchShape) {
      ctx.error('bad-argument', 'You cannot pass both `shape` and `batch_shape` (tf.keras, Keras 1: `input_shape` and `batch_input_shape`) at the same time: give the shape without the batch axis, or the full batch shape, not both.');
      return single(undefined);
    }
    if (hasBatchShape) {
      const batchShape = ctx.value('batch_shape');
      if (ctx.version === '3' && ctx.given('batch_size') && ctx.value('batch_size') !== null) {
        ctx.error('bad-argument', 'You cannot pass both `batch_size` and `batch_shape` at the same time: put the batch size first in `batch_shape`.');
        return single(undefined);
      }
      const dims = shapeArg(batchShape);
      if (!dims) {
        if (!isUnknown(batchShape)) ctx.error('bad-argument', `\`batch_shape\` must be a tuple that includes the batch axis; received ${show(batchShape)}.`);
        return single(undefined);
      }
      if (dims.length === 0) {
        ctx.error('bad-argument', '`batch_shape` must include the batch axis; received ().');
        return single(undefined);
      }
      if (hasNegativeDim(ctx, dims)) return single(undefined);
      ctx.explain(`batch_shape ${formatShape(dims)} includes the batch axis and is used as written.`);
      return single(dims);
    }
    if (!hasShape) {
      if (ctx.given('tensor') && ctx.value('tensor') !== null) return single(undefined);
      ctx.error('bad-argument', 'Input needs a `shape` (without the batch axis) or a `batch_shape`; neither was given.');
      return single(undefined);
    }
    const shape = ctx.value('shape');
    let dims = shapeArg(shape);
    if (!dims && typeof shape === 'number') {
      // tf.keras turns an int into a 1-tuple; Keras 3 cannot convert it to a shape.
      if (ctx.version === '3') {
        ctx.error('bad-argument', `\`shape\` must be a tuple such as (${shape},); Keras 3 cannot convert '${shape}' to a shape.`);
        return single(undefined);
      }
      dims = [shape];
    }
    if (!dims) return single(undefined);
    if (hasNegativeDim(ctx, dims)) return single(undefined);
    const batch = ctx.int('batch_size');
    const out = [batch, ...dims];
    ctx.explain(`(batch_size,) + shape = ${formatShape(out)}${batch === null ? ' (the batch size is None: any batch)' : ''}`);
    return single(out);
  },
};

/** Reports a negative size in a declared shape: Keras refuses it when the input is created. */
function hasNegativeDim(ctx: BuildContext, dims: Dim[]): boolean {
  const negative = dims.find(d => typeof d === 'number' && d < 0);
  // TF.js's tf.input takes it (the size is then not stated: see buildLayer's exact sizes).
  if (negative === undefined || ctx.version === 'tfjs') return false;
  ctx.error('bad-argument', `An input shape cannot have a negative size; received ${formatShape(dims)}.`);
  return true;
}
