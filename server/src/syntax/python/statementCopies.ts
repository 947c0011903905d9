// The top-level statements of a parsed Python module for the evaluator, reusing plain-JS copies
// (syntaxNode.ts) across versions: a statement whose text is unchanged and which parsed without errors both
// times is reused (moved to its new start). A statement without a copy is handed over as the wasm tree's own
// node (evaluating it once costs less than copying it) and copied afterwards, in idle time (`copyPending`).
// Once every statement of an error-free version is a copy, an edit can be reparsed locally (localReparse.ts),
// or, inside a number, not at all (numberEdit.ts).

import type { Node, Tree } from 'web-tree-sitter';
import { copySubtree, PyNode, sameStructure, SyntaxNode } from './syntaxNode';
import { OffsetEdit, reparseLocally } from './localReparse';
import { editInsideNumber } from './numberEdit';
import { wasmNodeOf, wasmTreeReader } from './wasmNode';

export class StatementCopies {
  /** Error-free copies for the next call, by statement text (a text may occur more than once). */
  private byText = new Map<string, SyntaxNode[]>();
  /** Copies whose text changed in place since they were indexed, with the text they are indexed under. */
  private retext = new Map<SyntaxNode, string>();

  /** Moves the copies changed in place to their current texts in the index. */
  private reindex(): void {
    for (const [copy, indexedAs] of this.retext) {
      forget(this.byText, copy, indexedAs);
      remember(this.byText, copy.frame.text, copy);
    }
    this.retext.clear();
  }
  /**
   * Error-free statements of the latest call handed over from the wasm tree, not copied yet (valid with its
   * tree): web-tree-sitter's node, to copy from, and the node the evaluator was given (wasmNode.ts's lean
   * reader when the runtime allows it).
   */
  private pending: Node[] = [];
  private pendingGiven: PyNode[] = [];
  /** Per pending statement: whether an error came before it in its tree (`StatementFrame.afterError`). */
  private pendingAfterError: boolean[] = [];
  /** The latest call's statements in order, and where each pending one sits in it. */
  private latest: PyNode[] = [];
  private pendingAt: number[] = [];
  /** Whether the latest version parsed without errors (then every statement is a copy once none is pending). */
  private latestClean = false;
  /**
   * Copies the latest local edit replaced, each with its replacement (one-to-one windows only); a copy updated
   * in place (an edit inside a number) is its own replacement.
   */
  replacements: readonly (readonly [SyntaxNode, SyntaxNode])[] = [];

  /**
   * The module's named top-level nodes, in order: reused copies, else the tree's own nodes. The tree must
   * stay alive while the result is used and until `copyPending` is done or `clear` is called.
   */
  statements(tree: Tree, text: string): PyNode[] {
    this.reindex();
    const previous = this.byText;
    const next = new Map<string, SyntaxNode[]>();
    const pending: Node[] = [];
    const pendingGiven: PyNode[] = [];
    const pendingAt: number[] = [];
    const out: PyNode[] = [];
    // Per-statement error checks cost a call each; a module without errors needs none.
    const anyError = tree.rootNode.hasError;
    // A copy from a tree with errors may be another node than the same text parses to without them (a bare `call`
    // where an `expression_statement` is): its type must match while either tree has errors. After an error, error
    // recovery may also read the same text into another structure (`a = b, c` as a pattern list): a statement after
    // the first error, or a copy made after one, must match node for node.
    const checkTypes = anyError || !this.latestClean;
    this.latest = out;
    this.latestClean = !anyError;
    const reader = wasmTreeReader(tree, text);
    const pendingAfterError: boolean[] = [];
    let errorSeen = false;
    const hand = (node: Node, hasError: boolean): void => {
      const given = reader ? wasmNodeOf(reader, node) : node;
      if (!hasError) {
        pending.push(node);
        pendingGiven.push(given);
        pendingAt.push(out.length);
        pendingAfterError.push(errorSeen);
      }
      out.push(given);
    };
    this.pendingAfterError = pendingAfterError;
    if (previous.size === 0) {
      // Nothing to reuse (a first version, a one-shot analysis): the tree's own nodes, fetched in one call.
      for (const node of tree.rootNode.namedChildren) {
        if (!node) continue;
        const hasError = anyError && node.hasError;
        hand(node, hasError);
        if (hasError) errorSeen = true;
      }
      this.byText = next;
      this.pending = pending;
      this.pendingGiven = pendingGiven;
      this.pendingAt = pendingAt;
      return out;
    }
    const cursor = tree.walk();
    try {
      if (!cursor.gotoFirstChild()) return out;
      do {
        if (!cursor.nodeIsNamed) continue;
        const start = cursor.startIndex;
        const key = text.slice(start, cursor.endIndex);
        const candidates = previous.get(key);
        const node = anyError || (checkTypes && candidates?.length) ? cursor.currentNode : undefined;
        const hasError = anyError && node!.hasError;
        const candidate = candidates?.length ? candidates[candidates.length - 1] : undefined;
        // No error may lie inside a reused statement; see checkTypes for the rest.
        if (candidate && (!checkTypes || (!hasError && (errorSeen || candidate.frame.afterError ? sameStructure(candidate, node!) : candidate.type === cursor.nodeType)))) {
          const copy = candidates!.pop()!;
          copy.frame.start = start;
          copy.frame.afterError = errorSeen;
          out.push(copy);
          remember(next, key, copy);
        } else {
          hand(node ?? cursor.currentNode, hasError);
        }
        if (hasError) errorSeen = true;
      } while (cursor.gotoNextSibling());
      return out;
    } finally {
      cursor.delete();
      this.byText = next;
      this.pending = pending;
      this.pendingGiven = pendingGiven;
      this.pendingAt = pendingAt;
    }
  }

