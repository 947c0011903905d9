// Test helper: builds one catalogue layer from Python-style arguments and an input shape, without any
// front end, so layer rules can be tested (and compared with tfjs) in isolation.

import { buildLayer, BuildOutcome } from '../../server/src/infer/buildLayer';
import type { LayerInstance } from '../../server/src/ir/graph';
import type { KerasVersion } from '../../server/src/ir/kerasVersion';
import type { ArgValue } from '../../server/src/ir/values';
import type { Shape } from '../../server/src/infer/shape';
import { findPythonLayer } from '../../server/src/layers/registry';

let nextId = 1;

/** A layer instance as a front end would create it from `ClassName(*positional, **keyword)`. */
export function makeLayer(className: string, positional: ArgValue[] = [], keyword: Record<string, ArgValue> = {}): LayerInstance {
  const spec = findPythonLayer(className);
  if (!spec) throw new Error(`no catalogue entry for ${className}`);
  return {
    id: nextId++,
    className,
    spec,
    positional,
    keyword: new Map(Object.entries(keyword)),
    range: { start: 0, end: 0 },
    classRange: { start: 0, end: 0 },
  };
}

export interface TestBuild {
  className: string;
  args?: ArgValue[];
  kwargs?: Record<string, ArgValue>;
  input: Shape | Shape[];
  version?: KerasVersion;
  dataFormat?: 'channels_last' | 'channels_first';
}

/** Builds the layer; `input` may be one shape or several (merge layers). */
export function buildForTest(t: TestBuild): BuildOutcome {
  const layer = makeLayer(t.className, t.args ?? [], t.kwargs ?? {});
  const inputs = Array.isArray(t.input[0]) || t.input.length === 0 ? (t.input as Shape[]) : [t.input as Shape];
  return buildLayer(layer, inputs, { version: t.version ?? '3', defaultDataFormat: t.dataFormat ?? 'channels_last' });
}

/** Compact summary for assertions: output shapes, weights as `name shape`, params. */
export function summarize(o: BuildOutcome): { outputs: (Shape | undefined)[] | undefined; weights: string[]; params: number | '?' | undefined; errors: string[] } {
  const weights = o.result?.weights.map(w => `${w.name} (${w.shape.map(d => (d === null ? 'None' : String(d))).join(', ')}${w.shape.length === 1 ? ',' : ''})`) ?? [];
  let params: number | '?' | undefined = undefined;
  if (o.result) {
    params = 0;
    for (const w of o.result.weights) {
      const n = w.shape.reduce<number | '?'>((a, d) => (a === '?' || typeof d !== 'number' ? '?' : a * d), 1);
      params = params === '?' || n === '?' ? '?' : params + n;
    }
  }
  return { outputs: o.result?.outputs, weights, params, errors: o.issues.filter(i => i.severity === 'error').map(i => i.code) };
}
