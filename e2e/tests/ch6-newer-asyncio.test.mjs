// Chapter 6's page, end to end against the release build: the eager-start demo counts exactly
// the executor turns the engine's model predicts (and the claims table records it), bad input
// is refused beside its field, eager is faster than lazy here (a ratio within one run,
// re-measured once), and the queue-shutdown presets run with their checks holding.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open } from '../support.mjs';
import { seriousViolations } from '../chapters.mjs';
import { enabledAgain, remeasured } from '../remeasure.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const axeBoth = (page) => seriousViolations(page);

const RUN = 'Run both ways';

test('eager start: the turns counted are exactly the model\'s, and eager is faster here', async (t) => {
  const { page, problems } = await open(env, '/learn/newer-asyncio');
  const tasks = page.getByLabel('Tasks', { exact: true });
  await tasks.fill('lots');
  assert.match(await page.locator('#eager-tasks-msg').textContent(), /whole number/);
  assert.ok(await page.getByRole('button', { name: RUN }).isDisabled());
  assert.equal(await tasks.inputValue(), 'lots', 'what was typed is kept');
  await tasks.fill('20000');
  const awaiting = page.getByLabel('Of which await once');
  await awaiting.fill('20001');
  assert.match(await page.locator('#eager-awaiting-msg').textContent(), /from 0 to 20000/);
  assert.ok(await page.getByRole('button', { name: RUN }).isDisabled());
  await awaiting.fill('100');
  assert.match(await page.getByTestId('eager-model').textContent(), /20100 executor turns for the lazy start.* 100 for the eager/);

  const verdict = page.getByTestId('eager-verdict');
  const figures = await remeasured('eager vs lazy start, 20000 tasks', async () => {
    const sel = '[data-testid="eager-verdict"]';
    const before = await page.evaluate((s) => document.querySelector(s)?.getAttribute('data-at') ?? null, sel);
    await page.getByRole('button', { name: RUN }).click();
    await page.waitForFunction(({ s, b }) => {
      const el = document.querySelector(s);
      return !!el && el.getAttribute('data-at') !== b;
    }, { s: sel, b: before }, { timeout: 60_000 });
    await enabledAgain(page, RUN, 10_000);
    return {
      lazy: (await page.getByTestId('eager-lazy-turns').textContent()).trim(),
      eager: (await page.getByTestId('eager-eager-turns').textContent()).trim(),
      holds: await verdict.getAttribute('data-holds'),
      ratio: Number(await verdict.getAttribute('data-ratio')),
    };
  }, (f) => (f.ratio > 1 ? null : `eager was not faster (${f.ratio}×)`));
  t.diagnostic(`eager start: ${JSON.stringify(figures)}`);
  assert.equal(figures.lazy, '20100');
  assert.equal(figures.eager, '100');
  assert.equal(figures.holds, 'true');
  assert.match(await verdict.textContent(), /exactly the model's turns/);
  assert.match(await page.getByTestId('what-you-saw').textContent(), /20100 turns lazily, 100 eagerly/);
  const claim = page.locator('tr[data-claim="6_1-eager"] .claim-measured');
  assert.deepEqual(await axeBoth(page), [], 'axe after the runs, light and dark');
  assert.match(await claim.textContent(), /✓ holds: 20100 turns lazily, 100 eagerly \(model: 20100, 100\); eager [\d.]+× faster in this browser/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('queue shutdown: a put after it raises, and a waiting getter is woken and raises', async () => {
  const { page, problems } = await open(env, '/learn/newer-asyncio');
  for (const id of ['6_4-shutdown', '6_4-getters']) {
    const demo = page.locator(`[data-preset="${id}"]`);
    await demo.getByRole('button', { name: 'Run it' }).click();
    await demo.locator('.preset-checks li').first().waitFor({ timeout: 30_000 });
    assert.equal(await demo.locator('.preset-checks li.fails').count(), 0, `${id}: every check holds`);
    assert.ok(await demo.locator('.preset-checks li.holds').count() >= 1);
  }
  assert.match(await page.locator('tr[data-claim="6_4-shutdown"] .claim-measured').textContent(), /✓ holds/);
  assert.match(await page.locator('[data-preset="6_4-getters"] .preset-checks').textContent(), /consumer/);
  assert.deepEqual(problems, []);
  await page.close();
});
