// Benchmark of the resources runner (src/web/sync.rs, tokio::sync on wasm-bindgen-futures) in the
// playground, live views on (not a test: timings are reported, never asserted).
//   cd e2e && DIST=$PWD/../dist [TASKS=1000] node bench/sync.bench.mjs [reps]
// N tasks each run `async with lock: await sleep(0)`: every acquisition but the first waits, and
// each release hands the lock to the next waiter. Beside it, in the same page load, the same N
// tasks with the sleep(0) and no lock (gathered too, so on the same runner), so the difference is what the lock's hand-offs cost
// (recording included: requested, blocked, granted and released are logged per task). The
// last line printed is `RESULT {json}`: the wall times (ms, as the metrics panel shows them) and
// the per-task cost of the locked run and of its difference to the unlocked one (µs), per rep.
import { start, open } from '../support.mjs';

const N = Number(process.env.TASKS ?? 1000);
const REPS = Number(process.argv[2] ?? 3);
const env = await start();
const { page, problems } = await open(env, '/worker_loader.js');
await page.setViewportSize({ width: 1280, height: 900 });

const entry = (locked) => {
  // Both are gathered (asyncio.gather), so both run on the resources runner.
  const head = locked ? ['ap-draft-2', 'structure\tgather\tresources\t1', 'L\tlock\t\t'] : ['ap-draft-2', 'structure\tgather\tresources\t0'];
  const steps = locked ? '~with:lock a0 ~end:' : 'a0';
  const tasks = Array.from({ length: N }, (_, i) => `t${i + 1}\t0\t${steps}`);
  return 'ap-store-3 draft\n' + [...head, ...tasks].join('\n');
};

async function wallOf(locked) {
  await page.evaluate((d) => { localStorage.clear(); localStorage.setItem('async-playground.playground.draft', d); }, entry(locked));
  await page.goto(env.url + '/playground');
  await page.getByText(`Tasks 1–20 of ${N}`).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByTestId('run-status').filter({ hasText: /^Done/ }).waitFor({ timeout: 120_000 });
  const wall = parseFloat(await page.getByTestId('metric-wall').textContent());
  let peak = null;
  if (locked) {
    peak = await page.getByTestId('resource-lanes').evaluate((f) => f.querySelector('[data-testid="resource-peak"]').textContent);
  }
  return { wall, peak };
}

const reps = [];
for (let r = 0; r < REPS; r++) {
  const bare = await wallOf(false);
  const locked = await wallOf(true);
  reps.push({
    unlocked_wall_ms: bare.wall,
    locked_wall_ms: locked.wall,
    lock_peak: locked.peak,
    locked_us_per_task: +(locked.wall * 1000 / N).toFixed(1),
    handoff_us_per_task: +((locked.wall - bare.wall) * 1000 / N).toFixed(1),
  });
  console.log(JSON.stringify(reps[reps.length - 1]));
}
console.log(JSON.stringify({ consoleProblems: problems }));
await env.close();
console.log('RESULT ' + JSON.stringify({ tasks: N, reps }));
