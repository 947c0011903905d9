// Transposed, separable, depthwise and locally-connected convolutions checked with exact shapes, weights and
// parameter counts, including the seed question (Conv2D 'same' then LocallyConnected2D) and Keras 1 layouts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildForTest, summarize } from '../../support/buildForTest';

// ---- seed case ----

test('seed: Conv2D(4, 3, same) on (6,6,3) then LocallyConnected2D(4, 3) gives kernel (16, 36, 4), 2368 params', () => {
  const conv = summarize(buildForTest({ className: 'Conv2D', args: [4, 3], kwargs: { padding: 'same' }, input: [null, 6, 6, 3] }));
  assert.deepEqual(conv.outputs, [[null, 6, 6, 4]]);
  assert.deepEqual(conv.weights, ['kernel (3, 3, 3, 4)', 'bias (4,)']);
  assert.equal(conv.params, 112);
  const outcome = buildForTest({ className: 'LocallyConnected2D', args: [4, 3], input: [null, 6, 6, 4], version: 'tf.keras' });
  const lc = summarize(outcome);
  assert.deepEqual(lc.outputs, [[null, 4, 4, 4]]);
  assert.deepEqual(lc.weights, ['kernel (16, 36, 4)', 'bias (4, 4, 4)']);
  assert.equal(lc.params, 2368);
  assert.deepEqual(lc.errors, []);
  const note = outcome.notes.join('\n');
  assert.match(note, /one kernel per output position: kernel \(positions, kh·kw·in, filters\) = \(16, 36, 4\)/i);
  assert.match(note, /16 = 4×4 output positions and 36 = 3·3·4 input channels after the previous layer/);
  assert.match(note, /bias \(rows, cols, filters\) = \(4, 4, 4\)/);
  assert.deepEqual(outcome.result?.weights[0].axes, ['output positions (output rows · output cols)', 'kernel rows · kernel cols · input channels', 'filters']);
});

// ---- LocallyConnected ----

test("Keras 1 LocallyConnected2D(64, 3, 3) 'th' on (3, 32, 32): W (900, 27, 64), b (30, 30, 64)", () => {
  const s = summarize(buildForTest({ className: 'LocallyConnected2D', args: [64, 3, 3], kwargs: { dim_ordering: 'th' }, input: [null, 3, 32, 32], version: '1' }));
  assert.deepEqual(s.outputs, [[null, 64, 30, 30]]);
  assert.deepEqual(s.weights, ['W (900, 27, 64)', 'b (30, 30, 64)']);
  assert.equal(s.params, 1612800);
});

test('LocallyConnected1D(64, 3) on (10, 32): kernel (8, 96, 64), bias (8, 64)', () => {
  const s = summarize(buildForTest({ className: 'LocallyConnected1D', args: [64, 3], input: [null, 10, 32], version: 'tf.keras' }));
  assert.deepEqual(s.outputs, [[null, 8, 64]]);
  assert.deepEqual(s.weights, ['kernel (8, 96, 64)', 'bias (8, 64)']);
  assert.equal(s.params, 8 * 96 * 64 + 8 * 64);
});

test('Keras 1 LocallyConnected1D with nb_filter, filter_length, subsample_length (ignores a th default)', () => {
  const s = summarize(buildForTest({
    className: 'LocallyConnected1D', kwargs: { nb_filter: 64, filter_length: 3, subsample_length: 2 }, input: [null, 10, 32], version: '1', dataFormat: 'channels_first',
  }));
  assert.deepEqual(s.outputs, [[null, 4, 64]]);
  assert.deepEqual(s.weights, ['W (4, 96, 64)', 'b (4, 64)']);
});

test('LocallyConnected2D with strides and without bias', () => {
  const s = summarize(buildForTest({ className: 'LocallyConnected2D', args: [2, [3, 2]], kwargs: { strides: 2, use_bias: false }, input: [null, 9, 8, 3], version: 'tf.keras' }));
  // rows floor((9-3)/2)+1 = 4, cols floor((8-2)/2)+1 = 4
  assert.deepEqual(s.outputs, [[null, 4, 4, 2]]);
  assert.deepEqual(s.weights, ['kernel (16, 18, 2)']);
  assert.equal(s.params, 576);
});

