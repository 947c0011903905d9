// Protocol tests: the built server (`shapelens lsp --stdio`) driven by a real JSON-RPC client — sync,
// inlay hints, hovers, diagnostics with exact ranges in push and pull mode, a typing storm, UTF-16
// positions after non-ASCII text, code lenses, code actions, the model-summary request and the worker's idle
// code warm-up.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionRequest, CodeLensRequest, DocumentDiagnosticRequest, HoverRequest, InlayHintRequest, Position } from 'vscode-languageserver-protocol/node';
import { startClient } from '../support/lspClient';
import { WARM_UP_STEPS } from '../../server/src/lsp/codeWarmUp';

// The small valid MNIST model shared with the robustness tests.
import { codeWarmUpFinished, codeWarmUpOf, MNIST } from '../robustness/support';

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

function at(text: string, needle: string, plus = 0): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" not in text`);
  const before = text.slice(0, offset + plus);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

test('push mode: hints, hover, diagnostics, incremental edits, close', async () => {
  const c = await startClient();
  try {
    const uri = 'file:///work/mnist.py';
    c.open(uri, MNIST);
    const first = await c.waitForDiagnostics(uri, p => p.version === 1);
    assert.deepEqual(first.diagnostics, []);

    const hints = await c.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: WHOLE });
    assert.deepEqual(hints?.map(h => [h.position.line, h.position.character, h.label]), [
      [4, 34, '→ (None, 28, 28, 1)'],
      [5, 43, '→ (None, 26, 26, 32)'],
      [6, 25, '→ (None, 13, 13, 32)'],
      [7, 20, '→ (None, 5408)'],
      [8, 20, '→ (None, 10)'],
    ]);
    const ranged = await c.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 6, character: 0 }, end: { line: 7, character: 100 } } });
    assert.deepEqual(ranged?.map(h => h.label), ['→ (None, 13, 13, 32)', '→ (None, 5408)']);

    const hover = await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 5, character: 13 } });
    const markdown = (hover?.contents as { value: string }).value;
    assert.match(markdown, /\*\*conv2d\*\* · `Conv2D`/);
    assert.match(markdown, /\(3, 3, 1, 32\)/);
    assert.match(markdown, /rows: \(28 − 3\) \/ 1 \+ 1 = 26/);
    assert.deepEqual(hover?.range, { start: { line: 5, character: 11 }, end: { line: 5, character: 17 } });

    // Incremental edit: the input becomes rank 3, so Conv2D gets a rank error at its list item.
    c.change(uri, 2, [{ range: { start: { line: 4, character: 29 }, end: { line: 4, character: 32 } }, text: '' }]);
    const second = await c.waitForDiagnostics(uri, p => p.version === 2);
    assert.deepEqual(second.diagnostics.map(d => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.severity, d.code, d.source]), [
      [5, 4, 5, 43, 1, 'input-rank', 'shapelens'],
    ]);
    assert.match(second.diagnostics[0].message, /expects input of rank 4/);
    assert.deepEqual(second.diagnostics[0].relatedInformation?.map(r => [r.location.range.start.line, r.location.range.start.character, r.message]), [[4, 4, "Input 'input_layer' produces (None, 28, 28)"]]);

    c.close(uri);
    const closed = await c.waitForDiagnostics(uri, p => p.version === undefined && p.diagnostics.length === 0);
    assert.deepEqual(closed.diagnostics, []);
  } finally {
    await c.stop();
  }
});

