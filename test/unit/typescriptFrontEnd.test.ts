// Unit tests of the TS/JS front end (server/src/syntax/typescript): imports and requires, constants and
// control flow, TF.js config-key mapping, comments, ranges in UTF-16, robustness (deep nesting, binary).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeTypeScript } from '../../server/src/service/analyzeTypeScript';
import { evaluateTypeScript } from '../../server/src/syntax/typescript/evaluateTypeScript';
import { formatOutputs } from '../../server/src/infer/shape';
import type { Analysis } from '../../server/src/service/types';

function outs(a: Analysis): string[] {
  return a.layerUses.map(u => `${u.writtenAs} ${formatOutputs(u.outputs)}`);
}

function totals(a: Analysis): (number | undefined)[] {
  return a.models.map(m => m.totalParams);
}

const DENSE = `model.add(tf.layers.dense({units: 4, inputShape: [3]}));`;

test('every import form of the TF.js namespace is understood', () => {
  const forms = [
    `import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential();\n${DENSE}`,
    `import * as tf from '@tensorflow/tfjs-node';\nconst model = tf.sequential();\n${DENSE}`,
    `import * as tf from '@tensorflow/tfjs-node-gpu';\nconst model = tf.sequential();\n${DENSE}`,
    `import * as tf from '@tensorflow/tfjs-layers';\nconst model = tf.sequential();\n${DENSE}`,
    `import tf from '@tensorflow/tfjs';\nconst model = tf.sequential();\n${DENSE}`,
    `import { sequential, layers as L } from '@tensorflow/tfjs';\nconst model = sequential();\nmodel.add(L.dense({units: 4, inputShape: [3]}));`,
    `const tf = require('@tensorflow/tfjs');\nconst model = tf.sequential();\n${DENSE}`,
    `const { layers, sequential } = require('@tensorflow/tfjs-node');\nconst model = sequential();\nmodel.add(layers.dense({units: 4, inputShape: [3]}));`,
    // A browser script with the global `tf` from a <script> tag.
    `const model = tf.sequential();\n${DENSE}`,
  ];
  for (const text of forms) {
    const a = analyzeTypeScript(text, 'x.ts');
    assert.deepEqual(totals(a), [16], text);
  }
});

test('the same module required in both arms of an unknown branch is that module after it (a different one is not)', () => {
  const same = `let tf;\nif (Math.random() > 0.5) { tf = require('@tensorflow/tfjs'); } else { tf = require('@tensorflow/tfjs-node'); }\nconst model = tf.sequential();\n${DENSE}`;
  assert.deepEqual(outs(analyzeTypeScript(same, 'x.js')), ['dense (None, 4)']);
  const other = `let tf;\nif (Math.random() > 0.5) { tf = require('@tensorflow/tfjs'); } else { tf = require('not-tfjs'); }\nconst model = tf.sequential();\n${DENSE}`;
  assert.deepEqual(outs(analyzeTypeScript(other, 'x.js')), []);
});

test('other modules are not TF.js', () => {
  const a = analyzeTypeScript(`import * as tf from 'not-tfjs';\nconst model = tf.sequential();\n${DENSE}`, 'x.ts');
  assert.deepEqual(a.models, []);
});

test('language and version follow the file', () => {
  assert.equal(analyzeTypeScript('', 'a.js').language, 'javascript');
  assert.equal(analyzeTypeScript('', 'a.mjs').language, 'javascript');
  assert.equal(analyzeTypeScript('', 'a.tsx').language, 'typescript');
  const a = analyzeTypeScript('', 'a.ts');
  assert.equal(a.kerasVersion, 'tfjs');
  assert.equal(a.kerasVersionReason, 'TensorFlow.js: the file imports @tensorflow/tfjs');
});

