// The analysis worker thread: owns the tree-sitter wasm runtime and analyses documents on request. If
// the wasm runtime aborts or a parse runs away, the main thread throws this worker away and starts another;
// the server itself never stalls or dies with it.

import { parentPort, workerData } from 'worker_threads';
import { getHeapStatistics } from 'v8';
import { loadPythonParser, GrammarLocations } from '../syntax/python/pythonParser';
import { analyzeDocument } from '../service/analyzeDocument';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';

async function start(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const grammars = (workerData as { grammars?: GrammarLocations } | undefined)?.grammars ?? {};
  let loadError: string | undefined;
  try {
    await loadPythonParser(grammars);
  } catch (e) {
    loadError = (e as Error).message;
  }
  port.on('message', (request: WorkerRequest) => {
    let response: WorkerResponse;
    try {
      if (request.memory) {
        (globalThis as { gc?: () => void }).gc?.(); // only with --expose-gc (tests, benchmarks)
        const m = process.memoryUsage();
        response = { id: request.id, memory: { heapUsed: getHeapStatistics().used_heap_size, arrayBuffers: m.arrayBuffers, rss: m.rss } };
      } else response = { id: request.id, analysis: analyzeDocument(request.text, request.languageId, request.options) };
    } catch (e) {
      response = { id: request.id, error: (e as Error).message };
    }
    port.postMessage(response);
  });
  port.postMessage({ ready: true, loadError });
}

void start();
