// Starts the app. Trunk would inline this as a <script> in index.html, but the
// Content-Security-Policy forbids inline scripts, so Trunk.toml's `pattern_script` points here
// and passes the hashed file names in data attributes.
const me = document.getElementById('app-loader');
const { default: init } = await import(me.dataset.js);
await init({ module_or_path: me.dataset.wasm });
