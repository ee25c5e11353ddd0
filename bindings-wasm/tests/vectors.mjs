// The conformance-vector runner of the WASM binding, shared by Node (node:test) and
// Chromium (examples/web, driven by Playwright).
//
// Every case runs through the generic `call(op, input)`, through the op's own function
// (GENERATED, generated from the core's op table by `cargo xtask bless`: an op listed by
// `ops()` missing there is a failure) and, for the ops NATIVE lists, through an adapter that
// calls the typed functions and classes of the package and returns the op's JSON output.
// A vector file whose op is unknown is a failure.

import { GENERATED } from './ops.generated.mjs';

/** An adapter returns this when the input cannot be written as a native call at all
 * (a missing field, an unknown key): the case must then expect an error. */
export const INEXPRESSIBLE = Symbol('inexpressible');

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const onlyKeys = (v, keys) => isObj(v) && Object.keys(v).every((k) => keys.includes(k));

const CAL_KEYS = ['policy', 'calendar', 'holidays'];

/** Runs `f(calendar, input)` on the Calendar the input's calendar fields select, when
 * every other key is one of `keys`. */
function withCalendar(w, input, keys, f) {
  if (!onlyKeys(input, [...keys, ...CAL_KEYS])) return INEXPRESSIBLE;
  const options = Object.fromEntries(CAL_KEYS.filter((k) => k in input).map((k) => [k, input[k]]));
  const cal = new w.Calendar(options);
  try {
    return f(cal, input);
  } finally {
    cal.free();
  }
}

const isStr = (...vs) => vs.every((v) => typeof v === 'string');

export const NATIVE = {
  // The typed scoring functions take the operations' inputs with precise types.
  'score.compute': (w, i) => w.scoreRecords(i),
  'score.partial': (w, i) => w.scoreRecordsPartial(i),
  'score.merge': (w, i) => (onlyKeys(i, ['partials']) ? w.scoreMergePartials(i.partials) : INEXPRESSIBLE),
  'score.from_partial': (w, i) => w.scorePartialResult(i),
  'grid.locate': (w, i) => {
    if (!onlyKeys(i, ['layer', 'points', 'as_of']) || !Array.isArray(i.points)) return INEXPRESSIBLE;
    const pointOk = (p) =>
      onlyKeys(p, ['id', 'lon', 'lat', 'crs']) && ['number', 'string'].includes(typeof p.id) &&
      typeof p.lon === 'number' && typeof p.lat === 'number' && [undefined, 'wgs84', 'gcj02', 'bd09'].includes(p.crs);
    if (!i.points.every(pointOk)) return INEXPRESSIBLE;
    const layer = w.Layer.fromGeoJSON(JSON.stringify(i.layer));
    let index;
    try {
      index = new w.GridIndex(layer);
    } finally {
      layer.free();
    }
    try {
      return {
        results: i.points.map((p) => {
          const loc = index.locate(p.lon, p.lat, p.crs, i.as_of);
          return { id: p.id, code: loc.grid, fallback: loc.fallback, ancestors: loc.ancestors };
        }),
      };
    } finally {
      index.free();
    }
  },
  'grid.validate': (w, i) => {
    if (!onlyKeys(i, ['layer', 'parent', 'tolerance_m', 'policy', 'as_of']) || !('layer' in i)) return INEXPRESSIBLE;
    const options = Object.fromEntries(['tolerance_m', 'policy', 'as_of'].filter((k) => k in i).map((k) => [k, i[k]]));
    const layer = w.Layer.fromGeoJSON(JSON.stringify(i.layer));
    const parent = 'parent' in i ? w.Layer.fromGeoJSON(JSON.stringify(i.parent)) : null;
    try {
      return parent ? layer.validateWithParent(parent, options) : layer.validate(options);
    } finally {
      layer.free();
      parent?.free();
    }
  },
  'calendar.add': (w, i) => {
    if (!isStr(i.start) || !Number.isInteger(i.amount) || i.amount < 0 || i.amount > 0xffffffff) return INEXPRESSIBLE;
    return withCalendar(w, i, ['start', 'amount', 'unit'], (c) => ({ deadline: c.add(i.start, i.amount, i.unit) }));
  },
  'calendar.between': (w, i) =>
    isStr(i.start, i.end) ? withCalendar(w, i, ['start', 'end'], (c) => ({ working_minutes: c.between(i.start, i.end) })) : INEXPRESSIBLE,
  'calendar.day': (w, i) => (isStr(i.date) ? withCalendar(w, i, ['date'], (c) => c.day(i.date)) : INEXPRESSIBLE),
  'calendar.next_working': (w, i) =>
    isStr(i.at) ? withCalendar(w, i, ['at'], (c) => ({ next: c.nextWorking(i.at) })) : INEXPRESSIBLE,
  'calendar.working_days_between': (w, i) =>
    isStr(i.start, i.end)
      ? withCalendar(w, i, ['start', 'end'], (c) => ({ working_days: c.workingDaysBetween(i.start, i.end) }))
      : INEXPRESSIBLE,
  'calendar.years': (w, i) => withCalendar(w, i, [], (c) => c.years()),
  'code.parse': (w, input) => {
    if (!onlyKeys(input, ['code']) || typeof input.code !== 'string') return INEXPRESSIBLE;
    return w.parseCode(input.code);
  },
  'geo.convert': (w, input) => {
    if (!onlyKeys(input, ['lon', 'lat', 'from', 'to'])) return INEXPRESSIBLE;
    return w.convertPoint({ lon: input.lon, lat: input.lat }, input.from, input.to);
  },
  'policy.load': (w, input) => {
    if (!onlyKeys(input, ['policy'])) return INEXPRESSIBLE;
    const p = input.policy;
    if (typeof p !== 'string' && !isObj(p)) return INEXPRESSIBLE;
    // A bare word is a preset id, any other text the policy itself, an object its JSON.
    const policy =
      typeof p !== 'string' ? w.Policy.fromText(JSON.stringify(p))
      : /^[A-Za-z0-9_-]{1,64}$/.test(p) ? w.Policy.preset(p) : w.Policy.fromText(p);
    try {
      return policy.summary();
    } finally {
      policy.free();
    }
  },
};

