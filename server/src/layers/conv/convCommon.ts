// Shared pieces of the convolution family: spatial axis names, the channel axis for a data format,
// and the per-axis output arithmetic with its checks (zero or negative sizes, strides with dilation).

import { Padding, convLength, transposeLength } from '../../infer/arithmetic';
import { Dim, Shape, formatShape } from '../../infer/shape';
import type { ArgValue } from '../../ir/values';
import type { KerasVersion } from '../../ir/kerasVersion';
import type { ArgSpec, BuildContext } from '../spec';

export const SPATIAL_NAMES: Record<number, string[]> = {
  1: ['steps'],
  2: ['rows', 'cols'],
  3: ['depth', 'rows', 'cols'],
};

export const KERNEL_AXIS_NAMES: Record<number, string[]> = {
  1: ['kernel length'],
  2: ['kernel rows', 'kernel cols'],
  3: ['kernel depth', 'kernel rows', 'kernel cols'],
};

/** Where the channels and the spatial axes sit in a batch-first shape of rank `rank + 2`. */
export interface Layout {
  readonly channelAxis: number;
  readonly spatialAxes: number[];
}

export function layoutOf(format: 'channels_last' | 'channels_first', rank: number): Layout {
  const spatialAxes = Array.from({ length: rank }, (_, i) => (format === 'channels_last' ? i + 1 : i + 2));
  return { channelAxis: format === 'channels_last' ? rank + 1 : 1, spatialAxes };
}

/** Replaces the spatial dims and the channel dim of `input` per the layout. */
export function withSpatial(input: Shape, layout: Layout, spatial: Dim[], channels: Dim): Shape {
  const out = input.slice();
  layout.spatialAxes.forEach((axis, i) => (out[axis] = spatial[i]));
  out[layout.channelAxis] = channels;
  return out;
}

export function readPadding(ctx: BuildContext, allowed: readonly string[]): Padding | '?' {
  const p = ctx.str('padding');
  if (p === '?') return '?';
  const lower = p.toLowerCase();
  if (!allowed.includes(lower)) {
    ctx.error('bad-argument', `padding='${p}' is not accepted here (${ctx.version === '1' ? 'border_mode' : 'padding'} must be one of ${allowed.map(a => `'${a}'`).join(', ')}).`);
    return '?';
  }
  return lower as Padding;
}

/**
 * Output sizes of a convolution along each spatial axis, with explanations and the provable errors:
 * a zero or negative size under 'valid', zeros in kernel or strides, strides > 1 with dilation > 1.
 */
export function convSpatial(
  ctx: BuildContext,
  layerName: string,
  input: Shape,
  layout: Layout,
  kernel: Dim[],
  strides: Dim[],
  padding: Padding | '?',
  dilation: Dim[],
): Dim[] {
  const names = SPATIAL_NAMES[kernel.length] ?? kernel.map((_, i) => `axis ${i + 1}`);
  const tfjs = ctx.version === 'tfjs';
  if (tfjs) {
    // TF.js validates few of these at build time: the layer builds and fails (or misbehaves) when run.
    if (!warnKernelStridesDilation(ctx, layerName, kernel, strides, dilation)) return kernel.map(() => '?');
    if (padding === 'causal') {
      ctx.note(`TF.js computes the static output length of padding='causal' as if it were 'valid' (and cannot run a causal ${layerName}): the sizes below are TF.js's, not Keras's ceil(L / strides).`);
      padding = 'valid';
    }
  } else if (!checkKernelStridesDilation(ctx, layerName, kernel, strides, dilation)) {
    // Sizes computed from refused arguments would only add errors that follow from the first.
    return kernel.map(() => '?');
  }
  const out: Dim[] = [];
  layout.spatialAxes.forEach((axis, i) => {
    const w = convLength(input[axis], kernel[i], strides[i], padding, dilation[i]);
    if (w.working) ctx.explain(`${names[i]}: ${w.working}`);
    // TF.js divides by a zero stride (Infinity or NaN): no usable size.
    out.push(tfjs && typeof w.value === 'number' && !Number.isFinite(w.value) ? null : w.value);
  });
  checkOutputSizes(ctx, layerName, input, out, `kernel ${formatShape(kernel)} with strides ${formatShape(strides)} and padding '${padding}' does not fit. Use padding='same', a smaller kernel, or a larger input.`);
  return out;
}

/**
 * Reports output sizes that are not positive: an error in Keras; in TF.js a 0 is accepted (a warning,
 * `zero-size-output`: the model builds but produces empty tensors) and only a negative size is an error.
 */
