// BatchNormalization: normalises each feature along `axis` (default −1) with learned gamma/beta and
// moving statistics; output = input, weights (C,) ×4 of which moving_mean/moving_variance are non-trainable.

import { Dim, formatDim, formatShape } from '../../infer/shape';
import { LayerSpec, WeightSpec, single, weight } from '../spec';
import { checkDefined, readAxes } from './axes';

export const batchNormalization: LayerSpec = {
  className: 'BatchNormalization',
  tfjs: 'batchNormalization',
  args: [
    { name: 'axis', default: -1 },
    { name: 'momentum', default: 0.99 },
    { name: 'epsilon', default: 1e-3 },
    { name: 'center', default: true },
    { name: 'scale', default: true },
    { name: 'beta_initializer', keras1: ['beta_init'], default: 'zeros' },
    { name: 'gamma_initializer', keras1: ['gamma_init'], default: 'ones' },
    { name: 'moving_mean_initializer', default: 'zeros' },
    { name: 'moving_variance_initializer', default: 'ones' },
    { name: 'beta_regularizer' },
    { name: 'gamma_regularizer' },
    { name: 'beta_constraint' },
    { name: 'gamma_constraint' },
    { name: 'synchronized', default: false, tfjs: null },
    { name: 'mode', default: 0, tfjs: null },
  ],
  keras1Positional: ['epsilon', 'mode', 'axis', 'momentum'],
  keras1OnlyArgs: ['mode', 'beta_init', 'gamma_init'],
  doc: 'Normalises each feature along `axis` (default the last): output shape = input shape; gamma, beta, moving_mean, moving_variance each have the size of that axis.',
  build(ctx) {
    const input = ctx.input;
    const axes = readAxes(ctx, 'BatchNormalization', input, ctx.version !== '3' && ctx.version !== '1' && ctx.version !== 'tfjs');
    if (!axes) return single(input.slice());
    if (!checkDefined(ctx, 'BatchNormalization', input, axes)) return single(input.slice());
    let shape: Dim[];
    let axisLabels: string[];
    if (axes.length === 1) {
      shape = [input[axes[0]]];
      axisLabels = [`features (input axis ${axes[0]})`];
    } else {
      // tf.keras with several axes keeps the input rank, with 1 on every other axis.
      shape = input.map((d, i) => (axes.includes(i) ? d : 1));
      axisLabels = input.map((_, i) => (axes.includes(i) ? `input axis ${i}` : 'broadcast (1)'));
    }
    const ax = (): [Dim, string][] => shape.map((d, i) => [d, axisLabels[i]]);
    const weights: WeightSpec[] = [];
    if (ctx.version === '1') {
      weights.push(weight('gamma', ax()), weight('beta', ax()), weight('running_mean', ax(), false), weight('running_std', ax(), false));
    } else {
      if (ctx.bool('scale') !== false) weights.push(weight('gamma', ax()));
      if (ctx.bool('center') !== false) weights.push(weight('beta', ax()));
      weights.push(weight('moving_mean', ax(), false), weight('moving_variance', ax(), false));
    }
    const C = shape.length === 1 ? shape[0] : formatShape(shape);
    ctx.note(`Each of the ${weights.length} weights has one entry per feature on the normalised axis (${C}); the moving mean and variance are updated during training rather than learned, so they count toward the total parameters but not the trainable ones.`);
    const format = ctx.dataFormat();
    if (axes.length === 1 && input.length >= 4 && format === 'channels_last' && axes[0] !== input.length - 1) {
      ctx.note(`axis=${axes[0]} normalises over input axis ${axes[0]} (size ${formatDim(input[axes[0]])}), not over the channels: for channels_last images the channel axis is −1.`);
    }
    return single(input.slice(), weights);
  },
};
