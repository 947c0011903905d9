// Golden runner over test/fixtures/python/*.py: every annotation in a fixture must hold exactly, and every
// diagnostic the analysis reports must be annotated (at its exact range). See test/support/annotations.ts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { loadPythonParser } from '../../server/src/syntax/python/pythonParser';
import { analyzePython } from '../../server/src/service/analyze';
import type { VersionRequest } from '../../server/src/infer/chooseVersion';
import { readFixture } from '../support/annotations';
import { checkAnnotations } from '../support/checkFixture';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/python');

function checkFile(file: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const fixture = readFixture(text);
  const request = (fixture.options['request'] ?? 'auto') as VersionRequest;
  const dataFormat = fixture.options['data-format'] as 'channels_last' | 'channels_first' | undefined;
  checkAnnotations(file, text, fixture, analyzePython(text, { kerasVersion: request, defaultDataFormat: dataFormat }));
}

test('fixtures', async t => {
  await loadPythonParser();
  const files = fs.readdirSync(FIXTURES).filter(f => f.endsWith('.py')).sort();
  assert.ok(files.length > 0, 'no fixtures found');
  for (const f of files) await t.test(f, () => checkFile(path.join(FIXTURES, f)));
});
