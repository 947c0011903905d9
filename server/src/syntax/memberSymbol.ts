// Both front ends' module symbols (`keras.layers`, `tf.layers.dense`) are dotted paths; reading a member of
// one gives the same object every time it is read from the same parent, instead of a new path per access
// (a file reads `layers.Dense` once per layer). Symbol paths are never mutated, so sharing them is safe.

interface SymbolLike {
  readonly kind: 'symbol';
  readonly path: readonly string[];
}

const members = new WeakMap<SymbolLike, Map<string, SymbolLike>>();

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
    byName.set(name, member);
  }
  return member as S;
}
