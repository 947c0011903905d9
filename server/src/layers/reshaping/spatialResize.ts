// The build rules of ZeroPadding1D/2D/3D, Cropping1D/2D/3D and UpSampling1D/2D/3D: per spatial axis the
// size grows by the padding, shrinks by the cropping or multiplies by the factor; channels pass through.

import { Dim, Shape, formatDim, formatShape } from '../../infer/shape';
import { ArgValue, formatValue, isDict, isUnknown } from '../../ir/values';
import { dataFormatArg } from '../commonArgs';
import { ArgSpec, BuildContext, LayerSpec, single } from '../spec';
import { checkOutputSizes, dataFormat1DArg, dimOf, layoutOf, spatialNames, withSpatial } from '../conv/convCommon';

type Pair = [Dim, Dim];

/** Keras 1 dictionary keys (before, after) for each axis of ZeroPadding1D/2D. */
const DICT_KEYS: Record<number, [string, string][]> = {
  1: [['left_pad', 'right_pad']],
  2: [['top_pad', 'bottom_pad'], ['left_pad', 'right_pad']],
};

/**
 * Reads a padding/cropping argument as (before, after) per spatial axis. Accepted forms: an int; for 1-D a
 * pair (before, after); for 2-D/3-D one int (symmetric) or one pair per axis. With `legacy` (ZeroPadding in
 * Keras 1, and Keras 2 through its legacy shim) also Keras 1's dict of `*_pad` keys and ZeroPadding2D's flat
 * (top, bottom, left, right). Unknown parts read as '?'; malformed or negative values are reported.
 */
function readPairs(ctx: BuildContext, layerName: string, argName: string, rank: number, legacy: boolean, allowNegative = false): Pair[] | undefined {
  const v = ctx.value(argName);
  const unknownPairs = (): Pair[] => Array.from({ length: rank }, () => ['?', '?'] as Pair);
  const bad = (why: string): undefined => {
    ctx.error('bad-argument', `The \`${argName}\` argument of ${layerName} ${why}; received ${formatValue(v)}.`);
    return undefined;
  };
  const forms = rank === 1
    ? 'must be an int or a tuple (before, after)'
    : `must be an int, a tuple of ${rank} ints or a tuple of ${rank} (before, after) pairs`;
  let pairs: Pair[] | undefined;
  if (isUnknown(v) || v === null) return unknownPairs();
  if (typeof v === 'number') {
    pairs = Array.from({ length: rank }, () => [v, v] as Pair);
  } else if (isDict(v)) {
    const keys = DICT_KEYS[rank];
    if (!legacy || !keys) return bad(`${forms}${keys ? ' (the dictionary form exists only in Keras 1)' : ''}`);
    const allowed = keys.flat();
    const extra = [...v.entries.keys()].filter(k => !allowed.includes(k));
    if (extra.length > 0) return bad(`accepts only the keys ${allowed.map(k => `'${k}'`).join(', ')} in its dictionary form`);
    pairs = keys.map(([a, b]) => [dictDim(v.entries.get(a)), dictDim(v.entries.get(b))] as Pair);
  } else if (Array.isArray(v)) {
    const items = v as readonly ArgValue[];
    if (rank === 1) {
      if (items.length !== 2 || items.some(x => Array.isArray(x))) return bad(forms);
      pairs = [[dimOf(items[0]), dimOf(items[1])]];
    } else if (rank === 2 && items.length === 4 && !items.some(x => Array.isArray(x))) {
      if (!legacy) return bad(`${forms} (the flat (top, bottom, left, right) form exists only in Keras 1)`);
      pairs = [[dimOf(items[0]), dimOf(items[1])], [dimOf(items[2]), dimOf(items[3])]];
    } else {
      if (items.length !== rank) return bad(forms);
      pairs = [];
      for (const item of items) {
        if (Array.isArray(item)) {
          if (item.length !== 2) return bad(forms);
          pairs.push([dimOf(item[0]), dimOf(item[1])]);
        } else {
          const d = dimOf(item);
          pairs.push([d, d]);
        }
      }
    }
  } else {
    return bad(forms);
  }
  if (!allowNegative && pairs.some(p => p.some(d => typeof d === 'number' && d < 0))) return bad('cannot be negative');
  return pairs;
}

/** A missing Keras 1 dictionary key means 0. */
function dictDim(v: ArgValue | undefined): Dim {
  return v === undefined ? 0 : dimOf(v);
}

