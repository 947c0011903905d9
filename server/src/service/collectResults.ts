// Turns the inferred graph into the plain result data: a summary row per layer, models with the totals
// `model.summary()` prints, one layer use per call site, and variables bound to tensors or models. In a session,
// the models and layer uses of the events inference kept unchanged are the previous collection's (`CollectionMemo`).

import { CallNode, CallResult, Callee, FunctionalModel, GraphEvent, LayerInstance, ModelNode, TextRange, isModelNode, isTensorRef } from '../ir/graph';
import { pushProducers } from '../infer/graphWalk';
import type { Binding } from '../syntax/python/evaluator';
import { isTensorTuple } from '../syntax/python/pyValues';
import { flattenTensors, modelInputShapes, modelOutputShapes } from '../infer/propagate';
import { displayName } from '../infer/buildLayer';
import { productOf } from '../infer/shape';
import { shared } from '../infer/sharedObjects';
import type { BuildResult } from '../layers/spec';
import type { LayerInfo, LayerUse, ModelInfo, Shape, VariableInfo, WeightInfo } from './types';

function countOf(shape: readonly (number | null | '?')[]): number | undefined {
  const n = productOf(shape);
  // A count past 2^53 is not exact in a double: unknown rather than rounded.
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : undefined;
}

/** A layer's weights as reported, with their parameter totals. */
interface WeightSummary {
  readonly weights: WeightInfo[];
  readonly params: number | undefined;
  readonly trainable: number | undefined;
}

/**
 * The summary of a layer's build for a trainable or a frozen layer, kept in the build result's slot (memoised
 * builds share theirs across layers and analyses, see `BuildResult.derived`); read-only, since every row using
 * the same build shares it (sharedObjects.ts). A WeakMap cost more than a whole small file's other collection.
 */
function weightsOf(layer: LayerInstance): WeightSummary | undefined {
  const built = layer.built;
  if (!built) return undefined;
  const frozen = layer.keyword.get('trainable') === false;
  const slot = built.derived;
  const kept = (frozen ? slot?.frozen : slot?.trainable) as WeightSummary | undefined;
  if (kept) return kept;
  const weights = built.weights.map(w => shared({ name: w.name, shape: w.shape, trainable: w.trainable && !frozen, axes: w.axes, count: countOf(w.shape) }));
  const summary: WeightSummary = shared({ weights: shared(weights) as WeightInfo[], params: sumCounts(weights), trainable: sumCounts(weights, w => w.trainable) });
  if (slot && frozen) slot.frozen = summary;
  else if (slot) slot.trainable = summary;
  return summary;
}

function sumCounts(weights: readonly WeightInfo[], filter: (w: WeightInfo) => boolean = () => true): number | undefined {
  let total = 0;
  for (const w of weights) {
    if (!filter(w)) continue;
    if (w.count === undefined) return undefined;
    total += w.count;
  }
  return Number.isSafeInteger(total) ? total : undefined;
}

/** Memo tables of one collection (plain Maps: WeakMaps cost more than the work they save here). */
interface Memo {
  readonly rows: Map<CallNode, LayerInfo>;
  readonly calls: Map<ModelNode, CallNode[]>;
  readonly totals: Map<ModelNode, { total?: number; trainable?: number }>;
}

function newMemo(): Memo {
  return { rows: new Map(), calls: new Map(), totals: new Map() };
}

/**
 * What depends only on a functional model's graph, kept on the model (`FunctionalModel.graphFacts`; a WeakMap entry
 * per model and analysis cost more): a session that replays the statement building a model hands back the same
 * object, whose calls and their inputs never change after creation.
 */
function factsOf(model: FunctionalModel): { complete?: boolean; order?: CallNode[] } {
  return (model.graphFacts ??= {}) as { complete?: boolean; order?: CallNode[] };
}

function isComplete(model: FunctionalModel): boolean {
  const facts = factsOf(model);
  return facts.complete ??= functionalComplete(model);
}

/**
 * What collection built for a layer's call and what from (kept on the call, `CallNode.collected`): in a session
 * a replayed call whose result, layer name, type, range and build are unchanged gets the same row and use
 * objects again instead of new ones (results are read-only).
 */
