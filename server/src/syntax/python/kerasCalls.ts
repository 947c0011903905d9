// Calls and attribute reads in the Python evaluator: Keras constructors (layers, Input, Sequential, Model,
// functional merges, Keras 1 `merge`), calling layers and models on tensors, `model.add`, user functions and
// a few builtins. Records graph events and Keras-version evidence; returns plain values.

import type { CallWording } from '../../ir/graphBuilder';
import type { PyNode as Node } from './syntaxNode';
import { callOptionsKeepingTensors, NO_ENTRIES } from '../../ir/callOptions';
import type { ArgValueOrTensor, CallNode, LayerInstance, ModelNode, SequentialModel, TextRange } from '../../ir/graph';
import { isModelNode, isTensorRef } from '../../ir/graph';
import { ArgValue, DictValue, isDict, isLayerValue, isUnknown, LayerValue, unknown } from '../../ir/values';
import type { LayerSpec } from '../../layers/spec';
import { findPythonLayer } from '../../layers/registry';
import { keras1MergeMode } from '../../layers/merging/functional';
import { KerasFlavor, KerasSymbol, resolveBareName, resolveKerasPath } from './kerasSymbols';
import { ClassValue, FunctionValue, PyValue, isClass, isFloatValue, isFunction, isMethod, isPyInt, isSymbol, numberOf, pyFloat, toArgValue } from './pyValues';
import { pyStr, strFormat } from './pyFormat';
import { exactInt } from './pyArithmetic';
import { boundedString, PythonEvaluator, typeOf } from './evaluator';
import type { Scope } from './scope';
import { memberSymbol } from '../memberSymbol';
import { entriesTable } from '../armJournal';
import type { LiteralUse } from '../statementMemo';

interface EvaluatedArgs {
  positional: PyValue[];
  /** Shared and empty when the call has no keywords: never changed in place. */
  keyword: ReadonlyMap<string, PyValue>;
  /** A `*args` or `**kwargs` whose contents are not known. */
  opaque: boolean;
  /**
   * While a statement is recorded: the arguments written as a bare number, by position or keyword (a keyword
   * set again later, by name or by `**`, is dropped). See literalPatch.ts.
   */
  literals?: LiteralArgument[];
}

/** A `LiteralUse` before the layer it fills exists. */
type LiteralArgument = Omit<LiteralUse, 'layer'>;

const isNumberLiteral = (type: string): boolean => type === 'integer' || type === 'float';

function evalArguments(ev: PythonEvaluator, args: Node | undefined, scope: Scope): EvaluatedArgs {
  const out: EvaluatedArgs = { positional: [], keyword: NO_ENTRIES, opaque: false };
  if (!args) return out;
  if (typeOf(args) === 'generator_expression') {
    // `any(m.add(l) for l in xs)`: the generator's element runs any number of times.
    out.positional.push(ev.evalExpr(args, scope));
    return out;
  }
  let keyword: Map<string, PyValue> | undefined;
  // While recording: bare numbers by keyword, the last setting of each name winning (see `literals`).
  let keywordLiterals: Map<string, LiteralArgument> | undefined;
  for (const a of args.namedChildren) {
    if (!a) continue;
    const type = typeOf(a);
    if (type === 'comment') {
      ev.noteComment(a);
    } else if (type === 'keyword_argument') {
      const name = a.childForFieldName('name');
      const value = a.childForFieldName('value');
      if (name && value) {
        const key = name.text;
        const valueType = typeOf(value);
        (keyword ??= new Map()).set(key, ev.evalExpr(value, scope, valueType));
        if (ev.recording) {
          if (isNumberLiteral(valueType)) (keywordLiterals ??= new Map()).set(key, { start: value.startIndex, end: value.endIndex, type: valueType, slot: key });
          else keywordLiterals?.delete(key);
        }
      }
    } else if (type === 'list_splat') {
      const inner = a.namedChildren[0];
      const v = inner ? ev.evalExpr(inner, scope) : unknown();
      if (Array.isArray(v)) out.positional.push(...v);
      else out.opaque = true;
    } else if (type === 'dictionary_splat') {
      const inner = a.namedChildren[0];
      const v = inner ? ev.evalExpr(inner, scope) : unknown();
      if (isDict(v as ArgValue)) {
        for (const [k, x] of (v as DictValue).entries) {
          (keyword ??= new Map()).set(k, x);
          keywordLiterals?.delete(k);
        }
      } else out.opaque = true;
    } else {
      if (ev.recording && isNumberLiteral(type)) (out.literals ??= []).push({ start: a.startIndex, end: a.endIndex, type, slot: out.positional.length });
      out.positional.push(ev.evalExpr(a, scope, type));
    }
  }
  if (keyword) out.keyword = keyword;
  if (keywordLiterals?.size) out.literals = [...(out.literals ?? []), ...keywordLiterals.values()];
  return out;
}


