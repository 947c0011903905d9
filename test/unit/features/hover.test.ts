// Hovers from real analyses: exact Markdown for layers (shapes, arithmetic, weights with axis meanings,
// parameter formula, notes, version), variables and models; undefined off layers; never throws (sweep).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { loadPythonParser } from '../../../server/src/syntax/python/pythonParser';
import { analyzePython } from '../../../server/src/service/analyze';
import { hoverAt } from '../../../server/src/features/hover';
import { escapeMarkdown, modelSummaryMarkdown, tableCell } from '../../../server/src/features/modelSummary';
import type { HoverInfo } from '../../../server/src/features/types';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/python');

before(async () => {
  await loadPythonParser();
});

/** The hover at the first occurrence of `needle` (plus `delta`) in `text`. */
function hoverOn(text: string, needle: string, delta = 0): HoverInfo | undefined {
  const at = text.indexOf(needle);
  assert.notEqual(at, -1, `'${needle}' not in the snippet`);
  return hoverAt(analyzePython(text), at + delta);
}

function rangeOf(text: string, needle: string): { start: number; end: number } {
  const start = text.indexOf(needle);
  return { start, end: start + needle.length };
}

const CONV_SRC = 'import keras\nx = keras.Input((28, 28, 1))\ny = keras.layers.Conv2D(32, 3)(x)\n';

const CONV = [
  '**conv2d** · `Conv2D`',
  '',
  '(None, 28, 28, 1) → (None, 26, 26, 32)',
  '',
  '- rows: (28 − 3) / 1 + 1 = 26',
  '- cols: (28 − 3) / 1 + 1 = 26',
  '',
  '| Weight | Shape | Axes | Trainable | Params |',
  '| --- | --- | --- | --- | ---: |',
  '| `kernel` | (3, 3, 1, 32) | kernel rows × kernel cols × input channels × filters | yes | 288 |',
  '| `bias` | (32,) | filters | yes | 32 |',
  '',
  '**320 params** = 3·3·1·32 + 32',
  '',
  '2-D convolution: each spatial axis shrinks or grows by the convolution arithmetic and the channel axis becomes `filters`.',
  '',
  '*Assumes Keras 3: the file uses the standalone `keras` package (`keras.Input`)*',
].join('\n');

test('Conv2D: on the class name, the full hover and the class-name range', () => {
  const h = hoverOn(CONV_SRC, 'Conv2D', 3);
  assert.deepEqual(h, { range: rangeOf(CONV_SRC, 'Conv2D'), markdown: CONV });
});

test('Conv2D: inside the call (not on a name) the same hover covers the whole use', () => {
  const h = hoverOn(CONV_SRC, '(32, 3)', 1);
  assert.deepEqual(h, { range: rangeOf(CONV_SRC, 'keras.layers.Conv2D(32, 3)(x)'), markdown: CONV });
});

const DENSE_SRC = [
  'import keras',
  'from keras import layers',
  '',
  'inputs = keras.Input(shape=(100,))',
  'hidden = layers.Dense(2000, activation="relu")(inputs)',
  'last = layers.Dense(4800)(hidden)',
  'model = keras.Model(inputs=inputs, outputs=last)',
  '',
].join('\n');

test('Dense: the kernel is (inputs, units), the transpose of W in y = W·x', () => {
  const h = hoverOn(DENSE_SRC, 'Dense(4800');
  assert.deepEqual(h?.range, { start: DENSE_SRC.indexOf('Dense(4800'), end: DENSE_SRC.indexOf('Dense(4800') + 'Dense'.length });
  assert.equal(h?.markdown, [
    '**dense_1** · `Dense`',
    '',
    '(None, 2000) → (None, 4800)',
    '',
    '| Weight | Shape | Axes | Trainable | Params |',
    '| --- | --- | --- | --- | ---: |',
    '| `kernel` | (2000, 4800) | inputs (last axis of the input) × units | yes | 9,600,000 |',
    '| `bias` | (4800,) | units | yes | 4,800 |',
    '',
    '**9,604,800 params** = 2000·4800 + 4800',
    '',
    'The kernel is stored as (inputs, units) = (2000, 4800): the transpose of W in y = W·x, because Keras computes a whole batch as Y = X·kernel.',
    '',
    'Fully connected layer on the last axis: (…, inputs) → (…, units).',
    '',
    '*Assumes Keras 3: the file uses the standalone `keras` package (`keras.Input`)*',
  ].join('\n'));
});

