// A Sequential handed to code ShapeLens does not analyse, or put in a value it does not follow, may be changed
// there at any later time: what is added after that does not know its input, and the totals are not known. Keras,
// TensorFlow and JavaScript's own functions do not add layers, so passing a model to them changes nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzePython } from '../../server/src/service/analyze';
import { analyzeTypeScript } from '../../server/src/service/analyzeTypeScript';
import { loadPythonParser } from '../../server/src/syntax/python/pythonParser';
import type { Analysis } from '../../server/src/service/types';

test.before(async () => {
  await loadPythonParser();
});

function uses(a: Analysis): [string, string | undefined, number | undefined, string | undefined][] {
  return a.layerUses.map(u => [u.name, u.inputShapes.length ? JSON.stringify(u.inputShapes) : undefined, u.params, u.unknownReason]);
}

const PASSED = (callee: string) => `the layers before it in the Sequential are not known: the model was passed to \`${callee}(…)\`, which ShapeLens does not analyse and which may add layers to it`;

test('Python: a model in `[model] * n` may get layers through it (a loop over the list adds Dense(16) n times)', () => {
  const a = analyzePython(`import keras
from keras import layers
model = keras.Sequential([keras.Input((4,))])
model.add(layers.Dense(2))
for m in [model] * n:
    m.add(layers.Dense(16))
model.add(layers.Dense(3))
`);
  assert.deepEqual(uses(a), [
    ['input_layer', undefined, 0, undefined],
    ['dense', '[[null,4]]', 10, undefined],
    // The Dense(16) made in the loop takes a number in every round: the name after it is not known.
    ['dense_?', '[null]', undefined, 'the layers before it in the Sequential are not known: the model is in the result of `*` on a list, which ShapeLens does not follow, and may be changed through it'],
  ]);
  assert.equal(a.models[0].totalParams, undefined);
});

test('Python: a model passed to an imported helper may get layers there; Keras utilities and model methods change nothing', () => {
  const a = analyzePython(`import keras
from keras import layers
from blocks import add_conv_block
model = keras.Sequential([keras.Input((4,))])
model.add(layers.Dense(2))
keras.utils.plot_model(model)
model.compile(optimizer='adam', loss='mse')
model.add(layers.Dense(3))
add_conv_block(model, 32)
model.add(layers.Dense(5))
`);
  assert.deepEqual(uses(a), [
    ['input_layer', undefined, 0, undefined],
    ['dense', '[[null,4]]', 10, undefined],
    ['dense_1', '[[null,2]]', 9, undefined],
    ['dense_2', '[null]', undefined, PASSED('add_conv_block')],
  ]);
});

test('Python: after `model.pop()` what is added next does not know its input', () => {
  const a = analyzePython(`import keras
from keras import layers
model = keras.Sequential([keras.Input((4,)), layers.Dense(8), layers.Dense(2)])
model.pop()
model.add(layers.Dense(3))
`);
  assert.deepEqual(uses(a).slice(3), [
    ['dense_2', '[null]', undefined, "the layers before it in the Sequential are not known: the model's `pop()` removes a layer, which ShapeLens does not follow"],
  ]);
});

