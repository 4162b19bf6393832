// Firefox for the e2e suite: the subset of Playwright's Page/Locator API the tests use, on top of
// selenium-webdriver talking to geckodriver (Playwright cannot drive Debian's firefox-esr).
//
// Classic WebDriver types, presses keys, picks options, uploads files and drags the pointer;
// WebDriver BiDi clicks, evaluates scripts in the page (it runs beside classic commands, so a
// test can await a script while clicking) and reports console messages, uncaught errors and
// requests. Locators are resolved in the page by RESOLVE below, which follows Playwright's rules
// for roles, accessible names, labels, text and strictness closely enough for these tests.
import { Builder, WebElement, Key, Origin } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import { EventEmitter } from 'node:events';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

/** Playwright's default timeout for actions and waits. */
const TIMEOUT = 30_000;
const POLL_MS = 50;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function which(name) {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** Starts headless Firefox through geckodriver; returns { newPage(), close() }. */
export async function launchFirefox() {
  const binary = process.env.FIREFOX ?? (which('firefox-esr') || which('firefox'));
  const geckodriver = process.env.GECKODRIVER ?? which('geckodriver');
  if (!binary || !geckodriver) throw new Error('no Firefox or geckodriver: run scripts/setup.sh (setup_test)');
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'ap-e2e-ff-dl-'));
  const options = new firefox.Options()
    .setBinary(binary)
    .addArguments('-headless')
    .enableBidi()
    // Scrollbars over the content, as on a phone (and as in Playwright's headless Chromium): a
    // classic scrollbar would take 12 px of a 375 px viewport.
    .setPreference('ui.useOverlayScrollbars', 1)
    // Downloads land in our folder without a dialog.
    .setPreference('browser.download.folderList', 2)
    .setPreference('browser.download.dir', downloads)
    .setPreference('browser.download.useDownloadDir', true)
    .setPreference('browser.download.always_ask_before_handling_new_types', false)
    .setPreference('browser.download.start_downloads_in_tmp_dir', false)
    .setPreference('browser.download.alwaysOpenPanel', false)
    .setPreference('browser.helperApps.neverAsk.saveToDisk', 'application/json,text/csv,image/svg+xml,text/plain,application/octet-stream');
  const driver = await new Builder()
    .forBrowser('firefox')
    .setFirefoxOptions(options)
    .setFirefoxService(new firefox.ServiceBuilder(geckodriver).addArguments('--allow-system-access'))
    .build();
  await driver.manage().setTimeouts({ script: 300_000, pageLoad: 60_000 });
  const index = await driver.getBidi();
  await index.waitForConnection();
  const bidi = new Bidi(index);
  const browser = new FirefoxBrowser(driver, bidi, downloads, await driver.getWindowHandle());
  await bidi.send('session.subscribe', { events: ['log.entryAdded', 'network.beforeRequestSent', 'network.responseCompleted'] });
  bidi.events.on('log.entryAdded', (e) => browser.onLog(e));
  bidi.events.on('network.beforeRequestSent', (e) => browser.pageOf(e.context)?.emit('request', { url: () => e.request.url }));
  // Playwright's response: its URL and its headers by lower-case name.
  bidi.events.on('network.responseCompleted', (e) => {
    const headers = Object.fromEntries((e.response.headers ?? []).map((h) => [h.name.toLowerCase(), h.value?.value ?? '']));
    browser.pageOf(e.context)?.emit('response', { url: () => e.response.url, status: () => e.response.status, headers: () => headers });
  });
  return browser;
}

/**
 * Raw BiDi commands on the socket selenium opened, with ids of our own: selenium's `send` gives
 * up after 30 s, and a test's script may rightly run longer (a whole comparison). Events are
 * the ones selenium re-emits by method name.
 */
class Bidi {
  constructor(index) {
    this.events = index;
    this.socket = index.socket;
    this.nextId = 1_000_000_000;
    this.pending = new Map();
    this.socket.on('message', (data) => {
      const m = JSON.parse(data.toString());
      const p = typeof m.id === 'number' && this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.type === 'error') p.reject(new Error(`${p.method}: ${m.error}: ${m.message}`));
      else p.resolve(m.result);
    });
    this.socket.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error('the BiDi connection closed'));
      this.pending.clear();
    });
  }

  send(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }
}

class FirefoxBrowser {
  constructor(driver, bidi, downloads, blank) {
    this.driver = driver;
    this.bidi = bidi;
    this.downloads = downloads;
    // The first tab stays open (a session ends with its last window); pages are further tabs.
    this.current = blank;
    this.pages = new Map();
  }

  async newPage() {
    const { context } = await this.bidi.send('browsingContext.create', { type: 'tab' });
    const page = new Page(this, context);
    this.pages.set(context, page);
    return page;
  }

  pageOf(context) {
    return this.pages.get(context);
  }

  /** Console messages and uncaught errors, given to the page they came from (all pages if none). */
  onLog(e) {
    const targets = e.source?.context ? [this.pageOf(e.source.context)].filter(Boolean) : [...this.pages.values()];
    for (const page of targets) {
      if (e.type === 'javascript') {
        page.emit('pageerror', Object.assign(new Error(e.text), { message: e.text }));
      } else {
        const type = e.method === 'warn' ? 'warning' : (e.method ?? e.level);
        page.emit('console', { type: () => type, text: () => e.text ?? '' });
      }
    }
  }

