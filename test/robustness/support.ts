// Shared helpers of the robustness gates: a seeded PRNG, LSP positions computed independently of the
// server (UTF-16 code units, line breaks \n, \r\n and lone \r), normalised hint and diagnostic lists, a
// hang detector, the worker's code warm-up status, and a small valid model with its exact hints for "the
// server still answers" checks.

import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { DocumentDiagnosticRequest, InlayHintRequest, Position, Range } from 'vscode-languageserver-protocol/node';
import type { TestClient } from '../support/lspClient';

/** The repository root (out/test/robustness → three levels up). */
export const ROOT = path.resolve(__dirname, '../../..');

/** mulberry32: a small, fast, deterministic PRNG; returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Line start offsets as LSP counts lines: \r\n, \n and a lone \r each end a line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

/** The length of a line without its line break. */
export function lineLength(text: string, starts: readonly number[], line: number): number {
  if (line + 1 >= starts.length) return text.length - starts[line];
  const next = starts[line + 1];
  const breakLength = text.charCodeAt(next - 1) === 10 && text.charCodeAt(next - 2) === 13 ? 2 : 1;
  return next - breakLength - starts[line];
}

export function positionAt(text: string, offset: number, starts = lineStarts(text)): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

/** The range of the whole text. */
export function wholeRange(text: string): Range {
  return { start: { line: 0, character: 0 }, end: positionAt(text, text.length) };
}

export type HintRow = [line: number, character: number, label: string];

export function hintRows(hints: readonly { position: Position; label: string | { value: string }[] }[] | null | undefined): HintRow[] {
  return (hints ?? []).map(h => [h.position.line, h.position.character, typeof h.label === 'string' ? h.label : h.label.map(p => p.value).join('')]);
}

/** Full-document inlay hints of an open document. */
export async function hintsOf(c: TestClient, uri: string, text: string): Promise<HintRow[]> {
  return hintRows(await c.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: wholeRange(text) }));
}

/** Pulled diagnostics with the document's own uri replaced by `<doc>` (related information points into it). */
export async function pulledDiagnostics(c: TestClient, uri: string): Promise<unknown[]> {
  const report = await c.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
  assert.equal(report.kind, 'full');
  return normaliseUris((report as { items: unknown[] }).items, uri);
}

export function normaliseUris<T>(value: T, uri: string): T {
  return JSON.parse(JSON.stringify(value).split(JSON.stringify(uri).slice(1, -1)).join('<doc>')) as T;
}

/** Rejects when `promise` has not settled within `ms` (a hang detector, not a speed assertion). */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: ${what} got no answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every .py file of the fixtures and examples, and the TF.js fixtures when they exist. */
export function fuzzSources(): { name: string; text: string; languageId: string }[] {
  const out: { name: string; text: string; languageId: string }[] = [];
  const add = (dir: string, ext: string, languageId: string) => {
    const full = path.join(ROOT, dir);
    if (!fs.existsSync(full)) return;
    for (const f of fs.readdirSync(full).filter(f => f.endsWith(ext)).sort()) out.push({ name: `${dir}/${f}`, text: fs.readFileSync(path.join(full, f), 'utf8'), languageId });
  };
  add('examples', '.py', 'python');
  add('test/fixtures/python', '.py', 'python');
  add('test/fixtures/typescript', '.ts', 'typescript');
  add('test/fixtures/typescript', '.js', 'javascript');
  return out;
}

/** A small valid model whose exact hints prove the server answers normally after an ordeal. */
export const MNIST = [
  'import keras',
  'from keras import layers',
  '',
  'model = keras.Sequential([',
  '    keras.Input(shape=(28, 28, 1)),',
  '    layers.Conv2D(32, 3, activation="relu"),',
  '    layers.MaxPooling2D(),',
  '    layers.Flatten(),',
  '    layers.Dense(10),',
  '])',
  '',
].join('\n');

export const MNIST_HINTS: HintRow[] = [
  [4, 34, '→ (None, 28, 28, 1)'],
  [5, 43, '→ (None, 26, 26, 32)'],
  [6, 25, '→ (None, 13, 13, 32)'],
  [7, 20, '→ (None, 5408)'],
  [8, 20, '→ (None, 10)'],
];

let probe = 0;
/** Opens MNIST under a new uri, asserts its exact hints (and no diagnostics in pull mode), closes it. */
export async function assertServesNormally(c: TestClient, pull: boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const uri = `file:///robust/probe-${++probe}.py`;
  c.open(uri, MNIST);
  try {
    const hints = await within(hintsOf(c, uri, MNIST), timeoutMs, `hints of a small file after ${what}`);
    assert.deepEqual(hints, MNIST_HINTS, `the server answers normally after ${what}`);
    if (pull) assert.deepEqual(await within(pulledDiagnostics(c, uri), timeoutMs, `diagnostics after ${what}`), []);
  } finally {
    c.close(uri);
  }
}

