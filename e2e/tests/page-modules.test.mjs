// The release build ships one WebAssembly module per group of pages (src/ui/pages.rs): each
// route's static page starts its own group's module, the tour's first load does not download the
// later chapters' or the tools' code, and a link to a page of another group opens that page (the
// browser loads it from the server), with Back working across the two.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, open } from '../support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const CONTENT = path.join(here, '..', '..', 'content');
/** Each lesson's slug and chapter, from its markdown (the source the build renders). */
const LESSONS = fs.readdirSync(CONTENT).filter((f) => f.endsWith('.md')).map((f) => ({
  slug: f.replace(/\.md$/, ''),
  chapter: Number(fs.readFileSync(path.join(CONTENT, f), 'utf8').match(/^chapter:\s*(\d+)/m)?.[1] ?? 1),
}));

/** The module each route must start: the groups src/ui/pages.rs declares. */
const EXPECTED = {
  '/': 'tour',
  '/no-such-page': 'tour',
  '/playground': 'playground',
  '/compare': 'compare',
  '/python': 'python',
  '/stuck': 'stuck',
  '/claims': 'chapters',
  ...Object.fromEntries(LESSONS.map((l) => [`/learn/${l.slug}`, l.chapter === 1 ? 'tour' : 'chapters'])),
};

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** The module a page's HTML starts, from its loader's `data-wasm` (`page-<name>-<hash>_bg.wasm`). */
function moduleOf(html) {
  const wasm = html.match(/data-wasm="\/([^"]+)"/)?.[1] ?? '';
  return wasm.match(/^page-([a-z]+)-[0-9a-f]+_bg\.wasm$/)?.[1] ?? `(not a page module: ${wasm})`;
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

test('each route\'s static page starts the module of its own group of pages', async () => {
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

test('the home page downloads the tour\'s module only, and it draws the page', async () => {
  const { page, problems } = await open(env, '/');
  await page.getByRole('heading', { name: 'Chapter 1: the concepts' }).waitFor();
  const wasm = await page.evaluate(wasmLoaded);
  assert.equal(wasm.length, 1, `one module, got ${wasm.join(', ')}`);
  assert.match(wasm[0], /^page-tour-/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a link to another group\'s page opens it from the server, a link inside the group does not, and Back returns', async () => {
  const { page, problems } = await open(env, '/');
  // Inside the tour's module the router moves without loading a document: a mark set on this
  // document survives the move.
  await page.evaluate(() => { window.sameDocument = true; });
  await page.locator('main a[href="/learn/gil"]').first().click();
  await page.getByRole('heading', { name: 'The GIL', level: 1 }).waitFor();
  assert.equal(await page.evaluate(() => window.sameDocument), true, 'a chapter-1 page is drawn by the same module');
  // The playground is another module's page: the browser loads it, and the playground's own
  // module draws it, ready for input.
  await page.locator('header nav a[href="/playground"]').click();
  await until(page, () => location.pathname === '/playground' && !document.getElementById('prerendered')
    && !!document.querySelector('main h1'), 'the playground to take over');
  assert.equal(await page.evaluate(() => window.sameDocument), undefined, 'a new document');
  const wasm = await page.evaluate(wasmLoaded);
  assert.ok(wasm.length === 1 && wasm[0].startsWith('page-playground-'), wasm.join(', '));
  await page.getByRole('button', { name: /^Run/ }).first().waitFor();
  // Back: the GIL page again, drawn by the tour's module.
  await page.evaluate(() => history.back());
  await until(page, () => location.pathname === '/learn/gil' && !document.getElementById('prerendered')
    && document.querySelector('main h1')?.textContent.includes('The GIL'), 'the GIL page after Back');
  assert.match((await page.evaluate(wasmLoaded)).join(','), /page-tour-/);
  assert.deepEqual(problems, []);
  await page.close();
});
