// The top-level statements of a parsed Python module as plain-JS copies (syntaxNode.ts), keeping the copies
// of one analysis for the next: a statement whose text is unchanged and which parsed without errors both
// times is reused (moved to its new start) instead of being copied out of the wasm tree again. The copies of
// a version evaluated on the wasm tree directly can be made ahead of its first edit, in idle time.

import type { Tree } from 'web-tree-sitter';
import { copySubtree, SyntaxNode } from './syntaxNode';

export class StatementCopies {
  /** Error-free copies from the previous call, by statement text (a text may occur more than once). */
  private byText = new Map<string, SyntaxNode[]>();

  /** Copies of the module's named top-level nodes, in order. */
  statements(tree: Tree, text: string): SyntaxNode[] {
    const previous = this.byText;
    const next = new Map<string, SyntaxNode[]>();
    const out: SyntaxNode[] = [];
    // Per-statement error checks cost a call each; a module without errors needs none.
    const anyError = tree.rootNode.hasError;
    const cursor = tree.walk();
    try {
      if (!cursor.gotoFirstChild()) return out;
      do {
        if (!cursor.nodeIsNamed) continue;
        const start = cursor.startIndex;
        const key = text.slice(start, cursor.endIndex);
        const candidates = previous.get(key);
        let copy: SyntaxNode | undefined;
        let clean: boolean;
        if (candidates?.length && (!anyError || !cursor.currentNode.hasError)) {
          copy = candidates.pop()!;
          copy.frame.start = start;
          clean = true;
        } else {
          const node = cursor.currentNode;
          copy = copySubtree(node, text);
          clean = !anyError || !node.hasError;
        }
        out.push(copy);
        if (clean) {
          const list = next.get(key);
          if (list) list.push(copy);
          else next.set(key, [copy]);
        }
      } while (cursor.gotoNextSibling());
      return out;
    } finally {
      cursor.delete();
      this.byText = next;
    }
  }

  clear(): void {
    this.byText = new Map();
  }

  /**
   * Copies the error-free statements of `tree` ahead of time (for the next `statements` call), a few at a time:
   * each `run` stops when `shouldStop()` says so and returns true once every statement is done. The tree must
   * outlive the preparation; `dispose` ends it early.
   */
  prepare(tree: Tree, text: string): { run(shouldStop: () => boolean): boolean; dispose(): void } {
    const cursor = tree.walk();
    const anyError = tree.rootNode.hasError;
    /** The cursor is on a child not yet copied; false before the first child and after the last. */
    let onPending = cursor.gotoFirstChild();
    let finished = !onPending;
    const finish = () => {
      if (!finished) cursor.delete();
      finished = true;
    };
    return {
      run: shouldStop => {
        while (!finished) {
          if (!onPending) {
            onPending = cursor.gotoNextSibling();
            if (!onPending) {
              finish();
              break;
            }
          }
          if (cursor.nodeIsNamed) {
            const node = cursor.currentNode;
            if (!anyError || !node.hasError) {
              const copy = copySubtree(node, text);
              const key = copy.frame.text;
              const list = this.byText.get(key);
              if (list) list.push(copy);
              else this.byText.set(key, [copy]);
            }
          }
          onPending = false;
          if (shouldStop()) return false;
        }
        return true;
      },
      dispose: finish,
    };
  }
}
