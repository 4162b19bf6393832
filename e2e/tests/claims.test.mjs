// The claims page (Chromium and Firefox): every chapter's claims are listed with what the
// tutorial gives; "Measure the quick claims" runs each preset that measures one on the page's
// event loop, and each row then shows the value measured in this run and whether the claim held;
// the values stay in this browser, so a chapter page shows the same value afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open } from '../support.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('the quick claims are measured here, hold, and are shown on their chapter page too', async () => {
  const { page, problems } = await open(env, '/claims');
  await page.getByRole('heading', { name: "The tutorial's claims, measured", level: 1 }).waitFor();
  await page.evaluate(() => localStorage.removeItem('async-playground.claims.v1'));
  await page.reload();
  await page.getByRole('heading', { name: "The tutorial's claims, measured", level: 1 }).waitFor();
  // Chapters 2–9, each with its table.
  for (let n = 2; n <= 9; n++) assert.ok(await page.getByTestId(`claims-${n}`).count() === 1, `chapter ${n}`);
  const total = await page.locator('tr[data-claim]').count();
  assert.match(await page.getByTestId('claims-summary').textContent(), new RegExp(`^0 of ${total} claims measured here`));

  const button = page.getByRole('button', { name: /^Measure the \d+ quick claims here$/ });
  const quick = Number(/(\d+)/.exec(await button.textContent())[1]);
  assert.ok(quick >= 10, `${quick} quick claims`);
  await button.click();
  // Every claim a preset measures shows a value; the run takes about 25 s of timers.
  const measured = page.locator('tr[data-claim] .claim-verdict');
  await page.waitForFunction(() => !document.querySelector('.claims-page header button').disabled
    && document.querySelectorAll('tr[data-claim] .claim-verdict').length > 0, null, { timeout: 90_000 });
  const rows = await measured.count();
  assert.ok(rows >= quick, `${rows} rows measured, ${quick} presets run`);
  // The claims hold (a timing claim that misses once under load is measured again once).
  let failing = await page.locator('tr[data-claim]:has(.claim-verdict.fails)').evaluateAll((trs) => trs.map((tr) => tr.dataset.claim));
  for (const id of failing) {
    await page.locator(`tr[data-claim="${id}"]`).getByRole('button', { name: /^Measure/ }).click();
    await page.locator(`tr[data-claim="${id}"] button`).filter({ hasText: /^Measure$/ }).waitFor({ timeout: 30_000 });
  }
  failing = await page.locator('tr[data-claim]:has(.claim-verdict.fails)').evaluateAll((trs) => trs.map((tr) => `${tr.dataset.claim}: ${tr.textContent}`));
  assert.deepEqual(failing, []);
  assert.match(await page.getByTestId('claims-summary').textContent(), new RegExp(`^${rows} of ${total} claims measured here; ${rows} held\\.`));
  // The race ends at 1, as the tutorial says: an exact value from this run.
  assert.match(await page.locator('tr[data-claim="4_1-race"] .claim-measured').textContent(), /✓ holds: counter ended at 1(?!\d)/);

  // The chapter page shows the value measured here.
  const race = await page.locator('tr[data-claim="4_1-race"] .claim-measured').textContent();
  await page.locator('tr[data-claim="4_1-race"]').getByRole('link', { name: 'See the demo' }).click();
  await page.getByRole('heading', { name: "The tutorial's claims, measured here" }).waitFor();
  const there = page.locator('tr[data-claim="4_1-race"] .claim-measured');
  await page.waitForFunction(() => /holds/.test(document.querySelector('tr[data-claim="4_1-race"] .claim-measured')?.textContent ?? ''));
  assert.equal((await there.textContent()), race);
  assert.deepEqual(problems, []);
  await page.close();
});
