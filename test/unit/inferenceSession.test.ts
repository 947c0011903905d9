// A session's inference resumes after the events a new version shares with the previous one
// (infer/inferenceSession.ts) and must still equal a fresh analysis: where it resumes after a patched number, a
// moved statement, a comment edit, a mutation of an earlier model, a change of Keras version and an edit of a
// TS/JS statement; that collection keeps what it made for the kept events; that a changed uncertain call is
// inferred again; that `reset` takes back every annotation; and the write log (infer/writeLog.ts) on its own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPythonParser, parsePython } from '../../server/src/syntax/python/pythonParser';
import { analyzePython, PythonSession } from '../../server/src/service/analyze';
import { analyzeTypeScript } from '../../server/src/service/analyzeTypeScript';
import { createTypeScriptSession } from '../../server/src/service/typescriptSession';
import { InferenceSession, inferenceStats } from '../../server/src/infer/inferenceSession';
import { WriteLog } from '../../server/src/infer/writeLog';
import { PythonEvaluator } from '../../server/src/syntax/python/evaluator';
import { Scope } from '../../server/src/syntax/python/scope';
import type { CallNode, GraphEvent, LayerInstance } from '../../server/src/ir/graph';
import type { BuildResult } from '../../server/src/layers/spec';

const HEAD = 'import keras\nfrom keras import layers\n';

/** An Input and six Dense layers, one statement each (two events each: create, call), and a model (one event). */
const CHAIN = HEAD
  + 'x = keras.Input((8,))\n'
  + 'a = layers.Dense(11)(x)\n'
  + 'b = layers.Dense(12)(a)\n'
  + 'c = layers.Dense(13)(b)\n'
  + 'd = layers.Dense(16)(c)\n'
  + 'e = layers.Dense(15)(d)\n'
  + 'f = layers.Dense(16)(e)\n'
  + 'm = keras.Model(x, f)\n'
  + '# the end\n';

/** Analyses `versions` in one session; each result must equal a fresh analysis. The resume points, in order. */
function pythonResumes(versions: readonly string[]): number[] {
  const session = new PythonSession();
  const resumed: number[] = [];
  try {
    for (const text of versions) {
      assert.deepEqual(session.analyze(text), analyzePython(text), text);
      resumed.push(inferenceStats.resumedAt);
      session.prepare(() => false);
    }
  } finally {
    session.dispose();
  }
  return resumed;
}

test('Python: inference resumes at the first event of the first changed statement', async () => {
  await loadPythonParser();
  // Events: x 0–1, a 2–3, b 4–5, c 6–7, d 8–9, e 10–11, f 12–13, the model 14.
  const sameLength = CHAIN.replace('Dense(16)(c)', 'Dense(32)(c)');
  const longer = CHAIN.replace('Dense(16)(c)', 'Dense(128)(c)');
  const comment = CHAIN.replace('# the end', '# the End');
  const lastLine = CHAIN.replace('Dense(16)(e)', 'Dense(17)(e)');
  assert.deepEqual(pythonResumes([CHAIN, sameLength, CHAIN, longer, CHAIN, comment, lastLine]), [0, 8, 8, 8, 8, 15, 12]);
  assert.equal(inferenceStats.events, 15);
  // The patched layer and the ones after it were built again.
  const uses = analyzePython(longer).layerUses;
  assert.deepEqual(uses[4].weights?.map(w => w.shape), [[13, 128], [128]]);
  assert.deepEqual(uses[5].weights?.map(w => w.shape), [[128, 15], [15]]);
});

test('Python: a model a later statement mutates is inferred again from its creation', async () => {
  await loadPythonParser();
  const v1 = HEAD + 'u = keras.Input((5,))\nm = keras.Sequential([keras.Input((8,)), layers.Dense(4)])\nx = keras.Input((8,))\ny = m(x)\nz = layers.Dense(2)(y)\n';
  // `m.add` after `m(x)`: Keras builds m's call on the model as it stands there; a fresh analysis reads the
  // added layer's output, not inferred yet at that point, as unknown.
  const v2 = v1 + 'm.add(layers.Dense(6))\n';
  // Events: u 0–1, then m's statement from 2 on.
  assert.deepEqual(pythonResumes([v1, v2, v1]), [0, 2, 2]);
  assert.deepEqual(analyzePython(v1).layerUses.map(u => u.outputs), [[[null, 5]], [[null, 8]], [[null, 4]], [[null, 8]], [[null, 4]], [[null, 2]]]);
  assert.deepEqual(analyzePython(v2).layerUses.map(u => u.outputs), [[[null, 5]], [[null, 8]], [[null, 4]], [[null, 8]], undefined, undefined, [[null, 6]]]);
});

