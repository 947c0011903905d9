// Incremental parsing of a TS/JS document by top-level statements, for analysis sessions: reparses a window
// of statements around an edit, keeps the previous parse's statements before it and shifts those after it.
// Declines (undefined) whenever the result might differ from a full parse; the caller then parses in full.

import ts = require('typescript');
import { SyntaxKind, forEachChild } from './tsApi';
import { parseTypeScript } from './evaluateTypeScript';
import { commonPrefixLength, commonSuffixLength } from '../textEdit';

/** A parse the evaluator can read: `statements`, `endOfFileToken` and `text` (a real file or an assembled one). */
export interface ParsedDocument {
  readonly text: string;
  readonly file: ts.SourceFile;
  /** Start offsets of parse errors, ascending (an assembled file may list extra ones: only ever stricter). */
  readonly errorStarts: readonly number[];
}

type Mutable = { pos: number; end: number };

/** How often `reparse` reused statements and how often it declined (for tests and measurements). */
export const reparseStats = { reused: 0, declined: 0 };

/** First characters the scanner treats specially at offset 0: BOM, `#!`, conflict markers `<<<<<<<` `=======` `>>>>>>>` `|||||||`. */
const AT_FILE_START = new Set([0xfeff, 0x23, 0x3c, 0x3d, 0x3e, 0x7c]);

export function parseDocument(text: string, fileName: string): ParsedDocument | undefined {
  const file = parseTypeScript(text, fileName);
  if ('parseError' in file) return undefined;
  return { text, file, errorStarts: errorStartsOf(file) };
}

function errorStartsOf(file: ts.SourceFile): number[] {
  const diagnostics = (file as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics;
  if (!diagnostics) return [Number.NEGATIVE_INFINITY]; // not the parser we know: never splice on it
  return diagnostics.map(d => d.start ?? 0).sort((a, b) => a - b);
}

/**
 * Parses `text`, the next version of `prev`, reusing `prev`'s top-level statements away from the edit.
 *
 * Soundness rests on two properties of the TypeScript parser. (1) A top-level statement starts from fresh
 * parser state: what is parsed from a statement's start depends only on the text from there on (and on
 * the file name, the same here). The one whole-file exception, the top-level `await` reparse of modules,
 * is excluded by declining whenever an `await` lies outside function bodies. (2) An error-free statement reads at most the
 * first token after it, plus one character (TypeScript's own incremental parser assumes the same).
 * Hence: statements that end before the edit, with one whole statement as margin between them and the
 * edit, parse the same (their reads stay in the unchanged prefix); the window, parsed on its own from a
 * statement start, parses as in the full file up to a statement boundary whose lookahead stays inside the
 * window; and from a boundary inside the unchanged suffix the full parse repeats the previous one, shifted.
 * The window's end must resynchronise on such a boundary and the window must parse without errors, as must
 * the reused prefix (errors near it included); otherwise this declines.
 */
export function reparse(prev: ParsedDocument, text: string, fileName: string): ParsedDocument | undefined {
  const result = spliced(prev, text, fileName);
  if (result) reparseStats.reused++;
  else reparseStats.declined++;
  return result;
}

function spliced(prev: ParsedDocument, text: string, fileName: string): ParsedDocument | undefined {
  const old = prev.text;
  const stmts = prev.file.statements;
  const n = stmts.length;
  if (n === 0) return undefined;
  const p = commonPrefixLength(old, text);
  const s = commonSuffixLength(old, text, Math.min(old.length, text.length) - p);
  const delta = text.length - old.length;
  const changeEndOld = old.length - s;
  // Statements ending strictly before the first changed character (so the character after each is unchanged).
  let k = 0;
  while (k < n && stmts[k].end < p) k++;
  // The last of them is reparsed as a margin: it holds the lookahead of the ones kept. The ones kept must
  // parse without errors, so they also cover the text from 0 without gaps (a skipped token is an error).
  const a = Math.max(k - 1, 0);
  if (a > 0 && prev.errorStarts.length > 0 && prev.errorStarts[0] < stmts[a].end) return undefined;
  // The first statement wholly in the unchanged suffix (after the prefix kept), and one more as margin.
  let j = a;
  while (j < n && stmts[j].pos < changeEndOld) j++;
  // From the file's start when nothing is kept: tokens skipped after a parse error belong to no statement.
  const windowStart = a === 0 ? 0 : stmts[a].pos;
  const toEnd = j + 1 >= n;
  const windowEnd = toEnd ? text.length : stmts[j + 1].end + delta;
  const windowText = text.slice(windowStart, windowEnd);
  // A byte order mark, a shebang or a merge conflict marker is read differently at offset 0.
  if (windowStart > 0 && AT_FILE_START.has(windowText.charCodeAt(0))) return undefined;
  const window = parseTypeScript(windowText, fileName);
  if ('parseError' in window) return undefined;
  const windowErrors = errorStartsOf(window);
  if (windowErrors.length > 0) return undefined;
  const ws = window.statements;
  let kept: readonly ts.Statement[];
  if (toEnd) kept = ws;
  else {
    // Resynchronise: some window statement must start where the reused suffix starts.
    const boundary = stmts[j].pos + delta - windowStart;
    let m = 0;
    while (m < ws.length && ws[m].pos < boundary) m++;
    if (m >= ws.length || ws[m].pos !== boundary) return undefined;
    kept = ws.slice(0, m);
  }
  // The top-level `await` reparse of modules: every `await` of the result must sit in a function body.
  if (a > 0 && awaitOutsideFunctions(old, stmts.slice(0, a), 0, stmts[a].pos)) return undefined;
  if (awaitOutsideFunctions(windowText, kept, 0, toEnd ? windowText.length : ws[kept.length].pos)) return undefined;
  if (!toEnd && awaitOutsideFunctions(old, stmts.slice(j), stmts[j].pos, old.length)) return undefined;
  // Every check passed: from here on the previous parse's nodes are changed (shifted) and `prev` is spent.
  for (const st of kept) shift(st, windowStart);
  const statements: ts.Statement[] = stmts.slice(0, a).concat(kept);
  let eof: ts.SourceFile['endOfFileToken'];
  const errorStarts: number[] = [];
  if (toEnd) {
    eof = window.endOfFileToken;
    shift(eof, windowStart);
  } else {
    const suffixStart = stmts[j].pos;
    for (let i = j; i < n; i++) {
      if (delta !== 0) shift(stmts[i], delta);
      statements.push(stmts[i]);
    }
    eof = prev.file.endOfFileToken;
    if (delta !== 0) shift(eof, delta);
    // Errors of the reused suffix (and any found at its first token): kept, shifted, for the next reparse.
    for (const e of prev.errorStarts) if (e >= suffixStart) errorStarts.push(e + delta);
  }
  return { text, file: assemble(text, statements, eof), errorStarts };
}

/** First offset at or after `from` of `await` or of a `\u` escape (which can spell `await` too). */
function nextAwait(text: string, from: number): number {
  const a = text.indexOf('await', from);
  const u = text.indexOf('\\u', from);
  return a < 0 ? u : u < 0 ? a : Math.min(a, u);
}

/**
 * Whether some `await` in text[from, to) lies outside every function body of the statements (which cover
 * that range). Only such an `await` can be parsed as an identifier that marks its statement for the
 * top-level `await` reparse (function bodies clear the mark), or have been reparsed already.
 */
function awaitOutsideFunctions(text: string, statements: readonly ts.Node[], from: number, to: number): boolean {
  for (let at = nextAwait(text, from); at >= 0 && at < to; at = nextAwait(text, at + 1)) {
    if (!inFunctionBody(statements, at)) return true;
  }
  return false;
}

function inFunctionBody(statements: readonly ts.Node[], at: number): boolean {
  let lo = 0;
  let hi = statements.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (statements[mid].end <= at) lo = mid + 1;
    else hi = mid;
  }
  let node: ts.Node | undefined = lo < statements.length && statements[lo].pos <= at ? statements[lo] : undefined;
  while (node) {
    if (FUNCTION_KINDS.has(node.kind)) {
      const body = (node as ts.FunctionLikeDeclaration).body;
      if (body && body.pos <= at && at < body.end) return true;
    }
    let inner: ts.Node | undefined;
    forEachChild(node, child => {
      if (child.pos <= at && at < child.end) inner = child;
      return inner;
    }, nodes => {
      for (const child of nodes) if (child.pos <= at && at < child.end) return (inner = child);
      return undefined;
    });
    node = inner;
  }
  return false;
}

