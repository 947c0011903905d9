// Calls and property reads in the TS/JS evaluator: TF.js factories (`tf.layers.*`, `tf.input`,
// `tf.sequential`, `tf.model`), `layer.apply` and `model.apply`, `model.add`, `require`, user functions,
// array methods and a few builtins. Records graph events; returns plain values.

import type { CallWording } from '../../ir/graphBuilder';
import ts = require('typescript');
import { isIdentifier, isNoSubstitutionTemplateLiteral, isPropertyAccessExpression, isSpreadElement, isStringLiteral } from './tsApi';
import { callOptionsKeepingTensors, NO_ENTRIES } from '../../ir/callOptions';
import type { ArgValueOrTensor, LayerInstance, ModelNode, SequentialModel, TextRange } from '../../ir/graph';
import { isModelNode, isTensorRef } from '../../ir/graph';
import { ArgValue, isLayerValue, isUnknown, LayerValue, unknown } from '../../ir/values';
import type { LayerSpec } from '../../layers/spec';
import { findTfjsLayer } from '../../layers/registry';
import type { TsEvaluator } from './evaluator';
import { MAX_UNROLL } from './evaluator';
import type { JsScope } from './scope';
import { JsValue, isClass, isFunction, isMethod, isObject, isSymbol, reasonOf, toArgValue } from './jsValues';
import { TF_ROOT, isTfjsModule, pythonArgName, pythonArgValue, resolveTfjsPath } from './tfjsSymbols';
import { callGlobal } from './builtins';
import { importedSymbol, memberSymbol } from '../memberSymbol';
import { entriesTable } from '../armJournal';

interface EvaluatedArgs {
  readonly values: JsValue[];
  /** A spread of values that are not known. */
  readonly opaque: boolean;
}

function evalArguments(ev: TsEvaluator, args: readonly ts.Expression[] | undefined, scope: JsScope): EvaluatedArgs {
  const values: JsValue[] = [];
  let opaque = false;
  for (const a of args ?? []) {
    if (isSpreadElement(a)) {
      const v = ev.evalExpr(a.expression, scope);
      if (Array.isArray(v) && !ev.uncertainLists.has(v)) values.push(...v);
      else opaque = true;
    } else values.push(ev.evalExpr(a, scope));
  }
  return { values, opaque };
}

export function callExpression(ev: TsEvaluator, node: ts.CallExpression, scope: JsScope): JsValue {
  const calleeNode = node.expression;
  // `require('@tensorflow/tfjs')` (CommonJS), unless the file defines its own `require`.
  if (isIdentifier(calleeNode) && calleeNode.text === 'require' && ev.lookupName('require', scope) === undefined) {
    const arg = node.arguments[0];
    if (arg && (isStringLiteral(arg) || isNoSubstitutionTemplateLiteral(arg))) {
      return isTfjsModule(arg.text) ? importedSymbol([TF_ROOT]) : ev.libraryValue(arg.text, unknown(`\`require('${arg.text}')\` is not followed`));
    }
    return unknown('a `require` of a module that is not known');
  }
  let callee: JsValue;
  let fnNode: ts.Node = calleeNode;
  if (isPropertyAccessExpression(calleeNode)) {
    fnNode = calleeNode.name;
    callee = getProperty(ev, ev.evalExpr(calleeNode.expression, scope), calleeNode.name.text, calleeNode);
  } else callee = ev.evalExpr(calleeNode, scope);
  const args = evalArguments(ev, node.arguments, scope);
  if (isFunction(callee)) return ev.callFunction(callee, args.values, node);
  // Array methods run their callbacks themselves (callArrayMethod).
  if (isMethod(callee) && Array.isArray(callee.target)) return callMethod(ev, callee.target, callee.name, node, args);
  const result = isSymbol(callee) ? callSymbol(ev, callee.path, node, fnNode, args, scope)
    : isMethod(callee) ? callMethod(ev, callee.target, callee.name, node, args)
      : ev.fromLibrary(calleeNode, scope) ? unknown(isUnknown(callee as ArgValue) && reasonOf(callee) ? reasonOf(callee) : undefined)
        : escapeInto(ev, args, unknown(isUnknown(callee as ArgValue) && reasonOf(callee) ? reasonOf(callee) : undefined), calleeNode);
  // A callback handed to code that is not analysed (`xs.forEach(cb)` over unknown xs, `setTimeout(cb)`, a promise's
  // `then`) may run there any number of times.
  for (const a of args.values) {
    if (isFunction(a)) ev.runCallbackMaybe(a, node);
    // Also a function inside an array or object handed over (`register({cb: grow})`).
    else if (Array.isArray(a)) {
      for (const x of a) if (isFunction(x)) ev.runCallbackMaybe(x, node);
    } else if (isObject(a)) {
      for (const x of a.entries.values()) if (isFunction(x)) ev.runCallbackMaybe(x, node);
    }
  }
  return result;
}

