// The worker's idle code warm-up (server/src/lsp/codeWarmUp.ts): its built-in programs analyse to exact
// results in every round (a program that stopped analysing would warm nothing up), it runs each language once
// for a fixed number of steps and stops when asked, it leaves the shared build memo as it found it, and a
// document analysed after it gets the same result as before it.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadPythonParser } from '../../server/src/syntax/python/pythonParser';
import { analyzeDocument } from '../../server/src/service/analyzeDocument';
import { buildCacheSize, clearBuildCache, privateBuildMemo, withPrivateBuildMemo } from '../../server/src/infer/buildCache';
import { CodeWarmUp, WARM_UP_STEPS } from '../../server/src/lsp/codeWarmUp';
import { PYTHON_WARM_UP, TYPESCRIPT_WARM_UP } from '../../server/src/lsp/warmUpPrograms';
import { DEFAULT_FEATURE_SETTINGS } from '../../server/src/features/types';
import type { Analysis } from '../../server/src/service/types';

before(async () => {
  await loadPythonParser();
});

function summary(a: Analysis): unknown {
  return {
    version: a.kerasVersion,
    models: a.models.map(m => [m.name, m.totalParams]),
    issues: a.issues.map(i => [i.code, i.range.start, i.range.end]),
    uses: a.layerUses.length,
    unknown: a.layerUses.filter(u => !u.outputs || u.outputs.some(o => !o)).map(u => u.name),
  };
}

/** Per round: what each Python program (conv net, functional text model, Keras 1) and the TF.js program give. */
const EXPECTED: Record<number, readonly unknown[]> = {
  0: [
    { version: '3', models: [['sequential', 2170], ['sequential_1', 1476]], issues: [], uses: 17, unknown: [] },
    { version: 'tf.keras', models: [['model', 51314]], issues: [['merge-incompatible', 927, 991]], uses: 21, unknown: ['add_1'] },
    { version: '1', models: [['sequential_1', 66662], ['sequential_2', 41074]], issues: [], uses: 10, unknown: [] },
    { version: 'tfjs', models: [['sequential_1', 1552], ['sequential_2', 16942], ['model1', 3114]], issues: [['merge-incompatible', 1175, 1208]], uses: 19, unknown: ['add_Add2'] },
  ],
  37: [
    { version: '3', models: [['sequential', 10937], ['sequential_1', 3844]], issues: [], uses: 17, unknown: [] },
    { version: 'tf.keras', models: [['model', 61521]], issues: [['merge-incompatible', 927, 991]], uses: 21, unknown: ['add_1'] },
    { version: '1', models: [['sequential_1', 99609], ['sequential_2', 51340]], issues: [], uses: 10, unknown: [] },
    { version: 'tfjs', models: [['sequential_1', 8027], ['sequential_2', 16998], ['model1', 4668]], issues: [['merge-incompatible', 1177, 1210]], uses: 19, unknown: ['add_Add2'] },
  ],
};

for (const [round, expected] of Object.entries(EXPECTED)) {
  test(`warm-up programs, round ${round}: exact models, parameter counts and the one deliberate mismatch each in two`, () => {
    const k = Number(round);
    const got = [...PYTHON_WARM_UP.map(p => summary(analyzeDocument(p(k), 'python', {}))), summary(analyzeDocument(TYPESCRIPT_WARM_UP[0](k), 'typescript', {}))];
    assert.deepEqual(got, expected);
  });
}

test('every round the warm-up runs analyses each program without an unknown layer beyond the deliberate one', () => {
  // A step analyses round k and then round k + 1 (the edit).
  const lastRound = (programs: number) => Math.ceil(WARM_UP_STEPS / programs);
  for (let k = 0; k <= lastRound(PYTHON_WARM_UP.length); k++) {
    for (const [i, program] of PYTHON_WARM_UP.entries()) {
      const s = summary(analyzeDocument(program(k), 'python', {})) as { unknown: string[]; models: [string, number | undefined][] };
      assert.deepEqual(s.unknown, i === 1 ? ['add_1'] : [], `Python program ${i}, round ${k}`);
      assert.ok(s.models.length > 0 && s.models.every(([, params]) => typeof params === 'number' && params > 0), `Python program ${i}, round ${k}: every model is counted`);
    }
  }
  for (let k = 0; k <= lastRound(TYPESCRIPT_WARM_UP.length); k++) {
    const t = summary(analyzeDocument(TYPESCRIPT_WARM_UP[0](k), 'typescript', {})) as { unknown: string[]; models: [string, number | undefined][] };
    assert.deepEqual(t.unknown, ['add_Add2'], `TS program, round ${k}`);
    assert.ok(t.models.length === 3 && t.models.every(([, params]) => typeof params === 'number' && params > 0), `TS program, round ${k}: every model is counted`);
  }
});

