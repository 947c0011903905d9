// The plain data the analysis returns: models, layer uses (one per call site, for hints and hovers),
// variables, and issues, all positioned by UTF-16 offsets. No LSP types, no syntax trees.

import type { Issue, TextRange } from '../ir/graph';
import type { KerasVersion } from '../ir/kerasVersion';
import type { Dim, Shape } from '../infer/shape';

export type { Issue, TextRange, KerasVersion, Dim, Shape };

export interface WeightInfo {
  readonly name: string;
  readonly shape: Dim[];
  readonly trainable: boolean;
  /** What each axis means. */
  readonly axes: string[];
  /** Number of elements; undefined when a dimension is unknown. */
  readonly count: number | undefined;
}

/** One layer as a row of a model summary (shapes of its first call in that model). */
export interface LayerInfo {
  readonly name: string;
  /** The Keras class name (`Conv1D` also for `Convolution1D`), or the name as written when unknown. */
  readonly type: string;
  /** The class name as written. */
  readonly writtenAs: string;
  readonly range: TextRange;
  readonly inputShapes: (Shape | undefined)[];
  /** Undefined when unknown. */
  readonly outputs: (Shape | undefined)[] | undefined;
  readonly weights: WeightInfo[] | undefined;
  readonly params: number | undefined;
  readonly trainableParams: number | undefined;
  readonly unknownReason?: string;
}

/** A place in the text where a layer (or model) is applied: what hints and hovers show. */
export interface LayerUse extends LayerInfo {
  /** The expression the hint follows: a list item, `model.add(...)`'s argument, `Dense(4)(x)`, `Input(...)`. */
  readonly useRange: TextRange;
  /** The class-name identifier, for hovers. */
  readonly classRange: TextRange;
  /** Where the inlay hint goes: after the list item, after `model.add(...)`, after `Layer(...)(x)`. */
  readonly hintOffset: number;
  /** Shape arithmetic with the user's numbers. */
  readonly explanations: readonly string[];
  /** Why weights and shapes are what they are. */
  readonly notes: readonly string[];
  /** The catalogue's one-line description of the layer. */
  readonly doc?: string;
}

export interface ModelInfo {
  readonly name: string;
  readonly kind: 'sequential' | 'functional';
  readonly range: TextRange;
  readonly layers: LayerInfo[];
  /**
   * False when the model's graph runs through something the analysis cannot follow (a tensor operation,
   * an unknown function, a layer added under an unknown condition): `layers` then lists only part of it.
   */
  readonly complete: boolean;
  readonly inputShapes: (Shape | undefined)[] | undefined;
  readonly outputShapes: (Shape | undefined)[] | undefined;
  readonly totalParams: number | undefined;
  readonly trainableParams: number | undefined;
  readonly nonTrainableParams: number | undefined;
}

/** A variable bound to a tensor or a model, for hovers on names. */
export interface VariableInfo {
  readonly name: string;
  readonly range: TextRange;
  readonly shapes: (Shape | undefined)[] | undefined;
  /** The layer (or model) that produced the tensor, or the model's name. */
  readonly producer: string;
  readonly producerRange?: TextRange;
  /** An assignment to the name or a read of it. */
  readonly kind: 'write' | 'read';
}

/** A comment in the source (from the syntax tree), for shape comments. */
export interface CommentInfo {
  readonly range: TextRange;
  /** The text after the comment marker, trimmed. */
  readonly body: string;
}

export interface Analysis {
  readonly language: 'python' | 'typescript' | 'javascript';
  readonly kerasVersion: KerasVersion;
  /** Why that version was chosen. */
  readonly kerasVersionReason: string;
  readonly models: ModelInfo[];
  readonly layerUses: LayerUse[];
  readonly variables: VariableInfo[];
  readonly issues: Issue[];
  /** Every comment, in document order. */
  readonly comments: CommentInfo[];
  /** Set when the text was not analysed (binary, too large, parser unavailable). */
  readonly notAnalysed?: string;
}
