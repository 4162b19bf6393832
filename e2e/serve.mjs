// A tiny static server for the `trunk build --release` output, with the cross-origin isolation
// headers the app needs (SharedArrayBuffer). Used by the e2e tests; also runnable by hand:
//   node e2e/serve.mjs dist 8081
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

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

/** Serves `root` on 127.0.0.1:`port` (0 = any free port); resolves to { server, url }. */
export function serve(root, port = 0, { isolate = true } = {}) {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.join(base, decodeURIComponent(url.pathname));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      // A single-page app: unknown paths get index.html so routes load by URL.
      const ext = path.extname(file);
      file = ext && ext !== '.html' ? file : path.join(base, 'index.html');
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
      if (isolate) {
        headers['cross-origin-opener-policy'] = 'same-origin';
        headers['cross-origin-embedder-policy'] = 'require-corp';
      }
      if (url.pathname === PYTHON_WORKER_PATH) headers['content-security-policy'] = PYTHON_WORKER_CSP;
      res.writeHead(200, headers).end(body);
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
