// Security: the Content-Security-Policy forbids inline scripts and every origin but ours, and the
// app (page and workers) still runs under it; after load it talks to nobody else; text a reader
// types is shown as text, never parsed as HTML.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { start, open, openFresh, DIST } from '../support.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Records every CSP violation the page reports, from before the app's first script runs. */
async function watchCsp(page) {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

test('the built page carries a CSP with no inline script and no inline script tag', () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(csp, 'a CSP meta tag');
  const script = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
  assert.equal(script, "script-src 'self' 'wasm-unsafe-eval'");
  assert.match(csp, /default-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline'[^;]*;?\s*(script|default)/);
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.ok(scripts.length >= 1);
  for (const [, attrs, body] of scripts) {
    assert.match(attrs, /\bsrc=/, 'every script is a file');
    assert.equal(body.trim(), '', 'and has no inline code');
  }
});

test('under the CSP the app runs, its workers run, and it asks no other origin for anything', async () => {
  const { page, problems } = await open(env, '/worker_loader.js');
  await watchCsp(page);
  const foreign = [];
  const requests = [];
  page.on('request', (r) => {
    requests.push(r.url());
    if (!r.url().startsWith(env.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url());
  });
  // Every page loads under the policy.
  for (const route of ['/', '/learn/nonblocking', '/compare', '/python', '/playground']) {
    await page.goto(env.url + route);
    await page.locator('main h1').first().waitFor();
  }
  problems.length = 0;
  // The event loop and the workers both run: a parallel run of the CPU preset on 2 workers.
  await page.getByLabel('Preset').selectOption('cpu-loop');
  await page.getByLabel(/^Parallel/).check();
  await page.getByLabel(/^Workers/).fill('2');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByTestId('run-status').filter({ hasText: /^Done/ }).waitFor({ timeout: 60_000 });
  const lines = await page.getByRole('list', { name: 'Event log' }).getByRole('listitem').allTextContents();
  assert.ok(lines.filter((l) => l.includes('finished')).length >= 2, lines.join('\n'));
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no CSP violation');
  assert.deepEqual(problems, []);
  // The policy is really in force: an inline script added now is refused.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.append(s);
    return window.__inline === 1;
  });
  assert.equal(ran, false, 'an inline script is blocked');
  assert.match((await page.evaluate(() => window.__csp)).join('\n'), /script-src/);
  assert.deepEqual(foreign, [], 'no request to another origin');
  assert.ok(requests.some((u) => /worker_loader\.js$/.test(u)), 'the workers loaded from our origin');
  await page.close();
});

