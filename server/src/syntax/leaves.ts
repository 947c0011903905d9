// The ways a block can be left early — `return`, `break`, `continue` — shared by both front ends' evaluators, which
// keep them in their own completion values: a set of them means "left this way in some runs" (an undecided branch).

export type Leave = 'return' | 'break' | 'continue';

export const NO_LEAVES: ReadonlySet<Leave> = new Set();

/** What a loop passes on of a set: only returns (its break and continue are its own). */
export const ONLY_RETURN: ReadonlySet<Leave> = new Set(['return']);

/** The ways out of `a` and of `b` together, or undefined when there are none. */
export function joinLeaves(a: ReadonlySet<Leave>, b: ReadonlySet<Leave>): ReadonlySet<Leave> | undefined {
  if (a.size === 0 && b.size === 0) return undefined;
  return b.size === 0 ? a : a.size === 0 ? b : new Set([...a, ...b]);
}
