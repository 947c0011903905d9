// The TS/JS front end's abstract interpreter: walks statements in program order over the TypeScript AST,
// evaluates constants, follows imports, variables, functions and simple control flow, and hands TF.js calls
// to tfjsCalls.ts, which records them in the graph. It never executes user code.

import ts = require('typescript');
import {
  SyntaxKind, isArrayLiteralExpression, isArrowFunction, isAsExpression, isBlock, isCaseClause,
  isClassExpression, isComputedPropertyName, isDefaultClause, isElementAccessExpression,
  isExternalModuleReference, isForOfStatement, isFunctionDeclaration, isFunctionExpression, isIdentifier,
  isIfStatement, isMethodDeclaration, isNamespaceImport, isNoSubstitutionTemplateLiteral, isNonNullExpression,
  isNumericLiteral, isObjectBindingPattern, isObjectLiteralExpression, isOmittedExpression,
  isParenthesizedExpression, isPrivateIdentifier, isPropertyAccessExpression, isPropertyAssignment,
  isShorthandPropertyAssignment, isSpreadAssignment, isSpreadElement, isStringLiteral,
  isVariableDeclarationList,
} from './tsApi';
import { GraphBuilder } from '../../ir/graphBuilder';
import type { ModelNode, TensorRef, TextRange } from '../../ir/graph';
import { isModelNode, isTensorRef } from '../../ir/graph';
import { ArgValue, isLayerValue, unknown } from '../../ir/values';
import { JsScope } from './scope';
import { assignedNames, callsModelChanger, freeAssignedNames, mutatedReceivers, varNames } from './assignedNames';
import { entriesTable, forgetAssigned, itemsTable, runArms, runFinally, withoutOutsideChanges, undo } from '../armJournal';
import { MAX_UNROLL, MAX_UNROLLED_ROUNDS, UnrollBudget } from '../unrollBudget';
import { carriedUnknown, LoopRound, startLoopRound } from '../loopRound';
import {
  FunctionNode, FunctionValue, JsObject, JsValue, isClass, isFunction, isGraphValue, isJsUnknown, isObject, isSymbol,
  sameValue, truthOf,
} from './jsValues';
import { isTfjsModule, TF_ROOT } from './tfjsSymbols';
import { callExpression, getProperty, newExpression } from './tfjsCalls';
import { binaryOp, compareOp } from './operators';
import { Recorder, runWithMemo, StatementMemo } from '../statementMemo';
import { joinLeaves, Leave, NO_LEAVES, ONLY_RETURN } from '../leaves';
import { importedSymbol } from '../memberSymbol';

/** Deepest expression or statement nesting evaluated; deeper code is unknown (keeps the JS stack safe). */
const MAX_DEPTH = 400;
/** Loops with more iterations than this are not unrolled. */
export { MAX_UNROLL } from '../unrollBudget';

/** Nested user-function calls followed at most. */
const MAX_CALL_DEPTH = 16;
/** See the Python evaluator's MAX_EVENTS_FOR_CALLS and MAX_FUNCTION_RUNS: the same bounds on helpers run again at each call. */
const MAX_EVENTS_FOR_CALLS = 100_000;
const MAX_FUNCTION_RUNS = 2_000;

/** A variable bound to a tensor or a model: the same shape as the Python front end's binding. */
export interface Binding {
  readonly name: string;
  readonly range: TextRange;
  readonly value: TensorRef | ModelNode;
  /** An assignment to the name, or a read of it. */
  readonly kind: 'write' | 'read';
}

/**
 * The values imported from TensorFlow.js's other packages and Node's own modules, which add no layers to a model. Kept
 * for every analysis: a session replays an import statement's value from an earlier one.
 */
const libraries = new WeakSet<object>();

/** Node's own modules (imported without `node:`). */
const NODE_MODULES: ReadonlySet<string> = new Set(['fs', 'path', 'os', 'util', 'url', 'http', 'https', 'zlib', 'crypto', 'child_process', 'events', 'stream', 'readline', 'assert']);

/** The TS/JS front end's statement memo (see statementMemo.ts). */
export type TsMemo = StatementMemo<ts.Statement, JsValue, Binding>;

/** How a statement ended other than by falling through. */
export type Completion = { readonly kind: 'return'; readonly value: JsValue } | { readonly kind: 'break' } | { readonly kind: 'continue' } | Maybe | undefined;

/** A `return`, `break` or `continue` taken in an undecided branch: in some runs only. */
type Maybe = { readonly kind: 'maybe'; readonly leaves: ReadonlySet<Leave> };

/** The ways a completion leaves its block, or none. */
function leftKinds(c: Completion): ReadonlySet<Leave> {
  if (!c) return NO_LEAVES;
  return c.kind === 'maybe' ? c.leaves : new Set<Leave>([c.kind]);
}

/** "Left in some runs": the ways of `kinds` and of `then` (what ran after, itself in some runs only), or undefined. */
function maybeLeft(kinds: ReadonlySet<Leave>, then: Completion): Completion {
  const all = joinLeaves(kinds, leftKinds(then));
  return all && { kind: 'maybe', leaves: all };
}

/** What a loop passes on: only returns (its break and continue are its own), as "in some runs". */
function returnsFrom(c: Completion): Completion {
  return leftKinds(c).has('return') ? { kind: 'maybe', leaves: ONLY_RETURN } : undefined;
}

/** Whether a module stops after a statement: after a `return` only (half-typed code); see the Python evaluator. */
function stopsModule(c: Completion): boolean {
  return c?.kind === 'return';
}

type Arm = { readonly cond: ts.Expression | null; readonly run: () => Completion };

export class TsEvaluator {
  readonly builder = new GraphBuilder();
  readonly bindings: Binding[] = [];
  readonly functions: FunctionValue[] = [];
  /** > 0 while inside a branch or loop whose execution is not known. */
  uncertain = 0;
  /** Arrays pushed to under an unknown condition: their length is not known. */
  readonly uncertainLists = new WeakSet<object>();
  /** The syntax nodes of each array literal's items, for per-item ranges (Sequential layer lists). */
  // Maps, not WeakMaps: they live as long as the evaluator, one analysis (a WeakMap entry costs several times more).
  readonly itemNodes = new Map<object, ts.Node[]>();
  private readonly definedFunctions = new Map<ts.Node, FunctionValue>();
  private depth = 0;
  /** The user functions being run (a call to one of them from its own body is not analysed). */
  private readonly activeFunctions = new Set<FunctionValue>();
  /** Function bodies run so far, callbacks included (see MAX_FUNCTION_RUNS). */
  private functionRuns = 0;
  /** Where the definitions of the functions run so far start (an uncalled copy of one is not analysed again). */
  private readonly ranDefinitions = new Set<number>();

  /** A call that is not run: see `GraphBuilder.unanalysedCall`. */
  private notRun(fn: FunctionValue, args: readonly JsValue[], reason: string, site: ts.Node | undefined): JsValue {
    this.builder.unanalysedCall(args, this.rangeOf(site ?? fn.node), reason, (target, isList) => {
      if (isList) this.markUncertainList(target as JsValue[]);
      else this.noteMutation(target);
    });
    return unknown(reason);
  }

  callDepth = 0;

  constructor(readonly sourceFile: ts.SourceFile) {}

  rangeOf(node: ts.Node): TextRange {
    return { start: node.getStart(this.sourceFile), end: node.end };
  }

  textOf(node: ts.Node): string {
    return this.sourceFile.text.slice(node.getStart(this.sourceFile), node.end);
  }

