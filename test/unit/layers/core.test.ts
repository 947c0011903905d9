// Core and regularization layers: InputLayer/Input, Activation, Masking, Lambda, the dropout/noise family.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildForTest, summarize } from '../../support/buildForTest';

test('Input(shape=(28, 28, 1)) → (None, 28, 28, 1), no weights', () => {
  const s = summarize(buildForTest({ className: 'Input', kwargs: { shape: [28, 28, 1] }, input: [] }));
  assert.deepEqual(s.outputs, [[null, 28, 28, 1]]);
  assert.deepEqual(s.weights, []);
  assert.equal(s.params, 0);
  assert.deepEqual(s.errors, []);
});

test('Input: positional shape, batch_size, None dims', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Input', args: [[10]], input: [] })).outputs, [[null, 10]]);
  assert.deepEqual(summarize(buildForTest({ className: 'Input', kwargs: { shape: [null, 16], batch_size: 32 }, input: [] })).outputs, [[32, null, 16]]);
});

test('InputLayer: batch_shape, and the legacy input_shape / batch_input_shape', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'InputLayer', kwargs: { batch_shape: [8, 5] }, input: [] })).outputs, [[8, 5]]);
  assert.deepEqual(summarize(buildForTest({ className: 'InputLayer', kwargs: { input_shape: [3, 4] }, input: [], version: 'tf.keras' })).outputs, [[null, 3, 4]]);
  assert.deepEqual(summarize(buildForTest({ className: 'InputLayer', kwargs: { batch_input_shape: [null, 7] }, input: [], version: 'tf.keras' })).outputs, [[null, 7]]);
  assert.deepEqual(summarize(buildForTest({ className: 'Input', kwargs: { batch_shape: [2, 3] }, input: [], version: '1' })).outputs, [[2, 3]]);
});

test('InputLayer: an int shape is a 1-tuple in tf.keras but an error in Keras 3', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'InputLayer', kwargs: { input_shape: 5 }, input: [], version: 'tf.keras' })).outputs, [[null, 5]]);
  const k3 = summarize(buildForTest({ className: 'Input', kwargs: { shape: 5 }, input: [] }));
  assert.deepEqual(k3.errors, ['bad-argument']);
  assert.equal(k3.outputs, undefined);
});

test('Input with both shape and batch_shape is bad-argument', () => {
  const s = summarize(buildForTest({ className: 'Input', kwargs: { shape: [4], batch_shape: [null, 4] }, input: [] }));
  assert.deepEqual(s.errors, ['bad-argument']);
  assert.equal(s.outputs, undefined);
  const legacy = summarize(buildForTest({ className: 'InputLayer', kwargs: { input_shape: [4], batch_input_shape: [null, 4] }, input: [], version: 'tf.keras' }));
  assert.deepEqual(legacy.errors, ['bad-argument']);
});

test('Input with no shape at all is bad-argument; Keras 3 rejects batch_size with batch_shape', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Input', input: [] })).errors, ['bad-argument']);
  assert.deepEqual(summarize(buildForTest({ className: 'Input', kwargs: { batch_shape: [4, 2], batch_size: 4 }, input: [] })).errors, ['bad-argument']);
});

test('Input with an unknown shape has an unknown output and no error', () => {
  const s = summarize(buildForTest({ className: 'Input', kwargs: { shape: { kind: 'unknown' } }, input: [] }));
  assert.deepEqual(s.errors, []);
  assert.deepEqual(s.outputs, [undefined]);
  const partly = summarize(buildForTest({ className: 'Input', kwargs: { shape: [{ kind: 'unknown' }, 3] }, input: [] }));
  assert.deepEqual(partly.outputs, [[null, '?', 3]]);
});

test('Activation and Masking pass the shape through', () => {
  const a = summarize(buildForTest({ className: 'Activation', args: ['relu'], input: [null, 5, 7] }));
  assert.deepEqual(a.outputs, [[null, 5, 7]]);
  assert.deepEqual(a.weights, []);
  assert.equal(a.params, 0);
  const m = summarize(buildForTest({ className: 'Masking', kwargs: { mask_value: 0 }, input: [null, 10, 3] }));
  assert.deepEqual(m.outputs, [[null, 10, 3]]);
  assert.equal(m.params, 0);
});

