// Shared pieces of SimpleRNN, LSTM and GRU: their argument lists (with the Keras 1 spellings), the checks
// every recurrent layer makes (units, defined feature axis, stateful batch) and the output/state shapes.

import type { ArgValue } from '../../ir/values';
import type { KerasVersion } from '../../ir/kerasVersion';
import { Dim, Shape, formatShape } from '../../infer/shape';
import type { ArgSpec, BuildContext, WeightSpec } from '../spec';

/** Keras 1 `consume_less` → Keras 2 `implementation` ('cpu' → 0, 'mem' → 1, 'gpu' → 2), as the Keras 2 shim maps it. */
function fromConsumeLess(v: ArgValue): ArgValue {
  if (v === 'cpu') return 0;
  if (v === 'mem') return 1;
  if (v === 'gpu') return 2;
  return v;
}

/** Keras 1 `forget_bias_init='one'` is what Keras 2 calls `unit_forget_bias=True`. */
function fromForgetBiasInit(v: ArgValue): ArgValue {
  if (typeof v === 'string') return v === 'one' || v === 'ones';
  return v;
}

function implementationDefault(version: KerasVersion): ArgValue {
  // Keras 1 defaults to consume_less='cpu' (per-gate weights); the value never changes shapes elsewhere.
  return version === '1' ? 0 : version === '2' ? 1 : 2;
}

export type RnnKind = 'simple' | 'lstm' | 'gru';

const a = (name: string, extra: Partial<ArgSpec> = {}): ArgSpec => ({ name, ...extra });

/** Arguments in Keras 3 positional order, then keyword-only extras (implementation, time_major, input_dim/length). */
export function rnnArgs(kind: RnnKind): ArgSpec[] {
  const units = a('units', { keras1: ['output_dim'] });
  const activation = a('activation', { default: 'tanh' });
  const recurrentActivation = a('recurrent_activation', { keras1: ['inner_activation'], default: 'sigmoid' });
  const useBias = a('use_bias', { default: true });
  const inits = [
    a('kernel_initializer', { keras1: ['init'], default: 'glorot_uniform' }),
    a('recurrent_initializer', { keras1: ['inner_init'], default: 'orthogonal' }),
    a('bias_initializer', { default: 'zeros' }),
  ];
  const forget = a('unit_forget_bias', { keras1: ['forget_bias_init'], default: true, fromKeras1: fromForgetBiasInit });
  const regs = [
    a('kernel_regularizer', { keras1: ['W_regularizer'] }),
    a('recurrent_regularizer', { keras1: ['U_regularizer'] }),
    a('bias_regularizer', { keras1: ['b_regularizer'] }),
    a('activity_regularizer'),
    a('kernel_constraint'),
    a('recurrent_constraint'),
    a('bias_constraint'),
  ];
  const dropouts = [a('dropout', { keras1: ['dropout_W'], default: 0 }), a('recurrent_dropout', { keras1: ['dropout_U'], default: 0 })];
  const seed = a('seed', { tfjs: null });
  const flags = [
    a('return_sequences', { default: false }),
    a('return_state', { default: false }),
    a('go_backwards', { default: false }),
    a('stateful', { default: false }),
    a('unroll', { default: false }),
  ];
  const extras = [
    a('implementation', { keras1: ['consume_less'], default: implementationDefault, fromKeras1: fromConsumeLess }),
    a('time_major', { default: false, tfjs: null }),
    a('input_dim'),
    a('input_length'),
  ];
  switch (kind) {
    case 'simple':
      return [units, activation, useBias, ...inits, ...regs, ...dropouts, ...flags, seed, ...extras];
    case 'lstm':
      return [units, activation, recurrentActivation, useBias, ...inits, forget, ...regs, ...dropouts, seed, ...flags, a('use_cudnn', { default: 'auto', tfjs: null }), ...extras];
    case 'gru':
      return [
        units, activation, recurrentActivation, useBias, ...inits, ...regs, ...dropouts, seed, ...flags,
        a('reset_after', { default: (v: KerasVersion) => v === '3' || v === 'tf.keras' }),
        a('use_cudnn', { default: 'auto', tfjs: null }),
        ...extras,
      ];
  }
}

