// Reparses only the lines an edit touched: when the previous version parsed without errors and the edited
// lines, parsed on their own, form complete error-free top-level statements that start at column 0 and are
// followed by unchanged text that starts a new statement at column 0, the module's other statements are
// exactly what a full parse would give, so their copies stay (moved by the edit's length change).
// Declines (undefined) whenever that cannot be shown; the caller then reparses the whole tree.

import { parsePython } from './pythonParser';
import type { Node } from 'web-tree-sitter';
import { copySubtree, SyntaxNode } from './syntaxNode';

/** The part of tree-sitter's edit description this needs (UTF-16 offsets). */
export interface OffsetEdit {
  readonly startIndex: number;
  readonly oldEndIndex: number;
  readonly newEndIndex: number;
}

/**
 * Windows longer than this, or than this share of the text, are not worth a separate parse: parsing and
 * copying a window costs about 2.5 parses of its length, tree-sitter's incremental reparse about 0.2 of the
 * whole file, and copying for it happens later, in idle time.
 */
const MAX_WINDOW = 64 * 1024;
export const MAX_WINDOW_SHARE = 1 / 10;

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** Offset of the first character of the line holding `offset`. */
function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && !isLineBreak(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Offset of the line break ending the line holding `offset` (or the text's length). */
function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && !isLineBreak(text.charCodeAt(i))) i++;
  return i;
}

function atLineStart(text: string, offset: number): boolean {
  return offset === 0 || isLineBreak(text.charCodeAt(offset - 1));
}

/** Whether the line before the one starting at `offset` ends in a backslash (a line continuation). */
function continuesIntoLine(text: string, offset: number): boolean {
  let k = offset - 1;
  if (k < 0) return false;
  if (text.charCodeAt(k) === 10 && text.charCodeAt(k - 1) === 13) k--;
  return text.charCodeAt(k - 1) === 92;
}

/** Whether only spaces or tabs, at least one, stand between the line's start and `offset`. */
function indentedAtLineStart(text: string, offset: number): boolean {
  const from = lineStart(text, offset);
  if (from === offset) return false;
  for (let i = from; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 12) return false;
  }
  return true;
}

function endOf(s: SyntaxNode): number {
  return s.frame.start + s.frame.text.length;
}

