// Normalization rules (BatchNormalization, LayerNormalization, GroupNormalization, UnitNormalization): output
// = input, exact parameter shapes per axis, trainable flags, and the provable errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildForTest, summarize } from '../../support/buildForTest';

test('BatchNormalization on (None, 28, 28, 16): 4C params, 2C trainable', () => {
  const o = buildForTest({ className: 'BatchNormalization', input: [null, 28, 28, 16] });
  const s = summarize(o);
  assert.deepEqual(s.outputs, [[null, 28, 28, 16]]);
  assert.deepEqual(s.weights, ['gamma (16,)', 'beta (16,)', 'moving_mean (16,)', 'moving_variance (16,)']);
  assert.equal(s.params, 64);
  assert.deepEqual(o.result?.weights.map(w => w.trainable), [true, true, false, false]);
});

test('BatchNormalization axis=1 on channels_last images uses the rows axis', () => {
  const s = summarize(buildForTest({ className: 'BatchNormalization', kwargs: { axis: 1 }, input: [null, 28, 28, 16] }));
  assert.deepEqual(s.weights, ['gamma (28,)', 'beta (28,)', 'moving_mean (28,)', 'moving_variance (28,)']);
  assert.equal(s.params, 112);
});

test('BatchNormalization center/scale off, Keras 1 names', () => {
  const s = summarize(buildForTest({ className: 'BatchNormalization', kwargs: { center: false }, input: [null, 10] }));
  assert.deepEqual(s.weights, ['gamma (10,)', 'moving_mean (10,)', 'moving_variance (10,)']);
  const n = summarize(buildForTest({ className: 'BatchNormalization', kwargs: { center: false, scale: false }, input: [null, 10] }));
  assert.deepEqual(n.weights, ['moving_mean (10,)', 'moving_variance (10,)']);
  const k1 = buildForTest({ className: 'BatchNormalization', kwargs: { mode: 0, axis: 1 }, input: [null, 3, 32, 32], version: '1' });
  assert.deepEqual(summarize(k1).weights, ['gamma (3,)', 'beta (3,)', 'running_mean (3,)', 'running_std (3,)']);
  assert.deepEqual(k1.result?.weights.map(w => w.trainable), [true, true, false, false]);
});

test('BatchNormalization: undefined axis dimension and out-of-bounds axis are errors', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'BatchNormalization', input: [null, null] })).errors, ['undefined-dims']);
  assert.deepEqual(summarize(buildForTest({ className: 'BatchNormalization', kwargs: { axis: 4 }, input: [null, 28, 28, 16] })).errors, ['bad-argument']);
  const ok = summarize(buildForTest({ className: 'BatchNormalization', input: [null, null, 8] }));
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(ok.outputs, [[null, null, 8]]);
});

test('BatchNormalization with several axes in tf.keras keeps the rank with 1s elsewhere', () => {
  const s = summarize(buildForTest({ className: 'BatchNormalization', kwargs: { axis: [1, 3] }, input: [null, 5, 6, 7], version: 'tf.keras' }));
  assert.deepEqual(s.weights, ['gamma (1, 5, 1, 7)', 'beta (1, 5, 1, 7)', 'moving_mean (1, 5, 1, 7)', 'moving_variance (1, 5, 1, 7)']);
});

test('LayerNormalization axis -1 and a list of axes', () => {
  const s = summarize(buildForTest({ className: 'LayerNormalization', input: [null, 5, 10] }));
  assert.deepEqual(s.outputs, [[null, 5, 10]]);
  assert.deepEqual(s.weights, ['gamma (10,)', 'beta (10,)']);
  assert.equal(s.params, 20);
  const l = summarize(buildForTest({ className: 'LayerNormalization', kwargs: { axis: [1, 2] }, input: [null, 5, 10] }));
  assert.deepEqual(l.weights, ['gamma (5, 10)', 'beta (5, 10)']);
  assert.equal(l.params, 100);
  const rms = summarize(buildForTest({ className: 'LayerNormalization', kwargs: { rms_scaling: true }, input: [null, 5, 10] }));
  assert.deepEqual(rms.weights, ['gamma (10,)']);
  assert.deepEqual(summarize(buildForTest({ className: 'LayerNormalization', kwargs: { axis: [-1, 2] }, input: [null, 5, 10] })).errors, ['bad-argument']);
});

test('GroupNormalization: channels must be a multiple of groups (default 32)', () => {
  const s = summarize(buildForTest({ className: 'GroupNormalization', input: [null, 8, 8, 64] }));
  assert.deepEqual(s.outputs, [[null, 8, 8, 64]]);
  assert.deepEqual(s.weights, ['gamma (64,)', 'beta (64,)']);
  assert.equal(s.params, 128);
  assert.deepEqual(summarize(buildForTest({ className: 'GroupNormalization', input: [null, 8, 8, 48] })).errors, ['bad-argument']);
  const g4 = summarize(buildForTest({ className: 'GroupNormalization', kwargs: { groups: 4 }, input: [null, 8, 8, 48] }));
  assert.deepEqual(g4.errors, []);
  assert.deepEqual(g4.weights, ['gamma (48,)', 'beta (48,)']);
  assert.deepEqual(summarize(buildForTest({ className: 'GroupNormalization', kwargs: { groups: 64 }, input: [null, 8, 8, 48] })).errors, ['bad-argument']);
});

test('UnitNormalization has no weights', () => {
  const s = summarize(buildForTest({ className: 'UnitNormalization', input: [null, 5, 10] }));
  assert.deepEqual(s.outputs, [[null, 5, 10]]);
  assert.deepEqual(s.weights, []);
  assert.equal(s.params, 0);
});
