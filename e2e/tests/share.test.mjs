// Sharing and replay, end to end: a Share link opens the same scenario, a corrupt link and a
// corrupt stored entry each show their message and leave a working page, export → import shows
// the same log, and the replay scrubber moves the view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, openFresh } from '../support.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const fresh = () => openFresh(env, '/playground', 'Event-loop playground');
const done = (page) => page.getByTestId('run-status').filter({ hasText: /^Done/ }).waitFor({ timeout: 30_000 });
const runButton = (page) => page.getByRole('button', { name: 'Run', exact: true });

/** Opens `route` on a page whose storage was cleared first (from a page that does not run the
 *  app), then given the `stored` entries (key → text). */
async function openClean(route, stored = {}) {
  const o = await open(env, '/worker_loader.js');
  await o.page.evaluate((items) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
  }, stored);
  await o.page.goto(env.url + route);
  o.problems.length = 0;
  await o.page.getByRole('heading', { name: 'Event-loop playground' }).waitFor();
  return o;
}

test('a shared link opens the same scenario, mode and worker count in a fresh browser tab', async () => {
  const { page, problems } = await fresh();
  await page.getByLabel('Preset').selectOption('three-waits');
  await page.getByLabel('Name of task 1', { exact: true }).fill('shared & "quoted"');
  await page.getByLabel('Step 1 of task 2 (ms)').fill('75.5');
  await page.getByLabel(/^Sequential/).check();
  await page.getByRole('button', { name: 'Share' }).click();
  const field = page.getByLabel('Link to this scenario');
  await field.waitFor();
  const link = await field.inputValue();
  assert.match(link, /\/playground#share=ap-link-1/);
  await page.getByTestId('share-status').filter({ hasText: /Copied|Copy the link/ }).waitFor();
  await page.close();

  // Another tab, with other things stored: the link wins.
  const o = await openClean('/playground');
  await o.page.getByLabel('Preset').selectOption('cpu-loop');
  // A full navigation (a change of fragment alone would not reload the app).
  await o.page.goto(env.url + '/worker_loader.js');
  await o.page.goto(link);
  await o.page.getByRole('heading', { name: 'Event-loop playground' }).waitFor();
  await o.page.waitForFunction(() => document.getElementById('task-0-name')?.value === 'shared & "quoted"');
  assert.equal(await o.page.getByLabel('Step 1 of task 2 (ms)').inputValue(), '75.5');
  assert.equal(await o.page.getByLabel(/^Sequential/).isChecked(), true);
  assert.match(await o.page.getByTestId('restore-notice').textContent(), /Opened a shared link/);
  // The link is applied once: the address loses it, and a reload keeps later edits.
  assert.equal(new URL(o.page.url()).hash, '');
  await o.page.getByLabel('Name of task 2', { exact: true }).fill('edited after');
  await o.page.reload();
  await o.page.waitForFunction(() => document.getElementById('task-1-name')?.value === 'edited after');
  assert.equal(await o.page.getByLabel('Name of task 1', { exact: true }).inputValue(), 'shared & "quoted"');
  await runButton(o.page).click();
  await done(o.page);
  assert.deepEqual([...problems, ...o.problems], []);
  await o.page.close();
});

test('a link never loses the reader\'s own scenario: it is kept and can be brought back', async () => {
  const { page, problems } = await fresh();
  await page.getByLabel('Name of task 1', { exact: true }).fill('my-own-work');
  await page.getByLabel('Preset').selectOption('two-sleeps');
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByLabel('Link to this scenario').inputValue();
  // The reader's own work, stored, before the link is opened.
  await page.getByLabel('Preset').selectOption('hog-and-waiter');
  await page.getByLabel('Name of task 1', { exact: true }).fill('my-own-work');
  await page.goto(env.url + '/worker_loader.js');
  await page.goto(link);
  await page.getByRole('heading', { name: 'Event-loop playground' }).waitFor();
  await page.getByRole('button', { name: 'Bring back my scenario' }).waitFor();
  assert.equal(await page.getByLabel('Preset').inputValue(), 'two-sleeps');
  const kept = await page.evaluate(() => localStorage.getItem('async-playground.playground.draft.before-link'));
  assert.match(kept, /my-own-work/);
  await page.getByRole('button', { name: 'Bring back my scenario' }).click();
  await page.waitForFunction(() => document.getElementById('task-0-name')?.value === 'my-own-work');
  assert.equal(await page.getByTestId('restore-notice').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a link asking for more workers than this machine has opens with Workers set to its cores, and says so', async () => {
  const { page, problems } = await fresh();
  await page.getByLabel(/^Parallel/).check();
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByLabel('Link to this scenario').inputValue();
  assert.match(link, /mode%09parallel%0Aworkers%09\d+%0A/);
  const cores = Number((await page.locator('label[for=pg-workers]').textContent()).match(/1–(\d+)/)[1]);
  await page.goto(env.url + '/worker_loader.js');
  await page.goto(link.replace(/workers%09\d+/, 'workers%09512'));
  const notice = page.getByTestId('restore-notice').filter({ hasText: 'asked for 512 workers' });
  await notice.waitFor();
  assert.match(await notice.textContent(), new RegExp(`this machine has ${cores} logical cores, so Workers is set to ${cores}`));
  assert.equal(await page.getByLabel(/^Parallel/).isChecked(), true);
  assert.equal(await page.getByLabel(/^Workers/).inputValue(), String(cores));
  assert.equal(await page.getByRole('button', { name: 'Run', exact: true }).isDisabled(), false);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a corrupt or out-of-range link shows what is wrong and leaves the last good scenario working', async () => {
  // Something stored first: that is the last good state the page must keep.
  const first = await openClean('/playground');
  await first.page.getByLabel('Name of task 1', { exact: true }).fill('kept-name');
  await first.page.close();

  const cases = [
    ['#share=ap-link-1%0Amode%09sequential%0Aap-draft-1%0At%090%09w99999', /task 1: Step 1 must be at most 10000 ms/],
    ['#share=ap-link-1%0Amode%09parallel%0Aworkers%090%0Aap-draft-1%0At%090%09w5', /workers: must be from 1 to 1024/],
    ['#share=%E0%A4%ZZgarbage', /link: it is damaged/],
    ['#share=ap-link-9%0A', /version 9 is not known/],
  ];
  for (const [frag, message] of cases) {
    const o = await open(env, `/playground${frag}`);
    await o.page.getByRole('heading', { name: 'Event-loop playground' }).waitFor();
    const alert = o.page.getByRole('alert').filter({ hasText: 'This shared link could not be opened' });
    await alert.waitFor();
    assert.match(await alert.textContent(), message);
    await o.page.waitForFunction(() => document.getElementById('task-0-name')?.value === 'kept-name');
    assert.equal(await runButton(o.page).isDisabled(), false);
    assert.deepEqual(o.problems, [], frag);
    await o.page.close();
  }
  // The page still runs after the worst of them.
  const o = await open(env, '/playground#share=%ZZ');
  await o.page.getByRole('alert').filter({ hasText: 'could not be opened' }).waitFor();
  await o.page.getByLabel('Preset').selectOption('three-waits');
  await runButton(o.page).click();
  await done(o.page);
  assert.deepEqual(o.problems, []);
  await o.page.close();
});

test('a corrupt stored scenario is reported, set aside under a backup key, and the page works', async () => {
  const o = await openClean('/playground', {
    'async-playground.playground.draft': 'ap-store-2 draft\nap-draft-1\nbroken\tline',
    'async-playground.playground.mode': 'warp-speed',
  });
  const alerts = o.page.getByRole('alert').filter({ hasText: 'could not be read' });
  await alerts.first().waitFor();
  const texts = await alerts.allTextContents();
  assert.ok(texts.some((t) => /saved scenario could not be read: task 1 is garbled/.test(t)), texts.join('\n'));
  assert.ok(texts.some((t) => /saved run mode could not be read/.test(t)), texts.join('\n'));
  assert.ok(texts.every((t) => /set aside under “async-playground\.playground\.(draft|mode)\.backup”/.test(t)), texts.join('\n'));
  const backup = await o.page.evaluate(() => localStorage.getItem('async-playground.playground.draft.backup'));
  assert.equal(backup, 'ap-store-2 draft\nap-draft-1\nbroken\tline');
  // The default preset is loaded, runs, and is saved in the current format.
  assert.equal(await o.page.getByLabel('Preset').inputValue(), 'hog-and-waiter');
  await runButton(o.page).click();
  await done(o.page);
  const saved = await o.page.evaluate(() => localStorage.getItem('async-playground.playground.draft'));
  assert.match(saved, /^ap-store-2 draft\nap-draft-1\n/);
  // Dismissing a notice removes it.
  const before = await alerts.count();
  await o.page.getByRole('button', { name: 'Dismiss this notice' }).first().click();
  assert.equal(await alerts.count(), before - 1);
  assert.deepEqual(o.problems, []);
  await o.page.close();
});

test('what an earlier version stored (no version line) still loads', async () => {
  const o = await openClean('/playground', {
    'async-playground.playground.draft': 'ap-draft-1\nold-one\t0\ta20\nold-two\t5\tw10 a20',
    'async-playground.playground.mode': 'sequential',
  });
  await o.page.waitForFunction(() => document.getElementById('task-1-name')?.value === 'old-two');
  assert.equal(await o.page.getByLabel(/^Sequential/).isChecked(), true);
  assert.equal(await o.page.getByTestId('restore-notice').count(), 0);
  const saved = await o.page.evaluate(() => [localStorage.getItem('async-playground.playground.draft'), localStorage.getItem('async-playground.playground.mode')]);
  assert.match(saved[0], /^ap-store-2 draft\nap-draft-1\nold-one/);
  assert.equal(saved[1], 'ap-store-2 mode\nsequential');
  assert.deepEqual(o.problems, []);
  await o.page.close();
});

/** Runs the default preset (a CPU hog next to a waiter) and waits for it to finish. */
async function runDefault() {
  const o = await fresh();
  await runButton(o.page).click();
  await done(o.page);
  return o;
}

/** Clicks `button` and returns the text of the file it downloads. */
async function downloaded(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const file = await download.path();
  const fs = await import('node:fs');
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8'), file };
}

/** Drags the replay scrubber to `fraction` of the recording, as a pointer would: sets the value and fires `input`. */
const scrub = (slider, fraction) => slider.evaluate((e, f) => {
  e.value = String(Number(e.max) * f);
  e.dispatchEvent(new Event('input', { bubbles: true }));
}, fraction);

const mainLines = (page) => page.getByRole('list', { name: 'Event log', exact: true }).getByRole('listitem').allTextContents();
const replayLines = (page) => page.getByRole('list', { name: 'Replayed events' }).getByRole('listitem').allTextContents();

test('export the log as JSON, import it again, and the same log is shown; CSV and SVG files are self-contained', async () => {
  const { page, problems } = await runDefault();
  const lines = await mainLines(page);
  assert.ok(lines.length >= 8, lines.join('\n'));

  const json = await downloaded(page, 'Export log (JSON)');
  assert.equal(json.name, 'async-playground-concurrent-log.json');
  const parsed = JSON.parse(json.text);
  assert.equal(parsed.format, 'async-playground-log');
  assert.equal(parsed.version, 1);
  assert.equal(parsed.log.events.length, lines.length);

  const csv = await downloaded(page, 'Export log (CSV)');
  const rows = csv.text.trim().split('\r\n');
  assert.equal(rows[0], 't_ms,task_no,task,lane,event,step,of,work,until_ms,reason');
  assert.equal(rows.length, 1 + lines.length);

  const svg = await downloaded(page, 'Export timeline (SVG)');
  assert.match(svg.text, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg.text, /<style>/);
  assert.match(svg.text, />hog</);
  assert.match(svg.text, />main thread</);
  // A well-formed image whose bars fall where the run's did: the grid's labels give px per ms,
  // and the hog's bar (task 0's widest) spans about its 300 ms of work.
  const drawn = await page.evaluate((text) => {
    // Parsed without its <style> (checked above): the page's CSP reports a parsed inline style.
    const doc = new DOMParser().parseFromString(text.replace(/<style>[^]*?<\/style>/, ''), 'image/svg+xml');
    if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror').textContent };
    const ms = (label) => parseFloat(label) * (/ s$/.test(label) ? 1000 : 1);
    const ticks = [...doc.querySelectorAll('line.grid + text')].map((t) => [parseFloat(t.getAttribute('x')), ms(t.textContent)]);
    const [[x0, t0], [x1, t1]] = [ticks[0], ticks[ticks.length - 1]];
    const hogPx = Math.max(...[...doc.querySelectorAll('rect')].filter((r) => r.classList.contains('t0')).map((r) => parseFloat(r.getAttribute('width'))));
    return { ticks: ticks.length, hogMs: hogPx / ((x1 - x0) / (t1 - t0)), ready: doc.querySelectorAll('rect.k-ready').length };
  }, svg.text);
  assert.equal(drawn.error, undefined, drawn.error);
  assert.ok(drawn.ticks >= 2 && drawn.ready >= 2, JSON.stringify(drawn));
  assert.ok(drawn.hogMs >= 0.95 * 300 && drawn.hogMs < 1.5 * 300, JSON.stringify(drawn));

  // Import the JSON: the replay opens on it; at its end it shows exactly the run's lines.
  await page.getByLabel('Import a JSON log').setInputFiles(json.file);
  await page.getByTestId('tools-status').filter({ hasText: /^Imported/ }).waitFor();
  assert.match(await page.getByTestId('tools-source').textContent(), /Imported from .*: \d+ events/);
  await scrub(page.getByLabel('Replay time'), 1);
  await page.getByTestId('replay-clock').filter({ hasText: new RegExp(`· ${lines.length} of ${lines.length} events`) }).waitFor();
  assert.deepEqual(await replayLines(page), lines);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a bad log file is refused with its reason and the page keeps working', async () => {
  const { page, problems } = await runDefault();
  const input = page.getByLabel('Import a JSON log');
  const bad = [
    ['notes.json', 'this is not json', /not a JSON log file/],
    ['other.json', '{"format":"something-else","version":1}', /not an Async Playground log/],
    ['future.json', '{"format":"async-playground-log","version":99,"log":{}}', /newer version/],
    ['wrong-task.json', JSON.stringify({ format: 'async-playground-log', version: 1, log: { task_names: ['a'], task_steps: [0], events: [{ t_ms: 1, task: 4, lane: 'EventLoop', kind: 'Spawned' }] } }), /event 1: task 5 is not one of the log's 1 tasks/],
  ];
  for (const [name, text, reason] of bad) {
    await input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    const alert = page.getByRole('alert').filter({ hasText: `Could not import ${name}` });
    await alert.waitFor();
    assert.match(await alert.textContent(), reason);
    assert.match(await alert.textContent(), /Nothing was changed/);
  }
  assert.match(await page.getByTestId('tools-source').textContent(), /^The last run/);
  await runButton(page).click();
  await done(page);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the replay scrubber moves the timeline and the log; step, play and pause follow the virtual clock', async () => {
  const { page, problems } = await runDefault();
  const total = (await mainLines(page)).length;
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  const region = page.getByRole('region', { name: 'Replay', exact: true });
  const clock = page.getByTestId('replay-clock');
  const segs = () => region.getByTestId('timeline').locator('rect.seg').count();
  // At 0 ms only the spawns have happened.
  // At 0 ms little has happened (the spawns come a fraction of a millisecond after the start).
  assert.match(await clock.textContent(), /^0\.0 \/ [\d.]+ ms · [0-2] of \d+ events$/);
  const atStart = (await replayLines(page)).length;
  assert.ok(atStart <= 2, `${atStart} lines at 0 ms`);
  const segsAtStart = await segs();
  // Step to the next event: more lines.
  await region.getByRole('button', { name: 'Next event ▶' }).click();
  await clock.filter({ hasText: /· [1-9]\d* of/ }).waitFor();
  assert.ok((await replayLines(page)).length > atStart);
  // Drag to the middle: some lines, not all; to the end: every line, more drawn segments, the
  // thread lane included.
  const slider = region.getByLabel('Replay time');
  await scrub(slider, 0.5);
  await clock.filter({ hasText: /^\d+\.\d \/ / }).waitFor();
  const middle = (await replayLines(page)).length;
  assert.ok(middle > 0 && middle < total, `${middle} of ${total} lines at half time`);
  assert.ok(Math.abs(parseFloat(await clock.textContent()) - parseFloat(await slider.getAttribute('max')) / 2) < 0.2);
  await scrub(slider, 1);
  await clock.filter({ hasText: new RegExp(`· ${total} of ${total} events`) }).waitFor();
  assert.equal((await replayLines(page)).length, total);
  assert.ok(await segs() > segsAtStart, `segments ${segsAtStart} → ${await segs()}`);
  // Every turn on the thread is drawn: the hog's one, and the waiter's four (its start, then one
  // after each of its three waits), the last of which ends the run at the axis's very end. The
  // waiter's turns last a few µs and can measure 0 ms (the clock ticks in 5 µs steps in Chromium
  // and 20 µs in Firefox); a turn that happened is still drawn, a pixel wide at least.
  const turns = (task) => region.getByTestId('timeline').locator(`.holder rect.seg.task-${task}`).count();
  assert.deepEqual([await turns(0), await turns(1)], [1, 4]);
  // Back one event, then to the start.
  await region.getByRole('button', { name: '◀ Previous event' }).click();
  await clock.filter({ hasText: new RegExp(`· \\d+ of ${total} events`) }).waitFor();
  assert.ok((await replayLines(page)).length < total);
  await scrub(slider, 0);
  await clock.filter({ hasText: /^0\.0 \// }).waitFor();
  // Play at 0.1×, then Pause: the clock stops where it was and stays there.
  await region.getByLabel('Speed').selectOption('0.1');
  await region.getByRole('button', { name: '▶ Play' }).click();
  await clock.filter({ hasText: /^(?!0\.0 )\d+\.\d \// }).waitFor();
  await region.getByRole('button', { name: '⏸ Pause' }).click();
  await region.getByRole('button', { name: '▶ Play' }).waitFor();
  const paused = await clock.textContent();
  await page.waitForTimeout(400);
  assert.equal(await clock.textContent(), paused, 'the clock stands still while paused');
  assert.ok(parseFloat(paused) > 0 && (await replayLines(page)).length < total, `paused at ${paused}`);
  // Play at 10×: the clock runs on its own to the end, then the button offers Play again.
  await region.getByLabel('Speed').selectOption('10');
  // At 10× the replay lasts a few frames, less than a click takes to come back in Firefox: the
  // page itself watches for the Pause button from before the click.
  const sawPause = page.evaluate(() => new Promise((resolve) => {
    const shown = () => [...document.querySelectorAll('#main button')].some((b) => b.textContent.trim() === '⏸ Pause');
    const obs = new MutationObserver(() => { if (shown()) { obs.disconnect(); resolve(true); } });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true });
    setTimeout(() => { obs.disconnect(); resolve(shown()); }, 20_000);
  }));
  await region.getByRole('button', { name: '▶ Play' }).click();
  assert.equal(await sawPause, true, 'while it plays, the button offers Pause');
  await clock.filter({ hasText: new RegExp(`· ${total} of ${total} events`) }).waitFor({ timeout: 20_000 });
  await region.getByRole('button', { name: '▶ Play' }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});