/** The nodes whose body clears the top-level `await` mark (TypeScript's node factory). */
const FUNCTION_KINDS = new Set([
  SyntaxKind.FunctionDeclaration, SyntaxKind.FunctionExpression, SyntaxKind.ArrowFunction, SyntaxKind.MethodDeclaration,
  SyntaxKind.Constructor, SyntaxKind.GetAccessor, SyntaxKind.SetAccessor,
]);

/** A SourceFile-shaped object over spliced statements: what the evaluator and comment walk read. */
function assemble(text: string, statements: ts.Statement[], eof: ts.SourceFile['endOfFileToken']): ts.SourceFile {
  const list = Object.assign(statements, { pos: 0, end: eof.pos, hasTrailingComma: false });
  return { kind: SyntaxKind.SourceFile, flags: 0, pos: 0, end: text.length, text, statements: list, endOfFileToken: eof } as unknown as ts.SourceFile;
}

/** Adds `delta` to the offsets of a node and everything below it (iterative: deep code cannot overflow). */
export function shift(root: ts.Node, delta: number): void {
  const stack: ts.Node[] = [root];
  const push = (child: ts.Node) => {
    stack.push(child);
  };
  const pushAll = (nodes: ts.NodeArray<ts.Node>) => {
    (nodes as unknown as Mutable).pos += delta;
    (nodes as unknown as Mutable).end += delta;
    for (const child of nodes) stack.push(child);
  };
  while (stack.length > 0) {
    const node = stack.pop()! as unknown as Mutable & ts.Node;
    node.pos += delta;
    node.end += delta;
    forEachChild(node, push, pushAll);
  }
}
