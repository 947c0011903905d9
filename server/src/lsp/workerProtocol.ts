// Messages between the language server and its analysis worker thread (plain, structured-clone data).

import type { AnalyzeOptions } from '../service/analyze';
import type { Analysis } from '../service/types';

export interface WorkerRequest {
  readonly id: number;
  /** Set for a memory report instead of an analysis. */
  readonly memory?: true;
  readonly text: string;
  readonly languageId: string;
  readonly options: AnalyzeOptions;
}

export type WorkerResponse =
  /** `recycle`: the worker grew its wasm memory for a huge text and should be replaced to give it back. */
  | { readonly id: number; readonly analysis: Analysis; readonly recycle?: boolean }
  | { readonly id: number; readonly memory: MemoryReport }
  | { readonly id: number; readonly error: string };

/** Heap of one JS thread, and the process's ArrayBuffer memory (which holds the wasm linear memory). */
export interface MemoryReport {
  readonly heapUsed: number;
  readonly arrayBuffers: number;
  readonly rss: number;
}

export interface WorkerReady {
  readonly ready: true;
  readonly loadError?: string;
}
