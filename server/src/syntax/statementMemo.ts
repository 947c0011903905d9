// What each top-level statement of a module did when it was last evaluated (its effects), kept by a session
// so that the next version can replay an unchanged statement instead of evaluating it again; shared by the
// Python and the TS/JS front ends (`runWithMemo` drives either evaluator through a small host). A statement is
// replayed only when its syntax node is the same (an unchanged copy; if it moved, its ranges move with it),
// every name it read from the module still holds the same value, nothing it read has been mutated since, and
// the module has as many star imports; statements that mutate shared objects (`model.add`, `list.append`),
// call or define functions, or branch on unknowns are never recorded, and an object they mutate takes the
// memo of every statement whose assigned values reach it away.

import type { CallNode, GraphEvent, Issue, LayerInstance, SequentialModel, TensorRef, TextRange } from '../ir/graph';
import type { GraphBuilder } from '../ir/graphBuilder';
import type { VersionEvidence } from '../infer/chooseVersion';

/** A variable bound to a graph value, as both front ends record it. */
export interface MemoBinding<V> {
  readonly name: string;
  readonly range: TextRange;
  readonly value: V;
  readonly kind: 'write' | 'read';
}

export interface SourceComment {
  readonly range: TextRange;
  readonly body: string;
}

/**
 * A number written straight into a layer constructor's arguments (`Dense(64)`, `Dropout(rate=0.1)`), whose
 * value went nowhere else: the slot of `layer`'s arguments it fills (a position or a keyword).
 */
export interface LiteralUse {
  readonly start: number;
  readonly end: number;
  /** The literal's syntax node type (`integer`, `float`). */
  readonly type: string;
  readonly layer: LayerInstance;
  readonly slot: number | string;
}

/** `N`: a front end's statement node; `V`: its values; `B`: its binding records. */
export interface StatementEffects<N extends object, V, B extends MemoBinding<unknown> = MemoBinding<unknown>> {
  /** Where the statement started and ended when recorded (ranges below are absolute). */
  readonly start: number;
  readonly end: number;
  /**
   * Whether every range below lies within the statement. One that points elsewhere (an issue's note on another
   * statement's layer) may be stale when that statement moves, so such a statement is always evaluated.
   */
  readonly selfContained: boolean;
  /** Names read from the module scope before the statement assigned them, with the values read. */
  readonly reads: ReadonlyMap<string, V | undefined>;
  /** How many star imports the module had (a name it does not bind resolves through them). */
  readonly starImports: number;
  /** Names the statement assigned in the module scope, with their final values. */
  readonly writes: ReadonlyMap<string, V>;
  readonly events: readonly GraphEvent[];
  readonly issues: readonly Issue[];
  readonly uncertainCalls: readonly CallNode[];
  /** The output of each Sequential the statement created, as the graph builder tracks it. */
  readonly sequentialOutputs: readonly (readonly [SequentialModel, TensorRef | undefined])[];
  readonly bindings: readonly B[];
  readonly comments: readonly SourceComment[];
  /** Every piece of version evidence the statement offered (the evaluator keeps the first of each kind). */
  readonly evidence: readonly VersionEvidence[];
  /** Syntax nodes of the items of list literals the statement built. */
  readonly itemNodes: readonly (readonly [object, readonly object[]])[];
  /** Numbers passed straight to layer constructors (see literalPatch.ts). */
  readonly literals: readonly LiteralUse[];
}

/** Collects one statement's effects while the evaluator runs it. */
export class Recorder<N extends object, V> {
  impure = false;
  readonly reads = new Map<string, V | undefined>();
  readonly writes = new Map<string, V>();
  readonly evidence: VersionEvidence[] = [];
  readonly itemNodes: (readonly [object, readonly object[]])[] = [];
  readonly literals: LiteralUse[] = [];
  /** Where each number literal the statement evaluated starts, once per evaluation (see `soleLiterals`). */
  readonly numbers: number[] = [];

