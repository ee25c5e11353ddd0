// Every conformance vector, through the generic call and the typed API, in both builds.
import assert from 'node:assert/strict';
import test from 'node:test';

import { runVectors } from '../vectors.mjs';
import { loadNode, loadWeb, vectorFiles } from './common.mjs';

test('every vector passes (nodejs build)', () => {
  const r = runVectors(loadNode(), vectorFiles());
  assert.deepEqual(r.failures, []);
  assert.ok(r.cases > 0 && r.files >= 3, `ran ${r.cases} cases`);
});

test('every vector passes (web build, initSync)', async () => {
  const r = runVectors(await loadWeb(), vectorFiles());
  assert.deepEqual(r.failures, []);
});

test('an op without a generated function fails the run', () => {
  const w = loadNode();
  const fake = { ...w, ops: () => [...w.ops(), 'zz.new_op'] };
  const r = runVectors(fake, vectorFiles());
  assert.ok(r.failures.some((f) => f.includes('zz.new_op')), r.failures.join('\n'));
});
