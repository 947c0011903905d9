// Maps a call's positional and keyword arguments onto a layer spec's canonical argument names, applying
// Keras 1 renames and value conversions and the version's positional order. Never throws.

import type { ArgValue } from '../ir/values';
import type { KerasVersion } from '../ir/kerasVersion';
import type { ArgSpec, LayerSpec } from '../layers/spec';

export interface ResolvedArg {
  readonly value: ArgValue;
  readonly given: boolean;
}

export function findArgSpec(spec: LayerSpec, name: string): ArgSpec | undefined {
  return spec.args.find(a => a.name === name || a.aliases?.includes(name) || a.keras1?.includes(name));
}

/** Canonical name → value given by the user (defaults are applied by the reader, not here). */
export function resolveArgs(
  spec: LayerSpec,
  positional: readonly ArgValue[],
  keyword: ReadonlyMap<string, ArgValue>,
  version: KerasVersion,
): Map<string, ResolvedArg> {
  const out = new Map<string, ResolvedArg>();
  const order = version === '1' && spec.keras1Positional ? spec.keras1Positional : spec.args.map(a => a.name);
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
