// Sanity script for the oracle's own data: runs only the tfjs side of every case (no catalogue needed)
// and prints the cases whose tfjs behaviour does not match the table. Not a test file; run it with
//   node <outDir>/test/oracle/checkTfjs.js

import { CASES } from './cases';
import { describeCase, tfjsSide } from './compare';

function main(): void {
  const started = Date.now();
  const ids = new Set<string>();
  let failures = 0;
  for (const c of CASES) {
    if (ids.has(c.id)) {
      failures++;
      console.log(`DUPLICATE id ${c.id}`);
    }
    ids.add(c.id);
    try {
      tfjsSide(c);
    } catch (e) {
      failures++;
      console.log(`FAIL ${c.id}: ${describeCase(c)}\n  ${(e as Error).message.split('\n').join('\n  ')}`);
    }
  }
  const kinds = { plain: 0, kerasDiffers: 0, rejects: 0 };
  for (const c of CASES) kinds[c.kerasDiffers ? 'kerasDiffers' : c.rejects ? 'rejects' : 'plain']++;
  console.log(`${CASES.length} cases (${kinds.plain} plain, ${kinds.kerasDiffers} kerasDiffers, ${kinds.rejects} rejects), ${failures} tfjs-side failures, ${Date.now() - started} ms`);
  process.exitCode = failures ? 1 : 0;
}

main();
