// Shape inference over the graph: replays the front end's event log in program order, as Keras builds a
// model eagerly — names layers, builds each layer at its first call, computes every call's output shapes,
// checks Sequential and functional models, and reports provable mismatches. Unknown flows on silently.
// A session keeps its Propagator and resumes it after the events that did not change (inferenceSession.ts).

import {
  CallNode, FunctionalModel, GraphEvent, Issue, LayerInstance, ModelNode, SequentialModel, TensorRef, TextRange,
  isModelNode, isTensorRef,
} from '../ir/graph';
import { ArgValue, isLayerValue, isUnknown, Unknown } from '../ir/values';
import { BuildOptions, buildLayer, displayName, sameShapeList } from './buildLayer';
import { declaredInputShape, declaresInput } from './declaredInput';
import { NameAllocator } from './naming';
import { pushProducers } from './graphWalk';
import { Shape, formatShape, formatOutputs } from './shape';
import { directWrites, SequentialState, Writes } from './writeLog';

export interface InferenceResult {
  readonly issues: Issue[];
  readonly models: ModelNode[];
  /**
   * The events before this index, and everything inference wrote on their objects (a layer's build included),
   * are as the previous inference of a session left them (inferenceSession.ts); 0 for a whole pass.
   */
  readonly unchangedBefore: number;
}

export function inferShapes(events: readonly GraphEvent[], uncertainCalls: ReadonlySet<CallNode>, options: BuildOptions): InferenceResult {
  const propagator = new Propagator(uncertainCalls, options, directWrites);
  propagator.runFrom(events, 0);
  return { issues: propagator.issues, models: propagator.models, unchangedBefore: 0 };
}

/**
 * Replays events in order. An event's annotations on its own object (a layer's names, a call's result, a model's
 * name) are set directly; what outlives the event — a layer's build, the name counters, Sequential states — goes
 * through `writes`; what it reports and the models it meets are appended to `issues` and `models` (a session
 * takes back all of these to resume at an earlier event, see inferenceSession.ts).
 */
export class Propagator {
  readonly issues: Issue[] = [];
  readonly models: ModelNode[] = [];
  private readonly names: NameAllocator;

  constructor(public uncertain: ReadonlySet<CallNode>, readonly options: BuildOptions, private readonly writes: Writes) {
    this.names = new NameAllocator(options.version, writes);
  }

  /** Processes `events` from index `start` on; `before(i)`, when given, is called ahead of event i. */
  runFrom(events: readonly GraphEvent[], start: number, before?: (index: number) => void): void {
    for (let i = start; i < events.length; i++) {
      before?.(i);
      const ev = events[i];
      switch (ev.kind) {
        case 'createLayer':
          this.nameLayer(ev.layer);
          break;
        case 'call':
          this.computeCall(ev.call);
          if (ev.call.sequential) this.afterSequentialAdd(ev.call, ev.call.sequential);
          break;
        case 'createSequential':
          if (ev.model.detached) this.names.markUncertain({ kind: 'sequential' });
          ev.model.name = givenName(ev.model.keyword.get('name'), this.options.version) ?? this.names.next({ kind: 'sequential' });
          this.models.push(ev.model);
          break;
        case 'createFunctional':
          if (ev.model.detached) this.names.markUncertain({ kind: 'functional' });
          ev.model.name = givenName(ev.model.keyword.get('name'), this.options.version) ?? this.names.next({ kind: 'functional' });
          this.checkFunctional(ev.model);
          this.models.push(ev.model);
          break;
      }
    }
  }

  /** Per Sequential: entries seen so far, whether it has an input layer, and whether Keras added one. */
  private readonly sequentialState = new Map<SequentialModel, SequentialState>();

  private stateOf(model: SequentialModel): SequentialState {
    let state = this.sequentialState.get(model);
    if (!state) {
      state = { count: 0, hasInput: !!model.inputTensor, autoInput: false };
      this.writes.mapSet(this.sequentialState, model, state);
    }
    return state;
  }

