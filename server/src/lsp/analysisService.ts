// The server's analysis front door: feature queries on a document version, answered by a worker thread
// that keeps the analyses. The worker is restarted when it dies or runs past a deadline; a query whose
// document cannot be analysed (too large, crashed, stopped) gets that query's "not analysed" answer.

import type { Worker } from 'worker_threads';
import type { AnalyzeOptions } from '../service/analyze';
import type { GrammarLocations } from '../syntax/python/pythonParser';
import type { FeatureSettings } from '../features/types';
import { notAnalysedAnswer } from './answerQuery';
import type { FeatureAnswers, FeatureQuery, MemoryReport, QueryOf, WorkerReady, WorkerRequest, WorkerResponse } from './workerProtocol';
import { DEFAULT_WORKER_FILE, startWorkerThread } from './workerThread';

export interface DocumentSnapshot {
  readonly uri: string;
  readonly version: number;
  readonly languageId: string;
  readonly text: string;
}

interface Queued {
  readonly message: WorkerRequest;
  /** Called with the worker's answer. */
  readonly done: (response: WorkerResponse) => void;
  /** Called when the worker failed on this request (crash, deadline): the reason for the user. */
  readonly fail: (reason: string) => void;
}

export class AnalysisService {
  private worker: Worker | undefined;
  /** Whether the current worker has loaded its grammar (deadlines run only while it can work). */
  private workerReady = false;
  /** Requests in the order the worker takes them; the first is the one it is working on. */
  private readonly queue: Queued[] = [];
  private headTimer: NodeJS.Timeout | undefined;
  private nextId = 1;
  /** How many workers were started (1 + restarts), for the log and tests. */
  workersStarted = 0;

  /** Whether requests are waiting or being worked on. */
  get busy(): boolean {
    return this.queue.length > 0;
  }

  constructor(
    private readonly grammars: GrammarLocations,
    private readonly log: (m: string) => void,
    private timeoutMs = 20_000,
    private readonly workerFile = DEFAULT_WORKER_FILE,
    /** Idle code warm-up steps per language in the worker (codeWarmUp.ts); undefined for the default. */
    private warmUpSteps?: number,
    /** A worker already started with the same grammars and default steps (the server's entry starts one first). */
    firstWorker?: Worker,
  ) {
    if (firstWorker) this.adopt(firstWorker);
  }

  /**
   * Internal knobs from the client's initialisation (tests, the bench): another analysis deadline, other code
   * warm-up steps. They apply to the current worker (the steps by a message, ahead of any document) and to
   * every later one.
   */
  configure(knobs: { readonly timeoutMs?: number; readonly warmUpSteps?: number }): void {
    if (knobs.timeoutMs !== undefined) {
      this.timeoutMs = knobs.timeoutMs;
      this.armHeadTimer();
    }
    if (knobs.warmUpSteps !== undefined) {
      this.warmUpSteps = knobs.warmUpSteps;
      if (this.worker) this.enqueue({ message: { id: this.nextId++, warmUpSteps: knobs.warmUpSteps }, done: () => undefined, fail: () => undefined });
    }
  }

  /** Runs a feature query on the analysis of a snapshot (the worker analyses each version once). */
  query<K extends FeatureQuery['kind']>(snap: DocumentSnapshot, options: AnalyzeOptions, settings: FeatureSettings, query: QueryOf<K>): Promise<FeatureAnswers[K]> {
    // Refuse what cannot be analysed before it reaches the worker (and its wasm memory).
    const max = options.maxLength ?? Infinity;
    if (snap.text.length > max) {
      const reason = `The file is larger than the maximum analysed size (${Math.round(snap.text.length / 1024)} KB > ${Math.round(max / 1024)} KB, setting shapelens.maxFileSizeMB); ShapeLens skips it.`;
      return Promise.resolve(notAnalysedAnswer(query, reason) as FeatureAnswers[K]);
    }
    return new Promise(resolve => {
      const message: WorkerRequest = { id: this.nextId++, uri: snap.uri, version: snap.version, languageId: snap.languageId, text: snap.text, options, settings, query };
      this.enqueue({
        message,
        done: r => resolve(('answer' in r ? r.answer : notAnalysedAnswer(query, `Internal error while analysing: ${'error' in r ? r.error : '?'}`)) as FeatureAnswers[K]),
        fail: reason => resolve(notAnalysedAnswer(query, reason) as FeatureAnswers[K]),
      });
    });
  }

  /** Starts the worker (and its grammar load) ahead of the first document, so opening one is fast. */
  startWorker(): void {
    this.ensureWorker();
  }

  /** The worker drops a closed document's analyses. */
  forget(uri: string): void {
    if (!this.worker) return;
    this.enqueue({ message: { id: this.nextId++, forget: uri }, done: () => undefined, fail: () => undefined });
  }

  /** The worker's memory (undefined when no worker runs), after a garbage collection where exposed. */
  workerMemory(): Promise<MemoryReport | undefined> {
    if (!this.worker) return Promise.resolve(undefined);
    return new Promise(resolve => {
      this.enqueue({ message: { id: this.nextId++, memory: true }, done: r => resolve('memory' in r ? r.memory : undefined), fail: () => resolve(undefined) });
    });
  }

  dispose(): void {
    if (this.headTimer) clearTimeout(this.headTimer);
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private enqueue(q: Queued): void {
    this.queue.push(q);
    this.ensureWorker().postMessage(q.message);
    if (this.queue.length === 1) this.armHeadTimer();
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
    return this.worker ?? this.adopt(startWorkerThread({ grammars: this.grammars, warmUpSteps: this.warmUpSteps }, this.workerFile));
  }

  /**
   * Makes `worker` the current worker and listens to it. Called in the same tick as the worker was started, so
   * that none of its messages (the first is "ready") can arrive before the listener.
   */
  private adopt(worker: Worker): Worker {
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
      done.done(m);
      if ('answer' in m && m.recycle) this.recycle(worker);
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
    this.resend();
  }

  /** The head request is past its deadline: the worker is replaced and the others go to the new one. */
  private stopRunaway(id: number): void {
    if (this.queue[0]?.message.id !== id) return;
    this.log(`analysis request ${id} took longer than ${this.timeoutMs} ms; restarting the analysis worker`);
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    const limit = this.timeoutMs % 1000 === 0 ? `${this.timeoutMs / 1000} s` : `${this.timeoutMs} ms`;
    this.failHeadAndResend(`Analysing this file took longer than ${limit} and was stopped; ShapeLens skips it.`);
  }

  /** The request being worked on failed the worker; it alone is answered "not analysed". */
  private failHeadAndResend(reason: string): void {
    this.queue.shift()?.fail(reason);
    this.resend();
  }

  private resend(): void {
    if (this.queue.length) {
      const worker = this.ensureWorker();
      for (const q of this.queue) worker.postMessage(q.message);
    }
    this.armHeadTimer();
  }
}
