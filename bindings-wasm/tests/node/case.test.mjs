// The case book object (CaseBook): commands one at a time, refusals that change nothing,
// breaches from tick, the journal of one book opening another, records that score — in
// the Node build and the browser build of the package alike.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadNode, loadWeb } from './common.mjs';

const GRID = '371323100201001';
const report = (id = 'k1') => ({
  id, case: 'C1', op: 'report', at: '2026-03-02T09:00:00+08:00',
  actor: { person: 'w1', role: 'grid_worker', unit: GRID },
  args: { category: '矛盾纠纷', urgency: 'routine', grid: GRID },
});
const throwsKind = (fn, kind) =>
  assert.throws(fn, (e) => e instanceof Error && e.name === 'WanggeError' && e.kind === kind, kind);

for (const [build, load] of [['node', async () => loadNode()], ['web', loadWeb]]) {
  test(`CaseBook (${build}): commands, refusals, tick, journal, records`, async () => {
    const w = await load();
    throwsKind(() => new w.CaseBook('seed009'), 'unknown_preset');
    throwsKind(() => new w.CaseBook('seed001', undefined, '{"format":"x"}\n'), 'invalid_journal');

    const book = new w.CaseBook('seed001');
    const facts = book.execute(report());
    assert.equal(facts.length, 1);
    assert.equal(facts[0].type, 'reported');
    assert.equal(facts[0].case, 'C1');
    assert.equal(facts[0].command, 'k1');
    assert.deepEqual(book.execute(report()), [], 'a repeated command id has no effect');

    // A worker of another grid may not accept the case; nothing changes.
    assert.throws(
      () => book.execute({ ...report('k2'), op: 'accept', at: '2026-03-02T10:00:00+08:00', args: {},
        actor: { person: 'w2', role: 'grid_worker', unit: '371323100201002' } }),
      (e) => ['case_unauthorized', 'case_out_of_jurisdiction'].includes(e.kind),
    );
    assert.equal(book.factCount, 1);
    throwsKind(() => book.execute({ id: 'k3' }), 'invalid_command');
    throwsKind(() => book.execute('not an object'), 'invalid_command');
    throwsKind(() => book.state('C1', 'tomorrow'), 'invalid_date_time');

    const st = book.state('C1');
    assert.equal(st.status, 'reported');
    assert.equal(st.grid, GRID);
    assert.ok(['t1', 't2', 't3', 't4'].includes(st.tier), st.tier);
    assert.ok(st.due.overall, 'an overall deadline');
    assert.equal(book.state('C9'), null);
    throwsKind(() => book.history('C9'), 'unknown_case');
    const hist = book.history('C1');
    assert.equal(hist.length, 1);
    assert.equal(hist[0].type, 'reported');

    const late = '2026-06-01T09:00:00+08:00';
    const breaches = book.tick(late);
    assert.ok(breaches.length > 0 && breaches.every((f) => f.type === 'breached' && f.command === undefined));
    assert.deepEqual(book.tick(late), [], 'a breach is recorded once');
    const n = book.factCount;
    assert.equal(n, 1 + breaches.length);

    const journal = book.journal();
    assert.ok(journal.startsWith('{"format":"wangge.case.journal"'));
    assert.equal(journal.trimEnd().split('\n').length, n + 1);
    const again = new w.CaseBook('seed001', undefined, journal);
    assert.equal(again.factCount, n);
    assert.deepEqual(again.states(late), book.states(late));

    // The records are the rows score.compute reads.
    const records = again.records();
    assert.equal(records.length, 1);
    assert.equal(records[0].id, 'C1');
    const month = records[0].due_at.slice(0, 7);
    const out = w.call('score.compute', { policy: 'seed001', records, period: month, by: 'grid' });
    assert.ok(JSON.stringify(out).includes(GRID), 'the grid is scored');
    book.free();
    again.free();
  });
}
