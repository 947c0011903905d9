// The names a piece of TS/JS syntax may assign, read from the syntax alone (declarations, assignments, `++`/`--`,
// also inside nested functions): a loop analysed once takes these as changing from one round to the next.

import ts = require('typescript');

/**
 * The names `visit` collects from each node of `nodes` and everything under it (one walk per node, kept in
 * `cache`: a loop in a function called many times is read once).
 */
function namesIn(nodes: readonly ts.Node[], cache: WeakMap<ts.Node, readonly string[]>, visit: (n: ts.Node, into: Set<string>) => void): readonly string[] {
  const out: string[] = [];
  for (const node of nodes) {
    let names = cache.get(node);
    if (!names) {
      const found = new Set<string>();
      const stack: ts.Node[] = [node];
      const push = (n: ts.Node) => void stack.push(n);
      while (stack.length > 0) {
        const n = stack.pop()!;
        visit(n, found);
        ts.forEachChild(n, push);
      }
      names = [...found];
      cache.set(node, names);
    }
    out.push(...names);
  }
  return out;
}

const assignedCache = new WeakMap<ts.Node, readonly string[]>();

/** Every identifier that `nodes` (and the functions written in them) may bind or assign. */
export function assignedNames(nodes: readonly ts.Node[]): readonly string[] {
  return namesIn(nodes, assignedCache, (n, names) => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      targetNames(n.left, names);
    } else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) {
      targetNames(n.operand, names);
    } else if (ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isBindingElement(n)) {
      targetNames(n.name, names);
    } else if ((ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n)) && n.name) {
      names.add(n.name.text);
    } else if ((ts.isForOfStatement(n) || ts.isForInStatement(n)) && !ts.isVariableDeclarationList(n.initializer)) {
      targetNames(n.initializer, names);
    }
  });
}

/** The identifiers an assignment target binds: a name, or the names of a destructuring pattern. */
function targetNames(target: ts.Node, into: Set<string>): void {
  const stack: ts.Node[] = [target];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (ts.isIdentifier(n)) into.add(n.text);
    else if (ts.isParenthesizedExpression(n)) stack.push(n.expression);
    else if (ts.isArrayLiteralExpression(n) || ts.isArrayBindingPattern(n) || ts.isObjectBindingPattern(n)) stack.push(...(n.elements as readonly ts.Node[]));
    else if (ts.isObjectLiteralExpression(n)) {
      for (const p of n.properties) {
        if (ts.isShorthandPropertyAssignment(p)) into.add(p.name.text);
        else if (ts.isPropertyAssignment(p)) stack.push(p.initializer);
        else if (ts.isSpreadAssignment(p)) stack.push(p.expression);
      }
    } else if (ts.isSpreadElement(n)) stack.push(n.expression);
    else if (ts.isBindingElement(n)) stack.push(n.name);
    else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) stack.push(n.left); // a default
  }
}

/** Array methods that change the array in place. */
const MUTATORS = new Set(['push', 'unshift', 'splice', 'pop', 'shift', 'sort', 'reverse', 'fill', 'copyWithin']);

const receiverCache = new WeakMap<ts.Node, readonly string[]>();

/** The names whose array `nodes` may change in place: `xs.push(…)`, `xs[i] = …`. */
export function mutatedReceivers(nodes: readonly ts.Node[]): readonly string[] {
  return namesIn(nodes, receiverCache, (n, names) => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ts.isIdentifier(n.expression.expression) && MUTATORS.has(n.expression.name.text)) {
      names.add(n.expression.expression.text);
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment
      && ts.isElementAccessExpression(n.left) && ts.isIdentifier(n.left.expression)) {
      names.add(n.left.expression.text);
    }
  });
}

const freeCache = new WeakMap<ts.Node, readonly string[]>();

/**
 * The names a function assigns that it does not declare (parameters, `let`/`const`/`var`, functions and classes
 * anywhere inside it): the variables of enclosing scopes it changes when it runs.
 */
export function freeAssignedNames(fn: ts.Node): readonly string[] {
  const hit = freeCache.get(fn);
  if (hit) return hit;
  const declared = new Set<string>();
  const assigned = new Set<string>();
  const stack: ts.Node[] = [fn];
  const push = (n: ts.Node) => void stack.push(n);
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (ts.isVariableDeclaration(n) || ts.isParameter(n)) targetNames(n.name, declared);
    else if ((ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n) || ts.isFunctionExpression(n) || ts.isClassExpression(n)) && n.name && n !== fn) declared.add(n.name.text);
    else if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) targetNames(n.left, assigned);
    else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) targetNames(n.operand, assigned);
    else if ((ts.isForOfStatement(n) || ts.isForInStatement(n)) && !ts.isVariableDeclarationList(n.initializer)) targetNames(n.initializer, assigned);
    ts.forEachChild(n, push);
  }
  const out = [...assigned].filter(name => !declared.has(name));
  freeCache.set(fn, out);
  return out;
}

const changerCache = new WeakMap<ts.Node, readonly string[]>();

/** Whether `node` calls a method named `add` or `pop` anywhere (a class that may change a model it is given). */
export function callsModelChanger(node: ts.Node): boolean {
  return namesIn([node], changerCache, (n, names) => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && (n.expression.name.text === 'add' || n.expression.name.text === 'pop')) names.add(n.expression.name.text);
  }).length > 0;
}

const varCache = new WeakMap<ts.Node, readonly string[]>();

/** The names a function body declares with `var` (in its blocks and loops too, not in the functions inside it). */
export function varNames(body: ts.Node): readonly string[] {
  const hit = varCache.get(body);
  if (hit) return hit;
  const names = new Set<string>();
  const stack: ts.Node[] = [body];
  const push = (n: ts.Node) => void stack.push(n);
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n !== body && (ts.isFunctionLike(n) || ts.isClassLike(n))) continue;
    // NodeFlags.Let | Const = 3: a list without them is a `var` list.
    if (ts.isVariableDeclarationList(n) && (n.flags & 3) === 0) for (const d of n.declarations) targetNames(d.name, names);
    ts.forEachChild(n, push);
  }
  const out = [...names];
  varCache.set(body, out);
  return out;
}