test('TS: a model passed to an unknown function or into `Array(n).fill(…)` may get layers there; console.log changes nothing', () => {
  const a = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({units: 4, inputShape: [4]}));
console.log(model);
model.add(tf.layers.dense({units: 2}));
const copies = Array(n).fill(model);
copies.forEach(m => m.add(tf.layers.dense({units: 16})));
model.add(tf.layers.dense({units: 5}));
`, 'model.ts');
  assert.deepEqual(uses(a), [
    ['dense_Dense1', '[[null,4]]', 20, undefined],
    ['dense_Dense2', '[[null,4]]', 10, undefined],
    ['dense_Dense?', '[null]', undefined, PASSED('Array(n).fill')],
  ]);
  assert.equal(a.models[0].totalParams, undefined);
});

test('TS: `module.exports = model` is an export, like `export default`: the totals stay known', () => {
  const a = analyzeTypeScript(`const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
model.add(tf.layers.dense({units: 4, inputShape: [4]}));
module.exports = model;
exports.model = model;
`, 'model.js');
  assert.equal(a.models[0].totalParams, 20);
});

test('libraries that add no layers keep a model as it is: tfjs-vis, tensorflowjs, Python built-ins', () => {
  const ts = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
import * as tfvis from '@tensorflow/tfjs-vis';
const model = tf.sequential();
model.add(tf.layers.dense({units: 4, inputShape: [4]}));
tfvis.show.modelSummary({name: 'Model'}, model);
model.add(tf.layers.dense({units: 1}));
`, 'model.ts');
  assert.equal(ts.models[0].totalParams, 25);
  const py = analyzePython(`import keras
import tensorflowjs as tfjs
from keras import layers
model = keras.Sequential([keras.Input((4,)), layers.Dense(2)])
print(type(model), isinstance(model, keras.Model), id(model))
tfjs.converters.save_keras_model(model, 'out')
model.add(layers.Dense(3))
`);
  assert.equal(py.models[0].totalParams, 19);
});

test('a list made and appended to inside an undecided arm (a builder called under a condition) is unrolled as before', () => {
  const a = analyzePython(`import keras
from keras import layers
def build():
    hidden = []
    hidden.append(64)
    hidden.append(32)
    m = keras.Sequential([keras.Input((8,))])
    for h in hidden:
        m.add(layers.Dense(h))
    return m
if c():
    model = build()
`);
  assert.deepEqual(uses(a).map(u => u.slice(0, 3)), [
    ['input_layer', undefined, 0],
    ['dense', '[[null,8]]', 576],
    ['dense_?', '[[null,64]]', 2080],
  ]);
});

test('a function the file never calls, or hands over inside a dict, may add to a model at any time; so may a class it does not analyse', () => {
  const never = analyzePython(`import keras
from keras import layers
model = keras.Sequential([keras.Input((4,)), layers.Dense(2)])
def grow():
    model.add(layers.Dense(8))
model.add(layers.Dense(4))
`);
  // grow runs only if code outside the file calls it, after the file's own statements: Dense(4) follows Dense(2).
  assert.deepEqual(uses(never).map(u => u.slice(0, 3)), [
    ['input_layer', undefined, 0],
    ['dense', '[[null,4]]', 10],
    ['dense_?', undefined, undefined],
    ['dense_1', '[[null,2]]', 12],
  ]);
  assert.equal(never.models[0].totalParams, undefined);
  const handed = analyzePython(`import keras
from keras import layers
model = keras.Sequential([keras.Input((4,)), layers.Dense(2)])
def grow():
    model.add(layers.Dense(8))
register({'cb': grow})
model.add(layers.Dense(4))
`);
  assert.equal(handed.layerUses.find(u => u.name === 'dense_?')?.inputShapes[0], undefined);
  const made = analyzePython(`import keras
from keras import layers
class Grower:
    def __init__(self, m):
        m.add(layers.Dense(8))
model = keras.Sequential([keras.Input((4,)), layers.Dense(2)])
Grower(model)
model.add(layers.Dense(4))
`);
  assert.deepEqual(uses(made).slice(-1), [['dense_?', '[null]', undefined, PASSED('Grower')]]);
});

test('a class of the file that never calls add or pop (a GAN wrapper holding its models) leaves their totals known', () => {
  const a = analyzePython(`import keras
from keras import layers
class GAN(keras.Model):
    def __init__(self, discriminator, generator):
        super().__init__()
        self.discriminator = discriminator
        self.generator = generator
d = keras.Sequential([keras.Input((4,)), layers.Dense(1)])
g = keras.Sequential([keras.Input((2,)), layers.Dense(4)])
gan = GAN(discriminator=d, generator=g)
`);
  assert.deepEqual(a.models.map(m => m.totalParams), [5, 12]);
});
