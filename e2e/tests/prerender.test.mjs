// The build's static pages (src/bin/prerender.rs): every route's main heading is in the HTML the
// server sends, so it paints before the wasm arrives; a reader with JavaScript off reads every
// lesson's text; and when the app takes over, the page does not shift (CLS ≤ 0.05).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, open, staticOnly, BROWSER } from '../support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const CONTENT = path.join(here, '..', '..', 'content');
/** Each lesson's slug and title, from its markdown (the source the build renders). */
const LESSONS = fs.readdirSync(CONTENT).filter((f) => f.endsWith('.md')).map((f) => ({
  slug: f.replace(/\.md$/, ''),
  title: fs.readFileSync(path.join(CONTENT, f), 'utf8').match(/^title:\s*(.+)$/m)[1].trim(),
}));
const ROUTES = ['/', '/playground', '/compare', '/python', '/stuck', '/claims', ...LESSONS.map((l) => `/learn/${l.slug}`)];

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** The text of the first <h1> in an HTML string, tags dropped and entities of text decoded. */
function firstH1(html) {
  const m = html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/);
  if (!m) return null;
  return m[1].replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim();
}

/** The app's own main heading once it has taken over (support.mjs waits for that on goto). */
async function appHeading(route) {
  const { page, problems } = await open(env, route);
  const h1 = (await page.locator('main h1').first().textContent()).replace(/\s+/g, ' ').trim();
  await page.close();
  assert.deepEqual(problems, [], route);
  return h1;
}

test('every route\'s main heading is in the HTML the server sends', async () => {
  for (const route of ROUTES) {
    const res = await fetch(env.url + route);
    assert.equal(res.status, 200, route);
    const html = await res.text();
    const sent = firstH1(html);
    assert.ok(sent, `${route}: the served HTML has no <h1> (was it prerendered? see the build's prerender lines)`);
    assert.equal(sent, await appHeading(route), `${route}: the static heading is the app's heading`);
    // The document title names the page (the tour map keeps the site's name).
    const title = html.match(/<title>([^<]*)<\/title>/)[1];
    assert.ok(route === '/' ? title === 'Async Playground' : title.startsWith(`${sent} · `), `${route}: title “${title}”`);
  }
  for (const l of LESSONS) {
    const sent = firstH1(await (await fetch(`${env.url}/learn/${l.slug}`)).text());
    assert.equal(sent, l.title, `/learn/${l.slug}: the heading is the lesson's title`);
  }
});

test('an unknown address gets the not-found page with status 404, and the app agrees', async () => {
  const res = await fetch(`${env.url}/no/such/page`);
  assert.equal(res.status, 404);
  const sent = firstH1(await res.text());
  assert.ok(sent, 'the not-found page is prerendered');
  assert.equal(sent, await appHeading('/no/such/page'));
});

// Scripts are switched off through Chromium's DevTools protocol (Emulation.setScriptExecutionDisabled):
// WebDriver has no such command, and Firefox reports no layout-shift entries.
const CHROMIUM_ONLY = BROWSER === 'firefox' && 'needs Chromium: scripts are switched off through the DevTools protocol, and layout-shift entries are Chromium\'s';

test('with JavaScript off, every lesson\'s text is there to read', { skip: CHROMIUM_ONLY }, async () => {
  for (const l of LESSONS) {
    const route = `/learn/${l.slug}`;
    // The app's lesson text, after it has taken over.
    const { page } = await open(env, route);
    const live = await page.locator('.lesson-text').first().innerText();
    await page.close();
    assert.ok(live.length > 200, `${route}: the app shows the lesson text (${live.length} characters)`);
    // The same page with scripts disabled: the served HTML alone.
    const off = await env.context.newPage();
    staticOnly.add(off);
    const cdp = await env.context.newCDPSession(off);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await off.goto(env.url + route);
    assert.equal(await off.locator('#prerendered').count(), 1, `${route}: the app did not start (scripts are off)`);
    const still = await off.locator('.lesson-text').first();
    assert.equal(await still.isVisible(), true, `${route}: the lesson text is visible without JavaScript`);
    assert.equal(await still.innerText(), live, `${route}: the same text as the app's`);
    await off.close();
  }
});

/** Where the page's heading and first paragraph sit (px from the top of the document). */
const places = (page) => page.evaluate(() => {
  const top = (el) => (el ? Math.round(el.getBoundingClientRect().top + scrollY) : null);
  return { h1: top(document.querySelector('main h1')), p: top(document.querySelector('main p')) };
});

test('the app takes over without a layout shift (CLS ≤ 0.05) on every route', { skip: CHROMIUM_ONLY }, async () => {
  for (const route of ROUTES) {
    // The static page alone (scripts off): where its heading and first paragraph are.
    const off = await env.context.newPage();
    staticOnly.add(off);
    await (await env.context.newCDPSession(off)).send('Emulation.setScriptExecutionDisabled', { value: true });
    await off.goto(env.url + route);
    const before = await places(off);
    await off.close();
    const { page, problems } = await open(env, route);
    // The app draws new nodes in place of the static ones, which layout-shift entries do not
    // compare: the heading and the text must stay where the static page put them.
    assert.deepEqual(await places(page), before, `${route}: the heading and first paragraph keep their place`);
    // Every layout shift since navigation (buffered), once two frames have painted the app.
    const cls = await page.evaluate(() => new Promise((resolve) => {
      requestAnimationFrame(() => requestAnimationFrame(() => {
        let sum = 0;
        const shifts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (!e.hadRecentInput) { sum += e.value; shifts.push(e.value); }
          }
        }).observe({ type: 'layout-shift', buffered: true });
        // Buffered entries are delivered in the observer's first callback, or not at all.
        setTimeout(() => resolve({ sum, shifts }), 100);
      }));
    }));
    assert.ok(cls.sum <= 0.05, `${route}: cumulative layout shift ${cls.sum.toFixed(4)} (${cls.shifts.map((s) => s.toFixed(4)).join(', ')})`);
    assert.deepEqual(problems, [], route);
    await page.close();
  }
});
