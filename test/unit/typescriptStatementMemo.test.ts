// A TS/JS session replays unchanged top-level statements from the previous version (syntax/statementMemo.ts)
// and must still equal a fresh analysis: named scenarios where replay would go wrong if a mutation (push,
// model.add, an assigned property or element, an unknown length), an alias or a dependency were missed,
// then seeded line-level edits of every TS/JS source and of generated models. Replay must actually happen.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeTypeScript } from '../../server/src/service/analyzeTypeScript';
import { createTypeScriptSession } from '../../server/src/service/typescriptSession';
import { memoStats } from '../../server/src/syntax/statementMemo';
import { generateTfjs } from '../bench/generate';
import { fuzzSources, lineEdit, prng } from '../robustness/support';

/** Analyses each version in one session and compares with a fresh analysis; returns how many statements replayed. */
function assertSessionMatches(versions: readonly string[], what: string, fileName = 'model.ts'): number {
  const session = createTypeScriptSession(fileName, {});
  const before = memoStats.replayed;
  try {
    versions.forEach((text, i) => {
      assert.deepStrictEqual(session.analyze(text), analyzeTypeScript(text, fileName, {}), `${what}: version ${i}\n${text}`);
    });
  } finally {
    session.dispose();
  }
  return memoStats.replayed - before;
}

const HEAD = "import * as tf from '@tensorflow/tfjs';\n";
const INPUT = 'const x = tf.input({shape: [8]});\n';

