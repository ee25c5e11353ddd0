// Draws a grid layer (GeoJSON) as SVG and shows the grid code of a clicked point, using
// the `wangge` npm package's browser build: the layer is indexed once (GridIndex) and each
// click is one `locate`. Query parameters:
//   pkg   = URL of the package's web/wangge.js  (default: the build in out/npm/wangge)
//   data  = URL of a GeoJSON layer to draw      (default: none, generate the sample county)
//   grids = grids of the generated sample county (default: 300)
const params = new URLSearchParams(location.search);
const PKG = params.get('pkg') ?? '../../out/npm/wangge/web/wangge.js';
const DATA = params.get('data');
const GRIDS = Number(params.get('grids') ?? 300);

const wangge = await import(PKG);
await wangge.default(); // fetches web/wangge_bg.wasm next to wangge.js
window.wangge = wangge;

// The sample county is generated in the browser (the same layer as
// `wangge grid generate --grids 300 --only grids`), or a layer is fetched.
const text = DATA ? await (await fetch(DATA)).text() : wangge.sampleCounty({ grids: GRIDS, only: 'grids' });
const layer = wangge.Layer.fromGeoJSON(text);
const index = new wangge.GridIndex(layer);
const units = layer.units().filter((u) => u.is_grid);
const byCode = new Map(units.map((u) => [u.code, u]));

// An equirectangular projection fitted to the layer, x scaled by cos(latitude).
const west = Math.min(...units.map((u) => u.bbox[0]));
const south = Math.min(...units.map((u) => u.bbox[1]));
const east = Math.max(...units.map((u) => u.bbox[2]));
const north = Math.max(...units.map((u) => u.bbox[3]));
const svg = document.getElementById('map');
const W = svg.clientWidth, H = svg.clientHeight, PAD = 10;
const kx = Math.cos(((south + north) / 2) * Math.PI / 180);
const scale = Math.min((W - 2 * PAD) / ((east - west) * kx), (H - 2 * PAD) / (north - south));
const toXY = ([lon, lat]) => [PAD + (lon - west) * kx * scale, H - PAD - (lat - south) * scale];
const toLonLat = (x, y) => [west + (x - PAD) / (kx * scale), south + (H - PAD - y) / scale];

const NS = 'http://www.w3.org/2000/svg';
const paths = new Map();
for (const f of JSON.parse(text).features) {
  const code = f.properties.code;
  if (!byCode.has(code)) continue;
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const d = polys
    .flatMap((rings) => rings.map((ring) => 'M' + ring.map((p) => toXY(p).map((v) => v.toFixed(2)).join(',')).join('L') + 'Z'))
    .join('');
  const path = document.createElementNS(NS, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill-rule', 'evenodd');
  path.dataset.code = code;
  svg.appendChild(path);
  paths.set(code, path);
}

svg.addEventListener('click', (ev) => {
  const r = svg.getBoundingClientRect();
  const [lon, lat] = toLonLat(ev.clientX - r.left, ev.clientY - r.top);
  const grid = index.locate(lon, lat).grid;
  for (const p of paths.values()) p.classList.remove('hit');
  document.getElementById('code').textContent = grid ?? '—';
  document.getElementById('name').textContent = grid ? byCode.get(grid)?.name ?? '' : '(outside every grid)';
  document.getElementById('where').textContent = `(${lon.toFixed(5)}, ${lat.toFixed(5)})`;
  if (grid) paths.get(grid)?.classList.add('hit');
});

// For tests: page coordinates of a position, and a ready flag.
window.wanggeMap = {
  grids: units.length,
  source: DATA ? 'file' : 'generated',
  indexBytes: index.memoryBytes,
  project(lon, lat) {
    const r = svg.getBoundingClientRect();
    const [x, y] = toXY([lon, lat]);
    return { x: r.left + x, y: r.top + y };
  },
  ready: true,
};
