// Chapter 9's page, end to end against the release build: a broker in the page and consumers
// with Web Workers run the tutorial's delay, countdown, retry and periodic examples; each
// verdict is the engine's on measured times, and the claims table records it. Bad input is
// refused beside its field. The periodic run is kept short (every 1 s, 3 times) and its
// jitter check re-measured once before failing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open } from '../support.mjs';
import { seriousViolations } from '../chapters.mjs';
import { enabledAgain, remeasured } from '../remeasure.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const axeBoth = (page) => seriousViolations(page);

/** Clicks `button` and waits for a new result of the `key` example (its data-at changes). */
async function run(page, button, key) {
  const sel = `[data-testid="tq-result-${key}"]`;
  const before = await page.evaluate((s) => document.querySelector(s)?.getAttribute('data-at') ?? null, sel);
  await page.getByRole('button', { name: button }).click();
  await page.waitForFunction(({ s, b }) => {
    const el = document.querySelector(s);
    return !!el && el.getAttribute('data-at') !== b;
  }, { s: sel, b: before }, { timeout: 60_000 });
  await enabledAgain(page, button, 10_000);
  const result = page.getByTestId(`tq-result-${key}`);
  const verdict = result.getByTestId('tq-verdict');
  return { holds: await verdict.getAttribute('data-holds'), text: (await verdict.textContent()).trim(), result };
}

const claim = (page, id) => page.locator(`tr[data-claim="${id}"] .claim-measured`).textContent();

test('the broker: delay, countdown and retries, as the tutorial says', async (t) => {
  const { page, problems } = await open(env, '/learn/task-queues');
  const workers = page.getByLabel('Workers (concurrency)');
  await workers.fill('0');
  assert.match(await page.locator('#tq-workers-msg').textContent(), /must be from 1/);
  assert.ok(await page.getByRole('button', { name: 'Send add(4, 4)' }).isDisabled());
  assert.equal(await workers.inputValue(), '0', 'what was typed is kept');
  await workers.fill('2');

  const delay = await run(page, 'Send add(4, 4)', 'delay');
  t.diagnostic(delay.text);
  assert.equal(delay.holds, 'true');
  assert.match(delay.text, /ready\(\) was False at first, then the result 8 after \d+ polls/);
  assert.match(await claim(page, '9_2-delay'), /✓ holds/);

  const countdown = await run(page, 'Send with a 2 s countdown', 'countdown');
  t.diagnostic(countdown.text);
  assert.equal(countdown.holds, 'true');
  const after = Number(countdown.text.match(/started (\d+) ms after/)[1]);
  assert.ok(after >= 2000, `started ${after} ms after it was sent`);
  assert.match(await claim(page, '9_3-countdown'), /✓ holds/);

  await page.getByLabel('Attempts that fail first').fill('2');
  await page.getByLabel('Max retries').fill('3');
  await page.getByLabel('Retry delay (ms)').fill('300');
  const retry = await run(page, 'Send a flaky job', 'retry');
  t.diagnostic(retry.text);
  assert.equal(retry.holds, 'true');
  assert.match(retry.text, /3 attempts, succeeded with 8; retries came at least \d+ ms after a failure \(delay 300 ms\)/);
  assert.equal((await retry.result.locator('.tq-log td').allTextContents()).filter((x) => /retry \d of 3/.test(x)).length, 2);

  await page.getByLabel('Max retries').fill('six');
  assert.ok(await page.getByRole('button', { name: 'Send a flaky job' }).isDisabled());
  await page.getByLabel('Attempts that fail first').fill('3');
  await page.getByLabel('Max retries').fill('1');
  const out = await run(page, 'Send a flaky job', 'retry');
  t.diagnostic(out.text);
  assert.equal(out.holds, 'true');
  assert.match(out.text, /2 attempts, failed for good/);
  assert.match(await claim(page, '9_4-retry'), /✓ holds: 2 attempts, failed for good/);
  assert.deepEqual(await axeBoth(page), [], 'axe after the runs, light and dark');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the scheduler: a job every 1 s, three times, at measured intervals', async (t) => {
  const { page, problems } = await open(env, '/learn/task-queues');
  await page.getByLabel('Every (seconds)').fill('0.1');
  assert.match(await page.locator('#tq-every-msg').textContent(), /from 0.5 to 10/);
  await page.getByLabel('Every (seconds)').fill('1');
  await page.getByLabel('Runs', { exact: true }).fill('3');
  const figures = await remeasured('a job every 1 s', async () => {
    const r = await run(page, 'Start the schedule', 'every');
    const intervals = (await r.result.getByTestId('tq-interval').allTextContents()).map((s) => Number(s.replace(/[^\d.]/g, '')));
    return { holds: r.holds, text: r.text, intervals };
  }, (f) => (f.holds === 'true' ? null : `not every 1 s: ${f.text}`));
  t.diagnostic(JSON.stringify(figures));
  assert.equal(figures.intervals.length, 3);
  for (const d of figures.intervals) assert.ok(d >= 900 && d <= 1100, `interval ${d} ms within 100 ms of 1000`);
  assert.match(figures.text, /3 runs, every \d+ ms on average \(asked 1000 ms\), jitter at most \d+ ms/);
  assert.match(await claim(page, '9_5-every'), /✓ holds: 3 runs/);
  assert.match(await page.getByTestId('what-you-saw').textContent(), /A job every N seconds/);
  assert.deepEqual(problems, []);
  await page.close();
});
