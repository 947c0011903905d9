// Keyword options of a layer call, shared by the front ends: tensors (also inside lists, such as
// `initial_state=[h, c]`) stay tensors, so they become inputs of the call; everything else becomes an
// argument value through the front end's own conversion.

import { ArgValueOrTensor, isTensorRef } from './graph';
import type { ArgValue } from './values';

/** The one empty map every call or layer without keywords or options shares (read-only: never changed). */
export const NO_ENTRIES: ReadonlyMap<string, never> = new Map<string, never>();

export function callOptionsKeepingTensors<V>(options: ReadonlyMap<string, V>, toArgValue: (v: V) => ArgValue): ReadonlyMap<string, ArgValueOrTensor> {
  if (options.size === 0) return NO_ENTRIES;
  const keep = (v: V): unknown => (isTensorRef(v) ? v : Array.isArray(v) && v.some(x => isTensorRef(x)) ? v.map(keep) : toArgValue(v));
  const out = new Map<string, ArgValueOrTensor>();
  for (const [k, v] of options) out.set(k, keep(v) as ArgValueOrTensor);
  return out;
}
