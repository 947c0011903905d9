// Pooling rules checked with exact shapes: strides defaulting to pool_size, padding, data formats (including
// the 1-D defaults that differ between tf.keras and Keras 3), Keras 1 spellings, global pooling and errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildForTest, summarize } from '../../support/buildForTest';

test('MaxPooling2D() halves 28x28 and has no weights', () => {
  const outcome = buildForTest({ className: 'MaxPooling2D', input: [null, 28, 28, 3] });
  const s = summarize(outcome);
  assert.deepEqual(s.outputs, [[null, 14, 14, 3]]);
  assert.deepEqual(s.weights, []);
  assert.equal(s.params, 0);
  assert.deepEqual(outcome.explanations, ['rows: floor((28 − 2) / 2) + 1 = 14', 'cols: floor((28 − 2) / 2) + 1 = 14']);
  assert.ok(outcome.notes.some(n => n.includes('strides default to pool_size (2, 2)')));
});

test('MaxPooling2D(3): strides default to 3, not 1', () => {
  const s = summarize(buildForTest({ className: 'MaxPooling2D', args: [3], input: [null, 28, 28, 3] }));
  assert.deepEqual(s.outputs, [[null, 9, 9, 3]]);
});

test("MaxPool2D(3, strides=2, padding='same') and AveragePooling2D with per-axis pool and strides", () => {
  const same = summarize(buildForTest({ className: 'MaxPool2D', args: [3], kwargs: { strides: 2, padding: 'same' }, input: [null, 28, 27, 3] }));
  assert.deepEqual(same.outputs, [[null, 14, 14, 3]]);
  const avg = summarize(buildForTest({ className: 'AveragePooling2D', args: [[2, 3]], kwargs: { strides: [1, 2] }, input: [null, 10, 10, 1] }));
  assert.deepEqual(avg.outputs, [[null, 9, 4, 1]]);
  const upper = summarize(buildForTest({ className: 'AvgPool2D', kwargs: { padding: 'SAME' }, input: [null, 5, 5, 1] }));
  assert.deepEqual(upper.outputs, [[null, 3, 3, 1]]);
});

test('MaxPooling2D channels_first pools axes 2 and 3', () => {
  const s = summarize(buildForTest({ className: 'MaxPooling2D', kwargs: { data_format: 'channels_first' }, input: [null, 3, 28, 28] }));
  assert.deepEqual(s.outputs, [[null, 3, 14, 14]]);
  const byDefault = summarize(buildForTest({ className: 'MaxPooling2D', input: [null, 3, 28, 28], dataFormat: 'channels_first' }));
  assert.deepEqual(byDefault.outputs, [[null, 3, 14, 14]]);
});

test("MaxPooling1D: default pool 2; channels_first pools axis 2; tf.keras ignores a 'channels_first' config default, Keras 3 does not", () => {
  assert.deepEqual(summarize(buildForTest({ className: 'MaxPooling1D', input: [null, 10, 4] })).outputs, [[null, 5, 4]]);
  assert.deepEqual(summarize(buildForTest({ className: 'MaxPooling1D', kwargs: { data_format: 'channels_first' }, input: [null, 4, 10] })).outputs, [[null, 4, 5]]);
  assert.deepEqual(summarize(buildForTest({ className: 'MaxPooling1D', input: [null, 10, 4], version: 'tf.keras', dataFormat: 'channels_first' })).outputs, [[null, 5, 4]]);
  assert.deepEqual(summarize(buildForTest({ className: 'MaxPooling1D', input: [null, 10, 4], version: '3', dataFormat: 'channels_first' })).outputs, [[null, 10, 2]]);
});

test('Keras 1 MaxPooling1D(pool_length, stride, border_mode) and positional forms', () => {
  const kw = summarize(buildForTest({ className: 'MaxPooling1D', kwargs: { pool_length: 3, stride: 1, border_mode: 'valid' }, input: [null, 10, 4], version: '1' }));
  assert.deepEqual(kw.outputs, [[null, 8, 4]]);
  const pos = summarize(buildForTest({ className: 'MaxPooling1D', args: [3], input: [null, 10, 4], version: '1', dataFormat: 'channels_first' }));
  assert.deepEqual(pos.outputs, [[null, 3, 4]]);
  const avg = summarize(buildForTest({ className: 'AveragePooling1D', args: [2, 1, 'same'], input: [null, 10, 4], version: '1' }));
  assert.deepEqual(avg.outputs, [[null, 10, 4]]);
});

test("Keras 1 MaxPooling2D((2, 2), (2, 2), 'valid', 'th') positional", () => {
  const s = summarize(buildForTest({ className: 'MaxPooling2D', args: [[2, 2], [2, 2], 'valid', 'th'], input: [null, 3, 28, 28], version: '1' }));
  assert.deepEqual(s.outputs, [[null, 3, 14, 14]]);
  const kw = summarize(buildForTest({ className: 'AveragePooling2D', kwargs: { pool_size: [3, 3], strides: [1, 1], border_mode: 'valid', dim_ordering: 'tf' }, input: [null, 8, 8, 2], version: '1', dataFormat: 'channels_first' }));
  assert.deepEqual(kw.outputs, [[null, 6, 6, 2]]);
});