test('replayed TS statements see mutations, aliases and changed dependencies', () => {
  const scenarios: [string, string[]][] = [
    ['model.add after a replayed sequential', [
      HEAD + "const m = tf.sequential({layers: [tf.layers.dense({units: 4, inputShape: [8]})]});\nconst y = tf.layers.dense({units: 3}).apply(m.outputs[0]);\n",
      HEAD + "const m = tf.sequential({layers: [tf.layers.dense({units: 4, inputShape: [8]})]});\nm.add(tf.layers.dense({units: 5}));\nconst y = tf.layers.dense({units: 3}).apply(m.outputs[0]);\n",
      HEAD + "const m = tf.sequential({layers: [tf.layers.dense({units: 4, inputShape: [8]})]});\nm.add(tf.layers.dense({units: 6}));\nconst y = tf.layers.dense({units: 3}).apply(m.outputs[0]);\n",
      HEAD + "const m = tf.sequential({layers: [tf.layers.dense({units: 4, inputShape: [8]})]});\nconst y = tf.layers.dense({units: 3}).apply(m.outputs[0]);\n",
    ]],
    ['pushes to a replayed array', [
      HEAD + 'const ls = [tf.layers.dense({units: 4, inputShape: [8]})];\nconst m = tf.sequential({layers: ls});\n',
      HEAD + 'const ls = [tf.layers.dense({units: 4, inputShape: [8]})];\nls.push(tf.layers.dense({units: 2}));\nconst m = tf.sequential({layers: ls});\n',
      HEAD + 'const ls = [tf.layers.dense({units: 4, inputShape: [8]})];\nls.push(tf.layers.dense({units: 3}));\nconst m = tf.sequential({layers: ls});\n',
      HEAD + 'const ls = [tf.layers.dense({units: 4, inputShape: [8]})];\nconst m = tf.sequential({layers: ls});\n',
    ]],
    ['an array inside an object, a property and an element assigned', [
      HEAD + 'const cfg = {layers: [tf.layers.dense({units: 4, inputShape: [8]})]};\nconst m = tf.sequential(cfg);\n',
      HEAD + 'const cfg = {layers: [tf.layers.dense({units: 4, inputShape: [8]})]};\ncfg.layers[1] = tf.layers.dense({units: 2});\nconst m = tf.sequential(cfg);\n',
      HEAD + 'const cfg = {layers: [tf.layers.dense({units: 4, inputShape: [8]})]};\ncfg.layers = [tf.layers.dense({units: 5, inputShape: [3]})];\nconst m = tf.sequential(cfg);\n',
      HEAD + 'const cfg = {layers: [tf.layers.dense({units: 4, inputShape: [8]})]};\nconst m = tf.sequential(cfg);\n',
    ]],
    ['a list whose length becomes unknown, and its concatenation', [
      HEAD + 'const ls = [tf.layers.dense({units: 4, inputShape: [8]})];\nconst all = ls.concat([tf.layers.dense({units: 2})]);\nconst m = tf.sequential({layers: all});\n',
      HEAD + 'const ls = [tf.layers.dense({units: 4, inputShape: [8]})];\nls.splice(0, 0);\nconst all = ls.concat([tf.layers.dense({units: 2})]);\nconst m = tf.sequential({layers: all});\n',
      HEAD + 'const ls = [tf.layers.dense({units: 4, inputShape: [8]})];\nconst all = ls.concat([tf.layers.dense({units: 2})]);\nconst m = tf.sequential({layers: all});\n',
    ]],
    ['a constant redefined before its readers', [
      HEAD + 'let units = 64;\n' + INPUT + 'const y = tf.layers.dense({units}).apply(x);\n',
      HEAD + 'let units = 32;\n' + INPUT + 'const y = tf.layers.dense({units}).apply(x);\n',
      HEAD + 'let units = 32;\n' + INPUT + 'units = 16;\nconst y = tf.layers.dense({units}).apply(x);\n',
      HEAD + 'let units = 32;\n' + INPUT + 'units += 1;\nconst y = tf.layers.dense({units}).apply(x);\n',
    ]],
    ['functions declared (hoisted), called and passed as callbacks', [
      HEAD + INPUT + 'const y = block(x);\nfunction block(t, n = 4) {\n  return tf.layers.dense({units: n}).apply(t);\n}\n',
      HEAD + INPUT + 'const y = block(x);\nfunction block(t, n = 5) {\n  return tf.layers.dense({units: n}).apply(t);\n}\n',
      HEAD + INPUT + 'const y = block(x, 7);\nfunction block(t, n = 5) {\n  return tf.layers.dense({units: n}).apply(t);\n}\n',
      HEAD + INPUT + 'const sizes = [3, 4];\nconst ys = sizes.map(n => tf.layers.dense({units: n}).apply(x));\nconst z = tf.layers.concatenate().apply(ys);\n',
      HEAD + INPUT + 'const sizes = [3, 5];\nconst ys = sizes.map(n => tf.layers.dense({units: n}).apply(x));\nconst z = tf.layers.concatenate().apply(ys);\n',
    ]],
    ['an uncalled function that adds to a module-level model', [
      HEAD + 'const m = tf.sequential();\nm.add(tf.layers.dense({units: 4, inputShape: [8]}));\nconst out = m.outputs;\n',
      HEAD + 'const m = tf.sequential();\nm.add(tf.layers.dense({units: 4, inputShape: [8]}));\nconst out = m.outputs;\nfunction more() {\n  m.add(tf.layers.dense({units: 2}));\n}\n',
      HEAD + 'const m = tf.sequential();\nm.add(tf.layers.dense({units: 4, inputShape: [8]}));\nconst out = m.outputs;\n',
    ]],
    ['a shared layer, an unknown branch and loops', [
      HEAD + 'const d = tf.layers.dense({units: 4});\nconst a = tf.input({shape: [8]});\nconst b = tf.input({shape: [8]});\nconst ya = d.apply(a);\nconst yb = d.apply(b);\n',
      HEAD + 'const d = tf.layers.dense({units: 4});\nconst a = tf.input({shape: [8]});\nconst b = tf.input({shape: [9]});\nconst ya = d.apply(a);\nconst yb = d.apply(b);\n',
      HEAD + 'const d = tf.layers.dense({units: 4});\nlet a = tf.input({shape: [8]});\nif (Math.random() > 0.5) a = tf.input({shape: [7]});\nconst b = tf.input({shape: [9]});\nconst ya = d.apply(a);\nconst yb = d.apply(b);\n',
      HEAD + 'const d = tf.layers.dense({units: 4});\nlet a = tf.input({shape: [8]});\nfor (let i = 0; i < 2; i++) a = tf.layers.dense({units: 8}).apply(a);\nconst b = tf.input({shape: [9]});\nconst ya = d.apply(a);\nconst yb = d.apply(b);\n',
      HEAD + 'const d = tf.layers.dense({units: 4});\nlet a = tf.input({shape: [8]});\nfor (const u of [8, 8, 8]) a = tf.layers.dense({units: u}).apply(a);\nconst b = tf.input({shape: [9]});\nconst ya = d.apply(a);\nconst yb = d.apply(b);\n',
    ]],
    ['a functional model whose shared layer calls swap places', [
      HEAD + 'const d = tf.layers.dense({units: 4});\nconst a = tf.input({shape: [8]});\nconst b = tf.input({shape: [8]});\nconst ya = d.apply(a);\nconst yb = d.apply(b);\nconst m = tf.model({inputs: [a, b], outputs: tf.layers.add().apply([ya, yb])});\n',
      HEAD + 'const d = tf.layers.dense({units: 4});\nconst a = tf.input({shape: [8]});\nconst b = tf.input({shape: [8]});\nconst yb = d.apply(b);\nconst ya = d.apply(a);\nconst m = tf.model({inputs: [a, b], outputs: tf.layers.add().apply([ya, yb])});\n',
      HEAD + 'const d = tf.layers.dense({units: 4});\nconst a = tf.input({shape: [8]});\nconst b = tf.input({shape: [8]});\nconst ya = d.apply(a);\nconst yb = d.apply(b);\nconst m = tf.model({inputs: [a, b], outputs: tf.layers.add().apply([ya, yb])});\n',
    ]],
    ['a list nested deeper than ownership is followed, then pushed to (a review found its creator replayed at first)', [
      HEAD + 'const nested = [[[[[[[[tf.layers.dense({units: 2, inputShape: [3]})]]]]]]]];\nnested[0][0][0][0][0][0][0].push(tf.layers.dense({units: 6}));\nconst m = tf.sequential({layers: nested[0][0][0][0][0][0][0]});\n',
      HEAD + 'const nested = [[[[[[[[tf.layers.dense({units: 2, inputShape: [3]})]]]]]]]];\nnested[0][0][0][0][0][0][0].push(tf.layers.dense({units: 6}));\nconst m = tf.sequential({layers: nested[0][0][0][0][0][0][0]});\nconst q = 1;\n',
      HEAD + 'const nested = [[[[[[[[tf.layers.dense({units: 2, inputShape: [3]})]]]]]]]];\nnested[0][0][0][0][0][0][0].push(tf.layers.dense({units: 6}));\nconst m = tf.sequential({layers: nested[0][0][0][0][0][0][0]});\nconst q = 2;\n',
    ]],
    ['an issue that points at another statement, lines swapped', [
      HEAD + 'const emb = tf.layers.embedding({inputDim: 100, outputDim: 8});\n// note\nconst out = tf.layers.conv1d({filters: 2, kernelSize: 4}).apply(emb);\n',
      HEAD + '// note\nconst emb = tf.layers.embedding({inputDim: 100, outputDim: 8});\nconst out = tf.layers.conv1d({filters: 2, kernelSize: 4}).apply(emb);\n',
      HEAD + 'const emb = tf.layers.embedding({inputDim: 100, outputDim: 8});\n// note\nconst out = tf.layers.conv1d({filters: 2, kernelSize: 4}).apply(emb);\n',
    ]],
    ['everything moved by an insertion above, then back; identical lines', [
      HEAD + 'let x = tf.input({shape: [8]}); // 😀\nx = tf.layers.dense({units: 4}).apply(x) as tf.SymbolicTensor;\nx = tf.layers.dense({units: 4}).apply(x) as tf.SymbolicTensor;\nconst m = tf.model({inputs: [], outputs: x});\n',
      '// 模型 first line\n' + HEAD + 'let x = tf.input({shape: [8]}); // 😀\nx = tf.layers.dense({units: 4}).apply(x) as tf.SymbolicTensor;\nx = tf.layers.dense({units: 4}).apply(x) as tf.SymbolicTensor;\nconst m = tf.model({inputs: [], outputs: x});\n',
      HEAD + 'let x = tf.input({shape: [8]}); // 😀\nx = tf.layers.dense({units: 4}).apply(x) as tf.SymbolicTensor;\nx = tf.layers.dense({units: 5}).apply(x) as tf.SymbolicTensor;\nx = tf.layers.dense({units: 4}).apply(x) as tf.SymbolicTensor;\nconst m = tf.model({inputs: [], outputs: x});\n',
    ]],
  ];
  let replayed = 0;
  for (const [what, versions] of scenarios) replayed += assertSessionMatches(versions, what);
  assert.ok(replayed >= 40, `only ${replayed} statements replayed`);
});

