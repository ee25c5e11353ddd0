// Typed scoring: records read from CSV and JSON Lines, scored into a ScoreResult equal to
// the score.compute operation's, partials merged in any order, errors with their kind — in
// the Node build and the browser build of the package alike.
import assert from 'node:assert/strict';
import test from 'node:test';

import { loadNode, loadWeb } from './common.mjs';

const G1 = '371323100201001';
const G2 = '371323100201002';
// Grid 1: A closed on time, B closed late, C open and overdue (all due in December), D due
// in January; grid 2: E due in January only.
const CSV = `id,grid,category,class,urgency,tier,source,reported_at,due_at,closed_at,status
A,${G1},x,event,routine,t1,patrol,2016-12-01T09:00:00+08:00,2016-12-05T17:00:00+08:00,2016-12-04T10:00:00+08:00,closed
B,${G1},x,event,routine,t1,patrol,2016-12-02T09:00:00+08:00,2016-12-06T17:00:00+08:00,2016-12-07T10:00:00+08:00,closed
C,${G1},x,event,urgent,t2,hotline,2016-12-03T09:00:00+08:00,2016-12-09T17:00:00+08:00,,assigned
D,${G1},x,event,routine,t1,patrol,2016-12-20T09:00:00+08:00,2017-01-06T17:00:00+08:00,,assigned
E,${G2},x,component,routine,t1,sensor,2016-12-21T09:00:00+08:00,2017-01-08T17:00:00+08:00,,reported
`;
const throwsKind = (fn, kind, message) =>
  assert.throws(fn, (e) => e instanceof Error && e.name === 'WanggeError' && e.kind === kind
    && (message === undefined || message.test(e.message)), kind);

for (const [build, load] of [['node', async () => loadNode()], ['web', loadWeb]]) {
  test(`scoreRecords (${build}): CSV rows in, a typed result equal to score.compute`, async () => {
    const w = await load();
    const rows = w.readCaseRecordsCsv(CSV);
    assert.equal(rows.length, 5);
    assert.deepEqual([rows[2].urgency, rows[4].class, rows[4].source], ['urgent', 'component', 'sensor']);
    assert.equal(rows[0].closed_at, '2016-12-04T10:00:00+08:00');
    assert.equal(rows[2].closed_at, undefined, 'an empty cell is absent');
    // JSON Lines of the same rows: the same records.
    const jsonl = rows.map((r) => JSON.stringify(r)).join('\n');
    assert.deepEqual(w.readCaseRecordsJsonl(`${jsonl}\n\n`), rows);

    // Expected counts, computed from the rows: due in December, closed by its end, on time.
    const dec = rows.filter((r) => r.grid === G1 && r.due_at.startsWith('2016-12'));
    const closed = dec.filter((r) => r.closed_at);
    const onTime = closed.filter((r) => Date.parse(r.closed_at) <= Date.parse(r.due_at));
    const input = { policy: 'seed001', records: rows, period: '2016-12', by: 'grid' };
    const res = w.scoreRecords(input);
    assert.deepEqual(res.units.map((u) => u.unit), [G1, G2]);
    const c = res.units[0].indicators.completion;
    assert.equal(c.numerator, closed.length);
    assert.equal(c.denominator, dec.length);
    assert.equal(c.display, `${(100 * closed.length / dec.length).toFixed(2)}%`);
    assert.equal(res.units[0].indicators.on_time.numerator, onTime.length);
    const na = res.units[1].indicators.completion;
    assert.equal(na.value, null, 'nothing due: not applicable');
    assert.equal(na.display, null);
    assert.equal(res.bounds.start, '2016-12-01T00:00:00+08:00');
    assert.equal(res.by, 'grid');
    assert.deepEqual(res, w.scoreCompute(input), 'the typed function and the JSON op agree');
    assert.deepEqual(res, w.call('score.compute', input));

    // Partitions counted apart, merged in another order and scored once: the same result.
    const part = (records) => w.scoreRecordsPartial({ policy: 'seed001', records, period: '2016-12' });
    const merged = w.scoreMergePartials([part(rows.slice(2)), part(rows.slice(0, 2))]);
    assert.deepEqual(merged, part(rows));
    assert.deepEqual(w.scorePartialResult({ policy: 'seed001', partial: merged }), res);
  });

  test(`scoreRecords (${build}): errors carry their kind`, async () => {
    const w = await load();
    const rows = w.readCaseRecordsCsv(CSV);
    throwsKind(() => w.scoreRecords({ records: rows, period: '2016-13' }), 'invalid_period');
    throwsKind(() => w.scoreRecords({ records: rows, period: '2016-12', sheet: 'nope' }), 'unknown_score_sheet');
    throwsKind(() => w.scoreRecords({ records: [{ ...rows[0], due_at: 'tomorrow' }], period: '2016-12' }),
      'invalid_json', /records\[0\]\.due_at/); // as score.compute says it
    throwsKind(() => w.readCaseRecordsCsv(CSV.replace('t2,hotline', 't9,hotline')), 'invalid_records', /line 4/);
    throwsKind(() => w.readCaseRecordsJsonl('{"id": 1}'), 'invalid_records', /line 1/);
    throwsKind(() => w.scoreMergePartials([]), 'invalid_scoring_input');
  });
}
