// Argument values after constant evaluation, shared by every front end: Python literals and TS/JS
// literals both lower to these. Anything that could not be evaluated is an `Unknown`, never a guess.

import type { LayerInstance } from './graph';

export interface Unknown {
  readonly kind: 'unknown';
  /** Why it is unknown, shown in hovers (e.g. "`n_units` is a function parameter without a value"). */
  readonly reason?: string;
}

export interface DictValue {
  readonly kind: 'dict';
  readonly entries: ReadonlyMap<string, ArgValue>;
}

export interface LayerValue {
  readonly kind: 'layer';
  readonly layer: LayerInstance;
}

/** Python None is `null`; tuples and lists are arrays. */
export type ArgValue = number | string | boolean | null | readonly ArgValue[] | DictValue | LayerValue | Unknown;

export const UNKNOWN: Unknown = { kind: 'unknown' };

export function unknown(reason?: string): Unknown {
  return reason ? { kind: 'unknown', reason } : UNKNOWN;
}

export function isUnknown(v: ArgValue | undefined): v is Unknown {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as Unknown).kind === 'unknown';
}

export function isDict(v: ArgValue | undefined): v is DictValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as DictValue).kind === 'dict';
}

export function isLayerValue(v: ArgValue | undefined): v is LayerValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as LayerValue).kind === 'layer';
}

/** True when the value, including every element of a tuple, is known. */
export function isFullyKnown(v: ArgValue): boolean {
  if (Array.isArray(v)) return v.every(isFullyKnown);
  if (isDict(v)) return [...v.entries.values()].every(isFullyKnown);
  return !isUnknown(v);
}

/** Python-style rendering of a value for messages: `(3, 3)`, `'same'`, `None`, `True`. */
export function formatValue(v: ArgValue): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return v.length === 1 ? `(${formatValue(v[0])},)` : `(${v.map(formatValue).join(', ')})`;
  if (isDict(v)) return `{${[...v.entries].map(([k, x]) => `'${k}': ${formatValue(x)}`).join(', ')}}`;
  if (isLayerValue(v)) return `${v.layer.className}(…)`;
  return '?';
}
