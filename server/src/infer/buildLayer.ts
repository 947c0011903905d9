// Runs one catalogue build rule for a layer instance and input shapes: resolves its arguments, checks the
// input rank, and collects outputs, weights, shape arithmetic and issues. Never throws on user input.

import type { KerasVersion } from '../ir/kerasVersion';
import type { LayerInstance } from '../ir/graph';
import { ArgValue, formatValue, isUnknown, unknown } from '../ir/values';
import type { BuildContext, BuildResult, DerivedSlot, LayerSpec, RankRule, Severity } from '../layers/spec';
import { Dim, Shape, formatShape } from './shape';
import { ResolvedArg, defaultOf, findArgSpec, resolveArgs } from './resolveArgs';
import { buildKey, cachedBuild, rememberBuild } from './buildCache';
import { NO_ENTRIES } from '../ir/callOptions';

export interface BuildIssue {
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
}

export interface BuildOutcome {
  /** Undefined when the build could not run (a provable error, or a rule that gave up). */
  readonly result: BuildResult | undefined;
  readonly issues: BuildIssue[];
  readonly explanations: string[];
  readonly notes: string[];
}

export interface BuildOptions {
  readonly version: KerasVersion;
  /** `image_data_format` from keras.json (Keras 2/3) or the Keras 1 `image_dim_ordering`, mapped. */
  readonly defaultDataFormat: 'channels_last' | 'channels_first';
}

/** Name used in messages: the automatic or explicit layer name when known, else the class. */
export function displayName(layer: LayerInstance): string {
  return layer.name ? `${layer.className} '${layer.name}'` : layer.className;
}

/**
 * A size argument as a Dim: only a whole number a double holds exactly is a size; a fraction (`2.5`), a float
 * too large to be exact (`1e308`, `2**60`), NaN or an infinity reads as unknown, never as a size to compute with.
 */
const asDim = (v: ArgValue): Dim => (typeof v === 'number' && Number.isSafeInteger(v) ? v : v === null ? null : '?');

/** The BuildContext a rule sees (a class, so a build allocates one object rather than a closure each). */
class Context implements BuildContext {
  readonly issues: BuildIssue[] = [];
  readonly explanations: string[] = [];
  readonly notes: string[] = [];
  failed = false;
  readonly version: KerasVersion;
  readonly input: Shape;

  constructor(
    private readonly layer: LayerInstance,
    private readonly spec: LayerSpec,
    readonly inputs: readonly Shape[],
    private readonly options: BuildOptions,
    private readonly resolved: Map<string, ResolvedArg>,
    private readonly callOptions: ReadonlyMap<string, unknown>,
  ) {
    this.version = options.version;
    this.input = inputs[0] ?? [];
  }

