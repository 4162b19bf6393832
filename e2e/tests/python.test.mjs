// The CPython page: the tutorial's asyncio examples run in real CPython (Pyodide in a worker),
// downloaded only when the reader asks, with output, traceback, Stop and the Rust run beside it.
// One page keeps one CPython for the whole file (starting it takes seconds).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, BROWSER } from '../support.mjs';

let env;
let page;
let problems;
const pyRequests = [];
before(async () => {
  env = await start();
  ({ page, problems } = await open(env, '/python'));
  page.on('response', async (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/pyodide/') || u.pathname === '/python-worker.js') {
      pyRequests.push(u.pathname);
    }
  });
  await page.getByRole('heading', { name: /running in CPython/ }).waitFor();
});
after(async () => { await env?.close(); });

const card = (id) => page.getByTestId(`py-${id}`);

/** Runs example `id` (with `code` typed in, if given) and waits until CPython finished it. */
async function run(id, code, { timeout = 180_000 } = {}) {
  const c = card(id);
  if (code !== undefined) await c.getByTestId('py-code').fill(code);
  await c.getByTestId('py-run').click();
  await c.getByTestId('py-stop').waitFor({ state: 'attached' });
  await page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel);
      return el && (el.querySelector('[data-testid=py-done]') || el.querySelector('[data-testid=py-traceback]'));
    },
    `[data-testid=py-${id}]`,
    { timeout },
  );
  return c;
}

const cpython = async (c) => (await c.getByTestId('py-claim-cpython').textContent()).trim();

test('nothing of CPython loads until asked; then two concurrent 1 s sleeps take 1.0–1.3 s', async (t) => {
  await page.waitForTimeout(500);
  assert.deepEqual(pyRequests, [], 'the page alone fetches nothing of CPython');
  const label = await card('2_5').getByTestId('py-run').textContent();
  const mb = Number(label.match(/downloads about ([\d.]+) MB once/)?.[1]);
  assert.ok(mb > 1, label);
  const c = await run('2_5');
  assert.deepEqual(problems, []);
  const took = await cpython(c);
  const s = Number(took.match(/^([\d.]+) s$/)?.[1]);
  assert.ok(s >= 1.0 && s <= 1.3, `CPython reported ${took}`);
  t.diagnostic(`2_5 in CPython: ${took}`);
  assert.ok(pyRequests.includes('/python-worker.js'), 'the worker was loaded on the click');
  // The button says what the worker downloads: the manifest's files and the two JS modules.
  const manifest = await (await fetch(`${env.url}/pyodide/manifest.json`)).json();
  const names = [...manifest.files.map((f) => f.name), 'pyodide.mjs', 'pyodide.asm.mjs'];
  let total = 0;
  for (const n of names) total += (await (await fetch(`${env.url}/pyodide/${n}`)).arrayBuffer()).byteLength;
  assert.ok(Math.abs(total / 1e6 - mb) < 0.05, `the files are ${total} B, the button said ${mb} MB`);
  assert.match(await page.getByTestId('py-status').textContent(), /CPython 3\.\d+\.\d+ is ready/);
  // Its tasks are drawn: the timeline names the two coroutines.
  const tl = await c.getByRole('figure', { name: 'CPython timeline of 2_5' }).textContent();
  assert.match(tl, /nap #2/);
  assert.match(tl, /nap #3/);
  // The Rust run of the same scenario follows.
  await c.getByTestId('py-claim-rust').filter({ hasText: /^[\d.]+ s$/ }).waitFor({ timeout: 30_000 });
});

test('the race (4_1) prints 1 and the locked version (4_2) prints every update', async () => {
  assert.equal(await cpython(await run('4_1')), '1');
  assert.equal(await cpython(await run('4_2')), '200');
});

test('time.sleep in a coroutine blocks the loop: two 1 s sleeps take twice as long', async () => {
  const blocking = Number((await cpython(await run('2_x'))).match(/^([\d.]+) s$/)?.[1]);
  const concurrent = Number((await cpython(await run('2_5'))).match(/^([\d.]+) s$/)?.[1]);
  assert.ok(blocking / concurrent > 1.7, `blocking ${blocking} s vs concurrent ${concurrent} s`);
});

test('a syntax error shows a traceback, and the page still runs the next program', async () => {
  const c = await run('4_5', 'import asyncio\ndef broken(:\n    pass\n');
  const tb = await c.getByTestId('py-traceback').textContent();
  assert.match(tb, /SyntaxError/);
  assert.match(tb, /File "<example>", line 2/);
  assert.doesNotMatch(tb, /_pyodide/, 'only the program\'s own frames');
  await c.getByRole('button', { name: 'Reset the code' }).click();
  assert.match(await cpython(await run('4_5')), /^1\.\d{3} s$/);
  assert.deepEqual(problems, []);
});

test('Stop ends a while True loop, and CPython runs again afterwards', async (ctx) => {
  const c = card('5_3');
  await c.getByTestId('py-code').fill('n = 0\nwhile True:\n    n += 1\n');
  await c.getByTestId('py-run').click();
  await page.waitForTimeout(1500);
  assert.equal(await c.getByTestId('py-traceback').count(), 0, 'still running');
  const t = Date.now();
  await c.getByTestId('py-stop').click();
  await c.getByTestId('py-traceback').filter({ hasText: 'KeyboardInterrupt' }).waitFor({ timeout: 20_000 });
  const stopMs = Date.now() - t;
  assert.ok(stopMs < 10_000, `stopped after ${stopMs} ms`);
  ctx.diagnostic(`Stop to traceback: ${stopMs} ms (Playwright round trips included)`);
  await c.getByRole('button', { name: 'Reset the code' }).click();
  assert.equal(await cpython(await run('5_3')), 'CancelledError caught');
  // Pyodide's event loop in the worker also reports the interrupted callback as an uncaught
  // KeyboardInterrupt. Firefox's WebDriver BiDi gives a worker's uncaught errors to its page;
  // Playwright does not report a worker's errors as the page's. The page itself shows the
  // traceback, as checked above; any other problem still fails the test.
  const others = BROWSER === 'firefox' ? problems.filter((p) => !/^pageerror: PythonError: [\s\S]*KeyboardInterrupt\s*$/.test(p)) : problems;
  assert.deepEqual(others, []);
  problems.length = 0;
});

test('a second visit reads CPython from the browser cache', async () => {
  const again = await env.context.newPage();
  await again.goto(env.url + '/python');
  await again.getByTestId('py-2_5').getByTestId('py-run').click();
  const status = again.getByTestId('py-ready');
  await status.waitFor({ timeout: 180_000 });
  assert.match(await status.textContent(), /read from the browser's cache/);
  await again.close();
});
