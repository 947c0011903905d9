// Automatic layer and model names as each Keras generation assigns them in a fresh session:
// Keras 1 `convolution1d_1`, standalone Keras 2 `conv1d_1`, tf.keras `conv1d`, `conv1d_1`, `input_1`,
// Keras 3 `conv1d`, `input_layer`, `functional`.

import type { KerasVersion } from '../ir/kerasVersion';

/** Keras' `to_snake_case` of a class name: `MaxPooling2D` → `max_pooling2d`, `PReLU` → `p_re_lu`. */
export function toSnakeCase(name: string): string {
  let cached = snakeCache.get(name);
  if (cached === undefined) {
    cached = computeSnakeCase(name);
    snakeCache.set(name, cached);
  }
  return cached;
}

/** Class names are few; their snake case is computed once per process. */
const snakeCache = new Map<string, string>();

function computeSnakeCase(name: string): string {
  let out = '';
  // Insert `_` before an uppercase letter followed by lowercase/digits (when not at the start),
  // then between a lowercase letter and an uppercase one, as Keras' two regular expressions do.
  const chars = [...name];
  const step1: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const next = chars[i + 1];
    if (i > 0 && isUpper(c) && next !== undefined && isLowerOrDigit(next)) step1.push('_');
    step1.push(c);
  }
  for (let i = 0; i < step1.length; i++) {
    const c = step1[i];
    if (i > 0 && isUpper(c) && isLower(step1[i - 1])) out += '_';
    out += c;
  }
  return out.toLowerCase();
}

const isUpper = (c: string) => c >= 'A' && c <= 'Z';
const isLower = (c: string) => c >= 'a' && c <= 'z';
const isLowerOrDigit = (c: string) => isLower(c) || (c >= '0' && c <= '9');

export type NamedKind = { kind: 'layer'; className: string; keras1ClassName?: string; isInput?: boolean } | { kind: 'sequential' } | { kind: 'functional' };

/** Hands out automatic names in creation order, per prefix, the way the chosen version counts. */
export class NameAllocator {
  private readonly counters = new Map<string, number>();

  constructor(private readonly version: KerasVersion) {}

  next(what: NamedKind): string {
    const v = this.version;
    const prefix = this.prefixOf(what);
    const n = this.counters.get(prefix) ?? 0;
    this.counters.set(prefix, n + 1);
    const oneBased = v === '1' || v === '2' || (v === 'tf.keras' && what.kind === 'layer' && what.isInput);
    if (oneBased) return `${prefix}_${n + 1}`;
    return n === 0 ? prefix : `${prefix}_${n}`;
  }

  private prefixOf(what: NamedKind): string {
    const v = this.version;
    if (what.kind === 'sequential') return 'sequential';
    if (what.kind === 'functional') return v === '3' ? 'functional' : 'model';
    if (what.isInput) return v === '3' ? 'input_layer' : 'input';
    if (v === '1') return (what.keras1ClassName ?? what.className).toLowerCase();
    return toSnakeCase(what.className);
  }
}
