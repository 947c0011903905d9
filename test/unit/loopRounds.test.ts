// Loops whose trip count is not known are analysed once for all their rounds: a round must not read what an
// earlier round left as the value from before the loop. Also Python's `global`/`nonlocal`, `try` bodies that may
// stop at any statement, and undecided arms taken back at the cost of what they assign (both front ends). Each program is written for the test; the values
// are those Python or JavaScript give in the rounds the comments name.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzePython } from '../../server/src/service/analyze';
import { analyzeTypeScript } from '../../server/src/service/analyzeTypeScript';
import { loadPythonParser } from '../../server/src/syntax/python/pythonParser';
import type { Analysis } from '../../server/src/service/types';

test.before(async () => {
  await loadPythonParser();
});

/** Each layer use: its name, output shapes (undefined: unknown) and why it is unknown. */
function uses(a: Analysis): [string, string | undefined, string | undefined][] {
  return a.layerUses.map(u => [u.name, u.outputs ? JSON.stringify(u.outputs) : undefined, u.unknownReason]);
}

const STALE = "a loop whose rounds change values ShapeLens does not follow from one round to the next (a variable set by a function it calls, an object's property): what it builds depends on the round";

test('Python: a size a loop of unknown length doubles is unknown in the loop (16, 32, 64 … in its rounds), the input too', () => {
  const a = analyzePython(`import keras
from keras import layers

def build(filters, n):
    inp = keras.Input(shape=(32, 32, 3))
    x = inp
    for i in range(n):
        x = layers.Conv2D(filters, 3)(x)
        filters *= 2
    return keras.Model(inp, x)

m = build(16, depth)
`);
  assert.deepEqual(uses(a), [
    ['input_layer', '[[null,32,32,3]]', undefined],
    ['conv2d', undefined, 'its input is not known: `x` may change from one round of the loop to the next'],
  ]);
  assert.deepEqual(a.issues, []);
});

test('Python: what a loop body never assigns keeps its value in every round and after the loop; what it assigns before reading is known', () => {
  const a = analyzePython(`import keras
from keras import layers
inp = keras.Input(shape=(4,))
units = 8
for t in things:
    y = layers.Dense(units)(inp)
    width = 3
    z = layers.Dense(width)(inp)
    width = width + 1
after = layers.Dense(units)(inp)
`);
  // The second Dense is dense_1 in the first round only: its name is not known.
  assert.deepEqual(uses(a), [
    ['input_layer', '[[null,4]]', undefined],
    ['dense', '[[null,8]]', undefined],
    ['dense_?', '[[null,3]]', undefined],
    ['dense_?', '[[null,8]]', undefined],
  ]);
});

test('Python: a while loop reads the value an earlier round assigned (13 in the first round, 14 after `c0 = 6`)', () => {
  const a = analyzePython(`import keras
from keras import layers
inp = keras.Input(shape=(4,))
c0 = 5
while more():
    y = layers.Dense(c0 + 8)(inp)
    if more():
        c0 = 6
`);
  assert.deepEqual(uses(a), [
    ['input_layer', '[[null,4]]', undefined],
    ['dense', '[[null,"?"]]', undefined],
  ]);
});

test('Python: `global` and `nonlocal` assign the module\'s and the enclosing function\'s names', () => {
  const a = analyzePython(`import keras
from keras import layers
inp = keras.Input(shape=(4,))
n = 4
def f():
    global n
    n = 8
def g():
    global n
    n = 16
if flag():
    f()
y1 = layers.Dense(n)(inp)
g()
y2 = layers.Dense(n)(inp)
def counter():
    k = 2
    def bump():
        nonlocal k
        k = k * 3
    bump()
    return k
y3 = layers.Dense(counter())(inp)
`);
  assert.deepEqual(uses(a).map(u => u.slice(0, 2)), [
    ['input_layer', '[[null,4]]'],
    ['dense', '[[null,"?"]]'],
    ['dense_1', '[[null,16]]'],
    ['dense_2', '[[null,6]]'],
  ]);
});