  // ---------------------------------------------------------------- statement memo

  /** Records the current top-level statement's effects (when a memo is in use). */
  private recorder: Recorder<ts.Statement, JsValue> | undefined;
  private memo: TsMemo | undefined;
  private moduleScope: JsScope | undefined;

  /**
   * The current statement cannot be replayed later: it mutates or shares state beyond its own assignments
   * and graph events (a function, an unknown branch, a loop whose state is snapshotted).
   */
  markImpure(): void {
    if (this.recorder) this.recorder.impure = true;
  }

  /** `target` (an array, an object literal, a Sequential) is being mutated: see `StatementMemo.mutate`. */
  noteMutation(target: object): void {
    this.markImpure();
    this.memo?.mutate(target);
  }

  /** The Sequential models in `values` escape into code or values that are not followed (GraphBuilder.escape). */
  escape(values: readonly JsValue[], how: string): void {
    this.builder.escape(values, how, model => this.noteMutation(model));
  }

  /** Marks a list whose length is no longer known (a mutation of it: see `noteMutation`). */
  markUncertainList(list: JsValue[]): void {
    this.noteMutation(list);
    this.uncertainLists.add(list);
  }

  /** Looks a name up through the scope chain, noting a module-level read for the statement being recorded. */
  lookupName(name: string, scope: JsScope): JsValue | undefined {
    if (this.recorder) this.recorder.read(name, this.moduleScope!.own(name));
    return scope.lookup(name);
  }

  /**
   * Runs a module's top-level statements, replaying from `memo` those whose effects are known and still valid,
   * and recording the effects of the others for the next version.
   */
  runModule(statements: readonly ts.Statement[], scope: JsScope, memo: TsMemo): void {
    // The memo stays for the rest of this evaluator's run: an uncalled function analysed afterwards may still
    // mutate a module-level object (`model.add` in its body).
    this.memo = memo;
    this.moduleScope = scope;
    this.hoistFunctions(statements, scope);
    runWithMemo(statements, memo, {
      builder: this.builder,
      bindings: this.bindings,
      startOf: stmt => stmt.pos,
      endOf: stmt => stmt.end,
      lookup: name => scope.own(name),
      starImports: () => 0,
      scope,
      attach: recorder => {
        this.recorder = recorder;
      },
      run: stmt => stopsModule(this.runStatement(stmt, scope)),
      replayValues: e => {
        for (const [name, value] of e.writes) scope.declare(name, value);
        for (const [list, nodes] of e.itemNodes) this.itemNodes.set(list, nodes as ts.Node[]);
      },
    });
  }

  // ---------------------------------------------------------------- statements

  /** Function declarations are hoisted: `run()` may come before `function run() {…}`. */
  private hoistFunctions(statements: readonly ts.Statement[], scope: JsScope): void {
    for (const s of statements) if (isFunctionDeclaration(s) && s.name) this.defineFunction(s, s.name.text, scope);
  }

  runBlock(statements: readonly ts.Statement[], scope: JsScope): Completion {
    this.hoistFunctions(statements, scope);
    for (let i = 0; i < statements.length; i++) {
      const c = this.runStatement(statements[i], scope);
      if (!c) continue;
      if (c.kind === 'maybe' && i + 1 < statements.length) {
        // An undecided branch returned, broke or continued: what follows runs only in some runs.
        const rest = statements.slice(i + 1);
        return maybeLeft(c.leaves, this.inRegion(() => this.runBlock(rest, scope), scope));
      }
      return c;
    }
    return undefined;
  }

  /** A module's statements without a memo (as `runModule` runs them). */
  runModulePlain(statements: readonly ts.Statement[], scope: JsScope): void {
    this.hoistFunctions(statements, scope);
    for (const s of statements) if (stopsModule(this.runStatement(s, scope))) return;
  }

  /** The right side of `c && model.add(…)` when `c` is not known: an expression that runs in some runs. */
  private maybeEvaluate(node: ts.Expression, scope: JsScope): void {
    this.runUncertainArms([{ cond: node, run: () => void this.evalExpr(node, scope) }], scope);
  }

  /** Runs code that runs in some runs only (after an undecided early exit). */
  private inRegion(run: () => Completion, scope: JsScope): Completion {
    // As an undecided arm: what it assigns is merged with what holds when it does not run.
    return this.runUncertainArms([{ cond: null, run }], scope, false, false);
  }

  /** The loops being run, innermost last: each one's label, and how many `switch`es in it are being run. */
  private readonly loopLabels: { label: string | undefined; switches: number }[] = [];
  /** The label of a labelled statement about to run, for the loop it labels. */
  private nextLoopLabel: string | undefined;

  /** Runs a loop statement, with its label (if any) as the innermost loop's. */
  private asLoop(run: () => Completion): Completion {
    this.loopLabels.push({ label: this.nextLoopLabel, switches: 0 });
    this.nextLoopLabel = undefined;
    try {
      return run();
    } finally {
      this.loopLabels.pop();
    }
  }

  /** A block's own scope when it declares `let`, `const` or a class (those are the block's, not the function's). */
  private blockScope(statements: readonly ts.Statement[], scope: JsScope): JsScope {
    // NodeFlags.Let | Const = 3.
    const own = statements.some(s => (s.kind === SyntaxKind.VariableStatement && ((s as ts.VariableStatement).declarationList.flags & 3) !== 0) || s.kind === SyntaxKind.ClassDeclaration);
    return own ? new JsScope(scope, scope.functionName, true) : scope;
  }

  private runStatement(node: ts.Statement, scope: JsScope): Completion {
    if (this.depth > MAX_DEPTH) return undefined;
    this.depth++; // restored on return only: see evalExpr
    const completion = this.runStatementInner(node, scope);
    this.depth--;
    return completion;
  }

