// Benchmark (not a test: timings are reported, never asserted) of the resources runner with live
// views on: 10,000 tasks contending for one Semaphore(10), 5 steps each
// (`async with sem: await sleep(k ms); <0 ms of work>; await sleep(0)`, k = 1–10 varied per task),
// concurrent on the page's event loop (src/web/sync.rs). During the run: the longest gap between
// animation frames and the long tasks, and how many of them our rendering caused, measured as
// the "10,000 tasks × 10 steps" bench does (e2e/bench/frames.mjs, from playground.bench.mjs).
//   cd e2e && DIST=$PWD/../dist [E2E_BROWSER=firefox] node bench/semaphore.bench.mjs
// The last line printed is `RESULT {json}`.
import { start, open, BROWSER } from '../support.mjs';
import { watchFrames, collect } from './frames.mjs';

export const TASKS = 10_000;
export const PERMITS = 10;

/** The stored draft: one semaphore, TASKS tasks of five steps. */
export function semaphoreEntry() {
  const head = ['ap-draft-2', 'structure\tall\tresources\t1', `S\tsem\t${PERMITS}\t`];
  const tasks = Array.from({ length: TASKS }, (_, i) => `t${i + 1}\t0\t~with:sem a${(i * 7) % 10 + 1} w0 a0 ~end:`);
  return 'ap-store-3 draft\n' + [...head, ...tasks].join('\n');
}

export async function measure() {
  const env = await start();
  try {
    const { page, problems } = await open(env, '/worker_loader.js');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.evaluate((d) => { localStorage.clear(); localStorage.setItem('async-playground.playground.draft', d); }, semaphoreEntry());
    await page.goto(env.url + '/playground');
    await page.getByText(`Tasks 1–20 of ${TASKS}`).waitFor({ timeout: 120_000 });
    problems.length = 0;
    await watchFrames(page);
    const t = Date.now();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByTestId('run-status').filter({ hasText: /^Done/ }).waitFor({ timeout: 600_000 });
    const clickToDoneMs = Date.now() - t;
    const frames = await collect(page);
    const wall = parseFloat(await page.getByTestId('metric-wall').textContent());
    const summary = await page.getByTestId('run-summary').textContent();
    const peak = await page.getByTestId('resource-lanes').evaluate((f) => f.querySelector('[data-testid="resource-peak"]')?.textContent ?? null);
    if (problems.length) throw new Error(`console problems: ${problems.join('; ')}`);
    return {
      browser: BROWSER, tasks: TASKS, permits: PERMITS, wall_ms: wall, click_to_done_ms: clickToDoneMs, summary, peak,
      longest_frame_ms: frames.worstFrameGaps[0] ?? null,
      frames: frames.frames, frames_over_50: frames.frameGapsOver50ms, frames_over_50_caused_by_us: frames.frameGapsOver50msCausedByUs,
      long_tasks: frames.longTaskCount, long_tasks_ours: frames.longTasksOurs, long_tasks_caused_by_us: frames.longTasksCausedByUs,
      our_worst_update_ms: frames.ourWorstUpdateMs, worst_frame_gaps: frames.worstFrameGaps, long_task_list: frames.longTasks.slice(0, 10),
      our_measures: frames.ourMeasures,
    };
  } finally {
    await env.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const res = await measure();
  console.log('RESULT ' + JSON.stringify(res));
}
