// Both front ends' module symbols (`keras.layers`, `tf.layers.dense`) are dotted paths; reading a member of
// one gives the same object every time it is read from the same parent, instead of a new path per access
// (a file reads `layers.Dense` once per layer), and an imported module is one object per path in every analysis.
// Symbol paths are never mutated, so sharing them is safe.

interface SymbolLike {
  readonly kind: 'symbol';
  readonly path: readonly string[];
}

const members = new WeakMap<SymbolLike, Map<string, SymbolLike>>();
const MAX_MEMBERS = 1024;

/** Top-level module names imported so far (bounded: past it, imports get new objects). */
const modules = new Map<string, SymbolLike>();
const MAX_MODULES = 1024;

/** The symbol an import binds for the module `path` (`keras.layers`): the same object in every analysis. */
export function importedSymbol<S extends SymbolLike>(path: readonly string[]): S {
  if (path.length === 0) return { kind: 'symbol', path } as SymbolLike as S;
  let symbol = modules.get(path[0]);
  if (!symbol) {
    symbol = { kind: 'symbol', path: [path[0]] };
    if (modules.size >= MAX_MODULES) return { kind: 'symbol', path: path.slice() } as SymbolLike as S;
    modules.set(path[0], symbol);
  }
  for (let i = 1; i < path.length; i++) symbol = memberSymbol(symbol, path[i]);
  return symbol as S;
}

/** The symbol `parent.name`: one object per parent object and name. */
export function memberSymbol<S extends SymbolLike>(parent: S, name: string): S {
  let byName = members.get(parent);
  if (!byName) {
    byName = new Map();
    members.set(parent, byName);
  }
  let member = byName.get(name);
  if (!member) {
    member = { kind: 'symbol', path: [...parent.path, name] };
    // Bounded: a module's members read over a long session (every prefix typed on the way to `layers.Dense`)
    // would otherwise stay forever; past the bound a member is a new object each time, as before sharing.
    if (byName.size < MAX_MEMBERS) byName.set(name, member);
  }
  return member as S;
}