  private runStatementInner(node: ts.Statement, scope: JsScope): Completion {
    switch (node.kind) {
      case SyntaxKind.VariableStatement:
        this.runDeclarations((node as ts.VariableStatement).declarationList, scope);
        return undefined;
      case SyntaxKind.ExpressionStatement:
        this.evalExpr((node as ts.ExpressionStatement).expression, scope);
        return undefined;
      case SyntaxKind.ImportDeclaration:
        this.runImport(node as ts.ImportDeclaration, scope);
        return undefined;
      case SyntaxKind.ImportEqualsDeclaration: {
        // `import tf = require('@tensorflow/tfjs')`
        const d = node as ts.ImportEqualsDeclaration;
        const ref = d.moduleReference;
        const isTf = isExternalModuleReference(ref) && isStringLiteral(ref.expression) && isTfjsModule(ref.expression.text);
        scope.declare(d.name.text, isTf ? importedSymbol([TF_ROOT]) : unknown('an import ShapeLens does not follow'));
        return undefined;
      }
      case SyntaxKind.FunctionDeclaration: {
        const fn = node as ts.FunctionDeclaration;
        if (fn.name) this.defineFunction(fn, fn.name.text, scope);
        return undefined;
      }
      case SyntaxKind.ClassDeclaration: {
        const name = (node as ts.ClassDeclaration).name;
        if (name) scope.declare(name.text, { kind: 'class', name: name.text, changesModels: callsModelChanger(node) });
        return undefined;
      }
      case SyntaxKind.ReturnStatement: {
        const e = (node as ts.ReturnStatement).expression;
        return { kind: 'return', value: e ? this.evalExpr(e, scope) : null };
      }
      case SyntaxKind.ThrowStatement:
        this.evalExpr((node as ts.ThrowStatement).expression, scope);
        return { kind: 'return', value: unknown('the code throws') };
      case SyntaxKind.BreakStatement:
      case SyntaxKind.ContinueStatement: {
        const jump = node as ts.BreakStatement | ts.ContinueStatement;
        // A jump to a label other than the innermost loop's leaves statements between: analysed as a return
        // taken in some runs, so that what follows up to the function's end is undecided.
        const loop = this.loopLabels[this.loopLabels.length - 1];
        // (A `break` to the innermost loop's label from inside a `switch` leaves the switch too.)
        const plain = !jump.label || (loop !== undefined && jump.label.text === loop.label && (node.kind === SyntaxKind.ContinueStatement || loop.switches === 0));
        if (!plain) return { kind: 'maybe', leaves: ONLY_RETURN };
        return { kind: node.kind === SyntaxKind.BreakStatement ? 'break' : 'continue' };
      }
      case SyntaxKind.Block: {
        const block = node as ts.Block;
        return this.runBlock(block.statements, this.blockScope(block.statements, scope));
      }
      case SyntaxKind.IfStatement:
        return this.runIf(node as ts.IfStatement, scope);
      case SyntaxKind.ForStatement:
        return this.asLoop(() => this.runFor(node as ts.ForStatement, scope));
      case SyntaxKind.ForOfStatement:
      case SyntaxKind.ForInStatement:
        return this.asLoop(() => this.runForOf(node as ts.ForOfStatement | ts.ForInStatement, scope));
      case SyntaxKind.WhileStatement:
      case SyntaxKind.DoStatement: {
        const loop = node as ts.WhileStatement | ts.DoStatement;
        // A `while` runs its condition first (false: the body never runs); a round is the body, then the condition.
        if (loop.kind === SyntaxKind.WhileStatement && truthOf(this.evalExpr(loop.expression, scope)) === false) return undefined;
        const round = () => {
          const c = this.runStatement(loop.statement, scope);
          this.evalExpr(loop.expression, scope);
          return c;
        };
        return this.asLoop(() => this.runUncertainArms([{ cond: loop.expression, run: round }], scope, [loop.statement, loop.expression]));
      }
      case SyntaxKind.SwitchStatement:
        return this.runSwitch(node as ts.SwitchStatement, scope);
      case SyntaxKind.TryStatement:
        return this.runTry(node as ts.TryStatement, scope);
      case SyntaxKind.LabeledStatement: {
        const labelled = node as ts.LabeledStatement;
        const k = labelled.statement.kind;
        const loop = k === SyntaxKind.ForStatement || k === SyntaxKind.ForOfStatement || k === SyntaxKind.ForInStatement || k === SyntaxKind.WhileStatement || k === SyntaxKind.DoStatement;
        // (A label on another statement is no loop's: a jump to it leaves statements between, see above.)
        this.nextLoopLabel = loop ? labelled.label.text : undefined;
        try {
          return this.runStatement(labelled.statement, scope);
        } finally {
          this.nextLoopLabel = undefined;
        }
      }
      case SyntaxKind.ExportAssignment:
        this.evalExpr((node as ts.ExportAssignment).expression, scope);
        return undefined;
      default:
        return undefined;
    }
  }

  /**
   * `try`: with a `catch`, the body may stop at any statement and the catch run from there, so the body's model
   * entries are recorded in an arm of their own and the catch starts with what the body assigned unknown; the
   * body's end and the catch are then undecided arms, one of which runs. `finally` runs after both, also when
   * the statement stopped anywhere: on what it assigned forgotten (armJournal.runFinally).
   */
  private runTry(node: ts.TryStatement, scope: JsScope): Completion {
    const block = (b: ts.Block) => this.runBlock(b.statements, this.blockScope(b.statements, scope));
    const forgotten = (name: string) => unknown(`\`${name}\` is assigned in a \`try\` statement, which may stop before its end`);
    const handler = node.catchClause;
    const tried = scope.journals.record((): Completion => {
      if (!handler) return block(node.tryBlock);
      // What the body changes in place (an array it pushes to) may or may not be changed: it runs as undecided.
      const ran = scope.journals.record(() => this.builder.inArm(this.builder.newBranch(), 0, false, () => this.runUncertain(() => block(node.tryBlock))));
      const caught = (): Completion => {
        forgetAssigned(ran.journal, () => false, forgotten);
        // The caught exception and the catch block's `let`s are the catch's own.
        const own = new JsScope(scope, scope.functionName, true);
        const v = handler.variableDeclaration;
        if (v) this.bindName(v.name, unknown('the caught exception'), own, true);
        return this.runBlock(handler.block.statements, own);
      };
      return this.runUncertainArms([{ cond: null, run: () => ran.result }, { cond: null, run: caught }], scope, false, true);
    });
    if (!node.finallyBlock) return tried.result;
    const fin = node.finallyBlock;
    const f = runFinally(scope.journals, tried.journal, () => false, forgotten, () => block(fin));
    return f ?? tried.result;
  }

  private runDeclarations(list: ts.VariableDeclarationList, where: JsScope): void {
    // `var` binds in the function (NodeFlags.Let | Const = 3); its initializer is evaluated where it is written.
    const scope = (list.flags & 3) === 0 ? where.varScope() : where;
    for (const d of list.declarations) {
      const init = d.initializer;
      if (init && isIdentifier(d.name) && (isArrowFunction(init) || isFunctionExpression(init))) {
        // `const build = (units = 8) => …`: a named function, analysed when called or at the end.
        this.defineFunction(init, init.name?.text ?? d.name.text, scope);
        continue;
      }
      if (init && isIdentifier(d.name) && isClassExpression(init)) {
        scope.declare(d.name.text, { kind: 'class', name: init.name?.text ?? d.name.text, changesModels: callsModelChanger(init) });
        continue;
      }
      const value = init ? this.evalExpr(init, where) : null;
      this.bindName(d.name, value, scope, true);
    }
  }

  /** Binds a declaration target or parameter (identifier, object or array pattern) to a value. */
  bindName(name: ts.BindingName, value: JsValue, scope: JsScope, declare: boolean): void {
    if (isIdentifier(name)) {
      this.setVariable(name, value, scope, declare);
      return;
    }
    if (isObjectBindingPattern(name)) {
      const used: string[] = [];
      for (const el of name.elements) {
        if (el.dotDotDotToken) {
          this.bindName(el.name, restOfObject(value, used), scope, declare);
          continue;
        }
        const key = el.propertyName ? this.propertyKey(el.propertyName, scope) : isIdentifier(el.name) ? el.name.text : undefined;
        if (key === undefined) {
          this.bindName(el.name, unknown('a computed property name'), scope, declare);
          continue;
        }
        used.push(key);
        let v = this.memberOf(value, key, el);
        if (v === null && el.initializer) v = this.evalExpr(el.initializer, scope);
        this.bindName(el.name, v, scope, declare);
      }
      return;
    }
    const items = this.itemsForUnpacking(value, name.elements.length);
    name.elements.forEach((el, i) => {
      if (isOmittedExpression(el)) return;
      if (el.dotDotDotToken) {
        this.bindName(el.name, items ? items.slice(i) : unknown('unpacking a value of unknown length'), scope, declare);
        return;
      }
      let v: JsValue = items ? (i < items.length ? items[i] : null) : unknown('unpacking a value of unknown length');
      if (v === null && el.initializer) v = this.evalExpr(el.initializer, scope);
      this.bindName(el.name, v, scope, declare);
    });
  }

