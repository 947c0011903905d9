// `npm run bench`: one table of ratios, measured in one run on the same generated files (10 / 100 / 1,000 /
// 10,000 layers, Python and TF.js TypeScript). In-process ratios (R1–R4) run in this process, interleaved
// sample by sample (`BENCH_GC` can force collections between them, `node --expose-gc`); end-to-end ratios (E1, E2) spawn our
// language server and pyright's and drive both with the same LSP client in push mode. It asserts nothing:
// benchmarks are not tests. `BENCH_QUICK=1` runs fewer repetitions (for developing the bench itself);
// `SHAPELENS_BIN` spawns another build's bin/shapelens.js. pyright (a devDependency) is the E1/E2 reference.
// For developing: `BENCH_E2E=0` skips the servers, `BENCH_LANG=py` (or `ts`) measures one language in process.

import * as fs from 'fs';
import * as os from 'os';
import * as ts from 'typescript';
import type { Parser, Tree } from 'web-tree-sitter';
import { loadPythonParser, parsePython } from '../../server/src/syntax/python/pythonParser';
import { analyzePython } from '../../server/src/service/analyze';
import { analyzeTypeScript } from '../../server/src/service/analyzeTypeScript';
import { createAnalysisSession } from '../../server/src/service/analyzeDocument';
import { StatementCopies } from '../../server/src/syntax/python/statementCopies';
import { clearBuildCache } from '../../server/src/infer/buildCache';
import { collectComments } from '../../server/src/syntax/typescript/comments';
import { inlayHintsIn } from '../../server/src/features/inlayHints';
import { DEFAULT_FEATURE_SETTINGS } from '../../server/src/features/types';
import { documentIssues } from '../../server/src/features/diagnostics';
import { PythonEvaluator } from '../../server/src/syntax/python/evaluator';
import { Scope } from '../../server/src/syntax/python/scope';
import { chooseVersion } from '../../server/src/infer/chooseVersion';
import { inferShapes } from '../../server/src/infer/propagate';
import { collectResults } from '../../server/src/service/collectResults';
import { TsEvaluator } from '../../server/src/syntax/typescript/evaluator';
import { JsScope } from '../../server/src/syntax/typescript/scope';
import type { Analysis } from '../../server/src/service/types';
import { startClient, TestClient } from '../support/lspClient';
import { generateKeras, generateTfjs, KerasImports } from './generate';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const QUICK = !!process.env.BENCH_QUICK;
/**
 * Forced collections in the in-process timings: none by default (V8 collects as it would in the server);
 * `BENCH_GC=sample` forces one before every sample (the method of the first runs), `round` before each round.
 */
const FORCED_GC = process.env.BENCH_GC === 'sample' || process.env.BENCH_GC === 'round' ? process.env.BENCH_GC : 'none';
const SIZES = [10, 100, 1000, 10000];
const TS_FILE = 'bench.ts';

// ---------------------------------------------------------------------------------------------------------
// Timing helpers

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Minimum length of one sample: shorter operations are repeated inside a sample and divided. */
const MIN_SAMPLE_MS = 30;

/**
 * Medians of several measurements taken interleaved (A, B, C, A, B, C, …) so that noise from other processes
 * on this shared machine hits every measurement alike. A sample repeats an operation
 * shorter than MIN_SAMPLE_MS until it lasts that long (only `run` is timed, never `setup`): on an overloaded
 * 2-core machine a 3 ms operation is otherwise either run whole or preempted for a scheduler slice (bimodal
 * samples), while every operation of 30 ms gets the same share of the CPU. One untimed warm-up round first,
 * and one untimed run of each operation before its sample.
 */
