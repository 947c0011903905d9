// Python values as Python computes them: ints and floats kept apart (`/` always gives a float, and Keras 3 refuses
// a float size), and the strings programs build layer names from (f-strings, `str.format`, `%`, `str()`, escapes).
// Expected texts were produced by CPython 3.11.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzePython, PythonSession } from '../../server/src/service/analyze';
import { loadPythonParser } from '../../server/src/syntax/python/pythonParser';
import { formatWithSpec, percentFormat, pyRepr, strFormat, decodeStringContent } from '../../server/src/syntax/python/pyFormat';
import { pythonFloatText } from '../../server/src/ir/values';
import type { Analysis } from '../../server/src/service/types';
import { hoverAt } from '../../server/src/features/hover';

test.before(async () => {
  await loadPythonParser();
});

const KERAS3 = 'import keras\nfrom keras import layers\n';
const TF_KERAS = 'from tensorflow import keras\nfrom tensorflow.keras import layers\n';

function names(a: Analysis): string[] {
  return a.layerUses.map(u => u.name);
}

test('Keras 3 refuses a float number of Dense units (n / 2), with the place and the fix', () => {
  const text = `${KERAS3}n = 64\nx = keras.Input((4,))\ny = layers.Dense(n / 2)(x)\n`;
  const a = analyzePython(text);
  assert.deepEqual(a.issues.map(i => [i.severity, i.code, text.slice(i.range.start, i.range.end), i.message]), [[
    'error', 'bad-argument', 'layers.Dense(n / 2)(x)',
    "Keras 3's Dense expects an int for units; received the float 32.0. Python's `/` always gives a float: divide ints with `//`, or convert with int().",
  ]]);
  assert.deepEqual([a.layerUses[1].outputs, a.layerUses[1].params], [undefined, undefined]);
});

test('tf.keras converts a float number of Dense units with int(); other float sizes are unknown, never rounded', () => {
  const a = analyzePython(`${TF_KERAS}n = 64\nx = keras.Input((4,))\ny = layers.Dense(n / 2)(x)\nv = keras.Input((10, 2))\nz = layers.Conv1D(8 / 1, 3)(v)\n`);
  assert.deepEqual(a.issues, []);
  assert.deepEqual(a.layerUses.map(u => [u.name, u.outputs, u.params]), [
    ['input_1', [[null, 4]], 0],
    ['dense', [[null, 32]], 160],
    ['input_2', [[null, 10, 2]], 0],
    ['conv1d', [[null, 8, '?']], undefined],
  ]);
});

test('a whole-valued float is not an int anywhere a size is read, in Keras 3 either (no error where Keras may take it)', () => {
  const a = analyzePython(`${KERAS3}x = keras.Input((4,))\ny = layers.Dense(4, input_shape=(4,))(x)\nz = layers.Reshape((2.0, 2))(y)\nw = layers.Dropout(1.0)(y)\n`);
  assert.deepEqual(a.issues.filter(i => i.code !== 'input-shape-ignored'), []);
  assert.deepEqual(a.layerUses.slice(2).map(u => [u.name, u.outputs]), [['reshape', [[null, '?', 2]]], ['dropout', [[null, 4]]]]);
});

test('int arithmetic stays int: //, int(), round() (halves to even), min, max, sum, abs', () => {
  const a = analyzePython(`${KERAS3}n = 64
x = keras.Input((4,))
y = layers.Dense(n // 2)(x)
y = layers.Dense(int(n / 3))(y)
y = layers.Dense(round(2.5) * 8)(y)
y = layers.Dense(round(3.5) * 8)(y)
y = layers.Dense(max(3, 2.0))(y)
y = layers.Dense(sum([1, 2, 3]))(y)
y = layers.Dense(abs(-5))(y)
y = layers.Dense(2 ** 3)(y)
`);
  assert.deepEqual(a.issues, []);
  assert.deepEqual(a.layerUses.slice(1).map(u => u.outputs), [
    [[null, 32]], [[null, 21]], [[null, 16]], [[null, 32]], [[null, 3]], [[null, 6]], [[null, 5]], [[null, 8]],
  ]);
});

