// Recurrent rules (SimpleRNN, LSTM, GRU, Bidirectional, TimeDistributed, ConvLSTM2D) and Embedding, checked
// with exact output shapes, weights in get_weights() order and parameter totals, per Keras version.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildForTest, makeLayer, summarize } from '../../support/buildForTest';
import type { ArgValue } from '../../../server/src/ir/values';
import type { KerasVersion } from '../../../server/src/ir/kerasVersion';

const layerArg = (className: string, args: ArgValue[] = [], kwargs: Record<string, ArgValue> = {}): ArgValue => ({ kind: 'layer', layer: makeLayer(className, args, kwargs) });

test('LSTM(16) on (None, 10, 8): kernel (8, 64), recurrent_kernel (16, 64), bias (64,), 1600 params', () => {
  const s = summarize(buildForTest({ className: 'LSTM', args: [16], input: [null, 10, 8] }));
  assert.deepEqual(s.outputs, [[null, 16]]);
  assert.deepEqual(s.weights, ['kernel (8, 64)', 'recurrent_kernel (16, 64)', 'bias (64,)']);
  assert.equal(s.params, 1600);
  assert.deepEqual(s.errors, []);
});

test('LSTM return_sequences and return_state give [output, h, c]', () => {
  const s = summarize(buildForTest({ className: 'LSTM', args: [16], kwargs: { return_sequences: true, return_state: true }, input: [null, 10, 8] }));
  assert.deepEqual(s.outputs, [[null, 10, 16], [null, 16], [null, 16]]);
  const last = summarize(buildForTest({ className: 'LSTM', args: [16], kwargs: { return_state: true }, input: [null, 10, 8] }));
  assert.deepEqual(last.outputs, [[null, 16], [null, 16], [null, 16]]);
});

test('LSTM use_bias=False drops the bias', () => {
  const s = summarize(buildForTest({ className: 'LSTM', args: [16], kwargs: { use_bias: false }, input: [null, 10, 8] }));
  assert.deepEqual(s.weights, ['kernel (8, 64)', 'recurrent_kernel (16, 64)']);
  assert.equal(s.params, 1536);
});

test('Keras 1 LSTM keeps 12 per-gate arrays in i, c, f, o order (consume_less default cpu)', () => {
  const s = summarize(buildForTest({ className: 'LSTM', args: [16], input: [null, 10, 8], version: '1' }));
  assert.deepEqual(s.outputs, [[null, 16]]);
  assert.deepEqual(s.weights, [
    'W_i (8, 16)', 'U_i (16, 16)', 'b_i (16,)',
    'W_c (8, 16)', 'U_c (16, 16)', 'b_c (16,)',
    'W_f (8, 16)', 'U_f (16, 16)', 'b_f (16,)',
    'W_o (8, 16)', 'U_o (16, 16)', 'b_o (16,)',
  ]);
  assert.equal(s.params, 1600);
  const mem = summarize(buildForTest({ className: 'LSTM', kwargs: { output_dim: 16, consume_less: 'mem' }, input: [null, 10, 8], version: '1' }));
  assert.equal(mem.weights.length, 12);
});

test("Keras 1 LSTM with consume_less='gpu' concatenates the gates: W, U, b", () => {
  const s = summarize(buildForTest({ className: 'LSTM', kwargs: { output_dim: 16, consume_less: 'gpu', return_sequences: true }, input: [null, 10, 8], version: '1' }));
  assert.deepEqual(s.outputs, [[null, 10, 16]]);
  assert.deepEqual(s.weights, ['W (8, 64)', 'U (16, 64)', 'b (64,)']);
  assert.equal(s.params, 1600);
});

test('GRU reset_after default per version: (2, 3u) bias in tf.keras and Keras 3, (3u,) in Keras 2', () => {
  const expectAfter = ['kernel (8, 48)', 'recurrent_kernel (16, 48)', 'bias (2, 48)'];
  const expectBefore = ['kernel (8, 48)', 'recurrent_kernel (16, 48)', 'bias (48,)'];
  const cases: [KerasVersion, string[], number][] = [
    ['3', expectAfter, 1248],
    ['tf.keras', expectAfter, 1248],
    ['2', expectBefore, 1200],
  ];
  for (const [version, weights, params] of cases) {
    const s = summarize(buildForTest({ className: 'GRU', args: [16], input: [null, 10, 8], version }));
    assert.deepEqual(s.outputs, [[null, 16]], version);
    assert.deepEqual(s.weights, weights, version);
    assert.equal(s.params, params, version);
  }
});

