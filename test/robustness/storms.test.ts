// Typing storms through the server: 50 quick incremental edits that move every hint (a line comes and goes
// above the model, the Dense width changes length, some versions carry errors) with requests interleaved.
// Pull mode: a diagnostic pull and a hint request after every edit. Mixed (push mode, seeded random pauses):
// hint and hover requests after every edit, some cancelled by the client. Every answer must be the answer
// for the version current when its request was sent — equal to a fresh document's answer for that text —
// or a cancellation; pushed diagnostics never go back to an older version and the last one is for the last.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, HoverRequest, InlayHintRequest, Position, ResponseError, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { startClient, TestClient } from '../support/lspClient';
import { HintRow, MNIST, hintRows, hintsOf, normaliseUris, positionAt, prng, pulledDiagnostics, wholeRange, within } from './support';

const LAST = 51;
const HANG_MS = 60_000;
const CANCELLED = new Set([-32800, -32801, -32802]); // RequestCancelled, ContentModified, ServerCancelled

/** The text of version `v` (1 is MNIST): a padding line on even versions, three Dense widths, errors now and then. */
function textOf(v: number): string {
  let lines = MNIST.split('\n');
  if (v > 1) {
    lines = lines.map(l => l.replace('Dense(10)', `Dense(${[10, 1000, 7][v % 3]})`));
    if (v % 5 === 0) lines = lines.map(l => l.replace('(28, 28, 1)', '(28, 28)')); // input-rank error
    if (v === LAST) lines = lines.map(l => l.replace('Conv2D(32, 3,', 'Conv2D(32, 99,')); // nonpositive-output error
    if (v % 2 === 0) lines.splice(3, 0, '# a comment that comes and goes');
  }
  return lines.join('\n');
}

/** The smallest single-range change from `a` to `b`, in LSP positions of `a`. */
function changeBetween(a: string, b: string): TextDocumentContentChangeEvent {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { range: { start: positionAt(a, start), end: positionAt(a, endA) }, text: b.slice(start, endB) };
}

/** Where the hover goes in version `v`: inside `Conv2D`. */
function hoverPosition(v: number): Position {
  const text = textOf(v);
  return positionAt(text, text.indexOf('Conv2D') + 2);
}

interface Reference {
  readonly hints: HintRow[];
  readonly hover: unknown;
  readonly diagnostics: unknown[];
}

/** Every version's answers from a freshly opened document in a separate server. */
async function references(): Promise<Map<number, Reference>> {
  const c = await startClient({ pull: true });
  const out = new Map<number, Reference>();
  try {
    for (let v = 1; v <= LAST; v++) {
      const uri = `file:///storm/reference-${v}.py`;
      const text = textOf(v);
      c.open(uri, text);
      const [hints, hover, diagnostics] = await Promise.all([
        hintsOf(c, uri, text),
        c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: hoverPosition(v) }),
        pulledDiagnostics(c, uri),
      ]);
      c.close(uri);
      out.set(v, { hints, hover, diagnostics });
    }
  } finally {
    await c.stop();
  }
  // The storm must be able to tell versions apart.
  assert.notDeepEqual(out.get(2)!.hints, out.get(3)!.hints);
  assert.ok(out.get(5)!.diagnostics.length > 0 && out.get(LAST)!.diagnostics.length > 0 && out.get(3)!.diagnostics.length === 0);
  return out;
}

type Outcome<T> = { value: T } | { cancelled: number };

async function settle<T>(p: Promise<T>): Promise<Outcome<T>> {
  try {
    return { value: await p };
  } catch (e) {
    if (e instanceof ResponseError && CANCELLED.has(e.code)) return { cancelled: e.code };
    throw e;
  }
}

function sendMaybeCancelled<T>(c: TestClient, send: (token: CancellationTokenSource['token']) => Promise<T>, cancel: boolean): Promise<Outcome<T>> {
  const source = new CancellationTokenSource();
  const p = settle(send(source.token));
  if (cancel) source.cancel();
  return p;
}

let refs: Promise<Map<number, Reference>> | undefined;
const referencesOnce = () => (refs ??= references());

