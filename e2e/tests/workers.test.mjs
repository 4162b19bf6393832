// The worker pool and the comparison page, end to end against the release build: real Web
// Workers speed up CPU-bound work, return checksums the page agrees with, and a worker that
// panics is reported, replaced, and does not break the next run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open } from '../support.mjs';
import { remeasured } from '../remeasure.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const RUN = 120_000;

/** Opens /compare and waits until the pool is started and calibrated. */
async function comparePage() {
  const opened = await open(env, '/compare');
  await opened.page.getByTestId('pool-status').waitFor({ timeout: 60_000 });
  return opened;
}

/** Waits until the page says it is not busy. */
async function idle(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid=busy]')?.textContent === '', null, { timeout: RUN });
}

async function runComparison(page) {
  await page.getByRole('button', { name: 'Run the comparison' }).click();
  await page.getByTestId('busy').filter({ hasText: /\S/ }).waitFor();
  await idle(page);
}

const ms = (text) => Number(text.replace(/[^\d.]/g, ''));

/// Guards the point of the pool: CPU-bound work on 2 workers really runs in parallel.
test('the CPU preset on 2 workers is at least 1.3× faster than on 1 worker', async () => {
  const { page, problems } = await comparePage();
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  assert.ok(cores >= 2, `needs 2 logical cores, this browser reports ${cores}`);
  await page.getByLabel('Scenario').selectOption({ label: 'CPU-bound: 8 tasks × 200 units of work' });
  const { one, two } = await remeasured('the CPU preset on 1 and 2 workers', async () => {
    await page.getByRole('button', { name: /^Measure speedup for N = 1…/ }).click();
    await page.getByTestId('busy').filter({ hasText: /\S/ }).waitFor();
    await idle(page);
    const one = ms(await page.getByTestId('speedup-wall-1').textContent());
    const two = ms(await page.getByTestId('speedup-wall-2').textContent());
    return { one, two };
  }, (f) => (f.one / f.two >= 1.3 ? null : `ratio ${(f.one / f.two).toFixed(2)} < 1.3`));
  assert.ok(one / two >= 1.3, `1 worker ${one} ms, 2 workers ${two} ms: ratio ${(one / two).toFixed(2)}`);
  assert.deepEqual(problems, []);
  await page.close();
});

/// Guards the checksum check and the three-way comparison on the same work.
test('the comparison runs three ways and the workers\' checksums match the page\'s', async () => {
  const { page, problems } = await comparePage();
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const workers = page.getByLabel('Workers (1–');
  for (const bad of ['0', String(cores + 1)]) {
    await workers.fill(bad);
    assert.match(await page.locator('#workers-error').textContent(), new RegExp(`must be from 1 to ${cores}`));
    assert.equal(await page.getByRole('button', { name: 'Run the comparison' }).isDisabled(), true, bad);
    assert.equal(await workers.inputValue(), bad, 'what was typed is kept');
  }
  await workers.fill('2');
  assert.equal(await page.locator('#workers-error').textContent(), '');
  // Before a run the table names no worker count; after it, the run's.
  assert.equal(await page.getByTestId('row-parallel').locator('th').textContent(), 'Parallel (workers)');
  await runComparison(page);
  assert.equal(await page.getByTestId('row-parallel').locator('th').textContent(), 'Parallel (2 workers)');
  // Efficiency (speedup per worker) is given for the run over workers only.
  assert.equal(await page.getByTestId('concurrent-efficiency').textContent(), '—');
  assert.equal(await page.getByTestId('sequential-efficiency').textContent(), '—');
  assert.match(await page.getByTestId('parallel-efficiency').textContent(), /^\d+ %$/);
  for (const key of ['sequential', 'concurrent', 'parallel']) {
    assert.equal(await page.getByTestId(`${key}-finished`).textContent(), '8 of 8', key);
    assert.match(await page.getByTestId(`${key}-wall`).textContent(), /^\d+ ms$/);
  }
  assert.match(await page.getByTestId('checksums').textContent(), /^Checksums: 8 of 8 match/);
  const explanation = await page.getByTestId('explanation').textContent();
  assert.match(explanation, /^CPU-bound: the event loop gave \d+\.\d×, 2 workers gave \d+\.\d×/);
  // Work on the page's thread blocks it; work in workers does not.
  const seqLag = ms(await page.getByTestId('sequential-lag').textContent());
  const parLag = ms(await page.getByTestId('parallel-lag').textContent());
  assert.ok(parLag < seqLag / 4, `lag with workers ${parLag} ms vs sequential ${seqLag} ms`);
  // One "who holds the thread" lane per worker in the parallel run's timeline.
  const parallel = page.getByRole('figure', { name: 'Parallel (workers) timeline' });
  assert.ok(await parallel.isVisible());
  assert.deepEqual(await parallel.locator('svg.tl-top text.lane-label.strong').allTextContents(), ['worker 1', 'worker 2']);
  assert.deepEqual(problems, []);
  await page.close();
});