  constructor(readonly start: number) {}

  read(name: string, value: V | undefined): void {
    if (!this.writes.has(name) && !this.reads.has(name)) this.reads.set(name, value);
  }

  write(name: string, value: V): void {
    this.writes.set(name, value);
  }
}

interface Owner<N, V> {
  readonly node: N;
  readonly writes: ReadonlyMap<string, V>;
  /** The index of the statement's first event in this version's graph events. */
  readonly firstEvent: number;
}

/**
 * Whether a value is, or may hold, something an evaluator mutates: a list, a Sequential model, a dict or a
 * JS object literal (entries), a bound method (its target).
 */
function holdsMutable(value: unknown): value is { kind?: string } {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const kind = (value as { kind?: string }).kind;
  return kind === 'sequential' || kind === 'dict' || kind === 'object' || kind === 'method';
}

/**
 * How deep and how many assigned values are followed to find the objects a statement owns (lists in dicts in
 * lists …). A statement whose values reach further is not kept for replay: a mutation of what lies beyond
 * could not take its memo away.
 */
const OWN_DEPTH = 6;
const OWN_COUNT = 4096;

/** The effects of a module's statements, by statement node, from one version to the next. */
export class StatementMemo<N extends object, V, B extends MemoBinding<unknown> = MemoBinding<unknown>> {
  private entries = new Map<N, StatementEffects<N, V, B>>();
  private next = new Map<N, StatementEffects<N, V, B>>();
  /** The statements (of this version) whose assigned values reach each object: who to forget when it is mutated. */
  private owners = new Map<object, Owner<N, V>[]>();
  /** Objects mutated in this version so far: a statement that read one is evaluated, not replayed. */
  private readonly mutated = new Set<object>();
  /** For the next version: the effects of the statements that edited ones replace. */
  private predecessors = new Map<N, StatementEffects<N, V, B>>();
  /** Statements whose kept effects `update` changed in place: for the next version, and for this one. */
  private updatedNext = new Set<N>();
  private updated = new Set<N>();
  /** See `changedFrom`. */
  private firstChanged = Infinity;

  /**
   * The first event of this version whose graph objects were the previous version's and changed in place since
   * (a replayed statement's moved ranges or patched arguments, a model a later statement mutated), or Infinity:
   * the events before it that are the previous version's are exactly what they were (inferenceSession.ts).
   */
  get changedFrom(): number {
    return this.firstChanged;
  }

  /** Starts a new version: the previous version's effects are the candidates for replay. */
  begin(): void {
    this.entries = this.next;
    this.next = new Map();
    this.owners = new Map();
    this.mutated.clear();
    this.updated.clear();
    [this.updated, this.updatedNext] = [this.updatedNext, this.updated];
    this.firstChanged = Infinity;
  }

  /** The statement `node`, whose events start at `firstEvent`, is replayed with `effects`. */
  noteReplay(node: N, effects: StatementEffects<N, V, B>, recorded: StatementEffects<N, V, B>, firstEvent: number): void {
    if (effects !== recorded || this.updated.has(node)) this.changedAt(firstEvent);
  }

  private changedAt(firstEvent: number): void {
    if (firstEvent < this.firstChanged) this.firstChanged = firstEvent;
  }

  /**
   * Between two versions: the next version's `node` replaces the latest version's `previous` (an edit inside
   * it; the same node when it was changed in place, before `forget`). When `node` is evaluated, its layers and
   * calls may take over what inference kept on their predecessors (`inheritInference`).
   */
  succeed(node: N, previous: N): void {
    const effects = this.next.get(previous);
    if (effects) this.predecessors.set(node, effects);
  }

  /** The latest version's effects of the statement `node` replaces, if any. */
  predecessorOf(node: N): StatementEffects<N, V, B> | undefined {
    return this.predecessors.size === 0 ? undefined : this.predecessors.get(node);
  }

