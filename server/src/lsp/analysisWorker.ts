// The analysis worker thread: owns the tree-sitter wasm runtime and analyses documents on request. If
// the wasm runtime aborts or a parse runs away, the main thread throws this worker away and starts another;
// the server itself never stalls or dies with it.

import { parentPort, workerData } from 'worker_threads';
import { getHeapStatistics } from 'v8';
import { loadPythonParser, GrammarLocations } from '../syntax/python/pythonParser';
import { analyzeDocument } from '../service/analyzeDocument';
import type { WorkerRequest, WorkerResponse } from './workerProtocol';

/** Texts longer than this (UTF-16 units) leave the wasm heap large; the worker is then replaced. */
const RECYCLE_AFTER_LENGTH = 4 * 1024 * 1024;

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
      } else {
        const analysis = analyzeDocument(request.text, request.languageId, request.options);
        // WebAssembly memory never shrinks: after a huge text, a fresh worker gives it back.
        response = { id: request.id, analysis, ...(request.text.length > RECYCLE_AFTER_LENGTH ? { recycle: true } : {}) };
      }
    } catch (e) {
      response = { id: request.id, error: (e as Error).message };
    }
    port.postMessage(response);
  });
  port.postMessage({ ready: true, loadError });
}

void start();
