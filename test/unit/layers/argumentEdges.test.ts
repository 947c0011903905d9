// Edge values of size arguments (fractions, numbers past 2^53, negative or zero sizes, bad data formats): each is
// either a provable error with its message or an unknown size, never a size computed from a value Keras or TF.js
// would refuse. The catalogue-wide sweep at the end checks that no rule shows an inexact size for any of them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildForTest, summarize } from '../../support/buildForTest';
import type { BuildOutcome } from '../../../server/src/infer/buildLayer';
import { analyzePython } from '../../../server/src/service/analyze';
import { analyzeTypeScript } from '../../../server/src/service/analyzeTypeScript';
import { allLayerSpecs } from '../../../server/src/layers/registry';
import { loadPythonParser } from '../../../server/src/syntax/python/pythonParser';
import type { KerasVersion } from '../../../server/src/ir/kerasVersion';

function errorMessages(o: BuildOutcome): string[] {
  return o.issues.filter(i => i.severity === 'error').map(i => i.message);
}

test('a fractional kernel size leaves the sizes it feeds unknown, with no diagnostic', () => {
  for (const version of ['3', 'tf.keras', 'tfjs'] as KerasVersion[]) {
    const o = buildForTest({ className: 'Conv2D', args: [4, 3.5], input: [null, 28, 28, 3], version });
    const s = summarize(o);
    assert.deepEqual(s.outputs, [[null, '?', '?', 4]], version);
    assert.deepEqual(s.weights, ['kernel (?, ?, 3, 4)', 'bias (4,)'], version);
    assert.equal(s.params, '?', version);
    assert.deepEqual(o.issues, [], version);
  }
});

test('units past 2^53 or fractional are unknown, never rounded', () => {
  for (const units of [2 ** 53 + 2, 1e308, 2.5, Infinity, NaN]) {
    const s = summarize(buildForTest({ className: 'Dense', args: [units], input: [null, 10] }));
    assert.deepEqual(s.outputs, [[null, '?']], String(units));
    assert.deepEqual(s.weights, ['kernel (10, ?)', 'bias (?,)'], String(units));
    assert.equal(s.params, '?', String(units));
  }
});

test('a product of exact sizes past 2^53 is unknown (UpSampling2D)', () => {
  const s = summarize(buildForTest({ className: 'UpSampling2D', args: [2 ** 52], input: [null, 8, 1, 1] }));
  assert.deepEqual(s.outputs, [[null, '?', 2 ** 52, 1]]);
});

test('a negative kernel size is an error in every version', () => {
  const keras = buildForTest({ className: 'Conv2D', args: [4, -3], input: [null, 28, 28, 3] });
  assert.deepEqual(errorMessages(keras), ['The kernel size of Conv2D must be positive; received (-3, -3).']);
  assert.equal(keras.result, undefined);
  const tfjs = buildForTest({ className: 'Conv2D', args: [4, -3], input: [null, 28, 28, 3], version: 'tfjs' });
  assert.deepEqual(errorMessages(tfjs), ['The kernel size of Conv2D must be positive; received (-3, -3) (TF.js cannot create a kernel of negative shape).']);
});

test('TF.js: sizes from a negative stride are not stated (tfjs builds some as 0 and fails others), and not reported', () => {
  const conv = buildForTest({ className: 'Conv1D', args: [4, 3], kwargs: { strides: -3 }, input: [null, 8, 3], version: 'tfjs' });
  assert.deepEqual(summarize(conv).outputs, [[null, '?', 4]]);
  assert.deepEqual(conv.issues, []);
  const transposed = buildForTest({ className: 'Conv2DTranspose', args: [4, 3], kwargs: { strides: -3 }, input: [null, 8, 8, 3], version: 'tfjs' });
  assert.equal(transposed.result, undefined);
  assert.deepEqual(transposed.issues, []);
});

test('negative strides and a dilation rate of 0 or less are errors in Keras', () => {
  const strides = buildForTest({ className: 'Conv1D', args: [4, 3], kwargs: { strides: -2 }, input: [null, 10, 3] });
  assert.deepEqual(errorMessages(strides), ['The strides of Conv1D must be positive; received (-2,).']);
  for (const d of [0, -1]) {
    const o = buildForTest({ className: 'Conv2D', args: [4, 3], kwargs: { dilation_rate: d }, input: [null, 28, 28, 3] });
    assert.deepEqual(errorMessages(o), [`The dilation rate of Conv2D must be positive; received (${d}, ${d}).`]);
  }
});

test('TF.js builds a dilation rate of 0 as tfjs does: no diagnostic, the size tfjs reports', () => {
  const o = buildForTest({ className: 'Conv2D', args: [4, 3], kwargs: { dilation_rate: 0 }, input: [null, 8, 8, 3], version: 'tfjs' });
  assert.deepEqual(summarize(o).outputs, [[null, 8, 8, 4]]);
  assert.deepEqual(o.issues, []);
});

test('groups of 0 or less is an error', () => {
  const o = buildForTest({ className: 'Conv2D', args: [4, 3], kwargs: { groups: 0 }, input: [null, 8, 8, 3] });
  assert.deepEqual(errorMessages(o), ['Conv2D: the number of groups must be a positive integer; received groups=0.']);
});

