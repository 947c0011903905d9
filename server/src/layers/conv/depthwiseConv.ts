// The build rule of DepthwiseConv1D/2D: every input channel convolved on its own with depth_multiplier
// filters, so channels → channels · depth_multiplier; kernel (*kernel_size, in, depth_multiplier).

import { Dim, formatDim, formatShape, mulDim } from '../../infer/shape';
import { activationArg, dataFormatArg, paddingArg, useBiasArg } from '../commonArgs';
import { LayerSpec, single, weight } from '../spec';
import {
  KERNEL_AXIS_NAMES, channelsOf, checkPositive, convSpatial, readConvGeometry, readPadding, withSpatial,
} from './convCommon';

export function makeDepthwiseConv(rank: 1 | 2): LayerSpec {
  const className = `DepthwiseConv${rank}D`;
  return {
    className,
    versions: rank === 2 ? ['2', 'tf.keras', '3', 'tfjs'] : ['2', 'tf.keras', '3'],
    tfjs: rank === 2 ? 'depthwiseConv2d' : null,
    args: [
      { name: 'kernel_size' },
      { name: 'strides', default: 1 },
      paddingArg,
      { name: 'depth_multiplier', default: 1 },
      dataFormatArg,
      { name: 'dilation_rate', default: 1 },
      activationArg,
      useBiasArg,
    ],
    rank: { exact: rank + 2 },
    doc: `${rank}-D depthwise convolution: spatial axes follow the convolution arithmetic; each input channel is convolved on its own, so the channel axis becomes channels × depth_multiplier.`,
    build(ctx) {
      const input = ctx.input;
      const dm = ctx.int('depth_multiplier');
      // TF.js builds a depth multiplier of 0 (zero depthwise channels); only a negative one fails there.
      if (ctx.version !== 'tfjs' || (typeof dm === 'number' && dm < 0)) checkPositive(ctx, className, 'depth_multiplier', dm);
      const geometry = readConvGeometry(ctx, rank);
      if (!geometry) return undefined; // weights unknown too
      const { layout, kernel, strides } = geometry;
      let { dilation } = geometry;
      if (ctx.version === 'tfjs') {
        // TF.js DepthwiseConv2D drops dilationRate in computeOutputShape and in call.
        if (dilation.some(d => d !== 1)) ctx.note(`TF.js ${className} ignores dilationRate ${formatShape(dilation)}: the kernel is applied undilated.`);
        dilation = dilation.map(() => 1);
      }
      // tf.keras DepthwiseConv1D pads causally on request; Keras 3 accepts only 'valid' and 'same'.
      // TF.js DepthwiseConv2D accepts 'causal' as well (computed as 'valid' by convSpatial).
      const allowed = (rank === 1 && ctx.version !== '3') || ctx.version === 'tfjs' ? ['valid', 'same', 'causal'] : ['valid', 'same'];
      const padding = readPadding(ctx, allowed);
      const channels = channelsOf(ctx, className, input, layout);
      const spatial = convSpatial(ctx, className, input, layout, kernel, strides, padding, dilation);
      const outChannels: Dim = mulDim(channels, dm);
      if (ctx.version === 'tfjs' && outChannels === 0) {
        ctx.warning('zero-size-output', `${className} with depth_multiplier 0 produces 0 channels from input ${formatShape(input)}: TF.js accepts a zero-size output, so the model builds but produces empty tensors.`);
      }
      // Keras 3 names the depthwise kernel plain `kernel`; tf.keras, Keras 2 and TF.js `depthwise_kernel`.
      const kernelName = ctx.version === '3' ? 'kernel' : 'depthwise_kernel';
      const weights = [weight(kernelName, [...kernel.map((k, i) => [k, KERNEL_AXIS_NAMES[rank][i]] as const), [channels, 'input channels'], [dm, 'depth_multiplier']])];
      if (ctx.bool('use_bias') !== false) weights.push(weight('bias', [[outChannels, 'input channels · depth_multiplier']]));
      ctx.note(`No mixing between channels: each input channel has its own ${kernel.map(formatDim).join('×')} filters, depth_multiplier = ${formatDim(dm)} of them, so the kernel is (${KERNEL_AXIS_NAMES[rank].join(', ')}, input channels, depth_multiplier) = ${formatShape(weights[0].shape)} and the output has ${formatDim(channels)}·${formatDim(dm)} = ${formatDim(outChannels)} channels.`);
      return single(withSpatial(input, layout, spatial, outChannels), weights);
    },
  };
}
