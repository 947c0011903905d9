// The oracle's data table: single-layer configurations written as a Python Keras user would write them
// (class name, positional and keyword arguments with Python values, batch-first input shapes). Each case
// is built by tfjs 4.22 (tfjs.ts) and by our catalogue (oracle.test.ts) and the two are compared.
//
// Three kinds of cases:
//   * plain cases: Keras and tfjs agree, so tfjs's answer is the expected answer;
//   * `kerasDiffers`: tfjs is known to differ from Keras (reference §3); the case carries the Keras
//     answer (what ours must give) and what tfjs gives instead (checked too, so the reference stays true);
//   * `rejects`: both Keras and tfjs refuse the configuration; ours must report an error diagnostic and
//     tfjs must throw an error containing the given text.

/** A Python literal: int/float, str, bool, None, tuple/list (as an array). */
export type PyValue = number | string | boolean | null | readonly PyValue[];

/** A batch-first shape; `null` is None. */
export type PyShape = readonly (number | null)[];

/** A layer expression: `ClassName(*args, **kwargs)`; wrappers take their inner layer as first positional. */
export interface LayerExpr {
  readonly className: string;
  readonly args: readonly PyValue[];
  readonly kwargs: Readonly<Record<string, PyValue>>;
  /** Wrapped layer of Bidirectional / TimeDistributed; rendered (and passed) as the first positional arg. */
  readonly inner?: LayerExpr;
}

export interface WeightAnswer {
  /** Keras 2/3 weight name (last path segment): kernel, bias, recurrent_kernel, gamma, … */
  readonly name: string;
  readonly shape: readonly number[];
}

/** A full build answer: every output shape, weights in get_weights() order, total params. */
export interface Answer {
  readonly outputs: readonly PyShape[];
  readonly weights: readonly WeightAnswer[];
  readonly params: number;
}

/** Keras refuses the configuration (ours must report an error diagnostic). */
export interface ErrorAnswer {
  readonly error: true;
}

/** What tfjs does instead, per reference §3. */
export type TfjsAnswer =
  | (Answer & {
      /** tfjs builds the layer statically but a forward pass fails with a message containing this. */
      readonly runtimeError?: string;
    })
  | { readonly buildError: string };

export interface KerasDiff {
  /** Names the reference §3 item, e.g. '§3.1 causal conv: tfjs computes the static length as valid'. */
  readonly reason: string;
  /** The Keras answer; ours must equal it. */
  readonly expected: Answer | ErrorAnswer;
  /** What tfjs 4.22 gives; asserted so a tfjs upgrade that removes the difference is noticed. */
  readonly tfjs: TfjsAnswer;
}

export interface OracleCase extends LayerExpr {
  readonly id: string;
  /** One shape, or a list of shapes for merge layers. */
  readonly input: PyShape | readonly PyShape[];
  /** Keras generation to build ours with; default '3'. */
  readonly version?: '3' | 'tf.keras';
  readonly kerasDiffers?: KerasDiff;
  /** Keras and tfjs both reject this; the text is part of tfjs's error message. */
  readonly rejects?: string;
  /**
   * The severity ours reports for a rejected case, when it cannot be an error statically (an activation
   * name could be registered with `get_custom_objects()`); default 'error'.
   */
  readonly oursSeverity?: 'warning';
}

// ---------------------------------------------------------------------------------------------------
// Helpers that keep the table readable. They only build plain objects.

function L(className: string, args: PyValue[] = [], kwargs: Record<string, PyValue> = {}): LayerExpr {
  return { className, args, kwargs };
}

/** A wrapper layer: `Wrapper(inner, *args, **kwargs)`. */
function W(className: string, inner: LayerExpr, args: PyValue[] = [], kwargs: Record<string, PyValue> = {}): LayerExpr {
  return { className, args, kwargs, inner };
}

function c(id: string, layer: LayerExpr, input: PyShape | PyShape[], extra: Partial<Pick<OracleCase, 'version' | 'kerasDiffers' | 'rejects' | 'oursSeverity'>> = {}): OracleCase {
  return { id, ...layer, input, ...extra };
}

function w(name: string, ...shape: number[]): WeightAnswer {
  return { name, shape };
}

function ans(outputs: PyShape[], weights: WeightAnswer[] = [], params?: number): Answer {
  const p = params ?? weights.reduce((s, x) => s + x.shape.reduce((a, b) => a * b, 1), 0);
  return { outputs, weights, params: p };
}

const KERAS_ERROR: ErrorAnswer = { error: true };
const N = null;

// ---------------------------------------------------------------------------------------------------
// Plain cases: tfjs is the oracle.

const core: OracleCase[] = [
  c('Dense/2d', L('Dense', [16]), [N, 8]),
  c('Dense/2d-batch-32', L('Dense', [10]), [32, 784]),
  c('Dense/3d-last-axis-only', L('Dense', [7]), [N, 5, 6]),
  c('Dense/4d', L('Dense', [7]), [N, 2, 3, 4]),
  c('Dense/no-bias', L('Dense', [5], { use_bias: false }), [N, 4]),
  c('Dense/no-bias-3d', L('Dense', [3], { use_bias: false }), [N, 10, 6]),
  c('Dense/none-time-axis', L('Dense', [8]), [N, N, 6]),
  c('Dense/units-kw', L('Dense', [], { units: 1 }), [N, 100]),
  c('Dense/activation', L('Dense', [4], { activation: 'relu' }), [N, 3]),
  c('Dense/1x1', L('Dense', [1], { use_bias: true }), [N, 1]),
];

