// Robustness sweep: every fixture and example, truncated at every position (and with lines deleted), is
// analysed without an exception, and every reported range lies inside the text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { loadPythonParser } from '../../server/src/syntax/python/pythonParser';
import { analyzePython } from '../../server/src/service/analyze';
import { analyzeDocument, languageOfFile } from '../../server/src/service/analyzeDocument';
import type { Analysis } from '../../server/src/service/types';

const ROOT = path.resolve(__dirname, '../../..');

function sources(): { name: string; text: string; languageId: string }[] {
  const out: { name: string; text: string; languageId: string }[] = [];
  for (const dir of ['examples', 'test/fixtures/python', 'test/fixtures/typescript']) {
    const full = path.join(ROOT, dir);
    for (const f of fs.readdirSync(full).sort()) {
      const languageId = languageOfFile(f);
      if (languageId) out.push({ name: `${dir}/${f}`, text: fs.readFileSync(path.join(full, f), 'utf8'), languageId });
    }
  }
  return out;
}

function checkOne(text: string, label: string, languageId = 'python'): void {
  const a: Analysis = analyzeDocument(text, languageId, {});
  assert.equal(a.notAnalysed, undefined, `${label}: ${a.notAnalysed}`);
  for (const i of a.issues) assert.ok(i.range.start >= 0 && i.range.end <= text.length && i.range.start <= i.range.end, `${label}: issue range out of text`);
  for (const u of a.layerUses) assert.ok(u.useRange.end <= text.length, `${label}: use range out of text`);
}

test('every source truncated at every position analyses without an exception', async t => {
  await loadPythonParser();
  for (const { name, text, languageId } of sources()) {
    await t.test(name, () => {
      // Every position for files up to 3 KB, else a stride that still visits every line.
      const step = text.length <= 3000 ? 1 : Math.ceil(text.length / 3000);
      for (let end = 0; end <= text.length; end += step) checkOne(text.slice(0, end), `${name} [0, ${end})`, languageId);
    });
  }
});

test('every source with one line deleted analyses without an exception', async t => {
  await loadPythonParser();
  for (const { name, text, languageId } of sources()) {
    await t.test(name, () => {
      const lines = text.split('\n');
      for (let i = 0; i < lines.length; i++) checkOne([...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'), `${name} without line ${i + 1}`, languageId);
    });
  }
});

test('hostile inputs get a result or a clear refusal', async () => {
  await loadPythonParser();
  const nested = 'x = ' + '('.repeat(5000) + '1' + ')'.repeat(5000) + '\n';
  assert.deepEqual(analyzePython(nested).issues, []);
  const calls = 'import keras\nm = keras.Sequential([' + 'keras.layers.Dense('.repeat(3000) + '1' + ')'.repeat(3000) + '])\n';
  assert.equal(analyzePython(calls).notAnalysed, undefined);
  assert.match(analyzePython('import keras\u0000\u0001').notAnalysed ?? '', /NUL bytes/);
  assert.match(analyzePython('x = 1\n'.repeat(10), { maxLength: 20 }).notAnalysed ?? '', /larger than the maximum/);
  // Found by a mutation campaign: a backtick parses as a string node with no quote in it.
  assert.deepEqual(analyzePython('`,').notAnalysed, undefined);
  assert.deepEqual(analyzePython('import keras\nx = keras.layers.Dense(4, name=`)\n').notAnalysed, undefined);
  const mixed = 'import keras\r\nm = keras.Sequential([keras.Input((3,)),\rkeras.layers.Dense(2)])\n\t# \ud800 lone surrogate é 😀 变量\n';
  const a = analyzePython(mixed);
  assert.equal(a.models[0].layers[0].outputs?.[0]?.join(','), ',2');
  // The TypeScript parser overflows its stack on deep nesting: a clear refusal, not a crash.
  const deepTs = 'const x = ' + '('.repeat(20000) + '1' + ')'.repeat(20000) + ';\n';
  const ts = analyzeDocument(deepTs, 'typescript', {});
  assert.deepEqual(ts.issues, []);
  assert.match(analyzeDocument('import * as tf from "@tensorflow/tfjs";\u0000', 'typescript', {}).notAnalysed ?? '', /NUL bytes/);
});
