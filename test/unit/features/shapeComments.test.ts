// Shape comments: the hand-written parser (accepted forms and rejects), the stale-comment check on real
// Python through analyzePython (exact ranges and messages, UTF-16 offsets, CRLF and lone CR), the update and
// add code actions (exact edits), and the TextMate injection grammar's patterns.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { loadPythonParser } from '../../../server/src/syntax/python/pythonParser';
import { analyzePython } from '../../../server/src/service/analyze';
import { checkShapeComments, parseShapeComment, shapeCommentActions, ShapeCommentTuple } from '../../../server/src/features/shapeComments';
import type { Analysis, Issue, TextRange } from '../../../server/src/service/types';
import type { CodeActionInfo } from '../../../server/src/features/types';

before(async () => {
  await loadPythonParser();
});

const HEAD = 'import keras\nfrom keras import layers\n';

function at(src: string, needle: string, from = 0): number {
  const i = src.indexOf(needle, from);
  assert.notEqual(i, -1, `not in source: ${needle}`);
  return i;
}

function rangeOf(src: string, needle: string, from = 0): TextRange {
  const start = at(src, needle, from);
  return { start, end: start + needle.length };
}

function analyse(src: string): Analysis {
  const a = analyzePython(src);
  assert.equal(a.notAnalysed, undefined);
  return a;
}

function check(src: string): Issue[] {
  return checkShapeComments(analyse(src), src);
}

function stale(range: TextRange, message: string): Issue {
  return { severity: 'warning', code: 'stale-shape-comment', range, message };
}

function actions(src: string, range: TextRange): CodeActionInfo[] {
  return shapeCommentActions(analyse(src), src, range);
}