test('Python: a loop whose calls change a closure\'s variable marks what it builds unknown (1, then 5, in its rounds)', () => {
  const a = analyzePython(`import keras
from keras import layers
inp = keras.Input(shape=(4,))
def make():
    size = 1
    def get():
        return size
    def set_(v):
        nonlocal size
        size = v
    return get, set_
get, set_ = make()
for t in things:
    y = layers.Dense(get())(inp)
    set_(5)
after = layers.Dense(get())(inp)
`);
  assert.deepEqual(uses(a), [
    ['input_layer', '[[null,4]]', undefined],
    ['dense', undefined, STALE],
    ['dense_?', '[[null,"?"]]', undefined],
  ]);
});

test('TS: a size a for loop of unknown length doubles is unknown in the loop; an unchanged one stays known', () => {
  const a = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const inp = tf.input({shape: [8]});
let units = 64;
const fixed = 10;
for (let i = 0; i < depth; i++) {
  tf.layers.dense({units}).apply(inp);
  tf.layers.dense({units: fixed}).apply(inp);
  units *= 2;
}
tf.layers.dense({units: fixed}).apply(inp);
`, 'model.ts');
  assert.deepEqual(uses(a), [
    ['input1', '[[null,8]]', undefined],
    ['dense_Dense1', '[[null,"?"]]', undefined],
    ['dense_Dense?', '[[null,10]]', undefined],
    ['dense_Dense?', '[[null,10]]', undefined],
  ]);
});

test('TS: a helper that changes a counter, called in a loop of unknown length, leaves what the loop builds unknown (64, then 32 …)', () => {
  const a = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const inp = tf.input({shape: [8]});
let units = 64;
function block(x: tf.SymbolicTensor) {
  const y = tf.layers.dense({units}).apply(x) as tf.SymbolicTensor;
  units = units / 2;
  return y;
}
for (let i = 0; i < depth; i++) block(inp);
const out = tf.layers.dense({units}).apply(inp);
`, 'model.ts');
  assert.deepEqual(uses(a), [
    ['input1', '[[null,8]]', undefined],
    ['dense_Dense1', undefined, STALE],
    ['dense_Dense?', '[[null,"?"]]', undefined],
  ]);
});

