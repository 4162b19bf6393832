// Chapter 5's page end to end against the release build: each demo runs for real on the page's
// event loop, and the test reads the timed log it wrote (not only the page's verdict): the early
// read of a task's exception fails and the late one gets it, the loop's exception handler speaks
// only after "main done", a cancelled task's cleanup runs before it ends cancelled, a chain of
// two 1 s done callbacks ends after about twice its first link, a bare future is awaited until
// it is set to 10, and the queue's consumer is cancelled. Timings are ratios or orders within one
// run, re-measured once before a test fails (../remeasure.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open } from '../support.mjs';
import { seriousViolations } from '../chapters.mjs';
import { remeasured } from '../remeasure.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const axeAfterRuns = (page) => seriousViolations(page);

/// Runs the demo `key` and returns its log as [{ t, text }] and the page's verdict.
async function runDemo(page, key) {
  const card = page.locator(`[data-demo="${key}"]`);
  await card.getByRole('button', { name: 'Run it' }).click();
  const verdict = card.locator('.ch5-verdict');
  await verdict.waitFor({ timeout: 30_000 });
  // A rerun replaces the verdict: wait for the button to come back before reading.
  await page.waitForFunction((k) => {
    const b = document.querySelector(`[data-demo="${k}"] button`);
    return b && !b.disabled;
  }, key, { timeout: 30_000 });
  const lines = (await card.locator('.ch5-log li').allTextContents()).map((s) => {
    const m = s.match(/^\s*([\d.]+) ms (.*)$/s);
    assert.ok(m, `a log line reads "<time> ms <what>": ${s}`);
    return { t: Number(m[1]), text: m[2].trim() };
  });
  return { lines, holds: await verdict.getAttribute('data-holds'), value: await verdict.textContent() };
}

const at = (lines, re) => lines.findIndex((l) => re.test(l.text));

async function claimHolds(page, id) {
  const cell = page.locator(`[data-claim="${id}"] .claim-verdict`);
  await cell.waitFor({ timeout: 5_000 });
  return (await cell.getAttribute('class')).includes('holds');
}

test('chapter 5: failures, the exception handler, cancellation, callbacks and a bare future', async (t) => {
  const { page, problems } = await open(env, '/learn/advanced-asyncio');

  const failure = await remeasured('a task failing at 0.1 s beside a 1 s task', () => runDemo(page, 'failure'), (r) => {
    const fail = r.lines.find((l) => /^fails raised/.test(l.text));
    const works = r.lines.find((l) => /^works finished/.test(l.text));
    if (!fail || !works) return 'a task did not end';
    return works.t / fail.t >= 2 ? null : `works ended at ${works.t} ms, only ${works.t / fail.t}× the failure's ${fail.t} ms`;
  });
  t.diagnostic(failure.value);
  const reads = failure.lines.filter((l) => /^fails\.exception\(\)/.test(l.text));
  assert.equal(reads.length, 2);
  assert.match(reads[0].text, /raised InvalidStateError/, 'reading before the task is done is an error');
  assert.equal(reads[1].text, 'fails.exception() → ValueError: something went wrong');
  assert.ok(at(failure.lines, /^fails raised/) < failure.lines.indexOf(reads[1]));
  assert.equal(failure.holds, 'true');

  const handler = await runDemo(page, 'handler');
  t.diagnostic(handler.value);
  const done = at(handler.lines, /^main done$/);
  const report = at(handler.lines, /^exception handler: orphan: exception never retrieved: RuntimeError/);
  const failed = at(handler.lines, /^orphan raised/);
  assert.ok(failed >= 0 && done > failed, 'the orphan failed while main was still running');
  assert.ok(report > done, 'the handler speaks only after main is done');
  assert.ok(handler.lines[report].t >= handler.lines[done].t);
  assert.equal(handler.holds, 'true');

  const cancel = await remeasured('cancel after 10 ms', () => runDemo(page, 'cancel'), (r) => {
    const ended = r.lines.find((l) => /ended cancelled/.test(l.text));
    return ended && ended.t < 500 ? null : `the 1 s task ended at ${ended?.t} ms`;
  });
  const texts = cancel.lines.map((l) => l.text);
  assert.ok(texts.indexOf('main: worker.cancel()') < texts.indexOf('worker: cleanup ran'));
  assert.ok(texts.indexOf('worker: cleanup ran') < texts.indexOf('worker ended cancelled'));
  assert.ok(!texts.includes('worker finished'));
  assert.equal(cancel.holds, 'true');

  const chain = await remeasured('two 1 s links of done callbacks', () => runDemo(page, 'callbacks'), (r) => {
    const first = r.lines.find((l) => l.text === 'done callback 1 ran');
    const woke = r.lines.find((l) => /^main woke/.test(l.text));
    if (!first || !woke) return 'the chain did not end';
    const ratio = woke.t / first.t;
    return ratio >= 1.8 && ratio <= 2.4 ? null : `main woke at ${ratio.toFixed(2)}× the first link`;
  });
  t.diagnostic(chain.value);
  const order = chain.lines.map((l) => l.text).filter((s) => /^done callback|^event set|^main woke/.test(s));
  assert.deepEqual(order, ['done callback 1 ran', 'done callback 2 ran', 'event set', 'main woke: the chain is over']);
  assert.equal(chain.holds, 'true');

  const future = await runDemo(page, 'future');
  t.diagnostic(future.value);
  const set = future.lines.find((l) => l.text === 'future set to 10');
  const got = future.lines.find((l) => l.text === 'waiter got 10');
  assert.ok(set && got && future.lines.indexOf(got) > future.lines.indexOf(set), 'the waiter got 10 only after it was set');
  assert.ok(got.t >= 500, `the waiter waited for the 500 ms setter (got it at ${got.t} ms)`);

  const queue = page.locator('[data-preset="5_5-queue"]');
  await queue.getByRole('button', { name: 'Run it' }).click();
  await queue.locator('.preset-checks').waitFor({ timeout: 30_000 });
  assert.equal(await queue.locator('.preset-checks li.fails').count(), 0, await queue.locator('.preset-checks').textContent());

  for (const id of ['5_1-failure', '5_2-handler', '5_3-cancel', '5_4-callbacks', '5_5-queue', '5_6-future']) {
    assert.ok(await claimHolds(page, id), `the claims table shows ${id} holding`);
  }
  const seen = await page.getByTestId('what-you-saw').locator('dt').allTextContents();
  assert.equal(seen.length, 6, `one fact per demo: ${seen.join(' | ')}`);
  assert.ok(seen.includes("The loop's exception handler (5_2)"));
  assert.deepEqual(await axeAfterRuns(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});