  value(name: string): ArgValue {
    const r = this.resolved.get(name);
    if (r) return r.value;
    if (this.layer.opaqueArgs) return unknown('passed through **kwargs that could not be evaluated');
    return defaultOf(findArgSpec(this.spec, name), this.options.version);
  }
  given(name: string): boolean {
    return this.resolved.has(name);
  }
  int(name: string): Dim {
    const v = this.value(name);
    const d = asDim(v);
    if (d === '?') this.noteUnknown(name, v);
    return d;
  }
  str(name: string): string | '?' {
    const v = this.value(name);
    if (typeof v === 'string') return v;
    this.noteUnknown(name, v);
    return '?';
  }
  bool(name: string): boolean | '?' {
    const v = this.value(name);
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    this.noteUnknown(name, v);
    return '?';
  }
  tuple(name: string, n: number): Dim[] {
    const v = this.value(name);
    this.noteUnknown(name, v);
    if (typeof v === 'number') return new Array<Dim>(n).fill(asDim(v));
    if (Array.isArray(v)) {
      if (v.length !== n) {
        this.error('bad-argument', `The \`${name}\` argument of ${displayName(this.layer)} must be an integer or a tuple of ${n} integers; received ${formatValue(v)}.`);
        return new Array<Dim>(n).fill('?');
      }
      return v.map(asDim);
    }
    return new Array<Dim>(n).fill('?');
  }
  dataFormat(checked = true): 'channels_last' | 'channels_first' | '?' {
    const v = this.value('data_format');
    if (v === null || v === undefined) return this.options.defaultDataFormat;
    if (typeof v !== 'string') return '?';
    // Keras 2 and 3 lower-case the value first; Keras 1 (`dim_ordering`, mapped) and TF.js compare it as written.
    const format = this.version === '1' || this.version === 'tfjs' ? v : v.toLowerCase();
    if (format === 'channels_last' || format === 'channels_first') return format;
    // Any other string is refused when the layer is created (reported once, however often a rule asks), except by
    // the few TF.js layers that never check it (`checked` false).
    if (checked) {
      const name = this.version === '1' ? 'dim_ordering' : this.version === 'tfjs' ? 'dataFormat' : 'data_format';
      const shown = v.startsWith("'") ? v : `'${v}'`;
      const message = `The \`${name}\` argument of ${displayName(this.layer)} must be ${this.version === '1' ? "'th', 'tf' or 'default'" : this.version === 'tfjs' ? "'channelsLast' or 'channelsFirst'" : "'channels_last' or 'channels_first'"}; received ${shown}.`;
      if (!this.issues.some(i => i.message === message)) this.error('bad-argument', message);
    }
    return '?';
  }
  callOption(name: string): ArgValue | undefined {
    return this.callOptions.get(name) as ArgValue | undefined;
  }
  buildInner(inner: LayerInstance, input: Shape): BuildResult | undefined {
    if (!inner.spec) return undefined;
    const outcome = buildLayer(inner, [input], this.options);
    for (const i of outcome.issues) this.issues.push(i);
    this.explanations.push(...outcome.explanations);
    this.notes.push(...outcome.notes);
    if (outcome.issues.some(i => i.severity === 'error')) this.failed = true;
    return outcome.result;
  }
  error(code: string, message: string): void {
    this.issues.push({ severity: 'error', code, message });
    this.failed = true;
  }
  warning(code: string, message: string): void {
    this.issues.push({ severity: 'warning', code, message });
  }
  explain(line: string): void {
    this.explanations.push(line);
  }
  note(line: string): void {
    this.notes.push(line);
  }

  /** Tells the hover why an argument a rule read is not known, when the front end said why (once per argument). */
  private noteUnknown(name: string, v: ArgValue): void {
    const reason = unknownReasonIn(v);
    if (!reason) return;
    const shown = this.version === 'tfjs' ? camelCase(name) : name;
    const line = `\`${shown}\` is not known: ${reason}.`;
    if (!this.notes.includes(line)) this.notes.push(line);
  }
}

/** The reason given for an unknown value, or for the first unknown item of a tuple. */
function unknownReasonIn(v: ArgValue): string | undefined {
  if (isUnknown(v)) return v.reason;
  if (Array.isArray(v)) {
    for (const item of v) {
      const reason = unknownReasonIn(item);
      if (reason) return reason;
    }
  }
  return undefined;
}

