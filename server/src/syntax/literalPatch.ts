// Digits typed into a number that a kept statement passed straight to a layer constructor (`Dense(64)` →
// `Dense(128)`, `Dropout(rate=0.1)` → `0.25`): evaluating the statement again would create the same layers, calls
// and values with that one argument changed, so its kept effects are updated instead — the layer's argument
// holds the new value (its latest build is dropped) and the offsets after the number move by the length change
// — and the statement is replayed (statementMemo.ts). Inference then rebuilds the layer and what follows it.

import type { LayerInstance } from '../ir/graph';
import type { ArgValue } from '../ir/values';
import { MemoBinding, shiftEffects, StatementEffects } from './statementMemo';

/** An edit inside one number token, in offsets of the text before (`start`, `oldEnd`) and after (`newEnd`). */
export interface NumberEditSpan {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/**
 * The statement's effects after `edit` (`text` is the text after it), or undefined when the edit is not inside a
 * number recorded as a layer's argument, the new number has no value, or the statement reported issues (their
 * messages may quote it). On success the layers' arguments are set: call it only to use its result.
 */
export function patchLiteral<N extends object, V, B extends MemoBinding<unknown>>(e: StatementEffects<N, V, B>, edit: NumberEditSpan, text: string, valueOf: (type: string, text: string) => ArgValue | undefined): StatementEffects<N, V, B> | undefined {
  if (e.issues.length > 0 || !e.selfContained) return undefined;
  // One literal; several records when it was evaluated several times (a comprehension makes a layer per item).
  const hits = e.literals.filter(l => l.start <= edit.start && edit.oldEnd <= l.end);
  if (hits.length === 0) return undefined;
  const { start, end, type } = hits[0];
  if (hits.some(h => h.start !== start || h.end !== end || h.type !== type)) return undefined;
  const delta = edit.newEnd - edit.oldEnd;
  const value = valueOf(type, text.slice(start, end + delta));
  if (value === undefined) return undefined;
  for (const hit of hits) setArgument(hit.layer, hit.slot, value);
  // Nothing recorded starts or ends inside a number: offsets up to its start stay, from its end they move.
  return delta === 0 ? e : shiftEffects(e, offset => (offset >= end ? offset + delta : offset));
}

/** New argument lists rather than changed ones: whatever holds the old ones keeps them as they were. */
function setArgument(layer: LayerInstance, slot: number | string, value: ArgValue): void {
  const l = layer as { positional: readonly ArgValue[]; keyword: ReadonlyMap<string, ArgValue>; lastBuild?: unknown };
  if (typeof slot === 'number') {
    const positional = l.positional.slice();
    positional[slot] = value;
    l.positional = positional;
  } else {
    const keyword = new Map(l.keyword);
    keyword.set(slot, value);
    l.keyword = keyword;
  }
  l.lastBuild = undefined;
}
