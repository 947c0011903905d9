// The front-end-neutral model graph: layer instances with their evaluated arguments, calls of layers on
// tensors, Sequential and functional models, recorded as an ordered event log. Front ends (Python, later
// TS/JS) append events; inference replays them in order, as Keras would build the model eagerly.

import type { LayerSpec, BuildResult, Severity } from '../layers/spec';
import type { ArgValue } from './values';
import type { Shape } from '../infer/shape';

/** Half-open range of UTF-16 code-unit offsets into the document text. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** What a front end knows when it creates a layer (the constructor call as written). */
export interface LayerCreation {
  /** The class name as written (`Convolution1D`, `MaxPool2D`, `concatenate`). */
  readonly className: string;
  /** Undefined for layers outside the catalogue (custom layers, applications): their output is unknown. */
  readonly spec: LayerSpec | undefined;
  readonly positional: readonly ArgValue[];
  /** Keyword arguments as written, in any spelling. */
  readonly keyword: ReadonlyMap<string, ArgValue>;
  /** The constructor call, e.g. `layers.Dense(4)`. */
  readonly range: TextRange;
  /** The class-name identifier, e.g. `Dense` in `layers.Dense(4)`. */
  readonly classRange: TextRange;
  /** Why the layer is unknown, when `spec` is undefined. */
  readonly unknownReason?: string;
  /** A `**kwargs` that could not be evaluated: absent arguments read as unknown, not as defaults. */
  readonly opaqueArgs?: boolean;
  /** Created under an unknown condition or in a loop that was not unrolled: it may exist 0..n times. */
  readonly uncertain?: boolean;
  /**
   * Not analysed inside, and may create layers and models of its own (a class defined in the file, a pretrained
   * application): the automatic names counted after it are not known.
   */
  readonly createsLayers?: boolean;
}

export interface LayerInstance extends LayerCreation {
  readonly id: number;
  /** Created in a function the file never calls: its automatic name's number is not known. */
  readonly detached?: boolean;
  /** Why the arguments the front end recorded may not be the ones the layer is made with (see CallNode.stale). */
  stale?: string;
  /** Set by inference. */
  name?: string;
  /** Set by inference: the class name the chosen Keras version reports (`Convolution2D` in Keras 1). */
  typeName?: string;
  /** Set by inference at the first call: the result of building the layer. */
  built?: BuildResult;
  /** The input shapes the layer was built with. */
  builtFor?: readonly Shape[];
  /**
   * The layer's latest shared build (infer/buildLayer.ts), kept across the analyses of a session: a replayed
   * layer built again on equal inputs skips the build cache's key. Not an annotation of one analysis.
   */
  lastBuild?: LastBuild;
}

/** What a layer was last built for and the shared outcome (see `LayerInstance.lastBuild`). */
export interface LastBuild {
  readonly inputs: readonly Shape[];
  readonly callOptions: ReadonlyMap<string, unknown>;
  readonly version: string;
  readonly dataFormat: string;
  readonly outcome: unknown;
}

/** A tensor produced by a call (output `index` of it). */
export interface TensorRef {
  readonly kind: 'tensor';
  readonly call: CallNode;
  /** Output index; negative counts from the end (`outputs[-1]`). */
  readonly index: number;
  /**
   * Picked by subscript or unpacking (`out, h, c = lstm(x)`, `outs[1]`): selects one of several outputs.
   * On a single-output call it would slice the tensor instead, which is not analysed (unknown).
   */
  readonly selected?: boolean;
}

export type Callee = LayerInstance | ModelNode;

/**
 * One undecided branch a front end analysed: every arm of an `if`/`else` or `switch` whose condition is unknown is
 * analysed in turn (`arm` numbers them; two arms of one branch never both run), and a loop with an unknown trip
 * count analyses its body once (`loop`: it may run any number of times, after itself too). `branch` numbers each
 * analysis of a branch statement, so the same `if` analysed again (in a loop, a helper called twice) is another.
 */
export interface ArmStep {
  readonly branch: number;
  readonly arm: number;
  readonly loop: boolean;
}

/** The undecided branches enclosing some code, outermost first. */
export type ArmPath = readonly ArmStep[];