function range(node: Node): TextRange {
  return { start: node.startIndex, end: node.endIndex };
}

export function callValue(ev: PythonEvaluator, node: Node, scope: Scope): PyValue {
  const calleeNode = node.childForFieldName('function');
  const argsNode = node.childForFieldName('arguments') ?? undefined;
  if (!calleeNode) return unknown();
  // Evaluate `obj.name` here rather than through evalExpr, to keep the `name` node for ranges.
  let callee: PyValue;
  let fnNode: Node = calleeNode;
  const calleeType = typeOf(calleeNode);
  if (calleeType === 'attribute') {
    const obj = calleeNode.childForFieldName('object');
    const attr = calleeNode.childForFieldName('attribute');
    if (!obj || !attr) return unknown();
    fnNode = attr;
    callee = getAttribute(ev, ev.evalExpr(obj, scope), attr.text, calleeNode);
  } else callee = ev.evalExpr(calleeNode, scope, calleeType);
  const args = evalArguments(ev, argsNode, scope);
  if (isFunction(callee)) return ev.callFunction(callee, args.positional, args.keyword, node);
  const result = isSymbol(callee) ? callSymbol(ev, callee.path, node, fnNode, args)
    : isLayerValue(callee as ArgValue) ? callLayer(ev, (callee as LayerValue).layer, node, args)
      : isModelNode(callee) ? callModel(ev, callee, node, args)
        : isMethod(callee) ? callMethod(ev, callee.target, callee.name, node, args, scope)
          : isClass(callee) ? classInstance(ev, callee, node, fnNode, args)
            : escapeInto(ev, args, unknown(), calleeNode.text);
  // A function of the file handed to code that is not analysed (`map(add_block, xs)`, a callback) may run there
  // any number of times: analysed there as an undecided loop body, not after the end of the file.
  for (const a of callbacksIn(args.positional)) ev.runCallbackMaybe(a, scope, node);
  if (args.keyword.size > 0) for (const a of callbacksIn(args.keyword.values())) ev.runCallbackMaybe(a, scope, node);
  return result;
}

/**
 * A class of the file called: not analysed (a custom layer or subclassed model). One whose syntax calls an `add` or
 * `pop` method may change a model given to it (GraphBuilder.escape).
 */
function classInstance(ev: PythonEvaluator, callee: ClassValue, node: Node, fnNode: Node, args: EvaluatedArgs): PyValue {
  const made = placeholderLayer(ev, callee.name, node, fnNode, `\`${callee.name}\` is a class defined in this file (a custom layer or subclassed model), which ShapeLens does not analyse`, args.keyword.get('name'), true);
  return callee.changesModels ? escapeInto(ev, args, made, callee.name) : made;
}

/** The functions among `values`, also inside the lists, tuples and dicts among them (`register({'cb': grow})`). */
function callbacksIn(values: Iterable<PyValue>): readonly FunctionValue[] {
  let out: FunctionValue[] | undefined;
  const found = (f: FunctionValue) => void (out ??= []).push(f);
  for (const v of values) {
    if (isFunction(v)) found(v);
    else if (Array.isArray(v)) {
      for (const x of v) if (isFunction(x)) found(x);
    } else if (isDict(v as ArgValue)) {
      for (const x of (v as DictValue).entries.values()) if (isFunction(x as PyValue)) found(x as unknown as FunctionValue);
    }
  }
  return out ?? NO_FUNCTIONS;
}

const NO_FUNCTIONS: readonly FunctionValue[] = [];

