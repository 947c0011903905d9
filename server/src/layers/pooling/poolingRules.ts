// The build rules of the pooling family: windowed Max/AveragePooling1D/2D/3D (strides default to the
// pool size) and GlobalMax/AveragePooling1D/2D/3D (spatial axes reduced away, or kept as 1 with keepdims).

import { poolLength } from '../../infer/arithmetic';
import { Dim, formatDim, formatShape } from '../../infer/shape';
import { dataFormatArg, paddingArg } from '../commonArgs';
import { ArgSpec, BuildContext, LayerSpec, single } from '../spec';
import { checkOutputSizes, dataFormat1DArg, layoutOf, readPadding, spatialNames, withSpatial } from '../conv/convCommon';

export type PoolKind = 'max' | 'average';

const KIND_NAMES: Record<PoolKind, { cls: string; short: string; tfjs: string }> = {
  max: { cls: 'Max', short: 'Max', tfjs: 'max' },
  average: { cls: 'Average', short: 'Avg', tfjs: 'average' },
};

/** Pool1D data format: none in Keras 1 (always (steps, features)), 'channels_last' by default in Keras 2/tf.keras. */
function poolFormat(ctx: BuildContext, rank: number): 'channels_last' | 'channels_first' | '?' {
  if (ctx.version === 'tfjs' && rank === 1) {
    // TF.js Pooling1D and GlobalPooling1D ignore dataFormat: they always work on (steps, features).
    if (ctx.given('data_format') && ctx.value('data_format') === 'channels_first') {
      ctx.note('TF.js 1-D pooling ignores dataFormat: the input is read as (batch, steps, features) even with channelsFirst.');
    }
    return 'channels_last';
  }
  return ctx.version === '1' && rank === 1 ? 'channels_last' : ctx.dataFormat();
}

function poolingArgs(rank: number): ArgSpec[] {
  if (rank === 1) {
    return [
      { name: 'pool_size', keras1: ['pool_length'], default: 2 },
      { name: 'strides', keras1: ['stride'], default: null },
      paddingArg,
      dataFormat1DArg,
    ];
  }
  return [
    { name: 'pool_size', default: new Array(rank).fill(2) },
    { name: 'strides', default: null },
    paddingArg,
    dataFormatArg,
  ];
}

export function makePooling(kind: PoolKind, rank: 1 | 2 | 3): LayerSpec {
  const names = KIND_NAMES[kind];
  const className = `${names.cls}Pooling${rank}D`;
  return {
    className,
    aliases: [`${names.short}Pool${rank}D`],
    tfjs: `${names.tfjs}Pooling${rank}d`,
    args: poolingArgs(rank),
    keras1Positional: rank === 1 ? ['pool_length', 'stride', 'border_mode'] : ['pool_size', 'strides', 'border_mode', 'dim_ordering'],
    keras1OnlyArgs: rank === 1 ? ['pool_length', 'stride', 'border_mode'] : ['border_mode', 'dim_ordering'],
    rank: { exact: rank + 2 },
    doc: `${rank}-D ${kind} pooling: each spatial axis shrinks by the pooling arithmetic (strides default to pool_size); channels are unchanged. No weights.`,
    build(ctx) {
      const format = poolFormat(ctx, rank);
      if (format === '?') return single(undefined);
      const layout = layoutOf(format, rank);
      const input = ctx.input;
      const pool = ctx.tuple('pool_size', rank);
      const stridesGiven = ctx.value('strides') !== null;
      const strides = stridesGiven ? ctx.tuple('strides', rank) : pool;
      // TF.js pooling accepts 'causal' and computes it as 'valid'.
      const tfjsCausal = ctx.version === 'tfjs' && ctx.str('padding').toLowerCase() === 'causal';
      if (tfjsCausal) ctx.note(`TF.js computes padding='causal' of ${className} as 'valid'.`);
      const padding = tfjsCausal ? 'valid' : readPadding(ctx, ['valid', 'same']);
      const badPool = pool.some(k => typeof k === 'number' && k <= 0);
      const badStrides = stridesGiven && strides.some(s => typeof s === 'number' && s <= 0);
      if (badPool) ctx.error('bad-argument', `The pool_size of ${className} must be positive; received ${formatShape(pool)}.`);
      if (badStrides) ctx.error('bad-argument', `The strides of ${className} must be positive; received ${formatShape(strides)}.`);
      if (badPool || badStrides) return single(undefined);
      const axisNames = spatialNames(rank);
      const spatial: Dim[] = layout.spatialAxes.map((axis, i) => {
        const w = poolLength(input[axis], pool[i], strides[i], padding === 'valid' || padding === 'same' ? padding : '?');
        if (w.working) ctx.explain(`${axisNames[i]}: ${w.working}`);
        return w.value;
      });
      checkOutputSizes(ctx, className, input, spatial, `pool_size ${formatShape(pool)} with strides ${formatShape(strides)} and padding 'valid' does not fit. Use padding='same', a smaller pool, or a larger input.`);
      if (!stridesGiven) ctx.note(`strides default to pool_size ${formatShape(pool)} (not 1), so the windows do not overlap.`);
      return single(withSpatial(input, layout, spatial, input[layout.channelAxis]));
    },
  };
}

export function makeGlobalPooling(kind: PoolKind, rank: 1 | 2 | 3): LayerSpec {
  const names = KIND_NAMES[kind];
  const className = `Global${names.cls}Pooling${rank}D`;
  return {
    className,
    aliases: [`Global${names.short}Pool${rank}D`],
    tfjs: rank === 3 ? null : `global${names.cls}Pooling${rank}d`,
    args: [rank === 1 ? dataFormat1DArg : dataFormatArg, { name: 'keepdims', default: false, tfjs: null }],
    keras1Positional: rank === 1 ? [] : ['dim_ordering'],
    keras1OnlyArgs: ['dim_ordering'],
    rank: { exact: rank + 2 },
    doc: `Global ${kind} pooling over all ${rank === 1 ? 'steps' : 'spatial axes'}: (batch, …, channels) → (batch, channels), or size-1 spatial axes with keepdims=True. No weights.`,
    build(ctx) {
      const format = poolFormat(ctx, rank);
      if (format === '?') return single(undefined);
      const layout = layoutOf(format, rank);
      const input = ctx.input;
      const channels = input[layout.channelAxis];
      // TF.js global pooling has no keepdims: the spatial axes are always reduced away.
      const keepdims = ctx.version === 'tfjs' ? false : ctx.bool('keepdims');
      if (keepdims === '?') return single(undefined);
      if (ctx.version === 'tfjs' && ctx.given('keepdims') && ctx.value('keepdims') !== false) {
        ctx.note('TF.js global pooling ignores keepdims: the pooled axes are always removed.');
      }
      const reduced = layout.spatialAxes.map(a => formatDim(input[a])).join('×');
      if (keepdims) {
        ctx.note(`keepdims=True keeps the pooled axes as size 1 (${reduced} → ${layout.spatialAxes.map(() => 1).join('×')}).`);
        return single(withSpatial(input, layout, layout.spatialAxes.map(() => 1), channels));
      }
      ctx.explain(`${spatialNames(rank).join(' and ')} (${reduced}) reduced away; channels ${formatDim(channels)} kept`);
      return single([input[0], channels]);
    },
  };
}
