// Keyword options of a layer call, shared by the front ends: tensors (also inside lists, such as
// `initial_state=[h, c]`) stay tensors, so they become inputs of the call; everything else becomes an
// argument value through the front end's own conversion.

import { ArgValueOrTensor, isTensorRef } from './graph';
import type { ArgValue } from './values';

/** The options of a call without any (shared: never changed). */
export const NO_CALL_OPTIONS: ReadonlyMap<string, ArgValueOrTensor> = new Map();

/** Empty maps shared for arguments without keywords (never changed). */
export const NO_KEYWORD_ARGS: ReadonlyMap<string, ArgValue> = new Map();

export function callOptionsKeepingTensors<V>(options: ReadonlyMap<string, V>, toArgValue: (v: V) => ArgValue): ReadonlyMap<string, ArgValueOrTensor> {
  if (options.size === 0) return NO_CALL_OPTIONS;
  const keep = (v: V): unknown => (isTensorRef(v) ? v : Array.isArray(v) && v.some(x => isTensorRef(x)) ? v.map(keep) : toArgValue(v));
  const out = new Map<string, ArgValueOrTensor>();
  for (const [k, v] of options) out.set(k, keep(v) as ArgValueOrTensor);
  return out;
}
