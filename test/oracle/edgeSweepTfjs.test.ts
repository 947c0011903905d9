// Edge values of size arguments against live tfjs, for every TF.js layer of the catalogue: each size-like
// argument set to 0, a negative number, a fraction, a number past 2^53, an infinity or a tuple holding one of
// them. Never lie, checked both ways: where tfjs refuses the layer, ours reports an error or leaves a size
// unknown; where tfjs builds it, ours reports no error and every size ours states is tfjs's.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OracleCase, PyShape, PyValue } from './cases';
import { buildOurs } from './compare';
import { buildWithTfjs } from './tfjs';
import { allLayerSpecs } from '../../server/src/layers/registry';
import type { Dim } from '../../server/src/infer/shape';

const BASE: Record<string, PyValue> = { units: 4, filters: 4, kernel_size: 3, rate: 0.5, pool_size: 2, target_shape: [-1], n: 2, dims: [1], input_dim: 10, output_dim: 4, size: 2, cropping: 1, height: 4, width: 4, depth_multiplier: 1 };
const EDGE: PyValue[] = [0, -3, 2.5, 2 ** 60, Infinity, [-1, 2], [2.5, 2], [0, 2]];
const INPUTS: PyShape[] = [[null, 8], [null, 6, 5], [null, 8, 8, 3], [null, 6, 6, 6, 2]];
const SIZE_NAMES = /size|strides|dilation|padding|cropping|axis|units|dim|shape|filters|multiplier|^n$|height|width|groups/;

/**
 * Where ours differs, and why that is not a lie worth a rule: values of a type TF.js's own typings refuse (a
 * number as Reshape's targetShape, an array as ELU's alpha), and a fractional dilation on layers that ignore
 * dilation (tfjs still validates it).
 */
const KNOWN = [
  'Conv2DTranspose(dilation_rate=[2.5,2]): tfjs refuses, ours states every size',
  'DepthwiseConv2D(dilation_rate=[2.5,2]): tfjs refuses, ours states every size',
  'Reshape(target_shape=0): tfjs builds, ours reports an error',
  'Reshape(target_shape=2.5): tfjs builds, ours reports an error',
  'Reshape(target_shape=1152921504606847000): tfjs builds, ours reports an error',
  'Reshape(target_shape=null): tfjs builds, ours reports an error',
  'ELU(alpha=[-1,2]): tfjs refuses, ours states every size',
  'ELU(alpha=[2.5,2]): tfjs refuses, ours states every size',
  'ELU(alpha=[0,2]): tfjs refuses, ours states every size',
];

/** Layers the sweep cannot build from BASE on a single input (merging, wrappers) or that tfjs builds otherwise. */
const NOT_SWEPT = ['Cropping2D', 'Bidirectional', 'TimeDistributed', 'Add', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Concatenate', 'Dot', 'ThresholdedReLU', 'Rescaling', 'Resizing', 'CenterCrop'];

const known = (s: readonly Dim[] | undefined) => !!s && s.every(d => d !== '?');

/** Ours states `d` where tfjs has `t` (a non-finite tfjs size reads as None). */
function agrees(d: Dim, t: number | null): boolean {
  if (d === '?') return true;
  return t !== null && !Number.isFinite(t) ? d === null : d === t;
}

function problemsOf(c: OracleCase, label: string): string[] {
  let truth: ReturnType<typeof buildWithTfjs> | undefined;
  try {
    truth = buildWithTfjs(c, true);
  } catch {
    truth = undefined;
  }
  const ours = buildOurs(c, 'tfjs');
  const errors = ours.issues.filter(i => i.severity === 'error');
  const r = ours.result;
  if (!truth) {
    return !errors.length && r && r.outputs.every(known) && r.weights.every(w => known(w.shape)) ? [`${label}: tfjs refuses, ours states every size`] : [];
  }
  if (errors.length) return [`${label}: tfjs builds, ours reports an error`];
  if (!r) return [];
  const out: string[] = [];
  r.outputs.forEach((s, i) => {
    const t = truth!.outputs[i];
    if (s && t && (s.length !== t.length || s.some((d, j) => !agrees(d, t[j])))) out.push(`${label}: output ${JSON.stringify(s)}, tfjs ${JSON.stringify(t)}`);
  });
  if (r.weights.length !== truth.weights.length) out.push(`${label}: ${r.weights.length} weights, tfjs ${truth.weights.length}`);
  else r.weights.forEach((w, i) => {
    const t = truth!.weights[i].shape;
    if (w.shape.length !== t.length || w.shape.some((d, j) => !agrees(d, t[j]))) out.push(`${label}: ${w.name} ${JSON.stringify(w.shape)}, tfjs ${JSON.stringify(t)}`);
  });
  return out;
}

test('edge values of size arguments: ours never states a size tfjs does not give, nor an error where tfjs builds', () => {
  const problems: string[] = [];
  const notSwept: string[] = [];
  let cases = 0;
  for (const spec of allLayerSpecs()) {
    if (!spec.tfjs || spec.isInput) continue;
    const base: Record<string, PyValue> = {};
    for (const a of spec.args) if (a.default === undefined && BASE[a.name] !== undefined && a.tfjs !== null) base[a.name] = BASE[a.name];
    const make = (kwargs: Record<string, PyValue>, input: PyShape): OracleCase => ({ id: 'edge-sweep', className: spec.className, args: [], kwargs, input });
    const input = INPUTS.find(i => {
      try {
        buildWithTfjs(make(base, i), true);
      } catch {
        return false;
      }
      const o = buildOurs(make(base, i), 'tfjs');
      return !!o.result && !o.issues.some(x => x.severity === 'error');
    });
    if (!input) {
      notSwept.push(spec.className);
      continue;
    }
    for (const arg of spec.args) {
      const d = typeof arg.default === 'function' ? arg.default('tfjs') : arg.default;
      const sizeLike = BASE[arg.name] !== undefined || typeof d === 'number' || (Array.isArray(d) && d.every(x => typeof x === 'number')) || SIZE_NAMES.test(arg.name);
      if (arg.tfjs === null || !sizeLike || /initializer|regularizer|constraint|activation/.test(arg.name)) continue;
      for (const e of EDGE) {
        cases++;
        problems.push(...problemsOf(make({ ...base, [arg.name]: e }, input), `${spec.className}(${arg.name}=${JSON.stringify(e)})`));
      }
    }
  }
  assert.ok(cases > 800, `only ${cases} cases: the sweep lost its layers`);
  assert.deepEqual(notSwept, NOT_SWEPT);
  assert.deepEqual(problems, KNOWN);
});
