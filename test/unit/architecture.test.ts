// Architecture invariants, checked on the source: the analysis core does no I/O and knows nothing of LSP;
// only the CLI (and later the server's lsp/ folder) touches the file system or process.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const SRC = path.resolve(__dirname, '../../../server/src');
const CORE_DIRS = ['service', 'syntax', 'ir', 'infer', 'layers'];
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

function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  source.forEachChild(node => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
  });
  return out;
}

test('the analysis core imports no I/O, process or LSP modules', () => {
  const offenders: string[] = [];
  for (const dir of CORE_DIRS) {
    for (const file of filesUnder(path.join(SRC, dir))) {
      for (const spec of importsOf(file)) {
        const bare = spec.startsWith('node:') ? spec.slice(5) : spec;
        if (FORBIDDEN_IN_CORE.includes(bare)) offenders.push(`${path.relative(SRC, file)} imports ${spec}`);
      }
    }
  }
  assert.deepEqual(offenders, []);
});

test('every source file opens with a purpose comment', () => {
  const missing = filesUnder(SRC).filter(f => !fs.readFileSync(f, 'utf8').trimStart().startsWith('//')).map(f => path.relative(SRC, f));
  assert.deepEqual(missing, []);
});