test('config keys map to canonical arguments; data formats are converted', () => {
  const a = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const x = tf.input({shape: [3, 8, 8]});
const y = tf.layers.conv2d({filters: 2, kernelSize: [3, 3], strides: 1, padding: 'valid', dataFormat: 'channelsFirst'}).apply(x);
const z = tf.layers.maxPooling2d({poolSize: 2, dataFormat: 'channelsFirst'}).apply(y);
const e = tf.layers.embedding({inputDim: 100, outputDim: 4}).apply(tf.input({shape: [5]}));`, 'x.ts');
  // Uses are in document order: the inner `tf.input(…)` starts after `tf.layers.embedding(…).apply(`.
  assert.deepEqual(outs(a), ['input (None, 3, 8, 8)', 'conv2d (None, 2, 6, 6)', 'maxPooling2d (None, 2, 3, 3)', 'embedding (None, 5, 4)', 'input (None, 5)']);
});

test('constants: arithmetic, destructuring, spread, templates, property access', () => {
  const a = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const cfg = {hidden: 64, out: 10, name: \`head\`};
const { hidden, out: outputs } = cfg;
const [w, h] = [28, 28];
const shape = [...[w, h], 1];
const base = {activation: 'relu'};
const model = tf.sequential({name: cfg.name});
model.add(tf.layers.flatten({inputShape: shape}));
model.add(tf.layers.dense({...base, units: hidden / 2 + hidden % 5}));
model.add(tf.layers.dense({units: outputs}));`, 'x.ts');
  assert.deepEqual(outs(a), ['flatten (None, 784)', 'dense (None, 36)', 'dense (None, 10)']);
  assert.equal(a.models[0].name, 'head');
});

test('loops: known bounds are unrolled; long or unknown loops are analysed once under uncertainty', () => {
  const unrolled = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({units: 4, inputShape: [2]}));
for (let i = 0; i < 3; i++) model.add(tf.layers.dense({units: 4}));
for (const u of [5, 6]) { model.add(tf.layers.dense({units: u})); }`, 'x.ts');
  assert.equal(unrolled.models[0].layers.length, 6);
  assert.equal(unrolled.models[0].totalParams, 12 + 3 * 20 + 25 + 36);
  const long = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({units: 4, inputShape: [2]}));
for (let i = 0; i < 100; i++) model.add(tf.layers.dense({units: 4}));`, 'x.ts');
  // The body is analysed once (one use), not 100 times.
  assert.equal(long.layerUses.length, 2);
});

test('if: known conditions pick a branch; unknown ones keep only what the branches agree on', () => {
  const a = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const DEEP = false;
let units = 8;
if (DEEP) { units = 32; } else if (units > 4) { units = 16; }
let other = 3;
if (Math.random() > 0.5) { other = 5; }
const x = tf.input({shape: [2]});
const y = tf.layers.dense({units}).apply(x);
const z = tf.layers.dense({units: other}).apply(y);`, 'x.ts');
  assert.deepEqual(outs(a), ['input (None, 2)', 'dense (None, 16)', 'dense (None, ?)']);
});

test('push under an unknown condition makes the list length unknown', () => {
  const a = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const known = [tf.layers.dense({units: 2, inputShape: [2]})];
known.push(tf.layers.dense({units: 3}));
const unsure = [tf.layers.dense({units: 2, inputShape: [2]})];
if (process.env.DEEP) unsure.push(tf.layers.dense({units: 3}));
const m1 = tf.sequential({layers: known});
const m2 = tf.sequential({layers: unsure});`, 'x.js');
  assert.deepEqual(totals(a), [6 + 9, undefined]);
});

