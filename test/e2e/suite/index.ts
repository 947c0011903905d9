// Purpose: the extension-host integration suite (the @vscode/test-electron `extensionTestsPath` contract:
// a module exporting run(): Promise<void>, executed inside VS Code's extension host with the `vscode` API).
// It opens test/e2e/workspace/mnist.py and checks, through VS Code's own command layer, what a user of the
// ShapeLens extension would see: inlay hints (exact labels at exact positions), the hover of a Conv2D, the
// diagnostics (code, range, source), the model's code lens and the model-summary command.
// Every wait is a bounded poll, never a fixed sleep. All tests run; run() rejects if any failed.
// Results are also written as JSON to $SHAPELENS_E2E_RESULTS for runExtensionTests.ts to report.
// Expected values come from `node bin/shapelens.js --format json test/e2e/workspace/mnist.py`.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const POLL_TIMEOUT_MS = 30_000;
const POLL_INTERVAL_MS = 100;

/** Inlay hints as `line:character label` (0-based line, UTF-16 character): the output after each layer expression. */
const EXPECTED_HINTS: readonly string[] = [
  '14:38 → (None, 28, 28, 1)', //  keras.Input(shape=input_shape)
  '15:64 → (None, 26, 26, 32)', // layers.Conv2D(32, ...)
  '16:45 → (None, 13, 13, 32)', // layers.MaxPooling2D(...)  (its comment is stale)
  '17:64 → (None, 11, 11, 64)', // layers.Conv2D(64, ...)
  '18:45 → (None, 5, 5, 64)', //   layers.MaxPooling2D(...)
  '19:24 → (None, 1600)', //       layers.Flatten()
  '20:27 → (None, 1600)', //       layers.Dropout(0.5)
  '21:55 → (None, 10)', //         layers.Dense(...)
  '25:43 → (None, 28, 28, 3)', //  rgb_images = keras.Input(shape=(28, 28, 3))
  '26:31 → ?', //                  model(rgb_images): the call is the shape error
];
/** `Conv2D` of the first convolution (line 16 in the editor). */
const CONV2D_POSITION = new vscode.Position(15, 15);
/** The deliberate error, `model(rgb_images)`. Ranges as `line:char-line:char`. */
const ERROR = {
  code: 'incompatible-input',
  range: '26:14-26:31',
  message: "Model 'sequential' expects input (None, 28, 28, 1) but is called on (None, 28, 28, 3).",
};
/** The stale `# (None, 10, 10, 32)` after the first MaxPooling2D. */
const STALE = {
  code: 'stale-shape-comment',
  range: '16:48-16:68', // the whole comment
  message: "Shape comment says (None, 10, 10, 32) but the output of MaxPooling2D 'max_pooling2d' is (None, 13, 13, 32).",
  fixed: '(None, 13, 13, 32)',
};
const LENS = { line: 12, title: '7 layers · 34,826 params · Show summary', command: 'shapelens.showModelSummary' };

function fixtureUri(name = 'mnist.py'): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder
    ? vscode.Uri.joinPath(folder, name)
    : vscode.Uri.file(path.resolve(__dirname, '..', '..', '..', '..', 'test', 'e2e', 'workspace', name));
}

/** TF.js in TypeScript (workspace/mnist.ts): a hint after every `model.add(...)`, before its `;`. */
const TS_HINTS: readonly string[] = [
  '3:101 → (None, 26, 26, 8)',
  '4:53 → (None, 13, 13, 8)',
  '5:30 → (None, 1352)',
  '6:62 → (None, 10)',
];
const TS_STALE = "4:56-4:76 Warning shapelens(stale-shape-comment) Shape comment says [null, 12, 12, 8] but the output of MaxPooling2D 'max_pooling2d_MaxPooling2D1' is (None, 13, 13, 8).";
/** TF.js in JavaScript (workspace/model.js): a Conv2D applied to a rank-2 tensor. */
const JS_ERROR = "3:12-3:71 Error shapelens(input-rank) conv2d 'conv2d_Conv2D1' expects input of rank 4 (ndim=4), found ndim=2. Full shape received: (None, 4).";

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

