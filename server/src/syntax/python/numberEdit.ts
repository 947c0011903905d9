// The commonest edit while tuning a model — digits typed, deleted or changed inside a number (`Dense(64)`
// → `Dense(128)`, `Dropout(0.1)` → `Dropout(0.3)`) — needs no parse at all: a run of decimal digits, with or
// without one decimal point, stays one number token of the same kind, so a full parse would give the same
// tree with that token's text changed. The statement holding it gets a new copy with the new text; the
// others stay (moved by the length change). Declines (undefined) for anything else.

import type { OffsetEdit } from './localReparse';
import { StatementFrame, SyntaxNode } from './syntaxNode';

/** Decimal integers and floats written with digits on both sides of the point: nothing else qualifies. */
const INTEGER = /^[0-9]+$/;
const FLOAT = /^[0-9]+\.[0-9]+$/;

export interface NumberEdit {
  /** The module's statements in order. */
  readonly statements: SyntaxNode[];
  /** The copy the edit replaced, and its replacement. */
  readonly replaced: SyntaxNode;
  readonly added: SyntaxNode;
}

/**
 * The module's statements after `edit` turned `before` into `after`, when the edit lies within one `integer`
 * or `float` token of an error-free statement copy and leaves a token of the same kind (see above). On success
 * the copies after the edited one have been moved to their new offsets.
 */
export function editInsideNumber(statements: readonly SyntaxNode[], before: string, after: string, edit: OffsetEdit): NumberEdit | undefined {
  // Token types decide tree-sitter's parse, not their text; still, a module whose parse is known to depend on
  // text elsewhere (an open comma, see `StatementFrame.openComma`) is left to a full reparse, as localReparse.ts does.
  for (const s of statements) if (s.frame.openComma) return undefined;
  const index = statementHolding(statements, edit);
  if (index < 0) return undefined;
  const statement = statements[index];
  const path = pathToNumber(statement, edit);
  if (!path) return undefined;
  const leaf = path[path.length - 1];
  const delta = edit.newEndIndex - edit.oldEndIndex;
  const oldText = leaf.text;
  const newText = after.slice(leaf.startIndex, leaf.endIndex + delta);
  const kind = leaf.type === 'integer' ? INTEGER : FLOAT;
  if (!kind.test(oldText) || !kind.test(newText)) return undefined;
  // Only digits went in (the check above also holds if a point moved, which the kinds then tell apart).
  const inserted = after.slice(edit.startIndex, edit.newEndIndex);
  if (!/^[0-9]*$/.test(inserted)) return undefined;
  const frame = statement.frame;
  const relStart = edit.startIndex - frame.start;
  const relOldEnd = edit.oldEndIndex - frame.start;
  const text = frame.text.slice(0, relStart) + inserted + frame.text.slice(relOldEnd);
  if (before.slice(frame.start, frame.start + frame.text.length) !== frame.text) return undefined;
  const added = copyWithEdit(statement, new Set(path), text, relStart, delta);
  for (let i = index + 1; i < statements.length; i++) statements[i].frame.start += delta;
  const out = statements.slice();
  out[index] = added;
  return { statements: out, replaced: statement, added };
}

/** Index of the statement whose text contains the edited range, or -1. */
function statementHolding(statements: readonly SyntaxNode[], edit: OffsetEdit): number {
  let lo = 0;
  let hi = statements.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const s = statements[mid];
    if (s.frame.start + s.frame.text.length < edit.oldEndIndex) lo = mid + 1;
    else hi = mid;
  }
  const s = statements[lo];
  return s && s.frame.start <= edit.startIndex && edit.oldEndIndex <= s.frame.start + s.frame.text.length ? lo : -1;
}

/** The nodes from the statement down to the number token holding the edited range, or undefined. */
function pathToNumber(statement: SyntaxNode, edit: OffsetEdit): SyntaxNode[] | undefined {
  const path = [statement];
  let node = statement;
  for (;;) {
    if (node.children.length === 0) break;
    let inner: SyntaxNode | undefined;
    for (const child of node.children) {
      if (child.startIndex <= edit.startIndex && edit.oldEndIndex <= child.endIndex) {
        // At a boundary between two tokens the number is the one that takes the edit.
        if (!inner || child.type === 'integer' || child.type === 'float') inner = child;
      }
    }
    if (!inner) return undefined;
    path.push(inner);
    node = inner;
  }
  return node.type === 'integer' || node.type === 'float' ? path : undefined;
}

/**
 * A new copy of `statement` over `text` (its text after the edit at `relStart`, relative to the statement):
 * the nodes on `path` (the number and its ancestors) end `delta` later, nodes after the edit move by `delta`.
 */
function copyWithEdit(statement: SyntaxNode, path: ReadonlySet<SyntaxNode>, text: string, relStart: number, delta: number): SyntaxNode {
  const frame = new StatementFrame(text, statement.frame.start);
  frame.openComma = statement.frame.openComma;
  const base = statement.frame.start;
  const copyOf = (node: SyntaxNode): SyntaxNode => {
    const start = node.startIndex - base;
    const end = node.endIndex - base;
    const onPath = path.has(node);
    // Any other node lies wholly before the edit (ends at or before it) or wholly after it.
    const after = !onPath && end > relStart;
    return new SyntaxNode(frame, node.type, node.isNamed, node.field, after ? start + delta : start, onPath || after ? end + delta : end);
  };
  const root = copyOf(statement);
  const stack: [SyntaxNode, SyntaxNode][] = [[statement, root]];
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    if (from.children.length === 0) continue;
    const children = from.children.map(copyOf);
    to.children = children;
    for (let i = 0; i < children.length; i++) stack.push([from.children[i], children[i]]);
  }
  return root;
}