interface Collected {
  readonly result: CallResult | undefined;
  readonly name: string | undefined;
  readonly typeName: string | undefined;
  readonly range: TextRange;
  readonly built: BuildResult | undefined;
  readonly row: LayerInfo;
  use: LayerUse | undefined;
}

/** The summary row of a call (memoised: models and layer uses both ask for it). */
function layerRow(call: CallNode, memo: Memo): LayerInfo {
  const callee = call.callee;
  if (!isModelNode(callee)) {
    const c = call.collected as Collected | undefined;
    if (c && c.result === call.result && c.name === callee.name && c.typeName === callee.typeName && c.range === callee.range && c.built === callee.built) return c.row;
    const fresh = computeRow(call, memo);
    const collected: Collected = { result: call.result, name: callee.name, typeName: callee.typeName, range: callee.range, built: callee.built, row: fresh, use: undefined };
    call.collected = collected;
    return fresh;
  }
  let row = memo.rows.get(call);
  if (!row) {
    row = computeRow(call, memo);
    memo.rows.set(call, row);
  }
  return row;
}

function computeRow(call: CallNode, memo: Memo): LayerInfo {
  const callee = call.callee;
  const result = call.result;
  if (isModelNode(callee)) {
    const totals = modelTotals(callee, memo);
    // A model used as a layer owns its layers' weights, in their order (undefined if any is unknown).
    const inner = modelCalls(callee, memo).map(c => layerRow(c, memo).weights);
    const weights = callee.kind === 'sequential' && callee.uncertain ? undefined : inner.every(w => w !== undefined) ? inner.flat() as WeightInfo[] : undefined;
    return {
      name: callee.name ?? '?',
      type: callee.kind === 'sequential' ? 'Sequential' : 'Functional',
      writtenAs: callee.kind === 'sequential' ? 'Sequential' : callee.className,
      range: callee.range,
      inputShapes: result ? (result.inputShapes as (Shape | undefined)[]) : [],
      outputs: result?.outputs as (Shape | undefined)[] | undefined,
      weights,
      params: totals.total,
      trainableParams: totals.trainable,
      unknownReason: result?.unknownReason,
    };
  }
  const summary = weightsOf(callee);
  const isInput = !!callee.spec?.isInput;
  return {
    name: callee.name ?? '?',
    type: callee.typeName ?? (isInput ? 'InputLayer' : callee.spec?.className ?? callee.className),
    writtenAs: callee.className,
    range: callee.range,
    inputShapes: result ? (result.inputShapes as (Shape | undefined)[]) : [],
    outputs: result?.outputs as (Shape | undefined)[] | undefined,
    weights: summary?.weights,
    params: summary?.params,
    trainableParams: summary?.trainable,
    unknownReason: result?.unknownReason ?? callee.unknownReason,
  };
}

/** The calls that make up a model, one per distinct layer, in the order `model.layers` lists them. */
function modelCalls(model: ModelNode, memo: Memo): CallNode[] {
  let calls = memo.calls.get(model);
  if (!calls) {
    calls = model.kind === 'sequential' ? model.entries.filter(c => isModelNode(c.callee) || !c.callee.spec?.isInput) : orderOf(model);
    memo.calls.set(model, calls);
  }
  return calls;
}

/**
 * `functionalOrder`, kept with the model when no layer is called twice in it (then the order depends on the
 * graph alone; with a shared layer it also depends on which of its calls came first in the file).
 */
function orderOf(model: FunctionalModel): CallNode[] {
  const facts = factsOf(model);
  if (facts.order) return facts.order;
  const { order, shared } = functionalOrder(model);
  if (!shared) facts.order = order;
  return order;
}

function isInputCall(call: CallNode): boolean {
  return !isModelNode(call.callee) && !!call.callee.spec?.isInput;
}

/**
 * Whether every path from the model's outputs back to its inputs goes through calls the analysis followed
 * (no operation on tensors outside the graph, no unknown value in between).
 */
function functionalComplete(model: FunctionalModel): boolean {
  const inputs = flattenTensors(model.inputs);
  const outputs = flattenTensors(model.outputs);
  if (!inputs || !outputs) return false;
  const inputCalls = new Set(inputs.map(t => t.call));
  const seen = new Set<CallNode>();
  const stack = outputs.map(t => t.call);
  while (stack.length) {
    const call = stack.pop()!;
    if (seen.has(call)) continue;
    seen.add(call);
    if (inputCalls.has(call) || isInputCall(call)) continue;
    if (call.inputs.length === 0 && !call.sequential) return false;
    for (const input of call.inputs) {
      if (isTensorRef(input)) stack.push(input.call);
      else if (!Array.isArray(input) || !input.every(isTensorRef)) return false;
      else for (const t of input) stack.push(t.call);
    }
  }
  return true;
}