  /**
   * Keras 3 side effects of `Sequential.add` on automatic names: a first layer with `input_shape=` makes
   * Keras add an unnamed `InputLayer` (taking an `input_layer` name), and every build of a Sequential that
   * has an input creates an internal Functional (taking a `functional` name). Keras builds after each
   * `add()` and once at the end of the constructor's list, when its layer list (the InputLayer included)
   * has more than one entry.
   */
  private afterSequentialAdd(call: CallNode, model: SequentialModel): void {
    const state = this.stateOf(model);
    this.writes.setState(state, state.count + 1, state.hasInput, state.autoInput);
    if (this.options.version !== '3') return;
    const layers = state.count + (model.inputTensor ? 1 : 0) + (state.autoInput ? 1 : 0);
    if ((call.addKind === 'add' || call.addKind === 'constructor-last') && state.hasInput && layers > 1) {
      this.names.next({ kind: 'functional' });
      // An add that may run 0..n times builds the model as many times: later numbers are unknown.
      if (this.uncertain.has(call)) this.names.markUncertain({ kind: 'functional' });
    }
  }

  /** Marks the model as having an input layer: an `InputLayer` entry, or one Keras adds for `input_shape`. */
  private noteSequentialInput(model: SequentialModel, declared: boolean): void {
    const state = this.stateOf(model);
    this.writes.setState(state, state.count, true, state.autoInput || declared);
    if (declared) {
      if (this.options.version === '3') this.names.next({ kind: 'layer', className: 'InputLayer', isInput: true });
    }
  }

  private nameLayer(layer: LayerInstance): void {
    const spec = layer.spec;
    const merge = layer.className === 'Merge';
    // Keras 1 had its own class names (Convolution2D, AtrousConvolution1D, …): a Keras 1-only spelling as
    // written is the class itself, else the spec's Keras 1 name.
    const keras1Class = merge ? 'Merge' : spec?.keras1OnlyNames?.includes(layer.className) ? layer.className : spec?.keras1ClassName;
    layer.typeName = spec?.isInput ? 'InputLayer' : merge ? 'Merge' : this.options.version === '1' ? keras1Class ?? spec?.className : spec?.className;
    const explicit = givenName(layer.keyword.get('name'), this.options.version);
    if (explicit) {
      layer.name = explicit;
      this.afterUnanalysedCode(layer);
      return;
    }
    const isInput = !!spec?.isInput;
    const className = merge ? 'Merge' : spec?.className ?? layer.className;
    const what = { kind: 'layer' as const, className, keras1ClassName: keras1Class, isInput };
    // Built in a function the file never calls: where it would fall in the counting is not known.
    if (layer.detached) this.names.markUncertain(what);
    layer.name = this.names.next(what);
    // A layer that may be created 0..n times (in a loop that was not unrolled): later numbers are unknown.
    if (layer.uncertain) this.names.markUncertain(what);
    this.afterUnanalysedCode(layer);
  }

  /**
   * Code not analysed (a custom class's `__init__` and `build`, an application) may create layers and models once
   * the instance has its name: every automatic number after it is unknown.
   */
  private afterUnanalysedCode(layer: LayerInstance): void {
    if (layer.createsLayers) this.names.markAllUncertain();
  }

  private report(range: TextRange, severity: Issue['severity'], code: string, message: string, related?: Issue['related']): void {
    this.issues.push({ range, severity, code, message, related });
  }

  /** The shape a tensor reference denotes, or undefined when it is not known. */
  private shapeOf(ref: TensorRef, consumer: CallNode): Shape | undefined {
    const producer = ref.call;
    const outputs = producer.result?.outputs;
    if (!outputs) return undefined;
    // A Sequential entry after one that may or may not have run (added under an unknown condition or loop that does
    // not enclose this entry) does not know its input (the builder found which entry it follows: GraphBuilder.predecessor).
    if (consumer.afterUncertain) return undefined;
    if (ref.selected) {
      if (outputs.length === 1) return undefined; // slicing a tensor: not analysed
      const i = ref.index < 0 ? outputs.length + ref.index : ref.index;
      return outputs[i];
    }
    return outputs.length === 1 ? outputs[0] : undefined;
  }