/** An analysis with layers in it, as the worker passes the document's. */
const withLayers = (lang: 'python' | 'typescript') => analyzeDocument(lang === 'python' ? PYTHON_WARM_UP[0](0) : TYPESCRIPT_WARM_UP[0](0), lang, {});

test('each language with layers is warmed once, phase by phase, for the set number of steps; a slice stops when asked', () => {
  const warmUp = new CodeWarmUp(7);
  assert.deepEqual(warmUp.status, { languages: [], done: true, steps: 0 }, 'nothing to do before a document');
  warmUp.want('python', {}, DEFAULT_FEATURE_SETTINGS, analyzeDocument('import os\nx = 1\n', 'python', {}));
  assert.deepEqual(warmUp.status, { languages: [], done: true, steps: 0 }, 'a document without layers starts nothing');
  warmUp.want('python', { maxLength: 10 }, DEFAULT_FEATURE_SETTINGS, withLayers('python'));
  warmUp.want('python', {}, DEFAULT_FEATURE_SETTINGS, withLayers('python'));
  warmUp.want('javascript', {}, DEFAULT_FEATURE_SETTINGS, withLayers('typescript'));
  warmUp.want('typescriptreact', {}, DEFAULT_FEATURE_SETTINGS, withLayers('typescript'));
  let asked = 0;
  assert.equal(warmUp.run(() => ++asked > 3), false, 'stopped with phases left');
  assert.deepEqual(warmUp.status, { languages: ['python', 'typescript'], done: false, steps: 0 }, 'three phases of the first step');
  asked = 0;
  assert.equal(warmUp.run(() => ++asked > 2), false);
  assert.deepEqual(warmUp.status, { languages: ['python', 'typescript'], done: false, steps: 1 }, 'five phases make a step');
  asked = 0;
  assert.equal(warmUp.run(() => (asked++, false)), true);
  assert.equal(asked, 14 * 5 - 5, 'one check before each of the other 13 steps\' five phases');
  assert.deepEqual(warmUp.status, { languages: ['python', 'typescript'], done: true, steps: 14 },
    'seven steps for Python (its size limit ignored: the programs are ours), seven for TS/JS (one family)');
  warmUp.want('python', {}, DEFAULT_FEATURE_SETTINGS, withLayers('python'));
  assert.equal(warmUp.done, true, 'a language is warmed once per worker');
  const none = new CodeWarmUp(0);
  none.want('python', {}, DEFAULT_FEATURE_SETTINGS, withLayers('python'));
  assert.deepEqual(none.status, { languages: [], done: true, steps: 0 }, 'zero steps: no warm-up');
});

test('the warm-up leaves the shared build memo as it found it, and later analyses unchanged', () => {
  const text = PYTHON_WARM_UP[0](3);
  const firstDocument = withLayers('python');
  clearBuildCache();
  const fresh = analyzeDocument(text, 'python', {});
  const held = buildCacheSize();
  assert.equal(held, 17, 'each of the document\'s 17 layer uses has its own memoised build');
  const memo = privateBuildMemo();
  withPrivateBuildMemo(memo, () => {
    assert.equal(buildCacheSize(), 0, 'inside: the private memo');
    analyzeDocument(PYTHON_WARM_UP[1](5), 'python', {});
    assert.equal(buildCacheSize(), 20, 'the functional program\'s 20 distinct builds (21 uses, one that cannot be built)');
  });
  assert.equal(buildCacheSize(), held, 'outside: the shared memo, untouched');
  assert.equal(memo.current.size, 20, 'the private memo keeps its builds for the next phase');
  withPrivateBuildMemo(memo, () => assert.equal(buildCacheSize(), 20));
  const warmUp = new CodeWarmUp(9);
  warmUp.want('python', {}, DEFAULT_FEATURE_SETTINGS, firstDocument);
  warmUp.run(() => false);
  assert.deepEqual(warmUp.status, { languages: ['python'], done: true, steps: 9 });
  assert.equal(buildCacheSize(), held);
  assert.deepEqual(analyzeDocument(text, 'python', {}), fresh);
});

test('a warm-up program that is not analysed stops its language\'s warm-up with the reason; the other language goes on', () => {
  const junk = () => 'x = 1\n\0\0\0\0\0\0\0\0';
  const warmUp = new CodeWarmUp(3, { python: [junk], typescript: TYPESCRIPT_WARM_UP });
  warmUp.want('python', {}, DEFAULT_FEATURE_SETTINGS, withLayers('python'));
  warmUp.want('typescript', {}, DEFAULT_FEATURE_SETTINGS, withLayers('typescript'));
  assert.equal(warmUp.run(() => false), true);
  const { failure, ...rest } = warmUp.status;
  assert.deepEqual(rest, { languages: ['python', 'typescript'], done: true, steps: 3 }, 'three TS steps');
  assert.match(failure ?? '', /^python: Error: a warm-up program was not analysed: /);
});
