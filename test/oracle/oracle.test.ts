// The tfjs oracle: every case of cases.ts is built by tfjs 4.22 and by our catalogue, one test per case.
// Plain cases compare ours with tfjs; `kerasDiffers` cases compare ours with the recorded Keras answer and
// tfjs with what reference §3 says it gives (the difference is named in the test name); `rejects` cases
// need an error diagnostic from ours. A layer missing from the catalogue fails its cases, never skips.

import { test } from 'node:test';
import { CASES } from './cases';
import { runCase } from './compare';

for (const c of CASES) {
  const name = c.kerasDiffers
    ? `${c.id} [Keras differs from tfjs: ${c.kerasDiffers.reason}]`
    : c.rejects
      ? `${c.id} [Keras and tfjs reject: ${c.rejects}]`
      : c.id;
  test(name, () => runCase(c));
}
