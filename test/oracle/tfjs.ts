// The tfjs side of the oracle: turns a Python-style case into a tfjs 4.22 layer (snake_case → camelCase
// option names, Python values → tfjs values), applies it to symbolic inputs made with
// `tf.input({batchShape})`, and reads back output shapes, weights (`layer.weights`, get_weights() order)
// and `layer.countParams()`. Only symbolic building: no fit/predict, except `runEagerly` for the few
// cases whose difference from Keras only shows at run time.

import type { LayerExpr, OracleCase, PyShape, PyValue } from './cases';
import { isMultiInput } from './cases';

type Tf = typeof import('@tensorflow/tfjs');

/** Runs `fn` with console.warn/info silenced (tfjs prints a backend banner and some advisories). */
function quiet<T>(fn: () => T): T {
  const saved = { warn: console.warn, info: console.info };
  console.warn = () => {};
  console.info = () => {};
  try {
    return fn();
  } finally {
    console.warn = saved.warn;
    console.info = saved.info;
  }
}

function loadTfjs(): Tf {
  return quiet(() => {
    let mod: Tf;
    try {
      mod = require('@tensorflow/tfjs') as Tf;
    } catch {
      // Compiled to a directory outside the repo (e.g. `--outDir /tmp/x`): resolve from the working copy.
      mod = require(require.resolve('@tensorflow/tfjs', { paths: [process.cwd()] })) as Tf;
    }
    mod.getBackend(); // initialises the CPU backend now, while the banner is silenced
    return mod;
  });
}

export const tf: Tf = loadTfjs();

interface TfjsClass {
  /** Factory under `tf.layers`. */
  readonly factory: string;
  /** Python positional parameter names, in order (Keras 3 signature). */
  readonly positional: readonly string[];
  /** Python keyword → tfjs option when it is not the camelCase of the Python name. */
  readonly rename?: Readonly<Record<string, string>>;
}

const CONV = ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate'];
const CONV_T = ['filters', 'kernel_size', 'strides', 'padding', 'output_padding', 'data_format', 'dilation_rate'];
const POOL = ['pool_size', 'strides', 'padding', 'data_format'];
const GLOBAL = ['data_format', 'keepdims'];
const RNN = ['units', 'activation'];
const MERGE: string[] = [];

