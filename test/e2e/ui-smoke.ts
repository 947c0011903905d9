// Purpose: UI smoke test of the PACKAGED extension, as a person sees it (`node out/test/e2e/ui-smoke.js`).
// Installs the .vsix into a fresh code-server (VS Code 1.100.3, from test/e2e/setup.sh), serves it on
// 127.0.0.1 (free port, no auth), drives headless Debian chromium with playwright-core, opens
// test/e2e/workspace/mnist.py and checks that: an inlay hint and the model's code lens are rendered in the
// editor, hovering a Conv2D shows its kernel layout, and the Problems panel lists the shape error.
// Screenshots go to test-output/screenshots/ (git-ignored). Exit 1 (with a failure screenshot) on any failure.
// Env: SHAPELENS_E2E_VSIX (default <repo>/<name>-<version>.vsix), CODE_SERVER_BIN, CHROMIUM, SHAPELENS_E2E_CACHE,
//      SHAPELENS_E2E_SCREENSHOTS (default <repo>/test-output/screenshots).

import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, BrowserContext, Page } from 'playwright-core';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const workspace = path.join(repoRoot, 'test', 'e2e', 'workspace');
const FILE = 'mnist.py';
const HINT = '→ (None, 26, 26, 32)';
const LENS = '7 layers · 34,826 params · Show summary';
const HOVER_WORD = 'Conv2D';
const HOVER_TEXTS = ['kernel', '(3, 3, 1, 32)'];
const PROBLEM = "Model 'sequential' expects input (None, 28, 28, 1) but is called on (None, 28, 28, 3).";
const STEP_TIMEOUT_MS = 60_000;

