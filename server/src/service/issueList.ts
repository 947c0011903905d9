// The issues of one analysis in document order: the front end's and inference's, merged, one per place and kind.
// A loop body or a helper runs several times and reports its mismatch at the same place on every run.

import type { Issue } from '../ir/graph';

export function mergeIssues(front: readonly Issue[], inferred: readonly Issue[]): Issue[] {
  const all = [...front, ...inferred].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const out: Issue[] = [];
  const repeats = new Map<Issue, number>();
  for (const issue of all) {
    // Sorted by range: an issue of the same place and kind can only be among the last kept ones.
    let first: Issue | undefined;
    for (let j = out.length - 1; j >= 0 && out[j].range.start === issue.range.start && out[j].range.end === issue.range.end; j--) {
      if (out[j].severity === issue.severity && out[j].code === issue.code) first = out[j];
    }
    if (first) repeats.set(first, (repeats.get(first) ?? 0) + 1);
    else out.push(issue);
  }
  if (repeats.size === 0) return out;
  // The first run's message stands for all, with how many more runs reported one of this kind here.
  return out.map(issue => {
    const more = repeats.get(issue);
    return more ? { ...issue, message: `${issue.message} (reported here ${more} more time${more === 1 ? '' : 's'}: this line runs more than once)` } : issue;
  });
}
