// Idle-time warm-up of the analysis code in the worker thread. V8 optimises a function only after it has run
// many times, so a fresh worker analyses its first large files several times slower than later ones. Once a
// document of a language has been seen, the worker analyses small built-in programs of that language
// (warmUpPrograms.ts) in its idle slices, through the same session, edit path and features a document uses,
// for a fixed number of steps. Builds go to a private memo and nothing made here is kept.

import { createAnalysisSession } from '../service/analyzeDocument';
import type { AnalyzeOptions } from '../service/analyze';
import { scriptFileOf } from '../service/languages';
import type { Analysis } from '../service/types';
import { withPrivateBuildCache } from '../infer/buildCache';
import type { FeatureSettings } from '../features/types';
import { answerQuery } from './answerQuery';
import { PYTHON_WARM_UP, TYPESCRIPT_WARM_UP, WarmUpProgram } from './warmUpPrograms';

/**
 * Steps per language: each analyses one program, answers every feature on it, and analyses an edited version
 * in the same session. Measured in-process at 1,000 layers, warming on small programs for about 0.3-0.6 s of
 * CPU shortens the first opens from 60-95 ms to about 12-25 ms.
 */
export const WARM_UP_STEPS = 400;

/** Hovers asked per analysis (on the first layers), enough to build the explanations. */
const HOVERS_PER_STEP = 4;

interface Pending {
  readonly languageId: string;
  readonly programs: readonly WarmUpProgram[];
  readonly options: AnalyzeOptions;
  readonly settings: FeatureSettings;
  step: number;
}

export class CodeWarmUp {
  /** Language families already warmed or being warmed ('python', 'typescript'). */
  private readonly seen = new Set<string>();
  private readonly pending: Pending[] = [];
  /** Steps run so far, all languages (for tests). */
  stepsRun = 0;
  /** Why the warm-up stopped early: a step threw (a bug; documents are unaffected). */
  failure: string | undefined;

  constructor(private readonly steps = WARM_UP_STEPS) {}

  /** A document of this language arrived: its family gets warmed once, with that document's options. */
  want(languageId: string, options: AnalyzeOptions, settings: FeatureSettings): void {
    const typescript = scriptFileOf(languageId) !== undefined;
    const family = typescript ? 'typescript' : 'python';
    if (this.steps <= 0 || this.seen.has(family)) return;
    this.seen.add(family);
    this.pending.push({ languageId: typescript ? 'typescript' : 'python', programs: typescript ? TYPESCRIPT_WARM_UP : PYTHON_WARM_UP, options, settings, step: 0 });
  }

  get done(): boolean {
    return this.pending.length === 0;
  }

  /** Progress, as the worker reports it. */
  get status(): { done: boolean; steps: number; failure?: string } {
    return { done: this.done, steps: this.stepsRun, ...(this.failure ? { failure: this.failure } : {}) };
  }

  /** Runs steps until `shouldStop()` says so or none is left; true when none is left. */
  run(shouldStop: () => boolean): boolean {
    while (this.pending.length) {
      const p = this.pending[0];
      if (p.step >= this.steps) {
        this.pending.shift();
        continue;
      }
      if (shouldStop()) return false;
      try {
        this.runStep(p);
      } catch (e) {
        this.failure = (e as Error).stack ?? String(e);
        this.pending.length = 0;
      }
    }
    return true;
  }

  private runStep(p: Pending): void {
    const program = p.programs[p.step % p.programs.length];
    const round = Math.floor(p.step / p.programs.length);
    p.step++;
    this.stepsRun++;
    withPrivateBuildCache(() => {
      const session = createAnalysisSession(p.languageId, p.options);
      try {
        const text = program(round);
        answerAll(session.analyze(text), text, p.settings);
        session.prepare?.(() => false);
        // The next round's text differs in a few numbers: the session's edit path.
        const edited = program(round + 1);
        answerAll(session.analyze(edited), edited, p.settings);
      } finally {
        session.dispose();
      }
    });
  }
}

/** Every feature a document's requests use. */
function answerAll(analysis: Analysis, text: string, settings: FeatureSettings): void {
  answerQuery(analysis, text, settings, { kind: 'diagnostics' });
  answerQuery(analysis, text, settings, { kind: 'hints', range: { start: 0, end: text.length } });
  answerQuery(analysis, text, settings, { kind: 'lenses' });
  for (const use of analysis.layerUses.slice(0, HOVERS_PER_STEP)) {
    answerQuery(analysis, text, settings, { kind: 'hover', offset: use.classRange.start });
  }
}
