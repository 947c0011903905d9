// Values of the TS/JS evaluator: the shared argument values and graph objects, plus JS-only kinds (module
// symbols, object literals, user functions and classes, bound methods) that never reach the layer catalogue.

import type * as ts from 'typescript';
import type { ArgValueOrTensor, ModelNode, TensorRef } from '../../ir/graph';
import { isModelNode, isTensorRef } from '../../ir/graph';
import { ArgValue, DictValue, isDict, isLayerValue, isUnknown, unknown } from '../../ir/values';
import type { JsScope } from './scope';

/** A path into an imported module: `['tf']` is the TF.js namespace, `['tf', 'layers', 'dense']` a factory. */
export interface SymbolRef {
  readonly kind: 'symbol';
  readonly path: readonly string[];
}

/** An object literal (`{units: 32}`): mutable like JS objects; becomes a dict when passed as an argument. */
export interface JsObject {
  readonly kind: 'object';
  readonly entries: Map<string, JsValue>;
}

export type FunctionNode = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

export interface FunctionValue {
  readonly kind: 'function';
  readonly name: string;
  readonly node: FunctionNode;
  readonly closure: JsScope;
  /** Set once the body has been analysed: the argument values used and the returned value. */
  analysed?: { readonly args: readonly JsValue[]; readonly result: JsValue };
}

/** A class declared in the file (custom layer, subclassed model): instances are unknown to the analysis. */
export interface ClassValue {
  readonly kind: 'class';
  readonly name: string;
  /** Whether its syntax calls an `add` or `pop` method anywhere: it may then change a model it is given. */
  readonly changesModels: boolean;
}

/** `obj.method` kept until called (`model.add`, `layer.apply`, `list.push`). */
export interface BoundMethod {
  readonly kind: 'method';
  readonly target: JsValue;
  readonly name: string;
}

export type JsValue = ArgValueOrTensor | JsValue[] | SymbolRef | JsObject | FunctionValue | ClassValue | BoundMethod;

function kindOf(v: JsValue): string | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as { kind: string }).kind : undefined;
}

export const isSymbol = (v: JsValue): v is SymbolRef => kindOf(v) === 'symbol';
export const isObject = (v: JsValue): v is JsObject => kindOf(v) === 'object';
export const isFunction = (v: JsValue): v is FunctionValue => kindOf(v) === 'function';
export const isClass = (v: JsValue): v is ClassValue => kindOf(v) === 'class';
export const isMethod = (v: JsValue): v is BoundMethod => kindOf(v) === 'method';
export const isJsUnknown = (v: JsValue): boolean => isUnknown(v as ArgValue);
export const isGraphValue = (v: JsValue): v is TensorRef | ModelNode => isTensorRef(v) || isModelNode(v);

/**
 * Converts an evaluator value to a layer argument: literals and layers pass through, objects become dicts;
 * tensors, modules and functions become unknown (`activation: tf.relu` has no effect on shapes).
 */
export function toArgValue(v: JsValue): ArgValue {
  if (v === null || typeof v !== 'object') return v as ArgValue;
  if (Array.isArray(v)) return v.map(toArgValue);
  if (isObject(v)) {
    const entries = new Map<string, ArgValue>();
    for (const [k, x] of v.entries) entries.set(k, toArgValue(x));
    const dict: DictValue = { kind: 'dict', entries };
    return dict;
  }
  if (isUnknown(v as ArgValue) || isDict(v as ArgValue) || isLayerValue(v as ArgValue)) return v as ArgValue;
  if (isTensorRef(v)) return unknown('a tensor');
  if (isModelNode(v)) return unknown('a model');
  return unknown('not a constant');
}

/** JS truthiness of a known value, or undefined when it cannot be decided. */
export function truthOf(v: JsValue): boolean | undefined {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v) || isObject(v) || isFunction(v) || isClass(v) || isGraphValue(v) || isLayerValue(v as ArgValue)) return true;
  return undefined;
}

/** Structural equality of known literal values (used to merge branches and to reuse function results). */
export function sameValue(a: JsValue, b: JsValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isObject(a) && isObject(b)) {
    if (a.entries.size !== b.entries.size) return false;
    for (const [k, x] of a.entries) {
      const y = b.entries.get(k);
      if (y === undefined || !sameValue(x, y)) return false;
    }
    return true;
  }
  return false;
}

/** The reason carried by an unknown value, if any. */
export function reasonOf(v: JsValue): string | undefined {
  return isUnknown(v as ArgValue) ? (v as { reason?: string }).reason : undefined;
}
