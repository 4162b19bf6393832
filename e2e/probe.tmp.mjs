import { start, openFresh } from './support.mjs';
const env = await start();
const { page, problems } = await openFresh(env, '/playground', 'Event-loop playground');
await page.getByLabel('Preset').selectOption({ label: 'Three 200 ms waits' });
await page.getByLabel('Name of task 1', { exact: true }).fill('alpha');
await page.getByLabel('Step 1 of task 1 (ms)').fill('120');
await page.getByLabel('Start delay (ms) of task 2').fill('30');
await page.getByRole('button', { name: 'Add a CPU work step to task 3' }).click();
await page.getByLabel('Step 2 of task 3 (ms)').fill('40');
await page.getByRole('button', { name: 'Run', exact: true }).click();
await page.getByTestId('run-status').filter({ hasText: /^Done/ }).waitFor({ timeout: 30_000 });
const tl = page.getByTestId('timeline');
for (let i = 0; i < 4; i++) {
  console.log(await tl.locator('rect.seg.k-run').count(), await tl.locator('rect.seg').count(), await tl.locator('path.seg').count(), await tl.locator('.seg').evaluateAll(els => els.map(e => e.getAttribute('class') + ' ' + (e.getAttribute('width') ?? '')).join(' | ')));
  await page.waitForTimeout(500);
}
console.log(await page.getByTestId('metric-wall').textContent(), await page.getByRole('list', { name: 'Event log' }).getByRole('listitem').allTextContents());
console.log(problems);
await env.close();
