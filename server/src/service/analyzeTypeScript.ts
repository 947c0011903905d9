// The analysis facade for TypeScript and JavaScript (TF.js): text in, plain `Analysis` data out. Parses
// with the TypeScript compiler's parser, evaluates the program abstractly, infers shapes with TensorFlow.js
// semantics and collects results. Never throws: binary, oversized or unparseable text is `notAnalysed`.

import { inferShapes } from '../infer/propagate';
import { evaluateTypeScript, isJavaScriptFile, TypeScriptEvaluation } from '../syntax/typescript/evaluateTypeScript';
import { collectResults } from './collectResults';
import { mergeIssues } from './issueList';
import { AnalyzeOptions, DEFAULT_MAX_LENGTH, looksBinary, SessionInference } from './analyze';
import type { Analysis, CommentInfo } from './types';

const VERSION_REASON = 'TensorFlow.js: the file imports @tensorflow/tfjs';

function emptyAnalysis(language: Analysis['language'], reason: string): Analysis {
  return { language, kerasVersion: 'tfjs', kerasVersionReason: 'not analysed', models: [], layerUses: [], variables: [], issues: [], comments: [], notAnalysed: reason };
}

/** Comments in document order, once each (collectComments already returns them so: then no copy is made). */
function uniqueByStart(comments: readonly CommentInfo[]): CommentInfo[] {
  let ordered = true;
  for (let i = 1; i < comments.length && ordered; i++) ordered = comments[i - 1].range.start < comments[i].range.start;
  if (ordered) return comments as CommentInfo[];
  const sorted = [...comments].sort((a, b) => a.range.start - b.range.start);
  return sorted.filter((c, i) => i === 0 || sorted[i - 1].range.start !== c.range.start);
}

export function languageOf(fileName: string): Analysis['language'] {
  return isJavaScriptFile(fileName) ? 'javascript' : 'typescript';
}

/** Why a text is not analysed at all (too large, binary), before any parse; undefined when it is analysed. */
export function skipReason(text: string, options: AnalyzeOptions): string | undefined {
  const max = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > max) return `The file is larger than the maximum analysed size (${Math.round(text.length / 1024)} KB > ${Math.round(max / 1024)} KB); ShapeLens skips it.`;
  if (looksBinary(text)) return 'The file contains NUL bytes and looks binary; ShapeLens skips it.';
  return undefined;
}

/** Analyses TypeScript or JavaScript source (the language follows the file name's extension). */
export function analyzeTypeScript(text: string, fileName: string, options: AnalyzeOptions = {}): Analysis {
  const language = languageOf(fileName);
  try {
    const skip = skipReason(text, options);
    if (skip) return emptyAnalysis(language, skip);
    return analysisOf(evaluateTypeScript(text, fileName), language, options);
  } catch (e) {
    return internalError(language, e);
  }
}

export function internalError(language: Analysis['language'], e: unknown): Analysis {
  // A bug in the analysis (or a stack overflow) must not take the caller down: report it as not analysed.
  return emptyAnalysis(language, `Internal error while analysing: ${(e as Error).message}`);
}

/**
 * Shape inference and results for an evaluated file (may throw: callers report it with internalError). A session
 * passes its inference and collection, which resume at the first event changed, at `changedFrom` at the latest.
 */
export function analysisOf(evaluation: TypeScriptEvaluation, language: Analysis['language'], options: AnalyzeOptions, resume?: SessionInference & { readonly changedFrom: number }): Analysis {
  if (evaluation.parseError) return emptyAnalysis(language, `${evaluation.parseError}; ShapeLens skips this file.`);
  const { builder } = evaluation;
  const buildOptions = { version: 'tfjs', defaultDataFormat: options.defaultDataFormat ?? 'channels_last' } as const;
  const inference = resume
    ? resume.inference.infer(builder.events, builder.uncertainCalls, buildOptions, resume.changedFrom)
    : inferShapes(builder.events, builder.uncertainCalls, buildOptions);
  const issues = mergeIssues(builder.issues, inference.issues);
  const results = collectResults(inference.models, builder.events, evaluation.bindings, resume && { memo: resume.collection, keptBefore: inference.unchangedBefore });
  return {
    language,
    kerasVersion: 'tfjs',
    kerasVersionReason: VERSION_REASON,
    models: results.models,
    layerUses: results.layerUses,
    variables: results.variables,
    issues,
    comments: uniqueByStart(evaluation.comments),
  };
}