test('TS: a forEach callback over unknown items that changes an outer variable: the sizes it reads are unknown', () => {
  const a = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const inp = tf.input({shape: [8]});
let units = 64;
items.forEach(() => {
  tf.layers.dense({units}).apply(inp);
  units -= 1;
});
`, 'model.ts');
  assert.deepEqual(uses(a), [
    ['input1', '[[null,8]]', undefined],
    ['dense_Dense1', '[[null,"?"]]', undefined],
  ]);
});

test('undecided arms are taken back at the cost of what they assign: 3,000 undecided ifs, each on its own variable', () => {
  let py = 'import keras\nfrom keras import layers\ninp = keras.Input(shape=(4,))\n';
  let ts = "import * as tf from '@tensorflow/tfjs';\nconst inp = tf.input({shape: [4]});\n";
  for (let i = 0; i < 3000; i++) {
    py += `v${i} = ${i + 1}\n`;
    ts += `let v${i} = ${i + 1};\n`;
  }
  for (let i = 0; i < 3000; i++) {
    py += `if c():\n    v${i} = ${i + 2}\n`;
    ts += `if (c()) { v${i} = ${i + 2}; }\n`;
  }
  py += 'a = layers.Dense(v7)(inp)\nb = layers.Dense(7)(inp)\n';
  ts += 'const a = tf.layers.dense({units: v7}).apply(inp);\nconst b = tf.layers.dense({units: 7}).apply(inp);\n';
  assert.deepEqual(uses(analyzePython(py)).map(u => u.slice(0, 2)), [['input_layer', '[[null,4]]'], ['dense', '[[null,"?"]]'], ['dense_1', '[[null,7]]']]);
  assert.deepEqual(uses(analyzeTypeScript(ts, 'model.ts')).map(u => u.slice(0, 2)), [['input1', '[[null,4]]'], ['dense_Dense1', '[[null,"?"]]'], ['dense_Dense2', '[[null,7]]']]);
});

test('a try body may stop at any statement: after a handler that swallows, what it assigned is unknown (2 or 3); an import stays', () => {
  const py = analyzePython(`try:
    import keras
    from keras import layers
except ImportError:
    keras = None
inp = keras.Input(shape=(4,))
units = 1
try:
    units = 2
    risky()
    units = 3
except Exception:
    pass
y = layers.Dense(units)(inp)
fixed = 5
try:
    risky()
except Exception:
    fixed = 5
z = layers.Dense(fixed)(inp)
`);
  assert.deepEqual(uses(py), [
    ['input_layer', '[[null,4]]', undefined],
    ['dense', '[[null,"?"]]', undefined],
    ['dense_1', '[[null,5]]', undefined],
  ]);
  const ts = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const inp = tf.input({shape: [4]});
let units = 1;
try {
  units = 2;
  risky();
  units = 3;
} catch (e) {
  tf.layers.dense({units: 7}).apply(inp);
} finally {
  tf.layers.dense({units: 8}).apply(inp);
}
tf.layers.dense({units}).apply(inp);
`, 'model.ts');
  // The catch block is analysed (it was skipped), and the finally block runs after either.
  assert.deepEqual(uses(ts), [
    ['input1', '[[null,4]]', undefined],
    ['dense_Dense1', '[[null,7]]', undefined],
    ['dense_Dense?', '[[null,8]]', undefined],
    ['dense_Dense?', '[[null,"?"]]', undefined],
  ]);
});

test('items set in place are followed: a dict item, a list item; changed under a condition or in a loop, they are unknown', () => {
  const py = analyzePython(`import keras
from keras import layers
inp = keras.Input(shape=(4,))
cfg = {'units': 16, 'depth': 2}
cfg['units'] = 128
a = layers.Dense(cfg['units'])(inp)
if big():
    cfg['depth'] = 4
b = layers.Dense(cfg['depth'])(inp)
hidden = [64]
if deep():
    hidden.append(32)
model = keras.Sequential([keras.Input((8,))])
for h in hidden:
    model.add(layers.Dense(h))
sizes = [16]
for t in things:
    layers.Dense(sizes[-1])(inp)
    sizes.append(sizes[-1] * 2)
`);
  assert.deepEqual(uses(py).map(u => u.slice(0, 2)), [
    ['input_layer', '[[null,4]]'],
    ['dense', '[[null,128]]'],
    ['dense_1', '[[null,"?"]]'],
    ['input_layer_1', '[[null,8]]'],
    // hidden is [64] or [64, 32]: the loop over it is not unrolled.
    ['dense_2', undefined],
    ['dense_?', '[[null,"?"]]'],
  ]);
  const ts = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const inp = tf.input({shape: [4]});
const cfg = {units: 16, depth: 2};
cfg.units = 128;
tf.layers.dense({units: cfg.units}).apply(inp);
if (big) cfg.depth = 4;
tf.layers.dense({units: cfg.depth}).apply(inp);
`, 'model.ts');
  assert.deepEqual(uses(ts).map(u => u.slice(0, 2)), [
    ['input1', '[[null,4]]'],
    ['dense_Dense1', '[[null,128]]'],
    ['dense_Dense2', '[[null,"?"]]'],
  ]);
});

test('Python decides local names from the syntax: a local read before it is bound is not the global; nonlocal finds a name bound later', () => {
  const a = analyzePython(`import keras
from keras import layers
inp = keras.Input((4,))
prev = 4
def build(x):
    for i in range(n()):
        if i > 0:
            layers.Dense(prev)(inp)
        prev = 8
build(inp)
n2 = 4
def outer(x):
    def setn():
        nonlocal n2
        n2 = 8
    setn()
    y = layers.Dense(n2)(x)
    if False:
        n2 = 0
outer(inp)
`);
  // In the rounds that reach it, the Dense reads the local prev (8), never the global 4.
  assert.deepEqual(uses(a).map(u => u.slice(0, 2)), [
    ['input_layer', '[[null,4]]'],
    ['dense', '[[null,"?"]]'],
    ['dense_?', '[[null,8]]'],
  ]);
});

test('a variable that a function the file never calls assigns is unknown to the other functions it never calls', () => {
  const py = analyzePython(`import keras
from keras import layers
u = 4
def set_u():
    global u
    u = 8
def build(x=keras.Input(shape=(4,))):
    return layers.Dense(u)(x)
`);
  assert.deepEqual(uses(py).map(u => u.slice(0, 2)), [['input_layer_?', '[[null,4]]'], ['dense_?', '[[null,"?"]]']]);
  const ts = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
let u = 4;
export function setU() { u = 8; }
export function build() {
  return tf.layers.dense({units: u}).apply(tf.input({shape: [4]}));
}
`, 'model.ts');
  assert.deepEqual(uses(ts).map(u => u.slice(0, 2)), [['dense_Dense?', '[[null,"?"]]'], ['input?', '[[null,4]]']]);
});

