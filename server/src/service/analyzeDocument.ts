// Dispatch by language: the one entry point hosts call for any supported document.

import { analyzePython, AnalyzeOptions, PythonSession } from './analyze';
import { analyzeTypeScript } from './analyzeTypeScript';
import type { AnalysisSession } from './session';
import { createTypeScriptSession } from './typescriptSession';
import type { Analysis } from './types';

/** File names standing for each TS/JS language id (the TS parser picks its dialect from the extension). */
const SCRIPT_FILE: Record<string, string> = {
  typescript: 'document.ts',
  typescriptreact: 'document.tsx',
  javascript: 'document.js',
  javascriptreact: 'document.jsx',
};

/** Language ids the analysis understands (VS Code's ids). */
export const ANALYSED_LANGUAGES: ReadonlySet<string> = new Set(['python', ...Object.keys(SCRIPT_FILE)]);

/** The language id of a file name, by extension; undefined when it is not analysed. */
export function languageOfFile(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf('.');
  const ext = dot >= 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  switch (ext) {
    case 'py': case 'pyi': return 'python';
    case 'ts': case 'mts': case 'cts': return 'typescript';
    case 'tsx': return 'typescriptreact';
    case 'js': case 'mjs': case 'cjs': return 'javascript';
    case 'jsx': return 'javascriptreact';
    default: return undefined;
  }
}

export function analyzeDocument(text: string, languageId: string, options: AnalyzeOptions): Analysis {
  const script = SCRIPT_FILE[languageId];
  return script ? analyzeTypeScript(text, script, options) : analyzePython(text, options);
}

/** A session for successive versions of one document (reuses work between versions where it can). */
export function createAnalysisSession(languageId: string, options: AnalyzeOptions): AnalysisSession {
  const script = SCRIPT_FILE[languageId];
  return script ? createTypeScriptSession(script, options) : new PythonSession(options);
}
