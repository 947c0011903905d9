// LayerNormalization: normalises each sample over `axis` (int or list, default −1); output = input, and
// gamma/beta have the input's sizes on those axes.

import { Dim } from '../../infer/shape';
import { LayerSpec, WeightSpec, single, weight } from '../spec';
import { checkDefined, readAxes } from './axes';

export const layerNormalization: LayerSpec = {
  className: 'LayerNormalization',
  tfjs: 'layerNormalization',
  versions: ['tf.keras', '3'],
  args: [
    { name: 'axis', default: -1 },
    { name: 'epsilon', default: 1e-3 },
    { name: 'center', default: true },
    { name: 'scale', default: true },
    { name: 'rms_scaling', default: false, tfjs: null },
    { name: 'beta_initializer', default: 'zeros' },
    { name: 'gamma_initializer', default: 'ones' },
    { name: 'beta_regularizer' },
    { name: 'gamma_regularizer' },
    { name: 'beta_constraint' },
    { name: 'gamma_constraint' },
  ],
  doc: 'Normalises each sample over `axis` (default the last): output shape = input shape; gamma and beta have the sizes of the normalised axes.',
  build(ctx) {
    const input = ctx.input;
    const axes = readAxes(ctx, 'LayerNormalization', input);
    if (!axes) return single(input.slice());
    if (!checkDefined(ctx, 'LayerNormalization', input, axes)) return single(input.slice());
    const ax = (): [Dim, string][] => axes.map(a => [input[a], `input axis ${a}`]);
    const rms = ctx.bool('rms_scaling') === true;
    const weights: WeightSpec[] = [];
    if (ctx.bool('scale') !== false || rms) weights.push(weight('gamma', ax()));
    if (ctx.bool('center') !== false && !rms) weights.push(weight('beta', ax()));
    if (rms) ctx.note('With rms_scaling=True only gamma is created (center and scale are ignored).');
    ctx.note(`gamma and beta hold one value per position on the normalised axes (${axes.join(', ')}), so their shape is the input's sizes there.`);
    return single(input.slice(), weights);
  },
};
