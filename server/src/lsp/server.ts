// The language server: capabilities, document sync, and one thin handler per feature — snapshot the
// document as it is when the request arrives, ask the analysis worker for that version's feature answer
// (offsets and strings), convert it with the same snapshot — inside runSafe. So each request is answered
// for the document version current when it arrived, whatever edits follow while it waits.

import {
  CancellationToken, CodeAction, CodeLens, Connection, Diagnostic, DocumentDiagnosticReportKind, Hover, InitializeParams,
  InitializeResult, InlayHint, LSPErrorCodes, ResponseError, TextDocumentSyncKind, TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { GrammarLocations } from '../syntax/python/pythonParser';
import type { Worker } from 'worker_threads';
import { AnalysisService, DocumentSnapshot } from './analysisService';
import type { FeatureAnswers, FeatureQuery, QueryOf } from './workerProtocol';
import { toCodeAction, toCodeLens, toDiagnostic, toHover, toInlayHint, toOffsets } from './convert';
import { MODEL_SUMMARY_REQUEST, ModelSummaryParams, ModelSummaryResult } from './protocol';
import { runSafe } from './runSafe';
import { SettingsStore, analyzeOptionsOf, featureSettingsOf } from './settings';

import { ANALYSED_LANGUAGES } from '../service/languages';

/**
 * While the worker is busy, push diagnostics this long after the last change: just enough to coalesce a
 * burst of keystrokes (a stale version is never published anyway). An idle worker starts at once.
 */
const PUSH_DELAY_MS = 10;

export interface ServerOptions {
  readonly grammars?: GrammarLocations;
  /** Where the worker's compiled entry is (defaults to beside this file). */
  readonly workerFile?: string;
  /** An analysis running longer than this is stopped and its worker replaced. */
  readonly analysisTimeoutMs?: number;
  /** The analysis worker, if the entry started it already (with these grammars and the default warm-up). */
  readonly firstWorker?: Worker;
}

/** A document as it was when a request arrived: text and version never change under the handler. */
interface Snapshot extends DocumentSnapshot {
  readonly doc: TextDocument;
}

function snapshotOf(doc: TextDocument): Snapshot {
  const text = doc.getText();
  return { uri: doc.uri, version: doc.version, languageId: doc.languageId, text, doc: TextDocument.create(doc.uri, doc.languageId, doc.version, text) };
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const log = (m: string) => connection.console.log(m);
  const documents = new TextDocuments(TextDocument);
  const service = new AnalysisService(options.grammars ?? {}, log, options.analysisTimeoutMs, options.workerFile, undefined, options.firstWorker);
  const settings = new SettingsStore(connection, log);
  /** Per document, the scheduled push of its diagnostics (cancelled by a newer change or a close). */
  const timers = new Map<string, { cancel(): void }>();
  let pullDiagnostics = false;
  let hintRefresh = false;
  let diagnosticRefresh = false;
  let ready = false;

  /** A feature answer for a snapshot; undefined for a language the server does not analyse. */
  async function ask<K extends FeatureQuery['kind']>(snap: Snapshot, query: QueryOf<K>): Promise<FeatureAnswers[K] | undefined> {
    if (!ready || !ANALYSED_LANGUAGES.has(snap.languageId)) return undefined;
    const s = settings.get(snap.uri);
    return service.query(snap, analyzeOptionsOf(s), featureSettingsOf(s), query);
  }

  async function diagnosticsOf(snap: Snapshot): Promise<Diagnostic[]> {
    const issues = await ask(snap, { kind: 'diagnostics' });
    return (issues ?? []).map(i => toDiagnostic(snap.doc, i));
  }

  /** Answers a request for the document as it is now, converting with the same snapshot. */
  async function withFeature<K extends FeatureQuery['kind'], T>(uri: string, fallback: T, token: CancellationToken | undefined, name: string, makeQuery: (snap: Snapshot) => QueryOf<K>, convert: (snap: Snapshot, answer: FeatureAnswers[K]) => T): Promise<T | ResponseError<void>> {
    const doc = documents.get(uri);
    if (!doc) return fallback;
    const snap = snapshotOf(doc);
    let answer: FeatureAnswers[K] | undefined;
    try {
      answer = await ask(snap, makeQuery(snap));
    } catch (e) {
      log(`${name} failed: ${(e as Error).stack ?? e}`);
      return fallback;
    }
    if (answer === undefined) return fallback;
    const got = answer;
    return runSafe(log, name, fallback, token, () => convert(snap, got));
  }

  async function pushNow(uri: string): Promise<void> {
    timers.delete(uri);
    const doc = documents.get(uri);
    if (!doc) return;
    const snap = snapshotOf(doc);
    let diagnostics: Diagnostic[];
    try {
      diagnostics = await diagnosticsOf(snap);
    } catch (e) {
      log(`diagnostics failed: ${(e as Error).stack ?? e}`);
      return;
    }
    // Only the latest version is published: a newer edit has scheduled its own push. A document closed and
    // opened again is another object, even under the same version number.
    const current = documents.get(uri);
    if (current !== doc || current.version !== snap.version || timers.has(uri)) return;
    void connection.sendDiagnostics({ uri, version: snap.version, diagnostics });
  }

  function schedulePush(uri: string, delayMs = service.busy ? PUSH_DELAY_MS : 0): void {
    if (pullDiagnostics) return;
    timers.get(uri)?.cancel();
    if (delayMs > 0) {
      const timer = setTimeout(() => void pushNow(uri), delayMs);
      timers.set(uri, { cancel: () => clearTimeout(timer) });
    } else {
      // Right after the messages already read (a zero-delay timer would wait a millisecond).
      const immediate = setImmediate(() => void pushNow(uri));
      timers.set(uri, { cancel: () => clearImmediate(immediate) });
    }
  }

  function refreshAll(): void {
    if (pullDiagnostics) {
      if (diagnosticRefresh) void connection.languages.diagnostics.refresh();
    } else for (const doc of documents.all()) schedulePush(doc.uri);
    if (hintRefresh) void connection.languages.inlayHint.refresh();
  }

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    const caps = params.capabilities;
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    diagnosticRefresh = !!caps.workspace?.diagnostics?.refreshSupport;
    hintRefresh = !!caps.workspace?.inlayHint?.refreshSupport;
    settings.pull = !!caps.workspace?.configuration;
    settings.setGlobal(params.initializationOptions?.settings);
    // Internal knobs: tests use a short deadline, the bench measures opens without the code warm-up.
    const timeout = params.initializationOptions?.analysisTimeoutMs;
    const warmUpSteps = params.initializationOptions?.codeWarmUpSteps;
    service.configure({
      timeoutMs: typeof timeout === 'number' && timeout > 0 ? timeout : undefined,
      warmUpSteps: typeof warmUpSteps === 'number' && warmUpSteps >= 0 ? warmUpSteps : undefined,
    });
    ready = true; // the worker loads the grammar; its first analysis waits for that
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        inlayHintProvider: { resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'shapelens', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'shapelens' },
    };
  });

  connection.onInitialized(() => service.startWorker());

  connection.onDidChangeConfiguration(change => {
    if (!settings.pull) settings.setGlobal((change.settings as { shapelens?: unknown } | undefined)?.shapelens);
    // The worker keys analyses by version and analysis settings, so new settings simply miss its cache.
    const fetches = documents.all().map(d => settings.fetch(d.uri));
    void Promise.all(fetches).then(() => refreshAll());
  });

  documents.onDidOpen(e => {
    void settings.fetch(e.document.uri).then(changed => {
      if (changed) {
        schedulePush(e.document.uri);
        if (hintRefresh) void connection.languages.inlayHint.refresh();
      }
    });
  });
  documents.onDidChangeContent(e => schedulePush(e.document.uri));
  documents.onDidClose(e => {
    const uri = e.document.uri;
    timers.get(uri)?.cancel();
    timers.delete(uri);
    service.forget(uri);
    settings.forget(uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const snap = snapshotOf(doc);
    let items: Diagnostic[] = [];
    try {
      items = await diagnosticsOf(snap);
    } catch (e) {
      log(`diagnostics failed: ${(e as Error).stack ?? e}`);
    }
    // A cancelled pull asks the client to pull again (the document is changing).
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });

  connection.onHover((params, token) =>
    withFeature<'hover', Hover | null>(params.textDocument.uri, null, token, 'hover', snap => ({ kind: 'hover', offset: snap.doc.offsetAt(params.position) }),
      (snap, hover) => (hover ? toHover(snap.doc, hover) : null)));

  connection.languages.inlayHint.on((params, token) =>
    withFeature<'hints', InlayHint[]>(params.textDocument.uri, [], token, 'inlay hints', snap => ({ kind: 'hints', range: toOffsets(snap.doc, params.range) }),
      (snap, hints) => hints.map(h => toInlayHint(snap.doc, h))));

  connection.onCodeLens((params, token) =>
    withFeature<'lenses', CodeLens[]>(params.textDocument.uri, [], token, 'code lens', () => ({ kind: 'lenses' }),
      (snap, lenses) => lenses.map(l => toCodeLens(snap.doc, l))));

  connection.onCodeAction((params, token) =>
    withFeature<'actions', CodeAction[]>(params.textDocument.uri, [], token, 'code actions', snap => ({ kind: 'actions', range: toOffsets(snap.doc, params.range) }),
      (snap, actions) => actions.map(x => toCodeAction(snap.doc, x))));

  connection.onRequest(MODEL_SUMMARY_REQUEST, async (params: ModelSummaryParams, token): Promise<ModelSummaryResult> => {
    const r = await withFeature<'summary', ModelSummaryResult>(params.uri, {}, token, 'model summary', () => ({ kind: 'summary', modelName: params.modelName }),
      (_snap, text) => (text ? { text } : {}));
    return r instanceof ResponseError ? {} : r;
  });

  // Internal: memory of the server and of its analysis worker, for the memory tests and the benchmark.
  connection.onRequest('shapelens/memoryUsage', async () => {
    (globalThis as { gc?: () => void }).gc?.(); // only with --expose-gc (tests, benchmarks)
    const worker = await service.workerMemory(); // the worker collects too, so RSS is read after both threads' GC
    const m = process.memoryUsage();
    return { main: { heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss }, worker, workersStarted: service.workersStarted };
  });

  connection.onShutdown(() => service.dispose());

  documents.listen(connection);
  connection.listen();
}