  /** Called once a version's statements have all run: replacements are one version's news. */
  endVersion(): void {
    if (this.predecessors.size > 0) this.predecessors = new Map();
  }

  /**
   * The effects of `node` if they can be replayed on a module scope read through `lookup` (at another offset
   * than recorded, `moveEffects` first).
   */
  replayable(node: N, lookup: (name: string) => V | undefined, starImports: number): StatementEffects<N, V, B> | undefined {
    const e = this.entries.get(node);
    if (!e || !e.selfContained || e.starImports !== starImports) return undefined;
    for (const [name, value] of e.reads) {
      // Object.is: `0` and `-0` are different values to a program (`f"{float(n)}"`).
      if (!Object.is(lookup(name), value)) return undefined;
      if (typeof value === 'object' && value !== null && this.mutated.has(value)) return undefined;
    }
    return e;
  }

  /**
   * Keeps `effects` of `node` for the next version and notes the objects it assigned (see `own`); its events
   * start at `firstEvent`.
   */
  keep(node: N, effects: StatementEffects<N, V, B>, firstEvent: number): void {
    if (this.own(node, effects.writes, firstEvent)) this.next.set(node, effects);
  }

  /**
   * Notes what a statement assigned that can be mutated later — lists, Sequential models and JS objects (the
   * evaluators mutate nothing else), also inside lists, dicts, objects and bound methods — as owned by it; false
   * when they reach deeper or further than is followed (the statement must then not be replayed).
   */
  own(node: N, writes: ReadonlyMap<string, V>, firstEvent: number): boolean {
    let owner: Owner<N, V> | undefined;
    let seen: Set<object> | undefined;
    let complete = true;
    const visit = (value: unknown, depth: number): void => {
      if (!holdsMutable(value)) return;
      seen ??= new Set();
      if (seen.has(value)) return;
      if (depth > OWN_DEPTH || seen.size >= OWN_COUNT) {
        complete = false;
        return;
      }
      seen.add(value);
      owner ??= { node, writes, firstEvent };
      const list = this.owners.get(value);
      if (list) list.push(owner);
      else this.owners.set(value, [owner]);
      if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
      else if (value.kind === 'dict' || value.kind === 'object') for (const item of (value as unknown as { entries: Map<string, unknown> }).entries.values()) visit(item, depth + 1);
      else if (value.kind === 'method') visit((value as unknown as { target: unknown }).target, depth + 1);
    };
    for (const value of writes.values()) visit(value, 0);
    return complete;
  }

  /**
   * `target` was mutated: the statements whose values reach it are evaluated again next time, and in this
   * version whatever reads those values is evaluated rather than replayed. An object no statement assigned
   * was made by the mutating code itself (inside a function, a temporary): nobody else holds it.
   */
  mutate(target: object): void {
    this.mutated.add(target);
    for (const owner of this.owners.get(target) ?? []) {
      this.changedAt(owner.firstEvent);
      this.next.delete(owner.node);
      for (const value of owner.writes.values()) if (typeof value === 'object' && value !== null) this.mutated.add(value);
    }
  }

  /** A statement's node was changed in place (a number edit, numberEdit.ts): its effects no longer hold. */
  forget(node: N): void {
    this.next.delete(node);
  }

  /**
   * A statement's node was changed in place, and `update` can tell its effects after the change (literalPatch.ts):
   * they replace the kept ones. False, with nothing changed, when none are kept or `update` cannot tell.
   */
  update(node: N, update: (effects: StatementEffects<N, V, B>) => StatementEffects<N, V, B> | undefined): boolean {
    const e = this.next.get(node);
    const updated = e && update(e);
    if (!updated) return false;
    this.next.set(node, updated);
    this.updatedNext.add(node);
    return true;
  }

