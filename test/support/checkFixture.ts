// Checks one annotated fixture against its analysis (shared by the Python and the TS/JS golden runners):
// every annotation must hold exactly, and every diagnostic must be annotated at its exact range.

import assert from 'node:assert/strict';
import * as path from 'path';
import { LineIndex } from '../../server/src/service/lineIndex';
import { formatCount, formatOutputs, formatShape } from '../../server/src/infer/shape';
import type { Analysis, LayerUse } from '../../server/src/service/types';
import { Annotation, Fixture, splitLines } from './annotations';

function weightsText(use: LayerUse): string {
  if (!use.weights) return '?';
  if (use.weights.length === 0) return 'none';
  return use.weights.map(w => `${w.name} ${formatShape(w.shape)}${w.trainable ? '' : ' non-trainable'}`).join(', ');
}

export function checkAnnotations(file: string, text: string, fixture: Fixture, a: Analysis): void {
  assert.equal(a.notAnalysed, undefined, `not analysed: ${a.notAnalysed}`);
  const index = new LineIndex(text);
  const lines = splitLines(text);
  const at = (offset: number) => index.positionAt(offset);
  const where = (an: Annotation) => `${path.basename(file)}:${an.at + 1}`;
  if (fixture.expectVersion) assert.equal(a.kerasVersion, fixture.expectVersion, `${path.basename(file)}: Keras version (${a.kerasVersionReason})`);

  const matched = new Set<number>();
  for (const an of fixture.annotations) {
    if (an.kind === 'error' || an.kind === 'warning' || an.kind === 'information') {
      const [code, ...rest] = an.text.split(':');
      const substring = rest.join(':').trim();
      const i = a.issues.findIndex((issue, k) => {
        if (matched.has(k) || issue.severity !== an.kind || issue.code !== code.trim()) return false;
        const s = at(issue.range.start);
        const e = at(issue.range.end);
        const endCol = e.line === s.line ? e.character : lines[s.line].length;
        return s.line === an.line && s.character === an.startCol && endCol === an.endCol;
      });
      assert.ok(i >= 0, `${where(an)}: expected ${an.kind} ${code} at line ${an.line + 1} columns ${an.startCol + 1}-${an.endCol}; got ${JSON.stringify(a.issues.map(x => ({ code: x.code, at: at(x.range.start), end: at(x.range.end), message: x.message })))}`);
      matched.add(i);
      if (substring) assert.ok(a.issues[i].message.includes(substring), `${where(an)}: message "${a.issues[i].message}" lacks "${substring}"`);
      continue;
    }
    if (an.kind === 'model') {
      const model = a.models.find(m => at(m.range.start).line === an.line && at(m.range.start).character === an.startCol);
      assert.ok(model, `${where(an)}: no model starts here; models at ${a.models.map(m => JSON.stringify(at(m.range.start)))}`);
      for (const part of an.text.split(/\s+/).filter(Boolean)) {
        const [k, v] = part.split('=');
        const actual: string = k === 'name' ? model.name : k === 'total' ? formatCount(model.totalParams) : k === 'trainable' ? formatCount(model.trainableParams) : k === 'nontrainable' ? formatCount(model.nonTrainableParams) : k === 'layers' ? String(model.layers.length) : k === 'names' ? model.layers.map(l => l.name).join(',') : `unknown key ${k}`;
        assert.equal(actual, v, `${where(an)}: model ${k}`);
      }
      continue;
    }
    if (an.kind === 'var') {
      const v = a.variables.find(x => at(x.range.start).line === an.line && at(x.range.start).character === an.startCol);
      assert.ok(v, `${where(an)}: no variable binding here`);
      assert.equal(formatOutputs(v.shapes), an.text, `${where(an)}: variable shape`);
      continue;
    }
    const uses = a.layerUses.filter(u => at(u.classRange.start).line === an.line && at(u.classRange.start).character === an.startCol && at(u.classRange.end).character === an.endCol);
    assert.ok(uses.length > 0, `${where(an)}: no layer use with its class name at line ${an.line + 1} columns ${an.startCol + 1}-${an.endCol}; uses on that line start at ${a.layerUses.filter(u => at(u.classRange.start).line === an.line).map(u => `${at(u.classRange.start).character + 1}-${at(u.classRange.end).character}`).join(', ')}`);
    const use = uses[0];
    switch (an.kind) {
      case 'out': assert.equal(formatOutputs(use.outputs), an.text, `${where(an)}: output shape (${use.unknownReason ?? ''})`); break;
      case 'in': assert.equal(formatOutputs(use.inputShapes), an.text, `${where(an)}: input shape`); break;
      case 'weights': assert.equal(weightsText(use), an.text, `${where(an)}: weights`); break;
      case 'params': assert.equal(formatCount(use.params), an.text, `${where(an)}: params`); break;
      case 'name': assert.equal(use.name, an.text, `${where(an)}: name`); break;
      case 'type': assert.equal(use.type, an.text, `${where(an)}: type`); break;
      case 'unknown':
        assert.equal(use.outputs, undefined, `${where(an)}: expected unknown output, got ${formatOutputs(use.outputs)}`);
        if (an.text) assert.ok((use.unknownReason ?? '').includes(an.text), `${where(an)}: reason "${use.unknownReason}" lacks "${an.text}"`);
        break;
      case 'explain': assert.ok(use.explanations.includes(an.text), `${where(an)}: explanations ${JSON.stringify(use.explanations)} lack "${an.text}"`); break;
      case 'note': assert.ok(use.notes.some(n => n.includes(an.text)), `${where(an)}: notes ${JSON.stringify(use.notes)} lack "${an.text}"`); break;
      default: assert.fail(`${where(an)}: unknown annotation kind "${an.kind}"`);
    }
  }
  const unexpected = a.issues.filter((_, k) => !matched.has(k));
  assert.deepEqual(unexpected.map(i => {
    const s = at(i.range.start);
    return `line ${s.line + 1} col ${s.character + 1}: ${i.severity} ${i.code}: ${i.message}`;
  }), [], `${path.basename(file)}: diagnostics without an annotation`);
}