/** `fnNode` here and below is the identifier naming the callee (`Dense` in `layers.Dense(4)`). */
function callSymbol(ev: PythonEvaluator, path: readonly string[], node: Node, fnNode: Node, args: EvaluatedArgs): PyValue {
  let symbol: KerasSymbol | undefined;
  let flavor: KerasFlavor | undefined;
  if (path[0] === '<bare>') {
    if (path.length === 2) {
      const builtin = callBuiltin(path[1], args, ev);
      if (builtin !== undefined) return builtin;
      symbol = resolveBareName(path[1]);
    }
  } else {
    const resolved = resolveKerasPath(path);
    symbol = resolved?.symbol;
    flavor = resolved?.flavor;
  }
  if (!symbol) {
    const result = unknown(`\`${path.filter(p => p !== '<bare>').join('.')}(…)\` is not analysed`);
    // Keras and TensorFlow functions do not add layers to a model they are given (`clone_model`, `plot_model`).
    const library = LIBRARY_ROOTS.has(path[0]) || (path[0] === '<bare>' && path.length === 2 && PY_BUILTINS.has(path[1]));
    return library ? result : escapeInto(ev, args, result, fnNode.text);
  }
  if (flavor && symbol.kind !== 'module') {
    ev.addEvidence(flavor, () => (flavor === 'tf' ? `the file uses tf.keras (\`${path.join('.')}\`)` : `the file uses the standalone \`keras\` package (\`${path.join('.')}\`)`), fnNode);
  }
  switch (symbol.kind) {
    case 'layer':
      return { kind: 'layer', layer: createLayer(ev, symbol.name, symbol.spec, node, fnNode, args) };
    case 'input': {
      if (symbol.name === 'InputLayer') return { kind: 'layer', layer: createLayer(ev, symbol.name, symbol.spec, node, fnNode, args) };
      // keras.Input(shape, ...) creates an InputLayer and returns its output tensor.
      const positional = args.positional.slice(1);
      const keyword = new Map(args.keyword);
      if (args.positional.length > 0) keyword.set('shape', args.positional[0]);
      const layer = createLayer(ev, 'Input', symbol.spec, node, fnNode, { positional, keyword, opaque: args.opaque });
      const call = ev.builder.call(layer, [], false, NO_ENTRIES, range(node), ev.uncertain > 0);
      return { kind: 'tensor', call, index: 0 };
    }
    case 'functionalMerge': {
      const inputs = args.positional.length > 0 ? args.positional[0] : args.keyword.get('inputs') ?? unknown();
      const keyword = new Map(args.keyword);
      keyword.delete('inputs');
      const layer = createLayer(ev, symbol.spec.className, symbol.spec, node, fnNode, { positional: args.positional.slice(1), keyword, opaque: args.opaque });
      return applyLayer(ev, layer, [inputs], NO_ENTRIES, node);
    }
    case 'keras1Merge':
      return callKeras1Merge(ev, symbol.name, node, fnNode, args);
    case 'sequential':
      return createSequential(ev, node, args);
    case 'model':
      return createFunctional(ev, symbol.name, node, args);
    case 'unsupported':
      // An application names itself (`mobilenetv2_1.00_224`) unless `name=` is given, and builds a whole network.
      return symbol.application
        ? placeholderLayer(ev, symbol.name, node, fnNode, symbol.reason, args.keyword.get('name') ?? unknown('named by the application'), true)
        : placeholderLayer(ev, symbol.name, node, fnNode, symbol.reason);
    case 'module':
      return unknown(`\`${path.join('.')}(…)\` is not analysed`);
  }
}

/** List methods that leave the list as it is. */
const LIST_READERS: ReadonlySet<string> = new Set(['index', 'count', 'copy']);

/**
 * A dict's methods: `get` reads an item; `update` with a known dict or keywords sets items (noted in the journal,
 * like `d[k] = v`); the others that change it (`pop`, `setdefault`, `clear`, …) make its items unknown.
 */
function callDictMethod(ev: PythonEvaluator, dict: DictValue, name: string, args: EvaluatedArgs, scope: Scope): PyValue {
  const entries = dict.entries as Map<string, ArgValue>;
  const known = !ev.uncertainLists.has(dict);
  const [first, second] = args.positional;
  if (name === 'get') {
    if (!known || typeof first !== 'string' || args.keyword.size > 0) return unknown('an item of a dict whose items are not known');
    const v = entries.get(first);
    return v !== undefined ? v : second !== undefined ? second : null;
  }
  if (name === 'keys' || name === 'values' || name === 'items' || name === 'copy') return unknown(`\`.${name}()\` of a dict is not analysed`);
  ev.noteMutation(dict);
  const update = name === 'update' && !args.opaque && args.positional.length <= 1 && (first === undefined || isDict(first as ArgValue));
  if (!update || !known || ev.uncertain > 0) {
    ev.uncertainLists.add(dict);
    return unknown(`\`.${name}(…)\` of a dict is not analysed`);
  }
  const items = [...(first ? (first as DictValue).entries : []), ...args.keyword];
  for (const [k, v] of items) {
    scope.journals.note(entriesTable(entries), k, entries.get(k));
    entries.set(k, v as ArgValue);
  }
  return null;
}

