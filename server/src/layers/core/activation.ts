// Activation: applies a named activation function element-wise; the shape passes through, no weights.

import { KNOWN_ACTIVATIONS, TFJS_ACTIVATIONS } from './activationNames';
import { LayerSpec, single } from '../spec';

export const activation: LayerSpec = {
  className: 'Activation',
  tfjs: 'activation',
  args: [{ name: 'activation' }],
  doc: 'Applies an activation function element-wise: output shape = input shape, no weights.',
  build(ctx) {
    const name = ctx.value('activation');
    if (ctx.version === 'tfjs') {
      // tfjs looks the name up in its serialization map and throws for anything else.
      if (typeof name === 'string' && !TFJS_ACTIVATIONS.has(name)) {
        ctx.error('unknown-activation', `'${name}' is not a TF.js activation (${[...TFJS_ACTIVATIONS].join(', ')}): tfjs throws "Unknown activation: ${name}".`);
      }
      return single(ctx.input.slice());
    }
    if (typeof name === 'string' && !KNOWN_ACTIVATIONS.has(name)) {
      ctx.warning('unknown-activation', `'${name}' is not a built-in Keras activation; unless it is registered as a custom object, Keras raises "Could not interpret activation function identifier: ${name}".`);
    }
    return single(ctx.input.slice());
  },
};