test('GRU reset_after given explicitly overrides the version default, both ways', () => {
  const off = summarize(buildForTest({ className: 'GRU', args: [16], kwargs: { reset_after: false }, input: [null, 10, 8], version: '3' }));
  assert.deepEqual(off.weights, ['kernel (8, 48)', 'recurrent_kernel (16, 48)', 'bias (48,)']);
  assert.equal(off.params, 1200);
  const on = summarize(buildForTest({ className: 'GRU', args: [16], kwargs: { reset_after: true }, input: [null, 10, 8], version: '2' }));
  assert.deepEqual(on.weights, ['kernel (8, 48)', 'recurrent_kernel (16, 48)', 'bias (2, 48)']);
  assert.equal(on.params, 1248);
});

test('GRU return_state gives [output, h]', () => {
  const s = summarize(buildForTest({ className: 'GRU', args: [16], kwargs: { return_sequences: true, return_state: true }, input: [null, 10, 8] }));
  assert.deepEqual(s.outputs, [[null, 10, 16], [null, 16]]);
});

test('Keras 1 GRU: 9 per-gate arrays z, r, h; gpu: 3 concatenated arrays', () => {
  const s = summarize(buildForTest({ className: 'GRU', args: [16], input: [null, 10, 8], version: '1' }));
  assert.deepEqual(s.weights, [
    'W_z (8, 16)', 'U_z (16, 16)', 'b_z (16,)',
    'W_r (8, 16)', 'U_r (16, 16)', 'b_r (16,)',
    'W_h (8, 16)', 'U_h (16, 16)', 'b_h (16,)',
  ]);
  assert.equal(s.params, 1200);
  const gpu = summarize(buildForTest({ className: 'GRU', args: [16], kwargs: { consume_less: 'gpu' }, input: [null, 10, 8], version: '1' }));
  assert.deepEqual(gpu.weights, ['W (8, 48)', 'U (16, 48)', 'b (48,)']);
});

test('SimpleRNN weights and Keras 1 names', () => {
  const s = summarize(buildForTest({ className: 'SimpleRNN', args: [4], kwargs: { return_state: true }, input: [null, 10, 8] }));
  assert.deepEqual(s.outputs, [[null, 4], [null, 4]]);
  assert.deepEqual(s.weights, ['kernel (8, 4)', 'recurrent_kernel (4, 4)', 'bias (4,)']);
  assert.equal(s.params, 52);
  const k1 = summarize(buildForTest({ className: 'SimpleRNN', kwargs: { output_dim: 4 }, input: [null, 10, 8], version: '1' }));
  assert.deepEqual(k1.weights, ['W (8, 4)', 'U (4, 4)', 'b (4,)']);
});

test('RNN on a 2-D input is a rank error (stacking without return_sequences)', () => {
  const s = summarize(buildForTest({ className: 'LSTM', args: [16], input: [null, 16] }));
  assert.deepEqual(s.errors, ['input-rank']);
  assert.equal(s.outputs, undefined);
});

test('stateful=True needs a static batch size', () => {
  const bad = summarize(buildForTest({ className: 'LSTM', args: [16], kwargs: { stateful: true }, input: [null, 10, 8] }));
  assert.deepEqual(bad.errors, ['undefined-dims']);
  const ok = summarize(buildForTest({ className: 'LSTM', args: [16], kwargs: { stateful: true }, input: [32, 10, 8] }));
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(ok.outputs, [[32, 16]]);
});

test('unknown units stay unknown without errors', () => {
  const s = summarize(buildForTest({ className: 'LSTM', args: [{ kind: 'unknown' }], input: [null, 10, 8] }));
  assert.deepEqual(s.errors, []);
  assert.deepEqual(s.outputs, [[null, '?']]);
  assert.equal(s.params, '?');
});

test('Bidirectional(LSTM(16)) concat doubles the last axis and the weights', () => {
  const s = summarize(buildForTest({ className: 'Bidirectional', args: [layerArg('LSTM', [16])], input: [null, 10, 8] }));
  assert.deepEqual(s.outputs, [[null, 32]]);
  assert.deepEqual(s.weights, [
    'forward_lstm/kernel (8, 64)', 'forward_lstm/recurrent_kernel (16, 64)', 'forward_lstm/bias (64,)',
    'backward_lstm/kernel (8, 64)', 'backward_lstm/recurrent_kernel (16, 64)', 'backward_lstm/bias (64,)',
  ]);
  assert.equal(s.params, 3200);
});

