// Patterns of real Keras and TF.js programs (keras-io and tfjs-examples) where the analysis used to state something
// false: an error on code that runs, or a definite count or name Keras does not give. Each is a minimal program
// written for the test, with the exact result Keras or TF.js gives.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzePython, PythonSession } from '../../server/src/service/analyze';
import { analyzeTypeScript } from '../../server/src/service/analyzeTypeScript';
import { loadPythonParser } from '../../server/src/syntax/python/pythonParser';
import type { Analysis } from '../../server/src/service/types';
import { inlayHintsIn } from '../../server/src/features/inlayHints';
import { hoverAt } from '../../server/src/features/hover';
import type { FeatureSettings } from '../../server/src/features/types';

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

test('layers added in the two arms of an undecided if/else are not chained into one another; each follows what came before the if', () => {
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
    ['conv1d_?', '[[null,8,4]]', 100],
    ['dense_?', undefined, undefined],
  ]);
  assert.equal(a.layerUses.find(u => u.name === 'dense_?')!.unknownReason, 'the layers before it in the Sequential were added under a condition or loop the analysis cannot decide');
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
  assert.deepEqual(rows(a).map(r => [r[0], r[1]]), [['lstm_LSTM?', '[[null,4]]'], ['gru_GRU?', '[[null,4]]'], ['dense_Dense?', undefined]]);
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

test('helpers calling one another several times each stop at the bound on function runs, with unknown results', () => {
  // f0 calls f1 twice, f1 calls f2 twice, …: 4,095 runs in Python; ShapeLens runs 2,000 and leaves the rest unknown,
  // and the names after a call it did not run (which may create layers) with unknown numbers.
  let text = 'import keras\nfrom keras import layers\n';
  for (let i = 0; i < 11; i++) text += `def f${i}(x):\n    return f${i + 1}(f${i + 1}(x))\n`;
  text += 'def f11(x):\n    return layers.Dense(2)(x)\ny = f0(keras.Input((2,)))\nz = layers.Dense(3)(y)\n';
  const a = analyzePython(text);
  assert.equal(a.layerUses.length, 1000);
  assert.deepEqual(a.issues, []);
  const last = a.layerUses.find(u => text.slice(u.useRange.start, u.useRange.end) === 'layers.Dense(3)(y)')!;
  assert.deepEqual([last.name, last.outputs, last.unknownReason], ['dense_?', undefined, 'its input is not known: `f1` is not analysed: the file makes more function calls than ShapeLens follows']);
});

/** A helper that calls itself: the recursive call is not run. */
const RECURSIVE_ADD = `import keras
from keras import layers
def add_n(m, n):
    if n > 0:
        m.add(layers.Dense(8))
        add_n(m, n - 1)
model = keras.Sequential([keras.Input((4,))])
add_n(model, 3)
z = layers.Dense(2)(keras.Input((3,)))
`;