  /** Classic WebDriver commands act on one window: this makes it `context`'s. */
  async use(context) {
    if (this.current !== context) {
      await this.driver.switchTo().window(context);
      this.current = context;
    }
  }

  /** Sets Firefox prefs to integers ([name, value]; a value of undefined or null resets). */
  async setPrefs(prefs) {
    await this.driver.setContext('chrome');
    try {
      await this.driver.executeScript(`for (const [k, v] of arguments[0]) {
        if (v === null || v === undefined) Services.prefs.clearUserPref(k); else Services.prefs.setIntPref(k, v);
      }`, prefs);
    } finally {
      await this.driver.setContext('content');
    }
  }

  async close() {
    try {
      await this.driver.quit();
    } finally {
      fs.rmSync(this.downloads, { recursive: true, force: true });
    }
  }
}

/**
 * Runs axe-core in the page itself, with the rules of `tags`, and returns its results as
 * @axe-core/playwright's analyze() does (that package needs a Playwright page). The axe-core is
 * the one @axe-core/playwright uses, so both browsers are checked by the same rules. The app has
 * no frames, so one axe.run on the document sees everything.
 */
export async function axeInFirefox(page, tags) {
  const require = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'));
  await page.evaluate(require('axe-core').source);
  return page.evaluate(async (values) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values } });
    const pick = (v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) });
    return { violations: r.violations.map(pick), passes: r.passes.length };
  }, tags);
}

// ---- values between Node and the page -------------------------------------------------------

/** A BiDi remote value as a plain JS value; nodes become selenium WebElements. */
function fromRemote(v, driver) {
  switch (v.type) {
    case 'undefined': return undefined;
    case 'null': return null;
    case 'string': case 'boolean': return v.value;
    case 'number':
      return typeof v.value === 'number' ? v.value : { NaN, '-0': -0, Infinity, '-Infinity': -Infinity }[v.value];
    case 'bigint': return BigInt(v.value);
    case 'array': case 'set': case 'nodelist': case 'htmlcollection':
      return (v.value ?? []).map((x) => fromRemote(x, driver));
    case 'object': case 'map':
      return Object.fromEntries((v.value ?? []).map(([k, x]) => [typeof k === 'string' ? k : fromRemote(k, driver), fromRemote(x, driver)]));
    case 'date': return new Date(v.value);
    case 'regexp': return new RegExp(v.value.pattern, v.value.flags);
    case 'node': return new WebElement(driver, v.sharedId);
    default: return undefined; // functions, windows, promises: Playwright gives undefined too
  }
}