const conv: OracleCase[] = [
  // Conv1D
  c('Conv1D/valid', L('Conv1D', [8, 3]), [N, 10, 4]),
  c('Conv1D/same', L('Conv1D', [8, 3], { padding: 'same' }), [N, 10, 4]),
  c('Conv1D/valid-stride2', L('Conv1D', [16, 5], { strides: 2 }), [N, 100, 3]),
  c('Conv1D/same-stride2-odd', L('Conv1D', [16, 5], { strides: 2, padding: 'same' }), [N, 101, 3]),
  c('Conv1D/dilation2', L('Conv1D', [4, 3], { dilation_rate: 2 }), [N, 20, 2]),
  c('Conv1D/dilation3-same', L('Conv1D', [4, 3], { dilation_rate: 3, padding: 'same' }), [N, 20, 2]),
  c('Conv1D/channels-first', L('Conv1D', [6, 3], { data_format: 'channels_first' }), [N, 4, 10]),
  c('Conv1D/channels-first-same-stride2', L('Conv1D', [6, 3], { strides: 2, padding: 'same', data_format: 'channels_first' }), [N, 4, 11]),
  c('Conv1D/kernel1', L('Conv1D', [8, 1]), [N, 7, 5]),
  c('Conv1D/no-bias', L('Conv1D', [8, 3], { use_bias: false }), [N, 10, 4]),
  c('Conv1D/none-length', L('Conv1D', [32, 7]), [N, N, 16]),
  c('Conv1D/kw-only', L('Conv1D', [], { filters: 111, kernel_size: 5 }), [N, 400, 300]),
  c('Conv1D/kernel-lt-stride', L('Conv1D', [4, 2], { strides: 3 }), [N, 10, 1]),
  // Conv2D
  c('Conv2D/valid-28x28x1', L('Conv2D', [32, 3]), [N, 28, 28, 1]),
  c('Conv2D/same-tuple-kernel', L('Conv2D', [32, [3, 3]], { padding: 'same' }), [N, 28, 28, 1]),
  c('Conv2D/positional-strides', L('Conv2D', [8, 3, 2]), [N, 28, 28, 3]),
  c('Conv2D/same-stride2', L('Conv2D', [8, 3], { strides: 2, padding: 'same' }), [N, 28, 28, 3]),
  c('Conv2D/strides-2-1', L('Conv2D', [8, 3], { strides: [2, 1] }), [N, 15, 15, 3]),
  c('Conv2D/kernel-5x3', L('Conv2D', [8, [5, 3]]), [N, 20, 10, 3]),
  c('Conv2D/dilation2', L('Conv2D', [8, 3], { dilation_rate: 2 }), [N, 20, 20, 3]),
  c('Conv2D/dilation-2-3-same', L('Conv2D', [8, 3], { dilation_rate: [2, 3], padding: 'same' }), [N, 20, 20, 3]),
  c('Conv2D/channels-first', L('Conv2D', [16, 3], { data_format: 'channels_first' }), [N, 3, 32, 32]),
  c('Conv2D/channels-first-same-stride2', L('Conv2D', [16, 3], { strides: 2, padding: 'same', data_format: 'channels_first' }), [N, 3, 31, 31]),
  c('Conv2D/1x1-no-bias', L('Conv2D', [8, 1], { use_bias: false }), [N, 7, 7, 64]),
  c('Conv2D/7x7-stride2-same-224', L('Conv2D', [64, 7], { strides: 2, padding: 'same' }), [N, 224, 224, 3]),
  c('Conv2D/none-spatial', L('Conv2D', [8, 3]), [N, N, N, 3]),
  c('Conv2D/batch-16-same', L('Conv2D', [8, 3], { padding: 'same' }), [16, 32, 32, 3]),
  c('Conv2D/kernel-1x7', L('Conv2D', [4, [1, 7]]), [N, 10, 10, 2]),
  c('Conv2D/kernel4-stride4', L('Conv2D', [8, 4], { strides: 4 }), [N, 17, 17, 3]),
  // Conv3D
  c('Conv3D/valid', L('Conv3D', [8, 3]), [N, 10, 10, 10, 1]),
  c('Conv3D/same', L('Conv3D', [8, 3], { padding: 'same' }), [N, 10, 10, 10, 1]),
  c('Conv3D/kernel-3-3-1-stride2', L('Conv3D', [8, [3, 3, 1]], { strides: 2 }), [N, 16, 16, 8, 3]),
  c('Conv3D/same-stride2', L('Conv3D', [8, 3], { strides: 2, padding: 'same' }), [N, 9, 9, 9, 2]),
  c('Conv3D/channels-first', L('Conv3D', [6, 3], { data_format: 'channels_first' }), [N, 2, 8, 8, 8]),
  c('Conv3D/dilation2', L('Conv3D', [4, 3], { dilation_rate: 2 }), [N, 12, 12, 12, 1]),
  c('Conv3D/1x1x1-no-bias', L('Conv3D', [4, 1], { use_bias: false }), [N, 4, 4, 4, 8]),
  c('Conv3D/kernel-2-3-4', L('Conv3D', [4, [2, 3, 4]]), [N, 5, 6, 7, 2]),
  c('Conv3D/none-depth', L('Conv3D', [4, 3]), [N, N, 8, 8, 1]),
  // Conv2DTranspose
  c('Conv2DTranspose/valid', L('Conv2DTranspose', [4, 3]), [N, 5, 5, 3]),
  c('Conv2DTranspose/valid-stride2', L('Conv2DTranspose', [4, 3], { strides: 2 }), [N, 7, 7, 3]),
  c('Conv2DTranspose/same-stride2', L('Conv2DTranspose', [4, 3], { strides: 2, padding: 'same' }), [N, 7, 7, 3]),
  c('Conv2DTranspose/k4-s2-same', L('Conv2DTranspose', [16, 4], { strides: 2, padding: 'same' }), [N, 8, 8, 32]),
  c('Conv2DTranspose/kernel-lt-stride-valid', L('Conv2DTranspose', [4, 2], { strides: 3 }), [N, 5, 5, 3]),
  c('Conv2DTranspose/kernel-lt-stride-same', L('Conv2DTranspose', [4, 2], { strides: 3, padding: 'same' }), [N, 5, 5, 3]),
  c('Conv2DTranspose/kernel-3x5-strides-1-2', L('Conv2DTranspose', [4, [3, 5]], { strides: [1, 2] }), [N, 6, 6, 3]),
  c('Conv2DTranspose/channels-first-same-stride2', L('Conv2DTranspose', [4, 3], { strides: 2, padding: 'same', data_format: 'channels_first' }), [N, 3, 5, 5]),
  c('Conv2DTranspose/channels-first-valid', L('Conv2DTranspose', [4, 3], { data_format: 'channels_first' }), [N, 3, 5, 5]),
  c('Conv2DTranspose/no-bias', L('Conv2DTranspose', [8, 5], { use_bias: false }), [N, 4, 4, 2]),
  c('Conv2DTranspose/none-spatial', L('Conv2DTranspose', [1, 3], { strides: 2 }), [N, N, N, 3]),
  c('Conv2DTranspose/kernel1-stride2', L('Conv2DTranspose', [4, 1], { strides: 2 }), [N, 5, 5, 3]),
  c('Conv2DTranspose/k4-s2-valid', L('Conv2DTranspose', [3, 4], { strides: 2, padding: 'valid' }), [N, 5, 5, 6]),
  // Conv3DTranspose
  c('Conv3DTranspose/valid-stride2', L('Conv3DTranspose', [4, 3], { strides: 2 }), [N, 4, 4, 4, 3]),
  c('Conv3DTranspose/same', L('Conv3DTranspose', [4, 3], { padding: 'same' }), [N, 4, 4, 4, 3]),
  c('Conv3DTranspose/k2-s2-same', L('Conv3DTranspose', [4, 2], { strides: 2, padding: 'same' }), [N, 4, 5, 6, 3]),
  c('Conv3DTranspose/mixed-kernel-strides', L('Conv3DTranspose', [4, [2, 3, 1]], { strides: [1, 2, 3] }), [N, 4, 4, 4, 2]),
  c('Conv3DTranspose/channels-first', L('Conv3DTranspose', [2, 3], { data_format: 'channels_first' }), [N, 3, 4, 4, 4]),
  c('Conv3DTranspose/kernel1-stride3', L('Conv3DTranspose', [4, 1], { strides: 3 }), [N, 3, 3, 3, 1]),
  // SeparableConv2D
  c('SeparableConv2D/valid', L('SeparableConv2D', [8, 3]), [N, 10, 10, 3]),
  c('SeparableConv2D/same-dm2', L('SeparableConv2D', [8, 3], { padding: 'same', depth_multiplier: 2 }), [N, 10, 10, 3]),
  c('SeparableConv2D/stride2', L('SeparableConv2D', [16, 3], { strides: 2 }), [N, 32, 32, 8]),
  c('SeparableConv2D/kernel-3x5-dilation2', L('SeparableConv2D', [8, [3, 5]], { dilation_rate: 2 }), [N, 20, 20, 4]),
  c('SeparableConv2D/channels-first', L('SeparableConv2D', [8, 3], { data_format: 'channels_first' }), [N, 3, 10, 10]),
  c('SeparableConv2D/no-bias-dm3', L('SeparableConv2D', [8, 3], { use_bias: false, depth_multiplier: 3 }), [N, 12, 12, 4]),
  c('SeparableConv2D/1x1', L('SeparableConv2D', [32, 1]), [N, 7, 7, 16]),
  // DepthwiseConv2D
  c('DepthwiseConv2D/valid', L('DepthwiseConv2D', [3]), [N, 10, 10, 3]),
  c('DepthwiseConv2D/dm2', L('DepthwiseConv2D', [3], { depth_multiplier: 2 }), [N, 10, 10, 3]),
  c('DepthwiseConv2D/same-stride2', L('DepthwiseConv2D', [3], { strides: 2, padding: 'same' }), [N, 28, 28, 32]),
  c('DepthwiseConv2D/same-dm4', L('DepthwiseConv2D', [3], { padding: 'same', depth_multiplier: 4 }), [N, 8, 8, 2]),
  c('DepthwiseConv2D/kernel-3x5', L('DepthwiseConv2D', [[3, 5]]), [N, 10, 12, 3]),
  c('DepthwiseConv2D/channels-first', L('DepthwiseConv2D', [3], { data_format: 'channels_first' }), [N, 3, 10, 10]),
  c('DepthwiseConv2D/no-bias', L('DepthwiseConv2D', [3], { use_bias: false }), [N, 8, 8, 16]),
  c('DepthwiseConv2D/tf.keras-depthwise-kernel-name', L('DepthwiseConv2D', [3], { depth_multiplier: 2 }), [N, 9, 9, 4], { version: 'tf.keras' }),
  c('DepthwiseConv2D/positional-strides', L('DepthwiseConv2D', [5, 2]), [N, 11, 11, 3]),
];

