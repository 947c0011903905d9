// Starts the analysis worker thread (analysisWorker.ts). Kept apart and light, so that the server's entry can
// start it first, and the worker boots (a Node environment, its modules, the Python grammar) while the main
// thread is still loading the LSP libraries and answering the client's `initialize`.

import * as path from 'path';
import { Worker } from 'worker_threads';
import type { GrammarLocations } from '../syntax/python/pythonParser';

/** What the worker reads from its `workerData`. */
export interface WorkerStartData {
  readonly grammars?: GrammarLocations;
  /** Idle code warm-up steps per language (codeWarmUp.ts); undefined for the default. */
  readonly warmUpSteps?: number;
}

export const DEFAULT_WORKER_FILE = path.join(__dirname, 'analysisWorker.js');

/** Starts the worker; it never keeps the process alive on its own (the connection does). */
export function startWorkerThread(data: WorkerStartData, workerFile = DEFAULT_WORKER_FILE): Worker {
  const worker = new Worker(workerFile, { workerData: data });
  worker.unref();
  return worker;
}