test('CPython runs in its worker under the page\'s policy, sent as the worker\'s own header, all from our origin', async () => {
  const { page, problems } = await open(env, '/worker_loader.js');
  await watchCsp(page);
  const foreign = [];
  let workerCsp = null;
  page.on('request', (r) => {
    if (!r.url().startsWith(env.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url());
  });
  page.on('response', (r) => {
    if (new URL(r.url()).pathname === '/python-worker.js') workerCsp = r.headers()['content-security-policy'];
  });
  await page.goto(env.url + '/python');
  problems.length = 0;
  const card = page.getByTestId('py-2_5');
  await card.getByTestId('py-run').click();
  await card.getByTestId('py-done').waitFor({ timeout: 180_000 });
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const pageCsp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.equal(workerCsp, pageCsp, 'the worker\'s response carries the page\'s policy');
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no CSP violation');
  assert.deepEqual(foreign, [], 'no request to another origin');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a task name with markup is shown as text in the editor, the log and the timeline', async () => {
  const { page, problems } = await openFresh(env, '/playground', 'Event-loop playground');
  await watchCsp(page);
  const evil = '<img src=x onerror=alert(1)>';
  await page.getByLabel('Preset').selectOption({ label: 'Three 200 ms waits' });
  await page.getByLabel('Name of task 1', { exact: true }).fill(evil);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByTestId('run-status').filter({ hasText: /^Done/ }).waitFor({ timeout: 30_000 });
  const lines = await page.getByRole('list', { name: 'Event log' }).getByRole('listitem').allTextContents();
  assert.ok(lines.some((l) => l.includes(evil)), lines.join('\n'));
  // The editor keeps it as the field's text; the timeline shows it as the row's label text.
  assert.equal(await page.getByLabel('Name of task 1', { exact: true }).inputValue(), evil);
  const timeline = page.getByRole('figure', { name: 'Timeline of the run' });
  // The row label is the name cut to 14 characters and "…".
  const labels = await timeline.locator('svg text.lane-label').allTextContents();
  assert.ok(labels.includes(`${evil.slice(0, 14)}…`), `timeline labels: ${labels.join(' | ')}`);
  assert.equal(await page.locator('main img').count(), 0, 'no element was made from the name');
  assert.equal(await timeline.locator('svg image, svg foreignObject').count(), 0, 'nor an SVG element');
  assert.deepEqual(problems, []);
  await page.close();
});

// Firefox: playwright-core cannot drive Debian's Firefox, so this talks WebDriver to geckodriver.

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A small WebDriver client: `cmd(method, path, body)` on one Firefox session. */
async function firefoxSession() {
  const port = await freePort();
  const driver = spawn(process.env.GECKODRIVER ?? 'geckodriver', ['--port', String(port), '--host', '127.0.0.1'], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, p, body) => {
    const res = await fetch(base + p, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${p}: ${JSON.stringify(json.value).slice(0, 300)}`);
    return json.value;
  };
  for (let i = 0; ; i++) {
    try { await call('GET', '/status'); break; } catch (e) {
      if (i > 100) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const { sessionId } = await call('POST', '/session', {
    capabilities: { alwaysMatch: { browserName: 'firefox', 'moz:firefoxOptions': { args: ['-headless'] } } },
  });
  const s = `/session/${sessionId}`;
  return {
    go: (url) => call('POST', `${s}/url`, { url }),
    run: (script, args = []) => call('POST', `${s}/execute/sync`, { script, args }),
    /** Polls `script` until it returns something truthy. */
    async until(script, what, ms = 60_000) {
      const end = Date.now() + ms;
      for (;;) {
        const v = await call('POST', `${s}/execute/sync`, { script, args: [] });
        if (v) return v;
        if (Date.now() > end) throw new Error(`Firefox: timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async close() {
      await call('DELETE', s).catch(() => {});
      driver.kill();
    },
  };
}

test('in Firefox the app and its worker run under the CSP, and inline scripts are refused', async () => {
  // scripts/setup.sh installs firefox-esr and geckodriver (GECKODRIVER names it).
  const ff = await firefoxSession();
  try {
    await ff.go(`${env.url}/playground`);
    // The build's static page has the same heading: wait for the app to have replaced it.
    await ff.until("return !document.getElementById('prerendered') && document.querySelector('main h1')?.textContent === 'Event-loop playground'", 'the playground');
    // The worker path: open the check, ask a worker, compare with the page's checksum.
    await ff.run(`
      const d = [...document.querySelectorAll('details')].find((x) => x.textContent.includes('Check the Web Worker path'));
      d.open = true;`);
    await ff.until("return [...document.querySelectorAll('button')].some((b) => b.textContent === 'Ask the worker for a checksum')", 'the worker button');
    await ff.run("[...document.querySelectorAll('button')].find((b) => b.textContent === 'Ask the worker for a checksum').click()");
    const verdict = await ff.until("return document.querySelector('[data-testid=checksum-verdict]')?.textContent", 'the worker', 60_000);
    assert.equal(verdict, 'match ✓');
    const inline = await ff.run(`
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
      return window.__inline === 1;`);
    assert.equal(inline, false, 'an inline script is blocked');
  } finally {
    await ff.close();
  }
});
