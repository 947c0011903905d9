// The analysis facade: Python text in, plain `Analysis` data out. Parses with tree-sitter (incrementally in a
// session), copies the statements out of the wasm tree, evaluates the program abstractly, chooses the Keras
// version, infers shapes, and collects results. Never throws on any input: binary or oversized text and
// parser failures give an Analysis with `notAnalysed` set.

import type { Tree } from 'web-tree-sitter';
import { describeVersion } from '../ir/kerasVersion';
import { chooseVersion, VersionRequest } from '../infer/chooseVersion';
import { inferShapes } from '../infer/propagate';
import { InferenceSession } from '../infer/inferenceSession';
import { numberLiteral, PythonEvaluator, PythonMemo } from '../syntax/python/evaluator';
import { patchLiteral } from '../syntax/literalPatch';
import { toArgValue } from '../syntax/python/pyValues';
import type { ArgValue } from '../ir/values';
import { Scope } from '../syntax/python/scope';
import { isPythonParserLoaded, parsePython } from '../syntax/python/pythonParser';
import { CollectionMemo, collectResults } from './collectResults';
import { mergeIssues } from './issueList';
import { diffTexts, TextEdit } from '../syntax/textEdit';
import { StatementCopies } from '../syntax/python/statementCopies';
import { StatementMemo } from '../syntax/statementMemo';
import { counterpartsIn, PyNode } from '../syntax/python/syntaxNode';
import type { AnalysisSession } from './session';
import type { Analysis, CommentInfo } from './types';

export interface AnalyzeOptions {
  /** `auto` (default) or a forced generation. */
  readonly kerasVersion?: VersionRequest;
  /** Default image data format (keras.json `image_data_format`; Keras 1 `image_dim_ordering`). */
  readonly defaultDataFormat?: 'channels_last' | 'channels_first';
  /** Texts longer than this (in UTF-16 code units) are not analysed. Default 5 MB. */
  readonly maxLength?: number;
}

export const DEFAULT_MAX_LENGTH = 5 * 1024 * 1024;

function emptyAnalysis(reason: string): Analysis {
  return { language: 'python', kerasVersion: '3', kerasVersionReason: 'not analysed', models: [], layerUses: [], variables: [], issues: [], comments: [], notAnalysed: reason };
}

/** Comments in document order, once each (a loop body is evaluated once per iteration). */
function uniqueByStart(comments: readonly CommentInfo[]): CommentInfo[] {
  // Usually met in order and once each: then the list is taken as it is.
  let ordered = true;
  for (let i = 1; i < comments.length && ordered; i++) ordered = comments[i - 1].range.start < comments[i].range.start;
  if (ordered) return comments.slice();
  const sorted = [...comments].sort((a, b) => a.range.start - b.range.start);
  return sorted.filter((c, i) => i === 0 || sorted[i - 1].range.start !== c.range.start);
}

/** True when the text looks binary (contains NUL characters). */
export function looksBinary(text: string): boolean {
  return text.indexOf('\u0000') !== -1;
}

/**
 * Analyses successive versions of one Python document. Keeps the previous tree for tree-sitter's incremental
 * reparse, the previous statement copies for reuse (an edit within error-free statements reparses just those
 * lines) and the statements' effects for replay (statementMemo.ts); every result equals a fresh `analyzePython`.
 */
export class PythonSession implements AnalysisSession {
  private tree: Tree | undefined;
  /** Edits reparsed locally since `tree` was parsed, in order: applied to it (`Tree.edit`) before it is next reparsed. */
  private treeEdits: TextEdit[] = [];
  private text = '';
  private readonly copies = new StatementCopies();
  /** Effects of the statements for replay in the next version; none for a one-shot analysis. */
  private readonly memo: PythonMemo | undefined;
  /**
   * Inference that resumes after the events the next version shares with this one, and collection that keeps
   * what it produced for them; none for a one-shot analysis.
   */
  private readonly resume: SessionInference | undefined;

  constructor(private readonly options: AnalyzeOptions = {}, oneShot = false) {
    this.memo = oneShot ? undefined : new StatementMemo();
    this.resume = oneShot ? undefined : { inference: new InferenceSession(), collection: new CollectionMemo() };
  }

  analyze(text: string): Analysis {
    const max = this.options.maxLength ?? DEFAULT_MAX_LENGTH;
    if (text.length > max) return this.skip(`The file is larger than the maximum analysed size (${Math.round(text.length / 1024)} KB > ${Math.round(max / 1024)} KB); ShapeLens skips it.`);
    if (looksBinary(text)) return this.skip('The file contains NUL bytes and looks binary; ShapeLens skips it.');
    if (!isPythonParserLoaded()) return this.skip('The Python parser is not loaded yet.');
    try {
      const edit = this.tree ? diffTexts(this.text, text) : undefined;
      // An edit of whole error-free statements is reparsed on its own; the tree only records the edit.
      const local = edit && this.copies.statementsAfterLocalEdit(this.text, text, edit);
      if (local) {
        this.treeEdits.push(edit);
        this.text = text;
        // An edited statement evaluated again may take over what inference kept for its predecessor; one
        // updated in place is the same node, whose effects no longer hold — unless the digits changed a number
        // it passed straight to a layer constructor, which its effects can take in (literalPatch.ts).
        for (const [old, copy] of this.copies.replacements) {
          this.memo?.succeed(copy, old);
          if (copy !== old) continue;
          const span = { start: edit.startIndex, oldEnd: edit.oldEndIndex, newEnd: edit.newEndIndex };
          const patched = this.memo?.update(copy, e => patchLiteral(e, span, text, literalArgument));
          if (!patched) this.memo?.forget(copy);
        }
        return analyzeStatements(local, text, this.options, this.memo, this.resume);
      }
      // Statements waiting to be copied belong to the tree about to be replaced.
      this.copies.dropPending();
      const tree = this.parse(text, edit);
      if (!tree) return this.skip('Parsing took too long and was stopped; ShapeLens skips this file.');
      // Unchanged statements come as copies; the others are evaluated on the wasm tree and copied afterwards.
      return analyzeStatements(this.copies.statements(tree, text), text, this.options, this.memo, this.resume);
    } catch (e) {
      // A bug in the analysis must not take the caller down: report it as not analysed, start afresh next time.
      this.dispose();
      return emptyAnalysis(`Internal error while analysing: ${(e as Error).message}`);
    }
  }

