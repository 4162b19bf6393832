// Chapter 2's page (asyncio basics), end to end in Chromium and Firefox: a future left unpolled
// runs nothing until it is awaited (then 42), two 1 s tasks take about 1 s, a task group of 2 s
// and 3 s ends with the longer, and a 1 s timeout stops 2 s of work at 1 s. Each demo runs
// through the page's buttons; the figures checked are the ones the page shows, and each claim's
// row in the claims table says it held.
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

/** The wall time a preset demo's first check shows, ms ("1003 ms, 1.00× 1000 ms"). */
async function presetWall(page, preset) {
  const card = `[data-preset="${preset}"]`;
  await runDemo(page, card);
  const text = await page.locator(`${card} .preset-checks li`).first().textContent();
  const m = text.match(/(\d+) ms/);
  assert.ok(m, `${preset}: no wall time in "${text}"`);
  return { ms: Number(m[1]), text };
}

async function verdict(page, claim) {
  return page.locator(`[data-claim="${claim}"] .claim-verdict`).textContent();
}

test('chapter 2: the demos measure what the tutorial claims', async (t) => {
  const { page, problems } = await open(env, '/learn/asyncio-basics');
  await page.getByRole('heading', { name: 'asyncio basics', level: 1 }).waitFor();
  assert.ok((await page.locator('.lesson-text p').count()) >= 4, 'lesson text rendered');
  assert.match(await page.locator('article.lesson > .code-pair .code-pane.python code').textContent(), /create_task/);
  assert.match(await page.locator('article.lesson > .code-pair .code-pane.rust code').textContent(), /async fn nested/);

  // A future left alone for 500 ms ran nothing; awaiting it ran its body once and gave 42.
  await runDemo(page, '[data-testid="unawaited-demo"]');
  assert.equal(await page.getByTestId('lines-before').textContent(), '0');
  assert.equal(await page.getByTestId('result').textContent(), '42');
  assert.equal(await page.getByTestId('lines-after').textContent(), '1');
  assert.match(await page.getByTestId('unawaited-verdict').textContent(), /^✓/);
  assert.match(await verdict(page, '2_3-unawaited'), /holds/);

  // Two 1 s tasks started together: well under the 2 s they would take one after the other.
  const two = await remeasured('two 1 s tasks', () => presetWall(page, '2_5-two-tasks'),
    ({ ms }) => (ms >= 1000 && ms / 2000 < 0.75 ? null : `${ms} ms is not about 1 s of 2 s`));
  assert.match(await verdict(page, '2_5-two-tasks'), /holds/, two.text);

  // A task group of 2 s and 3 s: about the longer (3 s), far from the sum (5 s).
  const group = await remeasured('task group', () => presetWall(page, '2_7-task-group'),
    ({ ms }) => (ms >= 3000 && ms / 3000 <= 1.3 ? null : `${ms} ms is not about 3 s`));
  assert.ok(group.ms / 5000 < 0.8, group.text);
  assert.match(await verdict(page, '2_7-task-group'), /holds/, group.text);

  // A 1 s timeout around 2 s of work: it gives up at about 1 s.
  const timeout = await remeasured('timeout', () => presetWall(page, '2_8-timeout'),
    ({ ms }) => (ms >= 1000 && ms / 2000 < 0.75 ? null : `${ms} ms is not about 1 s`));
  assert.match(await verdict(page, '2_8-timeout'), /holds/, timeout.text);

  t.diagnostic(`two tasks ${two.ms} ms; task group ${group.ms} ms; timeout ${timeout.ms} ms`);
  const seen = await page.getByTestId('what-you-saw').textContent();
  for (const label of ['Unawaited future', 'Two 1 s tasks', 'task group of 2 s and 3 s', '1 s timeout']) {
    assert.ok(seen.includes(label), `"What you just saw" has ${label}: ${seen}`);
  }
  // With every result on the page, axe finds no serious violation in light or dark.
  const found = await violations(page);
  assert.deepEqual(found, [], found.join('\n'));
  // The demos' scenarios open in the playground.
  const link = page.locator('[data-preset="2_5-two-tasks"] a').filter({ hasText: 'Open in the playground' });
  assert.match(await link.getAttribute('href'), /^\/playground#/);
  assert.deepEqual(problems, []);
  await page.close();
});