test('push mode: a storm of 50 quick edits ends with the last version, none older after it', async () => {
  const c = await startClient();
  try {
    const uri = 'file:///work/storm.py';
    c.open(uri, MNIST);
    await c.waitForDiagnostics(uri, p => p.version === 1);
    // Toggle the Dense width 50 times without waiting; the last edit leaves a kernel larger than its input.
    for (let v = 2; v <= 50; v++) {
      c.change(uri, v, [{ range: { start: { line: 8, character: 17 }, end: { line: 8, character: 19 } }, text: v % 2 ? '10' : '11' }]);
    }
    c.change(uri, 51, [{ range: { start: { line: 5, character: 22 }, end: { line: 5, character: 23 } }, text: '99' }]);
    const last = await c.waitForDiagnostics(uri, p => p.version === 51);
    assert.deepEqual(last.diagnostics.map(d => [d.range.start.line, d.range.start.character, d.code]), [[5, 4, 'nonpositive-output']]);
    await new Promise(r => setTimeout(r, 300));
    const index = c.published.findIndex(p => p.uri === uri && p.version === 51);
    const after = c.published.slice(index + 1).filter(p => p.uri === uri);
    assert.deepEqual(after.map(p => p.version), []);
    const versions = c.published.filter(p => p.uri === uri).map(p => p.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'diagnostics never go back to an older version');
  } finally {
    await c.stop();
  }
});

test('pull mode: diagnostics on request, none pushed', async () => {
  const c = await startClient({ pull: true });
  try {
    const uri = 'file:///work/pull.py';
    const text = MNIST.replace('(28, 28, 1)', '(28, 28)');
    c.open(uri, text);
    const report = await c.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    const items = (report as { items: { range: { start: Position; end: Position }; code?: string | number }[] }).items;
    assert.deepEqual(items.map(d => [d.range.start, d.range.end, d.code]), [[{ line: 5, character: 4 }, { line: 5, character: 43 }, 'input-rank']]);
    await new Promise(r => setTimeout(r, 200));
    assert.deepEqual(c.published, []);
  } finally {
    await c.stop();
  }
});

test('UTF-16 positions after accents, emoji and CJK identifiers', async () => {
  const c = await startClient();
  try {
    const uri = 'file:///work/unicode.py';
    const text = [
      'import keras',
      'from keras import layers',
      'état_😀 = 3; 变量 = "🧠é"; m = keras.Sequential([keras.Input((4, 4)), layers.Conv2D(2, 3)])',
      '',
    ].join('\n');
    c.open(uri, text);
    const diags = await c.waitForDiagnostics(uri, p => p.version === 1);
    // `état_😀 = 3; 变量 = "🧠é"; m = keras.Sequential([` is 47 UTF-16 code units (😀 and 🧠 are 2 each)
    // but 57 bytes of UTF-8: a byte-based position would land 10 columns too far right.
    const start = at(text, 'keras.Input((4, 4))');
    assert.deepEqual(start, { line: 2, character: 47 });
    const conv = at(text, 'layers.Conv2D(2, 3)');
    assert.deepEqual(conv, { line: 2, character: 68 });
    assert.deepEqual(diags.diagnostics.map(d => [d.range.start, d.range.end, d.code]), [[conv, { line: 2, character: 87 }, 'input-rank']]);
    const hints = await c.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: WHOLE });
    assert.deepEqual(hints?.map(h => [h.position, h.label]), [[{ line: 2, character: 66 }, '→ (None, 4, 4)'], [{ line: 2, character: 87 }, '→ ?']]);
    const hover = await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 77 } });
    assert.deepEqual(hover?.range, { start: { line: 2, character: 75 }, end: { line: 2, character: 81 } });
  } finally {
    await c.stop();
  }
});

test('code lens, shape-comment code action and the model summary request', async () => {
  const c = await startClient();
  try {
    const uri = 'file:///work/lens.py';
    const text = MNIST.replace('    layers.Flatten(),', '    layers.Flatten(),  # (None, 999)');
    c.open(uri, text);
    const diags = await c.waitForDiagnostics(uri, p => p.version === 1);
    assert.deepEqual(diags.diagnostics.map(d => [d.range.start, d.range.end, d.severity, d.code]), [[at(text, '# (None, 999)'), at(text, '# (None, 999)', 13), 2, 'stale-shape-comment']]);
    const lenses = await c.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    assert.deepEqual(lenses?.map(l => [l.range.start, l.command?.title, l.command?.command, l.command?.arguments]), [
      [{ line: 3, character: 8 }, '4 layers · 54,410 params · Show summary', 'shapelens.showModelSummary', [uri, 'sequential']],
    ]);
    const actions = await c.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diags.diagnostics[0].range, context: { diagnostics: diags.diagnostics } });
    const fix = actions?.find(a => 'kind' in a && a.kind === 'quickfix') as { title: string; edit?: { changes?: Record<string, { newText: string }[]> } } | undefined;
    assert.ok(fix, `no quick fix among ${JSON.stringify(actions)}`);
    assert.match(fix.title, /\(None, 5408\)/);
    assert.deepEqual(fix.edit?.changes?.[uri].map(e => e.newText), ['(None, 5408)']);
    const summary = await c.connection.sendRequest<{ text?: string }>('shapelens/modelSummary', { uri, modelName: 'sequential' });
    assert.match(summary.text ?? '', /Total params: 54,410/);
    assert.match(summary.text ?? '', /conv2d \(Conv2D\)\s+\(None, 26, 26, 32\)\s+320/);
  } finally {
    await c.stop();
  }
});

