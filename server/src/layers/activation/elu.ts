// ELU: exponential linear unit with scale `alpha` for negative inputs; the shape passes through.

import { LayerSpec, single } from '../spec';

export const elu: LayerSpec = {
  className: 'ELU',
  tfjs: 'elu',
  args: [{ name: 'alpha', default: 1 }],
  doc: 'Exponential linear unit: output shape = input shape, no weights.',
  build(ctx) {
    const alpha = ctx.value('alpha');
    if (ctx.version === 'tfjs' && typeof alpha === 'number' && alpha !== 1) {
      // tfjs-layers ELU: "Non-default alpha value (…) is not supported by the ELU layer yet."
      ctx.error('bad-argument', `TF.js ELU supports only the default alpha 1; received alpha=${alpha} ("Non-default alpha value is not supported by the ELU layer yet").`);
    }
    return single(ctx.input.slice());
  },
};
