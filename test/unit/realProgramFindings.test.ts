// Patterns of real Keras and TF.js programs (keras-io and tfjs-examples) where the analysis used to state something
// false: an error on code that runs, or a definite count or name Keras does not give. Each is a minimal program
// written for the test, with the exact result Keras or TF.js gives.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzePython } from '../../server/src/service/analyze';
import { analyzeTypeScript } from '../../server/src/service/analyzeTypeScript';
import { loadPythonParser } from '../../server/src/syntax/python/pythonParser';
import type { Analysis } from '../../server/src/service/types';

test.before(async () => {
  await loadPythonParser();
});

function rows(a: Analysis): [string, string | undefined, number | undefined][] {
  return a.layerUses.map(u => [u.name, u.outputs ? JSON.stringify(u.outputs) : undefined, u.params]);
}

test('a Lambda called on a list of tensors takes the list (no input-count error)', () => {
  const a = analyzePython(`import keras
from keras import layers
a = keras.Input((10,))
b = keras.Input((10,))
d = layers.Lambda(lambda t: t[0] - t[1])([a, b])
e = layers.Lambda(lambda t: t[0] * t[1], output_shape=(10,))([a, b])
model = keras.Model([a, b], [d, e])
`);
  assert.deepEqual(a.issues, []);
  assert.deepEqual(a.layerUses.slice(2).map(u => [u.name, u.inputShapes, u.outputs]), [
    ['lambda', [[null, 10], [null, 10]], undefined],
    ['lambda_1', [[null, 10], [null, 10]], [[null, 10]]],
  ]);
});

test('layers added in the two arms of an undecided if/else are not chained into one another', () => {
  const a = analyzePython(`import keras
from keras import layers
def build(kind):
    model = keras.Sequential([keras.Input((10,))])
    model.add(layers.Embedding(100, 8))
    if kind == "flat":
        model.add(layers.Flatten())
    else:
        model.add(layers.Conv1D(4, 3))
    model.add(layers.Dense(1))
    return model
`);
  assert.deepEqual(a.issues, []);
  assert.deepEqual(rows(a), [
    ['input_layer_?', '[[null,10]]', 0],
    ['embedding_?', '[[null,10,8]]', 800],
    ['flatten_?', '[[null,80]]', 0],
    ['conv1d_?', undefined, undefined],
    ['dense_?', undefined, undefined],
  ]);
  assert.equal(a.layerUses.find(u => u.name === 'conv1d_?')!.unknownReason, 'the layers before it in the Sequential were added under a condition or loop the analysis cannot decide');
  assert.equal(a.models[0].totalParams, undefined);
});

test('TF.js: switch cases adding alternative first layers are neither chained nor warned about', () => {
  const a = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
export function build(kind: string) {
  const model = tf.sequential();
  switch (kind) {
    case 'lstm':
      model.add(tf.layers.lstm({units: 4, inputShape: [10, 3]}));
      break;
    default:
      model.add(tf.layers.gru({units: 4, inputShape: [10, 3]}));
  }
  model.add(tf.layers.dense({units: 1}));
  return model;
}
`, 'model.ts');
  assert.deepEqual(a.issues, []);
  assert.deepEqual(rows(a).map(r => [r[0], r[1]]), [['lstm_LSTM?', '[[null,4]]'], ['gru_GRU?', undefined], ['dense_Dense?', undefined]]);
});

test('TF.js: a model applied to a tensor of another rank runs its layers again (no error, output not stated)', () => {
  const a = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const head = tf.sequential();
head.add(tf.layers.dense({units: 12, inputShape: [4]}));
const ids = tf.input({shape: [1]});
const emb = tf.layers.embedding({inputDim: 10, outputDim: 4}).apply(ids) as tf.SymbolicTensor;
const out = head.apply(emb) as tf.SymbolicTensor;
`, 'model.ts');
  assert.deepEqual(a.issues, []);
  const use = a.layerUses.find(u => u.name === 'sequential_1')!;
  assert.deepEqual([use.inputShapes, use.outputs, use.params], [[[null, 1, 4]], undefined, 60]);
});

test('Keras squeezes or adds a last axis of size 1 to fit a model called as a layer', () => {
  const a = analyzePython(`import keras
from keras import layers
inner = keras.Sequential([keras.Input((4,)), layers.Dense(2)])
y = inner(keras.Input((4, 1)))
column = keras.Sequential([keras.Input((4, 1)), layers.Flatten(), layers.Dense(2)])
z = column(keras.Input((4,)))
w = inner(keras.Input((5,)))
`);
  assert.deepEqual(a.issues.map(i => [i.code, i.message]), [
    ['incompatible-input', "Model 'sequential' expects input (None, 4) but is called on (None, 5)."],
  ]);
  assert.deepEqual(a.layerUses.filter(u => u.type === 'Sequential').map(u => [u.inputShapes, u.outputs]), [
    [[[null, 4, 1]], [[null, 2]]],
    [[[null, 4]], [[null, 2]]],
    [[[null, 5]], undefined],
  ]);
});

