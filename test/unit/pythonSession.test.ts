// The Python session's reuse is invisible: statement copies equal the tree-sitter nodes they copy (type,
// named flag, field, offsets, text — including accents, emoji and CJK), statements without a copy are handed
// over as wasm nodes and copied in idle time for the next version, and after each of a seeded series of random edits of real model code (with partial idle preparation
// in between) a session's analysis deep-equals a fresh analysis of the same text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'web-tree-sitter';
import { loadPythonParser, parsePython } from '../../server/src/syntax/python/pythonParser';
import { copySubtree, SyntaxNode } from '../../server/src/syntax/python/syntaxNode';
import { StatementCopies } from '../../server/src/syntax/python/statementCopies';
import { analyzePython, PythonSession } from '../../server/src/service/analyze';
import { apply, fuzzSources, prng, randomEdit } from '../robustness/support';
import { nodeDifference } from '../support/syntaxCompare';

const SEED = 0x0c0b1e5;
const EDITS_PER_FILE = 40;

test('statement copies equal the tree-sitter nodes', async () => {
  await loadPythonParser();
  const text = 'café = keras.Input((28, 28, 1))  # é\n𝐱 = layers.Conv2D(32, 3, padding="same")(café)  # 😀 \u6a21\u578b\nif 𝐱 not in (1, 2): y = 𝐱[1:2]\nbroken = layers.Dense(\n';
  const sources = [{ name: 'unicode', text }, ...fuzzSources().filter(s => s.languageId === 'python')];
  for (const { name, text } of sources) {
    const tree = parsePython(text)!;
    try {
      const nodes = tree.rootNode.namedChildren.filter((n): n is Node => !!n);
      for (const node of nodes) assert.equal(nodeDifference(copySubtree(node, text), node, null, name), undefined);
    } finally {
      tree.delete();
    }
  }
});

test('statements without a copy are the wasm nodes, copied afterwards and reused next time', async () => {
  await loadPythonParser();
  const text = 'import keras\nx = keras.Input((8,))\ny = keras.layers.Dense(4)(x)\n# done\nbroken = (\n';
  const copies = new StatementCopies();
  const tree = parsePython(text)!;
  try {
    const first = copies.statements(tree, text);
    assert.deepEqual(first.map(n => n instanceof SyntaxNode), [false, false, false, false, false]);
    // One statement per step; the broken one (an ERROR) is never copied.
    assert.equal(copies.hasPending, true);
    let steps = 0;
    while (!copies.copyPending(text, () => true)) steps++;
    assert.equal(steps, 3);
    assert.equal(copies.hasPending, false);
    const second = copies.statements(tree, text);
    assert.deepEqual(second.map(n => n instanceof SyntaxNode), [true, true, true, true, false]);
    assert.deepEqual(second.map(n => n.type), ['import_statement', 'expression_statement', 'expression_statement', 'comment', 'ERROR']);
    // The copies of the second call are kept for the third, which hands back the same objects.
    const third = copies.statements(tree, text);
    for (let i = 0; i < 4; i++) assert.equal(third[i], second[i]);
  } finally {
    copies.clear();
    tree.delete();
  }
});

test('a session reuses unchanged statements and moves them with the text', async () => {
  await loadPythonParser();
  const before = 'import keras\nfrom keras import layers\nx = keras.Input((8,))\ny = layers.Dense(4)(x)\n';
  const after = 'import keras\nfrom keras import layers\n\n# 🙂\nx = keras.Input((8,))\ny = layers.Dense(4)(x)\n';
  const copies = new StatementCopies();
  const t1 = parsePython(before)!;
  copies.statements(t1, before);
  copies.copyPending(before, () => false);
  const first = copies.statements(t1, before);
  const t2 = parsePython(after)!;
  const second = copies.statements(t2, after);
  try {
    // The comment is new (the tree's own node); the four statements are the same copies, at their new offsets.
    assert.deepEqual(second.map(s => s.type), ['import_statement', 'import_from_statement', 'comment', 'expression_statement', 'expression_statement']);
    assert.deepEqual(second.map(s => s instanceof SyntaxNode), [true, true, false, true, true]);
    assert.equal(second[0], first[0]);
    assert.equal(second[3], first[2]);
    assert.equal(second[4], first[3]);
    assert.equal(second[4].startIndex, after.indexOf('y = '));
    assert.equal(second[4].childForFieldName('x'), null);
    assert.equal(second[4].namedChildren[0]!.childForFieldName('right')!.text, 'layers.Dense(4)(x)');
  } finally {
    copies.clear();
    t1.delete();
    t2.delete();
  }
});