test('a call that is not run leaves what it may add unknown: a Sequential passed to it, and the names after it', () => {
  const a = analyzePython(RECURSIVE_ADD);
  assert.deepEqual(a.models.map(m => [m.name, m.totalParams, m.layers.map(l => l.name)]), [['sequential', undefined, ['dense', '?']]]);
  assert.deepEqual(rows(a).slice(-2), [['dense_?', '[[null,2]]', 8], ['input_layer_?', '[[null,3]]', 0]]);
  const ts = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
function addN(m: tf.Sequential, n: number) {
  if (n > 0) { m.add(tf.layers.dense({units: 8})); addN(m, n - 1); }
}
const model = tf.sequential();
model.add(tf.layers.dense({units: 4, inputShape: [4]}));
addN(model, 3);
`, 'model.ts');
  assert.deepEqual(ts.models.map(m => [m.name, m.totalParams, m.layers.map(l => l.name)]), [['sequential_1', undefined, ['dense_Dense1', 'dense_Dense2', '?']]]);
});

test('a function defined inside a helper and never called is analysed once, not once per run of the helper', () => {
  const a = analyzePython(`import keras
from keras import layers
def helper(n):
    def retry():
        return helper(n)
    return n
def block(x):
    def unused():
        return layers.Dense(3)(keras.Input((2,)))
    return layers.Dense(4)(x)
x = keras.Input((4,))
y = block(block(x))
`);
  assert.deepEqual(a.issues, []);
  assert.deepEqual(rows(a).map(r => r[0]), ['dense_?', 'input_layer_?', 'dense', 'dense_1', 'input_layer']);
});

test('Keras reads data_format in any case; TF.js Flatten, ZeroPadding2D and Cropping2D never check theirs', () => {
  const py = analyzePython(`import keras
from keras import layers
y = layers.Conv2D(4, 3, data_format="Channels_Last")(keras.Input((8, 8, 3)))
`);
  assert.deepEqual(py.issues, []);
  assert.deepEqual(rows(py).map(r => r[1]), ['[[null,6,6,4]]', '[[null,8,8,3]]']);
  const ts = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const x = tf.input({shape: [4, 4, 2]});
const a = tf.layers.flatten({dataFormat: 'channels_last'}).apply(x);
const b = tf.layers.zeroPadding2d({padding: 1, dataFormat: 'foo'} as any).apply(x);
`, 'model.ts');
  assert.deepEqual(ts.issues, []);
  assert.deepEqual(rows(ts).map(r => [r[0], r[1]]), [['input1', '[[null,4,4,2]]'], ['flatten_Flatten1', '[[null,32]]'], ['zero_padding2d_ZeroPadding2D1', undefined]]);
});

test('tf.keras takes groups=0 as one group; Keras 3 refuses it', () => {
  const tfKeras = analyzePython(`from tensorflow import keras
y = keras.layers.Conv2D(4, 3, groups=0)(keras.Input((8, 8, 3)))
`);
  assert.deepEqual(tfKeras.issues, []);
  assert.deepEqual(rows(tfKeras).map(r => r[1]), ['[[null,6,6,4]]', '[[null,8,8,3]]']);
});

test('Keras 1 neither squeezes nor adds a last axis of size 1 for a model called as a layer', () => {
  const a = analyzePython(`from keras.layers import Input, Dense, Flatten
from keras.models import Model
a = Input(shape=(4,))
inner = Model(input=a, output=Dense(2)(a))
y = inner(Input(shape=(4, 1)))
b = Input(shape=(4, 1))
column = Model(input=b, output=Dense(2)(Flatten()(b)))
z = column(Input(shape=(4,)))
`);
  assert.equal(a.kerasVersion, '1');
  assert.deepEqual(a.issues.map(i => i.message), [
    "Model 'model_1' expects input (None, 4) but is called on (None, 4, 1).",
    "Model 'model_2' expects input (None, 4, 1) but is called on (None, 4).",
  ]);
});

