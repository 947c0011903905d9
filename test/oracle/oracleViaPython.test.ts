// The tfjs oracle through the whole Python pipeline: each case is rendered as a small Keras program
// (Input with the case's batch shape, then the layer called on it), analysed by `analyzePython`, and the
// layer's output shapes, weights and params compared with the same expectations as oracle.test.ts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPythonParser } from '../../server/src/syntax/python/pythonParser';
import { analyzePython } from '../../server/src/service/analyze';
import type { BuildOutcome } from '../../server/src/infer/buildLayer';
import { CASES, OracleCase, PyShape, isMultiInput, renderPyValue, renderPython } from './cases';
import { checkOurs, describeCase, inKerasNames, tfjsSide } from './compare';

/** The program for a case and the offset where the layer call under test starts. */
export function renderProgram(c: OracleCase): { source: string; callStart: number } {
  const tf = (c.version ?? '3') === 'tf.keras';
  const lines = [tf ? 'from tensorflow.keras.layers import *' : 'from keras.layers import *', ''];
  const shapes: PyShape[] = isMultiInput(c.input) ? [...c.input] : [c.input as PyShape];
  shapes.forEach((s, i) => lines.push(`x${i} = Input(batch_shape=${renderPyValue(s)})`));
  const args = isMultiInput(c.input) ? `[${shapes.map((_, i) => `x${i}`).join(', ')}]` : 'x0';
  const prefix = lines.join('\n') + '\ny = ';
  return { source: `${prefix}${renderPython(c)}(${args})\n`, callStart: prefix.length };
}

function analyseCase(c: OracleCase): { outcome: BuildOutcome; source: string } {
  const { source, callStart } = renderProgram(c);
  const a = analyzePython(source);
  assert.equal(a.notAnalysed, undefined, a.notAnalysed);
  assert.equal(a.kerasVersion, c.version ?? '3', `version chosen for:\n${source}`);
  const uses = a.layerUses.filter(u => u.useRange.start === callStart);
  assert.ok(uses.length > 0, `no layer use at the call in:\n${source}`);
  const use = uses.reduce((x, y) => (y.useRange.end > x.useRange.end ? y : x));
  const issues = a.issues.filter(i => i.range.start >= callStart).map(i => ({ severity: i.severity, code: i.code, message: i.message }));
  const result = use.outputs && use.weights
    ? { outputs: use.outputs.map(s => s), weights: use.weights.map(w => ({ name: w.name, shape: w.shape, trainable: w.trainable, axes: w.axes })) }
    : undefined;
  return { outcome: { result, issues, explanations: [...use.explanations], notes: [...use.notes] }, source };
}

test('oracle cases through the Python front end', async t => {
  await loadPythonParser();
  for (const c of CASES) {
    await t.test(c.id, () => {
      const live = tfjsSide(c);
      const { outcome, source } = analyseCase(c);
      if (c.rejects || (c.kerasDiffers && 'error' in c.kerasDiffers.expected)) {
        const severity = c.oursSeverity ?? 'error';
        assert.ok(outcome.issues.some(i => i.severity === severity), `expected a ${severity} diagnostic for ${describeCase(c)} in:\n${source}`);
        return;
      }
      const want = c.kerasDiffers ? c.kerasDiffers.expected : inKerasNames(c, live!);
      checkOurs(c, outcome, want as never, `${c.kerasDiffers ? 'the Keras answer' : 'tfjs 4.22'}, via the Python front end:\n${source}`);
    });
  }
});
