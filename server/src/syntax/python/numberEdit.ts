// The commonest edit while tuning a model — digits typed, deleted or changed inside a number (`Dense(64)`
// → `Dense(128)`, `Dropout(0.1)` → `Dropout(0.3)`) — needs no parse at all: a run of decimal digits, with or
// without one decimal point, stays one number token of the same kind, so a full parse would give the same
// tree with that token's text changed. The copy of the statement holding it is updated in place (its text,
// and the offsets after the edit); the others move by the length change. Declines (undefined) otherwise.

import type { OffsetEdit } from './localReparse';
import type { SyntaxNode } from './syntaxNode';

/** Decimal integers and floats written with digits on both sides of the point: nothing else qualifies. */
const INTEGER = /^[0-9]+$/;
const FLOAT = /^[0-9]+\.[0-9]+$/;

export interface NumberEdit {
  /** The statement whose copy was updated in place, and its text before. */
  readonly changed: SyntaxNode;
  readonly previousText: string;
}

/**
 * Applies `edit` (which turned `before` into `after`) to the error-free statement copies when it lies within
 * one `integer` or `float` token and leaves a token of the same kind (see above): that copy is updated and the
 * copies after it move to their new offsets. Undefined (nothing changed) otherwise.
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
  // Only digits went in.
  const inserted = after.slice(edit.startIndex, edit.newEndIndex);
  if (!/^[0-9]*$/.test(inserted)) return undefined;
  const frame = statement.frame;
  const relStart = edit.startIndex - frame.start;
  const relOldEnd = edit.oldEndIndex - frame.start;
  const text = frame.text.slice(0, relStart) + inserted + frame.text.slice(relOldEnd);
  if (before.slice(frame.start, frame.start + frame.text.length) !== frame.text) return undefined;
  const previousText = frame.text;
  frame.text = text;
  if (delta !== 0) {
    moveAfter(statement, path, relStart, delta);
    for (let i = index + 1; i < statements.length; i++) statements[i].frame.start += delta;
  }
  return { changed: statement, previousText };
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
 * Moves what follows the edit at `relStart` within `statement` by `delta`: the nodes on `path` (the number
 * and its ancestors) end later; every other node lies wholly before the edit (unchanged) or wholly after it.
 */
function moveAfter(statement: SyntaxNode, path: readonly SyntaxNode[], relStart: number, delta: number): void {
  const stack: SyntaxNode[] = [statement];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (path.includes(node)) node.moveWithinStatement(0, delta);
    else if (node.relativeEnd > relStart) node.moveWithinStatement(delta, delta);
    else continue; // wholly before the edit, and so is everything below it
    for (const child of node.children) stack.push(child);
  }
}
