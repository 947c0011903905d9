// The analysis worker thread: owns the tree-sitter wasm runtime, keeps each open document's analysis
// session (service/session.ts) and latest analyses, and answers feature queries on them (diagnostics, hints
// for a range, a hover, …) with small plain results. If the wasm runtime aborts or a parse runs away, the
// main thread replaces this worker.

import { parentPort, workerData } from 'worker_threads';
import { getHeapStatistics } from 'v8';
import { loadPythonParser } from '../syntax/python/pythonParser';
import { createAnalysisSession } from '../service/analyzeDocument';
import type { AnalysisSession } from '../service/session';
import { clearBuildCache } from '../infer/buildCache';
import type { Analysis } from '../service/types';
import { answerQuery } from './answerQuery';
import { CodeWarmUp } from './codeWarmUp';
import type { FeatureRequest, WorkerRequest, WorkerResponse } from './workerProtocol';
import type { WorkerStartData } from './workerThread';

/** Texts longer than this (UTF-16 units) leave the wasm heap large; the worker is then replaced. */
const RECYCLE_AFTER_LENGTH = 4 * 1024 * 1024;

/** Analyses kept per document: the latest two versions (a request may still be about the previous one). */
const KEPT_PER_DOCUMENT = 2;

interface Kept {
  readonly version: number;
  readonly key: string;
  readonly analysis: Analysis;
}

const kept = new Map<string, Kept[]>();

/** The latest requests that analysed a new version and how long they took (MemoryReport.recentAnalyses). */
const recentAnalyses: { uri: string; version: number; ms: number }[] = [];
const RECENT_ANALYSES = 32;

const data = (workerData ?? {}) as WorkerStartData;

/** Warms the analysis code up in idle time, per language, once a document of it has been analysed. */
const codeWarmUp = new CodeWarmUp(data.warmUpSteps);

/** Each open document's analysis session (incremental reparse, reused statements), for one key of options. */
const sessions = new Map<string, { readonly key: string; readonly session: AnalysisSession }>();

function sessionFor(r: FeatureRequest, key: string): AnalysisSession {
  const current = sessions.get(r.uri);
  if (current?.key === key) return current.session;
  current?.session.dispose();
  const session = createAnalysisSession(r.languageId, r.options);
  sessions.set(r.uri, { key, session });
  return session;
}

function forget(uri: string): void {
  kept.delete(uri);
  sessions.get(uri)?.session.dispose();
  sessions.delete(uri);
  // The layer-build memo serves open documents; with none left, nothing of theirs stays behind.
  if (sessions.size === 0) clearBuildCache();
}

/** The analysis of the request's version (`fresh` when it was made for this request). */
function analysisFor(r: FeatureRequest): { readonly analysis: Analysis; readonly fresh: boolean } {
  const key = `${r.languageId}|${r.options.kerasVersion}|${r.options.defaultDataFormat}|${r.options.maxLength}`;
  const list = kept.get(r.uri) ?? [];
  const hit = list.find(k => k.version === r.version && k.key === key);
  if (hit) return { analysis: hit.analysis, fresh: false };
  const analysis = sessionFor(r, key).analyze(r.text);
  const next = [{ version: r.version, key, analysis }, ...list.filter(k => k.version !== r.version)].slice(0, KEPT_PER_DOCUMENT);
  kept.set(r.uri, next);
  return { analysis, fresh: true };
}

function handle(request: WorkerRequest): WorkerResponse {
  if ('memory' in request) {
    (globalThis as { gc?: () => void }).gc?.(); // only with --expose-gc (tests, benchmarks)
    const m = process.memoryUsage();
    const heap = getHeapStatistics();
    // `external` includes web-tree-sitter's wasm linear memory (V8 accounts wasm memory as external).
    return { id: request.id, memory: { heapUsed: heap.used_heap_size, heapTotal: heap.total_heap_size, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss, codeWarmUp: codeWarmUp.status, recentAnalyses: [...recentAnalyses] } };
  }
  if ('forget' in request) {
    forget(request.forget);
    return { id: request.id, answer: null };
  }
  if ('warmUpSteps' in request) {
    codeWarmUp.setSteps(request.warmUpSteps);
    return { id: request.id, answer: null };
  }
  const started = performance.now();
  const { analysis, fresh } = analysisFor(request);
  const answer = answerQuery(analysis, request.text, request.settings, request.query);
  if (fresh) {
    recentAnalyses.push({ uri: request.uri, version: request.version, ms: performance.now() - started });
    if (recentAnalyses.length > RECENT_ANALYSES) recentAnalyses.shift();
  }
  codeWarmUp.want(request.languageId, request.options, request.settings, analysis);
  // WebAssembly memory never shrinks: after a huge text, a fresh worker gives it back.
  const recycle = request.text.length > RECYCLE_AFTER_LENGTH;
  return { id: request.id, answer, ...(analysis.notAnalysed ? { notAnalysed: analysis.notAnalysed } : {}), ...(recycle ? { recycle } : {}) };
}

/**
 * Idle work is done in slices this long, so that a request arriving meanwhile waits about this at most, plus
 * the rest of the unit of work under way: one statement copied, or one phase of a warm-up step (measured at 1,000
 * layers: median 0.2 ms, 99% under 4 ms; the longest, which compile code, about 10 ms).
 */
const IDLE_SLICE_MS = 4;
let idleScheduled = false;
/** Sessions whose idle preparation threw: they are left to prepare nothing more. */
const failedPreparations = new WeakSet<AnalysisSession>();

/**
 * While no request waits: lets sessions prepare their next version (copying statements ahead of an edit),
 * then warms the analysis code up.
 */
function scheduleIdleWork(): void {
  if (idleScheduled) return;
  idleScheduled = true;
  // setImmediate runs after pending messages have been handled: a waiting request always goes first.
  setImmediate(() => {
    idleScheduled = false;
    const stopAt = Date.now() + IDLE_SLICE_MS;
    const shouldStop = () => Date.now() >= stopAt;
    for (const { session } of sessions.values()) {
      if (!session.prepare || failedPreparations.has(session)) continue;
      try {
        if (!session.prepare(shouldStop)) {
          scheduleIdleWork();
          return;
        }
      } catch {
        // Idle work is an optimisation: a failure leaves the next analysis to do the work itself.
        failedPreparations.add(session);
      }
    }
    try {
      if (!codeWarmUp.run(shouldStop)) scheduleIdleWork();
    } catch {
      // The warm-up records its own failures; nothing else can be done about one here.
    }
  });
}

async function start(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const grammars = data.grammars ?? {};
  let loadError: string | undefined;
  try {
    await loadPythonParser(grammars);
  } catch (e) {
    loadError = (e as Error).message;
  }
  port.on('message', (request: WorkerRequest) => {
    let response: WorkerResponse;
    try {
      response = handle(request);
    } catch (e) {
      response = { id: request.id, error: (e as Error).message };
    }
    port.postMessage(response);
    scheduleIdleWork();
  });
  port.postMessage({ ready: true, loadError });
}

void start();
