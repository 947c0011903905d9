// Shape comments: a trailing comment on a layer line whose whole text is a shape tuple (`# (None, 28, 28, 1)`,
// `# shape: (batch, 26, 26, 32)`, `# -> (26, 26, 32)`) is checked against the inferred output shape; a stale
// one is a warning with a quick fix, and a layer line without a comment can get one. Pure: text and Analysis
// in, plain data out, positioned by UTF-16 offsets; no I/O, no LSP, never throws. Comments are read with a
// small character scanner (no regular expressions over source).

import { formatDim, formatShape } from '../infer/shape';
import type { Analysis, Dim, Issue, LayerUse, Shape, TextRange } from '../service/types';
import type { CodeActionInfo } from './types';

/** One entry of a shape comment: a size, or a symbol as written (`None`, `?`, `_`, `batch`, `B`). */
export interface ShapeCommentEntry {
  readonly value: number | string;
  /** The entry as written. */
  readonly text: string;
  /** Offsets inside the comment body. */
  readonly range: TextRange;
}

/** A parsed shape comment. All ranges are offsets inside the body (the text after `#`, trimmed). */
export interface ShapeCommentTuple {
  /** `shape:` (as written, any case), `->` or `→`; undefined without a prefix. */
  readonly prefix?: string;
  readonly prefixRange?: TextRange;
  /** At least one entry. */
  readonly entries: readonly ShapeCommentEntry[];
  /** From `(` to `)` (or `[` to `]`) inclusive: what the quick fix replaces. */
  readonly tupleRange: TextRange;
  /** Written as an array (`[null, 28, 28, 1]`, TF.js style) rather than a tuple. */
  readonly array?: boolean;
}

/** How comments and shapes are written in a language. */
interface CommentSyntax {
  // `arrays` also means shape comments may be arrays (`// [null, 26, 26, 32]`), as TF.js prints shapes.
  /** `#` in Python, `//` in TypeScript and JavaScript. */
  readonly marker: string;
  /** Characters that may stand between a layer expression and its comment (`;` ends a JS statement). */
  readonly closers: readonly number[];
  /** Added comments are arrays with `null` (TF.js) rather than tuples with `None`. */
  readonly arrays: boolean;
}

const PYTHON_SYNTAX: CommentSyntax = { marker: '#', closers: [44, 41, 93], arrays: false };
const SCRIPT_SYNTAX: CommentSyntax = { marker: '//', closers: [44, 41, 93, 59], arrays: true };

function syntaxOf(analysis: Analysis): CommentSyntax {
  return analysis.language === 'python' ? PYTHON_SYNTAX : SCRIPT_SYNTAX;
}

export const STALE_SHAPE_COMMENT = 'stale-shape-comment';

// ---------------------------------------------------------------------------------------------------------
// The tokenizer

const CH_TAB = 9;
const CH_VT = 11;
const CH_FF = 12;
const CH_SPACE = 32;
const CH_NBSP = 0xa0;
const CH_LPAREN = 40;
const CH_RPAREN = 41;
const CH_COMMA = 44;
const CH_MINUS = 45;
const CH_COLON = 58;
const CH_GT = 62;
const CH_QUESTION = 63;
const CH_LBRACKET = 91;
const CH_RBRACKET = 93;
const CH_UNDERSCORE = 95;
const CH_ARROW = 0x2192; // →
const CH_CR = 13;
const CH_LF = 10;

/** Blanks inside one line (never a line break). */
function isBlank(c: number): boolean {
  return c === CH_SPACE || c === CH_TAB || c === CH_FF || c === CH_VT || c === CH_NBSP;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Letters outside ASCII: anything with distinct upper and lower case (Latin, Greek, Cyrillic, …) and the
 * common caseless scripts (CJK, kana, Hangul). Checked per UTF-16 unit, so astral letters are not names.
 */
function isNonAsciiLetter(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0x80 || (c >= 0xd800 && c <= 0xdfff)) return false;
  if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af)) return true;
  const ch = s[i];
  return ch.toLowerCase() !== ch.toUpperCase();
}

function isNameStart(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return isAsciiLetter(c) || c === CH_UNDERSCORE || isNonAsciiLetter(s, i);
}

function isNamePart(s: string, i: number): boolean {
  return isNameStart(s, i) || isDigit(s.charCodeAt(i));
}

function skipBlanks(s: string, i: number): number {
  while (i < s.length && isBlank(s.charCodeAt(i))) i++;
  return i;
}