export function checkOutputSizes(ctx: BuildContext, layerName: string, input: Shape, out: Dim[], why: string): void {
  const negative = out.some(d => typeof d === 'number' && d < 0);
  const zero = out.some(d => d === 0);
  if (ctx.version === 'tfjs') {
    if (negative) ctx.error('nonpositive-output', `${layerName} would produce an output of size ${formatShape(out)} from input ${formatShape(input)}: ${why}`);
    else if (zero) ctx.warning('zero-size-output', `${layerName} produces an output of size ${formatShape(out)} from input ${formatShape(input)}: TF.js accepts a zero-size output, so the model builds but produces empty tensors. ${why}`);
    return;
  }
  if (negative || zero) ctx.error('nonpositive-output', `${layerName} would produce an output of size ${formatShape(out)} from input ${formatShape(input)}: ${why}`);
}

/**
 * TF.js: what Keras rejects in kernel, strides and dilation builds in TF.js; warn about the run time. False when
 * a negative size fails the build (an error).
 */
function warnKernelStridesDilation(ctx: BuildContext, layerName: string, kernel: Dim[], strides: Dim[], dilation: Dim[]): boolean {
  if (!checkTfjsNegativeKernelStrides(ctx, layerName, kernel, strides)) return false;
  if (kernel.some(k => k === 0)) ctx.warning('bad-argument', `The kernel size of ${layerName} contains 0 (${formatShape(kernel)}): TF.js builds a 0-sized kernel without complaint, but the layer computes nothing useful.`);
  if (strides.some(s => s === 0)) ctx.warning('bad-argument', `The strides of ${layerName} contain 0 (${formatShape(strides)}): TF.js builds the layer with no usable output size and fails when it runs.`);
  const anyStride = strides.some(s => typeof s === 'number' && s > 1);
  const anyDilation = dilation.some(d => typeof d === 'number' && d > 1);
  if (anyStride && anyDilation) {
    ctx.warning('bad-argument', `${layerName}: TF.js builds strides > 1 with dilation_rate > 1 (strides=${formatShape(strides)}, dilation_rate=${formatShape(dilation)}) but fails when it runs ("Either strides or dilations must be 1").`);
  }
  return true;
}

const hasNegative = (dims: Dim[]) => dims.some(d => typeof d === 'number' && d < 0);

/**
 * TF.js: a negative kernel size fails when the layer is built (a kernel of negative shape), unlike a 0, which
 * builds. False for a negative kernel size or stride: TF.js's sizes from a negative stride are its own (some
 * build as 0, some fail), so none is stated.
 */
export function checkTfjsNegativeKernelStrides(ctx: BuildContext, layerName: string, kernel: Dim[], strides: Dim[]): boolean {
  if (hasNegative(kernel)) ctx.error('bad-argument', `The kernel size of ${layerName} must be positive; received ${formatShape(kernel)} (TF.js cannot create a kernel of negative shape).`);
  return !hasNegative(kernel) && !hasNegative(strides);
}

/** Output sizes of a transposed convolution along each spatial axis, with explanations. */
export function transposeSpatial(
  ctx: BuildContext,
  input: Shape,
  layout: Layout,
  kernel: Dim[],
  strides: Dim[],
  padding: 'valid' | 'same' | '?',
  dilation: Dim[],
  outputPadding: Dim[] | undefined,
): Dim[] {
  const names = SPATIAL_NAMES[kernel.length] ?? [];
  return layout.spatialAxes.map((axis, i) => {
    const w = transposeLength(input[axis], kernel[i], strides[i], padding, dilation[i], outputPadding?.[i]);
    if (w.working) ctx.explain(`${names[i] ?? `axis ${i + 1}`}: ${w.working}`);
    return w.value;
  });
}

/** The input channel count; reports when it is None (weights cannot be created). */
export function channelsOf(ctx: BuildContext, layerName: string, input: Shape, layout: Layout): Dim {
  const c = input[layout.channelAxis];
  if (c === null) {
    ctx.error('undefined-channels', `The channel dimension of the input to ${layerName} must be defined; found None in ${formatShape(input)}.`);
  }
  return c;
}

// ---- Additions for the transposed, separable, depthwise and locally-connected rules (and the pooling and
// spatial reshaping groups, which share the layouts above). ----

/** A Dim from an argument value: whole numbers a double holds exactly stay, None stays None, anything else is unknown. */
export function dimOf(v: ArgValue | undefined): Dim {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  return v === null ? null : '?';
}

/**
 * The checks of `convSpatial` on kernel, strides and dilation, for rules that compute their sizes another
 * way (transposed convolutions): sizes that are 0 or negative (Keras requires each to be > 0), strides > 1
 * together with dilation > 1. False when a size is 0 or negative: no output size follows from it.
 */
