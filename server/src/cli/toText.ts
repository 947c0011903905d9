// The CLI's text output: one `model.summary()`-style table per model with a weights column, then the
// file's diagnostics as `path:line:col: severity [code] message` lines (the format editors parse).

import type { Analysis, LayerInfo } from '../service/types';
import { LineIndex } from '../service/lineIndex';
import { formatCount, formatOutputs, formatShape } from '../infer/shape';

function weightsText(l: LayerInfo): string {
  if (!l.weights) return l.unknownReason ? '?' : '';
  return l.weights.map(w => `${w.name} ${formatShape(w.shape)}${w.trainable ? '' : ' (non-trainable)'}`).join(', ');
}

function table(rows: string[][], header: string[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('   ').trimEnd();
  const rule = '-'.repeat(widths.reduce((a, b) => a + b + 3, -3));
  return [rule, line(header), rule, ...rows.map(line), rule];
}

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
    const rows = m.layers.map(l => [`${l.name} (${l.type})`, formatOutputs(l.outputs), l.params === undefined ? '?' : formatCount(l.params), weightsText(l)]);
    out.push(...table(rows, ['Layer (type)', 'Output Shape', 'Param #', 'Weights (get_weights() order)']));
    out.push(` Total params: ${formatCount(m.totalParams)}`);
    out.push(` Trainable params: ${formatCount(m.trainableParams)}`);
    out.push(` Non-trainable params: ${formatCount(m.nonTrainableParams)}`);
    const unknown = m.layers.filter(l => l.unknownReason);
    if (unknown.length) out.push(` ? = not inferable: ${unknown.map(l => `${l.name}: ${l.unknownReason}`).join('; ')}`);
  }
  if (a.issues.length) out.push('');
  for (const i of a.issues) {
    const p = index.positionAt(i.range.start);
    out.push(`${path}:${p.line + 1}:${p.character + 1}: ${i.severity} [${i.code}] ${i.message}`);
  }
  return out.join('\n');
}