  /**
   * The statements after `edit` turned the latest call's text `before` into `after`, reparsing only the edited
   * lines; undefined (nothing changed) unless the latest version was error-free, every statement is a copy,
   * and localReparse.ts can show the result equals a full parse (windows longer than `maxWindowShare` of the
   * text decline: a full reparse costs less). Replaces the latest call on success.
   */
  statementsAfterLocalEdit(before: string, after: string, edit: OffsetEdit, maxWindowShare?: number): SyntaxNode[] | undefined {
    if (!this.latestClean || this.pending.length > 0) return undefined;
    const latest = this.latest as SyntaxNode[];
    const number = editInsideNumber(latest, before, after, edit);
    if (number) {
      // Indexed under its new text when the index is next read (hashing a statement's text on every keystroke
      // costs more than the rest of such an edit); the first text it was indexed under is kept.
      if (!this.retext.has(number.changed)) this.retext.set(number.changed, number.previousText);
      this.replacements = [[number.changed, number.changed]];
      return latest;
    }
    const result = reparseLocally(latest, before, after, edit, maxWindowShare);
    if (!result) return undefined;
    this.reindex();
    this.replacements = result.replaced.length === result.added.length ? result.replaced.map((old, i) => [old, result.added[i]] as const) : [];
    // The replaced copies leave the by-text index; the new ones join it.
    for (const old of result.replaced) forget(this.byText, old);
    for (const copy of result.added) remember(this.byText, copy.frame.text, copy);
    this.latest = result.statements;
    return result.statements;
  }

  /** Whether some statement of the latest call still waits to be copied. */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /**
   * Copies the latest call's pending statements for the next call, one at a time until `shouldStop()` says
   * so; true when none is left. `text` is the latest call's text; `onCopied` hears of each copy, with the
   * node the evaluator was given.
   */
  copyPending(text: string, shouldStop: () => boolean, onCopied?: (given: PyNode, copy: SyntaxNode) => void): boolean {
    while (this.pending.length > 0) {
      const copy = copySubtree(this.pending.pop()!, text);
      copy.frame.afterError = this.pendingAfterError.pop()!;
      onCopied?.(this.pendingGiven.pop()!, copy);
      this.latest[this.pendingAt.pop()!] = copy;
      remember(this.byText, copy.frame.text, copy);
      if (shouldStop()) return this.pending.length === 0;
    }
    return true;
  }

  /** Forgets the pending statements (before their tree is deleted); their next version hands them over again. */
  dropPending(): void {
    this.pending = [];
    this.pendingAfterError = [];
    this.pendingGiven = [];
    this.pendingAt = [];
    this.latest = [];
    this.latestClean = false;
  }

  clear(): void {
    this.byText = new Map();
    this.retext.clear();
    this.dropPending();
  }
}

function forget(map: Map<string, SyntaxNode[]>, copy: SyntaxNode, key = copy.frame.text): void {
  const list = map.get(key);
  const at = list ? list.indexOf(copy) : -1;
  if (at < 0) return;
  if (list!.length === 1) map.delete(key);
  else list!.splice(at, 1);
}

function remember(map: Map<string, SyntaxNode[]>, key: string, copy: SyntaxNode): void {
  const list = map.get(key);
  if (list) list.push(copy);
  else map.set(key, [copy]);
}