const K1_SRC = [
  'from keras.models import Sequential',
  'from keras.layers import Embedding, Convolution1D, GlobalMaxPooling1D, Dense',
  '',
  'model = Sequential()',
  'model.add(Embedding(20000, 300, input_length=400))',
  'model.add(Convolution1D(nb_filter=111, filter_length=5, border_mode=\'valid\', activation="relu", subsample_length=1))',
  'model.add(GlobalMaxPooling1D())',
  'model.add(Dense(1))',
  '',
].join('\n');

test('Keras 1 Convolution1D: the 4-D kernel (5, 1, 300, 111) and why', () => {
  const h = hoverOn(K1_SRC, 'Convolution1D(nb', 5);
  assert.deepEqual(h?.range, { start: K1_SRC.indexOf('Convolution1D(nb'), end: K1_SRC.indexOf('Convolution1D(nb') + 'Convolution1D'.length });
  assert.equal(h?.markdown, [
    '**convolution1d_1** · `Convolution1D`',
    '',
    '(None, 400, 300) → (None, 396, 111)',
    '',
    '- steps: (400 − 5) / 1 + 1 = 396',
    '',
    '| Weight | Shape | Axes | Trainable | Params |',
    '| --- | --- | --- | --- | ---: |',
    '| `W` | (5, 1, 300, 111) | filter_length × dummy column (Keras 1 runs Conv1D as a 2-D convolution) × input_dim (input channels) × nb_filter | yes | 166,500 |',
    '| `b` | (111,) | nb_filter | yes | 111 |',
    '',
    '**166,611 params** = 5·1·300·111 + 111',
    '',
    'Keras 1 computes Convolution1D as a 2-D convolution over a (steps, 1) image, so its kernel is 4-D: (filter_length, 1, input_dim, nb_filter) = (5, 1, 300, 111).',
    '',
    '1-D convolution: each spatial axis shrinks or grows by the convolution arithmetic and the channel axis becomes `filters`.',
    '',
    '*Assumes Keras 1: `Convolution1D(nb_filter=…)` is a Keras 1 argument*',
  ].join('\n'));
});

const LC_SRC = [
  'import tensorflow as tf',
  'from tensorflow.keras import layers',
  '',
  'model = tf.keras.Sequential([',
  '    layers.InputLayer(input_shape=(6, 6, 3)),',
  '    layers.Conv2D(4, 3, padding="same"),',
  '    layers.LocallyConnected2D(4, 3),',
  '])',
  '',
].join('\n');

test('LocallyConnected2D (seed question, tf.keras): kernel (16, 36, 4), bias (4, 4, 4), one kernel per position', () => {
  const h = hoverOn(LC_SRC, 'LocallyConnected2D');
  assert.deepEqual(h?.range, rangeOf(LC_SRC, 'LocallyConnected2D'));
  assert.equal(h?.markdown, [
    '**locally_connected2d** · `LocallyConnected2D`',
    '',
    '(None, 6, 6, 4) → (None, 4, 4, 4)',
    '',
    '- rows: (6 − 3) / 1 + 1 = 4',
    '- cols: (6 − 3) / 1 + 1 = 4',
    '',
    '| Weight | Shape | Axes | Trainable | Params |',
    '| --- | --- | --- | --- | ---: |',
    '| `kernel` | (16, 36, 4) | output positions (output rows · output cols) × (kernel rows · kernel cols · input channels) × filters | yes | 2,304 |',
    '| `bias` | (4, 4, 4) | output rows × output cols × filters | yes | 64 |',
    '',
    '**2,368 params** = 16·36·4 + 4·4·4',
    '',
    'One kernel per output position: kernel (positions, kh·kw·in, filters) = (16, 36, 4), where 16 = 4×4 output positions and 36 = 3·3·4 input channels after the previous layer; bias (rows, cols, filters) = (4, 4, 4).',
    '',
    "2-D locally-connected layer: the spatial arithmetic of a 'valid' convolution, but with a separate kernel for every output position (no weight sharing), so the weights grow with the output size.",
    '',
    '*Assumes tf.keras 2: `LocallyConnected2D` exists only up to Keras 2, through tf.keras*',
  ].join('\n'));
});

test('a variable: its shape and the layer that produced it', () => {
  const h = hoverOn(CONV_SRC, 'y =');
  assert.deepEqual(h, { range: rangeOf(CONV_SRC, 'y'), markdown: "`y`: (None, 26, 26, 32)\n\noutput of Conv2D 'conv2d'" });
  // A variable read inside a call wins over the call around it.
  const read = hoverOn(CONV_SRC, '(x)', 1);
  assert.deepEqual(read, { range: { start: CONV_SRC.indexOf('(x)') + 1, end: CONV_SRC.indexOf('(x)') + 2 }, markdown: "`x`: (None, 28, 28, 1)\n\noutput of Input 'input_layer'" });
});