test('LocallyConnected2D implementation=2: dense masked kernel in both data formats', () => {
  const last = summarize(buildForTest({ className: 'LocallyConnected2D', args: [5, 3], kwargs: { implementation: 2 }, input: [null, 6, 6, 4], version: 'tf.keras' }));
  assert.deepEqual(last.outputs, [[null, 4, 4, 5]]);
  assert.deepEqual(last.weights, ['kernel (6, 6, 4, 4, 4, 5)', 'bias (4, 4, 5)']);
  const first = summarize(buildForTest({ className: 'LocallyConnected2D', args: [5, 3], kwargs: { implementation: 2, data_format: 'channels_first' }, input: [null, 4, 6, 6], version: 'tf.keras' }));
  assert.deepEqual(first.outputs, [[null, 5, 4, 4]]);
  assert.deepEqual(first.weights, ['kernel (4, 6, 6, 5, 4, 4)', 'bias (4, 4, 5)']);
});

test("LocallyConnected1D implementation=2 and 'same' padding", () => {
  const s = summarize(buildForTest({ className: 'LocallyConnected1D', args: [5, 3], kwargs: { implementation: 2 }, input: [null, 10, 2], version: 'tf.keras' }));
  assert.deepEqual(s.weights, ['kernel (10, 2, 8, 5)', 'bias (8, 5)']);
  const same = summarize(buildForTest({ className: 'LocallyConnected1D', args: [5, 3], kwargs: { implementation: 2, padding: 'same', data_format: 'channels_first' }, input: [null, 2, 10], version: 'tf.keras' }));
  assert.deepEqual(same.outputs, [[null, 5, 10]]);
  assert.deepEqual(same.weights, ['kernel (2, 10, 5, 10)', 'bias (10, 5)']);
});

test('LocallyConnected1D implementation=3 stores only the connections (valid and same)', () => {
  const valid = summarize(buildForTest({ className: 'LocallyConnected1D', args: [5, 3], kwargs: { implementation: 3 }, input: [null, 10, 2], version: 'tf.keras' }));
  assert.deepEqual(valid.weights, ['kernel (240,)', 'bias (8, 5)']);
  // same, L=4, k=3: windows clipped to 2, 3, 3, 2 inputs → 10 · 2 channels · 5 filters
  const same = summarize(buildForTest({ className: 'LocallyConnected1D', args: [5, 3], kwargs: { implementation: 3, padding: 'same' }, input: [null, 4, 2], version: 'tf.keras' }));
  assert.deepEqual(same.outputs, [[null, 4, 5]]);
  assert.deepEqual(same.weights, ['kernel (100,)', 'bias (4, 5)']);
});

test("LocallyConnected2D errors: 'same' with implementation 1, None spatial dims, too-large kernel, bad implementation", () => {
  const same = summarize(buildForTest({ className: 'LocallyConnected2D', args: [4, 3], kwargs: { padding: 'same' }, input: [null, 6, 6, 4], version: 'tf.keras' }));
  assert.deepEqual(same.errors, ['bad-argument']);
  assert.equal(same.outputs, undefined);
  const none = summarize(buildForTest({ className: 'LocallyConnected2D', args: [4, 3], input: [null, null, 6, 4], version: 'tf.keras' }));
  assert.deepEqual(none.errors, ['undefined-dims']);
  const big = summarize(buildForTest({ className: 'LocallyConnected2D', args: [4, 7], input: [null, 6, 6, 4], version: 'tf.keras' }));
  assert.deepEqual(big.errors, ['nonpositive-output']);
  const impl = summarize(buildForTest({ className: 'LocallyConnected2D', args: [4, 3], kwargs: { implementation: 4 }, input: [null, 6, 6, 4], version: 'tf.keras' }));
  assert.deepEqual(impl.errors, ['bad-argument']);
  const chans = summarize(buildForTest({ className: 'LocallyConnected2D', args: [4, 3], input: [null, 6, 6, null], version: 'tf.keras' }));
  assert.deepEqual(chans.errors, ['undefined-channels']);
});

test("Keras 1 LocallyConnected2D rejects border_mode='same'", () => {
  const s = summarize(buildForTest({ className: 'LocallyConnected2D', args: [4, 3, 3], kwargs: { border_mode: 'same' }, input: [null, 6, 6, 4], version: '1' }));
  assert.deepEqual(s.errors, ['bad-argument']);
});

// ---- transposed convolutions ----