const t0 = Date.now();
const log = (m: string) => console.log(`[ui-smoke ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

function fail(message: string): never {
  console.error(`\n[ui-smoke] ********** FAILED: ${message}`);
  process.exit(1);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** The packaged extension: $SHAPELENS_E2E_VSIX, else the newer of <name>-<version>.vsix and <name>.vsix at the repo root. */
function vsixPath(): string {
  if (process.env.SHAPELENS_E2E_VSIX) return path.resolve(process.env.SHAPELENS_E2E_VSIX);
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  const candidates = [`${pkg.name}-${pkg.version}.vsix`, `${pkg.name}.vsix`].map(f => path.join(repoRoot, f)).filter(f => fs.existsSync(f));
  candidates.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  return candidates[0] ?? path.join(repoRoot, `${pkg.name}-${pkg.version}.vsix`);
}

/** Centre of the first occurrence of `word` in the editor's rendered text (token spans can be coarse). */
async function wordCentre(page: Page, word: string): Promise<{ x: number; y: number } | undefined> {
  return page.evaluate((w: string) => {
    // Runs in the browser; the root tsconfig has no DOM lib, hence the loose typing.
    const doc = (globalThis as any).document;
    const walker = doc.createTreeWalker(doc.querySelector('.monaco-editor .view-lines'), 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = (n.textContent as string).indexOf(w);
      if (i < 0) continue;
      const r = doc.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + w.length);
      const b = r.getBoundingClientRect();
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    }
    return undefined;
  }, word);
}

async function main(): Promise<void> {
  const cache = process.env.SHAPELENS_E2E_CACHE || path.join(os.homedir(), '.cache', 'shapelens-e2e');
  const codeServer = process.env.CODE_SERVER_BIN || path.join(cache, 'code-server', 'node_modules', '.bin', 'code-server');
  const chromiumBin = process.env.CHROMIUM || '/usr/bin/chromium';
  const shots = path.resolve(process.env.SHAPELENS_E2E_SCREENSHOTS || path.join(repoRoot, 'test-output', 'screenshots'));
  const vsix = vsixPath();
  if (!fs.existsSync(codeServer)) fail(`code-server not found at ${codeServer}: run "bash test/e2e/setup.sh" first`);
  if (!fs.existsSync(chromiumBin)) fail(`chromium not found at ${chromiumBin}: run "bash test/e2e/setup.sh" first`);
  if (!fs.existsSync(vsix)) fail(`no packaged extension at ${vsix}: run "npm run package" first`);
  fs.mkdirSync(shots, { recursive: true });
  fs.rmSync(path.join(shots, 'failure.png'), { force: true });

  const run = fs.mkdtempSync(path.join(os.tmpdir(), 'shapelens-ui-'));
  const userData = path.join(run, 'user-data');
  const extensions = path.join(run, 'extensions');
  const home = path.join(run, 'home');
  // code-server and chromium write under ~/.config, ~/.local/share, ~/.cache: keep that inside this run.
  const env = {
    ...process.env, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_DATA_HOME: path.join(home, 'data'), XDG_CACHE_HOME: path.join(home, 'cache'),
  };
  const serverEnv = { ...env, EXTENSIONS_GALLERY: '{}' }; // no gallery: nothing tries to reach open-vsx.org
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'telemetry.telemetryLevel': 'off', 'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none',
    'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'update.mode': 'none',
    'workbench.enableExperiments': false, 'workbench.tips.enabled': false, 'editor.inlayHints.enabled': 'on',
    'editor.hover.delay': 100, 'editor.minimap.enabled': false, 'git.enabled': false, 'git.openRepositoryInParentFolders': 'never',
    'workbench.secondarySideBar.defaultVisibility': 'hidden', 'chat.commandCenter.enabled': false,
  }, null, 2));

  let server: ChildProcess | undefined;
  let ctx: BrowserContext | undefined;
  let page: Page | undefined;
  let failure: string | undefined;
  try {
    log(`installing ${path.relative(repoRoot, vsix)} into a fresh code-server profile`);
    const install = spawnSync(codeServer, ['--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix],
      { env: serverEnv, encoding: 'utf8', timeout: 120_000 });
    const installOut = `${install.stdout ?? ''}${install.stderr ?? ''}`.trim();
    if (install.status !== 0 || !/successfully installed/i.test(installOut)) throw new Error(`--install-extension failed (exit ${install.status}): ${installOut}`);
    log(installOut.split('\n').filter(l => /installed/i.test(l)).join(' ') || 'installed');

    const port = await freePort();
    const cfg = path.join(run, 'config.yaml');
    fs.writeFileSync(cfg, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const serverLog = fs.openSync(path.join(run, 'code-server.log'), 'w');
    server = spawn(codeServer, ['--config', cfg, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
      '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      '--user-data-dir', userData, '--extensions-dir', extensions],
    { stdio: ['ignore', serverLog, serverLog], detached: true, env: serverEnv }); // own process group, killed as one
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
      } catch { /* not up yet */ }
      if (server.exitCode !== null) throw new Error(`code-server exited with code ${server.exitCode}`);
      if (i > 300) throw new Error('code-server did not answer /healthz within 30 s');
      await sleep(100);
    }
    log(`code-server up on 127.0.0.1:${port}`);

    ctx = await chromium.launchPersistentContext(path.join(run, 'chromium-profile'), {
      executablePath: chromiumBin, headless: true, viewport: { width: 1100, height: 640 }, env,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    ctx.setDefaultTimeout(STEP_TIMEOUT_MS);
    page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench');
    log('workbench loaded');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).first().click();
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines').waitFor();
    log(`${FILE} open`);
    // Hide the side bar: the screenshots show the editor area only.
    await page.keyboard.press('Control+B');
    const editorPart = page.locator('.part.editor').first();

    // 1. Inlay hint: real text inside the editor's view lines.
    await editor.locator('.view-lines', { hasText: HINT }).waitFor();
    const lines = (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' '); // editor text uses NBSPs
    const hintLine = lines.split('\n').find(l => l.includes(HINT));
    if (!hintLine || !hintLine.includes('layers.Conv2D(32')) throw new Error(`the hint ${HINT} is not on the Conv2D(32) line: ${JSON.stringify(hintLine)}`);
    await editor.locator('.codelens-decoration', { hasText: LENS }).first().waitFor();
    log(`inlay hint visible: ${JSON.stringify(hintLine.trim())}; code lens "${LENS}" visible`);
    await editorPart.screenshot({ path: path.join(shots, '01-inlay-hint.png') });

    // 2. Hover on the class name of the first Conv2D.
    const pt = await wordCentre(page, HOVER_WORD);
    if (!pt) throw new Error(`${HOVER_WORD} not found in the editor`);
    await page.mouse.move(pt.x - 3, pt.y);
    await page.mouse.move(pt.x, pt.y);
    let hover = page.locator('.monaco-hover');
    for (const t of HOVER_TEXTS) hover = hover.filter({ hasText: t });
    await hover.first().waitFor();
    await sleep(400); // the hover fades in; screenshot it when opaque
    const hoverText = (await hover.first().innerText()).replace(/[\s\u00a0]+/g, ' ').trim();
    log(`hover visible: ${JSON.stringify(hoverText.slice(0, 160))}`);
    await editorPart.screenshot({ path: path.join(shots, '02-hover.png') });

    // 3. Problems panel lists the shape error.
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.locator('#status\\.problems').click();
    const problems = page.locator('.markers-panel', { hasText: PROBLEM });
    await problems.first().waitFor();
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: PROBLEM }).first();
    const rowText = (await row.innerText()).replace(/[\s\u00a0]+/g, ' ').trim();
    if (!rowText.includes('shapelens') || !rowText.includes('incompatible-input')) throw new Error(`the Problems row lacks source/code: ${rowText}`);
    log(`problem listed: ${JSON.stringify(rowText)}`);
    // Open the problem: the editor reveals the squiggled call, with the panel below it.
    await row.click();
    await editor.locator('.view-lines', { hasText: 'predictions = model(rgb_images)' }).waitFor();
    await editor.locator('.squiggly-error').first().waitFor();
    const top = await editorPart.boundingBox();
    const panel = await page.locator('.part.panel').first().boundingBox();
    if (!top || !panel) throw new Error('editor or panel not laid out');
    await page.screenshot({ path: path.join(shots, '03-problems.png'), clip: { x: top.x, y: top.y, width: top.width, height: panel.y + panel.height - top.y } });
  } catch (e) {
    failure = e instanceof Error ? e.message : String(e);
    if (page) await page.screenshot({ path: path.join(shots, 'failure.png') }).catch(() => undefined);
  } finally {
    if (ctx) await ctx.close().catch(() => undefined);
    if (server?.pid !== undefined && server.exitCode === null) {
      const gone = new Promise(resolve => server!.once('exit', resolve));
      try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ }
      await Promise.race([gone, sleep(3000)]);
      try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
    }
    if (failure) {
      try {
        const tail = fs.readFileSync(path.join(run, 'code-server.log'), 'utf8').trimEnd().split('\n').slice(-20).join('\n');
        console.error(`[ui-smoke] last lines of the code-server log:\n${tail}`);
      } catch { /* no log */ }
    }
    fs.rmSync(run, { recursive: true, force: true });
  }
  if (failure) fail(`${failure} (screenshot: ${path.join(shots, 'failure.png')})`);
  log(`screenshots in ${path.relative(repoRoot, shots) || shots}`);
  console.log('ui-smoke: 3 passed, 0 failed');
}

main().catch(e => fail(e instanceof Error ? e.stack ?? e.message : String(e)));
