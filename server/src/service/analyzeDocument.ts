// Dispatch by language: the one entry point hosts call for any supported document.

import { analyzePython, AnalyzeOptions } from './analyze';
import type { Analysis } from './types';

/** Language ids the analysis understands (VS Code's ids). */
export const ANALYSED_LANGUAGES: ReadonlySet<string> = new Set(['python']);

export function analyzeDocument(text: string, languageId: string, options: AnalyzeOptions): Analysis {
  return analyzePython(text, options);
}
