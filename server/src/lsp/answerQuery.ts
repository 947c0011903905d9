// Runs one feature query on an analysis (in the worker), and the empty answer of each query for when a
// document could not be analysed (on the main thread). Pure dispatch over the pure features.

import type { Analysis } from '../service/types';
import { documentIssues } from '../features/diagnostics';
import { hoverAt } from '../features/hover';
import { inlayHintsIn } from '../features/inlayHints';
import { modelLenses } from '../features/codeLens';
import { modelSummaryText } from '../features/modelSummary';
import { shapeCommentActions } from '../features/shapeComments';
import type { FeatureSettings } from '../features/types';
import type { FeatureAnswers, FeatureQuery } from './workerProtocol';

export function answerQuery(analysis: Analysis, text: string, settings: FeatureSettings, query: FeatureQuery): FeatureAnswers[FeatureQuery['kind']] {
  switch (query.kind) {
    case 'diagnostics':
      return documentIssues(analysis, text, settings);
    case 'hints':
      return inlayHintsIn(analysis, query.range, settings);
    case 'hover':
      return hoverAt(analysis, query.offset);
    case 'lenses':
      return modelLenses(analysis);
    case 'actions':
      return shapeCommentActions(analysis, text, query.range);
    case 'summary': {
      const model = analysis.models.find(m => m.name === query.modelName);
      return model ? `${modelSummaryText(model)}\n\n(${analysis.kerasVersionReason})\n` : undefined;
    }
  }
}

/** The answer when the document was not analysed: one information diagnostic saying why, else nothing. */
export function notAnalysedAnswer(query: FeatureQuery, reason: string): FeatureAnswers[FeatureQuery['kind']] {
  switch (query.kind) {
    case 'diagnostics':
      return [{ range: { start: 0, end: 0 }, severity: 'information', code: 'not-analysed', message: reason }];
    case 'hover':
    case 'summary':
      return undefined;
    default:
      return [];
  }
}
