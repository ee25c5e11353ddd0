// Type-checked with `tsc --strict` against the committed declarations (bindings-wasm/types):
// every exported shape is used the way a TypeScript user would.
import type * as W from '../types/wangge.js';

declare const w: typeof W;

const info: W.CodeInfo = w.parseCode('371323100201007');
if (info.kind === 'grid') {
  const layout: W.GridCodeLayout = info.layout;
  const seq: number = info.sequence;
  console.log(layout, seq, info.community);
} else {
  const level: W.AdminLevel = info.level;
  const parent: string | null = info.parent;
  const hint: W.TownshipHint | null = info.township_hint;
  console.log(level, parent, hint);
}

const crs: W.Crs = 'gcj02';
const p: W.LonLat = w.convertPoint({ lon: 118.5, lat: 35.8 }, 'wgs84', crs);
console.log(p.lon + p.lat);

const policy: W.Policy = w.Policy.preset('seed002');
const summary: W.PolicySummary = policy.summary();
const levels: string[] = summary.levels;
console.log(policy.id, policy.name, policy.version, levels, summary.code_layout, policy.toJsonText().length);
policy.free();

using layer = w.Layer.fromGeoJSON('{"type":"FeatureCollection","features":[]}');
const units: W.UnitInfo[] = layer.units();
const bbox: [number, number, number, number] | null = units[0]?.bbox ?? null;
const codes: string[] = layer.unitsAt(118.5, 35.8);
console.log(layer.length, bbox, codes, layer.toGeoJSON().length);

const out: unknown = w.call('code.parse', { code: '371323' });
// Every operation also has its own generated function, typed by its input and output.
const checkIn: W.AdmissionCheckInput = {
  policy: 'seed000',
  request: { code: 'RW-004', department: '区民政局', grid_kind: 'basic', date: '2019-03-01' },
};
const decision: W.AdmissionCheckOutput = w.admissionCheck(checkIn);
const allowed: W.JsonValue | undefined = decision['allowed'];
const due: W.CalendarAddOutput = w.calendarAdd({ start: '2026-02-13T16:00:00+08:00', amount: 2, unit: 'working_hours' });
console.log(allowed, due['deadline']);
const ops: string[] = w.ops();
const errors: W.ErrorCodeInfo[] = w.errorCodes();
console.log(out, ops, errors.map((e) => `${e.code} ${e.name} ${e.summary_en} ${e.summary_zh}`), w.version());

try {
  w.parseCode('990000');
} catch (e) {
  const err = e as W.WanggeError;
  const code: number = err.code;
  const kind: string = err.kind;
  console.log(err.name, code, kind, err.message);
}

const options: W.CalendarOptions = { policy: 'seed003' };
using cal = new w.Calendar(options);
const unit: W.DurationUnit = 'working_days';
const deadline: string = cal.add('2026-09-28T10:00:00+08:00', 10, unit);
const minutes: number = cal.between(deadline, '2026-10-20T10:00:00+08:00');
const days: number = cal.workingDaysBetween('2026-01-01', '2026-02-01');
const day: W.DayInfo = cal.day('2026-02-14');
const kind: W.DayKind = day.kind;
const festival: string | null = day.name;
const years: W.CalendarYears = cal.years();
console.log(minutes, days, kind, festival, cal.nextWorking(deadline), years.time_zone, years.years[0]?.sources[0]?.issued);

const vopts: W.ValidateOptions = { tolerance_m: 0.1, policy: 'seed003', as_of: '2025-01-01' };
const report: W.CoverageReport = layer.validate(vopts);
const withParent: W.CoverageReport = layer.validateWithParent(layer);
const violation: W.Violation | undefined = report.violations[0];
const vkind: W.ViolationKind | undefined = violation?.kind;
const at: [number, number] | undefined = violation?.at;
console.log(report.valid, report.grids, withParent.valid, vkind, at, violation?.codes.join(), violation?.area_m2, violation?.message);

