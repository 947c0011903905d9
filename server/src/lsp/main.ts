// Entry point of the language server process (over node IPC from VS Code, or `--stdio` for other editors):
// creates the connection, routes the console to the client, logs instead of dying, and starts the server.

import * as fs from 'fs';
import * as path from 'path';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import type { GrammarLocations } from '../syntax/python/pythonParser';
import { startServer } from './server';

/** In the bundled extension the wasm files sit beside this file; in development they come from node_modules. */
function grammarLocations(): GrammarLocations {
  const runtime = path.join(__dirname, 'tree-sitter.wasm');
  const python = path.join(__dirname, 'tree-sitter-python.wasm');
  return fs.existsSync(runtime) && fs.existsSync(python) ? { runtimeWasm: runtime, pythonWasm: python } : {};
}

export function main(): void {
  const connection = createConnection(ProposedFeatures.all);
  console.log = connection.console.log.bind(connection.console);
  console.error = connection.console.error.bind(connection.console);
  process.on('uncaughtException', e => connection.console.error(`uncaught exception: ${e.stack ?? e.message}`));
  process.on('unhandledRejection', e => connection.console.error(`unhandled rejection: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
  startServer(connection, { grammars: grammarLocations() });
}

if (require.main === module) main();