/** True when `s` has `word` at `i`, ignoring ASCII case. */
function hasWordAt(s: string, i: number, word: string): boolean {
  if (i + word.length > s.length) return false;
  for (let k = 0; k < word.length; k++) {
    let c = s.charCodeAt(i + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

function readEntry(s: string, i: number): ShapeCommentEntry | undefined {
  const c = s.charCodeAt(i);
  if (isDigit(c)) {
    let j = i;
    while (j < s.length && isDigit(s.charCodeAt(j))) j++;
    const text = s.slice(i, j);
    return { value: Number(text), text, range: { start: i, end: j } };
  }
  if (c === CH_QUESTION) return { value: '?', text: '?', range: { start: i, end: i + 1 } };
  if (isNameStart(s, i)) {
    let j = i + 1;
    while (j < s.length && isNamePart(s, j)) j++;
    const text = s.slice(i, j);
    return { value: text, text, range: { start: i, end: j } };
  }
  return undefined;
}

/**
 * Parses a comment body (the text after `#`, trimmed) as a shape comment: an optional prefix `shape:` (any
 * case, colon required), `->` or `→`, then a tuple of integers, `None`, `?`, `_` or names, with an optional
 * trailing comma, and nothing but blanks after it. A one-entry tuple needs its comma (`(10,)`), as in Python:
 * `# (optional)` is prose. The empty tuple is not a shape comment. Undefined when the body is anything else.
 */
export function parseShapeComment(body: string, allowArrays = false): ShapeCommentTuple | undefined {
  try {
    return parse(body, allowArrays);
  } catch {
    return undefined;
  }
}

function parse(s: string, allowArrays: boolean): ShapeCommentTuple | undefined {
  let i = skipBlanks(s, 0);
  let prefix: string | undefined;
  let prefixRange: TextRange | undefined;
  if (hasWordAt(s, i, 'shape')) {
    if (s.charCodeAt(i + 5) !== CH_COLON) return undefined;
    prefixRange = { start: i, end: i + 6 };
  } else if (s.charCodeAt(i) === CH_MINUS && s.charCodeAt(i + 1) === CH_GT) {
    prefixRange = { start: i, end: i + 2 };
  } else if (s.charCodeAt(i) === CH_ARROW) {
    prefixRange = { start: i, end: i + 1 };
  }
  if (prefixRange) {
    prefix = s.slice(prefixRange.start, prefixRange.end);
    i = skipBlanks(s, prefixRange.end);
  }
  const open = s.charCodeAt(i);
  if (open !== CH_LPAREN && !(allowArrays && open === CH_LBRACKET)) return undefined;
  const array = open === CH_LBRACKET;
  const close = array ? CH_RBRACKET : CH_RPAREN;
  const tupleStart = i;
  i++;
  const entries: ShapeCommentEntry[] = [];
  let trailingComma = false;
  for (;;) {
    i = skipBlanks(s, i);
    if (s.charCodeAt(i) === close && entries.length > 0) {
      trailingComma = true;
      break;
    }
    const entry = readEntry(s, i);
    if (!entry) return undefined;
    entries.push(entry);
    i = skipBlanks(s, entry.range.end);
    const c = s.charCodeAt(i);
    if (c === CH_COMMA) {
      i++;
      continue;
    }
    if (c === close) break;
    return undefined;
  }
  // A one-entry tuple needs its comma, as in Python; an array does not (`[10]`).
  if (entries.length === 1 && !trailingComma && !array) return undefined;
  const tupleEnd = i + 1;
  if (skipBlanks(s, tupleEnd) !== s.length) return undefined;
  return { prefix, prefixRange, entries, tupleRange: { start: tupleStart, end: tupleEnd }, ...(array ? { array } : {}) };
}

// ---------------------------------------------------------------------------------------------------------
// Comparing with the inferred shape

function renderTuple(parts: readonly string[], array = false): string {
  if (array) return `[${parts.join(', ')}]`;
  return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
}

/** A shape in the comment's own style: a tuple with None, or an array with null. */
function renderShape(shape: readonly Dim[], array: boolean): string {
  return array ? renderTuple(shape.map(d => (d === null ? 'null' : formatDim(d))), true) : formatShape([...shape]);
}

function entryMatches(entry: ShapeCommentEntry, dim: Dim): boolean {
  if (typeof entry.value === 'string') return true; // a symbol matches any size, None or unknown
  if (dim === '?') return true;
  return dim === entry.value; // None inferred matches only a symbol
}

interface Comparison {
  readonly matches: boolean;
  /** The inferred dims the entries line up with (the shape, or the shape without its batch axis); undefined when the ranks differ otherwise. */
  readonly aligned: readonly Dim[] | undefined;
  readonly withoutBatch: boolean;
}

function compare(entries: readonly ShapeCommentEntry[], shape: Shape): Comparison {
  let aligned: readonly Dim[] | undefined;
  let withoutBatch = false;
  if (entries.length === shape.length) aligned = shape;
  else if (entries.length === shape.length - 1) {
    aligned = shape.slice(1);
    withoutBatch = true;
  }
  if (!aligned) return { matches: false, aligned, withoutBatch };
  for (let k = 0; k < entries.length; k++) if (!entryMatches(entries[k], aligned[k])) return { matches: false, aligned, withoutBatch };
  return { matches: true, aligned, withoutBatch };
}

/** The tuple the quick fix writes: matching entries kept as written, the others replaced by the inferred dims. */
function updatedTuple(entries: readonly ShapeCommentEntry[], shape: Shape, cmp: Comparison, array: boolean): string {
  const aligned = cmp.aligned;
  if (!aligned) return renderShape(shape, array);
  const dim = (d: Dim) => (array && d === null ? 'null' : formatDim(d));
  return renderTuple(aligned.map((d, k) => (entryMatches(entries[k], d) ? entries[k].text : dim(d))), array);
}

// ---------------------------------------------------------------------------------------------------------
// Finding layer lines and their trailing comments

/** The end of the line containing `i`: the offset of its CR/LF, or the text's end. */
function lineEndAt(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === CH_CR || c === CH_LF) break;
    i++;
  }
  return i;
}

/** The start of the line containing `i` (\n, \r\n and a lone \r end lines). */
function lineStartAt(text: string, i: number): number {
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === CH_CR || c === CH_LF) break;
    i--;
  }
  return i;
}