  /** Items of an array (or a multi-output layer's tensors) for `[a, b] = …`; undefined when not known. */
  private itemsForUnpacking(value: JsValue, count: number): JsValue[] | undefined {
    if (Array.isArray(value)) return this.uncertainLists.has(value) ? undefined : value;
    if (isTensorRef(value) && !value.selected) return Array.from({ length: count }, (_, i): JsValue => ({ kind: 'tensor', call: value.call, index: i, selected: true }));
    if (typeof value === 'string') return [...value];
    return undefined;
  }

  /** `value.key` for destructuring: objects, module symbols and models. */
  private memberOf(value: JsValue, key: string, at: ts.Node): JsValue {
    return getProperty(this, value, key, at);
  }

  private setVariable(id: ts.Identifier, value: JsValue, scope: JsScope, declare: boolean): void {
    if (declare) scope.declare(id.text, value);
    else scope.assign(id.text, value);
    if (isGraphValue(value)) this.bindings.push({ name: id.text, range: this.rangeOf(id), value, kind: 'write' });
  }


  /** `value`, noted as imported from a library when `module` is one (see `fromLibrary`). */
  libraryValue(module: string, value: JsValue): JsValue {
    if (typeof value === 'object' && value !== null && (module.startsWith('@tensorflow/') || module.startsWith('node:') || NODE_MODULES.has(module))) libraries.add(value);
    return value;
  }

  /** Whether `node` (`tfvis.show.modelSummary`) is reached from a value imported from a library. */
  fromLibrary(node: ts.Expression, scope: JsScope): boolean {
    let root = node;
    while (isPropertyAccessExpression(root)) root = root.expression;
    if (!isIdentifier(root)) return false;
    const v = this.lookupName(root.text, scope);
    return typeof v === 'object' && v !== null && libraries.has(v);
  }

  private runImport(node: ts.ImportDeclaration, scope: JsScope): void {
    const clause = node.importClause;
    if (!clause || !isStringLiteral(node.moduleSpecifier)) return;
    const isTf = isTfjsModule(node.moduleSpecifier.text);
    const other = (): JsValue => this.libraryValue((node.moduleSpecifier as ts.StringLiteral).text, unknown(`an import from '${(node.moduleSpecifier as ts.StringLiteral).text}', which ShapeLens does not follow`));
    // `import tf from '@tensorflow/tfjs'` (esModuleInterop): the namespace too.
    if (clause.name) scope.declare(clause.name.text, isTf ? importedSymbol([TF_ROOT]) : other());
    const bindings = clause.namedBindings;
    if (!bindings) return;
    if (isNamespaceImport(bindings)) {
      scope.declare(bindings.name.text, isTf ? importedSymbol([TF_ROOT]) : other());
      return;
    }
    for (const el of bindings.elements) {
      const imported = (el.propertyName ?? el.name).text;
      scope.declare(el.name.text, isTf ? importedSymbol([TF_ROOT, imported]) : other());
    }
  }

  defineFunction(node: FunctionNode, name: string, scope: JsScope): FunctionValue {
    this.markImpure();
    const existing = this.definedFunctions.get(node);
    if (existing && existing.closure === scope) {
      scope.declare(name, existing);
      return existing;
    }
    const fn: FunctionValue = { kind: 'function', name, node, closure: scope };
    this.definedFunctions.set(node, fn);
    this.functions.push(fn);
    scope.declare(name, fn);
    return fn;
  }

  private runIf(node: ts.IfStatement, scope: JsScope): Completion {
    const arms: Arm[] = [];
    let s: ts.Statement | undefined = node;
    while (s) {
      if (isIfStatement(s)) {
        const then: ts.Statement = s.thenStatement;
        arms.push({ cond: s.expression, run: () => this.runStatement(then, scope) });
        s = s.elseStatement;
      } else {
        const last: ts.Statement = s;
        arms.push({ cond: null, run: () => this.runStatement(last, scope) });
        s = undefined;
      }
    }
    for (let i = 0; i < arms.length; i++) {
      const arm = arms[i];
      const truth = arm.cond ? truthOf(this.evalExpr(arm.cond, scope)) : true;
      if (truth === false) continue;
      if (truth === true) return arm.run();
      // Unknown condition: every remaining arm may run; run each for hints, then forget what differs.
      return this.runUncertainArms(arms.slice(i), scope);
    }
    return undefined;
  }

  /**
   * Runs arms whose execution is not known, then keeps only the variables every outcome agrees on. `loop`: the
   * syntax of one loop body (with its condition and update), run any number of times but analysed once — see
   * `runLoopRound`.
   */
  runUncertainArms(arms: readonly Arm[], scope: JsScope, loop: readonly (ts.Node | undefined)[] | false = false, exhaustive = arms[arms.length - 1].cond === null): Completion {
    this.markImpure();
    const branch = this.builder.newBranch();
    // Two lists with the same items are not the same value when one's items are not known (an arm appended to it).
    const same = (a: JsValue, b: JsValue) => sameValue(a, b) && !(Array.isArray(a) && this.uncertainLists.has(a)) && !(Array.isArray(b) && this.uncertainLists.has(b));
    const rules = { same, disagree: (name: string) => unknown(`\`${name}\` is assigned in a branch whose condition is not known`) };
    let round: LoopRound<JsValue> | undefined;
    const runs = arms.map((arm, i) => () => {
      if (loop) {
        const nodes = loop.filter((n): n is ts.Node => n !== undefined);
        // An array the body changes in place has other items in later rounds (and after the loop).
        for (const name of mutatedReceivers(nodes)) {
          const v = scope.lookup(name);
          if (Array.isArray(v)) this.markUncertainList(v);
        }
        round = startLoopRound(this.builder, assignedNames(nodes), name => scope.owner(name), carriedUnknown);
      }
      return this.builder.inArm(branch, i, !!loop, () => this.runUncertain(() => arm.run()));
    });
    const results = runArms(scope.journals, runs, exhaustive, rules, journal => round?.end(journal, this.builder, same, rules.disagree));
    let left: Completion;
    for (const r of results) left = maybeLeft(leftKinds(left), r);
    // A loop analysed once takes its own break and continue; a return leaves the function in some runs.
    return loop ? returnsFrom(left) : left;
  }

  runUncertain<T>(f: () => T): T {
    this.uncertain++;
    try {
      return f();
    } finally {
      this.uncertain--;
    }
  }