test('pull-mode storm: 50 edits, a diagnostic pull and a hint request after each, every answer for its version', async () => {
  const ref = await referencesOnce();
  const c = await startClient({ pull: true });
  try {
    const uri = 'file:///storm/pull.py';
    c.open(uri, textOf(1));
    const pending: { v: number; diagnostics: Promise<Outcome<unknown[]>>; hints: Promise<Outcome<HintRow[]>> }[] = [];
    for (let v = 2; v <= LAST; v++) {
      c.change(uri, v, [changeBetween(textOf(v - 1), textOf(v))]);
      const text = textOf(v);
      pending.push({ v, diagnostics: settle(pulledDiagnostics(c, uri)), hints: settle(hintsOf(c, uri, text)) });
    }
    let answered = 0;
    let cancelled = 0;
    for (const p of pending) {
      const [d, h] = await within(Promise.all([p.diagnostics, p.hints]), HANG_MS, `version ${p.v}`);
      for (const [kind, o, expected] of [['diagnostics', d, ref.get(p.v)!.diagnostics], ['hints', h, ref.get(p.v)!.hints]] as const) {
        if ('cancelled' in o) cancelled++;
        else {
          answered++;
          assert.deepEqual(o.value, expected, `${kind} of version ${p.v}`);
        }
      }
    }
    assert.deepEqual(await pulledDiagnostics(c, uri), ref.get(LAST)!.diagnostics, 'the final pull is for the last version');
    console.log(`  pull storm: ${answered} answers for their version, ${cancelled} cancelled`);
    assert.ok(answered > 0);
  } finally {
    await c.stop();
  }
});

test('mixed storm (push mode): hints and hovers interleaved with 50 edits, some cancelled; pushed diagnostics never go back', async () => {
  const ref = await referencesOnce();
  const c = await startClient();
  const rand = prng(0x570a);
  try {
    const uri = 'file:///storm/mixed.py';
    c.open(uri, textOf(1));
    const pending: { v: number; hints: Promise<Outcome<HintRow[]>>; hover: Promise<Outcome<unknown>> }[] = [];
    for (let v = 2; v <= LAST; v++) {
      c.change(uri, v, [changeBetween(textOf(v - 1), textOf(v))]);
      const text = textOf(v);
      pending.push({
        v,
        hints: sendMaybeCancelled(c, token => c.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: wholeRange(text) }, token).then(hintRows), v % 4 === 0),
        hover: sendMaybeCancelled(c, token => c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: hoverPosition(v) }, token), v % 6 === 0),
      });
      // Typing pace: usually no pause, sometimes a few milliseconds, now and then longer than the push delay.
      const r = rand();
      if (r > 0.6) await new Promise(res => setTimeout(res, r > 0.85 ? 80 : Math.floor(r * 10)));
    }
    let answered = 0;
    let cancelled = 0;
    for (const p of pending) {
      const [h, hv] = await within(Promise.all([p.hints, p.hover]), HANG_MS, `version ${p.v}`);
      for (const [kind, o, expected] of [['hints', h, ref.get(p.v)!.hints], ['hover', hv, ref.get(p.v)!.hover]] as const) {
        if ('cancelled' in o) cancelled++;
        else {
          answered++;
          assert.deepEqual(o.value, expected, `${kind} of version ${p.v}`);
        }
      }
    }
    const last = await c.waitForDiagnostics(uri, p => p.version === LAST, HANG_MS);
    assert.deepEqual(normaliseUris(last.diagnostics, uri), ref.get(LAST)!.diagnostics);
    await new Promise(r => setTimeout(r, 300));
    const published = c.published.filter(p => p.uri === uri);
    const versions = published.map(p => p.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `diagnostics never go back to an older version: ${versions}`);
    assert.equal(versions[versions.length - 1], LAST, 'nothing follows the last version');
    for (const p of published) assert.deepEqual(normaliseUris(p.diagnostics, uri), ref.get(p.version!)!.diagnostics, `pushed diagnostics of version ${p.version}`);
    console.log(`  mixed storm: ${answered} answers for their version, ${cancelled} cancelled, diagnostics pushed for versions ${versions.join(' ')}`);
  } finally {
    await c.stop();
  }
});