test('float arithmetic stays float: a float operand, 2 ** -1, sum of floats, float()', () => {
  const a = analyzePython(`${KERAS3}x = keras.Input((4,))
a = layers.Dense(2 * 4.0, name=str(2 * 4.0))(x)
b = layers.Dense(4, name=str(2 ** -1) + str(sum([1, 2.0])) + str(float(3)) + str(-0.0))(x)
c = layers.Dense(4, name=str(7.0 // 2) + "_" + str(7 % 2.5) + "_" + str(1e16) + "_" + str(1e-5) + "_" + str(123456789.0))(x)
`);
  assert.deepEqual(names(a), ['input_layer', '8.0', '0.53.03.0-0.0', '3.0_2.0_1e+16_1e-05_123456789.0']);
  assert.deepEqual(a.issues.map(i => i.message.slice(0, 60)), ["Keras 3's Dense expects an int for units; received the float"]);
});

test('f-strings build layer names: fields, format specs, conversions, nested specs, braces, escapes', () => {
  const a = analyzePython(`${KERAS3}x = keras.Input((4,), name=f"in{{put}}")
for i in range(2):
    x = layers.Dense(4, name=f"block{i + 1}_dense")(x)
w = 5
y = layers.Dense(4, name=f"d{7:03d}|{'ab'!r}|{2.5:.2f}|{1234567:,}|{'x':>{w}}|{0.25:.1%}")(x)
z = layers.Dense(4, name=rf"raw\\n{1}" f"_{True}_{None}")(y)
`);
  assert.deepEqual(names(a), ['in{put}', 'block1_dense', 'block2_dense', "d007|'ab'|2.50|1,234,567|    x|25.0%", 'raw\\n1_True_None']);
});

test('str.format, % formatting, join, upper and lower build names too', () => {
  const a = analyzePython(`${KERAS3}x = keras.Input((4,))
a = layers.Dense(4, name="{}_{:02d}".format("conv", 3))(x)
b = layers.Dense(4, name="{0}{1}{0}".format("a", 2.0))(x)
c = layers.Dense(4, name="{kind}_{n}".format(kind="fc", n=1))(x)
d = layers.Dense(4, name="conv%d_%s" % (2, "relu"))(x)
e = layers.Dense(4, name="pool_%03d" % 7)(x)
f = layers.Dense(4, name="_".join(["a", "b"]).upper())(x)
g = layers.Dense(4, name="MiXeD".lower())(x)
`);
  assert.deepEqual(names(a), ['input_layer', 'conv_03', 'a2.0a', 'fc_1', 'conv2_relu', 'pool_007', 'A_B', 'mixed']);
});

test('names whose text Python would give but the analysis cannot be sure of stay unknown', () => {
  const a = analyzePython(`${KERAS3}x = keras.Input((4,))
a = layers.Dense(4, name=f"{2.5:e}")(x)
b = layers.Dense(4, name="%s" % [1])(x)
c = layers.Dense(4, name=f"{[1, 2]}")(x)
d = layers.Dense(4, name=f"{x}")(x)
e = layers.Dense(4, name="\\N{BULLET}")(x)
f = layers.Dense(4, name=f"{0.125:.2f}")(x)
`);
  assert.deepEqual(names(a), ['input_layer', '?', '?', '?', '?', '?', '?']);
});

test('string escapes are decoded as Python decodes them; len counts code points', () => {
  const a = analyzePython(`${KERAS3}x = keras.Input((4,))
a = layers.Dense(len("😀é"), name="tab\\there\\x41\\u00e9\\101\\q")(x)
b = layers.Dense(4, name=r"c\\d")(x)
`);
  assert.deepEqual(names(a), ['input_layer', 'tab\thereAéA\\q', 'c\\d']);
  assert.deepEqual(a.layerUses[1].outputs, [[null, 2]]);
});

test('the hover says why a float size is unknown', () => {
  const text = `${TF_KERAS}x = keras.Input((10, 2))\nz = layers.Conv1D(16 / 2, 3)(x)\n`;
  const a = analyzePython(text);
  const hover = hoverAt(a, text.indexOf('Conv1D') + 1)!;
  assert.ok(hover.markdown.includes("`8.0` is a float, not an int (Python's `/` always gives a float; `//` gives an int)"), hover.markdown);
});

