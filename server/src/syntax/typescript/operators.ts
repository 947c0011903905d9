// Arithmetic and comparisons of the TS/JS evaluator on known values, with JS semantics (`/` is a float
// division, `+` concatenates strings, `%` keeps the dividend's sign).

import { unknown } from '../../ir/values';
import { JsValue, isJsUnknown, sameValue } from './jsValues';

export function binaryOp(op: string, a: JsValue, b: JsValue): JsValue {
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/': return b === 0 ? unknown('division by zero') : a / b;
      case '%': return b === 0 ? unknown('division by zero') : a % b;
      case '**': return a ** b;
      default: return unknown();
    }
  }
  if (op === '+' && (typeof a === 'string' || typeof b === 'string')) {
    const ok = (v: JsValue) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
    return ok(a) && ok(b) ? String(a) + String(b) : unknown();
  }
  return unknown();
}

function primitive(v: JsValue): boolean {
  return v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';
}

export function compareOp(op: string, a: JsValue, b: JsValue): JsValue {
  if (isJsUnknown(a) || isJsUnknown(b)) return unknown();
  switch (op) {
    case '===':
    case '!==': {
      // Objects compare by identity; two literals of equal content are still different objects.
      const eq = primitive(a) && primitive(b) ? a === b : primitive(a) !== primitive(b) ? false : a === b ? true : sameValue(a, b) ? unknown() : false;
      return typeof eq === 'boolean' ? (op === '===' ? eq : !eq) : eq;
    }
    case '<': return typeof a === 'number' && typeof b === 'number' ? a < b : unknown();
    case '>': return typeof a === 'number' && typeof b === 'number' ? a > b : unknown();
    case '<=': return typeof a === 'number' && typeof b === 'number' ? a <= b : unknown();
    case '>=': return typeof a === 'number' && typeof b === 'number' ? a >= b : unknown();
    default: return unknown();
  }
}
