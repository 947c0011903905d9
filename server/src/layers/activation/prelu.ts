// PReLU: a leaky ReLU whose negative slopes are learned: one `alpha` per input element (input_shape[1:]),
// shared (size 1) along the 1-indexed `shared_axes`. Keras 1 calls the weight `alphas`.

import { Dim, formatShape } from '../../infer/shape';
import { formatValue } from '../../ir/values';
import { LayerSpec, single, weight } from '../spec';

export const prelu: LayerSpec = {
  className: 'PReLU',
  tfjs: 'prelu',
  args: [
    { name: 'alpha_initializer', keras1: ['init'] },
    { name: 'alpha_regularizer' },
    { name: 'alpha_constraint' },
    { name: 'shared_axes' },
  ],
  keras1Positional: ['init', 'weights', 'shared_axes'],
  rank: { min: 2 },
  doc: 'Leaky ReLU with learned slopes: weight alpha of shape input_shape[1:], with each axis in shared_axes set to 1.',
  build(ctx) {
    const input = ctx.input;
    const param: Dim[] = input.slice(1);
    const raw = ctx.value('shared_axes');
    const shared = typeof raw === 'number' ? [raw] : Array.isArray(raw) ? raw : [];
    const axisNames = param.map((_, i) => `input axis ${i + 1}`);
    if (raw !== null && typeof raw !== 'number' && !Array.isArray(raw)) {
      // shared_axes could not be evaluated: the weight shape is unknown.
      return single(input.slice(), [weight(ctx.version === '1' ? 'alphas' : 'alpha', param.map(() => ['?', 'alpha'] as const))]);
    }
    for (const a of shared) {
      if (typeof a !== 'number') {
        param.fill('?');
        continue;
      }
      // Python indexing of param_shape[a - 1]: 1-indexed axes, negative ones counting from the end.
      const i = a - 1 < 0 ? param.length + (a - 1) : a - 1;
      if (a === 0 || i < 0 || i >= param.length) {
        ctx.error('bad-argument', `PReLU shared_axes=${formatValue(raw)} contains ${a}, which is not an axis of the input ${formatShape(input)} (axes are 1-indexed, the batch axis 0 excluded).`);
        return single(undefined);
      }
      param[i] = 1;
      axisNames[i] = `input axis ${i + 1} (shared)`;
    }
    if (param.some(d => d === null)) {
      ctx.error('undefined-dims', `PReLU needs a defined size on every axis it does not share, but the input is ${formatShape(input)}; its alpha weight would be ${formatShape(param)}. Add the None axes to shared_axes (e.g. shared_axes=[1, 2] for images) or give the input a complete shape.`);
      return single(undefined);
    }
    const name = ctx.version === '1' ? 'alphas' : 'alpha';
    if (shared.length > 0) ctx.note(`One slope per element of input_shape[1:] = ${formatShape(input.slice(1))}, with the shared axes set to 1: alpha ${formatShape(param)}.`);
    return single(input.slice(), [weight(name, param.map((d, i) => [d, axisNames[i]] as const))]);
  },
};
