// Keras 1 (≤ 1.2.2) LSTM/GRU weight layouts: one W, U, b per gate with consume_less='cpu'/'mem' (the
// default), or the gates concatenated into a single W, U, b with consume_less='gpu'.

import type { Dim } from '../../infer/shape';
import { BuildContext, WeightSpec, weight } from '../spec';
import { times } from './rnnCommon';

const GATE_NAMES: Record<string, string> = {
  i: 'input gate',
  f: 'forget gate',
  c: 'cell candidate',
  o: 'output gate',
  z: 'update gate',
  r: 'reset gate',
  h: 'candidate state',
};

/**
 * `perGate`: the order Keras 1 lists its per-gate arrays in `trainable_weights` (LSTM i, c, f, o; GRU z, r, h);
 * `concatenated`: the column order of the single matrices with consume_less='gpu' (LSTM i, f, c, o).
 */
export function keras1GateWeights(ctx: BuildContext, layerName: string, D: Dim, units: Dim, perGate: string[], concatenated: string[]): WeightSpec[] {
  const impl = ctx.int('implementation');
  const n = perGate.length;
  if (impl === 2) {
    const wide = times(n, units);
    const label = `${n} gates × output_dim (${concatenated.join(', ')})`;
    ctx.note(`With consume_less='gpu', Keras 1 ${layerName} concatenates its ${n} gates into one W (input_dim, ${n}·output_dim), one U (output_dim, ${n}·output_dim) and one b: 3 arrays.`);
    return [
      weight('W', [[D, 'input features (input_dim)'], [wide, label]]),
      weight('U', [[units, 'previous state (output_dim)'], [wide, label]]),
      weight('b', [[wide, label]]),
    ];
  }
  if (impl === '?') {
    ctx.note(`consume_less could not be evaluated; the per-gate layout of the default consume_less='cpu' is shown (the parameter total is the same either way).`);
  }
  const out: WeightSpec[] = [];
  for (const g of perGate) {
    const gate = GATE_NAMES[g] ?? g;
    out.push(
      weight(`W_${g}`, [[D, 'input features (input_dim)'], [units, `output_dim (${gate})`]]),
      weight(`U_${g}`, [[units, 'previous state (output_dim)'], [units, `output_dim (${gate})`]]),
      weight(`b_${g}`, [[units, `output_dim (${gate})`]]),
    );
  }
  ctx.note(`Keras 1 ${layerName} (consume_less='cpu' or 'mem') keeps one W, U and b per gate: ${out.length} arrays in the order ${perGate.map(g => `W_${g}, U_${g}, b_${g}`).join(', ')}.`);
  return out;
}
