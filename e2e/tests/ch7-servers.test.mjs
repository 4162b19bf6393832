// Chapter 7's page, end to end (Chromium and Firefox, against the release build served with
// COOP/COEP): a small burst of slow requests served by one event loop and by 1 … 4 × cores
// blocking workers that sleep in Atomics.wait. The event loop's throughput over one worker per
// core, and the sweep's growth from one worker to the most, are ratios within one run,
// re-measured once before the test fails (../remeasure.mjs); the claims table shows both claims.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { start, open, BROWSER, axeInFirefox } from '../support.mjs';
import { enabledAgain, remeasured } from '../remeasure.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const RUN = 'Run the servers';

/** Serious or critical axe violations on the page (WCAG 2.1 AA), one line each. */
async function violations(page) {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  const result = BROWSER === 'firefox' ? await axeInFirefox(page, tags) : await new AxeBuilder({ page }).withTags(tags).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

test('fields are validated beside them, and bad input keeps the text and disables the run', async () => {
  const { page, problems } = await open(env, '/learn/servers');
  await page.getByRole('heading', { name: 'A burst of slow requests, two kinds of server' }).waitFor();
  const n = page.getByLabel('Requests at once (N)');
  await n.fill('many');
  assert.match(await page.locator('#srv-requests-msg').textContent(), /whole number from 1 to 400/);
  assert.equal(await n.inputValue(), 'many', 'what was typed is kept');
  assert.ok(await page.getByRole('button', { name: RUN }).isDisabled());
  // Valid fields, but one worker would take too long a round: said beside the fields.
  await n.fill('400');
  await page.getByLabel('I/O per request (D, ms)').fill('2000');
  assert.match(await page.getByTestId('srv-plan-error').textContent(), /one worker would take 800\.\d s a round/);
  assert.ok(await page.getByRole('button', { name: RUN }).isDisabled());
  await page.getByLabel('I/O per request (D, ms)').fill('-3');
  assert.match(await page.locator('#srv-io-msg').textContent(), /must be from 0 to 2000 ms/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('one event loop outdoes a blocking worker per core, and more blocking workers serve more', async (t) => {
  const { page, problems } = await open(env, '/learn/servers');
  assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  await page.getByLabel('Requests at once (N)').fill('12');
  await page.getByLabel('CPU work per request (ms)').fill('1');
  await page.getByLabel('I/O per request (D, ms)').fill('100');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const ks = [...new Set([1, cores, 2 * cores, 4 * cores].map((k) => Math.min(k, 32)))];
  const rps = async (id) => Number(await page.getByTestId(id).getAttribute('data-rps'));
  const figures = await remeasured('the servers\' throughput', async () => {
    await page.getByRole('button', { name: RUN }).click();
    // The old table stays until the new run ends: wait for the button, then read.
    await page.getByTestId(`srv-k-${ks[ks.length - 1]}`).waitFor({ timeout: 60_000 });
    await enabledAgain(page, RUN, 60_000);
    const claim = page.getByTestId('srv-async-claim');
    return {
      loopOverCores: Number(await claim.getAttribute('data-ratio')),
      // Whether every round agrees the loop won (the page decides; "unknown" when they overlap).
      holds: await claim.getAttribute('data-holds'),
      loop: await rps('srv-loop'),
      one: await rps('srv-k-1'),
      most: await rps(`srv-k-${ks[ks.length - 1]}`),
    };
  }, (f) => {
    if (!(f.loopOverCores >= 2)) return `event loop / ${cores} workers = ${f.loopOverCores} < 2`;
    if (f.holds !== 'true') return `the page says claim 7_1 holds: ${f.holds}`;
    if (!(f.most / f.one >= 2)) return `${ks[ks.length - 1]} workers / 1 worker = ${(f.most / f.one).toFixed(2)} < 2`;
    return null;
  });
  t.diagnostic(`req/s: loop ${figures.loop.toFixed(0)}, 1 worker ${figures.one.toFixed(0)}, ${ks[ks.length - 1]} workers ${figures.most.toFixed(0)}; loop / ${cores} workers ${figures.loopOverCores.toFixed(2)}×`);
  // Every server has its latency percentiles, and they are ordered.
  const row = await page.getByTestId('srv-k-1').textContent();
  const [p50, p95, p99] = [...row.matchAll(/(\d+) ms/g)].map((m) => Number(m[1]));
  assert.ok(p50 <= p95 && p95 <= p99, `p50 ≤ p95 ≤ p99 for one worker: ${row}`);
  // Claim 7_1 is recorded in the page's claims table.
  const claims = page.getByTestId('claims-7');
  assert.match(await claims.locator('[data-claim="7_1-async-server"] .claim-measured').textContent(), /✓ holds: one event loop \d+ req\/s/);
  // The sweep's verdict on "2–4 workers per core" names what it measured, and is recorded;
  // or, when a count's rounds spread too far (a busy machine), says so.
  const perCore = page.getByTestId('srv-per-core');
  const perCoreClaim = claims.locator('[data-claim="7_2-workers-per-core"] .claim-measured');
  if ((await perCore.getAttribute('data-holds')) === 'unknown') {
    assert.match(await perCore.textContent(), /“2–4 workers per core” could not be tested here: the rounds of \d+ workers? spread/);
  } else {
    assert.match(await perCore.textContent(), /“2–4 workers per core” (holds|does not hold) here: throughput (still grew|stopped growing)/);
    assert.match(await perCoreClaim.textContent(), /(✓ holds|✗ does not hold): req\/s by workers 1: \d+/);
  }
  assert.match(await page.getByTestId('what-you-saw').textContent(), /Event loop vs blocking workers.*2–4 workers per core.*Slowest responses \(p99\)/s);
  // With the results shown: no serious axe violation in light or dark, and a phone's width
  // scrolls the table, not the page.
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    assert.deepEqual(await violations(page), [], colorScheme);
  }
  await page.setViewportSize({ width: 375, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px at 375 px`);
  assert.deepEqual(problems, []);
  await page.close();
});