/**
 * `Object.assign(target, ...sources)`: the target's properties are set from known objects (noted in the journal,
 * like `target.k = v`); from anything else, every property of the target may have changed.
 */
function objectAssign(ev: TsEvaluator, node: ts.CallExpression, args: EvaluatedArgs, scope: JsScope): JsValue {
  const [target, ...sources] = args.values;
  if (Array.isArray(target)) {
    // Onto an array: its items are no longer known.
    ev.markUncertainList(target);
    return target;
  }
  if (!isObject(target)) return escapeInto(ev, args, unknown('`Object.assign` to a value that is not known'), node.expression);
  ev.noteMutation(target);
  const known = !args.opaque && sources.every(x => isObject(x) || x === null || x === undefined);
  for (const source of known ? sources : []) {
    if (!isObject(source)) continue;
    for (const [k, v] of source.entries) {
      scope.journals.note(entriesTable(target.entries), k, target.entries.get(k));
      target.entries.set(k, v);
    }
  }
  if (!known) {
    for (const k of target.entries.keys()) {
      scope.journals.note(entriesTable(target.entries), k, target.entries.get(k));
      target.entries.set(k, unknown('a property set by `Object.assign` from a value that is not known'));
    }
  }
  return target;
}

/** JavaScript's own globals: none adds layers to a model passed to it. */
const STANDARD_GLOBALS = new Set(['Math', 'console', 'Array', 'Number', 'String', 'Boolean', 'Object', 'JSON', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'Promise', 'Map', 'Set', 'Date', 'Symbol', 'setTimeout', 'setInterval', 'queueMicrotask', 'structuredClone']);

/** A call of code that is not analysed: a model among its arguments may be changed by it (GraphBuilder.escape). */
function escapeInto(ev: TsEvaluator, args: EvaluatedArgs, result: JsValue, calleeNode: ts.Node): JsValue {
  const callee = ev.textOf(calleeNode);
  ev.escape(args.values, `the model was passed to \`${callee.length > 40 ? callee.slice(0, 40) + '…' : callee}(…)\`, which ShapeLens does not analyse and which may add layers to it`);
  return result;
}

/** `new X(…)`: a class defined in the file is a custom layer or model, unknown to the analysis. */
export function newExpression(ev: TsEvaluator, node: ts.NewExpression, scope: JsScope): JsValue {
  const callee = ev.evalExpr(node.expression, scope);
  const args = evalArguments(ev, node.arguments, scope);
  if (isClass(callee)) {
    // A custom layer passes its config's `name` on to Layer, which names it so.
    const config = args.values[0];
    const name = isObject(config) ? config.entries.get('name') : undefined;
    const made = placeholderLayer(ev, callee.name, node, node.expression, `\`${callee.name}\` is a class defined in this file (a custom layer or model), which ShapeLens does not analyse`, name, true);
    // One whose syntax calls an `add` or `pop` method may change a model given to it.
    return callee.changesModels ? escapeInto(ev, args, made, node.expression) : made;
  }
  if (isSymbol(callee) && callee.path[0] === TF_ROOT && callee.path[1] === 'layers' && callee.path.length === 3) {
    const name = callee.path[2];
    return placeholderLayer(ev, name, node, isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression, `\`new tf.layers.${name}(…)\` is not analysed; use the \`tf.layers\` factory functions`);
  }
  const made = unknown('an object made with `new`');
  // A class ShapeLens does not analyse may add layers to a model given to its constructor.
  return isSymbol(callee) || ev.fromLibrary(node.expression, scope) ? made : escapeInto(ev, args, made, node.expression);
}