test('seeded line-level edits of every TS/JS source: a session (replaying statements) equals a fresh analysis', () => {
  const sources = fuzzSources().filter(s => s.languageId !== 'python').map(s => ({ name: s.name, text: s.text }));
  sources.push({ name: 'generated.ts', text: generateTfjs(150) }, { name: 'generated.js', text: generateTfjs(60).replace(/ as tf\.SymbolicTensor|: tf\.SymbolicTensor/g, '') });
  // Lines that start a statement at column 0 in some source and end one: spliced in, they mostly keep a file valid.
  const pool = sources.flatMap(s => s.text.split('\n')).filter(l => /^[A-Za-z_]/.test(l) && /;$/.test(l));
  const before = memoStats.replayed;
  let edits = 0;
  for (const { name, text: original } of sources) {
    const rand = prng(0x75e0 ^ name.length * 7919);
    const fileName = name.endsWith('.js') ? 'model.js' : 'model.ts';
    const session = createTypeScriptSession(fileName, {});
    let text = original;
    let previous = text;
    try {
      session.analyze(text);
      for (let i = 0; i < 100; i++) {
        // Mostly edits; sometimes an undo or a return to the original (code that parses again, so reused).
        const r = rand();
        if (r < 0.25) text = previous;
        else if (r < 0.4) text = original;
        else {
          previous = text;
          text = lineEdit(text, pool, rand);
        }
        assert.deepStrictEqual(session.analyze(text), analyzeTypeScript(text, fileName, {}), `${name}: edit ${i}\n${text}`);
        edits++;
      }
    } finally {
      session.dispose();
    }
  }
  assert.ok(edits >= 900, `${edits} edits`);
  assert.ok(memoStats.replayed - before >= edits * 3, `only ${memoStats.replayed - before} statements replayed in ${edits} edits`);
});
