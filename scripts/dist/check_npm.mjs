// The installed npm package (node_modules/wangge in the project folder given as the
// argument), used three ways a consumer uses it: `import` in Node, `require` in Node, and
// `import` in a web page in headless Chromium (driven by playwright-core from
// WANGGE_NODE_TOOLS, the browser at CHROMIUM). Ends with "N passed, N failed".
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const project = resolve(process.argv[2] ?? '.');
const require = createRequire(join(project, 'noop.js'));
let passed = 0;
let failed = 0;
async function check(name, f) {
  try {
    await f();
    passed++;
    console.log(`ok ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAILED ${name}: ${e.stack ?? e}`);
  }
}

// One .wasm in the package, shared by every entry.
await check('the package holds one .wasm', async () => {
  const files = JSON.parse(readFileSync(join(project, 'node_modules/wangge/package.json'), 'utf8')).files;
  assert.deepEqual(files.filter((f) => f.endsWith('.wasm')), ['wangge_bg.wasm']);
});

await check('import in Node', async () => {
  const entry = pathToFileURL(require.resolve('wangge')).href;
  const w = await import(entry);
  assert.equal(w.parseCode('371323100201007').community, '371323100201');
});

await check('require in Node', async () => {
  const w = require('wangge');
  assert.equal(w.parseCode('371323100201007').sequence, 7);
  assert.throws(() => w.parseCode('990000'), (e) => e.code === 100);
});

await check('import in a browser page', async () => {
  const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
  writeFileSync(join(project, 'index.html'), `<!doctype html><meta charset="utf-8"><script type="module">
    import init, { parseCode } from './node_modules/wangge/wangge.js';
    await init();
    window.result = parseCode('371323100201007').community;
  </script>`);
  const server = createServer((req, res) => {
    const file = join(project, normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!file.startsWith(project) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const tools = process.env.WANGGE_NODE_TOOLS;
  const { chromium } = createRequire(join(tools, 'noop.js'))('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
    await page.waitForFunction(() => window.result !== undefined, null, { timeout: 30000 });
    assert.equal(await page.evaluate(() => window.result), '371323100201');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});

console.log(`npm: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
