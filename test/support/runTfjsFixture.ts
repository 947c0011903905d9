// Test-only harness of the whole-model oracle: runs a TS/JS fixture (plain TF.js code) with the real
// `@tensorflow/tfjs`, transpiled to CommonJS and evaluated in a `vm` context, and returns every model
// `tf.sequential` / `tf.model` created, in creation order. Never used by the analyser.

import * as ts from 'typescript';
import * as vm from 'vm';

type Tf = typeof import('@tensorflow/tfjs');

const TFJS_MODULES = new Set(['@tensorflow/tfjs', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-layers']);

function loadTfjs(): Tf {
  try {
    return require('@tensorflow/tfjs') as Tf;
  } catch {
    return require(require.resolve('@tensorflow/tfjs', { paths: [process.cwd()] })) as Tf;
  }
}

export interface TfjsModelLike {
  readonly name: string;
  readonly layers: readonly TfjsLayerLike[];
  countParams(): number;
  readonly trainableWeights: readonly { shape: (number | null)[] }[];
}

export interface TfjsLayerLike {
  readonly name: string;
  getClassName(): string;
  readonly outputShape: (number | null)[] | (number | null)[][];
  readonly weights: readonly { name: string; shape: (number | null)[]; trainable: boolean }[];
  countParams(): number;
}

/** Runs the fixture; the models it created, in order. Console output is silenced. */
export function runTfjsFixture(text: string, fileName: string): { tf: Tf; models: TfjsModelLike[] } {
  const tf = loadTfjs();
  const models: TfjsModelLike[] = [];
  const record = <T extends TfjsModelLike>(m: T): T => {
    models.push(m);
    return m;
  };
  const wrapped = new Proxy(tf as object, {
    get(target, prop) {
      if (prop === 'sequential') return (config?: unknown) => record((tf.sequential as (c?: unknown) => TfjsModelLike)(config));
      if (prop === 'model') return (config: unknown) => record((tf.model as (c: unknown) => TfjsModelLike)(config));
      return (target as Record<string | symbol, unknown>)[prop];
    },
  });
  const js = ts.transpileModule(text, {
    fileName,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: false, allowJs: true },
  }).outputText;
  const fakeRequire = (id: string): unknown => {
    if (TFJS_MODULES.has(id)) return wrapped;
    throw new Error(`the fixture requires '${id}', which the oracle harness does not provide`);
  };
  const silent = { log() {}, info() {}, warn() {}, error() {} };
  const module = { exports: {} as Record<string, unknown> };
  const context = vm.createContext({ require: fakeRequire, module, exports: module.exports, console: silent, process: { env: {} }, tf: wrapped });
  const saved = { warn: console.warn, info: console.info, log: console.log };
  console.warn = () => {};
  console.info = () => {};
  console.log = () => {};
  try {
    vm.runInContext(js, context, { filename: fileName });
  } finally {
    Object.assign(console, saved);
  }
  return { tf, models };
}