const pooling: OracleCase[] = [
  c('MaxPooling1D/default', L('MaxPooling1D'), [N, 10, 3]),
  c('MaxPooling1D/pool3-strides-default', L('MaxPooling1D', [3]), [N, 10, 3]),
  c('MaxPooling1D/pool3-stride1', L('MaxPooling1D', [3], { strides: 1 }), [N, 10, 3]),
  c('MaxPooling1D/same', L('MaxPooling1D', [2], { padding: 'same' }), [N, 11, 4]),
  c('MaxPooling1D/pool4-stride2-same', L('MaxPooling1D', [4], { strides: 2, padding: 'same' }), [N, 9, 2]),
  c('MaxPooling1D/none-length', L('MaxPooling1D'), [N, N, 8]),
  c('MaxPooling2D/default', L('MaxPooling2D'), [N, 28, 28, 32]),
  c('MaxPooling2D/pool3-strides-default', L('MaxPooling2D', [3]), [N, 7, 7, 2]),
  c('MaxPooling2D/tuple-pool-and-strides', L('MaxPooling2D', [[3, 3]], { strides: [2, 2] }), [N, 15, 15, 3]),
  c('MaxPooling2D/same-odd', L('MaxPooling2D', [2], { padding: 'same' }), [N, 7, 7, 3]),
  c('MaxPooling2D/pool-2x3', L('MaxPooling2D', [[2, 3]]), [N, 8, 9, 1]),
  c('MaxPooling2D/channels-first', L('MaxPooling2D', [2], { data_format: 'channels_first' }), [N, 3, 8, 8]),
  c('MaxPooling2D/pool3-stride1-same', L('MaxPooling2D', [3], { strides: 1, padding: 'same' }), [N, 5, 5, 4]),
  c('MaxPooling2D/none-spatial', L('MaxPooling2D', [2]), [N, N, N, 3]),
  c('MaxPooling3D/default', L('MaxPooling3D'), [N, 8, 8, 8, 1]),
  c('MaxPooling3D/pool3-stride2', L('MaxPooling3D', [3], { strides: 2 }), [N, 9, 9, 9, 2]),
  c('MaxPooling3D/same', L('MaxPooling3D', [2], { padding: 'same' }), [N, 5, 5, 5, 3]),
  c('MaxPooling3D/pool-1-2-2', L('MaxPooling3D', [[1, 2, 2]]), [N, 4, 8, 8, 3]),
  c('MaxPooling3D/channels-first', L('MaxPooling3D', [2], { data_format: 'channels_first' }), [N, 2, 6, 6, 6]),
  c('AveragePooling1D/default', L('AveragePooling1D'), [N, 10, 3]),
  c('AveragePooling1D/pool3-stride2', L('AveragePooling1D', [3], { strides: 2 }), [N, 11, 3]),
  c('AveragePooling1D/pool3-stride2-same', L('AveragePooling1D', [3], { strides: 2, padding: 'same' }), [N, 11, 3]),
  c('AveragePooling1D/pool5-strides-default', L('AveragePooling1D', [5]), [N, 20, 1]),
  c('AveragePooling2D/default', L('AveragePooling2D'), [N, 32, 32, 3]),
  c('AveragePooling2D/pool3-strides-default', L('AveragePooling2D', [3]), [N, 10, 10, 1]),
  c('AveragePooling2D/pool2-stride1', L('AveragePooling2D', [2], { strides: 1 }), [N, 5, 5, 2]),
  c('AveragePooling2D/pool-2x4-same', L('AveragePooling2D', [[2, 4]], { padding: 'same' }), [N, 7, 9, 3]),
  c('AveragePooling2D/channels-first', L('AveragePooling2D', [2], { data_format: 'channels_first' }), [N, 4, 10, 10]),
  c('AveragePooling3D/default', L('AveragePooling3D'), [N, 4, 4, 4, 1]),
  c('AveragePooling3D/pool3-same', L('AveragePooling3D', [3], { padding: 'same' }), [N, 7, 7, 7, 2]),
  c('AveragePooling3D/pool-2-2-1-stride1', L('AveragePooling3D', [[2, 2, 1]], { strides: 1 }), [N, 4, 4, 4, 3]),
  c('AveragePooling3D/channels-first', L('AveragePooling3D', [2], { data_format: 'channels_first' }), [N, 3, 4, 4, 4]),
  c('GlobalMaxPooling1D/basic', L('GlobalMaxPooling1D'), [N, 10, 3]),
  c('GlobalMaxPooling1D/none-length', L('GlobalMaxPooling1D'), [N, N, 8]),
  c('GlobalAveragePooling1D/basic', L('GlobalAveragePooling1D'), [N, 10, 3]),
  c('GlobalAveragePooling1D/batch-4', L('GlobalAveragePooling1D'), [4, 7, 5]),
  c('GlobalMaxPooling2D/basic', L('GlobalMaxPooling2D'), [N, 5, 5, 3]),
  c('GlobalMaxPooling2D/channels-first', L('GlobalMaxPooling2D', [], { data_format: 'channels_first' }), [N, 3, 5, 5]),
  c('GlobalMaxPooling2D/keepdims-false', L('GlobalMaxPooling2D', [], { keepdims: false }), [N, 4, 4, 2]),
  c('GlobalAveragePooling2D/basic-512', L('GlobalAveragePooling2D'), [N, 7, 7, 512]),
  c('GlobalAveragePooling2D/channels-first', L('GlobalAveragePooling2D', [], { data_format: 'channels_first' }), [N, 16, 4, 4]),
  c('GlobalAveragePooling2D/none-spatial', L('GlobalAveragePooling2D'), [N, N, N, 8]),
];

const reshaping: OracleCase[] = [
  c('ZeroPadding2D/default', L('ZeroPadding2D'), [N, 4, 4, 3]),
  c('ZeroPadding2D/int', L('ZeroPadding2D', [2]), [N, 6, 8, 3]),
  c('ZeroPadding2D/sym-pair', L('ZeroPadding2D', [[1, 2]]), [N, 4, 4, 3]),
  c('ZeroPadding2D/pairs', L('ZeroPadding2D', [[[1, 2], [3, 4]]]), [N, 4, 4, 3]),
  c('ZeroPadding2D/channels-first', L('ZeroPadding2D', [1], { data_format: 'channels_first' }), [N, 3, 4, 5]),
  c('ZeroPadding2D/channels-first-sym-pair', L('ZeroPadding2D', [], { padding: [1, 2], data_format: 'channels_first' }), [N, 3, 4, 5]),
  c('Cropping2D/int', L('Cropping2D', [1]), [N, 6, 8, 3]),
  c('Cropping2D/sym-pair', L('Cropping2D', [[1, 2]]), [N, 6, 8, 3]),
  c('Cropping2D/pairs', L('Cropping2D', [[[1, 0], [2, 3]]]), [N, 10, 10, 3]),
  c('Cropping2D/channels-first', L('Cropping2D', [[1, 2]], { data_format: 'channels_first' }), [N, 3, 6, 8]),
  c('Cropping2D/explicit-zero-crop', L('Cropping2D', [[[0, 0], [0, 0]]]), [N, 5, 5, 3]),
  c('UpSampling2D/default', L('UpSampling2D'), [N, 4, 4, 3]),
  c('UpSampling2D/tuple-2-3', L('UpSampling2D', [[2, 3]]), [N, 4, 5, 3]),
  c('UpSampling2D/size-kw', L('UpSampling2D', [], { size: [3, 3] }), [N, 2, 2, 1]),
  c('UpSampling2D/channels-first', L('UpSampling2D', [[2, 2]], { data_format: 'channels_first' }), [N, 3, 4, 5]),
  c('UpSampling2D/bilinear', L('UpSampling2D', [[2, 2]], { interpolation: 'bilinear' }), [N, 4, 4, 3]),
  c('UpSampling2D/none-rows', L('UpSampling2D', [[1, 2]]), [N, N, 4, 3]),
  c('Flatten/3d-spatial', L('Flatten'), [N, 2, 3, 4]),
  c('Flatten/28x28x1', L('Flatten'), [N, 28, 28, 1]),
  c('Flatten/rank3', L('Flatten'), [N, 5, 6]),
  c('Flatten/channels-first', L('Flatten', [], { data_format: 'channels_first' }), [N, 3, 4, 5]),
  c('Reshape/flat', L('Reshape', [[12]]), [N, 3, 4]),
  c('Reshape/2x6', L('Reshape', [[2, 6]]), [N, 3, 4]),
  c('Reshape/to-4x3x1', L('Reshape', [[4, 3, 1]]), [N, 12]),
  c('Reshape/to-2x2x3', L('Reshape', [[2, 2, 3]]), [N, 3, 4]),
  c('Reshape/kw-7x7x64', L('Reshape', [], { target_shape: [7, 7, 64] }), [N, 3136]),
  c('Reshape/unknown-input', L('Reshape', [[4, 3]]), [N, N, 3]),
  c('Permute/2-1', L('Permute', [[2, 1]]), [N, 3, 4]),
  c('Permute/3-1-2', L('Permute', [[3, 1, 2]]), [N, 2, 3, 4]),
  c('Permute/1-3-2', L('Permute', [[1, 3, 2]]), [N, 2, 3, 4]),
  c('Permute/none-dim', L('Permute', [[2, 1]]), [N, N, 5]),
  c('RepeatVector/3', L('RepeatVector', [3]), [N, 5]),
  c('RepeatVector/10-on-1', L('RepeatVector', [10]), [N, 1]),
  c('RepeatVector/kw-batch-8', L('RepeatVector', [], { n: 4 }), [8, 16]),
];

