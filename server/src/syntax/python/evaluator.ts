// The Python front end's abstract interpreter: walks statements in program order over the tree-sitter
// tree, evaluates constants, follows imports, variables and simple control flow, and hands Keras calls to
// kerasCalls.ts, which records them in the graph. It never executes user code; what it cannot evaluate
// becomes an `Unknown` value that flows on silently.

import type { PyNode as Node } from './syntaxNode';
import { GraphBuilder } from '../../ir/graphBuilder';
import type { TextRange } from '../../ir/graph';
import { isTensorRef } from '../../ir/graph';
import { DictValue, isDict, unknown, ArgValue } from '../../ir/values';
import { Scope } from './scope';
import { assignedNames, callsModelChanger, declaredElsewhere, globalsAnywhere, localNames, mutatedReceivers, ScanMemo } from './assignedNames';
import { entriesTable, forgetAssigned, itemsTable, runArms, runFinally, withoutOutsideChanges } from '../armJournal';
import { MAX_UNROLL, MAX_UNROLLED_ROUNDS, UnrollBudget } from '../unrollBudget';
import { carriedUnknown, LoopRound, startLoopRound } from '../loopRound';
import {
  FunctionValue, PyValue, isFloatValue, isPyInt, isPyUnknown, isSymbol, isTensorTuple, isTuple, markTuple, numberOf, pyFloat, sameValue, truthOf,
} from './pyValues';
import { convertValue, decodeStringContent, formatWithSpec, percentFormat, pyStr } from './pyFormat';
import { exactInt, isDecimalDigits, numericBinary } from './pyArithmetic';
import { joinLeaves, Leave, NO_LEAVES, ONLY_RETURN } from '../leaves';
import { callValue, getAttribute } from './kerasCalls';
import type { VersionEvidence } from '../../infer/chooseVersion';
import { LiteralUse, Recorder, runWithMemo, StatementMemo } from '../statementMemo';
import { importedSymbol } from '../memberSymbol';

/** Longest string and list the evaluator builds (names and layer lists are far shorter); longer ones are unknown. */
const MAX_STRING = 10_000;
const MAX_ITEMS = 10_000;

/** A string no longer than MAX_STRING, else unknown (`s = s + s` in a loop must not exhaust memory). */
export function boundedString(v: PyValue): PyValue {
  return typeof v === 'string' && v.length > MAX_STRING ? unknown('a very long string') : v;
}

/** Deepest expression or statement nesting evaluated; deeper code is unknown (keeps the JS stack safe). */
const MAX_DEPTH = 400;
/** Loops with more iterations than this are not unrolled. */

/** Nested user-function calls followed at most. */
const MAX_CALL_DEPTH = 16;
/**
 * Graph events after which a user function already analysed once is no longer run again (its call is unknown):
 * a bound on the work of helpers called in loops, far above what real model files build.
 */
export const MAX_EVENTS_FOR_CALLS = 100_000;
/**
 * Runs of user function bodies per analysis: calls past it are unknown. Bounds helpers that call one another
 * several times each, which would otherwise cost exponential time with no layer to count (real model files run a
 * few hundred).
 */
export const MAX_FUNCTION_RUNS = 2_000;

/** How a statement or block ended: normally (undefined), by `return`, `break` or `continue`, or by one of them in some runs only. */
type Completion = { readonly returned: PyValue } | typeof BREAK | typeof CONTINUE | { readonly maybeLeft: ReadonlySet<Leave> } | undefined;
const BREAK = { jump: 'break' } as const;
const CONTINUE = { jump: 'continue' } as const;

/**
 * Whether a module stops after a statement: after a `return` (only half-typed code has one there). A stray `break`
 * or `continue`, or an undecided one, does not stop it: the module's statements are not run in arms (the statement
 * memo replays them one by one).
 */
function stopsModule(c: Completion): boolean {
  return c !== undefined && 'returned' in c;
}

/** The ways a completion leaves its block, or none. */
function leftKinds(c: Completion): ReadonlySet<Leave> {
  if (!c) return NO_LEAVES;
  if ('maybeLeft' in c) return c.maybeLeft;
  return new Set<Leave>(['returned' in c ? 'return' : c.jump]);
}

/** "Left in some runs": the ways of `kinds` and of `then` (what ran after, itself in some runs only), or undefined for none. */
function maybeLeft(kinds: ReadonlySet<Leave>, then: Completion): Completion {
  const all = joinLeaves(kinds, leftKinds(then));
  return all && { maybeLeft: all };
}

/** What a loop passes on: only returns (its break and continue are its own), as "in some runs". */
function returnsFrom(c: Completion): Completion {
  return leftKinds(c).has('return') ? { maybeLeft: ONLY_RETURN } : undefined;
}

export interface Binding {
  readonly name: string;
  readonly range: TextRange;
  readonly value: PyValue;
  /** An assignment to the name, or a read of it. */
  readonly kind: 'write' | 'read';
}

/** The Python front end's statement memo (see statementMemo.ts). */
export type PythonMemo = StatementMemo<Node, PyValue, Binding>;

function isGraphValue(value: PyValue): boolean {
  return isTensorRef(value) || isTensorTuple(value) || (typeof value === 'object' && value !== null && ((value as { kind?: string }).kind === 'sequential' || (value as { kind?: string }).kind === 'functional'));
}

function hasKind(evidence: readonly VersionEvidence[], kind: VersionEvidence['kind']): boolean {
  for (const e of evidence) if (e.kind === kind) return true;
  return false;
}

export class PythonEvaluator {
  readonly builder = new GraphBuilder();
  readonly evidence: VersionEvidence[] = [];
  private readonly evidenceKinds = new Set<VersionEvidence['kind']>();
  /** Every assignment of a tensor or model to a name, for hovers on variables. */
  readonly bindings: Binding[] = [];
  readonly functions: FunctionValue[] = [];
  /** > 0 while inside a branch or loop whose execution is not known. */
  uncertain = 0;
  /** How the latest unrolled loop ended: no round broke out, one did, or one may have (for its `else`). */
  private lastBreak: 'no' | 'yes' | 'maybe' = 'no';
  /**
   * Lists appended to under an unknown condition (their length is not known), and lists and dicts changed in ways
   * that are not followed (`pop`, `del`, an item set with a key that is not known): their items are not known.
   */
  readonly uncertainLists = new WeakSet<object>();
  /** How deep in undecided arms each list literal was made (a list made in an arm and changed there is certain in it). */
  private readonly madeAt = new WeakMap<object, number>();

  /** Whether a change to `list` happens in an undecided arm it was not made in: it happens in some runs only. */
  changedUncertainly(list: object): boolean {
    return this.uncertain > (this.madeAt.get(list) ?? 0);
  }
  /** The syntax scans of this analysis (assignedNames.ts), for the wasm tree's nodes. */
  private readonly scanMemo: ScanMemo = new Map();
  private depth = 0;
  callDepth = 0;
  /** The user functions being run (a call to one of them from its own body is not analysed). */
  private readonly activeFunctions = new Set<FunctionValue>();
  /** Function bodies run so far (see MAX_FUNCTION_RUNS). */
  private functionRuns = 0;
  /** Where the definitions of the functions run so far start (an uncalled copy of one is not analysed again). */
  private readonly ranDefinitions = new Set<number>();

  constructor(readonly text: string) {}

  /**
   * Comments met while evaluating: every comment beside evaluated code (statements, list items, call
   * arguments), which covers every line with a layer on it. Cheaper than a separate walk of the tree.
   */
  readonly comments: { range: TextRange; body: string }[] = [];

  noteComment(node: Node): void {
    const text = node.text;
    this.comments.push({ range: { start: node.startIndex, end: node.startIndex + text.length }, body: text.slice(1).trim() });
  }

