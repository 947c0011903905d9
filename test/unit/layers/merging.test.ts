// Merge layers on lists of tensors: broadcasting, Concatenate with None, Dot axes, arity, and the maps
// used to lower the functional helpers and Keras 1 merge(mode=...).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildForTest, summarize } from '../../support/buildForTest';
import { FUNCTIONAL_MERGES, keras1MergeMode } from '../../../server/src/layers/merging/functional';

test('Add of equal shapes keeps the shape, no weights', () => {
  const s = summarize(buildForTest({ className: 'Add', input: [[null, 8], [null, 8]] }));
  assert.deepEqual(s.outputs, [[null, 8]]);
  assert.deepEqual(s.weights, []);
  assert.equal(s.params, 0);
});

test('broadcasting (4, 5) with (1, 5) and with (5,) gives (4, 5)', () => {
  for (const name of ['Add', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Subtract']) {
    assert.deepEqual(summarize(buildForTest({ className: name, input: [[null, 4, 5], [null, 1, 5]] })).outputs, [[null, 4, 5]], name);
    assert.deepEqual(summarize(buildForTest({ className: name, input: [[null, 4, 5], [null, 5]] })).outputs, [[null, 4, 5]], name);
  }
});

test('broadcasting: None matches → None; the known batch size wins', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Add', input: [[null, null, 5], [null, 3, 5]] })).outputs, [[null, null, 5]]);
  assert.deepEqual(summarize(buildForTest({ className: 'Add', input: [[null, 3], [16, 3], [null, 1]] })).outputs, [[16, 3]]);
});

test('incompatible shapes (4, 5) and (4, 6) are merge-incompatible', () => {
  const s = summarize(buildForTest({ className: 'Add', input: [[null, 4, 5], [null, 4, 6]] }));
  assert.deepEqual(s.errors, ['merge-incompatible']);
  assert.equal(s.outputs, undefined);
  const o = buildForTest({ className: 'Multiply', input: [[null, 4, 5], [null, 4, 6]] });
  assert.match(o.issues[0].message, /\(None, 4, 5\).*\(None, 4, 6\)/);
});

test('different known batch sizes are merge-incompatible', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Add', input: [[2, 5], [3, 5]] })).errors, ['merge-incompatible']);
});

test('an unknown dim stays unknown without an error', () => {
  const s = summarize(buildForTest({ className: 'Add', input: [[null, '?', 5], [null, 4, 5]] }));
  assert.deepEqual(s.errors, []);
  assert.deepEqual(s.outputs, [[null, '?', 5]]);
});

test('Keras 1 element-wise merges need identical shapes (no broadcasting)', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Add', input: [[null, 4, 5], [null, 1, 5]], version: '1' })).errors, ['merge-incompatible']);
  assert.deepEqual(summarize(buildForTest({ className: 'Add', input: [[null, 4, 5], [null, 4, 5]], version: '1' })).outputs, [[null, 4, 5]]);
});

test('merge-arity: Subtract needs exactly 2; others at least 1 (Keras 3) or 2 (Keras 1/2)', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Subtract', input: [[null, 3]] })).errors, ['merge-arity']);
  assert.deepEqual(summarize(buildForTest({ className: 'Subtract', input: [[null, 3], [null, 3], [null, 3]] })).errors, ['merge-arity']);
  assert.deepEqual(summarize(buildForTest({ className: 'Add', input: [[null, 3]] })).outputs, [[null, 3]]);
  assert.deepEqual(summarize(buildForTest({ className: 'Add', input: [[null, 3]], version: '2' })).errors, ['merge-arity']);
  assert.deepEqual(summarize(buildForTest({ className: 'Concatenate', input: [[null, 3]], version: '2' })).errors, ['merge-arity']);
  assert.deepEqual(summarize(buildForTest({ className: 'Dot', args: [1], input: [[null, 3]] })).errors, ['merge-arity']);
});

test('Concatenate on the last axis sums it', () => {
  const s = summarize(buildForTest({ className: 'Concatenate', input: [[null, 4, 5], [null, 4, 3]] }));
  assert.deepEqual(s.outputs, [[null, 4, 8]]);
  assert.equal(s.params, 0);
  assert.deepEqual(summarize(buildForTest({ className: 'Concatenate', kwargs: { axis: 1 }, input: [[null, 4, 5], [null, 2, 5], [null, 1, 5]] })).outputs, [[null, 7, 5]]);
  assert.deepEqual(summarize(buildForTest({ className: 'Concatenate', kwargs: { axis: -2 }, input: [[null, 4, 5], [null, 2, 5]] })).outputs, [[null, 6, 5]]);
});

test('Concatenate with None: None on the axis gives None, None elsewhere matches anything', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Concatenate', input: [[null, 4, null], [null, 4, 3]] })).outputs, [[null, 4, null]]);
  assert.deepEqual(summarize(buildForTest({ className: 'Concatenate', input: [[null, null, 5], [null, 4, 3]] })).outputs, [[null, null, 8]]);
});