const MODEL_SRC = 'import keras\nm = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Conv2D(4, 3, name="c|1"), keras.layers.BatchNormalization()])\n';

test('a model variable: the model.summary() table with weights and the three totals', () => {
  const h = hoverOn(MODEL_SRC, 'm =');
  assert.deepEqual(h?.range, { start: 13, end: 14 });
  assert.equal(h?.markdown, [
    "`m`: model 'sequential'",
    '',
    '**Model: "sequential"** (sequential)',
    '',
    '| Layer (type) | Output Shape | Param # | Weights |',
    '| --- | --- | ---: | --- |',
    '| c\\|1 (Conv2D) | (None, 26, 26, 4) | 40 | kernel (3, 3, 1, 4), bias (4,) |',
    '| batch_normalization (BatchNormalization) | (None, 26, 26, 4) | 16 | gamma (4,), beta (4,), moving_mean (4,) (non-trainable), moving_variance (4,) (non-trainable) |',
    '',
    'Total params: 56\\',
    'Trainable params: 48\\',
    'Non-trainable params: 8',
  ].join('\n'));
  const model = analyzePython(MODEL_SRC).models[0];
  assert.equal(h?.markdown, `\`m\`: model 'sequential'\n\n${modelSummaryMarkdown(model)}`);
});

test('BatchNormalization: the non-trainable moving statistics are called out in the parameter line', () => {
  const h = hoverOn(MODEL_SRC, 'BatchNormalization');
  assert.ok(h?.markdown.includes('\n\n**16 params** = 4 + 4 + 4 + 4 (8 trainable + 8 non-trainable)\n\n'), h?.markdown);
  assert.ok(h?.markdown.includes('| `moving_mean` | (4,) | features (input axis 3) | no | 4 |'), h?.markdown);
});

const UNKNOWN_SRC = [
  'from keras.layers import Input, Embedding, Conv1D',
  'inputs = Input((7,))',
  'out = Embedding(1000, 5)',
  'out1 = Conv1D(2, 4, activation="relu")(out)',
  '',
].join('\n');

test('an unknown layer: ? for shapes and counts, with the reason; no invented weights', () => {
  const h = hoverOn(UNKNOWN_SRC, 'Conv1D(2');
  assert.deepEqual(h, {
    range: { start: UNKNOWN_SRC.indexOf('Conv1D(2'), end: UNKNOWN_SRC.indexOf('Conv1D(2') + 'Conv1D'.length },
    markdown: [
      '**conv1d** · `Conv1D`',
      '',
      '? → ? — *called on a layer object instead of a tensor*',
      '',
      '**? params**',
      '',
      '1-D convolution: each spatial axis shrinks or grows by the convolution arithmetic and the channel axis becomes `filters`.',
      '',
      '*Assumes Keras 3: the file uses the standalone `keras` package (`keras.layers.Input`)*',
    ].join('\n'),
  });
  const v = hoverOn(UNKNOWN_SRC, 'out1');
  assert.equal(v?.markdown, "`out1`: ?\n\noutput of Conv1D 'conv1d' — *called on a layer object instead of a tensor*");
});

test('per-pixel softmax: height and width kept, the last axis one channel per class; not for rank 2', () => {
  const src = 'import keras\nx = keras.Input((8, 8, 3))\np = keras.layers.Softmax()(x)\nq = keras.layers.Softmax()(keras.Input((10,)))\n';
  const pixel = hoverOn(src, 'Softmax');
  assert.ok(pixel?.markdown.includes('\n\nPer-position softmax: the output keeps the input\'s shape (None, 8, 8, 3). Height and width stay 8×8, and with the default axis=-1 the last axis holds one channel per class (3 classes), whose values sum to 1 at every position.\n\n'), pixel?.markdown);
  const flat = hoverOn(src, 'Softmax()(keras');
  assert.ok(flat && !flat.markdown.includes('Per-position'), flat?.markdown);
});

test('several outputs and several inputs are shown as lists', () => {
  const src = 'import keras\nx = keras.Input((5, 3))\nout = keras.layers.LSTM(4, return_state=True)(x)\nc = keras.layers.Concatenate()([x, x])\n';
  assert.ok(hoverOn(src, 'LSTM')?.markdown.includes('\n\n(None, 5, 3) → [(None, 4), (None, 4), (None, 4)]\n\n'));
  assert.equal(hoverOn(src, 'out =')?.markdown, "`out`: [(None, 4), (None, 4), (None, 4)]\n\noutput of LSTM 'lstm'");
  assert.ok(hoverOn(src, 'Concatenate')?.markdown.includes('\n\n[(None, 5, 3), (None, 5, 3)] → (None, 5, 6)\n\n'));
});