/// Guards recovery: a panicking worker fails its task with the reason, is replaced, and the
/// next run on the same pool finishes every task.
test('a forced worker panic is reported and the next run succeeds', async () => {
  const { page } = await comparePage();
  // The CPU-bound scenario: its checksums are hash chains of the work, so a replaced worker that
  // skipped or cut short a task's work would show as a mismatch (an I/O task's is its seed).
  // Fault injection is an advanced control, folded away from a learner's first view.
  assert.equal(await page.getByLabel('Make worker 1 panic on its next task').isVisible(), false);
  await page.getByText('Fault injection (advanced)').click();
  await page.getByLabel('Make worker 1 panic on its next task').check();
  await runComparison(page);
  assert.equal(await page.getByTestId('parallel-finished').textContent(), '7 of 8');
  assert.match(await page.getByTestId('replaced').textContent(), /^Worker 1 was replaced after: the worker panicked: .*told to panic/s);
  assert.match(await page.getByTestId('checksums').textContent(), /7 of 8 match .*\(1 task returned none/);
  assert.equal(await page.getByLabel('Make worker 1 panic on its next task').isChecked(), false, 'the control resets');
  await runComparison(page);
  assert.equal(await page.getByTestId('parallel-finished').textContent(), '8 of 8');
  assert.equal(await page.getByTestId('replaced').count(), 0);
  assert.match(await page.getByTestId('checksums').textContent(), /^Checksums: 8 of 8 match/);
  await page.close();
});

/// Guards Stop: workers' current work is terminated, the tasks say so, the page stays usable.
test('Stop during the parallel run cancels it and the page stays usable', async () => {
  const { page, problems } = await comparePage();
  await page.getByLabel('Workers (1–').fill('1');
  await page.getByRole('button', { name: 'Run the comparison' }).click();
  await page.getByTestId('busy').filter({ hasText: 'in parallel' }).waitFor({ timeout: RUN });
  await page.waitForTimeout(300);
  await page.getByRole('button', { name: 'Stop' }).click();
  await idle(page);
  const finished = await page.getByTestId('parallel-finished').textContent();
  assert.match(finished, /^[0-7] of 8$/, finished);
  await runComparison(page);
  assert.equal(await page.getByTestId('parallel-finished').textContent(), '8 of 8');
  assert.deepEqual(problems, []);
  await page.close();
});

/// Guards the transfer panel: the size is validated, and both round trips are measured.
test('the transfer panel validates the size and measures copy and transfer', async () => {
  const { page, problems } = await comparePage();
  const size = page.getByLabel('Buffer size (MiB)');
  await size.fill('lots');
  assert.match(await page.locator('#transfer-size-error').textContent(), /must be a number/);
  assert.equal(await page.getByRole('button', { name: 'Send to a worker and back' }).isDisabled(), true);
  await size.fill('300');
  assert.match(await page.locator('#transfer-size-error').textContent(), /at most 256/);
  assert.equal(await size.inputValue(), '300', 'what was typed is kept');
  await size.fill('8');
  await page.getByRole('button', { name: 'Send to a worker and back' }).click();
  await page.getByTestId('transfer-summary').waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId('copy-ms').textContent(), /^\d+\.\d ms$/);
  assert.match(await page.getByTestId('transfer-ms').textContent(), /^\d+\.\d ms$/);
  assert.match(await page.getByTestId('transfer-summary').textContent(), /left with 0 bytes/);
  // Both buffers came back byte for byte (the panel compares every byte with what it sent).
  const intact = await page.evaluate(() => ['copy-ms', 'transfer-ms'].map((id) =>
    document.querySelector(`[data-testid=${id}]`)?.closest('tr')?.querySelector('td:last-child')?.textContent));
  assert.deepEqual(intact, ['yes ✓', 'yes ✓']);
  assert.deepEqual(problems, []);
  await page.close();
});

