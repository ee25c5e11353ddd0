// Paths shared by the Node tests: the built npm package (out/npm/wangge by default, see
// `cargo xtask ci`) and the repository's data.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const PKG = process.env.WANGGE_NPM_DIR ?? join(ROOT, 'out/npm/wangge');
export const PANIC_PKG = process.env.WANGGE_WASM_PANIC_DIR ?? join(ROOT, 'out/wasm-panic');
export const SAMPLE = readFileSync(join(ROOT, 'examples/data/sample-county.geojson'), 'utf8');

const require = createRequire(import.meta.url);

/** The package as Node users load it (`require('wangge')`). */
export const loadNode = () => require(join(PKG, 'node/wangge.js'));

/** The browser build, initialised synchronously from the .wasm bytes. */
export async function loadWeb() {
  const m = await import(join(PKG, 'web/wangge.js'));
  m.initSync({ module: readFileSync(join(PKG, 'web/wangge_bg.wasm')) });
  return m;
}

/** Every vector file, parsed, in name order. */
export function vectorFiles() {
  const dir = join(ROOT, 'tests/vectors');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
}