test('an empty name is no name in TF.js', () => {
  const ts = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const x = tf.input({shape: [4]});
const a = tf.layers.dense({units: 4, name: ''}).apply(x);
const b = tf.layers.dense({units: 2}).apply(a as tf.SymbolicTensor);
`, 'model.ts');
  assert.deepEqual(rows(ts).map(r => r[0]), ['input1', 'dense_Dense1', 'dense_Dense2']);
});

test('the same kind of mismatch from several calls of one line is one diagnostic that says so', () => {
  const text = `import keras
from keras import layers
def block(x):
    return layers.Conv2D(4, 3)(x)
x = keras.Input((10,))
for i in range(3):
    y = block(x)
`;
  const a = analyzePython(text);
  assert.deepEqual(a.issues.map(i => [i.code, text.slice(i.range.start, i.range.end), i.message]), [
    ['input-rank', 'layers.Conv2D(4, 3)(x)', "Conv2D 'conv2d' expects input of rank 4 (ndim=4), found ndim=2. Full shape received: (None, 10). (reported here 2 more times: this line runs more than once)"],
  ]);
});

test('an inlay hint for a layer built many times at one place lists 8 shapes and counts the rest', () => {
  const text = `import keras
from keras import layers
def block(x, n):
    return layers.Dense(n)(x)
x = keras.Input((4,))
for n in range(1, 13):
    y = block(x, n)
`;
  const a = analyzePython(text);
  const at = text.indexOf('layers.Dense(n)(x)') + 'layers.Dense(n)(x)'.length;
  const hints = inlayHintsIn(a, { start: at, end: at }, { hints: true, hintParams: false } as FeatureSettings);
  assert.deepEqual(hints.map(h => [h.offset, h.label]), [[at, '→ (None, 1) | (None, 2) | (None, 3) | (None, 4) | (None, 5) | (None, 6) | (None, 7) | (None, 8) | … 4 more']]);
  assert.equal(hints[0].tooltip.split('\n\n---\n\n').length, 9);
  assert.ok(hints[0].tooltip.endsWith('… and 4 more layers built here'));
});

test('a session follows a call that is not run, edit after edit, as a fresh analysis does', () => {
  const v1 = RECURSIVE_ADD;
  const versions = [v1, v1.replace('Dense(2)', 'Dense(5)'), v1, v1.replace('add_n(model, 3)\n', ''), v1];
  const session = new PythonSession();
  try {
    for (const [i, text] of versions.entries()) {
      assert.deepEqual(session.analyze(text), analyzePython(text), `version ${i}`);
      session.prepare(() => false);
    }
  } finally {
    session.dispose();
  }
});

test('the hover on a layer built at one place several times shows each of them; a shared layer stays one', () => {
  const text = `import keras
from keras import layers
def block(x, n):
    return layers.Dense(n)(x)
x = keras.Input((4,))
a = block(x, 8)
b = block(x, 2)
shared = layers.Dense(3)
c = shared(x)
d = shared(x)
`;
  const a = analyzePython(text);
  const inBlock = hoverAt(a, text.indexOf('Dense(n)'))!;
  assert.ok(inBlock.markdown.startsWith('This code runs more than once (in a loop, or in a function called more than once) and builds 2 layers here:'), inBlock.markdown);
  assert.deepEqual(inBlock.markdown.split('\n\n---\n\n').slice(1).map(part => part.split('\n')[0]), ['**dense** · `Dense`', '**dense_1** · `Dense`']);
  const onShared = hoverAt(a, text.indexOf('Dense(3)'))!;
  assert.ok(onShared.markdown.startsWith('**dense_2** · `Dense`'), onShared.markdown);
});

test('inside one undecided arm, layers are chained, so a true mismatch between them is still reported', () => {
  const text = `import keras
from keras import layers
def build(flag, deep):
    model = keras.Sequential([keras.Input((28, 28, 1))])
    if flag:
        model.add(layers.Conv2D(8, 3))
        if deep:
            model.add(layers.Conv2D(16, 3))
            model.add(layers.LSTM(4))
        model.add(layers.Conv2D(4, 1))
    else:
        model.add(layers.Flatten())
        model.add(layers.Dense(10))
    return model
`;
  const a = analyzePython(text);
  assert.deepEqual(a.issues.map(i => [i.severity, i.code, text.slice(i.range.start, i.range.end)]), [['error', 'input-rank', 'layers.LSTM(4)']]);
  assert.deepEqual(rows(a), [
    ['input_layer_?', '[[null,28,28,1]]', 0],
    ['conv2d_?', '[[null,26,26,8]]', 80],
    ['conv2d_?', '[[null,24,24,16]]', 1168],
    ['lstm_?', undefined, undefined],
    ['conv2d_?', undefined, undefined],
    ['flatten_?', '[[null,784]]', 0],
    ['dense_?', '[[null,10]]', 7850],
  ]);
});

test('a loop with an unknown trip count: its first layer may follow its own last one, the next ones follow it', () => {
  const a = analyzePython(`import keras
from keras import layers
def build(n):
    model = keras.Sequential([keras.Input((10,))])
    model.add(layers.Reshape((2, 5)))
    for _ in range(n):
        model.add(layers.Flatten())
        model.add(layers.Reshape((5, 2)))
    model.add(layers.Flatten())
    return model
`);
  assert.deepEqual(a.issues, []);
  assert.deepEqual(rows(a), [
    ['input_layer_?', '[[null,10]]', 0],
    ['reshape_?', '[[null,2,5]]', 0],
    ['flatten_?', undefined, undefined],
    ['reshape_?', undefined, undefined],
    ['flatten_?', undefined, undefined],
  ]);
  assert.deepEqual(a.layerUses.slice(2).map(u => u.unknownReason), [
    'the layers before it in the Sequential were added under a condition or loop the analysis cannot decide',
    'its input shape is not known',
    'the layers before it in the Sequential were added under a condition or loop the analysis cannot decide',
  ]);
});

test('TF.js: inside one undecided if, layers are chained; after it, the next layer is unknown', () => {
  const text = `import * as tf from '@tensorflow/tfjs';
export function build(big: boolean) {
  const model = tf.sequential();
  model.add(tf.layers.dense({units: 8, inputShape: [4]}));
  if (big) {
    model.add(tf.layers.dense({units: 16}));
    model.add(tf.layers.conv1d({filters: 2, kernelSize: 3}));
  }
  model.add(tf.layers.dense({units: 1}));
  return model;
}
`;
  const a = analyzeTypeScript(text, 'model.ts');
  assert.deepEqual(a.issues.map(i => [i.code, text.slice(i.range.start, i.range.end)]), [['input-rank', 'tf.layers.conv1d({filters: 2, kernelSize: 3})']]);
  assert.deepEqual(rows(a).map(r => [r[0], r[1]]), [['dense_Dense?', '[[null,8]]'], ['dense_Dense?', '[[null,16]]'], ['conv1d_Conv1D?', undefined], ['dense_Dense?', undefined]]);
});

test('a loop round may take one arm and the next round the other: arms inside a loop are not exclusive', () => {
  const a = analyzePython(`import keras
from keras import layers
def build(xs):
    m = keras.Sequential([keras.Input((8,))])
    for x in xs:
        if x > 0:
            m.add(layers.Dense(6))
        else:
            m.add(layers.Reshape((2, 3)))
    return m
`);
  assert.deepEqual(a.issues, []);
  assert.deepEqual(rows(a).map(r => [r[0], r[1]]), [['input_layer_?', '[[null,8]]'], ['dense_?', undefined], ['reshape_?', undefined]]);
  const ts = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
export function build(xs: number[]) {
  const m = tf.sequential();
  for (const x of xs) {
    if (x > 0) m.add(tf.layers.dense({units: 6, inputShape: [8]}));
    else m.add(tf.layers.reshape({targetShape: [2, 3], inputShape: [8]}));
  }
  return m;
}
`, 'model.ts');
  assert.deepEqual(ts.issues, []);
  assert.deepEqual(rows(ts).map(r => [r[0], r[1]]), [['dense_Dense?', undefined], ['reshape_Reshape?', undefined]]);
});