/** Per layer of a functional model: first-visit number, depth, and its call with the smallest id. */
interface OrderEntry {
  readonly callee: Callee;
  readonly visit: number;
  depth: number;
  first: CallNode;
}

/**
 * Keras' `map_graph` order for a functional model: a depth-first walk from the outputs numbers each layer
 * at its first visit; each call's depth is its distance from the outputs; layers are listed by decreasing
 * depth, ties in first-visit order. Iterative, so deep graphs cannot overflow the stack.
 */
function functionalOrder(model: FunctionalModel): { order: CallNode[]; shared: boolean } {
  const inputs = flattenTensors(model.inputs) ?? [];
  const outputs = flattenTensors(model.outputs) ?? [];
  const inputCalls = new Set<CallNode>();
  for (const t of inputs) inputCalls.add(t.call);
  // Per call: -1 while on the walk's stack, then its index in the post order.
  const index = new Map<CallNode, number>();
  const entries = new Map<Callee, OrderEntry>();
  const postOrder: CallNode[] = [];
  const postParents: CallNode[][] = [];
  // The walk's stack as parallel arrays: the call, its parents (once entered) and the next parent to visit.
  const calls: CallNode[] = [];
  const parents: (CallNode[] | undefined)[] = [];
  const nexts: number[] = [];
  for (const out of outputs) {
    calls.push(out.call);
    parents.push(undefined);
    nexts.push(0);
    while (calls.length) {
      const top = calls.length - 1;
      const call = calls[top];
      let ps = parents[top];
      if (!ps) {
        if (index.has(call)) {
          calls.pop();
          parents.pop();
          nexts.pop();
          continue;
        }
        if (!entries.has(call.callee)) entries.set(call.callee, { callee: call.callee, visit: entries.size, depth: 0, first: call });
        index.set(call, -1);
        ps = isInputCall(call) || inputCalls.has(call) ? [] : pushProducers(call, []);
        parents[top] = ps;
      }
      if (nexts[top] < ps.length) {
        calls.push(ps[nexts[top]++]);
        parents.push(undefined);
        nexts.push(0);
        continue;
      }
      index.set(call, postOrder.length);
      postOrder.push(call);
      postParents.push(ps);
      calls.pop();
      parents.pop();
      nexts.pop();
    }
  }
  // Depths from the outputs: a call is one deeper than its deepest consumer; a layer as deep as its deepest call.
  const callDepth = new Array<number>(postOrder.length).fill(0);
  const layerDepth = new Map<Callee, number>();
  for (let i = postOrder.length - 1; i >= 0; i--) {
    const call = postOrder[i];
    const depth = Math.max(callDepth[i], layerDepth.get(call.callee) ?? 0);
    layerDepth.set(call.callee, depth);
    callDepth[i] = depth;
    for (const parent of postParents[i]) {
      const j = index.get(parent)!;
      if (depth + 1 > callDepth[j]) callDepth[j] = depth + 1;
    }
  }
  const shared = entries.size !== postOrder.length;
  const order: OrderEntry[] = [];
  for (const entry of entries.values()) {
    entry.depth = layerDepth.get(entry.callee)!;
    order.push(entry);
  }
  for (const call of postOrder) {
    const entry = entries.get(call.callee)!;
    if (call.id < entry.first.id) entry.first = call;
  }
  for (const t of inputs) {
    // Inputs that no output depends on are still layers of the model, at depth 0.
    if (!entries.has(t.call.callee)) {
      const entry = { callee: t.call.callee, visit: -1, depth: 0, first: t.call };
      entries.set(t.call.callee, entry);
      order.push(entry);
    }
  }
  // By decreasing depth, ties in first-visit order (unvisited inputs keep their order: the sort is stable).
  order.sort((a, b) => b.depth - a.depth || a.visit - b.visit);
  return { order: order.map(o => o.first), shared };
}

