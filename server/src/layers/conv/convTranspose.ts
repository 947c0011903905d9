// The build rule of Conv1D/2D/3DTranspose (Keras 1: Deconvolution2D): spatial sizes by the transposed
// convolution arithmetic (or Keras 1's explicit `output_shape`), kernel (*kernel_size, filters, in).

import { formatShape } from '../../infer/shape';
import type { Dim } from '../../infer/shape';
import { ArgSpec, BuildContext, LayerSpec, WeightSpec, single, weight } from '../spec';
import { convolutionArgs } from './convolution';
import {
  KERNEL_AXIS_NAMES, Layout, channelsOf, checkKernelStridesDilation, checkTfjsNegativeKernelStrides, checkPositive, dimOf, readConvGeometry, readPadding, spatialNames, transposeSpatial, withSpatial,
} from './convCommon';

function transposeArgs(rank: number): ArgSpec[] {
  const conv = convolutionArgs(rank).filter(a => a.name !== 'groups');
  const at = conv.findIndex(a => a.name === 'padding') + 1;
  const args: ArgSpec[] = [...conv.slice(0, at), { name: 'output_padding', default: null, tfjs: null }, ...conv.slice(at)];
  // Keras 1 Deconvolution2D takes the output shape (batch included) instead of computing it.
  if (rank === 2) args.push({ name: 'output_shape', default: null, tfjs: null });
  return args;
}

export function makeConvTranspose(rank: 1 | 2 | 3): LayerSpec {
  const className = `Conv${rank}DTranspose`;
  const aliases = [`Convolution${rank}DTranspose`, ...(rank > 1 ? [`Deconvolution${rank}D`, `Deconv${rank}D`] : [])];
  return {
    className,
    aliases,
    keras1ClassName: rank === 2 ? 'Deconvolution2D' : undefined,
    versions: rank === 2 ? undefined : rank === 3 ? ['2', 'tf.keras', '3', 'tfjs'] : ['2', 'tf.keras', '3'],
    tfjs: rank === 1 ? null : `conv${rank}dTranspose`,
    args: transposeArgs(rank),
    keras1Positional: rank === 2 ? ['nb_filter', 'nb_row', 'nb_col', 'output_shape', 'init', 'activation', 'weights', 'border_mode', 'subsample', 'dim_ordering'] : undefined,
    keras1OnlyArgs: ['nb_filter', 'nb_row', 'nb_col', 'output_shape', 'border_mode', 'subsample', 'dim_ordering', 'init', 'W_regularizer', 'b_regularizer'],
    rank: { exact: rank + 2 },
    doc: `${rank}-D transposed convolution ("deconvolution"): each spatial axis grows by the transposed convolution arithmetic (about × strides) and the channel axis becomes \`filters\`.`,
    build(ctx) {
      const input = ctx.input;
      const filters = ctx.int('filters');
      checkPositive(ctx, className, 'filters', filters);
      const geometry = readConvGeometry(ctx, rank);
      if (!geometry) return undefined; // weights unknown too
      const { format, layout, kernel, strides } = geometry;
      let { dilation } = geometry;
      const tfjs = ctx.version === 'tfjs';
      if (tfjs) {
        // TF.js transposed convolutions ignore dilationRate and outputPadding (static shape and call).
        if (dilation.some(d => d !== 1)) ctx.note(`TF.js ${className} ignores dilationRate ${formatShape(dilation)}: the kernel is applied undilated.`);
        if (ctx.given('output_padding') && ctx.value('output_padding') !== null) ctx.note(`TF.js ${className} has no outputPadding: the value written is ignored.`);
        dilation = dilation.map(() => 1);
        if (!checkTfjsNegativeKernelStrides(ctx, className, kernel, strides)) return undefined;
      } else {
        checkKernelStridesDilation(ctx, className, kernel, strides, dilation);
      }
      const allowed = ctx.version === '1' ? ['valid', 'same', 'full'] : ['valid', 'same'];
      const padding = readPadding(ctx, allowed);
      let outputPadding: Dim[] | undefined;
      if (!tfjs && ctx.given('output_padding') && ctx.value('output_padding') !== null) {
        outputPadding = ctx.tuple('output_padding', rank);
        const op = outputPadding;
        if (op.some((p, i) => typeof p === 'number' && typeof strides[i] === 'number' && p >= (strides[i] as number))) {
          ctx.error('bad-argument', `${className}: output_padding must be strictly less than strides on every axis; received output_padding=${formatShape(op)} with strides=${formatShape(strides)}.`);
        }
      }
      const channels = channelsOf(ctx, className, input, layout);
      const formula = () => transposeSpatial(ctx, input, layout, kernel, strides, padding === 'valid' || padding === 'same' ? padding : '?', dilation, outputPadding);
      const spatial = (ctx.version === '1' && rank === 2 ? keras1OutputShape(ctx, layout, rank) : undefined) ?? formula();
      if (ctx.version !== '1' && rank === 2 && ctx.given('output_shape')) {
        ctx.note('`output_shape` is a Keras 1 argument; Keras 2 and later drop it and compute the output size from kernel, strides and padding.');
      }
      const weights = transposeWeights(ctx, rank, kernel, channels, filters, format);
      return single(withSpatial(input, layout, spatial, filters), weights);
    },
  };
}

