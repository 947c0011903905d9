// Values of the Python evaluator: the shared argument values and graph objects, plus Python-only kinds
// (imported modules and symbols, user functions and classes) that never reach the layer catalogue.

import type { PyNode as Node } from './syntaxNode';
import type { ArgValueOrTensor, TensorRef } from '../../ir/graph';
import { ArgValue, DictValue, floatArgument, isDict, isLayerValue, isUnknown, unknown } from '../../ir/values';
import { isModelNode, isTensorRef } from '../../ir/graph';
import type { Scope } from './scope';

/** A dotted import path (`keras.layers`, `tensorflow.keras.layers.Dense`), resolved when used. */
export interface SymbolRef {
  readonly kind: 'symbol';
  readonly path: readonly string[];
}

export interface FunctionValue {
  readonly kind: 'function';
  readonly name: string;
  readonly node: Node;
  readonly closure: Scope;
  /** Set once the body has been analysed: the argument values used and the returned value. */
  analysed?: { readonly args: readonly PyValue[]; readonly result: PyValue };
}

/** A user class (subclassed model, custom layer): instances are unknown to the analysis. */
export interface ClassValue {
  readonly kind: 'class';
  readonly name: string;
  /** Whether its syntax calls an `add` or `pop` method anywhere: it may then change a model it is given. */
  readonly changesModels: boolean;
}

/** `obj.method` kept until called (`model.add`, `layer.apply`). */
export interface BoundMethod {
  readonly kind: 'method';
  readonly target: PyValue;
  readonly name: string;
}

/** Several tensors returned at once (an RNN with `return_state=True`), unpackable. */
export interface TensorTuple {
  readonly kind: 'tensors';
  readonly items: readonly TensorRef[];
}

/**
 * A Python float whose value is a whole number (`32.0`, `64 / 2`). Other floats are plain JS numbers: a number
 * with a fraction cannot be an int, but a whole one can be either, and Keras tells them apart (Keras 3's
 * `Dense(64 / 2)` raises; an f-string prints `32.0`).
 */
export interface PyFloat {
  readonly kind: 'float';
  readonly value: number;
}

export type PyValue = ArgValueOrTensor | readonly PyValue[] | SymbolRef | FunctionValue | ClassValue | BoundMethod | TensorTuple | PyFloat;

function kindOf(v: PyValue): string | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as { kind: string }).kind : undefined;
}

export const isSymbol = (v: PyValue): v is SymbolRef => kindOf(v) === 'symbol';
export const isFunction = (v: PyValue): v is FunctionValue => kindOf(v) === 'function';
export const isClass = (v: PyValue): v is ClassValue => kindOf(v) === 'class';
export const isMethod = (v: PyValue): v is BoundMethod => kindOf(v) === 'method';
export const isTensorTuple = (v: PyValue): v is TensorTuple => kindOf(v) === 'tensors';
export const isPyUnknown = (v: PyValue): boolean => isUnknown(v as ArgValue);
export const isPyFloat = (v: PyValue): v is PyFloat => kindOf(v) === 'float';

/** Arrays made from tuple displays (`(a, b)`, `a, b`): `%` formatting takes a tuple's items, any other list whole. */
const TUPLES = new WeakSet<object>();

export function markTuple(items: readonly PyValue[]): void {
  TUPLES.add(items);
}

export function isTuple(v: PyValue): boolean {
  return Array.isArray(v) && TUPLES.has(v);
}

/** A Python float of value `x`: a whole number is marked as a float, any other is a plain number. */
export function pyFloat(x: number): PyValue {
  return Number.isInteger(x) ? { kind: 'float', value: x } : x;
}

/** The numeric value of an int or a float, else undefined (booleans are not taken as numbers here). */
export function numberOf(v: PyValue): number | undefined {
  return typeof v === 'number' ? v : isPyFloat(v) ? v.value : undefined;
}

/** Whether a numeric value is a Python float (a plain number with a fraction, or a marked whole one). */
export function isFloatValue(v: PyValue): boolean {
  return isPyFloat(v) || (typeof v === 'number' && !Number.isInteger(v));
}

/** A Python int: a whole plain number. */
export function isPyInt(v: PyValue): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/**
 * Converts an evaluator value to a layer argument: literals and layers pass through; tensors, modules and
 * functions become unknown (`activation=tf.nn.relu` is fine to not know: it has no effect on shapes).
 */
export function toArgValue(v: PyValue): ArgValue {
  if (v === null || typeof v !== 'object') return v as ArgValue;
  if (Array.isArray(v)) return v.map(toArgValue);
  if (isUnknown(v as ArgValue) || isDict(v as ArgValue) || isLayerValue(v as ArgValue)) return v as ArgValue;
  if (isPyFloat(v)) return floatArgument(v.value);
  if (isTensorRef(v)) return unknown('a tensor');
  if (isModelNode(v)) return unknown('a model');
  return unknown('not a constant');
}

/** Python truthiness of a known value, or undefined when it cannot be decided. */
export function truthOf(v: PyValue): boolean | undefined {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (isPyFloat(v)) return v.value !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isDict(v as ArgValue)) return (v as DictValue).entries.size > 0;
  return undefined;
}

/** Structural equality of known literal values (used to merge branches). */
export function sameValue(a: PyValue, b: PyValue): boolean {
  if (a === b) return true;
  if (isPyFloat(a) && isPyFloat(b)) return Object.is(a.value, b.value);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  return false;
}