  /** Records the first piece of version evidence of each kind (later ones change nothing). */
  addEvidence(kind: VersionEvidence['kind'], reason: () => string, at: Node | TextRange): void {
    // A statement being recorded keeps its first offer of each kind: a replay must offer it again, first of its
    // kind in the module or not (a later offer of the same kind in the same statement can never be first).
    if (this.recorder ? hasKind(this.recorder.evidence, kind) : this.evidenceKinds.has(kind)) return;
    const evidence = { kind, reason: reason(), range: 'startIndex' in at ? this.rangeOf(at) : at };
    this.recorder?.evidence.push(evidence);
    this.offerEvidence(evidence);
  }

  private offerEvidence(evidence: VersionEvidence): void {
    if (this.evidenceKinds.has(evidence.kind)) return;
    this.evidenceKinds.add(evidence.kind);
    this.evidence.push(evidence);
  }

  // ---------------------------------------------------------------- statement memo

  /** Records the current top-level statement's effects (when a memo is in use). */
  private recorder: Recorder<Node, PyValue> | undefined;

  /**
   * The current statement cannot be replayed later: it mutates or shares state beyond its own assignments
   * and graph events (a function, an unknown branch, a star import).
   */
  markImpure(): void {
    if (this.recorder) this.recorder.impure = true;
  }

  /** Whether the current statement's effects are being recorded (then `noteLiteral` is heard). */
  get recording(): boolean {
    return this.recorder !== undefined;
  }

  /** A number passed straight to a layer constructor, for `StatementMemo` (see literalPatch.ts). */
  noteLiteral(use: LiteralUse): void {
    this.recorder?.literals.push(use);
  }

  /** `target` (a list, a Sequential) is being mutated: see `StatementMemo.mutate`. */
  noteMutation(target: object): void {
    this.markImpure();
    this.memo?.mutate(target);
  }

  /** The Sequential models in `values` escape into code or values that are not followed (GraphBuilder.escape). */
  escape(values: readonly PyValue[], how: string): void {
    this.builder.escape(values, how, model => this.noteMutation(model));
  }

  private memo: PythonMemo | undefined;
  private moduleScope: Scope | undefined;

  /**
   * Runs a module's top-level statements, replaying from `memo` those whose effects are known and still valid,
   * and recording the effects of the others for the next version.
   */
  /** A module's statements without a memo (as `runModule` runs them). */
  runModulePlain(statements: readonly (Node | null)[], scope: Scope): void {
    for (const stmt of statements) if (stmt && stopsModule(this.runStatement(stmt, scope))) return;
  }

  runModule(statements: readonly (Node | null)[], scope: Scope, memo: PythonMemo): void {
    // The memo stays for the rest of this evaluator's run: an uncalled function analysed afterwards may still
    // mutate a module-level object (`model.add` in its body).
    this.memo = memo;
    this.moduleScope = scope;
    runWithMemo(statements, memo, {
      builder: this.builder,
      bindings: this.bindings,
      comments: this.comments,
      startOf: stmt => stmt.startIndex,
      endOf: stmt => stmt.endIndex,
      lookup: name => scope.own(name),
      starImports: () => scope.starImports.length,
      scope,
      attach: recorder => {
        this.recorder = recorder;
      },
      run: stmt => stopsModule(this.runStatement(stmt, scope)),
      replayValues: e => {
        for (const [name, value] of e.writes) scope.set(name, value);
        for (const evidence of e.evidence) this.offerEvidence(evidence);
        for (const [list, nodes] of e.itemNodes) this.itemNodes.set(list, nodes as Node[]);
      },
    });
  }

  rangeOf(node: Node): TextRange {
    return { start: node.startIndex, end: node.endIndex };
  }

  // ---------------------------------------------------------------- statements

  /** Runs a block of statements; returns a value when a `return` was reached. */
  runBlock(nodes: readonly (Node | null)[], scope: Scope): Completion {
    for (let i = 0; i < nodes.length; i++) {
      const stmt = nodes[i];
      if (!stmt) continue;
      const r = this.runStatement(stmt, scope);
      if (!r) continue;
      if ('maybeLeft' in r && i + 1 < nodes.length) {
        // An undecided arm returned, broke or continued: what follows runs only in some runs.
        const rest = nodes.slice(i + 1);
        // As an undecided arm: what it assigns is merged with what holds when it does not run.
        const after = this.runUncertainArms([() => this.runBlock(rest, scope)], scope, false);
        return maybeLeft(r.maybeLeft, after);
      }
      return r;
    }
    return undefined;
  }

  private runStatement(node: Node, scope: Scope): Completion {
    if (this.depth > MAX_DEPTH) return undefined;
    this.depth++;
    try {
      return this.runStatementInner(node, scope);
    } finally {
      this.depth--;
    }
  }

  private runStatementInner(node: Node, scope: Scope): Completion {
    const type = typeOf(node);
    switch (type) {
      case 'expression_statement':
        for (const child of node.namedChildren) if (child) this.evalStatementExpression(child, scope);
        return undefined;
      case 'import_statement':
      case 'import_from_statement':
        this.runImport(node, scope);
        return undefined;
      case 'delete_statement':
        this.markImpure();
        this.runDelete(node, scope);
        return undefined;
      case 'function_definition':
        this.defineFunction(node, scope);
        return undefined;
      case 'decorated_definition': {
        const def = node.childForFieldName('definition');
        if (def) this.runStatement(def, scope);
        return undefined;
      }
      case 'class_definition': {
        const name = node.childForFieldName('name');
        if (name) scope.set(name.text, { kind: 'class', name: name.text, changesModels: callsModelChanger(node, this.scanMemo) });
        return undefined;
      }
      case 'return_statement': {
        const value = node.namedChildren[0];
        return { returned: value ? this.evalExpr(value, scope) : null };
      }
      case 'break_statement':
        return BREAK;
      case 'continue_statement':
        return CONTINUE;
      case 'if_statement':
        return this.runIf(node, scope);
      case 'for_statement':
        return this.runFor(node, scope);
      case 'while_statement': {
        // The condition runs first (a `:=` in it binds); false: the body never runs, and the else does.
        const body = node.childForFieldName('body');
        const condition = node.childForFieldName('condition');
        const otherwise = node.childForFieldName('alternative');
        const first = condition ? truthOf(this.evalExpr(condition, scope)) : undefined;
        if (first === false) {
          const block = otherwise ? otherwise.childForFieldName('body') ?? otherwise.namedChildren.find(c => c && typeOf(c) === 'block') : null;
          return block ? this.runBlock(block.namedChildren, scope) : undefined;
        }
        // A round is the body, then the condition again.
        const round = () => {
          const c = body ? this.runBlock(body.namedChildren, scope) : undefined;
          if (condition) this.evalExpr(condition, scope);
          return c;
        };
        const r = this.runUncertainArms([round], scope, false, [body, condition]);
        if (otherwise) this.runMaybe(otherwise, scope);
        return returnsFrom(r);
      }
      case 'try_statement':
        return this.runTry(node, scope);
      case 'match_statement':
        return this.runMatch(node, scope);
      case 'with_statement': {
        for (const item of node.descendantsOfType('with_item')) {
          const value = item?.childForFieldName('value');
          if (value && typeOf(value) === 'as_pattern') {
            const target = value.childForFieldName('alias');
            const inner = value.namedChildren[0];
            if (inner) this.evalExpr(inner, scope);
            if (target) this.assignTarget(target.namedChildren[0] ?? target, unknown('a `with` target'), scope);
          } else if (value) this.evalExpr(value, scope);
        }
        const body = node.childForFieldName('body');
        return body ? this.runBlock(body.namedChildren, scope) : undefined;
      }
      case 'block':
      case 'module':
        return this.runBlock(node.namedChildren, scope);
      case 'comment':
        this.noteComment(node);
        return undefined;
      case 'ERROR':
        // Half-typed code: evaluate the complete statements and expressions tree-sitter found inside.
        for (const child of node.namedChildren) {
          if (!child) continue;
          if (typeOf(child).endsWith('_statement') || typeOf(child) === 'function_definition' || typeOf(child) === 'class_definition') this.runStatement(child, scope);
          else if (typeOf(child) === 'call' || typeOf(child) === 'assignment') this.evalStatementExpression(child, scope);
        }
        return undefined;
      default:
        return undefined;
    }
  }

