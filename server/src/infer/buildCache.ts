// Memo of layer builds keyed by everything a catalogue rule can see (spec, arguments, call options, input
// shapes, Keras version, data format): unchanged layers become lookups, within and across analyses. Bounded
// (two generations); cached outcomes are shared, so no caller may change what another one reads (sharedObjects.ts).

import type { LayerSpec } from '../layers/spec';
import type { BuildOutcome, BuildOptions } from './buildLayer';
import type { LayerInstance } from '../ir/graph';
import { numberText, Shape } from './shape';
import { argSpecIndex } from './resolveArgs';
import { shared } from './sharedObjects';

/** Entries per generation: when the current one is full it becomes the previous one (the oldest is dropped). */
const GENERATION_SIZE = 4096;
let current = new Map<string, BuildOutcome>();
let previous = new Map<string, BuildOutcome>();

/** Per spec, the start of its keys for the latest version and data format asked (`<id>:<version>…(`). */
const specPrefixes = new WeakMap<LayerSpec, { version: string; format: string; prefix: string }>();
let nextSpecId = 0;

/** Empties the cache (tests and benchmarks measuring cold builds). */
export function clearBuildCache(): void {
  current = new Map();
  previous = new Map();
}

/** A memo apart from the shared one (both generations), for builds that are not a document's. */
export interface PrivateBuildMemo {
  current: Map<string, BuildOutcome>;
  previous: Map<string, BuildOutcome>;
}

export function privateBuildMemo(): PrivateBuildMemo {
  return { current: new Map(), previous: new Map() };
}

/**
 * Runs `work` with `memo` in place of the shared memo, then puts the shared one back untouched: builds made for
 * something that is not a document (the worker's code warm-up) neither evict nor serve a document's builds.
 */
export function withPrivateBuildMemo<T>(memo: PrivateBuildMemo, work: () => T): T {
  const saved = [current, previous] as const;
  current = memo.current;
  previous = memo.previous;
  try {
    return work();
  } finally {
    // A build may have started a new generation: the memo keeps what it now is.
    memo.current = current;
    memo.previous = previous;
    [current, previous] = saved;
  }
}

/** Entries held (both generations), for tests. */
export function buildCacheSize(): number {
  return current.size + previous.size;
}

export function cachedBuild(key: string): BuildOutcome | undefined {
  const hit = current.get(key);
  if (hit !== undefined || previous.size === 0) return hit;
  const old = previous.get(key);
  if (old !== undefined) remember(key, old);
  return old;
}

/**
 * Stores an outcome without issues (issue messages name the layer) and returns it, deeply read-only (frozen
 * while tests guard shared objects, see sharedObjects.ts).
 */
export function rememberBuild(key: string, outcome: BuildOutcome): BuildOutcome {
  const result = outcome.result;
  if (result) {
    for (const o of result.outputs) if (o) shared(o);
    shared(result.outputs);
    for (const w of result.weights) {
      shared(w.shape);
      shared(w.axes);
      shared(w);
    }
    shared(result.weights);
    shared(result);
  }
  shared(outcome.issues);
  shared(outcome.explanations);
  shared(outcome.notes);
  remember(key, shared(outcome));
  return outcome;
}

function remember(key: string, outcome: BuildOutcome): void {
  if (current.size >= GENERATION_SIZE) {
    previous = current;
    current = new Map();
  }
  current.set(key, outcome);
}

/**
 * The cache key of a build, or undefined when an argument is not a plain value (a layer, a dict, an
 * unknown, a tensor): those builds run every time. Every part is self-delimiting (numbers end with `,`,
 * free strings carry their length), so different builds cannot share a key.
 */
export function buildKey(layer: LayerInstance, spec: LayerSpec, inputs: readonly Shape[], options: BuildOptions, callOptions: ReadonlyMap<string, unknown>): string | undefined {
  const version = options.version;
  const format = options.defaultDataFormat;
  if (typeof version !== 'string' || typeof format !== 'string') return undefined;
  let start = specPrefixes.get(spec);
  if (start === undefined || start.version !== version || start.format !== format) {
    const id = start ? start.prefix.slice(0, start.prefix.indexOf(':')) : String(nextSpecId++);
    start = { version, format, prefix: id + ':' + version.length + ':' + version + format.length + ':' + format };
    specPrefixes.set(spec, start);
  }
  let key = start.prefix + (layer.opaqueArgs ? 'o(' : '(');
  for (const v of layer.positional) {
    const s = valueKey(v);
    if (s === undefined) return undefined;
    key += s;
  }
  key += ')';
  const index = argSpecIndex(spec);
  for (const [name, v] of layer.keyword) {
    if (!index.has(name)) continue; // ignored by the build
    const s = valueKey(v);
    if (s === undefined) return undefined;
    key += name + '=' + s;
  }
  if (callOptions.size) {
    key += '&';
    for (const [name, v] of callOptions) {
      const s = valueKey(v);
      if (s === undefined) return undefined;
      key += name.length + ':' + name + s;
    }
  }
  for (const shape of inputs) {
    key += '|';
    for (const d of shape) key += (d === null ? '~' : d === '?' ? '?' : numberKey(d)) + ',';
  }
  return key;
}

function numberKey(n: number): string {
  return n === 0 && 1 / n < 0 ? '-0' : numberText(n);
}

/**
 * Self-delimiting, type-tagged text of a plain value (numbers end with `,`, strings carry their length);
 * undefined for objects other than arrays.
 */
function valueKey(v: unknown): string | undefined {
  switch (typeof v) {
    case 'number':
      return numberKey(v) + ',';
    case 'string':
      return '"' + v.length + ':' + v;
    case 'boolean':
      return v ? 'T' : 'F';
    case 'object': {
      if (v === null) return 'N';
      if (!Array.isArray(v)) return undefined;
      let s = '[';
      for (const item of v) {
        const k = valueKey(item);
        if (k === undefined) return undefined;
        s += k;
      }
      return s + ']';
    }
    default:
      return undefined;
  }
}