const sampleOpts: W.SampleOptions = { grids: 24, seed: 1, only: 'grids' };
using county = w.Layer.fromGeoJSON(w.sampleCounty(sampleOpts));
using index = new w.GridIndex(county);
const loc: W.Location = index.locate(118.5, 35.8, 'gcj02', '2025-01-01');
const grid: string | null = loc.grid;
const fallback: string | null = loc.fallback;
const hits: Int32Array = index.locateBatch(new Float64Array([118.5, 35.8]), 'wgs84');
const table: string[] = index.codes();
const inGrid: boolean = hits[0]! >= 0 && hits[0]! < index.gridCount;
console.log(grid, fallback, loc.ancestors, inGrid, table[hits[0]!], index.memoryBytes);

// The case book: typed commands in, typed facts and states out.
using book = new w.CaseBook('seed001');
const command: W.CaseCommand = {
  id: 'k1', case: 'C1', op: 'report', at: '2026-03-02T09:00:00+08:00',
  actor: { person: 'w1', role: 'grid_worker', unit: '371323100201001' },
  args: { category: '矛盾纠纷', urgency: 'routine', grid: '371323100201001' },
};
const facts: W.CaseFact[] = book.execute(command);
const state: W.CaseState | null = book.state('C1');
const status: W.CaseStatus | undefined = state?.status;
const dueOverall: string | null | undefined = state?.due.overall;
const breaches: W.CaseFact[] = book.tick('2026-06-01T09:00:00+08:00');
const states: W.CaseState[] = book.states();
const records: W.CaseRecord[] = book.records();
const history: W.CaseHistoryLine[] = book.history('C1');
const journal: string = book.journal();
console.log(facts[0]?.type, status, dueOverall, breaches.length, states.length, records[0]?.id, history[0]?.text, journal.length, book.factCount);

// Typed scoring: records from CSV (or a book), a ScoreResult out.
const rows: W.CaseRecord[] = w.readCaseRecordsCsv(
  'id,grid,category,class,urgency,tier,source,reported_at,due_at,status\n' +
  'A,371323100201001,x,event,routine,t1,patrol,2016-12-01T09:00:00+08:00,2016-12-05T17:00:00+08:00,assigned\n');
const more: W.CaseRecord[] = w.readCaseRecordsJsonl('');
const own: W.CaseRecord = {
  id: 'B', grid: '371323100201001', category: 'x', class: 'component', urgency: 'urgent',
  tier: 't2', source: 'hotline', reported_at: '2016-12-02T09:00:00+08:00',
  due_at: '2016-12-06T17:00:00+08:00', closed_at: null, status: 'assigned', rating: null,
};
const by: W.GroupBy = 'community';
const input: W.ScoreRecordsInput = {
  policy: 'seed001', records: [...rows, ...more, own, ...records], period: '2016-12', by,
  inputs: { '371323100201': { values: { inspection: 90 }, months_in_post: 12 } },
};
const scored: W.ScoreResult = w.scoreRecords(input);
const first: W.UnitScore | undefined = scored.units[0];
const completion: W.IndicatorValue | undefined = first?.indicators['completion'];
const percent: number | null | undefined = completion?.value;
const shown: string | null | undefined = completion?.display;
const rank: number | null | undefined = first?.rank;
const indicatorKind: W.IndicatorKind | undefined = scored.indicators[0]?.kind;
const denominator: W.Denominator | null | undefined = scored.indicators[0]?.denominator;
const sheet: W.SheetSummary | null = scored.sheet;
const basis: W.Basis | undefined = sheet?.basis;
const bounds: W.PeriodBounds = scored.bounds;
const partial: W.ScorePartial = w.scoreRecordsPartial({ records: rows, period: '2016-12', by: 'grid' });
const merged: W.ScorePartial = w.scoreMergePartials([partial, w.scoreRecordsPartial({ records: [own], period: '2016-12' })]);
const again: W.ScoreResult = w.scorePartialResult({ partial: merged, sheet: null });
console.log(percent, shown, rank, indicatorKind, denominator, basis, bounds.start, scored.cut, again.units.length, scored.red_list);
