// The page's worker lab takes one demo at a time (src/ui/shared/lab.rs): a demo started while
// another demo of the same page holds the workers says it is waiting, then runs when its turn
// comes. Both notes are checked: the shared one (waiting_note) and page 3's own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open } from '../support.mjs';
import { enabledAgain } from '../remeasure.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('page 3: the second workload waits for the first, says so, and then runs', async () => {
  const { page, problems } = await open(env, '/learn/concurrency-vs-parallelism');
  const cpu = 'Run the cpu-bound tasks three ways';
  const io = 'Run the i/o-bound tasks three ways';
  await page.getByRole('button', { name: cpu }).click();
  await page.getByRole('button', { name: io }).click();
  const note = page.getByText("Waiting for the other workload's run to finish with the workers…");
  await note.waitFor({ timeout: 10_000 });
  assert.equal(await note.count(), 1, 'only the waiting demo says it waits');
  // The first run finishes, then the waiting one runs to its end and the note goes.
  await page.getByTestId('tw-cpu-bound-row-2').waitFor({ timeout: 60_000 });
  await page.getByTestId('tw-i-o-bound-row-2').waitFor({ timeout: 60_000 });
  await enabledAgain(page, io, 60_000);
  assert.equal(await note.count(), 0, 'the note goes when the run has had its turn');
  assert.deepEqual(problems, []);
  await page.close();
});

test('page 2: a demo started while the race runs shows the shared waiting note, then runs', async () => {
  const { page, problems } = await open(env, '/learn/thread-vs-process');
  await page.getByLabel('Increments per worker').fill('200000');
  await page.getByRole('button', { name: 'Race with plain increments' }).click();
  await page.getByRole('button', { name: 'Send a copy (ArrayBuffer)' }).click();
  const note = page.getByText('Waiting for the other demo on this page to finish with the workers…');
  await note.waitFor({ timeout: 10_000 });
  await page.getByTestId('race-row-plain').getByTestId('race-lost').waitFor({ timeout: 60_000 });
  const copy = page.getByTestId('tp-row-copy').getByTestId('tp-page-after');
  await copy.waitFor({ timeout: 30_000 });
  assert.equal((await copy.textContent()).trim(), '1');
  assert.equal(await note.count(), 0, 'the note goes when the demo has had its turn');
  assert.deepEqual(problems, []);
  await page.close();
});
