// Variable scopes of the Python evaluator: module and function scopes chained to their parent, plus
// the modules star-imported into each (`from keras.layers import *`), and the names a function declares `global`
// or `nonlocal`. A watcher sees one scope's assignments; every scope of one analysis shares a journal keeper
// (syntax/armJournal.ts), which notes what an undecided arm assigns.

import type { PyValue } from './pyValues';
import { Bindings, JournalKeeper } from '../armJournal';
import { unknown } from '../../ir/values';

/** Told of every assignment in one scope: how a statement's effects are recorded. */
export interface ScopeWatcher {
  write(name: string, value: PyValue): void;
}

export class Scope implements Bindings<PyValue> {
  private readonly vars = new Map<string, PyValue>();
  readonly journals: JournalKeeper<PyValue>;
  readonly starImports: string[][] = [];
  /** Names declared `global` or `nonlocal` here: the scope they are read from and assigned in. */
  private elsewhere: Map<string, Scope> | undefined;
  /**
   * For a function's scope: the names its body binds (Python decides from the syntax that they are local
   * throughout the function, so reading one before it is bound does not read the enclosing scope's).
   */
  locals: ReadonlySet<string> | undefined;
  watcher: ScopeWatcher | undefined;

  constructor(readonly parent: Scope | undefined, readonly functionName?: string, readonly comprehension = false) {
    this.journals = parent ? parent.journals : new JournalKeeper();
  }

  /** `global name` (the module's scope) or `nonlocal name` (the enclosing function's that binds it). */
  declareElsewhere(name: string, kind: 'global' | 'nonlocal'): void {
    let target: Scope | undefined;
    if (kind === 'global') for (target = this; target.parent; target = target.parent);
    else for (let s = this.parent; s && s.parent; s = s.parent) if (!s.comprehension && (s.vars.has(name) || s.locals?.has(name))) { target = s; break; }
    if (target && target !== this) (this.elsewhere ??= new Map()).set(name, target);
  }

  /** The scope an assignment of `name` here changes. */
  target(name: string): Scope {
    return this.elsewhere?.get(name) ?? this;
  }

  lookup(name: string): PyValue | undefined {
    const other = this.elsewhere?.get(name);
    if (other) return other.lookup(name);
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v !== undefined) return v;
      if (s.locals?.has(name) && !s.elsewhere?.has(name)) return unknown(`\`${name}\` is read before it is assigned in \`${s.functionName ?? 'the function'}\``);
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

  /** An assignment of `name` (in the scope a `global` or `nonlocal` declaration names, if any). */
  set(name: string, value: PyValue): void {
    const other = this.elsewhere?.get(name);
    if (other) other.setOwn(name, value);
    else this.setOwn(name, value);
  }

  setOwn(name: string, value: PyValue): void {
    this.journals.note(this, name, this.vars.get(name));
    this.vars.set(name, value);
    this.watcher?.write(name, value);
  }

  putBack(name: string, value: PyValue | undefined): void {
    if (value === undefined) this.vars.delete(name);
    else this.vars.set(name, value);
  }

  has(name: string): boolean {
    return this.vars.has(name);
  }

  ownNames(): IterableIterator<string> {
    return this.vars.keys();
  }
}