test('Python: a change of Keras version infers everything again', async () => {
  await loadPythonParser();
  // A Keras 1 argument spelling at the end makes the file Keras 1: every automatic name changes.
  const keras1 = CHAIN + 'layers.Convolution1D(nb_filter=4, filter_length=3)\n';
  assert.deepEqual(pythonResumes([CHAIN, keras1, CHAIN]), [0, 0, 0]);
  assert.deepEqual(analyzePython(keras1).layerUses.map(u => u.name), ['input_1', 'dense_1', 'dense_2', 'dense_3', 'dense_4', 'dense_5', 'dense_6']);
  assert.deepEqual(analyzePython(CHAIN).layerUses.map(u => u.name), ['input_layer', 'dense', 'dense_1', 'dense_2', 'dense_3', 'dense_4', 'dense_5']);
});

test('collection keeps the models and layer uses of the kept events: the same objects as before', async () => {
  await loadPythonParser();
  const two = CHAIN + 'p = keras.Input((4,))\nq = layers.Dense(3)(p)\nn = keras.Model(p, q)\n';
  const edited = two.replace('Dense(3)(p)', 'Dense(5)(p)');
  const session = new PythonSession();
  try {
    const before = session.analyze(two);
    session.prepare(() => false);
    const after = session.analyze(edited);
    assert.deepEqual(after, analyzePython(edited));
    // Events: the first model's 0–14, p 15–16, q 17–18, n 19.
    assert.equal(inferenceStats.resumedAt, 17);
    assert.equal(after.models[0], before.models[0]);
    assert.notEqual(after.models[1], before.models[1]);
    assert.deepEqual(after.models[1].layers.map(l => l.outputs), [[[null, 4]], [[null, 5]]]);
    // The uses up to p's are kept objects; q's is new.
    assert.deepEqual(after.layerUses.map((u, i) => u === before.layerUses[i]), [true, true, true, true, true, true, true, true, false]);
  } finally {
    session.dispose();
  }
});

test('a shared layer that a later call builds, or no longer builds, shows its build on its earlier uses (a review found them kept)', async () => {
  await loadPythonParser();
  // `sh(x2)` cannot build the layer (x2 is unknown): the layer is built at `sh(x)`, after it, if at all.
  const v1 = HEAD + 'x = keras.Input((8,))\nsh = layers.Dense(4)\nb = sh(x2)\nt = layers.Dense(2)(x)\nm = keras.Model(x, t)\nn = keras.Model(x, sh(foo(x)))\n';
  const v2 = v1 + 'c = sh(x)\n';
  // Events: x 0–1, sh 2, b 3, t 4–5, m 6, n's call of sh 7 and model 8; c 9.
  assert.deepEqual(pythonResumes([v1, v2, v1, v2]), [0, 9, 9, 9]);
  const weights = (text: string) => analyzePython(text).layerUses.map(u => u.weights?.map(w => w.shape));
  // Uses: Input, sh(x2), Dense(2), sh(foo(x)), and in v2 sh(x).
  assert.deepEqual(weights(v1), [[], undefined, [[8, 2], [2]], undefined]);
  assert.deepEqual(weights(v2), [[], [[8, 4], [4]], [[8, 2], [2]], [[8, 4], [4]], [[8, 4], [4]]]);
  assert.deepEqual(analyzePython(v2).models.map(m => m.totalParams), [18, undefined]);
});

test('TS/JS: inference resumes at the first event of the edited statement', () => {
  const text = "import * as tf from '@tensorflow/tfjs';\n"
    + 'const x = tf.input({shape: [8]});\n'
    + 'const a = tf.layers.dense({units: 11}).apply(x) as tf.SymbolicTensor;\n'
    + 'const b = tf.layers.dense({units: 12}).apply(a) as tf.SymbolicTensor;\n'
    + 'const c = tf.layers.dense({units: 13}).apply(b) as tf.SymbolicTensor;\n'
    + 'const d = tf.layers.dense({units: 16}).apply(c) as tf.SymbolicTensor;\n'
    + 'const e = tf.layers.dense({units: 15}).apply(d) as tf.SymbolicTensor;\n'
    + 'const m = tf.model({inputs: x, outputs: e});\n';
  const versions = [text, text.replace('units: 16', 'units: 32'), text.replace('units: 16', 'units: 320'), text.replace('units: 15', 'units: 5')];
  const session = createTypeScriptSession('model.ts', {});
  const resumed: number[] = [];
  try {
    for (const v of versions) {
      assert.deepEqual(session.analyze(v), analyzeTypeScript(v, 'model.ts', {}), v);
      resumed.push(inferenceStats.resumedAt);
    }
  } finally {
    session.dispose();
  }
  // Events: x 0–1, a 2–3, b 4–5, c 6–7, d 8–9, e 10–11, the model 12. Digits typed into a number change its
  // statement alone; the last edit spans d and e, and the reparse window around it takes c as well.
  assert.deepEqual(resumed, [0, 8, 8, 6]);
  assert.equal(inferenceStats.events, 13);
});

