// Front-end-neutral construction of the model graph: front ends call these operations in program order
// (create a layer, call it, add to a Sequential, build a functional Model) and get back plain values.
// It records the event log that inference replays; it computes no shapes itself.

import { ArgValue, DictValue, LayerValue, isDict, isLayerValue, unknown } from './values';
import { NO_ENTRIES } from './callOptions';
import {
  ArgValueOrTensor, ArmPath, CallNode, Callee, FunctionalModel, GraphEvent, Issue, LayerCreation, LayerInstance, SequentialModel,
  TensorRef, TextRange, isModelNode,
} from './graph';

export type { LayerCreation } from './graph';

const NO_ARMS: ArmPath = [];

/** Entries of other arms passed over when looking for what an entry follows; past it, the input is not known. */
const MAX_SKIPPED_ARMS = 256;

/** Values looked through for models that escape (a huge list is not walked whole). */
const MAX_ESCAPE_WALK = 10_000;

/**
 * How an entry added in arms `earlier` relates to one added later in arms `later`, for a model created in arms
 * `created`: `exclusive` when they lie in different arms of one branch and no loop since the model was made
 * encloses that branch (never in the same run; with such a loop, one round can take one arm and the next the
 * other); `before` when the earlier surely ran first in every run of the later (its arms enclose the later's, and
 * no loop lies between); else `maybe`.
 */
function armRelation(earlier: ArmPath, later: ArmPath, created: ArmPath): 'exclusive' | 'before' | 'maybe' {
  const common = Math.min(earlier.length, later.length);
  for (let i = 0; i < common; i++) {
    const a = earlier[i];
    const b = later[i];
    if (a.branch !== b.branch) return 'maybe';
    if (a.arm !== b.arm) return loopSince(later, created, i) ? 'maybe' : 'exclusive';
  }
  if (earlier.length > later.length) return 'maybe';
  for (let i = common; i < later.length; i++) if (later[i].loop) return 'maybe';
  return 'before';
}

/** Whether `path` has a loop among its first `end` steps that the model's creation (in arms `created`) lies outside. */
function loopSince(path: ArmPath, created: ArmPath, end: number): boolean {
  let i = 0;
  while (i < created.length && i < path.length && created[i].branch === path[i].branch && created[i].arm === path[i].arm) i++;
  for (; i < end; i++) if (path[i].loop) return true;
  return false;
}

/** How a language says "call a layer on a tensor": Python `called on … (…)(x)`, TF.js `applied to … (…).apply(x)`. */
export interface CallWording {
  readonly verb: string;
  readonly to: string;
  readonly imperative: string;
  readonly example: string;
}

export class GraphBuilder {
  readonly events: GraphEvent[] = [];
  readonly issues: Issue[] = [];
  /** Calls made while a branch condition or loop bound was unknown: their effect on models is uncertain. */
  readonly uncertainCalls = new Set<CallNode>();
  private nextId = 1;
  /**
   * Set while a front end analyses code that is never called in the file (a builder function): what is
   * created then has no known place in the global order of automatic names.
   */
  detached = false;
  /** The current output tensor of each Sequential, in program order. */
  private readonly sequentialOutput = new Map<SequentialModel, TensorRef | undefined>();
  /** The undecided branches enclosing what is being recorded (see ArmStep). */
  private armPath: ArmPath = NO_ARMS;
  private branches = 0;

  /** A number for a branch statement about to be analysed arm by arm (`inArm`). */
  newBranch(): number {
    return this.branches++;
  }

  /** Records what `run` adds as added in arm `arm` of `branch` (inside the arms already entered). */
  inArm<T>(branch: number, arm: number, loop: boolean, run: () => T): T {
    const outer = this.armPath;
    this.armPath = [...outer, { branch, arm, loop }];
    try {
      return run();
    } finally {
      this.armPath = outer;
    }
  }

