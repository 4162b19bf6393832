// Accessibility and comfort on every page: axe-core finds no serious or critical violation (light
// and dark, before and after a playground run), nothing scrolls sideways on a 375 px phone, the
// keyboard reaches the controls with a visible focus, and reduced motion stops the animations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { start, open, openFresh, BROWSER, axeInFirefox } from '../support.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const SLUGS = ['nonblocking', 'thread-vs-process', 'concurrency-vs-parallelism', 'gil', 'event-loops', 'coroutines',
  'asyncio-basics', 'cpu-and-io', 'synchronisation', 'advanced-asyncio', 'newer-asyncio', 'servers', 'structured-concurrency', 'task-queues'];
const PAGES = ['/', '/playground', '/compare', '/python', '/stuck', '/claims', ...SLUGS.map((s) => `/learn/${s}`), '/no-such-page'];

/** Waits until the routed page has drawn its main heading. */
async function ready(page) {
  await page.locator('main h1').first().waitFor();
}

/** The serious and critical violations axe reports on the page, one readable line each. */
async function violations(page) {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  // @axe-core/playwright needs a Playwright page: in Firefox the same axe-core runs in the page.
  const result = BROWSER === 'firefox' ? await axeInFirefox(page, tags) : await new AxeBuilder({ page }).withTags(tags).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`);
}

for (const scheme of ['light', 'dark']) {
  test(`axe finds no serious or critical violation on any page (${scheme})`, async () => {
    const { page, problems } = await open(env, '/');
    await page.emulateMedia({ colorScheme: scheme });
    const found = [];
    for (const route of PAGES) {
      await page.goto(env.url + route);
      await ready(page);
      for (const v of await violations(page)) found.push(`${route}: ${v}`);
    }
    assert.deepEqual(found, [], found.join('\n'));
    assert.deepEqual(problems, []);
    await page.close();
  });
}

/** The serious or critical violations on `page` in light and then dark mode, each named by scheme. */
async function violationsInBothSchemes(page) {
  const found = [];
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const v of await violations(page)) found.push(`${scheme}: ${v}`);
  }
  return found;
}

/** Runs the hog-and-waiter preset on the playground and waits until it is done. */
async function runHogAndWaiter(page) {
  await page.getByLabel('Preset').selectOption('hog-and-waiter');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByTestId('run-status').filter({ hasText: /^Done/ }).waitFor({ timeout: 30_000 });
}

test('axe finds no serious or critical violation after a playground run (light and dark)', async () => {
  const { page, problems } = await openFresh(env, '/playground', 'Event-loop playground');
  await runHogAndWaiter(page);
  const found = await violationsInBothSchemes(page);
  assert.deepEqual(found, [], found.join('\n'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('axe finds no serious or critical violation after a comparison (light and dark)', async () => {
  const { page, problems } = await open(env, '/compare');
  await page.getByTestId('pool-status').waitFor({ timeout: 60_000 });
  await page.getByLabel('Scenario').selectOption({ label: 'I/O-bound: 6 tasks each wait 300 ms' });
  await page.getByRole('button', { name: 'Run the comparison' }).click();
  await page.getByTestId('busy').filter({ hasText: /\S/ }).waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=busy]')?.textContent === '', null, { timeout: 120_000 });
  await page.getByTestId('parallel-finished').waitFor();
  const found = await violationsInBothSchemes(page);
  assert.deepEqual(found, [], found.join('\n'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('dark mode really changes the page colours', async () => {
  const { page } = await open(env, '/');
  await ready(page);
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await bg();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await bg();
  assert.notEqual(light, dark);
  // Dark means dark: every channel of the background is low.
  const channels = dark.match(/\d+/g).slice(0, 3).map(Number);
  assert.ok(channels.every((c) => c < 60), dark);
  await page.close();
});

test('no page scrolls sideways on a 375 px wide phone', async () => {
  const { page, problems } = await open(env, '/');
  await page.setViewportSize({ width: 375, height: 740 });
  const wide = [];
  for (const route of PAGES) {
    await page.goto(env.url + route);
    await ready(page);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    if (scroll > client) wide.push(`${route}: ${scroll} px wide in a ${client} px viewport`);
  }
  assert.deepEqual(wide, [], wide.join('\n'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('after a run, the playground (timeline, table, metrics, log) still fits a 375 px phone', async () => {
  const { page, problems } = await openFresh(env, '/playground', 'Event-loop playground');
  await page.setViewportSize({ width: 375, height: 740 });
  await runHogAndWaiter(page);
  await page.getByTestId('timeline').getByText('Timeline as a table').click();
  await page.getByRole('table', { name: 'Timeline as a table' }).locator('tbody tr').first().waitFor();
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `${scroll} px wide in a ${client} px viewport`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the keyboard reaches the playground controls with a visible focus and runs a scenario', async () => {
  const { page, problems } = await openFresh(env, '/playground', 'Event-loop playground');
  const run = page.getByRole('button', { name: 'Run', exact: true });
  // Tab until the Run button has the focus: every control on the way is a real tab stop.
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await run.evaluate((el) => el === document.activeElement);
    const outline = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return 'none';
      const s = getComputedStyle(el);
      return s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0 ? `none on ${el.outerHTML.slice(0, 80)}` : 'ok';
    });
    assert.equal(outline, 'ok', 'every focused control shows a focus ring');
  }
  assert.ok(reached, 'Run is reachable with Tab');
  await page.keyboard.press('Enter');
  await page.getByTestId('run-status').filter({ hasText: /^Done/ }).waitFor({ timeout: 30_000 });
  assert.deepEqual(problems, []);
  await page.close();
});

test('on every page, each control Tab reaches shows a focus ring, starting with the skip link', async () => {
  const { page, problems } = await open(env, '/');
  const missing = [];
  for (const route of PAGES) {
    await page.goto(env.url + route);
    await ready(page);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.textContent);
    if (first !== 'Skip to the content') missing.push(`${route}: the first Tab stop is "${first}"`);
    for (let i = 0; i < 40; i++) {
      const ring = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const s = getComputedStyle(el);
        const shown = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
        return shown ? 'ok' : el.outerHTML.slice(0, 100);
      });
      if (ring === null) break;
      if (ring !== 'ok') missing.push(`${route}: no focus ring on ${ring}`);
      await page.keyboard.press('Tab');
    }
  }
  assert.deepEqual(missing, [], missing.join('\n'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('the timeline and the log have text alternatives', async () => {
  const { page, problems } = await openFresh(env, '/playground', 'Event-loop playground');
  await runHogAndWaiter(page);
  const lines = await page.getByRole('list', { name: 'Event log' }).getByRole('listitem').allTextContents();
  // Each line reads as words: "12.3 ms hog step 1/1: CPU work starts".
  assert.ok(lines.length > 0 && lines.every((l) => /^\s*\d+\.\d ms \S+ \S/.test(l)), lines.join('\n'));
  // The timeline's drawing is an image with a name, and a table says the same thing in words.
  const svg = page.getByTestId('timeline').locator('svg').first();
  assert.ok((await svg.getAttribute('aria-label'))?.length > 10, 'the drawing has a name');
  // Colour is not the only signal: awaiting segments are dashed, ready-but-waiting ones thick.
  const look = (sel) => page.getByTestId('timeline').locator(sel).first()
    .evaluate((el) => ({ dash: getComputedStyle(el).strokeDasharray, width: parseFloat(getComputedStyle(el).strokeWidth) }));
  assert.notEqual((await look('rect.seg.k-await')).dash, 'none');
  assert.ok((await look('rect.seg.k-ready')).width >= 2);
  assert.equal((await look('rect.seg.k-run')).dash, 'none');
  await page.getByTestId('timeline').getByText('Timeline as a table').click();
  const table = page.getByRole('table', { name: 'Timeline as a table' });
  await table.locator('tbody tr').first().waitFor();
  const rows = await table.locator('tbody tr').allTextContents();
  assert.ok(rows.some((r) => /running/.test(r)) && rows.some((r) => /ready/.test(r)), rows.join('\n'));
  assert.deepEqual(problems, []);
  await page.close();
});

/** Where the page-1 ball is now, and 300 ms later. */
async function ballMoves(page) {
  const ball = page.locator('.ball');
  await ball.waitFor();
  const x0 = (await ball.boundingBox()).x;
  await page.waitForTimeout(300);
  return Math.abs((await ball.boundingBox()).x - x0) > 1;
}

test('reduced motion stops the moving ball and the transitions', async () => {
  const { page, problems } = await open(env, '/learn/nonblocking');
  await ready(page);
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  assert.equal(await ballMoves(page), true, 'the ball moves normally');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  assert.equal(await ballMoves(page), false, 'the ball stands still with reduced motion');
  const card = await page.evaluate(() => {
    const el = document.querySelector('.tour-card') ?? document.querySelector('button');
    return getComputedStyle(el).transitionDuration;
  });
  assert.match(card, /^0s(, 0s)*$/);
  assert.deepEqual(problems, []);
  await page.close();
});
