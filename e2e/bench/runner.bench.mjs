// The runner's per-step cost like for like (not a test: CI does not run this file):
//   cd e2e && DIST=$PWD/../dist [E2E_BROWSER=firefox] node bench/runner.bench.mjs [rounds]
//
// One chain of `await sleep(0)` steps through the playground's runner beside one chain of bare
// `queueMicrotask` round trips of the same length, in the same page load, in interleaved rounds
// (runner first in even rounds, bare first in odd ones). Each step of either chain is a microtask
// of its own: nothing shares a tick, unlike the 1,000-task figure of playground.bench.mjs.
//
// A task has at most 100 steps (engine::scenario::MAX_STEPS), so the chain is a relay written as
// an ordinary draft: task 1 takes 100 `sleep(0)` steps; each next task joins the one before (its
// first step) and then takes 99. Only one task is ready at any moment. The runner's time is the
// run's wall time (its first event to its last, shown in the metrics panel), which also holds
// spawning the 100 tasks and their first polls; the bare chain's is `performance.now()` around it.
//
// In the same rounds, the floor under the runner: one task of ours awaiting N zero-ms sleeps on
// the page's executor with nothing recorded (`yield_us`), and the same reading the clock once per
// step (`yield_clock_us`), through the `?bench-hooks` hook `window.__apYields` (src/web/sync_bench.rs).
// Each such step is wasm calling `queueMicrotask` and the microtask calling back into wasm: what
// any Rust future yielding on wasm-bindgen-futures pays, before the runner records anything.
//
// The last line printed is `RESULT {json}`: browser, steps, rounds, and per round the runner's, the
// bare chain's and the two floors' µs per step, and the runner's ratio to the bare chain.
import { start, open, BROWSER } from '../support.mjs';

export const TASKS = 100;
export const STEPS = 100;
export const N = TASKS * STEPS;

/** The relay draft: `r1` sleeps 100 times; `rK` joins `rK-1`, then sleeps 99 times. */
export function relayDraft() {
  const sleeps = (n) => Array(n).fill('a0').join(' ');
  const lines = ['ap-draft-2', 'structure\tall\tresources\t0', `r1\t0\t${sleeps(STEPS)}`];
  for (let k = 2; k <= TASKS; k++) lines.push(`r${k}\t0\t~join:r${k - 1} ${sleeps(STEPS - 1)}`);
  return lines.join('\n');
}

/** Measures `rounds` interleaved rounds in one page load; returns the RESULT object. */
export async function measure(rounds = 9) {
  const env = await start();
  try {
    const { page, problems } = await open(env, '/worker_loader.js');
    await page.evaluate((d) => { localStorage.clear(); localStorage.setItem('async-playground.playground.draft', d); }, relayDraft());
    await page.goto(env.url + '/playground?bench-hooks');
    await page.getByText(`Tasks 1–20 of ${TASKS}`).first().waitFor({ timeout: 60_000 });
    problems.length = 0;
    const runner = async () => {
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.getByTestId('run-status').filter({ hasText: /^Done/ }).waitFor({ timeout: 120_000 });
      // Every step recorded: a step is at least its start and its resumption.
      const summary = await page.getByTestId('run-summary').textContent();
      const events = Number(/(\d+) events/.exec(summary)?.[1]);
      if (!(events >= 2 * N)) throw new Error(`the relay did not run through: ${summary}`);
      return parseFloat(await page.getByTestId('metric-wall').textContent());
    };
    const bare = () => page.evaluate((n) => new Promise((resolve) => {
      let k = 0;
      const t0 = performance.now();
      const f = () => { if (++k < n) queueMicrotask(f); else resolve(performance.now() - t0); };
      queueMicrotask(f);
    }), N);
    await page.waitForFunction(() => typeof window.__apYields === 'function', null, { timeout: 60_000 });
    const yields = (clock) => page.evaluate(([n, c]) => new Promise((done) => window.__apYields(n, c, done)), [N, clock]);
    // One unmeasured round of each: the first run compiles and warms what the others reuse.
    await runner();
    await bare();
    await yields(false);
    await yields(true);
    const out = [];
    for (let r = 0; r < rounds; r++) {
      let run, chain;
      if (r % 2 === 0) { run = await runner(); chain = await bare(); } else { chain = await bare(); run = await runner(); }
      const y = await yields(false);
      const yc = await yields(true);
      out.push({ runner_us: run * 1000 / N, bare_us: chain * 1000 / N, ratio: run / chain, yield_us: y * 1000 / N, yield_clock_us: yc * 1000 / N });
    }
    if (problems.length) throw new Error(`console problems: ${problems.join('; ')}`);
    return { browser: BROWSER, steps: N, rounds: out };
  } finally {
    await env.close();
  }
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => { const s = sorted(xs); const m = Math.floor(s.length / 2); return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
/** "median (min–max)" of a list, with `d` decimals. */
export const spread = (xs, d = 2) => `${median(xs).toFixed(d)} (${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)})`;
/** The medians of a RESULT's rounds. */
export const medians = (res) => ({
  runner_us: median(res.rounds.map((r) => r.runner_us)),
  bare_us: median(res.rounds.map((r) => r.bare_us)),
  ratio: median(res.rounds.map((r) => r.ratio)),
});

/** The BENCHMARKS.md table rows for some RESULTs (one per browser). */
export function tableRows(results) {
  return results.map((res) => `| ${res.browser} | ${spread(res.rounds.map((r) => r.runner_us))} | ${spread(res.rounds.map((r) => r.bare_us))} | ${spread(res.rounds.map((r) => r.ratio))} | ${res.rounds.length} |`);
}

/** The floor's table rows: the executor's own yield, with and without a clock read, against the bare chain. */
export function floorRows(results) {
  const f = (res, k) => spread(res.rounds.map((r) => r[k]).filter(Number.isFinite));
  const ratio = (res, k) => spread(res.rounds.map((r) => r[k] / r.bare_us).filter(Number.isFinite));
  return results.map((res) => `| ${res.browser} | ${f(res, 'yield_us')} | ${ratio(res, 'yield_us')} | ${f(res, 'yield_clock_us')} | ${ratio(res, 'yield_clock_us')} |`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const res = await measure(Math.max(1, Number(process.argv[2] ?? 9)));
  for (const row of tableRows([res])) console.log(row);
  for (const row of floorRows([res])) console.log(row);
  console.log('RESULT ' + JSON.stringify(res));
}
