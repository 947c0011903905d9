// A document's analysis session: analyses successive versions of one document and may reuse work from the
// previous version (an incremental reparse, per-statement caches). Every result equals a fresh analysis of
// the same text; `dispose` frees what the session holds (trees in wasm memory).

import type { Analysis } from './types';

export interface AnalysisSession {
  /** Analyses the document's current text; the result equals `analyzeDocument` of the same text. */
  analyze(text: string): Analysis;
  /** Frees what the session keeps; the session must not be used afterwards. */
  dispose(): void;
}
