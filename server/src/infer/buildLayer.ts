// Runs one catalogue build rule for a layer instance and input shapes: resolves its arguments, checks the
// input rank, and collects outputs, weights, shape arithmetic and issues. Never throws on user input.

import type { KerasVersion } from '../ir/kerasVersion';
import type { LayerInstance } from '../ir/graph';
import { ArgValue, formatValue, isUnknown, unknown } from '../ir/values';
import type { BuildContext, BuildResult, LayerSpec, RankRule, Severity } from '../layers/spec';
import { Dim, Shape, formatShape } from './shape';
import { defaultOf, findArgSpec, resolveArgs } from './resolveArgs';

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

export function buildLayer(
  layer: LayerInstance,
  inputs: readonly Shape[],
  options: BuildOptions,
  callOptions: ReadonlyMap<string, unknown> = new Map(),
): BuildOutcome {
  const spec = layer.spec as LayerSpec;
  const issues: BuildIssue[] = [];
  const explanations: string[] = [];
  const notes: string[] = [];
  const resolved = resolveArgs(spec, layer.positional, layer.keyword, options.version);
  let failed = false;

  const value = (name: string): ArgValue => {
    const r = resolved.get(name);
    if (r) return r.value;
    return defaultOf(findArgSpec(spec, name), options.version);
  };
  const report = (severity: Severity, code: string, message: string) => {
    issues.push({ severity, code, message });
    if (severity === 'error') failed = true;
  };
  const asDim = (v: ArgValue): Dim => (typeof v === 'number' && Number.isFinite(v) ? v : v === null ? null : '?');

  const ctx: BuildContext = {
    version: options.version,
    inputs,
    input: inputs[0] ?? [],
    value,
    given: name => resolved.has(name),
    int: name => asDim(value(name)),
    str: name => {
      const v = value(name);
      return typeof v === 'string' ? v : '?';
    },
    bool: name => {
      const v = value(name);
      return typeof v === 'boolean' ? v : typeof v === 'number' ? v !== 0 : '?';
    },
    tuple: (name, n) => {
      const v = value(name);
      if (typeof v === 'number') return new Array<Dim>(n).fill(v);
      if (Array.isArray(v)) {
        if (v.length !== n) {
          report('error', 'bad-argument', `The \`${name}\` argument of ${displayName(layer)} must be an integer or a tuple of ${n} integers; received ${formatValue(v)}.`);
          return new Array<Dim>(n).fill('?');
        }
        return v.map(asDim);
      }
      return new Array<Dim>(n).fill('?');
    },
    dataFormat: () => {
      const v = value('data_format');
      if (v === 'channels_last' || v === 'channels_first') return v;
      if (v === null || v === undefined) return options.defaultDataFormat;
      return '?';
    },
    callOption: name => callOptions.get(name) as ArgValue | undefined,
    buildInner: (inner, input) => {
      if (!inner.spec) return undefined;
      const outcome = buildLayer(inner, [input], options);
      for (const i of outcome.issues) issues.push(i);
      explanations.push(...outcome.explanations);
      notes.push(...outcome.notes);
      if (outcome.issues.some(i => i.severity === 'error')) failed = true;
      return outcome.result;
    },
    error: (code, message) => report('error', code, message),
    warning: (code, message) => report('warning', code, message),
    explain: line => explanations.push(line),
    note: line => notes.push(line),
  };

  const rule = typeof spec.rank === 'function' ? spec.rank(ctx) : spec.rank;
  if (!spec.isInput && rule && spec.inputKind !== 'list' && spec.inputKind !== 'many') {
    const message = checkRank(rule, ctx.input, displayName(layer));
    if (message) {
      report('error', 'input-rank', message);
      return { result: undefined, issues, explanations, notes };
    }
  }
  let result: BuildResult | undefined;
  try {
    result = spec.build(ctx);
  } catch (e) {
    // A build rule must not throw; if one does, the layer is shown as unknown rather than crashing.
    notes.push(`internal error in the ${spec.className} rule: ${(e as Error).message}`);
    result = undefined;
  }
  return { result: failed ? undefined : result, issues, explanations, notes };
}

function checkRank(rule: RankRule, shape: Shape, name: string): string | undefined {
  const ndim = shape.length;
  const got = `found ndim=${ndim}. Full shape received: ${formatShape(shape)}`;
  if (rule.exact !== undefined && ndim !== rule.exact) return `${name} expects input of rank ${rule.exact} (ndim=${rule.exact}), ${got}.`;
  if (rule.min !== undefined && ndim < rule.min) return `${name} expects input of rank at least ${rule.min} (min_ndim=${rule.min}), ${got}.`;
  if (rule.max !== undefined && ndim > rule.max) return `${name} expects input of rank at most ${rule.max} (max_ndim=${rule.max}), ${got}.`;
  return undefined;
}

/** An argument value that could not be evaluated, for rules that need to say why. */
export function describeUnknown(v: ArgValue): string | undefined {
  return isUnknown(v) ? v.reason ?? 'not a constant' : undefined;
}

export { unknown };