const embedding: OracleCase[] = [
  c('Embedding/basic', L('Embedding', [1000, 64]), [N, 10]),
  c('Embedding/3d-input', L('Embedding', [100, 8]), [N, 3, 4]),
  c('Embedding/mask-zero', L('Embedding', [50, 16], { mask_zero: true }), [N, 20]),
  c('Embedding/none-length', L('Embedding', [10, 3]), [N, N]),
  c('Embedding/kw-batch-32', L('Embedding', [], { input_dim: 5000, output_dim: 128 }), [32, 100]),
  c('Embedding/length-1', L('Embedding', [20, 4]), [N, 1]),
];

const recurrent: OracleCase[] = [
  c('SimpleRNN/last', L('SimpleRNN', [4]), [N, 5, 3]),
  c('SimpleRNN/return-sequences', L('SimpleRNN', [4], { return_sequences: true }), [N, 5, 3]),
  c('SimpleRNN/return-state', L('SimpleRNN', [8], { return_state: true }), [N, 10, 2]),
  c('SimpleRNN/sequences-and-state', L('SimpleRNN', [8], { return_sequences: true, return_state: true }), [N, 10, 2]),
  c('SimpleRNN/no-bias', L('SimpleRNN', [3], { use_bias: false }), [N, 7, 5]),
  c('SimpleRNN/none-time', L('SimpleRNN', [16]), [N, N, 4]),
  c('LSTM/last', L('LSTM', [4]), [N, 5, 3]),
  c('LSTM/return-sequences', L('LSTM', [8], { return_sequences: true }), [N, 20, 8]),
  c('LSTM/return-state', L('LSTM', [5], { return_state: true }), [N, 5, 3]),
  c('LSTM/sequences-and-state', L('LSTM', [5], { return_sequences: true, return_state: true }), [N, 7, 3]),
  c('LSTM/no-bias', L('LSTM', [4], { use_bias: false }), [N, 5, 3]),
  c('LSTM/none-time', L('LSTM', [12]), [N, N, 10]),
  c('LSTM/go-backwards', L('LSTM', [10], { go_backwards: true }), [N, 4, 6]),
  c('LSTM/units1-batch16', L('LSTM', [1]), [16, 10, 1]),
  c('GRU/last-reset-after-false', L('GRU', [4], { reset_after: false }), [N, 5, 3]),
  c('GRU/return-sequences', L('GRU', [6], { return_sequences: true, reset_after: false }), [N, 10, 2]),
  c('GRU/return-state', L('GRU', [4], { return_state: true, reset_after: false }), [N, 5, 3]),
  c('GRU/sequences-and-state', L('GRU', [4], { return_sequences: true, return_state: true, reset_after: false }), [N, 5, 3]),
  c('GRU/no-bias', L('GRU', [4], { use_bias: false, reset_after: false }), [N, 5, 3]),
  c('GRU/none-time', L('GRU', [16], { reset_after: false }), [N, N, 8]),
  c('GRU/tf.keras-reset-after-false', L('GRU', [8], { reset_after: false }), [N, 5, 3], { version: 'tf.keras' }),
  c('Bidirectional/lstm-concat-default', W('Bidirectional', L('LSTM', [4])), [N, 5, 3]),
  c('Bidirectional/lstm-sum', W('Bidirectional', L('LSTM', [4], { return_sequences: true }), [], { merge_mode: 'sum' }), [N, 5, 3]),
  c('Bidirectional/lstm-mul', W('Bidirectional', L('LSTM', [4], { return_sequences: true }), [], { merge_mode: 'mul' }), [N, 5, 3]),
  c('Bidirectional/gru-ave', W('Bidirectional', L('GRU', [4], { reset_after: false }), [], { merge_mode: 'ave' }), [N, 5, 3]),
  c('Bidirectional/simplernn-none-two-outputs', W('Bidirectional', L('SimpleRNN', [4], { return_sequences: true }), [], { merge_mode: null }), [N, 5, 3]),
  c('Bidirectional/lstm-return-state-5-outputs', W('Bidirectional', L('LSTM', [5], { return_state: true })), [N, 5, 3]),
  c('Bidirectional/gru-return-state-3-outputs', W('Bidirectional', L('GRU', [4], { return_state: true, reset_after: false })), [N, 5, 3]),
  c('Bidirectional/lstm-concat-sequences-none-time', W('Bidirectional', L('LSTM', [8], { return_sequences: true }), [], { merge_mode: 'concat' }), [N, N, 16]),
  c('Bidirectional/simplernn-sum-positional', W('Bidirectional', L('SimpleRNN', [3]), ['sum']), [N, 6, 2]),
  c('Bidirectional/lstm-no-bias', W('Bidirectional', L('LSTM', [4], { use_bias: false })), [N, 5, 3]),
  c('TimeDistributed/dense', W('TimeDistributed', L('Dense', [8])), [N, 10, 16]),
  c('TimeDistributed/dense-4d', W('TimeDistributed', L('Dense', [3])), [N, 4, 5, 6]),
  c('TimeDistributed/conv2d', W('TimeDistributed', L('Conv2D', [4, 3])), [N, 5, 10, 10, 3]),
  c('TimeDistributed/dense-no-bias', W('TimeDistributed', L('Dense', [2], { use_bias: false })), [N, 3, 4]),
  c('ConvLSTM2D/valid-last', L('ConvLSTM2D', [4, 3]), [N, 5, 8, 8, 2]),
  c('ConvLSTM2D/same-sequences', L('ConvLSTM2D', [4, 3], { padding: 'same', return_sequences: true }), [N, 5, 8, 8, 2]),
  c('ConvLSTM2D/return-state', L('ConvLSTM2D', [4, 3], { padding: 'same', return_state: true }), [N, 5, 8, 8, 2]),
  c('ConvLSTM2D/channels-first-sequences', L('ConvLSTM2D', [4, 3], { data_format: 'channels_first', return_sequences: true }), [N, 5, 2, 8, 8]),
  c('ConvLSTM2D/stride2', L('ConvLSTM2D', [8, [3, 3]], { strides: 2 }), [N, 3, 16, 16, 1]),
  c('ConvLSTM2D/1x1-no-bias', L('ConvLSTM2D', [2, 1], { use_bias: false }), [N, 4, 6, 6, 3]),
  c('ConvLSTM2D/dilation2', L('ConvLSTM2D', [4, 3], { dilation_rate: 2 }), [N, 3, 10, 10, 1]),
];

const normalization: OracleCase[] = [
  c('BatchNormalization/2d', L('BatchNormalization'), [N, 10]),
  c('BatchNormalization/image', L('BatchNormalization'), [N, 5, 5, 3]),
  c('BatchNormalization/axis1-channels-first', L('BatchNormalization', [], { axis: 1 }), [N, 3, 5, 5]),
  c('BatchNormalization/axis1-on-channels-last-mistake', L('BatchNormalization', [], { axis: 1 }), [N, 5, 5, 3]),
  c('BatchNormalization/axis-minus2', L('BatchNormalization', [], { axis: -2 }), [N, 4, 6]),
  c('BatchNormalization/no-center', L('BatchNormalization', [], { center: false }), [N, 5, 5, 3]),
  c('BatchNormalization/no-scale', L('BatchNormalization', [], { scale: false }), [N, 8]),
  c('BatchNormalization/no-center-no-scale', L('BatchNormalization', [], { center: false, scale: false }), [N, 6]),
  c('LayerNormalization/last', L('LayerNormalization'), [N, 5, 10]),
  c('LayerNormalization/axes-1-2', L('LayerNormalization', [], { axis: [1, 2] }), [N, 5, 10]),
  c('LayerNormalization/no-scale', L('LayerNormalization', [], { scale: false }), [N, 5, 10]),
  c('LayerNormalization/no-center-2d', L('LayerNormalization', [], { center: false }), [N, 8]),
  c('LayerNormalization/axis1', L('LayerNormalization', [], { axis: 1 }), [N, 4, 6]),
];

