// The analysis session of a TS/JS document: reuses the previous version's parse (updated in place for digits
// typed into a number, syntax/typescript/numberEdit.ts; else top-level statements away from the edit, see
// syntax/typescript/incrementalParse.ts) and falls back to a full parse whenever that declines; replays the
// unchanged statements' effects (syntax/statementMemo.ts). Each result equals `analyzeTypeScript`'s.

import { evaluateSourceFile, TsMemo } from '../syntax/typescript/evaluateTypeScript';
import { StatementMemo } from '../syntax/statementMemo';
import { InferenceSession } from '../infer/inferenceSession';
import { CollectionMemo } from './collectResults';
import { editInsideNumber } from '../syntax/typescript/numberEdit';
import { ParsedDocument, parseDocument, reparse } from '../syntax/typescript/incrementalParse';
import type { AnalyzeOptions } from './analyze';
import { analysisOf, analyzeTypeScript, languageOf, skipReason } from './analyzeTypeScript';
import type { AnalysisSession } from './session';
import type { Analysis } from './types';

export function createTypeScriptSession(fileName: string, options: AnalyzeOptions): AnalysisSession {
  const language = languageOf(fileName);
  /** The latest parse, when the latest version was parsed (not skipped, parser did not throw). */
  let parsed: ParsedDocument | undefined;
  /** The latest result: the same text again (a re-request) returns it (results are treated as read-only). */
  let last: { readonly text: string; readonly analysis: Analysis } | undefined;
  /** What each statement of the latest parse did, for replay in the next version (keyed by statement node). */
  const memo: TsMemo = new StatementMemo();
  /** Inference that resumes after the events the next version shares with the latest one, and its collection. */
  const inference = new InferenceSession();
  const collection = new CollectionMemo();

  const analyzeFresh = (text: string): Analysis => {
    parsed = undefined;
    memo.clear();
    inference.reset();
    collection.clear();
    return analyzeTypeScript(text, fileName, options);
  };

  const analyzeReusing = (text: string): Analysis => {
    if (skipReason(text, options) !== undefined) return analyzeFresh(text);
    try {
      const previous = parsed;
      parsed = undefined; // a reparse changes the previous parse's nodes: it is spent either way
      // Digits typed into a number need no parse; else a window of statements is reparsed, else everything.
      const number = previous && editInsideNumber(previous, text);
      if (number) {
        // Changed in place: its effects no longer hold, but what inference kept for it may still serve.
        memo.succeed(number.changed, number.changed);
        memo.forget(number.changed);
      }
      const next = number?.document ?? (previous && reparse(previous, text, fileName)) ?? parseDocument(text, fileName);
      if (!next) return analyzeFresh(text); // the parser threw: reported as a fresh analysis does
      const evaluation = evaluateSourceFile(next.file, memo);
      const analysis = analysisOf(evaluation, language, options, { inference, collection, changedFrom: memo.changedFrom });
      parsed = next;
      return analysis;
    } catch {
      // Whatever went wrong (an internal error, a stack overflow): the fresh analysis reports it exactly.
      return analyzeFresh(text);
    }
  };

  return {
    analyze(text: string): Analysis {
      if (last && last.text === text) return last.analysis;
      const analysis = analyzeReusing(text);
      last = { text, analysis };
      return analysis;
    },
    dispose(): void {
      parsed = undefined;
      memo.clear();
      inference.reset();
      collection.clear();
      last = undefined;
    },
  };
}
