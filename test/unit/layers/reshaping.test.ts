// Reshaping layers (Flatten per Keras version, Reshape with -1, Permute, RepeatVector) and the image
// preprocessing layers (Rescaling, Resizing, CenterCrop).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildForTest, summarize } from '../../support/buildForTest';

test('Flatten multiplies the non-batch dims in every version', () => {
  for (const version of ['1', '2', 'tf.keras', '3'] as const) {
    const s = summarize(buildForTest({ className: 'Flatten', input: [null, 5, 5, 16], version }));
    assert.deepEqual(s.outputs, [[null, 400]], version);
    assert.deepEqual(s.weights, []);
    assert.equal(s.params, 0);
  }
});

test('Flatten with a None dim: (B, None) in Keras 3 / tf.keras, flatten-undefined in Keras 1 / 2', () => {
  for (const version of ['3', 'tf.keras'] as const) {
    const s = summarize(buildForTest({ className: 'Flatten', input: [null, null, 4], version }));
    assert.deepEqual(s.outputs, [[null, null]], version);
    assert.deepEqual(s.errors, []);
  }
  for (const version of ['1', '2'] as const) {
    const o = buildForTest({ className: 'Flatten', input: [null, null, 4], version });
    const s = summarize(o);
    assert.deepEqual(s.errors, ['flatten-undefined'], version);
    assert.equal(s.outputs, undefined);
    assert.match(o.issues[0].message, /\(None, 4\)/);
    assert.match(o.issues[0].message, /input_shape/);
  }
});

test('Flatten of a 2-D input: passes through in Keras 3 / tf.keras, input-rank in Keras 1 / 2', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Flatten', input: [null, 10] })).outputs, [[null, 10]]);
  assert.deepEqual(summarize(buildForTest({ className: 'Flatten', input: [null, 10], version: 'tf.keras' })).outputs, [[null, 10]]);
  assert.deepEqual(summarize(buildForTest({ className: 'Flatten', input: [null, 10], version: '1' })).errors, ['input-rank']);
  assert.deepEqual(summarize(buildForTest({ className: 'Flatten', input: [null, 10], version: '2' })).errors, ['input-rank']);
  assert.deepEqual(summarize(buildForTest({ className: 'Flatten', input: [null] })).outputs, [[null, 1]]);
});

test('Reshape to a fully given target', () => {
  const s = summarize(buildForTest({ className: 'Reshape', args: [[3, 4]], input: [null, 12] }));
  assert.deepEqual(s.outputs, [[null, 3, 4]]);
  assert.equal(s.params, 0);
});

test('Reshape resolves -1 when the input is fully known', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Reshape', args: [[-1, 2, 2]], input: [null, 12] })).outputs, [[null, 3, 2, 2]]);
  assert.deepEqual(summarize(buildForTest({ className: 'Reshape', kwargs: { target_shape: [7, -1] }, input: [null, 28, 28] })).outputs, [[null, 7, 112]]);
});

test('Reshape keeps -1 as None when the input has a None dim', () => {
  const s = summarize(buildForTest({ className: 'Reshape', args: [[-1, 4]], input: [null, null, 8] }));
  assert.deepEqual(s.outputs, [[null, null, 4]]);
  assert.deepEqual(s.errors, []);
});

test('Reshape errors: two -1s, size mismatch, indivisible -1', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Reshape', args: [[-1, -1]], input: [null, 12] })).errors, ['reshape-multiple-unknown']);
  const o = buildForTest({ className: 'Reshape', args: [[5, 3]], input: [null, 3, 4] });
  assert.deepEqual(summarize(o).errors, ['reshape-size']);
  assert.match(o.issues[0].message, /12/);
  assert.match(o.issues[0].message, /15/);
  assert.deepEqual(summarize(buildForTest({ className: 'Reshape', args: [[5, -1]], input: [null, 3, 4] })).errors, ['reshape-size']);
});

test('Permute reorders the non-batch axes', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Permute', args: [[2, 1]], input: [null, 10, 64] })).outputs, [[null, 64, 10]]);
  assert.deepEqual(summarize(buildForTest({ className: 'Permute', args: [[3, 1, 2]], input: [null, 4, 5, 6] })).outputs, [[null, 6, 4, 5]]);
});

test('Permute: an invalid permutation is bad-argument; a rank mismatch is input-rank', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Permute', args: [[0, 1]], input: [null, 10, 64] })).errors, ['bad-argument']);
  assert.deepEqual(summarize(buildForTest({ className: 'Permute', args: [[1, 3]], input: [null, 10, 64] })).errors, ['bad-argument']);
  assert.deepEqual(summarize(buildForTest({ className: 'Permute', args: [[2, 1]], input: [null, 4, 5, 6] })).errors, ['input-rank']);
});

test('RepeatVector: (B, F) → (B, n, F); a 3-D input is input-rank', () => {
  const s = summarize(buildForTest({ className: 'RepeatVector', args: [3], input: [null, 32] }));
  assert.deepEqual(s.outputs, [[null, 3, 32]]);
  assert.equal(s.params, 0);
  assert.deepEqual(summarize(buildForTest({ className: 'RepeatVector', args: [3], input: [null, 4, 32] })).errors, ['input-rank']);
});

test('Rescaling passes the shape through', () => {
  const s = summarize(buildForTest({ className: 'Rescaling', args: [1 / 255], input: [null, 32, 32, 3] }));
  assert.deepEqual(s.outputs, [[null, 32, 32, 3]]);
  assert.equal(s.params, 0);
});

test('Resizing replaces height and width per data_format', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Resizing', args: [64, 48], input: [null, 32, 32, 3] })).outputs, [[null, 64, 48, 3]]);
  assert.deepEqual(summarize(buildForTest({ className: 'Resizing', args: [64, 48], kwargs: { data_format: 'channels_first' }, input: [null, 3, 32, 32] })).outputs, [[null, 3, 64, 48]]);
  assert.deepEqual(summarize(buildForTest({ className: 'Resizing', args: [64, 48], input: [null, null, null, 3], version: 'tf.keras' })).outputs, [[null, 64, 48, 3]]);
});

test('CenterCrop gives the target size, also when the target is larger than the input', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'CenterCrop', args: [24, 24], input: [null, 32, 32, 3] })).outputs, [[null, 24, 24, 3]]);
  const big = buildForTest({ className: 'CenterCrop', args: [40, 40], input: [null, 32, 32, 3] });
  assert.deepEqual(summarize(big).outputs, [[null, 40, 40, 3]]);
  assert.deepEqual(summarize(big).errors, []);
  assert.deepEqual(summarize(buildForTest({ className: 'CenterCrop', args: [0, 10], input: [null, 32, 32, 3] })).errors, ['bad-argument']);
});
