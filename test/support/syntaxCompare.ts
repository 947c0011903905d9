// Compares plain-JS statement copies (syntaxNode.ts) with the tree-sitter nodes of a full parse: type, named
// flag, field, offsets, text and children, reporting the first difference as a readable path.

import type { Node, Tree } from 'web-tree-sitter';
import type { PyNode } from '../../server/src/syntax/python/syntaxNode';
import { SyntaxNode } from '../../server/src/syntax/python/syntaxNode';

/** First difference between a copy and the wasm node it copies, as a path; undefined when equal. */
export function nodeDifference(copy: SyntaxNode, node: Node, field: string | null, path: string): string | undefined {
  const here = `${path}/${node.type}@${node.startIndex}`;
  if (copy.type !== node.type) return `${here}: type ${copy.type}`;
  if (copy.isNamed !== node.isNamed) return `${here}: isNamed ${copy.isNamed}`;
  if (copy.startIndex !== node.startIndex || copy.endIndex !== node.endIndex) return `${here}: range ${copy.startIndex}-${copy.endIndex} vs ${node.endIndex}`;
  if (copy.text !== node.text) return `${here}: text ${JSON.stringify(copy.text)}`;
  if ((copy.field ?? null) !== field) return `${here}: field ${copy.field} vs ${field}`;
  if (copy.children.length !== node.childCount) return `${here}: ${copy.children.length} children vs ${node.childCount}`;
  for (let i = 0; i < node.childCount; i++) {
    const d = nodeDifference(copy.children[i], node.child(i)!, node.fieldNameForChild(i), here);
    if (d) return d;
  }
  return undefined;
}

/** First difference between a module's statements (copies) and a full parse's top-level nodes. */
export function statementsDifference(statements: readonly PyNode[], tree: Tree, path: string): string | undefined {
  const nodes = tree.rootNode.namedChildren.filter((n): n is Node => !!n);
  if (statements.length !== nodes.length) return `${path}: ${statements.length} statements vs ${nodes.length}: ${statements.map(s => s.type).join(' ')} vs ${nodes.map(n => n.type).join(' ')}`;
  for (let i = 0; i < nodes.length; i++) {
    const s = statements[i];
    if (!(s instanceof SyntaxNode)) return `${path}: statement ${i} is not a copy`;
    const d = nodeDifference(s, nodes[i], null, `${path}#${i}`);
    if (d) return d;
  }
  return undefined;
}
