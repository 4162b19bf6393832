// The benchmark command's driver: measures the release build in headless Chromium and writes
// BENCHMARKS.md. Run it through `bash scripts/bench.sh` (which builds the release page first);
// directly: cd e2e && DIST=$PWD/../dist node bench/report.mjs [runs] [out-file]
//
// Every figure is measured here, on this machine, in this run; each is given as
// min / median / max over `runs` runs (fresh page loads where the figure depends on loading).
// Timing figures are reported, never asserted: machines are noisy, and CI does not run this.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { start, open, openFresh, DIST } from '../support.mjs';
import { slowLoads, SLOW } from './load.bench.mjs';
import { tableRows as runnerRows, floorRows as runnerFloorRows, medians as runnerMedians, N as RELAY_STEPS, TASKS as RELAY_TASKS } from './runner.bench.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const RUNS = Math.max(1, Number(process.argv[2] ?? 3));
const OUT = process.argv[3] ?? path.join(here, '..', '..', 'BENCHMARKS.md');
const log = (...a) => console.error('[bench]', ...a);

// ---------- statistics ----------
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => {
  const s = sorted(xs);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** "min / median / max" of `xs` with `d` decimals, or "—" when nothing was measured. */
const mmm = (xs, d = 1) => {
  const v = xs.filter((x) => Number.isFinite(x));
  if (!v.length) return 'not measured';
  return `${Math.min(...v).toFixed(d)} / ${median(v).toFixed(d)} / ${Math.max(...v).toFixed(d)}`;
};

// ---------- the machine ----------
function chromiumVersion() {
  for (const p of [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (p && fs.existsSync(p)) {
      try { return execFileSync(p, ['--version'], { encoding: 'utf8' }).trim(); } catch { /* next */ }
    }
  }
  return 'unknown';
}
const gitCommit = (() => {
  try { return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', cwd: here }).trim(); } catch { return 'unknown'; }
})();
const loadBefore = os.loadavg();

// ---------- 1. download sizes (deterministic) ----------
function sizes() {
  const files = fs.readdirSync(DIST);
  const pick = (re) => files.find((f) => re.test(f));
  // The same measure as scripts/sizes.sh (CI's check): the gzip tool at -9.
  const gz = (f) => execFileSync('gzip', ['-9', '-c', path.join(DIST, f)], { maxBuffer: 64 << 20 }).length;
  const raw = (f) => fs.statSync(path.join(DIST, f)).size;
  const rows = [
    ['app wasm', pick(/^app-.*_bg\.wasm$/), 150_000],
    ['worker wasm', pick(/^worker_bg\.wasm$/), 40_000],
    ['app JS glue', pick(/^app-[^_]*\.js$/), null],
    ['worker JS glue', pick(/^worker\.js$/), null],
  ];
  return rows.map(([name, f, budget]) => ({ name, file: f, raw: f ? raw(f) : NaN, gz: f ? gz(f) : NaN, budget }));
}

// ---------- 2. first render ----------
async function firstRender(env, route) {
  const page = await env.context.newPage();
  // A fresh page load each time; the HTTP cache is disabled, so every load fetches the wasm.
  const cdp = await env.context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.goto(env.url + route);
  const ms = await page.waitForFunction(() => {
    const m = performance.getEntriesByName('app:first-render')[0];
    return m ? m.startTime : null;
  }, null, { timeout: 30_000 }).then((h) => h.jsonValue());
  await page.close();
  return ms;
}

// ---------- 3. timers ----------
async function timers(page) {
  return page.evaluate(async () => {
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    const out = { overshoot: {}, nested: [] };
    for (const ms of [1, 4, 10, 100]) {
      const n = ms === 100 ? 10 : 40;
      const xs = [];
      for (let i = 0; i < n; i++) {
        // Each request starts from a fresh task (not nested in another timer's callback).
        await new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
        const t0 = performance.now();
        await sleep(ms);
        xs.push(performance.now() - t0);
      }
      out.overshoot[ms] = xs;
    }
    // setTimeout(0) nested inside setTimeout callbacks: the HTML standard clamps to ≥ 4 ms from
    // nesting level 5; measure each level's delay.
    for (let rep = 0; rep < 10; rep++) {
      // Start each chain from a fresh task: the previous chain ended inside a nested timer.
      await new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
      const delays = await new Promise((resolve) => {
        const ds = [];
        let last = performance.now();
        const step = () => {
          const now = performance.now();
          ds.push(now - last);
          last = now;
          if (ds.length < 10) setTimeout(step, 0); else resolve(ds);
        };
        setTimeout(step, 0);
      });
      out.nested.push(delays);
    }
    return out;
  });
}

// ---------- 4. the playground benchmark (10,000 tasks; per-step overhead) ----------
function playgroundRun() {
  const r = spawnSync(process.execPath, [path.join(here, 'playground.bench.mjs')], {
    env: { ...process.env, DIST }, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 15 * 60_000,
  });
  const line = (r.stdout ?? '').split('\n').reverse().find((l) => l.startsWith('RESULT '));
  if (!line) {
    log('playground bench printed no RESULT line:', (r.stderr ?? '').slice(-2000));
    return null;
  }
  return JSON.parse(line.slice('RESULT '.length));
}

// ---------- 5. the worker pool ----------
async function pool(env) {
  const { page } = await open(env, '/compare');
  await page.getByTestId('pool-status').waitFor({ timeout: 120_000 });
  const num = (t) => Number(String(t).replace(/[^\d.]/g, ''));
  const warm = num(await page.getByTestId('pool-warm').textContent());
  const ping = num(await page.getByTestId('ping').textContent());
  const n = await page.evaluate(() => navigator.hardwareConcurrency);
  const each = (await page.locator('dl.pool-status dd').nth(2).textContent()).split('·').map(num);
  // Copy vs transfer of 1 MiB.
  await page.getByLabel('Buffer size (MiB)').fill('1');
  await page.getByRole('button', { name: 'Send to a worker and back' }).click();
  await page.getByTestId('transfer-summary').waitFor({ timeout: 60_000 });
  const copy = num(await page.getByTestId('copy-ms').textContent());
  const transfer = num(await page.getByTestId('transfer-ms').textContent());
  // The CPU-bound batch on N = 1 … hardwareConcurrency (the page's sweep: each N several times,
  // interleaved, the fastest kept).
  await page.getByLabel('Scenario').selectOption({ label: 'CPU-bound: 8 tasks × 200 units of work' });
  await page.getByRole('button', { name: /^Measure speedup for N = 1…/ }).click();
  await page.getByTestId('busy').filter({ hasText: /\S/ }).waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=busy]')?.textContent === '', null, { timeout: 900_000 });
  const walls = [];
  for (let k = 1; k <= n; k++) walls.push(num(await page.getByTestId(`speedup-wall-${k}`).textContent()));
  await page.close();
  return { n, warm, each, ping, copy, transfer, walls };
}

// ---------- run everything ----------
const env = await start();
const size = sizes();
log('sizes', size.map((s) => `${s.name} ${s.gz}`).join(', '));

const fr = { '/': [], '/playground': [] };
for (let i = 0; i < RUNS; i++) for (const r of Object.keys(fr)) fr[r].push(await firstRender(env, r));
log('first render', JSON.stringify(fr));

const slow = await slowLoads(env, RUNS);
log('slow loads', JSON.stringify(slow));

const timerRuns = [];
{
  const { page } = await openFresh(env, '/', 'Async Playground');
  for (let i = 0; i < RUNS; i++) timerRuns.push(await timers(page));
  await page.close();
}
log('timers measured');

const pools = [];
for (let i = 0; i < RUNS; i++) { pools.push(await pool(env)); log('pool run', i + 1, JSON.stringify(pools.at(-1))); }
await env.close();

const pg = [];
// BENCH_SKIP_PLAYGROUND=1 skips the longest part (for trying the report itself).
for (let i = 0; i < (process.env.BENCH_SKIP_PLAYGROUND ? 0 : RUNS); i++) { const r = playgroundRun(); if (r) pg.push(r); log('playground run', i + 1, JSON.stringify(r)); }
// ---------- 5b. the runner like for like (runner.bench.mjs), in each browser installed ----------
function runnerRun(browser) {
  const r = spawnSync(process.execPath, [path.join(here, 'runner.bench.mjs'), '9'], {
    env: { ...process.env, DIST, E2E_BROWSER: browser }, encoding: 'utf8', maxBuffer: 16 << 20, timeout: 10 * 60_000,
  });
  const line = (r.stdout ?? '').split('\n').reverse().find((l) => l.startsWith('RESULT '));
  if (!line) {
    log(`runner bench (${browser}) printed no RESULT line:`, (r.stderr ?? '').slice(-2000));
    return null;
  }
  return JSON.parse(line.slice('RESULT '.length));
}
const relay = process.env.BENCH_SKIP_PLAYGROUND ? [] : ['chromium', 'firefox'].map(runnerRun).filter(Boolean);
log('runner like for like', JSON.stringify(relay));
// ---------- 6. CPython in the page (python.bench.mjs) ----------
function pythonRun() {
  const r = spawnSync(process.execPath, [path.join(here, 'python.bench.mjs')], {
    env: { ...process.env, DIST }, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 20 * 60_000,
  });
  const line = (r.stdout ?? '').split('\n').reverse().find((l) => l.startsWith('RESULT '));
  if (!line) {
    log('python bench printed no RESULT line:', (r.stderr ?? '').slice(-2000));
    return null;
  }
  return JSON.parse(line.slice('RESULT '.length));
}
const py = [];
for (let i = 0; i < (process.env.BENCH_SKIP_PYTHON ? 0 : RUNS); i++) { const r = pythonRun(); if (r) py.push(r); log('python run', i + 1, JSON.stringify(r)); }
// ---------- 7. the resources runner (sync.bench.mjs): 10,000 tasks contending for a lock ----------
const SYNC_TASKS = 10_000;
function syncRun() {
  const r = spawnSync(process.execPath, [path.join(here, 'sync.bench.mjs'), '1'], {
    env: { ...process.env, DIST, TASKS: String(SYNC_TASKS) }, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 10 * 60_000,
  });
  const line = (r.stdout ?? '').split('\n').reverse().find((l) => l.startsWith('RESULT '));
  if (!line) {
    log('sync bench printed no RESULT line:', (r.stderr ?? '').slice(-2000));
    return null;
  }
  return JSON.parse(line.slice('RESULT '.length)).reps[0];
}
const sy = [];
for (let i = 0; i < (process.env.BENCH_SKIP_SYNC ? 0 : RUNS); i++) { const r = syncRun(); if (r) sy.push(r); log('sync run', i + 1, JSON.stringify(r)); }
const syf = (k) => sy.map((r) => r[k]);
// ---------- 8. the recording wrapper against bare tokio::sync (sync-wrapper.bench.mjs), each browser ----------
// ---------- 9. 10,000 tasks on a Semaphore(10), live views on (semaphore.bench.mjs) ----------
function resultOf(file, args, extraEnv, timeoutMin) {
  const r = spawnSync(process.execPath, [path.join(here, file), ...args], {
    env: { ...process.env, DIST, ...extraEnv }, encoding: 'utf8', maxBuffer: 16 << 20, timeout: timeoutMin * 60_000,
  });
  const line = (r.stdout ?? '').split('\n').reverse().find((l) => l.startsWith('RESULT '));
  if (!line) {
    log(`${file} printed no RESULT line:`, (r.stderr ?? '').slice(-2000));
    return null;
  }
  return JSON.parse(line.slice('RESULT '.length));
}
const wrap = process.env.BENCH_SKIP_SYNC ? [] : ['chromium', 'firefox']
  .map((b) => resultOf('sync-wrapper.bench.mjs', ['9'], { E2E_BROWSER: b }, 10)).filter(Boolean);
log('wrapper vs bare', JSON.stringify(wrap));
const sem = [];
for (let i = 0; i < (process.env.BENCH_SKIP_SYNC ? 0 : RUNS); i++) {
  const r = resultOf('semaphore.bench.mjs', [], {}, 15);
  if (r) sem.push(r);
  log('semaphore run', i + 1, JSON.stringify(r));
}
const loadAfter = os.loadavg();

// ---------- BENCHMARKS.md ----------
const flat = (f) => timerRuns.flatMap(f);
const overshoot = (ms) => flat((t) => t.overshoot[ms]).map((x) => x - ms);
const nestedLevel = (k) => flat((t) => t.nested.map((d) => d[k]));
const pgf = (k) => pg.map((r) => r[k]);
const ratio = (a, b) => pg.map((r) => r[a] / r[b]);
const n = pools[0]?.n ?? 0;
const speedups = (k) => pools.map((p) => p.walls[0] / p.walls[k - 1]);
const kb = (b) => (b / 1000).toFixed(1);

const lines = [];
const L = (s = '') => lines.push(s);
L('# Benchmarks');
L();
L(`Written by \`bash scripts/bench.sh\` (which runs \`e2e/bench/report.mjs\`) — measured, not estimated.`);
L('Each timing is **min / median / max** over the runs named beside it. Timings depend on the');
L('machine and on what else it runs: compare figures within one report, not across machines.');
L();
L('## Machine');
L();
L(`- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}; commit ${gitCommit}`);
L(`- CPU: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}; memory ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; ${os.type()} ${os.release()}`);
L(`- Browser: ${chromiumVersion()} (headless, driven by playwright-core); Node ${process.version}`);
L(`- Load average (1/5/15 min) before: ${loadBefore.map((x) => x.toFixed(2)).join(' ')}; after: ${loadAfter.map((x) => x.toFixed(2)).join(' ')}`);
L(`- Runs per figure: ${RUNS}`);
L();
L('## Load');
L();
L('| File | Raw bytes | gzip -9 bytes | Budget | |');
L('|---|---:|---:|---:|---|');
for (const s of size) {
  const verdict = s.budget == null ? '' : s.gz <= s.budget ? 'within budget' : `**over budget** by ${kb(s.gz - s.budget)} KB`;
  L(`| ${s.name} (\`${s.file}\`) | ${s.raw} | ${s.gz} | ${s.budget == null ? '—' : `${kb(s.budget)} KB`} | ${verdict} |`);
}
L();
L('Time from navigation start to the first rendered page (the app\'s `app:first-render` User Timing mark,');
L('set by the root component\'s first effect), fresh load with the HTTP cache disabled, served from 127.0.0.1');
L(`(budget ≤ 300 ms), ${RUNS} loads each:`);
L();
L('| Route | First render, ms (min / median / max) |');
L('|---|---|');
for (const [r, xs] of Object.entries(fr)) L(`| \`${r}\` | ${mmm(xs, 0)} |`);
L();
L('### On a slow connection');
L();
L(`Every route, fresh loads with the HTTP cache disabled, with Chromium's`);
L(`network emulation (CDP \`Network.emulateNetworkConditions\`) at ${SLOW.downloadThroughput * 8 / 1e6} Mbps down, ${SLOW.uploadThroughput * 8 / 1e3} kbps up, ${SLOW.latency} ms`);
L('round trip (\`e2e/bench/load.bench.mjs\`), each route loaded from two servers of the same build (`e2e/serve.mjs`):');
L('one sending the build\'s brotli copies (as Netlify, Cloudflare or nginx with `brotli_static` do), one sending');
L('gzip only (as GitHub Pages does). First contentful paint and largest contentful paint are the browser\'s own');
L('paint timings; interactive is the app\'s first render (the `app:first-render` mark, when the page answers input);');
L('transferred is every byte the load fetched (headers included) until the network was quiet for 1 s.');
L('Goals: FCP ≤ 1.0 s, LCP ≤ 1.5 s, interactive ≤ 2.5 s.');
L(`${RUNS} loads each, interleaved (min / median / max):`);
L();
const sec = (xs) => mmm(xs.map((x) => x / 1000), 2);
const BEFORE = path.join(here, 'load-before.json');
const before = fs.existsSync(BEFORE) ? JSON.parse(fs.readFileSync(BEFORE, 'utf8')) : null;
L('| Route | Build, served | First contentful paint, s | Largest contentful paint, s | Interactive, s | Transferred, KB |');
L('|---|---|---|---|---|---|');
for (const r of Object.keys(slow.brotli)) {
  const row = (label, ys) => L(`| \`${r}\` | ${label} | ${sec(ys.map((y) => y.fcp))} | ${sec(ys.map((y) => y.lcp))} | ${sec(ys.map((y) => y.interactive))} | ${mmm(ys.map((y) => y.bytes / 1000), 0)} |`);
  if (before?.loads[r]) row(`before (${before.commit}), gzip`, before.loads[r]);
  row('this build, gzip', slow.gzip[r]);
  row('this build, brotli', slow.brotli[r]);
}
if (before) {
  L();
  L(`“before” is ${before.what}, measured by the same code on ${before.date} (\`e2e/bench/load-before.json\`).`);
}
L();
L('## Timers');
L();
L(`Requested vs measured \`setTimeout\` sleep on the page's main thread, each sleep started from a fresh`);
L(`task; overshoot = measured − requested. ${RUNS} runs × 40 sleeps (10 for 100 ms):`);
L();
L('| Requested | Overshoot, ms (min / median / max) |');
L('|---:|---|');
for (const ms of [1, 4, 10, 100]) L(`| ${ms} ms | ${mmm(overshoot(ms), 2)} |`);
L();
L('Nested `setTimeout(0)`: each callback schedules the next, the first from a fresh task. The HTML');
L('standard clamps the delay to at least 4 ms once timers are nested more than 5 deep; the measured');
L(`delay per level shows where this browser starts (${RUNS} runs × 10 chains):`);
L();
L('| Level | Delay, ms (min / median / max) |');
L('|---:|---|');
for (let k = 0; k < 10; k++) L(`| ${k + 1} | ${mmm(nestedLevel(k), 2)} |`);
L();
L('## Runner overhead');
L();
L(`From \`e2e/bench/playground.bench.mjs\` (${pg.length} runs, each a fresh page load): 1,000 tasks × 100 steps of`);
L('`sleep(0)` through the playground\'s runner, beside a bare `queueMicrotask` round trip and a bare');
L('`setTimeout(0)` round trip measured in the same page load, per step. A 0 ms wait yields to the executor:');
L('wasm-bindgen-futures runs every task woken during one turn in the next `queueMicrotask` tick, so the');
L('1,000 tasks share each microtask and a step can cost less than one bare round trip, which is one');
L('microtask per step by construction. The runner\'s time includes recording three events per step:');
L();
L('| What | µs per step (min / median / max) |');
L('|---|---|');
L(`| our runner | ${mmm(pgf('runner_step_us'), 2)} |`);
L(`| bare queueMicrotask round trip | ${mmm(pgf('microtask_step_us'), 2)} |`);
L(`| bare setTimeout(0) round trip | ${mmm(pgf('timeout0_step_us'), 2)} |`);
L(`| runner ÷ queueMicrotask (1,000 tasks share each tick; the budget is on the like-for-like figure below) | ${mmm(ratio('runner_step_us', 'microtask_step_us'), 2)} |`);
L(`| runner ÷ setTimeout(0) | ${mmm(ratio('runner_step_us', 'timeout0_step_us'), 3)} |`);
L();
L('Like for like, from `e2e/bench/runner.bench.mjs` (one page load per browser, 9 interleaved rounds after');
L(`one unmeasured round of each): one chain of ${RELAY_STEPS.toLocaleString('en')} \`sleep(0)\` steps through the runner beside one chain`);
L(`of ${RELAY_STEPS.toLocaleString('en')} bare \`queueMicrotask\` round trips, so each step of either is a microtask of its own. A task`);
L(`has at most 100 steps, so the runner's chain is a relay of ${RELAY_TASKS} tasks: each joins the one before, then`);
L('sleeps 99 times; one task is ready at any moment. Its time is the run\'s wall time, which also holds');
L(`spawning the ${RELAY_TASKS} tasks and recording every event (three per step, with one clock read). The page's own`);
L('render of the Run click comes before the run (`Run::start_next_turn`), not between its tasks\' spawn and');
L('their first steps. Median (min–max) over the rounds:');
L();
L('| Browser | runner, µs per step | bare queueMicrotask, µs per round trip | runner ÷ queueMicrotask (budget ≤ 2×) | rounds |');
L('|---|---|---|---|---:|');
for (const row of runnerRows(relay)) L(row);
if (!relay.length) L('| not measured | | | | |');
for (const res of relay) {
  const m = runnerMedians(res);
  if (m.ratio > 2) L(`\n**Over budget in ${res.browser}**: the median ratio is ${m.ratio.toFixed(2)}× (budget ≤ 2×).`);
}
L();
L('The floor under it, in the same rounds: one task of ours awaiting as many zero-ms sleeps on the page\'s');
L('executor with nothing recorded (the `?bench-hooks` hook `window.__apYields`, `src/web/runner.rs`');
L('`bench_yields`), without and with a clock read per step. Each such yield is wasm calling');
L('`queueMicrotask` and the microtask calling back into wasm (wasm-bindgen-futures\' queue), which any Rust');
L('future yielding in the browser pays before the runner records anything:');
L();
L('| Browser | yield alone, µs per step | ÷ bare queueMicrotask | yield + clock read, µs per step | ÷ bare queueMicrotask |');
L('|---|---|---|---|---|');
for (const row of runnerFloorRows(relay)) L(row);
L();
L('## 10,000 tasks × 10 steps');
L();
L('The `ten-thousand` preset (0 ms work, 1–10 ms waits; 320,000 events) run concurrently with the live log');
L('and the timeline on, in a 1280 × 900 viewport. Frames are the gaps between `requestAnimationFrame`');
L('callbacks; long tasks come from a `PerformanceObserver`, and "ours" are those that overlap one of our');
L(`own measured updates (User Timing). ${pg.length} runs:`);
L();
L('| Figure | min / median / max |');
L('|---|---|');
L(`| total run time (the run's wall time), ms | ${mmm(pgf('wall_ms'), 0)} |`);
L(`| longest frame, ms | ${mmm(pgf('longest_frame_ms'), 0)} |`);
L(`| frames > 50 ms | ${mmm(pgf('frames_over_50'), 0)} |`);
L(`| frames > 50 ms overlapping our updates | ${mmm(pgf('frames_over_50_ours'), 0)} |`);
L(`| frames > 50 ms caused by us (under 50 ms without our measured work; budget 0) | ${mmm(pgf('frames_over_50_caused_by_us'), 0)} |`);
L(`| our longest update (snapshot, or one view's render), ms | ${mmm(pgf('our_worst_update_ms'), 1)} |`);
L(`| long tasks (> 50 ms) | ${mmm(pgf('long_tasks'), 0)} |`);
L(`| long tasks overlapping our updates | ${mmm(pgf('long_tasks_ours'), 0)} |`);
L(`| long tasks caused by us (under 50 ms without our measured work; budget 0) | ${mmm(pgf('long_tasks_caused_by_us'), 0)} |`);
L();
L('## Worker pool');
L();
L(`From the comparison page (\`/compare\`), ${pools.length} fresh page loads; hardwareConcurrency = ${n}.`);
L();
L('| Figure | min / median / max |');
L('|---|---|');
L(`| cold start, all ${n} workers ready, ms | ${mmm(pools.map((p) => p.warm), 0)} |`);
L(`| one worker's start-up, ms | ${mmm(pools.flatMap((p) => p.each), 0)} |`);
L(`| small-message round trip, ms (mean of 100 pings) | ${mmm(pools.map((p) => p.ping), 3)} |`);
L(`| 1 MiB copied there and back, ms | ${mmm(pools.map((p) => p.copy), 1)} |`);
L(`| 1 MiB transferred there and back, ms | ${mmm(pools.map((p) => p.transfer), 1)} |`);
L();
L('CPU-bound batch (8 tasks × 200 units of real hash-chain work) on N workers; the page measures each N');
L('several times, interleaved, and keeps the fastest. Efficiency = speedup ÷ N (budget: speedup ≥ 0.9·N):');
L();
L('| N | Wall, ms | Speedup vs N = 1 | Efficiency |');
L('|---:|---|---|---|');
for (let k = 1; k <= n; k++) {
  L(`| ${k} | ${mmm(pools.map((p) => p.walls[k - 1]), 0)} | ${mmm(speedups(k), 2)}× | ${mmm(speedups(k).map((s) => s / k), 2)} |`);
}
L();
L('## CPython in the page');
L();
L(`From \`e2e/bench/python.bench.mjs\` (the \`/python\` page), ${py.length} runs, each in fresh browser profiles:`);
L('the worker\'s own figures (files: downloading them, or reading them from the Cache API; start:');
L('the interpreter starting, download excluded). The slow network is Chromium\'s emulation (CDP) of');
L('10 Mbit/s down, 40 ms latency. Per step: 100 tasks × 100 `await asyncio.sleep(0)` in CPython (the');
L('page\'s tracer on) and the same scenario in Rust on the page\'s event loop, in one page load.');
L();
L('| Figure | min / median / max |');
L('|---|---|');
const pyf = (k) => py.map((r) => r[k]);
L(`| cold: files downloaded from loopback, ms | ${mmm(pyf('cold_download_ms'), 0)} |`);
L(`| cold: interpreter start (download excluded), ms | ${mmm(pyf('cold_start_ms'), 0)} |`);
L(`| cold on the slow network: files downloaded, ms | ${mmm(pyf('slow_download_ms'), 0)} |`);
L(`| cold on the slow network: click to ready (download included), ms | ${mmm(pyf('slow_click_to_ready_ms'), 0)} |`);
L(`| warm (second visit): files read from the cache, ms | ${mmm(pyf('warm_read_ms'), 0)} |`);
L(`| warm: interpreter start, ms | ${mmm(pyf('warm_start_ms'), 0)} |`);
L(`| warm: click to ready, ms | ${mmm(pyf('warm_click_to_ready_ms'), 0)} |`);
L(`| per step, CPython (tracer on), µs | ${mmm(pyf('cpython_step_us'), 1)} |`);
L(`| per step, Rust runner, µs | ${mmm(pyf('rust_step_us'), 1)} |`);
L();
L('## Resources runner');
L();
L(`From \`e2e/bench/sync.bench.mjs\` (${sy.length} runs, each in a fresh page load; live views on): ${SYNC_TASKS.toLocaleString('en')} tasks`);
L('gathered on `src/web/sync.rs`, each `async with lock: await sleep(0)`, so every acquisition but the first');
L('waits and each release hands the lock to the next waiter (four events recorded per hand-off); beside');
L('it the same tasks gathered with the `sleep(0)` and no lock. Wall times as the metrics panel shows them:');
L();
L('| Figure | min / median / max |');
L('|---|---|');
L(`| without the lock, ms | ${mmm(syf('unlocked_wall_ms'), 1)} |`);
L(`| with the lock, ms | ${mmm(syf('locked_wall_ms'), 1)} |`);
L(`| with the lock, µs per task | ${mmm(syf('locked_us_per_task'), 1)} |`);
L(`| the lock's hand-off (difference), µs per task | ${mmm(syf('handoff_us_per_task'), 1)} |`);
L();
L('The recording wrapper against a bare acquire/release of the same crate, from `e2e/bench/sync-wrapper.bench.mjs`');
L(`(one page load per browser; per case 9 interleaved rounds after one unmeasured round of each): ${(wrap[0]?.pairs ?? 20000).toLocaleString('en')}`);
L('acquire/release pairs of one lock through the runner\'s wrapper (`take` and `release` of `src/web/sync.rs`:');
L('requested, blocked, granted and released recorded) beside as many bare `tokio::sync::Mutex` pairs');
L('(`lock_owned().await`, dropped), both timed in wasm with `performance.now()` (the `?bench-hooks` hook,');
L('`src/web/sync_bench.rs`). Uncontended: one task takes and gives back the lock. Contended: two tasks each yield');
L('once while holding it, so every acquisition waits and is handed over. Median (min–max) over the rounds:');
L();
L('| Browser | case | wrapper, µs per pair | bare tokio::sync, µs per pair | wrapper ÷ bare (goal ≤ 2×) | rounds |');
L('|---|---|---|---|---|---:|');
const spreadOf = (xs, d) => { const v = sorted(xs); return `${median(v).toFixed(d)} (${v[0].toFixed(d)}–${v[v.length - 1].toFixed(d)})`; };
for (const w of wrap) {
  for (const [name, rs] of Object.entries(w.cases)) {
    L(`| ${w.browser} | ${name} | ${spreadOf(rs.map((r) => r.wrapper_us), 3)} | ${spreadOf(rs.map((r) => r.bare_us), 3)} | ${spreadOf(rs.map((r) => r.ratio), 2)} | ${rs.length} |`);
  }
}
if (!wrap.length) L('| not measured | | | | | |');
L();
L(`10,000 tasks contending for one Semaphore(10), 5 steps each, from \`e2e/bench/semaphore.bench.mjs\` (${sem.length} runs,`);
L('each in a fresh page load, Chromium, concurrent on the event loop, live views on): each task is `async with sem:');
L('await sleep(k ms); <0 ms of work>; await sleep(0)` (k = 1–10). Frames and long tasks as in the 10,000 × 10 figure');
L('above (a frame or long task is caused by us when our measured update work inside it pushed it over 50 ms):');
L();
L('| Figure | min / median / max |');
L('|---|---|');
const smf = (k) => sem.map((r) => r[k]);
L(`| wall time, ms | ${mmm(smf('wall_ms'), 0)} |`);
L(`| longest frame, ms | ${mmm(smf('longest_frame_ms'), 1)} |`);
L(`| frames over 50 ms | ${mmm(smf('frames_over_50'), 0)} |`);
L(`| of them caused by our rendering | ${mmm(smf('frames_over_50_caused_by_us'), 0)} |`);
L(`| long tasks | ${mmm(smf('long_tasks'), 0)} |`);
L(`| of them caused by our rendering | ${mmm(smf('long_tasks_caused_by_us'), 0)} |`);
L(`| our worst view update, ms | ${mmm(smf('our_worst_update_ms'), 1)} |`);
L();
fs.writeFileSync(OUT, lines.join('\n'));
log('wrote', OUT);
console.log(lines.join('\n'));
