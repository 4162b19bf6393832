// Chapter 4's page (synchronisation), end to end in Chromium and Firefox: the race ends at 1 and
// the lock counts every task; Semaphore(n) with n from the slider takes the wall time the model
// predicts (n = 2: 2–3 s, as the tutorial says; n = 4: half that); Barrier(3) goes filling 2/3 →
// draining 0/3 → filling 0/3; an event set after 1 s wakes its waiter; and our condition example
// wakes three consumers after the producer notifies. Each claim's row in the claims table held.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open } from '../support.mjs';
import { runDemoCard, seriousViolations } from '../chapters.mjs';
import { remeasured } from '../remeasure.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const violations = (page) => seriousViolations(page);
const runDemo = runDemoCard;

/** Runs a preset demo and returns its checks' texts. */
async function presetChecks(page, preset) {
  const card = `[data-preset="${preset}"]`;
  await runDemo(page, card);
  return page.locator(`${card} .preset-checks li`).allTextContents();
}

async function verdict(page, claim) {
  return page.locator(`[data-claim="${claim}"] .claim-verdict`).textContent();
}

const ms = (text) => Number(text.replace(/[^\d.]/g, ''));

/** Runs the semaphore demo at the slider's value and reads its row of the runs table. */
async function semaphoreRun(page, n) {
  await runDemo(page, '[data-testid="semaphore-demo"]');
  const row = page.locator(`[data-testid="sem-runs"] tr[data-permits="${n}"]`);
  return {
    predicted: ms(await row.locator('.sem-predicted').textContent()),
    measured: ms(await row.locator('.sem-measured').textContent()),
    inside: Number(await row.locator('.sem-inside').textContent()),
  };
}

test('chapter 4: the demos measure what the tutorial claims', async (t) => {
  const { page, problems } = await open(env, '/learn/synchronisation');
  await page.getByRole('heading', { name: 'Synchronisation', level: 1 }).waitFor();
  assert.ok((await page.locator('.lesson-text p').count()) >= 5, 'lesson text rendered');
  assert.match(await page.locator('article.lesson > .code-pair .code-pane.python code').textContent(), /async with lock/);
  assert.match(await page.locator('article.lesson > .code-pair .code-pane.rust code').textContent(), /lock_owned/);

  // The race: every task wrote 0 + 1. Under the lock: one per task.
  assert.deepEqual(await presetChecks(page, '4_1-race'), ['✓ counter ended at 1']);
  assert.match(await verdict(page, '4_1-race'), /holds/);
  assert.deepEqual(await presetChecks(page, '4_2-locked'), ['✓ counter ended at 100']);
  assert.match(await verdict(page, '4_2-locked'), /holds/);

  // Semaphore(2) (the slider starts there), then Semaphore(4): the model's wall time, and 2 then 4 inside at once.
  const slider = page.getByLabel('Permits n');
  assert.equal(await page.getByTestId('sem-n').textContent(), '2');
  assert.match(await page.getByTestId('sem-prediction').textContent(), /predicts 20\d\d ms: 2 round/);
  const pair = await remeasured('Semaphore(2) vs Semaphore(4)', async () => {
    await slider.press('Home'); // 1 permit
    await slider.press('ArrowRight'); // 2
    assert.equal(await page.getByTestId('sem-n').textContent(), '2');
    const two = await semaphoreRun(page, 2);
    await slider.press('End');
    assert.equal(await page.getByTestId('sem-n').textContent(), '4');
    assert.match(await page.getByTestId('sem-prediction').textContent(), /predicts 10\d\d ms: 1 round/);
    const four = await semaphoreRun(page, 4);
    return { two, four };
  }, ({ two, four }) => {
    if (two.inside !== 2 || four.inside !== 4) return `inside at once: ${two.inside} and ${four.inside}, not 2 and 4`;
    if (!(two.measured / 1000 >= 2 && two.measured / 1000 <= 3)) return `Semaphore(2) took ${two.measured} ms, not 2–3 s`;
    for (const r of [two, four]) {
      const ratio = r.measured / r.predicted;
      if (!(ratio >= 0.99 && ratio <= 1.25)) return `measured ${r.measured} ms vs predicted ${r.predicted} ms`;
    }
    const halves = two.measured / four.measured;
    return halves >= 1.6 && halves <= 2.4 ? null : `Semaphore(2) / Semaphore(4) = ${halves.toFixed(2)}, not about 2`;
  });
  assert.ok(pair.two.predicted > pair.four.predicted);
  t.diagnostic(`Semaphore(2) ${JSON.stringify(pair.two)}; Semaphore(4) ${JSON.stringify(pair.four)}`);
  assert.match(await verdict(page, '4_3-semaphore'), /holds/);

  // Barrier(3): its phases, read from the run's log, as the tutorial prints them.
  await runDemo(page, '[data-testid="barrier-demo"]');
  const phases = await page.locator('[data-testid="barrier-phases"] .barrier-words').allTextContents();
  assert.deepEqual(phases, ['filling, waiters 1/3', 'filling, waiters 2/3', 'draining, waiters 0/3', 'filling, waiters 0/3']);
  assert.match(await verdict(page, '4_4-barrier'), /holds/);

  // The event: the waiter wakes when the setter sets it after 1 s.
  const event = await presetChecks(page, '4_5-event');
  assert.ok(event.every((c) => c.startsWith('✓')), event.join('; '));
  assert.match(await verdict(page, '4_5-event'), /holds/);

  // Our condition example: three consumers pass after the producer's notify_all at 1 s.
  const cond = await presetChecks(page, '4_condition');
  assert.ok(cond.every((c) => c.startsWith('✓')), cond.join('; '));
  t.diagnostic(`event: ${event.join('; ')}; condition: ${cond.join('; ')}`);
  assert.match(cond[0], /^✓ 3 passed cond at 1\d\d\d–1\d\d\d ms$/);
  assert.match(await verdict(page, '4_condition'), /holds/);

  const seen = await page.getByTestId('what-you-saw').textContent();
  for (const label of ['A counter without a lock', 'Semaphore(2)', 'Semaphore(4)', 'Barrier(3) phases', 'An event set after 1 s', 'A condition']) {
    assert.ok(seen.includes(label), `"What you just saw" has ${label}: ${seen}`);
  }
  // With every result on the page, axe finds no serious violation in light or dark.
  const found = await violations(page);
  assert.deepEqual(found, [], found.join('\n'));
  const link = page.locator('[data-testid="semaphore-demo"] a').filter({ hasText: 'Open in the playground' });
  assert.match(await link.getAttribute('href'), /^\/playground#/);
  assert.deepEqual(problems, []);
  await page.close();
});