  /** Copies the statements the latest version evaluated on the wasm tree (idle work, see `AnalysisSession`). */
  prepare(shouldStop: () => boolean): boolean {
    return !this.tree || this.copies.copyPending(this.text, shouldStop, (node, copy) => this.memo?.rekey(node, copy, nodes => counterpartsIn(copy, nodes as PyNode[])));
  }

  dispose(): void {
    this.copies.clear();
    this.memo?.clear();
    this.resume?.inference.reset();
    this.resume?.collection.clear();
    this.tree?.delete();
    this.tree = undefined;
    this.treeEdits = [];
    this.text = '';
  }

  private skip(reason: string): Analysis {
    this.dispose();
    return emptyAnalysis(reason);
  }

  /**
   * The new text's tree: an incremental reparse of the previous tree when there is one without errors (`edit`
   * turns the previous text into `text`; the tree may also carry earlier edits that were reparsed locally),
   * unless the text has a syntax error.
   */
  private parse(text: string, edit: TextEdit | undefined): Tree | undefined {
    // tree-sitter's error recovery may shape a broken file differently when it reparses incrementally than
    // when it parses afresh: a tree with errors is parsed afresh, so the result never depends on the history.
    // After a version with errors the next one is most likely broken too: it is parsed afresh at once.
    const previous = this.tree;
    const old = previous && !previous.rootNode.hasError ? previous : undefined;
    if (previous !== old) previous?.delete();
    this.tree = undefined;
    if (old) for (const e of this.treeEdits) old.edit(e);
    this.treeEdits = [];
    if (old && edit) old.edit(edit);
    try {
      this.tree = parsePython(text, undefined, old ?? null);
    } finally {
      old?.delete();
    }
    if (old && this.tree?.rootNode.hasError) {
      this.tree.delete();
      this.tree = parsePython(text);
    }
    this.text = this.tree ? text : '';
    return this.tree;
  }
}

/** A layer argument written as the number `text` (an `integer` or `float` literal), as the evaluator takes it. */
function literalArgument(type: string, text: string): ArgValue | undefined {
  return type === 'integer' || type === 'float' ? toArgValue(numberLiteral(type, text)) : undefined;
}

/** A session's inference and collection, which resume after the events a version shares with the previous one. */
export interface SessionInference {
  readonly inference: InferenceSession;
  readonly collection: CollectionMemo;
}

/**
 * Evaluates a module's statements (replaying unchanged ones from a session's `memo`), chooses the version,
 * infers shapes and collects the results (a session's `resume` continues after what is unchanged).
 */
function analyzeStatements(statements: readonly (PyNode | null)[], text: string, options: AnalyzeOptions, memo?: PythonMemo, resume?: SessionInference): Analysis {
  const evaluator = new PythonEvaluator(text);
  const module = new Scope(undefined);
  if (memo) evaluator.runModule(statements, module, memo);
  else evaluator.runModulePlain(statements, module);
  evaluator.analyseUncalledFunctions();
  const choice = chooseVersion(evaluator.evidence, options.kerasVersion ?? 'auto');
  const buildOptions = { version: choice.version, defaultDataFormat: options.defaultDataFormat ?? 'channels_last' } as const;
  const { events, uncertainCalls } = evaluator.builder;
  const inferred = memo && resume ? resume.inference.infer(events, uncertainCalls, buildOptions, memo.changedFrom) : inferShapes(events, uncertainCalls, buildOptions);
  const issues = mergeIssues(evaluator.builder.issues, inferred.issues);
  const results = collectResults(inferred.models, events, evaluator.bindings, resume && { memo: resume.collection, keptBefore: inferred.unchangedBefore });
  return {
    language: 'python',
    kerasVersion: choice.version,
    kerasVersionReason: `${describeVersion(choice.version)}: ${choice.reason}`,
    models: results.models,
    layerUses: results.layerUses,
    variables: results.variables,
    issues,
    comments: uniqueByStart(evaluator.comments),
  };
}

/** Analyses Python source from scratch. `loadPythonParser()` must have resolved first. */
export function analyzePython(text: string, options: AnalyzeOptions = {}): Analysis {
  const session = new PythonSession(options, true);
  try {
    return session.analyze(text);
  } finally {
    session.dispose();
  }
}