test('loop conditions and updates run: a `:=` or an assignment there changes the value after the loop (128, 4·2^k, 64)', () => {
  const py = analyzePython(`import keras
from keras import layers
inp = keras.Input((4,))
u = 1
while (u := u * 2) < 100:
    pass
a = layers.Dense(u)(inp)
v = 1
xs = [i for i in range(n()) if (v := v * 2)]
b = layers.Dense(v)(inp)
w = 3
while w > 5:
    w = 100
c = layers.Dense(w)(inp)
`);
  // The last loop's condition is false at once: its body never runs.
  assert.deepEqual(uses(py).map(u => u.slice(0, 2)), [
    ['input_layer', '[[null,4]]'],
    ['dense', '[[null,"?"]]'],
    ['dense_1', '[[null,"?"]]'],
    ['dense_2', '[[null,3]]'],
  ]);
  const ts = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const inp = tf.input({shape: [4]});
let u = 1;
while ((u = u * 2) < 100) {}
tf.layers.dense({units: u}).apply(inp);
let v = 4;
for (let i = 0; i < k; i++, v *= 2) {}
tf.layers.dense({units: v}).apply(inp);
let w = 1;
do {} while ((w *= 2) < 50);
tf.layers.dense({units: w}).apply(inp);
`, 'model.ts');
  assert.deepEqual(uses(ts).map(u => u.slice(0, 2)), [
    ['input1', '[[null,4]]'],
    ['dense_Dense1', '[[null,"?"]]'],
    ['dense_Dense2', '[[null,"?"]]'],
    ['dense_Dense3', '[[null,"?"]]'],
  ]);
});

test('TS: a block has its own let and const; a jump to an outer label leaves the statements between', () => {
  const a = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const inp = tf.input({shape: [4]});
let a = 1;
{ let a = 9; }
tf.layers.dense({units: a}).apply(inp);
let u = 4;
outer: for (const i of [1, 2]) { for (const j of [1]) { continue outer; } u = 8; }
tf.layers.dense({units: u}).apply(inp);
`, 'model.ts');
  // u is 4 in every run; the jump is analysed as leaving in some runs, so u is not stated.
  assert.deepEqual(uses(a).map(u => u.slice(0, 2)), [
    ['input1', '[[null,4]]'],
    ['dense_Dense1', '[[null,1]]'],
    ['dense_Dense2', '[[null,"?"]]'],
  ]);
});