/** Keras 1 positional order (`LSTM(output_dim, init, inner_init, forget_bias_init, activation, inner_activation, …)`). */
export function rnnKeras1Positional(kind: RnnKind): string[] {
  const head = ['output_dim', 'init', 'inner_init'];
  const tail = ['W_regularizer', 'U_regularizer', 'b_regularizer', 'dropout_W', 'dropout_U'];
  if (kind === 'simple') return [...head, 'activation', ...tail];
  if (kind === 'lstm') return [...head, 'forget_bias_init', 'activation', 'inner_activation', ...tail];
  return [...head, 'activation', 'inner_activation', ...tail];
}

export const RNN_KERAS1_ONLY_ARGS = ['output_dim', 'inner_activation', 'consume_less', 'dropout_W', 'dropout_U', 'init', 'inner_init', 'forget_bias_init', 'W_regularizer', 'U_regularizer', 'b_regularizer'];

/** A required argument: '?' when absent (Python would raise a TypeError we do not model). */
export function requiredInt(ctx: BuildContext, name: string): Dim {
  return ctx.given(name) ? ctx.int(name) : '?';
}

/** Reports a non-positive `units`/`filters`; returns the value. */
export function positiveInt(ctx: BuildContext, layerName: string, name: string, label = name): Dim {
  const v = requiredInt(ctx, name);
  if (typeof v === 'number' && (v <= 0 || !Number.isInteger(v))) {
    ctx.error('bad-argument', `${layerName}: received an invalid value for \`${label}\`, expected a positive integer; got ${v}.`);
  }
  return v;
}

/** `stateful=True` needs a static batch size: a None batch axis is a provable error. */
export function checkStateful(ctx: BuildContext, layerName: string, batch: Dim, input: Shape): void {
  if (ctx.bool('stateful') === true && batch === null) {
    ctx.error('undefined-dims', `${layerName}: when using \`stateful=True\` in a RNN, the batch size must be static; found a dynamic batch size in ${formatShape(input)}. Give the first layer \`batch_input_shape\` (Keras 3: \`Input(batch_shape=…)\`).`);
  }
}

export interface RnnLayout {
  batch: Dim;
  steps: Dim;
  features: Dim;
  timeMajor: boolean;
}

/** Reads (B, T, D), honouring tf.keras `time_major=True` ((T, B, D)); reports an undefined feature axis. */
export function rnnLayout(ctx: BuildContext, layerName: string): RnnLayout {
  const input = ctx.input;
  const timeMajor = ctx.bool('time_major') === true;
  const layout = { batch: timeMajor ? input[1] : input[0], steps: timeMajor ? input[0] : input[1], features: input[2], timeMajor };
  if (layout.features === null) {
    ctx.error('undefined-dims', `${layerName}: the last dimension of the inputs (the features) must be defined to create the kernel; found None in ${formatShape(input)}.`);
  }
  checkStateful(ctx, layerName, layout.batch, input);
  return layout;
}

/**
 * Outputs of a recurrent layer: the sequence (B, T, u) or the last step (B, u), then with `return_state`
 * one (B, u) per state. An unknown flag makes the output unknown rather than a guess.
 */
export function rnnOutputs(ctx: BuildContext, layout: RnnLayout, units: Dim, stateCount: number): (Shape | undefined)[] {
  const seq = ctx.bool('return_sequences');
  const state = ctx.bool('return_state');
  const last: Shape = [layout.batch, units];
  const full: Shape = layout.timeMajor ? [layout.steps, layout.batch, units] : [layout.batch, layout.steps, units];
  const output = seq === '?' ? undefined : seq ? full : last;
  if (state === '?') return [undefined];
  if (!state) return [output];
  return [output, ...Array.from({ length: stateCount }, () => last.slice())];
}

/** Product of known dims for notes; undefined when any is not a number. */
export function countOf(...dims: Dim[]): number | undefined {
  let n = 1;
  for (const d of dims) {
    if (typeof d !== 'number') return undefined;
    n *= d;
  }
  return n;
}

/** `4·u` style multiplication that keeps None/unknown. */
export function times(k: number, d: Dim): Dim {
  return typeof d === 'number' ? k * d : d;
}

/** Total element count of weights, or undefined when any dimension is not a number. */
export function paramsOf(weights: readonly WeightSpec[]): number | undefined {
  let total = 0;
  for (const w of weights) {
    const n = countOf(...w.shape);
    if (n === undefined) return undefined;
    total += n;
  }
  return total;
}