const activation: OracleCase[] = [
  c('Activation/relu', L('Activation', ['relu']), [N, 10]),
  c('Activation/softmax', L('Activation', ['softmax']), [N, 3]),
  c('Activation/tanh-4d', L('Activation', ['tanh']), [N, 5, 5, 3]),
  c('Activation/kw-sigmoid', L('Activation', [], { activation: 'sigmoid' }), [N, N, 4]),
  c('ReLU/default', L('ReLU'), [N, 10]),
  c('ReLU/max-value-kw', L('ReLU', [], { max_value: 6 }), [N, 4, 4]),
  c('ReLU/max-value-positional', L('ReLU', [6]), [N, 3]),
  c('LeakyReLU/default', L('LeakyReLU'), [N, 10]),
  c('LeakyReLU/negative-slope', L('LeakyReLU', [], { negative_slope: 0.2 }), [N, 5, 3]),
  c('LeakyReLU/tf.keras-alpha', L('LeakyReLU', [], { alpha: 0.1 }), [N, 5], { version: 'tf.keras' }),
  c('PReLU/2d', L('PReLU'), [N, 10]),
  c('PReLU/3d-full-alpha', L('PReLU'), [N, 5, 4]),
  c('PReLU/shared-1-2', L('PReLU', [], { shared_axes: [1, 2] }), [N, 5, 5, 4]),
  c('PReLU/shared-1', L('PReLU', [], { shared_axes: [1] }), [N, 6, 3]),
  c('PReLU/shared-all', L('PReLU', [], { shared_axes: [1, 2, 3] }), [N, 4, 4, 2]),
  c('ELU/default', L('ELU'), [N, 10]),
  c('ELU/alpha-1-explicit', L('ELU', [], { alpha: 1.0 }), [N, 3, 4]),
  c('Softmax/2d', L('Softmax'), [N, 10]),
  c('Softmax/axis-minus1-3d', L('Softmax', [], { axis: -1 }), [N, 3, 4]),
  c('Softmax/positional-axis-minus1', L('Softmax', [-1]), [N, 2, 2, 5]),
];

const regularization: OracleCase[] = [
  c('Dropout/2d', L('Dropout', [0.5]), [N, 10]),
  c('Dropout/rate-kw-4d', L('Dropout', [], { rate: 0.2 }), [N, 5, 5, 3]),
  c('Dropout/none-time', L('Dropout', [0.3]), [N, N, 4]),
  c('GaussianNoise/2d', L('GaussianNoise', [0.1]), [N, 10]),
  c('GaussianNoise/stddev-kw-4d', L('GaussianNoise', [], { stddev: 0.5 }), [N, 4, 4, 3]),
  c('GaussianDropout/2d', L('GaussianDropout', [0.3]), [N, 8]),
  c('GaussianDropout/rate-kw-3d', L('GaussianDropout', [], { rate: 0.1 }), [N, 5, 6]),
  c('AlphaDropout/2d', L('AlphaDropout', [0.2]), [N, 8]),
  c('AlphaDropout/3d', L('AlphaDropout', [0.1]), [N, 3, 4]),
  c('SpatialDropout1D/basic', L('SpatialDropout1D', [0.2]), [N, 10, 3]),
  c('SpatialDropout1D/rate-kw-none-time', L('SpatialDropout1D', [], { rate: 0.5 }), [N, N, 16]),
  c('Masking/default', L('Masking'), [N, 10, 3]),
  c('Masking/mask-value-kw', L('Masking', [], { mask_value: -1 }), [N, 5, 4]),
  c('Masking/positional-none-time', L('Masking', [0.0]), [N, N, 2]),
];

const merging: OracleCase[] = [
  c('Add/two-2d', L('Add'), [[N, 4], [N, 4]]),
  c('Add/three-3d', L('Add'), [[N, 4, 5], [N, 4, 5], [N, 4, 5]]),
  c('Add/broadcast-size-1', L('Add'), [[N, 4, 5], [N, 1, 5]]),
  c('Add/broadcast-missing-axis', L('Add'), [[N, 4, 5], [N, 5]]),
  c('Add/none-with-known', L('Add'), [[N, N, 8], [N, 10, 8]]),
  c('Multiply/two-2d', L('Multiply'), [[N, 8], [N, 8]]),
  c('Multiply/broadcast-last-1', L('Multiply'), [[N, 3, 4], [N, 3, 1]]),
  c('Multiply/three-3d', L('Multiply'), [[N, 2, 3], [N, 2, 3], [N, 2, 3]]),
  c('Average/two-2d', L('Average'), [[N, 6], [N, 6]]),
  c('Average/two-4d', L('Average'), [[N, 2, 2, 3], [N, 2, 2, 3]]),
  c('Maximum/three-2d', L('Maximum'), [[N, 4], [N, 4], [N, 4]]),
  c('Maximum/two-3d', L('Maximum'), [[N, 5, 2], [N, 5, 2]]),
  c('Minimum/two-2d', L('Minimum'), [[N, 4], [N, 4]]),
  c('Minimum/broadcast', L('Minimum'), [[N, 3, 4], [N, 1, 4]]),
  c('Concatenate/default-last', L('Concatenate'), [[N, 4], [N, 6]]),
  c('Concatenate/axis1', L('Concatenate', [], { axis: 1 }), [[N, 4, 3], [N, 2, 3]]),
  c('Concatenate/three-last', L('Concatenate', [], { axis: -1 }), [[N, 4, 3], [N, 4, 5], [N, 4, 1]]),
  c('Concatenate/axis2-4d', L('Concatenate', [], { axis: 2 }), [[N, 2, 3, 4], [N, 2, 5, 4]]),
  c('Concatenate/default-3d', L('Concatenate'), [[N, 3, 4], [N, 3, 4]]),
  c('Concatenate/positional-axis1', L('Concatenate', [1]), [[N, 5], [N, 5]]),
  c('Concatenate/none-on-concat-axis', L('Concatenate', [], { axis: 1 }), [[N, N, 3], [N, 4, 3]]),
  c('Dot/axes1-vectors', L('Dot', [], { axes: 1 }), [[N, 5], [N, 5]]),
  c('Dot/axes2', L('Dot', [], { axes: 2 }), [[N, 3, 4], [N, 6, 4]]),
  c('Dot/axes1-3d', L('Dot', [], { axes: 1 }), [[N, 3, 4], [N, 3, 6]]),
  c('Dot/axes-pair-1-2', L('Dot', [], { axes: [1, 2] }), [[N, 3, 4], [N, 5, 3]]),
  c('Dot/axes-minus1', L('Dot', [], { axes: -1 }), [[N, 3, 4], [N, 6, 4]]),
  c('Dot/normalize', L('Dot', [], { axes: [2, 2], normalize: true }), [[N, 3, 4], [N, 6, 4]]),
  c('Dot/positional-axes', L('Dot', [1]), [[N, 8], [N, 8]]),
];

// ---------------------------------------------------------------------------------------------------
// Keras and tfjs differ (reference §3): ours must give the Keras answer; tfjs must give what §3 says.

