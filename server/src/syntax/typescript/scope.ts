// Variable scopes of the TS/JS evaluator: module and function scopes chained to their parent. Blocks
// share their function's scope (a simplification: shadowing in nested blocks is rare in model code). A
// watcher sees one scope's assignments (a session records what each top-level statement assigns).

import type { JsValue } from './jsValues';

export interface ScopeWatcher {
  write(name: string, value: JsValue): void;
}

export class JsScope {
  private readonly vars = new Map<string, JsValue>();
  watcher: ScopeWatcher | undefined;

  constructor(readonly parent: JsScope | undefined, readonly functionName?: string) {}

  /** The value bound in this scope itself (not its parents). */
  own(name: string): JsValue | undefined {
    return this.vars.get(name);
  }

  private set(name: string, value: JsValue): void {
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

  /** Snapshots of this scope and its ancestors (an unknown branch may assign outer variables). */
  snapshot(): Map<JsScope, Map<string, JsValue>> {
    const out = new Map<JsScope, Map<string, JsValue>>();
    for (let s: JsScope | undefined = this; s; s = s.parent) out.set(s, new Map(s.vars));
    return out;
  }

  static restore(snapshot: Map<JsScope, Map<string, JsValue>>): void {
    for (const [s, vars] of snapshot) {
      s.vars.clear();
      for (const [k, v] of vars) s.vars.set(k, v);
    }
  }

  /** Sets a name directly in this scope's table (used when merging branches). */
  setOwn(name: string, value: JsValue): void {
    this.set(name, value);
  }
}
