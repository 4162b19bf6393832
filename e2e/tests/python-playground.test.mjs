// "Run in CPython" in the playground's code view: the generated Python of the scenario, run as it
// is shown, in real CPython (Pyodide in a worker, downloaded on the click), with its output, its
// tasks on a timeline and the Rust run of the same scenario after it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openFresh } from '../support.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test("the default scenario's generated Python runs in CPython: its output, and every task finished", async (t) => {
  const { page, problems } = await openFresh(env, '/playground', 'Event-loop playground');
  const pyRequests = [];
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/pyodide/') || u.pathname === '/python-worker.js') pyRequests.push(u.pathname);
  });
  const code = await page.getByTestId('code').textContent();
  // The program's coroutines: main and one per task, each run as an asyncio task.
  const coroutines = [...code.matchAll(/^async def (\w+)\(/gm)].map((m) => m[1]);
  const tasks = coroutines.filter((c) => c !== 'main');
  assert.ok(tasks.length >= 2, code);
  assert.match(code, /asyncio\.gather/, 'the default mode is concurrent');
  // Each task's seconds of sleep and of CPU work (busy), read from its body in the program.
  const bodies = code.split(/^async def /m).slice(1).filter((b) => !b.startsWith('main('));
  const secs = (body, re) => [...body.matchAll(re)].reduce((s, m) => s + Number(m[1]), 0);
  const own = bodies.map((b) => secs(b, /await asyncio\.sleep\(([\d.]+)\)/g) + secs(b, /busy\(([\d.]+)\)/g) / 1000);
  const cpu = bodies.reduce((s, b) => s + secs(b, /busy\(([\d.]+)\)/g) / 1000, 0);

  const box = page.getByTestId('py-generated');
  const button = box.getByTestId('py-run');
  assert.match(await button.textContent(), /^Run in CPython — downloads about [\d.]+ MB once$/);
  await page.waitForTimeout(300);
  assert.deepEqual(pyRequests, [], 'nothing of CPython loads before the click');
  await button.click();
  await box.locator('[data-testid=py-done], [data-testid=py-traceback]').first().waitFor({ timeout: 180_000 });
  assert.equal(await box.getByTestId('py-traceback').count(), 0, await box.textContent());

  // What it printed: the generated program's last line, its wall time.
  const out = await box.getByTestId('py-output').textContent();
  const took = Number(out.match(/took ([\d.]+) s/)?.[1]);
  t.diagnostic(`generated program in CPython: took ${took} s (tasks of ${own.join(', ')} s, CPU work ${cpu} s)`);
  // It really slept and worked: no faster than its longest task, nor than all its CPU work.
  assert.ok(took >= Math.max(...own) && took >= cpu, out);

  // Its tasks, traced in CPython: main and every task finished.
  assert.equal(
    (await box.getByTestId('py-tasks-finished').textContent()).match(/(\d+) of (\d+)/)?.slice(1).join(' of '),
    `${coroutines.length} of ${coroutines.length}`,
  );
  const timeline = await box.getByRole('figure', { name: 'CPython timeline of the generated program' }).textContent();
  for (const name of tasks) assert.match(timeline, new RegExp(name), timeline);
  // Then the Rust run of the same scenario, on the same axis.
  await box.getByRole('figure', { name: 'Rust timeline of the generated program' }).waitFor({ timeout: 30_000 });
  // Ready now: the button no longer mentions a download.
  assert.equal((await button.textContent()).trim(), 'Run in CPython');
  assert.deepEqual(problems, []);
});
