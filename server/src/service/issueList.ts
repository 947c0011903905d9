// The issues of one analysis in document order: the front end's and inference's, merged, with each mismatch once.
// A loop body or a helper runs several times and reports the same mismatch at the same place on every run.

import type { Issue } from '../ir/graph';

export function mergeIssues(front: readonly Issue[], inferred: readonly Issue[]): Issue[] {
  const all = [...front, ...inferred].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const out: Issue[] = [];
  for (const issue of all) {
    // Sorted by range: a repeat can only be among the kept issues with the same range, at the end.
    let repeat = false;
    for (let j = out.length - 1; j >= 0 && out[j].range.start === issue.range.start && out[j].range.end === issue.range.end; j--) {
      if (sameIssue(out[j], issue)) repeat = true;
    }
    if (!repeat) out.push(issue);
  }
  return out;
}

function sameIssue(a: Issue, b: Issue): boolean {
  return a.range.start === b.range.start && a.range.end === b.range.end && a.severity === b.severity && a.code === b.code && a.message === b.message;
}
