// Undecided arms on one starting state, for both evaluators: a journal notes what an arm assigns, in any scope,
// so the arm can be taken back at the cost of what it assigned; then each name is merged over the outcomes.

/** A scope's table of bindings, as the journal needs it. */
export interface Bindings<V> {
  /** The value bound in this table itself (not its parents). */
  own(name: string): V | undefined;
  /** Puts back an earlier value (undefined: unbinds), past any watcher. */
  putBack(name: string, value: V | undefined): void;
  /** Sets the merged value of a name in this table (watchers see it). */
  setOwn(name: string, value: V): void;
}

const entryTables = new WeakMap<Map<string, unknown>, Bindings<unknown>>();

/** A map's entries (an object's properties, a dict's items) as a table the journal can note and take back. */
export function entriesTable<V>(map: Map<string, V>): Bindings<V> {
  let table = entryTables.get(map) as Bindings<V> | undefined;
  if (!table) {
    table = {
      own: name => map.get(name),
      putBack: (name, value) => void (value === undefined ? map.delete(name) : map.set(name, value)),
      setOwn: (name, value) => void map.set(name, value),
    };
    entryTables.set(map, table as Bindings<unknown>);
  }
  return table;
}

const itemTables = new WeakMap<unknown[], Bindings<unknown>>();

/** A list's items, by index, as a table the journal can note and take back (a list item set in place). */
export function itemsTable<V>(list: V[]): Bindings<V> {
  let table = itemTables.get(list) as Bindings<V> | undefined;
  if (!table) {
    table = {
      own: name => list[Number(name)],
      putBack: (name, value) => void (list[Number(name)] = value as V),
      setOwn: (name, value) => void (list[Number(name)] = value),
    };
    itemTables.set(list, table as Bindings<unknown>);
  }
  return table;
}

/** Per table, each name assigned while the journal was kept, with the value it had before (undefined: unbound). */
export type Journal<V> = Map<Bindings<V>, Map<string, V | undefined>>;

/** The journal being kept, shared by every scope of one analysis. */
export class JournalKeeper<V> {
  private current: Journal<V> | undefined;

  /** Called by a table before it assigns `name` (whose value is `before`). */
  note(table: Bindings<V>, name: string, before: V | undefined): void {
    const journal = this.current;
    if (!journal) return;
    let names = journal.get(table);
    if (!names) journal.set(table, (names = new Map()));
    if (!names.has(name)) names.set(name, before);
  }

  /** Starts a journal; returns the one it interrupts, for `end`. */
  begin(): Journal<V> | undefined {
    const outer = this.current;
    this.current = new Map();
    return outer;
  }

  /** Ends the current journal (the interrupted one learns what it overwrote) and returns it. */
  end(outer: Journal<V> | undefined): Journal<V> {
    const journal = this.current ?? new Map();
    if (outer) {
      for (const [table, names] of journal) {
        let into = outer.get(table);
        if (!into) outer.set(table, (into = new Map()));
        for (const [name, before] of names) if (!into.has(name)) into.set(name, before);
      }
    }
    this.current = outer;
    return journal;
  }

  /** Runs `f` journaled and returns what it assigned, with `f`'s result. */
  record<R>(f: () => R): { result: R; journal: Journal<V> } {
    const outer = this.begin();
    let journal: Journal<V>;
    let result: R;
    try {
      result = f();
    } finally {
      journal = this.end(outer);
    }
    return { result, journal };
  }
}

/** Takes back the assignments a journal noted. */
export function undo<V>(journal: Journal<V>): void {
  for (const [table, names] of journal) for (const [name, before] of names) table.putBack(name, before);
}

/** How `runArms` merges: equality of values, and the value of a name the outcomes disagree on. */
export interface MergeRules<V> {
  same(a: V, b: V): boolean;
  disagree(name: string): V;
}

/**
 * Runs each arm on the state before them (what it assigns is noted, kept aside and taken back; `inspect` sees
 * each arm's journal before that), then keeps each name every outcome agrees on — `exhaustive`: one arm surely
 * runs, else the state may also be unchanged — and gives the others `rules.disagree`. Returns the arms' results.
 */
export function runArms<V, R>(keeper: JournalKeeper<V>, arms: readonly (() => R)[], exhaustive: boolean, rules: MergeRules<V>, inspect?: (journal: Journal<V>) => void): R[] {
  const results: R[] = [];
  const outcomes: Map<Bindings<V>, Map<string, V>>[] = [];
  const assigned = new Map<Bindings<V>, Set<string>>();
  for (const arm of arms) {
    const { result, journal } = keeper.record(arm);
    inspect?.(journal);
    const values = new Map<Bindings<V>, Map<string, V>>();
    for (const [table, names] of journal) {
      let all = assigned.get(table);
      if (!all) assigned.set(table, (all = new Set()));
      const now = new Map<string, V>();
      for (const name of names.keys()) {
        all.add(name);
        const v = table.own(name);
        if (v !== undefined) now.set(name, v);
      }
      values.set(table, now);
    }
    undo(journal);
    results.push(result);
    outcomes.push(values);
  }
  for (const [table, names] of assigned) {
    for (const name of names) {
      const before = table.own(name);
      const values = outcomes.map(o => {
        const m = o.get(table);
        return m && m.has(name) ? m.get(name) : before;
      });
      if (!exhaustive) values.push(before);
      const first = values[0];
      const agree = first !== undefined && values.every(v => v !== undefined && rules.same(v, first));
      table.setOwn(name, agree ? first : rules.disagree(name));
    }
  }
  return results;
}

/**
 * Sets each name a journal noted to `value(name)`, unless `keep` holds for what it has now: the state a `try` body
 * may have stopped in, at any of its statements, for a handler to start from.
 */
export function forgetAssigned<V>(journal: Journal<V>, keep: (v: V) => boolean, value: (name: string) => V): void {
  for (const [table, names] of journal) {
    for (const name of names.keys()) {
      const now = table.own(name);
      if (now === undefined || !keep(now)) table.setOwn(name, value(name));
    }
  }
}

/**
 * Runs `f` and then takes back what it changed in bindings that existed before it (what it newly bound stays):
 * a function the file never calls may or may not have run when another one runs.
 */
export function withoutOutsideChanges<V>(keeper: JournalKeeper<V>, f: () => void): void {
  const { journal } = keeper.record(f);
  for (const [table, names] of journal) for (const [name, before] of names) if (before !== undefined) table.putBack(name, before);
}

/**
 * A `finally` block: it runs also when the `try` stopped at any statement, so it runs on the state where what the
 * try assigned (`tried`) is forgotten as `forgetAssigned` does; afterwards, the names it did not assign itself get
 * back the values the try left them, as they have when the try ran to its end.
 */
export function runFinally<V, R>(keeper: JournalKeeper<V>, tried: Journal<V>, keep: (v: V) => boolean, value: (name: string) => V, fin: () => R): R {
  const saved: [Bindings<V>, string, V | undefined][] = [];
  for (const [table, names] of tried) for (const name of names.keys()) saved.push([table, name, table.own(name)]);
  forgetAssigned(tried, keep, value);
  const { result, journal } = keeper.record(fin);
  for (const [table, name, v] of saved) {
    if (journal.get(table)?.has(name)) continue;
    if (v === undefined) table.putBack(name, undefined);
    else table.setOwn(name, v);
  }
  return result;
}