test('a model made inside a loop round starts afresh: its arms are exclusive again; an Input added under a condition is not certain', () => {
  const a = analyzePython(`import keras
from keras import layers
def build(xs, c):
    for x in xs:
        m = keras.Sequential([keras.Input((8,))])
        if x:
            m.add(layers.Dense(6))
        else:
            m.add(layers.Reshape((2, 4)))
    n = keras.Sequential()
    if c:
        n.add(keras.Input((8,)))
    else:
        n.add(keras.Input((4,)))
    n.add(layers.Dense(3))
    return m, n
`);
  assert.deepEqual(a.issues, []);
  assert.deepEqual(rows(a).slice(1, 3).map(r => [r[0], r[1]]), [['dense_?', '[[null,6]]'], ['reshape_?', '[[null,2,4]]']]);
  assert.deepEqual(rows(a).slice(-1).map(r => [r[0], r[1]]), [['dense_?', undefined]]);
});

test('break and continue in loops, and a return, break or continue taken under an unknown condition, make what follows conditional', () => {
  const py = analyzePython(`import keras
from keras import layers
m = keras.Sequential([keras.Input((8,))])
for i in range(3):
    m.add(layers.Dense(4 + i))
    if i == 0:
        break
m.add(layers.Reshape((2, 2)))
def block(c):
    if c:
        return
    m.add(layers.Dense(4))
block(a)
block(b)
n = keras.Sequential([keras.Input((8,))])
for i in range(3):
    if flags[i]:
        continue
    n.add(layers.Dense(4))
def pick(c):
    if c:
        return layers.Dense(3)
    return layers.Dense(5)
y = pick(flag)(keras.Input((2,)))
`);
  assert.deepEqual(py.issues, []);
  assert.deepEqual(rows(py), [
    ['input_layer', '[[null,8]]', 0],
    ['dense', '[[null,4]]', 36],
    ['reshape', '[[null,2,2]]', 0],
    ['dense_1', '[[null,2,4]]', 12],
    ['dense_?', undefined, undefined],
    ['input_layer_1', '[[null,8]]', 0],
    ['dense_?', '[[null,4]]', 36],
    ['dense_?', undefined, undefined],
    ['dense_?', undefined, undefined],
    ['input_layer_2', '[[null,2]]', 0],
  ]);
  const ts = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const m = tf.sequential();
m.add(tf.layers.dense({units: 8, inputShape: [8]}));
function block(c: boolean) {
  if (c) return;
  m.add(tf.layers.dense({units: 4}));
}
block(Math.random() < 0.5);
block(Math.random() < 0.5);
for (let i = 0; i < 3; i++) {
  if (i === 1) break;
  m.add(tf.layers.dense({units: 2}));
}
`, 'model.ts');
  assert.deepEqual(ts.issues, []);
  assert.deepEqual(rows(ts).map(r => [r[0], r[1]]), [
    ['dense_Dense1', '[[null,8]]'], ['dense_Dense2', '[[null,4]]'], ['dense_Dense?', undefined], ['dense_Dense?', undefined],
  ]);
});

test('layers added where the analysis cannot tell whether the code runs (and/or, a conditional expression, a comprehension over unknown items, a generator, match, for-else, except) are undecided, not dropped', () => {
  const rowsOf = (body: string) => rows(analyzePython(`import keras
from keras import layers
m = keras.Sequential([keras.Input((8,))])
${body}
m.add(layers.Dense(3))
`)).slice(1).map(r => [r[0], r[1]]);
  const after = ['dense_?', undefined];
  assert.deepEqual(rowsOf('c and m.add(layers.Dense(4))'), [['dense', '[[null,4]]'], after]);
  assert.deepEqual(rowsOf('m.add(layers.Dense(4)) if c else m.add(layers.Dense(5))'), [['dense', '[[null,4]]'], ['dense_?', '[[null,5]]'], after]);
  assert.deepEqual(rowsOf('[m.add(layers.Dense(4)) for _ in xs]'), [['dense', undefined], after]);
  assert.deepEqual(rowsOf('any(m.add(layers.Dense(4)) for _ in xs)'), [['dense', undefined], after]);
  assert.deepEqual(rowsOf('match kind:\n    case "a":\n        m.add(layers.Dense(4))\n    case _:\n        m.add(layers.Dense(5))'), [['dense', '[[null,4]]'], ['dense_?', '[[null,5]]'], after]);
  assert.deepEqual(rowsOf('kind = "b"\nmatch kind:\n    case "a" | "c":\n        m.add(layers.Dense(4))\n    case "b":\n        m.add(layers.Dense(5))'), [['dense', '[[null,5]]'], ['dense_1', '[[null,3]]']]);
  assert.deepEqual(rowsOf('for i in range(2):\n    pass\nelse:\n    m.add(layers.Dense(4))'), [['dense', '[[null,4]]'], ['dense_1', '[[null,3]]']]);
  assert.deepEqual(rowsOf('for i in range(2):\n    if i == 1:\n        break\nelse:\n    m.add(layers.Dense(4))'), [['dense', '[[null,3]]']]);
  // If load() raises, the Dense(4) is never made and the handler's Dense is `dense`: its name is not known.
  assert.deepEqual(rowsOf('try:\n    load()\n    m.add(layers.Dense(4))\nexcept OSError:\n    m.add(layers.Dense(5))'), [['dense', '[[null,4]]'], ['dense_?', undefined], after]);
});

test('a failed import handled by except keeps what the try body imported', () => {
  const a = analyzePython(`try:
    from tensorflow import keras
except ImportError:
    keras = None
x = keras.Input((4,))
y = keras.layers.Dense(2)(x)
`);
  assert.deepEqual(rows(a), [['input_1', '[[null,4]]', 0], ['dense', '[[null,2]]', 10]]);
});

test('TF.js: c && model.add(…), a conditional expression and a forEach over unknown items are undecided, not dropped or run at the end', () => {
  const a = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
export function build(c: boolean, units: number[]) {
  const m = tf.sequential();
  m.add(tf.layers.dense({units: 8, inputShape: [8]}));
  c && m.add(tf.layers.dense({units: 4}));
  c ? m.add(tf.layers.dense({units: 5})) : null;
  units.forEach(u => { m.add(tf.layers.dense({units: 6})); });
  m.add(tf.layers.dense({units: 3}));
  return m;
}
`, 'model.ts');
  assert.deepEqual(a.issues, []);
  assert.deepEqual(rows(a).map(r => [r[0], r[1]]), [
    ['dense_Dense?', '[[null,8]]'], ['dense_Dense?', '[[null,4]]'], ['dense_Dense?', undefined], ['dense_Dense?', undefined], ['dense_Dense?', undefined],
  ]);
});