// The worker side of issue 5's shared-memory demos, driven straight through the protocol: the
// page's script spawns the real worker binary and posts envelopes { msg: <bytes>, buf: SAB }.
// The bytes are postcard's format (engine::protocol): enum variants and integers as LEB128
// varints (i32 zigzag), f64 as 8 little-endian bytes, strings and lists length-prefixed, Option
// as 0 or 1 then the value. This small codec covers the messages these tests send and receive,
// in the shape serde gives them in JSON ("Ready", { Kind: { field: value } }).
const WORKER_HELPERS = `
  const TO = {
    Calibrate: [1, [['id', 'u'], ['sample_ms', 'f']]],
    Increment: [6, [['id', 'u'], ['index', 'u'], ['times', 'u'], ['atomic', 'b'], ['work_rounds', 'u'], ['start_together', 'u']]],
    GilWork: [7, [['id', 'u'], ['task', 'u'], ['spec', 'spec'], ['rounds_per_ms', 'u'], ['switch_ms', 'f'], ['use_lock', 'b'], ['seed', 'u']]],
  };
  const FROM = [
    ['Ready', null], ['Checksum', [['id', 'u'], ['value', 'U'], ['elapsed_ms', 'f']]],
    ['Calibrated', [['id', 'u'], ['rounds_per_ms', 'u']]],
    ['TaskEvent', [['id', 'u'], ['task', 'u'], ['at_ms', 'f'], ['kind', 'kind']]],
    ['TaskDone', [['id', 'u'], ['checksum', 'U'], ['work_ms', 'f']]], ['Pong', [['id', 'u']]],
    ['Echoed', [['id', 'u'], ['bytes', 'u']]], ['Overwritten', [['id', 'u'], ['before', 'i'], ['after', 'i']]],
    ['Incremented', [['id', 'u'], ['elapsed_ms', 'f']]], ['Panicked', [['message', 's']]],
    ['Error', [['id', '?u'], ['message', 's']]],
  ];
  const KIND = [
    ['Spawned', null], ['StepStarted', [['step', 'u'], ['of', 'u'], ['work', 'b']]],
    ['Awaiting', [['step', '?u'], ['until_ms', 'f']]], ['Resumed', [['step', '?u']]], ['Finished', null],
    ['Failed', [['reason', 's']]], ['Cancelled', [['step', '?u']]],
  ];
  window.__encode = (msg) => {
    const out = [];
    const uv = (n) => { let v = BigInt(n); do { let b = Number(v & 127n); v >>= 7n; if (v) b |= 128; out.push(b); } while (v); };
    const f = (x) => { const d = new DataView(new ArrayBuffer(8)); d.setFloat64(0, x, true); out.push(...new Uint8Array(d.buffer)); };
    const put = (t, v) => {
      if (t === 'u') uv(v); else if (t === 'f') f(v); else if (t === 'b') out.push(v ? 1 : 0);
      else if (t === 'spec') {
        const name = new TextEncoder().encode(v.name); uv(name.length); out.push(...name);
        f(v.start_delay_ms); uv(v.steps.length);
        for (const st of v.steps) { const [k, b] = Object.entries(st)[0]; uv(k === 'Work' ? 0 : 1); f(b.ms); }
      } else throw new Error('cannot encode ' + t);
    };
    const [kind, body] = Object.entries(msg)[0];
    const [index, fields] = TO[kind];
    uv(index);
    for (const [name, t] of fields) put(t, body[name]);
    return new Uint8Array(out);
  };
  window.__decode = (bytes) => {
    let at = 0;
    const uv = () => { let v = 0n, s = 0n, b; do { b = bytes[at++]; v |= BigInt(b & 127) << s; s += 7n; } while (b & 128); return v; };
    const get = (t) => {
      if (t === 'u') return Number(uv());
      if (t === 'U') return uv().toString();
      if (t === 'i') { const z = uv(); return Number((z >> 1n) ^ -(z & 1n)); }
      if (t === 'f') { const x = new DataView(bytes.buffer, bytes.byteOffset + at, 8).getFloat64(0, true); at += 8; return x; }
      if (t === 'b') return bytes[at++] === 1;
      if (t === 's') { const n = Number(uv()); const x = new TextDecoder().decode(bytes.subarray(at, at + n)); at += n; return x; }
      if (t[0] === '?') return bytes[at++] ? get(t.slice(1)) : null;
      if (t === 'kind') return variant(KIND);
      throw new Error('cannot decode ' + t);
    };
    const variant = (table) => {
      const [name, fields] = table[Number(uv())];
      if (!fields) return name;
      const body = {};
      for (const [k, t] of fields) body[k] = get(t);
      return { [name]: body };
    };
    return variant(FROM);
  };
  window.__spawnWorker = () => new Promise((resolve, reject) => {
    const w = new Worker('./worker_loader.js', { type: 'module' });
    const events = [];
    const waiting = new Map();
    w.onerror = (e) => reject(new Error(e.message));
    w.onmessage = (e) => {
      const m = window.__decode(e.data.msg);
      if (m === 'Ready') return resolve({ w, events, waiting });
      const [kind, body] = Object.entries(m)[0];
      if (kind === 'TaskEvent') { events.push(body); return; }
      waiting.get(body.id)?.({ kind, body });
    };
  });
  window.__ask = (h, msg, buf) => new Promise((resolve) => {
    const id = Object.values(msg)[0].id;
    h.waiting.set(id, resolve);
    h.w.postMessage(buf ? { msg: window.__encode(msg), buf } : { msg: window.__encode(msg) });
  });
`;