/** The packages whose functions ShapeLens knows do not add layers to a model passed to them. */
const LIBRARY_ROOTS = new Set([
  'keras', 'tensorflow', 'tf_keras', 'tensorflowjs', 'numpy', 'pandas', 'matplotlib', 'sklearn', 'wandb', 'mlflow',
  'json', 'pickle', 'os', 'sys', 'time', 'math', 'random', 'logging', 'pathlib', 'copy', 'pprint', 'itertools', 'functools',
]);

/** Python's own functions (`print`, `len`, … are evaluated before): none adds layers to a model it is given. */
const PY_BUILTINS = new Set([
  'type', 'id', 'isinstance', 'issubclass', 'hasattr', 'getattr', 'repr', 'enumerate', 'zip', 'sorted', 'reversed',
  'iter', 'next', 'vars', 'dir', 'hash', 'callable', 'format', 'abs', 'all', 'any', 'bool', 'dict', 'float', 'int',
  'set', 'frozenset', 'tuple', 'list', 'str', 'len', 'print', 'min', 'max', 'sum', 'range', 'round', 'map', 'filter', 'open',
]);

/** A call of code that is not analysed: a model among its arguments may be changed by it (GraphBuilder.escape). */
function escapeInto(ev: PythonEvaluator, args: EvaluatedArgs, result: PyValue, callee: string): PyValue {
  ev.escape([...args.positional, ...args.keyword.values()], `the model was passed to \`${callee.length > 40 ? callee.slice(0, 40) + '…' : callee}(…)\`, which ShapeLens does not analyse and which may add layers to it`);
  return result;
}

function createLayer(ev: PythonEvaluator, className: string, spec: LayerSpec, node: Node, fnNode: Node, args: EvaluatedArgs): LayerInstance {
  let keyword: ReadonlyMap<string, ArgValue> = NO_ENTRIES;
  if (args.keyword.size > 0) {
    const own = new Map<string, ArgValue>();
    for (const [k, v] of args.keyword) own.set(k, toArgValue(v));
    keyword = own;
  }
  const classRange = range(fnNode);
  recordLayerEvidence(ev, className, spec, keyword, classRange);
  const layer = ev.builder.createLayer({ uncertain: ev.uncertain > 0,
    className,
    spec,
    positional: args.positional.map(toArgValue),
    keyword,
    range: range(node),
    classRange,
    opaqueArgs: args.opaque,
  });
  // Arguments handed over as evaluated (not rearranged, as for `Input` or a merge): each bare number fills its slot.
  for (const l of args.literals ?? []) ev.noteLiteral({ start: l.start, end: l.end, type: l.type, layer, slot: l.slot });
  return layer;
}

function recordLayerEvidence(ev: PythonEvaluator, className: string, spec: LayerSpec, keyword: ReadonlyMap<string, ArgValue>, r: TextRange): void {
  if (spec.keras1OnlyNames?.includes(className)) ev.addEvidence('keras1', () => `\`${className}\` exists only in Keras 1`, r);
  for (const k of keyword.keys()) {
    if (spec.keras1OnlyArgs?.includes(k)) {
      ev.addEvidence('keras1', () => `\`${className}(${k}=…)\` is a Keras 1 argument`, r);
      break;
    }
  }
  if (spec.versions && !spec.versions.includes('3')) ev.addEvidence('keras2', () => `\`${className}\` exists only up to Keras 2`, r);
}

/** An instance of something outside the catalogue: it occupies a place in models, with unknown shapes. */
function placeholderLayer(ev: PythonEvaluator, className: string, node: Node, fnNode: Node, reason: string, name?: PyValue, createsLayers?: boolean): LayerValue {
  const layer = ev.builder.createLayer({ uncertain: ev.uncertain > 0,
    createsLayers,
    className,
    spec: undefined,
    positional: [],
    // A custom layer passes `name=` on to Layer, which names it so.
    keyword: name === undefined ? new Map() : new Map([['name', toArgValue(name)]]),
    range: range(node),
    classRange: range(fnNode),
    unknownReason: reason,
  });
  return { kind: 'layer', layer };
}

