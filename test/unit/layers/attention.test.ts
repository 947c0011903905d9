// Attention rules (MultiHeadAttention, Attention, AdditiveAttention): output shapes, weights in
// get_weights() order, attention scores via the call option, and incompatible inputs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildForTest, makeLayer, summarize } from '../../support/buildForTest';
import { buildLayer } from '../../../server/src/infer/buildLayer';
import type { ArgValue } from '../../../server/src/ir/values';
import type { Shape } from '../../../server/src/infer/shape';

function withCallOptions(className: string, kwargs: Record<string, ArgValue>, inputs: Shape[], options: Record<string, unknown>) {
  const layer = makeLayer(className, [], kwargs);
  return summarize(buildLayer(layer, inputs, { version: '3', defaultDataFormat: 'channels_last' }, new Map(Object.entries(options))));
}

const MHA_WEIGHTS = [
  'query/kernel (32, 2, 16)', 'query/bias (2, 16)',
  'key/kernel (32, 2, 16)', 'key/bias (2, 16)',
  'value/kernel (32, 2, 16)', 'value/bias (2, 16)',
  'attention_output/kernel (2, 16, 32)', 'attention_output/bias (32,)',
];

test('MultiHeadAttention(2, 16) on query (None, 8, 32), value (None, 10, 32)', () => {
  const s = summarize(buildForTest({ className: 'MultiHeadAttention', kwargs: { num_heads: 2, key_dim: 16 }, input: [[null, 8, 32], [null, 10, 32]] }));
  assert.deepEqual(s.outputs, [[null, 8, 32]]);
  assert.deepEqual(s.weights, MHA_WEIGHTS);
  assert.equal(s.params, 4224);
});

test('MultiHeadAttention key defaults to value; a separate key has its own kernel', () => {
  const s = summarize(buildForTest({ className: 'MultiHeadAttention', args: [2, 16], input: [[null, 8, 32], [null, 10, 40], [null, 10, 24]] }));
  assert.deepEqual(s.weights.slice(0, 6), ['query/kernel (32, 2, 16)', 'query/bias (2, 16)', 'key/kernel (24, 2, 16)', 'key/bias (2, 16)', 'value/kernel (40, 2, 16)', 'value/bias (2, 16)']);
  assert.deepEqual(s.outputs, [[null, 8, 32]]);
});

test('MultiHeadAttention value_dim, output_shape, use_bias=False, use_gate', () => {
  const s = summarize(buildForTest({ className: 'MultiHeadAttention', kwargs: { num_heads: 2, key_dim: 16, value_dim: 8, output_shape: 64 }, input: [[null, 8, 32], [null, 10, 32]] }));
  assert.deepEqual(s.outputs, [[null, 8, 64]]);
  assert.deepEqual(s.weights.slice(4), ['value/kernel (32, 2, 8)', 'value/bias (2, 8)', 'attention_output/kernel (2, 8, 64)', 'attention_output/bias (64,)']);
  const nb = summarize(buildForTest({ className: 'MultiHeadAttention', kwargs: { num_heads: 2, key_dim: 16, use_bias: false }, input: [[null, 8, 32], [null, 10, 32]] }));
  assert.deepEqual(nb.weights, ['query/kernel (32, 2, 16)', 'key/kernel (32, 2, 16)', 'value/kernel (32, 2, 16)', 'attention_output/kernel (2, 16, 32)']);
  assert.equal(nb.params, 4096);
  const gate = summarize(buildForTest({ className: 'MultiHeadAttention', kwargs: { num_heads: 2, key_dim: 16, use_gate: true }, input: [[null, 8, 32], [null, 10, 32]] }));
  assert.deepEqual(gate.weights, [
    'query/kernel (32, 2, 16)', 'query/bias (2, 16)', 'key/kernel (32, 2, 16)', 'key/bias (2, 16)',
    'gate/kernel (32, 2, 16)', 'gate/bias (2, 16)',
    'value/kernel (32, 2, 16)', 'value/bias (2, 16)', 'attention_output/kernel (2, 16, 32)', 'attention_output/bias (32,)',
  ]);
});

