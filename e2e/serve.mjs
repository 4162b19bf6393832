// A tiny static server for the `trunk build --release` output, with the cross-origin isolation
// headers the app needs (SharedArrayBuffer). Used by the e2e tests; also runnable by hand:
//   node e2e/serve.mjs dist 8081
// It serves as a real host would: a route's own page (`dist/<route>/index.html`, written by the
// prerender step), `dist/404.html` with status 404 for paths that have none (the app then draws
// its not-found page), and compressed: the build's brotli copy (`.br`) when the browser accepts
// brotli, else gzip (the build's `.gz` copy if present, or compressed on the fly).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

// The CPython worker's own Content-Security-Policy: a worker takes its policy from its response,
// not from the page's meta tag, so its response carries the page's policy (Pyodide needs nothing
// more). README: hosting.
export const PYTHON_WORKER_PATH = '/python-worker.js';
export const PYTHON_WORKER_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
};

/** Types worth compressing (wasm compresses to about a third). */
const COMPRESSIBLE = /^(text\/|application\/(wasm|json)|image\/svg)/;

/** A precompressed copy of `file` (`file` + `ext`) that is at least as new as `file`, or null. */
function copy(file, ext) {
  const c = `${file}${ext}`;
  return fs.existsSync(c) && fs.statSync(c).mtimeMs >= fs.statSync(file).mtimeMs ? c : null;
}

/**
 * Serves `root` on 127.0.0.1:`port` (0 = any free port); resolves to { server, url }.
 * `brotli: false` serves gzip only, as a host that does not send brotli (GitHub Pages, say).
 */
export function serve(root, port = 0, { isolate = true, brotli = true } = {}) {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.join(base, decodeURIComponent(url.pathname));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    let status = 200;
    const isFile = (f) => fs.existsSync(f) && fs.statSync(f).isFile();
    if (!isFile(file)) {
      // A single-page app: a route loads by URL, from its prerendered page where it has one.
      const ext = path.extname(file);
      const page = path.join(file, 'index.html');
      if (ext && ext !== '.html') {
        // A missing asset stays missing (404 below).
      } else if (isFile(page)) {
        file = page;
      } else if (isFile(path.join(base, '404.html'))) {
        file = path.join(base, '404.html');
        status = 404;
      } else {
        file = path.join(base, 'index.html');
      }
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const accepts = (e) => new RegExp(`\\b${e}\\b`).test(req.headers['accept-encoding'] ?? '') && COMPRESSIBLE.test(type);
    // Brotli only from the build's copy (compressing it on each request would be too slow).
    const br = brotli && accepts('br') && isFile(file) ? copy(file, '.br') : null;
    const gzip = !br && accepts('gzip');
    const pre = br ?? (gzip && isFile(file) ? copy(file, '.gz') : null);
    fs.readFile(pre ?? file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const headers = { 'content-type': type, 'cache-control': 'no-store', vary: 'accept-encoding' };
      if (isolate) {
        headers['cross-origin-opener-policy'] = 'same-origin';
        headers['cross-origin-embedder-policy'] = 'require-corp';
      }
      if (url.pathname === PYTHON_WORKER_PATH) headers['content-security-policy'] = PYTHON_WORKER_CSP;
      if (br) {
        headers['content-encoding'] = 'br';
      } else if (gzip) {
        headers['content-encoding'] = 'gzip';
        if (!pre) body = zlib.gzipSync(body);
      }
      res.writeHead(status, headers).end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${server.address().port}` });
    });
  });
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [root = 'dist', port = '8081'] = process.argv.slice(2);
  const { url } = await serve(root, Number(port));
  console.log(`serving ${root} on ${url}`);
}
