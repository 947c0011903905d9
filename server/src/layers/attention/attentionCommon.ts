// Shared rule of Attention (Luong, dot-product) and AdditiveAttention (Bahdanau): called on
// [query, value] or [query, value, key]; output (B, Tq, value features), scores (B, Tq, Tv).

import { Dim, Shape, formatShape } from '../../infer/shape';
import type { BuildContext, BuildResult } from '../spec';

export interface AttentionInputs {
  readonly query: Shape;
  readonly value: Shape;
  readonly key: Shape;
}

/** Validates the list and the shapes that must agree; undefined when the call cannot work. */
export function attentionInputs(ctx: BuildContext, className: string): AttentionInputs | undefined {
  const inputs = ctx.inputs;
  if (inputs.length < 2 || inputs.length > 3) {
    ctx.error('merge-incompatible', `${className} layer accepts inputs list of length 2 or 3, namely [query, value] or [query, value, key]. Received length: ${inputs.length}.`);
    return undefined;
  }
  const query = inputs[0];
  const value = inputs[1];
  const key = inputs[2] ?? value;
  const dims = (s: Shape, i: number): Dim => s[s.length + i];
  const clash = (a: Dim, b: Dim) => typeof a === 'number' && typeof b === 'number' && a !== b;
  if (clash(dims(query, -1), dims(key, -1))) {
    ctx.error('merge-incompatible', `${className}: the query and the key must have the same last dimension to be compared; received query ${formatShape(query)} and key ${formatShape(key)}.`);
  }
  if (clash(dims(value, -2), dims(key, -2))) {
    ctx.error('merge-incompatible', `${className}: the value and the key must have the same number of steps (Tv); received value ${formatShape(value)} and key ${formatShape(key)}.`);
  }
  return { query, value, key };
}

/** Output (…query[:-1], value[-1]) and, with return_attention_scores, scores (…query[:-1], Tv). */
export function attentionOutputs(ctx: BuildContext, io: AttentionInputs): BuildResult['outputs'] {
  const { query, value, key } = io;
  const out: Shape = [...query.slice(0, -1), value[value.length - 1]];
  const outputs: (Shape | undefined)[] = [out];
  if (ctx.callOption('return_attention_scores') === true) {
    outputs.push([...query.slice(0, -1), key.length >= 2 ? key[key.length - 2] : '?']);
  }
  return outputs;
}