  private relatedFor(call: CallNode): Issue['related'] {
    const out: { range: TextRange; message: string }[] = [];
    for (const input of call.inputs) {
      if (!isTensorRef(input)) continue;
      const res = input.call.result;
      const name = isModelNode(input.call.callee) ? input.call.callee.name ?? 'model' : displayName(input.call.callee);
      out.push({ range: input.call.range, message: `${name} produces ${formatOutputs(res?.outputs)}` });
    }
    return out.length ? out : undefined;
  }

  private setUnknown(call: CallNode, reason: string, inputShapes: readonly (Shape | undefined)[] = []): void {
    setResult(call, inputShapes, undefined, NONE, NONE, reason);
  }

  private computeCall(call: CallNode): void {
    const callee = call.callee;
    const stale = call.stale ?? (isModelNode(callee) ? undefined : callee.stale);
    if (stale) {
      this.setUnknown(call, stale);
      return;
    }
    if (isModelNode(callee)) {
      this.computeModelCall(call, callee);
      return;
    }
    const layer = callee;
    const spec = layer.spec;
    if (!spec) {
      this.setUnknown(call, layer.unknownReason ?? `${layer.className} is not in the layer catalogue`);
      return;
    }
    if (spec.isInput) {
      if (call.sequential && call.sequential.entries[0] === call) this.noteSequentialInput(call.sequential, false);
      this.buildAndRecord(call, layer, []);
      return;
    }
    // Gather the input shapes.
    let inputs: (Shape | undefined)[];
    if (call.sequential && call.inputs.length === 0) {
      if (call.afterUncertain) {
        // An earlier round of a loop, or an arm that may not have run, may have put a layer before it.
        this.setUnknown(call, afterUncertainReason(call));
        return;
      }
      const declared = declaredInputShape(layer, this.options.version);
      if (declared !== undefined) this.noteSequentialInput(call.sequential, true);
      if (declared === undefined) {
        this.setUnknown(call, `the model has no input shape yet: give the first layer \`input_shape=…\` or start the model with \`keras.Input(shape=…)\``);
        return;
      }
      if (declared === 'unknown') {
        this.setUnknown(call, 'the declared input shape is not a constant');
        return;
      }
      this.buildAndRecord(call, layer, [declared], true);
      return;
    } else {
      inputs = [];
      for (const input of call.inputs) {
        if (isTensorRef(input)) {
          const producerOutputs = input.call.result?.outputs;
          if (!input.selected && producerOutputs && producerOutputs.length > 1 && !call.afterUncertain) {
            inputs.push(...producerOutputs); // a layer with several outputs passed on whole
          } else inputs.push(this.shapeOf(input, call));
        } else if (isLayerValue(input as never)) {
          this.setUnknown(call, 'called on a layer object instead of a tensor');
          return;
        } else inputs.push(undefined);
      }
    }
    if (inputs.length === 0 || inputs.some(s => s === undefined)) {
      // A value the front end could not follow says why (`x` changes from one round of a loop to the next).
      const why = call.inputs.map(i => (!isTensorRef(i) && isUnknown(i as ArgValue) ? (i as Unknown).reason : undefined)).find(r => r !== undefined);
      this.setUnknown(call, call.afterUncertain ? afterUncertainReason(call) : why ? `its input is not known: ${why}` : 'its input shape is not known', inputs);
      return;
    }
    const shapes = inputs as Shape[];
    if (call.sequential && declaresInput(layer)) this.checkIgnoredInputShape(call, layer, shapes[0]);
    if (spec.inputKind === 'list' && !call.inputsAsList && shapes.length < 2) {
      this.report(call.range, 'error', 'merge-arity', `${displayName(layer)} must be called on a list of tensors, e.g. \`${layer.className}()([a, b])\`; it was given a single tensor ${formatShape(shapes[0])}.`);
      this.setUnknown(call, 'called on a single tensor', shapes);
      return;
    }
    if ((spec.inputKind ?? 'single') === 'single' && shapes.length > 1) {
      this.report(call.range, 'error', 'input-count', `${displayName(layer)} takes one input tensor but was given ${shapes.length}: ${shapes.map(formatShape).join(', ')}.`);
      this.setUnknown(call, 'called on several tensors', shapes);
      return;
    }
    this.buildAndRecord(call, layer, shapes);
  }

