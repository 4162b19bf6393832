// The release build ships one WebAssembly module per page (src/ui/pages.rs): each route's static
// page starts its own module, the home page's first load does not download the lessons' or the
// tools' code, and a link to another page opens it (the browser loads it from the server, where
// its own module starts), with Back working across the two.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, open } from '../support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const CONTENT = path.join(here, '..', '..', 'content');
/** Each lesson's slug, from its markdown (the source the build renders). */
const SLUGS = fs.readdirSync(CONTENT).filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, ''));

/** The module each route must start (src/ui/pages.rs): its own; the not-found page is home's. */
const EXPECTED = {
  '/': 'home',
  '/no-such-page': 'home',
  '/playground': 'playground',
  '/compare': 'compare',
  '/python': 'python',
  '/stuck': 'stuck',
  '/claims': 'claims',
  ...Object.fromEntries(SLUGS.map((s) => [`/learn/${s}`, s.replace(/-/g, '_')])),
};

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** The module a page's HTML starts, from its loader's `data-wasm` (`page_<name>-<hash>_bg.wasm`). */
function moduleOf(html) {
  const wasm = html.match(/data-wasm="\/([^"]+)"/)?.[1] ?? '';
  return wasm.match(/^page_([a-z_]+)-[0-9a-f]+_bg\.wasm$/)?.[1] ?? `(not a page module: ${wasm})`;
}

/** Polls `check` in the page until it is true; a navigation in between is retried, not fatal. */
async function until(page, check, what, timeout = 60_000) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      if (await page.evaluate(check)) return;
    } catch { /* the document was being replaced */ }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The WebAssembly files this document downloaded. */
const wasmLoaded = () => performance.getEntriesByType('resource')
  .map((r) => new URL(r.name).pathname.slice(1)).filter((n) => n.endsWith('.wasm'));

test('each route\'s static page starts its own page\'s module', async () => {
  const wrong = [];
  for (const [route, want] of Object.entries(EXPECTED)) {
    const html = await (await fetch(env.url + route)).text();
    const got = moduleOf(html);
    if (got !== want) wrong.push(`${route}: starts ${got}, should start ${want}`);
    // The preload hint fetches the same module (with its own integrity value), not the whole app.
    const preload = html.match(/<link rel="preload" href="\/([^"]+\.wasm)"/)?.[1];
    if (preload !== html.match(/data-wasm="\/([^"]+)"/)?.[1]) wrong.push(`${route}: preloads ${preload}`);
  }
  assert.deepEqual(wrong, []);
});

test('the home page downloads its own module only, and it draws the page', async () => {
  const { page, problems } = await open(env, '/');
  await page.getByRole('heading', { name: 'Chapter 1: the concepts' }).waitFor();
  const wasm = await page.evaluate(wasmLoaded);
  assert.equal(wasm.length, 1, `one module, got ${wasm.join(', ')}`);
  assert.match(wasm[0], /^page_home-/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a link to another page opens it from the server with its own module, and Back returns', async () => {
  const { page, problems } = await open(env, '/');
  await page.evaluate(() => { window.sameDocument = true; });
  await page.locator('main a[href="/learn/gil"]').first().click();
  await until(page, () => location.pathname === '/learn/gil' && !document.getElementById('prerendered')
    && document.querySelector('main h1')?.textContent.includes('The GIL'), 'the GIL page to take over');
  assert.equal(await page.evaluate(() => window.sameDocument), undefined, 'a new document');
  assert.match((await page.evaluate(wasmLoaded)).join(','), /^page_gil-/);
  await page.evaluate(() => { window.sameDocument = true; });
  // The playground's own module draws it, ready for input.
  await page.locator('header nav a[href="/playground"]').click();
  await until(page, () => location.pathname === '/playground' && !document.getElementById('prerendered')
    && !!document.querySelector('main h1'), 'the playground to take over');
  assert.equal(await page.evaluate(() => window.sameDocument), undefined, 'a new document');
  const wasm = await page.evaluate(wasmLoaded);
  assert.ok(wasm.length === 1 && wasm[0].startsWith('page_playground-'), wasm.join(', '));
  await page.getByRole('button', { name: /^Run/ }).first().waitFor();
  // Back: the GIL page again, drawn by its own module.
  await page.evaluate(() => history.back());
  await until(page, () => location.pathname === '/learn/gil' && !document.getElementById('prerendered')
    && document.querySelector('main h1')?.textContent.includes('The GIL'), 'the GIL page after Back');
  assert.match((await page.evaluate(wasmLoaded)).join(','), /^page_gil-/);
  assert.deepEqual(problems, []);
  await page.close();
});