const differs: OracleCase[] = [
  // §3.1 causal
  c('Conv1D/causal', L('Conv1D', [4, 3], { padding: 'causal' }), [N, 10, 3], {
    kerasDiffers: {
      reason: '§3.1 causal conv: tfjs computes the static length as if valid (and cannot run it)',
      expected: ans([[N, 10, 4]], [w('kernel', 3, 3, 4), w('bias', 4)]),
      tfjs: ans([[N, 8, 4]], [w('kernel', 3, 3, 4), w('bias', 4)]),
    },
  }),
  c('Conv1D/causal-dilation2', L('Conv1D', [4, 3], { padding: 'causal', dilation_rate: 2 }), [N, 10, 3], {
    kerasDiffers: {
      reason: '§3.1 causal conv: tfjs computes the static length as if valid',
      expected: ans([[N, 10, 4]], [w('kernel', 3, 3, 4), w('bias', 4)]),
      tfjs: ans([[N, 6, 4]], [w('kernel', 3, 3, 4), w('bias', 4)]),
    },
  }),
  c('Conv1D/causal-stride2', L('Conv1D', [4, 3], { padding: 'causal', strides: 2 }), [N, 10, 3], {
    kerasDiffers: {
      reason: '§3.1 causal conv: tfjs computes the static length as if valid (Keras ceil(10/2) = 5)',
      expected: ans([[N, 5, 4]], [w('kernel', 3, 3, 4), w('bias', 4)]),
      tfjs: ans([[N, 4, 4]], [w('kernel', 3, 3, 4), w('bias', 4)]),
    },
  }),
  c('Conv2D/causal-rejected', L('Conv2D', [4, 3], { padding: 'causal' }), [N, 10, 10, 3], {
    kerasDiffers: {
      reason: '§3.1 causal conv: Keras allows causal only for Conv1D; tfjs builds Conv2D causal as valid',
      expected: KERAS_ERROR,
      tfjs: ans([[N, 8, 8, 4]], [w('kernel', 3, 3, 3, 4), w('bias', 4)]),
    },
  }),
  // §3.2 zero-size outputs
  c('Conv2D/zero-size-output', L('Conv2D', [8, 5]), [N, 4, 4, 3], {
    kerasDiffers: {
      reason: '§3.2 zero-size outputs: tfjs accepts a 0-sized conv output silently, Keras raises',
      expected: KERAS_ERROR,
      tfjs: ans([[N, 0, 0, 8]], [w('kernel', 5, 5, 3, 8), w('bias', 8)]),
    },
  }),
  c('Conv1D/zero-size-output', L('Conv1D', [4, 5]), [N, 4, 3], {
    kerasDiffers: {
      reason: '§3.2 zero-size outputs: tfjs accepts a 0-sized conv output silently, Keras raises',
      expected: KERAS_ERROR,
      tfjs: ans([[N, 0, 4]], [w('kernel', 5, 3, 4), w('bias', 4)]),
    },
  }),
  c('MaxPooling2D/zero-size-output', L('MaxPooling2D', [3]), [N, 2, 2, 3], {
    kerasDiffers: {
      reason: '§3.2 zero-size outputs: tfjs pooling gives 0, Keras 3 raises',
      expected: KERAS_ERROR,
      tfjs: ans([[N, 0, 0, 3]]),
    },
  }),
  c('Cropping2D/crop-equals-size', L('Cropping2D', [[[1, 1], [1, 1]]]), [N, 2, 2, 3], {
    kerasDiffers: {
      reason: '§3.2 zero-size outputs: tfjs cropping to 0 is accepted, Keras 3 raises',
      expected: KERAS_ERROR,
      tfjs: ans([[N, 0, 0, 3]]),
    },
  }),
  // §3.3 transposed conv
  c('Conv2DTranspose/output-padding', L('Conv2DTranspose', [4, 3], { strides: 2, output_padding: 1 }), [N, 7, 7, 3], {
    kerasDiffers: {
      reason: '§3.3 transposed conv: tfjs ignores outputPadding ((7-1)*2 + 3 + 1 = 16 in Keras)',
      expected: ans([[N, 16, 16, 4]], [w('kernel', 3, 3, 4, 3), w('bias', 4)]),
      tfjs: ans([[N, 15, 15, 4]], [w('kernel', 3, 3, 4, 3), w('bias', 4)]),
    },
  }),
  c('Conv2DTranspose/same-output-padding-0', L('Conv2DTranspose', [4, 3], { strides: 2, padding: 'same', output_padding: 0 }), [N, 5, 5, 3], {
    kerasDiffers: {
      reason: '§3.3 transposed conv: tfjs ignores outputPadding ((5-1)*2 + 3 mod 2 + 0 = 9 in Keras)',
      expected: ans([[N, 9, 9, 4]], [w('kernel', 3, 3, 4, 3), w('bias', 4)]),
      tfjs: ans([[N, 10, 10, 4]], [w('kernel', 3, 3, 4, 3), w('bias', 4)]),
    },
  }),
  c('Conv2DTranspose/dilation2', L('Conv2DTranspose', [4, 3], { dilation_rate: 2 }), [N, 5, 5, 3], {
    kerasDiffers: {
      reason: '§3.3 transposed conv: tfjs ignores dilationRate (Keras 5*1 + max(5-1, 0) = 9)',
      expected: ans([[N, 9, 9, 4]], [w('kernel', 3, 3, 4, 3), w('bias', 4)]),
      tfjs: ans([[N, 7, 7, 4]], [w('kernel', 3, 3, 4, 3), w('bias', 4)]),
    },
  }),
  c('Conv3DTranspose/output-padding', L('Conv3DTranspose', [4, 3], { strides: 2, output_padding: 1 }), [N, 4, 4, 4, 3], {
    kerasDiffers: {
      reason: '§3.3 transposed conv: tfjs ignores outputPadding ((4-1)*2 + 3 + 1 = 10 in Keras)',
      expected: ans([[N, 10, 10, 10, 4]], [w('kernel', 3, 3, 3, 4, 3), w('bias', 4)]),
      tfjs: ans([[N, 9, 9, 9, 4]], [w('kernel', 3, 3, 3, 4, 3), w('bias', 4)]),
    },
  }),
  // §3.4 Reshape -1
  c('Reshape/minus-one', L('Reshape', [[2, -1]]), [N, 3, 4], {
    kerasDiffers: {
      reason: '§3.4 Reshape -1: tfjs does not resolve -1 in the static shape',
      expected: ans([[N, 2, 6]]),
      tfjs: ans([[N, 2, N]]),
    },
  }),
  c('Reshape/minus-one-only', L('Reshape', [[-1]]), [N, 2, 3, 4], {
    kerasDiffers: {
      reason: '§3.4 Reshape -1: tfjs does not resolve -1 in the static shape',
      expected: ans([[N, 24]]),
      tfjs: ans([[N, N]]),
    },
  }),
  c('Reshape/size-mismatch', L('Reshape', [[5]]), [N, 3, 4], {
    kerasDiffers: {
      reason: '§3.4 Reshape: tfjs checks the total size only at run time, Keras raises at build',
      expected: KERAS_ERROR,
      tfjs: ans([[N, 5]]),
    },
  }),
  c('Reshape/two-minus-ones', L('Reshape', [[-1, -1]]), [N, 2, 3, 4], {
    kerasDiffers: {
      reason: '§3.4 Reshape -1: tfjs accepts two -1 statically, Keras raises',
      expected: KERAS_ERROR,
      tfjs: ans([[N, N, N]]),
    },
  }),
  // §3.5 Flatten
  c('Flatten/2d-passthrough', L('Flatten'), [N, 8], {
    kerasDiffers: {
      reason: '§3.5 Flatten: tfjs needs rank >= 3; Keras 3 passes a 2-D input through',
      expected: ans([[N, 8]]),
      tfjs: { buildError: 'expected min_ndim=3, found ndim=2' },
    },
  }),
  c('Flatten/2d-passthrough-tf.keras', L('Flatten'), [N, 8], {
    version: 'tf.keras',
    kerasDiffers: {
      reason: '§3.5 Flatten: tfjs needs rank >= 3; tf.keras 2 passes a 2-D input through',
      expected: ans([[N, 8]]),
      tfjs: { buildError: 'expected min_ndim=3, found ndim=2' },
    },
  }),
  c('Flatten/none-dim', L('Flatten'), [N, N, 4], {
    kerasDiffers: {
      reason: '§3.5 Flatten: tfjs errors on unknown dims; Keras 3 gives (None, None)',
      expected: ans([[N, N]]),
      tfjs: { buildError: 'is not fully defined' },
    },
  }),
  // §3.6 UpSampling numeric size
  c('UpSampling2D/int-size', L('UpSampling2D', [2]), [N, 4, 4, 3], {
    kerasDiffers: {
      reason: '§3.6 UpSampling2D numeric size: tfjs yields non-numeric spatial dims (NaN; JSON prints them as null)',
      expected: ans([[N, 8, 8, 3]]),
      tfjs: ans([[N, NaN, NaN, 3]]),
    },
  }),
  c('UpSampling2D/int-size-channels-first', L('UpSampling2D', [3], { data_format: 'channels_first' }), [N, 3, 4, 5], {
    kerasDiffers: {
      reason: '§3.6 UpSampling2D numeric size: tfjs yields non-numeric spatial dims (NaN; JSON prints them as null)',
      expected: ans([[N, 3, 12, 15]]),
      tfjs: ans([[N, 3, NaN, NaN]]),
    },
  }),
  // §3.7 Softmax axis
  c('Softmax/default-axis-3d', L('Softmax'), [N, 3, 4], {
    kerasDiffers: {
      reason: '§3.7 Softmax axis: tfjs defaults to axis 1 and fails at run time on 3-D input; Keras uses -1 (shape unchanged either way)',
      expected: ans([[N, 3, 4]]),
      tfjs: { ...ans([[N, 3, 4]]), runtimeError: 'Softmax along a non-last dimension is not yet supported' },
    },
  }),
  // §3.8 Pooling1D / GlobalPooling1D ignore dataFormat
  c('MaxPooling1D/channels-first', L('MaxPooling1D', [2], { data_format: 'channels_first' }), [N, 4, 10], {
    kerasDiffers: {
      reason: '§3.8 Pooling1D ignores dataFormat in tfjs (Keras pools axis 2)',
      expected: ans([[N, 4, 5]]),
      tfjs: ans([[N, 2, 10]]),
    },
  }),
  c('AveragePooling1D/channels-first', L('AveragePooling1D', [2], { data_format: 'channels_first' }), [N, 4, 10], {
    kerasDiffers: {
      reason: '§3.8 Pooling1D ignores dataFormat in tfjs (Keras pools axis 2)',
      expected: ans([[N, 4, 5]]),
      tfjs: ans([[N, 2, 10]]),
    },
  }),
  c('GlobalMaxPooling1D/channels-first', L('GlobalMaxPooling1D', [], { data_format: 'channels_first' }), [N, 3, 5], {
    kerasDiffers: {
      reason: '§3.8 Pooling1D ignores dataFormat in tfjs: GlobalMaxPooling1D reduces axis 1 regardless (Keras reduces axis 2)',
      expected: ans([[N, 3]]),
      tfjs: ans([[N, 5]]),
    },
  }),
  c('GlobalAveragePooling1D/channels-first', L('GlobalAveragePooling1D', [], { data_format: 'channels_first' }), [N, 3, 5], {
    kerasDiffers: {
      reason: '§3.8 Pooling1D ignores dataFormat in tfjs: GlobalAveragePooling1D reduces axis 1 regardless (Keras reduces axis 2)',
      expected: ans([[N, 3]]),
      tfjs: ans([[N, 5]]),
    },
  }),
  // §3.9 GRU reset_after
  c('GRU/default-reset-after-true', L('GRU', [4]), [N, 5, 3], {
    kerasDiffers: {
      reason: '§3.9 GRU reset_after: Keras 3 defaults to True (bias (2, 3u)); tfjs supports only False (bias (3u,))',
      expected: ans([[N, 4]], [w('kernel', 3, 12), w('recurrent_kernel', 4, 12), w('bias', 2, 12)]),
      tfjs: ans([[N, 4]], [w('kernel', 3, 12), w('recurrent_kernel', 4, 12), w('bias', 12)]),
    },
  }),
  c('GRU/default-reset-after-true-sequences', L('GRU', [8], { return_sequences: true }), [N, 10, 2], {
    kerasDiffers: {
      reason: '§3.9 GRU reset_after: Keras 3 defaults to True (bias (2, 3u)); tfjs supports only False',
      expected: ans([[N, 10, 8]], [w('kernel', 2, 24), w('recurrent_kernel', 8, 24), w('bias', 2, 24)]),
      tfjs: ans([[N, 10, 8]], [w('kernel', 2, 24), w('recurrent_kernel', 8, 24), w('bias', 24)]),
    },
  }),
  c('GRU/tf.keras-default-reset-after-true', L('GRU', [4]), [N, 5, 3], {
    version: 'tf.keras',
    kerasDiffers: {
      reason: '§3.9 GRU reset_after: tf.keras 2 defaults to True (bias (2, 3u)); tfjs supports only False',
      expected: ans([[N, 4]], [w('kernel', 3, 12), w('recurrent_kernel', 4, 12), w('bias', 2, 12)]),
      tfjs: ans([[N, 4]], [w('kernel', 3, 12), w('recurrent_kernel', 4, 12), w('bias', 12)]),
    },
  }),
  c('GRU/explicit-reset-after-true', L('GRU', [4], { reset_after: true }), [N, 5, 3], {
    kerasDiffers: {
      reason: '§3.9 GRU reset_after: tfjs supports only False (the oracle builds it with resetAfter: false)',
      expected: ans([[N, 4]], [w('kernel', 3, 12), w('recurrent_kernel', 4, 12), w('bias', 2, 12)]),
      tfjs: ans([[N, 4]], [w('kernel', 3, 12), w('recurrent_kernel', 4, 12), w('bias', 12)]),
    },
  }),
  c('Bidirectional/gru-default-reset-after', W('Bidirectional', L('GRU', [4])), [N, 5, 3], {
    kerasDiffers: {
      reason: '§3.9 GRU reset_after: Keras 3 defaults to True, so each direction has bias (2, 3u); tfjs only False',
      expected: ans(
        [[N, 8]],
        [w('kernel', 3, 12), w('recurrent_kernel', 4, 12), w('bias', 2, 12), w('kernel', 3, 12), w('recurrent_kernel', 4, 12), w('bias', 2, 12)],
      ),
      tfjs: ans(
        [[N, 8]],
        [w('kernel', 3, 12), w('recurrent_kernel', 4, 12), w('bias', 12), w('kernel', 3, 12), w('recurrent_kernel', 4, 12), w('bias', 12)],
      ),
    },
  }),
  // §3.10 Concatenate null / single input (and the merge-layer input count)
  c('Concatenate/none-in-other-axis', L('Concatenate', [], { axis: 1 }), [[N, 4, 3], [N, 4, N]], {
    kerasDiffers: {
      reason: '§3.10 Concatenate null: tfjs treats None as a concrete size and rejects; Keras lets None match 3',
      expected: ans([[N, 8, 3]]),
      tfjs: { buildError: 'requires inputs with matching shapes except for the concat axis' },
    },
  }),
  c('Concatenate/none-in-first-input', L('Concatenate', [], { axis: 1 }), [[N, 4, N], [N, 4, 3]], {
    kerasDiffers: {
      reason: '§3.10 Concatenate null: tfjs rejects; Keras accepts and (compute_output_shape copies input 0) keeps None from the first input',
      expected: ans([[N, 8, N]]),
      tfjs: { buildError: 'requires inputs with matching shapes except for the concat axis' },
    },
  }),
  c('Concatenate/single-input', L('Concatenate'), [[N, 4, 3]], {
    kerasDiffers: {
      reason: '§3.10 Concatenate needs >= 2 inputs in tfjs; Keras 3 accepts one',
      expected: ans([[N, 4, 3]]),
      tfjs: { buildError: 'should be called on a list of at least 2 inputs' },
    },
  }),
  c('Add/single-input', L('Add'), [[N, 4]], {
    kerasDiffers: {
      reason: '§3.10 merge layers need >= 2 inputs in tfjs (Add reference entry); Keras 3 accepts one',
      expected: ans([[N, 4]]),
      tfjs: { buildError: 'at least 2 inputs' },
    },
  }),
  // §3.11 Dot rank >= 4
  c('Dot/rank4', L('Dot', [], { axes: 3 }), [[N, 2, 3, 4], [N, 2, 3, 4]], {
    kerasDiffers: {
      reason: '§3.11 Dot refuses rank >= 4 in tfjs; Keras drops the axis from each input',
      expected: ans([[N, 2, 3, 2, 3]]),
      tfjs: { buildError: 'Dot layer does not support tensors of 4D or higher rank yet' },
    },
  }),
  // §3.12 not rejected at build time by tfjs
  c('Conv2D/strides-with-dilation', L('Conv2D', [8, 3], { strides: 2, dilation_rate: 2 }), [N, 20, 20, 3], {
    kerasDiffers: {
      reason: '§3.12 strides>1 with dilationRate>1 is not rejected by tfjs at build time; Keras raises',
      expected: KERAS_ERROR,
      tfjs: ans([[N, 8, 8, 8]], [w('kernel', 3, 3, 3, 8), w('bias', 8)]),
    },
  }),
  c('Conv2D/kernel-size-0', L('Conv2D', [8, 0]), [N, 10, 10, 3], {
    kerasDiffers: {
      reason: '§3.12 kernelSize 0 is not rejected by tfjs (0-sized kernel, nonsense shape); Keras raises',
      expected: KERAS_ERROR,
      tfjs: ans([[N, 11, 11, 8]], [w('kernel', 0, 0, 3, 8), w('bias', 8)]),
    },
  }),
  c('Conv2D/strides-0', L('Conv2D', [8, 3], { strides: 0 }), [N, 10, 10, 3], {
    kerasDiffers: {
      reason: '§3.12 strides 0 is not rejected by tfjs (Infinity dims; JSON prints them as null); Keras raises',
      expected: KERAS_ERROR,
      tfjs: ans([[N, Infinity, Infinity, 8]], [w('kernel', 3, 3, 3, 8), w('bias', 8)]),
    },
  }),
  // Not (yet) in reference §3: found by this oracle.
  c('Cropping2D/default-cropping', L('Cropping2D'), [N, 5, 5, 3], {
    kerasDiffers: {
      reason: 'not in §3 (new): tfjs cropping2D has no default `cropping` and crashes; Keras defaults to ((0, 0), (0, 0))',
      expected: ans([[N, 5, 5, 3]]),
      tfjs: { buildError: "Cannot read properties of undefined" },
    },
  }),
  c('ELU/alpha-0.5', L('ELU', [], { alpha: 0.5 }), [N, 3, 4], {
    kerasDiffers: {
      reason: 'not in §3 (new): tfjs ELU rejects a non-default alpha; Keras accepts it (shape unchanged)',
      expected: ans([[N, 3, 4]]),
      tfjs: { buildError: 'Non-default alpha value (0.5) is not supported by the ELU layer yet' },
    },
  }),
  c('DepthwiseConv2D/dilation2', L('DepthwiseConv2D', [3], { dilation_rate: 2 }), [N, 12, 12, 2], {
    kerasDiffers: {
      reason: 'not in §3 (new): tfjs DepthwiseConv2D ignores dilationRate (computeOutputShape and call both drop it; 12 - 5 + 1 = 8 in Keras)',
      expected: ans([[N, 8, 8, 2]], [w('kernel', 3, 3, 2, 1), w('bias', 2)]),
      tfjs: ans([[N, 10, 10, 2]], [w('depthwise_kernel', 3, 3, 2, 1), w('bias', 2)]),
    },
  }),
  // §3.14 GlobalPooling keepdims
  c('GlobalAveragePooling2D/keepdims', L('GlobalAveragePooling2D', [], { keepdims: true }), [N, 5, 5, 3], {
    kerasDiffers: {
      reason: '§3.14 GlobalPooling ignores keepdims in tfjs',
      expected: ans([[N, 1, 1, 3]]),
      tfjs: ans([[N, 3]]),
    },
  }),
  c('GlobalMaxPooling1D/keepdims', L('GlobalMaxPooling1D', [], { keepdims: true }), [N, 5, 3], {
    kerasDiffers: {
      reason: '§3.14 GlobalPooling ignores keepdims in tfjs',
      expected: ans([[N, 1, 3]]),
      tfjs: ans([[N, 3]]),
    },
  }),
  c('GlobalMaxPooling2D/keepdims-channels-first', L('GlobalMaxPooling2D', [], { keepdims: true, data_format: 'channels_first' }), [N, 3, 5, 5], {
    kerasDiffers: {
      reason: '§3.14 GlobalPooling ignores keepdims in tfjs',
      expected: ans([[N, 3, 1, 1]]),
      tfjs: ans([[N, 3]]),
    },
  }),
];

