// The build rule of LocallyConnected1D/2D (Keras 1 and tf.keras only): a convolution whose weights are not
// shared, so the kernel and bias carry one slice per output position. Needs fully known spatial dims.

import { Dim, formatDim, formatShape, isKnown, mulDim, productOf } from '../../infer/shape';
import { activationArg, paddingArg, useBiasArg } from '../commonArgs';
import { ArgSpec, BuildContext, LayerSpec, WeightSpec, single, weight } from '../spec';
import { convolutionArgs } from './convolution';
import {
  channelsOf, checkPositive, convSpatial, readConvGeometry, readPadding, spatialNames, withSpatial,
} from './convCommon';

function locallyConnectedArgs(rank: number): ArgSpec[] {
  const conv = convolutionArgs(rank);
  const pick = (name: string) => conv.find(a => a.name === name)!;
  return [
    pick('filters'),
    pick('kernel_size'),
    pick('strides'),
    paddingArg,
    pick('data_format'),
    activationArg,
    useBiasArg,
    // Held in their positional places so that `implementation` is only read where it really is.
    ...['kernel_initializer', 'bias_initializer', 'kernel_regularizer', 'bias_regularizer', 'activity_regularizer', 'kernel_constraint', 'bias_constraint'].map(name => ({ name })),
    { name: 'implementation', default: 1, tfjs: null },
    ...(rank === 2 ? [{ name: 'nb_row' }, { name: 'nb_col' }] : []),
  ];
}

export function makeLocallyConnected(rank: 1 | 2): LayerSpec {
  const className = `LocallyConnected${rank}D`;
  return {
    className,
    versions: ['1', '2', 'tf.keras'],
    tfjs: null,
    args: locallyConnectedArgs(rank),
    keras1Positional: rank === 1
      ? ['nb_filter', 'filter_length', 'init', 'activation', 'weights', 'border_mode', 'subsample_length']
      : ['nb_filter', 'nb_row', 'nb_col', 'init', 'activation', 'weights', 'border_mode', 'subsample', 'dim_ordering'],
    keras1OnlyArgs: ['nb_filter', 'filter_length', 'nb_row', 'nb_col', 'border_mode', 'subsample', 'subsample_length', 'dim_ordering', 'init', 'W_regularizer', 'b_regularizer'],
    rank: { exact: rank + 2 },
    doc: `${rank}-D locally-connected layer: the spatial arithmetic of a 'valid' convolution, but with a separate kernel for every output position (no weight sharing), so the weights grow with the output size.`,
    build(ctx) {
      // Keras 1 LocallyConnected1D has no dim_ordering: it always works on (steps, features).
      const input = ctx.input;
      const filters = ctx.int('filters');
      checkPositive(ctx, className, 'filters', filters);
      const geometry = readConvGeometry(ctx, rank, ctx.version === '1' && rank === 1 ? 'channels_last' : ctx.dataFormat());
      if (!geometry) return undefined; // weights unknown too
      const { format, layout, kernel, strides } = geometry;
      const implementation = ctx.version === '1' ? 1 : ctx.int('implementation');
      if (typeof implementation === 'number' && ![1, 2, 3].includes(implementation)) {
        ctx.error('bad-argument', `${className}: unrecognized implementation mode ${implementation} (must be 1, 2 or 3).`);
      }
      const padding = readPadding(ctx, ctx.version === '1' ? ['valid'] : ['valid', 'same']);
      if (padding === 'same' && implementation === 1) {
        ctx.error('bad-argument', `${className} supports only padding='valid' with implementation=1 (the default); use implementation=2 or 3 for 'same', or a ZeroPadding layer before it.`);
      }
      const inSpatial = layout.spatialAxes.map(a => input[a]);
      if (inSpatial.some(d => d === null)) {
        ctx.error('undefined-dims', `The spatial dimensions of the input to ${className} must be fully defined (it creates one kernel per output position); received ${formatShape(input)}.`);
        return single(undefined);
      }
      const channels = channelsOf(ctx, className, input, layout);
      const spatial = convSpatial(ctx, className, input, layout, kernel, strides, padding, kernel.map(() => 1));
      const weights = locallyConnectedWeights(ctx, rank, format, implementation, inSpatial, spatial, kernel, strides, padding, channels, filters);
      return single(withSpatial(input, layout, spatial, filters), weights);
    },
  };
}