test('Concatenate mismatches are concat-mismatch', () => {
  const s = summarize(buildForTest({ className: 'Concatenate', input: [[null, 4, 5], [null, 2, 5]] }));
  assert.deepEqual(s.errors, ['concat-mismatch']);
  assert.equal(s.outputs, undefined);
  assert.deepEqual(summarize(buildForTest({ className: 'Concatenate', input: [[null, 4, 5], [null, 5]] })).errors, ['concat-mismatch']);
});

test('Concatenate axis out of range is bad-argument; Keras 1 concat_axis is read', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Concatenate', kwargs: { axis: 3 }, input: [[null, 4, 5], [null, 4, 5]] })).errors, ['bad-argument']);
  assert.deepEqual(summarize(buildForTest({ className: 'Concatenate', kwargs: { concat_axis: 1 }, input: [[null, 4, 5], [null, 2, 5]], version: '1' })).outputs, [[null, 6, 5]]);
});

test('Dot examples from the reference', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Dot', kwargs: { axes: 1 }, input: [[null, 5], [null, 5]] })).outputs, [[null, 1]]);
  assert.deepEqual(summarize(buildForTest({ className: 'Dot', kwargs: { axes: 2 }, input: [[null, 3, 4], [null, 6, 4]] })).outputs, [[null, 3, 6]]);
  assert.deepEqual(summarize(buildForTest({ className: 'Dot', kwargs: { axes: 1 }, input: [[null, 3, 4], [null, 3, 6]] })).outputs, [[null, 4, 6]]);
  const s = summarize(buildForTest({ className: 'Dot', kwargs: { axes: [1, 2] }, input: [[null, 3, 5], [null, 10, 3]] }));
  assert.deepEqual(s.outputs, [[null, 5, 10]]);
  assert.equal(s.params, 0);
  assert.deepEqual(summarize(buildForTest({ className: 'Dot', kwargs: { axes: -1, normalize: true }, input: [[null, 5], [null, 5]] })).outputs, [[null, 1]]);
});

test('Dot mismatched axis sizes are dot-mismatch; bad axes are bad-argument; rank 1 is input-rank', () => {
  const s = summarize(buildForTest({ className: 'Dot', kwargs: { axes: 1 }, input: [[null, 5], [null, 6]] }));
  assert.deepEqual(s.errors, ['dot-mismatch']);
  assert.equal(s.outputs, undefined);
  assert.deepEqual(summarize(buildForTest({ className: 'Dot', kwargs: { axes: 0 }, input: [[null, 5], [null, 5]] })).errors, ['bad-argument']);
  assert.deepEqual(summarize(buildForTest({ className: 'Dot', kwargs: { axes: [1, 2, 3] }, input: [[null, 5], [null, 5]] })).errors, ['bad-argument']);
  assert.deepEqual(summarize(buildForTest({ className: 'Dot', kwargs: { axes: 3 }, input: [[null, 5], [null, 5]] })).errors, ['bad-argument']);
  assert.deepEqual(summarize(buildForTest({ className: 'Dot', kwargs: { axes: 1 }, input: [[null], [null, 5]] })).errors, ['input-rank']);
});

test('Dot with None on the summed axis is accepted', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Dot', kwargs: { axes: 2 }, input: [[null, 3, null], [null, 6, 4]] })).outputs, [[null, 3, 6]]);
});

test('Keras 1 dot_axes is read by Dot', () => {
  assert.deepEqual(summarize(buildForTest({ className: 'Dot', kwargs: { dot_axes: [2, 2] }, input: [[null, 3, 4], [null, 6, 4]], version: '1' })).outputs, [[null, 3, 6]]);
});

test('functional merge map and Keras 1 merge modes', () => {
  assert.deepEqual(FUNCTIONAL_MERGES, { add: 'Add', subtract: 'Subtract', multiply: 'Multiply', average: 'Average', maximum: 'Maximum', minimum: 'Minimum', concatenate: 'Concatenate', dot: 'Dot' });
  assert.deepEqual(keras1MergeMode('concat'), { className: 'Concatenate' });
  assert.deepEqual(keras1MergeMode('sum'), { className: 'Add' });
  assert.deepEqual(keras1MergeMode('mul'), { className: 'Multiply' });
  assert.deepEqual(keras1MergeMode('ave'), { className: 'Average' });
  assert.deepEqual(keras1MergeMode('max'), { className: 'Maximum' });
  assert.deepEqual(keras1MergeMode('dot'), { className: 'Dot' });
  assert.deepEqual(keras1MergeMode('cos'), { className: 'Dot', extra: { normalize: true } });
  assert.equal(keras1MergeMode('bogus'), undefined);
});
