// The playground, end to end, as a reader uses it: fields found by their labels, Run, the log,
// the timeline, validation that blocks Run, Stop, and a reload that keeps the scenario.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openFresh, BROWSER } from '../support.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Opens /playground with empty storage, so each test starts from the default preset. */
const fresh = () => openFresh(env, '/playground', 'Event-loop playground');

const done = (page) => page.getByTestId('run-status').filter({ hasText: /^Done/ }).waitFor({ timeout: 30_000 });

test('a reader edits a task through labelled fields, runs it, and sees the log and the timeline', async () => {
  const { page, problems } = await fresh();
  await page.getByLabel('Preset').selectOption({ label: 'Three 200 ms waits' });
  await page.getByLabel('Name of task 1', { exact: true }).fill('alpha');
  await page.getByLabel('Step 1 of task 1 (ms)').fill('120');
  await page.getByLabel('Start delay (ms) of task 2').fill('30');
  await page.getByRole('button', { name: 'Add a CPU work step to task 3' }).click();
  await page.getByLabel('Step 2 of task 3 (ms)').fill('40');
  assert.equal(await page.getByLabel('Preset').inputValue(), 'custom');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await done(page);

  const lines = await page.getByRole('list', { name: 'Event log' }).getByRole('listitem').allTextContents();
  assert.ok(lines.some((l) => l.includes('alpha') && l.includes('finished')), lines.join('\n'));
  assert.ok(lines.some((l) => l.includes('wait-3') && l.includes('CPU work starts')), lines.join('\n'));
  assert.equal(lines.filter((l) => l.includes('finished')).length, 3);

  const timeline = page.getByTestId('timeline');
  assert.ok(await timeline.locator('text.lane-label', { hasText: 'alpha' }).count() >= 1);
  // Firefox's clock ticks in 20 µs steps in an isolated page (Chromium's in 5 µs): a task that
  // resumes and finishes within one tick has a zero-length running segment, which the timeline
  // drops (engine::metrics::segments). There only the CPU step's segment is certain.
  const running = BROWSER === 'firefox' ? 1 : 3;
  assert.ok(await timeline.locator('rect.seg.k-run').count() >= running, 'running segments drawn');
  assert.ok(await timeline.locator('rect.seg.k-await').count() >= 3, 'awaiting segments drawn');
  assert.match(await page.getByTestId('progress-text').textContent(), /^4 \/ 4 steps$/);
  // The code view follows the edits.
  assert.match(await page.getByTestId('code').textContent(), /async def alpha_1\(\):/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a CPU hog shows up as ready-but-waiting time in the timeline and the metrics', async () => {
  const { page, problems } = await fresh();
  await page.getByLabel('Preset').selectOption('hog-and-waiter');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await done(page);
  assert.ok(await page.getByTestId('timeline').locator('rect.seg.k-ready').count() >= 1);
  // Where the segments fall: the axis's ticks give px per ms; the hog's running bar (the widest)
  // spans about its 300 ms of work, and the waiter's ready-but-waiting bar most of that.
  const geometry = await page.getByTestId('timeline').evaluate((fig) => {
    const ms = (label) => parseFloat(label) * (/ s$/.test(label) ? 1000 : 1);
    const ticks = [...fig.querySelectorAll('svg.tl-top g.tick text')].map((t) => [parseFloat(t.getAttribute('x')), ms(t.textContent)]);
    const [[x0, t0], [x1, t1]] = [ticks[0], ticks[ticks.length - 1]];
    const pxPerMs = (x1 - x0) / (t1 - t0);
    const widest = (kind) => Math.max(...[...fig.querySelectorAll(`.tl-rows rect.seg.${kind}`)].map((r) => parseFloat(r.getAttribute('width'))));
    return { ticks: ticks.length, hogMs: widest('k-run') / pxPerMs, readyMs: widest('k-ready') / pxPerMs };
  });
  assert.ok(geometry.ticks >= 2, JSON.stringify(geometry));
  // At least the 300 ms asked for (less than 1.5× even on a loaded machine: it is a busy loop).
  assert.ok(geometry.hogMs >= 0.95 * 300 && geometry.hogMs < 1.5 * 300, JSON.stringify(geometry));
  assert.ok(geometry.readyMs >= 0.6 * geometry.hogMs && geometry.readyMs <= 1.05 * geometry.hogMs, JSON.stringify(geometry));
  const scheduled = parseFloat(await page.getByTestId('metric-scheduled').textContent());
  assert.ok(scheduled >= 200, `ready but waiting ${scheduled} ms`);
  const lag = parseFloat(await page.getByTestId('metric-lag').textContent());
  assert.ok(lag >= 0.6 * 300, `worst lag ${lag} ms`);
  // Run sequentially too: now the speedup has both sides.
  await page.getByLabel(/^Sequential/).check();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await done(page);
  assert.match(await page.getByTestId('metric-speedup').textContent(), /^\d+\.\d\d×$/);
  assert.deepEqual(problems, []);
  await page.close();
});

/// Guards the big-run drawing: past 150 exact segments in view, a row's segments are one path per
/// state (a live update then patches a few dozen nodes, not hundreds), still outlined by kind.
test('a run of 1,000 tasks draws each timeline row as a few paths, outlined by kind', async () => {
  const { page, problems } = await fresh();
  await page.getByLabel('Preset').selectOption('many-small');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await done(page);
  const rows = page.getByTestId('timeline').locator('.tl-rows svg');
  assert.equal(await rows.locator('rect.seg').count(), 0);
  const waits = rows.locator('path.seg.k-await:not(.agg)');
  assert.ok(await waits.count() >= 10, 'awaiting segments drawn as paths');
  // Each path holds several segments (one subpath each), and keeps the dashed outline.
  const subpaths = await waits.first().evaluate((p) => (p.getAttribute('d').match(/M/g) ?? []).length);
  assert.ok(subpaths >= 2, `${subpaths} segments in the first path`);
  assert.notEqual(await waits.first().evaluate((p) => getComputedStyle(p).strokeDasharray), 'none');
  assert.ok(await rows.locator('*').count() < 200, 'a few nodes per row');
  assert.deepEqual(problems, []);
  await page.close();
});

test('an invalid value shows its message beside the field, keeps the text, and blocks Run', async () => {
  const { page, problems } = await fresh();
  const delay = page.getByLabel('Start delay (ms) of task 1');
  await delay.fill('-5');
  const field = page.locator('.field', { has: delay });
  assert.equal(await field.locator('.field-error').textContent(), 'cannot be negative');
  assert.equal(await delay.inputValue(), '-5');
  assert.equal(await delay.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByRole('button', { name: 'Run', exact: true }).isDisabled(), true);
  assert.match(await page.getByTestId('problems').textContent(), /Task 1: Start delay cannot be negative/);
  // The status line under Run does not say "Ready" while Run is disabled.
  assert.match(await page.getByTestId('run-status').textContent(), /^Not ready: Run is disabled/);
  await page.getByLabel('Step 1 of task 1 (ms)').fill('abc');
  assert.match(await page.getByTestId('problems').textContent(), /2 problems/);
  await delay.fill('5');
  await page.getByLabel('Step 1 of task 1 (ms)').fill('10');
  assert.equal(await page.getByRole('button', { name: 'Run', exact: true }).isDisabled(), false);
  assert.equal(await page.getByTestId('problems').count(), 0);
  assert.match(await page.getByTestId('run-status').textContent(), /^Ready\. Press Run/);
  // With no task left, the one problem is said once.
  await page.getByRole('button', { name: 'Remove task 2' }).click();
  await page.getByRole('button', { name: 'Remove task 1' }).click();
  assert.equal(await page.getByText('add at least one task').count(), 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('tasks can be added, duplicated, reordered and removed', async () => {
  const { page, problems } = await fresh();
  const names = async () => {
    const out = [];
    for (let i = 1; ; i++) {
      const f = page.getByLabel(`Name of task ${i}`, { exact: true });
      if (await f.count() === 0) return out;
      out.push(await f.inputValue());
    }
  };
  assert.deepEqual(await names(), ['hog', 'waiter']);
  await page.getByRole('button', { name: 'Duplicate task 1' }).click();
  await page.getByRole('button', { name: '+ Add task' }).click();
  assert.deepEqual(await names(), ['hog', 'hog copy', 'waiter', 'task-4']);
  await page.getByRole('button', { name: 'Move task 4 up' }).click();
  await page.getByRole('button', { name: 'Remove task 1' }).click();
  assert.deepEqual(await names(), ['hog copy', 'task-4', 'waiter']);
  await page.getByLabel('Every await step (ms) of task 3').fill('20');
  assert.deepEqual(
    await Promise.all([1, 2, 3].map((k) => page.getByLabel(`Step ${k} of task 3 (ms)`).inputValue())),
    ['20', '20', '20'],
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('the scenario survives a reload, invalid text included', async () => {
  const { page, problems } = await fresh();
  await page.getByLabel('Name of task 2', { exact: true }).fill('kept');
  await page.getByLabel('Step 2 of task 2 (ms)').fill('12x');
  await page.getByLabel(/^Sequential/).check();
  await page.reload();
  await page.getByRole('heading', { name: 'Event-loop playground' }).waitFor();
  await page.getByLabel('Name of task 2', { exact: true }).waitFor();
  await page.waitForFunction(() => document.getElementById('task-1-name')?.value === 'kept');
  assert.equal(await page.getByLabel('Step 2 of task 2 (ms)').inputValue(), '12x');
  assert.equal(await page.getByLabel(/^Sequential/).isChecked(), true);
  assert.equal(await page.getByRole('button', { name: 'Run', exact: true }).isDisabled(), true);
  assert.deepEqual(problems, []);
  await page.close();
});

test('Stop cancels a run, the log says where, and the page runs again', async () => {
  const { page, problems } = await fresh();
  await page.getByLabel('Preset').selectOption('two-sleeps');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByTestId('run-status').filter({ hasText: /^Running/ }).waitFor();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await page.getByTestId('run-status').filter({ hasText: /^Stopped/ }).waitFor();
  assert.match(await page.getByTestId('run-status').textContent(), /2 tasks cancelled/);
  const lines = await page.getByRole('list', { name: 'Event log' }).getByRole('listitem').allTextContents();
  assert.equal(lines.filter((l) => /cancelled at step 1\/1/.test(l)).length, 2, lines.join('\n'));
  await page.getByLabel('Preset').selectOption('three-waits');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await done(page);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the many-small preset (1,000 tasks × 5) runs with a paged editor, a full log and its task filter', async () => {
  const { page, problems } = await fresh();
  await page.getByLabel('Preset').selectOption('many-small');
  await page.getByText('Tasks 1–20 of 1000').waitFor();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await done(page);
  assert.match(await page.getByTestId('progress-text').textContent(), /^5000 \/ 5000 steps$/);
  assert.match(await page.getByTestId('log-count').textContent(), /^17000 lines$/);
  // Virtualised: far fewer rows in the DOM than lines in the log.
  assert.ok(await page.locator('.log-row').count() < 100);
  // The log's task filter: one task's 17 lines (spawned, 5 × started/awaiting/resumed,
  // finished), each naming it; "All tasks" brings every line back.
  const filter = page.getByLabel('Show task');
  await filter.selectOption({ label: 't3 (#4)' });
  await page.getByTestId('log-count').filter({ hasText: /^17 lines$/ }).waitFor();
  const shown = await page.getByRole('list', { name: 'Event log' }).getByRole('listitem').allTextContents();
  assert.equal(shown.length, 17, shown.join('\n'));
  assert.ok(shown.every((l) => /\bt3\b/.test(l)), shown.join('\n'));
  await filter.selectOption('all');
  await page.getByTestId('log-count').filter({ hasText: /^17000 lines$/ }).waitFor();
  // The editor's pager: the next page shows tasks 21 to 40, and back again.
  const pager = page.getByRole('navigation', { name: 'Task pages' });
  await pager.getByRole('button', { name: 'Next →' }).click();
  await page.getByText('Tasks 21–40 of 1000').waitFor();
  assert.equal(await page.getByLabel('Name of task 21', { exact: true }).inputValue(), 't20');
  assert.equal(await page.getByLabel('Name of task 1', { exact: true }).count(), 0);
  assert.equal(await pager.getByRole('button', { name: '← Previous' }).isDisabled(), false);
  await pager.getByRole('button', { name: '← Previous' }).click();
  await page.getByText('Tasks 1–20 of 1000').waitFor();
  assert.equal(await page.getByLabel('Name of task 1', { exact: true }).inputValue(), 't0');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the timeline explains what is under the mouse and zooms to a dragged range', async () => {
  const { page, problems } = await fresh();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await done(page);
  const range = page.locator('.tl-range');
  assert.match(await range.textContent(), /^Showing 0 ms → /);
  // The mouse only reaches what is on screen: bring the timeline into view first.
  await page.locator('.tl-top').scrollIntoViewIfNeeded();
  const box = await page.locator('.tl-top').boundingBox();
  const LABEL = 120, plot = box.width - LABEL - 8;
  const end = parseFloat(await page.getByTestId('metric-wall').textContent());
  const x = (t) => box.x + LABEL + (plot * t) / end;
  const laneY = box.y + 22 + 9; // axis, then the main-thread lane
  // The note says how to get details with a mouse and on a touch screen.
  assert.match(await page.locator('#timeline-h + p').textContent(), /Hover over a bar, or tap it on a touch screen, for details/);
  // At 100 ms the hog holds the main thread (it computes from ~0 to ~300 ms).
  await page.mouse.move(x(100), laneY);
  await page.locator('.tl-tip', { hasText: 'main thread held by hog' }).waitFor();
  await page.mouse.move(x(50), laneY);
  await page.mouse.down();
  await page.mouse.move(x(150), laneY, { steps: 5 });
  await page.mouse.up();
  const zoomed = await range.textContent();
  assert.doesNotMatch(zoomed, /^Showing 0 ms/, zoomed);
  const [from, to] = zoomed.match(/[\d.]+/g).map(Number);
  assert.ok(from > 30 && from < 70 && to > 130 && to < 170, zoomed);
  await page.getByRole('button', { name: 'Reset zoom' }).click();
  assert.match(await range.textContent(), /^Showing 0 ms → /);
  assert.deepEqual(problems, []);
  await page.close();
});

/// Guards the log's cap: the 10,000-task preset makes 320,000 events (2 + 3 per step, 10 steps
/// a task); the log lists the first 100,000 and says how many later events it does not list.
test('the 10,000-task preset runs to the end and the log says what it leaves out', { timeout: 240_000 }, async () => {
  const { page, problems } = await fresh();
  await page.getByLabel('Preset').selectOption('ten-thousand');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByTestId('run-status').filter({ hasText: /^Done/ }).waitFor({ timeout: 180_000 });
  assert.match(await page.getByTestId('progress-text').textContent(), /^100000 \/ 100000 steps$/);
  const notice = await page.getByTestId('log-cap').textContent();
  assert.match(notice, /keeps the first 100000 lines: 220000 later events are not listed/, notice);
  assert.deepEqual(problems, []);
  await page.close();
});

/// Guards the keyboard path: Enter on Run puts focus on Stop while the run goes on, then on the
/// result; Ctrl+Enter runs from a field; a skip button reaches Run in one Tab after the header.
test('the keyboard keeps its place through a run, and Ctrl+Enter runs from a field', async () => {
  const { page, problems } = await fresh();
  await page.getByLabel('Preset').selectOption('two-sleeps');
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent.trim());
  await page.getByRole('button', { name: 'Run', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('run-status').filter({ hasText: /^Running/ }).waitFor();
  assert.equal(await focused(), 'Stop');
  await page.getByTestId('run-status').filter({ hasText: /^Done/ }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'run-status');
  // From a task's field, Ctrl+Enter runs.
  await page.getByLabel('Name of task 1', { exact: true }).focus();
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('run-status').filter({ hasText: /^Running/ }).waitFor();
  await page.getByTestId('run-status').filter({ hasText: /^Done/ }).waitFor();
  // The skip button is the first control of the page after the site's header.
  await page.getByRole('button', { name: /^Skip to Run/ }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await focused(), 'run-button');
  assert.deepEqual(problems, []);
  await page.close();
});

/// Guards the reader's work: picking a preset after editing offers the edited scenario back,
/// and the restored scenario is what autosave keeps.
test('a preset picked over an edited scenario can be undone', async () => {
  const { page, problems } = await fresh();
  await page.getByLabel('Name of task 1', { exact: true }).fill('mine');
  assert.equal(await page.getByTestId('restore-edited').count(), 0);
  await page.getByLabel('Preset').selectOption('three-waits');
  assert.notEqual(await page.getByLabel('Name of task 1', { exact: true }).inputValue(), 'mine');
  await page.getByRole('button', { name: 'Restore my edited scenario' }).click();
  assert.equal(await page.getByLabel('Name of task 1', { exact: true }).inputValue(), 'mine');
  assert.equal(await page.getByTestId('restore-edited').count(), 0);
  await page.reload();
  await page.getByLabel('Name of task 1', { exact: true }).waitFor();
  assert.equal(await page.getByLabel('Name of task 1', { exact: true }).inputValue(), 'mine');
  assert.deepEqual(problems, []);
  await page.close();
});