/** JSON equality, numbers by value, key order ignored. */
export function same(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && same(a[k], b[k]));
  }
  return a === b;
}

function outcome(fn) {
  try {
    return { out: fn() };
  } catch (e) {
    return { err: e };
  }
}

function check(w, codes, op, c, how, got, failures) {
  const label = `${op} / ${c.name} (${how})`;
  if ('error' in c) {
    const e = got.err;
    if (!e) return failures.push(`${label}: want error ${c.error}, got ${JSON.stringify(got.out)}`);
    const ok = e instanceof Error && e.name === 'WanggeError' && e.kind === c.error && e.code === codes.get(c.error);
    if (!ok) failures.push(`${label}: want error ${c.error} (${codes.get(c.error)}), got ${e.name} ${e.code} ${e.kind}: ${e.message}`);
  } else if (got.err) {
    failures.push(`${label}: unexpected error ${got.err.code} ${got.err.kind}: ${got.err.message}`);
  } else if (!same(c.output, got.out)) {
    failures.push(`${label}: got ${JSON.stringify(got.out)}, want ${JSON.stringify(c.output)}`);
  }
}

/**
 * Runs vector files (parsed JSON objects) through the package `w`.
 * Returns { files, cases, failures }.
 */
export function runVectors(w, files) {
  const failures = [];
  const ops = w.ops();
  const codes = new Map(w.errorCodes().map((c) => [c.name, c.code]));
  for (const op of ops) {
    if (!(op in GENERATED)) failures.push(`op ${op} has no generated function (run \`cargo xtask bless\`)`);
  }
  for (const op of Object.keys(GENERATED)) if (!ops.includes(op)) failures.push(`GENERATED lists ${op}, not an op of the library`);
  for (const op of Object.keys(NATIVE)) if (!ops.includes(op)) failures.push(`NATIVE lists ${op}, not an op of the library`);
  let cases = 0;
  const seen = new Set();
  for (const file of files) {
    const op = file.op;
    seen.add(op);
    if (!ops.includes(op)) failures.push(`vector file for ${op}: not an op of the library`);
    const generated = GENERATED[op];
    if (!generated) {
      failures.push(`vector file for ${op}: no generated function`);
      continue;
    }
    const native = NATIVE[op];
    for (const c of file.cases) {
      cases++;
      check(w, codes, op, c, 'call', outcome(() => w.call(op, c.input)), failures);
      check(w, codes, op, c, 'generated', outcome(() => generated(w, c.input)), failures);
      if (!native) continue;
      const got = outcome(() => native(w, c.input));
      if (got.out === INEXPRESSIBLE) {
        if (!('error' in c)) failures.push(`${op} / ${c.name}: the native API cannot express this input`);
      } else {
        check(w, codes, op, c, 'native', got, failures);
      }
    }
  }
  for (const op of ops) if (!seen.has(op)) failures.push(`op ${op} has no vector file`);
  return { files: files.length, cases, failures };
}
