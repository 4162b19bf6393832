// Frames and long tasks during a run, shared by the playground benches: the gap between
// animation frames and the long tasks (PerformanceObserver), and which of them our rendering
// caused (overlapping one of our User Timing measures, and under 50 ms without our work inside).
// See playground.bench.mjs for how each figure is defined.

/** Starts watching frames and long tasks in `page`. */
export async function watchFrames(page) {
  await page.evaluate(() => {
    const w = window;
    w.__bench = { gaps: [], long: [], stop: false, t0: performance.now() };
    performance.clearMeasures();
    let last = performance.now();
    const tick = (t) => {
      w.__bench.gaps.push([last, t - last]);
      last = t;
      if (!w.__bench.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    try {
      w.__bench.obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__bench.long.push([e.startTime, e.duration]); });
      w.__bench.obs.observe({ type: 'longtask', buffered: false });
    } catch (e) { w.__bench.long = null; }
  });
}
/** Stops watching; returns the frame and long-task figures. */
export async function collect(page) {
  return page.evaluate(() => {
    const b = window.__bench;
    b.stop = true;
    b.obs?.disconnect();
    // Our own work per view update (snapshot + render), recorded with User Timing.
    const ours = performance.getEntriesByType('measure').map((e) => [e.startTime, e.duration, e.name]);
    // The per-frame feed of new events (a fraction of a ms) overlaps every frame: it counts as the
    // cause only when it is itself long; the update pieces always count.
    const overlapsOurs = (s0, d0) => ours.some(([s, d, n]) => (n !== 'playground:feed' || d > 10) && s < s0 + d0 && s + d > s0);
    const spans = b.gaps.slice(1);
    const gaps = spans.map((g) => g[1]).sort((a, c) => c - a);
    const over50 = gaps.filter((g) => g > 50).length;
    const over50Ours = spans.filter(([s, d]) => d > 50 && overlapsOurs(s, d)).length;
    const byName = {};
    for (const [, d, n] of ours) (byName[n] ??= []).push(d);
    for (const n in byName) {
      const v = byName[n].sort((a, c) => c - a);
      byName[n] = { count: v.length, worstMs: v.slice(0, 3).map((d) => +d.toFixed(1)), totalMs: +v.reduce((a, c) => a + c, 0).toFixed(1) };
    }
    const oursSorted = ours.map((e) => e[1]).sort((a, c) => c - a);
    const long = b.long ?? [];
    // A long task is "ours" if one of our updates overlaps it.
    const overlaps = (lt) => overlapsOurs(lt[0], lt[1]);
    // Our measured work inside a span (the whole-update measures already contain the bodies).
    const oursInside = (s0, d0) => {
      const upd = ours.filter(([, , n]) => n === 'playground:update' || n === 'playground:snapshot' || n === 'playground:feed');
      const pieces = upd.length ? upd : ours;
      return pieces.reduce((a, [s, d]) => a + Math.max(0, Math.min(s + d, s0 + d0) - Math.max(s, s0)), 0);
    };
    // Caused by us: without our measured work inside it, the task would not have been long.
    const caused = (lt) => overlaps(lt) && lt[1] - oursInside(lt[0], lt[1]) <= 50;
    const upd = byName['playground:update'];
    // The same test for frames: a gap over 50 ms that our measured work inside it pushed over.
    const over50Caused = spans.filter(([s, d]) => d > 50 && caused([s, d])).length;
    return { frames: gaps.length, worstFrameGaps: gaps.slice(0, 5).map((g) => +g.toFixed(1)), frameGapsOver50ms: over50,
      frameGapsOver50msOurs: over50Ours, frameGapsOver50msCausedByUs: over50Caused,
      longTaskCount: long.length, longTasksOurs: long.filter(overlaps).length,
      longTasksCausedByUs: long.filter(caused).length,
      ourWorstUpdateMs: upd ? upd.worstMs[0] : null,
      longTasks: long.map(([s, d]) => `${(s - b.t0).toFixed(0)}ms+${d.toFixed(0)}${overlaps([s, d]) ? ` (overlaps our update; ours inside ${oursInside(s, d).toFixed(0)} ms)` : ''}`),
      ourMeasures: byName,
      // Each view update: when (ms since the run's click), how long, and the pieces inside it.
      updates: ours.filter(([, , n]) => n === 'playground:update').map(([s, d]) => `${(s - b.t0).toFixed(0)}ms+${d.toFixed(1)} [` +
        ours.filter(([s2, d2, n2]) => n2 !== 'playground:update' && s2 >= s && s2 + d2 <= s + d).map(([, d2, n2]) => `${n2.split(':')[0]} ${d2.toFixed(1)}`).join(', ') + ']'),
      feedWorstMs: byName['playground:feed']?.worstMs[0] ?? null,
      ourPiecesOver50ms: oursSorted.filter((d) => d > 50).length,
      ourTotalMs: +oursSorted.reduce((a, c) => a + c, 0).toFixed(1) };
  });
}

