// Locate benchmark through the WASM package in Node:
//   node locate.mjs <out/npm/wangge> <layer.geojson> <points.txt>
// prints "wasm ns_per_point <best of 5> hits <n>". Run by `cargo xtask bench-bindings`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [pkg, layerPath, pointsPath] = process.argv.slice(2);
const w = createRequire(import.meta.url)(join(pkg, 'node/wangge.js'));
const layer = w.Layer.fromGeoJSON(readFileSync(layerPath, 'utf8'));
const pts = readFileSync(pointsPath, 'utf8').trim().split('\n').map((l) => l.split(/\s+/).map(Number));
let best = Infinity;
let hits = 0;
for (let round = 0; round < 5; round++) {
  const t = process.hrtime.bigint();
  hits = 0;
  for (const [lon, lat] of pts) hits += layer.unitsAt(lon, lat).length > 0 ? 1 : 0;
  best = Math.min(best, Number(process.hrtime.bigint() - t) / pts.length);
}
console.log(`wasm ns_per_point ${best.toFixed(0)} hits ${hits}`);
layer.free();
