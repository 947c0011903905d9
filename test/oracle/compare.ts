// The checks of the oracle, shared by the test suite (oracle.test.ts) and the tfjs-only sanity script
// (checkTfjs.ts): the tfjs side of a case, our side, and the comparison of the two.

import assert from 'node:assert/strict';
import type { BuildOutcome } from '../../server/src/infer/buildLayer';
import type { Shape } from '../../server/src/infer/shape';
import type { ArgValue } from '../../server/src/ir/values';
import type { KerasVersion } from '../../server/src/ir/kerasVersion';
import { findPythonLayer } from '../../server/src/layers/registry';
import { buildForTest, makeLayer } from '../support/buildForTest';
import { Answer, LayerExpr, OracleCase, PyShape, isMultiInput, renderPython } from './cases';
import { buildWithTfjs, runEagerly } from './tfjs';

/** Weight names Keras 2/3 and tfjs share; compared by name as well as by shape. */
export const SHARED_WEIGHT_NAMES: ReadonlySet<string> = new Set([
  'kernel', 'bias', 'recurrent_kernel', 'depthwise_kernel', 'pointwise_kernel',
  'gamma', 'beta', 'moving_mean', 'moving_variance', 'embeddings', 'alpha',
]);

/**
 * Weight names that differ between Keras 3 and tfjs/tf.keras for the same weight. Keras 3's
 * BaseDepthwiseConv.build calls `add_weight(name="kernel", ...)` for the depthwise kernel, where
 * tf.keras 2 and tfjs say `depthwise_kernel`.
 */
const KERAS3_WEIGHT_NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  DepthwiseConv2D: { depthwise_kernel: 'kernel' },
};

/** tfjs's answer with weight names as the case's Keras version spells them. */
export function inKerasNames(c: OracleCase, a: Observed): Observed {
  if ((c.version ?? '3') !== '3') return a;
  const renames = KERAS3_WEIGHT_NAMES[c.inner ? c.inner.className : c.className];
  if (!renames) return a;
  return { ...a, weights: a.weights.map(w => ({ ...w, name: renames[lastSegment(w.name)] ?? w.name })) };
}

/** The answer every side is compared by; `trainable` only when it comes from live tfjs. */
export interface Observed extends Answer {
  readonly trainable?: readonly boolean[];
}

export function describeCase(c: OracleCase): string {
  const input = isMultiInput(c.input) ? `[${c.input.map(fmtShape).join(', ')}]` : fmtShape(c.input as PyShape);
  return `${renderPython(c)} on ${input}${c.version && c.version !== '3' ? ` (${c.version})` : ''}`;
}

function fmtShape(s: readonly (number | null | string | undefined)[] | undefined): string {
  if (!s) return 'undefined';
  const items = s.map(d => (d === null ? 'None' : d === undefined ? '?' : String(d)));
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

function fmtWeights(ws: readonly { name: string; shape: readonly (number | null | string)[] }[]): string {
  return ws.length ? ws.map(w => `${w.name} ${fmtShape(w.shape)}`).join(', ') : '(none)';
}

function lastSegment(name: string): string {
  return name.split('/').pop() ?? name;
}

// ---------------------------------------------------------------------------------------------------
// tfjs side

/**
 * Runs the tfjs side of a case and checks what it must check:
 * `rejects` → tfjs throws with that text; `kerasDiffers` → tfjs gives the recorded tfjs answer;
 * otherwise tfjs must build, and its answer is returned as the expected one.
 */
export function tfjsSide(c: OracleCase): Observed | undefined {
  if (c.rejects) {
    assert.throws(() => buildWithTfjs(c), (e: Error) => {
      assert.ok(e.message.includes(c.rejects!), `tfjs rejected ${describeCase(c)} but with "${e.message.slice(0, 300)}", expected a message containing "${c.rejects}"`);
      return true;
    }, `tfjs was expected to reject ${describeCase(c)} ("${c.rejects}") but built it`);
    return undefined;
  }
  if (c.kerasDiffers) {
    const want = c.kerasDiffers.tfjs;
    if ('buildError' in want) {
      assert.throws(() => buildWithTfjs(c), (e: Error) => {
        assert.ok(e.message.includes(want.buildError), `tfjs rejected ${describeCase(c)} with "${e.message.slice(0, 300)}", the reference says "${want.buildError}"`);
        return true;
      }, `the reference says tfjs rejects ${describeCase(c)} ("${want.buildError}"), but tfjs built it: the difference is gone?`);
      return undefined;
    }
    const got = liveTfjs(c);
    compareAnswer(got, want, `tfjs (reference §3 claim) for ${describeCase(c)}`);
    if (want.runtimeError) {
      assert.throws(() => runEagerly(c), (e: Error) => {
        assert.ok(e.message.includes(want.runtimeError!), `tfjs failed at run time with "${e.message.slice(0, 300)}", the reference says "${want.runtimeError}"`);
        return true;
      }, `the reference says tfjs fails at run time for ${describeCase(c)}, but it ran`);
    }
    return undefined;
  }
  return liveTfjs(c);
}

function liveTfjs(c: OracleCase): Observed {
  let r;
  try {
    r = buildWithTfjs(c);
  } catch (e) {
    assert.fail(`tfjs could not build ${describeCase(c)}: ${(e as Error).message.slice(0, 300)} (a case tfjs rejects needs \`rejects\` or \`kerasDiffers\`)`);
  }
  return {
    outputs: r.outputs,
    weights: r.weights.map(w => ({ name: w.name, shape: w.shape })),
    params: r.params,
    trainable: r.weights.map(w => w.trainable),
  };
}

// ---------------------------------------------------------------------------------------------------
// our side

function toShape(s: PyShape): Shape {
  return [...s];
}

function toArg(v: unknown): ArgValue {
  return (Array.isArray(v) ? v.map(toArg) : v) as ArgValue;
}

/** The catalogue classes a case needs, missing ones first. */
function missingClasses(expr: LayerExpr): string[] {
  const names = [expr.className, ...(expr.inner ? [expr.inner.className] : [])];
  return names.filter(n => !findPythonLayer(n));
}

/** Builds the case with our catalogue; fails (never skips) when a class is not in the catalogue yet. */
export function buildOurs(c: OracleCase, version: KerasVersion = c.version ?? '3'): BuildOutcome {
  const missing = missingClasses(c);
  if (missing.length) {
    assert.fail(`not in the layer catalogue yet: ${missing.join(', ')} (findPythonLayer returned undefined), so ${describeCase(c)} cannot be checked`);
  }
  const args: ArgValue[] = c.args.map(toArg);
  if (c.inner) args.unshift({ kind: 'layer', layer: makeLayer(c.inner.className, c.inner.args.map(toArg), Object.fromEntries(Object.entries(c.inner.kwargs).map(([k, v]) => [k, toArg(v)]))) });
  const kwargs = Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [k, toArg(v)]));
  const input = isMultiInput(c.input) ? c.input.map(toShape) : toShape(c.input as PyShape);
  return buildForTest({ className: c.className, args, kwargs, input, version });
}

