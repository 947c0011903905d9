#!/usr/bin/env node
// Purpose: a stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }).
// No desktop VS Code can be downloaded on our offline machines, so this starts code-server (VS Code 1.100.3,
// provisioned by test/e2e/setup.sh) on 127.0.0.1 with no auth, loads the workbench in headless Debian chromium
// (playwright-core) with the `payload` URL parameter carrying extensionDevelopmentPath and extensionTestsPath,
// and exits with the code the workbench reports through window.codeAutomationExit (0 = the suite's run() resolved).
// It understands the command line runTests builds: --extensionDevelopmentPath=, --extensionTestsPath=,
// --user-data-dir=, --extensions-dir=, and the first positional argument as the folder to open.
// Env: CODE_SERVER_BIN (default <SHAPELENS_E2E_CACHE or ~/.cache/shapelens-e2e>/code-server/node_modules/.bin/code-server),
//      CHROMIUM (default /usr/bin/chromium), SHIM_TIMEOUT_MS (default 300000),
//      SHIM_SCREENSHOT (a PNG path: screenshot of the workbench when the run ends), SHIM_KEEP_LOGS=1.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const net = require('net');
const os = require('os');
const { chromium } = require('playwright-core');

const argv = process.argv.slice(2);
const opt = (n) => argv.filter((a) => a.startsWith(`--${n}=`)).map((a) => a.slice(n.length + 3));
const log = (m) => console.log(`[code-server-shim] ${m}`);
const die = (m) => { console.error(`[code-server-shim] ERROR: ${m}`); process.exit(1); };

const cache = process.env.SHAPELENS_E2E_CACHE || path.join(os.homedir(), '.cache', 'shapelens-e2e');
const codeServer = process.env.CODE_SERVER_BIN || path.join(cache, 'code-server', 'node_modules', '.bin', 'code-server');
const chromiumBin = process.env.CHROMIUM || '/usr/bin/chromium';
if (!fs.existsSync(codeServer)) die(`code-server not found at ${codeServer}: run "bash test/e2e/setup.sh" first (or set CODE_SERVER_BIN)`);
if (!fs.existsSync(chromiumBin)) die(`chromium not found at ${chromiumBin}: run "bash test/e2e/setup.sh" first (or set CHROMIUM)`);

const testsPath = opt('extensionTestsPath')[0] && path.resolve(opt('extensionTestsPath')[0]);
if (!testsPath) die('no --extensionTestsPath= given; this shim only runs extension tests');
const devPaths = opt('extensionDevelopmentPath').map((p) => path.resolve(p));
const positional = argv.filter((a) => !a.startsWith('-'));
const folder = positional[0] ? path.resolve(positional[0]) : undefined;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shapelens-shim-'));
const userData = opt('user-data-dir')[0] ? path.resolve(opt('user-data-dir')[0]) : path.join(tmp, 'user-data');
const extDir = opt('extensions-dir')[0] ? path.resolve(opt('extensions-dir')[0]) : path.join(tmp, 'extensions');
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.mkdirSync(extDir, { recursive: true });
const settingsFile = path.join(userData, 'User', 'settings.json');
if (!fs.existsSync(settingsFile)) {
  fs.writeFileSync(settingsFile, JSON.stringify({
    'telemetry.telemetryLevel': 'off', 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none',
    'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'update.mode': 'none', 'workbench.enableExperiments': false,
  }, null, 2));
}
// code-server and chromium write to ~/.config, ~/.local/share and ~/.cache: keep that inside this run.
const home = path.join(tmp, 'home');
const env = { ...process.env, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data'), XDG_CACHE_HOME: path.join(home, 'cache') };
// No extension gallery: code-server would otherwise look up open-vsx.org, which this machine cannot reach.
const serverEnv = { ...env, EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY || '{}' };

const freePort = () => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.on('error', reject);
  s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Workbench chatter that says nothing about the tests.
const NOISE = /Failed to load resource|^(Resolving|Resolved|Creating a socket|\[Service Worker\]|Updating additional|ChatSessionStore)|vsda|same-origin iframe|allow-scripts and allow-same-origin|Overwriting extension <<|Ignoring fetching additional builtin extensions|Long running operations|\[Extension Host\] \(node:\d+\)/;

(async () => {
  const started = Date.now();
  const port = await freePort();
  const cfg = path.join(tmp, 'config.yaml');
  fs.writeFileSync(cfg, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const serverLogFile = path.join(tmp, 'code-server.log');
  const serverLog = fs.createWriteStream(serverLogFile);
  const server = spawn(codeServer, ['--config', cfg, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', userData, '--extensions-dir', extDir],
  { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: serverEnv }); // own process group: killed as a whole below
  server.stdout.pipe(serverLog);
  server.stderr.pipe(serverLog);
  let code = 1;
  let ctx;
  try {
    for (let i = 0; ; i++) {
      try { const r = await fetch(`http://127.0.0.1:${port}/healthz`); if (r.ok) break; } catch { /* not up yet */ }
      if (server.exitCode !== null) throw new Error(`code-server exited with code ${server.exitCode}`);
      if (i > 300) throw new Error('code-server did not answer /healthz within 30 s');
      await sleep(100);
    }
    log(`code-server up on 127.0.0.1:${port} after ${Date.now() - started} ms`);
    ctx = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
      executablePath: chromiumBin, headless: true, viewport: { width: 1400, height: 900 }, env,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    const page = ctx.pages()[0] || (await ctx.newPage());
    let done;
    const exited = new Promise((r) => (done = r));
    await page.exposeFunction('codeAutomationLog', () => {});
    await page.exposeFunction('codeAutomationExit', (c) => done(c));
    // The extension host's console output reaches the browser console: forward it.
    page.on('console', (m) => {
      const t = m.text().replace(/^%c\s*\w+\s+color: #\w+\s/, '');
      if (!NOISE.test(t)) console.log(t);
    });
    page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [...devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
      ['extensionTestsPath', remote(testsPath)], ['skipWelcome', 'true']];
    const q = (folder ? `folder=${encodeURIComponent(folder)}&` : '') + `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(`http://127.0.0.1:${port}/?${q}`);
    const timeoutMs = Number(process.env.SHIM_TIMEOUT_MS || 300000);
    code = await Promise.race([exited, sleep(timeoutMs).then(() => 'timeout')]);
    if (process.env.SHIM_SCREENSHOT) await page.screenshot({ path: process.env.SHIM_SCREENSHOT }).catch(() => {});
    if (code === 'timeout') { console.error(`[code-server-shim] timed out after ${timeoutMs} ms waiting for the tests to finish`); code = 1; }
    log(`tests finished with code ${code} after ${Date.now() - started} ms`);
  } catch (e) {
    console.error(`[code-server-shim] ERROR: ${e && e.message}`);
    code = 1;
  } finally {
    if (ctx) await ctx.close().catch(() => {});
    // Signalling only the launcher leaves code-server's fileWatcher/extension host behind: kill the group.
    const gone = new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
    await Promise.race([gone, sleep(3000)]);
    await sleep(300);
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
    serverLog.end();
    if (code !== 0) {
      try {
        const lines = fs.readFileSync(serverLogFile, 'utf8').trimEnd().split('\n').slice(-25);
        console.error(`[code-server-shim] last lines of the code-server log:\n${lines.join('\n')}`);
      } catch { /* no log */ }
    }
    if (process.env.SHIM_KEEP_LOGS === '1') log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(typeof code === 'number' ? code : 1);
})();
