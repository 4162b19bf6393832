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
      w.__bench.gaps.push([last, t - last]);
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
    // Our own work per view update (snapshot + render), recorded with User Timing.
    const ours = performance.getEntriesByType('measure').map((e) => [e.startTime, e.duration, e.name]);
    // The per-frame feed of new events (a fraction of a ms) overlaps every frame: it counts as the
    // cause only when it is itself long; the update pieces always count.
    const overlapsOurs = (s0, d0) => ours.some(([s, d, n]) => (n !== 'playground:feed' || d > 10) && s < s0 + d0 && s + d > s0);
    const spans = b.gaps.slice(1);
    const gaps = spans.map((g) => g[1]).sort((a, c) => c - a);
    const over50 = gaps.filter((g) => g > 50).length;
    const over50Ours = spans.filter(([s, d]) => d > 50 && overlapsOurs(s, d)).length;
    const byName = {};
    for (const [, d, n] of ours) (byName[n] ??= []).push(d);
    for (const n in byName) {
      const v = byName[n].sort((a, c) => c - a);
      byName[n] = { count: v.length, worstMs: v.slice(0, 3).map((d) => +d.toFixed(1)), totalMs: +v.reduce((a, c) => a + c, 0).toFixed(1) };
    }
    const oursSorted = ours.map((e) => e[1]).sort((a, c) => c - a);
    const long = b.long ?? [];
    // A long task is "ours" if one of our updates overlaps it.
    const overlaps = (lt) => overlapsOurs(lt[0], lt[1]);
    // Our measured work inside a span (the whole-update measures already contain the bodies).
    const oursInside = (s0, d0) => {
      const upd = ours.filter(([, , n]) => n === 'playground:update' || n === 'playground:snapshot' || n === 'playground:feed');
      const pieces = upd.length ? upd : ours;
      return pieces.reduce((a, [s, d]) => a + Math.max(0, Math.min(s + d, s0 + d0) - Math.max(s, s0)), 0);
    };
    // Caused by us: without our measured work inside it, the task would not have been long.
    const caused = (lt) => overlaps(lt) && lt[1] - oursInside(lt[0], lt[1]) <= 50;
    const upd = byName['playground:update'];
    // The same test for frames: a gap over 50 ms that our measured work inside it pushed over.
    const over50Caused = spans.filter(([s, d]) => d > 50 && caused([s, d])).length;
    return { frames: gaps.length, worstFrameGaps: gaps.slice(0, 5).map((g) => +g.toFixed(1)), frameGapsOver50ms: over50,
      frameGapsOver50msOurs: over50Ours, frameGapsOver50msCausedByUs: over50Caused,
      longTaskCount: long.length, longTasksOurs: long.filter(overlaps).length,
      longTasksCausedByUs: long.filter(caused).length,
      ourWorstUpdateMs: upd ? upd.worstMs[0] : null,
      longTasks: long.map(([s, d]) => `${(s - b.t0).toFixed(0)}ms+${d.toFixed(0)}${overlaps([s, d]) ? ` (overlaps our update; ours inside ${oursInside(s, d).toFixed(0)} ms)` : ''}`),
      ourMeasures: byName,
      // Each view update: when (ms since the run's click), how long, and the pieces inside it.
      updates: ours.filter(([, , n]) => n === 'playground:update').map(([s, d]) => `${(s - b.t0).toFixed(0)}ms+${d.toFixed(1)} [` +
        ours.filter(([s2, d2, n2]) => n2 !== 'playground:update' && s2 >= s && s2 + d2 <= s + d).map(([, d2, n2]) => `${n2.split(':')[0]} ${d2.toFixed(1)}`).join(', ') + ']'),
      feedWorstMs: byName['playground:feed']?.worstMs[0] ?? null,
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
