// RepeatVector: repeats a (batch, features) input n times along a new time axis → (batch, n, features).

import { LayerSpec, single } from '../spec';

export const repeatVector: LayerSpec = {
  className: 'RepeatVector',
  tfjs: 'repeatVector',
  args: [{ name: 'n' }],
  rank: { exact: 2 },
  doc: 'Repeats a 2-D input n times: (batch, features) → (batch, n, features). No weights.',
  build(ctx) {
    const n = ctx.int('n');
    if (typeof n === 'number' && n < 0) ctx.error('bad-argument', `RepeatVector expects a non-negative number of repetitions n; received n=${n}.`);
    return single([ctx.input[0], n, ctx.input[1]]);
  },
};