  /** `for (init; cond; incr)`: unrolled when the trip count is known and small, else analysed once. */
  private runFor(node: ts.ForStatement, outer: JsScope): Completion {
    this.markImpure(); // the trip count is found on the variables themselves, taken back past any watcher
    const init = node.initializer;
    // `for (let i …)`: the loop's own scope (a nested loop's `i` is another variable). NodeFlags.Let | Const = 3.
    const scope = init && isVariableDeclarationList(init) && (init.flags & 3) !== 0 ? new JsScope(outer, outer.functionName, true) : outer;
    const runInit = () => {
      if (!init) return;
      if (isVariableDeclarationList(init)) this.runDeclarations(init, scope);
      else this.evalExpr(init, scope);
    };
    // Count the iterations on the variables themselves (condition and increment only), then take that back.
    let trips = 0;
    let known = true;
    undo(scope.journals.record(() => {
      runInit();
      for (;;) {
        const t = node.condition ? truthOf(this.evalExpr(node.condition, scope)) : undefined;
        if (t === false) break;
        if (t === undefined || trips > MAX_UNROLL) {
          known = false;
          break;
        }
        trips++;
        if (node.incrementor) this.evalExpr(node.incrementor, scope);
      }
    }).journal);
    runInit();
    const unroll = known && this.unrollBudget.take(trips);
    if (unroll) {
      // Each round has its own copy of the variables `for (let …)` declares: a closure made in a round keeps that
      // round's value (the update then runs on the next round's copy).
      const own = scope !== outer && init && isVariableDeclarationList(init) ? init.declarations.flatMap(d => (isIdentifier(d.name) ? [d.name.text] : [])) : [];
      const trip = (i: number): Completion | 'end' => {
        if (i >= trips) return 'end';
        const t = node.condition ? truthOf(this.evalExpr(node.condition, scope)) : false;
        if (t !== true) return 'end';
        if (own.length === 0) {
          const c = this.runStatement(node.statement, scope);
          if (node.incrementor) this.evalExpr(node.incrementor, scope);
          return c;
        }
        const round = new JsScope(scope, scope.functionName, true);
        for (const name of own) round.declare(name, scope.own(name) ?? null);
        const c = this.runStatement(node.statement, round);
        for (const name of own) {
          const v = round.own(name);
          if (v !== undefined) scope.setOwn(name, v);
        }
        if (node.incrementor) this.evalExpr(node.incrementor, scope);
        return c;
      };
      return this.unrolled(trip, scope);
    }
    const reason = trips > MAX_UNROLL ? `a loop of more than ${MAX_UNROLL} iterations is not unrolled` : known ? `a loop of ${trips} iterations is not unrolled (at most ${MAX_UNROLLED_ROUNDS} rounds in all)` : 'a loop whose bounds are not known';
    if (init && isVariableDeclarationList(init)) for (const d of init.declarations) this.bindName(d.name, unknown(reason), scope, true);
    // The condition runs first; a round is the body, the update, then the condition again.
    if (node.condition) this.evalExpr(node.condition, scope);
    const round = () => {
      const c = this.runStatement(node.statement, scope);
      if (node.incrementor) this.evalExpr(node.incrementor, scope);
      if (node.condition) this.evalExpr(node.condition, scope);
      return c;
    };
    return this.runUncertainArms([{ cond: node.condition ?? null, run: round }], scope, [node.statement, node.condition, node.incrementor]);
  }

  /**
   * A loop of known rounds, `trip(i)` running round i ('end' past the last). `break` ends it, `continue` the round;
   * after a round that may have broken out or returned (in an undecided branch), the later rounds run in some runs.
   */
  /** The loop rounds this analysis may still unroll. */
  private readonly unrollBudget = new UnrollBudget();

  private unrolled(trip: (i: number) => Completion | 'end', scope: JsScope, from = 0): Completion {
    for (let i = from; ; i++) {
      const c = trip(i);
      if (c === 'end') return undefined;
      if (!c || c.kind === 'continue') continue;
      if (c.kind === 'break') return undefined;
      if (c.kind === 'return') return c;
      if (!c.leaves.has('break') && !c.leaves.has('return')) continue;
      return returnsFrom(maybeLeft(c.leaves, this.inRegion(() => this.unrolled(trip, scope, i + 1), scope)));
    }
  }

  private runForOf(node: ts.ForOfStatement | ts.ForInStatement, scope: JsScope): Completion {
    const iterable = this.evalExpr(node.expression, scope);
    let items: JsValue[] | undefined;
    if (isForOfStatement(node)) {
      if (node.awaitModifier) items = undefined;
      else if (Array.isArray(iterable) && !this.uncertainLists.has(iterable)) items = iterable;
      else if (typeof iterable === 'string') items = [...iterable];
    } else {
      if (isObject(iterable)) items = [...iterable.entries.keys()];
      else if (Array.isArray(iterable) && !this.uncertainLists.has(iterable)) items = iterable.map((_, i) => String(i));
    }
    const bind = (v: JsValue) => {
      const init = node.initializer;
      if (isVariableDeclarationList(init)) {
        for (const d of init.declarations) this.bindName(d.name, v, scope, true);
      } else this.assignTo(init, v, scope);
    };
    if (items && this.unrollBudget.take(items.length)) {
      const known = items;
      return this.unrolled(i => {
        if (i >= known.length) return 'end';
        bind(known[i]);
        return this.runStatement(node.statement, scope);
      }, scope);
    }
    bind(unknown(items ? `a loop of ${items.length} iterations is not unrolled` : 'a loop over values that are not known'));
    return this.runUncertainArms([{ cond: node.expression, run: () => this.runStatement(node.statement, scope) }], scope, [node.statement]);
  }

  private runSwitch(node: ts.SwitchStatement, scope: JsScope): Completion {
    const loop = this.loopLabels[this.loopLabels.length - 1];
    if (loop) loop.switches++;
    try {
      return this.runSwitchInner(node, scope);
    } finally {
      if (loop) loop.switches--;
    }
  }

  private runSwitchInner(node: ts.SwitchStatement, scope: JsScope): Completion {
    const value = this.evalExpr(node.expression, scope);
    const clauses = node.caseBlock.clauses;
    const runFrom = (start: number): Completion => {
      for (let i = start; i < clauses.length; i++) {
        const c = this.runBlock(clauses[i].statements, scope);
        if (c?.kind === 'break') return undefined;
        if (c?.kind === 'maybe') {
          // Falling through to the next clauses happens in some runs only; a break there leaves the switch.
          const rest = i + 1 < clauses.length ? this.inRegion(() => runFrom(i + 1), scope) : undefined;
          const kinds = new Set([...c.leaves].filter(k => k !== 'break'));
          return maybeLeft(kinds, rest);
        }
        if (c) return c;
      }
      return undefined;
    };
    const labels = clauses.map(c => (isCaseClause(c) ? this.evalExpr(c.expression, scope) : undefined));
    if (!isJsUnknown(value) && labels.every(l => l === undefined || !isJsUnknown(l))) {
      let index = labels.findIndex(l => l !== undefined && sameValue(l, value));
      if (index < 0) index = clauses.findIndex(c => isDefaultClause(c));
      return index >= 0 ? runFrom(index) : undefined;
    }
    const arms: Arm[] = clauses.map((c, i) => ({ cond: isCaseClause(c) ? c.expression : node.expression, run: () => runFrom(i) }));
    if (clauses.some(c => isDefaultClause(c)) && arms.length > 0) arms[arms.length - 1] = { cond: null, run: arms[arms.length - 1].run };
    return arms.length > 0 ? this.runUncertainArms(arms, scope) : undefined;
  }

  /**
   * Runs a user function with the given arguments (a call), or with its defaults (never called). Every call runs
   * the body again, as JavaScript does: a helper that builds layers builds new ones at each call, for the
   * arguments of that call. A function calling itself, and calls past MAX_EVENTS_FOR_CALLS, are not analysed.
   */
  callFunction(fn: FunctionValue, args: readonly JsValue[], site?: ts.Node): JsValue {
    this.markImpure();
    if (this.activeFunctions.has(fn)) return this.notRun(fn, args, `\`${fn.name}\` calls itself, which is not analysed`, site);
    if (fn.analysed && this.builder.events.length > MAX_EVENTS_FOR_CALLS) return this.notRun(fn, args, `\`${fn.name}\` is not analysed again: the file builds more layers than ShapeLens follows`, site);
    fn.analysed = { args, result: unknown(`\`${fn.name}\` is being analysed`) };
    this.activeFunctions.add(fn);
    let result: JsValue;
    try {
      result = this.runFunctionBody(fn, args, site);
    } finally {
      this.activeFunctions.delete(fn);
    }
    fn.analysed = { args, result };
    return result;
  }