/** The graph events of a Python text, evaluated without a session. */
function eventsOf(text: string): { events: readonly GraphEvent[]; calls: CallNode[] } {
  const tree = parsePython(text)!;
  try {
    const ev = new PythonEvaluator(text);
    ev.runBlock(tree.rootNode.namedChildren, new Scope(undefined));
    const events = ev.builder.events.slice();
    return { events, calls: events.flatMap(e => (e.kind === 'call' ? [e.call] : [])) };
  } finally {
    tree.delete();
  }
}

const OPTIONS = { version: '3', defaultDataFormat: 'channels_last' } as const;

test('a call that became uncertain (or certain) is inferred again, with what follows it', async () => {
  await loadPythonParser();
  const { events, calls } = eventsOf(HEAD + 'm = keras.Sequential([keras.Input((8,)), layers.Dense(4), layers.Dense(3)])\n');
  // Events: Input 0–1, the two Dense layers created 2 and 3, the model 4, the Dense layers' calls 5 and 6.
  const session = new InferenceSession();
  const outputs = () => calls.map(c => c.result?.outputs);
  session.infer(events, new Set(), OPTIONS, Infinity);
  assert.equal(inferenceStats.resumedAt, 0);
  assert.deepEqual(outputs(), [[[null, 8]], [[null, 4]], [[null, 3]]]);
  session.infer(events, new Set(), OPTIONS, Infinity);
  assert.equal(inferenceStats.resumedAt, 7);
  // The first Dense told to be added under an unknown condition: inferred again from there. (Which entry a Sequential
  // entry follows is decided when it is recorded, GraphBuilder.predecessor, so the shapes stay.)
  session.infer(events, new Set([calls[1]]), OPTIONS, Infinity);
  assert.equal(inferenceStats.resumedAt, 5);
  assert.deepEqual(outputs(), [[[null, 8]], [[null, 4]], [[null, 3]]]);
  session.infer(events, new Set(), OPTIONS, Infinity);
  assert.equal(inferenceStats.resumedAt, 5);
  assert.deepEqual(outputs(), [[[null, 8]], [[null, 4]], [[null, 3]]]);
  // Told that objects changed in place from event 3 on, it resumes there.
  session.infer(events, new Set(), OPTIONS, 3);
  assert.equal(inferenceStats.resumedAt, 3);
  assert.deepEqual(outputs(), [[[null, 8]], [[null, 4]], [[null, 3]]]);
});

test('reset takes back every annotation inference wrote', async () => {
  await loadPythonParser();
  const { events, calls } = eventsOf(HEAD + 'x = keras.Input((8,))\ny = layers.Dense(4)(x)\nm = keras.Model(x, y)\n');
  const session = new InferenceSession();
  const result = session.infer(events, new Set(), OPTIONS, Infinity);
  assert.deepEqual(result.models.map(m => m.name), ['functional']);
  assert.deepEqual(calls.map(c => (c.callee as { name?: string }).name), ['input_layer', 'dense']);
  const kept = calls.map(c => c.result);
  session.reset();
  for (const e of events) {
    if (e.kind === 'createLayer') assert.deepEqual([e.layer.name, e.layer.typeName, e.layer.built, e.layer.builtFor], [undefined, undefined, undefined, undefined]);
    else if (e.kind === 'call') assert.deepEqual([e.call.result, e.call.previousResult], [undefined, kept[calls.indexOf(e.call)]]);
    else assert.equal(e.model.name, undefined);
  }
});

test('the write log takes back writes latest first, down to a mark', () => {
  const log = new WriteLog();
  const layer = { built: undefined, builtFor: undefined } as unknown as LayerInstance;
  const state = { count: 1, hasInput: false, autoInput: false };
  const map = new Map<string, number>([['k', 1]]);
  const set = new Set<string>(['s']);
  const b1 = { weights: [] } as unknown as BuildResult;
  const b2 = { weights: [] } as unknown as BuildResult;
  log.setBuilt(layer, b1, [[null, 4]]);
  log.setState(state, 2, true, false);
  log.mapSet(map, 'k', 2);
  const mark = log.length;
  log.setBuilt(layer, b2, [[null, 5]]);
  log.setState(state, 7, true, true);
  log.mapSet(map, 'k', 3);
  log.mapSet(map, 'new', 1);
  log.setAdd(set, 's');
  log.setAdd(set, 't');
  assert.equal(log.length, mark + 5); // adding 's' again changed nothing and logged nothing
  assert.deepEqual(state, { count: 7, hasInput: true, autoInput: true });
  log.rewind(mark);
  assert.equal(log.length, 3);
  assert.equal(layer.built, b1);
  assert.deepEqual(layer.builtFor, [[null, 4]]);
  assert.deepEqual(state, { count: 2, hasInput: true, autoInput: false });
  assert.deepEqual([...map], [['k', 2]]);
  assert.deepEqual([...set], ['s']);
  log.rewind(0);
  assert.deepEqual([layer.built, layer.builtFor], [undefined, undefined]);
  assert.deepEqual(state, { count: 1, hasInput: false, autoInput: false });
  assert.deepEqual([...map], [['k', 1]]);
});
