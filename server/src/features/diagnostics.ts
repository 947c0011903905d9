// The diagnostics of a document: the analysis's provable mismatches, stale shape comments, and one
// information message when the file was not analysed (binary, too large).

import type { Analysis, Issue } from '../service/types';
import { checkShapeComments } from './shapeComments';
import type { FeatureSettings } from './types';

export function documentIssues(analysis: Analysis, text: string, settings: FeatureSettings): Issue[] {
  if (analysis.notAnalysed) {
    return [{ range: { start: 0, end: 0 }, severity: 'information', code: 'not-analysed', message: analysis.notAnalysed }];
  }
  if (!settings.diagnostics) return [];
  return [...analysis.issues, ...checkShapeComments(analysis, text)].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}