test('a request on a document that was never opened gets an empty answer, and the server keeps serving', async () => {
  const c = await startClient();
  try {
    const hints = await c.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: 'file:///nowhere.py' }, range: WHOLE });
    assert.deepEqual(hints, []);
    const uri = 'file:///work/after.py';
    c.open(uri, MNIST);
    const d = await c.waitForDiagnostics(uri, p => p.version === 1);
    assert.deepEqual(d.diagnostics, []);
  } finally {
    await c.stop();
  }
});

test('settings apply live: hints refreshed with parameter counts, diagnostics recomputed', async () => {
  const c = await startClient({ refresh: true });
  try {
    const uri = 'file:///work/settings.py';
    const text = MNIST.replace('(28, 28, 1)', '(28, 28)');
    c.open(uri, text);
    const before = await c.waitForDiagnostics(uri, p => p.version === 1 && p.diagnostics.length === 1);
    assert.equal(before.diagnostics[0].code, 'input-rank');
    const count = c.published.length;
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { shapelens: { inlayHints: { parameterCounts: true }, diagnostics: { enabled: false } } } });
    const after = await c.waitForDiagnostics(uri, p => c.published.indexOf(p) >= count);
    assert.deepEqual(after.diagnostics, []);
    for (let i = 0; i < 50 && !c.refreshes.includes('workspace/inlayHint/refresh'); i++) await new Promise(r => setTimeout(r, 20));
    assert.ok(c.refreshes.includes('workspace/inlayHint/refresh'), `refreshes: ${c.refreshes}`);
    const hints = await c.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: WHOLE });
    assert.deepEqual(hints?.map(h => h.label), ['→ (None, 28, 28)', '→ ?', '→ ?', '→ ?', '→ ?']);
    const fixed = MNIST;
    c.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }, text: fixed }]);
    await c.waitForDiagnostics(uri, p => p.version === 2);
    const hints2 = await c.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: WHOLE });
    assert.deepEqual(hints2?.map(h => h.label), ['→ (None, 28, 28, 1)', '→ (None, 26, 26, 32) · 320 params', '→ (None, 13, 13, 32)', '→ (None, 5408)', '→ (None, 10) · 54,090 params']);
  } finally {
    await c.stop();
  }
});

test('a Python notebook cell is analysed on its own, like a file', async () => {
  const c = await startClient();
  try {
    const uri = 'vscode-notebook-cell:/work/train.ipynb#W2sZmlsZQ%3D%3D';
    const cell = 'from tensorflow.keras import layers, Sequential\nmodel = Sequential([layers.Dense(4, input_shape=(8,)), layers.Dense(1)])\n';
    c.open(uri, cell);
    const d = await c.waitForDiagnostics(uri, p => p.version === 1);
    assert.deepEqual(d.diagnostics, []);
    const hints = await c.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: WHOLE });
    assert.deepEqual(hints?.map(h => [h.position.line, h.position.character, h.label]), [[1, 53, '→ (None, 4)'], [1, 70, '→ (None, 1)']]);
  } finally {
    await c.stop();
  }
});

