// The names a piece of Python syntax may bind, read from the syntax alone (assignments, `for` and `with` targets,
// `:=`, imports, `def` and `class`, also inside nested functions): a loop analysed once takes these as changing
// from one round to the next.

import type { PyNode } from './syntaxNode';

const cache = new WeakMap<PyNode, readonly string[]>();

/** The field of each binding construct that holds what it binds. */
const TARGET_FIELD: Readonly<Record<string, string>> = {
  assignment: 'left',
  augmented_assignment: 'left',
  for_statement: 'left',
  for_in_clause: 'left',
  named_expression: 'name',
  as_pattern: 'alias',
  function_definition: 'name',
  class_definition: 'name',
};

/**
 * What one analysis has read of the syntax, by the kind of scan and the node's type and range: the wasm tree's
 * nodes are new objects at every access, so the caches on node objects (kept across analyses for the statement
 * copies) miss for them.
 */
export type ScanMemo = Map<string, unknown>;

function memoKey(kind: string, node: PyNode): string {
  return `${kind}:${node.type}:${node.startIndex}:${node.endIndex}`;
}

/** `scan(node)`, kept on the node object and in `memo`. */
function cached<T extends object>(kind: string, node: PyNode, cache: WeakMap<PyNode, T>, memo: ScanMemo | undefined, scan: () => T): T {
  const hit = cache.get(node) ?? (memo?.get(memoKey(kind, node)) as T | undefined);
  if (hit) return hit;
  const out = scan();
  cache.set(node, out);
  memo?.set(memoKey(kind, node), out);
  return out;
}

/** The names `visit` collects from `node` and everything under it, read once per node (kept in `cache`). */
function namesIn(kind: string, node: PyNode, cache: WeakMap<PyNode, readonly string[]>, memo: ScanMemo | undefined, visit: (n: PyNode, into: Set<string>) => void): readonly string[] {
  return cached(kind, node, cache, memo, () => {
    const names = new Set<string>();
    const stack: PyNode[] = [node];
    while (stack.length > 0) {
      const n = stack.pop()!;
      visit(n, names);
      for (const c of n.children) if (c) stack.push(c);
    }
    return [...names];
  });
}

/** Every identifier that `node` (and the functions written in it) may bind. */
export function assignedNames(node: PyNode, memo?: ScanMemo): readonly string[] {
  return namesIn('assigned', node, cache, memo, (n, names) => {
    const field = TARGET_FIELD[n.type];
    if (field) {
      const target = n.childForFieldName(field);
      if (target) targetNames(target, names);
    } else if (n.type === 'aliased_import') {
      const alias = n.childForFieldName('alias');
      if (alias) names.add(alias.text);
    } else if (n.type === 'import_statement' || n.type === 'import_from_statement') {
      // `import a.b` binds `a`; `from m import x` binds `x` (aliases are read above).
      for (const d of n.childrenForFieldName('name')) {
        if (d && d.type === 'dotted_name') {
          const parts = d.namedChildren.filter(c => c && c.type === 'identifier');
          const bound = n.type === 'import_statement' ? parts[0] : parts[parts.length - 1];
          if (bound) names.add(bound.text);
        }
      }
    }
  });
}

/** The identifiers a target binds: a name, or the names of a tuple or list pattern (not attributes or items). */
function targetNames(target: PyNode, into: Set<string>): void {
  const stack: PyNode[] = [target];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'identifier') into.add(n.text);
    else if (n.type !== 'attribute' && n.type !== 'subscript') for (const c of n.namedChildren) if (c) stack.push(c);
  }
}

const declaredCache = new WeakMap<PyNode, readonly (readonly [string, 'global' | 'nonlocal'])[]>();

/** The names a function body declares `global` or `nonlocal` (not those of the functions and classes inside it). */
export function declaredElsewhere(body: PyNode, memo?: ScanMemo): readonly (readonly [string, 'global' | 'nonlocal'])[] {
  return cached('declared', body, declaredCache, memo, () => {
    const out: [string, 'global' | 'nonlocal'][] = [];
    const stack: PyNode[] = [body];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n.type === 'global_statement' || n.type === 'nonlocal_statement') {
        const kind = n.type === 'global_statement' ? 'global' : 'nonlocal';
        for (const id of n.namedChildren) if (id && id.type === 'identifier') out.push([id.text, kind]);
        continue;
      }
      if (n !== body && (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda')) continue;
      for (const c of n.children) if (c) stack.push(c);
    }
    return out;
  });
}