/// Guards the race demo's worker side: shared memory really is shared, plain increments from
/// two workers lose updates, Atomics.add loses none.
test('two workers racing on a shared counter lose updates, Atomics.add does not', { timeout: 120_000 }, async () => {
  const { page, problems } = await open(env, '/compare');
  await page.evaluate(WORKER_HELPERS);
  const result = await page.evaluate(async () => {
    const hs = [await window.__spawnWorker(), await window.__spawnWorker()];
    const run = async (atomic) => {
      const sab = new SharedArrayBuffer(8);
      await Promise.all(hs.map((h, i) => window.__ask(h,
        { Increment: { id: 10 + i + (atomic ? 100 : 0), index: 0, times: 200000, atomic, work_rounds: 16, start_together: 2 } }, sab)));
      return new Int32Array(sab)[0];
    };
    const racy = await run(false);
    const atomic = await run(true);
    hs.forEach((h) => h.w.terminate());
    return { racy, atomic };
  });
  assert.equal(result.atomic, 400000, 'Atomics.add never loses an update');
  assert.ok(result.racy < 400000, `read-then-write lost ${400000 - result.racy} updates`);
  assert.deepEqual(problems, []);
  await page.close();
});

/// Guards the GIL demo's worker side: with the shared lock, two workers' CPU slices take turns
/// (hand-offs in the event stream, running times never overlap); without it they overlap; the
/// work is the same either way. (Wall-time ratios are the tour's tests: they need a quiet machine.)
test('a shared global lock makes two workers take turns; without it they overlap', { timeout: 120_000 }, async () => {
  const { page, problems } = await open(env, '/compare');
  await page.evaluate(WORKER_HELPERS);
  const r = await page.evaluate(async () => {
    const hs = [await window.__spawnWorker(), await window.__spawnWorker()];
    const cal = await window.__ask(hs[0], { Calibrate: { id: 1, sample_ms: 100 } });
    const rpm = cal.body.rounds_per_ms;
    // Running intervals of one worker: from taking the lock (or starting work) to the next wait or the end.
    const running = (events) => {
      const out = [];
      let since = null;
      for (const e of events) {
        const k = typeof e.kind === 'string' ? e.kind : Object.keys(e.kind)[0];
        if (k === 'Resumed' || (k === 'StepStarted' && e.kind.StepStarted.work)) since ??= e.at_ms;
        if ((k === 'Awaiting' || k === 'Finished') && since !== null) { out.push([since, e.at_ms]); since = null; }
      }
      return out;
    };
    const run = async (use_lock, base) => {
      const sab = new SharedArrayBuffer(8);
      hs.forEach((h) => { h.events.length = 0; });
      const t = performance.now();
      const done = await Promise.all(hs.map((h, i) => window.__ask(h, { GilWork: {
        id: base + i, task: i, rounds_per_ms: rpm, switch_ms: 5, use_lock, seed: 7 + i,
        spec: { name: `cpu-${i}`, start_delay_ms: 0, steps: [{ Work: { ms: 200 } }] },
      } }, sab)));
      const wall = performance.now() - t;
      const [a, b] = hs.map((h) => running(h.events));
      let overlap = 0;
      for (const [s1, e1] of a) for (const [s2, e2] of b) overlap += Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
      // Lock takes, in time order, by worker: a hand-off is a take by the other worker.
      const takes = hs.flatMap((h, i) => h.events.filter((e) => e.kind.Resumed).map((e) => ({ at: e.at_ms, i })))
        .sort((x, y) => x.at - y.at);
      const handoffs = takes.filter((x, j) => j > 0 && x.i !== takes[j - 1].i).length;
      return { wall, overlap, handoffs, sums: done.map((d) => d.body.checksum) };
    };
    const locked = await run(true, 10);
    const free = await run(false, 20);
    hs.forEach((h) => h.w.terminate());
    return { locked, free };
  });
  const info = JSON.stringify(r);
  assert.ok(r.locked.handoffs >= 10, `lock hand-offs: ${info}`);
  assert.equal(r.free.handoffs, 0, 'no lock, no hand-offs logged');
  assert.ok(r.free.overlap > 0.5 * r.free.wall, `without the lock the workers overlap: ${info}`);
  assert.ok(r.locked.overlap < 0.05 * r.free.overlap, `with the lock they take turns: ${info}`);
  assert.deepEqual(r.locked.sums, r.free.sums, 'the lock changes the schedule, not the work');
  assert.deepEqual(problems, []);
  await page.close();
});