  createLayer(c: LayerCreation): LayerInstance {
    // Written out field by field (an object spread costs several times more), the fields inference and sessions
    // set later included: one object shape for every layer, whatever happens to it.
    const layer: LayerInstance = {
      id: this.nextId++,
      className: c.className,
      spec: c.spec,
      positional: c.positional,
      keyword: c.keyword,
      range: c.range,
      classRange: c.classRange,
      unknownReason: c.unknownReason,
      opaqueArgs: c.opaqueArgs,
      uncertain: c.uncertain,
      createsLayers: c.createsLayers,
      detached: this.detached || undefined,
      stale: undefined,
      name: undefined,
      typeName: undefined,
      built: undefined,
      builtFor: undefined,
      lastBuild: undefined,
    };
    this.events.push({ kind: 'createLayer', layer });
    return layer;
  }

  /** `callee(inputs...)`: returns one tensor per output (the count is known only after inference, so index 0..n). */
  call(callee: Callee, inputs: readonly ArgValueOrTensor[], inputsAsList: boolean, callOptions: ReadonlyMap<string, ArgValueOrTensor>, range: TextRange, uncertain: boolean, sequential?: SequentialModel, addKind?: CallNode['addKind'], hintAt?: number): CallNode {
    // With the fields inference and collection set later: one object shape for every call.
    const call: CallNode = { id: this.nextId++, callee, inputs, inputsAsList, callOptions, range, sequential, addKind, hintAt, arm: undefined, afterUncertain: undefined, stale: undefined, result: undefined, previousResult: undefined, collected: undefined };
    if (uncertain) this.uncertainCalls.add(call);
    this.events.push({ kind: 'call', call });
    return call;
  }

  /**
   * `layer(x)` / `layer.apply(x)` on one input or a list of them, given as front-end values: a layer object
   * among them is reported (it should have been called on its own input first); `toInput` converts each.
   */
  applyLayer<V>(layer: LayerInstance, input: V, toInput: (v: V) => ArgValueOrTensor, callOptions: ReadonlyMap<string, ArgValueOrTensor>, range: TextRange, uncertain: boolean, wording: CallWording): TensorRef {
    const asList = Array.isArray(input);
    const items = (asList ? input : [input]) as readonly V[];
    for (const item of items) {
      if (isLayerValue(item as ArgValue)) this.reportCalledOnLayer(layer, (item as LayerValue).layer, range, wording);
    }
    const call = this.call(layer, items.map(toInput), asList, callOptions, range, uncertain);
    return { kind: 'tensor', call, index: 0 };
  }

  createSequential(range: TextRange, keyword: ReadonlyMap<string, ArgValue>): SequentialModel {
    const model: SequentialModel = { kind: 'sequential', id: this.nextId++, range, keyword, entries: [], ...(this.detached ? { detached: true } : {}), ...(this.armPath !== NO_ARMS ? { createdIn: this.armPath } : {}) };
    this.sequentialOutput.set(model, undefined);
    this.events.push({ kind: 'createSequential', model });
    return model;
  }

