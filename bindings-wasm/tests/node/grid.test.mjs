// Coverage validation (Layer.validate), the grid index (GridIndex) and the sample county
// generator, on the generated 24-grid county of tests/data.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';

import { ROOT, loadNode } from './common.mjs';

const w = loadNode();
const data = (name) => readFileSync(join(ROOT, 'tests/data', name), 'utf8');
const CLEAN = data('county-24.geojson');
const GAP = data('county-24-gap.geojson');
const PARENTS = data('county-24-parents.geojson');
const FAULT = JSON.parse(data('county-24-gap.fault.json'));

const throwsCode = (fn, code, kind) =>
  assert.throws(fn, (e) => e instanceof Error && e.name === 'WanggeError' && e.code === code && e.kind === kind);

test('Layer.validate: a clean county, an injected gap, options, parents', () => {
  const clean = w.Layer.fromGeoJSON(CLEAN);
  const gap = w.Layer.fromGeoJSON(GAP);
  const parents = w.Layer.fromGeoJSON(PARENTS);
  assert.deepEqual(clean.validate(), { valid: true, grids: 24, violations: [] });

  const r = gap.validate();
  assert.equal(r.valid, false);
  assert.equal(r.grids, 24);
  assert.equal(r.violations.length, 1);
  const [v] = r.violations;
  assert.equal(v.kind, 'gap');
  for (const code of FAULT.codes) assert.ok(v.codes.includes(code), `${code} in ${v.codes}`);
  assert.ok(Math.abs(v.at[0] - FAULT.at.lon) < 1e-4 && Math.abs(v.at[1] - FAULT.at.lat) < 1e-4, `at ${v.at}`);
  assert.ok(v.area_m2 > 0);
  // The typed report is the grid.validate operation's output.
  assert.deepEqual(r, w.call('grid.validate', { layer: JSON.parse(GAP) }));
  assert.deepEqual(r, w.gridValidate({ layer: JSON.parse(GAP) }));

  // A tolerance above the gap's mean width (0.25 m) makes it a sliver.
  assert.equal(gap.validate({ tolerance_m: 1 }).valid, true);
  assert.equal(gap.validate({ policy: 'seed003', as_of: '2025-01-01' }).valid, false);

  // With the parent units: the gap lies in the broken grid's community.
  assert.equal(clean.validateWithParent(parents).valid, true);
  const withParents = gap.validateWithParent(parents, {});
  assert.equal(withParents.violations[0].kind, 'gap');
  assert.ok(withParents.violations[0].codes.includes(FAULT.codes[0].slice(0, 12)));
  assert.deepEqual(withParents, w.call('grid.validate', { layer: JSON.parse(GAP), parent: JSON.parse(PARENTS) }));

  throwsCode(() => gap.validate({ tolerance_m: -1 }), 1, 'invalid_argument');
  throwsCode(() => gap.validate({ policy: 'seed999' }), 252, 'unknown_preset');
  throwsCode(() => gap.validate({ as_of: '2024-13-01' }), 7, 'invalid_date_time');
  throwsCode(() => gap.validate({ bogus: 1 }), 2, 'invalid_json');
  throwsCode(() => gap.validate({ tolerance_m: '1' }), 2, 'invalid_json');
  for (const l of [clean, gap, parents]) l.free();
});

/** Every vertex and edge midpoint of every grid, plus points outside. */
function boundaryPoints(geo) {
  const xy = [];
  for (const f of geo.features) {
    if (f.geometry.type !== 'Polygon') continue;
    for (const ring of f.geometry.coordinates) {
      ring.forEach(([x, y], k) => {
        xy.push(x, y);
        if (k > 0) xy.push((x + ring[k - 1][0]) / 2, (y + ring[k - 1][1]) / 2);
      });
    }
  }
  xy.push(0, 0, 118, 35, 180, 90, -180, -90);
  return new Float64Array(xy);
}