export const INSERTS = ['(', ')', '[', ']', '{', '}', ',', ':', '\n', '\n    ', '\n\n', '0', '1', '3', '28', '(None, ', 'def ', 'if ', 'for ', 'lambda ', 'return ', 'import ', 'lambda x: ', 'def f(', 'for i in range(3):\n    '];
const INSERTS_TS = [';', '=>', 'function ', 'const ', '`', '/*', '*/', '.apply(', 'tf.layers.dense({units: 4})'];
const DELETABLE = /[()[\]{},:\n0-9]|\b(?:def|if|for|lambda|return|import|const|function)\b/g;

/** Moves an offset off the middle of a surrogate pair or of a \r\n pair, so ranges stay meaningful. */
function snap(text: string, offset: number): number {
  const c = text.charCodeAt(offset);
  const before = text.charCodeAt(offset - 1);
  if (c >= 0xdc00 && c <= 0xdfff && before >= 0xd800 && before <= 0xdbff) return offset - 1;
  if (c === 10 && before === 13) return offset - 1;
  return offset;
}

export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly insert: string;
}

/** A seeded random edit of real code: brackets, commas, colons, newlines, digits, keywords inserted or deleted. */
export function randomEdit(text: string, rand: () => number, ts: boolean): Edit {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const at = snap(text, Math.floor(rand() * (text.length + 1)));
  const r = rand();
  if (r < 0.45 || text.length === 0) return { start: at, end: at, insert: pick(ts && rand() < 0.3 ? INSERTS_TS : INSERTS) };
  if (r < 0.9) {
    // Delete the next bracket, comma, colon, newline, digit or keyword from a random position (wrapping).
    DELETABLE.lastIndex = at;
    const m = DELETABLE.exec(text) ?? ((DELETABLE.lastIndex = 0), DELETABLE.exec(text));
    if (m) return { start: m.index, end: m.index + m[0].length, insert: '' };
  }
  // A short span deleted or replaced.
  const end = snap(text, Math.min(text.length, at + 1 + Math.floor(rand() * 6)));
  return { start: at, end: Math.max(at, end), insert: rand() < 0.5 ? '' : pick(INSERTS) };
}

export function apply(text: string, e: Edit): string {
  return text.slice(0, e.start) + e.insert + text.slice(e.end);
}

/** One line-level edit: a digit changed, a line deleted, duplicated, swapped with the next, or spliced in. */
export function lineEdit(text: string, pool: readonly string[], rand: () => number): string {
  const lines = text.split('\n');
  const i = Math.floor(rand() * lines.length);
  const r = rand();
  if (r < 0.35) {
    const digits = [...lines[i].matchAll(/\d/g)];
    if (digits.length === 0) return text;
    const d = digits[Math.floor(rand() * digits.length)];
    lines[i] = lines[i].slice(0, d.index!) + String(Math.floor(rand() * 10)) + lines[i].slice(d.index! + 1);
  } else if (r < 0.5) lines.splice(i, 1);
  else if (r < 0.65) lines.splice(i, 0, lines[i]);
  else if (r < 0.8 && i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
  else lines.splice(i, 0, pool[Math.floor(rand() * pool.length)]);
  return lines.join('\n');
}

/** One digit edit at the digit at `at`: changed, another typed before or after it, or deleted. */
export function digitEdit(text: string, at: number, rand: () => number): string {
  const r = rand();
  const digit = String(Math.floor(rand() * 10));
  if (r < 0.4) return text.slice(0, at) + digit + text.slice(at + 1);
  if (r < 0.6) return text.slice(0, at) + digit + text.slice(at);
  if (r < 0.8) return text.slice(0, at + 1) + digit + text.slice(at + 1);
  return text.slice(0, at) + text.slice(at + 1);
}

/** The worker's idle code warm-up, as `shapelens/memoryUsage` reports it (server/src/lsp/codeWarmUp.ts). */
export interface CodeWarmUpStatus {
  readonly languages: string[];
  readonly done: boolean;
  readonly steps: number;
  readonly failure?: string;
}

export async function codeWarmUpOf(c: TestClient): Promise<CodeWarmUpStatus | undefined> {
  return (await c.connection.sendRequest<{ worker?: { codeWarmUp?: CodeWarmUpStatus } }>('shapelens/memoryUsage')).worker?.codeWarmUp;
}

/** Waits (up to a minute) until the code warm-up has been asked for and has finished; its final status. */
export async function codeWarmUpFinished(c: TestClient): Promise<CodeWarmUpStatus> {
  for (let i = 0; i < 600; i++) {
    const s = await codeWarmUpOf(c);
    if (s?.done && s.languages.length) return s;
    await new Promise(r => setTimeout(r, 100));
  }
  assert.fail('the code warm-up did not finish within a minute');
}