test('after every random edit (with idle preparation in between) a session analysis equals a fresh analysis', async () => {
  await loadPythonParser();
  let edits = 0;
  for (const { name, text: original } of fuzzSources().filter(s => s.languageId === 'python')) {
    const rand = prng(SEED ^ name.length * 7919);
    const session = new PythonSession();
    let text = original;
    try {
      assert.deepEqual(session.analyze(text), analyzePython(text), `${name}: first version`);
      for (let i = 0; i < EDITS_PER_FILE; i++) {
        // Idle work between some edits, stopped after a random number of statements (or run to the end).
        if (rand() < 0.5) session.prepare(() => rand() < 0.2);
        text = apply(text, randomEdit(text, rand, false));
        assert.deepEqual(session.analyze(text), analyzePython(text), `${name}: edit ${i + 1}\n${text}`);
        edits++;
      }
    } finally {
      session.dispose();
    }
  }
  assert.ok(edits >= 1000, `${edits} edits`);
});

test('in a tree with errors, a statement is reused only as a node of the same type', async () => {
  await loadPythonParser();
  // The second version has an ERROR root whose last child is a bare `call` with the text of the first
  // version's `expression_statement`: evaluated as a statement it would add a layer (and Keras 1 evidence).
  const add = "model.add(Convolution2D(32, 3, 3, border_mode='valid', input_shape=(28, 28, 1)))";
  const before = `out = Embedding(total_words_in_dic, e)\nfor i in range(3):\n    pass\n${add}`;
  const after = `out = Embedding(total_words_in_dic, efor i in range(3):\n${add}`;
  const session = new PythonSession();
  try {
    assert.deepEqual(session.analyze(before), analyzePython(before));
    session.prepare(() => false);
    const fresh = analyzePython(after);
    assert.equal(fresh.kerasVersion, '3');
    assert.deepEqual(session.analyze(after), fresh);
  } finally {
    session.dispose();
  }
});

test('after an error, a statement whose text error recovery reads into another structure is not reused', async () => {
  await loadPythonParser();
  // With the line `apply(…)` deleted, tree-sitter reads `g = rec.grad, net.weights` as an assignment of a
  // pattern list instead of an expression list (the broken `if` above changes its recovery): a copy from the
  // version before would evaluate the other structure (a read of `net` that the fresh analysis does not have).
  const before = `import keras
def make():
    return keras.Sequential(
    )
net = make()
        if step % every == 0:
            batch = pick([items[k] for k in order)
            with recorder() as rec:
                out = net(batch)
            g = rec.grad, net.weights
            apply(zip(g, net.weights))
        break
`;
  const after = before.replace('            apply(zip(g, net.weights))\n', '');
  const session = new PythonSession();
  try {
    assert.deepEqual(session.analyze(before), analyzePython(before));
    session.prepare(() => false);
    const fresh = analyzePython(after);
    assert.deepEqual(fresh.variables.map(v => [v.name, v.kind, after.slice(v.range.start, v.range.end)]), [['net', 'write', 'net'], ['out', 'write', 'out'], ['net', 'read', 'net']]);
    assert.deepEqual(session.analyze(after), fresh);
  } finally {
    session.dispose();
  }
});
