// The incremental TS/JS session against fresh analyses: a seeded sequence of random edits (brackets, commas,
// digits, newlines, keywords, comments, deletions, undos) to real TF.js model code; every session result
// must deep-equal `analyzeTypeScript` of the same text, and statements must actually be reused.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeTypeScript } from '../../server/src/service/analyzeTypeScript';
import { createTypeScriptSession } from '../../server/src/service/typescriptSession';
import { reparseStats } from '../../server/src/syntax/typescript/incrementalParse';
import { generateTfjs } from '../bench/generate';
import { prng } from '../robustness/support';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/typescript');

const PIECES = ['(', ')', '[', ']', '{', '}', ',', ';', '0', '1', '7', '42', '\n', '\n\n', ' ', '=', '.', '=>', '<', '>', '/', '`', "'",
  'const ', 'let ', 'function ', 'if ', 'return ', 'await ', 'async ', 'x', 'units', '// note\n', '/* c */', '// => [null, 4]\n',
  'tf.layers.dense({units: 3}).apply(x);\n', 'model.add(tf.layers.dropout({rate: 0.5}));\n', '}\n', '#!', '<<<<<<< '];

/** One random edit: an insertion, a deletion of 1–4 characters, or a replaced digit. */
function edit(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  const r = rnd();
  if (r < 0.3) return text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 4));
  if (r < 0.45) {
    const digits = [...text.matchAll(/\d/g)];
    if (digits.length > 0) {
      const d = digits[Math.floor(rnd() * digits.length)].index!;
      return text.slice(0, d) + String(Math.floor(rnd() * 10)) + text.slice(d + 1);
    }
  }
  return text.slice(0, at) + PIECES[Math.floor(rnd() * PIECES.length)] + text.slice(at);
}

function sources(): [string, string][] {
  const files = fs.readdirSync(FIXTURES).filter(f => /\.(ts|js)$/.test(f)).sort();
  const out: [string, string][] = files.map(f => [f, fs.readFileSync(path.join(FIXTURES, f), 'utf8')]);
  out.push(['generated.ts', generateTfjs(120)], ['generated.jsx', generateTfjs(30).replace(/ as tf\.SymbolicTensor|: tf\.SymbolicTensor/g, '')]);
  // `await` in a function body still allows reuse; at the top level of a module it never does.
  out.push(['async.ts', `${generateTfjs(40)}async function train() {\n  await model_0.fit(xs, ys, {epochs: 2});\n}\n`]);
  out.push(['toplevel.ts', `${generateTfjs(20)}await model_0.fit(xs, ys);\nconst after = tf.layers.dense({units: 2});\n`]);
  return out;
}

test('TS/JS session results equal fresh analyses over random edits', () => {
  const rnd = prng(20261126);
  const before = { ...reparseStats };
  let analyses = 0;
  for (const [name, original] of sources()) {
    const session = createTypeScriptSession(name, {});
    let text = original;
    let previous = text;
    for (let i = 0; i < 40; i++) {
      const r = rnd();
      // Mostly edits; sometimes undo the last one (back to code that parses), restart from the original,
      // or analyse the same text again.
      if (r < 0.4) text = previous;
      else if (r < 0.45) text = original;
      else if (r >= 0.48) {
        previous = text;
        text = edit(text, rnd);
      }
      const fresh = analyzeTypeScript(text, name, {});
      assert.deepStrictEqual(session.analyze(text), fresh, `${name}, edit ${i}`);
      analyses++;
    }
    session.dispose();
  }
  assert.ok(analyses >= 300, `${analyses} analyses`);
  const reused = reparseStats.reused - before.reused;
  assert.ok(reused >= analyses / 8, `statements reused in only ${reused} of ${analyses} analyses`);
});

test('a session reuses statements for edits that keep a larger file valid, anywhere in it', () => {
  const session = createTypeScriptSession('big.ts', {});
  const rnd = prng(7);
  const before = reparseStats.reused;
  let text = generateTfjs(400);
  session.analyze(text);
  let changed = 0;
  for (let i = 0; i < 30; i++) {
    const previous = text;
    const lines = text.split('\n');
    const at = Math.floor(rnd() * lines.length);
    if (i % 3 === 0) lines.splice(at, 0, '');
    else if (i % 3 === 1) lines.splice(at, 0, '// a comment');
    else lines[at] = lines[at].replace(/\d/, String(1 + Math.floor(rnd() * 9)));
    text = lines.join('\n');
    if (text !== previous) changed++; // an unchanged text is answered from the session's last result
    assert.deepStrictEqual(session.analyze(text), analyzeTypeScript(text, 'big.ts', {}), `edit ${i}`);
  }
  assert.ok(changed >= 20);
  assert.equal(reparseStats.reused - before, changed);
});
