// Resolves dotted Python paths (`keras.layers.Dense`, `tf.keras.Sequential`, `keras.layers.core.Dense`,
// `tensorflow.keras.models.Model`) to what they mean to the analysis, and which Keras flavour they come from.

import type { LayerSpec } from '../../layers/spec';
import { findPythonLayer } from '../../layers/registry';
import { FUNCTIONAL_MERGES } from '../../layers/merging/functional';

export type KerasSymbol =
  | { readonly kind: 'layer'; readonly name: string; readonly spec: LayerSpec }
  | { readonly kind: 'functionalMerge'; readonly name: string; readonly spec: LayerSpec }
  | { readonly kind: 'keras1Merge'; readonly name: string }
  | { readonly kind: 'input'; readonly name: string; readonly spec: LayerSpec }
  | { readonly kind: 'sequential'; readonly name: string }
  | { readonly kind: 'model'; readonly name: string }
  | { readonly kind: 'unsupported'; readonly name: string; readonly reason: string; readonly application?: boolean }
  | { readonly kind: 'module' };

/** 'tf': reached through tensorflow.keras / tf_keras; 'standalone': the `keras` package. */
export type KerasFlavor = 'tf' | 'standalone';

export interface ResolvedSymbol {
  readonly symbol: KerasSymbol;
  readonly flavor: KerasFlavor;
}

/** The part of a path after the Keras root, and the flavour; undefined when the path is not Keras. */
function splitRoot(path: readonly string[]): { rest: readonly string[]; flavor: KerasFlavor } | undefined {
  if (path[0] === 'keras') return { rest: path.slice(1), flavor: 'standalone' };
  if (path[0] === 'tf_keras') return { rest: path.slice(1), flavor: 'tf' };
  if (path[0] === 'tensorflow') {
    let i = 1;
    if (path[i] === 'compat' && (path[i + 1] === 'v1' || path[i + 1] === 'v2')) i += 2;
    if (path[i] === 'python') i += 1;
    if (path[i] === 'keras') return { rest: path.slice(i + 1), flavor: 'tf' };
  }
  return undefined;
}

const MODEL_NAMES = new Set(['Model', 'Functional']);
const IS_MODULE_SEGMENT = (s: string) => s.length > 0 && s[0] === s[0].toLowerCase() && s[0] !== s[0].toUpperCase();

/** Meaning of a name found in `keras.layers` (or a legacy submodule such as `keras.layers.core`). */
export function resolveLayerName(name: string): KerasSymbol | undefined {
  if (name === 'Input') return inputSymbol(name);
  const spec = findPythonLayer(name);
  if (spec) return spec.isInput ? { kind: 'input', name, spec } : { kind: 'layer', name, spec };
  const merge = FUNCTIONAL_MERGES[name];
  if (merge) {
    const mergeSpec = findPythonLayer(merge);
    if (mergeSpec) return { kind: 'functionalMerge', name, spec: mergeSpec };
  }
  if (name === 'merge' || name === 'Merge') return { kind: 'keras1Merge', name };
  if (IS_MODULE_SEGMENT(name)) return undefined;
  return { kind: 'unsupported', name, reason: `\`${name}\` is not in ShapeLens' layer catalogue yet` };
}

function inputSymbol(name: string): KerasSymbol | undefined {
  const spec = findPythonLayer('InputLayer');
  return spec ? { kind: 'input', name, spec } : undefined;
}

/** Meaning of a top-level or `models`/`engine` name: Sequential, Model, Input. */
function resolveModelName(name: string): KerasSymbol | undefined {
  if (name === 'Sequential') return { kind: 'sequential', name };
  if (MODEL_NAMES.has(name)) return { kind: 'model', name };
  if (name === 'Input' || name === 'InputLayer') return inputSymbol(name);
  return undefined;
}

/**
 * Paths resolved so far, by their last segment (a pure function of the path; a file names the same few
 * paths again and again, and comparing a few short segments costs less than joining them into a key).
 */
const resolvedPaths = new Map<string, { readonly path: readonly string[]; readonly resolved: ResolvedSymbol | undefined }[]>();
let rememberedPaths = 0;
const MAX_REMEMBERED_PATHS = 2048;

function samePath(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Resolves a full dotted path; undefined when it is not a Keras path at all. */
export function resolveKerasPath(path: readonly string[]): ResolvedSymbol | undefined {
  const last = path[path.length - 1] ?? '';
  let known = resolvedPaths.get(last);
  if (known) for (const entry of known) if (samePath(entry.path, path)) return entry.resolved;
  const resolved = resolvePath(path);
  if (rememberedPaths >= MAX_REMEMBERED_PATHS) {
    resolvedPaths.clear();
    rememberedPaths = 0;
    known = undefined;
  }
  if (!known) resolvedPaths.set(last, (known = []));
  known.push({ path: path.slice(), resolved });
  rememberedPaths++;
  return resolved;
}

function resolvePath(path: readonly string[]): ResolvedSymbol | undefined {
  const root = splitRoot(path);
  if (!root) return undefined;
  const { rest, flavor } = root;
  if (rest.length === 0) return { symbol: { kind: 'module' }, flavor };
  const last = rest[rest.length - 1];
  const head = rest[0];
  if (head === 'layers' && rest.length >= 2) {
    if (rest.slice(1, -1).every(IS_MODULE_SEGMENT)) {
      const sym = resolveLayerName(last);
      if (sym) return { symbol: sym, flavor };
    }
    return { symbol: { kind: 'module' }, flavor };
  }
  if (head === 'applications' && rest.length >= 2 && !IS_MODULE_SEGMENT(last)) {
    return { symbol: { kind: 'unsupported', name: last, reason: `\`keras.applications.${last}\` is a pretrained network whose layers ShapeLens does not expand`, application: true }, flavor };
  }
  if (rest.length === 1) {
    const sym = resolveModelName(last);
    return { symbol: sym ?? (IS_MODULE_SEGMENT(last) ? { kind: 'module' } : { kind: 'unsupported', name: last, reason: `\`${last}\` is not something ShapeLens analyses` }), flavor };
  }
  if ((head === 'models' || head === 'engine' || head === 'src') && rest.slice(1, -1).every(IS_MODULE_SEGMENT)) {
    const sym = resolveModelName(last) ?? (head === 'src' ? resolveLayerName(last) : undefined);
    if (sym) return { symbol: sym, flavor };
  }
  return { symbol: IS_MODULE_SEGMENT(last) ? { kind: 'module' } : { kind: 'unsupported', name: last, reason: `\`${path.join('.')}\` is not something ShapeLens analyses` }, flavor };
}

/**
 * A bare name with no import in sight (a snippet such as `Conv1D(2, 4)(out)`): treated as the Keras name
 * when it is one, so pasted answers from the web are analysed too.
 */
export function resolveBareName(name: string): KerasSymbol | undefined {
  return resolveModelName(name) ?? (IS_MODULE_SEGMENT(name) && !FUNCTIONAL_MERGES[name] && name !== 'merge' ? undefined : resolveLayerName(name));
}
