// What the browser underneath changes for our lessons (not a test: CI does not run this file):
//   cd e2e && DIST=$PWD/../dist [E2E_BROWSER=firefox] node bench/browsers.bench.mjs
// Run it once per browser and compare. In the built page (cross-origin isolated, as served):
//   - the tick of performance.now(): the smallest non-zero step seen in a busy loop;
//   - nested setTimeout(0): the delay of each of the first 10 levels (the HTML standard lets a
//     browser clamp to 4 ms once timers nest more than 5 deep), median of 10 chains;
//   - setTimeout(1): the measured sleep, median of 20;
// each chain and sleep starting from a fresh task (a MessageChannel message), as in report.mjs.
//   - Atomics.wait on the page's main thread: allowed, or the error it throws.
// The last line printed is `RESULT {json}`.
import { start, open, BROWSER } from '../support.mjs';

const env = await start();
const { page } = await open(env, '/learn/event-loops');
await page.getByRole('heading', { level: 1 }).waitFor();
const res = await page.evaluate(async () => {
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  let tick = Infinity;
  for (let i = 0, last = performance.now(); i < 200_000; i++) {
    const t = performance.now();
    if (t > last) { tick = Math.min(tick, t - last); last = t; }
  }
  const fresh = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
  const levels = [];
  for (let c = 0; c < 10; c++) {
    await fresh();
    const d = await new Promise((resolve) => {
      const out = [];
      let last = performance.now();
      const f = () => {
        const t = performance.now();
        out.push(t - last);
        last = t;
        if (out.length < 10) setTimeout(f, 0); else resolve(out);
      };
      setTimeout(f, 0);
    });
    levels.push(d);
  }
  const nested = levels[0].map((_, k) => median(levels.map((l) => l[k])));
  const sleeps = [];
  for (let i = 0; i < 20; i++) {
    await fresh();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 1));
    sleeps.push(performance.now() - t0);
  }
  let atomicsWait;
  try {
    atomicsWait = `allowed: ${Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1)}`;
  } catch (e) {
    atomicsWait = `${e.name}: ${e.message}`;
  }
  return { isolated: crossOriginIsolated, tick_us: +(tick * 1000).toFixed(1),
    nested_timeout0_ms: nested.map((x) => +x.toFixed(2)), timeout1_ms: +median(sleeps).toFixed(2), atomicsWait };
});
console.log('RESULT ' + JSON.stringify({ browser: BROWSER, ...res }));
await env.close();
