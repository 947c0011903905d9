// Entry point of the language server process (over node IPC from VS Code, or `--stdio` for other editors):
// starts the analysis worker first, then creates the connection, routes the console to the client, logs
// instead of dying, and starts the server.

import * as fs from 'fs';
import * as path from 'path';
import type { GrammarLocations } from '../syntax/python/pythonParser';
import { startWorkerThread } from './workerThread';

/** In the bundled extension the wasm files sit beside this file; in development they come from node_modules. */
function grammarLocations(): GrammarLocations {
  const runtime = path.join(__dirname, 'tree-sitter.wasm');
  const python = path.join(__dirname, 'tree-sitter-python.wasm');
  return fs.existsSync(runtime) && fs.existsSync(python) ? { runtimeWasm: runtime, pythonWasm: python } : {};
}

export function main(): void {
  const grammars = grammarLocations();
  // The worker boots while this thread loads the LSP libraries (required below, not at the top, for that) and
  // the client says hello: the first document does not wait for all of it.
  const firstWorker = startWorkerThread({ grammars });
  try {
    const { ProposedFeatures, createConnection } = require('vscode-languageserver/node') as typeof import('vscode-languageserver/node');
    const { startServer } = require('./server') as typeof import('./server');
    const connection = createConnection(ProposedFeatures.all);
    console.log = connection.console.log.bind(connection.console);
    console.error = connection.console.error.bind(connection.console);
    process.on('uncaughtException', e => connection.console.error(`uncaught exception: ${e.stack ?? e.message}`));
    process.on('unhandledRejection', e => connection.console.error(`unhandled rejection: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
    startServer(connection, { grammars, firstWorker });
  } catch (e) {
    // No server (e.g. no usable transport): the worker must not outlive it.
    void firstWorker.terminate();
    throw e;
  }
}

if (require.main === module) main();
