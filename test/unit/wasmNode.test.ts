// The lean wasm tree reader (wasmNode.ts) answers exactly as web-tree-sitter's own nodes: every node of every
// Python source, of texts with syntax errors, accents, emoji, CJK identifiers and CRLF line ends, and of every
// source cut in half, compared node by node (type, named flag, offsets, text, children, fields); the same after
// the wasm memory has grown; and the runtime really exposes the reader (no silent fallback).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Tree } from 'web-tree-sitter';
import { loadPythonParser, parsePython, treeSitterRuntime } from '../../server/src/syntax/python/pythonParser';
import { WasmNode, wasmNodeOf, wasmTreeReader } from '../../server/src/syntax/python/wasmNode';
import { generateKeras } from '../bench/generate';
import { fuzzSources } from '../robustness/support';

const FIELDS = ['function', 'arguments', 'object', 'attribute', 'left', 'right', 'name', 'value', 'body', 'condition', 'consequence', 'alternative', 'parameters', 'module_name', 'operator', 'key', 'subscript', 'argument', 'return_type', 'type'];

/** First difference between the lean reader's tree and web-tree-sitter's, as a readable path; undefined when equal. */
function treeDifference(tree: Tree, text: string): string | undefined {
  const reader = wasmTreeReader(tree, text);
  if (!reader) return 'no reader';
  const stack: [WasmNode, Node, string][] = [[wasmNodeOf(reader, tree.rootNode), tree.rootNode, '']];
  while (stack.length > 0) {
    const [lean, node, path] = stack.pop()!;
    const here = `${path}/${node.type}@${node.startIndex}`;
    if (lean.type !== node.type) return `${here}: type ${lean.type}`;
    if (lean.isNamed !== node.isNamed) return `${here}: isNamed ${lean.isNamed}`;
    if (lean.startIndex !== node.startIndex || lean.endIndex !== node.endIndex) return `${here}: range ${lean.startIndex}-${lean.endIndex} vs ${node.endIndex}`;
    if (lean.text !== node.text) return `${here}: text ${JSON.stringify(lean.text)}`;
    const kids = node.children.filter((c): c is Node => !!c);
    // namedChildren asked first on half the nodes (its own runtime call), after children on the others.
    const askNamedFirst = node.startIndex % 2 === 0;
    const leanNamed = askNamedFirst ? lean.namedChildren : undefined;
    if (lean.children.length !== kids.length) return `${here}: ${lean.children.length} children vs ${kids.length}`;
    const named = (leanNamed ?? lean.namedChildren).map(n => `${n.type}@${n.startIndex}-${n.endIndex}`).join(' ');
    const expectedNamed = node.namedChildren.map(n => `${n!.type}@${n!.startIndex}-${n!.endIndex}`).join(' ');
    if (named !== expectedNamed) return `${here}: named children ${named} vs ${expectedNamed}`;
    for (const field of FIELDS) {
      const a = lean.childForFieldName(field);
      const b = node.childForFieldName(field);
      if ((a ? `${a.type}@${a.startIndex}-${a.endIndex}` : null) !== (b ? `${b.type}@${b.startIndex}-${b.endIndex}` : null)) return `${here}: field ${field}`;
      const as = lean.childrenForFieldName(field).map(n => `${n.type}@${n.startIndex}`).join(' ');
      const bs = node.childrenForFieldName(field).map(n => `${n!.type}@${n!.startIndex}`).join(' ');
      if (as !== bs) return `${here}: fields ${field}: ${as} vs ${bs}`;
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push([lean.children[i], kids[i], here]);
  }
  return undefined;
}

function check(text: string, what: string): void {
  const tree = parsePython(text)!;
  try {
    assert.equal(treeDifference(tree, text), undefined, what);
  } finally {
    tree.delete();
  }
}

test('the runtime exposes what the lean reader needs', async () => {
  await loadPythonParser();
  assert.ok(treeSitterRuntime(), 'web-tree-sitter no longer exposes its runtime: the evaluator would fall back to its slower nodes');
});

test('every Python source, whole and cut in half, reads the same through the lean reader', async () => {
  await loadPythonParser();
  const sources = fuzzSources().filter(s => s.languageId === 'python');
  assert.ok(sources.length > 20);
  for (const { name, text } of sources) {
    check(text, name);
    check(text.slice(0, text.length >> 1), `${name} (first half)`);
  }
});

test('syntax errors, accents, emoji, CJK identifiers, CRLF and lone surrogates read the same', async () => {
  await loadPythonParser();
  const texts = [
    'from keras import layers\ncafé = layers.Dense(8, name="naïve")  # é\n',
    'x = layers.Dense(4)(inp)  # 🚀🚀\n模型 = keras.Sequential([layers.Dense(3, name="层")])\n',
    'model = keras.Sequential([\r\n    layers.Dense(4),\r\n    layers.Dense(\r\n',
    'def f(:\n  return layers.Conv2D(3, (3, 3)(\n',
    'a = "\ud800" + \'\udfff\'\nb = [1, 2, (3, {4: 5})] if c else lambda q: q ** 2\n',
    'x = ' + '('.repeat(300) + '1' + ')'.repeat(300) + '\n',
    '\u0000\u0001 = 3\n',
  ];
  texts.forEach((t, i) => check(t, `text ${i}`));
});

test('nodes read after the wasm memory has grown', async () => {
  await loadPythonParser();
  const runtime = treeSitterRuntime()!;
  const text = generateKeras(100);
  const tree = parsePython(text)!;
  const reader = wasmTreeReader(tree, text)!;
  const root = wasmNodeOf(reader, tree.rootNode);
  const before = runtime.HEAP32.buffer;
  const kept: Tree[] = [];
  try {
    // Keep ever larger trees alive until the memory grows.
    for (let n = 1000; runtime.HEAP32.buffer === before && n <= 64_000; n *= 2) kept.push(parsePython(generateKeras(n))!);
    assert.notEqual(runtime.HEAP32.buffer, before, 'the memory grew');
    assert.equal(treeDifference(tree, text), undefined);
    assert.equal(root.namedChildren.length, tree.rootNode.namedChildren.length);
    assert.deepEqual(root.namedChildren.map(n => n.text), tree.rootNode.namedChildren.map(n => n!.text));
  } finally {
    for (const t of kept) t.delete();
    tree.delete();
  }
});
