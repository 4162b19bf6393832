// Performance benchmarks of the playground (not tests: CI does not run this file).
//   cd e2e && DIST=$PWD/../dist node bench/playground.bench.mjs
// 1. 10,000 tasks × 10 steps (0 ms work, 1–10 ms awaits), live log and timeline on: the longest
//    gap between animation frames and the long tasks (PerformanceObserver) during the run.
// 2. The runner's per-step overhead next to a bare queueMicrotask round trip, in one page load:
//    1,000 tasks × 100 steps of `await sleep(0)` (a microtask yield) through the runner, then
//    100,000 chained queueMicrotask round trips in plain JS.
import { start, open } from '../support.mjs';

const env = await start();
const { page, problems } = await open(env, '/worker_loader.js');
await page.setViewportSize({ width: 1280, height: 900 });
await page.evaluate(() => localStorage.clear());
await page.goto(env.url + '/playground');
problems.length = 0;
await page.getByRole('heading', { name: 'Event-loop playground' }).waitFor();

const statusIs = (re, timeout = 300_000) =>
  page.getByTestId('run-status').filter({ hasText: re }).waitFor({ timeout });

async function watchFrames() {
  await page.evaluate(() => {
    const w = window;
    w.__bench = { gaps: [], long: [], stop: false, t0: performance.now() };
    performance.clearMeasures();
    let last = performance.now();
    const tick = (t) => {
      w.__bench.gaps.push(t - last);
      last = t;
      if (!w.__bench.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    try {
      w.__bench.obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__bench.long.push([e.startTime, e.duration]); });
      w.__bench.obs.observe({ type: 'longtask', buffered: false });
    } catch (e) { w.__bench.long = null; }
  });
}
async function collect() {
  return page.evaluate(() => {
    const b = window.__bench;
    b.stop = true;
    b.obs?.disconnect();
    const gaps = b.gaps.slice(1).sort((a, c) => c - a);
    const over50 = gaps.filter((g) => g > 50).length;
    // Our own work per view update (snapshot copy + render), recorded with User Timing.
    const ours = performance.getEntriesByType('measure').map((e) => [e.startTime, e.duration, e.name]);
    const byName = {};
    for (const [, d, n] of ours) (byName[n] ??= []).push(d);
    for (const n in byName) {
      const v = byName[n].sort((a, c) => c - a);
      byName[n] = { count: v.length, worstMs: v.slice(0, 3).map((d) => +d.toFixed(1)), totalMs: +v.reduce((a, c) => a + c, 0).toFixed(1) };
    }
    const oursSorted = ours.map((e) => e[1]).sort((a, c) => c - a);
    const long = b.long ?? [];
    // A long task is "ours" if one of our updates overlaps it.
    const overlaps = (lt) => ours.some(([s, d, n]) => n !== 'playground:render' && s < lt[0] + lt[1] && s + d > lt[0]);
    return { frames: gaps.length, worstFrameGaps: gaps.slice(0, 5).map((g) => +g.toFixed(1)), frameGapsOver50ms: over50,
      longTasks: long.map(([s, d]) => `${(s - b.t0).toFixed(0)}ms+${d.toFixed(0)}${overlaps([s, d]) ? ' (overlaps our update)' : ''}`),
      ourMeasures: byName,
      ourPiecesOver50ms: oursSorted.filter((d) => d > 50).length,
      ourTotalMs: +oursSorted.reduce((a, c) => a + c, 0).toFixed(1) };
  });
}

// ---- 1. 10,000 × 10 ----
let t = Date.now();
await page.getByLabel('Preset').selectOption('ten-thousand');
await page.getByText('Tasks 1–20 of 10000').waitFor({ timeout: 120_000 });
const loadMs = Date.now() - t;
await watchFrames();
t = Date.now();
await page.getByRole('button', { name: 'Run', exact: true }).click();
await statusIs(/^Done/);
const runMs = Date.now() - t;
const frames = await collect();
const summary = await page.getByTestId('run-summary').textContent();
const cap = await page.getByTestId('log-cap').textContent().catch(() => 'no cap notice');
await page.screenshot({ path: '/tmp/bench-10k.png', fullPage: false });
console.log(JSON.stringify({ bench: '10k x 10', presetLoadMs: loadMs, clickToDoneMs: runMs, summary, cap, ...frames }, null, 1));

// ---- 2. per-step overhead vs queueMicrotask ----
const TASKS = 1000, STEPS = 100;
const line = (i) => `y${i}\t0\t` + Array(STEPS).fill('a0').join(' ');
const draft = ['ap-draft-1', ...Array.from({ length: TASKS }, (_, i) => line(i))].join('\n');
await page.evaluate((d) => localStorage.setItem('async-playground.playground.draft', d), draft);
await page.reload();
await page.getByText(`Tasks 1–20 of ${TASKS}`).waitFor({ timeout: 60_000 });
const results = [];
for (let rep = 0; rep < 3; rep++) {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await statusIs(/^Done/);
  const wall = parseFloat(await page.getByTestId('metric-wall').textContent());
  const bare = await page.evaluate((n) => new Promise((resolve) => {
    let k = 0;
    const t0 = performance.now();
    const f = () => { if (++k < n) queueMicrotask(f); else resolve(performance.now() - t0); };
    queueMicrotask(f);
  }), TASKS * STEPS);
  const promise = await page.evaluate(async (n) => {
    const t0 = performance.now();
    for (let k = 0; k < n; k++) await Promise.resolve();
    return performance.now() - t0;
  }, TASKS * STEPS);
  results.push({ runnerWallMs: wall, runnerUsPerStep: +(wall * 1000 / (TASKS * STEPS)).toFixed(3),
    bareMicrotaskUsPerRoundTrip: +(bare * 1000 / (TASKS * STEPS)).toFixed(3),
    awaitPromiseUsPerRoundTrip: +(promise * 1000 / (TASKS * STEPS)).toFixed(3) });
}
console.log(JSON.stringify({ bench: `per-step overhead, ${TASKS} tasks x ${STEPS} sleep(0) steps`, results }, null, 1));
console.log(JSON.stringify({ consoleProblems: problems }));
await env.close();
