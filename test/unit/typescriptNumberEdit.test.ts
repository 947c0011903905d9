// Digits typed into a number of an error-free TS/JS file update the previous parse in place
// (syntax/typescript/numberEdit.ts): named edits that must take that path and edits that must not (a leading
// zero, a point deleted, separators, BigInt, hex and exponent literals, digits in identifiers and strings),
// each result compared node by node (kind, offsets, literal text, node lists) with a fresh parse; then seeded
// digit edits of every TS/JS source, and sessions that must equal fresh analyses.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import ts = require('typescript');
import { editInsideNumber } from '../../server/src/syntax/typescript/numberEdit';
import { parseDocument } from '../../server/src/syntax/typescript/incrementalParse';
import { analyzeTypeScript } from '../../server/src/service/analyzeTypeScript';
import { createTypeScriptSession } from '../../server/src/service/typescriptSession';
import { generateTfjs } from '../bench/generate';
import { digitEdit, fuzzSources, prng } from '../robustness/support';

/** First difference between two parses, as a path; undefined when they agree. */
function astDifference(a: ts.Node, b: ts.Node, path: string): string | undefined {
  const here = `${path}/${ts.SyntaxKind[a.kind]}@${b.pos}`;
  if (a.kind !== b.kind) return `${here}: kind ${ts.SyntaxKind[b.kind]}`;
  if (a.pos !== b.pos || a.end !== b.end) return `${here}: ${a.pos}-${a.end} vs ${b.pos}-${b.end}`;
  const textOf = (n: ts.Node) => (n as { text?: unknown }).text;
  if (typeof textOf(b) === 'string' && textOf(a) !== textOf(b)) return `${here}: text ${JSON.stringify(textOf(a))} vs ${JSON.stringify(textOf(b))}`;
  const children = (n: ts.Node) => {
    const out: (ts.Node | ts.NodeArray<ts.Node>)[] = [];
    ts.forEachChild(n, c => void out.push(c), list => void out.push(list));
    return out;
  };
  const ca = children(a);
  const cb = children(b);
  if (ca.length !== cb.length) return `${here}: ${ca.length} children vs ${cb.length}`;
  for (let i = 0; i < ca.length; i++) {
    const x = ca[i];
    const y = cb[i];
    if (Array.isArray(x) !== Array.isArray(y)) return `${here}: child ${i} list vs node`;
    if (Array.isArray(x)) {
      const lx = x as ts.NodeArray<ts.Node>;
      const ly = y as ts.NodeArray<ts.Node>;
      if (lx.pos !== ly.pos || lx.end !== ly.end || lx.length !== ly.length) return `${here}: list ${i} ${lx.pos}-${lx.end}/${lx.length} vs ${ly.pos}-${ly.end}/${ly.length}`;
      for (let k = 0; k < lx.length; k++) {
        const d = astDifference(lx[k], ly[k], `${here}[${i}]`);
        if (d) return d;
      }
    } else {
      const d = astDifference(x as ts.Node, y as ts.Node, here);
      if (d) return d;
    }
  }
  return undefined;
}

