// Browser test of samples/web: a real headless Chromium (Debian's /usr/bin/chromium) drives the page.
// Usage: node e2e.mjs --url http://127.0.0.1:PORT --prompts path/to/prompts.jsonl --out dir
// Prints "web-e2e: N passed, M failed" and exits non-zero when a check failed.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const base = args.url || 'http://127.0.0.1:8080';
const out = args.out || 'target';
const promptId = process.env.E2E_PROMPT_ID || 'todo';
const expectAgents = process.env.E2E_EXPECT_AGENTS ? Number(process.env.E2E_EXPECT_AGENTS) : null;
const timeoutMs = Number(process.env.E2E_TIMEOUT_MS || 120000);
mkdirSync(out, { recursive: true });

const prompts = readFileSync(args.prompts, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const shared = prompts.find((p) => p.id === promptId) || prompts[0];

const results = [];
async function check(name, fn) {
  const t0 = Date.now();
  try {
    const detail = await fn();
    results.push({ name, ok: true });
    console.log(`PASS ${name} (${Date.now() - t0} ms)${detail ? ': ' + detail : ''}`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${e && e.message ? e.message : e}`);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const offMachine = [];
const consoleErrors = [];
page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) offMachine.push(r.url()); });
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
page.on('pageerror', (e) => consoleErrors.push(String(e)));
let agents = [];

try {
  await check('page loads with a labelled prompt box and a live progress region', async () => {
    const res = await page.goto(base + '/', { waitUntil: 'load' });
    if (!res.ok()) throw new Error('GET / returned ' + res.status());
    const label = await page.locator('label[for="prompt"]').textContent();
    if (!label || !label.trim()) throw new Error('the prompt box has no label');
    if (await page.getByLabel(label.trim()).count() !== 1) throw new Error('label does not name the textarea');
    if (await page.locator('[aria-live="polite"]').count() < 1) throw new Error('no aria-live region for progress');
    return `label "${label.trim()}"`;
  });

  await check(`prompt "${shared.id}": every agent reaches done over SSE`, async () => {
    await page.getByLabel('Describe the app you want').fill(shared.prompt);
    await page.getByRole('button', { name: 'Generate' }).click();
    // the list is rendered from the RunStarted event: that is the expected set of agents
    await page.locator('#agents li[data-agent]').first().waitFor({ timeout: 30000 });
    agents = await page.locator('#agents li[data-agent]').evaluateAll((els) => els.map((e) => e.dataset.agent));
    if (expectAgents !== null && agents.length !== expectAgents) {
      throw new Error(`RunStarted listed ${agents.length} agents (${agents.join(', ')}), expected ${expectAgents}`);
    }
    await page.waitForFunction(() => document.getElementById('run-status').dataset.status, null, { timeout: timeoutMs });
    const status = await page.locator('#run-status').getAttribute('data-status');
    const states = await page.locator('#agents li[data-agent]').evaluateAll((els) => els.map((e) => e.dataset.agent + '=' + e.dataset.status));
    if (status !== 'succeeded') throw new Error(`run ${status}: ${await page.locator('#run-status').textContent()} [${states.join(', ')}]`);
    const notDone = states.filter((s) => !s.endsWith('=done'));
    if (notDone.length) throw new Error('not done: ' + notDone.join(', '));
    return `${agents.length} agents done: ${agents.join(', ')}`;
  });

  await check('a generated file opens in the highlighted preview', async () => {
    await page.locator('#files').waitFor({ state: 'visible', timeout: 15000 });
    const candidates = ['backend/app/main.py', 'app-spec.json'];
    let opened = null;
    for (const path of candidates) {
      const button = page.locator(`#tree button.file[data-path="${path}"]`);
      if (await button.count()) {
        // open the folders on the way, as a person would
        let scope = page.locator('#tree');
        for (const dir of path.split('/').slice(0, -1)) {
          const folder = scope.locator('details').filter({ has: page.locator('summary', { hasText: new RegExp('^' + dir + '/$') }) }).first();
          if ((await folder.getAttribute('open')) === null) await folder.locator('summary').first().click();
          scope = folder;
        }
        await button.click();
        opened = path;
        break;
      }
    }
    if (!opened) {
      opened = await page.locator('#tree button.file').first().getAttribute('data-path');
      await page.locator('#tree button.file').first().click();
    }
    await page.waitForFunction((p) => document.getElementById('preview-path').textContent === p
      && document.getElementById('preview-code').textContent.length > 0
      && document.getElementById('preview-code').textContent !== 'Loading…', opened, { timeout: 15000 });
    const tokens = await page.locator('#preview-code span[class^="tok-"]').count();
    if (tokens === 0) throw new Error(`no highlighted tokens in ${opened}`);
    if ((await page.locator(`#tree button.file[data-path="${opened}"]`).getAttribute('aria-current')) !== 'true') {
      throw new Error('the opened file is not marked aria-current');
    }
    await page.screenshot({ path: join(out, 'web-e2e.png'), fullPage: true });
    return `${opened}, ${tokens} highlighted tokens; screenshot ${join(out, 'web-e2e.png')}`;
  });

  await check('the zip downloads and unpacks to app-spec.json, backend/, frontend/, docs/', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.locator('#download').click()]);
    const file = join(out, 'web-e2e-' + download.suggestedFilename());
    await download.saveAs(file);
    const entries = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').filter(Boolean);
    const missing = ['app-spec.json', 'backend/', 'frontend/', 'docs/']
      .filter((want) => !entries.some((e) => (want.endsWith('/') ? e.startsWith(want) : e === want)));
    if (missing.length) throw new Error('missing in zip: ' + missing.join(', ') + ' (has ' + entries.length + ' entries)');
    const dir = join(out, 'web-e2e-unzipped');
    execFileSync('rm', ['-rf', dir]);
    execFileSync('unzip', ['-q', file, '-d', dir]);
    return `${download.suggestedFilename()}: ${entries.length} files`;
  });

  await check('nothing was fetched off this origin and the page logged no errors', async () => {
    if (offMachine.length) throw new Error('requests off the origin: ' + offMachine.slice(0, 5).join(', '));
    if (consoleErrors.length) throw new Error('console errors: ' + consoleErrors.slice(0, 5).join(' | '));
  });
} finally {
  await browser.close();
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`web-e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