test('Python dict and list methods: update and get are followed; pop, reverse, setdefault make the items unknown', () => {
  const a = analyzePython(`import keras
from keras import layers
inp = keras.Input((4,))
cfg = {'units': 16}
cfg.update({'units': 64})
a = layers.Dense(cfg['units'])(inp)
b = layers.Dense(cfg.get('depth', 3))(inp)
zs = [1, 2]
zs.reverse()
c = layers.Dense(zs[0])(inp)
d = {'u': 8}
d.pop('u')
d['u'] = 9
e = layers.Dense(d['u'])(inp)
`);
  // zs[0] is 2 and d['u'] 9: after reverse() and pop() the items are not followed.
  assert.deepEqual(uses(a).map(u => u.slice(0, 2)), [
    ['input_layer', '[[null,4]]'],
    ['dense', '[[null,64]]'],
    ['dense_1', '[[null,3]]'],
    ['dense_2', '[[null,"?"]]'],
    ['dense_3', '[[null,"?"]]'],
  ]);
});

test('TS: Object.assign sets the target\'s properties; under a condition they are merged', () => {
  const a = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const inp = tf.input({shape: [4]});
const cfg = {units: 16};
Object.assign(cfg, {units: 64});
tf.layers.dense({units: cfg.units}).apply(inp);
const c2 = {units: 16};
if (big) Object.assign(c2, {units: 64});
tf.layers.dense({units: c2.units}).apply(inp);
`, 'model.ts');
  assert.deepEqual(uses(a).map(u => u.slice(0, 2)), [
    ['input1', '[[null,4]]'],
    ['dense_Dense1', '[[null,64]]'],
    ['dense_Dense2', '[[null,"?"]]'],
  ]);
});

test('nested loops unroll within one budget for the analysis: 40 nested loops of two rounds (2^40 rounds) are analysed once each past it', () => {
  let py = 'import keras\nfrom keras import layers\ninp = keras.Input((4,))\nu = 1\n';
  let ts = "import * as tf from '@tensorflow/tfjs';\nconst inp = tf.input({shape: [4]});\nlet u = 1;\n";
  for (let i = 0; i < 40; i++) {
    py += `${' '.repeat(i)}for i${i} in range(2):\n`;
    ts += `for (let i${i} = 0; i${i} < 2; i${i}++) {\n`;
  }
  py += `${' '.repeat(40)}u = u + 1\nz = layers.Dense(u)(inp)\n`;
  ts += 'u = u + 1;\n' + '}'.repeat(40) + '\ntf.layers.dense({units: u}).apply(inp);\n';
  assert.deepEqual(uses(analyzePython(py)).map(u => u.slice(0, 2)), [['input_layer', '[[null,4]]'], ['dense', '[[null,"?"]]']]);
  assert.deepEqual(uses(analyzeTypeScript(ts, 'model.ts')).map(u => u.slice(0, 2)), [['input1', '[[null,4]]'], ['dense_Dense1', '[[null,"?"]]']]);
});

test('finally runs also when the try stopped anywhere: it reads what the try assigned as unknown; after the try, the try\'s end holds', () => {
  const py = analyzePython(`import keras
from keras import layers
inp = keras.Input((4,))
u = 2
try:
    risky()
    u = 3
finally:
    a = layers.Dense(u)(inp)
b = layers.Dense(u)(inp)
L = [8]
try:
    maybe()
    L[-1] += 1
    maybe()
except E:
    pass
c = layers.Dense(L[0])(inp)
`);
  assert.deepEqual(uses(py).map(u => u.slice(0, 2)), [
    ['input_layer', '[[null,4]]'],
    ['dense', '[[null,"?"]]'],
    ['dense_1', '[[null,3]]'],
    ['dense_2', '[[null,"?"]]'],
  ]);
  const ts = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const inp = tf.input({shape: [4]});
let u = 2;
try { risky(); u = 3; } finally { tf.layers.dense({units: u}).apply(inp); }
tf.layers.dense({units: u}).apply(inp);
const L = [5];
try { L.push(6); risky(); L.push(7); } catch (e) {}
tf.layers.dense({units: L.length}).apply(inp);
var e = 1; { let z = 0; var e = 2; }
tf.layers.dense({units: e}).apply(inp);
let c = 1; try { risky(); } finally { let c = 9; }
tf.layers.dense({units: c}).apply(inp);
let w = 4;
outer: for (let i = 0; i < 2; i++) { switch (i) { case 0: break outer; } w = 8; }
tf.layers.dense({units: w}).apply(inp);
`, 'model.ts');
  // var e binds in the module from inside the block; let c stays in the finally block; break outer leaves the loop.
  assert.deepEqual(uses(ts).map(u => u.slice(0, 2)), [
    ['input1', '[[null,4]]'],
    ['dense_Dense1', '[[null,"?"]]'],
    ['dense_Dense2', '[[null,3]]'],
    ['dense_Dense3', '[[null,"?"]]'],
    ['dense_Dense4', '[[null,2]]'],
    ['dense_Dense5', '[[null,1]]'],
    ['dense_Dense6', '[[null,"?"]]'],
  ]);
});

