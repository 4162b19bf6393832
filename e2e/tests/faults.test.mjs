// Faults: Stop at every phase of a run (worker start-up, mid-run in each mode, each stage of the
// comparison) leaves a usable page whose next run is complete and correct; limits on tasks and
// steps give a message naming the limit instead of a freeze; a panic shows a banner whose reload
// keeps the scenario.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, openFresh } from '../support.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const RUN = 120_000;
const fresh = () => openFresh(env, '/playground', 'Event-loop playground');
const status = (page) => page.getByTestId('run-status');
const run = (page) => page.getByRole('button', { name: 'Run', exact: true });
const stop = (page) => page.getByRole('button', { name: 'Stop', exact: true });
const logLines = (page) => page.getByRole('list', { name: 'Event log' }).getByRole('listitem').allTextContents();

/** Runs the current scenario to the end and checks every one of its `n` tasks finished. */
async function runToTheEnd(page, n) {
  await run(page).click();
  await status(page).filter({ hasText: /^Done/ }).waitFor({ timeout: RUN });
  const lines = await logLines(page);
  assert.equal(lines.filter((l) => /finished/.test(l)).length, n, lines.join('\n'));
  assert.equal(lines.filter((l) => /cancelled/.test(l)).length, 0, lines.join('\n'));
}