test('a runaway analysis is stopped, its worker replaced, and the next document analysed normally', async () => {
  const c = await startClient({ analysisTimeoutMs: 300 });
  try {
    // A 1.2 MB list literal: about a second of parsing, far past the 300 ms deadline set for this test.
    const junk = 'x = [' + '1, '.repeat(400_000) + ']\n';
    const slow = 'file:///work/junk.py';
    c.open(slow, junk);
    const stopped = await c.waitForDiagnostics(slow, p => p.version === 1, 20_000);
    assert.deepEqual(stopped.diagnostics.map(d => [d.severity, d.code]), [[3, 'not-analysed']]);
    assert.match(stopped.diagnostics[0].message, /^Analysing this file took longer than 300 ms and was stopped; ShapeLens skips it\.$/);
    const uri = 'file:///work/after-junk.py';
    c.open(uri, MNIST.replace('(28, 28, 1)', '(28, 28)'));
    const d = await c.waitForDiagnostics(uri, p => p.version === 1);
    assert.deepEqual(d.diagnostics.map(x => x.code), ['input-rank']);
  } finally {
    await c.stop();
  }
});

test('TypeScript (TF.js): hints, hover and a stale // shape comment', async () => {
  const c = await startClient();
  try {
    const uri = 'file:///work/mnist.ts';
    const lines = [
      "import * as tf from '@tensorflow/tfjs';",
      '',
      'const model = tf.sequential();',
      "model.add(tf.layers.conv2d({inputShape: [28, 28, 1], kernelSize: 3, filters: 8, activation: 'relu'}));",
      'model.add(tf.layers.maxPooling2d({poolSize: [2, 2]}));  // [null, 12, 12, 8]',
      'model.add(tf.layers.flatten());',
      "model.add(tf.layers.dense({units: 10, activation: 'softmax'}));",
      '',
    ];
    const text = lines.join('\n');
    c.open(uri, text, 1, 'typescript');
    const d = await c.waitForDiagnostics(uri, p => p.version === 1);
    const comment = at(text, '// [null, 12, 12, 8]');
    assert.deepEqual(d.diagnostics.map(x => [x.range.start, x.range.end, x.severity, x.code]), [[comment, { line: 4, character: comment.character + 20 }, 2, 'stale-shape-comment']]);
    assert.match(d.diagnostics[0].message, /is \(None, 13, 13, 8\)/);
    const hints = await c.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: WHOLE });
    const end = (line: number) => lines[line].lastIndexOf(';');
    assert.deepEqual(hints?.map(h => [h.position.line, h.position.character, h.label]), [
      [3, end(3), '→ (None, 26, 26, 8)'],
      [4, end(4), '→ (None, 13, 13, 8)'],
      [5, end(5), '→ (None, 1352)'],
      [6, end(6), '→ (None, 10)'],
    ]);
    const hover = await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3, character: 22 } });
    const md = (hover?.contents as { value: string }).value;
    assert.match(md, /\*\*conv2d_Conv2D1\*\* · `Conv2D`/);
    assert.match(md, /\| `kernel` \| \(3, 3, 1, 8\) \|/);
    assert.match(md, /TensorFlow\.js/);
    const actions = await c.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.diagnostics[0].range, context: { diagnostics: d.diagnostics } });
    const fix = actions?.find(a => 'kind' in a && a.kind === 'quickfix') as { edit?: { changes?: Record<string, { newText: string }[]> } } | undefined;
    assert.deepEqual(fix?.edit?.changes?.[uri].map(e => e.newText), ['[null, 13, 13, 8]']);
  } finally {
    await c.stop();
  }
});

