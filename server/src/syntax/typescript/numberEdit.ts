// Digits typed, changed or deleted inside a plain decimal number of an error-free TS/JS file take no parse:
// the token stays one numeric literal of the same kind (an integer without a leading zero, or digits, a point
// and digits), so a full parse would give the same tree with that literal's value changed and everything after
// it moved. The literal is updated in place (its `text` as the scanner writes it, `"" + +digits`), the nodes
// after it are moved, and the caller learns which statement changed. Declines (undefined) otherwise.

import type * as ts from 'typescript';
import { forEachChild, SyntaxKind } from './tsApi';
import { commonPrefixLength, commonSuffixLength } from '../textEdit';
import { ParsedDocument, shift } from './incrementalParse';

const INTEGER = /^(?:0|[1-9][0-9]*)$/;
const FLOAT = /^(?:0|[1-9][0-9]*)\.[0-9]+$/;

type Mutable = { pos: number; end: number; text?: string };

export interface NumberEdit {
  readonly document: ParsedDocument;
  /** The top-level statement whose literal changed (the same node object, updated in place). */
  readonly changed: ts.Statement;
}

/**
 * `prev` (error-free) with the edit that turns its text into `text` applied in place, when that edit lies
 * within one plain decimal literal and leaves one of the same kind. On success `prev`'s nodes have changed.
 */
export function editInsideNumber(prev: ParsedDocument, text: string): NumberEdit | undefined {
  if (prev.errorStarts.length > 0) return undefined;
  const old = prev.text;
  const start = commonPrefixLength(old, text);
  const suffix = commonSuffixLength(old, text, Math.min(old.length, text.length) - start);
  const oldEnd = old.length - suffix;
  const newEnd = text.length - suffix;
  const delta = newEnd - oldEnd;
  if (!/^[0-9]*$/.test(text.slice(start, newEnd))) return undefined;
  const statements = prev.file.statements;
  const index = statementHolding(statements, start, oldEnd);
  if (index < 0) return undefined;
  const statement = statements[index];
  const path = pathToLiteral(statement, start, oldEnd);
  if (!path) return undefined;
  const literal = path[path.length - 1] as ts.NumericLiteral;
  // The whole token as written (`0x1F`, `1e3`, `10n` included), from its start after any trivia.
  const literalStart = literal.getStart(prev.file);
  if (literalStart > start) return undefined;
  const oldToken = old.slice(literalStart, literal.end);
  const newToken = text.slice(literalStart, literal.end + delta);
  const kind = oldToken.includes('.') ? FLOAT : INTEGER;
  if (!kind.test(oldToken) || !kind.test(newToken) || literal.text !== String(+oldToken)) return undefined;
  // Everything checked: from here on `prev`'s nodes change.
  (literal as unknown as Mutable).text = String(+newToken);
  if (delta !== 0) {
    moveAfter(statement, path, delta);
    for (let i = index + 1; i < statements.length; i++) shift(statements[i], delta);
    (statements as unknown as Mutable).end += delta;
    shift(prev.file.endOfFileToken, delta);
    (prev.file as unknown as Mutable).end += delta;
  }
  (prev.file as unknown as { text: string }).text = text;
  return { document: { text, file: prev.file, errorStarts: [] }, changed: statement };
}

/** Index of the top-level statement whose span holds [start, end], or -1. */
function statementHolding(statements: readonly ts.Statement[], start: number, end: number): number {
  let lo = 0;
  let hi = statements.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (statements[mid].end < end) lo = mid + 1;
    else hi = mid;
  }
  const s = statements[lo];
  return s && s.pos <= start && end <= s.end ? lo : -1;
}

/** The nodes from `statement` down to the numeric literal whose span holds [start, end], or undefined. */
function pathToLiteral(statement: ts.Node, start: number, end: number): ts.Node[] | undefined {
  const path: ts.Node[] = [statement];
  let node: ts.Node = statement;
  while (node.kind !== SyntaxKind.NumericLiteral) {
    let inner: ts.Node | undefined;
    const visit = (child: ts.Node): ts.Node | undefined => {
      // At a boundary the literal takes the edit: it is the only token digits can join.
      if (child.pos <= start && end <= child.end && (!inner || child.kind === SyntaxKind.NumericLiteral)) inner = child;
      return undefined;
    };
    forEachChild(node, visit, nodes => {
      for (const child of nodes) visit(child);
      return undefined;
    });
    if (!inner) return undefined;
    path.push(inner);
    node = inner;
  }
  return path;
}

/**
 * Moves what follows the literal within `statement` by `delta`: the nodes and node lists on `path` (the literal
 * and its ancestors) end later; every node or list after the literal in document order moves.
 */
function moveAfter(statement: ts.Node, path: readonly ts.Node[], delta: number): void {
  const literalEnd = path[path.length - 1].end;
  const stack: ts.Node[] = [statement];
  while (stack.length > 0) {
    const node = stack.pop()! as unknown as Mutable & ts.Node;
    if (path.includes(node)) node.end += delta;
    else if (node.pos >= literalEnd) {
      shift(node, delta);
      continue;
    } else if (node.end <= literalEnd) continue; // wholly before the literal
    forEachChild(node, child => {
      stack.push(child);
    }, nodes => {
      const list = nodes as unknown as Mutable;
      if (list.pos >= literalEnd) list.pos += delta;
      if (list.end >= literalEnd) list.end += delta;
      for (const child of nodes) stack.push(child);
    });
  }
}
