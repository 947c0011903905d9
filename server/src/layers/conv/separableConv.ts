// The build rule of SeparableConv1D/2D (Keras 1: SeparableConvolution2D): a depthwise convolution
// (depth_multiplier filters per input channel) followed by a pointwise 1×1 convolution to `filters`.

import { Dim, formatDim, mulDim } from '../../infer/shape';
import { ArgSpec, BuildContext, LayerSpec, WeightSpec, single, weight } from '../spec';
import { convolutionArgs } from './convolution';
import {
  KERNEL_AXIS_NAMES, channelsOf, checkPositive, convSpatial, readConvGeometry, readPadding, withSpatial,
} from './convCommon';

function separableArgs(rank: number): ArgSpec[] {
  const conv = convolutionArgs(rank).filter(a => a.name !== 'groups');
  const at = conv.findIndex(a => a.name === 'dilation_rate') + 1;
  return [...conv.slice(0, at), { name: 'depth_multiplier', default: 1 }, ...conv.slice(at)];
}

export function makeSeparableConv(rank: 1 | 2): LayerSpec {
  const className = `SeparableConv${rank}D`;
  return {
    className,
    aliases: [`SeparableConvolution${rank}D`],
    keras1ClassName: rank === 2 ? 'SeparableConvolution2D' : undefined,
    versions: rank === 1 ? ['2', 'tf.keras', '3'] : undefined,
    tfjs: rank === 2 ? 'separableConv2d' : null,
    args: separableArgs(rank),
    keras1Positional: rank === 2 ? ['nb_filter', 'nb_row', 'nb_col', 'init', 'activation', 'weights', 'border_mode', 'subsample', 'depth_multiplier', 'dim_ordering'] : undefined,
    keras1OnlyArgs: ['nb_filter', 'nb_row', 'nb_col', 'border_mode', 'subsample', 'dim_ordering', 'init', 'b_regularizer'],
    rank: { exact: rank + 2 },
    doc: `${rank}-D depthwise-separable convolution: spatial axes follow the convolution arithmetic; each input channel is convolved on its own (× depth_multiplier), then a 1×1 convolution mixes them into \`filters\` channels.`,
    build(ctx) {
      const input = ctx.input;
      const filters = ctx.int('filters');
      checkPositive(ctx, className, 'filters', filters);
      const dm = ctx.int('depth_multiplier');
      // TF.js builds a depth multiplier of 0 (zero depthwise channels); only a negative one fails there.
      if (ctx.version !== 'tfjs' || (typeof dm === 'number' && dm < 0)) checkPositive(ctx, className, 'depth_multiplier', dm);
      const geometry = readConvGeometry(ctx, rank);
      if (!geometry) return undefined; // weights unknown too
      const { format, layout, kernel, strides, dilation } = geometry;
      // tf.keras lets SeparableConv1D pad causally; Keras 3 accepts only 'valid' and 'same'.
      const allowed = rank === 1 && ctx.version !== '3' ? ['valid', 'same', 'causal'] : ['valid', 'same'];
      const padding = readPadding(ctx, allowed);
      const channels = channelsOf(ctx, className, input, layout);
      const spatial = convSpatial(ctx, className, input, layout, kernel, strides, padding, dilation);
      const weights = separableWeights(ctx, rank, kernel, channels, dm, filters, format);
      return single(withSpatial(input, layout, spatial, filters), weights);
    },
  };
}

function separableWeights(ctx: BuildContext, rank: number, kernel: Dim[], channels: Dim, dm: Dim, filters: Dim, format: string): WeightSpec[] {
  const kAxes = kernel.map((k, i) => [k, KERNEL_AXIS_NAMES[rank][i]] as const);
  const ones = kernel.map(() => [1, '1 (pointwise: a 1×1 kernel)'] as const);
  const mixed = mulDim(channels, dm);
  const useBias = ctx.bool('use_bias') !== false;
  const out: WeightSpec[] = [];
  if (ctx.version === '1' && format === 'channels_first') {
    out.push(weight('depthwise_kernel', [[dm, 'depth_multiplier'], [channels, 'input channels'], ...kAxes]));
    out.push(weight('pointwise_kernel', [[filters, 'nb_filter'], [mixed, 'input channels · depth_multiplier'], ...ones]));
    ctx.note("With dim_ordering='th', Keras 1 stores both kernels output-first: depthwise (depth_multiplier, input channels, rows, cols), pointwise (nb_filter, input channels · depth_multiplier, 1, 1).");
  } else {
    out.push(weight('depthwise_kernel', [...kAxes, [channels, 'input channels'], [dm, 'depth_multiplier']]));
    out.push(weight('pointwise_kernel', [...ones, [mixed, 'input channels · depth_multiplier'], [filters, ctx.version === '1' ? 'nb_filter' : 'filters']]));
  }
  if (useBias) out.push(weight(ctx.version === '1' ? 'b' : 'bias', [[filters, ctx.version === '1' ? 'nb_filter' : 'filters']]));
  ctx.note(`Depthwise step: each of the ${formatDim(channels)} input channels gets its own ${kernel.map(formatDim).join('×')} filters, depth_multiplier = ${formatDim(dm)} per channel, giving ${formatDim(mixed)} intermediate channels; the pointwise step is a 1×1 convolution from those to ${formatDim(filters)} filters.`);
  return out;
}