function errorsOf(o: BuildOutcome): string[] {
  return o.issues.filter(i => i.severity === 'error').map(i => `${i.code}: ${i.message}`);
}

/** Ours must build without errors and give exactly `want` (outputs, weight shapes/names in order, params). */
export function checkOurs(c: OracleCase, o: BuildOutcome, want: Observed, against: string): void {
  const where = `${describeCase(c)} (expected from ${against})`;
  const errs = errorsOf(o);
  assert.deepEqual(errs, [], `ours reported errors for ${where}:\n  ${errs.join('\n  ')}`);
  assert.ok(o.result, `ours gave no result for ${where}${o.notes.length ? `; notes: ${o.notes.join('; ')}` : ''}`);
  const r = o.result;
  const got: Observed = {
    outputs: r.outputs.map(s => (s ? [...s] : (undefined as unknown as PyShape))) as PyShape[],
    weights: r.weights.map(w => ({ name: w.name, shape: w.shape as number[] })),
    params: r.weights.reduce((sum, w) => sum + w.shape.reduce<number>((a, d) => a * (typeof d === 'number' ? d : NaN), 1), 0),
    trainable: r.weights.map(w => w.trainable),
  };
  compareAnswer(got, want, `ours for ${where}`);
}

/** got vs want: outputs, weight shapes in order, shared weight names, trainable flags (when both known), params. */
export function compareAnswer(got: Observed, want: Observed, label: string): void {
  assert.equal(
    got.outputs.map(s => fmtShape(s)).join(' | '),
    want.outputs.map(s => fmtShape(s)).join(' | '),
    `output shapes differ: ${label}`,
  );
  const gotShapes = got.weights.map(w => fmtShape(w.shape));
  const wantShapes = want.weights.map(w => fmtShape(w.shape));
  assert.deepEqual(gotShapes, wantShapes, `weight shapes (in get_weights() order) differ: ${label}\n  got:  ${fmtWeights(got.weights)}\n  want: ${fmtWeights(want.weights)}`);
  want.weights.forEach((w, i) => {
    const wantName = lastSegment(w.name);
    if (!SHARED_WEIGHT_NAMES.has(wantName)) return;
    assert.equal(lastSegment(got.weights[i].name), wantName, `weight ${i} name differs: ${label}\n  got:  ${fmtWeights(got.weights)}\n  want: ${fmtWeights(want.weights)}`);
  });
  if (got.trainable && want.trainable) {
    assert.deepEqual(got.trainable, want.trainable, `trainable flags differ: ${label}\n  got:  ${got.trainable.join(', ')}\n  want: ${want.trainable.join(', ')}`);
  }
  assert.equal(got.params, want.params, `param count differs: ${label}`);
}

// ---------------------------------------------------------------------------------------------------
// the whole case

/** Runs one case end to end (tfjs side first, then ours); throws an AssertionError on any mismatch. */
export function runCase(c: OracleCase): void {
  const live = tfjsSide(c);
  if (c.rejects) {
    const o = buildOurs(c);
    const severity = c.oursSeverity ?? 'error';
    assert.ok(
      o.issues.some(i => i.severity === severity),
      `Keras and tfjs reject ${describeCase(c)} ("${c.rejects}"), but ours reported no ${severity} diagnostic` +
        (o.result ? `; ours gave outputs ${o.result.outputs.map(s => fmtShape(s)).join(' | ')}` : ''),
    );
    return;
  }
  if (c.kerasDiffers) {
    const o = buildOurs(c);
    const want = c.kerasDiffers.expected;
    if ('error' in want) {
      assert.ok(
        o.issues.some(i => i.severity === 'error'),
        `Keras rejects ${describeCase(c)} (${c.kerasDiffers.reason}), but ours reported no error diagnostic` +
          (o.result ? `; ours gave outputs ${o.result.outputs.map(s => fmtShape(s)).join(' | ')}` : ''),
      );
    } else {
      checkOurs(c, o, want, `the Keras answer recorded in the case, ${c.kerasDiffers.reason}`);
    }
    return;
  }
  checkOurs(c, buildOurs(c), inKerasNames(c, live!), 'tfjs 4.22');
}
