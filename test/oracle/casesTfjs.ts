// Extra oracle cases for the TF.js version only (oracleTfjs.test.ts): TF.js behaviours of reference §3
// that cases.ts does not exercise yet. They carry no Keras answer: live tfjs 4.22 is the truth for them.

import type { OracleCase, PyShape, PyValue } from './cases';

const N = null;

function c(id: string, className: string, args: PyValue[], kwargs: Record<string, PyValue>, input: PyShape | PyShape[]): OracleCase {
  return { id: `tfjs/${id}`, className, args, kwargs, input };
}

function wrap(id: string, className: string, inner: OracleCase, input: PyShape): OracleCase {
  return { id: `tfjs/${id}`, className, args: [], kwargs: {}, inner, input };
}

export const TFJS_CASES: readonly OracleCase[] = [
  // §3.1 causal: computed as valid for every rank.
  c('Conv3D/causal', 'Conv3D', [2, 3], { padding: 'causal' }, [N, 6, 6, 6, 1]),
  c('Conv1D/causal-none-length', 'Conv1D', [2, 3], { padding: 'causal' }, [N, N, 4]),
  c('SeparableConv2D/causal', 'SeparableConv2D', [4, 3], { padding: 'causal' }, [N, 8, 8, 2]),
  // §3.2 zero-size outputs (0 accepted with a warning, negative rejected).
  c('Conv3D/zero-size', 'Conv3D', [2, 3], {}, [N, 2, 5, 5, 1]),
  c('Conv1D/zero-size-stride', 'Conv1D', [2, 4], { strides: 2 }, [N, 3, 2]),
  c('AveragePooling1D/zero-size', 'AveragePooling1D', [4], {}, [N, 3, 2]),
  c('MaxPooling3D/zero-size', 'MaxPooling3D', [3], {}, [N, 2, 6, 6, 1]),
  c('DepthwiseConv2D/zero-size', 'DepthwiseConv2D', [3], {}, [N, 2, 2, 4]),
  c('SeparableConv2D/zero-size', 'SeparableConv2D', [4, 3], {}, [N, 2, 5, 3]),
  c('Cropping2D/rows-to-zero', 'Cropping2D', [[[2, 1], [0, 0]]], {}, [N, 3, 4, 2]),
  c('Cropping2D/negative', 'Cropping2D', [[[2, 2], [0, 0]]], {}, [N, 3, 4, 2]),
  c('MaxPooling1D/negative', 'MaxPooling1D', [3], { strides: 1 }, [N, 1, 2]),
  // §3.3 transposed conv: outputPadding and dilationRate ignored.
  c('Conv2DTranspose/same-output-padding-1', 'Conv2DTranspose', [2, 3], { strides: 2, padding: 'same', output_padding: 1 }, [N, 4, 4, 1]),
  c('Conv2DTranspose/dilation2-stride2', 'Conv2DTranspose', [2, 3], { dilation_rate: 2, strides: 2 }, [N, 5, 5, 1]),
  c('Conv3DTranspose/dilation2', 'Conv3DTranspose', [2, 3], { dilation_rate: 2 }, [N, 3, 3, 3, 1]),
  // §3.4 Reshape -1 with an unknown input dim.
  c('Reshape/minus-one-none-input', 'Reshape', [[-1, 2]], {}, [N, N, 4]),
  // §3.5 Flatten: unknown dims and rank 2.
  c('Flatten/none-spatial', 'Flatten', [], {}, [N, 3, N, 2]),
  // §3.6 UpSampling2D numeric size with channels_last and a None dim.
  c('UpSampling2D/int-size-none-rows', 'UpSampling2D', [3], {}, [N, N, 4, 2]),
  // §3.7 Softmax: explicit axis keeps the shape.
  c('Softmax/axis-1-explicit', 'Softmax', [], { axis: 1 }, [N, 3, 4]),
  c('Softmax/default-axis-2d', 'Softmax', [], {}, [N, 6]),
  // §3.8 Pooling1D ignores dataFormat (pool size larger than the channel count would fit axis 2).
  c('MaxPooling1D/channels-first-stride', 'MaxPooling1D', [2], { data_format: 'channels_first', strides: 1 }, [N, 3, 8]),
  c('GlobalAveragePooling1D/channels-first-none', 'GlobalAveragePooling1D', [], { data_format: 'channels_first' }, [N, N, 6]),
  // §3.9 GRU resetAfter: true rejected, false and default build (3u bias).
  c('GRU/reset-after-true-rejected', 'GRU', [4], { reset_after: true }, [N, 5, 3]),
  c('GRU/default-3u-bias', 'GRU', [5], { return_sequences: true }, [N, 4, 2]),
  wrap('Bidirectional/gru-default', 'Bidirectional', { id: '', className: 'GRU', args: [3], kwargs: {}, input: [] }, [N, 4, 2]),
  // §3.10 Concatenate / merge arity and None.
  c('Concatenate/none-both-other-axis', 'Concatenate', [], { axis: 1 }, [[N, 4, N], [N, 2, N]]),
  c('Concatenate/none-on-axis-last', 'Concatenate', [], {}, [[N, 4, N], [N, 4, 3]]),
  c('Multiply/single-input', 'Multiply', [], {}, [[N, 4]]),
  c('Maximum/single-input', 'Maximum', [], {}, [[N, 2, 3]]),
  // §3.11 Dot: rank 3 fine, rank 5 refused.
  c('Dot/rank5', 'Dot', [], { axes: 4 }, [[N, 2, 2, 2, 3], [N, 2, 2, 2, 3]]),
  // §3.12 not rejected at build time.
  c('Conv1D/strides-with-dilation', 'Conv1D', [2, 3], { strides: 2, dilation_rate: 2 }, [N, 20, 3]),
  c('Conv2D/kernel-size-0-partial', 'Conv2D', [2, [3, 0]], {}, [N, 8, 8, 1]),
  c('Conv1D/strides-0', 'Conv1D', [2, 3], { strides: 0 }, [N, 10, 1]),
  c('Conv2DTranspose/strides-with-dilation', 'Conv2DTranspose', [2, 3], { strides: 2, dilation_rate: 2 }, [N, 5, 5, 1]),
  // §3.14 GlobalPooling keepdims ignored.
  c('GlobalAveragePooling1D/keepdims', 'GlobalAveragePooling1D', [], { keepdims: true }, [N, 4, 3]),
  // Not in §3: DepthwiseConv2D ignores dilation (with same padding and stride 2 too).
  c('DepthwiseConv2D/dilation2-same', 'DepthwiseConv2D', [3], { dilation_rate: 2, padding: 'same' }, [N, 9, 9, 2]),
  // Not in §3: ELU alpha 1 accepted, other alpha rejected; Cropping2D default.
  c('ELU/alpha-2', 'ELU', [], { alpha: 2 }, [N, 4]),
  // Edge values of size arguments: negative kernel sizes fail the build, a dilation of 0 or -1 builds, and so do
  // a depth multiplier of 0, a negative padding and an upsampling factor of 0 (zero-size outputs).
  c('Conv2D/kernel-negative', 'Conv2D', [4, -3], {}, [N, 8, 8, 3]),
  c('Conv1D/kernel-negative', 'Conv1D', [4, -3], {}, [N, 8, 3]),
  c('Conv2DTranspose/kernel-negative', 'Conv2DTranspose', [4, -3], {}, [N, 8, 8, 3]),
  c('SeparableConv2D/kernel-negative', 'SeparableConv2D', [4, -3], {}, [N, 8, 8, 3]),
  c('Conv2D/dilation-0', 'Conv2D', [4, 3], { dilation_rate: 0 }, [N, 8, 8, 3]),
  c('Conv2D/dilation-negative', 'Conv2D', [4, 3], { dilation_rate: -1 }, [N, 8, 8, 3]),
  c('Conv2D/data-format-unknown-name', 'Conv2D', [4, 3], { data_format: 'nonsense' }, [N, 8, 8, 3]),
  c('DepthwiseConv2D/depth-multiplier-0', 'DepthwiseConv2D', [3], { depth_multiplier: 0 }, [N, 8, 8, 3]),
  c('SeparableConv2D/depth-multiplier-0', 'SeparableConv2D', [4, 3], { depth_multiplier: 0 }, [N, 8, 8, 3]),
  c('ZeroPadding2D/negative', 'ZeroPadding2D', [], { padding: [-1, 2] }, [N, 8, 8, 3]),
  c('ZeroPadding2D/negative-to-zero', 'ZeroPadding2D', [], { padding: -4 }, [N, 8, 8, 3]),
  c('ZeroPadding2D/negative-past-zero', 'ZeroPadding2D', [], { padding: -5 }, [N, 8, 8, 3]),
  c('UpSampling2D/factor-0', 'UpSampling2D', [], { size: [0, 2] }, [N, 8, 8, 3]),
  c('UpSampling2D/factor-negative', 'UpSampling2D', [], { size: [-1, 2] }, [N, 8, 8, 3]),
  c('Cropping2D/negative-cropping-grows', 'Cropping2D', [[[-1, -1], [0, 0]]], {}, [N, 4, 4, 2]),
  c('Cropping2D/negative-cropping-int', 'Cropping2D', [-1], {}, [N, 4, 4, 2]),
  c('Cropping2D/mixed-signs', 'Cropping2D', [[[1, -2], [0, 0]]], {}, [N, 4, 4, 2]),
];