test('Bidirectional merge modes sum, mul, ave keep the size; None gives two outputs', () => {
  for (const mode of ['sum', 'mul', 'ave']) {
    const s = summarize(buildForTest({ className: 'Bidirectional', args: [layerArg('LSTM', [16], { return_sequences: true })], kwargs: { merge_mode: mode }, input: [null, 10, 8] }));
    assert.deepEqual(s.outputs, [[null, 10, 16]], mode);
    assert.equal(s.params, 3200, mode);
  }
  const none = summarize(buildForTest({ className: 'Bidirectional', args: [layerArg('GRU', [16])], kwargs: { merge_mode: null }, input: [null, 10, 8] }));
  assert.deepEqual(none.outputs, [[null, 16], [null, 16]]);
  assert.equal(none.params, 2 * 1248);
  const concatSeq = summarize(buildForTest({ className: 'Bidirectional', args: [layerArg('SimpleRNN', [4], { return_sequences: true })], kwargs: { merge_mode: 'concat' }, input: [null, 10, 8] }));
  assert.deepEqual(concatSeq.outputs, [[null, 10, 8]]);
  assert.deepEqual(concatSeq.weights.slice(0, 1), ['forward_simple_rnn/kernel (8, 4)']);
});

test('Bidirectional return_state: [merged, *forward states, *backward states]', () => {
  const s = summarize(buildForTest({ className: 'Bidirectional', args: [layerArg('LSTM', [5], { return_state: true })], input: [null, 10, 8] }));
  assert.deepEqual(s.outputs, [[null, 10], [null, 5], [null, 5], [null, 5], [null, 5]]);
  const none = summarize(buildForTest({ className: 'Bidirectional', args: [layerArg('LSTM', [5], { return_state: true })], kwargs: { merge_mode: null }, input: [null, 10, 8] }));
  assert.deepEqual(none.outputs, [[null, 5], [null, 5], [null, 5], [null, 5], [null, 5], [null, 5]]);
  const gru = summarize(buildForTest({ className: 'Bidirectional', args: [layerArg('GRU', [5], { return_state: true })], kwargs: { merge_mode: 'sum' }, input: [null, 10, 8] }));
  assert.deepEqual(gru.outputs, [[null, 5], [null, 5], [null, 5]]);
});

test('Bidirectional with an invalid merge mode is an error; an inner rank error propagates', () => {
  const bad = summarize(buildForTest({ className: 'Bidirectional', args: [layerArg('LSTM', [16])], kwargs: { merge_mode: 'bogus' }, input: [null, 10, 8] }));
  assert.deepEqual(bad.errors, ['bad-argument']);
  const rank = summarize(buildForTest({ className: 'Bidirectional', args: [layerArg('LSTM', [16])], input: [null, 8] }));
  assert.deepEqual(rank.errors, ['input-rank']);
  assert.equal(rank.outputs, undefined);
});

test('Bidirectional with a backward_layer of another size concatenates both sizes', () => {
  const s = summarize(buildForTest({
    className: 'Bidirectional',
    args: [layerArg('LSTM', [16])],
    kwargs: { backward_layer: layerArg('LSTM', [8], { go_backwards: true }) },
    input: [null, 10, 8],
  }));
  assert.deepEqual(s.outputs, [[null, 24]]);
  assert.deepEqual(s.weights.slice(3), ['lstm/kernel (8, 32)', 'lstm/recurrent_kernel (8, 32)', 'lstm/bias (32,)']);
});

test('TimeDistributed(Dense(8)) on (None, 10, 16)', () => {
  const s = summarize(buildForTest({ className: 'TimeDistributed', args: [layerArg('Dense', [8])], input: [null, 10, 16] }));
  assert.deepEqual(s.outputs, [[null, 10, 8]]);
  assert.deepEqual(s.weights, ['kernel (16, 8)', 'bias (8,)']);
  assert.equal(s.params, 136);
});

test('TimeDistributed(Conv2D(4, 3)) on (None, 5, 10, 10, 3)', () => {
  const s = summarize(buildForTest({ className: 'TimeDistributed', args: [layerArg('Conv2D', [4, 3])], input: [null, 5, 10, 10, 3] }));
  assert.deepEqual(s.outputs, [[null, 5, 8, 8, 4]]);
  assert.deepEqual(s.weights, ['kernel (3, 3, 3, 4)', 'bias (4,)']);
  assert.equal(s.params, 112);
});

test('TimeDistributed needs rank >= 3, and reports the inner layer\'s errors', () => {
  const s = summarize(buildForTest({ className: 'TimeDistributed', args: [layerArg('Dense', [8])], input: [null, 16] }));
  assert.deepEqual(s.errors, ['input-rank']);
  const inner = summarize(buildForTest({ className: 'TimeDistributed', args: [layerArg('Conv2D', [4, 3])], input: [null, 5, 10, 10] }));
  assert.deepEqual(inner.errors, ['input-rank']);
});