/** Keras 1 Deconvolution2D: the spatial sizes written in `output_shape` (batch first), when usable. */
function keras1OutputShape(ctx: BuildContext, layout: Layout, rank: number): Dim[] | undefined {
  const v = ctx.value('output_shape');
  if (!Array.isArray(v)) return undefined;
  if (v.length !== rank + 2) {
    ctx.warning('bad-argument', `Deconvolution2D's output_shape must include the batch axis, e.g. (None, rows, cols, nb_filter); received ${v.length} entries, so the output size is computed instead.`);
    return undefined;
  }
  const names = spatialNames(rank);
  const spatial = layout.spatialAxes.map(axis => dimOf(v[axis]));
  spatial.forEach((d, i) => ctx.explain(`${names[i]}: ${d === null ? 'None' : d} (taken from output_shape)`));
  ctx.note('Keras 1 Deconvolution2D does not compute its output size: it uses the rows and columns written in `output_shape` (the channel axis is nb_filter), and the backend fails at run time if they do not match the transposed convolution.');
  return spatial;
}

function transposeWeights(ctx: BuildContext, rank: number, kernel: Dim[], channels: Dim, filters: Dim, format: string): WeightSpec[] {
  const kAxes = kernel.map((k, i) => [k, KERNEL_AXIS_NAMES[rank][i]] as const);
  const useBias = ctx.bool('use_bias') !== false;
  if (ctx.version === '1') {
    // Keras 1 Deconvolution2D builds its kernel exactly like Convolution2D and transposes it in the backend.
    const W = format === 'channels_first'
      ? weight('W', [[filters, 'nb_filter'], [channels, 'input channels'], ...kAxes])
      : weight('W', [...kAxes, [channels, 'input channels'], [filters, 'nb_filter']]);
    ctx.note(`Keras 1 Deconvolution2D stores its kernel like Convolution2D, ${formatShape(W.shape)}; Keras 2 and later store (${KERNEL_AXIS_NAMES[rank].join(', ')}, filters, input channels).`);
    return useBias ? [W, weight('b', [[filters, 'nb_filter']])] : [W];
  }
  const out = [weight('kernel', [...kAxes, [filters, 'filters (output channels)'], [channels, 'input channels']])];
  if (useBias) out.push(weight('bias', [[filters, 'filters']]));
  ctx.note(`A transposed-convolution kernel is (${KERNEL_AXIS_NAMES[rank].join(', ')}, filters, input channels) = ${formatShape(out[0].shape)}: filters come before input channels, the reverse of a convolution kernel, because it is the kernel of the convolution whose gradient this layer computes (that convolution maps filters to input channels).`);
  return out;
}