export function checkKernelStridesDilation(ctx: BuildContext, layerName: string, kernel: Dim[], strides: Dim[], dilation: Dim[]): boolean {
  const nonPositive = (dims: Dim[]) => dims.some(d => typeof d === 'number' && d <= 0);
  const ok = !nonPositive(kernel) && !nonPositive(strides) && !nonPositive(dilation);
  if (hasNegative(kernel)) ctx.error('bad-argument', `The kernel size of ${layerName} must be positive; received ${formatShape(kernel)}.`);
  else if (kernel.some(k => k === 0)) ctx.error('bad-argument', `The kernel size of ${layerName} cannot contain 0; received ${formatShape(kernel)}.`);
  if (hasNegative(strides)) ctx.error('bad-argument', `The strides of ${layerName} must be positive; received ${formatShape(strides)}.`);
  else if (strides.some(s => s === 0)) ctx.error('bad-argument', `The strides of ${layerName} cannot contain 0; received ${formatShape(strides)}.`);
  if (dilation.some(d => typeof d === 'number' && d <= 0)) ctx.error('bad-argument', `The dilation rate of ${layerName} must be positive; received ${formatShape(dilation)}.`);
  const anyStride = strides.some(s => typeof s === 'number' && s > 1);
  const anyDilation = dilation.some(d => typeof d === 'number' && d > 1);
  if (anyStride && anyDilation) {
    ctx.error('bad-argument', `${layerName}: strides > 1 cannot be combined with dilation_rate > 1 (strides=${formatShape(strides)}, dilation_rate=${formatShape(dilation)}).`);
  }
  return ok;
}

/** Reports a known count argument (`filters`, `depth_multiplier`) that is not strictly positive. */
export function checkPositive(ctx: BuildContext, layerName: string, argName: string, value: Dim): void {
  if (typeof value === 'number' && value <= 0) ctx.error('bad-argument', `${layerName} expects a strictly positive \`${argName}\`; received ${value}.`);
}

/**
 * The data format of a layer whose Keras 1 version had no `dim_ordering` (1-D layers work on
 * (steps, features) there); otherwise `ctx.dataFormat()`.
 */
export function formatWithoutKeras1Ordering(ctx: BuildContext): 'channels_last' | 'channels_first' | '?' {
  return ctx.version === '1' ? 'channels_last' : ctx.dataFormat();
}

/**
 * `data_format` of 1-D pooling, global pooling and ZeroPadding1D: fixed to 'channels_last' by default in
 * Keras 2 / tf.keras, read from `image_data_format` in Keras 3.
 */
export const dataFormat1DArg: ArgSpec = {
  name: 'data_format',
  keras1: ['dim_ordering'],
  default: (v: KerasVersion) => (v === '3' ? null : 'channels_last'),
};

/** Names of the spatial axes for messages, per layout rank. */
export function spatialNames(rank: number): string[] {
  return SPATIAL_NAMES[rank] ?? Array.from({ length: rank }, (_, i) => `axis ${i + 1}`);
}

export const KERAS1_KERNEL_ARGS: Record<number, string[]> = {
  1: [],
  2: ['nb_row', 'nb_col'],
  3: ['kernel_dim1', 'kernel_dim2', 'kernel_dim3'],
};

/** Kernel sizes from `kernel_size`, or from Keras 1's `nb_row`/`nb_col` or `kernel_dim1..3`. */
export function readKernelSize(ctx: BuildContext, rank: number): Dim[] {
  const legacy = KERAS1_KERNEL_ARGS[rank];
  if (!ctx.given('kernel_size') && legacy.length > 0 && legacy.some(n => ctx.given(n))) return legacy.map(n => ctx.int(n));
  return ctx.tuple('kernel_size', rank);
}


/** What every convolution-family rule reads: layout, kernel size, strides and dilation. */
export interface ConvGeometry {
  readonly format: 'channels_last' | 'channels_first';
  readonly layout: Layout;
  readonly kernel: Dim[];
  readonly strides: Dim[];
  readonly dilation: Dim[];
}

/** Reads the geometry; undefined when the data format cannot be known (the output is then unknown). */
export function readConvGeometry(ctx: BuildContext, rank: number, format: 'channels_last' | 'channels_first' | '?' = ctx.dataFormat()): ConvGeometry | undefined {
  if (format === '?') return undefined;
  return { format, layout: layoutOf(format, rank), kernel: readKernelSize(ctx, rank), strides: ctx.tuple('strides', rank), dilation: ctx.tuple('dilation_rate', rank) };
}