test('Conv2DTranspose(5, 3) on (7, 7, 3): (9, 9, 5), kernel (3, 3, 5, 3) filters before input channels, 140 params', () => {
  const outcome = buildForTest({ className: 'Conv2DTranspose', args: [5, 3], input: [null, 7, 7, 3] });
  const s = summarize(outcome);
  assert.deepEqual(s.outputs, [[null, 9, 9, 5]]);
  assert.deepEqual(s.weights, ['kernel (3, 3, 5, 3)', 'bias (5,)']);
  assert.equal(s.params, 140);
  assert.deepEqual(outcome.result?.weights[0].axes, ['kernel rows', 'kernel cols', 'filters (output channels)', 'input channels']);
  assert.ok(outcome.notes.some(n => n.includes('filters come before input channels')));
  assert.deepEqual(outcome.explanations, ['rows: 7·1 + max(3 − 1, 0) = 9', 'cols: 7·1 + max(3 − 1, 0) = 9']);
});

test("Conv2DTranspose strides 2: 'same' doubles, 'valid' uses max(k, s), output_padding changes the formula", () => {
  const same = summarize(buildForTest({ className: 'Conv2DTranspose', args: [8, 3], kwargs: { strides: 2, padding: 'same' }, input: [null, 7, 7, 3] }));
  assert.deepEqual(same.outputs, [[null, 14, 14, 8]]);
  const valid = summarize(buildForTest({ className: 'Conv2DTranspose', args: [8, 3], kwargs: { strides: 2 }, input: [null, 7, 7, 3] }));
  assert.deepEqual(valid.outputs, [[null, 15, 15, 8]]);
  const op = summarize(buildForTest({ className: 'Conv2DTranspose', args: [8, 3], kwargs: { strides: 2, output_padding: 1 }, input: [null, 7, 7, 3] }));
  assert.deepEqual(op.outputs, [[null, 16, 16, 8]]);
  const opSame = summarize(buildForTest({ className: 'Conv2DTranspose', args: [8, 4], kwargs: { strides: 2, padding: 'same', output_padding: [0, 1] }, input: [null, 7, 7, 3] }));
  // (7-1)·2 + 4 mod 2 + op
  assert.deepEqual(opSame.outputs, [[null, 12, 13, 8]]);
  const small = summarize(buildForTest({ className: 'Conv2DTranspose', args: [2, 2], kwargs: { strides: 3 }, input: [null, 5, 5, 1] }));
  assert.deepEqual(small.outputs, [[null, 15, 15, 2]]);
});

test('Conv2DTranspose channels_first, and the Keras 2 alias Deconvolution2D', () => {
  const s = summarize(buildForTest({ className: 'Conv2DTranspose', args: [4, 3], kwargs: { data_format: 'channels_first' }, input: [null, 3, 7, 7] }));
  assert.deepEqual(s.outputs, [[null, 4, 9, 9]]);
  assert.deepEqual(s.weights, ['kernel (3, 3, 4, 3)', 'bias (4,)']);
  const alias = summarize(buildForTest({ className: 'Deconvolution2D', args: [4, [3, 2]], input: [null, 7, 7, 3], version: '2' }));
  assert.deepEqual(alias.outputs, [[null, 9, 8, 4]]);
  assert.deepEqual(alias.weights, ['kernel (3, 2, 4, 3)', 'bias (4,)']);
});

test('Conv1DTranspose with dilation and Conv3DTranspose with strides', () => {
  const d = summarize(buildForTest({ className: 'Conv1DTranspose', args: [6, 3], kwargs: { dilation_rate: 2 }, input: [null, 10, 4] }));
  assert.deepEqual(d.outputs, [[null, 14, 6]]);
  assert.deepEqual(d.weights, ['kernel (3, 6, 4)', 'bias (6,)']);
  assert.equal(d.params, 78);
  const v = summarize(buildForTest({ className: 'Deconv3D', args: [2, 3], kwargs: { strides: 2, padding: 'same', use_bias: false }, input: [null, 4, 4, 4, 1] }));
  assert.deepEqual(v.outputs, [[null, 8, 8, 8, 2]]);
  assert.deepEqual(v.weights, ['kernel (3, 3, 3, 2, 1)']);
});