/** 'number' with the updated parse checked against a fresh one, or 'declined'. */
function tryNumber(before: string, after: string, what: string, fileName = 'model.ts'): 'number' | 'declined' {
  const prev = parseDocument(before, fileName)!;
  assert.deepEqual(prev.errorStarts, [], `${what}: the text before parses without errors`);
  const result = editInsideNumber(prev, after);
  if (!result) return 'declined';
  const fresh = ts.createSourceFile(fileName, after, ts.ScriptTarget.Latest, false, fileName.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  assert.equal(result.document.text, after, what);
  assert.equal(result.document.file.text, after, what);
  assert.equal(result.document.file.statements.length, fresh.statements.length, what);
  for (let i = 0; i < fresh.statements.length; i++) assert.equal(astDifference(result.document.file.statements[i], fresh.statements[i], `${what}#${i}`), undefined);
  assert.equal(astDifference(result.document.file.endOfFileToken, fresh.endOfFileToken, `${what}#eof`), undefined);
  assert.ok(result.document.file.statements.includes(result.changed), what);
  return 'number';
}

const BASE = [
  "import * as tf from '@tensorflow/tfjs';",
  'const café = tf.input({shape: [28, 28, 1]}); // é 😀 模型',
  'const model = tf.sequential({',
  '  layers: [',
  "    tf.layers.conv2d({inputShape: [28, 28, 1], filters: 32, kernelSize: 3, padding: 'same'}),",
  '    tf.layers.dropout({rate: 0.25}),',
  '    tf.layers.dense({units: 10}),',
  '  ],',
  '});',
  'const odd = 0x1F + 1e3 + 10n + 1_000 + 0.5.toFixed(1).length;',
  'const radix = 0x1 + 0b1 + 0o7 + 0e0 + 0X3;',
  'const y = [7][0];',
  '',
].join('\n');

test('digits typed into a TS/JS number update the parse in place; anything else declines', () => {
  const cases: [what: string, from: string, to: string, expected: 'number' | 'declined'][] = [
    ['a digit changed', 'filters: 32', 'filters: 64', 'number'],
    ['a digit typed at the end (next to a comma)', 'filters: 32,', 'filters: 320,', 'number'],
    ['a digit typed at the start', 'filters: 32', 'filters: 132', 'number'],
    ['a digit deleted', 'filters: 32', 'filters: 2', 'number'],
    ['after emoji and CJK text', 'units: 10}', 'units: 16}', 'number'],
    ['a float digit', 'rate: 0.25', 'rate: 0.5', 'number'],
    ['a float digit typed (the value is written normalised)', 'rate: 0.25', 'rate: 0.250', 'number'],
    ['next to a bracket', '[28, 28, 1]}); //', '[28, 28, 3]}); //', 'number'],
    ['a subscript', '[7][0]', '[7][1]', 'number'],
    ['a float used as an object', '0.5.toFixed', '0.75.toFixed', 'number'],
    ['a leading zero', 'units: 10}', 'units: 010}', 'declined'],
    ['a number emptied', 'units: 10}', 'units: }', 'declined'],
    ['the point deleted', 'rate: 0.25', 'rate: 025', 'declined'],
    ['a point typed', 'filters: 32', 'filters: 3.2', 'declined'],
    ['inside a hex literal', '0x1F', '0x2F', 'declined'],
    // Literals whose last digits read the same in decimal (a review found these taken for decimals at first).
    ['digits typed into 0x1', '0x1 +', '0x10 +', 'declined'],
    ['digits typed into 0b1', '0b1 +', '0b11 +', 'declined'],
    ['digits typed into 0o7', '0o7 +', '0o70 +', 'declined'],
    ['digits typed into 0e0', '0e0 +', '0e10 +', 'declined'],
    ['digits typed into 0X3', '0X3;', '0X33;', 'declined'],
    ['inside an exponent literal', '1e3', '1e4', 'declined'],
    ['inside a BigInt', '10n', '11n', 'declined'],
    ['inside a literal with separators', '1_000', '1_001', 'declined'],
    ['a digit in an identifier', 'conv2d', 'conv3d', 'declined'],
    ['a digit in a string', "'@tensorflow/tfjs'", "'@tensorflow/tfjs1'", 'declined'],
    ['across two numbers', '[28, 28, 1]}); //', '[28, 1]}); //', 'declined'],
  ];
  for (const [what, from, to, expected] of cases) {
    assert.ok(BASE.includes(from), what);
    assert.equal(tryNumber(BASE, BASE.replace(from, to), what), expected, what);
  }
});

test('seeded digit edits inside the numbers of every TS/JS source equal a fresh parse', () => {
  const sources = fuzzSources().filter(s => s.languageId !== 'python').map(s => ({ name: s.name, text: s.text }));
  sources.push({ name: 'generated.ts', text: generateTfjs(60) });
  let taken = 0;
  let total = 0;
  for (const { name, text } of sources) {
    const fileName = name.endsWith('.js') ? 'model.js' : 'model.ts';
    if (parseDocument(text, fileName)!.errorStarts.length > 0) continue;
    const rand = prng(0x7e57 ^ name.length * 6007);
    const digits = [...text.matchAll(/[0-9]/g)].map(m => m.index!);
    for (let i = 0; i < 150 && digits.length > 0; i++) {
      const at = digits[Math.floor(rand() * digits.length)];
      const after = digitEdit(text, at, rand);
      if (after === text) continue;
      total++;
      if (tryNumber(text, after, `${name}: ${JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))}`, fileName) === 'number') taken++;
    }
  }
  assert.ok(total >= 1000 && taken >= total / 5, `${taken} of ${total} edits took the number path`);
});

test('a TS session typing into numbers equals fresh analyses', () => {
  const session = createTypeScriptSession('model.ts', {});
  let text = BASE;
  const typed = ['units: 10}', 'units: 106}', 'units: 1060}', 'units: 60}', 'units: 6}', 'units: 10}', 'units: 10.5}', 'units: 10}', 'units: 0x1}', 'units: 0x10}', 'units: 0x1}'];
  try {
    session.analyze(text);
    for (let i = 1; i < typed.length; i++) {
      text = text.replace(typed[i - 1], typed[i]);
      assert.deepStrictEqual(session.analyze(text), analyzeTypeScript(text, 'model.ts', {}), typed[i]);
    }
  } finally {
    session.dispose();
  }
});