test('JavaScript (TF.js with require): a layer applied to a rank-2 tensor is an error at the call', async () => {
  const c = await startClient();
  try {
    const uri = 'file:///work/model.js';
    const text = [
      "const tf = require('@tensorflow/tfjs');",
      'const input = tf.input({shape: [10]});',
      'const hidden = tf.layers.dense({units: 4}).apply(input);',
      'const bad = tf.layers.conv2d({filters: 2, kernelSize: 3}).apply(hidden);',
      'const model = tf.model({inputs: input, outputs: bad});',
      '',
    ].join('\n');
    c.open(uri, text, 1, 'javascript');
    const d = await c.waitForDiagnostics(uri, p => p.version === 1);
    const call = 'tf.layers.conv2d({filters: 2, kernelSize: 3}).apply(hidden)';
    assert.deepEqual(d.diagnostics.map(x => [x.range.start, x.range.end, x.code]), [[at(text, call), at(text, call, call.length), 'input-rank']]);
    const hints = await c.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: WHOLE });
    assert.deepEqual(hints?.map(h => h.label), ['→ (None, 10)', '→ (None, 4)', '→ ?']);
    const lenses = await c.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    assert.deepEqual(lenses?.map(l => l.command?.title), ['3 layers · ? params · Show summary']);
  } finally {
    await c.stop();
  }
});

test('the worker warms its analysis code up in idle time, once per language, and answers as without it', async () => {
  const tsText = "import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 3})]});\n";
  const warm = await startClient();
  const cold = await startClient({ codeWarmUpSteps: 0 });
  try {
    assert.deepEqual(await codeWarmUpOf(warm), { languages: [], done: true, steps: 0 }, 'nothing before the first document');
    const answers = [];
    for (const c of [warm, cold]) {
      c.open('file:///work/mnist.py', MNIST);
      await c.waitForDiagnostics('file:///work/mnist.py', p => p.version === 1);
      // Asked while the warm-up runs (it yields to every request between its steps).
      const hints = await c.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: 'file:///work/mnist.py' }, range: WHOLE });
      const hover = await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///work/mnist.py' }, position: { line: 5, character: 13 } });
      answers.push({ hints, hover });
    }
    assert.deepEqual(answers[0], answers[1]);
    assert.deepEqual(await codeWarmUpFinished(warm), { languages: ['python'], done: true, steps: WARM_UP_STEPS });
    warm.open('file:///work/small.ts', tsText, 1, 'typescript');
    const d = await warm.waitForDiagnostics('file:///work/small.ts', p => p.version === 1);
    assert.deepEqual(d.diagnostics, []);
    assert.deepEqual(await codeWarmUpFinished(warm), { languages: ['python', 'typescript'], done: true, steps: 2 * WARM_UP_STEPS }, 'then TS/JS, once');
    warm.open('file:///work/other.py', MNIST);
    await warm.waitForDiagnostics('file:///work/other.py', p => p.version === 1);
    assert.deepEqual(await codeWarmUpOf(warm), { languages: ['python', 'typescript'], done: true, steps: 2 * WARM_UP_STEPS }, 'a language is warmed once');
    assert.deepEqual(await codeWarmUpOf(cold), { languages: [], done: true, steps: 0 }, 'codeWarmUpSteps 0: none');
    const started = await cold.connection.sendRequest<{ workersStarted: number }>('shapelens/memoryUsage');
    assert.equal(started.workersStarted, 1, 'the knob went to the worker the entry had started, no second one');
  } finally {
    await warm.stop();
    await cold.stop();
  }
});

test('a document closed and opened again under the same version never gets the closed text\'s diagnostics', async () => {
  const c = await startClient();
  try {
    const uri = 'file:///work/reopened.py';
    const bad = 'import keras\nx = keras.Input((4,))\ny = keras.layers.Conv2D(2, 3)(x)\n';
    for (let round = 0; round < 5; round++) {
      c.open(uri, bad, 1);
      c.close(uri);
      c.open(uri, MNIST, 1);
      const seen = c.published.length;
      await c.waitForDiagnostics(uri, p => c.published.indexOf(p) >= seen && p.version === 1);
      await new Promise(r => setTimeout(r, 100));
      const after = c.published.slice(seen).filter(p => p.uri === uri);
      // The reopened text is clean: whatever is published for it now is empty (the close's own empty list included).
      assert.deepEqual(after.map(p => p.diagnostics.length).filter(n => n > 0), [], `round ${round}`);
      c.close(uri);
      await c.waitForDiagnostics(uri, p => p.version === undefined && p.diagnostics.length === 0);
    }
  } finally {
    await c.stop();
  }
});