/** What follows a layer expression on its line, when only blanks and at most one `,`, `)` or `]` come before the line's end or a comment. */
interface LineTail {
  /** After the expression and its `,` / `)` / `]`: where an added comment goes. */
  readonly contentEnd: number;
  /** The line's end (before CR/LF). */
  readonly lineEnd: number;
  /** The `#` of the trailing comment, if any. */
  readonly commentStart?: number;
}

function tailAfter(text: string, hintOffset: number, syntax: CommentSyntax): LineTail | undefined {
  if (!Number.isInteger(hintOffset) || hintOffset < 0 || hintOffset > text.length) return undefined;
  let contentEnd = hintOffset;
  let i = skipBlanks(text, hintOffset);
  if (syntax.closers.includes(text.charCodeAt(i))) {
    contentEnd = i + 1;
    i = skipBlanks(text, i + 1);
  }
  const lineEnd = lineEndAt(text, i);
  if (i === lineEnd) return { contentEnd, lineEnd };
  if (text.startsWith(syntax.marker, i)) return { contentEnd, lineEnd, commentStart: i };
  return undefined;
}

/** A call site: the layer uses that share one hint offset (a call in a loop is used several times). */
interface Site {
  readonly hintOffset: number;
  readonly uses: LayerUse[];
  readonly tail: LineTail;
}

/**
 * The sites that own their line's tail. When several layer expressions end before the same comment or line end
 * (`Dense(2)(Dense(3)(x))  # …`), the comment belongs to the last one, the outermost.
 */
function owningSites(analysis: Analysis, text: string): Site[] {
  const byOffset = new Map<number, LayerUse[]>();
  for (const use of analysis.layerUses) {
    const list = byOffset.get(use.hintOffset);
    if (list) list.push(use);
    else byOffset.set(use.hintOffset, [use]);
  }
  const owners = new Map<number, Site>();
  for (const [hintOffset, uses] of byOffset) {
    const tail = tailAfter(text, hintOffset, syntaxOf(analysis));
    if (!tail) continue;
    const key = tail.commentStart ?? tail.lineEnd;
    const current = owners.get(key);
    if (!current || current.hintOffset < hintOffset) owners.set(key, { hintOffset, uses, tail });
  }
  return [...owners.values()].sort((a, b) => a.hintOffset - b.hintOffset);
}

/** The site's single output shape, when every use of it agrees on one known shape. */
function siteShape(site: Site): Shape | undefined {
  let shape: Shape | undefined;
  for (const use of site.uses) {
    const outs = use.outputs;
    if (!outs || outs.length !== 1 || !outs[0]) return undefined;
    const s = outs[0];
    if (!shape) shape = s;
    else if (s.length !== shape.length || s.some((d, k) => d !== shape![k])) return undefined;
  }
  return shape;
}