function interleaved(reps: number, cases: Record<string, { run: () => void; setup?: () => void; maxLoops?: number }>): Record<string, number> {
  const wall: Record<string, number[]> = {};
  const loops: Record<string, number> = {};
  for (const [k, c] of Object.entries(cases)) {
    let took = 0;
    let count = 0;
    do {
      c.setup?.();
      const t0 = now();
      c.run();
      took += now() - t0;
      count++;
    } while (took < MIN_SAMPLE_MS && count < 3);
    loops[k] = Math.min(c.maxLoops ?? Infinity, Math.max(1, Math.ceil(MIN_SAMPLE_MS / (took / count))));
    wall[k] = [];
  }
  for (let i = 0; i < reps; i++) {
    // No forced collection by default: the runs right after a forced gc() are 1.5–4× slower (the young
    // generation is shrunk and regrown through extra scavenges, sweeping finishes concurrently), which charges
    // that work to whichever operation comes first, and most to those that allocate most.
    if (FORCED_GC === 'round') gc();
    for (const [k, c] of Object.entries(cases)) {
      if (FORCED_GC === 'sample') gc();
      // One untimed run first: the previous case left other code and data in the caches.
      c.setup?.();
      c.run();
      let w = 0;
      for (let j = 0; j < loops[k]; j++) {
        c.setup?.();
        const t0 = now();
        c.run();
        w += now() - t0;
      }
      wall[k].push(w / loops[k]);
    }
  }
  const out: Record<string, number> = {};
  for (const k of Object.keys(wall)) out[k] = median(wall[k]);
  return out;
}

/** Per-call time of a very short operation (a sample repeats it for at least MIN_SAMPLE_MS). */
function perCall(fn: () => void, reps: number): number {
  return interleaved(reps, { fn: { run: fn } }).fn;
}

function repsFor(n: number): number {
  if (QUICK) return 3;
  return n >= 10000 ? 7 : n >= 1000 ? 11 : 21;
}

// ---------------------------------------------------------------------------------------------------------
// Inputs and the one-character edit

interface Edit {
  readonly text: string;
  /** UTF-16 offset of the replaced character. */
  readonly at: number;
}

/** Replaces the digit after `0.` of the dropout rate nearest the middle of the file (`0.1` → `0.3`, `0.2` → `0.4`). */
function oneCharEdit(text: string): Edit {
  const middle = text.length >> 1;
  const re = /(?:Dropout\(|rate: )0\.(\d)/g;
  let best = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = m.index + m[0].length - 1;
    if (best < 0 || Math.abs(at - middle) < Math.abs(best - middle)) best = at;
  }
  if (best < 0) throw new Error('no dropout rate to edit');
  const digit = text[best] === '1' ? '3' : text[best] === '2' ? '4' : '1';
  return { text: text.slice(0, best) + digit + text.slice(best + 1), at: best };
}