test('a helper that builds layers builds new ones at every call, even with the same arguments', () => {
  const functional = analyzePython(`import keras
from keras import layers
def branch(x):
    return layers.Dense(8)(x)
inputs = keras.Input((4,))
a = branch(inputs)
b = branch(inputs)
model = keras.Model(inputs, layers.concatenate([a, b]))
`);
  // Layer uses in source order: both Dense layers are written in the helper.
  assert.deepEqual(rows(functional), [
    ['dense', '[[null,8]]', 40],
    ['dense_1', '[[null,8]]', 40],
    ['input_layer', '[[null,4]]', 0],
    ['concatenate', '[[null,16]]', 0],
  ]);
  assert.equal(functional.models[0].totalParams, 80);
  const sequential = analyzePython(`import keras
from keras import layers
def add_block(m, units):
    m.add(layers.Dense(units))
model = keras.Sequential([keras.Input((4,))])
add_block(model, 8)
add_block(model, 8)
add_block(model, 2)
`);
  assert.deepEqual(rows(sequential), [
    ['dense', '[[null,8]]', 40],
    ['dense_1', '[[null,8]]', 72],
    ['dense_2', '[[null,2]]', 18],
    ['input_layer', '[[null,4]]', 0],
  ]);
  assert.equal(sequential.models[0].totalParams, 130);
  const tfjs = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
function branch(x: tf.SymbolicTensor) {
  return tf.layers.dense({units: 8}).apply(x) as tf.SymbolicTensor;
}
const inputs = tf.input({shape: [4]});
const model = tf.model({inputs, outputs: tf.layers.concatenate().apply([branch(inputs), branch(inputs)]) as tf.SymbolicTensor});
`, 'model.ts');
  assert.equal(tfjs.models[0].totalParams, 80);
});

test('a helper calling itself is not analysed, and stops there', () => {
  const a = analyzePython(`import keras
from keras import layers
def deep(x, n):
    return deep(layers.Dense(4)(x), n - 1) if n > 0 else x
y = deep(keras.Input((4,)), 3)
`);
  assert.deepEqual(a.issues, []);
  assert.deepEqual(rows(a), [['dense', '[[null,4]]', 20], ['input_layer', '[[null,4]]', 0]]);
});

test('a Sequential given layers from a list of unknown length has unknown totals, not 0', () => {
  const a = analyzePython(`import sys
import keras
from keras import layers
depth = int(sys.argv[1])
blocks = keras.Sequential([keras.Input((4,))] + [layers.Dense(8) for _ in range(depth)])
`);
  assert.deepEqual(a.models.map(m => [m.name, m.totalParams, m.layers.map(l => l.name)]), [['sequential', undefined, ['?']]]);
});

test('a name that is not evaluated is unknown and takes no automatic number', () => {
  const a = analyzePython(`import keras
from keras import layers
inputs = keras.Input((4,))
x = layers.Dense(4, name=f"block{inputs}")(inputs)
y = layers.Dense(2)(x)
model = keras.Model(inputs, y, name=f"net{x}")
`);
  assert.deepEqual(rows(a).map(r => r[0]), ['input_layer', '?', 'dense']);
  assert.equal(a.models[0].name, '?');
});

test('a custom layer class takes the name it is given', () => {
  const py = analyzePython(`import keras
class Scale(keras.layers.Layer):
    def call(self, x):
        return x * 2
y = Scale(name="doubler")(keras.Input((4,)))
`);
  // The class's own code is not analysed and may create layers: names counted after it are not known.
  assert.deepEqual(rows(py).map(r => r[0]), ['doubler', 'input_layer_?']);
  const ts = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
class Scale extends tf.layers.Layer {}
const y = new Scale({name: 'doubler'}).apply(tf.input({shape: [4]}));
`, 'model.ts');
  assert.deepEqual(rows(ts).map(r => r[0]), ['doubler', 'input?']);
});

test('a mismatch reported on every run of a loop body is one diagnostic', () => {
  const text = `import keras
from keras import layers
x = keras.Input((4,))
for i in range(3):
    y = layers.Dense(4)(layers.Dense(2))
`;
  const a = analyzePython(text);
  assert.deepEqual(a.issues.map(i => [i.code, text.slice(i.range.start, i.range.end)]), [['called-on-layer', 'layers.Dense(4)(layers.Dense(2))']]);
});

test('automatic names after a class or an application whose code is not analysed are numbered ?', () => {
  const a = analyzePython(`import keras
from keras import layers
class Block(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.inner = layers.Dense(4)
inputs = keras.Input((4,))
x = Block()(inputs)
y = layers.Dense(2)(inputs)
base = keras.applications.MobileNetV2(weights=None)
z = base(inputs)
`);
  // The application's name is its own (\`mobilenetv2_1.00_224\`), not known here either.
  assert.deepEqual(rows(a).map(r => r[0]), ['input_layer', 'block', 'dense_?', '?']);
});
