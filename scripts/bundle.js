// Bundles the extension for packaging: dist/client.js (the VS Code client) and dist/server.js (the
// language server), with the tree-sitter runtime and Python grammar wasm files copied beside the server.
'use strict';
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');

/**
 * web-tree-sitter ships ESM (`import` condition) and CommonJS (`require`) builds. The ESM one needs
 * `import.meta.url`, which a CommonJS bundle does not have, so resolve it as Node's `require` would.
 */
const treeSitterAsCommonJs = {
  name: 'web-tree-sitter-cjs',
  setup(build) {
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter') }));
  },
};

async function main() {
  fs.rmSync(dist, { recursive: true, force: true });
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node18', sourcemap: true, logLevel: 'warning' };
  await esbuild.build({ ...common, entryPoints: [path.join(root, 'client/src/extension.ts')], outfile: path.join(dist, 'client.js'), external: ['vscode'] });
  await esbuild.build({ ...common, entryPoints: [path.join(root, 'server/src/lsp/main.ts')], outfile: path.join(dist, 'server.js'), plugins: [treeSitterAsCommonJs] });
  // The analysis runs in a worker thread beside the server (see lsp/analysisService.ts).
  await esbuild.build({ ...common, entryPoints: [path.join(root, 'server/src/lsp/analysisWorker.ts')], outfile: path.join(dist, 'analysisWorker.js'), plugins: [treeSitterAsCommonJs] });
  fs.copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), path.join(dist, 'tree-sitter.wasm'));
  fs.copyFileSync(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm'), path.join(dist, 'tree-sitter-python.wasm'));
  for (const f of fs.readdirSync(dist)) console.log(`dist/${f}  ${(fs.statSync(path.join(dist, f)).size / 1024).toFixed(0)} KB`);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
