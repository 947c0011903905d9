// Variable scopes of the Python evaluator: module and function scopes chained to their parent, plus
// the modules star-imported into each (`from keras.layers import *`). A watcher sees one scope's assignments.

import type { PyValue } from './pyValues';

/** Told of every assignment in one scope: how a statement's effects are recorded. */
export interface ScopeWatcher {
  write(name: string, value: PyValue): void;
}

export class Scope {
  private readonly vars = new Map<string, PyValue>();
  /** While an undecided arm runs: each name it assigned, with the value it had before (undefined: unbound). */
  private journal: Map<string, PyValue | undefined> | undefined;
  readonly starImports: string[][] = [];
  watcher: ScopeWatcher | undefined;

  constructor(readonly parent: Scope | undefined, readonly functionName?: string, readonly comprehension = false) {}

  lookup(name: string): PyValue | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** This scope's own binding of `name`, unobserved. */
  own(name: string): PyValue | undefined {
    return this.vars.get(name);
  }

  /** The star-imported module that could provide `name`, innermost first. */
  starImportsInChain(): string[][] {
    const out: string[][] = [];
    for (let s: Scope | undefined = this; s; s = s.parent) out.push(...s.starImports);
    return out;
  }

  set(name: string, value: PyValue): void {
    if (this.journal && !this.journal.has(name)) this.journal.set(name, this.vars.get(name));
    this.vars.set(name, value);
    this.watcher?.write(name, value);
  }

  has(name: string): boolean {
    return this.vars.has(name);
  }

  /** A snapshot of this scope's own bindings (for merging branches of an unknown `if`). */
  snapshot(): Map<string, PyValue> {
    return new Map(this.vars);
  }

  restore(snapshot: Map<string, PyValue>): void {
    this.vars.clear();
    for (const [k, v] of snapshot) this.vars.set(k, v);
  }

  /**
   * Starts noting what this scope's assignments overwrite (for an undecided arm: its cost follows what the arm
   * assigns, not the size of the scope). Returns the journal it interrupts, for `endJournal`.
   */
  beginJournal(): Map<string, PyValue | undefined> | undefined {
    const outer = this.journal;
    this.journal = new Map();
    return outer;
  }

  /** Ends the current journal (the interrupted one learns what it overwrote) and returns it. */
  endJournal(outer: Map<string, PyValue | undefined> | undefined): ReadonlyMap<string, PyValue | undefined> {
    const journal = this.journal ?? new Map<string, PyValue | undefined>();
    if (outer) for (const [name, before] of journal) if (!outer.has(name)) outer.set(name, before);
    this.journal = outer;
    return journal;
  }

  /** Takes back the assignments a journal noted. */
  undo(journal: ReadonlyMap<string, PyValue | undefined>): void {
    for (const [name, before] of journal) {
      if (before === undefined) this.vars.delete(name);
      else this.vars.set(name, before);
    }
  }

  ownNames(): IterableIterator<string> {
    return this.vars.keys();
  }
}
