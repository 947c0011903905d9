// Idle-time warm-up of the analysis code in the worker thread. V8 optimises a function only after it has run
// many times, so a fresh worker analyses its first large files several times slower than later ones. Once a
// document of a language with layers in it has been analysed, the worker analyses small built-in programs of
// that language (warmUpPrograms.ts) in its idle slices, through the same session, edit path and features a
// document uses, for a fixed number of steps. Builds go to a private memo and nothing made here is kept.

import { createAnalysisSession } from '../service/analyzeDocument';
import type { AnalyzeOptions } from '../service/analyze';
import { scriptFileOf } from '../service/languages';
import type { AnalysisSession } from '../service/session';
import type { Analysis } from '../service/types';
import { PrivateBuildMemo, privateBuildMemo, withPrivateBuildMemo } from '../infer/buildCache';
import type { FeatureSettings } from '../features/types';
import { answerQuery } from './answerQuery';
import { PYTHON_WARM_UP, TYPESCRIPT_WARM_UP, WarmUpProgram } from './warmUpPrograms';

/**
 * Steps per language: each analyses one program, answers every feature on it, and analyses an edited version
 * in the same session. Measured in-process at 1,000 layers: after 400 steps (about 0.8 s of CPU for Python,
 * 0.55 s for TS) the next opens take 11-14 ms instead of 60-95 ms.
 */
export const WARM_UP_STEPS = 400;

/** Hovers asked per analysis (on the first layers), enough to build the explanations. */
const HOVERS_PER_STEP = 4;

type Family = 'python' | 'typescript';

/** One step in progress: its session and the phase it has reached (`PHASES`). */
interface Step {
  readonly session: AnalysisSession;
  readonly program: WarmUpProgram;
  readonly round: number;
  readonly memo: PrivateBuildMemo;
  phase: number;
  text?: string;
  analysis?: Analysis;
}

interface Pending {
  readonly family: Family;
  readonly programs: readonly WarmUpProgram[];
  readonly options: AnalyzeOptions;
  readonly settings: FeatureSettings;
  /** Steps begun. */
  begun: number;
  current?: Step;
}

/**
 * A step's phases, each a unit that idle time cannot cut (so that a request waits for one phase at most): the
 * program analysed, its answers, the session's idle copy, the next round's text analysed (an edit), its answers.
 */
const PHASES: readonly ((s: Step, settings: FeatureSettings) => void)[] = [
  s => analyse(s, s.program(s.round)),
  (s, settings) => answerAll(s, settings),
  s => s.session.prepare?.(() => false),
  s => analyse(s, s.program(s.round + 1)),
  (s, settings) => answerAll(s, settings),
];

export class CodeWarmUp {
  /** Language families already warmed or being warmed. */
  private readonly seen = new Set<Family>();
  private readonly pending: Pending[] = [];
  /** Steps finished so far, all languages. */
  stepsRun = 0;
  /** Why a language's warm-up stopped early: a step threw or was not analysed (a bug; documents are unaffected). */
  failure: string | undefined;

  constructor(
    private steps = WARM_UP_STEPS,
    private readonly programs: Readonly<Record<Family, readonly WarmUpProgram[]>> = { python: PYTHON_WARM_UP, typescript: TYPESCRIPT_WARM_UP },
  ) {}

  /**
   * A document of this language was analysed: if it has layers, its family gets warmed once, with that
   * document's analysis options (but no size limit: the programs are ours) and feature settings.
   */
  want(languageId: string, options: AnalyzeOptions, settings: FeatureSettings, analysis: Analysis): void {
    const family: Family = scriptFileOf(languageId) !== undefined ? 'typescript' : 'python';
    if (this.steps <= 0 || this.seen.has(family) || analysis.notAnalysed || analysis.layerUses.length === 0) return;
    this.seen.add(family);
    this.pending.push({ family, programs: this.programs[family], options: { ...options, maxLength: undefined }, settings, begun: 0 });
  }

  /** Another number of steps per language, from now on (a language under way stops once it has begun that many). */
  setSteps(steps: number): void {
    this.steps = steps;
  }

  get done(): boolean {
    return this.pending.length === 0;
  }

  /** Progress, as the worker reports it: the families asked for, whether all of them are done, steps finished. */
  get status(): { languages: Family[]; done: boolean; steps: number; failure?: string } {
    return { languages: [...this.seen], done: this.done, steps: this.stepsRun, ...(this.failure ? { failure: this.failure } : {}) };
  }

  /** Runs phases until `shouldStop()` says so or nothing is left; true when nothing is left. */
  run(shouldStop: () => boolean): boolean {
    while (this.pending.length) {
      const p = this.pending[0];
      if (!p.current && p.begun >= this.steps) {
        this.pending.shift();
        continue;
      }
      if (shouldStop()) return false;
      try {
        this.runPhase(p);
      } catch (e) {
        // That language stops here; another one queued still runs.
        this.failure = `${p.family}: ${(e as Error).stack ?? String(e)}`;
        this.pending.shift();
        try {
          p.current?.session.dispose();
        } catch {
          // Nothing more to do for that language.
        }
      }
    }
    return true;
  }

  private runPhase(p: Pending): void {
    if (!p.current) {
      const program = p.programs[p.begun % p.programs.length];
      const round = Math.floor(p.begun / p.programs.length);
      p.begun++;
      p.current = { session: createAnalysisSession(p.family, p.options), program, round, memo: privateBuildMemo(), phase: 0 };
    }
    const step = p.current;
    withPrivateBuildMemo(step.memo, () => PHASES[step.phase](step, p.settings));
    step.phase++;
    if (step.phase === PHASES.length) {
      p.current = undefined;
      step.session.dispose();
      this.stepsRun++;
    }
  }
}

function analyse(step: Step, text: string): void {
  const analysis = step.session.analyze(text);
  // A session turns an internal error into "not analysed": here that is a bug to report, not a document's fate.
  if (analysis.notAnalysed) throw new Error(`a warm-up program was not analysed: ${analysis.notAnalysed}`);
  step.text = text;
  step.analysis = analysis;
}

/** Every feature a document's requests use. */
function answerAll(step: Step, settings: FeatureSettings): void {
  const { analysis, text } = step;
  if (!analysis || text === undefined) return;
  answerQuery(analysis, text, settings, { kind: 'diagnostics' });
  answerQuery(analysis, text, settings, { kind: 'hints', range: { start: 0, end: text.length } });
  answerQuery(analysis, text, settings, { kind: 'lenses' });
  for (const use of analysis.layerUses.slice(0, HOVERS_PER_STEP)) {
    answerQuery(analysis, text, settings, { kind: 'hover', offset: use.classRange.start });
  }
}