/** `kernel_size` → `kernelSize`: how a TF.js config spells a catalogue argument. */
function camelCase(name: string): string {
  const parts = name.split('_');
  return parts[0] + parts.slice(1).map(p => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}


/**
 * Builds a layer, or returns the memoised outcome of an identical build (same spec, arguments, call
 * options, inputs, version and data format). Memoised outcomes are frozen and shared: never mutate them.
 */
export function buildLayer(
  layer: LayerInstance,
  inputs: readonly Shape[],
  options: BuildOptions,
  callOptions: ReadonlyMap<string, unknown> = NO_ENTRIES,
): BuildOutcome {
  const last = layer.lastBuild;
  if (last && (last.callOptions === callOptions || (last.callOptions.size === 0 && callOptions.size === 0)) && last.version === options.version && last.dataFormat === options.defaultDataFormat && sameShapeList(last.inputs, inputs)) {
    return last.outcome as BuildOutcome;
  }
  const spec = layer.spec as LayerSpec;
  const key = buildKey(layer, spec, inputs, options, callOptions);
  if (key === undefined) return runBuild(layer, spec, inputs, options, callOptions);
  let outcome = cachedBuild(key);
  if (!outcome) {
    outcome = runBuild(layer, spec, inputs, options, callOptions);
    // Issue messages name the layer instance: only issue-free outcomes are shared.
    if (outcome.issues.length > 0) return outcome;
    outcome = rememberBuild(key, outcome);
  }
  // A layer's arguments never change after creation: the same inputs, call options, version and data format
  // give the same key, so the next analysis of a session (a replayed layer) can skip building it.
  layer.lastBuild = { inputs, callOptions, version: options.version, dataFormat: options.defaultDataFormat, outcome };
  return outcome;
}

/** Whether two lists of shapes (undefined: not known) are equal, axis by axis. */
export function sameShapeList(a: readonly (Shape | undefined)[], b: readonly (Shape | undefined)[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (!x || !y || x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++) if (!Object.is(x[j], y[j])) return false;
  }
  return true;
}

function runBuild(layer: LayerInstance, spec: LayerSpec, inputs: readonly Shape[], options: BuildOptions, callOptions: ReadonlyMap<string, unknown>): BuildOutcome {
  const resolved = resolveArgs(spec, layer.positional, layer.keyword, options.version);
  const ctx = new Context(layer, spec, inputs, options, resolved, callOptions);
  const rule = typeof spec.rank === 'function' ? spec.rank(ctx) : spec.rank;
  if (!spec.isInput && rule && (spec.inputKind ?? 'single') === 'single') {
    const message = checkRank(rule, ctx.input, layer);
    if (message) {
      ctx.error('input-rank', message);
      return { result: undefined, issues: ctx.issues, explanations: ctx.explanations, notes: ctx.notes };
    }
  }
  let result: BuildResult | undefined;
  try {
    result = spec.build(ctx);
  } catch (e) {
    // A build rule must not throw; if one does, the layer is shown as unknown rather than crashing.
    ctx.notes.push(`internal error in the ${spec.className} rule: ${(e as Error).message}`);
    result = undefined;
  }
  if (ctx.failed) result = undefined;
  else if (result) {
    result = withExactSizes(result);
    // The slot collection fills (see `BuildResult.derived`); a rule's result is a new object every build.
    (result as { derived?: DerivedSlot }).derived = {};
  }
  return { result, issues: ctx.issues, explanations: ctx.explanations, notes: ctx.notes };
}

/** A size that can be shown: a whole number from 0 up that a double holds exactly. */
function isExactSize(d: Dim): boolean {
  return typeof d !== 'number' || (Number.isSafeInteger(d) && d >= 0);
}

function exactShape(shape: Shape): Shape {
  return shape.every(isExactSize) ? shape : shape.map(d => (isExactSize(d) ? d : '?'));
}

/**
 * The result with every size that is not exact (a fraction, a negative size no check reported, a product past
 * 2^53, NaN, an infinity) made unknown: such a number is never shown as a shape. Copies only what it changes.
 */
function withExactSizes(result: BuildResult): BuildResult {
  const outputsOk = result.outputs.every(o => !o || o.every(isExactSize));
  const weightsOk = result.weights.every(w => w.shape.every(isExactSize));
  if (outputsOk && weightsOk) return result;
  return {
    outputs: outputsOk ? result.outputs : result.outputs.map(o => o && exactShape(o)),
    weights: weightsOk ? result.weights : result.weights.map(w => (w.shape.every(isExactSize) ? w : { ...w, shape: exactShape(w.shape) })),
  };
}

function checkRank(rule: RankRule, shape: Shape, layer: LayerInstance): string | undefined {
  const ndim = shape.length;
  // Worded only when the rank is wrong (every build checks it).
  const got = () => `found ndim=${ndim}. Full shape received: ${formatShape(shape)}`;
  if (rule.exact !== undefined && ndim !== rule.exact) return `${displayName(layer)} expects input of rank ${rule.exact} (ndim=${rule.exact}), ${got()}.`;
  if (rule.min !== undefined && ndim < rule.min) return `${displayName(layer)} expects input of rank at least ${rule.min} (min_ndim=${rule.min}), ${got()}.`;
  if (rule.max !== undefined && ndim > rule.max) return `${displayName(layer)} expects input of rank at most ${rule.max} (max_ndim=${rule.max}), ${got()}.`;
  return undefined;
}
