// Maps a call's positional and keyword arguments onto a layer spec's canonical argument names, applying
// Keras 1 renames and value conversions and the version's positional order. Never throws.

import type { ArgValue } from '../ir/values';
import type { KerasVersion } from '../ir/kerasVersion';
import type { ArgSpec, LayerSpec } from '../layers/spec';

export interface ResolvedArg {
  readonly value: ArgValue;
  readonly given: boolean;
}

const argIndex = new WeakMap<LayerSpec, Map<string, ArgSpec>>();
const argNames = new WeakMap<LayerSpec, readonly string[]>();

/** The spec's argument names in order (built once per spec). */
function namesOf(spec: LayerSpec): readonly string[] {
  let names = argNames.get(spec);
  if (!names) {
    names = spec.args.map(a => a.name);
    argNames.set(spec, names);
  }
  return names;
}

/** The argument spec for any spelling of an argument name (canonical first, then aliases and Keras 1). */
export function findArgSpec(spec: LayerSpec, name: string): ArgSpec | undefined {
  return argSpecIndex(spec).get(name);
}

/** Every spelling of the spec's arguments → its argument spec (built once per spec). */
export function argSpecIndex(spec: LayerSpec): ReadonlyMap<string, ArgSpec> {
  let index = argIndex.get(spec);
  if (!index) {
    index = new Map();
    for (const a of spec.args) for (const n of [...(a.keras1 ?? []), ...(a.aliases ?? [])]) if (!index.has(n)) index.set(n, a);
    for (const a of spec.args) index.set(a.name, a);
    argIndex.set(spec, index);
  }
  return index;
}

/** Canonical name → value given by the user (defaults are applied by the reader, not here). */
export function resolveArgs(
  spec: LayerSpec,
  positional: readonly ArgValue[],
  keyword: ReadonlyMap<string, ArgValue>,
  version: KerasVersion,
): Map<string, ResolvedArg> {
  const out = new Map<string, ResolvedArg>();
  const order = positional.length === 0 ? [] : version === '1' && spec.keras1Positional ? spec.keras1Positional : namesOf(spec);
  positional.forEach((value, i) => {
    const name = order[i];
    if (name === undefined) return;
    const arg = findArgSpec(spec, name);
    if (!arg) return;
    const legacy = arg.keras1?.includes(name) && arg.fromKeras1;
    out.set(arg.name, { value: legacy ? arg.fromKeras1!(value) : value, given: true });
  });
  for (const [key, value] of keyword) {
    const arg = findArgSpec(spec, key);
    if (!arg) continue;
    const legacy = arg.keras1?.includes(key) && arg.fromKeras1;
    out.set(arg.name, { value: legacy ? arg.fromKeras1!(value) : value, given: true });
  }
  return out;
}

export function defaultOf(arg: ArgSpec | undefined, version: KerasVersion): ArgValue {
  if (!arg || arg.default === undefined) return null;
  return typeof arg.default === 'function' ? arg.default(version) : arg.default;
}
