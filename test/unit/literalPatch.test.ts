// Digits typed into a number passed straight to a layer constructor update the statement's kept effects instead
// of evaluating it again (literalPatch.ts): named edits that must take that path (no statement evaluated) with
// exact shapes, params and moved ranges; numbers that must not (an assignment, a tuple item, a keyword given
// twice or overridden by `**`, `keras.Input`'s rearranged arguments, a statement with an issue), each equal to a
// fresh analysis; a call with 20,000 keywords (recorded in linear time); then seeded number edits of every Python
// source, each version equal to a fresh analysis.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPythonParser } from '../../server/src/syntax/python/pythonParser';
import { analyzePython, PythonSession } from '../../server/src/service/analyze';
import { memoStats } from '../../server/src/syntax/statementMemo';
import type { Analysis } from '../../server/src/service/types';
import { fuzzSources, prng } from '../robustness/support';

const HEAD = 'import keras\nfrom keras import layers\n';

/**
 * Analyses `versions` in one session (idle work after each) and returns, per version after the first, how many
 * statements were evaluated; every version must equal a fresh analysis.
 */
function evaluatedPerVersion(versions: readonly string[], what: string): { evaluated: number[]; last: Analysis } {
  const session = new PythonSession();
  const evaluated: number[] = [];
  let last: Analysis | undefined;
  try {
    versions.forEach((text, i) => {
      const before = memoStats.evaluated;
      last = session.analyze(text);
      if (i > 0) evaluated.push(memoStats.evaluated - before);
      assert.deepEqual(last, analyzePython(text), `${what}: version ${i}\n${text}`);
      session.prepare(() => false);
    });
  } finally {
    session.dispose();
  }
  return { evaluated, last: last! };
}

test('a number passed straight to a layer is patched in: nothing is evaluated, shapes and ranges follow', async () => {
  await loadPythonParser();
  const v0 = HEAD + 'model = keras.Sequential([\n    keras.Input(shape=(8,)),\n    layers.Dense(64),\n    layers.Dropout(rate=0.1),\n    layers.Dense(10),\n])\n';
  const v1 = v0.replace('Dense(64)', 'Dense(128)'); // a digit typed: everything after moves by one
  const v2 = v1.replace('rate=0.1', 'rate=0.25'); // a float keyword grows
  const v3 = v2.replace('Dense(128)', 'Dense(12)'); // a digit deleted
  const { evaluated, last } = evaluatedPerVersion([v0, v1, v2, v3], 'Sequential');
  assert.deepEqual(evaluated, [0, 0, 0]);
  const dense = last.layerUses.find(u => u.name === 'dense')!;
  assert.deepEqual(dense.outputs, [[null, 12]]);
  assert.equal(dense.params, 8 * 12 + 12);
  assert.deepEqual(dense.useRange, { start: v3.indexOf('layers.Dense(12)'), end: v3.indexOf('layers.Dense(12)') + 'layers.Dense(12)'.length });
  const last10 = last.layerUses.find(u => u.name === 'dense_1')!;
  assert.deepEqual(last10.inputShapes, [[null, 12]]);
  assert.equal(last10.params, 12 * 10 + 10);
  assert.deepEqual(last10.classRange, { start: v3.lastIndexOf('Dense(10)'), end: v3.lastIndexOf('Dense(10)') + 'Dense'.length });
  assert.equal(last.models[0].totalParams, 8 * 12 + 12 + 12 * 10 + 10);
});

test('every layer a comprehension made from the number is patched, and a functional chain after it follows', async () => {
  await loadPythonParser();
  const v0 = HEAD + 'stack = [layers.Dense(4) for _ in range(3)]\nx = keras.Input((2,))\ny = stack[0](x)\nz = layers.Dense(5)(y)\n';
  const v1 = v0.replace('Dense(4)', 'Dense(40)');
  const { evaluated, last } = evaluatedPerVersion([v0, v1], 'comprehension');
  // The comprehension's statement is patched; `y = stack[0](x)` reads the same list object and is replayed.
  assert.deepEqual(evaluated, [0]);
  // Only the first of the three layers is called; the Dense(5) after it is the fourth Dense created.
  assert.deepEqual(last.layerUses.map(u => [u.name, u.inputShapes, u.outputs]), [
    ['input_layer', [], [[null, 2]]],
    ['dense', [[null, 2]], [[null, 40]]],
    ['dense_3', [[null, 40]], [[null, 5]]],
  ]);
  const at = v1.indexOf('layers.Dense(40)');
  assert.deepEqual(last.layerUses[1].classRange, { start: at + 'layers.'.length, end: at + 'layers.Dense'.length });
  assert.equal(last.layerUses[1].params, 2 * 40 + 40);
});

test('a call with 20,000 keyword arguments is recorded and patched like any other (linear in its keywords)', async () => {
  await loadPythonParser();
  const kws = Array.from({ length: 20_000 }, (_, i) => `k${i}=${i}`).join(', ');
  const v0 = HEAD + `x = keras.Input((3,))\ny = layers.Dense(4, ${kws})(x)\n`;
  const v1 = v0.replace('k19999=19999', 'k19999=19998');
  const { evaluated, last } = evaluatedPerVersion([v0, v1], 'many keywords');
  assert.deepEqual(evaluated, [0]);
  assert.deepEqual(last.layerUses.map(u => [u.name, u.outputs]), [['input_layer', [[null, 3]]], ['dense', [[null, 4]]]]);
});

