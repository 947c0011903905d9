// Messages between the language server and its analysis worker thread (plain, structured-clone data).
// The worker keeps each document's latest analysis and runs the pure features there, so only their small
// results (offsets and strings) cross the thread boundary, never a whole Analysis.

import type { AnalyzeOptions } from '../service/analyze';
import type { Issue, TextRange } from '../service/types';
import type { CodeActionInfo, FeatureSettings, HintInfo, HoverInfo, LensInfo } from '../features/types';

/** What to compute on a document's analysis. */
export type FeatureQuery =
  | { readonly kind: 'diagnostics' }
  | { readonly kind: 'hints'; readonly range: TextRange }
  | { readonly kind: 'hover'; readonly offset: number }
  | { readonly kind: 'lenses' }
  | { readonly kind: 'actions'; readonly range: TextRange }
  | { readonly kind: 'summary'; readonly modelName: string };

/** The query of one kind. */
export type QueryOf<K extends FeatureQuery['kind']> = Extract<FeatureQuery, { kind: K }>;

export interface FeatureAnswers {
  readonly diagnostics: Issue[];
  readonly hints: HintInfo[];
  readonly hover: HoverInfo | undefined;
  readonly lenses: LensInfo[];
  readonly actions: CodeActionInfo[];
  readonly summary: string | undefined;
}

export interface FeatureRequest {
  readonly id: number;
  readonly uri: string;
  readonly version: number;
  readonly languageId: string;
  readonly text: string;
  readonly options: AnalyzeOptions;
  readonly settings: FeatureSettings;
  readonly query: FeatureQuery;
}

export interface MemoryRequest {
  readonly id: number;
  readonly memory: true;
}

/** Drops a closed document's analysis. */
export interface ForgetRequest {
  readonly id: number;
  readonly forget: string;
}

/** Sets the idle code warm-up's steps per language (an internal knob; see codeWarmUp.ts). */
export interface WarmUpStepsRequest {
  readonly id: number;
  readonly warmUpSteps: number;
}

export type WorkerRequest = FeatureRequest | MemoryRequest | ForgetRequest | WarmUpStepsRequest;

export type WorkerResponse =
  /**
   * `notAnalysed`: why the document was not analysed (the answer is then empty); `recycle`: the worker grew
   * its wasm memory for a huge text and should be replaced to give it back.
   */
  | { readonly id: number; readonly answer: unknown; readonly notAnalysed?: string; readonly recycle?: boolean }
  | { readonly id: number; readonly memory: MemoryReport }
  | { readonly id: number; readonly error: string };

/** Heap of one JS thread, and the process's memory. */
export interface MemoryReport {
  readonly heapUsed: number;
  /** The thread's committed V8 heap (all spaces, incl. both young-generation semispaces). */
  readonly heapTotal: number;
  /** Memory outside the V8 heap that V8 accounts to the thread; in the worker this includes the wasm linear memory. */
  readonly external: number;
  readonly arrayBuffers: number;
  readonly rss: number;
  /** In the worker: the idle code warm-up's progress (codeWarmUp.ts). */
  readonly codeWarmUp?: { readonly languages: readonly string[]; readonly done: boolean; readonly steps: number; readonly failure?: string };
  /**
   * In the worker: the latest requests that analysed a new version, with the milliseconds from taking the request
   * to having its answer (analysis and the feature's answer), for the bench's breakdown of an open.
   */
  readonly recentAnalyses?: readonly { readonly uri: string; readonly version: number; readonly ms: number }[];
}

export interface WorkerReady {
  readonly ready: true;
  readonly loadError?: string;
}
