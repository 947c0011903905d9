// ZeroPadding, Cropping and UpSampling (1-D/2-D/3-D) checked with exact shapes: every accepted form of the
// padding/cropping argument (Keras 1 dict and flat 4-tuple included), data formats and the errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArgValue, DictValue } from '../../../server/src/ir/values';
import { buildForTest, summarize } from '../../support/buildForTest';

const dict = (o: Record<string, ArgValue>): DictValue => ({ kind: 'dict', entries: new Map(Object.entries(o)) });

// ---- ZeroPadding ----

test('ZeroPadding2D: default 1, symmetric pair, and ((top, bottom), (left, right)); no weights', () => {
  const outcome = buildForTest({ className: 'ZeroPadding2D', input: [null, 28, 28, 3] });
  const s = summarize(outcome);
  assert.deepEqual(s.outputs, [[null, 30, 30, 3]]);
  assert.deepEqual(s.weights, []);
  assert.equal(s.params, 0);
  assert.deepEqual(outcome.explanations, ['rows: 28 + 1 + 1 = 30', 'cols: 28 + 1 + 1 = 30']);
  assert.deepEqual(summarize(buildForTest({ className: 'ZeroPadding2D', args: [[2, 1]], input: [null, 28, 28, 3] })).outputs, [[null, 32, 30, 3]]);
  assert.deepEqual(summarize(buildForTest({ className: 'ZeroPadding2D', args: [[[1, 2], [3, 4]]], input: [null, 28, 28, 3] })).outputs, [[null, 31, 35, 3]]);
  assert.deepEqual(summarize(buildForTest({ className: 'ZeroPadding2D', args: [[2, [0, 1]]], input: [null, 28, 28, 3] })).outputs, [[null, 32, 29, 3]]);
});

test('ZeroPadding2D channels_first (explicit and by config default)', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'ZeroPadding2D', args: [1], kwargs: { data_format: 'channels_first' }, input: [null, 3, 28, 28] })).outputs, [[null, 3, 30, 30]]);
  assert.deepEqual(summarize(buildForTest({ className: 'ZeroPadding2D', args: [2], input: [null, 3, 28, 28], dataFormat: 'channels_first' })).outputs, [[null, 3, 32, 32]]);
});

test('Keras 1 ZeroPadding2D: dict with missing keys as 0, flat (top, bottom, left, right), th ordering', () => {
  const d = summarize(buildForTest({ className: 'ZeroPadding2D', kwargs: { padding: dict({ top_pad: 1, left_pad: 2 }) }, input: [null, 28, 28, 3], version: '1' }));
  assert.deepEqual(d.outputs, [[null, 29, 30, 3]]);
  const flat = summarize(buildForTest({ className: 'ZeroPadding2D', args: [[1, 2, 3, 4]], input: [null, 28, 28, 3], version: '1' }));
  assert.deepEqual(flat.outputs, [[null, 31, 35, 3]]);
  const th = summarize(buildForTest({ className: 'ZeroPadding2D', args: [[1, 2], 'th'], input: [null, 3, 28, 28], version: '1' }));
  assert.deepEqual(th.outputs, [[null, 3, 30, 32]]);
});

test('ZeroPadding2D: the Keras 1 forms are errors in Keras 3; an unknown dict key is an error in Keras 1', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'ZeroPadding2D', args: [[1, 2, 3, 4]], input: [null, 28, 28, 3] })).errors, ['bad-argument']);
  assert.deepEqual(summarize(buildForTest({ className: 'ZeroPadding2D', args: [dict({ top_pad: 1 })], input: [null, 28, 28, 3] })).errors, ['bad-argument']);
  assert.deepEqual(summarize(buildForTest({ className: 'ZeroPadding2D', args: [dict({ up_pad: 1 })], input: [null, 28, 28, 3], version: '1' })).errors, ['bad-argument']);
  assert.deepEqual(summarize(buildForTest({ className: 'ZeroPadding2D', args: [[1, 2, 3]], input: [null, 28, 28, 3] })).errors, ['bad-argument']);
  assert.deepEqual(summarize(buildForTest({ className: 'ZeroPadding2D', args: [-1], input: [null, 28, 28, 3] })).errors, ['bad-argument']);
});