test('Keras 1 Deconvolution2D takes its rows and cols from output_shape; W laid out like Convolution2D', () => {
  const tf = summarize(buildForTest({ className: 'Deconvolution2D', args: [5, 3, 3, [null, 25, 25, 5]], kwargs: { subsample: [2, 2] }, input: [null, 12, 12, 2], version: '1' }));
  assert.deepEqual(tf.outputs, [[null, 25, 25, 5]]);
  assert.deepEqual(tf.weights, ['W (3, 3, 2, 5)', 'b (5,)']);
  const th = summarize(buildForTest({
    className: 'Deconvolution2D', args: [5, 3, 3], kwargs: { output_shape: [null, 5, 26, 24], subsample: [2, 2], dim_ordering: 'th' }, input: [null, 2, 12, 12], version: '1',
  }));
  assert.deepEqual(th.outputs, [[null, 5, 26, 24]]);
  assert.deepEqual(th.weights, ['W (5, 2, 3, 3)', 'b (5,)']);
});

test('Deconvolution2D output_shape: without the batch axis a warning and the formula; in Keras 2 ignored with a note', () => {
  const k1 = buildForTest({ className: 'Deconvolution2D', args: [5, 3, 3, [25, 25, 5]], kwargs: { subsample: [2, 2] }, input: [null, 12, 12, 2], version: '1' });
  assert.deepEqual(k1.issues.map(i => [i.severity, i.code]), [['warning', 'bad-argument']]);
  assert.deepEqual(summarize(k1).outputs, [[null, 25, 25, 5]]);
  const k2 = buildForTest({ className: 'Deconvolution2D', args: [5, 3], kwargs: { output_shape: [null, 99, 99, 5] }, input: [null, 12, 12, 2], version: '2' });
  assert.deepEqual(summarize(k2).outputs, [[null, 14, 14, 5]]);
  assert.ok(k2.notes.some(n => n.includes('Keras 2 and later drop it')));
});

test('transposed convolution errors: output_padding >= strides, strides with dilation, None channels', () => {
  const op = summarize(buildForTest({ className: 'Conv2DTranspose', args: [8, 3], kwargs: { strides: 2, output_padding: 2 }, input: [null, 7, 7, 3] }));
  assert.deepEqual(op.errors, ['bad-argument']);
  const dil = summarize(buildForTest({ className: 'Conv2DTranspose', args: [8, 3], kwargs: { strides: 2, dilation_rate: 2 }, input: [null, 7, 7, 3] }));
  assert.deepEqual(dil.errors, ['bad-argument']);
  const ch = summarize(buildForTest({ className: 'Conv2DTranspose', args: [8, 3], input: [null, 7, 7, null] }));
  assert.deepEqual(ch.errors, ['undefined-channels']);
  const rank = summarize(buildForTest({ className: 'Conv2DTranspose', args: [8, 3], input: [null, 7, 3] }));
  assert.deepEqual(rank.errors, ['input-rank']);
});

test('unknown arguments stay unknown without diagnostics', () => {
  const s = summarize(buildForTest({ className: 'Conv2DTranspose', args: [{ kind: 'unknown' }, 3], kwargs: { strides: { kind: 'unknown' } }, input: [null, 7, 7, 3] }));
  assert.deepEqual(s.errors, []);
  assert.deepEqual(s.outputs, [[null, '?', '?', '?']]);
  assert.deepEqual(s.weights, ['kernel (3, 3, ?, 3)', 'bias (?,)']);
  assert.equal(s.params, '?');
});

// ---- separable ----

test('SeparableConv2D(8, 3, depth_multiplier=2) on (10, 10, 3): depthwise (3,3,3,2), pointwise (1,1,6,8), 110 params', () => {
  const outcome = buildForTest({ className: 'SeparableConv2D', args: [8, 3], kwargs: { depth_multiplier: 2 }, input: [null, 10, 10, 3] });
  const s = summarize(outcome);
  assert.deepEqual(s.outputs, [[null, 8, 8, 8]]);
  assert.deepEqual(s.weights, ['depthwise_kernel (3, 3, 3, 2)', 'pointwise_kernel (1, 1, 6, 8)', 'bias (8,)']);
  assert.equal(s.params, 110);
  assert.deepEqual(outcome.result?.weights[1].axes, ['1 (pointwise: a 1×1 kernel)', '1 (pointwise: a 1×1 kernel)', 'input channels · depth_multiplier', 'filters']);
  const first = summarize(buildForTest({ className: 'SeparableConvolution2D', args: [8, 3], kwargs: { depth_multiplier: 2, data_format: 'channels_first' }, input: [null, 3, 10, 10] }));
  assert.deepEqual(first.outputs, [[null, 8, 8, 8]]);
  assert.deepEqual(first.weights, s.weights);
});

