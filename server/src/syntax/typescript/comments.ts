// Collects the `//` comments of a TS/JS file from the trivia around every node (iterative walk, so deep
// code cannot overflow the stack), for shape comments. No scanning of the text by hand.

import * as ts from 'typescript';
import type { TextRange } from '../../ir/graph';

export interface SourceComment {
  readonly range: TextRange;
  /** The text after `//`, trimmed. */
  readonly body: string;
}

export function collectComments(sourceFile: ts.SourceFile): SourceComment[] {
  const text = sourceFile.text;
  const seenPos = new Set<number>();
  const seenComment = new Set<number>();
  const out: SourceComment[] = [];
  const take = (ranges: ts.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) {
      if (r.kind !== ts.SyntaxKind.SingleLineCommentTrivia || seenComment.has(r.pos)) continue;
      seenComment.add(r.pos);
      out.push({ range: { start: r.pos, end: r.end }, body: text.slice(r.pos + 2, r.end).trim() });
    }
  };
  const visit = (pos: number) => {
    if (seenPos.has(pos)) return;
    seenPos.add(pos);
    take(ts.getLeadingCommentRanges(text, pos));
    take(ts.getTrailingCommentRanges(text, pos));
  };
  const stack: ts.Node[] = [sourceFile];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node.pos);
    visit(node.end);
    // Tokens (`,`, `)`) are not children: read the trivia after each child as well, which is where
    // the comment after a list item or argument sits.
    ts.forEachChild(node, child => {
      stack.push(child);
    }, nodes => {
      for (const child of nodes) stack.push(child);
      visit(nodes.end);
    });
  }
  // Comments after the last token of a list item sit after the `,` token, which is not a node.
  return out.sort((a, b) => a.range.start - b.range.start);
}