function modelTotals(model: ModelNode, memo: Memo): { total?: number; trainable?: number } {
  const cached = memo.totals.get(model);
  if (cached) return cached;
  if ((model.kind === 'sequential' && model.uncertain) || (model.kind === 'functional' && !isComplete(model))) {
    // Layers added under an unknown condition or loop, or a graph through operations the analysis does
    // not follow: which layers (and so how many parameters) the model has is not known.
    const unknownTotals = {};
    memo.totals.set(model, unknownTotals);
    return unknownTotals;
  }
  memo.totals.set(model, {}); // guards against a model that contains itself
  let total: number | undefined = 0;
  let trainable: number | undefined = 0;
  for (const call of modelCalls(model, memo)) {
    const row = layerRow(call, memo);
    total = total === undefined || row.params === undefined ? undefined : total + row.params;
    trainable = trainable === undefined || row.trainableParams === undefined ? undefined : trainable + row.trainableParams;
  }
  const exact = (n: number | undefined) => (n !== undefined && Number.isSafeInteger(n) ? n : undefined);
  const out = { total: exact(total), trainable: exact(trainable) };
  memo.totals.set(model, out);
  return out;
}

/**
 * What a session's latest collection produced, for the next one to keep where inference kept everything (the
 * events before `InferenceResult.unchangedBefore`: the same objects with the same annotations, see inferenceSession.ts).
 */
export class CollectionMemo {
  /** Each model's result. */
  models = new Map<ModelNode, ModelInfo>();
  /** The layer uses in event order (before sorting), with their calls' ids: ascending, an event's id is its index + 1. */
  uses: readonly LayerUse[] = [];
  useIds: readonly number[] = [];
  /** The index of the first use that starts before the one ahead of it; Infinity when they are in order. */
  firstUnsorted = Infinity;

  clear(): void {
    this.models = new Map();
    this.uses = [];
    this.useIds = [];
    this.firstUnsorted = Infinity;
  }
}

/** A session's collection: its memo, and how many leading events inference kept unchanged since the memo's. */
export interface CollectionResume {
  readonly memo: CollectionMemo;
  readonly keptBefore: number;
}

/** Models, layer uses and variables from the inferred graph. */
export function collectResults(models: readonly ModelNode[], events: readonly GraphEvent[], bindings: readonly Binding[], resume?: CollectionResume): { models: ModelInfo[]; layerUses: LayerUse[]; variables: VariableInfo[] } {
  const memo = newMemo();
  return { models: collectModels(models, memo, resume), layerUses: collectLayerUses(events, memo, resume), variables: collectVariables(bindings) };
}

function collectModels(models: readonly ModelNode[], memo: Memo, resume: CollectionResume | undefined): ModelInfo[] {
  if (!resume) return models.map(model => modelInfo(model, memo));
  const previous = resume.memo.models;
  const next = new Map<ModelNode, ModelInfo>();
  const out = models.map(model => {
    // A model among the kept events: everything its result reads (its layers' calls, names, builds) was kept too.
    const info = (model.id <= resume.keptBefore ? previous.get(model) : undefined) ?? modelInfo(model, memo);
    next.set(model, info);
    return info;
  });
  resume.memo.models = next;
  return out;
}

function modelInfo(model: ModelNode, memo: Memo): ModelInfo {
  const totals = modelTotals(model, memo);
  return {
    name: model.name ?? '?',
    kind: model.kind,
    range: model.range,
    layers: modelCalls(model, memo).map(c => layerRow(c, memo)),
    complete: model.kind === 'sequential' ? !model.uncertain : isComplete(model),
    inputShapes: modelInputShapes(model),
    outputShapes: modelOutputShapes(model),
    totalParams: totals.total,
    trainableParams: totals.trainable,
    nonTrainableParams: totals.total !== undefined && totals.trainable !== undefined ? totals.total - totals.trainable : undefined,
  };
}

