// The language server: capabilities, document sync, and one thin handler per feature — look up the
// document, take the version's cached analysis, call the pure feature, convert — inside runSafe.
// Handlers are synchronous, so each answers for the document version current when it arrived.

import {
  CodeAction, CodeLens, Connection, Diagnostic, DocumentDiagnosticReportKind, Hover, InitializeParams,
  InitializeResult, InlayHint, LSPErrorCodes, ResponseError, TextDocumentSyncKind, TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { GrammarLocations } from '../syntax/python/pythonParser';
import { loadPythonParser } from '../syntax/python/pythonParser';
import type { Analysis } from '../service/types';
import { documentIssues } from '../features/diagnostics';
import { hoverAt } from '../features/hover';
import { inlayHintsIn } from '../features/inlayHints';
import { modelLenses } from '../features/codeLens';
import { modelSummaryText } from '../features/modelSummary';
import { shapeCommentActions } from '../features/shapeComments';
import { AnalysisCache } from './analysisCache';
import { toCodeAction, toCodeLens, toDiagnostic, toHover, toInlayHint, toOffsets } from './convert';
import { MODEL_SUMMARY_REQUEST, ModelSummaryParams, ModelSummaryResult, ShapeLensSettings } from './protocol';
import { runSafe } from './runSafe';
import { SettingsStore, analyzeOptionsOf, featureSettingsOf } from './settings';

/** Languages the server analyses (TS/JS join with their front end). */
const LANGUAGES = new Set(['python']);

/** Push diagnostics this long after the last change; short, so problems appear while typing. */
const PUSH_DELAY_MS = 50;

export interface ServerOptions {
  readonly grammars?: GrammarLocations;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const log = (m: string) => connection.console.log(m);
  const documents = new TextDocuments(TextDocument);
  const cache = new AnalysisCache();
  const settings = new SettingsStore(connection, log);
  const timers = new Map<string, NodeJS.Timeout>();
  let pullDiagnostics = false;
  let hintRefresh = false;
  let diagnosticRefresh = false;
  let ready = false;

  function analysisOf(doc: TextDocument): { analysis: Analysis; settings: ShapeLensSettings } | undefined {
    if (!ready || !LANGUAGES.has(doc.languageId)) return undefined;
    const s = settings.get(doc.uri);
    return { analysis: cache.get(doc, analyzeOptionsOf(s)), settings: s };
  }

  function diagnosticsOf(doc: TextDocument): Diagnostic[] {
    const a = analysisOf(doc);
    if (!a) return [];
    return documentIssues(a.analysis, doc.getText(), featureSettingsOf(a.settings)).map(i => toDiagnostic(doc, i));
  }

  function pushNow(uri: string): void {
    timers.delete(uri);
    const doc = documents.get(uri);
    if (!doc) return;
    const diagnostics = runSafe(log, 'diagnostics', [] as Diagnostic[], undefined, () => diagnosticsOf(doc));
    if (Array.isArray(diagnostics)) void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }

  function schedulePush(uri: string): void {
    if (pullDiagnostics) return;
    const previous = timers.get(uri);
    if (previous) clearTimeout(previous);
    timers.set(uri, setTimeout(() => pushNow(uri), PUSH_DELAY_MS));
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
    try {
      await loadPythonParser(options.grammars);
      ready = true;
    } catch (e) {
      log(`could not load the Python grammar: ${(e as Error).message}; ShapeLens answers with empty results`);
    }
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

  connection.onDidChangeConfiguration(change => {
    if (!settings.pull) settings.setGlobal((change.settings as { shapelens?: unknown } | undefined)?.shapelens);
    cache.clear();
    const fetches = documents.all().map(d => settings.fetch(d.uri));
    void Promise.all(fetches).then(() => {
      cache.clear();
      refreshAll();
    });
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
    const timer = timers.get(uri);
    if (timer) clearTimeout(timer);
    timers.delete(uri);
    cache.evict(uri);
    settings.forget(uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on((params, token) => {
    const doc = documents.get(params.textDocument.uri);
    const items = runSafe(log, 'diagnostics', [] as Diagnostic[], token, () => (doc ? diagnosticsOf(doc) : []));
    // A cancelled pull asks the client to pull again (the document is changing).
    if (!Array.isArray(items)) return new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });

  connection.onHover((params, token) => {
    const doc = documents.get(params.textDocument.uri);
    return runSafe<Hover | null>(log, 'hover', null, token, () => {
      const a = doc && analysisOf(doc);
      if (!doc || !a) return null;
      const hover = hoverAt(a.analysis, doc.offsetAt(params.position));
      return hover ? toHover(doc, hover) : null;
    });
  });

  connection.languages.inlayHint.on((params, token) => {
    const doc = documents.get(params.textDocument.uri);
    return runSafe<InlayHint[]>(log, 'inlay hints', [], token, () => {
      const a = doc && analysisOf(doc);
      if (!doc || !a) return [];
      return inlayHintsIn(a.analysis, toOffsets(doc, params.range), featureSettingsOf(a.settings)).map(h => toInlayHint(doc, h));
    });
  });

  connection.onCodeLens((params, token) => {
    const doc = documents.get(params.textDocument.uri);
    return runSafe<CodeLens[]>(log, 'code lens', [], token, () => {
      const a = doc && analysisOf(doc);
      return doc && a ? modelLenses(a.analysis).map(l => toCodeLens(doc, l)) : [];
    });
  });

  connection.onCodeAction((params, token) => {
    const doc = documents.get(params.textDocument.uri);
    return runSafe<CodeAction[]>(log, 'code actions', [], token, () => {
      const a = doc && analysisOf(doc);
      if (!doc || !a) return [];
      return shapeCommentActions(a.analysis, doc.getText(), toOffsets(doc, params.range)).map(x => toCodeAction(doc, x));
    });
  });

  connection.onRequest(MODEL_SUMMARY_REQUEST, (params: ModelSummaryParams, token): ModelSummaryResult => {
    const doc = documents.get(params.uri);
    const r = runSafe<ModelSummaryResult>(log, 'model summary', {}, token, () => {
      const a = doc && analysisOf(doc);
      const model = a?.analysis.models.find(m => m.name === params.modelName);
      if (!a || !model) return {};
      return { text: `${modelSummaryText(model)}\n\n(${a.analysis.kerasVersionReason})\n` };
    });
    return r instanceof Error ? {} : r;
  });

  documents.listen(connection);
  connection.listen();
}
