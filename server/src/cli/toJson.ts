// The CLI's JSON shape for one analysed file: shapes as arrays with null for None (and for dims the
// analysis could not infer), 1-based lines and UTF-16 columns, severity strings.

import type { Analysis, LayerInfo, Shape } from '../service/types';
import { LineIndex } from '../service/lineIndex';

type JsonShape = (number | null)[] | null;

function shapeJson(s: Shape | undefined): JsonShape {
  return s ? s.map(d => (typeof d === 'number' ? d : null)) : null;
}

/** One shape for a single tensor, a list of shapes for several, null when unknown. */
function shapesJson(shapes: readonly (Shape | undefined)[] | undefined): JsonShape | JsonShape[] {
  if (!shapes || shapes.length === 0) return null;
  return shapes.length === 1 ? shapeJson(shapes[0]) : shapes.map(shapeJson);
}

export function analysisToJson(path: string, text: string, a: Analysis): object {
  const index = new LineIndex(text);
  const pos = (offset: number) => {
    const p = index.positionAt(offset);
    return { line: p.line + 1, column: p.character + 1 };
  };
  const layerJson = (l: LayerInfo) => {
    const p = pos(l.range.start);
    return {
      name: l.name,
      type: l.type,
      line: p.line,
      column: p.column,
      inputShape: shapesJson(l.inputShapes),
      outputShape: shapesJson(l.outputs),
      weights: l.weights ? l.weights.map(w => ({ name: w.name, shape: w.shape.map(d => (typeof d === 'number' ? d : null)), trainable: w.trainable })) : null,
      params: l.params ?? null,
      ...(l.unknownReason ? { unknown: l.unknownReason } : {}),
    };
  };
  return {
    path,
    language: a.language,
    kerasVersion: a.kerasVersion,
    kerasVersionReason: a.kerasVersionReason,
    ...(a.notAnalysed ? { notAnalysed: a.notAnalysed } : {}),
    models: a.models.map(m => ({
      name: m.name,
      kind: m.kind,
      line: pos(m.range.start).line,
      complete: m.complete,
      layers: m.layers.map(layerJson),
      totalParams: m.totalParams ?? null,
      trainableParams: m.trainableParams ?? null,
      nonTrainableParams: m.nonTrainableParams ?? null,
    })),
    diagnostics: a.issues.map(i => {
      const s = pos(i.range.start);
      const e = pos(i.range.end);
      return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column, severity: i.severity, code: i.code, message: i.message };
    }),
  };
}