  /**
   * A callback handed to code that is not analysed (`xs.forEach(cb)` over unknown xs, an unknown function): it may
   * run any number of times, so its body is analysed once as an undecided loop body, where it was handed over.
   */
  runCallbackMaybe(fn: FunctionValue, site: ts.CallExpression): void {
    // Run at every hand-over (a function called before and passed again may add layers again); marked as analysed
    // so that it is not also run after the end of the file.
    fn.analysed ??= { args: [], result: unknown('a callback') };
    this.runUncertainArms([{ cond: site, run: () => void this.runFunctionBody(fn, [], site) }], fn.closure, [fn.node]);
  }

  /** Runs a function body with arguments, without the analyse-once rule (callbacks of `map`, `forEach`). */
  runFunctionBody(fn: FunctionValue, args: readonly JsValue[], site?: ts.Node): JsValue {
    this.markImpure();
    if (this.callDepth >= MAX_CALL_DEPTH) return this.notRun(fn, args, 'calls nested too deeply', site);
    if (++this.functionRuns > MAX_FUNCTION_RUNS) return this.notRun(fn, args, `\`${fn.name}\` is not analysed: the file makes more function calls than ShapeLens follows`, site);
    this.ranDefinitions.add(fn.node.pos);
    const local = new JsScope(fn.closure, fn.name);
    fn.node.parameters.forEach((p, i) => {
      if (p.dotDotDotToken) {
        this.bindName(p.name, args.slice(i), local, true);
        return;
      }
      let value: JsValue | undefined = i < args.length ? args[i] : undefined;
      if ((value === undefined || value === null) && p.initializer) value = this.evalExpr(p.initializer, fn.closure === local ? local : local);
      if (value === undefined) value = unknown(`\`${isIdentifier(p.name) ? p.name.text : 'a parameter'}\` is a parameter of \`${fn.name}\` without a value`);
      this.bindName(p.name, value, local, true);
    });
    this.callDepth++;
    try {
      const body = fn.node.body;
      if (!body) return unknown();
      if (isBlock(body)) {
        // `var`s are the function's from its start (hoisted), as undefined until assigned.
        for (const name of varNames(body)) if (local.own(name) === undefined) local.declare(name, null);
        const c = this.runBlock(body.statements, local);
        // A body that may have returned early in an undecided branch returns one of several values.
        return c?.kind === 'return' ? c.value : c?.kind === 'maybe' && c.leaves.has('return') ? unknown(`\`${fn.name}\` returns early in a branch whose condition is not known`) : null;
      }
      return this.evalExpr(body, local);
    } finally {
      this.callDepth--;
    }
  }

  /**
   * Functions never called in the file are analysed with their parameters' defaults. When (and whether)
   * they would run is not known, so the automatic names of what they build are numbered `?`.
   */
  analyseUncalledFunctions(): void {
    this.builder.detached = true;
    const uncalled = (fn: FunctionValue) => !fn.analysed && !this.ranDefinitions.has(fn.node.pos);
    // A variable an uncalled function changes may or may not have been changed when another one runs.
    for (const fn of this.functions) {
      if (!uncalled(fn)) continue;
      for (const name of freeAssignedNames(fn.node)) {
        const owner = fn.closure.owner(name);
        if (owner) owner.setOwn(name, unknown(`\`${name}\` may be changed by \`${fn.name}\`, which the file never calls`));
      }
      // And an array it changes in place has items that are not known.
      for (const name of mutatedReceivers([fn.node])) {
        const v = fn.closure.lookup(name);
        if (Array.isArray(v)) this.markUncertainList(v);
      }
    }
    for (let i = 0; i < this.functions.length; i++) {
      const fn = this.functions[i];
      if (!uncalled(fn)) continue;
      // What it changes outside itself is taken back before the next one runs (its own variables stay, for the
      // functions defined in it).
      withoutOutsideChanges(fn.closure.journals, () => void this.callFunction(fn, []));
    }
  }

  // --------------------------------------------------------------- expressions

  evalExpr(node: ts.Expression, scope: JsScope): JsValue {
    if (this.depth > MAX_DEPTH) return unknown('nested too deeply to analyse');
    // No try/finally: an exception abandons the whole evaluation (analyzeTypeScript reports it), so the
    // depth need not be restored on that path.
    this.depth++;
    const value = this.evalExprInner(node, scope);
    this.depth--;
    return value;
  }

  private evalExprInner(node: ts.Expression, scope: JsScope): JsValue {
    // The commonest kinds first: a switch tests its cases in order.
    switch (node.kind) {
      case SyntaxKind.CallExpression:
        return callExpression(this, node as ts.CallExpression, scope);
      case SyntaxKind.Identifier:
        return this.readIdentifier(node as ts.Identifier, scope);
      case SyntaxKind.PropertyAccessExpression: {
        const p = node as ts.PropertyAccessExpression;
        return getProperty(this, this.evalExpr(p.expression, scope), p.name.text, node);
      }
      case SyntaxKind.NumericLiteral: {
        const text = (node as ts.NumericLiteral).text;
        const n = Number(text.includes('_') ? text.split('_').join('') : text);
        return Number.isFinite(n) ? n : unknown();
      }
      case SyntaxKind.StringLiteral:
      case SyntaxKind.NoSubstitutionTemplateLiteral:
        return (node as ts.StringLiteral).text;
      case SyntaxKind.TemplateExpression: {
        const t = node as ts.TemplateExpression;
        let s = t.head.text;
        for (const span of t.templateSpans) {
          const v = this.evalExpr(span.expression, scope);
          if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return unknown('a template string with values that are not known');
          s += String(v) + span.literal.text;
        }
        return s;
      }
      case SyntaxKind.TrueKeyword:
        return true;
      case SyntaxKind.FalseKeyword:
        return false;
      case SyntaxKind.NullKeyword:
        return null;
      case SyntaxKind.ParenthesizedExpression:
      case SyntaxKind.AsExpression:
      case SyntaxKind.TypeAssertionExpression:
      case SyntaxKind.NonNullExpression:
      case SyntaxKind.SatisfiesExpression:
      case SyntaxKind.AwaitExpression:
        return this.evalExpr((node as ts.ParenthesizedExpression).expression, scope);
      case SyntaxKind.ArrayLiteralExpression:
        return this.evalArray(node as ts.ArrayLiteralExpression, scope);
      case SyntaxKind.ObjectLiteralExpression:
        return this.evalObject(node as ts.ObjectLiteralExpression, scope);
      case SyntaxKind.PrefixUnaryExpression:
        return this.evalPrefix(node as ts.PrefixUnaryExpression, scope);
      case SyntaxKind.PostfixUnaryExpression: {
        const p = node as ts.PostfixUnaryExpression;
        const current = this.evalExpr(p.operand, scope);
        const next = typeof current === 'number' ? current + (p.operator === SyntaxKind.PlusPlusToken ? 1 : -1) : unknown();
        this.assignTo(p.operand, next, scope);
        return current;
      }
      case SyntaxKind.BinaryExpression:
        return this.evalBinary(node as ts.BinaryExpression, scope);
      case SyntaxKind.ConditionalExpression: {
        const c = node as ts.ConditionalExpression;
        const t = truthOf(this.evalExpr(c.condition, scope));
        if (t === true) return this.evalExpr(c.whenTrue, scope);
        if (t === false) return this.evalExpr(c.whenFalse, scope);
        // Either side runs: each as an undecided arm; the value is known when both agree.
        const values: JsValue[] = [];
        this.runUncertainArms([c.whenTrue, c.whenFalse].map((x, i) => ({ cond: i === 0 ? c.condition : null, run: () => void values.push(this.evalExpr(x, scope)) })), scope);
        return values.length === 2 && sameValue(values[0], values[1]) ? values[0] : unknown('a conditional expression whose condition is not known');
      }
      case SyntaxKind.ElementAccessExpression: {
        const e = node as ts.ElementAccessExpression;
        const obj = this.evalExpr(e.expression, scope);
        const index = this.evalExpr(e.argumentExpression, scope);
        return this.elementOf(obj, index, node);
      }
      case SyntaxKind.NewExpression:
        return newExpression(this, node as ts.NewExpression, scope);
      case SyntaxKind.ArrowFunction:
      case SyntaxKind.FunctionExpression: {
        const f = node as ts.ArrowFunction | ts.FunctionExpression;
        const name = isFunctionExpression(f) && f.name ? f.name.text : 'an anonymous function';
        const fn: FunctionValue = { kind: 'function', name, node: f, closure: scope };
        this.markImpure();
        this.functions.push(fn);
        return fn;
      }
      case SyntaxKind.ClassExpression: {
        const c = node as ts.ClassExpression;
        return { kind: 'class', name: c.name?.text ?? 'an anonymous class', changesModels: callsModelChanger(c) };
      }
      case SyntaxKind.VoidExpression:
        this.evalExpr((node as ts.VoidExpression).expression, scope);
        return null;
      default:
        return unknown();
    }
  }

