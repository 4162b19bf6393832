// The CPython runner: a module Web Worker that loads Pyodide (CPython compiled to WebAssembly)
// from our own origin, runs the reader's Python, and reports what happened.
//
// Messages in (from the page):
//   { type: 'load', interrupt?: SharedArrayBuffer }   download (with progress) and start CPython
//   { type: 'run', id, code }                          run a program (top-level await allowed)
// Messages out (to the page); every `t` is milliseconds on the PAGE's clock (its performance.now()),
// because the page sends its performance.timeOrigin with 'load':
//   { type: 'progress', loaded, total }                 bytes of the core files so far
//   { type: 'start', id, t0 }                           a run began
//   { type: 'ready', downloadMs, startMs, fromCache, version, python }
//   { type: 'out', id, lines: [[t, stream, text]] }     stdout/stderr lines, stamped when written
//   { type: 'steps', id, names: [[task, name]], steps: [[t, task, kind]] }
//        kind: 0 spawned, 1 running, 2 awaiting, 3 ready, 4 done, 5 cancelled, 6 failed
//   { type: 'done', id, t0, t1, error }                 error: the Python traceback, or null
//   { type: 'fatal', message }                          CPython could not start
//
// The big files go through the Cache API (cache name carries the version), so a second visit
// starts without downloading; `fetch` in this worker answers them from that cache.

const VERSION = '314.0.8';
const BASE = new URL('./pyodide/', import.meta.url);
const CACHE = `pyodide-${VERSION}`;
// The files Pyodide fetches, and their sizes in bytes (written by scripts/setup.sh).
const MANIFEST = new URL('manifest.json', BASE);

let pyodide = null;
let pageOffset = 0; // add to this worker's performance.now() to get the page's
const now = () => performance.now() + pageOffset;

async function cachedFiles(onBytes) {
  const manifest = await (await fetch(MANIFEST)).json();
  const total = manifest.files.reduce((s, f) => s + f.bytes, 0);
  let loaded = 0;
  let fromCache = true;
  const cache = await caches.open(CACHE);
  const bodies = new Map();
  for (const f of manifest.files) {
    const url = new URL(f.name, BASE).href;
    let res = await cache.match(url);
    if (!res) {
      fromCache = false;
      const net = await fetch(url);
      if (!net.ok) throw new Error(`${f.name}: HTTP ${net.status}`);
      const reader = net.body.getReader();
      const chunks = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        loaded += value.length;
        onBytes(loaded, total);
      }
      const type = net.headers.get('content-type') ?? 'application/octet-stream';
      res = new Response(new Blob(chunks, { type }), { headers: { 'content-type': type } });
      await cache.put(url, res.clone());
    } else {
      loaded += f.bytes;
      onBytes(loaded, total);
    }
    bodies.set(url, res);
  }
  return { bodies, fromCache, total };
}

async function load(msg) {
  pageOffset = performance.timeOrigin - msg.timeOrigin;
  const t0 = performance.now();
  const { bodies, fromCache } = await cachedFiles((loaded, total) =>
    postMessage({ type: 'progress', loaded, total }),
  );
  const t1 = performance.now();
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input, BASE).href;
    const hit = bodies.get(url);
    if (hit) {
      bodies.delete(url);
      return Promise.resolve(hit);
    }
    return realFetch(input, init);
  };
  const { loadPyodide } = await import(new URL('pyodide.mjs', BASE).href);
  pyodide = await loadPyodide({ indexURL: BASE.href, packages: [] });
  globalThis.fetch = realFetch;
  if (msg.interrupt) pyodide.setInterruptBuffer(new Int32Array(msg.interrupt));
  pyodide.runPython(TRACER);
  const python = pyodide.runPython('import sys; sys.version.split()[0]');
  postMessage({
    type: 'ready',
    downloadMs: t1 - t0,
    startMs: performance.now() - t1,
    fromCache,
    version: VERSION,
    python,
  });
}

// Output: whole lines, stamped when written, posted at most every 50 ms (and at the end), so a
// program printing in a tight loop does not flood the page.
let out = [];
let outId = 0;
let lastPost = 0;
function flushOut() {
  if (out.length) postMessage({ type: 'out', id: outId, lines: out });
  out = [];
  lastPost = performance.now();
}
function writer(stream) {
  return {
    batched: (text) => {
      out.push([now(), stream, text]);
      if (performance.now() - lastPost > 50) flushOut();
    },
  };
}