function range(ev: TsEvaluator, node: ts.Node): TextRange {
  return ev.rangeOf(node);
}

function callSymbol(ev: TsEvaluator, path: readonly string[], node: ts.CallExpression, fnNode: ts.Node, args: EvaluatedArgs, scope: JsScope): JsValue {
  if (path[0] === '<global>') {
    if (path[1] === 'Object' && path[2] === 'assign' && path.length === 3) return objectAssign(ev, node, args, scope);
    const result = callGlobal(ev, path, args.values);
    return STANDARD_GLOBALS.has(path[1]) ? result : escapeInto(ev, args, result, fnNode);
  }
  if (path[0] !== TF_ROOT) return escapeInto(ev, args, unknown(`\`${path.join('.')}(…)\` is not analysed`), fnNode);
  const symbol = resolveTfjsPath(path);
  const config = args.values[0];
  switch (symbol.kind) {
    case 'layer':
      return { kind: 'layer', layer: createLayer(ev, symbol.name, symbol.spec, node, fnNode, config, args.opaque) };
    case 'inputLayer': {
      const spec = findTfjsLayer('inputLayer');
      return spec ? { kind: 'layer', layer: createLayer(ev, symbol.name, spec, node, fnNode, config, args.opaque) } : unknown();
    }
    case 'input': {
      // tf.input({shape}) creates an InputLayer and returns its output tensor.
      const spec = findTfjsLayer('inputLayer');
      if (!spec) return unknown();
      const layer = createLayer(ev, symbol.name, spec, node, fnNode, config, args.opaque, INPUT_KEYS);
      const call = ev.builder.call(layer, [], false, NO_ENTRIES, range(ev, node), ev.uncertain > 0);
      return { kind: 'tensor', call, index: 0 };
    }
    case 'sequential':
      return createSequential(ev, node, config);
    case 'model':
      return createFunctional(ev, node, config);
    case 'unsupported':
      return placeholderLayer(ev, symbol.name, node, fnNode, symbol.reason);
    case 'other':
      return unknown(`\`${['tf', ...path.slice(1)].join('.')}(…)\` is not analysed`);
  }
}

/** `tf.input` config keys (an InputConfig, not a layer config). */
const INPUT_KEYS: Readonly<Record<string, string>> = { shape: 'shape', batchShape: 'batch_shape', name: 'name', dtype: 'dtype', sparse: 'sparse' };

/** Turns a factory's config object into canonical keyword arguments. */
function createLayer(ev: TsEvaluator, className: string, spec: LayerSpec, node: ts.Node, fnNode: ts.Node, config: JsValue | undefined, opaque: boolean, keys?: Readonly<Record<string, string>>): LayerInstance {
  let keyword: ReadonlyMap<string, ArgValue> = NO_ENTRIES;
  let opaqueArgs = opaque;
  if (config !== undefined && isObject(config) && config.entries.size > 0) {
    const own = new Map<string, ArgValue>();
    keyword = own;
    for (const [k, v] of config.entries) {
      // `inputShape: i === 0 ? shape : undefined`: an option set to undefined (or null) is absent in TF.js,
      // except Bidirectional's `mergeMode: null`, which returns the two directions separately.
      if (v === null && k !== 'mergeMode') continue;
      const name = keys?.[k] ?? pythonArgName(spec, k);
      own.set(name, pythonArgValue(name, toArgValue(v)));
    }
  } else if (config !== undefined && config !== null && !isObject(config)) opaqueArgs = true;
  return ev.builder.createLayer({ uncertain: ev.uncertain > 0,
    className,
    spec,
    positional: [],
    keyword,
    range: range(ev, node),
    classRange: range(ev, fnNode),
    opaqueArgs,
  });
}

