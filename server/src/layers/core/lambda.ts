// Lambda: wraps an arbitrary Python function. Its output shape is only known when `output_shape` is a
// tuple (batch excluded): (B,) + output_shape; otherwise it stays unknown. No weights.

import type { Dim, Shape } from '../../infer/shape';
import { isUnknown } from '../../ir/values';
import { LayerSpec, single } from '../spec';
import { shapeArg } from './shapeArg';

export const lambda: LayerSpec = {
  className: 'Lambda',
  tfjs: null,
  args: [
    { name: 'function' },
    { name: 'output_shape' },
    { name: 'mask' },
    { name: 'arguments' },
  ],
  keras1Positional: ['function', 'output_shape', 'arguments'],
  // The function receives whatever the layer is called on: one tensor or a list of them.
  inputKind: 'any',
  doc: 'Applies an arbitrary function: the output shape is (batch,) + output_shape when that tuple is given, otherwise unknown. No weights.',
  build(ctx) {
    const batch: Dim = ctx.input.length > 0 ? ctx.input[0] : null;
    const given = ctx.value('output_shape');
    if (Array.isArray(given) && given.length > 0 && given.every(Array.isArray)) {
      // Several outputs, one tuple each.
      const outputs: Shape[] = given.map(g => [batch, ...(shapeArg(g) ?? [])]);
      return { outputs, weights: [] };
    }
    const dims = shapeArg(given);
    if (dims) return single([batch, ...dims]);
    if (given === null || !ctx.given('output_shape')) {
      ctx.note('The output shape of a Lambda depends on what its function computes, which is not evaluated statically; pass `output_shape=(…)` (without the batch axis) to make it known.');
    } else if (isUnknown(given)) {
      ctx.note('The `output_shape` of this Lambda could not be evaluated, so its output shape is unknown.');
    } else {
      ctx.note('This Lambda computes its output shape with a function, which is not evaluated statically; pass a tuple `output_shape=(…)` (without the batch axis) to make it known.');
    }
    return single(undefined);
  },
};
