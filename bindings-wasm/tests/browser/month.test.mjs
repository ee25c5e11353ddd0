// The demo's month in headless Chromium, driven by Playwright:
// 1. `county.svg` (written by `wangge demo --out out/web/month`) is looked at as a
//    picture: the browser renders it into a canvas and the pixel at the inside of each grid
//    must have the colour the legend gives the grid's score in `scores.json`.
// 2. The web example `examples/web/month.html` replays the month's journal with the
//    WebAssembly package (caseRecords, scoreRecords): every grid's and worker's total, stars
//    and pay must equal what the CLI computed natively (scores.json).
// Needs WANGGE_NODE_TOOLS (playwright-core), CHROMIUM, out/npm/wangge and out/web/month.
// Writes out/web/county.png and out/web/month.png.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { ROOT, withBrowser } from './serve.mjs';

const MONTH = join(ROOT, 'out/web/month');

// The legend, written here (not read from the code under test).
function expectedFill(p) {
  if (p == null) return '#d9d9d9';
  for (const [min, c] of [[95, '#1a9850'], [90, '#91cf60'], [80, '#d9ef8b'], [70, '#fee08b'], [60, '#fc8d59']]) {
    if (p >= min) return c;
  }
  return '#d73027';
}
const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

const scores = JSON.parse(readFileSync(join(MONTH, 'scores.json'), 'utf8'));
const percentOf = new Map(scores.by_grid.units.map((u) => [u.unit, u.total != null && u.max > 0 ? (u.total / u.max) * 100 : null]));

test('county.svg looked at as a picture: each grid is painted in its score colour', async () => {
  await withBrowser(async (browser, base) => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
    await page.goto(`${base}/out/web/month/county.svg`);
    await page.screenshot({ path: join(ROOT, 'out/web/county.png') });
    // Render the file into a canvas and read the pixel deep inside each grid (the grid's
    // own path at its box centre and 3 px around it).
    const seen = await page.evaluate(async () => {
      const img = new Image();
      img.src = location.href;
      await img.decode();
      const canvas = document.createElementNS('http://www.w3.org/1999/xhtml', 'canvas');
      canvas.width = 1000;
      canvas.height = 760;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0, 1000, 760);
      const out = [];
      for (const p of document.querySelectorAll('path.grid')) {
        const b = p.getBBox();
        const [x, y] = [Math.round(b.x + b.width / 2), Math.round(b.y + b.height / 2)];
        const deep = [[0, 0], [3, 0], [-3, 0], [0, 3], [0, -3]].every(([dx, dy]) => document.elementFromPoint(x + dx, y + dy) === p);
        if (!deep) continue;
        out.push({ code: p.dataset.code, pixel: Array.from(ctx.getImageData(x, y, 1, 1).data) });
      }
      return { paths: document.querySelectorAll('path.grid').length, out };
    });
    assert.equal(seen.paths, scores.by_grid.units.length);
    assert.ok(seen.out.length >= 50, `only ${seen.out.length} grids were checked`);
    const colours = new Set();
    for (const { code, pixel } of seen.out) {
      const want = expectedFill(percentOf.get(code));
      colours.add(want);
      const [r, g, b] = rgb(want);
      assert.ok(Math.abs(pixel[0] - r) <= 3 && Math.abs(pixel[1] - g) <= 3 && Math.abs(pixel[2] - b) <= 3,
        `${code}: pixel ${pixel} is not ${want}`);
    }
    assert.ok(colours.size >= 3, `one-colour map: ${[...colours]}`);
  });
});

test('the web example replays the month in WebAssembly with the same scores as the CLI', async () => {
  await withBrowser(async (browser, base) => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/examples/web/month.html?data=/out/web/month`);
    await page.waitForFunction(() => window.wanggeMonth?.ready === true, null, { timeout: 60000 });
    const m = await page.evaluate(() => window.wanggeMonth);
    assert.deepEqual(errors, []);
    assert.equal(m.drawn, scores.by_grid.units.length);
    assert.equal(m.overdue, scores.outcome.overdue);
    const tiers = Object.values(scores.outcome.tiers).reduce((a, t) => a + t.cases, 0);
    assert.equal(m.cases, tiers);
    let compared = 0;
    for (const u of scores.by_grid.units) {
      assert.equal(m.grids[u.unit], u.total, u.unit);
      compared++;
    }
    for (const u of scores.by_worker.units) {
      assert.deepEqual(m.workers[u.unit], [u.total, u.stars ?? null, u.pay ?? null], u.unit);
      compared++;
    }
    assert.equal(compared, scores.by_grid.units.length + scores.by_worker.units.length);
    assert.ok(compared > 300);
    await page.screenshot({ path: join(ROOT, 'out/web/month.png'), fullPage: true });
  });
});
