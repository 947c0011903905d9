// The tfjs oracle for our TF.js version: every case of cases.ts (and the TF.js-only cases of
// casesTfjs.ts) is built by live tfjs 4.22 with its options as written, and by our catalogue with
// version 'tfjs'. tfjs is the truth here, so there is no Keras exception: when tfjs builds, ours must
// give exactly its outputs (non-finite tfjs dims, NaN/Infinity, read as None), weight shapes in order,
// shared weight names, trainable flags and params, with a `zero-size-output` warning exactly when an
// output has a 0 dim; when tfjs throws, ours must report an error diagnostic.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CASES, OracleCase, PyShape } from './cases';
import { TFJS_CASES } from './casesTfjs';
import { Observed, buildOurs, checkOurs, describeCase } from './compare';
import { buildWithTfjs } from './tfjs';

type Live = { kind: 'builds'; answer: Observed } | { kind: 'rejects'; message: string };

function live(c: OracleCase): Live {
  let r;
  try {
    r = buildWithTfjs(c, true);
  } catch (e) {
    const message = (e as Error).message;
    if (message.startsWith('the oracle has no tfjs mapping') || message.includes('too many positional arguments for the oracle')) throw e;
    return { kind: 'rejects', message };
  }
  const dim = (d: number | null): number | null => (d === null || Number.isFinite(d) ? d : null);
  return {
    kind: 'builds',
    answer: {
      outputs: r.outputs.map(s => s.map(dim)) as PyShape[],
      weights: r.weights.map(w => ({ name: w.name, shape: w.shape })),
      params: r.params,
      trainable: r.weights.map(w => w.trainable),
    },
  };
}

function runTfjsCase(c: OracleCase): void {
  const truth = live(c);
  const ours = buildOurs(c, 'tfjs');
  if (truth.kind === 'rejects') {
    assert.ok(
      ours.issues.some(i => i.severity === 'error'),
      `tfjs rejects ${describeCase(c)} ("${truth.message.slice(0, 200)}"), but ours (tfjs) reported no error` +
        (ours.result ? `; ours gave outputs ${JSON.stringify(ours.result.outputs)}` : ''),
    );
    return;
  }
  checkOurs(c, ours, truth.answer, 'live tfjs 4.22, version tfjs');
  const zero = truth.answer.outputs.some(s => s.some(d => d === 0));
  const warned = ours.issues.some(i => i.severity === 'warning' && i.code === 'zero-size-output');
  assert.equal(warned, zero, zero ? `tfjs gives a zero-size output for ${describeCase(c)}: ours must warn (zero-size-output)` : `ours warned zero-size-output for ${describeCase(c)}`);
}

for (const c of [...CASES, ...TFJS_CASES]) {
  test(`tfjs version: ${c.id}`, () => runTfjsCase(c));
}
