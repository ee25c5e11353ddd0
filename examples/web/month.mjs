// A month in the county, in the browser: the files `wangge demo --out DIR` writes (the
// layer, the journal of every fact, the host inputs of the score sheet) are read back and
// replayed by the `wangge` WebAssembly package — `caseRecords` turns the journal into one
// row per case, `scoreRecords` scores the month by grid and by worker — then the grids are
// drawn coloured by their score, the overdue cases marked. Query parameters:
//   pkg  = URL of the package's web/wangge.js (default: the build in out/npm/wangge)
//   data = URL of the folder `wangge demo --out` wrote (default: out/web/month)
const params = new URLSearchParams(location.search);
const PKG = params.get('pkg') ?? '../../out/npm/wangge/web/wangge.js';
const DATA = (params.get('data') ?? '../../out/web/month').replace(/\/$/, '');

const wangge = await import(PKG);
await wangge.default();

const get = async (name) => {
  const r = await fetch(`${DATA}/${name}`);
  if (!r.ok) throw new Error(`${DATA}/${name}: ${r.status}`);
  return r.text();
};
const [layerText, journalText, scoresText] = await Promise.all(
  ['county.geojson', 'journal.jsonl', 'scores.json'].map(get));
const cli = JSON.parse(scoresText); // the preset, period, instant and host inputs
const lines = journalText.split('\n').filter((l) => l.trim() !== '');
const header = JSON.parse(lines[0]);
const journal = lines.slice(1).map((l) => JSON.parse(l));

const t0 = performance.now();
const { records } = wangge.caseRecords({ policy: header.policy ?? cli.preset, journal, at: cli.as_of });
const score = (by, inputs) => wangge.scoreRecords({
  policy: cli.preset, records, period: cli.period, by, as_of: cli.as_of, inputs,
});
const byGrid = score('grid', cli.inputs.grid);
const byWorker = score('worker', cli.inputs.worker);
const ms = performance.now() - t0;

// Colour classes of a score in percent of the sheet's maximum (as `county.svg`).
const CLASSES = [[95, '#1a9850', '≥ 95'], [90, '#91cf60', '90–95'], [80, '#d9ef8b', '80–90'],
  [70, '#fee08b', '70–80'], [60, '#fc8d59', '60–70'], [-Infinity, '#d73027', '< 60']];
const NO_SCORE = '#d9d9d9';
const percent = (u) => (u.total != null && u.max > 0 ? (u.total / u.max) * 100 : null);
const fill = (p) => (p == null ? NO_SCORE : CLASSES.find(([min]) => p >= min)[1]);

// The map: an equirectangular projection fitted to the grids, x scaled by cos(latitude).
const features = JSON.parse(layerText).features.filter((f) => String(f.properties.code).length === 15);
const rings = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat();
const all = features.flatMap((f) => rings(f.geometry).flat());
const west = Math.min(...all.map((p) => p[0])), east = Math.max(...all.map((p) => p[0]));
const south = Math.min(...all.map((p) => p[1])), north = Math.max(...all.map((p) => p[1]));
const svg = document.getElementById('map');
const W = svg.clientWidth, H = svg.clientHeight, PAD = 10;
const kx = Math.cos(((south + north) / 2) * Math.PI / 180);
const scale = Math.min((W - 2 * PAD) / ((east - west) * kx), (H - 2 * PAD) / (north - south));
const toXY = ([lon, lat]) => [PAD + (lon - west) * kx * scale, PAD + (north - lat) * scale];
const NS = 'http://www.w3.org/2000/svg';
const unitScore = new Map(byGrid.units.map((u) => [u.unit, u]));
for (const f of features) {
  const d = rings(f.geometry).map((ring) => 'M' + ring.map((p) => toXY(p).map((v) => v.toFixed(1)).join(',')).join('L') + 'Z').join('');
  const path = document.createElementNS(NS, 'path');
  const u = unitScore.get(f.properties.code);
  path.setAttribute('d', d);
  path.setAttribute('class', 'grid');
  path.setAttribute('fill', fill(u ? percent(u) : null));
  path.dataset.code = f.properties.code;
  path.appendChild(document.createElementNS(NS, 'title')).textContent =
    `${f.properties.code} ${f.properties.name ?? ''}: ${u?.total ?? '—'}`;
  svg.appendChild(path);
}
const end = new Date(cli.as_of);
const overdue = records.filter((r) => !['closed', 'voided', 'merged'].includes(r.status) && r.due_at && new Date(r.due_at) < end);
const points = new Map(journal.filter((f) => f.type === 'reported' && f.point).map((f) => [f.case, f.point]));
for (const r of overdue) {
  const p = points.get(r.id);
  if (!p) continue;
  const [x, y] = toXY([p.lon, p.lat]);
  const c = document.createElementNS(NS, 'circle');
  c.setAttribute('cx', x.toFixed(1));
  c.setAttribute('cy', y.toFixed(1));
  c.setAttribute('r', '3');
  svg.appendChild(c);
}

// The side tables.
const row = (cells, tag = 'td') => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;
const tiers = new Map();
for (const r of records) {
  const t = tiers.get(r.tier) ?? { cases: 0, closed: 0, open: 0 };
  t.cases++;
  if (r.status === 'closed') t.closed++;
  else if (!['voided', 'merged'].includes(r.status)) t.open++;
  tiers.set(r.tier, t);
}
document.getElementById('tiers').innerHTML = row(['tier', 'cases', 'closed', 'open'], 'th') +
  [...tiers].sort().map(([k, t]) => row([k, t.cases, t.closed, t.open])).join('');
const ranked = (units) => units.filter((u) => u.unit !== '' && u.total != null)
  .sort((a, b) => b.total - a.total || a.unit.localeCompare(b.unit));
const grids = ranked(byGrid.units);
const names = new Map(features.map((f) => [f.properties.code, f.properties.name ?? '']));
document.getElementById('grids').innerHTML = row(['grid', 'score'], 'th') +
  [...grids.slice(0, 3), ...grids.slice(-3)].map((u) => row([`${u.unit} ${names.get(u.unit) ?? ''}`, u.total.toFixed(1)])).join('');
// Workers ranked among those the sheet grades (a stand-in or a newcomer has no stars).
const graded = byWorker.units.some((u) => u.stars != null);
const workers = ranked(byWorker.units.filter((u) => !graded || u.stars != null));
const stars = (n) => (n == null ? '—' : n === 0 ? '☆' : '★'.repeat(n));
document.getElementById('workers').innerHTML = row(['worker', 'score', 'stars', 'pay'], 'th') +
  [...workers.slice(0, 3), ...workers.slice(-3)].map((u) => row([u.unit, u.total.toFixed(1), stars(u.stars), u.pay ?? ''])).join('');
document.getElementById('legend').innerHTML = [...CLASSES.map(([, c, l]) => [c, l]), [NO_SCORE, 'no total'], ['#b2182b', `overdue (${overdue.length})`]]
  .map(([c, l]) => `<div><span class="swatch" style="background:${c}"></span>${l}</div>`).join('');
document.getElementById('lead').textContent +=
  ` ${cli.period}: ${records.length} cases, ${journal.length} facts — replayed and scored in ${ms.toFixed(0)} ms.`;

// For tests.
window.wanggeMonth = {
  ready: true,
  cases: records.length,
  overdue: overdue.length,
  grids: Object.fromEntries(byGrid.units.map((u) => [u.unit, u.total])),
  workers: Object.fromEntries(byWorker.units.map((u) => [u.unit, [u.total, u.stars ?? null, u.pay ?? null]])),
  drawn: svg.querySelectorAll('path.grid').length,
};