function addPair(L: Dim, p: Pair, sign: 1 | -1): { value: Dim; working: string } {
  const [a, b] = p;
  if (L === null) return { value: null, working: 'None stays None' };
  if (L === '?' || typeof a !== 'number' || typeof b !== 'number') return { value: '?', working: '' };
  const value = L + sign * (a + b);
  const op = sign === 1 ? '+' : '−';
  return { value, working: `${L} ${op} ${a} ${op} ${b} = ${value}` };
}

/** `checked` false: TF.js's ZeroPadding2D and Cropping2D never check their dataFormat (an unknown one reads '?'). */
function formatFor(ctx: BuildContext, rank: number, hasFormat: boolean, checked = true): 'channels_last' | 'channels_first' | '?' {
  if (!hasFormat || (ctx.version === '1' && rank === 1)) return 'channels_last';
  return ctx.dataFormat(checked);
}

function resized(ctx: BuildContext, input: Shape, rank: number, format: 'channels_last' | 'channels_first', sizes: (L: Dim, i: number) => { value: Dim; working: string }): Dim[] {
  const layout = layoutOf(format, rank);
  const names = spatialNames(rank);
  return layout.spatialAxes.map((axis, i) => {
    const w = sizes(input[axis], i);
    if (w.working) ctx.explain(`${names[i]}: ${w.working}`);
    return w.value;
  });
}

const TFJS_2D: Record<string, string> = { ZeroPadding: 'zeroPadding2d', Cropping: 'cropping2D', UpSampling: 'upSampling2d' };

export function makeZeroPadding(rank: 1 | 2 | 3): LayerSpec {
  const className = `ZeroPadding${rank}D`;
  const args: ArgSpec[] = [
    { name: 'padding', default: rank === 1 ? 1 : new Array(rank).fill(1) },
    rank === 1 ? dataFormat1DArg : dataFormatArg,
  ];
  return {
    className,
    tfjs: rank === 2 ? TFJS_2D.ZeroPadding : null,
    args,
    keras1Positional: rank === 1 ? ['padding'] : ['padding', 'dim_ordering'],
    keras1OnlyArgs: ['dim_ordering'],
    rank: { exact: rank + 2 },
    doc: `Adds zeros before and after each ${rank === 1 ? 'step axis' : 'spatial axis'}: each grows by before + after; channels unchanged. No weights.`,
    build(ctx) {
      const format = formatFor(ctx, rank, true, ctx.version !== 'tfjs');
      if (format === '?') return single(undefined);
      // TF.js takes a negative padding as written: the axis shrinks (a negative size fails its build).
      const tfjs = ctx.version === 'tfjs';
      const pairs = readPairs(ctx, className, 'padding', rank, ctx.version === '1' || ctx.version === '2', tfjs);
      if (!pairs) return single(undefined);
      const layout = layoutOf(format, rank);
      const spatial = resized(ctx, ctx.input, rank, format, (L, i) => addPair(L, pairs[i], 1));
      if (tfjs) checkOutputSizes(ctx, className, ctx.input, spatial, `the padding ${formatValue(ctx.value('padding'))} takes more than the axis has.`);
      return single(withSpatial(ctx.input, layout, spatial, ctx.input[layout.channelAxis]));
    },
  };
}

