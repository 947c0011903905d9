// An edit inside a number (numberEdit.ts) takes no parse: named edits that must take that path (a digit
// changed, typed or deleted, at either end of the token, next to brackets, in a float, after emoji and CJK
// text) and edits that must not (the point deleted, a letter or `_` typed, hex and exponent literals, a
// number emptied, an open comma in the module), each result compared node by node with a full parse; then
// seeded digit edits of every error-free source, and sessions that must equal fresh analyses.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPythonParser, parsePython } from '../../server/src/syntax/python/pythonParser';
import { copySubtree, SyntaxNode } from '../../server/src/syntax/python/syntaxNode';
import { editInsideNumber } from '../../server/src/syntax/python/numberEdit';
import { analyzePython, PythonSession } from '../../server/src/service/analyze';
import { diffTexts } from '../../server/src/syntax/textEdit';
import { digitEdit, fuzzSources, prng } from '../robustness/support';
import { statementsDifference } from '../support/syntaxCompare';

/** Plain-JS copies of every statement of an error-free text; undefined when it has a syntax error. */
function copiesOf(text: string): SyntaxNode[] | undefined {
  const tree = parsePython(text)!;
  try {
    if (tree.rootNode.hasError) return undefined;
    return tree.rootNode.namedChildren.map(n => copySubtree(n!, text));
  } finally {
    tree.delete();
  }
}

/** 'number' with the statements checked against a full parse of `after`, or 'declined'. */
function tryNumber(before: string, after: string, what: string): 'number' | 'declined' {
  const statements = copiesOf(before);
  assert.ok(statements, `${what}: the text before parses`);
  const result = editInsideNumber(statements, before, after, diffTexts(before, after)!);
  if (!result) return 'declined';
  const tree = parsePython(after)!;
  try {
    assert.equal(statementsDifference(statements, tree, what), undefined);
    assert.ok(statements.includes(result.changed), what);
    assert.equal(before.includes(result.previousText), true, what);
  } finally {
    tree.delete();
  }
  return 'number';
}

const BASE = [
  'import keras',
  'from keras import layers',
  'café = keras.Input((28, 28, 1))  # é',
  '𝐱 = layers.Conv2D(32, 3, padding="same")(café)  # 😀 模型',
  'model = keras.Sequential([',
  '    keras.Input(shape=(8,)),',
  '    layers.Dense(4),',
  '    layers.Dropout(0.25),',
  '])',
  'rate = 0x1F + 1e3 + 2j + 1_000',
  'y = [7][0]',
  '',
].join('\n');

test('digits typed, changed or deleted inside a number take no parse; anything else declines', async () => {
  await loadPythonParser();
  const cases: [what: string, from: string, to: string, expected: 'number' | 'declined'][] = [
    ['a digit changed', 'Conv2D(32,', 'Conv2D(64,', 'number'],
    ['a digit typed at the end (next to a comma)', 'Conv2D(32,', 'Conv2D(320,', 'number'],
    ['a digit typed at the start (after a bracket)', 'Conv2D(32,', 'Conv2D(132,', 'number'],
    ['a digit deleted', 'Conv2D(32,', 'Conv2D(2,', 'number'],
    ['two digits replaced by three', 'Conv2D(32,', 'Conv2D(128,', 'number'],
    ['after emoji and CJK text on the line before', 'Dense(4)', 'Dense(16)', 'number'],
    ['a float digit', 'Dropout(0.25)', 'Dropout(0.5)', 'number'],
    ['a float digit typed', 'Dropout(0.25)', 'Dropout(0.255)', 'number'],
    ['inside a tuple after emoji on the same statement line', '(28, 28, 1)', '(28, 32, 1)', 'number'],
    ['a subscript', '[7][0]', '[7][1]', 'number'],
    ['a number emptied', 'Dense(4)', 'Dense()', 'declined'],
    ['the point deleted', 'Dropout(0.25)', 'Dropout(025)', 'declined'],
    ['a point typed into an integer', 'Conv2D(32,', 'Conv2D(3.2,', 'declined'],
    ['a letter typed', 'Conv2D(32,', 'Conv2D(32j,', 'declined'],
    ['an underscore typed', 'Conv2D(32,', 'Conv2D(3_2,', 'declined'],
    ['inside a hex literal', '0x1F', '0x2F', 'declined'],
    ['inside an exponent literal', '1e3', '1e4', 'declined'],
    ['inside a literal with separators', '1_000', '1_001', 'declined'],
    ['a digit in an identifier', 'Conv2D(32,', 'Conv3D(32,', 'declined'],
    ['a digit in a string', '# é', '# é1', 'declined'],
    ['the number and the text around it', 'Conv2D(32, 3', 'Conv2D(32, 4', 'number'],
    ['across two numbers', '(28, 28, 1)', '(28, 1)', 'declined'],
  ];
  for (const [what, from, to, expected] of cases) {
    assert.ok(BASE.includes(from), what);
    assert.equal(tryNumber(BASE, BASE.replace(from, to), what), expected, what);
  }
  // A module whose parse depends on text elsewhere (a comma ending a line outside brackets) is reparsed in full.
  const open = 'a, b,\nimport os\nd = 4\n';
  assert.equal(tryNumber(open, open.replace('d = 4', 'd = 5'), 'an open comma in the module'), 'declined');
});

test('seeded digit edits inside the numbers of every error-free source equal a full parse', async () => {
  await loadPythonParser();
  let taken = 0;
  let total = 0;
  for (const { name, text } of fuzzSources().filter(s => s.languageId === 'python')) {
    if (!copiesOf(text)) continue;
    const rand = prng(0x5eed ^ name.length * 7877);
    const digits = [...text.matchAll(/[0-9]/g)].map(m => m.index!);
    for (let i = 0; i < 40 && digits.length > 0; i++) {
      const at = digits[Math.floor(rand() * digits.length)];
      const after = digitEdit(text, at, rand);
      if (after === text) continue;
      total++;
      if (tryNumber(text, after, `${name}: ${JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))}`) === 'number') taken++;
    }
  }
  assert.ok(total >= 1000 && taken >= total / 5, `${taken} of ${total} edits took the number path`);
});

test('a session typing into numbers equals fresh analyses, and the statements it did not touch are replayed', async () => {
  await loadPythonParser();
  const session = new PythonSession();
  let text = BASE;
  const typed = ['Dense(4)', 'Dense(46)', 'Dense(460)', 'Dense(60)', 'Dense(6)', 'Dense(4)'];
  try {
    session.analyze(text);
    session.prepare(() => false);
    for (let i = 1; i < typed.length; i++) {
      text = text.replace(typed[i - 1], typed[i]);
      assert.deepEqual(session.analyze(text), analyzePython(text), typed[i]);
      session.prepare(() => false);
    }
    const dense = session.analyze(text).layerUses.find(u => u.type === 'Dense');
    assert.deepEqual(dense?.weights?.map(w => w.shape), [[8, 4], [4]]);
  } finally {
    session.dispose();
  }
});
