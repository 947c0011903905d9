// Allocation-light graph helpers for the walks of inference and result collection: the producers a call
// consumes, in the order of `callInputTensors` (inputs first, then tensors passed by keyword).

import { CallNode, isTensorRef } from '../ir/graph';

/** Appends the producing call of every tensor `call` consumes to `out`, in `callInputTensors` order. */
export function pushProducers(call: CallNode, out: CallNode[]): CallNode[] {
  for (const v of call.inputs) pushFrom(v, out);
  if (call.callOptions.size) for (const v of call.callOptions.values()) pushFrom(v, out);
  return out;
}

function pushFrom(v: unknown, out: CallNode[]): void {
  if (isTensorRef(v)) out.push(v.call);
  else if (Array.isArray(v)) for (const item of v) pushFrom(item, out);
}
