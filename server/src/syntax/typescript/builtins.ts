// JS globals that matter for shapes in model code: `Math.*` on known numbers, `Number`, `parseInt`,
// `parseFloat`, `String`, `Array.from({length})`; `console.*` does nothing. Everything else is unknown.

import { unknown } from '../../ir/values';
import type { TsEvaluator } from './evaluator';
import { MAX_UNROLL } from './evaluator';
import { JsValue, isFunction, isObject } from './jsValues';

const MATH: Readonly<Record<string, (...xs: number[]) => number>> = {
  floor: Math.floor, ceil: Math.ceil, round: Math.round, trunc: Math.trunc, abs: Math.abs, sqrt: Math.sqrt,
  pow: Math.pow, max: Math.max, min: Math.min, log2: Math.log2, log: Math.log, exp: Math.exp,
};

/** A call of `<global>.…` (`path[0]` is '<global>'). */
export function callGlobal(ev: TsEvaluator, path: readonly string[], args: readonly JsValue[]): JsValue {
  const [, head, member] = path;
  const nums = args.every(a => typeof a === 'number');
  if (path.length === 3 && head === 'Math' && MATH[member]) return nums ? MATH[member](...(args as number[])) : unknown();
  if (path.length === 3 && head === 'console') return null;
  if (path.length === 3 && head === 'Array' && member === 'isArray') {
    const a = args[0];
    return Array.isArray(a) ? true : a === null || typeof a !== 'object' || isObject(a) ? false : unknown();
  }
  if (path.length === 3 && head === 'Array' && member === 'from') {
    const spec = args[0];
    const length = Array.isArray(spec) ? spec.length : isObject(spec) ? spec.entries.get('length') : undefined;
    if (typeof length !== 'number' || length < 0 || length > MAX_UNROLL || !Number.isInteger(length)) return unknown('an array of a length that is not known');
    const items: JsValue[] = Array.isArray(spec) ? [...spec] : Array.from({ length }, (): JsValue => null);
    const fn = args[1];
    if (fn === undefined) return items;
    if (!isFunction(fn)) return unknown();
    if (!fn.analysed) fn.analysed = { args: [], result: unknown('a callback') };
    return items.map((item, i) => ev.runFunctionBody(fn, [item, i]));
  }
  if (path.length !== 2) return unknown(`\`${path.slice(1).join('.')}(…)\` is not analysed`);
  const a = args[0];
  switch (head) {
    case 'Number':
      return typeof a === 'number' ? a : typeof a === 'string' && a.trim() !== '' && Number.isFinite(Number(a)) ? Number(a) : unknown();
    case 'parseInt':
      return typeof a === 'number' ? Math.trunc(a) : typeof a === 'string' && Number.isFinite(parseInt(a, 10)) ? parseInt(a, 10) : unknown();
    case 'parseFloat':
      return typeof a === 'number' ? a : typeof a === 'string' && Number.isFinite(parseFloat(a)) ? parseFloat(a) : unknown();
    case 'String':
      return typeof a === 'number' || typeof a === 'string' || typeof a === 'boolean' ? String(a) : unknown();
    default:
      return unknown(`\`${head}(…)\` is not analysed`);
  }
}