test('3-D pooling: MaxPooling3D() and AvgPool3D with strides 1', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'MaxPooling3D', input: [null, 8, 8, 8, 2] })).outputs, [[null, 4, 4, 4, 2]]);
  assert.deepEqual(summarize(buildForTest({ className: 'AvgPool3D', kwargs: { strides: 1 }, input: [null, 8, 8, 8, 2] })).outputs, [[null, 7, 7, 7, 2]]);
  assert.deepEqual(summarize(buildForTest({ className: 'AveragePooling3D', kwargs: { data_format: 'channels_first' }, input: [null, 2, 8, 6, 4] })).outputs, [[null, 2, 4, 3, 2]]);
});

test('None spatial dims stay None; unknown pool sizes stay unknown', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'MaxPooling2D', input: [null, null, 28, 3] })).outputs, [[null, null, 14, 3]]);
  const u = summarize(buildForTest({ className: 'MaxPooling2D', args: [{ kind: 'unknown' }], input: [null, 28, 28, 3] }));
  assert.deepEqual(u.outputs, [[null, '?', '?', 3]]);
  assert.deepEqual(u.errors, []);
});

test("pooling errors: 'valid' output <= 0, zero pool size, bad padding, wrong rank", () => {
  const small = summarize(buildForTest({ className: 'MaxPooling2D', args: [3], input: [null, 2, 2, 1] }));
  assert.deepEqual(small.errors, ['nonpositive-output']);
  assert.equal(small.outputs, undefined);
  assert.deepEqual(summarize(buildForTest({ className: 'MaxPooling2D', args: [0], input: [null, 4, 4, 1] })).errors, ['bad-argument']);
  assert.deepEqual(summarize(buildForTest({ className: 'MaxPooling1D', kwargs: { padding: 'causal' }, input: [null, 4, 1] })).errors, ['bad-argument']);
  assert.deepEqual(summarize(buildForTest({ className: 'MaxPooling2D', input: [null, 4, 1] })).errors, ['input-rank']);
});

test('GlobalAveragePooling2D: (7, 7, 512) → (512); keepdims; channels_first', () => {
  const outcome = buildForTest({ className: 'GlobalAveragePooling2D', input: [null, 7, 7, 512] });
  const s = summarize(outcome);
  assert.deepEqual(s.outputs, [[null, 512]]);
  assert.deepEqual(s.weights, []);
  assert.equal(s.params, 0);
  assert.deepEqual(summarize(buildForTest({ className: 'GlobalAvgPool2D', kwargs: { keepdims: true }, input: [null, 7, 7, 512] })).outputs, [[null, 1, 1, 512]]);
  assert.deepEqual(summarize(buildForTest({ className: 'GlobalAveragePooling2D', kwargs: { keepdims: true, data_format: 'channels_first' }, input: [null, 512, 7, 7] })).outputs, [[null, 512, 1, 1]]);
  assert.deepEqual(summarize(buildForTest({ className: 'GlobalMaxPooling2D', kwargs: { data_format: 'channels_first' }, input: [null, 512, 7, 7] })).outputs, [[null, 512]]);
});

test('GlobalMax/AveragePooling1D and 3D, with the 1-D data_format defaults', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'GlobalMaxPool1D', input: [null, null, 8] })).outputs, [[null, 8]]);
  assert.deepEqual(summarize(buildForTest({ className: 'GlobalAveragePooling1D', kwargs: { data_format: 'channels_first' }, input: [null, 8, 10] })).outputs, [[null, 8]]);
  assert.deepEqual(summarize(buildForTest({ className: 'GlobalAveragePooling1D', input: [null, 10, 8], version: 'tf.keras', dataFormat: 'channels_first' })).outputs, [[null, 8]]);
  assert.deepEqual(summarize(buildForTest({ className: 'GlobalMaxPooling1D', kwargs: { keepdims: true }, input: [null, 10, 8] })).outputs, [[null, 1, 8]]);
  assert.deepEqual(summarize(buildForTest({ className: 'GlobalMaxPooling3D', input: [null, 4, 4, 4, 3] })).outputs, [[null, 3]]);
  assert.deepEqual(summarize(buildForTest({ className: 'GlobalAvgPool3D', kwargs: { keepdims: true }, input: [null, 4, 4, 4, 3] })).outputs, [[null, 1, 1, 1, 3]]);
});

test("Keras 1 GlobalAveragePooling2D(dim_ordering='th') and a rank error", () => {
  assert.deepEqual(summarize(buildForTest({ className: 'GlobalAveragePooling2D', kwargs: { dim_ordering: 'th' }, input: [null, 512, 7, 7], version: '1' })).outputs, [[null, 512]]);
  assert.deepEqual(summarize(buildForTest({ className: 'GlobalAveragePooling2D', input: [null, 10, 8] })).errors, ['input-rank']);
});
