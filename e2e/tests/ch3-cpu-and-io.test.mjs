// Chapter 3 (/learn/cpu-and-io), end to end in Chromium and Firefox: three simulated requests
// whose latencies come from the reader's seeded distribution, gathered and in turn on the page's
// event loop; CPU-bound jobs on a pool of workers; and a fresh worker's start-up against a warm
// pool's. Each demo's claim is checked as a ratio within one run, re-measured once before a test
// fails (../remeasure.mjs), and must appear in the chapter's claims table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openFresh } from '../support.mjs';
import { seriousViolations } from '../chapters.mjs';
import { enabledAgain, remeasured } from '../remeasure.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const violations = (page) => seriousViolations(page);

const num = (text) => Number(text.replace(/[^\d.]/g, ''));
const HEADING = 'CPU-bound and I/O-bound work';

/** The engine's draw (SplitMix64, uniform within ± spread, whole ms), written again here. */
function draw(seed, n, mean, spread) {
  const M = (1n << 64n) - 1n;
  let s = BigInt(seed);
  const out = [];
  for (let i = 0; i < n; i += 1) {
    s = (s + 0x9e3779b97f4a7c15n) & M;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M;
    z ^= z >> 31n;
    const u = Number(z >> 11n) / 2 ** 53;
    out.push(Math.max(1, Math.round(mean - spread + 2 * spread * u)));
  }
  return out;
}

/** Whether the demo under `scope` said the machine was measurably busy (see tour-workers). */
async function busy(scope) {
  const note = scope.locator('.verdict');
  return (await note.getAttribute('data-testid')) === 'verdict-noise'
    && /^Your machine was busy/.test(await note.textContent());
}

/** The claims table's reading of `id` on this page. */
async function claim(page, id) {
  return page.locator(`tr[data-claim="${id}"] .claim-measured`).textContent();
}