const CLASSES: Readonly<Record<string, TfjsClass>> = {
  Dense: { factory: 'dense', positional: ['units', 'activation', 'use_bias'] },
  Conv1D: { factory: 'conv1d', positional: CONV },
  Conv2D: { factory: 'conv2d', positional: CONV },
  Conv3D: { factory: 'conv3d', positional: CONV },
  Conv2DTranspose: { factory: 'conv2dTranspose', positional: CONV_T },
  Conv3DTranspose: { factory: 'conv3dTranspose', positional: CONV_T },
  SeparableConv2D: { factory: 'separableConv2d', positional: [...CONV, 'depth_multiplier'] },
  DepthwiseConv2D: { factory: 'depthwiseConv2d', positional: ['kernel_size', 'strides', 'padding', 'depth_multiplier', 'data_format', 'dilation_rate'] },
  MaxPooling1D: { factory: 'maxPooling1d', positional: POOL },
  MaxPooling2D: { factory: 'maxPooling2d', positional: POOL },
  MaxPooling3D: { factory: 'maxPooling3d', positional: POOL },
  AveragePooling1D: { factory: 'averagePooling1d', positional: POOL },
  AveragePooling2D: { factory: 'averagePooling2d', positional: POOL },
  AveragePooling3D: { factory: 'averagePooling3d', positional: POOL },
  GlobalMaxPooling1D: { factory: 'globalMaxPooling1d', positional: GLOBAL },
  GlobalMaxPooling2D: { factory: 'globalMaxPooling2d', positional: GLOBAL },
  GlobalAveragePooling1D: { factory: 'globalAveragePooling1d', positional: GLOBAL },
  GlobalAveragePooling2D: { factory: 'globalAveragePooling2d', positional: GLOBAL },
  ZeroPadding2D: { factory: 'zeroPadding2d', positional: ['padding', 'data_format'] },
  Cropping2D: { factory: 'cropping2D', positional: ['cropping', 'data_format'] },
  UpSampling2D: { factory: 'upSampling2d', positional: ['size', 'data_format', 'interpolation'] },
  Flatten: { factory: 'flatten', positional: ['data_format'] },
  Reshape: { factory: 'reshape', positional: ['target_shape'] },
  Permute: { factory: 'permute', positional: ['dims'] },
  RepeatVector: { factory: 'repeatVector', positional: ['n'] },
  Embedding: { factory: 'embedding', positional: ['input_dim', 'output_dim'] },
  SimpleRNN: { factory: 'simpleRNN', positional: RNN },
  LSTM: { factory: 'lstm', positional: RNN },
  GRU: { factory: 'gru', positional: RNN },
  ConvLSTM2D: { factory: 'convLstm2d', positional: CONV },
  Bidirectional: { factory: 'bidirectional', positional: ['layer', 'merge_mode'] },
  TimeDistributed: { factory: 'timeDistributed', positional: ['layer'] },
  BatchNormalization: { factory: 'batchNormalization', positional: ['axis', 'momentum', 'epsilon', 'center', 'scale'] },
  LayerNormalization: { factory: 'layerNormalization', positional: ['axis', 'epsilon', 'center', 'scale'] },
  Activation: { factory: 'activation', positional: ['activation'] },
  ReLU: { factory: 'reLU', positional: ['max_value', 'negative_slope', 'threshold'] },
  // Keras 3 `negative_slope` (tf.keras `alpha`) is tfjs `alpha`.
  LeakyReLU: { factory: 'leakyReLU', positional: ['negative_slope'], rename: { negative_slope: 'alpha' } },
  PReLU: { factory: 'prelu', positional: ['alpha_initializer', 'alpha_regularizer', 'alpha_constraint', 'shared_axes'] },
  ELU: { factory: 'elu', positional: ['alpha'] },
  Softmax: { factory: 'softmax', positional: ['axis'] },
  Dropout: { factory: 'dropout', positional: ['rate', 'noise_shape', 'seed'] },
  GaussianNoise: { factory: 'gaussianNoise', positional: ['stddev', 'seed'] },
  GaussianDropout: { factory: 'gaussianDropout', positional: ['rate', 'seed'] },
  AlphaDropout: { factory: 'alphaDropout', positional: ['rate', 'noise_shape', 'seed'] },
  SpatialDropout1D: { factory: 'spatialDropout1d', positional: ['rate'] },
  Masking: { factory: 'masking', positional: ['mask_value'] },
  Add: { factory: 'add', positional: MERGE },
  Multiply: { factory: 'multiply', positional: MERGE },
  Average: { factory: 'average', positional: MERGE },
  Maximum: { factory: 'maximum', positional: MERGE },
  Minimum: { factory: 'minimum', positional: MERGE },
  Concatenate: { factory: 'concatenate', positional: ['axis'] },
  Dot: { factory: 'dot', positional: ['axes', 'normalize'] },
};

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
}

/** Python value → tfjs option value: tuples become arrays, data formats are camelCased, None stays null. */
function tfjsValue(key: string, v: PyValue): unknown {
  if (key === 'data_format' && typeof v === 'string') {
    return v === 'channels_first' ? 'channelsFirst' : v === 'channels_last' ? 'channelsLast' : v;
  }
  if (Array.isArray(v)) return v.map(x => tfjsValue('', x));
  return v;
}

/**
 * The tfjs option object for a layer expression. Options tfjs lacks (`keepdims`, `output_padding`) are
 * passed anyway: tfjs ignores unknown options, which is exactly the difference the oracle records.
 * GRU `reset_after`: tfjs supports only false, so it is always built with `resetAfter: false`.
 */
