// Shape inference across the versions of one document: keeps its Propagator and a log of its writes that outlive
// an event (writeLog.ts), and resumes after the leading events the new version shares with the previous one — the same
// objects, in the same order, not changed in place since (the statement memo says from which event on objects
// were moved, patched or mutated) — instead of replaying every event again. What it returns equals `inferShapes`.

import type { CallNode, GraphEvent } from '../ir/graph';
import type { BuildOptions } from './buildLayer';
import { InferenceResult, Propagator } from './propagate';
import { WriteLog } from './writeLog';

const NO_CALLS: ReadonlySet<CallNode> = new Set();

/** The event the latest session inference started at, and how many events it had (for tests and measurements). */
export const inferenceStats = { resumedAt: 0, events: 0 };

export class InferenceSession {
  private propagator: Propagator | undefined;
  private readonly log = new WriteLog();
  /** The events of the latest inference, and its uncertain calls. */
  private events: readonly GraphEvent[] = [];
  private uncertain: ReadonlySet<CallNode> = NO_CALLS;
  /** Per event of `events`: how long the log, the issue list and the model list were before it. */
  private logAt: number[] = [];
  private issuesAt: number[] = [];
  private modelsAt: number[] = [];

  /**
   * Infers shapes for a version's `events`. Events from `changedFrom` on may hold objects changed in place since
   * the previous version (moved ranges, new arguments, mutated models), so inference resumes at that event at the
   * latest, or earlier where the event lists first differ.
   */
  infer(events: readonly GraphEvent[], uncertain: ReadonlySet<CallNode>, options: BuildOptions, changedFrom: number): InferenceResult {
    try {
      let propagator = this.propagator;
      if (!propagator || propagator.options.version !== options.version || propagator.options.defaultDataFormat !== options.defaultDataFormat) {
        this.reset();
        propagator = this.propagator = new Propagator(uncertain, options, this.log);
      }
      const start = this.sharedPrefix(events, uncertain, changedFrom);
      this.log.watchBuilds();
      this.rewindTo(start, propagator);
      propagator.uncertain = uncertain;
      this.events = events;
      this.uncertain = uncertain;
      inferenceStats.resumedAt = start;
      inferenceStats.events = events.length;
      const { log, logAt, issuesAt, modelsAt } = this;
      const { issues, models } = propagator;
      propagator.runFrom(events, start, i => {
        logAt[i] = log.length;
        issuesAt[i] = issues.length;
        modelsAt[i] = models.length;
      });
      // A layer created among the kept events but built (or no longer built) by a later call shows another build
      // on its earlier calls: what came after its creation is not unchanged (its id is its event index + 1).
      const unchangedBefore = Math.min(start, this.log.earliestBuildChange - 1);
      return { issues: issues.slice(), models: models.slice(), unchangedBefore };
    } catch (e) {
      // Whatever was half done is taken back: the next version starts from nothing.
      this.reset();
      throw e;
    }
  }

  /** Takes back every write (annotations on the graph objects included) and forgets the previous version. */
  reset(): void {
    this.log.rewind(0);
    clearAnnotations(this.events, 0);
    this.propagator = undefined;
    this.events = [];
    this.uncertain = NO_CALLS;
    this.logAt = [];
    this.issuesAt = [];
    this.modelsAt = [];
  }

  /**
   * How many leading events can keep what inference did for them: the same event objects as the previous
   * version's, before `changedFrom`, whose calls are uncertain in both versions or in neither.
   */
  private sharedPrefix(events: readonly GraphEvent[], uncertain: ReadonlySet<CallNode>, changedFrom: number): number {
    const previous = this.events;
    const limit = Math.min(changedFrom, events.length, previous.length, this.logAt.length);
    let k = 0;
    while (k < limit && events[k] === previous[k]) k++;
    if (k === 0 || (uncertain.size === 0 && this.uncertain.size === 0)) return k;
    // An event's id is its index + 1 (graphBuilder.ts numbers them in order), so `id <= k` is "in the prefix".
    for (const call of this.uncertain) if (call.id <= k && !uncertain.has(call)) k = call.id - 1;
    for (const call of uncertain) if (call.id <= k && !this.uncertain.has(call)) k = call.id - 1;
    return k;
  }

  /** Takes back what inference did from event `k` of the previous version on. */
  private rewindTo(k: number, propagator: Propagator): void {
    if (k >= this.logAt.length) return;
    this.log.rewind(this.logAt[k]);
    clearAnnotations(this.events, k);
    propagator.issues.length = this.issuesAt[k];
    propagator.models.length = this.modelsAt[k];
    this.logAt.length = k;
    this.issuesAt.length = k;
    this.modelsAt.length = k;
  }
}

/**
 * Clears what inference wrote on each event's own object from event `from` on: a layer's names, a model's name, a
 * call's result (kept as its `previousResult`, which inference hands back when the new result is equal).
 */
function clearAnnotations(events: readonly GraphEvent[], from: number): void {
  for (let i = from; i < events.length; i++) {
    const e = events[i];
    switch (e.kind) {
      case 'createLayer':
        e.layer.name = e.layer.typeName = undefined;
        break;
      case 'call':
        e.call.previousResult = e.call.result;
        e.call.result = undefined;
        break;
      default:
        e.model.name = undefined;
    }
  }
}
