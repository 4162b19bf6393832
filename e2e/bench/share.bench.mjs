// Export and replay on a big run (not a test: CI does not run this file).
//   cd e2e && DIST=$PWD/../dist [PRESET=many-small] node bench/share.bench.mjs
// Runs a preset (default: the 10,000 × 10 stress test, 320,000 events), then times the three
// exports (click to downloaded file, and its size), opening the replay, a scrub to the middle,
// and 3 s of playback at 1×: animation-frame gaps and our own measured work per frame
// (User Timing measures: replay:prefix, replay:body, timeline:body, log:body).
import { start, openFresh } from '../support.mjs';
const env = await start();
const o = await openFresh(env, '/playground', 'Event-loop playground');
const page = o.page;
await page.getByLabel('Preset').selectOption(process.env.PRESET ?? 'ten-thousand');
await page.getByRole('button', { name: 'Run', exact: true }).click();
await page.getByTestId('run-status').filter({ hasText: /^Done/ }).waitFor({ timeout: 300000 });
const events = await page.getByTestId('tools-source').textContent();
console.log('source:', events);
const timed = async (label, fn) => { const t = Date.now(); const r = await fn(); console.log(label, Date.now() - t, 'ms'); return r; };
for (const b of ['Export log (JSON)', 'Export log (CSV)', 'Export timeline (SVG)']) {
  await timed(b, async () => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: b }).click()]);
    const fs = await import('node:fs');
    console.log('  size', (fs.statSync(await d.path()).size / 1e6).toFixed(2), 'MB');
  });
}
await timed('open replay', async () => {
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  await page.getByTestId('replay-clock').waitFor();
});
const slider = page.getByLabel('Replay time');
await timed('scrub to middle (to next frame)', () => slider.evaluate((e) => new Promise((res) => {
  e.value = String(Number(e.max) * 0.5); e.dispatchEvent(new Event('input', { bubbles: true }));
  requestAnimationFrame(() => requestAnimationFrame(res));
})));
console.log(await page.getByTestId('replay-clock').textContent());
await slider.evaluate((e) => { e.value = '0'; e.dispatchEvent(new Event('input', { bubbles: true })); });
await page.getByLabel('Speed').selectOption('1');
// Frame gaps while playing for 3 s.
await page.evaluate(() => { window.__gaps = []; let last = performance.now(); const f = (t) => { window.__gaps.push(t - last); last = t; if (window.__gaps.length < 100000) window.__raf = requestAnimationFrame(f); }; requestAnimationFrame(f); });
await page.evaluate(() => performance.clearMeasures());
await page.getByRole('button', { name: '▶ Play' }).click();
await page.waitForTimeout(3000);
const gaps = await page.evaluate(() => { cancelAnimationFrame(window.__raf); return window.__gaps; });
gaps.sort((a, b) => a - b);
const q = (p) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))].toFixed(1);
const ms = await page.evaluate(() => { const m = {}; for (const e of performance.getEntriesByType('measure')) { m[e.name] ??= [0, 0, 0]; m[e.name][0]++; m[e.name][1] += e.duration; m[e.name][2] = Math.max(m[e.name][2], e.duration); } return m; });
console.log(JSON.stringify(ms));
console.log('frames', gaps.length, 'median', q(0.5), 'p95', q(0.95), 'max', q(1));
console.log(await page.getByTestId('replay-clock').textContent());
console.log(o.problems);
await env.close();
