// ConvLSTM2D: an LSTM whose input and recurrent transforms are 2-D convolutions; (B, T, H, W, C) →
// (B, [T,] H', W', filters), H'/W' by the convolution arithmetic (the recurrent convolution is 'same').

import { Dim, Shape, formatShape, formatDim } from '../../infer/shape';
import { dataFormatArg, paddingArg } from '../commonArgs';
import { KERNEL_AXIS_NAMES, channelsOf, convSpatial, layoutOf, readPadding, withSpatial } from '../conv/convCommon';
import { readKernelSize } from '../conv/convolution';
import { ArgSpec, LayerSpec, WeightSpec, weight } from '../spec';
import { checkStateful, paramsOf, positiveInt, times } from './rnnCommon';

const args: ArgSpec[] = [
  { name: 'filters', keras1: ['nb_filter'] },
  { name: 'kernel_size' },
  { name: 'strides', keras1: ['subsample'], default: 1 },
  paddingArg,
  dataFormatArg,
  { name: 'dilation_rate', default: 1 },
  { name: 'activation', default: 'tanh' },
  { name: 'recurrent_activation', keras1: ['inner_activation'], default: 'sigmoid' },
  { name: 'use_bias', default: true },
  { name: 'kernel_initializer', keras1: ['init'], default: 'glorot_uniform' },
  { name: 'recurrent_initializer', keras1: ['inner_init'], default: 'orthogonal' },
  { name: 'bias_initializer', default: 'zeros' },
  { name: 'unit_forget_bias', keras1: ['forget_bias_init'], default: true },
  { name: 'kernel_regularizer', keras1: ['W_regularizer'] },
  { name: 'recurrent_regularizer', keras1: ['U_regularizer'] },
  { name: 'bias_regularizer', keras1: ['b_regularizer'] },
  { name: 'activity_regularizer' },
  { name: 'kernel_constraint' },
  { name: 'recurrent_constraint' },
  { name: 'bias_constraint' },
  { name: 'dropout', keras1: ['dropout_W'], default: 0 },
  { name: 'recurrent_dropout', keras1: ['dropout_U'], default: 0 },
  { name: 'seed', tfjs: null },
  { name: 'return_sequences', default: false },
  { name: 'return_state', default: false },
  { name: 'go_backwards', default: false },
  { name: 'stateful', default: false },
  { name: 'nb_row' },
  { name: 'nb_col' },
];

const GATES = '4 gates × filters (i, f, c, o)';
const K1_GATES: Record<string, string> = { i: 'input gate', c: 'cell candidate', f: 'forget gate', o: 'output gate' };

export const convLstm2d: LayerSpec = {
  className: 'ConvLSTM2D',
  tfjs: 'convLstm2d',
  args,
  keras1Positional: ['nb_filter', 'nb_row', 'nb_col'],
  keras1OnlyArgs: ['nb_filter', 'nb_row', 'nb_col', 'border_mode', 'subsample', 'dim_ordering', 'init', 'inner_init', 'forget_bias_init', 'inner_activation', 'dropout_W', 'dropout_U', 'W_regularizer', 'U_regularizer', 'b_regularizer'],
  rank: { exact: 5 },
  doc: 'Convolutional LSTM over (B, T, rows, cols, channels): each step is convolved like Conv2D; returns (B, rows\', cols\', filters), or the whole sequence with return_sequences.',
  build(ctx) {
    const format = ctx.dataFormat();
    if (format === '?') return undefined;
    const input = ctx.input;
    // One time step as a Conv2D input: drop the time axis.
    const step: Shape = [input[0], ...input.slice(2)];
    const layout = layoutOf(format, 2);
    const filters = positiveInt(ctx, 'ConvLSTM2D', 'filters', ctx.version === '1' ? 'nb_filter' : 'filters');
    const kernel = readKernelSize(ctx, 2);
    const strides = ctx.tuple('strides', 2);
    const dilation = ctx.tuple('dilation_rate', 2);
    // TF.js accepts 'causal' here too (computed as 'valid' by convSpatial).
    const padding = readPadding(ctx, ctx.version === 'tfjs' ? ['valid', 'same', 'causal'] : ['valid', 'same']);
    const channels = channelsOf(ctx, 'ConvLSTM2D', step, layout);
    if (ctx.version === '3' && layout.spatialAxes.some(ax => step[ax] === null)) {
      ctx.error('undefined-dims', `ConvLSTM layers only support static input shapes for the spatial dimension; received ${formatShape(input)}.`);
    }
    checkStateful(ctx, 'ConvLSTM2D', input[0], input);
    // TF.js's ConvLSTM2D refuses a size of 0 or less written in an array and computes a plain number its own way:
    // no size is stated for either.
    if (ctx.version === 'tfjs' && [kernel, strides, dilation].some(ds => ds.some(d => typeof d === 'number' && d <= 0))) return undefined;
    const spatial = convSpatial(ctx, 'ConvLSTM2D', step, layout, kernel, strides, padding, dilation);
    const last = withSpatial(step, layout, spatial, filters);
    const seq = ctx.bool('return_sequences');
    const state = ctx.bool('return_state');
    const output = seq === '?' ? undefined : seq ? [last[0], input[1], ...last.slice(1)] : last;
    const outputs = state === '?' ? [undefined] : state ? [output, last.slice(), last.slice()] : [output];

    const kAxes = kernel.map((k, i) => [k, KERNEL_AXIS_NAMES[2][i]] as const);
    let weights: WeightSpec[];
    if (ctx.version === '1') {
      weights = [];
      for (const g of ['i', 'c', 'f', 'o']) {
        const gate = `nb_filter (${K1_GATES[g]})`;
        if (format === 'channels_first') {
          weights.push(
            weight(`W_${g}`, [[filters, gate], [channels, 'input channels'], ...kAxes]),
            weight(`U_${g}`, [[filters, gate], [filters, 'previous state channels (nb_filter)'], ...kAxes]),
          );
        } else {
          weights.push(
            weight(`W_${g}`, [...kAxes, [channels, 'input channels'], [filters, gate]]),
            weight(`U_${g}`, [...kAxes, [filters, 'previous state channels (nb_filter)'], [filters, gate]]),
          );
        }
        weights.push(weight(`b_${g}`, [[filters, gate]]));
      }
      ctx.note(`Keras 1 ConvLSTM2D keeps one W, U and b per gate: 12 arrays in the order W_i, U_i, b_i, W_c, U_c, b_c, W_f, U_f, b_f, W_o, U_o, b_o${format === 'channels_first' ? ", with dim_ordering='th' kernels filters-first" : ''}.`);
    } else {
      const f4: Dim = times(4, filters);
      weights = [
        weight('kernel', [...kAxes, [channels, 'input channels'], [f4, GATES]]),
        weight('recurrent_kernel', [...kAxes, [filters, 'previous state channels (filters)'], [f4, GATES]]),
      ];
      if (ctx.bool('use_bias') !== false) weights.push(weight('bias', [[f4, GATES]]));
      ctx.note(`ConvLSTM2D computes the 4 LSTM gates with convolutions: the input kernel maps C = ${formatDim(channels)} channels and the recurrent kernel maps the ${formatDim(filters)}-channel state, each to 4·filters = ${formatDim(f4)} channels; the recurrent convolution always uses padding 'same' and stride 1 so the state keeps its size.`);
    }
    const params = paramsOf(weights);
    if (params !== undefined) ctx.note(`Parameters: ${params.toLocaleString('en-US')}.`);
    return { outputs, weights };
  },
};