/** Calls `probe` until `done` accepts its value or the time is up; the error shows the last value seen. */
async function poll<T>(what: string, probe: () => Thenable<T> | T, done: (value: T) => boolean, timeoutMs = POLL_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (done(last)) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const seen = lastError ? `error ${lastError instanceof Error ? lastError.message : String(lastError)}` : JSON.stringify(last, undefined, 1);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${seen}`);
    }
    await sleep(POLL_INTERVAL_MS);
  }
}

function hintLabel(hint: vscode.InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map(part => part.value).join('');
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap(h => h.contents)
    .map(c => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

const show = (r: vscode.Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

let doc: vscode.TextDocument;

const tests: [string, () => Promise<void>][] = [
  ['the extension activates on a Python file and contributes its commands', async () => {
    doc = await vscode.workspace.openTextDocument(fixtureUri());
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'python');
    const ext = await poll('the ShapeLens extension to be active',
      () => vscode.extensions.all.find(e => e.packageJSON?.name === 'shapelens'), e => !!e?.isActive);
    assert.ok(ext);
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['shapelens.showModelSummary', 'shapelens.restartServer']) assert.ok(commands.includes(c), `command ${c} is registered`);
  }],

  ['inlay hints: the output shape after every layer, at exact positions', async () => {
    const range = new vscode.Range(0, 0, doc.lineCount, 0);
    const hints = await poll('inlay hints',
      () => vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, range),
      h => Array.isArray(h) && h.length > 0);
    const got = [...hints]
      .sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character)
      .map(h => `${h.position.line}:${h.position.character} ${hintLabel(h)}`);
    assert.deepEqual(got, EXPECTED_HINTS, `inlay hints differ; got:\n${got.join('\n')}`);
  }],

  ['hover on a Conv2D class name shows its kernel layout', async () => {
    const hovers = await poll('a hover at Conv2D',
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, CONV2D_POSITION),
      h => Array.isArray(h) && hoverText(h).length > 0);
    const text = hoverText(hovers);
    assert.ok(text.includes('kernel'), `hover mentions kernel: ${text}`);
    assert.ok(text.includes('(3, 3, 1, 32)'), `hover shows the kernel shape (3, 3, 1, 32): ${text}`);
    const range = hovers.find(h => h.range)?.range;
    assert.equal(range && show(range), '15:15-15:21', 'the hover is about the class name Conv2D');
  }],

  ['diagnostics: the shape error and the stale shape comment, with code, exact range and source', async () => {
    const diagnostics = await poll('the incompatible-input and stale-shape-comment diagnostics',
      () => vscode.languages.getDiagnostics(doc.uri), ds => ds.some(d => d.code === ERROR.code) && ds.some(d => d.code === STALE.code));
    const all = diagnostics.map(d => `${show(d.range)} ${vscode.DiagnosticSeverity[d.severity]} ${d.source}(${String(d.code)}) ${d.message}`);
    assert.deepEqual(all, [
      `${STALE.range} Warning shapelens(${STALE.code}) ${STALE.message}`,
      `${ERROR.range} Error shapelens(${ERROR.code}) ${ERROR.message}`,
    ], `diagnostics differ; got:\n${all.join('\n')}`);
  }],

  ['quick fix: the stale shape comment is rewritten to the inferred shape', async () => {
    const stale = vscode.languages.getDiagnostics(doc.uri).find(d => d.code === STALE.code);
    assert.ok(stale, 'the stale-shape-comment diagnostic is there');
    const actions = await poll('a quick fix for the stale comment',
      () => vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, stale.range, vscode.CodeActionKind.QuickFix.value),
      as => Array.isArray(as) && as.length > 0);
    const edits = actions.flatMap(a => (a.edit ? a.edit.get(doc.uri) : []));
    assert.ok(edits.some(e => e.newText.includes(STALE.fixed)), `a quick fix writes ${STALE.fixed}; got ${JSON.stringify(actions.map(a => [a.title, a.edit?.get(doc.uri).map(e => e.newText)]))}`);
  }],

  ['code lens above the model: layers, params, Show summary', async () => {
    const lenses = await poll('code lenses',
      () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri),
      ls => Array.isArray(ls) && ls.some(l => !!l.command));
    const titled = lenses.filter(l => l.command);
    assert.deepEqual(titled.map(l => [l.range.start.line, l.command!.title, l.command!.command]), [[LENS.line, LENS.title, LENS.command]]);
  }],

  ['shapelens.showModelSummary opens the model summary', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const lens = lenses.find(l => l.command?.command === LENS.command);
    assert.ok(lens?.command, 'the summary lens has a command');
    await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
    const summary = await poll('a document with the model summary',
      () => vscode.workspace.textDocuments.find(d => d.uri.toString() !== doc.uri.toString() && d.getText().includes('Total params')),
      d => !!d);
    const text = summary!.getText();
    assert.ok(text.includes('Total params: 34,826'), `summary shows the total: ${text}`);
    assert.ok(/conv2d \(Conv2D\)\s+\(None, 26, 26, 32\)\s+320\b/.test(text), `summary has the conv2d row: ${text}`);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), summary!.uri.toString(), 'the summary is shown in the active editor');
  }],

  ['TypeScript (TF.js): inlay hints, a hover and a stale // shape comment', async () => {
    const ts = await vscode.workspace.openTextDocument(fixtureUri('mnist.ts'));
    await vscode.window.showTextDocument(ts);
    assert.equal(ts.languageId, 'typescript');
    const hints = await poll('inlay hints in mnist.ts',
      () => vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', ts.uri, new vscode.Range(0, 0, ts.lineCount, 0)),
      h => Array.isArray(h) && h.length > 0);
    const got = [...hints].sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character).map(h => `${h.position.line}:${h.position.character} ${hintLabel(h)}`);
    assert.deepEqual(got, TS_HINTS, `inlay hints differ; got:\n${got.join('\n')}`);
    const hovers = await poll('a hover at conv2d',
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', ts.uri, new vscode.Position(3, 22)),
      h => Array.isArray(h) && hoverText(h).length > 0);
    assert.ok(hoverText(hovers).includes('(3, 3, 1, 8)'), `hover shows the kernel (3, 3, 1, 8): ${hoverText(hovers)}`);
    const diagnostics = await poll('the stale comment in mnist.ts', () => vscode.languages.getDiagnostics(ts.uri).filter(d => d.source === 'shapelens'), ds => ds.length > 0);
    assert.deepEqual(diagnostics.map(d => `${show(d.range)} ${vscode.DiagnosticSeverity[d.severity]} ${d.source}(${String(d.code)}) ${d.message}`), [TS_STALE]);
  }],

  ['JavaScript (TF.js with require): a rank error in the Problems panel, hints after each layer', async () => {
    const js = await vscode.workspace.openTextDocument(fixtureUri('model.js'));
    await vscode.window.showTextDocument(js);
    assert.equal(js.languageId, 'javascript');
    const diagnostics = await poll('the rank error in model.js', () => vscode.languages.getDiagnostics(js.uri).filter(d => d.source === 'shapelens'), ds => ds.length > 0);
    assert.deepEqual(diagnostics.map(d => `${show(d.range)} ${vscode.DiagnosticSeverity[d.severity]} ${d.source}(${String(d.code)}) ${d.message}`), [JS_ERROR]);
    const hints = await poll('inlay hints in model.js',
      () => vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', js.uri, new vscode.Range(0, 0, js.lineCount, 0)),
      h => Array.isArray(h) && h.length > 0);
    assert.deepEqual([...hints].map(hintLabel), ['→ (None, 10)', '→ (None, 4)', '→ ?']);
  }],
];

export async function run(): Promise<void> {
  const passed: string[] = [];
  const failed: { name: string; message: string }[] = [];
  for (const [name, fn] of tests) {
    const t0 = Date.now();
    try {
      await fn();
      passed.push(name);
      console.log(`[e2e suite] PASS ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      failed.push({ name, message });
      console.log(`[e2e suite] FAIL ${name} (${Date.now() - t0} ms)\n${message}`);
    }
  }
  console.log(`[e2e suite] ${passed.length} passed, ${failed.length} failed`);
  if (process.env.SHAPELENS_E2E_RESULTS) fs.writeFileSync(process.env.SHAPELENS_E2E_RESULTS, JSON.stringify({ passed, failed }, undefined, 2));
  if (failed.length > 0) throw new Error(`${failed.length} of ${tests.length} e2e tests failed: ${failed.map(f => f.name).join('; ')}`);
}