  private evalStatementExpression(node: Node, scope: Scope): void {
    const type = typeOf(node);
    if (type === 'assignment') this.runAssignment(node, scope);
    else if (type === 'augmented_assignment') this.runAugmented(node, scope);
    else this.evalExpr(node, scope, type);
  }

  private runAssignment(node: Node, scope: Scope): void {
    // Named children: left, [type], right; a bare annotation `x: int` has no right side.
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) return;
    let value: PyValue;
    const rightType = typeOf(right);
    if (rightType === 'assignment') {
      // chained `a = b = expr`
      this.runAssignment(right, scope);
      const innerLeft = right.childForFieldName('left');
      value = innerLeft ? this.evalExpr(innerLeft, scope) : unknown();
    } else value = this.evalExpr(right, scope, rightType);
    this.assignTarget(left, value, scope);
  }

  private runAugmented(node: Node, scope: Scope): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const op = node.childForFieldName('operator')?.text ?? '';
    if (!left || !right) return;
    const current = this.evalExpr(left, scope);
    const value = this.binary(op.slice(0, -1), current, this.evalExpr(right, scope));
    this.assignTarget(left, value, scope);
  }

  /** Binds a target (name, tuple/list pattern) to a value; attributes and subscripts are not tracked. */
  assignTarget(target: Node, value: PyValue, scope: Scope): void {
    switch (typeOf(target)) {
      case 'identifier':
        scope.set(target.text, value);
        if (isGraphValue(value)) this.bindings.push({ name: target.text, range: this.rangeOf(target), value, kind: 'write' });
        return;
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list': {
        const targets = target.namedChildren.filter((c): c is Node => !!c);
        const items = isTensorTuple(value) ? value.items : Array.isArray(value) ? value
          : isTensorRef(value) && !value.selected ? targets.map((_, i) => ({ kind: 'tensor' as const, call: value.call, index: i, selected: true }))
          : undefined;
        targets.forEach((t, i) => {
          const item: PyValue = items && items.length === targets.length ? items[i] : unknown('unpacking a value of unknown length');
          this.assignTarget(t, item, scope);
        });
        return;
      }
      case 'parenthesized_expression': {
        const inner = target.namedChildren[0];
        if (inner) this.assignTarget(inner, value, scope);
        return;
      }
      case 'subscript':
        return this.assignItem(target, value, scope);
      case 'attribute': {
        // An attribute of an object that is not followed: a model stored there may be changed through it.
        const obj = target.childForFieldName('object');
        if (obj) this.evalExpr(obj, scope);
        this.escape([value], 'the model was stored in an attribute ShapeLens does not follow, and may be changed through it');
        return;
      }
      default:
        return;
    }
  }

  /**
   * `container[key] = value`: a dict's item (noted in the journal, so an undecided arm's change is merged like a
   * variable's) or a list's; with a key that is not known, every item may have changed.
   */
  private assignItem(target: Node, value: PyValue, scope: Scope): void {
    const objNode = target.childForFieldName('value');
    const subs = target.childrenForFieldName('subscript').filter((c): c is Node => !!c);
    const obj = objNode ? this.evalExpr(objNode, scope) : unknown();
    const key = subs.length === 1 && typeOf(subs[0]) !== 'slice' ? this.evalExpr(subs[0], scope) : unknown();
    if (isDict(obj as ArgValue)) {
      const entries = (obj as DictValue).entries as Map<string, ArgValue>;
      this.noteMutation(obj as DictValue);
      if (typeof key === 'string' && !this.uncertainLists.has(obj as DictValue)) {
        scope.journals.note(entriesTable(entries), key, entries.get(key));
        entries.set(key, value as ArgValue);
      } else this.uncertainLists.add(obj as DictValue);
    } else if (Array.isArray(obj)) {
      this.noteMutation(obj);
      const i = isPyInt(key) ? (key < 0 ? obj.length + key : key) : -1;
      if (i >= 0 && i < obj.length && !this.changedUncertainly(obj) && !this.uncertainLists.has(obj)) {
        // Noted in the journal (a function the file never calls has it taken back).
        scope.journals.note(itemsTable(obj as PyValue[]), String(i), obj[i]);
        (obj as PyValue[])[i] = value;
      } else this.uncertainLists.add(obj);
    } else this.escape([value], 'the model was stored in a container ShapeLens does not follow, and may be changed through it');
  }

  /** `del a, b[k], c.d`: a name is unbound; a list or dict an item is deleted from no longer has known items. */
  private runDelete(node: Node, scope: Scope): void {
    const targets = node.namedChildren.flatMap(c => (c && typeOf(c) === 'expression_list' ? c.namedChildren : [c]));
    for (const t of targets) {
      if (!t) continue;
      if (typeOf(t) === 'identifier') scope.set(t.text, unknown(`\`${t.text}\` was deleted`));
      else if (typeOf(t) === 'subscript') {
        const objNode = t.childForFieldName('value');
        const obj = objNode ? this.evalExpr(objNode, scope) : unknown();
        if (Array.isArray(obj) || isDict(obj as ArgValue)) {
          this.noteMutation(obj as object);
          this.uncertainLists.add(obj as object);
        }
      }
    }
  }

  private runIf(node: Node, scope: Scope): Completion {
    // Chain of (condition, block); else has no condition.
    const arms: { cond: Node | null; body: Node | null }[] = [{ cond: node.childForFieldName('condition'), body: node.childForFieldName('consequence') }];
    for (const alt of node.childrenForFieldName('alternative')) {
      if (!alt) continue;
      if (typeOf(alt) === 'elif_clause') arms.push({ cond: alt.childForFieldName('condition'), body: alt.childForFieldName('consequence') });
      else arms.push({ cond: null, body: alt.childForFieldName('body') });
    }
    for (let i = 0; i < arms.length; i++) {
      const arm = arms[i];
      const truth = arm.cond ? truthOf(this.evalExpr(arm.cond, scope)) : true;
      if (truth === false) continue;
      if (truth === true) return arm.body ? this.runBlock(arm.body.namedChildren, scope) : undefined;
      // Unknown condition: every remaining arm may run; run each for hints, then forget what differs.
      const rest = arms.slice(i);
      return this.runUncertainArms(rest.map(a => () => (a.body ? this.runBlock(a.body.namedChildren, scope) : undefined)), scope, rest[rest.length - 1].cond === null);
    }
    return undefined;
  }

  /**
   * Runs arms whose execution is not known (`exhaustive`: one of them surely runs, as with an `else`), then keeps
   * only the variables every outcome agrees on. `loop`: the syntax of one loop body (with what else binds in each
   * round), run any number of times but analysed once — see syntax/loopRound.ts.
   */
  private runUncertainArms(arms: readonly (() => Completion)[], scope: Scope, exhaustive: boolean, loop: readonly (Node | null)[] | false = false): Completion {
    this.markImpure();
    const branch = this.builder.newBranch();
    // Two lists with the same items are not the same value when one's items are not known (an arm appended to it).
    const same = (a: PyValue, b: PyValue) => sameValue(a, b) && !(Array.isArray(a) && this.uncertainLists.has(a)) && !(Array.isArray(b) && this.uncertainLists.has(b));
    const rules = { same, disagree: (name: string) => unknown(`\`${name}\` is assigned in a branch whose condition is not known`) };
    let round: LoopRound<PyValue> | undefined;
    const runs = arms.map((run, i) => () => {
      if (loop) {
        // A list or dict the body changes in place has other items in later rounds (and after the loop).
        for (const name of loop.flatMap(n => (n ? mutatedReceivers(n, this.scanMemo) : []))) {
          const v = scope.lookup(name);
          if (Array.isArray(v) || isDict(v as ArgValue)) {
            this.noteMutation(v as object);
            this.uncertainLists.add(v as object);
          }
        }
        const names = loop.flatMap(n => (n ? assignedNames(n, this.scanMemo) : []));
        round = startLoopRound(this.builder, names, name => (scope.lookup(name) !== undefined ? scope.target(name) : undefined), carriedUnknown);
      }
      return this.builder.inArm(branch, i, !!loop, () => this.runUncertain(scope, run));
    });
    const results = runArms(scope.journals, runs, exhaustive, rules, journal => round?.end(journal, this.builder, same, rules.disagree));
    let left: Completion;
    for (const r of results) left = maybeLeft(leftKinds(left), r);
    // A loop analysed once takes its own break and continue; a return leaves the function in some runs.
    return loop ? returnsFrom(left) : left;
  }

  private runUncertain<T>(scope: Scope, f: () => T): T {
    this.uncertain++;
    try {
      return f();
    } finally {
      this.uncertain--;
    }
  }

  private runFor(node: Node, scope: Scope): Completion {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const body = node.childForFieldName('body');
    if (!left || !right || !body) return undefined;
    const iterable = this.evalExpr(right, scope);
    const items = Array.isArray(iterable) && !this.uncertainLists.has(iterable) ? iterable : undefined;
    const otherwise = node.childForFieldName('alternative');
    if (items && this.unrollBudget.take(items.length)) {
      const r = this.unrolled(items, left, body, scope);
      // The else clause runs when no round broke out.
      const broke = this.lastBreak;
      if (otherwise && !(r && 'returned' in r)) {
        if (broke === 'no') {
          const block = otherwise.childForFieldName('body');
          const e = block ? this.runBlock(block.namedChildren, scope) : undefined;
          if (e) return e;
        } else if (broke === 'maybe') this.runMaybe(otherwise, scope);
      }
      return r;
    }
    // Unknown trip count: analyse the body once for hints, then forget what it assigned.
    const reason = items ? `a loop of ${items.length} iterations is not unrolled (at most ${MAX_UNROLL}, and ${MAX_UNROLLED_ROUNDS} in all)` : 'a loop over values that are not known';
    this.assignTarget(left, unknown(reason), scope);
    const r = this.runUncertainArms([() => this.runBlock(body.namedChildren, scope)], scope, false, [body]);
    // The loop may break before its else.
    if (otherwise) this.runMaybe(otherwise, scope);
    return r;
  }

  /** An `else:` clause (of a loop, of a `try`) that runs in some runs: analysed as one undecided arm. */
  private runMaybe(clause: Node, scope: Scope): void {
    const body = clause.childForFieldName('body') ?? clause.namedChildren.find(c => c && typeOf(c) === 'block');
    if (body) this.runUncertainArms([() => this.runBlock(body.namedChildren, scope)], scope, false);
  }

  /**
   * A `match` statement: its cases are tried in order; a case whose pattern is a literal (or literals joined by
   * `|`) is decided against a known subject, `case _:` matches anything, and from the first case that cannot be
   * decided on, the rest are undecided arms (their capture names unknown).
   */
  private runMatch(node: Node, scope: Scope): Completion {
    const subjectNode = node.childForFieldName('subject');
    const subject = subjectNode ? this.evalExpr(subjectNode, scope) : unknown();
    const body = node.childForFieldName('body');
    const cases = body ? body.namedChildren.filter((c): c is Node => !!c && typeOf(c) === 'case_clause') : [];
    for (let i = 0; i < cases.length; i++) {
      const verdict = this.caseMatches(cases[i], subject, scope);
      if (verdict === false) continue;
      if (verdict === true) return this.runCase(cases[i], scope);
      const rest = cases.slice(i);
      return this.runUncertainArms(rest.map(c => () => this.runCase(c, scope)), scope, rest.some(c => this.isWildcardCase(c)));
    }
    return undefined;
  }

  private runCase(clause: Node, scope: Scope): Completion {
    // Names a pattern may bind are not known.
    for (const pattern of clause.namedChildren) {
      if (!pattern || typeOf(pattern) !== 'case_pattern') continue;
      for (const id of pattern.descendantsOfType('identifier')) if (id && id.text !== '_') scope.set(id.text, unknown('a name bound by a `case` pattern'));
    }
    const block = clause.childForFieldName('consequence');
    return block ? this.runBlock(block.namedChildren, scope) : undefined;
  }

  private isWildcardCase(clause: Node): boolean {
    const patterns = clause.namedChildren.filter(c => c && typeOf(c) === 'case_pattern');
    return patterns.length === 1 && patterns[0]!.text === '_' && !clause.childForFieldName('guard');
  }

  /** Whether a case matches a subject: true, false, or undefined when that is not known. */
  private caseMatches(clause: Node, subject: PyValue, scope: Scope): boolean | undefined {
    if (this.isWildcardCase(clause)) return true;
    // Only a known literal subject is compared.
    const literalSubject = typeof subject === 'string' || typeof subject === 'boolean' || subject === null || numberOf(subject) !== undefined;
    if (clause.childForFieldName('guard') || !literalSubject) return undefined;
    const patterns = clause.namedChildren.filter((c): c is Node => !!c && typeOf(c) === 'case_pattern');
    if (patterns.length !== 1) return undefined;
    const alternatives = patterns[0].namedChildren.length === 1 && typeOf(patterns[0].namedChildren[0]!) === 'union_pattern' ? patterns[0].namedChildren[0]!.namedChildren : patterns[0].namedChildren;
    let matched = false;
    for (const alt of alternatives) {
      if (!alt) return undefined;
      const t = typeOf(alt);
      if (t !== 'string' && t !== 'integer' && t !== 'float' && t !== 'true' && t !== 'false' && t !== 'none' && t !== 'case_pattern') return undefined;
      const literal = t === 'case_pattern' ? alt.namedChildren[0] : alt;
      if (!literal) return undefined;
      const lt = typeOf(literal);
      if (lt !== 'string' && lt !== 'integer' && lt !== 'float' && lt !== 'true' && lt !== 'false' && lt !== 'none') return undefined;
      const value = this.evalExpr(literal, scope);
      if (isPyUnknown(value)) return undefined;
      const x = numberOf(value);
      const y = numberOf(subject);
      if (x !== undefined && y !== undefined ? x === y : sameValue(value, subject)) matched = true;
    }
    return matched;
  }

  /**
   * A loop of known items, round by round. `break` ends it, `continue` the round; after a round that may have
   * broken out or returned (in an undecided branch), the later rounds run only in some runs.
   */
  /** The loop rounds this analysis may still unroll. */
  private readonly unrollBudget = new UnrollBudget();

  private unrolled(items: readonly PyValue[], target: Node, body: Node, scope: Scope, from = 0): Completion {
    for (let k = from; k < items.length; k++) {
      this.assignTarget(target, items[k], scope);
      const r = this.runBlock(body.namedChildren, scope);
      if (!r) continue;
      if ('jump' in r) {
        if (r.jump === 'break') {
          this.lastBreak = 'yes';
          return undefined;
        }
        continue;
      }
      if ('returned' in r) return r;
      const kinds = r.maybeLeft;
      if (!kinds.has('break') && !kinds.has('return')) continue;
      const later = k + 1 < items.length ? this.runUncertainArms([() => this.unrolled(items, target, body, scope, k + 1)], scope, false) : undefined;
      this.lastBreak = 'maybe';
      return returnsFrom(maybeLeft(kinds, later));
    }
    this.lastBreak = 'no';
    return undefined;
  }

  private runImport(node: Node, scope: Scope): void {
    if (typeOf(node) === 'import_statement') {
      for (const name of node.childrenForFieldName('name')) {
        if (!name) continue;
        if (typeOf(name) === 'aliased_import') {
          const dotted = name.childForFieldName('name');
          const alias = name.childForFieldName('alias');
          if (dotted && alias) scope.set(alias.text, importedSymbol(dottedPath(dotted)));
        } else {
          const path = dottedPath(name);
          scope.set(path[0], importedSymbol([path[0]]));
        }
      }
      return;
    }
    const moduleNode = node.childForFieldName('module_name');
    if (!moduleNode || typeOf(moduleNode) === 'relative_import') return;
    const modulePath = dottedPath(moduleNode);
    if (node.namedChildren.some(c => (c ? typeOf(c) : undefined) === 'wildcard_import')) {
      this.markImpure();
      scope.starImports.push(modulePath);
      return;
    }
    for (const name of node.childrenForFieldName('name')) {
      if (!name) continue;
      if (typeOf(name) === 'aliased_import') {
        const dotted = name.childForFieldName('name');
        const alias = name.childForFieldName('alias');
        if (dotted && alias) scope.set(alias.text, importedSymbol([...modulePath, ...dottedPath(dotted)]));
      } else {
        const path = dottedPath(name);
        scope.set(path[path.length - 1], importedSymbol([...modulePath, ...path]));
      }
    }
  }

  private defineFunction(node: Node, scope: Scope): void {
    const name = node.childForFieldName('name');
    if (!name) return;
    const fn: FunctionValue = { kind: 'function', name: name.text, node, closure: scope };
    this.markImpure();
    this.functions.push(fn);
    scope.set(name.text, fn);
  }

  /**
   * Runs a user function with the given arguments (a call), or with its defaults (never called). Every call runs
   * the body again, as Python does: a helper that builds layers builds new ones at each call, for the arguments
   * of that call. A function calling itself, and calls past MAX_EVENTS_FOR_CALLS, are not analysed.
   */
  callFunction(fn: FunctionValue, positional: readonly PyValue[], keyword: ReadonlyMap<string, PyValue>, site?: Node): PyValue {
    this.markImpure();
    const reason = this.activeFunctions.has(fn) ? `\`${fn.name}\` calls itself, which is not analysed`
      : fn.analysed && this.builder.events.length > MAX_EVENTS_FOR_CALLS ? `\`${fn.name}\` is not analysed again: the file builds more layers than ShapeLens follows`
        : this.callDepth >= MAX_CALL_DEPTH ? 'calls nested too deeply'
          : ++this.functionRuns > MAX_FUNCTION_RUNS ? `\`${fn.name}\` is not analysed: the file makes more function calls than ShapeLens follows`
            : undefined;
    if (reason) return this.notRun(fn, [...positional, ...keyword.values()], reason, site);
    this.ranDefinitions.add(fn.node.startIndex);
    const local = new Scope(fn.closure, fn.name);
    const body = fn.node.childForFieldName('body');
    if (body) {
      for (const [name, kind] of declaredElsewhere(body, this.scanMemo)) local.declareElsewhere(name, kind);
      local.locals = localNames(body, this.scanMemo);
    }
    const params = fn.node.childForFieldName('parameters');
    let index = 0;
    for (const p of params?.namedChildren ?? []) {
      if (!p) continue;
      const pname = paramName(p);
      if (!pname) continue;
      if (typeOf(p) === 'list_splat_pattern' || typeOf(p) === 'dictionary_splat_pattern') {
        local.set(pname, unknown(`\`${pname}\` collects extra arguments`));
        continue;
      }
      let value: PyValue | undefined = index < positional.length ? positional[index] : keyword.get(pname);
      index++;
      if (value === undefined) {
        const def = p.childForFieldName('value');
        value = def ? this.evalExpr(def, fn.closure) : unknown(`\`${pname}\` is a parameter of \`${fn.name}\` without a value`);
      }
      local.set(pname, value);
    }
    fn.analysed = { args: positional, result: unknown(`\`${fn.name}\` is being analysed`) };
    this.callDepth++;
    this.activeFunctions.add(fn);
    let result: PyValue = null;
    try {
      const r = body ? this.runBlock(body.namedChildren, local) : undefined;
      // A body that may have returned early in an undecided branch returns one of several values.
      result = !r ? null : 'returned' in r ? r.returned : 'maybeLeft' in r ? unknown(`\`${fn.name}\` returns early in a branch whose condition is not known`) : null;
    } finally {
      this.callDepth--;
      this.activeFunctions.delete(fn);
    }
    fn.analysed = { args: positional, result };
    return result;
  }

  /** A function handed to code that is not analysed: run as an undecided loop body, where it was handed over. */
  runCallbackMaybe(fn: FunctionValue, scope: Scope, site: Node): void {
    // Its names are its own (a change it makes through `global` or `nonlocal` is still followed: loopRound.ts).
    this.runUncertainArms([() => void this.callFunction(fn, [], new Map(), site)], scope, false, []);
  }

  /** A call that is not run: see `GraphBuilder.unanalysedCall`. */
  private notRun(fn: FunctionValue, args: readonly PyValue[], reason: string, site: Node | undefined): PyValue {
    this.builder.unanalysedCall(args, this.rangeOf(site ?? fn.node), reason, (target, isList) => {
      if (isList) this.uncertainLists.add(target);
      this.noteMutation(target);
    });
    return unknown(reason);
  }

  // --------------------------------------------------------------- expressions

  /** Evaluates an expression; `type` is the node's type when the caller has read it already. */
  evalExpr(node: Node, scope: Scope, type?: string): PyValue {
    if (this.depth > MAX_DEPTH) return unknown('nested too deeply to analyse');
    this.depth++;
    try {
      return this.evalExprInner(node, scope, type ?? typeOf(node));
    } finally {
      this.depth--;
    }
  }

  private evalExprInner(node: Node, scope: Scope, type: string): PyValue {
    switch (type) {
      case 'integer':
      case 'float':
        this.recorder?.numbers.push(node.startIndex);
        return numberLiteral(type as 'integer' | 'float', node.text);
      case 'true':
        return true;
      case 'false':
        return false;
      case 'none':
        return null;
      case 'string':
        return this.stringLiteral(node, scope, type);
      case 'concatenated_string': {
        let s = '';
        for (const part of node.namedChildren) {
          const v = part ? this.stringLiteral(part, scope) : unknown();
          if (typeof v !== 'string') return v;
          s += v;
        }
        return boundedString(s);
      }
      case 'identifier': {
        const name = node.text;
        const value = this.lookupName(name, scope);
        if (isGraphValue(value)) this.bindings.push({ name, range: { start: node.startIndex, end: node.startIndex + name.length }, value, kind: 'read' });
        return value;
      }
      case 'parenthesized_expression': {
        const inner = node.namedChildren[0];
        return inner ? this.evalExpr(inner, scope) : unknown();
      }
      case 'tuple':
      case 'expression_list': {
        const items = this.evalItems(node, scope);
        if (Array.isArray(items)) markTuple(items);
        return items;
      }
      case 'list': {
        const items = this.evalItems(node, scope);
        if (Array.isArray(items)) this.madeAt.set(items, this.uncertain);
        return items;
      }
      case 'dictionary':
        return this.evalDict(node, scope);
      case 'unary_operator': {
        const arg = node.childForFieldName('argument');
        const op = node.childForFieldName('operator')?.text;
        const v = arg ? this.evalExpr(arg, scope) : unknown();
        const x = numberOf(v);
        if (x === undefined) return unknown();
        if (op === '~') return isPyInt(v) && Math.abs(x) <= 2 ** 31 ? ~x : unknown();
        const result = op === '-' ? -x : op === '+' ? x : undefined;
        if (result === undefined) return unknown();
        // An int has no negative zero (`-0` is 0); a float has.
        return isFloatValue(v) ? pyFloat(result) : result + 0;
      }
      case 'binary_operator': {
        const l = node.childForFieldName('left');
        const r = node.childForFieldName('right');
        const op = node.childForFieldName('operator')?.text ?? '';
        return this.binary(op, l ? this.evalExpr(l, scope) : unknown(), r ? this.evalExpr(r, scope) : unknown());
      }
      case 'boolean_operator': {
        const l = node.childForFieldName('left');
        const r = node.childForFieldName('right');
        const op = node.childForFieldName('operator')?.text;
        const lv = l ? this.evalExpr(l, scope) : unknown();
        const t = truthOf(lv);
        if (t === undefined) {
          // The right side runs in some runs (`c and model.add(...)`).
          if (r) this.runUncertainArms([() => void this.evalExpr(r, scope)], scope, false);
          return unknown();
        }
        if (op === 'and') return t ? (r ? this.evalExpr(r, scope) : unknown()) : lv;
        return t ? lv : r ? this.evalExpr(r, scope) : unknown();
      }
      case 'not_operator': {
        const arg = node.childForFieldName('argument');
        const t = arg ? truthOf(this.evalExpr(arg, scope)) : undefined;
        return t === undefined ? unknown() : !t;
      }
      case 'comparison_operator':
        return this.compare(node, scope);
      case 'conditional_expression': {
        const [a, cond, b] = node.namedChildren;
        const t = cond ? truthOf(this.evalExpr(cond, scope)) : undefined;
        if (t === true && a) return this.evalExpr(a, scope);
        if (t === false && b) return this.evalExpr(b, scope);
        // Either side runs: each as an undecided arm; the value is known when both agree.
        const values: PyValue[] = [];
        this.runUncertainArms([a, b].map(x => () => void values.push(x ? this.evalExpr(x, scope) : unknown())), scope, true);
        return values.length === 2 && sameValue(values[0], values[1]) ? values[0] : unknown('a conditional expression whose condition is not known');
      }
      case 'attribute': {
        const obj = node.childForFieldName('object');
        const attr = node.childForFieldName('attribute');
        if (!obj || !attr) return unknown();
        return getAttribute(this, this.evalExpr(obj, scope), attr.text, node);
      }
      case 'subscript':
        return this.evalSubscript(node, scope);
      case 'call':
        return callValue(this, node, scope);
      case 'named_expression': {
        // `(n := value)` binds n in the enclosing function or module, also from inside a comprehension.
        const name = node.childForFieldName('name');
        const valueNode = node.childForFieldName('value');
        const value = valueNode ? this.evalExpr(valueNode, scope) : unknown();
        let target = scope;
        while (target.comprehension && target.parent) target = target.parent;
        if (name) target.set(name.text, value);
        return value;
      }
      case 'list_comprehension':
        return this.evalComprehension(node, scope);
      case 'generator_expression':
      case 'set_comprehension':
      case 'dictionary_comprehension': {
        // Not materialised here: analysed once, as a loop that runs any number of times.
        const clauses = node.namedChildren.filter((c): c is Node => !!c && (typeOf(c) === 'for_in_clause' || typeOf(c) === 'if_clause'));
        return this.comprehensionOnce(node.childForFieldName('body'), clauses, scope, 'a comprehension');
      }
      case 'keyword_argument':
      case 'lambda':
      default:
        return unknown();
    }
  }

  lookupName(name: string, scope: Scope): PyValue {
    // A statement being recorded depends on the module's binding of every name it reads (even one a local
    // scope shadows: a harmless extra dependency).
    if (this.recorder) this.recorder.read(name, this.moduleScope!.own(name));
    const v = scope.lookup(name);
    if (v !== undefined) return v;
    if (name === '__name__') return '__main__';
    for (const path of scope.starImportsInChain()) {
      this.markImpure();
      return { kind: 'symbol', path: [...path, name] };
    }
    return { kind: 'symbol', path: ['<bare>', name] };
  }

  /** The syntax nodes of each list or tuple literal's items, for per-item ranges (Sequential lists). */
  readonly itemNodes = new Map<object, Node[]>();

  private evalItems(node: Node, scope: Scope): PyValue {
    const out: PyValue[] = [];
    const nodes: Node[] = [];
    this.itemNodes.set(out, nodes);
    this.recorder?.itemNodes.push([out, nodes]);
    for (const child of node.namedChildren) {
      if (!child) continue;
      const childType = typeOf(child);
      if (childType === 'comment') {
        this.noteComment(child);
        continue;
      }
      nodes.push(child);
      if (childType === 'list_splat') {
        const inner = child.namedChildren[0];
        const v = inner ? this.evalExpr(inner, scope) : unknown();
        if (!Array.isArray(v) || this.uncertainLists.has(v)) return unknown('a starred expression of values that are not known');
        out.push(...v);
      } else out.push(this.evalExpr(child, scope, childType));
    }
    return out;
  }

  private evalDict(node: Node, scope: Scope): PyValue {
    const entries = new Map<string, ArgValue>();
    for (const pair of node.namedChildren) {
      if (!pair || typeOf(pair) !== 'pair') {
        if (pair && typeOf(pair) === 'comment') {
          this.noteComment(pair);
          continue;
        }
        return unknown('a dictionary with computed entries');
      }
      const k = pair.childForFieldName('key');
      const v = pair.childForFieldName('value');
      const key = k ? this.evalExpr(k, scope) : unknown();
      if (typeof key !== 'string' || !v) return unknown('a dictionary with computed keys');
      entries.set(key, this.evalExpr(v, scope) as ArgValue);
    }
    const dict: DictValue = { kind: 'dict', entries };
    return dict;
  }

  private evalSubscript(node: Node, scope: Scope): PyValue {
    const valueNode = node.childForFieldName('value');
    const subs = node.childrenForFieldName('subscript').filter((s): s is Node => !!s);
    if (!valueNode || subs.length !== 1) return unknown();
    const value = this.evalExpr(valueNode, scope);
    const sub = subs[0];
    // A list or dict changed in ways that are not followed (an append under a condition, a `pop`, a `del`).
    if ((Array.isArray(value) || isDict(value as ArgValue)) && this.uncertainLists.has(value as object)) {
      this.evalExpr(sub, scope);
      return unknown('an item of a list or dict whose items are not known');
    }
    const items = isTensorTuple(value) ? value.items : Array.isArray(value) ? value : typeof value === 'string' ? [...value] : undefined;
    if (typeOf(sub) === 'slice') {
      if (!items) return unknown();
      const parts: (number | undefined)[] = [];
      let current: number | undefined = undefined;
      for (const c of sub.children) {
        if (!c) continue;
        if (typeOf(c) === ':') {
          parts.push(current);
          current = undefined;
        } else {
          const v = this.evalExpr(c, scope);
          if (!isPyInt(v) && v !== null) return unknown();
          current = v === null ? undefined : v;
        }
      }
      parts.push(current);
      const [start, stop, step] = parts;
      if (step !== undefined && step !== 1) return unknown('a slice with a step');
      const n = items.length;
      const norm = (i: number | undefined, d: number) => (i === undefined ? d : i < 0 ? Math.max(0, n + i) : Math.min(n, i));
      return items.slice(norm(start, 0), norm(stop, n));
    }
    const index = this.evalExpr(sub, scope);
    if (isTensorRef(value) && !value.selected && typeof index === 'number' && Number.isInteger(index)) {
      return { kind: 'tensor', call: value.call, index, selected: true };
    }
    if (isDict(value as ArgValue) && typeof index === 'string') {
      const v = (value as DictValue).entries.get(index);
      return v === undefined ? unknown() : v;
    }
    if (items && typeof index === 'number' && Number.isInteger(index)) {
      const i = index < 0 ? items.length + index : index;
      return i >= 0 && i < items.length ? items[i] : unknown('an index out of range');
    }
    return unknown();
  }

  /** A string literal, f-strings included: their fields are evaluated and formatted as Python formats them. */
  private stringLiteral(node: Node, scope: Scope, type = typeOf(node)): PyValue {
    if (type !== 'string') return unknown();
    const text = node.text;
    const p = stringPrefix(text);
    if (!p) return unknown();
    if (!p.prefix.includes('f')) return stringValue(text, p);
    const raw = p.prefix.includes('r');
    let s = '';
    for (const c of node.children) {
      if (!c) return unknown();
      const t = typeOf(c);
      if (t === 'string_start') continue;
      let piece: string | undefined;
      if (t === 'string_end') {
        // The grammar puts backslashes just before the closing quote into this token.
        const end = c.text;
        piece = end.endsWith(p.quote) ? decodeStringContent(end.slice(0, end.length - p.quote.length), raw, true) : undefined;
      } else if (t === 'string_content') piece = decodeStringContent(c.text, raw, true);
      else if (t === 'interpolation') piece = this.formattedField(c, scope);
      if (piece === undefined) return unknown('a formatted string with values that are not known');
      s += piece;
    }
    return boundedString(s);
  }

  /** One `{expression!conversion:spec}` field of an f-string; undefined where Python's text is not known. */
  private formattedField(node: Node, scope: Scope): string | undefined {
    let expression: Node | undefined;
    let conversion: string | undefined;
    let spec: Node | undefined;
    for (const c of node.children) {
      if (!c) return undefined;
      const t = typeOf(c);
      if (t === '{' || t === '}') continue;
      if (t === 'type_conversion') conversion = c.text.slice(1);
      else if (t === 'format_specifier') spec = c;
      else if (!expression && c.isNamed && t !== 'comment') expression = c;
      else return undefined; // `{x=}` (the expression's own text), or something the parser recovered
    }
    if (!expression) return undefined;
    let value: PyValue | undefined = this.evalExpr(expression, scope);
    if (conversion !== undefined) value = convertValue(value, conversion);
    if (value === undefined) return undefined;
    const specText = spec ? this.formatSpecText(spec, scope) : '';
    return specText === undefined ? undefined : formatWithSpec(value, specText);
  }

  /** A field's spec after its `:`, with nested fields (`{x:{width}}`) replaced by their values. */
  private formatSpecText(spec: Node, scope: Scope): string | undefined {
    const text = spec.text;
    const base = spec.startIndex;
    let out = '';
    let at = text.startsWith(':') ? 1 : 0;
    for (const c of spec.namedChildren) {
      if (!c || typeOf(c) !== 'format_expression') continue;
      // A nested field with a conversion or a spec of its own (`{x:{w:03}}`) is not rendered.
      const parts = c.children.filter(x => x && typeOf(x) !== 'comment' && typeOf(x) !== '{' && typeOf(x) !== '}');
      const inner = parts.length === 1 && parts[0]!.isNamed ? parts[0]! : undefined;
      const value = inner ? pyStr(this.evalExpr(inner, scope)) : undefined;
      if (value === undefined) return undefined;
      out += text.slice(at, c.startIndex - base) + value;
      at = c.endIndex - base;
    }
    return out + text.slice(at);
  }

  private evalComprehension(node: Node, scope: Scope): PyValue {
    const body = node.childForFieldName('body');
    // By type, not by identity: web-tree-sitter hands out a new object for a node on every access.
    const clauses = node.namedChildren.filter((c): c is Node => !!c && (c.type === 'for_in_clause' || c.type === 'if_clause'));
    if (!body || clauses.length !== 1 || typeOf(clauses[0]) !== 'for_in_clause') return this.comprehensionOnce(body, clauses, scope, 'a comprehension');
    const left = clauses[0].childForFieldName('left');
    const right = clauses[0].childForFieldName('right');
    if (!left || !right) return unknown();
    const iterable = this.evalExpr(right, scope);
    if (!Array.isArray(iterable) || this.uncertainLists.has(iterable) || !this.unrollBudget.take(iterable.length)) return this.comprehensionOnce(body, clauses, scope, 'a comprehension over values that are not known', true);
    const local = new Scope(scope, scope.functionName, true);
    return iterable.map(item => {
      this.assignTarget(left, item, local);
      return this.evalExpr(body, local);
    });
  }

  /**
   * A comprehension that is not unrolled: its element is analysed once as a loop body that runs any number of
   * times (with what its `for` clauses bind unknown), so that what it creates or adds is recorded as undecided.
   */
  private comprehensionOnce(body: Node | null, clauses: readonly Node[], scope: Scope, reason: string, iterableEvaluated = false): PyValue {
    if (!body) return unknown(reason);
    const local = new Scope(scope, scope.functionName, true);
    // Its names are its own, but a walrus (`:=`) binds in the enclosing function or module: merged there as undecided.
    let outer = scope;
    while (outer.comprehension && outer.parent) outer = outer.parent;
    this.runUncertainArms([() => {
      for (const clause of clauses) {
        if (typeOf(clause) === 'if_clause') {
          // Its condition runs (a `:=` in it binds), for the items that reach it.
          const cond = clause.namedChildren[0];
          if (cond) this.evalExpr(cond, local);
          continue;
        }
        if (typeOf(clause) !== 'for_in_clause') continue;
        const right = clause.childForFieldName('right');
        if (right && !iterableEvaluated) this.evalExpr(right, local);
        iterableEvaluated = false;
        const left = clause.childForFieldName('left');
        if (left) this.assignTarget(left, unknown(reason), local);
      }
      this.evalExpr(body, local);
      return undefined;
    }], outer, false, [body, ...clauses]);
    return unknown(reason);
  }

  /**
   * `try`: with handlers, the body may stop at any statement and a handler run from there, so its model entries
   * are recorded in an arm of their own and a handler starts with what the body assigned unknown (except a module
   * it imported: the file is analysed for the imports it was written for). Then the body's end (and the `else`)
   * and each handler are undecided arms, one of which runs. `finally` runs after all, also when the statement
   * stopped anywhere: on what it assigned forgotten (armJournal.runFinally).
   */
  private runTry(node: Node, scope: Scope): Completion {
    const body = node.childForFieldName('body');
    const clauses = node.namedChildren.filter((c): c is Node => !!c);
    const handlers = clauses.filter(c => typeOf(c) === 'except_clause' || typeOf(c) === 'except_group_clause');
    const otherwise = clauses.find(c => typeOf(c) === 'else_clause');
    const blockOf = (c: Node) => c.childForFieldName('body') ?? c.namedChildren.find(x => x && typeOf(x) === 'block') ?? null;
    const forgotten = (name: string) => unknown(`\`${name}\` is assigned in a \`try\` statement, which may stop before its end`);
    const runBody = () => (body ? this.runBlock(body.namedChildren, scope) : undefined);
    const tried = scope.journals.record((): Completion => {
      if (handlers.length === 0) return runBody();
      // What the body changes in place (a list it appends to) may or may not be changed: it runs as undecided.
      const ran = scope.journals.record(() => this.builder.inArm(this.builder.newBranch(), 0, false, () => this.runUncertain(scope, runBody)));
      const arms = [
        () => ran.result ?? (otherwise ? this.runBlock(blockOf(otherwise)?.namedChildren ?? [], scope) : undefined),
        ...handlers.map(h => () => {
          forgetAssigned(ran.journal, isSymbol, forgotten);
          return this.runBlock(blockOf(h)?.namedChildren ?? [], scope);
        }),
      ];
      // A handler that replaces a module the body imported (`except ImportError: keras = None`) leaves it imported.
      const merged = scope.journals.record(() => this.runUncertainArms(arms, scope, true));
      for (const [table, names] of merged.journal) {
        for (const [name, before] of names) if (before !== undefined && isSymbol(before) && isPyUnknown(table.own(name) ?? null)) table.setOwn(name, before);
      }
      return merged.result;
    });
    const fin = clauses.find(c => typeOf(c) === 'finally_clause');
    const block = fin?.namedChildren.find(c => (c ? typeOf(c) : undefined) === 'block');
    if (!block) return tried.result;
    const f = runFinally(scope.journals, tried.journal, isSymbol, forgotten, () => this.runBlock(block.namedChildren, scope));
    return f ?? tried.result;
  }

  /** A binary operator on known values, with Python's int and float results (pyArithmetic.ts). */
  binary(op: string, a: PyValue, b: PyValue): PyValue {
    const number = numericBinary(op, a, b);
    if (number !== undefined) return number;
    if (op === '+' && typeof a === 'string' && typeof b === 'string') return boundedString(a + b);
    if (op === '%' && typeof a === 'string') {
      // A tuple gives the values; any other list is one value (and then too many for two fields).
      const values = Array.isArray(b) ? (isTuple(b) ? b : undefined) : [b];
      return boundedString((values && percentFormat(a, values)) ?? unknown('a %-formatted string with values that are not known'));
    }
    // A list made from one whose items are not known has items that are not known either.
    const unsure = (Array.isArray(a) && this.uncertainLists.has(a)) || (Array.isArray(b) && this.uncertainLists.has(b));
    if (unsure && (Array.isArray(a) || Array.isArray(b))) {
      this.escape([a, b], `the model is in the result of \`${op}\` on a list, which ShapeLens does not follow, and may be changed through it`);
      return unknown('a list made from a list whose items are not known');
    }
    if (op === '+' && Array.isArray(a) && Array.isArray(b)) return a.length + b.length <= MAX_ITEMS ? [...a, ...b] : unknown('a very long list');
    if (op === '*' && Array.isArray(a) && isPyInt(b) && b >= 0 && b * a.length <= MAX_ITEMS) return Array.from({ length: b }, () => a).flat() as PyValue[];
    // A model inside an operand is in a value that is not followed (`[model] * n`): it may be changed through it.
    if (Array.isArray(a) || Array.isArray(b)) this.escape([a, b], `the model is in the result of \`${op}\` on a list, which ShapeLens does not follow, and may be changed through it`);
    return unknown();
  }

  private compare(node: Node, scope: Scope): PyValue {
    const operands = node.namedChildren.filter((c): c is Node => !!c);
    const ops = node.children.filter(c => c && !c.isNamed).map(c => c!.text);
    if (operands.length !== 2 || ops.length !== 1) return unknown();
    const a = this.evalExpr(operands[0], scope);
    const b = this.evalExpr(operands[1], scope);
    // An int and a float compare by value (`32 == 32.0`).
    const x = numberOf(a);
    const y = numberOf(b);
    if (x !== undefined && y !== undefined) {
      if (ops[0] === '==') return x === y;
      if (ops[0] === '!=') return x !== y;
    }
    if (isPyUnknown(a) || isPyUnknown(b) || typeof a === 'object' && a !== null && !Array.isArray(a) || typeof b === 'object' && b !== null && !Array.isArray(b)) return unknown();
    switch (ops[0]) {
      case '==': return sameValue(a, b);
      case '!=': return !sameValue(a, b);
      case '<': return x !== undefined && y !== undefined ? x < y : unknown();
      case '>': return x !== undefined && y !== undefined ? x > y : unknown();
      case '<=': return x !== undefined && y !== undefined ? x <= y : unknown();
      case '>=': return x !== undefined && y !== undefined ? x >= y : unknown();
      case 'is': return a === b;
      default: return unknown();
    }
  }

  /**
   * Functions never called in the file are analysed with their parameters' defaults. When (and whether)
   * they would run is not known, so the automatic names of what they build are numbered `?`.
   */
  analyseUncalledFunctions(): void {
    this.builder.detached = true;
    const uncalled = (fn: FunctionValue) => !fn.analysed && !this.ranDefinitions.has(fn.node.startIndex);
    // A global an uncalled function assigns may or may not have been assigned when another one runs.
    for (const fn of this.functions) {
      const body = uncalled(fn) ? fn.node.childForFieldName('body') : null;
      if (!body) continue;
      let module = fn.closure;
      while (module.parent) module = module.parent;
      for (const name of globalsAnywhere(body, this.scanMemo)) {
        if (module.own(name) !== undefined) module.setOwn(name, unknown(`\`${name}\` may be changed by \`${fn.name}\`, which the file never calls`));
      }
      // And a list or dict it changes in place has items that are not known.
      for (const name of mutatedReceivers(body, this.scanMemo)) {
        const v = fn.closure.lookup(name);
        if (Array.isArray(v) || isDict(v as ArgValue)) this.uncertainLists.add(v as object);
      }
    }
    for (let i = 0; i < this.functions.length; i++) {
      const fn = this.functions[i];
      if (!uncalled(fn)) continue;
      // What it changes outside itself is taken back before the next one runs (its own variables stay, for the
      // functions defined in it).
      withoutOutsideChanges(fn.closure.journals, () => void this.callFunction(fn, [], new Map()));
    }
  }
}

