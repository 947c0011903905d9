// Python's arithmetic on known ints and floats, exactly or not at all: ints are whole numbers a double holds
// exactly (past 2**53 the result is unknown, never rounded), floats follow CPython's own formulas for `//` and `%`
// (built on fmod), and `**` is given only where every language computes the same double.

import { unknown } from '../../ir/values';
import { isFloatValue, numberOf, pyFloat, PyValue } from './pyValues';

/** `a op b` for two numbers (ints or floats); undefined when either is not a number. */
export function numericBinary(op: string, a: PyValue, b: PyValue): PyValue | undefined {
  const x = numberOf(a);
  const y = numberOf(b);
  if (x === undefined || y === undefined) return undefined;
  const float = isFloatValue(a) || isFloatValue(b);
  if (!float && !(Number.isSafeInteger(x) && Number.isSafeInteger(y))) return NOT_EXACT;
  switch (op) {
    case '+': return result(x + y, float);
    case '-': return result(x - y, float);
    case '*': return result(x * y, float);
    case '/': return y === 0 ? unknown('division by zero') : pyFloat(x / y);
    case '//':
      if (y === 0) return unknown('division by zero');
      return float ? floatResult(floatDivMod(x, y)[0]) : result(intDivMod(x, y)[0], false);
    case '%':
      if (y === 0) return unknown('division by zero');
      return float ? floatResult(floatDivMod(x, y)[1]) : result(intDivMod(x, y)[1], false);
    case '**': return power(x, y, float);
    default: return unknown();
  }
}

/** What an int past 2**53 is: a double would have rounded it. */
const NOT_EXACT = unknown('an integer past 2**53, which the analysis does not hold exactly');

/** An int result: exact below 2**53 (and never -0), else unknown. */
export function exactInt(n: number): PyValue {
  return Number.isSafeInteger(n) ? n + 0 : NOT_EXACT;
}

/** An int result must be exact, a float result finite. */
function result(r: number, float: boolean): PyValue {
  return float ? floatResult(r) : exactInt(r);
}

/** Whether `text` is one or more ASCII decimal digits. */
export function isDecimalDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return text.length > 0;
}

function floatResult(r: number): PyValue {
  return Number.isFinite(r) ? pyFloat(r) : unknown('a float overflow');
}

/** Floor division and modulo of ints: exact (JS `%` on safe integers is), the remainder takes the divisor's sign. */
function intDivMod(x: number, y: number): [number, number] {
  let r = x % y;
  let q = (x - r) / y;
  if (r !== 0 && (r < 0) !== (y < 0)) {
    r += y;
    q -= 1;
  }
  return [q, r];
}

/** CPython's float `divmod` (floatobject.c): from fmod, which JS `%` is on doubles; zeros carry signs as there. */
function floatDivMod(x: number, y: number): [number, number] {
  let mod = x % y;
  let div = (x - mod) / y;
  if (mod !== 0) {
    if ((y < 0) !== (mod < 0)) {
      mod += y;
      div -= 1;
    }
  } else mod = y < 0 ? -0 : 0;
  let floorDiv: number;
  if (div !== 0) {
    floorDiv = Math.floor(div);
    if (div - floorDiv > 0.5) floorDiv += 1;
  } else floorDiv = (x / y < 0 || Object.is(x / y, -0)) ? -0 : 0;
  return [floorDiv, mod];
}

/**
 * `x ** y` where the double is the same in CPython and JS: a whole power of whole numbers that stays exact, or a
 * power of two to a whole exponent. Other powers (JS's pow may differ from C's in the last digit) are unknown.
 */
function power(x: number, y: number, float: boolean): PyValue {
  if (x === 0 && y < 0) return unknown('division by zero');
  if (x < 0 && !Number.isInteger(y)) return unknown('a complex number');
  if (!Number.isInteger(x) || !Number.isInteger(y)) return unknown('a power the analysis does not compute exactly');
  const r = x ** y;
  if (y >= 0) return Number.isSafeInteger(r) ? (float ? pyFloat(r) : r + 0) : unknown('a power past 2**53, which the analysis does not hold exactly');
  // A negative exponent gives a float, exact only for a power of two.
  const magnitude = Math.abs(x);
  const powerOfTwo = magnitude > 0 && (magnitude & (magnitude - 1)) === 0 && magnitude <= 2 ** 30;
  return powerOfTwo && Number.isFinite(r) && r !== 0 ? pyFloat(r) : unknown('a power the analysis does not compute exactly');
}
