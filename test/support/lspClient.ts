// A minimal LSP client for protocol tests: spawns `shapelens lsp --stdio` and talks JSON-RPC to it with
// vscode-languageserver-protocol, recording every published diagnostics notification.

import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import {
  ClientCapabilities, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification,
  InitializeRequest, InitializedNotification, ProtocolConnection, PublishDiagnosticsNotification, PublishDiagnosticsParams,
  StreamMessageReader, StreamMessageWriter, TextDocumentContentChangeEvent, createProtocolConnection,
} from 'vscode-languageserver-protocol/node';

const BIN = path.resolve(__dirname, '../../../bin/shapelens.js');

export interface TestClient {
  readonly connection: ProtocolConnection;
  readonly published: PublishDiagnosticsParams[];
  readonly logs: string[];
  /** Server-to-client refresh requests received (`workspace/inlayHint/refresh`, …). */
  readonly refreshes: string[];
  /** The server's process id. */
  readonly pid: number | undefined;
  open(uri: string, text: string, version?: number, languageId?: string): void;
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void;
  close(uri: string): void;
  /** Resolves with the first diagnostics notification for `uri` matching `predicate` (bounded wait). */
  waitForDiagnostics(uri: string, predicate?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  stop(): Promise<void>;
}

export interface ClientOptions {
  /** Advertise pull diagnostics (the server then pushes none). */
  readonly pull?: boolean;
  /** `shapelens.*` settings sent as initialization options. */
  readonly settings?: unknown;
  /** Advertise inlay-hint and diagnostic refresh support. */
  readonly refresh?: boolean;
  /** The server's analysis deadline (an internal knob for tests). */
  readonly analysisTimeoutMs?: number;
  /** Idle code warm-up steps per language in the server's worker (0: none; default: the server's). */
  readonly codeWarmUpSteps?: number;
  /** Another `shapelens` entry script to spawn (e.g. one built elsewhere); default bin/shapelens.js. */
  readonly bin?: string;
  /** Extra node flags for the server process (e.g. `--expose-gc`). */
  readonly nodeArgs?: readonly string[];
}

export async function startClient(options: ClientOptions = {}): Promise<TestClient> {
  const proc: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), options.bin ?? BIN, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const logs: string[] = [];
  const waiters: (() => void)[] = [];
  const refreshes: string[] = [];
  for (const method of ['workspace/inlayHint/refresh', 'workspace/diagnostic/refresh', 'workspace/codeLens/refresh']) {
    connection.onRequest(method, () => {
      refreshes.push(method);
      for (const w of waiters.splice(0)) w();
      return null;
    });
  }
  connection.onNotification(PublishDiagnosticsNotification.type, p => {
    published.push(p);
    for (const w of waiters.splice(0)) w();
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
  proc.stderr!.on('data', d => logs.push(String(d)));
  connection.listen();
  const capabilities: ClientCapabilities = {
    textDocument: {
      synchronization: { dynamicRegistration: false },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      inlayHint: {},
      publishDiagnostics: { versionSupport: true, relatedInformation: true },
      ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
    },
    workspace: { configuration: false, ...(options.refresh ? { inlayHint: { refreshSupport: true }, diagnostics: { refreshSupport: true } } : {}) },
  };
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities,
    initializationOptions: { settings: options.settings, analysisTimeoutMs: options.analysisTimeoutMs, codeWarmUpSteps: options.codeWarmUpSteps },
  });
  await connection.sendNotification(InitializedNotification.type, {});

  const client: TestClient = {
    connection,
    published,
    logs,
    refreshes,
    pid: proc.pid,
    open(uri, text, version = 1, languageId = 'python') {
      void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    },
    change(uri, version, contentChanges) {
      void connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
    },
    close(uri) {
      void connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    },
    waitForDiagnostics(uri, predicate = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; got ${JSON.stringify(published.filter(p => p.uri === uri).map(p => p.version))}`)), timeoutMs);
        const check = () => {
          const hit = published.find(p => p.uri === uri && predicate(p));
          if (hit) {
            clearTimeout(deadline);
            resolve(hit);
          } else waiters.push(check);
        };
        check();
      });
    },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // the server may already be gone
      }
      connection.dispose();
      await new Promise<void>(resolve => {
        if (proc.exitCode !== null) return resolve();
        const t = setTimeout(() => {
          proc.kill();
          resolve();
        }, 2000);
        proc.on('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
    },
  };
  return client;
}