function callLayer(ev: PythonEvaluator, layer: LayerInstance, node: Node, args: EvaluatedArgs): PyValue {
  if (args.keyword.size === 0 && layer.spec?.inputKind !== 'many') {
    return applyLayer(ev, layer, [args.positional.length > 0 ? args.positional[0] : unknown('no input given')], NO_ENTRIES, node);
  }
  const options = new Map<string, PyValue>(args.keyword);
  const spec = layer.spec;
  if (spec?.inputKind === 'many') {
    // MultiHeadAttention(query, value, key=None, ...): the tensors are call arguments.
    const inputs: PyValue[] = [...args.positional];
    for (const name of ['query', 'value', 'key']) {
      const v = options.get(name);
      if (v !== undefined) {
        inputs.push(v);
        options.delete(name);
      }
    }
    return applyLayerMany(ev, layer, inputs, options, node);
  }
  const first = args.positional.length > 0 ? args.positional[0] : options.get('inputs') ?? unknown('no input given');
  options.delete('inputs');
  return applyLayer(ev, layer, [first], options, node);
}

const CALLED_ON: CallWording = { verb: 'called', to: 'on', imperative: 'Call', example: '(…)(x)' };

function toGraphInput(v: PyValue): ArgValueOrTensor {
  return isTensorRef(v) || isModelNode(v) ? v : toArgValue(v);
}

/** Calls a layer on its first call argument (a tensor or a list of tensors). */
function applyLayer(ev: PythonEvaluator, layer: LayerInstance, [given]: PyValue[], options: ReadonlyMap<string, PyValue>, node: Node): PyValue {
  const input = Array.isArray(given) && ev.uncertainLists.has(given) ? unknown('a list whose length is not known') : given;
  return ev.builder.applyLayer(layer, input, toGraphInput, toOptions(options), range(node), ev.uncertain > 0, CALLED_ON);
}

function applyLayerMany(ev: PythonEvaluator, layer: LayerInstance, inputs: PyValue[], options: ReadonlyMap<string, PyValue>, node: Node): PyValue {
  const values = inputs.map(v => (isTensorRef(v) ? v : toArgValue(v)));
  const call = ev.builder.call(layer, values, false, toOptions(options), range(node), ev.uncertain > 0);
  return { kind: 'tensor', call, index: 0 };
}

/** Call keywords keep their tensors (`initial_state=[h, c]` makes h and c inputs of the call). */
function toOptions(options: ReadonlyMap<string, PyValue>): ReadonlyMap<string, ArgValueOrTensor> {
  return callOptionsKeepingTensors(options, toArgValue);
}

function callModel(ev: PythonEvaluator, model: ModelNode, node: Node, args: EvaluatedArgs): PyValue {
  const input = args.positional.length > 0 ? args.positional[0] : args.keyword.get('inputs') ?? unknown('no input given');
  const asList = Array.isArray(input);
  const items = (asList ? (input as PyValue[]) : [input]).map(v => (isTensorRef(v) ? v : toArgValue(v)));
  const call: CallNode = ev.builder.call(model, items, asList, NO_ENTRIES, range(node), ev.uncertain > 0);
  return { kind: 'tensor', call, index: 0 };
}

function createSequential(ev: PythonEvaluator, node: Node, args: EvaluatedArgs): PyValue {
  const keyword = new Map<string, ArgValue>();
  for (const [k, v] of args.keyword) if (k !== 'layers') keyword.set(k, toArgValue(v));
  const model = ev.builder.createSequential(range(node), keyword);
  const list = args.positional.length > 0 ? args.positional[0] : args.keyword.get('layers');
  if (Array.isArray(list) && ev.uncertainLists.has(list)) {
    addToSequential(ev, model, unknown('layers from a list whose length is not known'), node);
  } else if (Array.isArray(list)) {
    const itemNodes = ev.itemNodes.get(list) ?? [];
    const items = list as PyValue[];
    items.forEach((item, i) => addToSequential(ev, model, item, itemNodes.length === list.length ? itemNodes[i] : node, i === items.length - 1 ? 'constructor-last' : 'constructor'));
  } else if (list !== undefined && list !== null) {
    // Layers given as a value that was not evaluated (a list built from unknowns): which ones is not known.
    const r = range(node);
    const reason = 'the layers given to this Sequential are not a list ShapeLens can read (it is built from values that are not known)';
    const layer = ev.builder.createLayer({ uncertain: ev.uncertain > 0, className: '?', spec: undefined, positional: [], keyword: new Map(), range: r, classRange: r, unknownReason: reason });
    ev.builder.sequentialAdd(model, layer, r, ev.uncertain > 0, 'constructor-last');
  }
  return model;
}