test('ConvLSTM2D(4, 3) on (None, 5, 10, 10, 2): 880 params', () => {
  const s = summarize(buildForTest({ className: 'ConvLSTM2D', args: [4, 3], input: [null, 5, 10, 10, 2] }));
  assert.deepEqual(s.outputs, [[null, 8, 8, 4]]);
  assert.deepEqual(s.weights, ['kernel (3, 3, 2, 16)', 'recurrent_kernel (3, 3, 4, 16)', 'bias (16,)']);
  assert.equal(s.params, 880);
  const seq = summarize(buildForTest({ className: 'ConvLSTM2D', args: [4, 3], kwargs: { return_sequences: true, return_state: true, padding: 'same' }, input: [null, 5, 10, 10, 2] }));
  assert.deepEqual(seq.outputs, [[null, 5, 10, 10, 4], [null, 10, 10, 4], [null, 10, 10, 4]]);
  const cf = summarize(buildForTest({ className: 'ConvLSTM2D', args: [4, 3], kwargs: { data_format: 'channels_first', return_sequences: true }, input: [null, 5, 2, 10, 10] }));
  assert.deepEqual(cf.outputs, [[null, 5, 4, 8, 8]]);
  assert.equal(cf.params, 880);
});

test('ConvLSTM2D rank and Keras 3 static spatial checks', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'ConvLSTM2D', args: [4, 3], input: [null, 10, 10, 2] })).errors, ['input-rank']);
  assert.deepEqual(summarize(buildForTest({ className: 'ConvLSTM2D', args: [4, 3], input: [null, 5, null, null, 2] })).errors, ['undefined-dims']);
  const tfk = summarize(buildForTest({ className: 'ConvLSTM2D', args: [4, 3], input: [null, 5, null, null, 2], version: 'tf.keras' }));
  assert.deepEqual(tfk.errors, []);
  assert.deepEqual(tfk.outputs, [[null, null, null, 4]]);
});

test("Keras 1 ConvLSTM2D: 12 per-gate arrays, 'th' kernels filters-first", () => {
  const th = summarize(buildForTest({ className: 'ConvLSTM2D', args: [4, 3, 3], kwargs: { dim_ordering: 'th' }, input: [null, 5, 2, 10, 10], version: '1' }));
  assert.deepEqual(th.outputs, [[null, 4, 8, 8]]);
  assert.deepEqual(th.weights.slice(0, 3), ['W_i (4, 2, 3, 3)', 'U_i (4, 4, 3, 3)', 'b_i (4,)']);
  assert.deepEqual(th.weights.filter(w => w.startsWith('W_')), ['W_i (4, 2, 3, 3)', 'W_c (4, 2, 3, 3)', 'W_f (4, 2, 3, 3)', 'W_o (4, 2, 3, 3)']);
  assert.equal(th.params, 880);
  const tf = summarize(buildForTest({ className: 'ConvLSTM2D', kwargs: { nb_filter: 4, nb_row: 3, nb_col: 3, dim_ordering: 'tf', border_mode: 'same' }, input: [null, 5, 10, 10, 2], version: '1' }));
  assert.deepEqual(tf.outputs, [[null, 10, 10, 4]]);
  assert.deepEqual(tf.weights.slice(0, 3), ['W_i (3, 3, 2, 4)', 'U_i (3, 3, 4, 4)', 'b_i (4,)']);
});

test('Embedding(1000, 64) on (None, 10); Keras 1 names it W; any input rank', () => {
  const s = summarize(buildForTest({ className: 'Embedding', args: [1000, 64], input: [null, 10] }));
  assert.deepEqual(s.outputs, [[null, 10, 64]]);
  assert.deepEqual(s.weights, ['embeddings (1000, 64)']);
  assert.equal(s.params, 64000);
  const k1 = summarize(buildForTest({ className: 'Embedding', args: [1000, 64], kwargs: { input_length: 10 }, input: [null, 10], version: '1' }));
  assert.deepEqual(k1.weights, ['W (1000, 64)']);
  const r3 = summarize(buildForTest({ className: 'Embedding', kwargs: { input_dim: 50, output_dim: 8 }, input: [null, 3, 4] }));
  assert.deepEqual(r3.outputs, [[null, 3, 4, 8]]);
});

test('Embedding input_length fills a None length in tf.keras, is checked against the input, and is ignored by Keras 3', () => {
  const fill = summarize(buildForTest({ className: 'Embedding', args: [1000, 64], kwargs: { input_length: 10 }, input: [null, null], version: 'tf.keras' }));
  assert.deepEqual(fill.outputs, [[null, 10, 64]]);
  const clash = summarize(buildForTest({ className: 'Embedding', args: [1000, 64], kwargs: { input_length: 5 }, input: [null, 10], version: 'tf.keras' }));
  assert.deepEqual(clash.errors, ['bad-argument']);
  const k3 = summarize(buildForTest({ className: 'Embedding', args: [1000, 64], kwargs: { input_length: 5 }, input: [null, null], version: '3' }));
  assert.deepEqual(k3.outputs, [[null, null, 64]]);
  assert.deepEqual(k3.errors, []);
  const zero = summarize(buildForTest({ className: 'Embedding', args: [0, 64], input: [null, 10] }));
  assert.deepEqual(zero.errors, ['bad-argument']);
});
