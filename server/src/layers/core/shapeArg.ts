// Reads a shape-valued argument (`shape=(28, 28, 1)`, `target_shape=(-1, 4)`, `output_shape=(10,)`) as
// dims: whole numbers stay numbers, Python None becomes None, anything else (not evaluated, a fraction, a number
// too large for a double to hold exactly) becomes unknown.

import type { Dim } from '../../infer/shape';
import { ArgValue, formatValue, isUnknown } from '../../ir/values';

/** The tuple as dims, or undefined when the value is not a tuple (unknown, an int, a function…). */
export function shapeArg(v: ArgValue | undefined): Dim[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return (v as readonly ArgValue[]).map(d => (typeof d === 'number' && Number.isSafeInteger(d) ? d : d === null ? null : '?'));
}

/** A short rendering of an argument for messages. */
export function show(v: ArgValue | undefined): string {
  return v === undefined || isUnknown(v) ? '?' : formatValue(v);
}
