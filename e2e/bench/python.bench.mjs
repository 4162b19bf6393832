// Benchmark of CPython in the page (not a test: CI does not run this file).
//   cd e2e && DIST=$PWD/../dist node bench/python.bench.mjs
// In one browser profile:
// 1. Cold start on loopback: the first "Run in CPython" of a fresh profile — the worker's own
//    figures: downloading the files (Cache API empty) and starting the interpreter (download
//    excluded).
// 2. Cold start on an emulated slow network (CDP: 10 Mbit/s down, 5 Mbit/s up, 40 ms latency),
//    in a second fresh profile: download included.
// 3. Warm start: a new page of the first profile, files read from the browser's cache.
// 4. Per-step overhead in one page load: the "What one step costs" example (100 tasks × 100
//    `await asyncio.sleep(0)`) in CPython with the page's tracer on, then the same scenario in Rust
//    on the page's event loop (100 tasks × 100 steps of a 0 ms wait, which yield to the loop).
// The last line printed is `RESULT {json}`.
import { start } from '../support.mjs';

const num = (t) => Number(String(t).replace(/[^\d.]/g, ''));

/** Opens /python, runs `id`, and returns the worker's figures and the claims cells. */
async function runOnce(env, id, { slow = false } = {}) {
  const page = await env.context.newPage();
  if (slow) {
    const cdp = await env.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8,
    });
  }
  const t = Date.now();
  await page.goto(env.url + '/python');
  const c = page.getByTestId(`py-${id}`);
  await c.getByTestId('py-run').click();
  const ready = page.getByTestId('py-ready');
  await ready.waitFor({ timeout: 600_000 });
  const text = await ready.textContent();
  const m = text.match(/files (downloaded|read from the browser's cache) in (\d+) ms, interpreter started in (\d+) ms/);
  const readyMs = Date.now() - t;
  await c.getByTestId('py-done').waitFor({ timeout: 300_000 });
  const cpython = (await c.getByTestId('py-claim-cpython').textContent()).trim();
  let rust = null;
  if (id === '6_x') {
    await c.getByTestId('py-claim-rust').filter({ hasText: /^[\d.]+ s$/ }).waitFor({ timeout: 120_000 });
    rust = (await c.getByTestId('py-claim-rust').textContent()).trim();
  }
  await page.close();
  return { cached: m?.[1] !== 'downloaded', download_ms: num(m?.[2]), start_ms: num(m?.[3]), click_to_ready_ms: readyMs, cpython, rust };
}

const out = {};
{
  const env = await start();
  const cold = await runOnce(env, '6_x');
  const warm = await runOnce(env, '6_x');
  await env.close();
  Object.assign(out, {
    cold_download_ms: cold.download_ms, cold_start_ms: cold.start_ms,
    warm_cached: warm.cached, warm_read_ms: warm.download_ms, warm_start_ms: warm.start_ms,
    warm_click_to_ready_ms: warm.click_to_ready_ms,
    cpython_step_us: num(cold.cpython) * 1e6 / 10_000, rust_step_us: num(cold.rust) * 1e6 / 10_000,
    cpython_step_us_warm: num(warm.cpython) * 1e6 / 10_000, rust_step_us_warm: num(warm.rust) * 1e6 / 10_000,
  });
}
{
  const env = await start();
  const slow = await runOnce(env, '2_5', { slow: true });
  await env.close();
  Object.assign(out, { slow_download_ms: slow.download_ms, slow_start_ms: slow.start_ms, slow_click_to_ready_ms: slow.click_to_ready_ms });
}
console.log('RESULT ' + JSON.stringify(out));