test('a session follows digits typed into a float size and into an f-string field, as a fresh analysis does', () => {
  const before = `${KERAS3}x = keras.Input((4,))\ny = layers.Dense(2.0, name=f"d{1}")(x)\n`;
  const session = new PythonSession();
  session.analyze(before);
  session.prepare(() => false);
  for (const after of [before.replace('2.0', '4.0'), before.replace('2.0', '4.0').replace('{1}', '{12}'), before.replace('2.0', '4')]) {
    const fresh = analyzePython(after);
    const incremental = session.analyze(after);
    session.prepare(() => false);
    assert.deepEqual(incremental.layerUses.map(u => [u.name, u.outputs]), fresh.layerUses.map(u => [u.name, u.outputs]));
    assert.deepEqual(incremental.issues, fresh.issues);
  }
  const last = session.analyze(before.replace('2.0', '4.0'));
  assert.deepEqual(last.issues.map(i => i.message.slice(0, 78)), ["Keras 3's Dense expects an int for units; received the float 4.0. Python's `/`"]);
});

test('format specs render as CPython renders them, or not at all', () => {
  const f = (x: number) => ({ kind: 'float' as const, value: x });
  const cases: [Parameters<typeof formatWithSpec>[0], string, string | undefined][] = [
    [5, '03d', '005'], [5, '02', '05'], [-5, '+04', '-005'], [5, '+', '+5'], [5, ' ', ' 5'], [460, '^ 06', '0 4600'],
    [255, '#x', '0xff'], [255, '#X', '0XFF'], [8, '#o', '0o10'], [5, '#b', '0b101'], [1234567, '_', '1_234_567'], [65535, '_x', 'ffff'],
    [0.5, '.2f', '0.50'], [f(3), '.1f', '3.0'], [f(3), '', '3.0'], [0.25, '.0%', '25%'], [1 / 3, '.3%', '33.333%'],
    [373848.5, '>012_', '000373_848.5'], [373848.5, '012_', undefined], [1234.5, ',.1f', '1,234.5'], [f(1e16), '', '1e+16'],
    ['ab', '<4', 'ab  '], ['ab', '^5', ' ab  '], ['ab', '*>4', '**ab'], ['abcdef', '.3', 'abc'],
    [0.125, '.2f', undefined], [2.5, '.0f', undefined], [2.5, 'e', undefined], [3.14159, '.3', undefined], ['ab', '05', undefined],
    ['ab', '-', undefined], [true, 'd', undefined], [null, '>5', undefined], [5, '.2', undefined], [5, 'c', undefined],
  ];
  for (const [value, spec, expected] of cases) assert.equal(formatWithSpec(value, spec), expected, `format(${JSON.stringify(value)}, '${spec}')`);
});

test('%-formatting, str.format, repr and float text follow CPython', () => {
  assert.equal(percentFormat('%5s|%-5s|%05d|%+.2f|%x|%#o|%%', ['ab', 'cd', 42, 3.14159, 255, 8]), '   ab|cd   |00042|+3.14|ff|0o10|%');
  assert.equal(percentFormat('%d', [7.9]), '7');
  assert.equal(percentFormat('%s %s', ['a']), undefined);
  assert.equal(percentFormat('%(key)s', ['x']), undefined);
  assert.equal(strFormat('{{{}}}-{!r}-{:>4}', ['a', 'b', 7], new Map()), "{a}-'b'-   7");
  assert.equal(strFormat('{}{0}', ['a'], new Map()), undefined);
  assert.equal(strFormat('{0.real}', [1], new Map()), undefined);
  assert.equal(pyRepr("it's"), '"it\'s"');
  assert.equal(pyRepr('a\'b"c\n'), "'a\\'b\"c\\n'");
  assert.equal(pyRepr('é'), undefined);
  assert.deepEqual([1e16, 1e-5, 1e-4, 123456789012345678, 0.1, 1 / 3, -2.5e-7, 5e-324, 1.7976931348623157e308].map(pythonFloatText),
    ['1e+16', '1e-05', '0.0001', '1.2345678901234568e+17', '0.1', '0.3333333333333333', '-2.5e-07', '5e-324', '1.7976931348623157e+308']);
  assert.equal(decodeStringContent('a{{b}}\\n', false, true), 'a{b}\n');
  assert.equal(decodeStringContent('a{{b}}\\n', true, false), 'a{{b}}\\n');
});