test('three requests: gathered ≈ the slowest alone, in turn ≈ the sum; the seed reproduces the draw', async (t) => {
  const { page, problems } = await openFresh(env, '/learn/cpu-and-io', HEADING);
  const send = 'Send the three requests';
  const mean = page.getByLabel('Mean latency (ms)');
  await mean.fill('soon');
  assert.match(await page.locator('#ch3-mean-msg').textContent(), /number of milliseconds/);
  assert.ok(await page.getByRole('button', { name: send }).isDisabled());
  assert.equal(await mean.inputValue(), 'soon', 'what was typed is kept');
  await mean.fill('150');
  await page.getByLabel('Spread (± ms)').fill('100');
  assert.match(await page.locator('#ch3-spread-msg').textContent(), /from 0 to 75 ms \(at most half the mean\)/);
  assert.ok(await page.getByRole('button', { name: send }).isDisabled());
  await page.getByLabel('Spread (± ms)').fill('40');
  await page.getByLabel('Seed').fill('7');
  const want = draw(7, 3, 150, 40);
  const model = want.reduce((a, b) => a + b, 0) / Math.max(...want);
  const row = (i) => page.getByTestId(`req-row-${i}`).getByTestId('req-ratio');
  const f = await remeasured('three requests gathered and in turn', async () => {
    await page.getByRole('button', { name: send }).click();
    await enabledAgain(page, send, 60_000);
    await row(2).waitFor({ timeout: 5_000 });
    return {
      drawn: await page.getByTestId('ch3-drawn').textContent(),
      inTurn: num(await row(0).textContent()),
      gathered: num(await row(1).textContent()),
    };
  }, (m) => (Math.abs(m.gathered - 1) <= 0.15 && Math.abs(m.inTurn - model) <= 0.15 * model
    ? null : `gathered ${m.gathered}× (≈1 wanted), in turn ${m.inTurn}× (≈${model.toFixed(2)} wanted)`));
  t.diagnostic(`seed 7 drew ${want.join(', ')} ms: gathered ${f.gathered}×, in turn ${f.inTurn}× the slowest alone (model ${model.toFixed(2)}×)`);
  assert.equal(f.drawn, `Seed 7 drew ${want.map((x) => `${x} ms`).join(', ')}.`);
  assert.match(await claim(page, '3_1-gather'), /^✓ holds: /);
  assert.match(await claim(page, '3_1-sequential'), /^✓ holds: /);
  assert.equal(await page.getByRole('figure', { name: /Request timeline/ }).count(), 2);
  const link = await page.getByRole('link', { name: 'Open these three requests in the playground' }).getAttribute('href');
  assert.match(link, /^\/playground#share=/);
  assert.match(await page.getByTestId('what-you-saw').textContent(), /Three requests.*seed 7 drew/s);
  // The results, and a field's message, read well in both schemes.
  await mean.fill('soon');
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('CPU-bound jobs on a pool of 2 workers are at least 1.5× faster than one after another', async (t) => {
  const { page, problems } = await openFresh(env, '/learn/cpu-and-io', HEADING);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const run = 'Run the jobs on the pool';
  const workers = page.getByLabel('Workers in the pool');
  await workers.fill('0');
  assert.match(await page.locator('#ch3-workers-msg').textContent(), /logical cores/);
  assert.ok(await page.getByRole('button', { name: run }).isDisabled());
  await workers.fill(String(Math.min(2, cores)));
  const demo = page.locator('.ch3-pool');
  const f = await remeasured('a pool of 2 against one worker', async () => {
    await page.getByRole('button', { name: run }).click();
    await enabledAgain(page, run, 90_000);
    await page.getByTestId('pool-row-1').waitFor({ timeout: 5_000 });
    return {
      speedup: num(await page.getByTestId('pool-row-1').getByTestId('pool-speedup').textContent()),
      busy: await busy(demo),
    };
  }, (m) => (cores < 2 || m.busy || m.speedup >= 1.5 ? null : `${m.speedup}× < 1.5×`));
  t.diagnostic(`pool of ${Math.min(2, cores)} on ${cores} cores: ${f.speedup}×${f.busy ? ' (the page said the machine was busy)' : ''}`);
  assert.doesNotMatch(await page.getByRole('table', { name: 'Pool results' }).textContent(), /MISMATCH/);
  const recorded = await claim(page, '3_2-pool');
  if (cores < 2) {
    assert.match(recorded, /^✗ does not hold: .*logical core/);
  } else if (f.busy) {
    assert.match(recorded, /^✗ does not hold: .*busy/);
  } else {
    assert.ok(f.speedup >= 1.5, `${f.speedup}×`);
    assert.match(recorded, /^✓ holds: .*faster with 2 workers/);
  }
  assert.equal(await page.getByRole('figure', { name: /Pool timeline/ }).count(), 2);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a fresh worker costs several times a warm pool worker for the same job', async (t) => {
  const { page, problems } = await openFresh(env, '/learn/cpu-and-io', HEADING);
  const run = 'Measure a fresh worker against a warm one';
  const demo = page.locator('.ch3-fork-spawn');
  const f = await remeasured('a fresh worker against a warm one', async () => {
    await page.getByRole('button', { name: run }).click();
    await enabledAgain(page, run, 90_000);
    await page.getByTestId('fs-row-1').waitFor({ timeout: 5_000 });
    return { ratio: num(await page.getByTestId('fs-row-0').getByTestId('fs-ratio').textContent()), busy: await busy(demo) };
  }, (m) => (m.busy || m.ratio >= 3 ? null : `${m.ratio}× < 3×`));
  t.diagnostic(`a fresh worker cost ${f.ratio}× a warm one${f.busy ? ' (the page said the machine was busy)' : ''}: ${await page.getByTestId('fs-row-0').textContent()} | ${await page.getByTestId('fs-row-1').textContent()}`);
  if (!f.busy) {
    assert.ok(f.ratio >= 3, `${f.ratio}×`);
    assert.match(await claim(page, '3_3-fork-spawn'), /^✓ holds: a fresh worker cost/);
  }
  assert.match(await page.getByTestId('ch3-claim-fork-spawn').textContent(), /up to 20×.*CPython/);
  assert.match(await page.getByTestId('what-you-saw').textContent(), /A fresh worker against a warm one/);
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});
