// Activation layers: all pass the shape through; PReLU owns `alpha` of shape input_shape[1:] with shared
// axes set to 1 (Keras 1: `alphas`).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildForTest, summarize } from '../../support/buildForTest';

test('ReLU, LeakyReLU, ELU, Softmax, ThresholdedReLU: output = input, no weights', () => {
  const cases: { className: string; kwargs?: Record<string, number>; version?: '1' | '2' | 'tf.keras' | '3' }[] = [
    { className: 'ReLU', kwargs: { max_value: 6 } },
    { className: 'LeakyReLU', kwargs: { negative_slope: 0.1 } },
    { className: 'LeakyReLU', kwargs: { alpha: 0.1 }, version: 'tf.keras' },
    { className: 'LeakyReLU', kwargs: { alpha: 0.1 }, version: '1' },
    { className: 'ELU', kwargs: { alpha: 1 } },
    { className: 'Softmax' },
    { className: 'ThresholdedReLU', kwargs: { theta: 0.5 }, version: 'tf.keras' },
  ];
  for (const c of cases) {
    const s = summarize(buildForTest({ className: c.className, kwargs: c.kwargs, input: [null, 6, 4], version: c.version }));
    assert.deepEqual(s.outputs, [[null, 6, 4]], c.className);
    assert.deepEqual(s.weights, [], c.className);
    assert.equal(s.params, 0, c.className);
    assert.deepEqual(s.errors, [], c.className);
  }
});

test('ReLU with a negative max_value is bad-argument; Softmax axis out of range is bad-argument', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'ReLU', kwargs: { max_value: -1 }, input: [null, 4] })).errors, ['bad-argument']);
  assert.deepEqual(summarize(buildForTest({ className: 'Softmax', kwargs: { axis: 3 }, input: [null, 4] })).errors, ['bad-argument']);
});

test('PReLU: alpha has the shape of input_shape[1:]', () => {
  const s = summarize(buildForTest({ className: 'PReLU', input: [null, 10] }));
  assert.deepEqual(s.outputs, [[null, 10]]);
  assert.deepEqual(s.weights, ['alpha (10,)']);
  assert.equal(s.params, 10);
  const img = summarize(buildForTest({ className: 'PReLU', input: [null, 5, 5, 4] }));
  assert.deepEqual(img.weights, ['alpha (5, 5, 4)']);
  assert.equal(img.params, 100);
});

test('PReLU: shared_axes=[1, 2] on (B, 5, 5, 4) → alpha (1, 1, 4), 4 params', () => {
  const s = summarize(buildForTest({ className: 'PReLU', kwargs: { shared_axes: [1, 2] }, input: [null, 5, 5, 4] }));
  assert.deepEqual(s.outputs, [[null, 5, 5, 4]]);
  assert.deepEqual(s.weights, ['alpha (1, 1, 4)']);
  assert.equal(s.params, 4);
  const one = summarize(buildForTest({ className: 'PReLU', kwargs: { shared_axes: 1 }, input: [null, 7, 3] }));
  assert.deepEqual(one.weights, ['alpha (1, 3)']);
  assert.equal(one.params, 3);
});

test('PReLU: Keras 1 names the weight alphas', () => {
  const s = summarize(buildForTest({ className: 'PReLU', kwargs: { shared_axes: [1, 2] }, input: [null, 5, 5, 4], version: '1' }));
  assert.deepEqual(s.weights, ['alphas (1, 1, 4)']);
  assert.equal(s.params, 4);
});

test('PReLU: a None dim that is not shared is undefined-dims; sharing it fixes it', () => {
  const bad = summarize(buildForTest({ className: 'PReLU', input: [null, null, null, 8] }));
  assert.deepEqual(bad.errors, ['undefined-dims']);
  assert.equal(bad.outputs, undefined);
  const ok = summarize(buildForTest({ className: 'PReLU', kwargs: { shared_axes: [1, 2] }, input: [null, null, null, 8] }));
  assert.deepEqual(ok.weights, ['alpha (1, 1, 8)']);
  assert.equal(ok.params, 8);
});

test('PReLU: a shared axis outside the input is bad-argument', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'PReLU', kwargs: { shared_axes: [3] }, input: [null, 5, 4] })).errors, ['bad-argument']);
});