test('float // and % follow CPython (fmod-based, signed zeros); ints past 2**53 and inexact powers are unknown', () => {
  const a = analyzePython(`${KERAS3}n = 0
x = keras.Input((4,))
a = layers.Dense(4, name=str(0.1 % 2.0) + "|" + str(-1e-20 % 1.0) + "|" + str(1e-20 % -3.0) + "|" + str(1 // 0.1) + "|" + str((-8) // (-0.1)))(x)
b = layers.Dense(4, name=str(float(-n)) + "|" + ("%f" % -n) + "|" + str(4.0 % -2.0) + "|" + str(-7 // 2) + "|" + str(-7 % 2) + "|" + str(0.0 // -1.0))(x)
c = layers.Dense(4, name=str(255 ** -2))(x)
d = layers.Dense(4, name=str(83.978 ** 4))(x)
e = layers.Dense(4, name=str(2 ** 53 + 1))(x)
f = layers.Dense((2 ** 60 + 1) % 10)(x)
g = layers.Dense(4, name=str(9007199254740993))(x)
h = layers.Dense(int(1 // 0.1))(x)
`);
  assert.deepEqual(names(a), ['input_layer', '0.1|1.0|-3.0|9.0|79.0', '0.0|0.000000|-0.0|-4|1|-0.0', '?', '?', '?', 'dense', '?', 'dense_1']);
  assert.deepEqual(a.layerUses.slice(6).map(u => u.outputs), [[[null, '?']], [[null, 4]], [[null, 9]]]);
});

test('raw strings ending in backslashes, nested fields with their own spec, builtins with keywords, % with a list', () => {
  const a = analyzePython(`${KERAS3}x = keras.Input((4,))
a = layers.Dense(4, name=rf"P{1}\\\\" "D" r"\\\\")(x)
b = layers.Dense(4, name=f"L{1:{3:03}}")(x)
c = layers.Dense(4, name=str(round(2.567, ndigits=2)))(x)
d = layers.Dense(sum([1, 2], start=10))(x)
e = layers.Dense(4, name="i%s_%s" % [1, 2])(x)
f = layers.Dense(4, name="t%s" % (1,))(x)
`);
  assert.deepEqual(names(a), ['input_layer', 'P1\\\\D\\\\', '?', '?', 'dense', '?', 't1']);
  assert.deepEqual(a.layerUses[4].outputs, [[null, '?']]);
});

test('a string doubled in a loop stops at a bound and the file is still analysed', () => {
  const a = analyzePython(`${KERAS3}s = "abcdefghij"
for i in range(40):
    s = s + s
x = keras.Input((4,))
y = layers.Dense(4, name=s)(x)
`);
  assert.equal(a.notAnalysed, undefined);
  assert.deepEqual(a.layerUses.map(u => [u.name, u.outputs]), [['input_layer', [[null, 4]]], ['?', [[null, 4]]]]);
});

test('a session tells 0 from -0 in what a kept statement read', () => {
  const before = `${KERAS3}n = 0.0\nx = keras.Input((4,))\ny = layers.Dense(3, name=f"d{n}")(x)\n`;
  const session = new PythonSession();
  session.analyze(before);
  session.prepare(() => false);
  const after = before.replace('n = 0.0', 'n = -0.0');
  assert.deepEqual(session.analyze(after).layerUses.map(u => u.name), ['input_layer', 'd-0.0']);
  assert.deepEqual(analyzePython(after).layerUses.map(u => u.name), ['input_layer', 'd-0.0']);
});

test('an assignment expression (:=) binds in the enclosing scope, from a comprehension too; over unknown items it may not run', () => {
  const a = analyzePython(`${KERAS3}y = 4
if (n := 3) > 2:
    pass
xs = [(y := 8) for _ in range(2)]
k = 4
zs = [(k := 8) for _ in unknown_items]
m = keras.Sequential([keras.Input((2,)), layers.Dense(n), layers.Dense(y), layers.Dense(k)])
`);
  assert.deepEqual(a.layerUses.slice(1).map(u => u.outputs), [[[null, 3]], [[null, 8]], [[null, '?']]]);
});