  /**
   * A copy replaced the wasm node a statement was evaluated on (idle work): its effects carry over, with the
   * syntax nodes of its list items translated to the copy's (`translate`; when that fails they are dropped and
   * the statement is evaluated next time: wasm nodes must not outlive their tree).
   */
  rekey(from: N, to: N, translate: (nodes: readonly object[]) => readonly object[] | undefined): void {
    const e = this.next.get(from);
    if (!e) return;
    this.next.delete(from);
    if (e.itemNodes.length === 0) {
      this.next.set(to, e);
      return;
    }
    const itemNodes: (readonly [object, readonly object[]])[] = [];
    for (const [list, nodes] of e.itemNodes) {
      const copies = translate(nodes);
      if (!copies) return;
      itemNodes.push([list, copies]);
    }
    this.next.set(to, withItemNodes(e, itemNodes));
  }

  clear(): void {
    this.entries = new Map();
    this.next = new Map();
    this.owners = new Map();
    this.mutated.clear();
    this.predecessors = new Map();
    this.updated.clear();
    this.updatedNext.clear();
    this.firstChanged = Infinity;
  }
}

/** The same effects with other list item nodes (all fields in recording order: one object shape). */
function withItemNodes<N extends object, V, B extends MemoBinding<unknown>>(e: StatementEffects<N, V, B>, itemNodes: readonly (readonly [object, readonly object[]])[]): StatementEffects<N, V, B> {
  return {
    selfContained: e.selfContained,
    start: e.start,
    end: e.end,
    reads: e.reads,
    starImports: e.starImports,
    writes: e.writes,
    events: e.events,
    issues: e.issues,
    uncertainCalls: e.uncertainCalls,
    sequentialOutputs: e.sequentialOutputs,
    bindings: e.bindings,
    comments: e.comments,
    evidence: e.evidence,
    itemNodes,
    literals: e.literals,
  };
}

/** Whether every range the effects hold lies within [start, end]. */
export function rangesWithin(e: StatementEffects<object, unknown>): boolean {
  const inside = (r: TextRange | undefined) => !r || (r.start >= e.start && r.end <= e.end);
  for (const ev of e.events) {
    switch (ev.kind) {
      case 'createLayer':
        if (!inside(ev.layer.range) || !inside(ev.layer.classRange)) return false;
        break;
      case 'call':
        if (!inside(ev.call.range) || (ev.call.hintAt !== undefined && (ev.call.hintAt < e.start || ev.call.hintAt > e.end))) return false;
        break;
      default:
        if (!inside(ev.model.range)) return false;
    }
  }
  for (const issue of e.issues) {
    if (!inside(issue.range)) return false;
    for (const r of issue.related ?? []) if (!inside(r.range)) return false;
  }
  return e.bindings.every(b => inside(b.range)) && e.comments.every(c => inside(c.range)) && e.evidence.every(v => inside(v.range));
}

/**
 * The effects of a self-contained statement that moved by `delta`: its graph objects get moved ranges (new
 * range objects: an earlier analysis holding the old ones is unaffected), the rest is copied with moved ranges.
 */
export function moveEffects<N extends object, V, B extends MemoBinding<unknown>>(e: StatementEffects<N, V, B>, delta: number): StatementEffects<N, V, B> {
  return shiftEffects(e, offset => offset + delta);
}

/**
 * The effects with every offset `o` they hold at `at(o)` (a move, or a length change inside the statement):
 * graph objects get new range objects, the rest is copied.
 */