function addToSequential(ev: PythonEvaluator, model: SequentialModel, item: PyValue, itemNode: Node, addKind: 'add' | 'constructor' | 'constructor-last' = 'add', hintAt?: number): void {
  const r = range(itemNode);
  const uncertain = ev.uncertain > 0;
  if (isLayerValue(item as ArgValue)) ev.builder.sequentialAdd(model, (item as LayerValue).layer, r, uncertain, addKind, hintAt);
  else if (isTensorRef(item) || isModelNode(item)) ev.builder.sequentialAdd(model, item, r, uncertain, addKind, hintAt);
  else {
    const reason = isUnknown(item as ArgValue) && (item as { reason?: string }).reason ? (item as { reason: string }).reason : 'this item is not a layer ShapeLens can read';
    const layer = ev.builder.createLayer({ uncertain: ev.uncertain > 0, className: itemNode.text.split('(')[0].trim() || '?', spec: undefined, positional: [], keyword: new Map(), range: r, classRange: r, unknownReason: reason });
    ev.builder.sequentialAdd(model, layer, r, uncertain, addKind, hintAt);
  }
}

function createFunctional(ev: PythonEvaluator, className: string, node: Node, args: EvaluatedArgs): PyValue {
  const kw = args.keyword;
  if (kw.has('input') || kw.has('output')) {
    ev.addEvidence('keras1', () => '`Model(input=…, output=…)` is the Keras 1 spelling', node);
  }
  const inputs = args.positional[0] ?? kw.get('inputs') ?? kw.get('input') ?? unknown('no inputs given');
  const outputs = args.positional[1] ?? kw.get('outputs') ?? kw.get('output') ?? unknown('no outputs given');
  const keyword = new Map<string, ArgValue>();
  for (const [k, v] of kw) if (!['inputs', 'outputs', 'input', 'output'].includes(k)) keyword.set(k, toArgValue(v));
  const toGraph = (v: PyValue): PyValue => (Array.isArray(v) ? v.map(toGraph) : isTensorRef(v) ? v : toArgValue(v));
  return ev.builder.createFunctional(range(node), toGraph(inputs) as never, toGraph(outputs) as never, keyword, className);
}

function callKeras1Merge(ev: PythonEvaluator, name: string, node: Node, fnNode: Node, args: EvaluatedArgs): PyValue {
  ev.addEvidence('keras1', () => `\`${name}\` exists only in Keras 1`, fnNode);
  const mode = args.keyword.get('mode') ?? 'sum';
  const mapped = typeof mode === 'string' ? keras1MergeMode(mode) : undefined;
  const spec = mapped ? findPythonLayer(mapped.className) : undefined;
  if (name === 'Merge' || !mapped || !spec) {
    return placeholderLayer(ev, name, node, fnNode, typeof mode === 'string' ? `merge mode '${mode}' is not analysed` : 'the merge mode is not a constant');
  }
  const keyword = new Map(args.keyword);
  keyword.delete('mode');
  for (const [k, v] of Object.entries(mapped.extra ?? {})) keyword.set(k, v as PyValue);
  const inputs = args.positional[0] ?? unknown();
  const layer = createLayer(ev, 'Merge', spec, node, fnNode, { positional: [], keyword, opaque: args.opaque });
  return applyLayer(ev, layer, [inputs], NO_ENTRIES, node);
}

