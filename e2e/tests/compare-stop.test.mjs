// The comparison's results after Stop: a stage that Stop cut short says "stopped" and gives no
// ratio (its wall time is not the scenario's), and no verdict or checksum check is drawn from it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open } from '../support.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const RUN = 120_000;

/** Waits until the page says it is not busy. */
async function idle(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid=busy]')?.textContent === '', null, { timeout: RUN });
}

test('Stop during the parallel stage: the stage says stopped, with no speedup, efficiency or verdict', async () => {
  const { page, problems } = await open(env, '/compare');
  await page.getByTestId('pool-status').waitFor({ timeout: 60_000 });
  await page.getByLabel('Workers (1–').fill('1');
  await page.getByRole('button', { name: 'Run the comparison' }).click();
  await page.getByTestId('busy').filter({ hasText: 'in parallel' }).waitFor({ timeout: RUN });
  await page.waitForTimeout(300);
  await page.getByRole('button', { name: 'Stop' }).click();
  await idle(page);
  const row = page.getByTestId('row-parallel');
  assert.equal((await page.getByTestId('parallel-wall').textContent()).trim(), 'stopped');
  assert.doesNotMatch(await row.textContent(), /×|%/, 'a stopped stage has no ratio');
  // The stages that ran to the end keep their numbers.
  assert.match(await page.getByTestId('concurrent-speedup').textContent(), /×$/);
  assert.equal(await page.getByTestId('explanation').count(), 0, 'no verdict from a stopped stage');
  assert.equal(await page.getByTestId('checksums').count(), 0, 'no checksum check of a stopped stage');
  assert.deepEqual(problems, []);
  await page.close();
});

test('Stop during the sequential stage: it says stopped, and the stages after it did not run', async () => {
  const { page, problems } = await open(env, '/compare');
  await page.getByTestId('pool-status').waitFor({ timeout: 60_000 });
  await page.getByLabel('Scenario').selectOption({ label: 'I/O-bound: 6 tasks each wait 300 ms' });
  await page.getByRole('button', { name: 'Run the comparison' }).click();
  await page.getByTestId('busy').filter({ hasText: /one task after another/ }).waitFor({ timeout: RUN });
  await page.waitForTimeout(150);
  await page.getByRole('button', { name: 'Stop' }).click();
  await idle(page);
  assert.equal((await page.getByTestId('sequential-wall').textContent()).trim(), 'stopped');
  assert.doesNotMatch(await page.getByTestId('row-sequential').textContent(), /×|%/);
  assert.equal(await page.getByTestId('explanation').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});
