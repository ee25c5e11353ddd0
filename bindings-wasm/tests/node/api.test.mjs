// The typed API: classes, plain data, errors with stable codes.
import assert from 'node:assert/strict';
import test from 'node:test';

import { SAMPLE, loadNode } from './common.mjs';

const w = loadNode();

const throwsCode = (fn, code, kind) =>
  assert.throws(fn, (e) => e instanceof Error && e.name === 'WanggeError' && e.code === code && e.kind === kind);

test('parseCode returns a tagged plain object', () => {
  assert.deepEqual(w.parseCode('371323100201007'), {
    kind: 'grid', code: '371323100201007', layout: 'd15', community: '371323100201', sequence: 7,
  });
  const county = w.parseCode('371323');
  assert.equal(county.kind, 'admin');
  assert.equal(county.parent, '371300');
  assert.equal(county.township_hint, null);
});

test('errors are WanggeErrors with the stable code and the message', () => {
  throwsCode(() => w.parseCode('990000'), 100, 'invalid_admin_code');
  throwsCode(() => w.convertPoint({ lon: 1, lat: 95 }, 'wgs84', 'gcj02'), 150, 'invalid_coordinate');
  throwsCode(() => w.convertPoint({ lon: 1, lat: 2 }, 'utm', 'gcj02'), 2, 'invalid_json');
  throwsCode(() => w.Policy.preset('nope'), 252, 'unknown_preset');
  throwsCode(() => w.call('no.such.op', {}), 1, 'invalid_argument');
  try {
    w.parseCode('990000');
  } catch (e) {
    assert.match(e.message, /990000/);
  }
});

test('error codes are the table of docs/ERRORS.md', () => {
  const codes = w.errorCodes();
  assert.ok(codes.some((c) => c.code === 99 && c.name === 'panic'));
  assert.equal(new Set(codes.map((c) => c.code)).size, codes.length);
});

test('convertPoint rounds like geo.convert', () => {
  const gcj = w.convertPoint({ lon: 116.391275, lat: 39.90765 }, 'wgs84', 'gcj02');
  assert.deepEqual(gcj, w.call('geo.convert', { lon: 116.391275, lat: 39.90765, from: 'wgs84', to: 'gcj02' }));
});

test('Policy class', () => {
  const p = w.Policy.preset('seed002');
  assert.equal(p.id, 'seed002');
  assert.equal(p.summary().code_layout, 'd15');
  const again = w.Policy.fromText(p.toJsonText());
  assert.deepEqual(again.summary(), p.summary());
  p.free();
  again.free();
  throwsCode(() => w.Policy.fromText('format = 9\nid = "x"\nname = "x"\nversion = "1"'), 251, 'unsupported_policy_version');
});

test('Layer class on the sample county', () => {
  const layer = w.Layer.fromGeoJSON(SAMPLE);
  assert.equal(layer.length, 12);
  const units = layer.units();
  assert.equal(units[0].code, '371323100201001');
  assert.equal(units[0].is_grid, true);
  assert.equal(units[0].bbox.length, 4);
  assert.deepEqual(layer.unitsAt(118.505, 35.805), ['371323100201001']);
  assert.deepEqual(layer.unitsAt(100, 35.8), []);
  throwsCode(() => layer.unitsAt(NaN, 35.8), 150, 'invalid_coordinate');
  const back = w.Layer.fromGeoJSON(layer.toGeoJSON());
  assert.equal(back.length, 12);
  back.free();
  layer.free();
  throwsCode(() => w.Layer.fromGeoJSON('{"type":"FeatureCollection"'), 152, 'invalid_geojson');
});

test('the shipped package has no test-only export', () => {
  assert.equal(w.testPanic, undefined);
  assert.ok(w.ops().includes('code.parse'));
  assert.match(w.version(), /^\d+\.\d+\.\d+/);
});

test('Calendar class', () => {
  const china = new w.Calendar();
  assert.equal(china.add('2026-09-28T10:00:00+08:00', 10, 'working_days'), '2026-10-16T17:30:00+08:00');
  assert.deepEqual(china.day('2026-02-14'), { date: '2026-02-14', working: true, kind: 'makeup_workday', name: '春节' });
  assert.equal(china.nextWorking('2026-10-01T09:00:00+08:00'), '2026-10-08T08:30:00+08:00');
  assert.equal(typeof china.between('2026-03-09T10:00:00+08:00', '2026-03-10T10:00:00+08:00'), 'number');
  assert.equal(china.workingDaysBetween('2025-12-31', '2026-01-09'), 6);
  assert.equal(china.years().time_zone, 'Asia/Shanghai');
  throwsCode(() => china.add('2026-02-13T16:00:00+08:00', -1, 'working_days'), 1, 'invalid_argument');
  throwsCode(() => china.add('2026-02-13T16:00:00+08:00', 1, 'fortnights'), 2, 'invalid_json');
  throwsCode(() => china.day('2027-01-01'), 300, 'unknown_year');
  china.free();
  const seed = new w.Calendar({ policy: 'seed003' });
  assert.ok(seed.years().years.length > 0);
  seed.free();
  throwsCode(() => new w.Calendar({ policy: 'seed003', calendar: {} }), 1, 'invalid_argument');
  throwsCode(() => new w.Calendar({ bogus: 1 }), 2, 'invalid_json');
});