function callMethod(ev: PythonEvaluator, target: PyValue, name: string, node: Node, args: EvaluatedArgs, scope: Scope): PyValue {
  if (Array.isArray(target) && LIST_READERS.has(name)) return unknown(`\`.${name}(…)\` of a list is not analysed`);
  if (isDict(target as ArgValue)) return callDictMethod(ev, target as DictValue, name, args, scope);
  if (Array.isArray(target)) {
    // Python lists are mutable and shared by reference, as JS arrays are.
    const list = target as PyValue[];
    ev.noteMutation(list);
    if (ev.changedUncertainly(list) || ev.uncertainLists.has(list)) ev.uncertainLists.add(list);
    if (name === 'append' && args.positional.length === 1) list.push(args.positional[0]);
    else if (name === 'extend' && Array.isArray(args.positional[0])) list.push(...(args.positional[0] as PyValue[]));
    else ev.uncertainLists.add(list);
    return null;
  }
  if (isModelNode(target) && target.kind === 'sequential' && name === 'add') {
    ev.noteMutation(target);
    const argNode = node.childForFieldName('arguments')?.namedChildren.find(c => c && typeOf(c) !== 'comment');
    addToSequential(ev, target, args.positional[0] ?? args.keyword.get('layer') ?? unknown(), argNode ?? node, 'add', node.endIndex);
    return null;
  }
  if (isModelNode(target) && (name === 'summary' || name === 'compile' || name === 'fit' || name === 'save')) return null;
  if (typeof target === 'string') return boundedString(stringMethod(target, name, args) ?? unknown(`\`.${name}(…)\` of a string with values that are not known`));
  const result = unknown(`\`.${name}(…)\` is not analysed`);
  // Of a model's other methods only `pop` changes its layers; a method of an object that is not followed may
  // change the models it is given.
  if (isModelNode(target)) {
    if (name === 'pop') ev.escape([target], 'the model\'s `pop()` removes a layer, which ShapeLens does not follow');
    return result;
  }
  return escapeInto(ev, args, result, `.${name}`);
}

export function getAttribute(ev: PythonEvaluator, value: PyValue, name: string, _node: Node): PyValue {
  if (isSymbol(value)) return memberSymbol(value, name);
  if (isModelNode(value)) {
    if (name === 'output' || name === 'outputs') {
      if (value.kind === 'sequential') {
        const out = ev.builder.sequentialOutputOf(value);
        return out ? (name === 'outputs' ? [out] : out) : unknown('the model has no layers yet');
      }
      return value.outputs as PyValue;
    }
    if (name === 'input' || name === 'inputs') {
      if (value.kind === 'functional') return value.inputs as PyValue;
      return value.inputTensor ?? unknown('the Sequential model has no Input');
    }
    return { kind: 'method', target: value, name };
  }
  if (isLayerValue(value as ArgValue)) return { kind: 'method', target: value, name };
  // Every method of a list or dict: those that change it in place are followed or make its items unknown.
  if (Array.isArray(value) || isDict(value as ArgValue)) return { kind: 'method', target: value, name };
  if (typeof value === 'string' && STRING_METHODS.has(name)) return { kind: 'method', target: value, name };
  return unknown();
}

const STRING_METHODS: ReadonlySet<string> = new Set(['format', 'join', 'upper', 'lower']);

/** `'{}_{}'.format(a, b)`, `'_'.join(parts)`, `.upper()`, `.lower()` on known strings; undefined otherwise. */
function stringMethod(target: string, name: string, args: EvaluatedArgs): string | undefined {
  if (args.opaque) return undefined;
  const p = args.positional;
  if (name === 'format') return strFormat(target, p, args.keyword);
  if (args.keyword.size > 0) return undefined;
  if (name === 'join' && p.length === 1 && Array.isArray(p[0]) && (p[0] as PyValue[]).every(x => typeof x === 'string')) return (p[0] as string[]).join(target);
  // Case mapping of ASCII text only (Unicode's special cases, such as ß, differ between languages).
  const ascii = [...target].every(c => c.charCodeAt(0) < 0x80);
  if (name === 'upper' && p.length === 0 && ascii) return target.toUpperCase();
  if (name === 'lower' && p.length === 0 && ascii) return target.toLowerCase();
  return undefined;
}


const KNOWN_BUILTINS: ReadonlySet<string> = new Set(['range', 'len', 'int', 'float', 'str', 'abs', 'round', 'min', 'max', 'sum', 'tuple', 'list', 'print', 'dict']);

/** The float sum of `xs` when plain left-to-right addition and compensated (Neumaier) addition agree. */
function sameFloatSum(xs: readonly number[]): PyValue | undefined {
  let plain = 0;
  let sum = 0;
  let compensation = 0;
  for (const x of xs) {
    plain += x;
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
    sum = t;
  }
  const compensated = sum + compensation;
  return Number.isFinite(plain) && Object.is(plain, compensated) ? pyFloat(plain) : undefined;
}