  /**
   * An input shape argument on a later layer of a Sequential is ignored (its input is the previous layer's output):
   * worth a warning only when it says something else than that output.
   */
  private checkIgnoredInputShape(call: CallNode, layer: LayerInstance, actual: Shape): void {
    const declared = declaredInputShape(layer, this.options.version);
    if (declared === undefined || declared === 'unknown') return;
    if (sameDims(declared, actual)) return;
    this.report(call.range, 'warning', 'input-shape-ignored', `${displayName(layer)} is not the first layer of the Sequential model, so its input shape argument ${formatShape(declared)} is ignored: its input is the previous layer's output ${formatShape(actual)}.`);
  }

  private buildAndRecord(call: CallNode, layer: LayerInstance, shapes: Shape[], declared = false): void {
    const outcome = buildLayer(layer, shapes, this.options, call.callOptions as ReadonlyMap<string, unknown>);
    const related = outcome.issues.length && outcome.issues.some(i => i.severity === 'error') ? this.relatedFor(call) : undefined;
    for (const i of outcome.issues) {
      const message = i.code === 'input-rank' ? i.message + this.batchAxisHint(call, shapes[0], declared) : i.message;
      this.report(call.range, i.severity, i.code, message, i.severity === 'error' ? related : undefined);
    }
    if (outcome.result && layer.built && layer.builtFor) {
      const before = layer.built.weights.map(w => formatShape(w.shape)).join();
      const now = outcome.result.weights.map(w => formatShape(w.shape)).join();
      if (before !== now) {
        this.report(call.range, 'error', 'incompatible-reuse', `${displayName(layer)} was built for input ${layer.builtFor.map(formatShape).join(', ')} at its first call and cannot be called on ${shapes.map(formatShape).join(', ')}: a shared layer keeps its weights, so every input must have the same size on the weighted axes.`, [{ range: layer.range, message: `${displayName(layer)} is created here` }]);
        this.setUnknown(call, 'incompatible with the weights built at the first call', shapes);
        return;
      }
    } else if (outcome.result && !layer.built) {
      this.writes.setBuilt(layer, outcome.result, shapes);
    }
    const outputs = outcome.result && outcome.result.outputs.some(o => o !== undefined) ? outcome.result.outputs : undefined;
    setResult(call, shapes, outputs, outcome.explanations, outcome.notes,
      outputs ? undefined : !outcome.result && outcome.issues.length ? 'building it raises the error reported on it' : outcome.notes[0] ?? 'its output shape cannot be inferred statically');
  }

  /**
   * When a rank error's input comes straight from a declared shape (`input_shape=` or `Input(shape=)`) that
   * is one axis too long, the likely cause is a batch axis written into it.
   */
  private batchAxisHint(call: CallNode, shape: Shape | undefined, declared: boolean): string {
    const layer = call.callee;
    if (!shape || isModelNode(layer) || !layer.spec) return '';
    const input = call.inputs[0];
    const fromInput = isTensorRef(input) && !isModelNode(input.call.callee) && !!input.call.callee.spec?.isInput;
    if (!declared && !fromInput) return '';
    const rule = typeof layer.spec.rank === 'function' ? undefined : layer.spec.rank;
    const expected = rule?.exact ?? rule?.min;
    if (expected === undefined || shape.length !== expected + 1) return '';
    const written = shape.slice(1);
    const argName = declared ? 'input_shape' : 'shape';
    return ` The ${argName} ${formatShape(written)} seems to include the batch axis; ${argName} excludes it, so write ${argName}=${formatShape(written.slice(1))}.`;
  }