/// Guards the comparison's "your scenario from the playground": offered only when the playground
/// left a valid scenario, it runs exactly that scenario all three ways.
test('the comparison offers and runs the scenario left in the playground', async () => {
  const o = await open(env, '/worker_loader.js');
  await o.page.evaluate(() => localStorage.clear());
  await o.page.goto(`${env.url}/compare`);
  await o.page.getByTestId('pool-status').waitFor({ timeout: RUN });
  const option = o.page.locator('#compare-preset option', { hasText: 'Your scenario from the playground' });
  assert.equal(await option.count(), 0, 'nothing saved, nothing offered');
  // What the playground saves (format 2): three tasks, two waiting 120 ms and one 40 ms of work.
  const draft = 'ap-store-2 draft\nap-draft-1\nmine-a\t0\ta120\nmine-b\t0\ta120\nmine-c\t0\tw40';
  await o.page.evaluate((d) => localStorage.setItem('async-playground.playground.draft', d), draft);
  await o.page.reload();
  await o.page.getByTestId('pool-status').waitFor({ timeout: RUN });
  o.problems.length = 0;
  await o.page.getByLabel('Scenario').selectOption({ label: 'Your scenario from the playground' });
  assert.match(await o.page.getByTestId('scenario-summary').textContent(), /^3 tasks · 40 units of CPU work · 240 ms of waiting/);
  await o.page.getByLabel('Workers (1–').fill('1');
  await runComparison(o.page);
  for (const key of ['sequential', 'concurrent', 'parallel']) {
    assert.equal(await o.page.getByTestId(`${key}-finished`).textContent(), '3 of 3', key);
  }
  assert.match(await o.page.getByTestId('checksums').textContent(), /^Checksums: 3 of 3 match/);
  assert.deepEqual(o.problems, []);
  await o.page.close();
});

