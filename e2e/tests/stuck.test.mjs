// The "Why is it stuck?" page, end to end (Chromium and Firefox): each deadlock preset runs for
// real, is stopped the moment its tasks are stuck for good, and the page names the cycle (or the
// wait no task can end); a tutorial example ends on its own with the answer the model predicted;
// the reader can step back through the run with the keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open } from '../support.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Picks a scenario by its title, runs it and waits for the run's headline. */
async function run(page, title) {
  await page.getByLabel('Scenario', { exact: true }).selectOption({ label: title });
  await page.getByTestId('stuck-story').waitFor();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const status = page.getByTestId('stuck-status').filter({ hasText: /^(Stuck for good|The run ended)/ });
  await status.waitFor({ timeout: 30_000 });
  return status.textContent();
}

const DEADLOCKS = [
  { title: 'Two locks taken in opposite orders', cycle: 4, why: /T\d waits for lock [AB], held by T\d, which waits for lock [AB], held by T\d/ },
  { title: 'Five dining philosophers', cycle: 10, why: /P\d waits for lock fork\d, held by P\d, which waits/ },
  { title: 'A barrier waiting for more parties than there are', cycle: 0, why: /waits at barrier B \(\d of 3 arrived\)/ },
  { title: 'A consumer whose producer has ended', cycle: 0, why: /consumer waits for an item in queue Q, and no task that can still run will put into it/ },
  { title: 'A lock never released before a failure', cycle: 0, why: /other waits for lock L, held by worker, which failed without releasing it/ },
];

test('every deadlock preset is stopped when stuck, with its cycle drawn and explained', async () => {
  const { page, problems } = await open(env, '/stuck');
  await page.getByRole('heading', { name: 'Why is it stuck?' }).waitFor();
  for (const d of DEADLOCKS) {
    const headline = await run(page, d.title);
    assert.match(headline, /^Stuck for good at \d+ ms/, d.title);
    assert.match(headline, d.cycle ? /a deadlock, tasks waiting in a cycle/ : /no task that can still run will wake the waiters/, d.title);
    assert.match(await page.getByTestId('stuck-why').textContent(), d.why, d.title);
    // The graph shows the moment it was found: the cycle's edges are marked.
    const label = await page.getByTestId('wait-graph').getAttribute('aria-label');
    if (d.cycle) assert.match(label, new RegExp(`a cycle of ${d.cycle} edges`), `${d.title}: ${label}`);
    else assert.doesNotMatch(label, /cycle/, `${d.title}: ${label}`);
    // The run matched the model up to the deadlock (or differs only as the model documents).
    assert.match(await page.getByTestId('vs-model').textContent(), /same \d+ events, in the same order|Explained: two timers/, d.title);
    // The reader's question was "will it end?", and the run answers "stuck".
    assert.match(await page.getByTestId('observed-answer').textContent(), /It gets stuck for good/, d.title);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('the race ends on its own at 1, as guessed and as the model predicts', async () => {
  const { page, problems } = await open(env, '/stuck');
  await page.getByLabel('Scenario', { exact: true }).selectOption({ label: 'A counter without a lock (tutorial 4_1)' });
  await page.getByLabel('1', { exact: true }).check();
  await page.getByRole('button', { name: "Show the model's prediction" }).click();
  assert.match(await page.getByTestId('model-says').textContent(), /says: 1\./);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByTestId('stuck-status').filter({ hasText: /^The run ended on its own/ }).waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('observed-answer').textContent(), '1 ✓');
  assert.deepEqual(problems, []);
  await page.close();
});

test('stepping back with the keyboard shows the lock held and its waiters', async () => {
  const { page, problems } = await open(env, '/stuck');
  await run(page, 'Two locks taken in opposite orders');
  const at = page.getByTestId('step-at');
  const found = await at.textContent();
  // From the deadlock, step back to the start and forwards again with the buttons, by keyboard.
  await page.getByRole('button', { name: '◀ Back' }).focus();
  await page.keyboard.press('Enter');
  assert.notEqual(await at.textContent(), found);
  await page.getByRole('button', { name: 'Start', exact: true }).focus();
  await page.keyboard.press('Enter');
  assert.match(await at.textContent(), /^Before the first of \d+ events/);
  await page.getByRole('button', { name: 'Go to the deadlock' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await at.textContent(), found);
  // At the deadlock both locks are held and each has a waiter.
  const state = await page.locator('.step-state').textContent();
  assert.match(state, /lock A\s*held by T\d; waiting: T\d/);
  assert.match(state, /lock B\s*held by T\d; waiting: T\d/);
  // Selecting a task in the list explains it.
  await page.getByTestId('waits').getByRole('button').first().click();
  assert.match(await page.getByTestId('selected-why').textContent(), /waits for lock/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a link to a step opens the scenario, runs it and shows that step; a bad link says why', async () => {
  const { page, problems } = await open(env, '/stuck#scene=dl-opposite-locks&step=3');
  await page.getByTestId('stuck-status').filter({ hasText: /^Stuck for good/ }).waitFor({ timeout: 30_000 });
  assert.equal(await page.getByLabel('Scenario', { exact: true }).inputValue(), 'dl-opposite-locks');
  assert.match(await page.getByTestId('step-at').textContent(), /^After event 3 of \d+/);
  // The copied link points at the step shown.
  await page.getByRole('button', { name: 'Forward ▶' }).click();
  await page.getByRole('button', { name: 'Copy a link to this step' }).click();
  assert.match(await page.getByTestId('link-note').textContent(), /\/stuck#scene=dl-opposite-locks&step=4/);
  await page.goto(env.url + '/stuck#scene=no-such-scene');
  assert.match(await page.getByRole('alert').textContent(), /this page has no scenario “no-such-scene”/);
  assert.deepEqual(problems, []);
  await page.close();
});
