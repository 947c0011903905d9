// The server's analysis front door: one analysis per document version (and analysis settings), computed
// in a worker thread that is restarted when it dies or runs past a deadline. Callers get an Analysis
// always — a crashed or stopped analysis comes back as one with `notAnalysed` set.

import * as path from 'path';
import { Worker } from 'worker_threads';
import type { AnalyzeOptions } from '../service/analyze';
import type { Analysis } from '../service/types';
import type { GrammarLocations } from '../syntax/python/pythonParser';
import type { MemoryReport, WorkerReady, WorkerRequest, WorkerResponse } from './workerProtocol';

export interface DocumentSnapshot {
  readonly uri: string;
  readonly version: number;
  readonly languageId: string;
  readonly text: string;
}

interface Entry {
  readonly version: number;
  readonly optionsKey: string;
  readonly result: Promise<Analysis>;
}

interface Queued {
  readonly message: WorkerRequest;
  readonly resolve: (a: Analysis) => void;
  readonly resolveMemory?: (m: MemoryReport | undefined) => void;
}

export function notAnalysed(reason: string): Analysis {
  return { language: 'python', kerasVersion: '3', kerasVersionReason: 'not analysed', models: [], layerUses: [], variables: [], issues: [], comments: [], notAnalysed: reason };
}

export class AnalysisService {
  private worker: Worker | undefined;
  /** Whether the current worker has loaded its grammar (deadlines run only while it can work). */
  private workerReady = false;
  /** Requests in the order the worker takes them; the first is the one it is working on. */
  private readonly queue: Queued[] = [];
  private headTimer: NodeJS.Timeout | undefined;
  private readonly entries = new Map<string, Entry>();
  private nextId = 1;
  /** How many workers were started (1 + restarts), for the log and tests. */
  workersStarted = 0;

  constructor(
    private readonly grammars: GrammarLocations,
    private readonly log: (m: string) => void,
    private readonly timeoutMs = 20_000,
    private readonly workerFile = path.join(__dirname, 'analysisWorker.js'),
  ) {}

  /** The analysis of a snapshot, shared by every request for the same version and options. */
  analyze(snap: DocumentSnapshot, options: AnalyzeOptions): Promise<Analysis> {
    const optionsKey = `${snap.languageId}|${options.kerasVersion}|${options.defaultDataFormat}|${options.maxLength}`;
    const hit = this.entries.get(snap.uri);
    if (hit && hit.version === snap.version && hit.optionsKey === optionsKey) return hit.result;
    // Refuse what cannot be analysed before it reaches the worker (and its wasm memory).
    const max = options.maxLength ?? Infinity;
    const result = snap.text.length > max
      ? Promise.resolve(notAnalysed(`The file is larger than the maximum analysed size (${Math.round(snap.text.length / 1024)} KB > ${Math.round(max / 1024)} KB, setting shapelens.maxFileSizeMB); ShapeLens skips it.`))
      : this.request(snap, options);
    this.entries.set(snap.uri, { version: snap.version, optionsKey, result });
    return result;
  }

  /** Starts the worker (and its grammar load) ahead of the first document, so opening one is fast. */
  warmUp(): void {
    this.ensureWorker();
  }

  /** The worker's memory (undefined when no worker runs), after a garbage collection where exposed. */
  workerMemory(): Promise<MemoryReport | undefined> {
    if (!this.worker) return Promise.resolve(undefined);
    return new Promise(resolve => {
      const message: WorkerRequest = { id: this.nextId++, text: '', languageId: '', options: {}, memory: true };
      this.queue.push({ message, resolve: () => resolve(undefined), resolveMemory: resolve });
      this.ensureWorker().postMessage(message);
      if (this.queue.length === 1) this.armHeadTimer();
    });
  }

  evict(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }

  dispose(): void {
    if (this.headTimer) clearTimeout(this.headTimer);
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private request(snap: DocumentSnapshot, options: AnalyzeOptions): Promise<Analysis> {
    return new Promise<Analysis>(resolve => {
      const message: WorkerRequest = { id: this.nextId++, text: snap.text, languageId: snap.languageId, options };
      this.queue.push({ message, resolve });
      this.ensureWorker().postMessage(message);
      if (this.queue.length === 1) this.armHeadTimer();
    });
  }

  /**
   * The deadline runs for the request the worker is working on, from when it started on it — not while a
   * new worker is still loading its grammar.
   */
  private armHeadTimer(): void {
    if (this.headTimer) clearTimeout(this.headTimer);
    this.headTimer = undefined;
    const head = this.queue[0];
    if (head && this.workerReady) this.headTimer = setTimeout(() => this.stopRunaway(head.message.id), this.timeoutMs);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile, { workerData: { grammars: this.grammars } });
    this.workersStarted++;
    this.workerReady = false;
    worker.on('message', (m: WorkerResponse | WorkerReady) => {
      if ('ready' in m) {
        if (m.loadError) this.log(`could not load the Python grammar: ${m.loadError}`);
        if (this.worker === worker) {
          this.workerReady = true;
          this.armHeadTimer();
        }
        return;
      }
      const index = this.queue.findIndex(q => q.message.id === m.id);
      if (index < 0) return;
      const [done] = this.queue.splice(index, 1);
      if ('memory' in m) done.resolveMemory?.(m.memory);
      else done.resolve('analysis' in m ? m.analysis : notAnalysed(`Internal error while analysing: ${m.error}`));
      if ('analysis' in m && m.recycle) this.recycle(worker);
      if (index === 0) this.armHeadTimer();
    });
    worker.on('error', e => this.log(`analysis worker error: ${e.stack ?? e.message}`));
    worker.on('exit', code => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.log(`the analysis worker exited (code ${code}); restarting it`);
      this.failHeadAndResend(`The analysis of this version stopped (the parser exited with code ${code}); ShapeLens skips it.`);
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Replaces the worker (after a huge text, to give its wasm memory back); queued requests move over. */
  private recycle(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    void worker.terminate();
    if (this.queue.length) {
      const next = this.ensureWorker();
      for (const q of this.queue) next.postMessage(q.message);
    }
  }

  /** The head request is past its deadline: the worker is replaced and the others go to the new one. */
  private stopRunaway(id: number): void {
    if (this.queue[0]?.message.id !== id) return;
    this.log(`analysis ${id} took longer than ${this.timeoutMs} ms; restarting the analysis worker`);
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    const limit = this.timeoutMs % 1000 === 0 ? `${this.timeoutMs / 1000} s` : `${this.timeoutMs} ms`;
    this.failHeadAndResend(`Analysing this file took longer than ${limit} and was stopped; ShapeLens skips it.`);
  }

  /** The request being worked on failed the worker; it alone is answered "not analysed". */
  private failHeadAndResend(reason: string): void {
    const head = this.queue.shift();
    head?.resolve(notAnalysed(reason));
    if (this.queue.length) {
      const worker = this.ensureWorker();
      for (const q of this.queue) worker.postMessage(q.message);
    }
    this.armHeadTimer();
  }
}