test('GridIndex: locate and locateBatch equal grid.locate, boundary points included', () => {
  const geo = JSON.parse(CLEAN);
  const layer = w.Layer.fromGeoJSON(CLEAN);
  const index = new w.GridIndex(layer);
  layer.free(); // the index does not need the layer
  assert.equal(index.gridCount, 24);
  assert.ok(index.memoryBytes > 24 * 64);
  const codes = index.codes();
  assert.equal(codes.length, 24); // grids only: no fallback units
  assert.ok(codes.every((c) => /^\d{15}$/.test(c)));

  const xy = boundaryPoints(geo);
  const n = xy.length / 2;
  assert.ok(n > 24 * 8);
  const gcj = new Float64Array(xy.length);
  const points = [];
  for (let i = 0; i < n; i++) {
    const g = w.convertPoint({ lon: xy[2 * i], lat: xy[2 * i + 1] }, 'wgs84', 'gcj02');
    gcj[2 * i] = g.lon;
    gcj[2 * i + 1] = g.lat;
    points.push({ id: i, lon: xy[2 * i], lat: xy[2 * i + 1] }, { id: n + i, lon: g.lon, lat: g.lat, crs: 'gcj02' });
  }
  const want = w.call('grid.locate', { layer: geo, points }).results;
  const byId = new Map(want.map((r) => [r.id, r]));

  let inGrid = 0;
  let outside = 0;
  const differ = [];
  for (let i = 0; i < 2 * n; i++) {
    const [lon, lat, crs] = i < n ? [xy[2 * i], xy[2 * i + 1], undefined] : [gcj[2 * (i - n)], gcj[2 * (i - n) + 1], 'gcj02'];
    const loc = index.locate(lon, lat, crs);
    const r = byId.get(i);
    if (loc.grid !== r.code || loc.fallback !== r.fallback || JSON.stringify(loc.ancestors) !== JSON.stringify(r.ancestors)) {
      differ.push(i);
    }
    if (loc.grid) inGrid++;
    if (!loc.grid && !loc.fallback) outside++;
  }
  assert.deepEqual(differ, []);
  assert.ok(inGrid > n && outside >= 8, `grids ${inGrid}, outside ${outside}`);

  for (const [pass, src, crs] of [[0, xy, undefined], [1, gcj, 'gcj02']]) {
    const hits = index.locateBatch(src, crs);
    assert.ok(hits instanceof Int32Array);
    assert.equal(hits.length, n);
    for (let i = 0; i < n; i++) {
      const r = byId.get(pass * n + i);
      const code = hits[i] < 0 ? null : codes[hits[i]];
      const isGrid = hits[i] >= 0 && hits[i] < index.gridCount;
      assert.equal(code, r.code ?? r.fallback, `point ${i} pass ${pass}`);
      assert.equal(isGrid, r.code !== null);
    }
  }
  assert.deepEqual(index.locateBatch(xy, 'wgs84', '2030-01-01'), index.locateBatch(xy));
  assert.deepEqual(index.locateBatch(new Float64Array(0)), new Int32Array(0));

  const bad = xy.slice();
  bad[7] = NaN;
  assert.throws(() => index.locateBatch(bad), (e) => e.kind === 'invalid_coordinate' && /point 3/.test(e.message));
  throwsCode(() => index.locateBatch(xy.subarray(0, 3)), 1, 'invalid_argument');
  throwsCode(() => index.locateBatch(xy, 'utm'), 2, 'invalid_json');
  throwsCode(() => index.locateBatch(xy, 'wgs84', '2024-13-01'), 7, 'invalid_date_time');
  throwsCode(() => index.locate(118.5, 95), 150, 'invalid_coordinate');
  const empty = w.Layer.fromGeoJSON('{"type":"FeatureCollection","features":[]}');
  assert.throws(() => new w.GridIndex(empty), (e) => e.kind === 'empty_layer');
  empty.free();
  index.free();
});

test('sampleCounty generates the CLI sample in-process', () => {
  assert.equal(w.sampleCounty({ grids: 24, only: 'grids' }), CLEAN.trimEnd());
  const all = w.Layer.fromGeoJSON(w.sampleCounty({ grids: 24 }));
  const grids = all.units().filter((u) => u.is_grid).length;
  assert.equal(grids, 24);
  assert.equal(all.validate().valid, true);
  all.free();
  throwsCode(() => w.sampleCounty({ grids: 0 }), 1, 'invalid_argument');
  throwsCode(() => w.sampleCounty({ grid: 5 }), 2, 'invalid_json');
});
