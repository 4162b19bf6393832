// Benchmarks of the worker pool, against the release build in a real Chromium:
//   1. speedup of the CPU-bound batch (8 tasks × 200 units) on N = 1 and N = 2 workers
//      (the page's speedup sweep: each N measured 5 times interleaved, best kept; repeated),
//   2. pool warm start (all workers ready) and each worker's start-up, over fresh page loads,
//   3. the small-message round trip (mean of 100 pings, on each load),
//   4. the calibration: ms per unit in a worker when 1 unit ≈ 1 ms on the page.
// Run: trunk build --release && cd e2e && node bench/workers.bench.mjs [loads] [sweeps]
// Not a test: it prints numbers. Note the machine's load average beside them.
import os from 'node:os';
import { start, open } from '../support.mjs';

const LOADS = Number(process.argv[2] ?? 5);
const SWEEPS = Number(process.argv[3] ?? 3);
const num = (t) => Number(t.replace(/[^\d.]/g, ''));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs, d = 1) => `median ${median(xs).toFixed(d)}, min ${Math.min(...xs).toFixed(d)}, max ${Math.max(...xs).toFixed(d)} (n=${xs.length})`;

const env = await start();
console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);

const warm = [], pings = [], perUnit = [], startups = [];
for (let i = 0; i < LOADS; i++) {
  const { page } = await open(env, '/compare');
  await page.getByTestId('pool-status').waitFor({ timeout: 60_000 });
  warm.push(num(await page.getByTestId('pool-warm').textContent()));
  pings.push(num(await page.getByTestId('ping').textContent()));
  const cal = await page.getByTestId('calibration').textContent();
  const m = cal.match(/, ([\d.]+) ms in a worker/);
  if (m) perUnit.push(Number(m[1]));
  const each = await page.locator('dl.pool-status dd').nth(2).textContent();
  startups.push(...each.split('·').map(num));
  await page.close();
}
console.log(`pool warm start, all ${await (async () => { const { page } = await open(env, '/compare'); const n = await page.evaluate(() => navigator.hardwareConcurrency); await page.close(); return n; })()} workers ready (ms): ${fmt(warm)}`);
console.log(`each worker's start-up (ms): ${fmt(startups)}`);
console.log(`small-message round trip (ms, mean of 100 each): ${fmt(pings, 3)}`);
console.log(`1 page unit in a worker (ms): ${fmt(perUnit, 2)}`);

const { page } = await open(env, '/compare');
await page.getByTestId('pool-status').waitFor({ timeout: 60_000 });
await page.getByLabel('Scenario').selectOption({ label: 'CPU-bound: 8 tasks × 200 units of work' });
const one = [], two = [];
for (let s = 0; s < SWEEPS; s++) {
  await page.getByRole('button', { name: /^Measure speedup for N = 1…/ }).click();
  await page.getByTestId('busy').filter({ hasText: /\S/ }).waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=busy]')?.textContent === '', null, { timeout: 300_000 });
  one.push(num(await page.getByTestId('speedup-wall-1').textContent()));
  two.push(num(await page.getByTestId('speedup-wall-2').textContent()));
  console.log(`sweep ${s + 1}: N=1 ${one.at(-1)} ms, N=2 ${two.at(-1)} ms, speedup ${(one.at(-1) / two.at(-1)).toFixed(2)}×`);
}
const sp = one.map((o, i) => o / two[i]);
console.log(`8 × 200 units: N=1 ${fmt(one, 0)} ms; N=2 ${fmt(two, 0)} ms; speedup ${fmt(sp, 2)}× (target ≥ 0.9·2 = 1.8 on an idle machine)`);
console.log(`load average after: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
await page.close();
await env.close();