// The asyncio instrumentation, installed once: every task made by the loop runs its coroutine
// inside a wrapper that reports each step; the loop's call_soon reports when a task is made
// ready (its awaited future finished, or it yielded with a bare `await asyncio.sleep(0)`).
// Times come from time.perf_counter() (cheap), converted to the page's clock per run.
const TRACER = `
import asyncio, collections.abc, time, sys
from asyncio import CancelledError

class _Trace:
    def __init__(self):
        self.steps = []
        self.names = []
        self.new_names = []
        self.count = 0
        self.last = 0.0
        self.sink = None
    def emit(self, task, kind):
        t = time.perf_counter()
        self.steps.append((t, task, kind))
        if t - self.last > 0.05:
            self.flush()
    def flush(self):
        self.last = time.perf_counter()
        if self.sink is not None and (self.steps or self.new_names):
            steps, names = self.steps, self.new_names
            self.steps, self.new_names = [], []
            self.sink(steps, names)

_trace = _Trace()

# Pyodide's own time.sleep suspends the Python stack (JavaScript Promise Integration) and lets the
# browser's event loop, and so the asyncio loop, run on: other tasks run during it. CPython's
# blocks the thread. To show CPython's behaviour, time.sleep here blocks this worker's thread
# (Atomics.wait), in slices of 50 ms so that Stop (KeyboardInterrupt) still gets through.
try:
    from js import Atomics as _Atomics, Int32Array as _I32, SharedArrayBuffer as _SAB
    _cell = _I32.new(_SAB.new(4))
    def _blocking_sleep(secs):
        if secs < 0:
            raise ValueError("sleep length must be non-negative")
        end = time.perf_counter() + secs
        while (left := end - time.perf_counter()) > 0:
            _Atomics.wait(_cell, 0, 0, min(left, 0.05) * 1000)
    time.sleep = _blocking_sleep
except ImportError:
    pass

class _Traced(collections.abc.Coroutine):
    __slots__ = ('coro', 'tid')
    def __init__(self, coro):
        self.coro = coro
        self.tid = _trace.count
        _trace.count += 1
        name = getattr(coro, '__qualname__', None) or type(coro).__name__
        _trace.new_names.append((self.tid, name))
        _trace.emit(self.tid, 0)
    def _resume(self, resume, *args):
        # One turn of the task: running, then awaiting again, done, cancelled or failed.
        _trace.emit(self.tid, 1)
        try:
            r = resume(*args)
        except StopIteration:
            _trace.emit(self.tid, 4)
            raise
        except CancelledError:
            _trace.emit(self.tid, 5)
            raise
        except BaseException:
            _trace.emit(self.tid, 6)
            raise
        _trace.emit(self.tid, 2)
        return r
    def send(self, value):
        return self._resume(self.coro.send, value)
    def __next__(self):
        return self.send(None)
    def throw(self, *exc):
        return self._resume(self.coro.throw, *exc)
    def close(self):
        return self.coro.close()
    def __await__(self):
        return self
    def __iter__(self):
        return self
    # Tasks read these for repr and tracebacks.
    @property
    def cr_frame(self):
        return getattr(self.coro, 'cr_frame', None)
    @property
    def cr_code(self):
        return getattr(self.coro, 'cr_code', None)
    @property
    def cr_running(self):
        return getattr(self.coro, 'cr_running', False)
    @property
    def cr_await(self):
        return getattr(self.coro, 'cr_await', None)
    def __repr__(self):
        return repr(self.coro)

def _factory(loop, coro, **kw):
    # Pyodide runs the program itself in a task: only the program's own tasks are traced.
    if getattr(coro, '__qualname__', '') == 'eval_code_async':
        return asyncio.Task(coro, loop=loop, **kw)
    return asyncio.Task(_Traced(coro), loop=loop, **kw)

def _install(loop):
    loop.set_task_factory(_factory)
    if getattr(loop, '_traced_call_soon', None) is None:
        plain = loop.call_soon
        def call_soon(callback, *args, **kw):
            owner = getattr(callback, '__self__', None)
            if isinstance(owner, asyncio.Task):
                c = owner.get_coro()
                if type(c) is _Traced:
                    _trace.emit(c.tid, 3)
            return plain(callback, *args, **kw)
        loop.call_soon = call_soon
        loop._traced_call_soon = plain

def _begin(sink):
    _trace.steps, _trace.names, _trace.new_names = [], [], []
    _trace.count = 0
    _trace.sink = sink
    _trace.last = time.perf_counter()
    _install(asyncio.get_event_loop())
`;

async function run(msg) {
  outId = msg.id;
  out = [];
  lastPost = performance.now();
  // perf_counter (seconds) → page clock (ms): calibrated once per run.
  const pc0 = pyodide.runPython('import time; time.perf_counter()');
  const offset = now() - pc0 * 1000;
  const sink = (steps, names) => {
    const s = steps.toJs();
    const n = names.toJs();
    steps.destroy();
    names.destroy();
    postMessage({
      type: 'steps',
      id: msg.id,
      names: n,
      steps: s.map(([t, task, kind]) => [t * 1000 + offset, task, kind]),
    });
  };
  pyodide.setStdout(writer('out'));
  pyodide.setStderr(writer('err'));
  const begin = pyodide.globals.get('_begin');
  begin(sink);
  begin.destroy();
  const t0 = now();
  postMessage({ type: 'start', id: msg.id, t0 });
  let error = null;
  try {
    await pyodide.runPythonAsync(msg.code, { filename: '<example>' });
  } catch (e) {
    error = String(e.message ?? e);
  }
  const t1 = now();
  try {
    pyodide.runPython('_trace.flush(); _trace.sink = None');
  } catch (e) {
    error ??= String(e.message ?? e);
  }
  flushOut();
  postMessage({ type: 'done', id: msg.id, t0, t1, error });
}

// Stop raises KeyboardInterrupt in the running task; asyncio re-raises it out of the loop's
// callback, where it would surface as an uncaught error although the run already reported it.
addEventListener('error', (e) => {
  if (/KeyboardInterrupt/.test(e.message)) e.preventDefault();
});
addEventListener('unhandledrejection', (e) => {
  if (/KeyboardInterrupt/.test(String(e.reason?.message ?? e.reason))) e.preventDefault();
});

// Messages are handled one at a time, in order.
let queue = Promise.resolve();
onmessage = (e) => {
  const msg = e.data;
  queue = queue.then(async () => {
    try {
      if (msg.type === 'load') await load(msg);
      else if (msg.type === 'run') await run(msg);
    } catch (err) {
      if (msg.type === 'load') postMessage({ type: 'fatal', message: String(err?.message ?? err) });
      else postMessage({ type: 'done', id: msg.id, t0: now(), t1: now(), error: String(err?.message ?? err) });
    }
  });
};