test('a data format that is neither channels_last nor channels_first is an error, not a layer without weights', () => {
  for (const className of ['Conv2D', 'MaxPooling2D', 'UpSampling2D']) {
    const o = buildForTest({ className, args: className === 'Conv2D' ? [4, 3] : [], kwargs: { data_format: 'nonsense' }, input: [null, 8, 8, 3] });
    assert.deepEqual(errorMessages(o), [`The \`data_format\` argument of ${className} must be 'channels_last' or 'channels_first'; received 'nonsense'.`]);
    assert.equal(o.result, undefined);
  }
});

test('an input shape with a negative size is an error; a fractional one is unknown', async () => {
  await loadPythonParser();
  const negative = analyzePython('import keras\nx = keras.Input(shape=(-5, 3))\n');
  assert.deepEqual(negative.issues.map(i => [i.severity, i.message, i.range.start, i.range.end]), [
    ['error', 'An input shape cannot have a negative size; received (-5, 3).', 17, 43],
  ]);
  const fraction = analyzePython('import keras\nx = keras.Input(shape=(2.5, 3))\n');
  assert.deepEqual(fraction.layerUses.map(u => u.outputs), [[[null, '?', 3]]]);
  assert.deepEqual(fraction.issues, []);
  const declared = analyzePython('import keras\nm = keras.Sequential([keras.layers.Dense(4, input_shape=(-5,))])\n');
  assert.deepEqual(declared.layerUses.map(u => [u.inputShapes, u.outputs, u.params]), [[[[null, '?']], [[null, 4]], undefined]]);
});

/** Values a size argument can be given that Keras or TF.js refuse, or that a double cannot hold exactly. */
const EDGE_VALUES = ['0', '-3', '2.5', '2**60', '2**53 + 1', "float('inf')", '(-1, 2)', '(2.5, 2)'];
/** Values for the arguments a layer needs, so that it builds before one argument is changed. */
const BASE: Record<string, string> = { units: '4', filters: '4', kernel_size: '3', rate: '0.5', pool_size: '2', target_shape: '(-1,)', n: '2', dims: '(1,)', input_dim: '10', output_dim: '4', size: '2', cropping: '1', height: '4', width: '4', depth_multiplier: '1' };
const INPUTS = ['(8,)', '(6, 5)', '(8, 8, 3)', '(6, 6, 6, 2)'];

/** A size is shown only when it is a whole number from 0 up that a double holds exactly. */
function inexactSizes(text: string): string[] {
  const bad = (d: unknown) => typeof d === 'number' && !(Number.isSafeInteger(d) && d >= 0);
  const out: string[] = [];
  for (const u of analyzePython(text).layerUses) {
    for (const s of u.outputs ?? []) if (s?.some(bad)) out.push(`${u.name} output ${JSON.stringify(s)}`);
    for (const w of u.weights ?? []) if (w.shape.some(bad)) out.push(`${u.name} ${w.name} ${JSON.stringify(w.shape)}`);
    if (u.params !== undefined && bad(u.params)) out.push(`${u.name} params ${u.params}`);
  }
  return out;
}

test('no layer of the catalogue shows an inexact size for any edge value of any argument', async () => {
  await loadPythonParser();
  const found: string[] = [];
  let programs = 0;
  for (const spec of allLayerSpecs()) {
    if (spec.isInput) continue;
    const base = spec.args.filter(a => a.default === undefined && BASE[a.name] !== undefined).map(a => `${a.name}=${BASE[a.name]}`);
    const model = (input: string, args: string[]) => `keras.Sequential([keras.Input(shape=${input}), layers.${spec.className}(${args.join(', ')})])`;
    // The first input the layer builds on with its base arguments; layers that need a list, a wrapped layer or a
    // function (merging, wrappers, Lambda) are left out.
    const input = INPUTS.find(i => {
      const a = analyzePython(`import keras\nfrom keras import layers\nm = ${model(i, base)}\n`);
      return a.issues.length === 0 && a.layerUses[1]?.outputs?.every(o => o?.every(d => d !== '?'));
    });
    if (!input) continue;
    // One file per layer and version: a model per argument and edge value.
    const lines = spec.args.flatMap(arg => EDGE_VALUES.map(v => model(input, [...base.filter(b => !b.startsWith(`${arg.name}=`)), `${arg.name}=${v}`])));
    programs += lines.length;
    for (const header of ['import keras\nfrom keras import layers\n', 'from tensorflow import keras\nfrom tensorflow.keras import layers\n']) {
      const text = header + lines.map((l, i) => `m${i} = ${l}\n`).join('');
      for (const problem of inexactSizes(text)) found.push(`${spec.className}: ${problem}`);
    }
  }
  assert.ok(programs > 2000, `only ${programs} programs: the sweep lost its layers`);
  assert.deepEqual(found, []);
});

test("TF.js refuses the Python spelling 'channels_last' of dataFormat, and so do we", () => {
  const text = "import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential();\nm.add(tf.layers.conv2d({ filters: 4, kernelSize: 3, dataFormat: 'channels_last', inputShape: [8, 8, 3] }));\n";
  const a = analyzeTypeScript(text, 'model.ts');
  assert.deepEqual(a.issues.map(i => [i.severity, i.message, i.range.start, i.range.end]), [
    ['error', "The `dataFormat` argument of conv2d 'conv2d_Conv2D1' must be 'channelsLast' or 'channelsFirst'; received 'channels_last', the Python spelling (TF.js writes 'channelsLast').", 73, 172],
  ]);
  assert.deepEqual(a.layerUses.map(u => u.outputs), [undefined]);
});