export function shiftEffects<N extends object, V, B extends MemoBinding<unknown>>(e: StatementEffects<N, V, B>, at: (offset: number) => number): StatementEffects<N, V, B> {
  const move = (r: TextRange): TextRange => ({ start: at(r.start), end: at(r.end) });
  for (const ev of e.events) {
    switch (ev.kind) {
      case 'createLayer': {
        const layer = ev.layer as { range: TextRange; classRange: TextRange };
        layer.range = move(layer.range);
        layer.classRange = move(layer.classRange);
        break;
      }
      case 'call': {
        const call = ev.call as { range: TextRange; hintAt?: number };
        call.range = move(call.range);
        if (call.hintAt !== undefined) call.hintAt = at(call.hintAt);
        break;
      }
      default:
        (ev.model as { range: TextRange }).range = move(ev.model.range);
    }
  }
  // All fields written out in the order a recording creates them: one object shape for every entry.
  return {
    selfContained: e.selfContained,
    start: at(e.start),
    end: at(e.end),
    reads: e.reads,
    starImports: e.starImports,
    writes: e.writes,
    events: e.events,
    issues: e.issues.map(i => ({ ...i, range: move(i.range), ...(i.related ? { related: i.related.map(r => ({ ...r, range: move(r.range) })) } : {}) })),
    uncertainCalls: e.uncertainCalls,
    sequentialOutputs: e.sequentialOutputs,
    bindings: e.bindings.map(b => ({ name: b.name, range: move(b.range), value: b.value, kind: b.kind }) as B),
    comments: e.comments.map(c => ({ range: move(c.range), body: c.body })),
    evidence: e.evidence.map(v => ({ kind: v.kind, reason: v.reason, range: move(v.range) })),
    itemNodes: e.itemNodes,
    literals: e.literals.map(l => ({ start: at(l.start), end: at(l.end), type: l.type, layer: l.layer, slot: l.slot })),
  };
}

/** How many statements `runWithMemo` replayed and evaluated (for tests and measurements). */
export const memoStats = { replayed: 0, evaluated: 0 };

/** What `runWithMemo` needs of a front end's evaluator. */
export interface MemoHost<N extends object, V, B extends MemoBinding<unknown>> {
  readonly builder: GraphBuilder;
  readonly bindings: B[];
  /** Comments the evaluator collects (the Python one; TS/JS comments are read from the whole file). */
  readonly comments?: SourceComment[];
  startOf(stmt: N): number;
  endOf(stmt: N): number;
  /** A module-level name's own value. */
  lookup(name: string): V | undefined;
  starImports(): number;
  /** The module scope: its watcher sees the assignments of the statement being recorded. */
  readonly scope: { watcher: { write(name: string, value: V): void } | undefined };
  /** Attaches the recorder the evaluator reports reads, impurity, evidence and item nodes to (or detaches it). */
  attach(recorder: Recorder<N, V> | undefined): void;
  /** Evaluates one statement; true when the module stops there (a top-level return). */
  run(stmt: N): boolean;
  /** Replays what lies beyond the graph and the lists above: assignments, version evidence, item nodes. */
  replayValues(effects: StatementEffects<N, V, B>): void;
}

/**
 * Runs a module's top-level statements, replaying from `memo` those whose effects are known and still valid
 * and recording the effects of the others for the next version.
 */
