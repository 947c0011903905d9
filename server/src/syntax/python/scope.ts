// Variable scopes of the Python evaluator: module and function scopes chained to their parent, plus
// the modules star-imported into each (`from keras.layers import *`). A watcher sees one scope's assignments.

import type { PyValue } from './pyValues';

/** Told of every assignment in one scope: how a statement's effects are recorded. */
export interface ScopeWatcher {
  write(name: string, value: PyValue): void;
}

export class Scope {
  private readonly vars = new Map<string, PyValue>();
  readonly starImports: string[][] = [];
  watcher: ScopeWatcher | undefined;

  constructor(readonly parent: Scope | undefined, readonly functionName?: string) {}

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

  ownNames(): IterableIterator<string> {
    return this.vars.keys();
  }
}
