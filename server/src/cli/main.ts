// The `shapelens` command: analyses Python files (or folders of them) and prints model summaries as text
// or JSON. Exit code 2 for bad usage or an unreadable file, else 1 when an error diagnostic was found, else 0.

import * as fs from 'fs';
import * as path from 'path';
import { loadPythonParser } from '../syntax/python/pythonParser';
import { DEFAULT_MAX_LENGTH } from '../service/analyze';
import { analyzeDocument, languageOfFile } from '../service/analyzeDocument';
import type { VersionRequest } from '../infer/chooseVersion';
import { analysisToJson } from './toJson';
import { analysisToText } from './toText';

const USAGE = `usage: shapelens [--format text|json] [--keras-version auto|1|2|3|tf.keras] [--data-format channels_last|channels_first] FILE|DIR...
       shapelens lsp --stdio

Prints the output shape, weights (in get_weights() order) and parameter count of every Keras layer, and
the diagnostics where dimensions provably do not fit, in Keras (Python) and TF.js (TypeScript, JavaScript)
files. Folders are searched for .py, .ts, .tsx, .js, .mjs and .cjs files.`;

interface CliOptions {
  format: 'text' | 'json';
  kerasVersion: VersionRequest;
  dataFormat: 'channels_last' | 'channels_first';
  paths: string[];
}

function parseArgs(argv: string[]): CliOptions | string {
  const o: CliOptions = { format: 'text', kerasVersion: 'auto', dataFormat: 'channels_last', paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json') return `--format takes text or json (got ${v ?? 'nothing'})`;
      o.format = v;
    } else if (flag === '--keras-version') {
      const v = value();
      if (!['auto', '1', '2', '3', 'tf.keras'].includes(v ?? '')) return `--keras-version takes auto, 1, 2, 3 or tf.keras (got ${v ?? 'nothing'})`;
      o.kerasVersion = v as VersionRequest;
    } else if (flag === '--data-format') {
      const v = value();
      if (v !== 'channels_last' && v !== 'channels_first') return `--data-format takes channels_last or channels_first (got ${v ?? 'nothing'})`;
      o.dataFormat = v;
    } else if (a.startsWith('-') && a !== '-') return `unknown option ${a}`;
    else o.paths.push(a);
  }
  if (o.paths.length === 0) return 'no file given';
  return o;
}

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
    if (fs.statSync(child).isDirectory()) expand(child, out, errors);
    else if (languageOfFile(name)) out.push(child);
  }
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'lsp') {
    // `shapelens lsp --stdio`: the language server for editors other than VS Code.
    if (!argv.includes('--stdio') && !argv.includes('--node-ipc') && !argv.some(a => a.startsWith('--socket'))) {
      process.stderr.write('shapelens: lsp needs a transport: --stdio, --node-ipc or --socket=PORT\n');
      return 2;
    }
    require('../lsp/main').main();
    return new Promise<number>(() => undefined); // runs until the client ends the connection
  }
  const parsed = parseArgs(argv);
  if (parsed === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (typeof parsed === 'string') {
    process.stderr.write(`shapelens: ${parsed}\n${USAGE}\n`);
    return 2;
  }
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
