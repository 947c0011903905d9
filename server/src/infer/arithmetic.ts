// Output-length arithmetic of convolution, pooling and transposed convolution along one axis, each
// returning the value and the human-readable working with the user's own numbers (shown in hovers).

import { Dim } from './shape';

export interface Worked {
  value: Dim;
  /** e.g. `(28 − 5) / 1 + 1 = 24`; empty when nothing is known. */
  working: string;
}

export type Padding = 'valid' | 'same' | 'causal' | 'full';

const MINUS = '−';

/**
 * Convolution output length (Keras `conv_output_length`): valid floor((L − k_eff)/s) + 1, same and causal
 * ceil(L/s), full (Keras 1) ceil((L + k_eff − 1)/s), with k_eff = d·(k − 1) + 1.
 */
export function convLength(L: Dim, k: Dim, s: Dim, padding: Padding | '?', d: Dim = 1): Worked {
  if (L === null) return { value: null, working: 'None stays None' };
  if (L === '?' || k === '?' || s === '?' || d === '?' || padding === '?' || k === null || s === null || d === null) {
    return { value: '?', working: '' };
  }
  const kEff = d * (k - 1) + 1;
  const kText = d === 1 ? String(k) : `${d}·(${k} ${MINUS} 1) + 1`;
  switch (padding) {
    case 'valid': {
      const value = Math.floor((L - kEff) / s) + 1;
      const working = s === 1 ? `(${L} ${MINUS} ${kText}) / 1 + 1 = ${value}` : `floor((${L} ${MINUS} ${kText}) / ${s}) + 1 = ${value}`;
      return { value, working };
    }
    case 'same':
    case 'causal': {
      const value = Math.ceil(L / s);
      return { value, working: s === 1 ? `${L} (${padding}, stride 1)` : `ceil(${L} / ${s}) = ${value}` };
    }
    case 'full': {
      const value = Math.ceil((L + kEff - 1) / s);
      return { value, working: s === 1 ? `${L} + ${kText} ${MINUS} 1 = ${value}` : `ceil((${L} + ${kText} ${MINUS} 1) / ${s}) = ${value}` };
    }
  }
}

/** Pooling output length: like valid/same convolution without dilation. */
export function poolLength(L: Dim, k: Dim, s: Dim, padding: 'valid' | 'same' | '?'): Worked {
  return convLength(L, k, s, padding, 1);
}

/**
 * Transposed-convolution output length (Keras `deconv_output_length`):
 * valid: L·s + max(k_eff − s, 0), or (L−1)·s + k_eff + op with output_padding;
 * same: L·s, or (L−1)·s + k_eff mod 2 + op with output_padding.
 */
export function transposeLength(L: Dim, k: Dim, s: Dim, padding: 'valid' | 'same' | '?', d: Dim = 1, outputPadding: Dim | undefined = undefined): Worked {
  if (L === null) return { value: null, working: 'None stays None' };
  if (L === '?' || k === '?' || s === '?' || d === '?' || padding === '?' || k === null || s === null || d === null || outputPadding === '?' || outputPadding === null) {
    return { value: '?', working: '' };
  }
  const kEff = d * (k - 1) + 1;
  if (outputPadding === undefined) {
    if (padding === 'valid') {
      const value = L * s + Math.max(kEff - s, 0);
      return { value, working: `${L}·${s} + max(${kEff} ${MINUS} ${s}, 0) = ${value}` };
    }
    const value = L * s;
    return { value, working: `${L}·${s} = ${value}` };
  }
  if (padding === 'valid') {
    const value = (L - 1) * s + kEff + outputPadding;
    return { value, working: `(${L} ${MINUS} 1)·${s} + ${kEff} + ${outputPadding} = ${value}` };
  }
  const value = (L - 1) * s + (kEff % 2) + outputPadding;
  return { value, working: `(${L} ${MINUS} 1)·${s} + ${kEff} mod 2 + ${outputPadding} = ${value}` };
}
