// Architecture invariants, checked on the source: the analysis core and the editor features (and every
// front end under syntax/, TypeScript included) do no I/O and know nothing of LSP — no import, require or
// dynamic import of such modules; only the CLI and the server's lsp/ folder touch the file system or process.
// (The runtime counterpart — the server starts no child process — is in test/robustness/noSideEffects.test.ts.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import * as ts from 'typescript';
import { startClient } from '../support/lspClient';

const SRC = path.resolve(__dirname, '../../../server/src');
// The pure core and the pure editor features; `syntax` covers every front end (python/, typescript/ when present).
const CORE_DIRS = ['service', 'syntax', 'ir', 'infer', 'layers', 'features'];
const FORBIDDEN_IN_CORE = ['fs', 'path', 'child_process', 'net', 'http', 'https', 'worker_threads', 'os', 'vscode-languageserver', 'vscode-languageserver/node', 'vscode'];

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(full));
    else if (e.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** Every module a file loads: import/export declarations, `import x = require(…)`, `require(…)` and `import(…)` anywhere. */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) out.push(node.moduleReference.expression.text);
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      const arg = node.arguments[0];
      out.push(arg && ts.isStringLiteralLike(arg) ? arg.text : `<computed ${node.expression.getText(source)}(…)>`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

test('the analysis core and the editor features import no I/O, process or LSP modules', () => {
  const offenders: string[] = [];
  for (const dir of CORE_DIRS) {
    for (const file of filesUnder(path.join(SRC, dir))) {
      for (const spec of importsOf(file)) {
        const bare = spec.startsWith('node:') ? spec.slice(5) : spec;
        if (FORBIDDEN_IN_CORE.includes(bare) || bare.startsWith('<computed')) offenders.push(`${path.relative(SRC, file)} imports ${spec}`);
      }
    }
  }
  assert.deepEqual(offenders, []);
});

test('the import check sees every kind of module load', () => {
  const probe = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shapelens-arch-')), 'probe.ts');
  fs.writeFileSync(probe, "import * as a from 'fs';\nimport b = require('path');\nexport { c } from 'net';\nfunction f() { return require('child_process') ?? import('http'); }\nconst d = require(name);\n");
  try {
    assert.deepEqual(importsOf(probe), ['fs', 'path', 'net', 'child_process', 'http', '<computed require(…)>']);
  } finally {
    fs.rmSync(path.dirname(probe), { recursive: true, force: true });
  }
});

test('the checked folders include the editor features and every front end present', () => {
  const checked = CORE_DIRS.flatMap(d => filesUnder(path.join(SRC, d))).map(f => path.relative(SRC, f).split(path.sep).join('/'));
  assert.ok(checked.some(f => f.startsWith('features/')), 'features/ is checked');
  assert.ok(checked.some(f => f.startsWith('syntax/python/')), 'syntax/python/ is checked');
  if (fs.existsSync(path.join(SRC, 'syntax/typescript'))) assert.ok(checked.some(f => f.startsWith('syntax/typescript/')), 'syntax/typescript/ is checked');
});

test('every source file opens with a purpose comment', () => {
  const missing = filesUnder(SRC).filter(f => !fs.readFileSync(f, 'utf8').trimStart().startsWith('//')).map(f => path.relative(SRC, f));
  assert.deepEqual(missing, []);
});

/** Which heavy modules a fresh Node process has loaded after running `body` (async; compiled code under out/). */
/** JavaScript source of an object saying which heavy modules are in `keys` (the keys of `require.cache`). */
const LOADED_FLAGS = `{
  typescript: keys.some(k => k.includes('node_modules/typescript/')),
  treeSitter: keys.some(k => k.includes('web-tree-sitter')),
  catalogue: keys.some(k => k.includes('/server/src/layers/')),
  cliAnalysis: keys.some(k => k.includes('/server/src/cli/analyzeFiles')),
}`;

function loadedAfter(body: string): { typescript: boolean; treeSitter: boolean; catalogue: boolean } {
  const probe = `(async () => {
${body}
const keys = Object.keys(require.cache);
const { cliAnalysis, ...flags } = ${LOADED_FLAGS};
process.stdout.write(JSON.stringify(flags));
})();`;
  const out = path.resolve(__dirname, '../..');
  return JSON.parse(execFileSync(process.execPath, ['-e', probe], { cwd: out, encoding: 'utf8' }));
}

test("the language server's main thread loads no analyser (parsers and catalogue live in the worker)", () => {
  assert.deepEqual(loadedAfter("require('./server/src/lsp/server');"), { typescript: false, treeSitter: false, catalogue: false });
});

test('a running `shapelens lsp --stdio` server has loaded no analyser on its main thread after a Python and a TS document', async () => {
  // The command's entry loads the analysers only to analyse files; the server's entry starts the worker and
  // the LSP libraries. A preload writes what the main thread loaded when the process exits.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shapelens-arch-'));
  const preload = path.join(dir, 'loaded.js');
  const report = path.join(dir, 'loaded.json');
  fs.writeFileSync(preload, `const wt = require('worker_threads');
if (wt.isMainThread) process.on('exit', () => {
  const keys = Object.keys(require.cache);
  require('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(${LOADED_FLAGS}));
});
`);
  const c = await startClient({ nodeArgs: ['--require', preload] });
  try {
    c.open('file:///work/a.py', 'import keras\nm = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])\n');
    c.open('file:///work/a.ts', "import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 3})]});\n", 1, 'typescript');
    await c.waitForDiagnostics('file:///work/a.py', p => p.version === 1);
    await c.waitForDiagnostics('file:///work/a.ts', p => p.version === 1);
    const hints = await c.connection.sendRequest<{ label: string }[]>('textDocument/inlayHint', { textDocument: { uri: 'file:///work/a.ts' }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } } });
    assert.deepEqual(hints.map(h => h.label), ['→ (None, 3)'], 'the TS document was analysed (in the worker)');
  } finally {
    await c.stop();
  }
  assert.deepEqual(JSON.parse(fs.readFileSync(report, 'utf8')), { typescript: false, treeSitter: false, catalogue: false, cliAnalysis: false });
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the TypeScript compiler is loaded for the first TS/JS document, not before', () => {
  const python = `const d = require('./server/src/service/analyzeDocument');
await require('./server/src/syntax/python/pythonParser').loadPythonParser();
d.createAnalysisSession('python', {}).analyze('import keras\\nx = keras.layers.Dense(4)\\n');
d.analyzeDocument('x = 1\\n', 'python', {});`;
  assert.deepEqual(loadedAfter(python), { typescript: false, treeSitter: true, catalogue: true });
  assert.deepEqual(loadedAfter(`${python}\nd.createAnalysisSession('typescript', {}).analyze('const x = 1;');`), { typescript: true, treeSitter: true, catalogue: true });
});