test('what functions the file never calls change in place, or declare global in a nested function, is unknown to the others', () => {
  const a = analyzePython(`import keras
from keras import layers
u = 4
w = [4]
def a():
    def inner():
        global u
        u = 8
    inner()
def a3():
    w[0] = 8
def b(x=keras.Input(shape=(4,))):
    return layers.Dense(u)(x), layers.Dense(w[0])(x)
`);
  assert.deepEqual(uses(a).map(u => u.slice(0, 2)), [['input_layer_?', '[[null,4]]'], ['dense_?', '[[null,"?"]]'], ['dense_?', '[[null,"?"]]']]);
});

test('TS var is hoisted to the function\'s start; Object.assign onto an array makes its items unknown; lists that an arm appended to never merge as equal', () => {
  const ts = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const inp = tf.input({shape: [4]});
let t = 3;
function ft() { t = 8; { var t = 1; } }
ft();
tf.layers.dense({units: t}).apply(inp);
const arr = [1, 2];
Object.assign(arr, [5]);
tf.layers.dense({units: arr[0]}).apply(inp);
`, 'model.ts');
  // ft assigns its own (hoisted) t: the module's t stays 3.
  assert.deepEqual(uses(ts).map(u => u.slice(0, 2)), [['input1', '[[null,4]]'], ['dense_Dense1', '[[null,3]]'], ['dense_Dense2', '[[null,"?"]]']]);
  const py = analyzePython(`import keras
from keras import layers
inp = keras.Input((4,))
L = [9]
if c():
    if c():
        L += [8]
    else:
        L.append(L[0])
    if c():
        pass
y = layers.Dense(len(L))(inp)
`);
  assert.deepEqual(uses(py).map(u => u.slice(0, 2)), [['input_layer', '[[null,4]]'], ['dense', '[[null,"?"]]']]);
});

test('TS: each round of for (let …) has its own copy of the loop variable: a closure keeps its round\'s value', () => {
  const a = analyzeTypeScript(`import * as tf from '@tensorflow/tfjs';
const inp = tf.input({shape: [4]});
const fs: (() => number)[] = [];
for (let i = 0; i < 3; i++) fs.push(() => i);
tf.layers.dense({units: fs[0]() + 1}).apply(inp);
let total = 0;
for (let i = 0; i < 3; i++) { total += i; }
tf.layers.dense({units: total}).apply(inp);
`, 'model.ts');
  // fs[0]() is 0 (it was read as 3, the value after the loop).
  assert.deepEqual(uses(a).map(u => u.slice(0, 2)), [['input1', '[[null,4]]'], ['dense_Dense1', '[[null,1]]'], ['dense_Dense2', '[[null,3]]']]);
});
