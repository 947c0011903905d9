// Variable scopes of the TS/JS evaluator: module, function and block scopes chained to their parent (a block has
// its own scope when it declares `let`, `const` or a class; `var` and plain blocks share the function's). A
// watcher sees one scope's assignments (a session records what each top-level statement assigns). Every scope of
// one analysis shares a journal keeper (syntax/armJournal.ts), which notes what an undecided arm assigns.

import type { JsValue } from './jsValues';
import { Bindings, JournalKeeper } from '../armJournal';

export interface ScopeWatcher {
  write(name: string, value: JsValue): void;
}

export class JsScope implements Bindings<JsValue> {
  private readonly vars = new Map<string, JsValue>();
  readonly journals: JournalKeeper<JsValue>;
  watcher: ScopeWatcher | undefined;

  /** `block`: a block's or a `for (let …)` loop's scope, where `var` does not bind. */
  constructor(readonly parent: JsScope | undefined, readonly functionName?: string, readonly block = false) {
    this.journals = parent ? parent.journals : new JournalKeeper();
  }

  /** The scope a `var` binds in: the function's or the module's, past block scopes. */
  varScope(): JsScope {
    let s: JsScope = this;
    while (s.block && s.parent) s = s.parent;
    return s;
  }

  /** The value bound in this scope itself (not its parents). */
  own(name: string): JsValue | undefined {
    return this.vars.get(name);
  }

  private set(name: string, value: JsValue): void {
    this.journals.note(this, name, this.vars.get(name));
    this.vars.set(name, value);
    this.watcher?.write(name, value);
  }

  lookup(name: string): JsValue | undefined {
    for (let s: JsScope | undefined = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** The scope of this chain that binds `name`: where an assignment to it goes. */
  owner(name: string): JsScope | undefined {
    for (let s: JsScope | undefined = this; s; s = s.parent) if (s.vars.has(name)) return s;
    return undefined;
  }

  /** `let`/`const`/`var`/parameter: binds in this scope. */
  declare(name: string, value: JsValue): void {
    this.set(name, value);
  }

  /** `name = value`: assigns where the name is declared, else declares it here (sloppy-mode global). */
  assign(name: string, value: JsValue): void {
    for (let s: JsScope | undefined = this; s; s = s.parent) {
      if (s.vars.has(name)) {
        s.set(name, value);
        return;
      }
    }
    this.set(name, value);
  }

  putBack(name: string, value: JsValue | undefined): void {
    if (value === undefined) this.vars.delete(name);
    else this.vars.set(name, value);
  }

  /** Sets a name directly in this scope's table (used when merging branches). */
  setOwn(name: string, value: JsValue): void {
    this.set(name, value);
  }
}
