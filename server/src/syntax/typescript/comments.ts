// Collects the `//` comments of a TS/JS file from the trivia around every node (iterative walk, so deep
// code cannot overflow the stack), for shape comments. Comment syntax is left to the TypeScript scanner;
// the text is only searched for `//` to skip subtrees that cannot hold a comment.

import ts = require('typescript');
import { SyntaxKind, forEachChild, getLeadingCommentRanges, getTrailingCommentRanges } from './tsApi';
import type { TextRange } from '../../ir/graph';

export interface SourceComment {
  readonly range: TextRange;
  /** The text after `//`, trimmed. */
  readonly body: string;
}

/** Sorted offsets of every `//` in the text (overlapping ones too: `///` gives two). */
function slashPairs(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('//'); i >= 0; i = text.indexOf('//', i + 1)) out.push(i);
  return out;
}

/** Whether some offset of the sorted list lies in [start, end). */
function anyIn(sorted: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] < end;
}

export function collectComments(sourceFile: ts.SourceFile): SourceComment[] {
  const text = sourceFile.text;
  // Every comment found starts at a `//`. The leading and trailing comment ranges read at an offset are the
  // comments of the trivia run starting there. A node with no `//` in [pos, end) therefore yields, from any
  // offset inside it, only comments at or after its end, in the same trivia run as its end: visiting its
  // end finds them, so its subtree is not walked (the result, a sorted set, is the same).
  const slashes = slashPairs(text);
  if (slashes.length === 0) return [];
  const seenPos = new Set<number>();
  const seenComment = new Set<number>();
  const out: SourceComment[] = [];
  const take = (ranges: ts.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) {
      if (r.kind !== SyntaxKind.SingleLineCommentTrivia || seenComment.has(r.pos)) continue;
      seenComment.add(r.pos);
      out.push({ range: { start: r.pos, end: r.end }, body: text.slice(r.pos + 2, r.end).trim() });
    }
  };
  const visit = (pos: number) => {
    if (seenPos.has(pos)) return;
    seenPos.add(pos);
    take(getLeadingCommentRanges(text, pos));
    take(getTrailingCommentRanges(text, pos));
  };
  const stack: ts.Node[] = [sourceFile];
  const push = (child: ts.Node) => {
    if (anyIn(slashes, child.pos, child.end)) stack.push(child);
    else visit(child.end);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node.pos);
    visit(node.end);
    // Tokens (`,`, `)`) are not children: read the trivia after each child as well, which is where
    // the comment after a list item or argument sits.
    forEachChild(node, push, nodes => {
      for (const child of nodes) push(child);
      visit(nodes.end);
    });
  }
  // Comments after the last token of a list item sit after the `,` token, which is not a node.
  return out.sort((a, b) => a.range.start - b.range.start);
}