export function runWithMemo<N extends object, V, B extends MemoBinding<unknown>>(statements: readonly (N | null)[], memo: StatementMemo<N, V, B>, host: MemoHost<N, V, B>): void {
  memo.begin();
  const lookup = (name: string) => host.lookup(name);
  const { builder, bindings } = host;
  const comments = host.comments ?? [];
  for (const stmt of statements) {
    if (!stmt) continue;
    const start = host.startOf(stmt);
    const firstEvent = builder.events.length;
    const found = memo.replayable(stmt, lookup, host.starImports());
    if (found) {
      const effects = found.start === start ? found : moveEffects(found, start - found.start);
      memo.noteReplay(stmt, effects, found, firstEvent);
      builder.replay(effects.events, effects.issues, effects.uncertainCalls, effects.sequentialOutputs);
      for (const b of effects.bindings) bindings.push(b);
      for (const c of effects.comments) comments.push(c);
      host.replayValues(effects);
      memo.keep(stmt, effects, firstEvent);
      memoStats.replayed++;
      continue;
    }
    memoStats.evaluated++;
    const recorder = new Recorder<N, V>(start);
    const before = builder.mark();
    const bindingCount = bindings.length;
    const commentCount = comments.length;
    host.attach(recorder);
    host.scope.watcher = recorder;
    let stop: boolean;
    try {
      stop = host.run(stmt);
    } finally {
      host.attach(undefined);
      host.scope.watcher = undefined;
    }
    if (stop) break;
    const predecessor = memo.predecessorOf(stmt);
    if (predecessor) inheritInference(predecessor.events, builder.events, before.events);
    if (recorder.impure) {
      memo.own(stmt, recorder.writes, firstEvent);
      continue;
    }
    const events = builder.events.slice(before.events);
    const effects: StatementEffects<N, V, B> = {
      selfContained: true,
      start,
      end: host.endOf(stmt),
      reads: recorder.reads,
      starImports: host.starImports(),
      writes: recorder.writes,
      events,
      issues: builder.issues.slice(before.issues),
      uncertainCalls: events.flatMap(e => e.kind === 'call' && builder.uncertainCalls.has(e.call) ? [e.call] : []),
      sequentialOutputs: builder.sequentialOutputsOf(events),
      bindings: bindings.slice(bindingCount),
      comments: comments.slice(commentCount),
      evidence: recorder.evidence,
      itemNodes: recorder.itemNodes,
      literals: soleLiterals(recorder),
    };
    if (!rangesWithin(effects)) (effects as { selfContained: boolean }).selfContained = false;
    memo.keep(stmt, effects, firstEvent);
  }
  memo.endVersion();
}

/**
 * The numbers a recorded statement passed to layer constructors every time it evaluated them: one evaluated
 * more often than it filled a layer's argument (in a loop or comprehension that also calls something else
 * with it) went elsewhere too, and cannot be patched in (literalPatch.ts).
 */
function soleLiterals(recorder: Recorder<object, unknown>): LiteralUse[] {
  if (recorder.literals.length === 0) return recorder.literals;
  const evaluated = new Map<number, number>();
  for (const start of recorder.numbers) evaluated.set(start, (evaluated.get(start) ?? 0) + 1);
  const used = new Map<number, number>();
  for (const l of recorder.literals) used.set(l.start, (used.get(l.start) ?? 0) + 1);
  return recorder.literals.filter(l => used.get(l.start) === evaluated.get(l.start));
}

/**
 * An edited statement evaluated again mostly creates what it did before, in the same order: each layer
 * created with the same arguments as its counterpart takes over its latest shared build, and each call the
 * previous result (inference uses either only when its inputs prove it equal, see `LayerInstance.lastBuild`
 * and `CallNode.previousResult`).
 */
function inheritInference(previous: readonly GraphEvent[], events: readonly GraphEvent[], from: number): void {
  const count = Math.min(previous.length, events.length - from);
  for (let i = 0; i < count; i++) {
    const was = previous[i];
    const now = events[from + i];
    if (was.kind !== now.kind) return;
    if (was.kind === 'createLayer' && now.kind === 'createLayer') {
      if (was.layer.lastBuild && sameLayerArguments(was.layer, now.layer)) now.layer.lastBuild = was.layer.lastBuild;
    } else if (was.kind === 'call' && now.kind === 'call') {
      now.call.previousResult = was.call.result;
    }
  }
}

function sameLayerArguments(a: LayerInstance, b: LayerInstance): boolean {
  if (a.spec !== b.spec || a.className !== b.className || !!a.opaqueArgs !== !!b.opaqueArgs) return false;
  if (a.positional.length !== b.positional.length || a.keyword.size !== b.keyword.size) return false;
  for (let i = 0; i < a.positional.length; i++) if (!samePlainValue(a.positional[i], b.positional[i])) return false;
  for (const [name, v] of a.keyword) if (!b.keyword.has(name) || !samePlainValue(v, b.keyword.get(name))) return false;
  return true;
}

/** Equality of numbers, strings, booleans, null and arrays of them; any other object is never equal. */
function samePlainValue(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null) return Object.is(a, b);
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!samePlainValue(a[i], b[i])) return false;
  return true;
}
