// The playground's parallel mode with a Lock and a shared counter, end to end against the release
// build (issue 14): the tutorial's counter presets run on two real Web Workers, the lock and the
// counter in one SharedArrayBuffer (src/web/shared_sync.rs: compareExchange, Atomics.wait and
// notify in the workers). Under the lock, 100 read–sleep–write increments end at 100; without
// it, two workers read the same value and updates are lost. A primitive that cannot cross
// workers (an event) disables Run with the reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openFresh } from '../support.mjs';
import { lane, metricsRow } from '../resources.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const N = 100; // engine::sync_presets::COUNTER_TASKS
const fresh = () => openFresh(env, '/playground', 'Event-loop playground');
const status = (page) => page.getByTestId('run-status');
const done = (page) => status(page).filter({ hasText: /^Done/ }).waitFor({ timeout: 120_000 });
const run = (page) => page.getByRole('button', { name: 'Run', exact: true });
const logLines = (page) => page.getByRole('list', { name: 'Event log' }).getByRole('listitem').allTextContents();

/** Picks `preset`, the parallel mode on 2 workers, runs it; returns the counter's final value. */
async function runParallel(page, preset) {
  await page.getByLabel('Preset').selectOption(preset);
  await page.getByLabel(/^Parallel/).check();
  await page.getByLabel(/^Workers/).fill('2');
  assert.equal(await page.getByTestId('parallel-refusal').count(), 0, `${preset} runs in parallel`);
  await run(page).click();
  await done(page);
  assert.match(await status(page).textContent(), /^Done: parallel run on 2 workers/);
  const counter = await lane(page, 'counter');
  assert.ok(counter, 'a lane for the counter');
  const m = /^final value: (\d+)$/.exec(counter.peak);
  assert.ok(m, counter.peak);
  return Number(m[1]);
}

test('a Lock across two workers keeps the shared counter exact; without it updates are lost', async () => {
  const { page, problems } = await fresh();
  // Under the lock: every increment survives, and the lock was really contended across workers.
  assert.equal(await runParallel(page, '4_2-locked'), N);
  const lanes = await page.getByTestId('timeline').locator('svg.tl-top text.lane-label.strong').allTextContents();
  assert.deepEqual(lanes, ['worker 1', 'worker 2']);
  const lock = await lane(page, 'lock');
  assert.equal(lock.peak, 'most holders at once: 1');
  assert.equal(lock.holds, N, 'each task held the lock once');
  const row = await metricsRow(page, 'lock');
  assert.equal(row[1], String(N), 'N acquisitions recorded');
  const waited = Number(/^(\d+) /.exec(row[2])?.[1]);
  assert.ok(waited > 0, `a worker waited for the lock the other held: ${row.join(' | ')}`);
  const lines = await logLines(page);
  assert.ok(lines.some((l) => new RegExp(`wrote counter = ${N}`).test(l)), lines.join('\n'));
  assert.match(await page.getByTestId('claim-checks').textContent(), new RegExp(`✓ measured: counter ended at ${N}`));
  assert.match(await page.getByTestId('code').textContent(), /multiprocessing\.Lock\(\)/);

  // Without it: both workers read, sleep and write back, and one's write overwrites the other's.
  const raced = await runParallel(page, '4_1-race');
  assert.ok(raced < N, `the race lost no update: ${raced} of ${N}`);
  assert.ok(raced >= 1, `${raced}`);
  console.log(`parallel, 2 workers: with the lock ${N} of ${N}, without it ${raced} of ${N}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an event cannot cross workers: Run is disabled and the reason names it', async () => {
  const { page, problems } = await fresh();
  await page.getByLabel('Preset').selectOption('4_5-event');
  await page.getByLabel(/^Parallel/).check();
  const why = await page.getByTestId('parallel-refusal').textContent();
  assert.match(why, /^Run is disabled in this mode: event \S+ cannot cross workers: the parallel mode shares only locks, semaphores and counters/);
  assert.ok(await run(page).isDisabled());
  // Back on the event loop the same scenario runs.
  await page.getByLabel(/^Concurrent/).check();
  assert.equal(await page.getByTestId('parallel-refusal').count(), 0);
  assert.ok(!(await run(page).isDisabled()));
  assert.deepEqual(problems, []);
  await page.close();
});
