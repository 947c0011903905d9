// Edit fuzz through the language server: real model code (every Python fixture and example, and the TF.js
// fixtures when present) edited at random — brackets, commas, colons, newlines, digits and keywords inserted
// or deleted at seeded random positions — with incremental didChange ranges in LSP UTF-16 positions. After
// every edit the edited document's full-file inlay hints and pulled diagnostics must equal those of a
// freshly opened document carrying the same text. Deterministic: a fixed seed per file.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { startClient } from '../support/lspClient';
import { HintRow, apply, fuzzSources, hintsOf, lineLength, lineStarts, positionAt, prng, pulledDiagnostics, randomEdit, within } from './support';

const SEED = 0x5eed_2026;
/** Edits (didChange notifications) per file; 35 Python files × 100 = 3,500 Python edits. */
const EDITS_PER_FILE = 100;
const MIN_PYTHON_EDITS = 2000;
const HANG_MS = 60_000;

function describe(rows: HintRow[]): string {
  return JSON.stringify(rows.slice(0, 6)) + (rows.length > 6 ? ` …(${rows.length})` : '');
}

test(`edit fuzz: incremental hints and diagnostics equal a fresh analysis after every edit (≥ ${MIN_PYTHON_EDITS} edits)`, async () => {
  const sources = fuzzSources();
  const c = await startClient({ pull: true });
  const started = Date.now();
  let edits = 0;
  let pythonEdits = 0;
  let changes = 0;
  let compared = 0;
  let withHints = 0;
  let withDiagnostics = 0;
  const mismatches: string[] = [];
  try {
    for (const [fileIndex, source] of sources.entries()) {
      const seed = SEED + fileIndex * 7919;
      const rand = prng(seed);
      const ts = source.languageId !== 'python';
      const ext = source.name.slice(source.name.lastIndexOf('.'));
      const uri = `file:///fuzz/edited-${fileIndex}${ext}`;
      let text = source.text;
      let version = 1;
      c.open(uri, text, version, source.languageId);
      for (let e = 0; e < EDITS_PER_FILE; e++) {
        // One change per notification, sometimes two (applied in order, each against the text before it).
        const before = text;
        const contentChanges: TextDocumentContentChangeEvent[] = [];
        const count = rand() < 0.15 ? 2 : 1;
        for (let k = 0; k < count; k++) {
          const edit = randomEdit(text, rand, ts);
          const starts = lineStarts(text);
          contentChanges.push({ range: { start: positionAt(text, edit.start, starts), end: positionAt(text, edit.end, starts) }, text: edit.insert });
          text = apply(text, edit);
        }
        c.change(uri, ++version, contentChanges);
        edits++;
        changes += count;
        if (!ts) pythonEdits++;

        const freshUri = `file:///fuzz/fresh-${fileIndex}-${e}${ext}`;
        const incremental = Promise.all([hintsOf(c, uri, text), pulledDiagnostics(c, uri)]);
        c.open(freshUri, text, 1, source.languageId);
        const fresh = Promise.all([hintsOf(c, freshUri, text), pulledDiagnostics(c, freshUri)]);
        c.close(freshUri);
        const [[hints, diagnostics], [freshHints, freshDiagnostics]] = await within(Promise.all([incremental, fresh]), HANG_MS, `${source.name} edit ${e}`);
        compared++;
        if (hints.length) withHints++;
        if (diagnostics.length) withDiagnostics++;

        const where = `${source.name} (seed ${seed}) edit ${e} (version ${version}) ${JSON.stringify(contentChanges)}`;
        const starts = lineStarts(text);
        const outside = hints.filter(([line, character]) => line >= starts.length || character > lineLength(text, starts, line));
        if (outside.length) mismatches.push(`${where}: hints outside the text: ${describe(outside)}`);
        if (JSON.stringify(hints) !== JSON.stringify(freshHints)) mismatches.push(`${where}: hints ${describe(hints)} ≠ fresh ${describe(freshHints)}; text before: ${JSON.stringify(before)}`);
        if (JSON.stringify(diagnostics) !== JSON.stringify(freshDiagnostics)) mismatches.push(`${where}: diagnostics ${JSON.stringify(diagnostics).slice(0, 400)} ≠ fresh ${JSON.stringify(freshDiagnostics).slice(0, 400)}`);
      }
      c.close(uri);
    }
  } finally {
    await c.stop();
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`edit fuzz: ${sources.length} files, ${edits} edits (${pythonEdits} Python, ${changes} content changes), ${compared} comparisons, ${withHints} with hints, ${withDiagnostics} with diagnostics, ${seconds.toFixed(1)} s`);
  assert.ok(pythonEdits >= MIN_PYTHON_EDITS, `only ${pythonEdits} Python edits`);
  assert.ok(withHints > pythonEdits / 3, `the fuzzed code should often still produce hints (${withHints}/${pythonEdits})`);
  assert.deepEqual(mismatches.slice(0, 5), [], `${mismatches.length} mismatches`);
});
