// The worker pool and the comparison page, end to end against the release build: real Web
// Workers speed up CPU-bound work, return checksums the page agrees with, and a worker that
// panics is reported, replaced, and does not break the next run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open } from '../support.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const RUN = 120_000;

/** Opens /compare and waits until the pool is started and calibrated. */
async function comparePage() {
  const opened = await open(env, '/compare');
  await opened.page.getByTestId('pool-status').waitFor({ timeout: 60_000 });
  return opened;
}

/** Waits until the page says it is not busy. */
async function idle(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid=busy]')?.textContent === '', null, { timeout: RUN });
}

async function runComparison(page) {
  await page.getByRole('button', { name: 'Run the comparison' }).click();
  await page.getByTestId('busy').filter({ hasText: /\S/ }).waitFor();
  await idle(page);
}

const ms = (text) => Number(text.replace(/[^\d.]/g, ''));

/// Guards the point of the pool: CPU-bound work on 2 workers really runs in parallel.
test('the CPU preset on 2 workers is at least 1.3× faster than on 1 worker', async () => {
  const { page, problems } = await comparePage();
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  assert.ok(cores >= 2, `needs 2 logical cores, this browser reports ${cores}`);
  await page.getByLabel('Scenario').selectOption({ label: 'CPU-bound: 8 tasks × 200 units of work' });
  await page.getByRole('button', { name: /^Measure speedup for N = 1…/ }).click();
  await page.getByTestId('busy').filter({ hasText: /\S/ }).waitFor();
  await idle(page);
  const one = ms(await page.getByTestId('speedup-wall-1').textContent());
  const two = ms(await page.getByTestId('speedup-wall-2').textContent());
  assert.ok(one / two >= 1.3, `1 worker ${one} ms, 2 workers ${two} ms: ratio ${(one / two).toFixed(2)}`);
  assert.deepEqual(problems, []);
  await page.close();
});

/// Guards the checksum check and the three-way comparison on the same work.
test('the comparison runs three ways and the workers\' checksums match the page\'s', async () => {
  const { page, problems } = await comparePage();
  await page.getByLabel('Workers (1–').fill('2');
  await runComparison(page);
  for (const key of ['sequential', 'concurrent', 'parallel']) {
    assert.equal(await page.getByTestId(`${key}-finished`).textContent(), '8 of 8', key);
    assert.match(await page.getByTestId(`${key}-wall`).textContent(), /^\d+ ms$/);
  }
  assert.match(await page.getByTestId('checksums').textContent(), /^Checksums: 8 of 8 match/);
  const explanation = await page.getByTestId('explanation').textContent();
  assert.match(explanation, /^CPU-bound: the event loop gave \d+\.\d×, 2 workers gave \d+\.\d×/);
  // Work on the page's thread blocks it; work in workers does not.
  const seqLag = ms(await page.getByTestId('sequential-lag').textContent());
  const parLag = ms(await page.getByTestId('parallel-lag').textContent());
  assert.ok(parLag < seqLag / 4, `lag with workers ${parLag} ms vs sequential ${seqLag} ms`);
  // One lane per worker in the parallel run's lane view.
  assert.ok(await page.getByRole('img', { name: /^Parallel \(workers\)/ }).isVisible());
  assert.equal(await page.locator('svg.compare-lanes').nth(2).locator('text.lane-label').count(), 2);
  assert.deepEqual(problems, []);
  await page.close();
});

/// Guards recovery: a panicking worker fails its task with the reason, is replaced, and the
/// next run on the same pool finishes every task.
test('a forced worker panic is reported and the next run succeeds', async () => {
  const { page } = await comparePage();
  await page.getByLabel('Scenario').selectOption({ label: 'I/O-bound: 6 tasks each wait 300 ms' });
  await page.getByLabel('Make worker 1 panic on its next task').check();
  await runComparison(page);
  assert.equal(await page.getByTestId('parallel-finished').textContent(), '5 of 6');
  assert.match(await page.getByTestId('replaced').textContent(), /^Worker 1 was replaced after: the worker panicked: .*told to panic/s);
  assert.match(await page.getByTestId('checksums').textContent(), /5 of 6 match .*1 tasks returned none/);
  assert.equal(await page.getByLabel('Make worker 1 panic on its next task').isChecked(), false, 'the control resets');
  await runComparison(page);
  assert.equal(await page.getByTestId('parallel-finished').textContent(), '6 of 6');
  assert.equal(await page.getByTestId('replaced').count(), 0);
  assert.match(await page.getByTestId('checksums').textContent(), /^Checksums: 6 of 6 match/);
  await page.close();
});

/// Guards Stop: workers' current work is terminated, the tasks say so, the page stays usable.
test('Stop during the parallel run cancels it and the page stays usable', async () => {
  const { page, problems } = await comparePage();
  await page.getByLabel('Workers (1–').fill('1');
  await page.getByRole('button', { name: 'Run the comparison' }).click();
  await page.getByTestId('busy').filter({ hasText: 'in parallel' }).waitFor({ timeout: RUN });
  await page.waitForTimeout(300);
  await page.getByRole('button', { name: 'Stop' }).click();
  await idle(page);
  const finished = await page.getByTestId('parallel-finished').textContent();
  assert.match(finished, /^[0-7] of 8$/, finished);
  await runComparison(page);
  assert.equal(await page.getByTestId('parallel-finished').textContent(), '8 of 8');
  assert.deepEqual(problems, []);
  await page.close();
});

/// Guards the transfer panel: the size is validated, and both round trips are measured.
test('the transfer panel validates the size and measures copy and transfer', async () => {
  const { page, problems } = await comparePage();
  const size = page.getByLabel('Buffer size (MiB)');
  await size.fill('lots');
  assert.match(await page.locator('#transfer-size-error').textContent(), /must be a number/);
  assert.equal(await page.getByRole('button', { name: 'Send to a worker and back' }).isDisabled(), true);
  await size.fill('300');
  assert.match(await page.locator('#transfer-size-error').textContent(), /at most 256/);
  assert.equal(await size.inputValue(), '300', 'what was typed is kept');
  await size.fill('8');
  await page.getByRole('button', { name: 'Send to a worker and back' }).click();
  await page.getByTestId('transfer-summary').waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId('copy-ms').textContent(), /^\d+\.\d ms$/);
  assert.match(await page.getByTestId('transfer-ms').textContent(), /^\d+\.\d ms$/);
  assert.match(await page.getByTestId('transfer-summary').textContent(), /left with 0 bytes/);
  assert.deepEqual(problems, []);
  await page.close();
});