/** Python's `round(x)`: to the nearest int, halves to the even one. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Python builtins that matter for shapes; undefined when `name` is not one. */
function callBuiltin(name: string, args: EvaluatedArgs, ev: PythonEvaluator): PyValue | undefined {
  const p = args.positional;
  if (p.some(x => Array.isArray(x) && ev.uncertainLists.has(x)) && name !== 'print') return unknown('a list whose length is not known');
  const ints = p.every(isPyInt);
  const first = p.length === 1 ? numberOf(p[0]) : undefined;
  // Keyword arguments (`round(x, ndigits=2)`, `sum(xs, start=10)`, `max(xs, key=abs)`) change the result: unknown,
  // except for dict(), which takes them as entries.
  if ((args.keyword.size > 0 || args.opaque) && name !== 'dict' && name !== 'print' && KNOWN_BUILTINS.has(name)) return unknown(`\`${name}(…)\` with arguments the analysis does not follow`);
  switch (name) {
    case 'range': {
      if (!ints || p.length === 0 || p.length > 3) return unknown('a range that is not known');
      const [a, b, s] = p.length === 1 ? [0, p[0] as number, 1] : [p[0] as number, p[1] as number, (p[2] as number) ?? 1];
      if (s === 0) return unknown();
      const n = Math.max(0, Math.ceil((b - a) / s));
      if (n > 10000) return unknown('a very long range');
      return Array.from({ length: n }, (_, i) => a + i * s);
    }
    case 'len':
      // A string's length in code points, as Python counts it (JS counts UTF-16 units).
      return Array.isArray(p[0]) ? p[0].length : typeof p[0] === 'string' ? [...p[0]].length : unknown();
    case 'int':
      return first === undefined ? unknown() : exactInt(Math.trunc(first));
    case 'float':
      return first !== undefined && args.keyword.size === 0 ? pyFloat(first) : unknown();
    case 'str': {
      if (p.length === 0 && args.keyword.size === 0) return '';
      const text = p.length === 1 && args.keyword.size === 0 ? pyStr(p[0]) : undefined;
      return text ?? unknown('a string of a value that is not known');
    }
    case 'abs':
      return first === undefined ? unknown() : isFloatValue(p[0]) ? pyFloat(Math.abs(first)) : Math.abs(first);
    case 'round':
      // Python rounds halves to even (round(2.5) == 2), and gives an int.
      return first === undefined ? unknown() : exactInt(roundHalfEven(first));
    case 'min':
    case 'max': {
      const items = p.length === 1 && Array.isArray(p[0]) ? (p[0] as PyValue[]) : p;
      if (items.length === 0 || items.some(x => numberOf(x) === undefined)) return unknown();
      // The first of the smallest (largest) items, as it was: an int stays an int, a float a float.
      let best = items[0];
      for (const x of items) if (name === 'min' ? numberOf(x)! < numberOf(best)! : numberOf(x)! > numberOf(best)!) best = x;
      return best;
    }
    case 'sum': {
      const items = Array.isArray(p[0]) ? (p[0] as PyValue[]) : undefined;
      if (p.length !== 1 || !items || items.some(x => numberOf(x) === undefined)) return unknown();
      if (!items.some(isFloatValue)) {
        const total = items.reduce((a: number, x) => a + (x as number), 0);
        return exactInt(total);
      }
      // Python 3.12 adds floats with compensation, earlier versions one by one: known when both agree.
      return sameFloatSum(items.map(x => numberOf(x)!)) ?? unknown('a sum of floats that Python versions round differently');
    }
    case 'tuple':
    case 'list':
      return p.length === 0 ? [] : Array.isArray(p[0]) ? p[0] : unknown();
    case 'print':
      return null;
    case 'dict': {
      // dict(units=8, activation='relu') or dict(other): known keyword values only.
      if (args.opaque || p.length > 1 || (p.length === 1 && !isDict(p[0] as ArgValue))) return unknown('a dictionary that is not known');
      const entries = new Map<string, ArgValue>(p.length === 1 ? (p[0] as DictValue).entries : []);
      for (const [k, v] of args.keyword) entries.set(k, toArgValue(v));
      return { kind: 'dict', entries } as DictValue;
    }
    default:
      return undefined;
  }
}
