// Chapter 8's page end to end against the release build: an orphan cut off vs a task group
// that waits, chapter 5's never-ending consumer beside a rendezvous channel that closes (two runs on one
// screen), and blocking work handed to a worker while the page's event loop keeps ticking,
// compared with the same work on the page (a ratio within one run, re-measured once).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open } from '../support.mjs';
import { seriousViolations } from '../chapters.mjs';
import { remeasured } from '../remeasure.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const axeAfterRuns = (page) => seriousViolations(page);

async function runPreset(page, id) {
  const card = page.locator(`[data-preset="${id}"]`);
  await card.getByRole('button', { name: 'Run it' }).click();
  await card.locator('.preset-checks').waitFor({ timeout: 30_000 });
  return {
    held: await card.locator('.preset-checks li.holds').allTextContents(),
    failed: await card.locator('.preset-checks li.fails').allTextContents(),
  };
}

async function claimHolds(page, id) {
  const cell = page.locator(`[data-claim="${id}"] .claim-verdict`);
  await cell.waitFor({ timeout: 5_000 });
  return (await cell.getAttribute('class')).includes('holds');
}

test('chapter 8: orphan vs group, a queue consumer beside a closing channel, and to_thread on a worker', async (t) => {
  const { page, problems } = await open(env, '/learn/structured-concurrency');

  for (const id of ['8_1-orphan', '8_2-group-waits']) {
    const r = await runPreset(page, id);
    t.diagnostic(`${id}: ${r.held.join('; ')}`);
    assert.deepEqual(r.failed, [], id);
  }

  // Both consumers on one screen: chapter 5's queue and the closing channel, run one after
  // the other (the page's lab gives the second its turn when the first is done).
  await page.locator('[data-preset="5_5-queue"]').getByRole('button', { name: 'Run it' }).click();
  const channel = page.locator('[data-demo="channel"]');
  const closing = await remeasured('five values through a closing rendezvous channel', async () => {
    await channel.getByRole('button', { name: 'Run it' }).click();
    await page.waitForFunction(() => {
      const b = document.querySelector('[data-demo="channel"] button');
      return b && !b.disabled && document.querySelector('[data-demo="channel"] .ch8-verdict');
    }, undefined, { timeout: 60_000 });
    const lines = (await channel.locator('.ch8-log li').allTextContents()).map((s) => {
      const m = s.match(/^\s*([\d.]+) ms (.*)$/s);
      return { t: Number(m[1]), text: m[2].trim() };
    });
    return { lines, holds: await channel.locator('.ch8-verdict').getAttribute('data-holds') };
  }, ({ lines }) => {
    const first = lines.find((l) => l.text === 'consumer got 0');
    const done = lines.at(-1);
    const ratio = done.t / first.t;
    return ratio >= 4.5 && ratio <= 5.6 ? null : `Done! at ${ratio.toFixed(2)}× the first value's time`;
  });
  const texts = closing.lines.map((l) => l.text);
  t.diagnostic(closing.lines.map((l) => `${l.t} ${l.text}`).join(' | '));
  for (let v = 0; v < 5; v++) {
    assert.ok(texts.indexOf(`consumer got ${v}`) < texts.indexOf(`producer: send(${v}) returned`), `send(${v}) waited for its receive`);
  }
  assert.ok(texts.indexOf('producer done: its end closed') < texts.indexOf('consumer: the channel closed, its loop ended'));
  assert.equal(texts.at(-1), 'Done!');
  assert.equal(closing.holds, 'true');
  await page.locator('[data-preset="5_5-queue"] .preset-checks').waitFor({ timeout: 30_000 });
  const never = await page.locator('[data-preset="5_5-queue"] .preset-checks li').allTextContents();
  t.diagnostic(`5_5: ${never.join('; ')}`);
  assert.ok(never.every((c) => c.startsWith('✓')), never.join('; '));
  assert.ok(never.some((c) => /consumer cancelled/.test(c)), 'the queue consumer never ends: it is cancelled');

  const demo = page.locator('[data-demo="to-thread"]');
  const figures = await remeasured('the event loop during blocking work on a worker vs on the page', async () => {
    await demo.getByRole('button', { name: 'Run it' }).click();
    await page.waitForFunction(() => {
      const b = document.querySelector('[data-demo="to-thread"] button');
      return b && !b.disabled && document.querySelector('[data-demo="to-thread"] .ch8-verdict');
    }, undefined, { timeout: 60_000 });
    const cell = async (where, attr) => Number(await demo.locator(`tr[data-where="${where}"] td[data-${attr}]`).getAttribute(`data-${attr}`));
    return {
      pageTicks: await cell('page', 'ticks'),
      pageWorst: await cell('page', 'worst'),
      workerTicks: await cell('worker', 'ticks'),
      workerWorst: await cell('worker', 'worst'),
      holds: await demo.locator('.ch8-verdict').getAttribute('data-holds'),
    };
  }, (f) => (f.workerWorst * 4 < f.pageWorst && f.workerTicks > 4 * f.pageTicks
    ? null : `worker: ${f.workerTicks} ticks, worst ${f.workerWorst} ms; page: ${f.pageTicks} ticks, worst ${f.pageWorst} ms`));
  t.diagnostic(JSON.stringify(figures));
  assert.ok(figures.pageWorst >= 250, 'the work on the page held the loop for most of its 500 ms');
  assert.equal(figures.holds, 'true');

  for (const id of ['8_1-orphan', '8_3-nursery', '8_4-rendezvous', '8_7-to-thread']) {
    assert.ok(await claimHolds(page, id), `the claims table shows ${id} holding`);
  }
  assert.deepEqual(await axeAfterRuns(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});
