// Argument specs shared by many layers (data format, padding, bias, strides…), with their Keras 1 names
// and value conversions, so each layer file lists them in one line.

import type { ArgValue } from '../ir/values';
import type { ArgSpec } from './spec';

/** Keras 1 `dim_ordering` 'th'/'tf' → Keras 2 `data_format`; 'default' means the configured default. */
function fromDimOrdering(v: ArgValue): ArgValue {
  if (v === 'th') return 'channels_first';
  if (v === 'tf') return 'channels_last';
  if (v === 'default') return null;
  return v;
}

export const dataFormatArg: ArgSpec = { name: 'data_format', keras1: ['dim_ordering'], default: null, fromKeras1: fromDimOrdering };
export const paddingArg: ArgSpec = { name: 'padding', keras1: ['border_mode'], default: 'valid' };
export const useBiasArg: ArgSpec = { name: 'use_bias', keras1: ['bias'], default: true };
export const activationArg: ArgSpec = { name: 'activation', default: null };
