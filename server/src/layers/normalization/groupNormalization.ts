// GroupNormalization: splits the channel axis into `groups` (default 32) and normalises within each;
// output = input, gamma/beta are (C,), and C must be a multiple of groups.

import { LayerSpec, WeightSpec, single, weight } from '../spec';
import { checkDefined, readAxes } from './axes';

export const groupNormalization: LayerSpec = {
  className: 'GroupNormalization',
  tfjs: null,
  versions: ['tf.keras', '3'],
  args: [
    { name: 'groups', default: 32 },
    { name: 'axis', default: -1 },
    { name: 'epsilon', default: 1e-3 },
    { name: 'center', default: true },
    { name: 'scale', default: true },
    { name: 'beta_initializer', default: 'zeros' },
    { name: 'gamma_initializer', default: 'ones' },
    { name: 'beta_regularizer' },
    { name: 'gamma_regularizer' },
    { name: 'beta_constraint' },
    { name: 'gamma_constraint' },
  ],
  doc: 'Normalises groups of channels (default 32 groups): output shape = input shape; gamma and beta are (channels,).',
  build(ctx) {
    const input = ctx.input;
    const axes = readAxes(ctx, 'GroupNormalization', input, false);
    if (!axes) return single(input.slice());
    if (!checkDefined(ctx, 'GroupNormalization', input, axes)) return single(input.slice());
    const C = input[axes[0]];
    let groups = ctx.int('groups');
    if (groups === -1) groups = C;
    if (typeof groups === 'number' && groups <= 0) {
      ctx.error('bad-argument', `GroupNormalization: groups must be positive (or -1 for one group per channel); received groups=${groups}.`);
    } else if (typeof groups === 'number' && typeof C === 'number') {
      if (C < groups) {
        ctx.error('bad-argument', `Number of groups (${groups}) cannot be more than the number of channels (${C}).`);
      } else if (C % groups !== 0) {
        ctx.error('bad-argument', `GroupNormalization: the number of channels (${C}) must be a multiple of the number of groups (${groups}).${ctx.given('groups') ? '' : ' groups defaults to 32.'}`);
      } else {
        ctx.note(`The ${C} channels are split into ${groups} groups of ${C / groups}; statistics are computed per sample and group, while gamma and beta stay per channel (${C},).`);
      }
    }
    const weights: WeightSpec[] = [];
    if (ctx.bool('scale') !== false) weights.push(weight('gamma', [[C, 'channels']]));
    if (ctx.bool('center') !== false) weights.push(weight('beta', [[C, 'channels']]));
    return single(input.slice(), weights);
  },
};