/** Index of the first statement ending after `offset` (statements are in document order). */
function firstEndingAfter(statements: readonly SyntaxNode[], offset: number): number {
  let lo = 0;
  let hi = statements.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (endOf(statements[mid]) > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export interface LocalReparse {
  /** The module's statements in order. */
  readonly statements: SyntaxNode[];
  /** The previous copies the window replaced, and the window's new copies. */
  readonly replaced: readonly SyntaxNode[];
  readonly added: readonly SyntaxNode[];
}

/**
 * The module's statements after `edit` turned `before` into `after`, given the error-free statements of
 * `before` (copies, in order); undefined when a local reparse cannot be shown to equal a full one. On success
 * the copies after the edited lines have been moved to their new offsets.
 *
 * The window is the edited lines widened to whole statements and to one unchanged statement (not a comment)
 * on each side. Parsed on its own, it must give those two back exactly: a statement before the edit that
 * would now run on into it (`a, b,` then a new line `c`), or an edited one that would run on into the next,
 * shows there, because the text beyond the window is what the module had, and it began a new statement.
 * One ambiguity of the grammar reaches further (a comma at the end of a line outside brackets, see
 * `StatementFrame.openComma`): a module with one never takes this path.
 */
export function reparseLocally(statements: readonly SyntaxNode[], before: string, after: string, edit: OffsetEdit, maxShare = MAX_WINDOW_SHARE): LocalReparse | undefined {
  // Whether tree-sitter runs `a, b,` on into the next line depends on text anywhere before: not with those.
  for (const s of statements) if (s.frame.openComma) return undefined;
  const window = windowAround(statements, before, edit);
  if (!window) return undefined;
  const { from, to, lo, hi } = window;
  // What follows the window must start a statement at column 0 (or be the end), with only blank lines between.
  const next = hi < statements.length ? statements[hi].frame.start : before.length;
  for (let i = to; i < next; i++) {
    const c = before.charCodeAt(i);
    if (c !== 10 && c !== 13 && c !== 32 && c !== 9) return undefined;
  }
  if (next < before.length && !atLineStart(before, next)) return undefined;
  const delta = edit.newEndIndex - edit.oldEndIndex;
  const windowEnd = to + delta;
  if (windowEnd - from > Math.min(MAX_WINDOW, after.length * maxShare) || windowEnd < from) return undefined;
  // A line continuation at either end would join lines across it; a \r\n split at the start would shift lines.
  if (windowEnd > from && after.charCodeAt(windowEnd - 1) === 92) return undefined;
  if (continuesIntoLine(before, from)) return undefined;
  if (from > 0 && before.charCodeAt(from - 1) === 13 && after.charCodeAt(from) === 10) return undefined;
  // The window's statements clear of the edit are kept when the parse gives them back unchanged.
  let keptBefore = lo;
  while (keptBefore < hi && endOf(statements[keptBefore]) < edit.startIndex) keptBefore++;
  let keptAfter = hi;
  while (keptAfter > keptBefore && statements[keptAfter - 1].frame.start > edit.oldEndIndex) keptAfter--;
  const fresh = parseWindow(after.slice(from, windowEnd), from, statements.slice(lo, keptBefore), statements.slice(keptAfter, hi), delta);
  if (!fresh) return undefined;
  for (let i = keptAfter; i < statements.length; i++) statements[i].frame.start += delta;
  return {
    statements: [...statements.slice(0, keptBefore), ...fresh, ...statements.slice(keptAfter)],
    replaced: statements.slice(keptBefore, keptAfter),
    added: fresh,
  };
}

interface Window {
  /** Offsets in the text before the edit: a line start and a line end (or the text's end). */
  readonly from: number;
  readonly to: number;
  /** The statements inside it, `lo` to `hi` (exclusive). */
  readonly lo: number;
  readonly hi: number;
}

/** The edited lines, widened to whole statements and one unchanged non-comment statement on each side. */
function windowAround(statements: readonly SyntaxNode[], before: string, edit: OffsetEdit): Window | undefined {
  let from = lineStart(before, edit.startIndex);
  let to = lineEnd(before, edit.oldEndIndex);
  for (let round = 0; round < 8; round++) {
    const lo = firstEndingAfter(statements, from);
    if (lo < statements.length && statements[lo].frame.start < from) {
      from = lineStart(before, statements[lo].frame.start);
      continue;
    }
    let hi = lo;
    let grown = false;
    while (hi < statements.length && statements[hi].frame.start < to) {
      if (endOf(statements[hi]) > to) {
        to = lineEnd(before, endOf(statements[hi]));
        grown = true;
      }
      hi++;
    }
    if (grown) continue;
    // A sentinel on each side: the nearest non-comment statement wholly before (after) the edit.
    const sentinelBefore = statements.slice(lo, hi).some(s => s.type !== 'comment' && endOf(s) < edit.startIndex);
    if (!sentinelBefore && from > 0) {
      let p = lo - 1;
      while (p >= 0 && statements[p].type === 'comment') p--;
      from = p >= 0 ? lineStart(before, statements[p].frame.start) : 0;
      continue;
    }
    const sentinelAfter = statements.slice(lo, hi).some(s => s.type !== 'comment' && s.frame.start > edit.oldEndIndex);
    if (!sentinelAfter && to < before.length) {
      let q = hi;
      while (q < statements.length && statements[q].type === 'comment') q++;
      to = q < statements.length ? lineEnd(before, endOf(statements[q])) : before.length;
      continue;
    }
    return { from, to, lo, hi };
  }
  return undefined;
}

/**
 * Parses the window (text after the edit, starting at `offset`) and returns copies of its edited statements;
 * undefined unless it is error-free, gives back `keptBefore` and `keptAfter` (moved by `delta`) exactly, and
 * each statement that begins a line begins it at column 0 (an indented one would join a block before it).
 */
function parseWindow(window: string, offset: number, keptBefore: readonly SyntaxNode[], keptAfter: readonly SyntaxNode[], delta: number): SyntaxNode[] | undefined {
  const tree = parsePython(window);
  if (!tree) return undefined;
  try {
    const root = tree.rootNode;
    if (root.hasError) return undefined;
    const nodes = root.namedChildren;
    const middle = nodes.length - keptBefore.length - keptAfter.length;
    if (middle < 0) return undefined;
    const same = (node: Node | null, kept: SyntaxNode, shift: number) =>
      !!node && node.type === kept.type && node.startIndex + offset === kept.frame.start + shift && node.endIndex + offset === endOf(kept) + shift;
    for (let i = 0; i < keptBefore.length; i++) if (!same(nodes[i], keptBefore[i], 0)) return undefined;
    for (let i = 0; i < keptAfter.length; i++) if (!same(nodes[nodes.length - keptAfter.length + i], keptAfter[i], delta)) return undefined;
    const out: SyntaxNode[] = [];
    for (const node of nodes.slice(keptBefore.length, keptBefore.length + middle)) {
      if (!node || indentedAtLineStart(window, node.startIndex)) return undefined;
      const copy = copySubtree(node, window);
      if (copy.frame.openComma) return undefined;
      copy.frame.start += offset;
      out.push(copy);
    }
    return out;
  } finally {
    tree.delete();
  }
}