/** An instance of something outside the catalogue: it occupies a place in models, with unknown shapes. */
function placeholderLayer(ev: TsEvaluator, className: string, node: ts.Node, fnNode: ts.Node, reason: string, name?: JsValue, createsLayers?: boolean): LayerValue {
  const layer = ev.builder.createLayer({ uncertain: ev.uncertain > 0,
    createsLayers,
    className,
    spec: undefined,
    positional: [],
    keyword: name === undefined ? new Map() : new Map([['name', toArgValue(name)]]),
    range: range(ev, node),
    classRange: range(ev, fnNode),
    unknownReason: reason,
  });
  return { kind: 'layer', layer };
}

/** Call-time options of `layer.apply(x, kwargs)` in TF.js spelling → Python keywords. */
const CALL_OPTIONS: Readonly<Record<string, string>> = { initialState: 'initial_state', training: 'training', mask: 'mask', constants: 'constants' };

const APPLIED_TO: CallWording = { verb: 'applied', to: 'to', imperative: 'Apply', example: '(…).apply(x)' };

function toGraphInput(v: JsValue): ArgValueOrTensor {
  return isTensorRef(v) || isModelNode(v) ? v : toArgValue(v);
}

/** `layer.apply(x)` / `layer.apply([a, b])` / `layer.apply(x, {initialState})`. */
function applyLayer(ev: TsEvaluator, layer: LayerInstance, node: ts.CallExpression, args: EvaluatedArgs): JsValue {
  const given = args.values.length > 0 ? args.values[0] : unknown('no input given');
  const kwargs = args.values[1];
  let options: ReadonlyMap<string, ArgValueOrTensor> = NO_ENTRIES;
  if (isObject(kwargs) && kwargs.entries.size > 0) {
    const named = new Map<string, JsValue>();
    for (const [k, v] of kwargs.entries) named.set(CALL_OPTIONS[k] ?? k, v);
    options = toOptions(named);
  }
  const input = Array.isArray(given) && ev.uncertainLists.has(given) ? unknown('a list whose length is not known') : given;
  return ev.builder.applyLayer(layer, input, toGraphInput, options, range(ev, node), ev.uncertain > 0, APPLIED_TO);
}

/** Call keywords keep their tensors (`initial_state=[h, c]` makes h and c inputs of the call). */
function toOptions(options: ReadonlyMap<string, JsValue>): ReadonlyMap<string, ArgValueOrTensor> {
  return callOptionsKeepingTensors(options, toArgValue);
}

function applyModel(ev: TsEvaluator, model: ModelNode, node: ts.CallExpression, args: EvaluatedArgs): JsValue {
  const input = args.values.length > 0 ? args.values[0] : unknown('no input given');
  const asList = Array.isArray(input);
  const items = (asList ? (input as JsValue[]) : [input]).map(v => (isTensorRef(v) ? v : toArgValue(v)));
  const call = ev.builder.call(model, items, asList, NO_ENTRIES, range(ev, node), ev.uncertain > 0);
  return { kind: 'tensor', call, index: 0 };
}

