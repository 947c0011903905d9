// The contract of a layer-catalogue entry: its names in every Keras generation and TF.js, its arguments
// (with legacy names, positional order and defaults), accepted input ranks, and the build rule that turns
// an input shape into output shapes and weights in `get_weights()` order. One small file per layer.

import type { ArgValue } from '../ir/values';
import type { KerasVersion } from '../ir/kerasVersion';
import type { Dim, Shape } from '../infer/shape';
import type { LayerInstance } from '../ir/graph';

export interface ArgSpec {
  /** Canonical (Keras 2/3) Python name, e.g. `kernel_size`. */
  readonly name: string;
  /** Keras 1 spellings of the same argument (`nb_filter`, `border_mode`, …). */
  readonly keras1?: readonly string[];
  /** Other spellings accepted in any version. */
  readonly aliases?: readonly string[];
  /** TF.js option name when it is not the camelCase of `name`; `null` when TF.js has no such option. */
  readonly tfjs?: string | null;
  /** Value when the argument is absent (may depend on the Keras version). */
  readonly default?: ArgValue | ((version: KerasVersion) => ArgValue);
  /** Converts a value given under a Keras 1 name to the canonical form ('th' → 'channels_first'). */
  readonly fromKeras1?: (value: ArgValue) => ArgValue;
}

/** One weight in `get_weights()` order, each axis with its meaning. */
export interface WeightSpec {
  readonly name: string;
  readonly shape: Dim[];
  readonly trainable: boolean;
  /** What each axis means, e.g. ['kernel rows', 'kernel cols', 'input channels', 'filters']. */
  readonly axes: string[];
}

export interface BuildResult {
  /** One entry per output tensor; `undefined` for an output whose shape could not be inferred. */
  readonly outputs: (Shape | undefined)[];
  readonly weights: WeightSpec[];
  /**
   * Not for rules: set when inference keeps the result, a slot where collection keeps what it derives from it
   * (the weight summaries), so that everything sharing the result shares those too.
   */
  readonly derived?: DerivedSlot;
}

/** See `BuildResult.derived`: filled once per result, then only read. */
export interface DerivedSlot {
  trainable?: unknown;
  frozen?: unknown;
}

export type Severity = 'error' | 'warning' | 'information';

/**
 * What a build rule can read and report. Argument getters apply defaults and Keras 1 renames and never
 * throw: an argument that could not be evaluated reads as '?' (or `undefined` for `value`).
 */
export interface BuildContext {
  readonly version: KerasVersion;
  /** Input shapes, batch axis included (one for single-input layers). Always known when build runs. */
  readonly inputs: readonly Shape[];
  readonly input: Shape;
  /** Canonical argument value after defaults; an `Unknown` when it could not be evaluated. */
  value(name: string): ArgValue;
  /** True when the user wrote the argument (under any of its names). */
  given(name: string): boolean;
  int(name: string): Dim;
  str(name: string): string | '?';
  bool(name: string): boolean | '?';
  /** An int or a tuple broadcast to `n` entries (`3` → `[3, 3]`); reports a wrong tuple length. */
  tuple(name: string, n: number): Dim[];
  /**
   * 'channels_last' or 'channels_first', honouring `data_format`, Keras 1 `dim_ordering` and the default; any other
   * string is a reported error, unless `checked` is false (a layer that never validates it) — then it is '?'.
   */
  dataFormat(checked?: boolean): 'channels_last' | 'channels_first' | '?';
  /** A keyword given at call time, e.g. `training` or `return_attention_scores`. */
  callOption(name: string): ArgValue | undefined;
  /** Builds a wrapped layer (Bidirectional, TimeDistributed) for the given input shape. */
  buildInner(layer: LayerInstance, input: Shape): BuildResult | undefined;
  error(code: string, message: string): void;
  warning(code: string, message: string): void;
  /** A line of shape arithmetic with the user's numbers, shown in hovers (`rows: (28 − 5) / 1 + 1 = 24`). */
  explain(line: string): void;
  /** An explanatory note for the hover (why a weight has the shape it has). */
  note(line: string): void;
}

export interface RankRule {
  readonly exact?: number;
  readonly min?: number;
  readonly max?: number;
}

export interface LayerSpec {
  /** Canonical class name (Keras 3 / tf.keras spelling), used for `type` in results. */
  readonly className: string;
  /** Other Python class names of the same layer (`MaxPool2D`, `Convolution2D`, …). */
  readonly aliases?: readonly string[];
  /** Class names that exist only in Keras 1: seeing one selects Keras 1 (`AtrousConvolution1D`). */
  readonly keras1OnlyNames?: readonly string[];
  /** Keras 1 class name when it differs (drives Keras 1 automatic names such as `convolution1d_1`). */
  readonly keras1ClassName?: string;
  /** Versions that have the layer; absent means all. A layer missing from Keras 3 selects Keras 2. */
  readonly versions?: readonly KerasVersion[];
  /** Name under `tf.layers` in TF.js, or null when TF.js has no such layer. */
  readonly tfjs: string | null;
  /** Arguments in Keras 2/3 positional order. */
  readonly args: readonly ArgSpec[];
  /** Positional order in Keras 1 when it differs, by canonical or Keras 1 names. */
  readonly keras1Positional?: readonly string[];
  /** Argument names (any spelling) that exist only in Keras 1; seeing one selects Keras 1. */
  readonly keras1OnlyArgs?: readonly string[];
  /**
   * `list` for merge layers called on a list of tensors; `many` when several tensors are call arguments; `any` when
   * the layer takes one tensor or a list of them, whichever it is given (Lambda).
   */
  readonly inputKind?: 'single' | 'list' | 'many' | 'any';
  /** Accepted input ranks, batch axis included; a mismatch is reported by the engine. */
  readonly rank?: RankRule | ((ctx: BuildContext) => RankRule | undefined);
  /** Only for input layers: the output shape comes from arguments alone. */
  readonly isInput?: boolean;
  /** Layers whose output cannot be known statically unless an argument says so (Lambda). */
  readonly build: (ctx: BuildContext) => BuildResult | undefined;
  /** One or two sentences for the hover: what the layer does to shapes. */
  readonly doc: string;
}

/** Convenience for writing weights: `weight('kernel', [[3, 'kernel rows'], [16, 'units']])`. */
export function weight(name: string, axes: readonly (readonly [Dim, string])[], trainable = true): WeightSpec {
  return { name, shape: axes.map(a => a[0]), trainable, axes: axes.map(a => a[1]) };
}

/** A single-output result. */
export function single(shape: Shape | undefined, weights: WeightSpec[] = []): BuildResult {
  return { outputs: [shape], weights };
}
