// Turns the inferred graph into the plain result data: a summary row per layer, models with the totals
// `model.summary()` prints, one layer use per call site, and variables bound to tensors or models.

import { CallNode, Callee, FunctionalModel, GraphEvent, LayerInstance, ModelNode, callInputTensors, isModelNode, isTensorRef } from '../ir/graph';
import type { Binding } from '../syntax/python/evaluator';
import { isTensorTuple } from '../syntax/python/pyValues';
import { flattenTensors, modelInputShapes, modelOutputShapes } from '../infer/propagate';
import { displayName } from '../infer/buildLayer';
import { productOf } from '../infer/shape';
import type { LayerInfo, LayerUse, ModelInfo, Shape, VariableInfo, WeightInfo } from './types';

function countOf(shape: readonly (number | null | '?')[]): number | undefined {
  const n = productOf(shape);
  return typeof n === 'number' ? n : undefined;
}

function weightsOf(layer: LayerInstance): WeightInfo[] | undefined {
  if (!layer.built) return undefined;
  const frozen = layer.keyword.get('trainable') === false;
  return layer.built.weights.map(w => ({ name: w.name, shape: w.shape, trainable: w.trainable && !frozen, axes: w.axes, count: countOf(w.shape) }));
}

function sumCounts(weights: WeightInfo[] | undefined, filter: (w: WeightInfo) => boolean = () => true): number | undefined {
  if (!weights) return undefined;
  let total = 0;
  for (const w of weights) {
    if (!filter(w)) continue;
    if (w.count === undefined) return undefined;
    total += w.count;
  }
  return total;
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

/** The summary row of a call (memoised: models and layer uses both ask for it). */
function layerRow(call: CallNode, memo: Memo): LayerInfo {
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
  const weights = weightsOf(callee);
  const isInput = !!callee.spec?.isInput;
  return {
    name: callee.name ?? '?',
    type: callee.typeName ?? (isInput ? 'InputLayer' : callee.spec?.className ?? callee.className),
    writtenAs: callee.className,
    range: callee.range,
    inputShapes: result ? (result.inputShapes as (Shape | undefined)[]) : [],
    outputs: result?.outputs as (Shape | undefined)[] | undefined,
    weights,
    params: sumCounts(weights),
    trainableParams: sumCounts(weights, w => w.trainable),
    unknownReason: result?.unknownReason ?? callee.unknownReason,
  };
}

/** The calls that make up a model, one per distinct layer, in the order `model.layers` lists them. */
function modelCalls(model: ModelNode, memo: Memo): CallNode[] {
  let calls = memo.calls.get(model);
  if (!calls) {
    calls = model.kind === 'sequential' ? model.entries.filter(c => isModelNode(c.callee) || !c.callee.spec?.isInput) : functionalOrder(model);
    memo.calls.set(model, calls);
  }
  return calls;
}

function isInputCall(call: CallNode): boolean {
  return !isModelNode(call.callee) && !!call.callee.spec?.isInput;
}

/**
 * Keras' `map_graph` order for a functional model: a depth-first walk from the outputs numbers each layer
 * at its first visit; each call's depth is its distance from the outputs; layers are listed by decreasing
 * depth, ties in first-visit order. Iterative, so deep graphs cannot overflow the stack.
 */
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

function functionalOrder(model: FunctionalModel): CallNode[] {
  const inputs = flattenTensors(model.inputs) ?? [];
  const outputs = flattenTensors(model.outputs) ?? [];
  const inputCalls = new Set(inputs.map(t => t.call));
  const parentsOf = (call: CallNode): CallNode[] => (isInputCall(call) || inputCalls.has(call) ? [] : callInputTensors(call).map(t => t.call));
  const finished = new Set<CallNode>();
  const inProgress = new Set<CallNode>();
  const postOrder: CallNode[] = [];
  const firstVisit = new Map<Callee, number>();
  for (const out of outputs) {
    const stack: { call: CallNode; parents?: CallNode[]; next: number }[] = [{ call: out.call, next: 0 }];
    while (stack.length) {
      const frame = stack[stack.length - 1];
      if (!frame.parents) {
        if (finished.has(frame.call) || inProgress.has(frame.call)) {
          stack.pop();
          continue;
        }
        if (!firstVisit.has(frame.call.callee)) firstVisit.set(frame.call.callee, firstVisit.size);
        inProgress.add(frame.call);
        frame.parents = parentsOf(frame.call);
      }
      if (frame.next < frame.parents.length) {
        stack.push({ call: frame.parents[frame.next++], next: 0 });
        continue;
      }
      inProgress.delete(frame.call);
      finished.add(frame.call);
      postOrder.push(frame.call);
      stack.pop();
    }
  }
  const callDepth = new Map<CallNode, number>();
  const layerDepth = new Map<Callee, number>();
  const firstCall = new Map<Callee, CallNode>();
  for (let i = postOrder.length - 1; i >= 0; i--) {
    const call = postOrder[i];
    const depth = Math.max(callDepth.get(call) ?? 0, layerDepth.get(call.callee) ?? 0);
    layerDepth.set(call.callee, depth);
    callDepth.set(call, depth);
    for (const parent of parentsOf(call)) callDepth.set(parent, Math.max(depth + 1, callDepth.get(parent) ?? 0));
  }
  for (const call of postOrder) {
    const seen = firstCall.get(call.callee);
    if (!seen || call.id < seen.id) firstCall.set(call.callee, call);
  }
  for (const t of inputs) {
    // Inputs that no output depends on are still layers of the model, at depth 0.
    if (!layerDepth.has(t.call.callee)) {
      layerDepth.set(t.call.callee, 0);
      firstVisit.set(t.call.callee, -1);
      firstCall.set(t.call.callee, t.call);
    }
  }
  return [...layerDepth.keys()]
    .sort((a, b) => layerDepth.get(b)! - layerDepth.get(a)! || firstVisit.get(a)! - firstVisit.get(b)!)
    .map(callee => firstCall.get(callee)!);
}

function modelTotals(model: ModelNode, memo: Memo): { total?: number; trainable?: number } {
  const cached = memo.totals.get(model);
  if (cached) return cached;
  if ((model.kind === 'sequential' && model.uncertain) || (model.kind === 'functional' && !functionalComplete(model))) {
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
  const out = { total, trainable };
  memo.totals.set(model, out);
  return out;
}

/** Models, layer uses and variables from the inferred graph. */
export function collectResults(models: readonly ModelNode[], events: readonly GraphEvent[], bindings: readonly Binding[]): { models: ModelInfo[]; layerUses: LayerUse[]; variables: VariableInfo[] } {
  const memo = newMemo();
  return { models: collectModels(models, memo), layerUses: collectLayerUses(events, memo), variables: collectVariables(bindings) };
}

function collectModels(models: readonly ModelNode[], memo: Memo): ModelInfo[] {
  return models.map(model => {
    const totals = modelTotals(model, memo);
    return {
      name: model.name ?? '?',
      kind: model.kind,
      range: model.range,
      layers: modelCalls(model, memo).map(c => layerRow(c, memo)),
      complete: model.kind === 'sequential' ? !model.uncertain : functionalComplete(model),
      inputShapes: modelInputShapes(model),
      outputShapes: modelOutputShapes(model),
      totalParams: totals.total,
      trainableParams: totals.trainable,
      nonTrainableParams: totals.total !== undefined && totals.trainable !== undefined ? totals.total - totals.trainable : undefined,
    };
  });
}

function collectLayerUses(events: readonly GraphEvent[], memo: Memo): LayerUse[] {
  const uses: LayerUse[] = [];
  let sorted = true;
  for (const ev of events) {
    if (ev.kind !== 'call') continue;
    const call = ev.call;
    const row = layerRow(call, memo);
    const callee = call.callee;
    const model = isModelNode(callee);
    // Written out field by field: an object spread here cost most of this function's time.
    const use: LayerUse = {
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
      hintOffset: call.hintAt ?? call.range.end,
      explanations: call.result?.explanations ?? [],
      notes: call.result?.notes ?? [],
      doc: model ? undefined : callee.spec?.doc,
    };
    const last = uses[uses.length - 1];
    if (last && (last.useRange.start > use.useRange.start || (last.useRange.start === use.useRange.start && last.useRange.end > use.useRange.end))) sorted = false;
    uses.push(use);
  }
  return sorted ? uses : uses.sort((a, b) => a.useRange.start - b.useRange.start || a.useRange.end - b.useRange.end);
}

function collectVariables(bindings: readonly Binding[]): VariableInfo[] {
  const out: VariableInfo[] = [];
  for (const b of [...bindings].sort((x, y) => x.range.start - y.range.start)) {
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

function producerName(call: CallNode): string {
  const callee = call.callee;
  return isModelNode(callee) ? `model '${callee.name}'` : displayName(callee);
}
