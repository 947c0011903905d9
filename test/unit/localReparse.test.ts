// The Python session's local reparse (localReparse.ts) gives exactly the statements of a full parse, or
// declines: named edits that must take the local path and edits that must not (indentation, an open bracket,
// a line continuation, `else:`, an unterminated string, …), then seeded random edits of every error-free
// Python source, each local result compared node by node with a full parse of the edited text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPythonParser, parsePython } from '../../server/src/syntax/python/pythonParser';
import { StatementCopies } from '../../server/src/syntax/python/statementCopies';
import { analyzePython, PythonSession } from '../../server/src/service/analyze';
import { diffTexts } from '../../server/src/syntax/textEdit';
import { MAX_WINDOW_SHARE } from '../../server/src/syntax/python/localReparse';
import { fuzzSources, prng } from '../robustness/support';
import { statementsDifference } from '../support/syntaxCompare';

/** Copies of every statement of `text` (as a session holds them after its idle work). */
function prepared(text: string): StatementCopies {
  const copies = new StatementCopies();
  const tree = parsePython(text)!;
  try {
    copies.statements(tree, text);
    copies.copyPending(text, () => false);
  } finally {
    tree.delete();
  }
  return copies;
}

function clean(text: string): boolean {
  const tree = parsePython(text)!;
  const error = tree.rootNode.hasError;
  tree.delete();
  return !error;
}

/** 'local' with the statements checked against a full parse, or 'full' when the local path declined. */
function tryLocal(copies: StatementCopies, before: string, after: string, what: string, maxShare = 1): 'local' | 'full' {
  const statements = copies.statementsAfterLocalEdit(before, after, diffTexts(before, after)!, maxShare);
  if (!statements) return 'full';
  const tree = parsePython(after)!;
  try {
    assert.equal(statementsDifference(statements, tree, what), undefined);
  } finally {
    tree.delete();
  }
  return 'local';
}

const BASE = [
  'import keras',
  'from keras import layers',
  '',
  'café = keras.Input((28, 28, 1))  # é',
  '𝐱 = layers.Conv2D(32, 3, padding="same")(café)  # 😀 模型',
  'model = keras.Sequential([',
  '    keras.Input(shape=(8,)),',
  '    layers.Dense(4),',
  '])',
  '',
  'def block(x, units=16):',
  '    y = layers.Dense(units)(x)',
  '    return y',
  '',
  'a = 1; b = 2',
  'if a:',
  '    c = 3',
  'else:',
  '    c = 4',
  'print(c)',
  '',
].join('\n');

