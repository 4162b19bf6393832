// Performance benchmarks of the playground (not tests: CI does not run this file).
//   cd e2e && DIST=$PWD/../dist node bench/playground.bench.mjs
// 1. 10,000 tasks × 10 steps (0 ms work, 1–10 ms awaits), live log and timeline on: the longest
//    gap between animation frames and the long tasks (PerformanceObserver) during the run.
//    A long task or frame is "ours" when one of our User Timing measures (the per-update snapshot,
//    the views' render bodies, the whole Yew update) overlaps it; the others are the run's own
//    work (10,000 tasks' timers firing), which our rendering did not cause.
// 2. The runner's per-step overhead next to a bare queueMicrotask round trip, in one page load:
//    1,000 tasks × 100 steps of `await sleep(0)` (a microtask yield) through the runner, then
//    100,000 chained queueMicrotask round trips in plain JS, and bare setTimeout(0) round trips in
//    the runner's shape (1,000 chains of 100 at once: one chain of 100,000 would measure only the
//    browsers' 4 ms clamp on nested timers).
// The last line printed is `RESULT {json}` (one run; run the script several times for spread):
//   wall_ms, longest_frame_ms, frames_over_50 and long_tasks (_ours: overlapping one of our
//   updates; _caused_by_us: would have been under 50 ms without our measured work), our_worst_update_ms,
//   runner_step_us, microtask_step_us, timeout0_step_us (medians of 3 in one page load).
import { start, open } from '../support.mjs';
import { watchFrames as watchOn, collect as collectOn } from './frames.mjs';

const env = await start();
const { page, problems } = await open(env, '/worker_loader.js');
await page.setViewportSize({ width: 1280, height: 900 });
await page.evaluate(() => localStorage.clear());
await page.goto(env.url + '/playground');
problems.length = 0;
await page.getByRole('heading', { name: 'Event-loop playground' }).waitFor();

const statusIs = (re, timeout = 300_000) =>
  page.getByTestId('run-status').filter({ hasText: re }).waitFor({ timeout });

const watchFrames = () => watchOn(page);
const collect = () => collectOn(page);

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
  const timeout0 = await page.evaluate(([chains, steps]) => new Promise((resolve) => {
    let left = chains;
    const t0 = performance.now();
    for (let c = 0; c < chains; c++) {
      let k = 0;
      const f = () => { if (++k < steps) setTimeout(f, 0); else if (--left === 0) resolve(performance.now() - t0); };
      setTimeout(f, 0);
    }
  }), [TASKS, STEPS]);
  const promise = await page.evaluate(async (n) => {
    const t0 = performance.now();
    for (let k = 0; k < n; k++) await Promise.resolve();
    return performance.now() - t0;
  }, TASKS * STEPS);
  results.push({ runnerWallMs: wall, runnerUsPerStep: +(wall * 1000 / (TASKS * STEPS)).toFixed(3),
    bareMicrotaskUsPerRoundTrip: +(bare * 1000 / (TASKS * STEPS)).toFixed(3),
    bareTimeout0UsPerStep: +(timeout0 * 1000 / (TASKS * STEPS)).toFixed(3),
    awaitPromiseUsPerRoundTrip: +(promise * 1000 / (TASKS * STEPS)).toFixed(3) });
}
console.log(JSON.stringify({ bench: `per-step overhead, ${TASKS} tasks x ${STEPS} sleep(0) steps`, results }, null, 1));
console.log(JSON.stringify({ consoleProblems: problems }));
await env.close();

const median = (xs) => { const v = [...xs].sort((a, c) => a - c); return v[Math.floor(v.length / 2)]; };
const wall = parseFloat(/Wall time ([\d.]+) ms/.exec(summary ?? '')?.[1] ?? 'NaN');
console.log('RESULT ' + JSON.stringify({
  wall_ms: wall,
  click_to_done_ms: runMs,
  longest_frame_ms: frames.worstFrameGaps[0] ?? null,
  frames_over_50: frames.frameGapsOver50ms,
  frames_over_50_ours: frames.frameGapsOver50msOurs,
  frames_over_50_caused_by_us: frames.frameGapsOver50msCausedByUs,
  long_tasks: frames.longTaskCount,
  long_tasks_ours: frames.longTasksOurs,
  long_tasks_caused_by_us: frames.longTasksCausedByUs,
  our_worst_update_ms: frames.ourWorstUpdateMs,
  our_worst_feed_ms: frames.feedWorstMs,
  runner_step_us: median(results.map((r) => r.runnerUsPerStep)),
  microtask_step_us: median(results.map((r) => r.bareMicrotaskUsPerRoundTrip)),
  timeout0_step_us: median(results.map((r) => r.bareTimeout0UsPerStep)),
  console_problems: problems.length,
}));
