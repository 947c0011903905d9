// The `shapelens` command end to end: JSON shape, 1-based UTF-16 columns, exit codes (0 clean, 1 error
// diagnostic, 2 bad usage or unreadable file while the other files are still analysed), binary files.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const BIN = path.resolve(__dirname, '../../../bin/shapelens.js');

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmp(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shapelens-cli-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

test('JSON output for a clean file: exact shapes, weights, totals, exit 0', () => {
  const file = tmp('ok.py', 'import keras\n# é 😀\nm = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Conv2D(4, 3)])\n');
  const r = run(['--format', 'json', file]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.deepEqual(json.files[0].models[0], {
    name: 'sequential', kind: 'sequential', line: 3, complete: true,
    layers: [{ name: 'conv2d', type: 'Conv2D', line: 3, column: 49, inputShape: [null, 28, 28, 1], outputShape: [null, 26, 26, 4], weights: [{ name: 'kernel', shape: [3, 3, 1, 4], trainable: true }, { name: 'bias', shape: [4], trainable: true }], params: 40 }],
    totalParams: 40, trainableParams: 40, nonTrainableParams: 0,
  });
  assert.equal(json.files[0].kerasVersion, '3');
  assert.deepEqual(json.files[0].diagnostics, []);
});

test('an error diagnostic gives exit 1 with exact UTF-16 positions after non-ASCII text', () => {
  // 'x_é😀 = 0; ' is 11 UTF-16 code units (é is 1, 😀 is 2) but 14 bytes of UTF-8: columns count code units.
  const file = tmp('bad.py', 'import keras\n变量 = 1\nx_é😀 = 0; m = keras.Sequential([keras.Input((10, 10)), keras.layers.Conv2D(4, 3)])\n');
  const r = run(['--format', 'json', file]);
  assert.equal(r.code, 1);
  const d = JSON.parse(r.stdout).files[0].diagnostics;
  assert.deepEqual(d.map((x: Record<string, unknown>) => [x.line, x.column, x.endLine, x.endColumn, x.severity, x.code]), [[3, 57, 3, 82, 'error', 'input-rank']]);
});

test('several outputs are a list of shapes; unknown is null', () => {
  const file = tmp('multi.py', 'import keras\nx = keras.Input((5, 3))\nout = keras.layers.LSTM(4, return_state=True)(x)\ny = keras.layers.Dense(2)(foo(x))\nm = keras.Model(x, out)\n');
  const r = run(['--format', 'json', file]);
  assert.equal(r.code, 0, r.stderr);
  const layers = JSON.parse(r.stdout).files[0].models[0].layers;
  assert.deepEqual(layers.map((l: Record<string, unknown>) => [l.name, l.outputShape]), [['input_layer', [null, 5, 3]], ['lstm', [[null, 4], [null, 4], [null, 4]]]]);
});

test('bad usage and unreadable files exit 2; the other files are still analysed', () => {
  const usage = run(['--format', 'yaml', 'x.py']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--format takes text or json/);
  const good = tmp('good.py', 'import keras\nm = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])\n');
  const r = run([path.join(os.tmpdir(), 'does-not-exist.py'), good]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot read .*does-not-exist\.py: ENOENT/);
  assert.match(r.stdout, /dense \(Dense\)\s+\(None, 2\)\s+8/);
});

test('a binary file gets a clear message, not a crash', () => {
  const file = tmp('model.py', Buffer.from([0x69, 0x6d, 0x00, 0x01, 0xff, 0xfe]));
  const r = run([file]);
  assert.equal(r.code, 0);
  assert.match(r.stderr, /looks binary; ShapeLens skips it/);
});

test('a folder with dangling links: a source file among them is unreadable (exit 2), the others are analysed', () => {
  const file = tmp('ok.py', 'import keras\nm = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])\n');
  const dir = path.dirname(file);
  fs.symlinkSync(path.join(dir, 'missing.py'), path.join(dir, 'gone.py'));
  fs.symlinkSync(path.join(dir, 'missing'), path.join(dir, 'gone'));
  const r = run(['--format', 'json', dir]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `shapelens: cannot read ${path.join(dir, 'gone.py')}: ENOENT\n`);
  assert.deepEqual(JSON.parse(r.stdout).files.map((f: { path: string; models: { totalParams: number }[] }) => [path.basename(f.path), f.models[0].totalParams]), [['ok.py', 10]]);
});

test('`shapelens lsp` without a usable transport exits 2 with the usage of the transports', () => {
  for (const args of [['lsp'], ['lsp', '--socket'], ['lsp', '--socket=']]) {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stderr, 'shapelens: lsp needs a transport: --stdio, --node-ipc or --socket=PORT\n');
  }
});
