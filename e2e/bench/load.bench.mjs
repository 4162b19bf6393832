// Page load on a slow connection, per route: first contentful paint, largest contentful paint,
// the app's first render (when the page answers input) and the bytes transferred, in Chromium
// with the network emulated at 1.6 Mbps down / 750 kbps up / 150 ms round trip, the HTTP cache
// disabled, served by e2e/serve.mjs as a real host would: the build's brotli copies to a browser
// that accepts brotli (Chromium does), and the same loads again from a host that sends gzip only
// (GitHub Pages, for one). Reported, never asserted.
// Used by bench/report.mjs; alone (prints one JSON line per route and a markdown table):
//   cd e2e && DIST=$PWD/../dist node bench/load.bench.mjs [runs] [baseline.json "what was built"]
// With a file name it also writes the loads there as the baseline report.mjs shows as “before”
// (bench/load-before.json).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, DIST } from '../support.mjs';
import { serve } from '../serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The network profile (a slow 4G link). */
export const SLOW = { latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };

/** Every route: the tour map, the tool pages, the claims, each lesson (slugs from content/). */
export function routes() {
  const content = path.join(here, '..', '..', 'content');
  const slugs = fs.readdirSync(content).filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, ''));
  return ['/', '/playground', '/compare', '/python', '/stuck', '/claims', ...slugs.sort().map((s) => `/learn/${s}`)];
}

/** One fresh load of `route` from `base` (a server's URL) on the slow link: { fcp, lcp, interactive, bytes } (ms, bytes). */
export async function slowLoad(env, route, base = env.url) {
  const page = await env.context.newPage();
  const cdp = await env.context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW });
  let bytes = 0;
  let pending = 0;
  let lastNet = Date.now();
  cdp.on('Network.requestWillBeSent', () => { pending++; lastNet = Date.now(); });
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; pending--; lastNet = Date.now(); });
  cdp.on('Network.loadingFailed', () => { pending--; lastNet = Date.now(); });
  // The navigation waits for the app to take over (support.mjs); then the figures are read.
  await page.goto(base + route, { timeout: 120_000 });
  const interactive = await page.waitForFunction(() => {
    const m = performance.getEntriesByName('app:first-render')[0];
    return m ? m.startTime : null;
  }, null, { timeout: 120_000 }).then((h) => h.jsonValue());
  // Bytes: everything the load fetched, once the network has been quiet for 1 s (at most 30 s).
  const t0 = Date.now();
  while ((pending > 0 || Date.now() - lastNet < 1000) && Date.now() - t0 < 30_000) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const paint = await page.evaluate(() => new Promise((resolve) => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    let lcp = null;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) lcp = e.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    setTimeout(() => resolve({ fcp, lcp }), 100);
  }));
  await page.close();
  return { ...paint, interactive, bytes };
}

/**
 * `runs` loads of every route from each way of serving it, interleaved across routes and
 * servings: { brotli: { route: [load, …] }, gzip: { … } }. `brotli` is `env`'s own server; `gzip`
 * a second one on the same build that never sends brotli.
 */
export async function slowLoads(env, runs, list = routes()) {
  const gzipOnly = await serve(DIST, 0, { brotli: false });
  const servings = { brotli: env.url, gzip: gzipOnly.url };
  const out = Object.fromEntries(Object.keys(servings).map((k) => [k, Object.fromEntries(list.map((r) => [r, []]))]));
  try {
    for (let i = 0; i < runs; i++) {
      for (const r of list) {
        for (const [how, base] of Object.entries(servings)) {
          out[how][r].push(await slowLoad(env, r, base));
          console.error('[load]', how, r, JSON.stringify(out[how][r].at(-1)));
        }
      }
    }
  } finally {
    gzipOnly.server.close();
  }
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const runs = Math.max(1, Number(process.argv[2] ?? 3));
  const env = await start();
  const res = await slowLoads(env, runs);
  await env.close();
  const med = (xs) => { const s = xs.filter(Number.isFinite).sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
  console.log('| route | served | first contentful paint | largest contentful paint | interactive (first render) | transferred |');
  console.log('|---|---|---|---|---|---|');
  for (const r of Object.keys(res.brotli)) {
    for (const [how, loads] of Object.entries(res)) {
      const xs = loads[r];
      const s = (k) => (med(xs.map((x) => x[k])) / 1000).toFixed(2);
      console.log(`| \`${r}\` | ${how} | ${s('fcp')} s | ${s('lcp')} s | ${s('interactive')} s | ${(med(xs.map((x) => x.bytes)) / 1000).toFixed(0)} KB |`);
    }
  }
  console.log(`RESULT ${JSON.stringify(res)}`);
  const [out, what = 'an earlier build'] = process.argv.slice(3);
  if (out) {
    // The baseline is the gzip loads: the way every earlier build was served.
    const commit = process.env.BENCH_COMMIT ?? 'unknown';
    const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    fs.writeFileSync(out, `${JSON.stringify({ commit, date, what, runs, loads: res.gzip }, null, 1)}\n`);
  }
}
