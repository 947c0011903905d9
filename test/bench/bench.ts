// `npm run bench`: our whole analysis against a bare tree-sitter parse of the same generated text, in one
// run, for 10 / 100 / 1,000 / 10,000 layers. Prints medians and the ratios; it asserts nothing.

import { loadPythonParser, parsePython } from '../../server/src/syntax/python/pythonParser';
import { analyzePython } from '../../server/src/service/analyze';
import { generateKeras } from './generate';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void, reps: number): number {
  const samples: number[] = [];
  fn(); // warm-up
  for (let i = 0; i < reps; i++) {
    gc();
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(samples);
}

async function main(): Promise<void> {
  await loadPythonParser();
  const sizes = [10, 100, 1000, 10000];
  const rows: { n: number; lines: number; parse: number; analysis: number; layers: number }[] = [];
  for (const n of sizes) {
    const text = generateKeras(n);
    const reps = n >= 10000 ? 5 : n >= 1000 ? 11 : 31;
    const parse = time(() => parsePython(text)?.delete(), reps);
    let layers = 0;
    const analysis = time(() => {
      layers = analyzePython(text).layerUses.length;
    }, reps);
    rows.push({ n, lines: text.split('\n').length, parse, analysis, layers });
  }
  const pad = (s: string, w: number) => s.padStart(w);
  console.log(`ShapeLens bench — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${require('os').cpus().length} cores (${require('os').cpus()[0]?.model ?? '?'})`);
  console.log('| layers | lines | layer uses | bare parse ms | analysis ms | R1 = analysis / parse | R4 = time(10N) / time(N) |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    const r4 = prev ? (r.analysis / prev.analysis).toFixed(1) : '–';
    console.log(`| ${pad(String(r.n), 6)} | ${r.lines} | ${r.layers} | ${r.parse.toFixed(2)} | ${r.analysis.toFixed(2)} | ${(r.analysis / r.parse).toFixed(2)} | ${r4} |`);
  });
  console.log('Goals (core issue): R1 ≤ 3, R4 ≤ 12. Medians in one process with gc() before each sample.');
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