test('edits inside error-free statements are reparsed locally; risky ones decline', async () => {
  await loadPythonParser();
  const cases: [what: string, from: string, to: string, expected: 'local' | 'full'][] = [
    ['a digit in a call', 'Conv2D(32,', 'Conv2D(64,', 'local'],
    ['a CJK character in an identifier', '𝐱 = layers', '𝐱模 = layers', 'local'],
    ['an emoji in an identifier (a syntax error)', '𝐱 = layers', '𝐱😀 = layers', 'full'],
    ['a trailing comma outside brackets (even at the end of the file)', 'print(c)\n', 'print(c),\n', 'full'],
    ['a comma at a line end inside brackets', '    layers.Dense(4),', '    layers.Dense(4,\n        5),', 'local'],
    ['a comment', '# é\n', '# éé\n', 'local'],
    ['a line inside a Sequential list (the whole statement)', '    layers.Dense(4),', '    layers.Dense(5),', 'local'],
    ['inside a function body (the whole definition)', 'Dense(units)(x)', 'Dense(units * 2)(x)', 'local'],
    ['a new statement on a blank line', '\n\ndef block', '\nz = 1\ndef block', 'local'],
    ['a whole line deleted', 'print(c)\n', '', 'local'],
    ['the second of two statements on a line', 'b = 2', 'b = 3', 'local'],
    ['an if/else branch (the whole statement)', 'c = 4', 'c = 5', 'local'],
    ['a statement indented', '\nprint(c)', '\n    print(c)', 'full'],
    ['a bracket opened', 'print(c)', 'print((c)', 'full'],
    ['a line continuation at the end', 'import keras\n', 'import keras \\\n', 'full'],
    ['a line continuation before a blank line (the parse agrees)', 'from keras import layers\n', 'from keras import layers \\\n', 'local'],
    ['a statement turned into else:', 'print(c)', 'else: print(c)', 'full'],
    ['an unterminated string', '# é\n', '"""\n', 'full'],
    ['a decorator without its definition', 'a = 1; b = 2', '@a', 'full'],
    ['a line joined to the next', 'print(c)\n', 'print(c)', 'local'],
    ['two lines joined', 'import keras\nfrom', 'import keras from', 'full'],
  ];
  for (const [what, from, to, expected] of cases) {
    assert.ok(BASE.includes(from), what);
    const after = BASE.replace(from, to);
    assert.equal(tryLocal(prepared(BASE), BASE, after, what), expected, what);
  }
  // tree-sitter runs a trailing-comma tuple on into the next line when that line can continue it as an
  // assignment target (`a, b,` then `c = 3` is `a, b, c = 3`; Python would not), and whether it does depends on
  // text anywhere before: a module with a comma at a line end outside brackets is always reparsed in full.
  const runOn = 'x = 1\nc = 3\nd = 4\n';
  assert.equal(tryLocal(prepared(runOn), runOn, runOn.replace('x = 1', 'a, b,'), 'an edited line running on into the next'), 'full');
  const elsewhere = 'a, b,\nimport os\nd = 4\ne = 5\n';
  assert.equal(clean(elsewhere), true);
  assert.equal(tryLocal(prepared(elsewhere), elsewhere, elsewhere.replace('e = 5', 'e = 6'), 'an open comma elsewhere in the module'), 'full');
  const withComment = 'x = 1\na, b,  # note\nd = 4\ne = 5\n';
  assert.equal(clean(withComment), true);
  assert.equal(tryLocal(prepared(withComment), withComment, withComment.replace('e = 5', 'e = 6'), 'an open comma before a comment'), 'full');
  const inBrackets = 'x = [1,\n     2]\nfor a, b in c: pass\nd = 4\ne = 5\n';
  assert.equal(tryLocal(prepared(inBrackets), inBrackets, inBrackets.replace('e = 5', 'e = 6'), 'commas inside brackets or within a line'), 'local');
});

test('a window longer than a tenth of the text declines (a full reparse costs less)', async () => {
  await loadPythonParser();
  // (Not a number: an edit inside one takes no window at all, see numberEdit.ts.)
  const after = BASE.replace('padding="same"', 'padding="valid"');
  assert.equal(tryLocal(prepared(BASE), BASE, after, 'share 1', 1), 'local');
  assert.equal(tryLocal(prepared(BASE), BASE, after, 'default share', MAX_WINDOW_SHARE), 'full');
  const long = BASE + 'x = 1\n'.repeat(400);
  assert.equal(tryLocal(prepared(long), long, long.replace('padding="same"', 'padding="valid"'), 'default share, long text', MAX_WINDOW_SHARE), 'local');
});

test('line ends \\r\\n: local edits match a full parse, a split \\r\\n declines; lone \\r is a syntax error here', async () => {
  await loadPythonParser();
  const text = BASE.split('\n').join('\r\n');
  assert.equal(tryLocal(prepared(text), text, text.replace('Dense(4)', 'Dense(7)'), 'digit \\r\\n'), 'local');
  assert.equal(tryLocal(prepared(text), text, text.replace('print(c)\r\n', ''), 'line deleted \\r\\n'), 'local');
  // tree-sitter's comments run over a lone \r to the next \n, so such a file has an error: always a full reparse.
  const cr = BASE.split('\n').join('\r');
  assert.equal(tryLocal(prepared(cr), cr, cr.replace('Dense(4)', 'Dense(7)'), 'digit \\r'), 'full');
  const crlf = BASE.split('\n').join('\r\n');
  const at = crlf.indexOf('\r\nprint(c)') + 1;
  assert.equal(tryLocal(prepared(crlf), crlf, crlf.slice(0, at) + 'x = 1\r' + crlf.slice(at), 'a line inserted inside \\r\\n'), 'full');
});

