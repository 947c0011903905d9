// A Python session replays unchanged top-level statements from the previous version (statementMemo.ts) and
// must still equal a fresh analysis: named scenarios where replay would go wrong if mutation, aliasing or
// dependencies were missed (model.add after a replayed Sequential, appends to a replayed list or one inside a
// dict, a list copy, a redefined constant, functions, star imports, version evidence), then seeded line-level
// edits (digits changed, lines deleted, duplicated, swapped, or spliced in from other files) of every source.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPythonParser } from '../../server/src/syntax/python/pythonParser';
import { analyzePython, PythonSession } from '../../server/src/service/analyze';
import { fuzzSources, lineEdit, prng } from '../robustness/support';

/** Analyses each version in one session (with idle work in between) and compares with a fresh analysis. */
function assertSessionMatches(versions: readonly string[], what: string): void {
  const session = new PythonSession();
  try {
    versions.forEach((text, i) => {
      assert.deepEqual(session.analyze(text), analyzePython(text), `${what}: version ${i}\n${text}`);
      session.prepare(() => false);
    });
  } finally {
    session.dispose();
  }
}

const HEAD = 'import keras\nfrom keras import layers\n';

test('replayed statements see mutations, aliases and changed dependencies', async () => {
  await loadPythonParser();
  const scenarios: [string, string[]][] = [
    ['model.add after a replayed Sequential', [
      HEAD + 'm = keras.Sequential([keras.Input((8,))])\ny = m.output\nz = layers.Dense(3)(y)\n',
      HEAD + 'm = keras.Sequential([keras.Input((8,))])\nm.add(layers.Dense(4))\ny = m.output\nz = layers.Dense(3)(y)\n',
      HEAD + 'm = keras.Sequential([keras.Input((8,))])\nm.add(layers.Dense(5))\ny = m.output\nz = layers.Dense(3)(y)\n',
      HEAD + 'm = keras.Sequential([keras.Input((8,))])\ny = m.output\nz = layers.Dense(3)(y)\n',
    ]],
    ['appends to a replayed list', [
      HEAD + 'ls = [keras.Input((8,))]\nm = keras.Sequential(ls)\n',
      HEAD + 'ls = [keras.Input((8,))]\nls.append(layers.Dense(4))\nm = keras.Sequential(ls)\n',
      HEAD + 'ls = [keras.Input((8,))]\nls.append(layers.Dense(6))\nm = keras.Sequential(ls)\n',
      HEAD + 'ls = [keras.Input((8,))]\nm = keras.Sequential(ls)\n',
    ]],
    ['a list inside a dict and a list copy', [
      HEAD + 'cfg = {"layers": [keras.Input((8,))]}\nls = list(cfg["layers"])\nm = keras.Sequential(ls)\n',
      HEAD + 'cfg = {"layers": [keras.Input((8,))]}\nls = list(cfg["layers"])\nls.append(layers.Dense(2))\nm = keras.Sequential(ls)\n',
      HEAD + 'cfg = {"layers": [keras.Input((8,))]}\nls = list(cfg["layers"])\nls.append(layers.Dense(3))\nm = keras.Sequential(cfg["layers"])\n',
    ]],
    ['a constant redefined before its readers', [
      HEAD + 'units = 64\nx = keras.Input((8,))\ny = layers.Dense(units)(x)\n',
      HEAD + 'units = 32\nx = keras.Input((8,))\ny = layers.Dense(units)(x)\n',
      HEAD + 'units = 32\nx = keras.Input((8,))\nunits = 16\ny = layers.Dense(units)(x)\n',
    ]],
    ['functions defined and called', [
      HEAD + 'def block(x, n=4):\n    return layers.Dense(n)(x)\ninp = keras.Input((8,))\nout = block(inp)\nm = keras.Model(inp, out)\n',
      HEAD + 'def block(x, n=5):\n    return layers.Dense(n)(x)\ninp = keras.Input((8,))\nout = block(inp)\nm = keras.Model(inp, out)\n',
      HEAD + 'def block(x, n=5):\n    return layers.Dense(n)(x)\ninp = keras.Input((8,))\nout = block(inp, 7)\nm = keras.Model(inp, out)\n',
      HEAD + 'def block(x, n=5):\n    ls = [x]\n    ls.append(layers.Dense(n)(x))\n    return layers.concatenate(ls)\ninp = keras.Input((8,))\nout = block(inp, 7)\nm = keras.Model(inp, out)\n',
    ]],
    ['star imports and version evidence', [
      'from keras.models import Sequential\nfrom keras.layers import Dense\nm = Sequential()\nm.add(Dense(4, input_dim=8))\n',
      'from keras.models import Sequential\nfrom keras.layers import *\nm = Sequential()\nm.add(Dense(4, input_dim=8))\n',
      'from keras.models import Sequential\nfrom keras.layers import *\nm = Sequential()\nm.add(Convolution1D(nb_filter=4, filter_length=3, input_shape=(10, 8)))\n',
      'from keras.models import Sequential\nfrom keras.layers import Dense\nm = Sequential()\nm.add(Dense(4, input_dim=8))\n',
    ]],
    ['a shared layer and an unknown branch', [
      HEAD + 'd = layers.Dense(4)\na = keras.Input((8,))\nb = keras.Input((8,))\nya = d(a)\nyb = d(b)\n',
      HEAD + 'd = layers.Dense(4)\na = keras.Input((8,))\nb = keras.Input((9,))\nya = d(a)\nyb = d(b)\n',
      HEAD + 'import sys\nd = layers.Dense(4)\na = keras.Input((8,))\nif sys.argv:\n    a = keras.Input((7,))\nb = keras.Input((9,))\nya = d(a)\nyb = d(b)\n',
    ]],
    ['a star import inserted above statements that read unbound names', [
      'import keras\nm = keras.Sequential([keras.Input((8,)), Dense(4)])\n',
      'import keras\nfrom keras.layers import *\nm = keras.Sequential([keras.Input((8,)), Dense(4)])\n',
      'import keras\nm = keras.Sequential([keras.Input((8,)), Dense(4)])\n',
    ]],
    ['lines swapped under an issue that points at another statement', [
      HEAD + 'emb = layers.Embedding(100, 8)\n# note\nout = layers.Conv1D(2, 4)(emb)\n',
      HEAD + '# note\nemb = layers.Embedding(100, 8)\nout = layers.Conv1D(2, 4)(emb)\n',
      HEAD + 'emb = layers.Embedding(100, 8)\n# note\nout = layers.Conv1D(2, 4)(emb)\n',
    ]],
    ['a statement copied from a tree with errors, where the same text parsed as another node (a review found it reused)', [
      'm = keras.Sequential([layers.Dense(4, input_shape=(3,\ny = m(x)\nm.add(layers.Dense(5))',
      'import keras\nfrom keras import layers\nm = keras.Sequential([layers.Dense(4, input_shape=(3,))])\nm.add(layers.Dense(5))',
      'inner = keras.Sequential([layers.Dense(4, input_shape=(3,\ny = inner(x)\ninner.summary()',
      'import keras\ninner = keras.Sequential([layers.Dense(4, input_shape=(3,))])\ninner.summary()',
    ]],
    ['everything moved by an insertion above, then back', [
      HEAD + 'x = keras.Input((8,))  # 😀\ny = layers.Dense(4)(x)\nm = keras.Model(x, y)\n',
      '# 模型 first line\n' + HEAD + 'x = keras.Input((8,))  # 😀\ny = layers.Dense(4)(x)\nm = keras.Model(x, y)\n',
      HEAD + 'x = keras.Input((8,))  # 😀\ny = layers.Dense(4)(x)\nm = keras.Model(x, y)\n',
    ]],
    ['a functional model with a shared layer whose calls swap places (its layer order follows the first call)', [
      HEAD + 'd = layers.Dense(4)\na = keras.Input((8,))\nb = keras.Input((8,))\nya = d(a)\nyb = d(b)\nm = keras.Model([a, b], layers.add([ya, yb]))\n',
      HEAD + 'd = layers.Dense(4)\na = keras.Input((8,))\nb = keras.Input((8,))\nyb = d(b)\nya = d(a)\nm = keras.Model([a, b], layers.add([ya, yb]))\n',
      HEAD + 'd = layers.Dense(4)\na = keras.Input((8,))\nb = keras.Input((8,))\nya = d(a)\nyb = d(b)\nm = keras.Model([a, b], layers.add([ya, yb]))\n',
    ]],
    ['a Sequential built from a list another statement made, copied in idle time, then moved (a review found stale item ranges at first)', [
      'import keras\nfrom keras.layers import Dense\nk = 1\nlst = [Dense(2, input_shape=(3,)), Dense(4)]\nm2 = keras.Sequential(lst)\n',
      'import keras\nfrom keras.layers import Dense\nk = 12\nlst = [Dense(2, input_shape=(3,)), Dense(4)]\nm2 = keras.Sequential(lst)\n',
      'import keras\nfrom keras.layers import Dense\nk = 123\nj = 2\nlst = [Dense(2, input_shape=(3,)), Dense(4)]\nm2 = keras.Sequential(lst)\n',
      'import keras\nfrom keras.layers import Dense\nk = 123\nlst = [Dense(2, input_shape=(3,)), Dense(4)]\nm2 = keras.Sequential(lst)\n',
    ]],
    ['identical lines and a moved statement', [
      HEAD + 'x = keras.Input((8,))\nx = layers.Dense(4)(x)\nx = layers.Dense(4)(x)\nx = layers.Dense(4)(x)\n',
      HEAD + 'x = keras.Input((8,))\nx = layers.Dense(4)(x)\nx = layers.Dense(5)(x)\nx = layers.Dense(4)(x)\n',
      HEAD + '\n\nx = keras.Input((8,))\nx = layers.Dense(4)(x)\nx = layers.Dense(5)(x)\nx = layers.Dense(4)(x)\n',
      HEAD + '\n\nx = keras.Input((8,))\nx = layers.Dense(4)(x)\nx = layers.Dense(5)(x)\nx = layers.Dense(4)(x)\nx = layers.Dense(4)(x)\n',
    ]],
  ];
  for (const [what, versions] of scenarios) assertSessionMatches(versions, what);
});

