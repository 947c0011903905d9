// Dispatch by language: the one entry point hosts call for any supported document. The TS/JS front end (and
// with it the TypeScript compiler, ~15 MB of heap) is loaded on the first TS/JS document only.

import { analyzePython, AnalyzeOptions, PythonSession } from './analyze';
import { scriptFileOf } from './languages';
import type { AnalysisSession } from './session';
import type { Analysis } from './types';

export { ANALYSED_LANGUAGES, languageOfFile } from './languages';

function typeScriptFacade(): typeof import('./analyzeTypeScript') {
  return require('./analyzeTypeScript') as typeof import('./analyzeTypeScript');
}

export function analyzeDocument(text: string, languageId: string, options: AnalyzeOptions): Analysis {
  const script = scriptFileOf(languageId);
  return script ? typeScriptFacade().analyzeTypeScript(text, script, options) : analyzePython(text, options);
}

/** A session for successive versions of one document (reuses work between versions where it can). */
export function createAnalysisSession(languageId: string, options: AnalyzeOptions): AnalysisSession {
  const script = scriptFileOf(languageId);
  if (!script) return new PythonSession(options);
  const { createTypeScriptSession } = require('./typescriptSession') as typeof import('./typescriptSession');
  return createTypeScriptSession(script, options);
}
