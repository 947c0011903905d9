// Flatten: collapses every non-batch axis into one, (B, d1, …, dn) → (B, d1·…·dn). Keras 3 and tf.keras
// give (B, None) when a dim is None and pass 2-D input through; Keras 1, standalone Keras 2 and TF.js reject both.

import { Dim, formatShape } from '../../infer/shape';
import { dataFormatArg } from '../commonArgs';
import { LayerSpec, single } from '../spec';

/** Keras 1, standalone Keras 2 and TF.js require a fully known input of rank ≥ 3. */
function isStrict(version: string): boolean {
  return version === '1' || version === '2' || version === 'tfjs';
}

export const flatten: LayerSpec = {
  className: 'Flatten',
  tfjs: 'flatten',
  args: [dataFormatArg],
  rank: ctx => (isStrict(ctx.version) ? { min: 3 } : { min: 1 }),
  doc: 'Collapses all non-batch axes into one: (batch, d1, …, dn) → (batch, d1·…·dn). No weights.',
  build(ctx) {
    const input = ctx.input;
    const rest = input.slice(1);
    if (rest.length === 0) {
      ctx.explain('no non-batch axis: Flatten adds one of size 1');
      return single([input[0], 1]);
    }
    if (rest.some(d => d === null)) {
      if (isStrict(ctx.version)) {
        ctx.error('flatten-undefined', `The shape of the input to "Flatten" is not fully defined (got ${formatShape(rest)}). Make sure to pass a complete "input_shape" or "batch_input_shape" argument to the first layer in your model.`);
        return single(undefined);
      }
      ctx.explain(`${formatShape(rest)} contains None, so the flattened size is None`);
      ctx.note('A None dimension makes the flattened size None; a Dense layer after this Flatten cannot be built because its input size is undefined.');
      return single([input[0], null]);
    }
    if (rest.some(d => d === '?')) return single([input[0], '?']);
    const size = (rest as number[]).reduce((a, b) => a * b, 1);
    if (rest.length > 1) ctx.explain(`${rest.join(' × ')} = ${size}`);
    // TF.js's Flatten never checks its dataFormat.
    if (ctx.dataFormat(ctx.version !== 'tfjs') === 'channels_first' && rest.length > 1) ctx.note("data_format='channels_first' only changes the order of the flattened values, not the size.");
    const out: Dim[] = [input[0], size];
    return single(out);
  },
};