test('seeded line-level edits of every source: a session (replaying statements) equals a fresh analysis', async () => {
  await loadPythonParser();
  const sources = fuzzSources().filter(s => s.languageId === 'python');
  // Lines that start a statement at column 0 in some source: spliced in, they mostly keep a file valid.
  const pool = sources.flatMap(s => s.text.split('\n')).filter(l => /^[A-Za-z_]/.test(l) && !/[([{,\\:]$/.test(l));
  let edits = 0;
  for (const { name, text: original } of sources) {
    const rand = prng(0x3e30 ^ name.length * 31337);
    const session = new PythonSession();
    let text = original;
    try {
      session.analyze(text);
      for (let i = 0; i < 30; i++) {
        if (rand() < 0.8) session.prepare(() => false);
        text = lineEdit(text, pool, rand);
        assert.deepEqual(session.analyze(text), analyzePython(text), `${name}: edit ${i}\n${text}`);
        edits++;
      }
    } finally {
      session.dispose();
    }
  }
  assert.ok(edits >= 900, `${edits} edits`);
});

test('a session hands back the same result objects for calls a replay left unchanged, new ones for the rest', async () => {
  await loadPythonParser();
  const v1 = HEAD + 'x = keras.Input((8,))\ny = layers.Dense(4)(x)\nz = layers.Dense(3)(y)\nw = layers.Dense(2)(z)\n';
  const v2 = v1.replace('Dense(3)', 'Dense(5)');
  const session = new PythonSession();
  try {
    const a = session.analyze(v1);
    session.prepare(() => false);
    const b = session.analyze(v2);
    assert.deepEqual(b, analyzePython(v2));
    assert.deepEqual(b.layerUses.map(u => u.type), ['InputLayer', 'Dense', 'Dense', 'Dense']);
    // Input and the first Dense are replayed with equal results: the very same use objects.
    assert.equal(b.layerUses[0], a.layerUses[0]);
    assert.equal(b.layerUses[1], a.layerUses[1]);
    // The edited layer and the one reading it are new (their kernels are (4, 5) and (5, 2) now).
    assert.notEqual(b.layerUses[2], a.layerUses[2]);
    assert.notEqual(b.layerUses[3], a.layerUses[3]);
    assert.deepEqual(b.layerUses[2].weights?.map(w => w.shape), [[4, 5], [5]]);
    assert.deepEqual(b.layerUses[3].weights?.map(w => w.shape), [[5, 2], [2]]);
    // Moved by an insertion above: equal results, but new ranges, so new use objects with the moved ranges.
    const c = session.analyze('\n' + v2);
    assert.deepEqual(c, analyzePython('\n' + v2));
    assert.notEqual(c.layerUses[0], b.layerUses[0]);
    assert.equal(c.layerUses[0].useRange.start, b.layerUses[0].useRange.start + 1);
  } finally {
    session.dispose();
  }
});

test('a list comprehension is unrolled alike on the wasm tree and on copies (a review found it skipped on the wasm tree)', async () => {
  await loadPythonParser();
  const text = HEAD + 'x = keras.Input((8,))\nys = [layers.Dense(u)(x) for u in (4, 16)]\nm = keras.Sequential([keras.Input((3,))] + [layers.Dense(n) for n in range(1, 3)])\nodd = [layers.Dense(2) for i in range(3) if i]\n';
  const fresh = analyzePython(text);
  assert.deepEqual(fresh.layerUses.map(u => [u.name, u.type, u.outputs, u.useRange.start, u.useRange.end]), [
    ['input_layer', 'InputLayer', [[null, 8]], 42, 59],
    ['dense', 'Dense', [[null, 4]], 66, 84],
    ['dense_1', 'Dense', [[null, 16]], 66, 84],
    ['dense_2', 'Dense', [[null, 1]], 107, 185],
    ['dense_3', 'Dense', [[null, 2]], 107, 185],
    ['input_layer_1', 'InputLayer', [[null, 3]], 125, 142],
  ]);
  assert.deepEqual(fresh.models.map(m => [m.name, m.layers.map(l => l.name), m.totalParams]), [['sequential', ['dense_2', 'dense_3'], 8]]);
  // The statement evaluated on a copy (after idle work) and then on the wasm tree again gives the same.
  assertSessionMatches([text, text.replace('(4, 16)', '(4, 17)'), text.replace('(4, 16)', '(4, 18)').replace('ys =', 'zs =')], 'comprehensions');
});
