// Maps the lowercase functional merge helpers (`add([a, b])`, `concatenate(...)`) and Keras 1's
// `merge(..., mode=...)` / `Merge(mode=...)` onto the merge layer classes of this catalogue.

import type { ArgValue } from '../../ir/values';

/** `keras.layers.add(...)` etc. → the class they instantiate. */
export const FUNCTIONAL_MERGES: Readonly<Record<string, string>> = {
  add: 'Add',
  subtract: 'Subtract',
  multiply: 'Multiply',
  average: 'Average',
  maximum: 'Maximum',
  minimum: 'Minimum',
  concatenate: 'Concatenate',
  dot: 'Dot',
};

/** The same map under a descriptive name. */
export const functionalMergeLayers = FUNCTIONAL_MERGES;

export interface Keras1MergeTarget {
  readonly className: string;
  /** Keyword arguments to add to the call's own (whose `concat_axis`/`dot_axes` pass through as they are). */
  readonly extra?: Readonly<Record<string, ArgValue>>;
}

/**
 * Keras 1 `merge(inputs, mode=...)`: 'concat' → Concatenate (`concat_axis`), 'sum' → Add, 'mul' → Multiply,
 * 'ave' → Average, 'max' → Maximum, 'dot' → Dot (`dot_axes`), 'cos' → Dot with normalize=True.
 * Undefined for a callable or unknown mode (the output is then unknown).
 */
export function keras1MergeMode(mode: string): Keras1MergeTarget | undefined {
  switch (mode) {
    case 'concat': return { className: 'Concatenate' };
    case 'sum': return { className: 'Add' };
    case 'mul': return { className: 'Multiply' };
    case 'ave': return { className: 'Average' };
    case 'max': return { className: 'Maximum' };
    case 'dot': return { className: 'Dot' };
    case 'cos': return { className: 'Dot', extra: { normalize: true } };
    default: return undefined;
  }
}