/** Methods of lists and dicts that change them in place. */
const MUTATORS = new Set(['append', 'extend', 'insert', 'pop', 'remove', 'clear', 'sort', 'reverse', 'update', 'setdefault', 'popitem']);

const receiverCache = new WeakMap<PyNode, readonly string[]>();

/** The names whose list or dict `node` may change in place: `xs.append(…)`, `xs[i] = …`, `del xs[i]`. */
export function mutatedReceivers(node: PyNode, memo?: ScanMemo): readonly string[] {
  return namesIn('receivers', node, receiverCache, memo, (n, names) => {
    if (n.type === 'call') {
      const fn = n.childForFieldName('function');
      const obj = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : null;
      if (obj?.type === 'identifier' && method && MUTATORS.has(method.text)) names.add(obj.text);
    } else if (n.type === 'assignment' || n.type === 'augmented_assignment' || n.type === 'delete_statement') {
      const inner: (PyNode | null)[] = n.type === 'delete_statement' ? [...n.namedChildren] : [n.childForFieldName('left')];
      while (inner.length > 0) {
        const t = inner.pop();
        if (!t) continue;
        if (t.type === 'subscript') {
          const value = t.childForFieldName('value');
          if (value?.type === 'identifier') names.add(value.text);
        } else if (t.type !== 'attribute') inner.push(...t.namedChildren);
      }
    }
  });
}

const localCache = new WeakMap<PyNode, ReadonlySet<string>>();

/**
 * The names a function body binds in its own scope, as Python decides it from the syntax: what it assigns,
 * imports, defines or deletes anywhere in the body, and `:=` inside its comprehensions — not the names of the
 * functions, classes and lambdas inside it, nor a comprehension's own `for` names.
 */
export function localNames(body: PyNode, memo?: ScanMemo): ReadonlySet<string> {
  return cached('locals', body, localCache, memo, () => {
    const names = new Set<string>();
    const stack: PyNode[] = [body];
    while (stack.length > 0) {
      const n = stack.pop()!;
      const t = n.type;
      if (t === 'function_definition' || t === 'class_definition') {
        const name = n.childForFieldName('name');
        if (name) names.add(name.text);
        for (const d of n.childrenForFieldName('decorator')) if (d) stack.push(d);
        continue;
      }
      if (t === 'lambda') continue;
      if (t === 'delete_statement') {
        for (const c of n.namedChildren) if (c) targetNames(c, names);
      } else if (t !== 'for_in_clause') {
        const field = TARGET_FIELD[t];
        const target = field ? n.childForFieldName(field) : null;
        if (target) targetNames(target, names);
        else if (t === 'aliased_import' || t === 'import_statement' || t === 'import_from_statement') for (const x of assignedNames(n, memo)) names.add(x);
      }
      for (const c of n.children) if (c) stack.push(c);
    }
    return names;
  });
}

const changerCache = new WeakMap<PyNode, readonly string[]>();

/** Whether `node` calls a method named `add` or `pop` anywhere (a class that may change a model it is given). */
export function callsModelChanger(node: PyNode, memo?: ScanMemo): boolean {
  return namesIn('changers', node, changerCache, memo, (n, names) => {
    if (n.type !== 'call') return;
    const fn = n.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute') : null;
    if (method && (method.text === 'add' || method.text === 'pop')) names.add(method.text);
  }).length > 0;
}

const globalCache = new WeakMap<PyNode, readonly string[]>();

/** The names declared `global` anywhere in `node`, in the functions inside it too. */
export function globalsAnywhere(node: PyNode, memo?: ScanMemo): readonly string[] {
  return namesIn('globals', node, globalCache, memo, (n, names) => {
    if (n.type === 'global_statement') for (const id of n.namedChildren) if (id && id.type === 'identifier') names.add(id.text);
  });
}
