// A document's analysis session: analyses successive versions of one document and may reuse work from the
// previous version (an incremental reparse, per-statement caches). Every result equals a fresh analysis of
// the same text; `dispose` frees what the session holds (trees in wasm memory).

import type { Analysis } from './types';

export interface AnalysisSession {
  /** Analyses the document's current text; the result equals `analyzeDocument` of the same text. */
  analyze(text: string): Analysis;
  /**
   * Optional idle work that makes the next version cheaper (e.g. copying the current tree's statements).
   * Runs until `shouldStop()` says so; returns true when nothing is left to do for the current version.
   */
  prepare?(shouldStop: () => boolean): boolean;
  /** Frees what the session keeps; the session must not be used afterwards. */
  dispose(): void;
}