  /** A model used as a layer: its output for the given input, checked against the input it was built for. */
  private computeModelCall(call: CallNode, model: ModelNode): void {
    const input = call.inputs[0];
    const shape = isTensorRef(input) ? this.shapeOf(input, call) : undefined;
    const expected = modelInputShapes(model);
    const outputs = modelOutputShapes(model);
    if (!shape || !expected || expected.length !== 1 || !outputs) {
      this.setUnknown(call, 'the model\'s input or output shape is not known', shape ? [shape] : []);
      return;
    }
    const want = expected[0];
    if (want && !sameDims(want, shape)) {
      if (this.options.version === 'tfjs') {
        // TF.js does not check a model's input: it runs the model's layers again on the new shape.
        this.setUnknown(call, 'TF.js runs the model\'s layers again on an input other than the one it was built for, which is not analysed', [shape]);
        return;
      }
      // tf.keras and Keras 3 squeeze or add a last axis of size 1 to fit the model's input
      // (Functional._adjust_input_rank); Keras 1 and 2 do not.
      const last = (s: Shape) => s[s.length - 1];
      const adjusts = this.options.version === '3' || this.options.version === 'tf.keras';
      const squeezes = adjusts && ((shape.length === want.length + 1 && last(shape) === 1 && sameDims(want, shape.slice(0, -1)))
        || (shape.length === want.length - 1 && last(want) === 1 && sameDims(want.slice(0, -1), shape)));
      if (squeezes) {
        call.result = {
          inputShapes: [shape],
          outputs: outputs.map(o => (o ? [shape[0], ...o.slice(1)] : undefined)),
          explanations: [`Keras ${shape.length > want.length ? 'squeezes' : 'adds'} the last axis of size 1 to fit the model's input ${formatShape(want)}.`],
          notes: [`Model '${model.name}' used as a layer.`],
        };
        return;
      }
      this.report(call.range, 'error', 'incompatible-input', `Model '${model.name}' expects input ${formatShape(want)} but is called on ${formatShape(shape)}.`, this.relatedFor(call));
      this.setUnknown(call, 'incompatible input', [shape]);
      return;
    }
    call.result = {
      inputShapes: [shape],
      outputs: outputs.map(o => (o ? [shape[0], ...o.slice(1)] : undefined)),
      explanations: [],
      notes: [`Model '${model.name}' used as a layer.`],
    };
  }

  private checkFunctional(model: FunctionalModel): void {
    const inputs = flattenTensors(model.inputs);
    const outputs = flattenTensors(model.outputs);
    if (!inputs || !outputs || inputs.length === 0 || outputs.length === 0) return;
    const inputCalls = new Set(inputs.map(t => t.call));
    for (const out of outputs) {
      const { reachesInput, strayInputs, opaque } = traceBack(out.call, inputCalls);
      if (opaque) continue;
      if (!reachesInput) {
        this.report(model.range, 'error', 'outputs-not-connected', `The outputs of model '${model.name}' do not depend on its inputs: ${describeCall(out.call)} is not computed from ${inputs.map(t => describeCall(t.call)).join(', ')}.`, [{ range: out.call.range, message: 'this output' }]);
      } else if (strayInputs.length > 0) {
        const stray = strayInputs[0];
        this.report(model.range, 'error', 'graph-disconnected', `Graph disconnected: model '${model.name}' needs ${describeCall(stray)} to compute its outputs, but it is not among the model's inputs.`, [{ range: stray.range, message: 'this input is missing from `inputs`' }]);
      }
    }
  }
}

/** The empty explanation and note list every unknown call shares (frozen: never appended to). */
const NONE: readonly string[] = Object.freeze([]);

/**
 * Sets a call's result: the previous analysis' result object when it is equal (a replayed call whose inputs
 * did not change), so that what collection built from it stays valid; else a new one.
 */
/** Why an entry of a Sequential does not know what comes before it. */
function afterUncertainReason(call: CallNode): string {
  const escaped = call.sequential?.escaped;
  return escaped ? `the layers before it in the Sequential are not known: ${escaped}` : 'the layers before it in the Sequential were added under a condition or loop the analysis cannot decide';
}

function setResult(call: CallNode, inputShapes: readonly (Shape | undefined)[], outputs: readonly (Shape | undefined)[] | undefined, explanations: readonly string[], notes: readonly string[], unknownReason: string | undefined): void {
  const previous = call.previousResult;
  if (previous && previous.outputs === outputs && previous.explanations === explanations && previous.notes === notes
    && previous.unknownReason === unknownReason && sameShapeList(previous.inputShapes, inputShapes)) {
    call.result = previous;
    return;
  }
  call.result = { inputShapes, outputs, explanations, notes, unknownReason };
}