  private readIdentifier(id: ts.Identifier, scope: JsScope): JsValue {
    const name = id.text;
    const v = this.lookupName(name, scope);
    if (v !== undefined) {
      if (isGraphValue(v)) this.bindings.push({ name, range: this.rangeOf(id), value: v, kind: 'read' });
      return v;
    }
    switch (name) {
      case 'undefined': return null;
      case 'NaN': return NaN;
      case 'Infinity': return Infinity;
      // A browser script using the `tf` global from a <script> tag.
      case 'tf': return importedSymbol([TF_ROOT]);
      default: return { kind: 'symbol', path: ['<global>', name] };
    }
  }

  /** How deep in undecided arms each array literal was made (an array made in an arm and changed there is certain in it). */
  private readonly madeAt = new WeakMap<object, number>();

  /** Whether a change to `list` happens in an undecided arm it was not made in: it happens in some runs only. */
  changedUncertainly(list: object): boolean {
    return this.uncertain > (this.madeAt.get(list) ?? 0);
  }

  private evalArray(node: ts.ArrayLiteralExpression, scope: JsScope): JsValue {
    const out: JsValue[] = [];
    const nodes: ts.Node[] = [];
    this.madeAt.set(out, this.uncertain);
    this.itemNodes.set(out, nodes);
    this.recorder?.itemNodes.push([out, nodes]);
    for (const el of node.elements) {
      if (isSpreadElement(el)) {
        const v = this.evalExpr(el.expression, scope);
        if (!Array.isArray(v) || this.uncertainLists.has(v)) return unknown('a spread of values that are not known');
        // Items spread from an array literal keep their own ranges (Sequential hints per layer).
        const inner = this.itemNodes.get(v);
        v.forEach((x, i) => {
          out.push(x);
          nodes.push(inner && inner.length === v.length ? inner[i] : el);
        });
        continue;
      }
      if (isOmittedExpression(el)) {
        out.push(null);
        nodes.push(el);
        continue;
      }
      nodes.push(el);
      out.push(this.evalExpr(el, scope));
    }
    return out;
  }

  private evalObject(node: ts.ObjectLiteralExpression, scope: JsScope): JsValue {
    const entries = new Map<string, JsValue>();
    for (const p of node.properties) {
      if (isPropertyAssignment(p)) {
        const key = this.propertyKey(p.name, scope);
        const v = this.evalExpr(p.initializer, scope);
        if (key === undefined) return unknown('an object with computed keys');
        entries.set(key, v);
      } else if (isShorthandPropertyAssignment(p)) {
        entries.set(p.name.text, this.readIdentifier(p.name, scope));
      } else if (isSpreadAssignment(p)) {
        const v = this.evalExpr(p.expression, scope);
        if (isObject(v)) for (const [k, x] of v.entries) entries.set(k, x);
        else if (v !== null) return unknown('an object with a spread of values that are not known');
      } else if (isMethodDeclaration(p)) {
        const key = this.propertyKey(p.name, scope);
        this.markImpure();
        if (key !== undefined) entries.set(key, { kind: 'function', name: key, node: p, closure: scope });
      } else {
        const key = p.name ? this.propertyKey(p.name, scope) : undefined;
        if (key !== undefined) entries.set(key, unknown('an accessor'));
      }
    }
    const obj: JsObject = { kind: 'object', entries };
    return obj;
  }

  propertyKey(name: ts.PropertyName, scope: JsScope): string | undefined {
    if (isIdentifier(name) || isStringLiteral(name) || isNumericLiteral(name) || isPrivateIdentifier(name) || isNoSubstitutionTemplateLiteral(name)) return name.text;
    if (isComputedPropertyName(name)) {
      const v = this.evalExpr(name.expression, scope);
      return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
    }
    return undefined;
  }

  elementOf(obj: JsValue, index: JsValue, _at: ts.Node): JsValue {
    if (isTensorRef(obj) && !obj.selected && typeof index === 'number' && Number.isInteger(index)) return { kind: 'tensor', call: obj.call, index, selected: true };
    if (Array.isArray(obj) && typeof index === 'number') {
      if (this.uncertainLists.has(obj)) return unknown('a list whose length is not known');
      return Number.isInteger(index) && index >= 0 && index < obj.length ? obj[index] : null;
    }
    if (typeof obj === 'string' && typeof index === 'number') return index >= 0 && index < obj.length ? obj[index] : null;
    if ((typeof index === 'string' || typeof index === 'number') && !isJsUnknown(obj)) return getProperty(this, obj, String(index), _at);
    return unknown();
  }

  private evalPrefix(node: ts.PrefixUnaryExpression, scope: JsScope): JsValue {
    const op = node.operator;
    if (op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken) {
      const current = this.evalExpr(node.operand, scope);
      const next = typeof current === 'number' ? current + (op === SyntaxKind.PlusPlusToken ? 1 : -1) : unknown();
      this.assignTo(node.operand, next, scope);
      return next;
    }
    const v = this.evalExpr(node.operand, scope);
    if (op === SyntaxKind.ExclamationToken) {
      const t = truthOf(v);
      return t === undefined ? unknown() : !t;
    }
    if (typeof v !== 'number') return unknown();
    if (op === SyntaxKind.MinusToken) return -v;
    if (op === SyntaxKind.PlusToken) return v;
    if (op === SyntaxKind.TildeToken) return ~v;
    return unknown();
  }