/// Guards Stop mid-run in every playground mode: the run stops, says so, and the next is whole.
for (const [mode, label] of [['concurrent', /^Concurrent/], ['sequential', /^Sequential/], ['parallel', /^Parallel/]]) {
  test(`Stop in the middle of a ${mode} run, then Run again: every task finishes`, async () => {
    const { page, problems } = await fresh();
    await page.getByLabel('Preset').selectOption('two-sleeps');
    await page.getByLabel(label).check();
    if (mode === 'parallel') {
      await page.getByLabel(/^Workers/).fill('2');
      // Start the workers first, so Stop lands in the run itself.
      await runToTheEnd(page, 2);
    }
    await run(page).click();
    await status(page).filter({ hasText: /^Running/ }).waitFor({ timeout: RUN });
    await page.waitForTimeout(200);
    await stop(page).click();
    await status(page).filter({ hasText: /^Stopped/ }).waitFor({ timeout: RUN });
    assert.ok((await logLines(page)).some((l) => /cancelled/.test(l)), 'the log says what was cancelled');
    await runToTheEnd(page, 2);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

/// Guards Stop while the workers start and calibrate: no run starts, the page says so, and the
/// next Run uses the started workers and finishes every task.
test('Stop while the workers start, then Run again: the run is complete', async () => {
  const { page, problems } = await fresh();
  await page.getByLabel('Preset').selectOption('cpu-loop');
  await page.getByLabel(/^Parallel/).check();
  await page.getByLabel(/^Workers/).fill('2');
  await run(page).click();
  await status(page).filter({ hasText: /^Starting 2 workers/ }).waitFor({ timeout: RUN });
  assert.equal(await stop(page).isDisabled(), false, 'Stop is available during start-up');
  await stop(page).click();
  await status(page).filter({ hasText: /^Stopped before the run started/ }).waitFor({ timeout: RUN });
  assert.equal(await page.getByRole('list', { name: 'Event log' }).getByRole('listitem').count(), 0, 'no run happened');
  assert.equal(await run(page).isDisabled(), false);
  await runToTheEnd(page, 2);
  assert.deepEqual(problems, []);
  await page.close();
});

/** Opens /compare and waits until its pool is started and calibrated. */
async function comparePage() {
  const opened = await open(env, '/compare');
  await opened.page.getByTestId('pool-status').waitFor({ timeout: RUN });
  return opened;
}
const idle = (page) => page.waitForFunction(() => document.querySelector('[data-testid=busy]')?.textContent === '', null, { timeout: RUN });

/**
 * Starts the comparison and presses Stop `delay` ms after the status line first matches
 * `stage`. The page itself watches the status line: some stages last only a few hundred ms,
 * shorter than Playwright's polling interval.
 */
async function stopDuring(page, stage, delay) {
  const pressed = page.evaluate(([source, delay]) => new Promise((resolve) => {
    const re = new RegExp(source);
    const busy = document.querySelector('[data-testid=busy]');
    const seen = [];
    const stop = () => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Stop');
    const obs = new MutationObserver(() => {
      seen.push(busy.textContent);
      if (re.test(busy.textContent)) {
        obs.disconnect();
        setTimeout(() => {
          stop().click();
          // Time from the click until the page says it is idle, on the page's own clock (no
          // Playwright round trips in it).
          const clicked = performance.now();
          const done = new MutationObserver(() => {
            if (busy.textContent === '') { done.disconnect(); resolve({ error: null, stopToIdleMs: performance.now() - clicked }); }
          });
          done.observe(busy, { childList: true, characterData: true, subtree: true });
          if (busy.textContent === '') { done.disconnect(); resolve({ error: null, stopToIdleMs: performance.now() - clicked }); }
        }, delay);
      } else if (busy.textContent === '' && seen.length > 1) {
        obs.disconnect();
        resolve({ error: `the comparison ended without showing ${source}: ${seen.join(' | ')}` });
      }
    });
    obs.observe(busy, { childList: true, characterData: true, subtree: true });
  }), [stage.source, delay]);
  await page.getByRole('button', { name: 'Run the comparison' }).click();
  const { error, stopToIdleMs } = await pressed;
  assert.equal(error, null);
  await idle(page);
  return stopToIdleMs;
}

/// Guards the comparison: Stop in each of its stages (also in the pause before a stage starts,
/// which once let that stage run to its end), then a full comparison is complete and correct.
test('Stop during each stage of the comparison, then a full comparison is correct', async () => {
  const { page, problems } = await comparePage();
  await page.getByLabel('Scenario').selectOption({ label: 'I/O-bound: 6 tasks each wait 300 ms' });
  await page.getByLabel('Workers (1–').fill('2');
  const stages = [/one task after another/, /concurrently on the event loop/, /in parallel on/];
  for (const [stage, delay] of [...stages.map((s) => [s, 0]), ...stages.map((s) => [s, 150])]) {
    const took = await stopDuring(page, stage, delay);
    // The sequential stage alone takes 6 × 300 ms = 1.8 s, so a Stop that waits for it ends at
    // least 1,650 ms after the click. A bound of half the stage, timed on the page from the
    // click to idle, tells the two apart with room for a loaded machine (Stop itself takes a
    // few ms: it drops the stage's futures).
    if (stage === stages[0]) assert.ok(took < 0.5 * 1_800, `Stop in ${stage} after ${delay} ms: the comparison ended ${took.toFixed(0)} ms after the click`);
    assert.equal(await page.getByRole('button', { name: 'Run the comparison' }).isDisabled(), false, `usable after Stop in ${stage}`);
  }
  await page.getByRole('button', { name: 'Run the comparison' }).click();
  await page.getByTestId('busy').filter({ hasText: /\S/ }).waitFor();
  await idle(page);
  assert.equal(await page.getByTestId('sequential-finished').textContent(), '6 of 6');
  assert.equal(await page.getByTestId('concurrent-finished').textContent(), '6 of 6');
  assert.equal(await page.getByTestId('parallel-finished').textContent(), '6 of 6');
  assert.match(await page.getByTestId('checksums').textContent(), /^Checksums: 6 of 6 match/);
  assert.deepEqual(problems, []);
  await page.close();
});

/// Guards the limits: a stored draft past the step limit, and a scenario one task past the task
/// limit, each get a message naming the limit, Run is blocked, and the page keeps responding.
test('past the task and step limits the page says which limit, blocks Run, and stays responsive', async () => {
  const { page, problems } = await fresh();
  const steps = Array.from({ length: 101 }, () => 'a1').join(' ');
  await page.evaluate((d) => localStorage.setItem('async-playground.playground.draft', d), `ap-draft-1\nmany-steps\t0\t${steps}`);
  await page.reload();
  await page.getByTestId('problems').waitFor();
  assert.match(await page.getByTestId('problems').textContent(), /Task 1: Steps at most 100 allowed/);
  assert.equal(await run(page).isDisabled(), true);

  await page.getByLabel('Preset').selectOption('ten-thousand');
  await page.getByRole('button', { name: '+ Add task' }).click();
  await page.getByTestId('problems').filter({ hasText: /at most 10000 allowed/ }).waitFor({ timeout: 30_000 });
  assert.equal(await run(page).isDisabled(), true);
  // Still responsive: a zero timer fires soon. The freeze this guards (the page working through
  // 10,001 tasks after the message shows) holds the timer for as long as that work takes,
  // seconds. 1 s is a generous bound for a timer on a page that is free (on an idle page it
  // fires in a few ms; a loaded machine adds tens of ms). Not measured again: a second timer
  // would only show whether the freeze had ended by then.
  const lag = await page.evaluate(() => new Promise((r) => { const t = performance.now(); setTimeout(() => r(performance.now() - t), 0); }));
  assert.ok(lag < 1_000, `a zero timer fired after ${lag.toFixed(0)} ms`);
  assert.deepEqual(problems, []);
  await page.close();
});

/// Guards the panic banner: a panic shows the message in an alert, and its reload link brings
/// the page back with the scenario the reader had typed.
test('a panic shows a banner, and its reload keeps the scenario', async () => {
  const { page } = await fresh();
  await page.getByLabel('Name of task 1', { exact: true }).fill('kept-over-a-panic');
  await page.goto(`${env.url}/playground?panic-test`);
  const banner = page.getByRole('alert').filter({ hasText: 'Something broke inside the page' });
  await banner.waitFor({ timeout: 10_000 });
  assert.match(await page.getByTestId('panic-message').textContent(), /a test panic asked for by \?panic-test/);
  const reload = banner.getByRole('link', { name: 'Reload, keeping my scenario' });
  assert.equal(await reload.evaluate((el) => el === document.activeElement), true, 'the action has the focus');
  await reload.click();
  await page.getByRole('heading', { name: 'Event-loop playground' }).waitFor();
  assert.equal(new URL(page.url()).search, '', 'the reload does not panic again');
  await page.waitForFunction(() => document.querySelector('[data-testid=panic-banner]') === null);
  await page.getByLabel('Name of task 1', { exact: true }).waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('input')].some((i) => i.value === 'kept-over-a-panic'));
  await page.close();
});

/// Guards the autosave's failure path: a full (or disabled) storage is told to the reader, since
/// a reload and the crash banner's "Reload, keeping my scenario" rely on those saves; once saving
/// works again the warning goes.
test('when storage refuses a save the page says the edits are not being saved, and clears it once saving works', async () => {
  const { page, problems } = await fresh();
  const warning = page.getByTestId('save-warning');
  assert.equal(await warning.count(), 0, 'no warning while saving works');
  // The browser's storage is full: every setItem throws, as Chromium and Firefox do at the quota.
  await page.evaluate(() => {
    window.__setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const name = page.getByLabel('Name of task 1', { exact: true });
  await name.fill('not-saved');
  await warning.waitFor();
  assert.equal(await warning.getAttribute('role'), 'alert');
  assert.match(await warning.textContent(), /not being saved.*QuotaExceededError.*share link/s);
  assert.equal(await name.inputValue(), 'not-saved', 'what the reader typed stays in the field');
  // Storage works again: the next edit is saved and the warning goes.
  await page.evaluate(() => { Storage.prototype.setItem = window.__setItem; });
  await name.fill('saved-again');
  await page.waitForFunction(() => document.querySelector('[data-testid=save-warning]') === null);
  assert.match(await page.evaluate(() => localStorage.getItem('async-playground.playground.draft')), /saved-again/);
  assert.deepEqual(problems, []);
  await page.close();
});
