// The input shape a layer declares for itself when it is the first layer of a Sequential:
// `input_shape`, `batch_input_shape`, `batch_size`, `input_dim` (and Keras 1 `input_length`), and the
// Embedding rules (`input_length`; tf.keras, Keras 1 and TF.js build an Embedding-first model as (None, None)).
// TF.js: the same arguments under their tfjs names, `inputDim` only on Dense.

import type { LayerInstance } from '../ir/graph';
import type { KerasVersion } from '../ir/kerasVersion';
import { ArgValue, isUnknown } from '../ir/values';
import { Dim, Shape } from './shape';

const SEQUENCE_LAYERS = new Set(['Conv1D', 'SimpleRNN', 'LSTM', 'GRU', 'LocallyConnected1D']);
export const INPUT_SHAPE_ARGS = ['input_shape', 'batch_input_shape', 'batch_size', 'input_dim', 'input_length'];

/** A declared size: a whole number from 0 up, or None; anything else (a fraction, a negative size) is unknown. */
function dim(v: ArgValue | undefined): Dim {
  return typeof v === 'number' ? (Number.isSafeInteger(v) && v >= 0 ? v : '?') : v === null ? null : '?';
}

function tupleDims(v: ArgValue | undefined): Dim[] | undefined {
  if (Array.isArray(v)) return v.map(dim);
  if (typeof v === 'number') return [v];
  return undefined;
}

/** True when the layer carries any input-shape argument (for the "ignored on a later layer" warning). */
export function declaresInput(layer: LayerInstance): boolean {
  const className = layer.spec?.className;
  for (const k of layer.keyword.keys()) {
    if (k === 'input_shape' || k === 'batch_input_shape') return true;
    if (k === 'input_dim' && className !== 'Embedding') return true;
  }
  return false;
}

/** TF.js option names of the input-shape arguments (`inputShape`, …), for a front end that keeps them. */
const TFJS_INPUT_NAMES: Readonly<Record<string, string>> = {
  inputShape: 'input_shape', batchInputShape: 'batch_input_shape', batchSize: 'batch_size', inputDim: 'input_dim', inputLength: 'input_length',
};

function withTfjsNames(kw: ReadonlyMap<string, ArgValue>): ReadonlyMap<string, ArgValue> {
  if (![...kw.keys()].some(k => k in TFJS_INPUT_NAMES)) return kw;
  const out = new Map(kw);
  for (const [tfjs, canonical] of Object.entries(TFJS_INPUT_NAMES)) {
    if (kw.has(tfjs) && !out.has(canonical)) out.set(canonical, kw.get(tfjs) as ArgValue);
  }
  return out;
}

/**
 * TF.js (the Layer constructor, Dense and Embedding): `batchInputShape`, else `[batchSize, ...inputShape]`;
 * `inputDim` only on Dense; Embedding without either is built for `[batchSize, inputLength]` or
 * `[batchSize, null]`. Other layers ignore `inputDim`, so a Sequential that starts with them has no input.
 */
/** `batch_input_shape` as given, or `(batch_size or None,) + input_shape`; undefined when neither is given. */
function explicitShape(kw: ReadonlyMap<string, ArgValue>, batch: Dim): Shape | 'unknown' | undefined {
  if (kw.has('batch_input_shape')) return tupleDims(kw.get('batch_input_shape')) ?? 'unknown';
  if (kw.has('input_shape')) {
    const v = kw.get('input_shape');
    if (isUnknown(v)) return 'unknown';
    const dims = tupleDims(v);
    return dims ? [batch, ...dims] : 'unknown';
  }
  return undefined;
}

function declaredTfjs(kw: ReadonlyMap<string, ArgValue>, className: string): Shape | 'unknown' | undefined {
  const batch: Dim = kw.has('batch_size') ? dim(kw.get('batch_size')) : null;
  const explicit = explicitShape(kw, batch);
  if (explicit !== undefined) return explicit;
  if (className === 'Embedding') {
    if (!kw.has('input_length')) return [batch, null];
    const v = kw.get('input_length');
    return [batch, ...(Array.isArray(v) ? v.map(dim) : [dim(v)])];
  }
  if (className === 'Dense' && kw.has('input_dim')) return [batch, dim(kw.get('input_dim'))];
  return undefined;
}

/**
 * The batch-first input shape declared by a first layer, or undefined when it declares none.
 * A declared shape that cannot be evaluated gives a shape of unknown dims, or '?' for the whole.
 */
export function declaredInputShape(layer: LayerInstance, version: KerasVersion): Shape | 'unknown' | undefined {
  const kw = version === 'tfjs' ? withTfjsNames(layer.keyword) : layer.keyword;
  const className = layer.spec?.className ?? layer.className;
  if (version === 'tfjs') return declaredTfjs(kw, className);
  const batch: Dim = kw.has('batch_size') ? dim(kw.get('batch_size')) : null;
  const explicit = explicitShape(kw, batch);
  if (explicit !== undefined) return explicit;
  if (className === 'Embedding') {
    if (version === '3') return undefined;
    if (kw.has('input_length')) {
      const v = kw.get('input_length');
      const dims = Array.isArray(v) ? v.map(dim) : [dim(v)];
      return [batch, ...dims];
    }
    return version === '1' || version === 'tf.keras' ? [batch, null] : undefined;
  }
  if (kw.has('input_dim')) {
    const d = dim(kw.get('input_dim'));
    if (SEQUENCE_LAYERS.has(className) && version !== '3') return [batch, kw.has('input_length') ? dim(kw.get('input_length')) : null, d];
    return [batch, d];
  }
  return undefined;
}