/** `node.type` (each read is a call into the wasm parser: read it once per node where it matters). */
export function typeOf(node: Node): string {
  return node.type;
}

function dottedPath(node: Node): string[] {
  return node.namedChildren.filter((c): c is Node => !!c && typeOf(c) === 'identifier').map(c => c.text);
}

function paramName(p: Node): string | undefined {
  if (typeOf(p) === 'identifier') return p.text;
  const name = p.childForFieldName('name');
  if (name) return name.text;
  const first = p.namedChildren[0];
  return first && typeOf(first) === 'identifier' ? first.text : undefined;
}

/** The value of an `integer` or `float` literal's text. */
export function numberLiteral(type: 'integer' | 'float', text: string): PyValue {
  if (type === 'integer') return parseInteger(text);
  const t = text.split('_').join('').toLowerCase();
  // `1j` is a complex number.
  const n = t.endsWith('j') ? NaN : Number(t);
  return Number.isFinite(n) ? pyFloat(n) : unknown();
}

function parseInteger(text: string): PyValue {
  const n = integerValue(text);
  // Past 2**53 a double rounds the digits: such an int is not known exactly.
  return typeof n === 'number' ? exactInt(n) : n;
}

function integerValue(text: string): PyValue {
  if (text.length < 16 && isDecimalDigits(text)) return Number(text);
  const t = text.split('_').join('').toLowerCase();
  let n: number;
  if (t.startsWith('0x')) n = parseInt(t.slice(2), 16);
  else if (t.startsWith('0o')) n = parseInt(t.slice(2), 8);
  else if (t.startsWith('0b')) n = parseInt(t.slice(2), 2);
  else n = Number(t.endsWith('l') || t.endsWith('j') ? NaN : t);
  return Number.isFinite(n) ? n : unknown();
}


