import { start } from './support.mjs';
import { SLOW } from './bench/load.bench.mjs';
const env = await start();
const page = await env.context.newPage();
const cdp = await env.context.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW });
await page.goto(env.url + '/learn/nonblocking', { timeout: 120000 });
const r = await page.evaluate(() => ({
  res: performance.getEntriesByType('resource').map((e) => [e.name.split('/').pop().slice(0, 30), Math.round(e.startTime), Math.round(e.responseStart), Math.round(e.responseEnd), e.encodedBodySize]),
  nav: [Math.round(performance.getEntriesByType('navigation')[0].responseStart), Math.round(performance.getEntriesByType('navigation')[0].responseEnd)],
  fr: performance.getEntriesByName('app:first-render')[0]?.startTime,
  fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
}));
console.log(JSON.stringify(r, null, 0));
await env.close();