// ---------------------------------------------------------------------------------------------------
// Configurations Keras and tfjs both reject: ours must report an error diagnostic.

const rejected: OracleCase[] = [
  c('reject/Conv2D-kernel-larger-than-input', L('Conv2D', [8, 5]), [N, 3, 3, 3], { rejects: 'Negative dimension size' }),
  c('reject/Conv2D-rank3-input', L('Conv2D', [8, 3]), [N, 10, 10], { rejects: 'expected ndim=4, found ndim=3' }),
  c('reject/Conv1D-rank4-input', L('Conv1D', [3, 3]), [N, 9, 9, 3], { rejects: 'expected ndim=3, found ndim=4' }),
  c('reject/Conv3D-rank4-input', L('Conv3D', [3, 3]), [N, 5, 5, 5], { rejects: 'expected ndim=5, found ndim=4' }),
  c('reject/Conv2D-padding-full', L('Conv2D', [8, 3], { padding: 'full' }), [N, 10, 10, 3], { rejects: 'full is not a valid PaddingMode' }),
  c('reject/Conv2D-kernel-tuple-of-3', L('Conv2D', [8, [3, 3, 3]]), [N, 10, 10, 3], { rejects: 'must be an integer or tuple of 2 integers' }),
  c('reject/Conv2DTranspose-rank3-input', L('Conv2DTranspose', [3, 3]), [N, 5, 5], { rejects: 'expected ndim=4, found ndim=3' }),
  c('reject/DepthwiseConv2D-rank3-input', L('DepthwiseConv2D', [3]), [N, 9, 9], { rejects: 'should have rank 4' }),
  c('reject/SeparableConv2D-rank3-input', L('SeparableConv2D', [3, 3]), [N, 5, 5], { rejects: 'should have rank 4' }),
  c('reject/Dense-undefined-last-dim', L('Dense', [3]), [N, N], { rejects: 'Tensor must have a shape comprised of positive integers' }),
  c('reject/Dense-units-0', L('Dense', [0]), [N, 5], { rejects: 'Expected units to be a positive integer' }),
  c('reject/MaxPooling2D-negative-output', L('MaxPooling2D', [3], { strides: 1 }), [N, 1, 1, 3], { rejects: 'Negative dimension size' }),
  c('reject/MaxPooling2D-rank3-input', L('MaxPooling2D'), [N, 5, 5], { rejects: 'expected ndim=4, found ndim=3' }),
  c('reject/Cropping2D-crop-larger-than-input', L('Cropping2D', [[[2, 2], [1, 1]]]), [N, 3, 3, 3], { rejects: 'Negative dimension size' }),
  c('reject/ZeroPadding2D-rank3-input', L('ZeroPadding2D', [1]), [N, 2, 3], { rejects: 'expected ndim=4, found ndim=3' }),
  c('reject/LSTM-rank4-input', L('LSTM', [3]), [N, 5, 3, 2], { rejects: 'expected ndim=3, found ndim=4' }),
  c('reject/SimpleRNN-rank2-input', L('SimpleRNN', [3]), [N, 5], { rejects: 'expected ndim=3, found ndim=2' }),
  c('reject/ConvLSTM2D-rank4-input', L('ConvLSTM2D', [3, 3]), [N, 5, 5, 3], { rejects: 'expected ndim=5, found ndim=4' }),
  c('reject/RepeatVector-rank3-input', L('RepeatVector', [3]), [N, 5, 2], { rejects: 'expected ndim=2, found ndim=3' }),
  c('reject/Permute-dims-from-0', L('Permute', [[0, 1]]), [N, 2, 3], { rejects: 'Invalid permutation `dims`' }),
  c('reject/Permute-rank-mismatch', L('Permute', [[2, 1]]), [N, 2, 3, 4], { rejects: 'expected ndim=3, found ndim=4' }),
  c('reject/Concatenate-mismatch', L('Concatenate', [], { axis: 1 }), [[N, 4, 5], [N, 2, 6]], { rejects: 'requires inputs with matching shapes' }),
  c('reject/Add-incompatible', L('Add'), [[N, 4, 5], [N, 4, 6]], { rejects: 'could not be broadcast' }),
  c('reject/Multiply-incompatible', L('Multiply'), [[N, 3, 4], [N, 2, 4]], { rejects: 'could not be broadcast' }),
  c('reject/Dot-mismatch', L('Dot', [], { axes: 1 }), [[N, 5], [N, 6]], { rejects: 'Dimension incompatibility' }),
  c('reject/Dot-three-inputs', L('Dot', [], { axes: 1 }), [[N, 5], [N, 5], [N, 5]], { rejects: 'exactly 2 inputs' }),
  c('reject/BatchNormalization-undefined-axis', L('BatchNormalization'), [N, N], { rejects: 'should have a defined dimension' }),
  c('reject/TimeDistributed-rank2-input', W('TimeDistributed', L('Dense', [3])), [N, 5], { rejects: 'expects an input shape >= 3D' }),
  c('reject/Bidirectional-bad-merge-mode', W('Bidirectional', L('LSTM', [3]), [], { merge_mode: 'bogus' }), [N, 5, 3], { rejects: 'not a valid BidirectionalMergeMode' }),
  c('reject/Activation-unknown', L('Activation', ['bogus']), [N, 10], { rejects: 'Unknown activation', oursSeverity: 'warning' }),
  c('reject/Embedding-input-dim-0', L('Embedding', [0, 3]), [N, 5], { rejects: 'Expected inputDim to be a positive integer' }),
  c('reject/SpatialDropout1D-rank4-input', L('SpatialDropout1D', [0.3]), [N, 5, 2, 2], { rejects: 'expected ndim=3, found ndim=4' }),
];

