// The browser example (examples/web) in headless Chromium, driven by Playwright:
// it generates the sample county in the page (sampleCounty) and draws it, a click shows
// the grid code of the clicked point (GridIndex.locate), and every conformance vector
// passes inside the page. The CLI's file of the same county is the independent
// reference. Needs:
//   WANGGE_NODE_TOOLS  node_modules holding playwright-core (target/tools/node_modules)
//   CHROMIUM           the browser (default /usr/bin/chromium)
//   out/npm/wangge     the built package; out/web/sample-county.geojson the CLI's
//                      file of the same county (the reference)
// Writes out/web/screenshot.png.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { ROOT, withBrowser } from './serve.mjs';

const DATA = join(ROOT, 'out/web/sample-county.geojson');

/** Even-odd point in polygon on raw GeoJSON rings: an answer independent of the library. */
function inside(geometry, [x, y]) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let hit = false;
  for (const rings of polys) {
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > y !== yj > y && x < xi + ((y - yi) / (yj - yi)) * (xj - xi)) hit = !hit;
      }
    }
  }
  return hit;
}

test('click a grid in Chromium: the page shows its code; the vectors pass in the page', async () => {
  const features = JSON.parse(readFileSync(DATA, 'utf8')).features;
  await withBrowser(async (browser, base) => {
    const page = await browser.newPage({ viewport: { width: 960, height: 820 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/examples/web/index.html`);
    await page.waitForFunction(() => window.wanggeMap?.ready === true, null, { timeout: 30000 });
    assert.equal(await page.evaluate(() => window.wanggeMap.grids), features.length);
    assert.equal(await page.evaluate(() => window.wanggeMap.source), 'generated');
    assert.ok((await page.evaluate(() => window.wanggeMap.indexBytes)) > features.length * 64);

    // Three grids spread over the file: click a point the independent test puts in
    // exactly one grid, expect that grid's code.
    let clicked = 0;
    for (const f of [features[0], features[Math.floor(features.length / 2)], features.at(-1)]) {
      const ring = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0];
      const lons = ring.map((p) => p[0]), lats = ring.map((p) => p[1]);
      const candidates = [];
      for (let a = 1; a < 8; a++) for (let b = 1; b < 8; b++) {
        candidates.push([Math.min(...lons) + (Math.max(...lons) - Math.min(...lons)) * a / 8,
          Math.min(...lats) + (Math.max(...lats) - Math.min(...lats)) * b / 8]);
      }
      // Prefer points deep inside: all four neighbours a pixel away are in the same grid.
      const point = candidates.find((p) => features.filter((g) => inside(g.geometry, p)).length === 1 && inside(f.geometry, p)
        && [[1e-4, 0], [-1e-4, 0], [0, 1e-4], [0, -1e-4]].every(([dx, dy]) => inside(f.geometry, [p[0] + dx, p[1] + dy])));
      assert.ok(point, `no interior point found for ${f.properties.code}`);
      const { x, y } = await page.evaluate(([lon, lat]) => window.wanggeMap.project(lon, lat), point);
      await page.mouse.click(x, y);
      await page.waitForFunction((code) => document.getElementById('code').textContent === code, f.properties.code, { timeout: 5000 });
      clicked++;
    }
    assert.equal(clicked, 3);
    await page.screenshot({ path: join(ROOT, 'out/web/screenshot.png') });

    // Every conformance vector, inside the browser.
    const names = readdirSync(join(ROOT, 'tests/vectors')).filter((n) => n.endsWith('.json')).sort();
    const result = await page.evaluate(async (names) => {
      const { runVectors } = await import('/bindings-wasm/tests/vectors.mjs');
      const files = await Promise.all(names.map(async (n) => (await fetch(`/tests/vectors/${n}`)).json()));
      return runVectors(window.wangge, files);
    }, names);
    assert.deepEqual(result.failures, []);
    assert.equal(result.files, names.length);
    assert.ok(result.cases > 0);

    // The case book object in the page: a report, a refused command, the journal reopened.
    const book = await page.evaluate(() => {
      const w = window.wangge;
      const GRID = '371323100201001';
      const actor = (unit) => ({ person: 'p', role: 'grid_worker', unit });
      const b = new w.CaseBook('seed001');
      const facts = b.execute({ id: 'k1', case: 'C1', op: 'report', at: '2026-03-02T09:00:00+08:00',
        actor: actor(GRID), args: { category: '矛盾纠纷', urgency: 'routine', grid: GRID } });
      let refused = null;
      try {
        b.execute({ id: 'k2', case: 'C1', op: 'accept', at: '2026-03-02T10:00:00+08:00',
          actor: actor('371323100201002') });
      } catch (e) {
        refused = `${e.name}:${e.kind}`;
      }
      const again = new w.CaseBook('seed001', undefined, b.journal());
      return { type: facts[0].type, refused, count: b.factCount, reopened: again.factCount,
        status: again.state('C1').status };
    });
    assert.ok(['WanggeError:case_unauthorized', 'WanggeError:case_out_of_jurisdiction'].includes(book.refused), book.refused);
    assert.deepEqual({ ...book, refused: undefined },
      { type: 'reported', refused: undefined, count: 1, reopened: 1, status: 'reported' });
    assert.deepEqual(errors, []);
  });
});
