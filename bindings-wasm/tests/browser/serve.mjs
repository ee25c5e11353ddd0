// What the browser tests share: a read-only static server of the repository (127.0.0.1,
// an ephemeral port) and headless Chromium driven by Playwright (WANGGE_NODE_TOOLS holds
// playwright-core, CHROMIUM is the browser).
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const TYPES = {
  '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.json': 'application/json', '.geojson': 'application/json', '.jsonl': 'text/plain', '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Serves ROOT; resolves to the listening server. */
export function serve() {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = join(ROOT, path);
    if (!file.startsWith(ROOT) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

const TOOLS = process.env.WANGGE_NODE_TOOLS ?? join(ROOT, 'target/tools/node_modules');
const { chromium } = createRequire(join(TOOLS, 'noop.js'))('playwright-core');

/** Runs `f(browser, base)` with headless Chromium and the server at `base`; closes both. */
export async function withBrowser(f) {
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await f(browser, base);
  } finally {
    await browser.close();
    server.close();
  }
}
