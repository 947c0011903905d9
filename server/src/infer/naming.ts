// Automatic layer and model names as each Keras generation assigns them in a fresh session:
// Keras 1 `convolution1d_1`, standalone Keras 2 `conv1d_1`, tf.keras `conv1d`, `conv1d_1`, `input_1`,
// Keras 3 `conv1d`, `input_layer`, `functional`; TF.js `conv1d_Conv1D1`, `input1`, `model1`, `sequential_1`.

import type { KerasVersion } from '../ir/kerasVersion';
import { directWrites, Writes } from './writeLog';

/** A function of a class name, remembered per name (class names are few). */
function perName(compute: (name: string) => string): (name: string) => string {
  const cache = new Map<string, string>();
  return name => {
    let value = cache.get(name);
    if (value === undefined) {
      value = compute(name);
      cache.set(name, value);
    }
    return value;
  };
}

/** Keras' `to_snake_case` of a class name: `MaxPooling2D` → `max_pooling2d`, `PReLU` → `p_re_lu`. */
export const toSnakeCase = perName(computeSnakeCase);

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

/**
 * tfjs-layers' `toSnakeCase`, which differs from Keras' (`[a-z0-9]+` where Keras 3 has `[a-z]+`):
 * `ConvLSTM2D` → `conv_lst_m2d`, `SimpleRNN` → `simple_rnn`, `PReLU` → `p_re_lu`.
 */
export const tfjsSnakeCase = perName(computeTfjsSnakeCase);

function computeTfjsSnakeCase(name: string): string {
  const snake = name.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return snake.startsWith('_') ? `private${snake}` : snake;
}

/**
 * Numbered names handed out so far, per stem (`dense_` → `dense_1`, `dense_2`, …): every analysis gets the same
 * string objects, so that comparing a name with the previous analysis' compares pointers, not characters. Bounded:
 * past `MAX_NUMBERED` names (stems included), names are made anew.
 */
const numberedNames = new Map<string, string[]>();
let numberedCount = 0;
const MAX_NUMBERED = 1 << 18;

function numbered(stem: string, n: number): string {
  const list = numberedNames.get(stem);
  const kept = list?.[n];
  if (kept !== undefined) return kept;
  const name = stem + n;
  // Numbers come in order from 0 or 1: a list grows by one name at a time.
  if (numberedCount < MAX_NUMBERED && n <= (list?.length ?? 1)) {
    const into = list ?? [];
    if (!list) numberedNames.set(stem, into);
    into[n] = name; // a list numbered from 1 leaves index 0 empty
    numberedCount++;
  }
  return name;
}

const withUnderscore = perName(prefix => prefix + '_');
const withUnknownNumber = perName(prefix => prefix + '_?');
const tfjsUnknown = perName(prefix => prefix + '?');
const tfjsLayerStem = perName(className => tfjsSnakeCase(className) + '_' + className);
const lowerCase = perName(name => name.toLowerCase());

const isUpper = (c: string) => c >= 'A' && c <= 'Z';
const isLower = (c: string) => c >= 'a' && c <= 'z';
const isLowerOrDigit = (c: string) => isLower(c) || (c >= '0' && c <= '9');

/** The key in NameAllocator's unknown counts that stands for every counter (no prefix is empty). */
const ALL_COUNTERS = '';

export type NamedKind = { kind: 'layer'; className: string; keras1ClassName?: string; isInput?: boolean } | { kind: 'sequential' } | { kind: 'functional' };

/** Hands out automatic names in creation order, per prefix, the way the chosen version counts. */
export class NameAllocator {
  private readonly counters = new Map<string, number>();
  /** Prefixes after which the count is unknown (a layer of that kind was created 0..n times). */
  private readonly unknownCount = new Set<string>();

  /** After this, automatic names counted with `what`'s counter carry `?` for their number. */
  markUncertain(what: NamedKind): void {
    this.writes.setAdd(this.unknownCount, this.countKey(what));
  }

  /** After this, every automatic name carries `?` for its number (code that was not analysed may create anything). */
  markAllUncertain(): void {
    this.writes.setAdd(this.unknownCount, ALL_COUNTERS);
  }

  private countIsUnknown(key: string): boolean {
    return this.unknownCount.has(key) || this.unknownCount.has(ALL_COUNTERS);
  }

  /** The counter a name is numbered by (tfjs counts per class, Keras per prefix). */
  private countKey(what: NamedKind): string {
    if (this.version !== 'tfjs') return this.prefixOf(what);
    if (what.kind === 'sequential') return 'sequential_';
    if (what.kind === 'functional') return 'model';
    return what.isInput ? 'input' : what.className;
  }

  /** `writes`: how the counters change (logged in a session, so that inference can resume, writeLog.ts). */
  constructor(private readonly version: KerasVersion, private readonly writes: Writes = directWrites) {}

  next(what: NamedKind): string {
    const v = this.version;
    if (v === 'tfjs') return this.nextTfjs(what);
    const prefix = this.prefixOf(what);
    const n = this.counters.get(prefix) ?? 0;
    this.writes.mapSet(this.counters, prefix, n + 1);
    if (this.countIsUnknown(prefix)) return withUnknownNumber(prefix);
    const oneBased = v === '1' || v === '2' || (v === 'tf.keras' && what.kind === 'layer' && what.isInput);
    if (oneBased) return numbered(withUnderscore(prefix), n + 1);
    return n === 0 ? prefix : numbered(withUnderscore(prefix), n);
  }

  /**
   * tfjs-layers names from its global `getUid(prefix)` counters (1-based, per prefix, per process): a layer
   * `toSnakeCase(className) + '_' + getUid(className)` (`dense_Dense1`, `conv2d_Conv2D1`), an input layer
   * `getUid('input')` (`input1`), a functional model `getUid('model')` (`model1`) and a Sequential
   * `getUid('sequential_')` (`sequential_1`). The input a Sequential adds for `inputShape` is named
   * `<layer>_input` explicitly, so it takes no counter.
   */
  private nextTfjs(what: NamedKind): string {
    if (what.kind === 'sequential') return this.uid('sequential_', 'sequential_');
    if (what.kind === 'functional') return this.uid('model', 'model');
    if (what.isInput) return this.uid('input', 'input');
    return this.uid(what.className, tfjsLayerStem(what.className));
  }

  /**
   * tfjs-layers' `getUid(prefix)` after `stem`: the stem and the prefix's next 1-based number, or the stem's
   * `?` once the count is uncertain.
   */
  private uid(prefix: string, stem: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.writes.mapSet(this.counters, prefix, n);
    return this.countIsUnknown(prefix) ? tfjsUnknown(stem) : numbered(stem, n);
  }

  private prefixOf(what: NamedKind): string {
    const v = this.version;
    if (what.kind === 'sequential') return 'sequential';
    if (what.kind === 'functional') return v === '3' ? 'functional' : 'model';
    if (what.isInput) return v === '3' ? 'input_layer' : 'input';
    if (v === '1') return lowerCase(what.keras1ClassName ?? what.className);
    return toSnakeCase(what.className);
  }
}