function applyEdits(src: string, action: CodeActionInfo): string {
  let out = src;
  for (const e of [...action.edits].sort((a, b) => b.range.start - a.range.start)) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// parseShapeComment

function simple(t: ShapeCommentTuple | undefined): unknown {
  return t && { prefix: t.prefix, values: t.entries.map(e => e.value) };
}

test('parseShapeComment: a bare tuple, with entry ranges inside the body', () => {
  assert.deepEqual(parseShapeComment('(None, 28, 28, 1)'), {
    prefix: undefined,
    prefixRange: undefined,
    entries: [
      { value: 'None', text: 'None', range: { start: 1, end: 5 } },
      { value: 28, text: '28', range: { start: 7, end: 9 } },
      { value: 28, text: '28', range: { start: 11, end: 13 } },
      { value: 1, text: '1', range: { start: 15, end: 16 } },
    ],
    tupleRange: { start: 0, end: 17 },
  });
});

test('parseShapeComment: prefixes shape: (any case), -> and →', () => {
  assert.deepEqual(parseShapeComment('shape: (batch, 26, 26, 32)'), {
    prefix: 'shape:',
    prefixRange: { start: 0, end: 6 },
    entries: [
      { value: 'batch', text: 'batch', range: { start: 8, end: 13 } },
      { value: 26, text: '26', range: { start: 15, end: 17 } },
      { value: 26, text: '26', range: { start: 19, end: 21 } },
      { value: 32, text: '32', range: { start: 23, end: 25 } },
    ],
    tupleRange: { start: 7, end: 26 },
  });
  assert.deepEqual(simple(parseShapeComment('Shape:(B, 10)')), { prefix: 'Shape:', values: ['B', 10] });
  assert.deepEqual(simple(parseShapeComment('SHAPE:  (N, 10)')), { prefix: 'SHAPE:', values: ['N', 10] });
  assert.deepEqual(simple(parseShapeComment('-> (26, 26, 32)')), { prefix: '->', values: [26, 26, 32] });
  assert.deepEqual(simple(parseShapeComment('->(26, 32)')), { prefix: '->', values: [26, 32] });
  const arrow = parseShapeComment('→ (N, 4)');
  assert.deepEqual(simple(arrow), { prefix: '→', values: ['N', 4] });
  assert.deepEqual(arrow?.prefixRange, { start: 0, end: 1 });
  assert.deepEqual(arrow?.tupleRange, { start: 2, end: 8 });
});

test('parseShapeComment: symbols, trailing commas, blanks, non-ASCII names', () => {
  assert.deepEqual(simple(parseShapeComment('(10,)')), { prefix: undefined, values: [10] });
  assert.deepEqual(simple(parseShapeComment('(None, 4,)')), { prefix: undefined, values: ['None', 4] });
  assert.deepEqual(simple(parseShapeComment('( ? , _ , seq_len2 )')), { prefix: undefined, values: ['?', '_', 'seq_len2'] });
  assert.deepEqual(simple(parseShapeComment('(\tB,\t8)')), { prefix: undefined, values: ['B', 8] });
  assert.deepEqual(simple(parseShapeComment('(None, 28, 28, 1)   ')), { prefix: undefined, values: ['None', 28, 28, 1] });
  assert.deepEqual(simple(parseShapeComment('(批量, 8)')), { prefix: undefined, values: ['批量', 8] });
  assert.deepEqual(simple(parseShapeComment('(größe, 8)')), { prefix: undefined, values: ['größe', 8] });
  assert.deepEqual(parseShapeComment('(é, 8)')?.entries[1].range, { start: 4, end: 5 });
});

test('parseShapeComment: everything else is not a shape comment', () => {
  const rejects = [
    '',
    'TODO (fix this)',
    '(28 28)',
    'shape (1, 2)', // the prefix needs its colon: `shape (1, 2)` reads as prose
    'shape : (1, 2)',
    'shapes: (1, 2)',
    '(None, 28, 28, 1) extra',
    '(None, 28, 28, 1) # again',
    '(10)', // one entry needs its comma, as in Python: `# (optional)` is prose
    '(optional)',
    '()',
    '(,)',
    '(1,,2)',
    '(, 1)',
    '(-1, 4)',
    '(1.5, 2)',
    '(28px, 2)',
    '(x.y, 2)',
    '[(None, 4), (None, 2)]',
    '((1, 2),)',
    '[None, 4]',
    'shape:',
    '->',
    '-> -> (1, 2)',
    '(None, 28',
    'see (1, 2)',
    '(😀, 2)',
  ];
  for (const body of rejects) assert.equal(parseShapeComment(body), undefined, body);
});

// ---------------------------------------------------------------------------------------------------------
// checkShapeComments

test('Sequential list items: a stale comment is a warning on the whole comment; true ones are silent', () => {
  const src = HEAD + [
    'model = keras.Sequential([',
    '    keras.Input((28, 28, 1)),  # (None, 28, 28, 1)',
    '    layers.Conv2D(32, 5),  # shape: (batch, 26, 26, 32)',
    '    layers.MaxPooling2D(),  # (None, 12, 12, 32)',
    '    layers.Flatten(),  # TODO (fix this)',
    '    layers.Dense(10)  # (None, 11)',
    '])',
    '',
  ].join('\n');
  assert.deepEqual(check(src), [
    stale(rangeOf(src, '# shape: (batch, 26, 26, 32)'), "Shape comment says (batch, 26, 26, 32) but the output of Conv2D 'conv2d' is (None, 24, 24, 32)."),
    stale(rangeOf(src, '# (None, 11)'), "Shape comment says (None, 11) but the output of Dense 'dense' is (None, 10)."),
  ]);
});

test('model.add(...) lines, with the comment after the call', () => {
  const src = HEAD + [
    'model = keras.Sequential()',
    'model.add(layers.Dense(4, input_shape=(3,)))  # (None, 4)',
    'model.add(layers.Dense(',
    '    8))  # -> (None, 9)',
    'model.add(layers.Dense(2))# (None,2)',
    '',
  ].join('\n');
  assert.deepEqual(check(src), [
    stale(rangeOf(src, '# -> (None, 9)'), "Shape comment says (None, 9) but the output of Dense 'dense_1' is (None, 8)."),
  ]);
});

test('functional lines: x = Dense(4)(x)  # (None, 4); nested calls belong to the outermost', () => {
  const src = HEAD + [
    'inp = keras.Input((8,))',
    'x = layers.Dense(4)(inp)  # (None, 4)',
    'y = layers.Dense(5)(x)  # (None, 4)',
    'z = layers.Dense(2)(layers.Dense(3)(y))  # (None, 3)',
    'w = layers.Dense(2)(layers.Dense(3)(y))  # (None, 2)',
    '',
  ].join('\n');
  assert.deepEqual(check(src), [
    stale(rangeOf(src, '# (None, 4)', at(src, 'y = ')), "Shape comment says (None, 4) but the output of Dense 'dense_1' is (None, 5)."),
    stale(rangeOf(src, '# (None, 3)'), "Shape comment says (None, 3) but the output of Dense 'dense_2' is (None, 2)."),
  ]);
});

test('a tuple one shorter than the shape is read without the batch axis; other ranks are stale', () => {
  const src = HEAD + [
    'model = keras.Sequential([',
    '    keras.Input((28, 28, 1)),  # (28, 28, 1)',
    '    layers.Conv2D(32, 3),  # -> (26, 26, 32)',
    '    layers.Conv2D(16, 3),  # → (24, 24, 32)',
    '    layers.Flatten(),  # (9216,)',
    '    layers.Dense(10),  # (10, 1)',
    '    layers.Dense(3),  # (None, 1, 3)',
    '])',
    '',
  ].join('\n');
  assert.deepEqual(check(src), [
    stale(rangeOf(src, '# → (24, 24, 32)'), "Shape comment says (24, 24, 32) but the output of Conv2D 'conv2d_1' is (None, 24, 24, 16)."),
    stale(rangeOf(src, '# (10, 1)'), "Shape comment says (10, 1) but the output of Dense 'dense' is (None, 10)."),
    stale(rangeOf(src, '# (None, 1, 3)'), "Shape comment says (None, 1, 3) but the output of Dense 'dense_1' is (None, 3)."),
  ]);
});

test('symbols match any size; an inferred None matches only a symbol; unknown dims match numbers', () => {
  const src = HEAD + [
    'import sys',
    'inp = keras.Input((28, 28, 1))  # (B, H, W, C)',
    'a = layers.Conv2D(32, 3)(inp)  # (batch, 26, 26, _)',
    'b = layers.Conv2D(32, 3)(inp)  # (?, N, 26, 32)',
    'c = layers.Conv2D(32, 3)(inp)  # (32, 26, 26, 32)',
    'seq = keras.Input((None, 8))  # (None, T, 8)',
    'd = layers.Dense(3)(seq)  # (None, 5, 3)',
    'e = layers.Dense(int(sys.argv[1]))(seq)  # (None, T, 7)',
    '',
  ].join('\n');
  assert.deepEqual(check(src), [
    stale(rangeOf(src, '# (32, 26, 26, 32)'), "Shape comment says (32, 26, 26, 32) but the output of Conv2D 'conv2d_2' is (None, 26, 26, 32)."),
    stale(rangeOf(src, '# (None, 5, 3)'), "Shape comment says (None, 5, 3) but the output of Dense 'dense' is (None, None, 3)."),
  ]);
});

test('nothing is reported when the shape is unknown, several, or ambiguous, or the comment is not trailing', () => {
  const src = HEAD + [
    'inp = keras.Input((8,))',
    'u = MyLayer()(inp)  # (None, 3)',
    'seq = keras.Input((10, 3))',
    'o = layers.LSTM(4, return_state=True)(seq)  # (None, 9)',
    'model = keras.Sequential([',
    '    layers.Dense(4),  # (None, 99)',
    '])',
    'v = layers.Dense(3)(MyLayer()(inp))  # (None, 7)',
    'w = MyLayer()(layers.Dense(3)(inp))  # (None, 7)',
    'm = keras.Sequential([keras.Input((4,)), layers.Dense(2)])  # (None, 7)',
    'q = layers.Dense(2)(inp); r = layers.Dense(3)(inp)  # (None, 3)',
    's = layers.Dense(2)(inp)',
    '# (None, 7)',
    'x = inp',
    'for f in [32, 64]:',
    '    x = layers.Dense(f)(x)  # (None, 7)',
    '',
  ].join('\n');
  assert.deepEqual(check(src), []);
});

test('a call in a loop with one shape is checked once', () => {
  const src = HEAD + [
    'x = keras.Input((8,))',
    'for _ in range(3):',
    '    x = layers.Dense(16)(x)  # (None, 8)',
    '',
  ].join('\n');
  assert.deepEqual(check(src), [stale(rangeOf(src, '# (None, 8)', at(src, 'for')), "Shape comment says (None, 8) but the output of Dense 'dense' is (None, 16).")]);
});

test('UTF-16 offsets: non-ASCII text before the comment', () => {
  const src = HEAD + [
    '# é 😀 ünïcödé',
    'inp = keras.Input((8,), name="é😀")  # (None, 8)',
    'x = layers.Dense(4, name="größe_😀")(inp)  # shape: (None, 5)',
    '',
  ].join('\n');
  assert.deepEqual(check(src), [stale(rangeOf(src, '# shape: (None, 5)'), "Shape comment says (None, 5) but the output of Dense 'größe_😀' is (None, 4).")]);
});

test('CRLF and lone CR line ends: the range stops before the line break', () => {
  const crlf = HEAD.split('\n').join('\r\n') + 'inp = keras.Input((8,))  # (None, 9)  \r\ny = layers.Dense(4)(inp)  # (None, 4)\r\nz = layers.Dense(4)(inp)  # (5,)\r\n';
  assert.deepEqual(check(crlf), [
    stale(rangeOf(crlf, '# (None, 9)  '), "Shape comment says (None, 9) but the output of InputLayer 'input_layer' is (None, 8)."),
    stale(rangeOf(crlf, '# (5,)'), "Shape comment says (5,) but the output of Dense 'dense_1' is (None, 4)."),
  ]);
  // tree-sitter does not end a comment at a lone CR; the check does
  const cr = HEAD + 'inp = keras.Input((8,))  # (None, 9)\r';
  assert.deepEqual(check(cr), [stale(rangeOf(cr, '# (None, 9)'), "Shape comment says (None, 9) but the output of InputLayer 'input_layer' is (None, 8).")]);
});

test('never throws: unanalysed text, offsets out of range', () => {
  const empty = analyzePython('\u0000');
  assert.deepEqual(checkShapeComments(empty, '\u0000'), []);
  const src = HEAD + 'x = keras.Input((8,))  # (None, 9)\n';
  const a = analyse(src);
  assert.deepEqual(checkShapeComments(a, ''), []);
  assert.deepEqual(shapeCommentActions(a, 'x', { start: 0, end: 100 }), []);
  const broken = { ...a, layerUses: [{ ...a.layerUses[0], hintOffset: -5 }, { ...a.layerUses[0], outputs: [undefined] }] } as Analysis;
  assert.deepEqual(checkShapeComments(broken, src), []);
  assert.deepEqual(checkShapeComments({ ...a, comments: undefined } as unknown as Analysis, src), []);
});

// ---------------------------------------------------------------------------------------------------------
// shapeCommentActions

test('update: replaces the tuple only, keeps the prefix, the symbols and the batch-less style', () => {
  const src = HEAD + [
    'model = keras.Sequential([',
    '    keras.Input((28, 28, 1)),',
    '    layers.Conv2D(32, 5),  # shape: (batch, 26, 26, 32)',
    '    layers.Conv2D(8, 3),  # -> (20, 20, 32)',
    '    layers.Conv2D(8, 3),  # (32, H, 18, 8)',
    '    layers.Flatten(),  # (None, 1, 2)',
    '])',
    '',
  ].join('\n');
  const all = actions(src, { start: 0, end: src.length }).filter(x => x.kind === 'quickfix');
  const issues = check(src);
  assert.equal(issues.length, 4);
  assert.deepEqual(all, [
    { title: 'Update shape comment to (batch, 24, 24, 32)', kind: 'quickfix', edits: [{ range: rangeOf(src, '(batch, 26, 26, 32)'), newText: '(batch, 24, 24, 32)' }], fixes: issues[0], isPreferred: true },
    { title: 'Update shape comment to (22, 22, 8)', kind: 'quickfix', edits: [{ range: rangeOf(src, '(20, 20, 32)'), newText: '(22, 22, 8)' }], fixes: issues[1], isPreferred: true },
    { title: 'Update shape comment to (None, H, 20, 8)', kind: 'quickfix', edits: [{ range: rangeOf(src, '(32, H, 18, 8)'), newText: '(None, H, 20, 8)' }], fixes: issues[2], isPreferred: true },
    { title: 'Update shape comment to (None, 3200)', kind: 'quickfix', edits: [{ range: rangeOf(src, '(None, 1, 2)'), newText: '(None, 3200)' }], fixes: issues[3], isPreferred: true },
  ]);
  assert.ok(applyEdits(src, all[0]).includes('    layers.Conv2D(32, 5),  # shape: (batch, 24, 24, 32)\n'));
  assert.ok(applyEdits(src, all[1]).includes('    layers.Conv2D(8, 3),  # -> (22, 22, 8)\n'));
});

test('update: offered only for stale comments the range touches; one-entry tuples keep their comma', () => {
  const src = HEAD + [
    'inp = keras.Input((8,))',
    'x = layers.Dense(4)(inp)  # (5,)',
    'y = layers.Dense(6)(x)  # (None, 6)',
    '',
  ].join('\n');
  const c = at(src, '# (5,)');
  assert.deepEqual(actions(src, { start: c + 3, end: c + 3 }), [
    { title: 'Update shape comment to (4,)', kind: 'quickfix', edits: [{ range: rangeOf(src, '(5,)'), newText: '(4,)' }], fixes: check(src)[0], isPreferred: true },
  ]);
  // a cursor at the end of the comment still touches it
  assert.equal(actions(src, { start: c + 6, end: c + 6 }).length, 1);
  // the next line is true and commented: nothing to do there
  const y = at(src, 'y = ');
  assert.deepEqual(actions(src, { start: y, end: y + 3 }), []);
});

test('add: inserts the inferred shape at the line end, after a trailing comma, before CR/LF', () => {
  const src = HEAD + [
    'model = keras.Sequential([',
    '    keras.Input((28, 28, 1)),',
    '    layers.Conv2D(32, 3),   ',
    '    layers.Flatten(),  # flat',
    '    layers.Dense(10)])',
    'm2 = keras.Sequential()',
    'm2.add(layers.Dense(4, input_shape=(3,)))',
    'inp = keras.Input((8,))',
    'x = layers.Dense(2)(layers.Dense(3)(inp))',
    'u = MyLayer()(inp)',
    '',
  ].join('\n');
  const adds = actions(src, { start: 0, end: src.length });
  const inputEnd = at(src, 'keras.Input((28, 28, 1)),') + 'keras.Input((28, 28, 1)),'.length;
  const convEnd = at(src, 'layers.Conv2D(32, 3),') + 'layers.Conv2D(32, 3),'.length;
  const addEnd = at(src, 'm2.add(layers.Dense(4, input_shape=(3,)))') + 'm2.add(layers.Dense(4, input_shape=(3,)))'.length;
  const inpEnd = at(src, 'inp = keras.Input((8,))') + 'inp = keras.Input((8,))'.length;
  const xEnd = at(src, 'x = layers.Dense(2)(layers.Dense(3)(inp))') + 'x = layers.Dense(2)(layers.Dense(3)(inp))'.length;
  assert.deepEqual(adds, [
    { title: 'Add shape comment (None, 28, 28, 1)', kind: 'refactor.rewrite', edits: [{ range: { start: inputEnd, end: inputEnd }, newText: '  # (None, 28, 28, 1)' }] },
    { title: 'Add shape comment (None, 26, 26, 32)', kind: 'refactor.rewrite', edits: [{ range: { start: convEnd, end: convEnd + 3 }, newText: '  # (None, 26, 26, 32)' }] },
    { title: 'Add shape comment (None, 4)', kind: 'refactor.rewrite', edits: [{ range: { start: addEnd, end: addEnd }, newText: '  # (None, 4)' }] },
    { title: 'Add shape comment (None, 8)', kind: 'refactor.rewrite', edits: [{ range: { start: inpEnd, end: inpEnd }, newText: '  # (None, 8)' }] },
    { title: 'Add shape comment (None, 2)', kind: 'refactor.rewrite', edits: [{ range: { start: xEnd, end: xEnd }, newText: '  # (None, 2)' }] },
  ]);
  assert.ok(applyEdits(src, adds[1]).includes('\n    layers.Conv2D(32, 3),  # (None, 26, 26, 32)\n'));
  // an added comment is a true shape comment
  let all = src;
  for (const a of [...adds].reverse()) all = applyEdits(all, a);
  assert.deepEqual(check(all), []);

  // only the lines the range touches
  const line = at(src, 'm2.add');
  assert.deepEqual(actions(src, { start: line, end: line }).map(a => a.title), ['Add shape comment (None, 4)']);

  const crlf = HEAD + 'inp = keras.Input((8,))\r\ny = layers.Dense(4)(inp)\r\nz = layers.Dense(4)(inp)\r';
  const yEnd = at(crlf, 'y = layers.Dense(4)(inp)') + 'y = layers.Dense(4)(inp)'.length;
  const zEnd = at(crlf, 'z = layers.Dense(4)(inp)') + 'z = layers.Dense(4)(inp)'.length;
  assert.deepEqual(actions(crlf, { start: yEnd, end: zEnd }).map(a => a.edits), [
    [{ range: { start: yEnd, end: yEnd }, newText: '  # (None, 4)' }],
    [{ range: { start: zEnd, end: zEnd }, newText: '  # (None, 4)' }],
  ]);
});

test('add: only for a known shape (no unknown dims) on a line the comment would belong to', () => {
  const src = HEAD + [
    'import sys',
    'inp = keras.Input((8,))  # input',
    'a = layers.Dense(int(sys.argv[1]))(inp)',
    'b, h, c = layers.LSTM(4, return_state=True)(keras.Input((5, 3)))',
    'model = keras.Sequential([layers.Dense(2), layers.Dense(3)])',
    'q = layers.Dense(2)(inp); r = layers.Dense(3)(inp) ',
    '',
  ].join('\n');
  const found = actions(src, { start: 0, end: src.length });
  // The commented line, the unknown dim, the LSTM's several outputs (it owns its line, not the inner Input),
  // the list items before `])` or another item, and `q` (not last on its line) get nothing; `r` does.
  const rEnd = at(src, 'r = layers.Dense(3)(inp)') + 'r = layers.Dense(3)(inp)'.length;
  assert.deepEqual(found, [{ title: 'Add shape comment (None, 3)', kind: 'refactor.rewrite', edits: [{ range: { start: rEnd, end: rEnd + 1 }, newText: '  # (None, 3)' }] }]);
});

// ---------------------------------------------------------------------------------------------------------
// The TextMate injection grammar (its patterns are Oniguruma; these use only what JS regexps share with it)

interface Grammar {
  scopeName: string;
  injectionSelector: string;
  patterns: { include: string }[];
  repository: Record<string, { begin?: string; end?: string; patterns?: { match?: string; name?: string; include?: string }[] }>;
}

function grammarFile(): string {
  const name = path.join('syntaxes', 'shape-comment.injection.json');
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
    if (path.dirname(dir) === dir) break;
  }
  return path.resolve(process.cwd(), name);
}