  private evalBinary(node: ts.BinaryExpression, scope: JsScope): JsValue {
    const op = node.operatorToken.kind;
    if (op === SyntaxKind.EqualsToken) {
      const v = this.evalExpr(node.right, scope);
      this.assignTo(node.left, v, scope);
      return v;
    }
    const compound = COMPOUND[op];
    if (compound !== undefined) {
      const current = this.evalExpr(node.left, scope);
      let v: JsValue;
      if (compound === '&&' || compound === '||' || compound === '??') {
        const t = compound === '??' ? (current === null ? false : isJsUnknown(current) ? undefined : true) : truthOf(current);
        if (t === undefined) {
          this.maybeEvaluate(node.right, scope);
          v = unknown();
        } else if (compound === '&&' ? t : compound === '||' ? !t : !t) v = this.evalExpr(node.right, scope);
        else return current;
      } else v = binaryOp(compound, current, this.evalExpr(node.right, scope));
      this.assignTo(node.left, v, scope);
      return v;
    }
    if (op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.BarBarToken) {
      const l = this.evalExpr(node.left, scope);
      const t = truthOf(l);
      if (t === undefined) {
        this.maybeEvaluate(node.right, scope);
        return unknown();
      }
      if (op === SyntaxKind.AmpersandAmpersandToken) return t ? this.evalExpr(node.right, scope) : l;
      return t ? l : this.evalExpr(node.right, scope);
    }
    if (op === SyntaxKind.QuestionQuestionToken) {
      const l = this.evalExpr(node.left, scope);
      if (isJsUnknown(l)) {
        this.maybeEvaluate(node.right, scope);
        return unknown();
      }
      return l === null ? this.evalExpr(node.right, scope) : l;
    }
    if (op === SyntaxKind.CommaToken) {
      this.evalExpr(node.left, scope);
      return this.evalExpr(node.right, scope);
    }
    const l = this.evalExpr(node.left, scope);
    const r = this.evalExpr(node.right, scope);
    const arith = ARITHMETIC[op];
    if (arith) return binaryOp(arith, l, r);
    const cmp = COMPARISON[op];
    if (cmp) return compareOp(cmp, l, r);
    return unknown();
  }

  /** `target = value` for identifiers, patterns, and properties of object literals and arrays. */
  /** `module.exports` or `exports` (not declared in the file): a CommonJS export, which, like `export`, changes nothing. */
  private isCommonJsExport(node: ts.Expression, scope: JsScope): boolean {
    let base = node;
    while (isPropertyAccessExpression(base)) base = base.expression;
    return isIdentifier(base) && (base.text === 'module' || base.text === 'exports') && this.lookupName(base.text, scope) === undefined;
  }

  assignTo(target: ts.Expression, value: JsValue, scope: JsScope): void {
    if (isIdentifier(target)) {
      this.setVariable(target, value, scope, false);
      return;
    }
    if (isParenthesizedExpression(target) || isNonNullExpression(target) || isAsExpression(target)) {
      this.assignTo(target.expression, value, scope);
      return;
    }
    if (isArrayLiteralExpression(target)) {
      const items = this.itemsForUnpacking(value, target.elements.length);
      target.elements.forEach((el, i) => {
        if (isOmittedExpression(el)) return;
        if (isSpreadElement(el)) this.assignTo(el.expression, items ? items.slice(i) : unknown(), scope);
        else this.assignTo(el, items ? (i < items.length ? items[i] : null) : unknown('unpacking a value of unknown length'), scope);
      });
      return;
    }
    if (isObjectLiteralExpression(target)) {
      for (const p of target.properties) {
        if (isShorthandPropertyAssignment(p)) this.assignTo(p.name, this.memberOf(value, p.name.text, p), scope);
        else if (isPropertyAssignment(p)) {
          const key = this.propertyKey(p.name, scope);
          this.assignTo(p.initializer, key === undefined ? unknown() : this.memberOf(value, key, p), scope);
        }
      }
      return;
    }
    if (isPropertyAccessExpression(target) || isElementAccessExpression(target)) {
      const obj = this.evalExpr(target.expression, scope);
      const key = isPropertyAccessExpression(target) ? target.name.text : this.evalExpr(target.argumentExpression, scope);
      if (isObject(obj) && (typeof key === 'string' || typeof key === 'number')) {
        this.noteMutation(obj);
        // Noted in the journal: an undecided arm's change of a property is merged like a variable's.
        const name = String(key);
        scope.journals.note(entriesTable(obj.entries), name, obj.entries.get(name));
        obj.entries.set(name, value);
      } else if (Array.isArray(obj) && typeof key === 'number' && Number.isInteger(key) && key >= 0 && key <= obj.length) {
        this.noteMutation(obj);
        if (this.changedUncertainly(obj)) this.uncertainLists.add(obj);
        // Noted in the journal (a function the file never calls has it taken back); a list whose items are not known
        // is read as unknown anyway.
        if (key < obj.length && !this.uncertainLists.has(obj)) scope.journals.note(itemsTable(obj), String(key), obj[key]);
        obj[key] = value;
      } else if (isObject(obj)) {
        // A key that is not known: any property may have changed.
        this.noteMutation(obj);
        for (const name of obj.entries.keys()) {
          scope.journals.note(entriesTable(obj.entries), name, obj.entries.get(name));
          obj.entries.set(name, unknown('a property of an object assigned with a key that is not known'));
        }
      } else if (Array.isArray(obj)) this.markUncertainList(obj);
      else if (!this.isCommonJsExport(target.expression, scope)) this.escape([value], 'the model was stored in an object ShapeLens does not follow, and may be changed through it');
    }
  }
}

/** `{...rest}` of an object pattern: the entries not named before it. */
function restOfObject(value: JsValue, used: readonly string[]): JsValue {
  if (!isObject(value)) return unknown('the rest of a value that is not known');
  const entries = new Map<string, JsValue>();
  for (const [k, v] of value.entries) if (!used.includes(k)) entries.set(k, v);
  return { kind: 'object', entries };
}

const ARITHMETIC: Partial<Record<ts.SyntaxKind, string>> = {
  [SyntaxKind.PlusToken]: '+',
  [SyntaxKind.MinusToken]: '-',
  [SyntaxKind.AsteriskToken]: '*',
  [SyntaxKind.SlashToken]: '/',
  [SyntaxKind.PercentToken]: '%',
  [SyntaxKind.AsteriskAsteriskToken]: '**',
};

const COMPOUND: Partial<Record<ts.SyntaxKind, string>> = {
  [SyntaxKind.PlusEqualsToken]: '+',
  [SyntaxKind.MinusEqualsToken]: '-',
  [SyntaxKind.AsteriskEqualsToken]: '*',
  [SyntaxKind.SlashEqualsToken]: '/',
  [SyntaxKind.PercentEqualsToken]: '%',
  [SyntaxKind.AsteriskAsteriskEqualsToken]: '**',
  [SyntaxKind.AmpersandAmpersandEqualsToken]: '&&',
  [SyntaxKind.BarBarEqualsToken]: '||',
  [SyntaxKind.QuestionQuestionEqualsToken]: '??',
};

const COMPARISON: Partial<Record<ts.SyntaxKind, string>> = {
  [SyntaxKind.EqualsEqualsEqualsToken]: '===',
  [SyntaxKind.EqualsEqualsToken]: '===',
  [SyntaxKind.ExclamationEqualsEqualsToken]: '!==',
  [SyntaxKind.ExclamationEqualsToken]: '!==',
  [SyntaxKind.LessThanToken]: '<',
  [SyntaxKind.GreaterThanToken]: '>',
  [SyntaxKind.LessThanEqualsToken]: '<=',
  [SyntaxKind.GreaterThanEqualsToken]: '>=',
};

export { isClass, isFunction, isSymbol, isModelNode, isLayerValue };
export type { ArgValue };