test('numbers whose value goes elsewhere are evaluated again', async () => {
  await loadPythonParser();
  // The edited statement is evaluated again, and so is every statement that reads what it assigns.
  const cases: [string, string, string, number][] = [
    ['an assignment', HEAD + 'units = 64\nx = keras.Input((8,))\ny = layers.Dense(units)(x)\n', 'units = 64', 2],
    ['a tuple item', HEAD + 'x = keras.Input((28, 28, 1))\ny = layers.Conv2D(8, (3, 3))(x)\n', '(3, 3))', 1],
    ['a keyword given twice', HEAD + 'x = keras.Input((8,))\ny = layers.Dense(units=4, units=5)(x)\n', 'units=4', 1],
    ['a keyword overridden by **', HEAD + 'cfg = {"units": 7}\nx = keras.Input((8,))\ny = layers.Dense(units=4, **cfg)(x)\n', 'units=4', 1],
    ['keras.Input rearranges its arguments', HEAD + 'x = keras.Input(shape=(8,), batch_size=32)\ny = layers.Dense(4)(x)\n', 'batch_size=32', 2],
    // An issue the evaluation reported (inference's own issues are reported again anyway).
    ['a statement with an issue', HEAD + 'x = keras.Input((8,))\ny = layers.Dense(4)(layers.Dense(8))\n', 'Dense(4)', 1],
  ];
  // A number that a loop or comprehension hands to a layer constructor and to something else (a review found
  // these patched as if only the layer had it).
  const HEAD2 = 'from keras import layers, Input\n';
  cases.push(
    ['a comprehension calling a layer and abs', HEAD2 + 'x = Input((4,))\nd, n = [f(8) for f in (layers.Dense, abs)]\ny = layers.Dense(n)(x)\n', 'f(8)', 2],
    ['a loop calling a layer and abs', HEAD2 + 'x = Input((4,))\nfor f in (layers.Dense, abs):\n    n = f(8)\ny = layers.Dense(n)(x)\n', 'f(8)', 2],
    ['a comprehension calling a layer and Input', HEAD2 + 'd, t = [f(8) for f in (layers.Dense, Input)]\ny = layers.Dense(3)(t)\n', 'f(8)', 2],
    ['a comprehension calling a layer and a merge', HEAD2 + 'a = Input((3, 4))\nc, y = [f([a, a], axis=1) for f in (layers.Concatenate, layers.concatenate)]\n', 'axis=1', 1],
    ['a comprehension calling a layer and range', HEAD2 + 'x = Input((4,))\nd, r = [f(2) for f in (layers.Dense, range)]\nfor i in r:\n    x = layers.Dense(5)(x)\n', 'f(2)', 2],
  );
  for (const [what, v0, token, expected] of cases) {
    const at = v0.indexOf(token) + token.search(/\d/);
    const v1 = v0.slice(0, at) + '9' + v0.slice(at + 1);
    const v2 = v1.slice(0, at + 1) + '1' + v1.slice(at + 1);
    const { evaluated } = evaluatedPerVersion([v0, v1, v2], what);
    assert.deepEqual(evaluated, [expected, expected], what);
  }
});

test('seeded number edits of every Python source: each version equals a fresh analysis', async () => {
  await loadPythonParser();
  const random = prng(5150);
  const number = /(?<![\w.])\d+(\.\d+)?(?![\w.])/g;
  let patched = 0;
  for (const { name, text } of fuzzSources().filter(s => s.languageId === 'python')) {
    const session = new PythonSession();
    try {
      let current = text;
      session.analyze(current);
      session.prepare(() => false);
      for (let step = 0; step < 25; step++) {
        const numbers = [...current.matchAll(number)];
        if (numbers.length === 0) break;
        const m = numbers[Math.floor(random() * numbers.length)];
        const token = m[0];
        const k = Math.floor(random() * token.length);
        if (token[k] === '.') continue;
        const digit = String(1 + Math.floor(random() * 9));
        const r = random();
        const edited = r < 0.5 ? token.slice(0, k) + digit + token.slice(k + 1)
          : r < 0.8 ? token.slice(0, k + 1) + digit + token.slice(k + 1)
          : k > 0 && token.replace('.', '').length > 1 && token[k - 1] !== '.' ? token.slice(0, k) + token.slice(k + 1) : token;
        const next = current.slice(0, m.index) + edited + current.slice(m.index! + token.length);
        const before = memoStats.evaluated;
        const got = session.analyze(next);
        if (memoStats.evaluated === before && next !== current) patched++;
        assert.deepEqual(got, analyzePython(next), `${name}, step ${step}: ${token} → ${edited}`);
        if (random() < 0.8) session.prepare(() => false);
        current = next;
      }
    } finally {
      session.dispose();
    }
  }
  // The path is exercised (47 edits with this seed and these sources).
  assert.ok(patched >= 20, `edits that took the patch path: ${patched}`);
});
