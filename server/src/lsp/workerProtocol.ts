// Messages between the language server and its analysis worker thread (plain, structured-clone data).

import type { AnalyzeOptions } from '../service/analyze';
import type { Analysis } from '../service/types';

export interface WorkerRequest {
  readonly id: number;
  readonly text: string;
  readonly languageId: string;
  readonly options: AnalyzeOptions;
}

export type WorkerResponse =
  | { readonly id: number; readonly analysis: Analysis }
  | { readonly id: number; readonly error: string };

export interface WorkerReady {
  readonly ready: true;
  readonly loadError?: string;
}