export const CASES: readonly OracleCase[] = [
  ...core,
  ...conv,
  ...pooling,
  ...reshaping,
  ...embedding,
  ...recurrent,
  ...normalization,
  ...activation,
  ...regularization,
  ...merging,
  ...differs,
  ...rejected,
];

/** True when the case's input is a list of shapes (merge layers) rather than one shape. */
export function isMultiInput(input: PyShape | readonly PyShape[]): input is readonly PyShape[] {
  return input.length > 0 && Array.isArray(input[0]);
}

// ---------------------------------------------------------------------------------------------------
// Python rendering, for the runner that will feed these cases through the Python front end.

/** A Python literal: `None`, `True`, `'same'`, `(3, 3)`, `(1,)`, `0.5`. */
export function renderPyValue(v: PyValue): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const items = v.map(renderPyValue);
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/** The layer expression as Python source, e.g. `Conv2D(8, 3, strides=2, padding='same')`. */
export function renderPython(layer: LayerExpr): string {
  const parts: string[] = [];
  if (layer.inner) parts.push(renderPython(layer.inner));
  for (const a of layer.args) parts.push(renderPyValue(a));
  for (const [k, v] of Object.entries(layer.kwargs)) parts.push(`${k}=${renderPyValue(v)}`);
  return `${layer.className}(${parts.join(', ')})`;
}
