// Random programs for the differential test of loops and branches: one abstract program (ints assigned in
// branches, loops of known and unknown length, functions, closures, early exits) printed three ways — as Python
// and as TF.js TypeScript for ShapeLens, and as plain JavaScript with the same meaning, which the test runs (it
// is the test's own generated code, never user code) to learn every Dense size each line really gets.

export type Expr =
  | { kind: 'var'; name: string }
  | { kind: 'get'; obj: string }
  | { kind: 'plus'; name: string; k: number }
  | { kind: 'int'; k: number }
  | { kind: 'item'; which: 'cfg' | 'first' | 'last' };
export type Stmt =
  | { kind: 'assign'; name: string; value: Expr }
  | { kind: 'dense'; site: number; value: Expr }
  | { kind: 'if'; cond: 'c' | 'true' | 'false' | 'positive'; then: Stmt[]; otherwise?: Stmt[] }
  | { kind: 'for'; count: number | 'n'; body: Stmt[] }
  | { kind: 'while'; body: Stmt[] }
  | { kind: 'call'; fn: string; guarded: boolean }
  | { kind: 'set'; obj: string; value: Expr; guarded: boolean }
  | { kind: 'choose'; name: string; a: Expr; b: Expr }
  | { kind: 'switch'; one: Stmt[]; two: Stmt[] }
  | { kind: 'try'; body: Stmt[]; handler: Stmt[] }
  | { kind: 'walrus'; name: string; value: Expr }
  | { kind: 'jump'; which: 'break' | 'continue' }
  | { kind: 'raise' }
  | { kind: 'setItem'; which: 'cfg' | 'first'; value: Expr }
  | { kind: 'append'; value: Expr }
  | { kind: 'return' };
export type Part = { kind: 'fn'; name: string; body: Stmt[] } | { kind: 'obj'; name: string; init: number } | { kind: 'code'; body: Stmt[] };
export interface Program {
  readonly vars: readonly string[];
  readonly inits: readonly number[];
  readonly parts: readonly Part[];
  readonly finals: readonly Stmt[];
  readonly sites: number;
}

