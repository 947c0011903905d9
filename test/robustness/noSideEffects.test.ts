// No side effects at run time (Linux /proc): during a whole session — every fixture opened and queried,
// pathological input, a runaway analysis stopped and its worker restarted — the server process starts no
// child process. Worker threads are fine: they are tasks of the same process, listed under
// /proc/<pid>/task/, while children of any of its threads appear in /proc/<pid>/task/*/children.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import { CodeLensRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { startClient } from '../support/lspClient';
import { assertServesNormally, fuzzSources, hintsOf, prng, pulledDiagnostics, within } from './support';

function childrenOf(pid: number): { children: number[]; threads: number } {
  let tasks: string[];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return { children: [], threads: 0 }; // the process is gone
  }
  const children: number[] = [];
  for (const task of tasks) {
    try {
      children.push(...fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number));
    } catch {
      // a thread that ended meanwhile
    }
  }
  return { children, threads: tasks.length };
}

test('the server starts no child process during a session (worker threads only)', { skip: process.platform !== 'linux' || !fs.existsSync(`/proc/${process.pid}/task/${process.pid}/children`) }, async () => {
  // A short deadline (1.5 s; normal files here take milliseconds) so that the junk below is stopped and the worker replaced (the restart path is covered too).
  const c = await startClient({ pull: true, analysisTimeoutMs: 1500 });
  const pid = c.pid!;
  // The probe itself works: this test process's children include the server.
  assert.ok(childrenOf(process.pid).children.includes(pid), 'the server is seen as a child of the test process');
  const seen = new Set<number>();
  let maxThreads = 0;
  const sample = () => {
    const s = childrenOf(pid);
    for (const child of s.children) seen.add(child);
    maxThreads = Math.max(maxThreads, s.threads);
  };
  const poll = setInterval(sample, 5);
  try {
    // Warm up (the worker loads its grammar), then every fixture: hints, diagnostics, hover, code lenses.
    await assertServesNormally(c, true, 'start-up');
    for (const [i, s] of fuzzSources().entries()) {
      const uri = `file:///side-effects/${i}${s.name.slice(s.name.lastIndexOf('.'))}`;
      c.open(uri, s.text, 1, s.languageId);
      await within(Promise.all([
        hintsOf(c, uri, s.text),
        pulledDiagnostics(c, uri),
        c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 5, character: 10 } }),
        c.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }),
      ]), 60_000, s.name);
      c.close(uri);
      sample();
    }
    // A runaway analysis: 4 MB of NUL-free random bytes take the parser well over 1.5 s (about 3 s alone).
    const rand = prng(7);
    const junk = Buffer.from(Array.from({ length: 4 * 1024 * 1024 }, () => 1 + Math.floor(rand() * 255))).toString('latin1');
    c.open('file:///side-effects/junk.py', junk);
    const diagnostics = await within(pulledDiagnostics(c, 'file:///side-effects/junk.py'), 60_000, 'the junk') as { code?: string; message: string }[];
    c.close('file:///side-effects/junk.py');
    await assertServesNormally(c, true, 'the runaway analysis');
    const memory = await c.connection.sendRequest<{ workersStarted: number }>('shapelens/memoryUsage');
    sample();
    console.log(`  ${maxThreads} threads at most, ${memory.workersStarted} workers started, junk answered ${JSON.stringify(diagnostics.map(d => d.message))}`);
    assert.ok(memory.workersStarted >= 2, 'the runaway analysis was stopped and the worker restarted');
    assert.match(diagnostics[0]?.message ?? '', /took longer than/);
  } finally {
    clearInterval(poll);
    sample();
    await c.stop();
  }
  assert.ok(maxThreads > 1, 'the threads were seen (the sampling works)');
  assert.deepEqual([...seen], [], 'no child process was started');
});
