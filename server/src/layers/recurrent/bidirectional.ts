// Bidirectional: runs the wrapped recurrent layer forwards and a copy backwards and merges the two
// outputs (concat doubles the last axis); weights are the forward copy's, then the backward copy's.

import type { LayerInstance } from '../../ir/graph';
import { formatValue, isLayerValue, isUnknown } from '../../ir/values';
import { Dim, Shape, formatShape } from '../../infer/shape';
import { BuildContext, BuildResult, LayerSpec, WeightSpec } from '../spec';

const MERGE_MODES = ['sum', 'mul', 'ave', 'concat'];

/** Keras' automatic layer name: `LSTM` → `lstm`, `SimpleRNN` → `simple_rnn`, `ConvLSTM2D` → `conv_lstm2d`. */
export function snakeCase(className: string): string {
  return className.replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

function prefixed(weights: readonly WeightSpec[], prefix: string): WeightSpec[] {
  return weights.map(w => ({ ...w, name: `${prefix}/${w.name}`, axes: w.axes.slice(), shape: w.shape.slice() }));
}

/** The wrapped layer argument: a layer, undefined when it cannot be known (reported when provably not a layer). */
export function innerLayer(ctx: BuildContext, wrapper: string, argName: string): LayerInstance | undefined {
  const v = ctx.value(argName);
  if (isLayerValue(v)) return v.layer;
  if (v !== null && v !== undefined && !isUnknown(v)) {
    ctx.error('bad-argument', `Please initialize \`${wrapper}\` layer with a \`keras.layers.Layer\` instance; received ${formatValue(v)}.`);
  }
  return undefined;
}

function mergeLast(mode: string, fw: Shape | undefined, bw: Shape | undefined, ctx: BuildContext): Shape | undefined {
  if (!fw || !bw) return undefined;
  const a = fw[fw.length - 1];
  const b = bw[bw.length - 1];
  if (mode === 'concat') {
    const sum: Dim = typeof a === 'number' && typeof b === 'number' ? a + b : a === '?' || b === '?' ? '?' : null;
    return [...fw.slice(0, -1), sum];
  }
  if (typeof a === 'number' && typeof b === 'number' && a !== b) {
    ctx.error('merge-incompatible', `Bidirectional merge_mode='${mode}' needs forward and backward outputs of the same shape; received ${formatShape(fw)} and ${formatShape(bw)}.`);
  }
  return fw.slice();
}

export const bidirectional: LayerSpec = {
  className: 'Bidirectional',
  tfjs: 'bidirectional',
  args: [
    { name: 'layer' },
    { name: 'merge_mode', default: 'concat' },
    { name: 'weights' },
    { name: 'backward_layer', tfjs: null },
  ],
  doc: 'Runs the wrapped RNN forwards and backwards and merges the results: concat doubles the last axis, sum/mul/ave keep it, None returns both outputs.',
  build(ctx) {
    const forward = innerLayer(ctx, 'Bidirectional', 'layer');
    const backwardLayer = ctx.given('backward_layer') ? innerLayer(ctx, 'Bidirectional', 'backward_layer') : undefined;
    const modeValue = ctx.value('merge_mode');
    let mode: string | null | '?' = '?';
    if (modeValue === null) mode = null;
    else if (typeof modeValue === 'string') {
      if (MERGE_MODES.includes(modeValue)) mode = modeValue;
      else {
        ctx.error('bad-argument', `Invalid merge mode. Received: ${modeValue}. Merge mode should be one of {"sum", "mul", "ave", "concat", None}.`);
        return { outputs: [undefined], weights: [] };
      }
    }
    if (!forward) return undefined;
    const fwResult = ctx.buildInner(forward, ctx.input);
    let bwResult: BuildResult | undefined = fwResult;
    if (backwardLayer) bwResult = ctx.buildInner(backwardLayer, ctx.input);
    if (!fwResult || !bwResult) return undefined;

    const fwName = `forward_${forward.name ?? snakeCase(forward.className)}`;
    const bwInner = backwardLayer ?? forward;
    const bwName = backwardLayer ? (backwardLayer.name ?? snakeCase(backwardLayer.className)) : `backward_${forward.name ?? snakeCase(forward.className)}`;
    const weights = [...prefixed(fwResult.weights, fwName), ...prefixed(bwResult.weights, bwName)];

    const [fwOut, ...fwStates] = fwResult.outputs;
    const [bwOut, ...bwStates] = bwResult.outputs;
    let merged: (Shape | undefined)[];
    if (mode === '?') merged = [undefined];
    else if (mode === null) merged = [fwOut, bwOut];
    else merged = [mergeLast(mode, fwOut, bwOut, ctx)];

    if (mode === 'concat') {
      ctx.note(`merge_mode='concat' joins the forward and backward outputs on the last axis, so the last dimension doubles (${formatShape(fwOut)} → ${formatShape(merged[0])}).`);
    } else if (mode === null) {
      ctx.note('merge_mode=None returns the forward and the backward outputs as two separate tensors.');
    }
    ctx.note(`${bwInner === forward ? 'Bidirectional makes a second copy of the wrapped layer for the backward pass' : 'The backward layer is built on the same input'}: the weights are the forward layer's followed by the backward layer's, so the parameter count is the sum of both${bwInner === forward ? ' (twice the wrapped layer)' : ''}.`);
    if (fwStates.length > 0 || bwStates.length > 0) {
      ctx.note(`With return_state the outputs are [merged output${mode === null ? 's' : ''}, ${fwStates.length} forward state(s), ${bwStates.length} backward state(s)].`);
    }
    return { outputs: [...merged, ...fwStates, ...bwStates], weights };
  },
};
