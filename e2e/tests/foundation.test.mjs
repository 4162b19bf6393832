// The foundation, end to end: the built page renders, Run produces a real log, the Web Worker
// answers with the right checksum, and nothing errs or panics in the console.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open } from '../support.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('the page renders, runs a preset and logs real events', async () => {
  const { page, problems } = await open(env, '/playground');
  await page.getByRole('heading', { name: 'Event-loop playground' }).waitFor();
  await page.getByLabel('Preset').selectOption({ label: 'Three 200 ms waits' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByTestId('run-status').filter({ hasText: /^Done/ }).waitFor();
  const log = page.getByRole('list', { name: 'Event log' });
  await log.waitFor();
  const lines = await log.getByRole('listitem').allTextContents();
  // 3 tasks × (spawned, step started, awaiting, resumed, finished).
  assert.equal(lines.length, 15, lines.join('\n'));
  assert.equal(lines.filter((l) => l.includes('finished')).length, 3);
  assert.match(await page.getByTestId('run-summary').textContent(), /peak concurrency 3/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the worker answers with the checksum the page computes', async () => {
  const { page, problems } = await open(env, '/playground');
  assert.equal(await page.evaluate(() => crossOriginIsolated), true, 'served with COOP/COEP');
  await page.getByText('Check the Web Worker path').click();
  await page.getByRole('button', { name: 'Ask the worker for a checksum' }).click();
  const verdict = page.getByTestId('checksum-verdict');
  await verdict.waitFor({ timeout: 20_000 });
  assert.equal(await verdict.textContent(), 'match ✓');
  const worker = await page.getByTestId('worker-checksum').textContent();
  const mine = await page.getByTestId('page-checksum').textContent();
  assert.equal(worker, mine);
  assert.match(worker, /^\d+$/);
  assert.deepEqual(problems, []);
  await page.close();
});