function positionOf(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** Offsets of 100 whole lines around the middle of the file. */
function middle100Lines(text: string): { start: number; end: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const first = Math.max(0, (starts.length >> 1) - 50);
  const last = Math.min(starts.length - 1, first + 100);
  return { start: starts[first], end: starts[last] - 1 };
}

// ---------------------------------------------------------------------------------------------------------
// In-process measurements

interface SizeResult {
  readonly lang: 'py' | 'ts';
  readonly n: number;
  readonly lines: number;
  readonly kb: number;
  readonly uses: number;
  readonly parse: number;
  readonly analysis: number;
  readonly editAnalysis: number;
  /** The same with a one-character insertion (alternately inserted and deleted): what follows it moves. */
  readonly insertAnalysis: number;
  /** The session's idle work after the edit (copying what it evaluated on the wasm tree), off the edit's path. */
  readonly idleCopy: number;
  /** Incremental reparse after the same edit (tree-sitter old tree / ts.updateSourceFile): the parser's own floor. */
  readonly incrementalParse: number;
  /** The rest of the server's edit path, not in R2: issues → diagnostics, and the worker message copies. */
  readonly diagnostics: number;
  readonly copy: number;
  readonly hints?: { range: number; full: number; rangeCold: number; rangeCount: number; fullCount: number };
  readonly phases: Record<string, number>;
}

function analyse(lang: 'py' | 'ts', text: string): Analysis {
  return lang === 'py' ? analyzePython(text) : analyzeTypeScript(text, TS_FILE);
}

function measureSize(lang: 'py' | 'ts', n: number, parser: Parser): SizeResult {
  const text = lang === 'py' ? generateKeras(n) : generateTfjs(n);
  const edit = oneCharEdit(text);
  const reps = repsFor(n);
  const analysis = analyse(lang, text);
  const session = createAnalysisSession(lang === 'py' ? 'python' : 'typescript', {});
  let flip = false;
  const idleSession = createAnalysisSession(lang === 'py' ? 'python' : 'typescript', {});
  let idleFlip = false;
  const insertSession = createAnalysisSession(lang === 'py' ? 'python' : 'typescript', {});
  let insertFlip = false;
  const inserted = text.slice(0, edit.at) + '5' + text.slice(edit.at);

  let oldTree: Tree | undefined;
  let oldSource: ts.SourceFile | undefined;
  const start = positionOf(text, edit.at);
  const end = { row: start.row, column: start.column + 1 };
  const incremental = lang === 'py'
    ? {
      setup: () => {
        oldTree?.delete();
        oldTree = parser.parse(text)!;
        oldTree.edit({ startIndex: edit.at, oldEndIndex: edit.at + 1, newEndIndex: edit.at + 1, startPosition: start, oldEndPosition: end, newEndPosition: end });
      },
      run: () => parser.parse(edit.text, oldTree)!.delete(),
    }
    : {
      setup: () => {
        oldSource = ts.createSourceFile(TS_FILE, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
      },
      run: () => void ts.updateSourceFile(oldSource!, edit.text, { span: { start: edit.at, length: 1 }, newLength: 1 }),
    };

  const t = interleaved(reps, {
    parse: {
      run: lang === 'py'
        ? () => parsePython(text)!.delete()
        : () => void ts.createSourceFile(TS_FILE, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS),
    },
    // A cold analysis: the layer-build memo (which serves re-analyses of open documents) starts empty.
    analysis: { setup: clearBuildCache, run: () => void analyse(lang, text) },
    // Re-analysis in a document session (incremental reparse, reused statements), alternating between the
    // edited and the original text so that every run is a one-character edit of the text before it. Before
    // each run (untimed) the session does the idle work the worker does after answering: copying the
    // statements the previous version evaluated on the wasm tree. That work is timed apart (idleCopy).
    editAnalysis: {
      setup: () => void session.prepare?.(() => false),
      run: () => void session.analyze((flip = !flip) ? edit.text : text),
    },
    // Typing inserts: alternately one digit more and one less in the same number (`0.1` ↔ `0.51`).
    insertAnalysis: {
      setup: () => void insertSession.prepare?.(() => false),
      run: () => void insertSession.analyze((insertFlip = !insertFlip) ? inserted : text),
    },
    // (Python only: a TS session has no idle work. Few loops: every timed run needs an untimed analysis.)
    ...(lang === 'py' ? { idleCopy: {
      maxLoops: 10,
      setup: () => {
        idleSession.prepare?.(() => false);
        idleSession.analyze((idleFlip = !idleFlip) ? edit.text : text);
      },
      run: () => void idleSession.prepare?.(() => false),
    } } : {}),
    incrementalParse: incremental,
    diagnostics: { run: () => void documentIssues(analysis, text, DEFAULT_FEATURE_SETTINGS) },
    // What crosses the worker boundary for an edit: the text in, the diagnostics out (the worker keeps the
    // analysis and answers feature queries; only their results are cloned).
    copy: { run: () => void structuredClone({ text: edit.text, issues: documentIssues(analysis, text, DEFAULT_FEATURE_SETTINGS) }) },
  });
  oldTree?.delete();
  oldTree = undefined;
  session.dispose();
  idleSession.dispose();
  insertSession.dispose();

  let hints: SizeResult['hints'];
  if (n >= 1000) {
    const settings = DEFAULT_FEATURE_SETTINGS;
    const range = middle100Lines(text);
    const whole = { start: 0, end: text.length };
    const hintReps = QUICK ? 3 : 11;
    // Warm: the per-analysis index (layer uses sorted by hint offset) is built once, by the first request.
    inlayHintsIn(analysis, whole, settings);
    const full = perCall(() => inlayHintsIn(analysis, whole, settings), hintReps);
    const rangeTime = perCall(() => inlayHintsIn(analysis, range, settings), hintReps);
    // Cold: the first request on a new analysis (a shallow copy is a new cache key), which builds the index.
    const rangeCold = perCall(() => inlayHintsIn({ ...analysis }, range, settings), hintReps);
    hints = { range: rangeTime, full, rangeCold, rangeCount: inlayHintsIn(analysis, range, settings).length, fullCount: inlayHintsIn(analysis, whole, settings).length };
  }

  return {
    lang, n, lines: text.split('\n').length - 1, kb: text.length / 1024, uses: analysis.layerUses.length,
    parse: t.parse, analysis: t.analysis, editAnalysis: t.editAnalysis, insertAnalysis: t.insertAnalysis, idleCopy: t.idleCopy ?? 0, incrementalParse: t.incrementalParse,
    diagnostics: t.diagnostics, copy: t.copy, hints, phases: n >= 1000 ? phasesOf(lang, text, reps) : {},
  };
}

/** Where the analysis time goes: the pipeline of analyzePython / analyzeTypeScript, phase by phase. */
function phasesOf(lang: 'py' | 'ts', text: string, reps: number): Record<string, number> {
  const samples: Record<string, number[]> = {};
  const add = (k: string, ms: number) => (samples[k] ??= []).push(ms);
  for (let i = 0; i <= reps; i++) {
    if (FORCED_GC !== 'none') gc();
    let t = now();
    const lap = (k: string) => {
      const t1 = now();
      if (i > 0) add(k, t1 - t);
      t = t1;
    };
    clearBuildCache();
    if (lang === 'py') {
      const tree = parsePython(text)!;
      lap('parse');
      // A fresh analysis evaluates the wasm tree; after an open the worker copies every statement in idle time.
      const evaluator = new PythonEvaluator(text);
      evaluator.runModulePlain(tree.rootNode.namedChildren, new Scope(undefined));
      evaluator.analyseUncalledFunctions();
      lap('evaluate');
      const choice = chooseVersion(evaluator.evidence, 'auto');
      const inference = inferShapes(evaluator.builder.events, evaluator.builder.uncertainCalls, { version: choice.version, defaultDataFormat: 'channels_last' });
      lap('infer');
      collectResults(inference.models, evaluator.builder.events, evaluator.bindings);
      lap('collect');
      const copies = new StatementCopies();
      copies.statements(tree, text);
      copies.copyPending(text, () => false);
      lap('copy (idle work after an open)');
      tree.delete();
    } else {
      const sf = ts.createSourceFile(TS_FILE, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
      lap('parse');
      const ev = new TsEvaluator(sf);
      ev.runBlock(sf.statements, new JsScope(undefined));
      ev.analyseUncalledFunctions();
      lap('evaluate');
      collectComments(sf);
      lap('comments');
      const inference = inferShapes(ev.builder.events, ev.builder.uncertainCalls, { version: 'tfjs', defaultDataFormat: 'channels_last' });
      lap('infer');
      collectResults(inference.models, ev.builder.events, ev.bindings);
      lap('collect');
    }
  }
  const out: Record<string, number> = {};
  for (const k of Object.keys(samples)) out[k] = median(samples[k]);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// End-to-end: our server and pyright's, the same client, push diagnostics (no pull capability advertised)

interface ServerResult {
  readonly name: string;
  /** The untimed first open after the server started (cold code), for the record. */
  readonly firstOpen: number;
  readonly open: number[];
  /** Ours: for each timed open, the worker's own time from taking the request to its answer (analysis included). */
  readonly workerOpen?: (number | undefined)[];
  readonly edit: number[];
  /** The untimed first edits after the open (warm-up), for the record. */
  readonly firstEdits?: number[];
  readonly peakKb?: number;
  readonly rssKb?: number;
  readonly memory?: unknown;
}

function procStatusKb(pid: number | undefined, field: string): number | undefined {
  if (!pid) return undefined;
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function sleep(ms: number): Promise<void> {
  await new Promise(r => setTimeout(r, ms));
}

/** ms from sending `act` until the next diagnostics for `uri` (for `version` when the server reports one). */
async function latency(client: TestClient, uri: string, version: number, act: () => void): Promise<number> {
  const seen = client.published.length;
  const t0 = now();
  act();
  await client.waitForDiagnostics(uri, p => client.published.indexOf(p) >= seen && (p.version === undefined || p.version === null || p.version === version), 120_000);
  return now() - t0;
}

/** Edits after an open that are not counted in E1 (reported apart). */
const WARM_EDITS = 3;

/** Opens (and, if `edits`, edits) the file; `tag` keeps each drive's URIs apart. */
async function driveServer(name: string, tag: string, client: TestClient, text: string, opens: number, edits: number): Promise<ServerResult> {
  const edited = oneCharEdit(text).text;
  const editAt = oneCharEdit(text).at;
  // Warm-up: one open and one edit of the same file under another name, untimed.
  const warm = `file:///tmp/shapelens-bench/${tag}/warmup.py`;
  const firstOpen = await latency(client, warm, 1, () => client.open(warm, text, 1));
  await latency(client, warm, 2, () => client.change(warm, 2, [{ text: edited }]));
  client.close(warm);
  await sleep(300);

  const open: number[] = [];
  const openUris: string[] = [];
  for (let i = 0; i < opens; i++) {
    const uri = `file:///tmp/shapelens-bench/${tag}/open_${i}.py`;
    openUris.push(uri);
    open.push(await latency(client, uri, 1, () => client.open(uri, text, 1)));
    client.close(uri);
    await sleep(300);
  }
  const workerOpen = name.startsWith('shapelens') ? await workerTimes(client, openUris) : undefined;
  if (edits === 0) return { name, firstOpen, open, workerOpen, edit: [] };

  const uri = `file:///tmp/shapelens-bench/${tag}/keras_1000.py`;
  await latency(client, uri, 1, () => client.open(uri, text, 1));
  await sleep(300);
  const edit: number[] = [];
  const firstEdits: number[] = [];
  const pos = positionOf(text, editAt);
  const range = { start: { line: pos.row, character: pos.column }, end: { line: pos.row, character: pos.column + 1 } };
  // Typing: the first edits after an open are untimed warm-up (ours copies the statements out of the wasm
  // tree at the first one and then reuses them; both servers' code warms up); they are reported apart.
  for (let v = 2; v < 2 + WARM_EDITS + edits; v++) {
    // A one-character incremental change, alternating between the edited and the original digit.
    const digit = (v % 2 === 0 ? edited : text)[editAt];
    const ms = await latency(client, uri, v, () => client.change(uri, v, [{ range, text: digit }]));
    (v < 2 + WARM_EDITS ? firstEdits : edit).push(ms);
    await sleep(300);
  }
  return { name, firstOpen, open, workerOpen, edit, firstEdits, peakKb: procStatusKb(client.pid, 'VmHWM'), rssKb: procStatusKb(client.pid, 'VmRSS') };
}

/** Our worker's own time for the first analysis of each URI (from its memory report), for the open's breakdown. */
async function workerTimes(client: TestClient, uris: readonly string[]): Promise<(number | undefined)[]> {
  const report = await client.connection.sendRequest('shapelens/memoryUsage') as { worker?: { recentAnalyses?: { uri: string; version: number; ms: number }[] } };
  const recent = report.worker?.recentAnalyses ?? [];
  return uris.map(uri => recent.find(r => r.uri === uri && r.version === 1)?.ms);
}

/**
 * A bare tree-sitter parse of `text` run as an open runs it: once, after a pause (caches cold, as between a user's
 * opens), not repeated in a loop. The floor under an open's analysis.
 */
async function singleParses(text: string, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    await sleep(300);
    const t0 = now();
    parsePython(text)!.delete();
    out.push(now() - t0);
  }
  return out;
}

/** What the servers measured: per import style, ours and pyright's; ours once more without the code warm-up. */
interface EndToEnd {
  readonly ours?: Partial<Record<KerasImports, ServerResult>>;
  readonly pyright?: Partial<Record<KerasImports, ServerResult>>;
  readonly oursWithoutWarmUp?: ServerResult;
  readonly pyrightVersion?: string;
  readonly memory10k?: ServerResult;
  readonly error?: string;
}

const IMPORTS: readonly KerasImports[] = ['keras', 'tf.keras'];

async function endToEnd(): Promise<EndToEnd> {
  const opens = QUICK ? 2 : 5;
  const edits = QUICK ? 3 : 9;
  const ours: Partial<Record<KerasImports, ServerResult>> = {};
  const pyright: Partial<Record<KerasImports, ServerResult>> = {};
  let oursWithoutWarmUp: ServerResult | undefined;
  let pyrightVersion: string | undefined;
  let error: string | undefined;

  // Each drive gets a fresh server: its first open is cold, as after a start.
  const drive = async (options: Parameters<typeof startClient>[0], name: string, tag: string, text: string, edits: number) => {
    const client = await startClient(options);
    try {
      return await driveServer(name, tag, client, text, opens, edits);
    } finally {
      await client.stop();
    }
  };
  const oursBin = { nodeArgs: ['--expose-gc'], bin: process.env.SHAPELENS_BIN };
  for (const imports of IMPORTS) ours[imports] = await drive(oursBin, 'shapelens', `shapelens-${imports}`, generateKeras(1000, imports), edits);
  // The same opens with the worker's idle code warm-up turned off (its effect, in the same run).
  oursWithoutWarmUp = await drive({ ...oursBin, codeWarmUpSteps: 0 }, 'shapelens without the code warm-up', 'shapelens-cold', generateKeras(1000), 0);

  let langserver: string | undefined;
  try {
    langserver = require.resolve('pyright/langserver.index.js');
    pyrightVersion = (require('pyright/package.json') as { version: string }).version;
  } catch {
    error = 'pyright is not installed (devDependency `pyright`): E1/E2 not measured';
  }
  if (langserver) {
    // pyright-langserver ignores the extra `lsp` argument the client adds; `--stdio` selects the transport.
    for (const imports of IMPORTS) pyright[imports] = await drive({ bin: langserver }, `pyright ${pyrightVersion}`, `pyright-${imports}`, generateKeras(1000, imports), edits);
  }
  const out: EndToEnd = { ours, pyright, oursWithoutWarmUp, pyrightVersion, error };

  // Peak memory of our server on the 10,000-layer file: open, six edits, a full-file inlay-hint request.
  const big = generateKeras(10000);
  const mem = await startClient({ nodeArgs: ['--expose-gc'], bin: process.env.SHAPELENS_BIN });
  try {
    const uri = 'file:///tmp/shapelens-bench/shapelens/keras_10000.py';
    const open = await latency(mem, uri, 1, () => mem.open(uri, big, 1));
    const bigEdit = oneCharEdit(big);
    const pos = positionOf(big, bigEdit.at);
    const range = { start: { line: pos.row, character: pos.column }, end: { line: pos.row, character: pos.column + 1 } };
    const edit: number[] = [];
    const firstEdits: number[] = [];
    for (let v = 2; v < 2 + WARM_EDITS + 3; v++) {
      const ms = await latency(mem, uri, v, () => mem.change(uri, v, [{ range, text: (v % 2 === 0 ? bigEdit.text : big)[bigEdit.at] }]));
      (v < 2 + WARM_EDITS ? firstEdits : edit).push(ms);
      await sleep(200);
    }
    const lines = big.split('\n').length;
    await mem.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } } });
    const memory = await mem.connection.sendRequest('shapelens/memoryUsage');
    return { ...out, memory10k: { name: 'shapelens', firstOpen: open, open: [open], edit, firstEdits, peakKb: procStatusKb(mem.pid, 'VmHWM'), rssKb: procStatusKb(mem.pid, 'VmRSS'), memory } };
  } finally {
    await mem.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------
// The table

type Row = [metric: string, lang: string, layers: string, measured: string, reference: string, value: string, goal: string, met: string];

function ms(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3);
}

function ratioRow(metric: string, lang: string, n: string, measured: string, num: number, reference: string, den: number, goal: number): Row {
  const v = num / den;
  return [metric, lang, n, `${measured} ${ms(num)} ms`, `${reference} ${ms(den)} ms`, v.toFixed(v < 0.1 ? 3 : 2), `≤ ${goal}`, v <= goal ? 'yes' : '**no**'];
}

function mb(kb: number | undefined): string {
  return kb === undefined ? '?' : `${(kb / 1024).toFixed(0)} MB`;
}

async function main(): Promise<void> {
  const parser = await loadPythonParser();
  const started = now();
  // Warm the JIT for both pipelines first, so that the first (smallest) size is not measured cold.
  for (const lang of ['py', 'ts'] as const) {
    for (const n of [10, 100, 1000]) {
      const text = lang === 'py' ? generateKeras(n) : generateTfjs(n);
      for (let i = 0; i < (n === 1000 ? 5 : 20); i++) {
        analyse(lang, text);
        if (lang === 'py') parsePython(text)!.delete();
        else ts.createSourceFile(TS_FILE, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
      }
    }
  }
  const results: SizeResult[] = [];
  const langs = (['py', 'ts'] as const).filter(l => !process.env.BENCH_LANG || process.env.BENCH_LANG === l);
  for (const lang of langs) for (const n of SIZES) results.push(measureSize(lang, n, parser));
  const inProcessS = (now() - started) / 1000;
  const e2e = process.env.BENCH_E2E === '0' ? {} : await endToEnd();
  const openParse = process.env.BENCH_E2E === '0' ? [] : await singleParses(generateKeras(1000), QUICK ? 2 : 5);

  const rows: Row[] = [];
  const L = (l: string) => (l === 'py' ? 'Python' : 'TS');
  for (const r of results) rows.push(ratioRow('R1', L(r.lang), String(r.n), 'analysis', r.analysis, 'bare parse', r.parse, 2));
  for (const r of results) rows.push(ratioRow('R2', L(r.lang), String(r.n), 'analysis of edited text', r.editAnalysis, 'bare parse', r.parse, r.lang === 'py' ? 0.3 : 1));
  for (const r of results) if (r.hints) rows.push(ratioRow('R3', L(r.lang), String(r.n), `hints, 100 lines (${r.hints.rangeCount})`, r.hints.range, `hints, whole file (${r.hints.fullCount})`, r.hints.full, 0.1));
  for (const r of results) {
    const prev = results.find(p => p.lang === r.lang && p.n * 10 === r.n);
    if (prev) rows.push(ratioRow('R4', L(r.lang), `${r.n} / ${prev.n}`, `analysis at ${r.n}`, r.analysis, `at ${prev.n}`, prev.analysis, 11));
  }
  const importsLabel = (i: KerasImports) => (i === 'keras' ? 'Python, `import keras`' : 'Python, `tensorflow.keras`');
  for (const [metric, what, key] of [['E1', 'edit → diagnostics', 'edit'], ['E2', 'open → first diagnostics', 'open']] as const) {
    for (const imports of IMPORTS) {
      const ours = e2e.ours?.[imports];
      const theirs = e2e.pyright?.[imports];
      if (ours && theirs) rows.push(ratioRow(metric, importsLabel(imports), '1000', `ours: ${what}`, median(ours[key]), `pyright ${e2e.pyrightVersion}`, median(theirs[key]), 0.05));
    }
  }
  if (e2e.memory10k) {
    const m = e2e.memory10k.memory as { main?: { heapUsed: number }; worker?: { heapUsed: number; arrayBuffers: number } } | undefined;
    const heap = (b: number | undefined) => (b === undefined ? '?' : `${(b / 1048576).toFixed(0)} MB`);
    rows.push(['Peak memory', 'Python', '10000', `server VmHWM ${mb(e2e.memory10k.peakKb)} (VmRSS at the end ${mb(e2e.memory10k.rssKb)})`,
      `heap after gc: main ${heap(m?.main?.heapUsed)}, worker ${heap(m?.worker?.heapUsed)}`,
      mb(e2e.memory10k.peakKb), '–', '–']);
  }

  const cpus = os.cpus();
  console.log(`ShapeLens bench — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.platform()} ${os.release()}, node ${process.version}, ` +
    `${cpus.length} cores (${cpus[0]?.model.trim() ?? '?'}), typescript ${ts.version}${QUICK ? ', QUICK' : ''}`);
  console.log(`In-process medians of ${SIZES.map(repsFor).join(' / ')} interleaved samples (10 / 100 / 1,000 / 10,000 layers), each ≥ ${MIN_SAMPLE_MS} ms (short operations repeated), ${FORCED_GC === 'none' ? 'no forced gc()' : `gc() before each ${FORCED_GC}`}; ` +
    `${inProcessS.toFixed(0)} s. Servers: medians of ${e2e.ours?.keras?.open.length ?? 0} opens and ${e2e.ours?.keras?.edit.length ?? 0} edits after one warm-up each.`);
  console.log('');
  const header: Row = ['metric', 'lang', 'layers', 'measured (median)', 'reference (median)', 'value', 'goal', 'met'];
  console.log(`| ${header.join(' | ')} |`);
  console.log('|---|---|---:|---|---|---:|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);

  console.log('');
  console.log('Context (not ratios with goals):');
  for (const r of results) {
    const p = Object.entries(r.phases).map(([k, v]) => `${k} ${ms(v)}`).join(', ');
    console.log(`- ${L(r.lang)} ${r.n}: ${r.lines} lines, ${r.kb.toFixed(0)} KB, ${r.uses} layer uses; re-analysis after a one-character insertion instead ${ms(r.insertAnalysis)} ms (${(r.insertAnalysis / r.parse).toFixed(2)}× parse); ${r.lang === 'py' ? 'tree-sitter incremental reparse' : 'ts.updateSourceFile'} after the edit ${ms(r.incrementalParse)} ms ` +
      `(${(r.incrementalParse / r.parse).toFixed(2)}× full parse); ${r.lang === 'py' ? `idle copy after the edit (the worker's, off the edit's path) ${ms(r.idleCopy)} ms; ` : ''}server extras per edit: diagnostics ${ms(r.diagnostics)} ms, ` +
      `worker messages for an edit (text in, diagnostics out, structured clone) ${ms(r.copy)} ms` +
      (r.hints ? `; 100-line hints on a new analysis (builds the index) ${ms(r.hints.rangeCold)} ms = ${(r.hints.rangeCold / r.hints.full).toFixed(2)}× warm whole file` : '') +
      (p ? `; phases (ms, single runs): ${p}` : ''));
  }
  for (const imports of IMPORTS) {
    for (const s of [e2e.ours?.[imports], e2e.pyright?.[imports]]) {
      if (s) console.log(`- ${s.name}, 1,000 layers, ${importsLabel(imports)}: first open after the start (untimed) ${ms(s.firstOpen)} ms, then open → diagnostics ${s.open.map(ms).join(', ')} ms; first ${WARM_EDITS} edits (untimed warm-up) ${(s.firstEdits ?? []).map(ms).join(', ')} ms, then edit → diagnostics ${s.edit.map(ms).join(', ')} ms; VmHWM ${mb(s.peakKb)}`);
    }
  }
  // What the ratios are measured against: the bare parsers' own growth from one size to the next, and an open's floor.
  for (const lang of langs) {
    const growth = SIZES.slice(1).map(n => {
      const a = results.find(r => r.lang === lang && r.n === n / 10);
      const b = results.find(r => r.lang === lang && r.n === n);
      return a && b ? `${n / 10} → ${n}: ${(b.parse / a.parse).toFixed(2)}×` : undefined;
    }).filter(Boolean);
    console.log(`- bare ${lang === 'py' ? 'tree-sitter parse' : 'ts.createSourceFile'} alone, the same files and samples as R4 (its own growth): ${growth.join(', ')}`);
  }
  const oursOpen = e2e.ours?.keras;
  const theirsOpen = e2e.pyright?.keras;
  if (oursOpen?.workerOpen && theirsOpen) {
    const worker = oursOpen.workerOpen.filter((x): x is number => x !== undefined);
    const rest = oursOpen.open.flatMap((o, i) => (oursOpen.workerOpen![i] === undefined ? [] : [o - oursOpen.workerOpen![i]!]));
    const floor = median(openParse);
    console.log(`- E2 breakdown, ${importsLabel('keras')}, 1,000 layers: of ours ${ms(median(oursOpen.open))} ms, the worker's analysis and answer ${worker.map(ms).join(', ')} ms (median ${ms(median(worker))}), the rest (client ↔ server ↔ worker messages, scheduling) median ${ms(median(rest))} ms; ` +
      `a bare tree-sitter parse of the same text run once after a pause, as an open runs it: ${openParse.map(ms).join(', ')} ms (median ${ms(floor)}), itself ${(floor / median(theirsOpen.open)).toFixed(3)} of pyright's open`);
  }
  const cold = e2e.oursWithoutWarmUp;
  if (cold) console.log(`- ${cold.name}, 1,000 layers, ${importsLabel('keras')}: first open ${ms(cold.firstOpen)} ms, then open → diagnostics ${cold.open.map(ms).join(', ')} ms (median ${ms(median(cold.open))})`);
  if (e2e.memory10k) console.log(`- shapelens, 10,000 layers: open → diagnostics ${ms(e2e.memory10k.open[0])} ms; first ${WARM_EDITS} edits ${(e2e.memory10k.firstEdits ?? []).map(ms).join(', ')} ms, then ${e2e.memory10k.edit.map(ms).join(', ')} ms; memoryUsage ${JSON.stringify(e2e.memory10k.memory)}`);
  if (e2e.error) console.log(`- ${e2e.error}`);
  console.log('Goals: R1 ≤ 2; R2 ≤ 0.3 (Python), ≤ 1 (TS); R3 ≤ 0.1; R4 ≤ 11; E1, E2 ≤ 0.05. Nothing here is asserted.');
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