test('Keras 3 Input written as `Input`: the class is InputLayer, written Input; output only', () => {
  const h = hoverOn(CONV_SRC, 'Input(');
  assert.ok(h?.markdown.startsWith('**input_layer** · `InputLayer` (written `Input`)\n\n→ (None, 28, 28, 1)\n\n'), h?.markdown);
  assert.ok(h?.markdown.includes('\n\n**0 params** (no weights)\n\n'), h?.markdown);
});

test('offsets outside any layer or variable give undefined', () => {
  const a = analyzePython(CONV_SRC);
  assert.equal(hoverAt(a, 0), undefined); // `import`
  assert.equal(hoverAt(a, CONV_SRC.indexOf('keras\nx')), undefined); // the module name
  assert.equal(hoverAt(a, CONV_SRC.length), undefined);
  assert.equal(hoverAt(a, -1), undefined);
  assert.equal(hoverAt(a, NaN), undefined);
  assert.equal(hoverAt(a, CONV_SRC.indexOf(' = keras.layers')), undefined); // the space after `y`
});

test('Markdown escaping: names and reasons cannot break emphasis, tables or become HTML', () => {
  assert.equal(escapeMarkdown('passed through **kwargs'), 'passed through \\*\\*kwargs');
  assert.equal(escapeMarkdown('`a*b` and a*b <x> _y_ input_dim'), '`a*b` and a\\*b \\<x> \\_y\\_ input_dim');
  assert.equal(escapeMarkdown('# not a heading'), '\\# not a heading');
  assert.equal(escapeMarkdown('-1 = 2048 / 8'), '\\-1 = 2048 / 8');
  assert.equal(escapeMarkdown('[a]: b, on [q, v]: c'), '\\[a]: b, on [q, v]: c');
  assert.equal(escapeMarkdown('[a](b) [x] &amp; & < n'), '[a\\](b) [x] \\&amp; & < n');
  assert.equal(tableCell('a|b `c|d`'), 'a\\|b `c\\|d`');
  // Whitespace holding a line break becomes one space; other whitespace stays as written.
  assert.equal(escapeMarkdown('a  \n \t\r\n  b c\nd '), 'a b c d ');
  assert.equal(escapeMarkdown('x\u00a0\n\u2003y  z'), 'x y  z');
  // A name of 300,000 spaces (a pathological input once quadratic here) comes back whole.
  assert.equal(escapeMarkdown(`a${' '.repeat(300_000)}\nb`), 'a b');
  assert.equal(escapeMarkdown(`a${' '.repeat(300_000)}b`).length, 300_002);
});

test('never throws on any offset of any fixture (sweep), and hovers lie inside the text', () => {
  const files = fs.readdirSync(FIXTURES).filter(f => f.endsWith('.py')).sort();
  assert.ok(files.length > 10);
  let hovers = 0;
  for (const file of files) {
    const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
    const a = analyzePython(text);
    for (let offset = -1; offset <= text.length + 1; offset++) {
      const h = hoverAt(a, offset);
      if (!h) continue;
      hovers++;
      assert.ok(h.range.start <= offset && offset < h.range.end, `${file}@${offset}: range ${JSON.stringify(h.range)}`);
      assert.ok(h.markdown.length > 0 && !/<[a-z]/i.test(h.markdown.replace(/`[^`]*`/g, '')), `${file}@${offset}: ${h.markdown}`);
      assert.ok(!/NaN/.test(h.markdown), `${file}@${offset}: ${h.markdown}`);
    }
  }
  assert.ok(hovers > 1000, `only ${hovers} offsets had a hover`);
});

test('the model constructor itself: its summary, over the whole constructor call', () => {
  const src = 'import keras\nm = keras.Sequential([keras.layers.InputLayer((3,)), keras.layers.Dense(2)], name="tiny")\n';
  const h = hoverOn(src, 'Sequential');
  assert.deepEqual(h?.range, rangeOf(src, 'keras.Sequential([keras.layers.InputLayer((3,)), keras.layers.Dense(2)], name="tiny")'));
  assert.match(h?.markdown ?? '', /^\*\*Model: "tiny"\*\* \(sequential\)/);
  assert.match(h?.markdown ?? '', /Total params: 8/);
});
