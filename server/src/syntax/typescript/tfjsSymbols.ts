// What TF.js names mean to the analysis: the module specifiers that provide the `tf` namespace, the
// `tf.layers` factories (with tfjs's own aliases such as `maxPool2d`), and the mapping of a factory's
// config keys (`kernelSize`, `inputShape`, `dataFormat: 'channelsLast'`) to canonical Python arguments.

import type { ArgSpec, LayerSpec } from '../../layers/spec';
import { findTfjsLayer } from '../../layers/registry';
import type { ArgValue } from '../../ir/values';

/** Modules whose namespace is (or contains) `tf.layers`, `tf.sequential`, `tf.model`, `tf.input`. */
const TFJS_MODULES = new Set([
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  '@tensorflow/tfjs-layers',
]);

export function isTfjsModule(specifier: string): boolean {
  return TFJS_MODULES.has(specifier);
}

/** The root of every TF.js symbol path. */
export const TF_ROOT = 'tf';

/** Factory aliases tfjs exports under `tf.layers` besides the catalogue's names. */
const FACTORY_ALIASES: Readonly<Record<string, string>> = {
  maxPool1d: 'maxPooling1d',
  maxPool2d: 'maxPooling2d',
  avgPool1d: 'averagePooling1d',
  avgPool2d: 'averagePooling2d',
  avgPool3d: 'averagePooling3d',
  avgPooling1d: 'averagePooling1d',
  avgPooling2d: 'averagePooling2d',
  avgPooling3d: 'averagePooling3d',
  globalMaxPool1d: 'globalMaxPooling1d',
  globalMaxPool2d: 'globalMaxPooling2d',
};

export type TfjsSymbol =
  | { readonly kind: 'layer'; readonly name: string; readonly spec: LayerSpec }
  | { readonly kind: 'input'; readonly name: string }
  | { readonly kind: 'inputLayer'; readonly name: string }
  | { readonly kind: 'sequential'; readonly name: string }
  | { readonly kind: 'model'; readonly name: string }
  | { readonly kind: 'unsupported'; readonly name: string; readonly reason: string }
  | { readonly kind: 'other' };

function isLowerInitial(s: string): boolean {
  return s.length > 0 && s[0] === s[0].toLowerCase() && s[0] !== s[0].toUpperCase();
}

/** Meaning of a call to the TF.js path `tf.…`; `path` starts with TF_ROOT. */
export function resolveTfjsPath(path: readonly string[]): TfjsSymbol {
  const rest = path.slice(1);
  if (rest.length === 1) {
    if (rest[0] === 'sequential') return { kind: 'sequential', name: rest[0] };
    if (rest[0] === 'model') return { kind: 'model', name: rest[0] };
    if (rest[0] === 'input') return { kind: 'input', name: rest[0] };
    return { kind: 'other' };
  }
  if (rest.length === 2 && rest[0] === 'layers') {
    const name = rest[1];
    if (name === 'input') return { kind: 'input', name };
    if (name === 'inputLayer') return { kind: 'inputLayer', name };
    const spec = findTfjsLayer(FACTORY_ALIASES[name] ?? name);
    if (spec) return { kind: 'layer', name, spec };
    if (isLowerInitial(name)) return { kind: 'unsupported', name, reason: `\`tf.layers.${name}\` is not in ShapeLens' layer catalogue yet` };
    return { kind: 'unsupported', name, reason: `\`tf.layers.${name}\` is a class ShapeLens does not analyse` };
  }
  return { kind: 'other' };
}

/** `kernel_size` → `kernelSize`. */
export function camelCase(name: string): string {
  const parts = name.split('_');
  let out = parts[0];
  for (let i = 1; i < parts.length; i++) out += parts[i].length > 0 ? parts[i][0].toUpperCase() + parts[i].slice(1) : '';
  return out;
}

/** Config keys every layer accepts, mapped to the canonical Python names the engine reads. */
const GENERIC_KEYS: Readonly<Record<string, string>> = {
  inputShape: 'input_shape',
  batchInputShape: 'batch_input_shape',
  batchSize: 'batch_size',
  inputDim: 'input_dim',
  inputLength: 'input_length',
  name: 'name',
  trainable: 'trainable',
  dtype: 'dtype',
};

const tfjsIndex = new WeakMap<LayerSpec, Map<string, ArgSpec>>();

function argForKey(spec: LayerSpec, key: string): ArgSpec | undefined {
  let index = tfjsIndex.get(spec);
  if (!index) {
    index = new Map();
    for (const a of spec.args) {
      if (a.tfjs === null) continue;
      const k = a.tfjs ?? camelCase(a.name);
      if (!index.has(k)) index.set(k, a);
    }
    tfjsIndex.set(spec, index);
  }
  return index.get(key);
}

/** The canonical Python argument name for a TF.js config key of a layer (the key itself when unknown). */
export function pythonArgName(spec: LayerSpec | undefined, key: string): string {
  const arg = spec ? argForKey(spec, key) : undefined;
  if (arg) return arg.name;
  return GENERIC_KEYS[key] ?? key;
}

/**
 * TF.js value spellings that differ from Keras: `'channelsLast'` → `'channels_last'`. TF.js refuses the Python
 * spelling itself, so `'channels_last'` is kept apart (with a note) for the build to report as the invalid value it is.
 */
export function pythonArgValue(name: string, value: ArgValue): ArgValue {
  if ((name === 'data_format' || name === 'dim_ordering') && typeof value === 'string') {
    if (value === 'channelsLast') return 'channels_last';
    if (value === 'channelsFirst') return 'channels_first';
    if (value === 'channels_last' || value === 'channels_first') return `'${value}', the Python spelling (TF.js writes '${value === 'channels_last' ? 'channelsLast' : 'channelsFirst'}')`;
  }
  return value;
}