test('values assigned where a round may have broken out, in a while body or in an exception handler are not known', () => {
  const a = analyzePython(`import keras
from keras import layers
def f(c, go):
    n = 4
    for i in range(3):
        if c[i]:
            break
        n = 8
    k = 4
    while go:
        k = 8
    j = 4
    try:
        import foo
        j = 8
    except ImportError:
        j = 16
    h = 4
    try:
        import foo
    except ImportError:
        pass
    else:
        h = 8
    return keras.Sequential([keras.Input((2,)), layers.Dense(n), layers.Dense(k), layers.Dense(j), layers.Dense(h)])
`);
  assert.deepEqual(rows(a).slice(1).map(r => r[1]), ['[[null,"?"]]', '[[null,"?"]]', '[[null,"?"]]', '[[null,"?"]]']);
});

test('TF.js: callbacks handed to code that is not analysed run where they are handed over; a let in a for loop is its own', () => {
  const a = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const input = tf.input({shape: [3]});
const out = [8, 4].reduce((x, u) => tf.layers.dense({units: u}).apply(x), input);
const y = tf.layers.dense({units: 2}).apply(out);
const m = tf.sequential();
m.add(tf.layers.dense({units: 2, inputShape: [2]}));
for (let i = 0; i < 2; i++) { m.add(tf.layers.dense({units: 2 + i})); for (let i = 0; i < 3; i++) {} }
m.add(tf.layers.dense({units: 1}));
`, 'model.ts');
  assert.deepEqual(rows(a).map(r => [r[0], r[1]]), [
    ['input1', '[[null,3]]'], ['dense_Dense1', undefined], ['dense_Dense?', undefined],
    ['dense_Dense?', '[[null,2]]'], ['dense_Dense?', '[[null,2]]'], ['dense_Dense?', '[[null,3]]'], ['dense_Dense?', '[[null,1]]'],
  ]);
});