/** A small deterministic generator of floats in [0, 1) (mulberry32). */
export function mulberry(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomProgram(rand: () => number): Program {
  const vars = ['a', 'b', 'c0'];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const int = () => 1 + Math.floor(rand() * 9);
  let sites = 0;
  const fns: string[] = [];
  const objs: string[] = [];
  const expr = (): Expr => {
    const r = rand();
    if (r < 0.5) return { kind: 'var', name: pick(vars) };
    if (r < 0.6 && objs.length) return { kind: 'get', obj: pick(objs) };
    if (r < 0.72) return { kind: 'plus', name: pick(vars), k: int() };
    if (r < 0.82) return { kind: 'item', which: pick(['cfg', 'first', 'last'] as const) };
    return { kind: 'int', k: int() };
  };
  const stmt = (depth: number, inFn: boolean, inLoop: boolean): Stmt => {
    const r = rand();
    const block = (loop: boolean) => body(depth + 1, inFn, inLoop || loop);
    if (depth >= 3 || r < 0.22) return { kind: 'assign', name: pick(vars), value: expr() };
    if (r < 0.32) return { kind: 'dense', site: sites++, value: expr() };
    if (r < 0.46) return { kind: 'if', cond: 'c', then: block(false), otherwise: rand() < 0.5 ? block(false) : undefined };
    if (r < 0.5) return { kind: 'if', cond: pick(['true', 'false', 'positive'] as const), then: block(false) };
    if (r < 0.56) return { kind: 'for', count: 1 + Math.floor(rand() * 3), body: block(true) };
    if (r < 0.62) return { kind: 'for', count: 'n', body: block(true) };
    if (r < 0.66) return { kind: 'while', body: block(true) };
    if (r < 0.71 && fns.length) return { kind: 'call', fn: pick(fns), guarded: rand() < 0.5 };
    if (r < 0.76 && objs.length) return { kind: 'set', obj: pick(objs), value: expr(), guarded: rand() < 0.4 };
    if (r < 0.8) return { kind: 'choose', name: pick(vars), a: expr(), b: expr() };
    if (r < 0.84) return { kind: 'switch', one: block(false), two: block(false) };
    if (r < 0.88) {
      // A raise somewhere in the body, so that handlers run in some runs.
      const tried = block(false);
      tried.splice(Math.floor(rand() * (tried.length + 1)), 0, { kind: 'raise' });
      return { kind: 'try', body: tried, handler: block(false) };
    }
    if (r < 0.895) return { kind: 'raise' };
    if (r < 0.905) return { kind: 'setItem', which: pick(['cfg', 'first'] as const), value: expr() };
    if (r < 0.912) return { kind: 'append', value: expr() };
    if (r < 0.91) return { kind: 'walrus', name: pick(vars), value: expr() };
    if (inLoop && r < 0.94) return { kind: 'jump', which: rand() < 0.5 ? 'break' : 'continue' };
    if (inFn && r < 0.97) return { kind: 'return' };
    return { kind: 'assign', name: pick(vars), value: expr() };
  };
  const body = (depth: number, inFn: boolean, inLoop: boolean): Stmt[] => {
    const out: Stmt[] = [];
    const n = 1 + Math.floor(rand() * 3);
    for (let i = 0; i < n; i++) out.push(stmt(depth, inFn, inLoop));
    return out;
  };
  const inits = vars.map(() => int());
  const parts: Part[] = [];
  const count = 2 + Math.floor(rand() * 4);
  for (let p = 0; p < count; p++) {
    const r = rand();
    if (r < 0.3) {
      const name = `f${fns.length}`;
      parts.push({ kind: 'fn', name, body: body(1, true, false) });
      fns.push(name);
    } else if (r < 0.5) {
      const name = `o${objs.length}`;
      parts.push({ kind: 'obj', name, init: int() });
      objs.push(name);
    } else parts.push({ kind: 'code', body: body(0, false, false) });
  }
  const finals: Stmt[] = [{ kind: 'dense', site: sites++, value: expr() }, ...vars.map((name): Stmt => ({ kind: 'dense', site: sites++, value: { kind: 'var', name } }))];
  return { vars, inits, parts, finals, sites };
}

/** A printed program: its text and, per Dense site, its 1-based line. */
export interface Printed {
  readonly text: string;
  readonly siteLines: ReadonlyMap<number, number>;
}

class Lines {
  readonly out: string[] = [];
  readonly siteLines = new Map<number, number>();
  add(indent: number, text: string, site?: number): void {
    if (site !== undefined) this.siteLines.set(site, this.out.length + 1);
    this.out.push(' '.repeat(indent) + text);
  }
  done(): Printed {
    return { text: this.out.join('\n') + '\n', siteLines: this.siteLines };
  }
}

function pyExpr(e: Expr): string {
  switch (e.kind) {
    case 'var': return e.name;
    case 'get': return `${e.obj}[1]()`;
    case 'plus': return `${e.name} + ${e.k}`;
    case 'int': return String(e.k);
    case 'item': return { cfg: "cfg['u']", first: 'L[0]', last: 'L[-1]' }[e.which];
  }
}

/** The program as Keras 3 Python (`c()` and `n()` are unknown to the analysis). */
export function printPython(p: Program): Printed {
  const L = new Lines();
  const block = (stmts: readonly Stmt[], ind: number, inFn: boolean): void => {
    for (const s of stmts) one(s, ind, inFn);
  };
  const one = (s: Stmt, ind: number, inFn: boolean): void => {
    switch (s.kind) {
      case 'assign': return L.add(ind, `${s.name} = ${pyExpr(s.value)}`);
      case 'dense': return L.add(ind, `ys.append(layers.Dense(${pyExpr(s.value)})(inp))`, s.site);
      case 'if':
        L.add(ind, `if ${{ c: 'c()', true: 'True', false: 'False', positive: 'a > 0' }[s.cond]}:`);
        block(s.then, ind + 4, inFn);
        if (s.otherwise) {
          L.add(ind, 'else:');
          block(s.otherwise, ind + 4, inFn);
        }
        return;
      case 'for':
        L.add(ind, `for i in range(${s.count === 'n' ? 'n()' : s.count}):`);
        return block(s.body, ind + 4, inFn);
      case 'while':
        L.add(ind, 'while c():');
        return block(s.body, ind + 4, inFn);
      case 'call': return L.add(ind, `${s.guarded ? 'c() and ' : ''}${s.fn}()`);
      case 'set': return L.add(ind, `${s.guarded ? 'if c(): ' : ''}${s.obj}[0](${pyExpr(s.value)})`);
      case 'choose': return L.add(ind, `${s.name} = ${pyExpr(s.a)} if c() else ${pyExpr(s.b)}`);
      case 'switch':
        L.add(ind, 'match n():');
        L.add(ind + 4, 'case 1:');
        block(s.one, ind + 8, inFn);
        L.add(ind + 4, 'case 2:');
        return block(s.two, ind + 8, inFn);
      case 'try':
        L.add(ind, 'try:');
        block(s.body, ind + 4, inFn);
        L.add(ind, 'except E:');
        return block(s.handler, ind + 4, inFn);
      case 'walrus': return L.add(ind, `_ = [${s.name} := ${pyExpr(s.value)} for _i in range(n())]`);
      case 'jump': return L.add(ind, `if c(): ${s.which}`);
      case 'raise': return L.add(ind, 'if c(): raise E()');
      case 'setItem': return L.add(ind, `${s.which === 'cfg' ? "cfg['u']" : 'L[0]'} = ${pyExpr(s.value)}`);
      case 'append': return L.add(ind, `L.append(${pyExpr(s.value)})`);
      case 'return': return L.add(ind, 'if c(): return');
    }
  };
  L.add(0, 'import keras');
  L.add(0, 'from keras import layers');
  L.add(0, 'inp = keras.Input(shape=(4,))');
  L.add(0, 'ys = []');
  L.add(0, 'class E(Exception): pass');
  L.add(0, `cfg = {'u': ${p.inits[0]}}`);
  L.add(0, `L = [${p.inits[1]}]`);
  p.vars.forEach((v, i) => L.add(0, `${v} = ${p.inits[i]}`));
  for (const part of p.parts) {
    if (part.kind === 'fn') {
      L.add(0, `def ${part.name}():`);
      L.add(4, `global ${p.vars.join(', ')}`);
      block(part.body, 4, true);
    } else if (part.kind === 'obj') {
      L.add(0, `def make_${part.name}():`);
      L.add(4, `z = ${part.init}`);
      L.add(4, 'def set_(v):');
      L.add(8, 'nonlocal z');
      L.add(8, 'z = v');
      L.add(4, 'def get():');
      L.add(8, 'return z');
      L.add(4, 'return (set_, get)');
      L.add(0, `${part.name} = make_${part.name}()`);
    } else block(part.body, 0, false);
  }
  block(p.finals, 0, false);
  L.add(0, 'model = keras.Model(inp, ys)');
  return L.done();
}

/**
 * The program as JavaScript: `tfjs` for ShapeLens (TF.js layers), else the oracle's version, where `dense(site,
 * units)` records a size. Loops are labelled so that a `break` inside a `switch` leaves the loop, as in Python.
 */
export function printJs(p: Program, tfjs: boolean): Printed {
  const L = new Lines();
  let loops = 0;
  const stack: string[] = [];
  const ex = (e: Expr): string => (e.kind === 'item' ? { cfg: 'cfg.u', first: 'L[0]', last: 'L[L.length - 1]' }[e.which] : pyExpr(e));
  const block = (stmts: readonly Stmt[], ind: number): void => {
    for (const s of stmts) one(s, ind);
  };
  const loop = (head: string, body: readonly Stmt[], ind: number): void => {
    const label = `L${loops++}`;
    L.add(ind, `${label}: ${head} {`);
    stack.push(label);
    block(body, ind + 2);
    stack.pop();
    L.add(ind, '}');
  };
  const one = (s: Stmt, ind: number): void => {
    switch (s.kind) {
      case 'assign': return L.add(ind, `${s.name} = ${ex(s.value)};`);
      case 'dense':
        return L.add(ind, tfjs ? `ys.push(tf.layers.dense({units: ${ex(s.value)}}).apply(inp));` : `dense(${s.site}, ${ex(s.value)});`, s.site);
      case 'if':
        L.add(ind, `if (${{ c: 'c()', true: 'true', false: 'false', positive: 'a > 0' }[s.cond]}) {`);
        block(s.then, ind + 2);
        if (s.otherwise) {
          L.add(ind, '} else {');
          block(s.otherwise, ind + 2);
        }
        return L.add(ind, '}');
      case 'for':
        return loop(s.count === 'n' ? 'for (let i = 0, m = n(); i < m; i++)' : `for (let i = 0; i < ${s.count}; i++)`, s.body, ind);
      case 'while': return loop('while (c())', s.body, ind);
      case 'call': return L.add(ind, `${s.guarded ? 'c() && ' : ''}${s.fn}();`);
      case 'set': return L.add(ind, `${s.guarded ? 'if (c()) ' : ''}${s.obj}[0](${ex(s.value)});`);
      case 'choose': return L.add(ind, `${s.name} = c() ? ${ex(s.a)} : ${ex(s.b)};`);
      case 'switch':
        L.add(ind, 'switch (n()) {');
        L.add(ind + 2, 'case 1: {');
        block(s.one, ind + 4);
        L.add(ind + 4, 'break;');
        L.add(ind + 2, '}');
        L.add(ind + 2, 'case 2: {');
        block(s.two, ind + 4);
        L.add(ind + 4, 'break;');
        L.add(ind + 2, '}');
        return L.add(ind, '}');
      case 'try':
        L.add(ind, 'try {');
        block(s.body, ind + 2);
        L.add(ind, '} catch (e) {');
        L.add(ind + 2, 'if (e instanceof Long) throw e;');
        block(s.handler, ind + 2);
        return L.add(ind, '}');
      case 'walrus': return L.add(ind, `for (let j = 0, m = n(); j < m; j++) ${s.name} = ${ex(s.value)};`);
      case 'jump': return L.add(ind, `if (c()) ${s.which} ${stack[stack.length - 1]};`);
      case 'raise': return L.add(ind, 'if (c()) throw new E();');
      case 'setItem': return L.add(ind, `${s.which === 'cfg' ? 'cfg.u' : 'L[0]'} = ${ex(s.value)};`);
      case 'append': return L.add(ind, `L.push(${ex(s.value)});`);
      case 'return': return L.add(ind, 'if (c()) return;');
    }
  };
  if (tfjs) {
    L.add(0, "import * as tf from '@tensorflow/tfjs';");
    L.add(0, 'declare function c(): boolean;');
    L.add(0, 'declare function n(): number;');
    L.add(0, 'const inp = tf.input({shape: [4]});');
    L.add(0, 'const ys: tf.SymbolicTensor[] = [];');
    L.add(0, 'class E extends Error {}');
  }
  p.vars.forEach((v, i) => L.add(0, `let ${v} = ${p.inits[i]};`));
  L.add(0, `const cfg = {u: ${p.inits[0]}};`);
  L.add(0, `const L${tfjs ? ': number[]' : ''} = [${p.inits[1]}];`);
  for (const part of p.parts) {
    if (part.kind === 'fn') {
      L.add(0, `function ${part.name}() {`);
      block(part.body, 2);
      L.add(0, '}');
    } else if (part.kind === 'obj') {
      L.add(0, `function make_${part.name}() {`);
      L.add(2, `let z = ${part.init};`);
      L.add(2, tfjs ? 'return [(v: number) => { z = v; }, () => z] as const;' : 'return [v => { z = v; }, () => z];');
      L.add(0, '}');
      L.add(0, `const ${part.name} = make_${part.name}();`);
    } else block(part.body, 0);
  }
  block(p.finals, 0);
  if (tfjs) L.add(0, 'const model = tf.model({inputs: inp, outputs: ys});');
  return L.done();
}

/** Thrown by the oracle's `c()`/`n()` after too many calls: a run that would take too long is dropped. */
export class Long extends Error {}

/** The programs' own exception (`raise E()`, `throw new E()`). */
class Raised extends Error {}

/** Runs the oracle's version `runs` times with random `c()`/`n()`: every size each Dense site got, by site. */
export function observedSizes(p: Program, runs: number, seed: number): Map<number, Set<number>> {
  const code = printJs(p, false).text;
  const run = new Function('c', 'n', 'dense', 'Long', 'E', code) as (c: () => boolean, n: () => number, dense: (site: number, units: number) => void, long: typeof Long, e: typeof Raised) => void;
  const rand = mulberry(seed);
  const seen = new Map<number, Set<number>>();
  for (let r = 0; r < runs; r++) {
    let steps = 0;
    const step = () => {
      if (++steps > 2000) throw new Long();
    };
    const got: [number, number][] = [];
    try {
      run(() => (step(), rand() < 0.5), () => (step(), Math.floor(rand() * 4)), (site, units) => void got.push([site, units]), Long, Raised);
    } catch (e) {
      if (e instanceof Long) continue;
      // An exception nothing catches ends the program: what it built until then stands.
      if (!(e instanceof Raised)) throw e;
    }
    for (const [site, units] of got) {
      let s = seen.get(site);
      if (!s) seen.set(site, (s = new Set()));
      s.add(units);
    }
  }
  return seen;
}