test("SeparableConv1D: 'causal' with strides in tf.keras, rejected by Keras 3", () => {
  const s = summarize(buildForTest({ className: 'SeparableConv1D', args: [4, 3], kwargs: { padding: 'causal', strides: 2 }, input: [null, 9, 5], version: 'tf.keras' }));
  assert.deepEqual(s.outputs, [[null, 5, 4]]);
  assert.deepEqual(s.weights, ['depthwise_kernel (3, 5, 1)', 'pointwise_kernel (1, 5, 4)', 'bias (4,)']);
  const k3 = summarize(buildForTest({ className: 'SeparableConv1D', args: [4, 3], kwargs: { padding: 'causal' }, input: [null, 9, 5], version: '3' }));
  assert.deepEqual(k3.errors, ['bad-argument']);
});

test("Keras 1 SeparableConvolution2D: 'tf' and 'th' kernel layouts", () => {
  const tf = summarize(buildForTest({
    className: 'SeparableConvolution2D', args: [8, 3, 3], kwargs: { depth_multiplier: 2, subsample: [2, 2], border_mode: 'same' }, input: [null, 10, 10, 3], version: '1',
  }));
  assert.deepEqual(tf.outputs, [[null, 5, 5, 8]]);
  assert.deepEqual(tf.weights, ['depthwise_kernel (3, 3, 3, 2)', 'pointwise_kernel (1, 1, 6, 8)', 'b (8,)']);
  const th = summarize(buildForTest({
    className: 'SeparableConvolution2D', args: [8, 3, 3], kwargs: { depth_multiplier: 2, dim_ordering: 'th' }, input: [null, 3, 10, 10], version: '1',
  }));
  assert.deepEqual(th.outputs, [[null, 8, 8, 8]]);
  assert.deepEqual(th.weights, ['depthwise_kernel (2, 3, 3, 3)', 'pointwise_kernel (8, 6, 1, 1)', 'b (8,)']);
});

// ---- depthwise ----

test('DepthwiseConv2D(3, depth_multiplier=2) on (10, 10, 4): Keras 3 `kernel`, tf.keras `depthwise_kernel`', () => {
  const k3 = summarize(buildForTest({ className: 'DepthwiseConv2D', args: [3], kwargs: { depth_multiplier: 2 }, input: [null, 10, 10, 4] }));
  assert.deepEqual(k3.outputs, [[null, 8, 8, 8]]);
  assert.deepEqual(k3.weights, ['kernel (3, 3, 4, 2)', 'bias (8,)']);
  assert.equal(k3.params, 80);
  const tk = summarize(buildForTest({ className: 'DepthwiseConv2D', args: [3], kwargs: { depth_multiplier: 2 }, input: [null, 10, 10, 4], version: 'tf.keras' }));
  assert.deepEqual(tk.weights, ['depthwise_kernel (3, 3, 4, 2)', 'bias (8,)']);
});

test('DepthwiseConv2D channels_first with dilation; DepthwiseConv1D with strides', () => {
  const d = summarize(buildForTest({ className: 'DepthwiseConv2D', args: [3], kwargs: { dilation_rate: 2, data_format: 'channels_first' }, input: [null, 4, 10, 10] }));
  assert.deepEqual(d.outputs, [[null, 4, 6, 6]]);
  assert.deepEqual(d.weights, ['kernel (3, 3, 4, 1)', 'bias (4,)']);
  const one = summarize(buildForTest({ className: 'DepthwiseConv1D', args: [3, 2], input: [null, 9, 4] }));
  assert.deepEqual(one.outputs, [[null, 4, 4]]);
  assert.deepEqual(one.weights, ['kernel (3, 4, 1)', 'bias (4,)']);
});

test('DepthwiseConv2D errors: depth_multiplier 0, kernel larger than input, None channels', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'DepthwiseConv2D', args: [3], kwargs: { depth_multiplier: 0 }, input: [null, 10, 10, 4] })).errors, ['bad-argument']);
  assert.deepEqual(summarize(buildForTest({ className: 'DepthwiseConv2D', args: [5], input: [null, 4, 4, 4] })).errors, ['nonpositive-output']);
  assert.deepEqual(summarize(buildForTest({ className: 'DepthwiseConv2D', args: [3], input: [null, 10, 10, null] })).errors, ['undefined-channels']);
});