function createSequential(ev: TsEvaluator, node: ts.CallExpression, config: JsValue | undefined): JsValue {
  const keyword = new Map<string, ArgValue>();
  let list: JsValue | undefined;
  if (config !== undefined && isObject(config)) {
    for (const [k, v] of config.entries) {
      if (k === 'layers') list = v;
      else keyword.set(k, toArgValue(v));
    }
  }
  const model = ev.builder.createSequential(range(ev, node), keyword);
  if (Array.isArray(list) && ev.uncertainLists.has(list)) {
    addToSequential(ev, model, unknown('layers from a list whose length is not known'), node);
  } else if (Array.isArray(list)) {
    const itemNodes = ev.itemNodes.get(list) ?? [];
    const items = list;
    items.forEach((item, i) => addToSequential(ev, model, item, itemNodes.length === items.length ? itemNodes[i] : node, i === items.length - 1 ? 'constructor-last' : 'constructor'));
  } else if (list !== undefined && list !== null) {
    addToSequential(ev, model, unknown('layers that are not known'), node);
  }
  return model;
}

function addToSequential(ev: TsEvaluator, model: SequentialModel, item: JsValue, itemNode: ts.Node, addKind: 'add' | 'constructor' | 'constructor-last' = 'add', hintAt?: number): void {
  const r = range(ev, itemNode);
  const uncertain = ev.uncertain > 0;
  if (isLayerValue(item as ArgValue)) ev.builder.sequentialAdd(model, (item as LayerValue).layer, r, uncertain, addKind, hintAt);
  else if (isTensorRef(item) || isModelNode(item)) ev.builder.sequentialAdd(model, item, r, uncertain, addKind, hintAt);
  else {
    const reason = reasonOf(item) ?? 'this item is not a layer ShapeLens can read';
    const text = ev.textOf(itemNode);
    const paren = text.indexOf('(');
    const className = (paren >= 0 ? text.slice(0, paren) : text).trim() || '?';
    const layer = ev.builder.createLayer({ uncertain: ev.uncertain > 0, className, spec: undefined, positional: [], keyword: new Map(), range: r, classRange: r, unknownReason: reason });
    ev.builder.sequentialAdd(model, layer, r, uncertain, addKind, hintAt);
  }
}

function createFunctional(ev: TsEvaluator, node: ts.CallExpression, config: JsValue | undefined): JsValue {
  const entries = config !== undefined && isObject(config) ? config.entries : new Map<string, JsValue>();
  const inputs = entries.get('inputs') ?? unknown('no inputs given');
  const outputs = entries.get('outputs') ?? unknown('no outputs given');
  const keyword = new Map<string, ArgValue>();
  for (const [k, v] of entries) if (k !== 'inputs' && k !== 'outputs') keyword.set(k, toArgValue(v));
  const toGraph = (v: JsValue): JsValue => (Array.isArray(v) ? v.map(toGraph) : isTensorRef(v) ? v : toArgValue(v));
  return ev.builder.createFunctional(range(ev, node), toGraph(inputs) as never, toGraph(outputs) as never, keyword, 'model');
}

const MODEL_METHODS_WITHOUT_SHAPES = new Set(['summary', 'compile', 'fit', 'fitDataset', 'save', 'evaluate', 'dispose', 'setWeights', 'loadWeights']);

function callMethod(ev: TsEvaluator, target: JsValue, name: string, node: ts.CallExpression, args: EvaluatedArgs): JsValue {
  if (Array.isArray(target)) return callArrayMethod(ev, target, name, node, args);
  if (isModelNode(target)) {
    if (target.kind === 'sequential' && name === 'add') {
      ev.noteMutation(target);
      const argNode = node.arguments[0];
      addToSequential(ev, target, args.values[0] ?? unknown(), argNode ?? node, 'add', node.end);
      return null;
    }
    if (name === 'apply') return applyModel(ev, target, node, args);
    if (MODEL_METHODS_WITHOUT_SHAPES.has(name)) return null;
    // Of a model's other methods only `pop` changes its layers.
    if (name === 'pop') ev.escape([target], 'the model\'s `pop()` removes a layer, which ShapeLens does not follow');
    return unknown(`\`.${name}(…)\` is not analysed`);
  }
  if (isLayerValue(target as ArgValue)) {
    if (name === 'apply') return applyLayer(ev, (target as LayerValue).layer, node, args);
    return unknown(`\`.${name}(…)\` is not analysed`);
  }
  return unknown(`\`.${name}(…)\` is not analysed`);
}

