// Differential test of what the analysis states about values under loops and branches it cannot decide: random
// programs (randomPrograms.ts; with `try` bodies that raise, and a dict or object and a list changed in place) run
// as JavaScript many times with random conditions and loop counts; every Dense size ShapeLens states as known, in
// the Python and in the TF.js version, must be the one every run gave there.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzePython } from '../../server/src/service/analyze';
import { analyzeTypeScript } from '../../server/src/service/analyzeTypeScript';
import { loadPythonParser } from '../../server/src/syntax/python/pythonParser';
import { LineIndex } from '../../server/src/service/lineIndex';
import type { Analysis } from '../../server/src/service/types';
import { mulberry, observedSizes, printJs, printPython, Printed, Program, randomProgram } from './randomPrograms';

const PROGRAMS = 600;
const RUNS = 120;

test.before(async () => {
  await loadPythonParser();
});

/** Per line, the Dense sizes the analysis states (null: unknown), one per layer it built there. */
function statedSizes(a: Analysis, text: string): Map<number, (number | null)[]> {
  const index = new LineIndex(text);
  const out = new Map<number, (number | null)[]>();
  for (const u of a.layerUses) {
    if (u.type !== 'Dense') continue;
    const line = index.positionAt(u.range.start).line + 1;
    const size = u.outputs?.[0]?.[1];
    const list = out.get(line) ?? [];
    list.push(typeof size === 'number' ? size : null);
    out.set(line, list);
  }
  return out;
}

/**
 * The false statements in one printed version: a line whose layers all have known sizes while the runs gave a
 * size none of them has (one layer standing for every execution of the line must have the one size all runs gave).
 */
function falseStatements(printed: Printed, a: Analysis, seen: Map<number, Set<number>>): string[] {
  const stated = statedSizes(a, printed.text);
  const out: string[] = [];
  for (const [site, line] of printed.siteLines) {
    const sizes = stated.get(line);
    const runs = seen.get(site);
    if (!sizes || !runs || sizes.some(s => s === null)) continue;
    const ok = sizes.length === 1 ? runs.size === 1 && runs.has(sizes[0]!) : [...runs].every(v => sizes.includes(v));
    if (!ok) out.push(`line ${line}: states ${sizes.join(', ')}, runs gave ${[...runs].join(', ')}`);
  }
  return out;
}

function check(language: 'python' | 'typescript'): { lines: number; known: number } {
  let lines = 0;
  let known = 0;
  for (let i = 0; i < PROGRAMS; i++) {
    const program: Program = randomProgram(mulberry(1000 + i));
    const seen = observedSizes(program, RUNS, i);
    const printed = language === 'python' ? printPython(program) : printJs(program, true);
    const a = language === 'python' ? analyzePython(printed.text) : analyzeTypeScript(printed.text, 'model.ts');
    assert.equal(a.notAnalysed, undefined);
    assert.deepEqual(falseStatements(printed, a, seen), [], `program ${i}:\n${printed.text}`);
    const stated = statedSizes(a, printed.text);
    for (const [site, line] of printed.siteLines) {
      if (!seen.has(site)) continue;
      lines++;
      if (!(stated.get(line) ?? [null]).includes(null)) known++;
    }
  }
  return { lines, known };
}

test(`${PROGRAMS} random Python programs: no Dense size stated that a run does not give`, () => {
  // How many executed Dense lines the analysis states a size for: the check is not passed by stating nothing, and a
  // change in precision shows here (update the figure when it is meant).
  assert.deepEqual(check('python'), { lines: 3128, known: 1573 });
});

test(`${PROGRAMS} random TF.js programs: no Dense size stated that a run does not give`, () => {
  assert.deepEqual(check('typescript'), { lines: 3128, known: 1565 });
});
