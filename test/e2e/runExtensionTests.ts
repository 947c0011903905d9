// Purpose: entry point of the extension-host integration tests (`node out/test/e2e/runExtensionTests.js`).
// Calls @vscode/test-electron's runTests with the repo root as the extension under development, the compiled
// suite (out/test/e2e/suite/index.js) and test/e2e/workspace as the folder to open. Offline, VS Code is
// code-server driven through test/e2e/code-server-shim.js (see shared harness notes and test/e2e/README.md);
// with SHAPELENS_E2E_REAL_VSCODE=1 vscodeExecutablePath is left out and test-electron downloads a real VS Code.
// Fails (exit 1) unless the suite ran and every test passed; prints `e2e: N passed, N failed`.
// Env: SHAPELENS_E2E_EXTENSION_PATH (another extension folder, for harness work), SHAPELENS_E2E_REAL_VSCODE=1,
//      SHAPELENS_E2E_VSCODE_VERSION (with REAL_VSCODE, default 1.100.3), plus the shim's CODE_SERVER_BIN / CHROMIUM.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

interface SuiteResults {
  readonly passed: string[];
  readonly failed: { name: string; message: string }[];
}

const repoRoot = path.resolve(__dirname, '..', '..', '..');

function fail(message: string): never {
  console.error(`\n[e2e] ********** FAILED: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const started = Date.now();
  const extensionDevelopmentPath = path.resolve(process.env.SHAPELENS_E2E_EXTENSION_PATH || repoRoot);
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionDevelopmentPath, 'package.json'), 'utf8')) as { main?: string };
  if (!manifest.main || !fs.existsSync(path.resolve(extensionDevelopmentPath, manifest.main))) {
    fail(`the extension entry point ${manifest.main ?? '(package.json has no "main")'} is missing in ${extensionDevelopmentPath}: run "npm run bundle" first`);
  }
  const extensionTestsPath = path.join(__dirname, 'suite', 'index.js');
  const workspace = path.join(repoRoot, 'test', 'e2e', 'workspace');
  const real = process.env.SHAPELENS_E2E_REAL_VSCODE === '1';
  const shim = path.join(repoRoot, 'test', 'e2e', 'code-server-shim.js');
  if (!real) fs.chmodSync(shim, 0o755); // spawned directly by test-electron; a checkout may have lost the x bit

  // A fresh profile per run: no restored editors, no state from an earlier run.
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shapelens-e2e-'));
  const userData = path.join(runDir, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'telemetry.telemetryLevel': 'off', 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none',
    'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'update.mode': 'none',
    'workbench.enableExperiments': false, 'editor.inlayHints.enabled': 'on',
  }, null, 2));
  const resultsFile = path.join(runDir, 'results.json');

  console.log(`[e2e] extension: ${extensionDevelopmentPath}`);
  console.log(`[e2e] VS Code: ${real ? `real VS Code ${process.env.SHAPELENS_E2E_VSCODE_VERSION || '1.100.3'} (downloaded by @vscode/test-electron)` : `code-server via ${path.relative(repoRoot, shim)}`}`);
  let runError: unknown;
  try {
    await runTests({
      ...(real ? { version: process.env.SHAPELENS_E2E_VSCODE_VERSION || '1.100.3' } : { vscodeExecutablePath: shim }),
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs: [workspace, `--user-data-dir=${userData}`, `--extensions-dir=${path.join(runDir, 'extensions')}`, '--disable-extensions'],
      extensionTestsEnv: { SHAPELENS_E2E_RESULTS: resultsFile },
    });
  } catch (e) {
    runError = e;
  }
  let results: SuiteResults | undefined;
  try {
    results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults;
  } catch {
    results = undefined;
  }
  fs.rmSync(runDir, { recursive: true, force: true });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (results) {
    for (const f of results.failed) console.log(`[e2e] FAIL ${f.name}\n${f.message.replace(/^/gm, '        ')}`);
    console.log(`[e2e] extension-host suite finished in ${seconds} s`);
    console.log(`e2e: ${results.passed.length} passed, ${results.failed.length} failed`);
  }
  if (!results) fail(`the suite wrote no results (it did not run, or VS Code did not start): ${runError instanceof Error ? runError.message : String(runError)}`);
  if (results.passed.length + results.failed.length === 0) fail('the suite ran no test');
  if (results.failed.length > 0 || runError) fail(`${results.failed.length} extension-host test(s) failed${runError instanceof Error ? ` (${runError.message})` : ''}`);
}

main().catch(e => fail(e instanceof Error ? e.stack ?? e.message : String(e)));
