// The build rule of Conv1D/2D/3D (and their Keras 1 spellings Convolution1D/2D/3D, AtrousConvolution1D/2D):
// spatial sizes by the convolution arithmetic, channels → filters, kernel (*kernel_size, in/groups, filters),
// with Keras 1's own layouts (a 4-D Conv1D kernel, 'th' kernels filters-first).

import { Dim, formatShape } from '../../infer/shape';
import { activationArg, dataFormatArg, paddingArg, useBiasArg } from '../commonArgs';
import { ArgSpec, BuildContext, LayerSpec, WeightSpec, single, weight } from '../spec';
import { KERAS1_KERNEL_ARGS, KERNEL_AXIS_NAMES, channelsOf, convSpatial, readConvGeometry, readPadding, withSpatial } from './convCommon';

export { readKernelSize } from './convCommon';

export function convolutionArgs(rank: number): ArgSpec[] {
  return [
    { name: 'filters', keras1: ['nb_filter'] },
    { name: 'kernel_size', keras1: rank === 1 ? ['filter_length'] : [] },
    { name: 'strides', keras1: rank === 1 ? ['subsample_length'] : ['subsample'], default: 1 },
    paddingArg,
    dataFormatArg,
    { name: 'dilation_rate', keras1: ['atrous_rate'], default: 1 },
    { name: 'groups', default: 1 },
    activationArg,
    useBiasArg,
    ...KERAS1_KERNEL_ARGS[rank].map(name => ({ name })),
  ];
}

export function makeConvolution(rank: 1 | 2 | 3): LayerSpec {
  const className = `Conv${rank}D`;
  return {
    className,
    aliases: [`Convolution${rank}D`, ...(rank < 3 ? [`AtrousConvolution${rank}D`] : [])],
    keras1OnlyNames: rank < 3 ? [`AtrousConvolution${rank}D`] : [],
    keras1ClassName: `Convolution${rank}D`,
    tfjs: rank === 3 ? 'conv3d' : `conv${rank}d`,
    args: convolutionArgs(rank),
    keras1Positional: ['nb_filter', rank === 1 ? 'filter_length' : '', ...KERAS1_KERNEL_ARGS[rank]].filter(Boolean),
    keras1OnlyArgs: ['nb_filter', 'filter_length', 'nb_row', 'nb_col', 'kernel_dim1', 'border_mode', 'subsample', 'subsample_length', 'dim_ordering', 'init', 'atrous_rate', 'W_regularizer', 'b_regularizer'],
    rank: { exact: rank + 2 },
    doc: `${rank}-D convolution: each spatial axis shrinks or grows by the convolution arithmetic and the channel axis becomes \`filters\`.`,
    build(ctx) {
      const input = ctx.input;
      const filters = ctx.int('filters');
      if (typeof filters === 'number' && filters <= 0) ctx.error('bad-argument', `${className} expects a strictly positive number of filters; received ${filters}.`);
      const geometry = readConvGeometry(ctx, rank);
      if (!geometry) return undefined; // weights unknown too
      const { format, layout, kernel, strides, dilation } = geometry;
      // TF.js accepts 'causal' for every rank (and computes it as 'valid', see convSpatial).
      const allowed = rank === 1 || ctx.version === 'tfjs' ? ['valid', 'same', 'causal'] : ['valid', 'same'];
      if (ctx.version === '1' && rank < 3) allowed.push('full');
      const padding = readPadding(ctx, allowed);
      // TF.js convolutions have no `groups` option (an unknown option is ignored).
      // tf.keras and Keras 2 read `groups or 1`: a 0 is one group; Keras 3 refuses 0 and anything negative.
      const written = ctx.version === 'tfjs' ? 1 : ctx.int('groups');
      const groups = written === 0 && ctx.version !== '3' ? 1 : written;
      if (typeof groups === 'number' && groups <= 0) ctx.error('bad-argument', `${className}: the number of groups must be a positive integer; received groups=${groups}.`);
      const channels = channelsOf(ctx, className, input, layout);
      if (typeof groups === 'number' && typeof channels === 'number' && groups > 1 && channels % groups !== 0) {
        ctx.error('bad-argument', `${className}: the number of input channels (${channels}) must be divisible by groups (${groups}).`);
      }
      if (typeof groups === 'number' && typeof filters === 'number' && groups > 1 && filters % groups !== 0) {
        ctx.error('bad-argument', `${className}: filters (${filters}) must be divisible by groups (${groups}).`);
      }
      const spatial = convSpatial(ctx, className, input, layout, kernel, strides, padding, dilation);
      const inPerGroup: Dim = typeof channels === 'number' && typeof groups === 'number' ? channels / groups : channels === null ? null : '?';
      const weights = convolutionWeights(ctx, rank, kernel, inPerGroup, filters, format);
      return single(withSpatial(input, layout, spatial, filters), weights);
    },
  };
}

function convolutionWeights(ctx: BuildContext, rank: number, kernel: Dim[], channels: Dim, filters: Dim, format: string): WeightSpec[] {
  const kAxes = kernel.map((k, i) => [k, KERNEL_AXIS_NAMES[rank][i]] as const);
  const useBias = ctx.bool('use_bias') !== false;
  if (ctx.version === '1') {
    let W: WeightSpec;
    if (rank === 1) {
      W = weight('W', [[kernel[0], 'filter_length'], [1, 'dummy column (Keras 1 runs Conv1D as a 2-D convolution)'], [channels, 'input_dim (input channels)'], [filters, 'nb_filter']]);
      ctx.note(`Keras 1 computes Convolution1D as a 2-D convolution over a (steps, 1) image, so its kernel is 4-D: (filter_length, 1, input_dim, nb_filter) = ${formatShape(W.shape)}.`);
    } else if (format === 'channels_first') {
      W = weight('W', [[filters, 'nb_filter'], [channels, 'input channels'], ...kAxes]);
      ctx.note(`With dim_ordering='th', Keras 1 stores the kernel filters-first: (nb_filter, input channels, ${KERNEL_AXIS_NAMES[rank].join(', ')}).`);
    } else {
      W = weight('W', [...kAxes, [channels, 'input channels'], [filters, 'nb_filter']]);
    }
    return useBias ? [W, weight('b', [[filters, 'nb_filter']])] : [W];
  }
  const groups = ctx.version === 'tfjs' ? 1 : ctx.int('groups');
  const inLabel = typeof groups === 'number' && groups > 1 ? 'input channels / groups' : 'input channels';
  const out = [weight('kernel', [...kAxes, [channels, inLabel], [filters, 'filters']])];
  if (useBias) out.push(weight('bias', [[filters, 'filters']]));
  if (rank === 1) ctx.note('A 1-D convolution kernel is (kernel_size, input channels, filters): the input channels are the last axis of the input (for text, the embedding size), not a choice of yours.');
  return out;
}
