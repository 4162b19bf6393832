// Shared helpers for the e2e tests: a served build, a real browser, and a console watcher.
// The browser is Debian's Chromium through playwright-core, or with E2E_BROWSER=firefox Debian's
// Firefox ESR through WebDriver (webdriver.mjs gives it the same page API).
import { chromium } from 'playwright-core';
import { launchFirefox } from './webdriver.mjs';
import { serve } from './serve.mjs';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST = process.env.DIST ?? path.join(here, '..', 'dist');

/** Which browser the suite drives: `chromium` (the default) or `firefox`. */
export const BROWSER = process.env.E2E_BROWSER ?? 'chromium';
if (!['chromium', 'firefox'].includes(BROWSER)) throw new Error(`E2E_BROWSER=${BROWSER}: use chromium or firefox`);

/** Axe in Firefox (@axe-core/playwright needs a Playwright page): the same axe-core, in the page. */
export { axeInFirefox } from './webdriver.mjs';

/** The flags this machine needs: no sandbox as root, and no calls to Google's hosts. */
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function chromiumPath() {
  for (const p of [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (p && fs.existsSync(p)) return p;
  }
  throw new Error('no Chromium found: run scripts/test.sh, which installs Debian\'s chromium');
}

/** Starts the server and the browser once per test file. */
export async function start() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`no build in ${DIST}: run trunk build --release first`);
  }
  const { server, url } = await serve(DIST);
  if (BROWSER === 'firefox') {
    const context = await launchFirefox();
    const newPage = context.newPage.bind(context);
    context.newPage = async () => {
      const page = await newPage();
      awaitTakeover(page);
      return page;
    };
    return {
      url,
      context,
      async close() {
        await context.close();
        server.close();
      },
    };
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ap-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    args: FLAGS,
    headless: true,
  });
  context.on('page', awaitTakeover);
  return {
    url,
    context,
    async close() {
      await context.close();
      server.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Each route's static page (src/bin/prerender.rs) paints before the app starts; the app then
 * removes it and draws the same page. Tests act on the app, so every navigation of `page` waits
 * until the static page is gone (at once for pages without one) — unless `staticOnly` has it.
 */
function awaitTakeover(page) {
  for (const name of ['goto', 'reload', 'goBack', 'goForward']) {
    if (typeof page[name] !== 'function') continue; // the Firefox adapter has no goBack/goForward
    const navigate = page[name].bind(page);
    page[name] = async (...args) => {
      const response = await navigate(...args);
      if (!staticOnly.has(page)) {
        await page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 60_000 });
      }
      return response;
    };
  }
}
/** Pages whose navigations do not wait for the app (e.g. with JavaScript off). */
export const staticOnly = new WeakSet();

/** Opens a page and records every console error, page error and panic message on it. */
export async function open(env, route = '/') {
  const page = await env.context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    // An unknown address is answered with the not-found page and status 404, as hosts do; the
    // browser logs that status for the document itself, which is not a fault of the page.
    if (/status of 404/.test(msg.text()) && msg.location().url === page.url()) return;
    if (msg.type() === 'error' || /panicked/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.goto(env.url + route);
  return { page, problems };
}

/**
 * Opens `route` with empty storage, so a test starts from the app's defaults; waits for the
 * page's `heading`. Storage is cleared from a page of the same origin that does not run the app
 * (the worker's loader script), so no effect of a starting app can save its state again after.
 */
export async function openFresh(env, route, heading) {
  const o = await open(env, '/worker_loader.js');
  await o.page.evaluate(() => localStorage.clear());
  await o.page.goto(env.url + route);
  // The script page may have asked for a /favicon.ico the server does not have: not our app.
  o.problems.length = 0;
  await o.page.getByRole('heading', { name: heading }).waitFor();
  return o;
}
