// Convolution rules checked with exact shapes, including the seed questions' Keras 1 layouts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildForTest, summarize } from '../../support/buildForTest';

test('Conv2D valid 3x3 on 28x28x1', () => {
  const s = summarize(buildForTest({ className: 'Conv2D', args: [32, 3], input: [null, 28, 28, 1] }));
  assert.deepEqual(s.outputs, [[null, 26, 26, 32]]);
  assert.deepEqual(s.weights, ['kernel (3, 3, 1, 32)', 'bias (32,)']);
  assert.equal(s.params, 320);
});

test('Keras 1 Convolution1D has a 4-D kernel (5, 1, 300, 111)', () => {
  const s = summarize(buildForTest({ className: 'Convolution1D', kwargs: { nb_filter: 111, filter_length: 5, border_mode: 'valid', subsample_length: 1 }, input: [null, 400, 300], version: '1' }));
  assert.deepEqual(s.outputs, [[null, 396, 111]]);
  assert.deepEqual(s.weights, ['W (5, 1, 300, 111)', 'b (111,)']);
});

test("Keras 1 'full' border on 28x28 with a 5x5 filter gives 32x32, 'valid' 24x24", () => {
  const full = summarize(buildForTest({ className: 'Convolution2D', args: [6, 5, 5], kwargs: { border_mode: 'full' }, input: [null, 28, 28, 1], version: '1' }));
  assert.deepEqual(full.outputs, [[null, 32, 32, 6]]);
  const valid = summarize(buildForTest({ className: 'Convolution2D', args: [6, 5, 5], input: [null, 28, 28, 1], version: '1' }));
  assert.deepEqual(valid.outputs, [[null, 24, 24, 6]]);
  const th = summarize(buildForTest({ className: 'Convolution2D', args: [6, 5, 5], kwargs: { dim_ordering: 'th' }, input: [null, 1, 28, 28], version: '1' }));
  assert.deepEqual(th.outputs, [[null, 6, 24, 24]]);
  assert.deepEqual(th.weights, ['W (6, 1, 5, 5)', 'b (6,)']);
});

test('Conv2D on a rank-3 input is a rank error', () => {
  const s = summarize(buildForTest({ className: 'Conv2D', args: [8, 3], input: [null, 10, 10] }));
  assert.deepEqual(s.errors, ['input-rank']);
  assert.equal(s.outputs, undefined);
});

test('Conv2D kernel larger than input under valid is a nonpositive-output error', () => {
  const s = summarize(buildForTest({ className: 'Conv2D', args: [8, 5], input: [null, 4, 4, 3] }));
  assert.deepEqual(s.errors, ['nonpositive-output']);
});
