// The playground's parallel mode, end to end against the release build: the scenario runs on
// real Web Workers picked through the mode's label, with a validated Workers field, one timeline
// lane per worker, a speedup against the sequential run, Stop, and the mode kept over a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openFresh } from '../support.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Opens /playground with empty storage, so each test starts from the default preset. */
const fresh = () => openFresh(env, '/playground', 'Event-loop playground');

const status = (page) => page.getByTestId('run-status');
const done = (page) => status(page).filter({ hasText: /^Done/ }).waitFor({ timeout: 60_000 });
const run = (page) => page.getByRole('button', { name: 'Run', exact: true });
const logLines = (page) => page.getByRole('list', { name: 'Event log' }).getByRole('listitem').allTextContents();
const ms = (line) => parseFloat(line.trim());

/// Guards the parallel mode itself: both CPU tasks really run at once, one on each worker, and
/// the log, timeline, metrics and code view all show the workers.
test('the CPU preset runs in parallel on 2 workers, one lane per worker', async () => {
  const { page, problems } = await fresh();
  await page.getByLabel('Preset').selectOption('cpu-loop');
  // Sequential first, so the parallel run has something to be compared with.
  await page.getByLabel(/^Sequential/).check();
  await run(page).click();
  await done(page);
  const seqWall = parseFloat(await page.getByTestId('metric-wall').textContent());
  const legend = page.getByTestId('timeline').locator('.legend');
  assert.match(await legend.textContent(), /ready but waiting: another task holds the thread/);

  await page.getByLabel(/^Parallel/).check();
  await page.getByLabel(/^Workers/).fill('2');
  assert.match(await page.getByTestId('code').textContent(), /with ProcessPoolExecutor\(max_workers=2\) as pool:/);
  await run(page).click();
  // The first parallel run starts (and calibrates) the pool before the run's clock starts.
  await status(page).filter({ hasText: /^Starting 2 workers/ }).waitFor();
  await done(page);
  assert.match(await status(page).textContent(), /^Done: parallel run on 2 workers took [\d.]+ ms\. Starting the workers took \d+ ms before it, not counted\.$/);

  const lines = await logLines(page);
  const all = lines.join('\n');
  assert.ok(lines.some((l) => l.includes('worker 1')), all);
  assert.ok(lines.some((l) => l.includes('worker 2')), all);
  const finished = lines.filter((l) => l.includes('finished'));
  assert.equal(finished.length, 2, all);
  // Parallel, not turn-taking: each task started its CPU work before either finished.
  const starts = lines.filter((l) => l.includes('CPU work starts'));
  assert.equal(starts.length, 2, all);
  assert.ok(Math.max(...starts.map(ms)) < Math.min(...finished.map(ms)), all);
  assert.match(await page.getByTestId('progress-text').textContent(), /^2 \/ 2 steps$/);

  const lanes = await page.getByTestId('timeline').locator('svg.tl-top text.lane-label.strong').allTextContents();
  assert.deepEqual(lanes, ['worker 1', 'worker 2']);
  // On workers "ready but waiting" is not another task holding the thread: the legend says what it is.
  const words = await legend.textContent();
  assert.match(words, /ready but waiting: taken by a worker, not yet running on it/);
  assert.doesNotMatch(words, /another task holds the thread/);

  const parWall = parseFloat(await page.getByTestId('metric-wall').textContent());
  const speedup = await page.getByTestId('metric-speedup').textContent();
  assert.match(speedup, /^\d+\.\d\d×$/);
  // The speedup shown is the two measured wall times' ratio, and says how the work was sized.
  assert.ok(Math.abs(parseFloat(speedup) - seqWall / parWall) < 0.02, `${speedup} vs ${seqWall}/${parWall}`);
  assert.match(await page.getByTestId('speedup-note').textContent(), /timed.*units/);
  console.log(`cpu-loop: sequential ${seqWall} ms, parallel on 2 workers ${parWall} ms, speedup ${speedup}`);

  await page.getByRole('tab', { name: 'Rust (what runs here)' }).click();
  assert.match(await page.getByTestId('code').textContent(), /Pool::start\(2\)/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an invalid Workers value shows its message, keeps the text and disables Run', async () => {
  const { page, problems } = await fresh();
  assert.equal(await page.getByLabel(/^Workers/).count(), 0, 'only shown for the parallel mode');
  await page.getByLabel(/^Parallel/).check();
  const workers = page.getByLabel(/^Workers/);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const field = page.locator('.field', { has: workers });
  for (const bad of ['0', String(cores + 1)]) {
    await workers.fill(bad);
    assert.match(await field.locator('.field-error').textContent(), new RegExp(`must be from 1 to ${cores}`));
    assert.equal(await workers.inputValue(), bad, 'what was typed is kept');
    assert.equal(await workers.getAttribute('aria-invalid'), 'true');
    assert.equal(await run(page).isDisabled(), true);
  }
  // The field does not block the other modes.
  await page.getByLabel(/^Concurrent/).check();
  assert.equal(await run(page).isDisabled(), false);
  await page.getByLabel(/^Parallel/).check();
  assert.equal(await run(page).isDisabled(), true);
  await workers.fill('1');
  assert.equal(await field.locator('.field-error').textContent(), '');
  assert.equal(await run(page).isDisabled(), false);
  // The field survives a reload as typed (a value other than the default, all cores: on a
  // one-core machine that can only be an invalid one, which is kept and flagged too).
  const kept = cores > 1 ? '1' : '0';
  await workers.fill(kept);
  await page.reload();
  await page.getByRole('heading', { name: 'Event-loop playground' }).waitFor();
  await page.waitForFunction(() => document.querySelector('input[name=mode][value=parallel]')?.checked);
  await page.waitForFunction((v) => document.getElementById('pg-workers')?.value === v, kept);
  assert.equal(await page.getByLabel(/^Workers/).inputValue(), kept);
  assert.deepEqual(problems, []);
  await page.close();
});

test('Stop cancels a parallel run, the log says where, and the next run works', async () => {
  const { page, problems } = await fresh();
  await page.getByLabel('Preset').selectOption('two-sleeps');
  await page.getByLabel(/^Parallel/).check();
  await page.getByLabel(/^Workers/).fill('2');
  await run(page).click();
  await status(page).filter({ hasText: /^Running in parallel/ }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await status(page).filter({ hasText: /^Stopped/ }).waitFor({ timeout: 30_000 });
  assert.match(await status(page).textContent(), /2 tasks cancelled/);
  const lines = await logLines(page);
  assert.equal(lines.filter((l) => /cancelled at step 1\/1/.test(l)).length, 2, lines.join('\n'));
  // The mode is kept over a reload, and the replaced workers run the next scenario.
  await page.reload();
  await page.getByRole('heading', { name: 'Event-loop playground' }).waitFor();
  await page.waitForFunction(() => document.querySelector('input[name=mode][value=parallel]')?.checked);
  await page.getByLabel('Preset').selectOption('cpu-loop');
  await run(page).click();
  await done(page);
  assert.equal((await logLines(page)).filter((l) => l.includes('finished')).length, 2);
  assert.deepEqual(problems, []);
  await page.close();
});