test('Lambda with a tuple output_shape → (batch,) + output_shape', () => {
  const s = summarize(buildForTest({ className: 'Lambda', args: [{ kind: 'unknown' }], kwargs: { output_shape: [3, 4] }, input: [16, 12] }));
  assert.deepEqual(s.outputs, [[16, 3, 4]]);
  assert.equal(s.params, 0);
  const k1 = summarize(buildForTest({ className: 'Lambda', args: [{ kind: 'unknown' }, [6]], input: [null, 12], version: '1' }));
  assert.deepEqual(k1.outputs, [[null, 6]]);
});

test('Lambda without output_shape is unknown, with a note saying why', () => {
  const o = buildForTest({ className: 'Lambda', args: [{ kind: 'unknown' }], input: [null, 12] });
  const s = summarize(o);
  assert.deepEqual(s.outputs, [undefined]);
  assert.deepEqual(s.errors, []);
  assert.equal(o.notes.length, 1);
  assert.match(o.notes[0], /output_shape/);
});

test('Dropout family: output = input, no weights, Keras 1 argument names', () => {
  const cases: { className: string; kwargs: Record<string, number>; version?: '1' }[] = [
    { className: 'Dropout', kwargs: { rate: 0.5 } },
    { className: 'Dropout', kwargs: { p: 0.5 }, version: '1' },
    { className: 'GaussianNoise', kwargs: { stddev: 0.1 } },
    { className: 'GaussianNoise', kwargs: { sigma: 0.1 }, version: '1' },
    { className: 'GaussianDropout', kwargs: { rate: 0.2 } },
    { className: 'GaussianDropout', kwargs: { p: 0.2 }, version: '1' },
    { className: 'AlphaDropout', kwargs: { rate: 0.1 } },
    { className: 'ActivityRegularization', kwargs: { l1: 0.01 } },
  ];
  for (const c of cases) {
    const s = summarize(buildForTest({ className: c.className, kwargs: c.kwargs, input: [null, 7, 3], version: c.version }));
    assert.deepEqual(s.outputs, [[null, 7, 3]], c.className);
    assert.deepEqual(s.weights, [], c.className);
    assert.equal(s.params, 0, c.className);
  }
});

test('Dropout rate outside [0, 1] is bad-argument in Keras 3', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Dropout', args: [1.5], input: [null, 4] })).errors, ['bad-argument']);
});

test('SpatialDropout1D/2D/3D need rank 3/4/5', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'SpatialDropout1D', args: [0.2], input: [null, 10, 8] })).outputs, [[null, 10, 8]]);
  assert.deepEqual(summarize(buildForTest({ className: 'SpatialDropout2D', args: [0.2], input: [null, 6, 6, 3] })).outputs, [[null, 6, 6, 3]]);
  assert.deepEqual(summarize(buildForTest({ className: 'SpatialDropout3D', args: [0.2], input: [null, 4, 6, 6, 3] })).outputs, [[null, 4, 6, 6, 3]]);
  assert.deepEqual(summarize(buildForTest({ className: 'SpatialDropout2D', kwargs: { p: 0.2 }, input: [null, 6, 6, 3], version: '1' })).outputs, [[null, 6, 6, 3]]);
  const bad = summarize(buildForTest({ className: 'SpatialDropout2D', args: [0.2], input: [null, 10, 8] }));
  assert.deepEqual(bad.errors, ['input-rank']);
  assert.equal(bad.outputs, undefined);
  assert.deepEqual(summarize(buildForTest({ className: 'SpatialDropout1D', args: [0.2], input: [null, 6, 6, 3] })).errors, ['input-rank']);
  assert.deepEqual(summarize(buildForTest({ className: 'SpatialDropout3D', args: [0.2], input: [null, 6, 6, 3] })).errors, ['input-rank']);
});
