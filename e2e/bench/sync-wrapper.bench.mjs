// The recording wrapper's cost (not a test: reported, never asserted): a lock's acquire/release
// pairs through the resources runner's own wrapper (src/web/sync.rs `take` and `release`:
// requested, blocked, granted and released recorded, stamped with performance.now(); a request
// and its immediate grant or block share one clock read)
// beside the same number of bare `tokio::sync::Mutex` pairs (`lock_owned().await`, dropped), both
// in wasm, in the same page load, in interleaved rounds (wrapper first in even rounds, bare first
// in odd ones), after one unmeasured round of each. Two cases: uncontended (one task takes and
// gives back the lock), and contended (two tasks each yield once while holding it, so every
// acquisition waits and is handed over by the other's release, woken through the microtask queue).
// The hook is `window.__apLockPairs(n, recorded, contended, done)`, defined by the playground page opened with
// `?bench-hooks` (src/web/sync_bench.rs); it times the loop with performance.now() in wasm.
//   cd e2e && DIST=$PWD/../dist [E2E_BROWSER=firefox] node bench/sync-wrapper.bench.mjs [rounds]
// The last line printed is `RESULT {json}`: per case and round, µs per pair of each and their ratio.
import { start, open, BROWSER } from '../support.mjs';

export const PAIRS = 20_000;

export async function measure(rounds = 9) {
  const env = await start();
  try {
    const { page, problems } = await open(env, '/worker_loader.js');
    await page.goto(env.url + '/playground?bench-hooks');
    await page.waitForFunction(() => typeof window.__apLockPairs === 'function', null, { timeout: 60_000 });
    // The blank first page's 404 is not the benchmark's.
    problems.length = 0;
    const pairs = (recorded, contended) => page.evaluate(([n, r, c]) => new Promise((done) => window.__apLockPairs(n, r, c, done)), [PAIRS, recorded, contended]);
    const cases = {};
    for (const [name, contended] of [['uncontended', false], ['contended', true]]) {
      await pairs(true, contended);
      await pairs(false, contended);
      const out = [];
      for (let r = 0; r < rounds; r++) {
        let rec, bare;
        if (r % 2 === 0) { rec = await pairs(true, contended); bare = await pairs(false, contended); } else { bare = await pairs(false, contended); rec = await pairs(true, contended); }
        out.push({ wrapper_us: rec * 1000 / PAIRS, bare_us: bare * 1000 / PAIRS, ratio: rec / bare });
      }
      cases[name] = out;
    }
    if (problems.length) throw new Error(`console problems: ${problems.join('; ')}`);
    return { browser: BROWSER, pairs: PAIRS, cases };
  } finally {
    await env.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const res = await measure(Math.max(1, Number(process.argv[2] ?? 9)));
  console.log('RESULT ' + JSON.stringify(res));
}
