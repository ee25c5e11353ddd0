// Locate benchmark through the WASM package in Node:
//   node locate.mjs <out/npm/wangge> <layer.geojson> <points.txt>
// prints "wasm ns_per_point <best of 20> hits <n>" for GridIndex.locateBatch on a
// Float64Array (positions in index.codes() back as an Int32Array). Run by
// `cargo xtask bench-bindings`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [pkg, layerPath, pointsPath] = process.argv.slice(2);
const w = createRequire(import.meta.url)(join(pkg, 'node/wangge.js'));
const layer = w.Layer.fromGeoJSON(readFileSync(layerPath, 'utf8'));
const index = new w.GridIndex(layer);
layer.free();
const lines = readFileSync(pointsPath, 'utf8').trim().split('\n');
const xy = new Float64Array(lines.length * 2);
lines.forEach((l, i) => {
  const [lon, lat] = l.split(/\s+/).map(Number);
  xy[2 * i] = lon;
  xy[2 * i + 1] = lat;
});
const grids = index.gridCount;
let best = Infinity;
let hits = 0;
for (let round = 0; round < 20; round++) {
  const t = process.hrtime.bigint();
  const found = index.locateBatch(xy);
  best = Math.min(best, Number(process.hrtime.bigint() - t) / lines.length);
  hits = 0;
  for (let i = 0; i < found.length; i++) if (found[i] >= 0 && found[i] < grids) hits++;
}
console.log(`wasm ns_per_point ${best.toFixed(1)} hits ${hits}`);
index.free();