/** How many of the ascending `ids` are at most `bound`. */
function countAtMost(ids: readonly number[], bound: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] <= bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function collectLayerUses(events: readonly GraphEvent[], memo: Memo, resume: CollectionResume | undefined): LayerUse[] {
  let uses: LayerUse[] = [];
  let ids: number[] | undefined;
  let firstUnsorted = Infinity;
  let start = 0;
  if (resume) {
    // The uses of the kept events' calls are the previous collection's, in the same order.
    const previous = resume.memo;
    const kept = countAtMost(previous.useIds, resume.keptBefore);
    uses = previous.uses.slice(0, kept);
    ids = previous.useIds.slice(0, kept);
    if (previous.firstUnsorted < kept) firstUnsorted = previous.firstUnsorted;
    start = resume.keptBefore;
  }
  for (let i = start; i < events.length; i++) {
    const ev = events[i];
    if (ev.kind !== 'call') continue;
    const call = ev.call;
    const row = layerRow(call, memo);
    const callee = call.callee;
    const model = isModelNode(callee);
    const collected = model ? undefined : call.collected as Collected;
    const hintOffset = call.hintAt ?? call.range.end;
    const kept = collected?.use;
    // Written out field by field: an object spread here cost most of this function's time.
    const use: LayerUse = kept && kept.useRange === call.range && kept.classRange === (callee as LayerInstance).classRange && kept.hintOffset === hintOffset ? kept : {
      name: row.name,
      type: row.type,
      writtenAs: row.writtenAs,
      range: row.range,
      inputShapes: row.inputShapes,
      outputs: row.outputs,
      weights: row.weights,
      params: row.params,
      trainableParams: row.trainableParams,
      unknownReason: row.unknownReason,
      useRange: call.range,
      classRange: model ? call.range : callee.classRange,
      hintOffset,
      explanations: call.result?.explanations ?? [],
      notes: call.result?.notes ?? [],
      doc: model ? undefined : callee.spec?.doc,
    };
    const last = uses[uses.length - 1];
    if (firstUnsorted === Infinity && last && (last.useRange.start > use.useRange.start || (last.useRange.start === use.useRange.start && last.useRange.end > use.useRange.end))) firstUnsorted = uses.length;
    uses.push(use);
    ids?.push(call.id);
    if (collected && use !== kept) collected.use = use;
  }
  if (resume) {
    resume.memo.uses = uses;
    resume.memo.useIds = ids!;
    resume.memo.firstUnsorted = firstUnsorted;
  }
  if (firstUnsorted === Infinity) return uses;
  // Sorted on a copy: the memo keeps the event order.
  return (resume ? uses.slice() : uses).sort((a, b) => a.useRange.start - b.useRange.start || a.useRange.end - b.useRange.end);
}

function collectVariables(bindings: readonly Binding[]): VariableInfo[] {
  const out: VariableInfo[] = [];
  for (const b of byStart(bindings)) {
    const v = b.value;
    if (isTensorRef(v)) {
      const outs = v.call.result?.outputs;
      const shapes = outs ? (v.selected ? (outs.length > 1 ? [outs[v.index < 0 ? outs.length + v.index : v.index]] : undefined) : [...outs]) : undefined;
      out.push({ name: b.name, range: b.range, shapes, producer: producerName(v.call), producerRange: v.call.range, kind: b.kind });
    } else if (isTensorTuple(v)) {
      out.push({ name: b.name, range: b.range, shapes: undefined, producer: 'several tensors', kind: b.kind });
    } else if (isModelNode(v)) {
      out.push({ name: b.name, range: b.range, shapes: modelOutputShapes(v), producer: `model '${v.name}'`, producerRange: v.range, kind: b.kind });
    }
  }
  return out;
}

/**
 * Bindings by start offset, as a stable sort orders them. Front ends record them almost in order (a target
 * after its value's bindings), so an insertion sort on a copy is linear here; a list far from sorted is
 * left to the built-in sort.
 */
function byStart(bindings: readonly Binding[]): readonly Binding[] {
  const out = bindings.slice();
  let budget = 4 * out.length + 64;
  for (let i = 1; i < out.length; i++) {
    const b = out[i];
    const start = b.range.start;
    let j = i - 1;
    if (out[j].range.start <= start) continue;
    while (j >= 0 && out[j].range.start > start) {
      out[j + 1] = out[j];
      j--;
      if (--budget < 0) return bindings.slice().sort((x, y) => x.range.start - y.range.start);
    }
    out[j + 1] = b;
  }
  return out;
}

function producerName(call: CallNode): string {
  const callee = call.callee;
  return isModelNode(callee) ? `model '${callee.name}'` : displayName(callee);
}
