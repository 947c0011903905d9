// The worker's idle code warm-up (server/src/lsp/codeWarmUp.ts): its built-in programs analyse to exact
// results in every round (a program that stopped analysing would warm nothing up), it runs each language once
// for a fixed number of steps and stops when asked, it leaves the shared build memo as it found it, and a
// document analysed after it gets the same result as before it.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadPythonParser } from '../../server/src/syntax/python/pythonParser';
import { analyzeDocument } from '../../server/src/service/analyzeDocument';
import { buildCacheSize, clearBuildCache, withPrivateBuildCache } from '../../server/src/infer/buildCache';
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

test('each language is warmed once, for the set number of steps, and a slice stops when asked', () => {
  const warmUp = new CodeWarmUp(7);
  assert.equal(warmUp.done, true, 'nothing to do before a document');
  warmUp.want('python', {}, DEFAULT_FEATURE_SETTINGS);
  warmUp.want('python', {}, DEFAULT_FEATURE_SETTINGS);
  warmUp.want('javascript', {}, DEFAULT_FEATURE_SETTINGS);
  warmUp.want('typescriptreact', {}, DEFAULT_FEATURE_SETTINGS);
  let asked = 0;
  assert.equal(warmUp.run(() => ++asked > 3), false, 'stopped with steps left');
  assert.equal(warmUp.stepsRun, 3);
  assert.equal(warmUp.run(() => false), true);
  assert.equal(warmUp.stepsRun, 14, 'seven steps for Python, seven for TS/JS (one family)');
  assert.deepEqual(warmUp.status, { done: true, steps: 14 });
  warmUp.want('python', {}, DEFAULT_FEATURE_SETTINGS);
  assert.equal(warmUp.done, true, 'a language is warmed once per worker');
  const none = new CodeWarmUp(0);
  none.want('python', {}, DEFAULT_FEATURE_SETTINGS);
  assert.equal(none.done, true, 'zero steps: no warm-up');
});

test('the warm-up leaves the shared build memo as it found it, and later analyses unchanged', () => {
  const text = PYTHON_WARM_UP[0](3);
  clearBuildCache();
  const fresh = analyzeDocument(text, 'python', {});
  const held = buildCacheSize();
  assert.equal(held, 17, 'each of the document\'s 17 layer uses has its own memoised build');
  withPrivateBuildCache(() => {
    assert.equal(buildCacheSize(), 0, 'inside: an empty memo of its own');
    analyzeDocument(PYTHON_WARM_UP[1](5), 'python', {});
    assert.ok(buildCacheSize() > 0);
  });
  assert.equal(buildCacheSize(), held, 'outside: the shared memo, untouched');
  const warmUp = new CodeWarmUp(9);
  warmUp.want('python', {}, DEFAULT_FEATURE_SETTINGS);
  warmUp.run(() => false);
  assert.equal(warmUp.failure, undefined);
  assert.equal(buildCacheSize(), held);
  assert.deepEqual(analyzeDocument(text, 'python', {}), fresh);
});
