// The CLI's text output: one `model.summary()`-style table per model with a weights column, then the
// file's diagnostics as `path:line:col: severity [code] message` lines (the format editors parse).

import type { Analysis } from '../service/types';
import { LineIndex } from '../service/lineIndex';
import { modelSummaryText } from '../features/modelSummary';

export function analysisToText(path: string, text: string, a: Analysis): string {
  const index = new LineIndex(text);
  const lineOf = (offset: number) => index.positionAt(offset).line + 1;
  const out: string[] = [];
  out.push(`${path}  [${a.kerasVersionReason}]`);
  if (a.notAnalysed) out.push(`  not analysed: ${a.notAnalysed}`);
  if (!a.notAnalysed && a.models.length === 0) out.push('  no Keras model found');
  for (const m of a.models) {
    out.push('');
    out.push(`Model: "${m.name}" (${m.kind}, line ${lineOf(m.range.start)})`);
    out.push(modelSummaryText(m));
  }
  if (a.issues.length) out.push('');
  for (const i of a.issues) {
    const p = index.positionAt(i.range.start);
    out.push(`${path}:${p.line + 1}:${p.character + 1}: ${i.severity} [${i.code}] ${i.message}`);
  }
  return out.join('\n');
}
