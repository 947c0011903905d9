// Golden runner over test/fixtures/typescript/*.ts and *.js (the TS/JS counterpart of fixtures.test.ts):
// every `//` caret annotation must hold exactly, and every diagnostic must be annotated at its exact range.
// The expected values are TensorFlow.js's own answers (test/oracle/wholeModels.test.ts checks them live).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeTypeScript } from '../../server/src/service/analyzeTypeScript';
import { readFixture } from '../support/annotations';
import { checkAnnotations } from '../support/checkFixture';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/typescript');

function checkFile(file: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const a = analyzeTypeScript(text, path.basename(file), {});
  assert.equal(a.kerasVersion, 'tfjs');
  assert.equal(a.language, file.endsWith('.js') ? 'javascript' : 'typescript');
  checkAnnotations(file, text, readFixture(text, '//'), a);
}

test('TS/JS fixtures', async t => {
  const files = fs.readdirSync(FIXTURES).filter(f => f.endsWith('.ts') || f.endsWith('.js')).sort();
  assert.ok(files.length > 0, 'no fixtures found');
  for (const f of files) await t.test(f, () => checkFile(path.join(FIXTURES, f)));
});
