// The Node entry of the npm package: the same WebAssembly module the browser loads
// (wangge_bg.wasm), read from the package folder and instantiated synchronously, so that
// both `import … from 'wangge'` and `require('wangge')` (Node ≥ 20.19) work without an
// `await`.
import { readFileSync } from 'node:fs';
import { initSync } from './wangge.js';

initSync({ module: readFileSync(new URL('./wangge_bg.wasm', import.meta.url)) });

export * from './wangge.js';
