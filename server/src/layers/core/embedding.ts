// Embedding: looks each integer index up in a (input_dim, output_dim) table, so any input shape gains a
// trailing axis of size output_dim. `input_dim` is the vocabulary size here, not an input-shape shorthand.

import { Dim, Shape, formatShape, formatDim } from '../../infer/shape';
import { formatValue } from '../../ir/values';
import { LayerSpec, single, weight } from '../spec';

export const embedding: LayerSpec = {
  className: 'Embedding',
  tfjs: 'embedding',
  args: [
    { name: 'input_dim' },
    { name: 'output_dim' },
    { name: 'embeddings_initializer', keras1: ['init'], default: 'uniform' },
    { name: 'embeddings_regularizer', keras1: ['W_regularizer'] },
    { name: 'activity_regularizer' },
    { name: 'embeddings_constraint', keras1: ['W_constraint'] },
    { name: 'mask_zero', default: false },
    { name: 'input_length' },
    { name: 'weights' },
    { name: 'dropout', default: 0, tfjs: null },
  ],
  keras1Positional: ['input_dim', 'output_dim', 'init', 'input_length', 'W_regularizer', 'activity_regularizer', 'W_constraint', 'mask_zero', 'weights', 'dropout'],
  keras1OnlyArgs: ['init', 'W_regularizer', 'W_constraint', 'dropout'],
  doc: 'Turns integer indices into dense vectors: input shape + (output_dim,); the table is (input_dim = vocabulary size, output_dim).',
  build(ctx) {
    const input = ctx.input;
    const vocab: Dim = ctx.given('input_dim') ? ctx.int('input_dim') : '?';
    const width: Dim = ctx.given('output_dim') ? ctx.int('output_dim') : '?';
    if (typeof vocab === 'number' && vocab <= 0) ctx.error('bad-argument', `Embedding: \`input_dim\` must be a positive integer; received input_dim=${vocab}.`);
    if (typeof width === 'number' && width <= 0) ctx.error('bad-argument', `Embedding: \`output_dim\` must be a positive integer; received output_dim=${width}.`);

    let body: Shape = input.slice(1);
    if (ctx.given('input_length')) {
      if (ctx.version === '3') {
        ctx.note('Keras 3 ignores `input_length` on Embedding (it warns "Argument `input_length` is deprecated. Just remove it."); the sequence length comes from the input only.');
      } else {
        const raw = ctx.value('input_length');
        const lens: Dim[] | undefined = typeof raw === 'number' || raw === null ? [raw] : Array.isArray(raw) ? raw.map(v => (typeof v === 'number' ? v : v === null ? null : '?')) : undefined;
        if (lens && raw !== null) {
          if (lens.length !== body.length) {
            ctx.error('bad-argument', `"input_length" is ${formatValue(raw)}, but received input has shape ${formatShape(input)}.`);
          } else {
            body = body.map((d, i) => {
              const l = lens[i];
              if (typeof l === 'number' && typeof d === 'number' && l !== d) {
                ctx.error('bad-argument', `"input_length" is ${formatValue(raw)}, but received input has shape ${formatShape(input)}.`);
              }
              return d === null && typeof l === 'number' ? l : d;
            });
          }
        }
      }
    }
    const name = ctx.version === '1' ? 'W' : 'embeddings';
    const table = weight(name, [[vocab, 'input_dim (vocabulary size)'], [width, 'output_dim (vector size)']]);
    ctx.note(`The embedding table has one row of ${formatDim(width)} numbers per index in the vocabulary of ${formatDim(vocab)}: (input_dim, output_dim)${typeof vocab === 'number' && typeof width === 'number' ? ` = ${(vocab * width).toLocaleString('en-US')} parameters` : ''}. Indices must be < input_dim (with mask_zero=True, index 0 is reserved, so input_dim is usually vocabulary + 1).`);
    return single([input[0], ...body, width], [table]);
  },
};
