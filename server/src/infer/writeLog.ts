// How inference writes: its annotations on graph objects (names, builds, call results) and its own tables
// (name counters, Sequential states). A one-shot analysis writes directly; a session logs every write in order,
// so that it can take back those made from some event on and resume inference there (inferenceSession.ts).

import type { CallNode, CallResult } from '../ir/graph';

export interface Writes {
  /** `target[key] = value`. */
  set<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void;
  /** `call.result = result`; taken back, the result becomes the call's `previousResult` (see `CallNode`). */
  setResult(call: CallNode, result: CallResult): void;
  mapSet<K, V>(map: Map<K, V>, key: K, value: V): void;
  setAdd<K>(set: Set<K>, key: K): void;
}

/** Writes straight through: nothing to take back. */
export const directWrites: Writes = {
  set(target, key, value) {
    target[key] = value;
  },
  setResult(call, result) {
    call.result = result;
  },
  mapSet(map, key, value) {
    map.set(key, value);
  },
  setAdd(set, key) {
    set.add(key);
  },
};

/** Marks a map entry or set element that was absent before the write. */
const ABSENT = Symbol('absent');
/** The key of a `setResult` entry. */
const RESULT = Symbol('result');

/** Writes through and remembers what each overwrote, in order; `rewind(n)` takes back all but the first n. */
export class WriteLog implements Writes {
  // Parallel arrays (one entry per write): no object per write.
  private readonly targets: object[] = [];
  private readonly keys: unknown[] = [];
  private readonly olds: unknown[] = [];

  get length(): number {
    return this.targets.length;
  }

  set<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
    this.push(target, key, target[key]);
    target[key] = value;
  }

  setResult(call: CallNode, result: CallResult): void {
    this.push(call, RESULT, call.result);
    call.result = result;
  }

  mapSet<K, V>(map: Map<K, V>, key: K, value: V): void {
    this.push(map, key, map.has(key) ? map.get(key) : ABSENT);
    map.set(key, value);
  }

  setAdd<K>(set: Set<K>, key: K): void {
    if (set.has(key)) return;
    this.push(set, key, ABSENT);
    set.add(key);
  }

  /** Takes back every write after the first `count`, latest first: each target holds what it held then. */
  rewind(count: number): void {
    const { targets, keys, olds } = this;
    for (let i = targets.length - 1; i >= count; i--) {
      const target = targets[i];
      const key = keys[i];
      const old = olds[i];
      if (key === RESULT) {
        const call = target as CallNode;
        call.previousResult = call.result;
        call.result = old as CallResult | undefined;
      } else if (target instanceof Map) {
        if (old === ABSENT) target.delete(key);
        else target.set(key, old);
      } else if (target instanceof Set) {
        target.delete(key);
      } else {
        (target as Record<PropertyKey, unknown>)[key as PropertyKey] = old;
      }
    }
    if (count < targets.length) {
      targets.length = count;
      keys.length = count;
      olds.length = count;
    }
  }

  private push(target: object, key: unknown, old: unknown): void {
    this.targets.push(target);
    this.keys.push(key);
    this.olds.push(old);
  }
}