export function tfjsConfig(expr: LayerExpr, asWritten = false): Record<string, unknown> {
  const cls = CLASSES[expr.className];
  if (!cls) throw new Error(`the oracle has no tfjs mapping for ${expr.className}`);
  const py: Record<string, PyValue> = {};
  const positional = expr.inner ? cls.positional.slice(1) : cls.positional;
  expr.args.forEach((a, i) => {
    const name = positional[i];
    if (!name) throw new Error(`${expr.className}: too many positional arguments for the oracle's mapping`);
    py[name] = a;
  });
  Object.assign(py, expr.kwargs);
  const config: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(py)) {
    config[cls.rename?.[k] ?? camel(k)] = tfjsValue(k, v);
  }
  // `asWritten` (the tfjs-version oracle): an explicit reset_after is passed on, so tfjs rejects `true`.
  if (expr.className === 'GRU' && !(asWritten && 'resetAfter' in config)) config.resetAfter = false;
  if (expr.inner) config.layer = makeTfjsLayer(expr.inner, asWritten);
  return config;
}

type TfLayer = ReturnType<Tf['layers']['dense']>;

export function makeTfjsLayer(expr: LayerExpr, asWritten = false): TfLayer {
  const cls = CLASSES[expr.className];
  if (!cls) throw new Error(`the oracle has no tfjs mapping for ${expr.className}`);
  const factory = (tf.layers as unknown as Record<string, (config: unknown) => TfLayer>)[cls.factory];
  if (typeof factory !== 'function') throw new Error(`tf.layers.${cls.factory} is not a function`);
  return factory(tfjsConfig(expr, asWritten));
}

export interface TfjsWeight {
  /** The last path segment of the tfjs variable name (`conv2d_Conv2D1/kernel` → `kernel`). */
  readonly name: string;
  readonly shape: number[];
  readonly trainable: boolean;
}

export interface TfjsResult {
  readonly outputs: (number | null)[][];
  readonly weights: TfjsWeight[];
  readonly params: number;
}

function inputShapes(c: OracleCase): PyShape[] {
  return isMultiInput(c.input) ? [...c.input] : [c.input as PyShape];
}

/**
 * Builds the case's layer on symbolic inputs. Throws tfjs's own error when tfjs rejects the
 * configuration; for single-input layers also the error `tf.sequential().add()` raises for a negative
 * output dimension (tfjs checks that only in Sequential.add, not in apply). `asWritten`: options exactly as
 * the case writes them (GRU `reset_after` passed on), for the tfjs-version oracle.
 */
export function buildWithTfjs(c: OracleCase, asWritten = false): TfjsResult {
  return quiet(() => {
    try {
      const shapes = inputShapes(c);
      const inputs = shapes.map(s => tf.input({ batchShape: [...s] }));
      const layer = makeTfjsLayer(c, asWritten);
      const multi = isMultiInput(c.input);
      const out = layer.apply(multi ? inputs : inputs[0]) as { shape: (number | null)[] } | { shape: (number | null)[] }[];
      const outs = Array.isArray(out) ? out : [out];
      const outputs = outs.map(t => [...t.shape]);
      if (!multi && outputs[0].some(d => d !== null && d < 0)) {
        // Same check and message as tfjs Sequential.checkShape.
        throw new Error(`Negative dimension size caused by adding layer ${layer.name} with input shape [${shapes[0].join(',')}]`);
      }
      const weights = layer.weights.map(v => ({
        name: (v.name.split('/').pop() ?? v.name).replace(/_\d+$/, ''),
        shape: v.shape.map(d => d as number),
        trainable: v.trainable,
      }));
      return { outputs, weights, params: layer.countParams() };
    } finally {
      tf.disposeVariables();
    }
  });
}

/** Applies a freshly made layer to zeros (None → 2) so run-time-only failures surface; throws them. */
export function runEagerly(c: OracleCase): void {
  quiet(() => {
    try {
      const layer = makeTfjsLayer(c);
      tf.tidy(() => {
        const xs = inputShapes(c).map(s => tf.zeros(s.map(d => (d === null ? 2 : d))));
        layer.apply(xs.length === 1 ? xs[0] : xs);
      });
    } finally {
      tf.disposeVariables();
    }
  });
}
