// The recording wrapper's cost (not a test: reported, never asserted): one uncontended lock's
// acquire/release pairs through the resources runner's own wrapper (src/web/sync.rs `take` and
// `release`: requested, granted and released recorded per pair, each stamped with
// performance.now()) beside the same number of bare `tokio::sync::Mutex` pairs
// (`lock_owned().await`, dropped), both in wasm, in the same page load, in interleaved rounds
// (wrapper first in even rounds, bare first in odd ones), after one unmeasured round of each.
// The hook is `window.__apLockPairs(n, recorded)`, defined by the playground page opened with
// `?bench-hooks` (src/web/sync_bench.rs); it times the loop with performance.now() in wasm.
//   cd e2e && DIST=$PWD/../dist [E2E_BROWSER=firefox] node bench/sync-wrapper.bench.mjs [rounds]
// The last line printed is `RESULT {json}`: per round, µs per pair of each and their ratio.
import { start, open, BROWSER } from '../support.mjs';

export const PAIRS = 20_000;

export async function measure(rounds = 9) {
  const env = await start();
  try {
    const { page, problems } = await open(env, '/worker_loader.js');
    await page.goto(env.url + '/playground?bench-hooks');
    await page.waitForFunction(() => typeof window.__apLockPairs === 'function', null, { timeout: 60_000 });
    const pairs = (recorded) => page.evaluate(([n, r]) => window.__apLockPairs(n, r), [PAIRS, recorded]);
    await pairs(true);
    await pairs(false);
    const out = [];
    for (let r = 0; r < rounds; r++) {
      let rec, bare;
      if (r % 2 === 0) { rec = await pairs(true); bare = await pairs(false); } else { bare = await pairs(false); rec = await pairs(true); }
      out.push({ wrapper_us: rec * 1000 / PAIRS, bare_us: bare * 1000 / PAIRS, ratio: rec / bare });
    }
    if (problems.length) throw new Error(`console problems: ${problems.join('; ')}`);
    return { browser: BROWSER, pairs: PAIRS, rounds: out };
  } finally {
    await env.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const res = await measure(Math.max(1, Number(process.argv[2] ?? 9)));
  console.log('RESULT ' + JSON.stringify(res));
}