export interface CallNode {
  readonly id: number;
  readonly callee: Callee;
  /** The inputs as written: a tensor, a list of tensors, or something else (reported). */
  readonly inputs: readonly ArgValueOrTensor[];
  /** Whether the inputs were passed as one list argument (`Concatenate()([a, b])`). */
  readonly inputsAsList: boolean;
  readonly callOptions: ReadonlyMap<string, ArgValueOrTensor>;
  /** The whole call expression, e.g. `Dense(4)(x)`; for Sequential entries the list item or `add(...)`. */
  readonly range: TextRange;
  /** Where an inlay hint for this call goes (after `model.add(...)` rather than after its argument). */
  readonly hintAt?: number;
  /** Set for the entries of a Sequential: the model they belong to. */
  readonly sequential?: SequentialModel;
  /**
   * How a Sequential entry was added: `add` (a `model.add` call, which rebuilds the model), `constructor`
   * (an item of `Sequential([...])`), `constructor-last` (its last item, after which the model builds).
   */
  readonly addKind?: 'add' | 'constructor' | 'constructor-last';
  /** For a Sequential entry added under an undecided condition or loop: the arms it was added in, outermost first. */
  arm?: ArmPath;
  /**
   * For a Sequential entry: an entry before it may or may not have run (added under an undecided condition or
   * loop that does not enclose this one), so its input is not known.
   */
  afterUncertain?: boolean;
  /** Why the arguments or inputs the front end recorded for this call may not be the ones it runs with. */
  stale?: string;
  /** Set by inference. */
  result?: CallResult;
  /**
   * The result of the previous analysis of a session, for a call inferred again (infer/writeLog.ts keeps it when
   * it takes back the result): inference hands the same object back when the new result is equal, so that
   * collection can reuse what it built.
   */
  previousResult?: CallResult;
  /** Collection's memo for this call (service/collectResults.ts), valid while what it was built from is. */
  collected?: object;
}

export interface CallResult {
  readonly inputShapes: readonly (Shape | undefined)[];
  /** Undefined when nothing could be inferred. */
  readonly outputs: readonly (Shape | undefined)[] | undefined;
  readonly explanations: readonly string[];
  readonly notes: readonly string[];
  /** Why the output is unknown, when it is. */
  readonly unknownReason?: string;
}

export type ArgValueOrTensor = ArgValue | TensorRef | ModelNode;

export interface SequentialModel {
  readonly kind: 'sequential';
  readonly id: number;
  readonly range: TextRange;
  readonly keyword: ReadonlyMap<string, ArgValue>;
  /** The layers in order, each as the call that applies it to the previous output. */
  readonly entries: CallNode[];
  /** The `keras.Input(...)` tensor listed first, if any. */
  inputTensor?: TensorRef;
  /** Set when an `Input` was added under an undecided condition or loop: which one is the input is not known. */
  inputUncertain?: boolean;
  /** The undecided arms the model was created in (a loop among them makes a new model each time round). */
  readonly createdIn?: ArmPath;
  /**
   * Set when an entry was added under an unknown condition or in a loop that was not unrolled: the
   * model's layer count, output and totals are then not known (its entries still get their own shapes).
   */
  uncertain?: boolean;
  /**
   * Set once the model was handed to code that is not analysed, or put in a value that is not followed (`[model] *
   * n`): that code may add layers at any later time, so the inputs of entries added after it are not known. Says how.
   */
  escaped?: string;
  /** Built in a function the file never calls: its automatic name's number is not known. */
  readonly detached?: boolean;
  name?: string;
}

export interface FunctionalModel {
  readonly kind: 'functional';
  readonly id: number;
  readonly range: TextRange;
  readonly inputs: ArgValueOrTensor;
  readonly outputs: ArgValueOrTensor;
  readonly keyword: ReadonlyMap<string, ArgValue>;
  /** The class as written (`Model`, `Functional`), for messages. */
  readonly className: string;
  /** Built in a function the file never calls: its automatic name's number is not known. */
  readonly detached?: boolean;
  name?: string;
  /** Collection's memo of what depends only on the model's graph (service/collectResults.ts). */
  graphFacts?: object;
}

export type ModelNode = SequentialModel | FunctionalModel;

export function isTensorRef(v: unknown): v is TensorRef {
  return typeof v === 'object' && v !== null && (v as TensorRef).kind === 'tensor';
}

/** Every tensor a call consumes: its inputs and tensors passed by keyword (`initial_state=[h, c]`). */
export function callInputTensors(call: CallNode): TensorRef[] {
  const out: TensorRef[] = [];
  const visit = (v: unknown): void => {
    if (isTensorRef(v)) out.push(v);
    else if (Array.isArray(v)) v.forEach(visit);
  };
  call.inputs.forEach(visit);
  for (const v of call.callOptions.values()) visit(v);
  return out;
}

export function isModelNode(v: unknown): v is ModelNode {
  return typeof v === 'object' && v !== null && ((v as ModelNode).kind === 'sequential' || (v as ModelNode).kind === 'functional');
}

/** The event log a front end writes; inference replays it in order. */
export type GraphEvent =
  | { readonly kind: 'createLayer'; readonly layer: LayerInstance }
  | { readonly kind: 'call'; readonly call: CallNode }
  | { readonly kind: 'createSequential'; readonly model: SequentialModel }
  | { readonly kind: 'createFunctional'; readonly model: FunctionalModel };

/** A diagnostic found by a front end or by inference, positioned by offsets. */
export interface Issue {
  readonly range: TextRange;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly related?: readonly { readonly range: TextRange; readonly message: string }[];
}