test('ZeroPadding1D: int, (left, right), Keras 1 dict; None stays None', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'ZeroPadding1D', args: [2], input: [null, 10, 4] })).outputs, [[null, 14, 4]]);
  assert.deepEqual(summarize(buildForTest({ className: 'ZeroPadding1D', args: [[1, 2]], input: [null, 10, 4] })).outputs, [[null, 13, 4]]);
  assert.deepEqual(summarize(buildForTest({ className: 'ZeroPadding1D', args: [dict({ left_pad: 3 })], input: [null, 10, 4], version: '1' })).outputs, [[null, 13, 4]]);
  assert.deepEqual(summarize(buildForTest({ className: 'ZeroPadding1D', args: [2], input: [null, null, 4] })).outputs, [[null, null, 4]]);
  assert.deepEqual(summarize(buildForTest({ className: 'ZeroPadding1D', args: [2], input: [null, 10, 4], version: 'tf.keras', dataFormat: 'channels_first' })).outputs, [[null, 14, 4]]);
});

test('ZeroPadding3D: int and three pairs, channels_first', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'ZeroPadding3D', input: [null, 4, 4, 4, 1] })).outputs, [[null, 6, 6, 6, 1]]);
  assert.deepEqual(summarize(buildForTest({ className: 'ZeroPadding3D', args: [[[1, 1], [2, 2], [0, 3]]], input: [null, 4, 4, 4, 1] })).outputs, [[null, 6, 8, 7, 1]]);
  assert.deepEqual(summarize(buildForTest({ className: 'ZeroPadding3D', args: [[1, 2, 3]], kwargs: { data_format: 'channels_first' }, input: [null, 1, 4, 4, 4] })).outputs, [[null, 1, 6, 8, 10]]);
});

// ---- Cropping ----

test("Keras 1 Cropping2D(((2, 2), (4, 4)), 'th') on (3, 28, 28) → (3, 24, 20)", () => {
  const s = summarize(buildForTest({ className: 'Cropping2D', kwargs: { cropping: [[2, 2], [4, 4]], dim_ordering: 'th' }, input: [null, 3, 28, 28], version: '1' }));
  assert.deepEqual(s.outputs, [[null, 3, 24, 20]]);
  assert.deepEqual(s.weights, []);
});

test('Cropping2D int and symmetric pair; default crops nothing', () => {
  const outcome = buildForTest({ className: 'Cropping2D', args: [2], input: [null, 28, 28, 3] });
  assert.deepEqual(summarize(outcome).outputs, [[null, 24, 24, 3]]);
  assert.deepEqual(outcome.explanations, ['rows: 28 − 2 − 2 = 24', 'cols: 28 − 2 − 2 = 24']);
  assert.deepEqual(summarize(buildForTest({ className: 'Cropping2D', args: [[1, 2]], input: [null, 28, 28, 3] })).outputs, [[null, 26, 24, 3]]);
  assert.deepEqual(summarize(buildForTest({ className: 'Cropping2D', input: [null, 28, 28, 3] })).outputs, [[null, 28, 28, 3]]);
});

test('Cropping1D default (1, 1) and int; Cropping3D default and channels_first', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Cropping1D', input: [null, 10, 4] })).outputs, [[null, 8, 4]]);
  assert.deepEqual(summarize(buildForTest({ className: 'Cropping1D', args: [2], input: [null, 10, 4] })).outputs, [[null, 6, 4]]);
  assert.deepEqual(summarize(buildForTest({ className: 'Cropping1D', args: [[0, 3]], input: [null, 10, 4], dataFormat: 'channels_first' })).outputs, [[null, 7, 4]]);
  assert.deepEqual(summarize(buildForTest({ className: 'Cropping3D', input: [null, 6, 6, 6, 2] })).outputs, [[null, 4, 4, 4, 2]]);
  assert.deepEqual(summarize(buildForTest({ className: 'Cropping3D', args: [[[0, 1], [1, 1], 2]], kwargs: { data_format: 'channels_first' }, input: [null, 2, 6, 6, 6] })).outputs, [[null, 2, 5, 4, 2]]);
});