/** Array methods: `push` (lists built in loops), `concat`, `slice`, and `map`/`forEach` with a callback. */
function callArrayMethod(ev: TsEvaluator, list: JsValue[], name: string, node: ts.CallExpression, args: EvaluatedArgs): JsValue {
  const p = args.values;
  const uncertainList = ev.uncertainLists.has(list);
  switch (name) {
    case 'push':
    case 'unshift':
      // JS arrays are shared by reference: the same rule as Python's `append`.
      ev.noteMutation(list);
      if (ev.changedUncertainly(list) || uncertainList || args.opaque) ev.uncertainLists.add(list);
      if (name === 'push') list.push(...p);
      else list.unshift(...p);
      return uncertainList ? unknown() : list.length;
    case 'concat': {
      const out: JsValue[] = [...list];
      let unsure = uncertainList || args.opaque;
      for (const x of p) {
        if (Array.isArray(x)) {
          out.push(...x);
          if (ev.uncertainLists.has(x)) unsure = true;
        } else out.push(x);
      }
      if (unsure) ev.markUncertainList(out); // a new list, but its uncertainty is not replayed
      return out;
    }
    case 'slice': {
      if (uncertainList) return unknown('a list whose length is not known');
      const [a, b] = p;
      if ((a !== undefined && typeof a !== 'number') || (b !== undefined && typeof b !== 'number')) return unknown();
      return list.slice(a as number | undefined, b as number | undefined);
    }
    case 'map':
    case 'forEach': {
      const fn = p[0];
      if (!isFunction(fn) || uncertainList || list.length > MAX_UNROLL) {
        for (const a of p) if (isFunction(a)) ev.runCallbackMaybe(a, node);
        return unknown('a callback over values that are not known');
      }
      if (!fn.analysed) fn.analysed = { args: [], result: unknown('a callback') };
      const out = list.map((item, i) => ev.runFunctionBody(fn, [item, i]));
      return name === 'map' ? out : null;
    }
    default:
      ev.markUncertainList(list);
      // `reduce`, `filter`, `some`, … run their callbacks in ways not followed here: any number of times.
      for (const a of p) if (isFunction(a)) ev.runCallbackMaybe(a, node);
      return unknown(`\`.${name}(…)\` is not analysed`);
  }
}

/** `value.name`: module paths, object-literal entries, array length, model inputs and outputs, methods. */
export function getProperty(ev: TsEvaluator, value: JsValue, name: string, _at: ts.Node): JsValue {
  if (isSymbol(value)) return memberSymbol(value, name);
  if (isObject(value)) {
    const v = value.entries.get(name);
    return v === undefined ? null : v;
  }
  if (Array.isArray(value)) {
    if (name === 'length') return ev.uncertainLists.has(value) ? unknown('a list whose length is not known') : value.length;
    return { kind: 'method', target: value, name };
  }
  if (typeof value === 'string' && name === 'length') return value.length;
  if (isModelNode(value)) {
    if (name === 'output' || name === 'outputs') {
      if (value.kind === 'sequential') {
        const out = ev.builder.sequentialOutputOf(value);
        return out ? (name === 'outputs' ? [out] : out) : unknown('the model has no layers yet');
      }
      const outs = value.outputs as JsValue;
      return name === 'outputs' && !Array.isArray(outs) ? [outs] : outs;
    }
    if (name === 'input' || name === 'inputs') {
      const ins: JsValue = value.kind === 'functional' ? (value.inputs as JsValue) : value.inputTensor ?? unknown('the Sequential model has no Input');
      return name === 'inputs' && !Array.isArray(ins) && !isUnknown(ins as ArgValue) ? [ins] : ins;
    }
    return { kind: 'method', target: value, name };
  }
  if (isLayerValue(value as ArgValue)) return { kind: 'method', target: value, name };
  return unknown();
}

export { isObject };
