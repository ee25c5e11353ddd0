// A panic inside the library is thrown as a WanggeError with code 99, and calls that do
// not panic keep working. Runs against the `test-panic` build only.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import test from 'node:test';

import { PANIC_PKG } from './common.mjs';

const w = createRequire(import.meta.url)(join(PANIC_PKG, 'wangge.js'));

test('a panic becomes a WanggeError with code 99', () => {
  assert.throws(
    () => w.testPanic(),
    (e) => e instanceof Error && e.name === 'WanggeError' && e.code === 99 && e.kind === 'panic' && /deliberate panic/.test(e.message),
  );
});

test('the library keeps working after a panic', () => {
  assert.equal(w.parseCode('371323').kind, 'admin');
  const layer = w.Layer.fromGeoJSON('{"type":"FeatureCollection","features":[]}');
  assert.equal(layer.length, 0);
  layer.free();
  assert.throws(() => w.parseCode('1'), (e) => e.code === 101 && e.kind === 'invalid_grid_code');
});