  /** `model.add(item)` or a list item of `Sequential([...])`: calls the item on the model's current output. */
  sequentialAdd(model: SequentialModel, item: LayerInstance | TensorRef | SequentialModel | FunctionalModel, range: TextRange, uncertain: boolean, addKind: NonNullable<CallNode['addKind']> = 'add', hintAt?: number): void {
    if ((item as TensorRef).kind === 'tensor') {
      // `Sequential([keras.Input(shape=...), ...])`: the tensor becomes the model's input.
      model.inputTensor = item as TensorRef;
      // Added in arms the model was not created in: one run may add it, another not, or add another.
      if (this.armPath !== (model.createdIn ?? NO_ARMS)) model.inputUncertain = true;
      this.sequentialOutput.set(model, item as TensorRef);
      return;
    }
    // Added in arms the model was not made in: whether the model has this layer is not known.
    if (uncertain && this.armPath !== (model.createdIn ?? NO_ARMS)) model.uncertain = true;
    if (this.detached && !model.detached) {
      // A function the file never calls adds to a model made outside it: that may happen at any time, or never.
      model.escaped ??= 'a function the file never calls adds layers to the model, which may happen at any time or never';
      model.uncertain = true;
      const call = this.call(item as Callee, [], false, NO_ENTRIES, range, true, model, addKind, hintAt);
      call.afterUncertain = true;
      return;
    }
    // Recorded in any arm, an uncertain one or a `try` body (whose values are kept, but which may stop early).
    const arm = this.armPath.length > 0 ? this.armPath : undefined;
    const { previous, afterUncertain } = this.predecessor(model, arm);
    const call = this.call(item as Callee, previous ? [previous] : [], false, NO_ENTRIES, range, uncertain, model, addKind, hintAt);
    call.arm = arm;
    if (afterUncertain) call.afterUncertain = true;
    model.entries.push(call);
    this.sequentialOutput.set(model, { kind: 'tensor', call, index: 0 });
  }

  /**
   * What an entry added in `arm` follows in every run where it is added: the latest earlier entry that can run with
   * it (entries of other arms of the same branch never do). When that one surely ran first — added outside every arm
   * it is in, or in the same arms, and no loop lies between them — the entry follows it; otherwise the previous
   * entry may or may not have run (`afterUncertain`). With no such entry, the model's input.
   */
  private predecessor(model: SequentialModel, arm: ArmPath | undefined): { previous: TensorRef | undefined; afterUncertain: boolean } {
    const path = arm ?? NO_ARMS;
    const created = model.createdIn ?? NO_ARMS;
    for (let k = model.entries.length - 1, skipped = 0; k >= 0; k--) {
      const entry = model.entries[k];
      const relation = armRelation(entry.arm ?? NO_ARMS, path, created);
      // Entries of other arms are passed over, up to a bound (a chain of thousands of elifs stays linear).
      if (relation === 'exclusive' && ++skipped <= MAX_SKIPPED_ARMS) continue;
      return { previous: { kind: 'tensor', call: entry, index: 0 }, afterUncertain: relation !== 'before' || !!model.escaped };
    }
    // No entry runs before it: the model's input — unless a loop since the model was made may have added entries
    // before it in an earlier round (this one, or one of another arm), or the input itself was added under a condition.
    return { previous: model.inputTensor, afterUncertain: loopSince(path, created, path.length) || !!model.inputUncertain || !!model.escaped };
  }

  /**
   * The Sequential models reachable from `values` (through lists, tuples and dicts) escape, as `how` says: code that
   * is not analysed may change them from now on (see `SequentialModel.escaped`); `mutated` is told of each.
   */
  escape(values: readonly unknown[], how: string, mutated: (model: SequentialModel) => void): void {
    const stack: unknown[] = [...values];
    const seen = new Set<object>();
    while (stack.length > 0 && seen.size < MAX_ESCAPE_WALK) {
      const v = stack.pop();
      if (typeof v !== 'object' || v === null || seen.has(v)) continue;
      seen.add(v);
      if (isModelNode(v as ArgValueOrTensor)) {
        const model = v as SequentialModel | FunctionalModel;
        if (model.kind === 'sequential' && !model.escaped) {
          model.escaped = how;
          model.uncertain = true;
          mutated(model);
        }
      } else if (Array.isArray(v)) stack.push(...v);
      else if (isDict(v as ArgValue)) stack.push(...(v as DictValue).entries.values());
    }
  }

