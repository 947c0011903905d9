// Argument values after constant evaluation, shared by every front end: Python literals and TS/JS
// literals both lower to these. Anything that could not be evaluated is an `Unknown`, never a guess.

import type { LayerInstance } from './graph';

export interface Unknown {
  readonly kind: 'unknown';
  /** Why it is unknown, shown in hovers (e.g. "`n_units` is a function parameter without a value"). */
  readonly reason?: string;
  /**
   * Set for a Python float with a whole value (`32.0`, `64 / 2`): not a size, since Keras sizes are ints, but
   * known, so that a layer can tell the user (Keras 3's Dense refuses it) and messages can quote it.
   */
  readonly float?: number;
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

/** A Python float argument with a whole value: unknown as a size, quoted as Python prints it. */
export function floatArgument(x: number): Unknown {
  const text = pythonFloatText(x);
  return { kind: 'unknown', reason: `\`${text}\` is a float, not an int (Python's \`/\` always gives a float; \`//\` gives an int)`, float: x };
}

/**
 * Python's `repr` of a finite float: the shortest digits that read back to it, in positional notation for
 * exponents from -4 to 15 (`32.0`, `0.0001`) and scientific notation outside them (`1e-05`, `1e+16`).
 */
export function pythonFloatText(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa, exp] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const e = Number(exp);
  if (e < -4 || e >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const whole = digits.length > e + 1 ? digits.slice(0, e + 1) : digits.padEnd(e + 1, '0');
  const fraction = digits.length > e + 1 ? digits.slice(e + 1) : '0';
  return `${sign}${whole}.${fraction}`;
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
  if (isUnknown(v) && v.float !== undefined) return pythonFloatText(v.float);
  return '?';
}
