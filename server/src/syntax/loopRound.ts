// A loop analysed once (its trip count is not known) stands for all its rounds, so a round must not read what an
// earlier round left as if it were the value before the loop. For both evaluators: the names the body's syntax
// assigns start the round unknown; a change it makes in another way (through a function it calls, to an object's
// property) marks what the round built as not known.

import type { GraphBuilder } from '../ir/graphBuilder';
import type { Bindings, Journal } from './armJournal';
import { unknown, Unknown } from '../ir/values';

const STALE = "a loop whose rounds change values ShapeLens does not follow from one round to the next (a variable set by a function it calls, an object's property): what it builds depends on the round";

/** The value a carried name starts an analysed round with (a fresh object each time: `end` knows it by identity). */
export function carriedUnknown(name: string): Unknown {
  return unknown(`\`${name}\` may change from one round of the loop to the next`);
}

/** One analysed round: `end` is told what it assigned (before the journal is taken back). */
export interface LoopRound<V> {
  end(journal: Journal<V>, builder: GraphBuilder, same: (a: V, b: V) => boolean, disagree: (name: string) => V): void;
}

/**
 * Starts a round: each of `names` that `owner` finds bound (the table an assignment of it would change) is set to
 * `marker(name)`, a fresh unknown, inside the round's journal.
 */
export function startLoopRound<V>(builder: GraphBuilder, names: readonly string[], owner: (name: string) => Bindings<V> | undefined, marker: (name: string) => V): LoopRound<V> {
  const start = builder.events.length;
  const widened = new Map<Bindings<V>, Map<string, V>>();
  for (const name of names) {
    const table = owner(name);
    if (!table || table.own(name) === undefined) continue;
    const m = marker(name);
    table.setOwn(name, m);
    let of = widened.get(table);
    if (!of) widened.set(table, (of = new Map()));
    of.set(name, m);
  }
  return {
    end(journal, graph, same, disagree) {
      // A name the round never assigned keeps its value through every round.
      for (const [table, of] of widened) {
        for (const [name, m] of of) if (table.own(name) === m) table.putBack(name, journal.get(table)?.get(name));
      }
      let stale = false;
      for (const [table, names] of journal) {
        for (const [name, before] of names) {
          if (before === undefined || widened.get(table)?.has(name)) continue;
          const after = table.own(name);
          if (after === undefined || !same(after, before)) stale = true;
        }
      }
      if (!stale) return;
      for (let i = start; i < graph.events.length; i++) {
        const e = graph.events[i];
        if (e.kind === 'call') e.call.stale = STALE;
        else if (e.kind === 'createLayer') e.layer.stale = STALE;
      }
      // What the round computed may come from an earlier round's values: none of it is kept.
      for (const [table, names] of journal) for (const name of names.keys()) if (table.own(name) !== undefined) table.putBack(name, disagree(name));
    },
  };
}
