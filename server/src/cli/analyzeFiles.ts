// The command's analysis of files and folders: expands folders, analyses each file and prints every result
// as text or JSON. Returns the exit code (2: an unreadable file, 1: an error diagnostic, else 0).

import * as fs from 'fs';
import * as path from 'path';
import { loadPythonParser } from '../syntax/python/pythonParser';
import { DEFAULT_MAX_LENGTH } from '../service/analyze';
import { analyzeDocument, languageOfFile } from '../service/analyzeDocument';
import type { CliOptions } from './main';
import { analysisToJson } from './toJson';
import { analysisToText } from './toText';

/** Expands folders into their Python, TypeScript and JavaScript files (sorted, skipping hidden folders and node_modules). */
function expand(p: string, out: string[], errors: string[]): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch (e) {
    errors.push(`shapelens: cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return;
  }
  if (!stat.isDirectory()) {
    out.push(p);
    return;
  }
  for (const name of fs.readdirSync(p).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const child = path.join(p, name);
    let folder = false;
    try {
      folder = fs.statSync(child).isDirectory();
    } catch {
      // A dangling link or an entry gone meanwhile: a source file by its name is reported unreadable below.
    }
    if (folder) expand(child, out, errors);
    else if (languageOfFile(name)) out.push(child);
  }
}

export async function analyzeFiles(parsed: CliOptions): Promise<number> {
  await loadPythonParser();
  const files: string[] = [];
  const errors: string[] = [];
  for (const p of parsed.paths) expand(p, files, errors);
  let unreadable = errors.length > 0;
  let sawError = false;
  const results: object[] = [];
  const texts: string[] = [];
  for (const file of files) {
    let buffer: Buffer;
    try {
      buffer = fs.readFileSync(file);
    } catch (e) {
      errors.push(`shapelens: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      unreadable = true;
      continue;
    }
    const text = buffer.length > DEFAULT_MAX_LENGTH * 2 ? '' : buffer.toString('utf8');
    const analysis = buffer.length > DEFAULT_MAX_LENGTH * 2
      ? { language: 'python' as const, kerasVersion: '3' as const, kerasVersionReason: 'not analysed', models: [], layerUses: [], variables: [], issues: [], comments: [], notAnalysed: `The file is larger than the maximum analysed size (${Math.round(buffer.length / 1024)} KB); ShapeLens skips it.` }
      : analyzeDocument(text, languageOfFile(file) ?? 'python', { kerasVersion: parsed.kerasVersion, defaultDataFormat: parsed.dataFormat });
    if (analysis.notAnalysed) process.stderr.write(`shapelens: ${file}: ${analysis.notAnalysed}\n`);
    if (analysis.issues.some(i => i.severity === 'error')) sawError = true;
    if (parsed.format === 'json') results.push(analysisToJson(file, text, analysis));
    else texts.push(analysisToText(file, text, analysis));
  }
  for (const e of errors) process.stderr.write(e + '\n');
  if (parsed.format === 'json') process.stdout.write(JSON.stringify({ files: results }, null, 2) + '\n');
  else process.stdout.write(texts.join('\n\n') + (texts.length ? '\n' : ''));
  return unreadable ? 2 : sawError ? 1 : 0;
}
