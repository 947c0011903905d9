// How inference changes what outlives one event: a layer's build (set at its first call, on a layer created
// earlier), its name counters and each Sequential's state. A one-shot analysis writes directly; a session logs
// every such write with what it overwrote, so that it can take back those made from some event on and resume
// inference there (inferenceSession.ts). What an event writes on its own object (a layer's name, a call's result,
// a model's name) is not logged: the session clears it by walking the events it takes back.

import type { LayerInstance } from '../ir/graph';
import type { Shape } from './shape';
import type { BuildResult } from '../layers/spec';

/** What inference keeps per Sequential while it replays its entries (see `Propagator.afterSequentialAdd`). */
export interface SequentialState {
  count: number;
  hasInput: boolean;
  autoInput: boolean;
}

export interface Writes {
  setBuilt(layer: LayerInstance, built: BuildResult, builtFor: readonly Shape[]): void;
  setState(state: SequentialState, count: number, hasInput: boolean, autoInput: boolean): void;
  mapSet<K, V>(map: Map<K, V>, key: K, value: V): void;
  setAdd<K>(set: Set<K>, key: K): void;
}

/** Writes straight through: nothing to take back. */
export const directWrites: Writes = {
  setBuilt(layer, built, builtFor) {
    layer.built = built;
    layer.builtFor = builtFor;
  },
  setState(state, count, hasInput, autoInput) {
    state.count = count;
    state.hasInput = hasInput;
    state.autoInput = autoInput;
  },
  mapSet(map, key, value) {
    map.set(key, value);
  },
  setAdd(set, key) {
    set.add(key);
  },
};

// The kinds of logged write.
const BUILT = 0;
const STATE = 1;
const MAP_SET = 2;
const SET_ADD = 3;
/** Marks a map entry that was absent before the write. */
const ABSENT = Symbol('absent');

/** Writes through and remembers what each overwrote, in order; `rewind(n)` takes back all but the first n. */
export class WriteLog implements Writes {
  // Parallel arrays, one entry per write (no object per write): its kind, target, and two slots for the key
  // and what it overwrote.
  private readonly kinds: number[] = [];
  private readonly targets: object[] = [];
  private readonly firsts: unknown[] = [];
  private readonly seconds: unknown[] = [];

  /**
   * The smallest id of a layer whose build was set or taken back since `watchBuilds` (Infinity if none): its
   * earlier calls now show another build than they did.
   */
  earliestBuildChange = Infinity;

  get length(): number {
    return this.kinds.length;
  }

  /** Starts noting which layers' builds change (`earliestBuildChange`). */
  watchBuilds(): void {
    this.earliestBuildChange = Infinity;
  }

  setBuilt(layer: LayerInstance, built: BuildResult, builtFor: readonly Shape[]): void {
    if (layer.id < this.earliestBuildChange) this.earliestBuildChange = layer.id;
    this.push(BUILT, layer, layer.built, layer.builtFor);
    layer.built = built;
    layer.builtFor = builtFor;
  }

  setState(state: SequentialState, count: number, hasInput: boolean, autoInput: boolean): void {
    // The previous values packed into one number: count × 4 + hasInput × 2 + autoInput.
    this.push(STATE, state, state.count * 4 + (state.hasInput ? 2 : 0) + (state.autoInput ? 1 : 0), undefined);
    state.count = count;
    state.hasInput = hasInput;
    state.autoInput = autoInput;
  }

  mapSet<K, V>(map: Map<K, V>, key: K, value: V): void {
    this.push(MAP_SET, map, key, map.has(key) ? map.get(key) : ABSENT);
    map.set(key, value);
  }

  setAdd<K>(set: Set<K>, key: K): void {
    if (set.has(key)) return;
    this.push(SET_ADD, set, key, undefined);
    set.add(key);
  }

  /** Takes back every write after the first `count`, latest first: each target holds what it held then. */
  rewind(count: number): void {
    const { kinds, targets, firsts, seconds } = this;
    for (let i = kinds.length - 1; i >= count; i--) {
      const target = targets[i];
      switch (kinds[i]) {
        case BUILT: {
          const layer = target as LayerInstance;
          if (layer.id < this.earliestBuildChange) this.earliestBuildChange = layer.id;
          layer.built = firsts[i] as BuildResult | undefined;
          layer.builtFor = seconds[i] as readonly Shape[] | undefined;
          break;
        }
        case STATE: {
          const state = target as SequentialState;
          const packed = firsts[i] as number;
          state.count = packed >> 2;
          state.hasInput = (packed & 2) !== 0;
          state.autoInput = (packed & 1) !== 0;
          break;
        }
        case MAP_SET: {
          const map = target as Map<unknown, unknown>;
          if (seconds[i] === ABSENT) map.delete(firsts[i]);
          else map.set(firsts[i], seconds[i]);
          break;
        }
        default:
          (target as Set<unknown>).delete(firsts[i]);
      }
    }
    if (count < kinds.length) {
      kinds.length = count;
      targets.length = count;
      firsts.length = count;
      seconds.length = count;
    }
  }

  private push(kind: number, target: object, first: unknown, second: unknown): void {
    this.kinds.push(kind);
    this.targets.push(target);
    this.firsts.push(first);
    this.seconds.push(second);
  }
}
