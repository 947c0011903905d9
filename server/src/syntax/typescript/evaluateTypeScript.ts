// Entry of the TS/JS front end: parses with `ts.createSourceFile` (no Program, no type checker), runs the
// abstract interpreter over the file, and returns the graph events, variable bindings and comments.

import ts = require('typescript');
import { GraphBuilder } from '../../ir/graphBuilder';
import { Binding, TsEvaluator, TsMemo } from './evaluator';
import { JsScope } from './scope';
import { collectComments, SourceComment } from './comments';

export type { Binding, TsMemo } from './evaluator';

export interface TypeScriptEvaluation {
  readonly builder: GraphBuilder;
  readonly bindings: Binding[];
  readonly comments: SourceComment[];
  /** Set when the parser failed (e.g. a stack overflow on very deep nesting); the rest is then empty. */
  readonly parseError?: string;
}

/** The script kind for a file name: `.js`/`.mjs`/`.cjs` → JS, `.jsx` → JSX, `.tsx` → TSX, else TS. */
export function scriptKindOf(fileName: string): ts.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (lower.endsWith('.js') || lower.endsWith('.mjs') || lower.endsWith('.cjs')) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

export function isJavaScriptFile(fileName: string): boolean {
  const k = scriptKindOf(fileName);
  return k === ts.ScriptKind.JS || k === ts.ScriptKind.JSX;
}

/** Parses a file as the front end does; a thrown parser error (a stack overflow on deep nesting) is returned. */
export function parseTypeScript(text: string, fileName: string): ts.SourceFile | { readonly parseError: string } {
  try {
    return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, /*setParentNodes*/ false, scriptKindOf(fileName));
  } catch (e) {
    return { parseError: `The TypeScript parser failed: ${(e as Error).message}` };
  }
}

export function evaluateTypeScript(text: string, fileName: string): TypeScriptEvaluation {
  const sourceFile = parseTypeScript(text, fileName);
  if ('parseError' in sourceFile) return { builder: new GraphBuilder(), bindings: [], comments: [], parseError: sourceFile.parseError };
  return evaluateSourceFile(sourceFile);
}

/**
 * Runs the interpreter over a parsed file. It reads only `statements` and `text` of the file (and the
 * nodes below), so an incremental session may pass a file assembled from the statements of several parses,
 * with the statement memo of the previous version (unchanged statements are replayed, statementMemo.ts).
 */
export function evaluateSourceFile(sourceFile: ts.SourceFile, memo?: TsMemo): TypeScriptEvaluation {
  const ev = new TsEvaluator(sourceFile);
  const module = new JsScope(undefined);
  if (memo) ev.runModule(sourceFile.statements, module, memo);
  else ev.runModulePlain(sourceFile.statements, module);
  ev.analyseUncalledFunctions();
  let comments: SourceComment[] = [];
  try {
    comments = collectComments(sourceFile);
  } catch {
    comments = [];
  }
  return { builder: ev.builder, bindings: ev.bindings, comments };
}