export function makeCropping(rank: 1 | 2 | 3): LayerSpec {
  const className = `Cropping${rank}D`;
  const defaults: Record<number, ArgValue> = { 1: [1, 1], 2: [[0, 0], [0, 0]], 3: [[1, 1], [1, 1], [1, 1]] };
  const args: ArgSpec[] = [{ name: 'cropping', default: defaults[rank] }];
  if (rank > 1) args.push(dataFormatArg);
  return {
    className,
    tfjs: rank === 2 ? TFJS_2D.Cropping : null,
    args,
    keras1Positional: rank === 1 ? ['cropping'] : ['cropping', 'dim_ordering'],
    keras1OnlyArgs: ['dim_ordering'],
    rank: { exact: rank + 2 },
    doc: `Removes slices before and after each ${rank === 1 ? 'step axis' : 'spatial axis'}: each shrinks by before + after; channels unchanged. No weights.`,
    build(ctx) {
      const format = formatFor(ctx, rank, rank > 1, ctx.version !== 'tfjs');
      if (format === '?') return single(undefined);
      if (ctx.version === 'tfjs' && !ctx.given('cropping')) {
        // tfjs cropping2D has no default: it reads `args.cropping` and crashes on undefined.
        ctx.error('bad-argument', `TF.js ${className} needs a \`cropping\` argument (it has no default and fails with "Cannot read properties of undefined"); write e.g. cropping: [[0, 0], [0, 0]].`);
        return single(undefined);
      }
      // TF.js takes a negative cropping as written: the axis grows.
      const pairs = readPairs(ctx, className, 'cropping', rank, false, ctx.version === 'tfjs');
      if (!pairs) return single(undefined);
      const layout = layoutOf(format, rank);
      const spatial = resized(ctx, ctx.input, rank, format, (L, i) => addPair(L, pairs[i], -1));
      const zeroOnly = spatial.some(d => d === 0) && !spatial.some(d => typeof d === 'number' && d < 0);
      if (ctx.version === 'tfjs' && zeroOnly) {
        ctx.warning('zero-size-output', `${className} crops ${formatShape(ctx.input)} down to ${formatShape(spatial)}: TF.js accepts a zero-size output, so the model builds but produces empty tensors.`);
      } else if (spatial.some(d => typeof d === 'number' && d <= 0)) {
        const crop = `(${pairs.map(p => `(${p.map(formatDim).join(', ')})`).join(', ')})`;
        ctx.error('nonpositive-output', `${className}: the cropping must be smaller than the ${rank === 1 ? 'input length' : 'corresponding spatial dimension of the input'}; cropping ${crop} on input ${formatShape(ctx.input)} would leave ${formatShape(spatial)}.`);
      }
      return single(withSpatial(ctx.input, layout, spatial, ctx.input[layout.channelAxis]));
    },
  };
}

export function makeUpSampling(rank: 1 | 2 | 3): LayerSpec {
  const className = `UpSampling${rank}D`;
  const args: ArgSpec[] = rank === 1
    ? [{ name: 'size', keras1: ['length'], default: 2 }]
    : [{ name: 'size', default: new Array(rank).fill(2) }, dataFormatArg];
  if (rank === 2) args.push({ name: 'interpolation', default: 'nearest' });
  return {
    className,
    tfjs: rank === 2 ? TFJS_2D.UpSampling : null,
    args,
    keras1Positional: rank === 1 ? ['length'] : ['size', 'dim_ordering'],
    keras1OnlyArgs: rank === 1 ? ['length'] : ['dim_ordering'],
    rank: { exact: rank + 2 },
    doc: `Repeats each ${rank === 1 ? 'step' : 'row/column/slice'} \`size\` times: each ${rank === 1 ? 'step axis' : 'spatial axis'} is multiplied by its factor; channels unchanged. No weights.`,
    build(ctx) {
      const format = formatFor(ctx, rank, rank > 1);
      if (format === '?') return single(undefined);
      const size = ctx.tuple('size', rank);
      // TF.js builds factors of 0 or less as written (a 0 gives a zero-size axis, a negative size fails its build).
      const tfjs = ctx.version === 'tfjs';
      if (!tfjs && size.some(s => typeof s === 'number' && s <= 0)) {
        ctx.error('bad-argument', `The size of ${className} must be positive; received ${formatShape(size)}.`);
      }
      const layout = layoutOf(format, rank);
      if (ctx.version === 'tfjs' && typeof ctx.value('size') === 'number') {
        // tfjs indexes `size[0]`/`size[1]` of a plain number: undefined factors, NaN in the static shape.
        ctx.note(`TF.js ${className} needs \`size\` as an array ([${ctx.value('size')}, ${ctx.value('size')}]): with a plain number its static output shape has NaN (null) spatial dims.`);
        return single(withSpatial(ctx.input, layout, layout.spatialAxes.map(() => null), ctx.input[layout.channelAxis]));
      }
      const spatial = resized(ctx, ctx.input, rank, format, (L, i) => {
        const f = size[i];
        if (L === null) return { value: null, working: 'None stays None' };
        if (L === '?' || typeof f !== 'number') return { value: '?', working: '' };
        return { value: L * f, working: `${L} × ${f} = ${L * f}` };
      });
      if (tfjs) checkOutputSizes(ctx, className, ctx.input, spatial, `the factors ${formatShape(size)} are not positive.`);
      return single(withSpatial(ctx.input, layout, spatial, ctx.input[layout.channelAxis]));
    },
  };
}