/**
 * The name a `name=` argument gives: the string, '?' when it was given but not evaluated (an f-string over
 * unknown values, a parameter) — Keras then takes no automatic number —, undefined when absent or None.
 */
function givenName(v: unknown, version: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  // An empty name is no name (tf.keras, Keras 1 and 2, TF.js name it automatically); Keras 3 keeps it as ''.
  if (v === '') return version === '3' ? '?' : undefined;
  return typeof v === 'string' ? v : '?';
}

/** Same rank and no two known sizes that differ, the batch axis aside. */
function sameDims(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => i === 0 || typeof d !== 'number' || typeof b[i] !== 'number' || d === b[i]);
}

function describeCall(call: CallNode): string {
  const callee = call.callee;
  return isModelNode(callee) ? `model '${callee.name}'` : `'${callee.name ?? callee.className}'`;
}

/** The tensors of a `Model(inputs=…)` argument, or undefined when any item is not a tensor. */
export function flattenTensors(v: unknown): TensorRef[] | undefined {
  if (isTensorRef(v)) return [v];
  if (Array.isArray(v)) {
    const out: TensorRef[] = [];
    for (const item of v) {
      const inner = flattenTensors(item);
      if (!inner) return undefined;
      out.push(...inner);
    }
    return out;
  }
  if (typeof v === 'object' && v !== null && (v as { kind?: string }).kind === 'dict') {
    return flattenTensors([...(v as { entries: Map<string, unknown> }).entries.values()]);
  }
  return undefined;
}

/** Walks from a call back towards the inputs (iteratively). */
function traceBack(start: CallNode, inputCalls: ReadonlySet<CallNode>): { reachesInput: boolean; strayInputs: CallNode[]; opaque: boolean } {
  const seen = new Set<CallNode>();
  const stack = [start];
  let reachesInput = false;
  let opaque = false;
  const strayInputs: CallNode[] = [];
  while (stack.length) {
    const call = stack.pop()!;
    if (seen.has(call)) continue;
    seen.add(call);
    if (inputCalls.has(call)) {
      reachesInput = true;
      continue;
    }
    const callee = call.callee;
    if (!isModelNode(callee) && callee.spec?.isInput) {
      strayInputs.push(call);
      continue;
    }
    if (call.inputs.length === 0 && !call.sequential) opaque = true;
    for (const input of call.inputs) if (!isTensorRef(input) && !Array.isArray(input)) opaque = true;
    pushProducers(call, stack);
    if (call.sequential && call.inputs.length === 0) opaque = true;
  }
  return { reachesInput, strayInputs, opaque };
}

/** The input shapes a model was built for, when known. */
export function modelInputShapes(model: ModelNode): (Shape | undefined)[] | undefined {
  if (model.kind === 'sequential') {
    if (model.inputTensor) return [model.inputTensor.call.result?.outputs?.[0]];
    const first = model.entries[0];
    if (!first?.result) return undefined;
    // An InputLayer entry has no input of its own: the model's input is what it produces.
    const isInput = !isModelNode(first.callee) && !!first.callee.spec?.isInput;
    return [isInput ? first.result.outputs?.[0] : first.result.inputShapes[0]];
  }
  const inputs = flattenTensors(model.inputs);
  return inputs?.map(t => t.call.result?.outputs?.[0]);
}

/** The output shapes of a model, when known. */
export function modelOutputShapes(model: ModelNode): (Shape | undefined)[] | undefined {
  if (model.kind === 'sequential') {
    if (model.uncertain) return undefined;
    const last = model.entries[model.entries.length - 1];
    return last?.result?.outputs ? [...last.result.outputs] : undefined;
  }
  const outputs = flattenTensors(model.outputs);
  if (!outputs) return undefined;
  return outputs.map(t => {
    const outs = t.call.result?.outputs;
    if (!outs) return undefined;
    if (t.selected) return outs.length > 1 ? outs[t.index < 0 ? outs.length + t.index : t.index] : undefined;
    return outs[0];
  });
}

export type { SequentialModel };