/** A value as JS source to put in a script (JSON, with regular expressions and undefined kept). */
function toSource(value) {
  if (value === undefined) return 'undefined';
  if (value instanceof RegExp) return `new RegExp(${JSON.stringify(value.source)}, ${JSON.stringify(value.flags)})`;
  if (Array.isArray(value)) return `[${value.map(toSource).join(', ')}]`;
  if (value && typeof value === 'object') {
    return `({${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${toSource(v)}`).join(', ')}})`;
  }
  return JSON.stringify(value);
}

/** Errors that mean "the page changed under us, try again" rather than a failure. */
const TRANSIENT = /not stable|no such frame|no such node|stale element|element click intercepted|not interactable|is not reachable|discarded|realm|Inspected target navigated|navigat|no such element|context was destroyed|Cyclic object value|AbortError/i;

class Page extends EventEmitter {
  constructor(browser, context) {
    super();
    this.browser = browser;
    this.driver = browser.driver;
    this.context = context;
    this.href = 'about:blank';
    this.pointer = { x: 0, y: 0 };
    this.mouse = {
      move: (x, y, { steps = 1 } = {}) => this.#mouseMove(x, y, steps),
      down: () => this.#actions((a) => a.press()),
      up: () => this.#actions((a) => a.release()),
    };
    this.keyboard = { press: (key) => this.#actions((a) => pressKey(a, key)) };
  }

  /** Calls `fnSource` (a function's text) in the page with `args` (values, or elements first). */
  async call(fnSource, args = [], elements = []) {
    const declaration = `async function (...__els) {
      const __r = await (${fnSource})(...__els, ...${toSource(args)});
      return [location.href, __r];
    }`;
    const out = await this.browser.bidi.send('script.callFunction', {
      functionDeclaration: declaration,
      awaitPromise: true,
      target: { context: this.context },
      arguments: await Promise.all(elements.map(async (e) => ({ sharedId: await e.getId() }))),
      serializationOptions: { maxObjectDepth: 20, maxDomDepth: 0 },
      resultOwnership: 'none',
    });
    if (out.type === 'exception') {
      throw new Error(`in the page: ${out.exceptionDetails.text}`);
    }
    const [href, value] = fromRemote(out.result, this.driver);
    this.href = href;
    return value;
  }

  /** Runs `fn(arg)` in the page (a function, or a string of script) and returns its result. */
  async evaluate(fn, arg) {
    if (typeof fn !== 'string') return this.call(fn.toString(), [arg]);
    const out = await this.browser.bidi.send('script.evaluate', {
      expression: fn, awaitPromise: true, target: { context: this.context }, resultOwnership: 'none',
    });
    if (out.type === 'exception') throw new Error(`in the page: ${out.exceptionDetails.text}`);
    return fromRemote(out.result, this.driver);
  }

  async waitForFunction(fn, arg, { timeout = TIMEOUT } = {}) {
    const v = await this.poll(`(a) => (${fn})(a)`, [arg], timeout);
    if (!v) throw new Error(`waitForFunction timed out after ${timeout} ms: ${fn}`);
    return v;
  }

  /**
   * Runs `check(...args)` (a function's text) in the page on every animation frame and every
   * 50 ms (as Playwright polls) until it returns something truthy, which is returned; null after
   * `timeout` ms. The page waits in slices of at most a second, so a navigation that takes the
   * page's script away costs one slice, not the wait.
   */
  async poll(check, args, timeout) {
    const end = Date.now() + timeout;
    for (;;) {
      const slice = Math.max(0, Math.min(1000, end - Date.now()));
      const waiting = this.call(`(...a) => new Promise((resolve, reject) => {
        const check = ${check};
        const until = performance.now() + ${slice};
        let done = false;
        let timer;
        const run = () => {
          if (done) return;
          let v;
          try { v = check(...a); } catch (e) { done = true; clearTimeout(timer); return reject(e); }
          if (v || performance.now() >= until) { done = true; clearTimeout(timer); resolve(v || null); }
        };
        const frame = () => { run(); if (!done) requestAnimationFrame(frame); };
        const tick = () => { run(); if (!done) timer = setTimeout(tick, 50); };
        frame();
        tick();
      })`, args);
      let v = null;
      try {
        v = await Promise.race([waiting, sleep(slice + 5_000).then(() => null)]);
      } catch (e) {
        if (!TRANSIENT.test(e.message)) throw e;
        await sleep(POLL_MS);
      }
      if (v) return v;
      if (Date.now() >= end) return null;
    }
  }

  waitForTimeout(ms) {
    return sleep(ms);
  }

  async goto(url) {
    await this.browser.bidi.send('browsingContext.navigate', { context: this.context, url, wait: 'complete' });
    this.href = url;
    await this.#focus();
  }

  async reload() {
    await this.browser.bidi.send('browsingContext.reload', { context: this.context, wait: 'complete' });
    await this.#focus();
  }

  /**
   * Gives the page the keyboard focus, as a Playwright page always has it: in Firefox a Tab
   * past the last control moves the focus out of the page into the browser's own toolbar, and
   * it stays there (no `:focus-visible` in the next page) until a window switch brings it back.
   */
  async #focus() {
    await this.driver.switchTo().window(this.context);
    this.browser.current = this.context;
  }

  /** The address as of the page's last completed command (every locator query refreshes it). */
  url() {
    return this.href;
  }

  async close() {
    if (this.emulated) {
      await this.browser.setPrefs([['layout.css.prefers-color-scheme.content-override'], ['ui.prefersReducedMotion']]);
    }
    this.browser.pages.delete(this.context);
    await this.browser.bidi.send('browsingContext.close', { context: this.context });
    if (this.browser.current === this.context) this.browser.current = null;
  }

  async setViewportSize({ width, height }) {
    await this.browser.bidi.send('browsingContext.setViewport', { context: this.context, viewport: { width, height } });
  }

  /**
   * Emulates `prefers-color-scheme` and `prefers-reduced-motion` (null or absent: as the system
   * says). Firefox has no per-page emulation for these, so this sets the browser's own prefs
   * (which needs geckodriver's --allow-system-access); closing the page resets them.
   */
  async emulateMedia({ colorScheme, reducedMotion } = {}) {
    const prefs = [];
    if (colorScheme !== undefined) {
      const v = { dark: 0, light: 1 }[colorScheme];
      if (colorScheme !== null && v === undefined) throw new Error(`colorScheme ${colorScheme} is not in the Firefox adapter`);
      prefs.push(['layout.css.prefers-color-scheme.content-override', v]);
    }
    if (reducedMotion !== undefined) {
      const v = { reduce: 1, 'no-preference': 0 }[reducedMotion];
      if (reducedMotion !== null && v === undefined) throw new Error(`reducedMotion ${reducedMotion} is not in the Firefox adapter`);
      prefs.push(['ui.prefersReducedMotion', v]);
    }
    this.emulated = true;
    await this.browser.setPrefs(prefs);
    // The page hears of a pref change a moment later: wait until its media queries say so.
    const want = {};
    if (colorScheme) want['(prefers-color-scheme: dark)'] = colorScheme === 'dark';
    if (reducedMotion) want['(prefers-reduced-motion: reduce)'] = reducedMotion === 'reduce';
    const applied = await this.poll('(want) => Object.entries(want).every(([q, on]) => matchMedia(q).matches === on)', [want], TIMEOUT);
    if (!applied) throw new Error(`emulateMedia: the page did not take ${JSON.stringify(want)}`);
  }

  async addInitScript(fn) {
    await this.browser.bidi.send('script.addPreloadScript', {
      functionDeclaration: `() => { (${fn.toString()})(); }`,
      contexts: [this.context],
    });
  }

  /**
   * Resolves on the next download: the file Firefox saves into the session's folder. Firefox may
   * write a download under a temporary name first and rename it when done, so a file that
   * vanishes while we watch it is passed over and the folder read again.
   */
  waitForEvent(name, { timeout = TIMEOUT } = {}) {
    if (name !== 'download') throw new Error(`waitForEvent('${name}') is not in the Firefox adapter`);
    const dir = this.browser.downloads;
    const before = new Set(fs.readdirSync(dir));
    const size = (file) => { try { return fs.statSync(file).size; } catch { return null; } };
    return (async () => {
      const end = Date.now() + timeout;
      for (;;) {
        const names = fs.readdirSync(dir);
        const fresh = names.find((n) => !before.has(n) && !n.endsWith('.part') && !names.includes(`${n}.part`));
        if (fresh) {
          const file = path.join(dir, fresh);
          // Done when the size holds still for three looks in a row.
          let last = size(file);
          for (let still = 0; last !== null && still < 3; ) {
            await sleep(100);
            const now = size(file);
            still = now === last ? still + 1 : 0;
            last = now;
          }
          const kept = fs.mkdtempSync(path.join(os.tmpdir(), 'ap-e2e-ff-file-'));
          const moved = path.join(kept, fresh);
          try {
            if (last === null) throw new Error('renamed away');
            fs.renameSync(file, moved);
            return { path: async () => moved, suggestedFilename: () => fresh };
          } catch {
            // Firefox renamed it (a temporary name): look again.
            before.add(fresh);
            continue;
          }
        }
        if (Date.now() > end) throw new Error(`no download within ${timeout} ms`);
        await sleep(POLL_MS);
      }
    })();
  }

  async #actions(build) {
    await this.browser.use(this.context);
    const a = this.driver.actions({ async: true });
    build(a);
    await a.perform();
  }

  async #mouseMove(x, y, steps) {
    const from = this.pointer;
    for (let i = 1; i <= steps; i++) {
      const px = Math.round(from.x + ((x - from.x) * i) / steps);
      const py = Math.round(from.y + ((y - from.y) * i) / steps);
      await this.#actions((a) => a.move({ x: px, y: py, origin: Origin.VIEWPORT, duration: 0 }));
    }
    this.pointer = { x, y };
  }

  locator(selector, options) {
    return new Locator(this, []).locator(selector, options);
  }
  getByRole(role, options) { return new Locator(this, []).getByRole(role, options); }
  getByTestId(id) { return new Locator(this, []).getByTestId(id); }
  getByLabel(text, options) { return new Locator(this, []).getByLabel(text, options); }
  getByText(text, options) { return new Locator(this, []).getByText(text, options); }
}

/** Playwright's key names as WebDriver keys. */
function pressKey(actions, key) {
  const named = {
    Tab: Key.TAB, Enter: Key.ENTER, Escape: Key.ESCAPE, Backspace: Key.BACK_SPACE, Delete: Key.DELETE,
    ArrowUp: Key.ARROW_UP, ArrowDown: Key.ARROW_DOWN, ArrowLeft: Key.ARROW_LEFT, ArrowRight: Key.ARROW_RIGHT,
    Home: Key.HOME, End: Key.END, PageUp: Key.PAGE_UP, PageDown: Key.PAGE_DOWN, Space: ' ', ' ': ' ',
    Shift: Key.SHIFT, Control: Key.CONTROL, Alt: Key.ALT, Meta: Key.META,
  };
  const parts = key.split('+');
  const keys = parts.map((p) => named[p] ?? (p.length === 1 ? p : null));
  if (keys.includes(null)) throw new Error(`key ${key} is not in the Firefox adapter`);
  for (const k of keys) actions.keyDown(k);
  for (const k of [...keys].reverse()) actions.keyUp(k);
}

// ---- locators -------------------------------------------------------------------------------

/**
 * Runs in the page: the elements `steps` select, in document order. A step is one of
 * { css }, { role, name, exact, level }, { testid }, { label, exact }, { text, exact },
 * { hasText, has } (a filter) or { nth }. Text is matched as Playwright does: whitespace
 * collapsed; a string matches case-insensitively as a substring, or exactly with `exact`; a
 * regular expression is tested on the whole text.
 */
/**
 * Whether an element is rendered, by Playwright's rule: the browser's `checkVisibility`, or, where
 * Firefox ESR answers false for content below the fold that it draws once scrolled to (a section
 * inside an opened <details> on the playground), a box on the page and `visibility: visible`.
 */
const SHOWN = `(el) => el.checkVisibility({ visibilityProperty: true }) ||
  (el.getClientRects().length > 0 && getComputedStyle(el).visibility === 'visible' &&
   !el.closest('details:not([open]) > :not(summary)'))`;

const RESOLVE = `function resolve(steps, scopes = [document]) {
  const norm = (s) => (s ?? '').replace(/\\u200b/g, '').trim().replace(/\\s+/g, ' ');
  const matches = (want, got, exact) => {
    if (want instanceof RegExp) return want.test(got);
    return exact ? got === norm(want) : got.toLowerCase().includes(norm(want).toLowerCase());
  };
  const skipText = (el) => ['SCRIPT', 'NOSCRIPT', 'STYLE', 'TEMPLATE'].includes(el.nodeName) || !!document.head?.contains(el);
  const text = (el) => {
    if (skipText(el)) return '';
    let s = '';
    for (const c of el.childNodes) {
      if (c.nodeType === Node.TEXT_NODE) s += c.nodeValue;
      else if (c.nodeType === Node.ELEMENT_NODE) s += text(c);
    }
    return s;
  };
  const style = (el) => getComputedStyle(el);
  const shown = ${SHOWN};
  const visible = (el) => {
    if (style(el).display === 'contents') return [...el.children].some(visible);
    if (!shown(el)) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const hiddenForAria = (el) => {
    for (let e = el; e; e = e.parentElement) {
      if (e.getAttribute('aria-hidden') === 'true') return true;
    }
    const s = style(el);
    if (s.display === 'contents') return false;
    return !shown(el);
  };
  const ROLES = new Set(['alert','alertdialog','application','article','banner','blockquote','button','caption','cell','checkbox','code','columnheader','combobox','complementary','contentinfo','definition','deletion','dialog','directory','document','emphasis','feed','figure','form','generic','grid','gridcell','group','heading','img','insertion','link','list','listbox','listitem','log','main','mark','marquee','math','meter','menu','menubar','menuitem','menuitemcheckbox','menuitemradio','navigation','none','note','option','paragraph','presentation','progressbar','radio','radiogroup','region','row','rowgroup','rowheader','scrollbar','search','searchbox','separator','slider','spinbutton','status','strong','subscript','superscript','switch','tab','table','tablist','tabpanel','term','textbox','time','timer','toolbar','tooltip','tree','treegrid','treeitem']);
  const hasName = (el) => !!(el.getAttribute('aria-label')?.trim() || el.getAttribute('aria-labelledby')?.trim() || el.getAttribute('title'));
  const implicitRole = (el) => {
    const tag = el.localName;
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    switch (tag) {
      case 'a': case 'area': return el.hasAttribute('href') ? 'link' : null;
      case 'article': return 'article';
      case 'aside': return 'complementary';
      case 'blockquote': return 'blockquote';
      case 'button': return 'button';
      case 'code': return 'code';
      case 'dd': return 'definition';
      case 'dialog': return 'dialog';
      case 'dt': case 'dfn': return 'term';
      case 'fieldset': return 'group';
      case 'figure': return 'figure';
      case 'footer': return el.closest('article,aside,main,nav,section') ? null : 'contentinfo';
      case 'form': return hasName(el) ? 'form' : null;
      case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': return 'heading';
      case 'header': return el.closest('article,aside,main,nav,section') ? null : 'banner';
      case 'hr': return 'separator';
      case 'img': return el.getAttribute('alt') === '' && !hasName(el) ? 'presentation' : 'img';
      case 'input':
        if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
        if (type === 'checkbox') return 'checkbox';
        if (type === 'radio') return 'radio';
        if (type === 'range') return 'slider';
        if (type === 'number') return 'spinbutton';
        if (type === 'search') return el.hasAttribute('list') ? 'combobox' : 'searchbox';
        if (type === 'hidden' || type === 'file' || type === 'color' || type === 'date' || type === 'time') return null;
        return el.hasAttribute('list') ? 'combobox' : 'textbox';
      case 'li': return 'listitem';
      case 'main': return 'main';
      case 'math': return 'math';
      case 'menu': case 'ol': case 'ul': return 'list';
      case 'meter': return 'meter';
      case 'nav': return 'navigation';
      case 'option': return 'option';
      case 'output': return 'status';
      case 'p': return 'paragraph';
      case 'progress': return 'progressbar';
      case 'section': return hasName(el) ? 'region' : null;
      case 'select': return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
      case 'table': return 'table';
      case 'tbody': case 'thead': case 'tfoot': return 'rowgroup';
      case 'td': return el.closest('table')?.getAttribute('role') === 'grid' ? 'gridcell' : 'cell';
      case 'th': return el.getAttribute('scope') === 'row' ? 'rowheader' : 'columnheader';
      case 'textarea': return 'textbox';
      case 'tr': return 'row';
      case 'svg': return 'img';
      default: return null;
    }
  };
  const role = (el) => {
    for (const r of (el.getAttribute('role') ?? '').split(/\\s+/)) if (ROLES.has(r)) return r;
    return implicitRole(el);
  };
  const FROM_CONTENT = new Set(['button','cell','checkbox','columnheader','gridcell','heading','link','menuitem','menuitemcheckbox','menuitemradio','option','radio','row','rowheader','switch','tab','tooltip','treeitem']);
  const pseudo = (el, which) => {
    const c = getComputedStyle(el, which).content;
    return c && c !== 'none' && c !== 'normal' && /^".*"$/.test(c) ? c.slice(1, -1) : '';
  };
  const byIds = (el, attr) => (el.getAttribute(attr) ?? '').split(/\\s+/).filter(Boolean).map((id) => document.getElementById(id)).filter(Boolean);
  // The accessible name (accname 1.2, for the elements this app has).
  const name = (el, inside = false, seen = new Set()) => {
    if (seen.has(el)) return '';
    seen.add(el);
    if (inside && hiddenForAria(el)) return '';
    const labelledBy = byIds(el, 'aria-labelledby');
    if (!inside && labelledBy.length) return labelledBy.map((e) => name(e, true, seen)).join(' ');
    const label = el.getAttribute('aria-label');
    if (label && label.trim()) return label;
    const tag = el.localName;
    if (tag === 'input' && ['button', 'submit', 'reset'].includes(el.type)) return el.value || '';
    if (['input', 'textarea', 'select'].includes(tag) && !inside && el.labels?.length) return [...el.labels].map((l) => name(l, true, seen)).join(' ');
    if (inside && ['input', 'textarea'].includes(tag)) return el.value;
    if (inside && tag === 'select') return el.selectedOptions[0]?.textContent ?? '';
    if (tag === 'img') return el.getAttribute('alt') ?? el.getAttribute('title') ?? '';
    if (tag === 'table') { const c = el.querySelector(':scope > caption'); if (c) return name(c, true, seen); }
    if (tag === 'figure') { const c = el.querySelector(':scope > figcaption'); if (c) return name(c, true, seen); }
    if (tag === 'fieldset') { const c = el.querySelector(':scope > legend'); if (c) return name(c, true, seen); }
    if (inside || FROM_CONTENT.has(role(el))) {
      let s = pseudo(el, '::before');
      for (const c of el.childNodes) {
        if (c.nodeType === Node.TEXT_NODE) s += c.nodeValue;
        else if (c.nodeType === Node.ELEMENT_NODE) {
          const inline = getComputedStyle(c).display === 'inline';
          const t = name(c, true, seen);
          s += inline ? t : ' ' + t + ' ';
        }
      }
      s += pseudo(el, '::after');
      if (norm(s)) return s;
    }
    return el.getAttribute('title') ?? '';
  };
  const labels = (el) => {
    const by = byIds(el, 'aria-labelledby');
    if (by.length) return by.map((l) => norm(text(l)));
    const aria = el.getAttribute('aria-label');
    if (aria !== null && aria.trim()) return [norm(aria)];
    const input = el.localName === 'input' && el.type !== 'hidden';
    if (['button', 'meter', 'output', 'progress', 'select', 'textarea'].includes(el.localName) || input) {
      return [...(el.labels ?? [])].map((l) => norm(text(l)));
    }
    return [];
  };
  const all = (scope) => [...scope.querySelectorAll('*')];
  const unique = (els) => [...new Set(els)];
  const inOrder = (els) => unique(els).sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  let set = scopes;
  for (const s of steps) {
    if ('nth' in s) {
      const el = s.nth < 0 ? set[set.length + s.nth] : set[s.nth];
      set = el ? [el] : [];
      continue;
    }
    if ('hasText' in s || 'has' in s || 'hasNotText' in s) {
      set = set.filter((el) =>
        (s.hasText === undefined || matches(s.hasText, norm(text(el)), false)) &&
        (s.hasNotText === undefined || !matches(s.hasNotText, norm(text(el)), false)) &&
        (s.has === undefined || resolve(s.has, [el]).length > 0));
      continue;
    }
    let found = [];
    for (const scope of set) {
      if ('css' in s) found.push(...scope.querySelectorAll(s.css));
      else if ('testid' in s) found.push(...scope.querySelectorAll('[data-testid="' + CSS.escape(s.testid) + '"]'));
      else if ('role' in s) {
        found.push(...all(scope).filter((el) => role(el) === s.role && !hiddenForAria(el) &&
          (s.level === undefined || Number(el.getAttribute('aria-level') ?? el.localName.slice(1)) === s.level) &&
          (s.name === undefined || matches(s.name, norm(name(el)), s.exact))));
      } else if ('label' in s) {
        found.push(...all(scope).filter((el) => labels(el).some((l) => matches(s.label, l, s.exact))));
      } else if ('text' in s) {
        const hit = (el) => !skipText(el) && matches(s.text, norm(text(el)), s.exact);
        found.push(...all(scope).filter((el) => hit(el) && ![...el.children].some(hit)));
      } else throw new Error('unknown locator step ' + JSON.stringify(s));
    }
    set = inOrder(found);
  }
  return set.filter((x) => x !== document);
}`;

/** What the page tells about one element: enough to decide whether an action can go ahead. */
const STATE = `(el) => ({
  visible: (() => {
    const shown = ${SHOWN};
    if (getComputedStyle(el).display === 'contents') return [...el.children].some(shown);
    if (!shown(el)) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  })(),
  enabled: !(el.matches(':disabled') || !!el.closest('[aria-disabled="true"]')),
  editable: !el.readOnly && !el.matches(':disabled'),
})`;

const describe = (steps) => steps.map((s) => JSON.stringify(s, (k, v) => (v instanceof RegExp ? String(v) : v))).join(' >> ');

class Locator {
  constructor(page, steps) {
    this.page = page;
    this.steps = steps;
  }

  #with(step) {
    return new Locator(this.page, [...this.steps, step]);
  }

  locator(selector, { hasText, has } = {}) {
    let l = this.#with({ css: selector });
    if (hasText !== undefined || has !== undefined) l = l.filter({ hasText, has });
    return l;
  }
  getByRole(role, { name, exact = false, level } = {}) { return this.#with({ role, name, exact, level }); }
  getByTestId(testid) { return this.#with({ testid }); }
  getByLabel(label, { exact = false } = {}) { return this.#with({ label, exact }); }
  getByText(text, { exact = false } = {}) { return this.#with({ text, exact }); }
  filter({ hasText, hasNotText, has } = {}) {
    const step = {};
    if (hasText !== undefined) step.hasText = hasText;
    if (hasNotText !== undefined) step.hasNotText = hasNotText;
    if (has !== undefined) step.has = has.steps;
    return this.#with(step);
  }
  nth(n) { return this.#with({ nth: n }); }
  first() { return this.nth(0); }
  last() { return this.nth(-1); }

  /** The elements this locator matches now, with `fn(elements, ...args)` run on them in the page. */
  #query(fn, args = []) {
    return this.page.call(`(...a) => { const els = (${RESOLVE})(${toSource(this.steps)}); return (${fn})(els, ...a); }`, args);
  }

  async count() {
    return this.#query('(els) => els.length');
  }

  async all() {
    const n = await this.count();
    return Array.from({ length: n }, (_, i) => this.nth(i));
  }

  /**
   * Waits until the locator matches exactly one element that is `need` (attached, visible,
   * actionable: visible and enabled, or editable: actionable and not read-only), then returns
   * it. Strict, as Playwright is: more than one match is an error at once.
   */
  async #one(need = 'attached', { timeout = TIMEOUT } = {}) {
    const r = await this.page.poll(`(steps, need) => {
      const els = (${RESOLVE})(steps);
      if (els.length > 1) return { strict: els.length };
      if (els.length === 0) return null;
      const s = (${STATE})(els[0]);
      const ok = need === 'attached' || (s.visible && (need === 'visible' || (s.enabled && (need === 'actionable' || s.editable))));
      return ok ? { el: els[0] } : null;
    }`, [this.steps, need], timeout);
    if (r?.strict) throw new Error(`strict mode violation: ${describe(this.steps)} matches ${r.strict} elements`);
    if (r?.el) return r.el;
    const last = await this.#query(`(els) => els.length === 1 ? (${STATE})(els[0]) : els.length + ' elements match'`).catch((e) => e.message);
    throw new Error(`timed out after ${timeout} ms waiting for ${describe(this.steps)} to be ${need}: ${JSON.stringify(last)}`);
  }

  /** Runs `fn(el, arg)` on the one matching element in the page. */
  async evaluate(fn, arg, options) {
    const el = await this.#one('attached', options);
    return this.page.call(fn.toString(), [arg], [el]);
  }

  async evaluateAll(fn, arg) {
    return this.#query(`(els, a) => (${fn})(els, a)`, [arg]);
  }

  async waitFor({ state = 'visible', timeout = TIMEOUT } = {}) {
    if (state === 'attached' || state === 'visible') return void (await this.#one(state, { timeout }));
    const gone = await this.page.poll(`(steps, hidden) => {
      const els = (${RESOLVE})(steps);
      return (hidden ? els.filter((el) => (${STATE})(el).visible) : els).length === 0;
    }`, [this.steps, state === 'hidden'], timeout);
    if (!gone) throw new Error(`timed out after ${timeout} ms waiting for ${describe(this.steps)} to be ${state}`);
  }

  textContent(options) { return this.evaluate((el) => el.textContent, undefined, options); }
  innerText(options) { return this.evaluate((el) => el.innerText, undefined, options); }
  getAttribute(name, options) { return this.evaluate((el, n) => el.getAttribute(n), name, options); }
  allTextContents() { return this.#query('(els) => els.map((el) => el.textContent)'); }
  allInnerTexts() { return this.#query('(els) => els.map((el) => el.innerText)'); }

  inputValue(options) {
    return this.evaluate((el) => {
      if (!['INPUT', 'TEXTAREA', 'SELECT'].includes(el.nodeName)) throw new Error('not an input, textarea or select element');
      return el.value;
    }, undefined, options);
  }

  isDisabled(options) { return this.evaluate((el) => el.matches(':disabled') || !!el.closest('[aria-disabled="true"]'), undefined, options); }
  async isEnabled(options) { return !(await this.isDisabled(options)); }

  isChecked(options) {
    return this.evaluate((el) => {
      if (el.type === 'checkbox' || el.type === 'radio') return el.checked;
      const a = el.getAttribute('aria-checked');
      if (a === null) throw new Error('not a checkbox or radio button');
      return a === 'true';
    }, undefined, options);
  }

  /** Visible now (no waiting); false when nothing matches. */
  async isVisible() {
    const r = await this.#query(`(els) => els.length > 1 ? -1 : els.length === 0 ? false : (${STATE})(els[0]).visible`);
    if (r === -1) throw new Error(`strict mode violation: ${describe(this.steps)} matches several elements`);
    return r;
  }

  async boundingBox(options) {
    return this.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }, undefined, options);
  }

  async scrollIntoViewIfNeeded(options) {
    await this.evaluate((el) => {
      const r = el.getBoundingClientRect();
      if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) el.scrollIntoView({ block: 'center', inline: 'center' });
    }, undefined, options);
  }

  /** A classic WebDriver action on the element, retried while the page is still settling. */
  async #act(need, action, { timeout = TIMEOUT } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const el = await this.#one(need, { timeout: Math.max(0, end - Date.now()) });
      try {
        await this.page.browser.use(this.page.context);
        return await action(el);
      } catch (e) {
        if (!TRANSIENT.test(e.message) || Date.now() > end) throw e;
        // Something (a sticky bar) covers it where WebDriver scrolled it to: centre it instead.
        if (/intercepted/.test(e.message)) await this.page.call("(el) => el.scrollIntoView({ block: 'center' })", [], [el]).catch(() => {});
        await sleep(POLL_MS);
      }
    }
  }

  /**
   * Clicks the element's centre with the mouse, as Playwright does: scrolled into view if need
   * be, once its box holds still for two frames, and only if the element (not something over
   * it) is what the pointer would hit. Through
   * BiDi, which returns once the events are dispatched; a classic WebDriver click also waits
   * for the page to settle (100-260 ms measured here), too slow for a state that lasts a few
   * frames after the click (the replay's Pause button at 10×).
   */
  click(options) {
    return this.#act('actionable', async (el) => {
      const at = await this.page.call(`async (el) => {
        const r0 = el.getBoundingClientRect();
        if (r0.top < 0 || r0.left < 0 || r0.bottom > innerHeight || r0.right > innerWidth) el.scrollIntoView({ block: 'center', inline: 'center' });
        // Stable: the same box after each of three rendering updates (a page still being drawn
        // moves it; sections with content-visibility: auto take their real height only at the
        // update after they scroll near the viewport).
        const box = () => { const b = el.getBoundingClientRect(); return [b.x, b.y, b.width, b.height].join(); };
        const frame = () => new Promise((r) => { requestAnimationFrame(() => setTimeout(r, 0)); setTimeout(r, 150); });
        const before = box();
        for (let i = 0; i < 3; i++) {
          await frame();
          if (!el.isConnected || box() !== before) return 'element not stable yet';
        }
        const r = el.getBoundingClientRect();
        const x = Math.floor(r.left + r.width / 2), y = Math.floor(r.top + r.height / 2);
        const hit = document.elementFromPoint(x, y);
        return hit && (hit === el || el.contains(hit) || hit.closest('label')?.control === el) ? [x, y] : 'element click intercepted by ' + (hit ? hit.outerHTML.slice(0, 80) : 'nothing');
      }`, [], [el]);
      if (typeof at === 'string') throw new Error(at);
      await this.page.browser.bidi.send('input.performActions', {
        context: this.page.context,
        actions: [{
          type: 'pointer', id: 'bidi-mouse', parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', x: at[0], y: at[1], origin: 'viewport' },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        }],
      });
    }, options);
  }

  async check(options) {
    if (!(await this.isChecked(options))) await this.click(options);
    if (!(await this.isChecked(options))) throw new Error(`${describe(this.steps)} did not become checked`);
  }

  /** Replaces the field's text by typing `value`, as a reader would (select all, then type). */
  fill(value, options) {
    return this.#act('editable', async (el) => {
      await this.page.call('(el) => { el.focus(); el.select?.(); }', [], [el]);
      await el.sendKeys(value === '' ? Key.BACK_SPACE : value);
    }, options);
  }

  focus(options) {
    return this.#act('visible', (el) => this.page.call('(el) => el.focus()', [], [el]), options);
  }

  press(key, options) {
    return this.#act('visible', async (el) => {
      await this.page.call('(el) => el.focus()', [], [el]);
      await this.page.keyboard.press(key);
    }, options);
  }

  /** Picks the option whose value or label is `what` (or { value } / { label } / { index }). */
  selectOption(what, options) {
    const want = typeof what === 'string' ? { either: what } : what;
    return this.#act('actionable', async (el) => {
      const option = await this.page.call(`(select, w) => {
        const os = [...select.options];
        const o = 'index' in w ? os[w.index] : os.find((o) => 'either' in w ? o.value === w.either || o.label === w.either
          : ('value' in w ? o.value === w.value : true) && ('label' in w ? o.label === w.label : true));
        if (!o) throw new Error('no such option yet');
        return o;
      }`, [want], [el]);
      await option.click();
    }, options);
  }

  /** Gives a file input files: paths, or { name, mimeType, buffer } written to a folder first. */
  async setInputFiles(files, options) {
    const paths = (Array.isArray(files) ? files : [files]).map((f) => {
      if (typeof f === 'string') return path.resolve(f);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ap-e2e-ff-up-'));
      const file = path.join(dir, f.name);
      fs.writeFileSync(file, f.buffer);
      return file;
    });
    await this.#act('attached', (el) => el.sendKeys(paths.join('\n')), options);
  }
}
