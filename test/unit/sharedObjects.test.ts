// The unit tests run with shared objects frozen (test/support/guardShared.ts, loaded by `npm run test:unit`):
// memoised builds and weight summaries that many rows share cannot be changed by any code under test.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPythonParser } from '../../server/src/syntax/python/pythonParser';
import { analyzePython } from '../../server/src/service/analyze';

test('shared build results and weight summaries are frozen in the tests', async () => {
  await loadPythonParser();
  const a = analyzePython('import keras\nfrom keras import layers\nm = keras.Sequential([keras.Input((8,)), layers.Dense(4), layers.Dense(4)])\n');
  const [first, second] = a.layerUses.filter(u => u.type === 'Dense');
  assert.deepEqual(first.outputs, [[null, 4]]);
  assert.deepEqual(second.weights!.map(w => [w.name, w.shape]), [['kernel', [4, 4]], ['bias', [4]]]);
  assert.ok(Object.isFrozen(first.weights) && Object.isFrozen(first.weights![0]) && Object.isFrozen(first.weights![0].shape));
  assert.ok(Object.isFrozen(first.outputs) && Object.isFrozen(first.outputs[0]));
  assert.throws(() => {
    (first.weights![0].shape as number[])[0] = 9;
  }, TypeError);
});