/// Guards the speedup chart's table: each column is what its definition makes of the measured
/// wall times — speedup = T1 / TN, efficiency = speedup / N, Amdahl's law with the serial
/// fraction fitted by least squares over N = 2…max (none, shown as "–", below three worker
/// counts), and the ideal for 8 equal tasks on a queue (8 / ceil(8 / N) per round of N).
test('the speedup table\'s columns follow from its measured wall times', { timeout: 240_000 }, async () => {
  const { page, problems } = await comparePage();
  await page.getByLabel('Scenario').selectOption({ label: 'CPU-bound: 8 tasks × 200 units of work' });
  const sweep = page.getByRole('button', { name: /^Measure speedup for N = 1…/ });
  const max = Number((await sweep.textContent()).match(/…(\d+)$/)[1]);
  await sweep.click();
  await page.getByTestId('busy').filter({ hasText: /\S/ }).waitFor();
  await idle(page);
  const table = page.getByRole('table', { name: 'Speedup measurements' });
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.equal(rows.length, max, JSON.stringify(rows));
  const num = (t) => parseFloat(t.replace(/[^\d.]/g, ''));
  const walls = rows.map((r) => num(r[1]));
  const sp = walls.map((w) => walls[0] / w);
  const fit = () => {
    let [ab, aa] = [0, 0];
    for (let n = 2; n <= max; n++) { const a = 1 - 1 / n; ab += a * (1 / sp[n - 1] - 1 / n); aa += a * a; }
    return Math.min(1, Math.max(0, ab / aa));
  };
  const s = max >= 3 ? fit() : null;
  rows.forEach((r, i) => {
    const n = i + 1;
    // Walls are shown rounded to 1 ms; the ratios are compared with that much slack.
    const slack = sp[i] * (1 / walls[0] + 1 / walls[i]) + 0.006;
    assert.equal(Number(r[0]), n);
    assert.ok(Math.abs(num(r[2]) - sp[i]) <= slack, `speedup ${r[2]} vs ${sp[i]}`);
    assert.ok(Math.abs(num(r[3]) - (sp[i] / n) * 100) <= 100 * slack / n + 0.6, `efficiency ${r[3]} vs ${sp[i] / n}`);
    if (s !== null) {
      const amdahl = 1 / (s + (1 - s) / n);
      assert.ok(Math.abs(num(r[4]) - amdahl) <= 2 * slack, `Amdahl ${r[4]} vs ${amdahl} (s = ${s})`);
    } else {
      assert.equal(r[4].trim(), '–', 'no serial fraction is fitted from fewer than three worker counts');
    }
    const ideal = 8 / Math.ceil(8 / n);
    assert.ok(Math.abs(num(r[5]) - ideal) <= 0.006, `ideal ${r[5]} vs ${ideal}`);
  });
  if (s === null) assert.match(await page.locator('.speedup-chart .legend').textContent(), /cannot be fitted from fewer than 3 worker counts/);
  assert.deepEqual(problems, []);
  await page.close();
});