test('MultiHeadAttention return_attention_scores adds (B, H, Tq, Tv)', () => {
  const s = withCallOptions('MultiHeadAttention', { num_heads: 2, key_dim: 16 }, [[null, 8, 32], [null, 10, 32]], { return_attention_scores: true });
  assert.deepEqual(s.outputs, [[null, 8, 32], [null, 2, 8, 10]]);
  const axes = withCallOptions('MultiHeadAttention', { num_heads: 3, key_dim: 4, attention_axes: [2] }, [[null, 5, 6, 12], [null, 5, 7, 12]], { return_attention_scores: true });
  assert.deepEqual(axes.outputs, [[null, 5, 6, 12], [null, 5, 3, 6, 7]]);
  const all = withCallOptions('MultiHeadAttention', { num_heads: 3, key_dim: 4 }, [[null, 5, 6, 12], [null, 4, 7, 12]], { return_attention_scores: true });
  assert.deepEqual(all.outputs?.[1], [null, 3, 5, 6, 4, 7]);
});

test('MultiHeadAttention value and key must agree except the last axis', () => {
  const s = summarize(buildForTest({ className: 'MultiHeadAttention', args: [2, 16], input: [[null, 8, 32], [null, 10, 32], [null, 12, 32]] }));
  assert.deepEqual(s.errors, ['merge-incompatible']);
  const one = summarize(buildForTest({ className: 'MultiHeadAttention', args: [2, 16], input: [[null, 8, 32]] }));
  assert.deepEqual(one.errors, ['merge-incompatible']);
});

test('Attention: no weights by default; use_scale and concat add scalars', () => {
  const s = summarize(buildForTest({ className: 'Attention', input: [[null, 8, 16], [null, 10, 16]] }));
  assert.deepEqual(s.outputs, [[null, 8, 16]]);
  assert.deepEqual(s.weights, []);
  const sc = summarize(buildForTest({ className: 'Attention', kwargs: { use_scale: true, score_mode: 'concat' }, input: [[null, 8, 16], [null, 10, 16]] }));
  assert.deepEqual(sc.weights, ['scale ()', 'concat_score_weight ()']);
  assert.equal(sc.params, 2);
  const v = summarize(buildForTest({ className: 'Attention', input: [[null, 8, 16], [null, 10, 32], [null, 10, 16]] }));
  assert.deepEqual(v.outputs, [[null, 8, 32]]);
  const scores = withCallOptions('Attention', {}, [[null, 8, 16], [null, 10, 16]], { return_attention_scores: true });
  assert.deepEqual(scores.outputs, [[null, 8, 16], [null, 8, 10]]);
});

test('Attention: mismatched query/key features and wrong input counts are errors', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Attention', input: [[null, 8, 16], [null, 10, 8]] })).errors, ['merge-incompatible']);
  assert.deepEqual(summarize(buildForTest({ className: 'Attention', input: [[null, 8, 16]] })).errors, ['merge-incompatible']);
  assert.deepEqual(summarize(buildForTest({ className: 'Attention', kwargs: { score_mode: 'add' }, input: [[null, 8, 16], [null, 10, 16]] })).errors, ['bad-argument']);
});

test('AdditiveAttention has scale (D,) by default', () => {
  const s = summarize(buildForTest({ className: 'AdditiveAttention', input: [[null, 8, 16], [null, 10, 16]] }));
  assert.deepEqual(s.outputs, [[null, 8, 16]]);
  assert.deepEqual(s.weights, ['scale (16,)']);
  const off = summarize(buildForTest({ className: 'AdditiveAttention', kwargs: { use_scale: false }, input: [[null, 8, 16], [null, 10, 16]] }));
  assert.deepEqual(off.weights, []);
});