test('Cropping errors: result <= 0 is nonpositive-output; malformed, legacy or negative cropping is bad-argument', () => {
  const all = summarize(buildForTest({ className: 'Cropping2D', args: [[[14, 14], [0, 0]]], input: [null, 28, 28, 3] }));
  assert.deepEqual(all.errors, ['nonpositive-output']);
  assert.equal(all.outputs, undefined);
  assert.deepEqual(summarize(buildForTest({ className: 'Cropping1D', args: [[5, 5]], input: [null, 10, 4] })).errors, ['nonpositive-output']);
  assert.deepEqual(summarize(buildForTest({ className: 'Cropping2D', args: [[[1, 2, 3], [0, 0]]], input: [null, 28, 28, 3] })).errors, ['bad-argument']);
  assert.deepEqual(summarize(buildForTest({ className: 'Cropping2D', args: [[1, 2, 3, 4]], input: [null, 28, 28, 3], version: '1' })).errors, ['bad-argument']);
  assert.deepEqual(summarize(buildForTest({ className: 'Cropping1D', args: [[-1, 2]], input: [null, 10, 4] })).errors, ['bad-argument']);
  // None spatial dims cannot be checked and stay None.
  assert.deepEqual(summarize(buildForTest({ className: 'Cropping2D', args: [20], input: [null, null, 28, 3] })).errors, ['nonpositive-output']);
  assert.deepEqual(summarize(buildForTest({ className: 'Cropping2D', args: [[20, 2]], input: [null, null, 28, 3] })).outputs, [[null, null, 24, 3]]);
});

// ---- UpSampling ----

test('UpSampling2D: default 2, per-axis size, channels_first; no weights', () => {
  const outcome = buildForTest({ className: 'UpSampling2D', input: [null, 7, 7, 16] });
  const s = summarize(outcome);
  assert.deepEqual(s.outputs, [[null, 14, 14, 16]]);
  assert.deepEqual(s.weights, []);
  assert.equal(s.params, 0);
  assert.deepEqual(outcome.explanations, ['rows: 7 × 2 = 14', 'cols: 7 × 2 = 14']);
  assert.deepEqual(summarize(buildForTest({ className: 'UpSampling2D', args: [[2, 3]], kwargs: { interpolation: 'bilinear' }, input: [null, 7, 7, 16] })).outputs, [[null, 14, 21, 16]]);
  assert.deepEqual(summarize(buildForTest({ className: 'UpSampling2D', kwargs: { size: 3, data_format: 'channels_first' }, input: [null, 16, 7, 5] })).outputs, [[null, 16, 21, 15]]);
});

test("UpSampling1D size / Keras 1 length; UpSampling3D; Keras 1 UpSampling2D 'th'", () => {
  assert.deepEqual(summarize(buildForTest({ className: 'UpSampling1D', args: [3], input: [null, 5, 4] })).outputs, [[null, 15, 4]]);
  assert.deepEqual(summarize(buildForTest({ className: 'UpSampling1D', kwargs: { length: 3 }, input: [null, 5, 4], version: '1' })).outputs, [[null, 15, 4]]);
  assert.deepEqual(summarize(buildForTest({ className: 'UpSampling1D', input: [null, null, 4] })).outputs, [[null, null, 4]]);
  assert.deepEqual(summarize(buildForTest({ className: 'UpSampling3D', args: [2], input: [null, 2, 3, 4, 1] })).outputs, [[null, 4, 6, 8, 1]]);
  assert.deepEqual(summarize(buildForTest({ className: 'UpSampling3D', args: [[1, 2, 3]], kwargs: { data_format: 'channels_first' }, input: [null, 1, 2, 3, 4] })).outputs, [[null, 1, 2, 6, 12]]);
  assert.deepEqual(summarize(buildForTest({ className: 'UpSampling2D', args: [[2, 2], 'th'], input: [null, 3, 7, 7], version: '1' })).outputs, [[null, 3, 14, 14]]);
});

test('UpSampling errors: zero size, wrong tuple length, wrong rank', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'UpSampling2D', args: [0], input: [null, 7, 7, 3] })).errors, ['bad-argument']);
  assert.deepEqual(summarize(buildForTest({ className: 'UpSampling2D', args: [[2, 2, 2]], input: [null, 7, 7, 3] })).errors, ['bad-argument']);
  assert.deepEqual(summarize(buildForTest({ className: 'UpSampling2D', input: [null, 7, 3] })).errors, ['input-rank']);
});