interface CommentAt {
  readonly range: TextRange;
  /** Document offset of the body's first character. */
  readonly bodyStart: number;
  readonly tuple: ShapeCommentTuple;
}

/** The comment starting at `start` (its `#`), cut at the line's end: the syntax tree's comment can include a CR. */
function commentAt(commentEnds: ReadonlyMap<number, number>, text: string, start: number, lineEnd: number, syntax: CommentSyntax): CommentAt | undefined {
  const marker = syntax.marker;
  const end = Math.min(commentEnds.get(start) ?? lineEnd, lineEnd);
  const raw = text.slice(start + marker.length, end);
  const body = raw.trim();
  const bodyStart = start + marker.length + (raw.length - raw.trimStart().length);
  const tuple = parseShapeComment(body, syntax.arrays);
  return tuple ? { range: { start, end }, bodyStart, tuple } : undefined;
}

interface Stale {
  readonly issue: Issue;
  readonly comment: CommentAt;
  /** Where the tuple is in the document, and what the fix writes there. */
  readonly tupleRange: TextRange;
  readonly newTuple: string;
}

function findStale(analysis: Analysis, text: string): Stale[] {
  const out: Stale[] = [];
  const commentEnds = new Map<number, number>();
  for (const c of analysis.comments) commentEnds.set(c.range.start, c.range.end);
  for (const site of owningSites(analysis, text)) {
    const start = site.tail.commentStart;
    if (start === undefined) continue;
    const shape = siteShape(site);
    if (!shape) continue;
    const comment = commentAt(commentEnds, text, start, site.tail.lineEnd, syntaxOf(analysis));
    if (!comment) continue;
    const entries = comment.tuple.entries;
    const cmp = compare(entries, shape);
    if (cmp.matches) continue;
    const use = site.uses[0];
    const said = renderTuple(entries.map(e => e.text), !!comment.tuple.array);
    const issue: Issue = {
      severity: 'warning',
      code: STALE_SHAPE_COMMENT,
      range: comment.range,
      message: `Shape comment says ${said} but the output of ${use.type} '${use.name}' is ${formatShape(shape)}.`,
    };
    const t = comment.tuple.tupleRange;
    out.push({ issue, comment, tupleRange: { start: comment.bodyStart + t.start, end: comment.bodyStart + t.end }, newTuple: updatedTuple(entries, shape, cmp, !!comment.tuple.array) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The features

/**
 * Warnings for shape comments that disagree with the inferred output shape. Only a trailing comment on the
 * line where a layer expression ends is read, and only when the layer has one known output shape.
 */
export function checkShapeComments(analysis: Analysis, text: string): Issue[] {
  try {
    return findStale(analysis, text).map(s => s.issue);
  } catch {
    return [];
  }
}

function overlaps(a: TextRange, b: TextRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * Code actions for `range`: update each stale shape comment it touches (the tuple only, keeping the prefix,
 * the batch-less style and the symbols that still match), and add a shape comment to each layer line it touches
 * that has no trailing comment and a known single output shape.
 */
export function shapeCommentActions(analysis: Analysis, text: string, range: TextRange): CodeActionInfo[] {
  try {
    const actions: CodeActionInfo[] = [];
    for (const s of findStale(analysis, text)) {
      if (!overlaps(s.comment.range, range)) continue;
      actions.push({
        title: `Update shape comment to ${s.newTuple}`,
        kind: 'quickfix',
        edits: [{ range: s.tupleRange, newText: s.newTuple }],
        fixes: s.issue,
        isPreferred: true,
      });
    }
    for (const site of owningSites(analysis, text)) {
      if (site.tail.commentStart !== undefined) continue;
      const line = { start: lineStartAt(text, site.hintOffset), end: site.tail.lineEnd };
      if (!overlaps(line, range)) continue;
      const shape = siteShape(site);
      if (!shape || shape.some(d => d === '?')) continue;
      const syntax = syntaxOf(analysis);
      const shown = renderShape(shape, syntax.arrays);
      actions.push({
        title: `Add shape comment ${shown}`,
        kind: 'refactor.rewrite',
        edits: [{ range: { start: site.tail.contentEnd, end: site.tail.lineEnd }, newText: `  ${syntax.marker} ${shown}` }],
      });
    }
    return actions;
  } catch {
    return [];
  }
}