/** A string literal's prefix (`f`, `rb`, …, lower-cased) and quote, or undefined for a string the parser made up. */
function stringPrefix(text: string): { prefix: string; quote: string; start: number } | undefined {
  let i = 0;
  while (i < text.length && text[i] !== '"' && text[i] !== "'") i++;
  // A string the parser had to make up (missing, or cut short by an error) has no quote to read.
  if (i >= text.length) return undefined;
  const quote = text.startsWith(text[i].repeat(3), i) ? text[i].repeat(3) : text[i];
  return { prefix: text.slice(0, i).toLowerCase(), quote, start: i };
}

/**
 * The value of a string literal that is not an f-string. A plain literal (no escapes) is read from the token
 * text in one call; others are decoded from their content pieces. Bytes are unknown (never a name or a size).
 */
function stringValue(text: string, p: { prefix: string; quote: string; start: number }): PyValue {
  if (p.prefix.includes('b')) return unknown('a bytes literal');
  const { quote } = p;
  // A string cut short by an error has no closing quote: its value is not known.
  if (!text.endsWith(quote) || text.length < p.start + 2 * quote.length) return unknown();
  const body = text.slice(p.start + quote.length, text.length - quote.length);
  if (!body.includes('\\')) return body;
  return decodeStringContent(body, p.prefix.includes('r'), false) ?? unknown('a string with a named character (\\N{…})');
}

