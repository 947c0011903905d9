// The `shapelens` command: analyses Python files (or folders of them) and prints model summaries as text
// or JSON. Exit code 2 for bad usage or an unreadable file, else 1 when an error diagnostic was found, else 0.
// `shapelens lsp` starts the language server without loading the analysers here (they live in its worker).

import type { VersionRequest } from '../infer/chooseVersion';

const USAGE = `usage: shapelens [--format text|json] [--keras-version auto|1|2|3|tf.keras] [--data-format channels_last|channels_first] FILE|DIR...
       shapelens lsp --stdio

Prints the output shape, weights (in get_weights() order) and parameter count of every Keras layer, and
the diagnostics where dimensions provably do not fit, in Keras (Python) and TF.js (TypeScript, JavaScript)
files. Folders are searched for .py, .ts, .tsx, .js, .mjs and .cjs files.`;

export interface CliOptions {
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

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'lsp') {
    // `shapelens lsp --stdio`: the language server for editors other than VS Code.
    if (!argv.includes('--stdio') && !argv.includes('--node-ipc') && !argv.some(a => /^--socket=\d+$/.test(a))) {
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
  return (require('./analyzeFiles') as typeof import('./analyzeFiles')).analyzeFiles(parsed);
}