test('functions: defaults, literal arguments, arrows, uncalled functions, a new model at every call', () => {
  const a = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
function build(units = 4, n = 1) {
  const m = tf.sequential();
  m.add(tf.layers.dense({units, inputShape: [n]}));
  return m;
}
const arrow = ({units = 2} = {}) => tf.sequential({layers: [tf.layers.dense({units, inputShape: [1]})]});
const a = build(3, 2);
const again = build(3, 2);
const other = build(5, 5);`, 'x.ts');
  // build(3, 2) twice: 9 params each, two models as in JavaScript; build(5, 5): 30; arrow analysed with its defaults: 4.
  assert.deepEqual(a.models.map(m => [m.name, m.totalParams]), [['sequential_1', 9], ['sequential_2', 9], ['sequential_3', 30], ['sequential_?', 4]]);
  assert.deepEqual(a.variables.filter(v => v.kind === 'write').map(v => `${v.name} ${formatOutputs(v.shapes)}`), ['m (None, 3)', 'm (None, 3)', 'm (None, 5)', 'a (None, 3)', 'again (None, 3)', 'other (None, 5)']);
});

test('applying a layer to a layer object is reported; unknown callees and classes are placeholders', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
class MyLayer extends tf.layers.Layer {}
const d = tf.layers.dense({units: 2});
const bad = tf.layers.dense({units: 2}).apply(d);
const c = new MyLayer({}).apply(tf.input({shape: [3]}));
const r = tf.layers.rnn({cell: tf.layers.lstmCell({units: 2})});`;
  const a = analyzeTypeScript(text, 'x.js');
  assert.deepEqual(a.issues.map(i => i.code), ['called-on-layer']);
  assert.equal(text.slice(a.issues[0].range.start, a.issues[0].range.end), 'tf.layers.dense({units: 2}).apply(d)');
  const unknowns = a.layerUses.filter(u => u.outputs === undefined).map(u => u.writtenAs);
  assert.ok(unknowns.includes('MyLayer'), JSON.stringify(unknowns));
});

test('ranges are UTF-16 offsets and comments are collected', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
const label = '😀 ünïcode';  // emoji before the model
const model = tf.sequential();
model.add(tf.layers.dense({units: 3, inputShape: [2]}));  // (None, 3)
/* block comments are not shape comments */`;
  const a = analyzeTypeScript(text, 'x.ts');
  const use = a.layerUses[0];
  assert.equal(text.slice(use.classRange.start, use.classRange.end), 'dense');
  assert.equal(use.hintOffset, text.indexOf('));') + 2);
  assert.deepEqual(a.comments.map(c => c.body), ['emoji before the model', '(None, 3)']);
  assert.equal(text.slice(a.comments[1].range.start, a.comments[1].range.end), '// (None, 3)');
});

test('multi-output layers: array destructuring and indexing select outputs', () => {
  const a = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const x = tf.input({shape: [4, 3]});
const outs = tf.layers.lstm({units: 2, returnState: true}).apply(x);
const [o, h] = outs;
const c = outs[2];`, 'x.ts');
  const vars = a.variables.filter(v => v.kind === 'write').map(v => `${v.name} ${formatOutputs(v.shapes)}`);
  assert.deepEqual(vars, ['x (None, 4, 3)', 'outs [(None, 2), (None, 2), (None, 2)]', 'o (None, 2)', 'h (None, 2)', 'c (None, 2)']);
});

test('robustness: deep nesting, binary and oversized text never throw', () => {
  const deep = `const a = ${'('.repeat(20000)}1${')'.repeat(20000)};`;
  const r = analyzeTypeScript(deep, 'deep.ts');
  assert.ok(r.notAnalysed === undefined || r.notAnalysed.length > 0);
  const calls = `import * as tf from '@tensorflow/tfjs';\nconst v = ${'f('.repeat(3000)}1${')'.repeat(3000)};\nconst m = tf.sequential();\n${DENSE.replace('model', 'm')}`;
  const rc = analyzeTypeScript(calls, 'calls.ts');
  assert.ok(rc.notAnalysed !== undefined || rc.models.length === 1);
  const sum = `const s = ${Array.from({ length: 5000 }, () => '1').join(' + ')};`;
  assert.equal(analyzeTypeScript(sum, 'sum.ts').notAnalysed, undefined);
  assert.ok(analyzeTypeScript('a\u0000b', 'bin.ts').notAnalysed);
  assert.ok(analyzeTypeScript('x'.repeat(100), 'big.ts', { maxLength: 10 }).notAnalysed);
  const broken = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential(\n${DENSE.replace('model', 'm')}`, 'broken.ts');
  assert.equal(broken.notAnalysed, undefined);
});

test('evaluateTypeScript reports a parser failure instead of throwing', () => {
  const e = evaluateTypeScript('const x = 1;', 'x.ts');
  assert.equal(e.parseError, undefined);
  assert.deepEqual(e.builder.events, []);
});