test('not before the statements are all copies, nor after a version with a syntax error', async () => {
  await loadPythonParser();
  const copies = new StatementCopies();
  const tree = parsePython(BASE)!;
  const after = BASE.replace('Conv2D(32,', 'Conv2D(64,');
  try {
    copies.statements(tree, BASE);
    assert.equal(copies.statementsAfterLocalEdit(BASE, after, diffTexts(BASE, after)!), undefined);
  } finally {
    copies.clear();
    tree.delete();
  }
  const broken = BASE.replace('print(c)', 'print(c');
  assert.equal(tryLocal(prepared(broken), broken, broken.replace('Conv2D(32,', 'Conv2D(64,'), 'after an error'), 'full');
});

/** Edits that keep code mostly valid and probe the window's borders: line starts and ends, blank lines. */
const PIECES = ['\n', '\n\n', ' ', '    ', '\\', '#', '"', "'", '"""', '(', ')', ':', ',', '0', '7', 'x', 'é', '😀', '模', 'else:', 'elif a:', 'pass', '\n    pass', 'def f():\n    return 1\n', '@f\n', 'if a:\n', 'z = [\n', ']\n', '\r\n', '\r'];

test('seeded random edits of every error-free Python source: each local reparse equals a full parse', async () => {
  await loadPythonParser();
  let local = 0;
  let total = 0;
  for (const { name, text: original } of fuzzSources().filter(s => s.languageId === 'python')) {
    if (!clean(original)) continue;
    const rand = prng(0x10ca1 ^ name.length * 104729);
    for (let i = 0; i < 60; i++) {
      // Edits near line starts and ends are the interesting ones: pick a line, then a column at either end or inside.
      const lines = original.split('\n');
      const line = Math.floor(rand() * lines.length);
      let at = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
      const r = rand();
      if (r < 0.35) at += lines[line].length;
      else if (r < 0.7) at += Math.floor(rand() * (lines[line].length + 1));
      const cut = rand() < 0.3 ? Math.floor(rand() * 4) : 0;
      const insert = rand() < 0.8 ? PIECES[Math.floor(rand() * PIECES.length)] : '';
      let end = Math.min(original.length, at + cut);
      // Never split a surrogate pair.
      if (/[\udc00-\udfff]/.test(original[end] ?? '')) end++;
      if (/[\udc00-\udfff]/.test(original[at] ?? '')) continue;
      const after = original.slice(0, at) + insert + original.slice(end);
      if (after === original) continue;
      total++;
      if (tryLocal(prepared(original), original, after, `${name}: edit ${i} at ${at}: ${JSON.stringify(insert)} over ${end - at}`) === 'local') local++;
    }
  }
  // Enough of them take the local path for the comparison to mean something.
  console.log(`${local} of ${total} edits reparsed locally`);
  assert.ok(local >= total / 4, `${local} of ${total} edits reparsed locally`);
});

test('chains of local and full reparses in a session: every analysis equals a fresh one', async () => {
  await loadPythonParser();
  let edits = 0;
  for (const { name, text: original } of fuzzSources().filter(s => s.languageId === 'python')) {
    if (!clean(original)) continue;
    const rand = prng(0x5e55 ^ name.length * 7919);
    const session = new PythonSession();
    let text = original;
    try {
      session.analyze(text);
      for (let i = 0; i < 30; i++) {
        session.prepare(() => false);
        const at = Math.floor(rand() * (text.length + 1));
        if (/[\udc00-\udfff]/.test(text[at] ?? '')) continue;
        // Mostly small in-line edits (which keep the file valid and local), sometimes a breaking piece.
        const insert = rand() < 0.6 ? String(Math.floor(rand() * 10)) : PIECES[Math.floor(rand() * PIECES.length)];
        const end = rand() < 0.3 && /[0-9a-z]/.test(text[at] ?? '') ? at + 1 : at;
        text = text.slice(0, at) + insert + text.slice(end);
        assert.deepEqual(session.analyze(text), analyzePython(text), `${name}: edit ${i} at ${at}: ${JSON.stringify(insert)}`);
        edits++;
      }
    } finally {
      session.dispose();
    }
  }
  assert.ok(edits >= 300, `${edits} edits`);
});