test('grammar: an injection into Python comments whose tuple pattern accepts what the parser accepts', () => {
  const g = JSON.parse(fs.readFileSync(grammarFile(), 'utf8')) as Grammar;
  assert.equal(g.scopeName, 'shape-comment.injection');
  assert.equal(g.injectionSelector, 'L:comment.line.number-sign.python');
  const rule = g.repository['shape-comment'];
  const begin = new RegExp(rule.begin!, 'u');
  // The Python grammar has consumed the `#`; the injection starts right after it.
  const starts = (comment: string): boolean => {
    const m = begin.exec(comment);
    return m !== null && m.index === 1;
  };
  for (const body of ['(None, 28, 28, 1)', 'shape: (batch, 26, 26, 32)', 'Shape:(B, 10)', '-> (26, 26, 32)', '→ (N, 4)', '(10,)', '( ? , _ , seq_len2 )', '(批量, 8)']) {
    assert.ok(starts(`# ${body}`), body);
    assert.ok(parseShapeComment(body), body);
  }
  for (const body of ['TODO (fix this)', '(28 28)', 'shape (1, 2)', '(None, 28, 28, 1) extra', '(10)', '()', '(-1, 4)', '[(None, 4), (None, 2)]']) {
    assert.ok(!starts(`# ${body}`), body);
    assert.equal(parseShapeComment(body), undefined, body);
  }
  assert.ok(!begin.test('## (1, 2)'));
  const m = begin.exec('# shape: (batch, 26, 26, 32)')!;
  assert.deepEqual([m[1], m[2], m[3], m[4]], ['shape', ':', undefined, '(']);
  assert.equal(begin.exec('# → (N, 4)')![3], '→');

  const dims = g.repository['dimension'].patterns!.map(p => ({ name: p.name!, re: new RegExp(p.match!, 'uy') }));
  const scopes = (inner: string): string[] => {
    const out: string[] = [];
    for (let i = 0; i < inner.length;) {
      const hit = dims.map(d => { d.re.lastIndex = i; const x = d.re.exec(inner); return x ? { name: d.name, len: x[0].length } : undefined; }).find(x => x);
      if (!hit) { i++; continue; }
      out.push(`${inner.slice(i, i + hit.len)}:${hit.name.split('.').slice(0, 2).join('.')}`);
      i += hit.len;
    }
    return out;
  };
  assert.deepEqual(scopes('None, 28, B, ?, Nonetheless'), ['None:constant.language', ',:punctuation.separator', '28:constant.numeric', ',:punctuation.separator', 'B:variable.other', ',:punctuation.separator', '?:variable.other', ',:punctuation.separator', 'Nonetheless:variable.other']);
});
