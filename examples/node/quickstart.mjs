// wangge from Node: `npm install wangge`, then `node quickstart.mjs sample-county.geojson`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const { parseCode, convertPoint, Policy, Layer, Calendar, CaseBook, call } = createRequire(import.meta.url)('wangge');

// 1. Codes come back as plain, typed objects (see wangge.d.ts: CodeInfo).
console.log(parseCode('371323100201007')); // { kind: 'grid', layout: 'd15', sequence: 7, … }

// 2. Errors are WanggeErrors with the stable code of docs/ERRORS.md.
try {
  parseCode('990000');
} catch (e) {
  console.log(`${e.name} ${e.code} (${e.kind}): ${e.message}`);
}

// 3. GPS (WGS84) to Baidu (BD-09).
console.log(convertPoint({ lon: 116.391275, lat: 39.90765 }, 'wgs84', 'bd09'));

// 4. Classes wrap core objects; free() releases the WASM memory early.
const policy = Policy.preset('seed002');
console.log(policy.summary());
policy.free();

// 5. A working calendar: 10 working days over the National Day holidays.
const cal = new Calendar(); // or new Calendar({ policy: 'seed003' })
console.log(cal.add('2026-09-28T10:00:00+08:00', 10, 'working_days'), cal.day('2026-02-14'));
cal.free();

// 6. A grid layer and the grid under a point.
if (process.argv[2]) {
  const layer = Layer.fromGeoJSON(readFileSync(process.argv[2], 'utf8'));
  console.log(`${layer.length} units; at (118.505, 35.805):`, layer.unitsAt(118.505, 35.805));
  layer.free();
}

// 7. Any operation by name, JSON in and out.
console.log(call('geo.convert', { lon: 118.5, lat: 35.8, from: 'wgs84', to: 'gcj02' }));

// 8. A case book: a report, a refused command, the state with its deadlines, the journal.
const book = new CaseBook('seed003');
const GRID = '371323100201001';
const worker = { person: 'w1', role: 'grid_worker', unit: GRID };
console.log(book.execute({ id: 'k1', case: 'C1', op: 'report', at: '2026-03-02T09:00:00+08:00',
  actor: worker, args: { category: '矛盾纠纷', urgency: 'routine', grid: GRID } }));
try {
  book.execute({ id: 'k2', case: 'C1', op: 'accept', at: '2026-03-02T10:00:00+08:00',
    actor: { ...worker, unit: '371323100201002' } });
} catch (e) {
  console.log(`refused: ${e.code} ${e.kind}: ${e.message}`);
}
const state = book.state('C1');
console.log(state.status, state.due, state.colour, `${book.factCount} fact(s)`);
book.free();