function locallyConnectedWeights(
  ctx: BuildContext,
  rank: number,
  format: 'channels_last' | 'channels_first',
  implementation: Dim,
  inSpatial: Dim[],
  outSpatial: Dim[],
  kernel: Dim[],
  strides: Dim[],
  padding: string,
  channels: Dim,
  filters: Dim,
): WeightSpec[] {
  const k1 = ctx.version === '1';
  const names = spatialNames(rank);
  const positions = productOf(outSpatial);
  const patch = mulDim(productOf(kernel), channels);
  const outAxes = outSpatial.map((d, i) => [d, `output ${names[i]}`] as const);
  const inAxes = inSpatial.map((d, i) => [d, `input ${names[i]}`] as const);
  const filterLabel = k1 ? 'nb_filter' : 'filters';
  let kernelWeight: WeightSpec | undefined;
  if (implementation === 1) {
    const posLabel = rank === 1 ? 'output steps (one kernel per output position)' : 'output positions (output rows · output cols)';
    const patchLabel = rank === 1 ? 'kernel length · input channels' : 'kernel rows · kernel cols · input channels';
    kernelWeight = weight(k1 ? 'W' : 'kernel', [[positions, posLabel], [patch, patchLabel], [filters, filterLabel]]);
    const posText = rank === 1 ? `${formatDim(positions)} output steps` : `${outSpatial.map(formatDim).join('×')} output positions`;
    const patchText = `${kernel.map(formatDim).join('·')}·${formatDim(channels)}`;
    const kernelSym = rank === 1 ? '(positions, k·in, filters)' : '(positions, kh·kw·in, filters)';
    const biasSym = rank === 1 ? '(steps, filters)' : '(rows, cols, filters)';
    ctx.note(`One kernel per output position: kernel ${kernelSym} = ${formatShape(kernelWeight.shape)}, where ${formatDim(positions)} = ${posText} and ${formatDim(patch)} = ${patchText} input channels after the previous layer; bias ${biasSym} = ${formatShape([...outSpatial, filters])}.`);
  } else if (implementation === 2) {
    kernelWeight = format === 'channels_last'
      ? weight('kernel', [...inAxes, [channels, 'input channels'], ...outAxes, [filters, 'filters']])
      : weight('kernel', [[channels, 'input channels'], ...inAxes, [filters, 'filters'], ...outAxes]);
    ctx.note(`implementation=2 stores a dense (input positions × output positions) kernel ${formatShape(kernelWeight.shape)}, masked to the local connections: much larger than implementation=1's.`);
  } else if (implementation === 3) {
    const count = sparseConnections(inSpatial, kernel, strides, padding, outSpatial);
    kernelWeight = weight('kernel', [[mulDim(mulDim(count, channels), filters), 'non-zero connections (input position, input channel) → (output position, filter)']]);
    ctx.note(`implementation=3 stores only the non-zero weights of the sparse connection matrix as a 1-D kernel of ${formatDim(kernelWeight.shape[0])} values.`);
  }
  // An implementation that could not be read leaves the kernel layout unknown (its size too).
  if (!kernelWeight) kernelWeight = weight(k1 ? 'W' : 'kernel', [['?', 'depends on `implementation`']]);
  const out = [kernelWeight];
  if (ctx.bool('use_bias') !== false) {
    out.push(weight(k1 ? 'b' : 'bias', [...outSpatial.map((d, i) => [d, `output ${names[i]}`] as const), [filters, filterLabel]]));
  }
  return out;
}

/**
 * The number of (input position, output position) pairs that tf.keras connects for implementation 3:
 * per axis, each output position sees the kernel window clipped to the input; the axes multiply.
 */
function sparseConnections(inSpatial: Dim[], kernel: Dim[], strides: Dim[], padding: string, outSpatial: Dim[]): Dim {
  let total: Dim = 1;
  for (let i = 0; i < inSpatial.length; i++) {
    const L = inSpatial[i], k = kernel[i], s = strides[i], n = outSpatial[i];
    if (!isKnown(L) || !isKnown(k) || !isKnown(s) || !isKnown(n) || (padding !== 'valid' && padding !== 'same')) return '?';
    const left = Math.floor(k / 2);
    const right = k - left;
    let axisCount = 0;
    for (let p = 0; p < n; p++) {
      const center = p * s + (padding === 'valid' ? left : 0);
      axisCount += Math.max(0, Math.min(L, center + right) - Math.max(0, center - left));
    }
    total = mulDim(total, axisCount);
  }
  return total;
}