  /**
   * A call of user code the front end did not run (recursion, a bound on the work): what it does is not known. A
   * Sequential passed to it may get layers (an unknown entry, added as under an unknown condition), a list passed
   * to it items, and the layers it may create make every automatic number after it unknown. `mutated` hears of each
   * Sequential and list it may have changed (`isList` for lists).
   */
  unanalysedCall(args: readonly unknown[], range: TextRange, reason: string, mutated: (target: object, isList: boolean) => void): void {
    const placeholder = () => this.createLayer({ uncertain: true, className: '?', spec: undefined, positional: [], keyword: new Map([['name', unknown()]]), range, classRange: range, unknownReason: reason, createsLayers: true });
    let added = false;
    for (const a of args) {
      if (isModelNode(a) && a.kind === 'sequential') {
        // Any number of layers, as a loop may add them.
        this.inArm(this.newBranch(), 0, true, () => this.sequentialAdd(a, placeholder(), range, true));
        mutated(a, false);
        added = true;
      } else if (Array.isArray(a)) mutated(a, true);
    }
    if (!added) placeholder();
  }

  /** The tensor a Sequential currently ends in (`model.output`). */
  sequentialOutputOf(model: SequentialModel): TensorRef | undefined {
    return this.sequentialOutput.get(model);
  }

  createFunctional(range: TextRange, inputs: ArgValueOrTensor, outputs: ArgValueOrTensor, keyword: ReadonlyMap<string, ArgValue>, className: string): FunctionalModel {
    const model: FunctionalModel = { kind: 'functional', id: this.nextId++, range, inputs, outputs, keyword, className, ...(this.detached ? { detached: true } : {}) };
    this.events.push({ kind: 'createFunctional', model });
    return model;
  }

  /**
   * `layer` was called on the layer object `inner` instead of a tensor (the seed's `out = Embedding(...)` then
   * `Conv1D(...)(out)`), worded for the language.
   */
  reportCalledOnLayer(layer: LayerInstance, inner: LayerInstance, range: TextRange, w: CallWording): void {
    this.report({
      range,
      severity: 'error',
      code: 'called-on-layer',
      message: `${layer.className} is ${w.verb} ${w.to} the layer object ${inner.className}(…), not ${w.to} a tensor. ${w.imperative} that layer ${w.to} its input first, e.g. \`${inner.className}${w.example}\`, and pass the result.`,
      related: [{ range: inner.range, message: `${inner.className}(…) is created here but never ${w.verb} ${w.to} a tensor` }],
    });
  }

  report(issue: Issue): void {
    this.issues.push(issue);
  }

  /** How far the logs have grown: a front end slices what one statement added (see `replay`). */
  mark(): { readonly events: number; readonly issues: number } {
    return { events: this.events.length, issues: this.issues.length };
  }

  /** The Sequential outputs as they stand for the models created by `events`. */
  sequentialOutputsOf(events: readonly GraphEvent[]): [SequentialModel, TensorRef | undefined][] {
    const out: [SequentialModel, TensorRef | undefined][] = [];
    for (const e of events) if (e.kind === 'createSequential') out.push([e.model, this.sequentialOutput.get(e.model)]);
    return out;
  }

  /**
   * Appends what one statement recorded in an earlier analysis, as if it ran again: the same objects, numbered
   * afresh in order (an event's id is its index + 1). What inference wrote on them stays: the session's
   * inference takes back its writes from the first event it infers again (infer/inferenceSession.ts).
   */
  replay(events: readonly GraphEvent[], issues: readonly Issue[], uncertainCalls: readonly CallNode[], sequentialOutputs: readonly (readonly [SequentialModel, TensorRef | undefined])[]): void {
    for (const e of events) {
      switch (e.kind) {
        case 'createLayer':
          (e.layer as { id: number }).id = this.nextId++;
          break;
        case 'call':
          (e.call as { id: number }).id = this.nextId++;
          break;
        case 'createSequential':
        case 'createFunctional':
          (e.model as { id: number }).id = this.nextId++;
          break;
      }
      this.events.push(e);
    }
    for (const issue of issues) this.issues.push(issue);
    for (const call of uncertainCalls) this.uncertainCalls.add(call);
    for (const [model, output] of sequentialOutputs) this.sequentialOutput.set(model, output);
  }
}
