// Starts the app. Trunk would inline this as a <script> in index.html, but the
// Content-Security-Policy forbids inline scripts, so Trunk.toml's `pattern_script` points here
// and passes the hashed file names in data attributes.
const me = document.getElementById('app-loader');
// The route's static page (src/bin/prerender.rs) is there to read while the app loads. Its
// controls do nothing yet, so they take no input (nothing typed into them would be kept); the
// app replaces them when it starts. Without JavaScript this never runs and links work as links.
document.getElementById('prerendered')?.setAttribute('inert', '');
const { default: init } = await import(me.dataset.js);
// A URL string: wasm-bindgen compiles the module while it downloads (instantiateStreaming).
await init({ module_or_path: me.dataset.wasm });
