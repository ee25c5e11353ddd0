"""Tests of the Python bindings, run by `cargo xtask ci`:

    PYTHONPATH=<dir holding the wangge package> python3 test_bindings.py <tests/vectors> <sample-county.geojson>

1. Every exported function is called (checked against the generated module's public names).
2. Exceptions carry the stable code, the name and the human message.
3. Every conformance vector runs through `call`, through the op's own function (GENERATED in
   generated_ops.py, generated from the core's op table by `cargo xtask bless`: an op of the
   library missing there fails the run) and, for the ops NATIVE lists, through the typed
   functions and objects.
Prints the plain "N passed, N failed" line.
"""

import json
import math
import os
import re
import sys

import wangge
from wangge import wangge as generated
from generated_ops import GENERATED

passed = 0
failed = 0
called = set()


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL", what, file=sys.stderr)


def use(name, f):
    called.add(name)
    return f()


def expect_error(name, code, f):
    try:
        f()
        check(False, f"expected {name}")
    except wangge.WanggeError as e:
        check(e.name == name and e.code == code, f"got {e.code} {e.name}, want {code} {name}")
        check(str(e) and not str(e).startswith("message="), f"human message: {e}")


def lower(e):
    return e.name.lower()


class Inexpressible:
    """The input cannot be written as a native call (missing field, unknown key or enum)."""


def only_keys(i, *keys):
    return isinstance(i, dict) and all(k in keys for k in i)


def code_info_json(c):
    if c.is_ADMIN():
        return {"kind": "admin", "code": c.code, "level": lower(c.level), "parent": c.parent,
                "township_hint": lower(c.township_hint) if c.township_hint is not None else None}
    return {"kind": "grid", "code": c.code, "layout": lower(c.layout), "community": c.community,
            "sequence": c.sequence}


def crs_of(s):
    return next((c for c in wangge.Crs if lower(c) == s), None)


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def native_code_parse(i):
    if not only_keys(i, "code") or not isinstance(i.get("code"), str):
        return Inexpressible
    return code_info_json(use("parse_code", lambda: wangge.parse_code(i["code"])))


def native_geo_convert(i):
    frm, to = crs_of(i.get("from")), crs_of(i.get("to"))
    if not only_keys(i, "lon", "lat", "from", "to") or not is_num(i.get("lon")) or not is_num(i.get("lat")) \
            or frm is None or to is None:
        return Inexpressible
    p = use("convert_point", lambda: wangge.convert_point(wangge.LonLat(lon=i["lon"], lat=i["lat"]), frm, to))
    return {"lon": p.lon, "lat": p.lat}


def summary_json(s):
    return {"id": s.id, "name": s.name, "version": s.version, "levels": list(s.levels),
            "code_layout": lower(s.code_layout)}


def native_policy_load(i):
    if not only_keys(i, "policy") or not isinstance(i.get("policy"), (str, dict)):
        return Inexpressible
    src = i["policy"]
    # A bare word is a preset id, any other text the policy itself, an object its JSON.
    if isinstance(src, str) and re.fullmatch(r"[A-Za-z0-9_-]{1,64}", src):
        p = use("Policy.preset", lambda: wangge.Policy.preset(src))
    else:
        text = src if isinstance(src, str) else json.dumps(src)
        p = use("Policy.from_text", lambda: wangge.Policy.from_text(text))
    return summary_json(use("Policy.summary", p.summary))


def snake(e):
    return e.name.lower() if e is not None else None


def score_result_json(r):
    """The typed ScoreResult in the JSON form of `score.compute`."""
    out = {
        "period": r.period, "bounds": {"start": r.bounds.start, "end": r.bounds.end}, "cut": r.cut,
        "by": snake(r.by),
        "sheet": None if r.sheet is None else {"id": r.sheet.id, "name": r.sheet.name,
                                               "basis": snake(r.sheet.basis), "scale": r.sheet.scale},
        "indicators": [{"id": i.id, "kind": snake(i.kind), "numerator": i.numerator,
                        "denominator": snake(i.denominator), "anchor": snake(i.anchor),
                        "direction": snake(i.direction), "rate": i.rate} for i in r.indicators],
        "units": [{"unit": u.unit,
                   "indicators": {k: {"numerator": v.numerator, "denominator": v.denominator,
                                      "value": v.value, "display": v.display} for k, v in u.indicators.items()},
                   "items": [{"id": t.id, "max": t.max, "points": t.points} for t in u.items],
                   "total": u.total, "max": u.max, "grade": u.grade, "stars": u.stars, "pay": u.pay,
                   "advanced_eligible": u.advanced_eligible, "composite": u.composite, "rank": u.rank}
                  for u in r.units],
        "red_list": list(r.red_list), "black_list": list(r.black_list),
    }
    if r.linked:
        out["linked"] = [{"id": l.id, "score": l.score} for l in r.linked]
    return out


def native_score_compute(i):
    """score.compute through the typed records and result (records given as JSON objects
    go in through read_case_records_jsonl)."""
    if not only_keys(i, "policy", "records", "period", "by", "sheet", "as_of") \
            or not isinstance(i.get("records"), list) or not strs(i, "period") \
            or not all(isinstance(i.get(k), (str, type(None))) for k in ("policy", "sheet", "as_of", "by")):
        return Inexpressible
    by = next((b for b in wangge.GroupBy if lower(b) == i.get("by", "grid")), None)
    if by is None:
        return Inexpressible
    try:
        records = use("read_case_records_jsonl", lambda: wangge.read_case_records_jsonl(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in i["records"])))
    except wangge.WanggeError:
        return Inexpressible
    return score_result_json(use("score_records", lambda: wangge.score_records(
        i.get("policy"), records, i["period"], by, i.get("sheet"), i.get("as_of"))))


CAL_KEYS = ("policy", "calendar", "holidays")


def with_calendar(i, keys, f):
    """Runs f on the Calendar the input's calendar fields select, when every other key is
    one of `keys` and the calendar fields have their native types."""
    if not isinstance(i, dict) or not all(k in keys or k in CAL_KEYS for k in i):
        return Inexpressible
    if "policy" in i and not isinstance(i["policy"], str):
        return Inexpressible
    cal = use("Calendar", lambda: wangge.Calendar(
        policy=i.get("policy"),
        calendar_json=json.dumps(i["calendar"]) if "calendar" in i else None,
        holidays_json=json.dumps(i["holidays"]) if "holidays" in i else None))
    return f(cal)


def strs(i, *keys):
    return isinstance(i, dict) and all(isinstance(i.get(k), str) for k in keys)


def native_calendar_add(i):
    unit = next((u for u in wangge.DurationUnit if lower(u) == i.get("unit")), None)
    amount = i.get("amount")
    if not strs(i, "start") or unit is None or not isinstance(amount, int) or isinstance(amount, bool) \
            or not 0 <= amount <= 0xFFFFFFFF:
        return Inexpressible
    return with_calendar(i, ("start", "amount", "unit"), lambda c: {
        "deadline": use("Calendar.add", lambda: c.add(i["start"], amount, unit))})


def source_json(s):
    out = {"title": s.title}
    if s.issued is not None:
        out["issued"] = s.issued
    if s.url is not None:
        out["url"] = s.url
    return out


def years_json(y):
    return {"time_zone": y.time_zone, "unknown_years": lower(y.unknown_years),
            "years": [{"year": v.year, "origin": lower(v.origin), "sources": [source_json(s) for s in v.sources]}
                      for v in y.years]}


def day_json(d):
    return {"date": d.date, "working": d.working, "kind": lower(d.kind), "name": d.name}



def native_grid_validate(i):
    if not only_keys(i, "layer", "parent", "tolerance_m", "policy", "as_of") or "layer" not in i:
        return Inexpressible
    if not (i.get("tolerance_m") is None or is_num(i["tolerance_m"])) or \
            not all(i.get(k) is None or isinstance(i[k], str) for k in ("policy", "as_of")):
        return Inexpressible
    layer = wangge.Layer.from_geojson(json.dumps(i["layer"]))
    parent = wangge.Layer.from_geojson(json.dumps(i["parent"])) if "parent" in i else None
    options = wangge.ValidateOptions(tolerance_m=i.get("tolerance_m"), policy=i.get("policy"), as_of=i.get("as_of"))
    return report_json(use("Layer.validate", lambda: layer.validate(parent, options)))


def report_json(r):
    # `more_codes` and `omitted` are in the core's JSON only when not 0.
    def violation(v):
        out = {"kind": lower(v.kind), "codes": v.codes, "at": [v.lon, v.lat], "area_m2": v.area_m2, "message": v.message}
        if v.more_codes:
            out["more_codes"] = v.more_codes
        return out
    out = {"valid": r.valid, "grids": r.grids, "violations": [violation(v) for v in r.violations]}
    if r.omitted:
        out["omitted"] = r.omitted
    return out


def native_grid_locate(i):
    if not only_keys(i, "layer", "points", "as_of") or not isinstance(i.get("points"), list):
        return Inexpressible
    if not (i.get("as_of") is None or isinstance(i["as_of"], str)):
        return Inexpressible
    for p in i["points"]:
        if not only_keys(p, "id", "lon", "lat", "crs") or not (is_num(p.get("id")) or isinstance(p.get("id"), str)) \
                or not is_num(p.get("lon")) or not is_num(p.get("lat")) or ("crs" in p and crs_of(p["crs"]) is None):
            return Inexpressible
    index = use("GridIndex.new", lambda: wangge.GridIndex(wangge.Layer.from_geojson(json.dumps(i["layer"]))))
    results = []
    for p in i["points"]:
        loc = use("GridIndex.locate", lambda: index.locate(p["lon"], p["lat"], crs_of(p.get("crs", "wgs84")), i.get("as_of")))
        results.append({"id": p["id"], "code": loc.grid, "fallback": loc.fallback, "ancestors": loc.ancestors})
    return {"results": results}


# The ops that also have typed functions or objects (every op has its generated function).
NATIVE = {
    "grid.locate": native_grid_locate,
    "grid.validate": native_grid_validate,
    "calendar.add": native_calendar_add,
    "calendar.between": lambda i: with_calendar(i, ("start", "end"), lambda c: {
        "working_minutes": use("Calendar.between", lambda: c.between(i["start"], i["end"]))})
    if strs(i, "start", "end") else Inexpressible,
    "calendar.working_days_between": lambda i: with_calendar(i, ("start", "end"), lambda c: {
        "working_days": use("Calendar.working_days_between", lambda: c.working_days_between(i["start"], i["end"]))})
    if strs(i, "start", "end") else Inexpressible,
    "calendar.next_working": lambda i: with_calendar(i, ("at",), lambda c: {
        "next": use("Calendar.next_working", lambda: c.next_working(i["at"]))})
    if strs(i, "at") else Inexpressible,
    "calendar.day": lambda i: with_calendar(i, ("date",), lambda c: day_json(use("Calendar.day", lambda: c.day(i["date"]))))
    if strs(i, "date") else Inexpressible,
    "calendar.years": lambda i: with_calendar(i, (), lambda c: years_json(use("Calendar.years", c.years))),
    "code.parse": native_code_parse,
    "geo.convert": native_geo_convert,
    "policy.load": native_policy_load,
    "score.compute": native_score_compute,
}


def same(a, b):
    if is_num(a) and is_num(b):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b and type(a) is type(b)


def outcome(f):
    try:
        return f(), None
    except wangge.WanggeError as e:
        return None, e


def check_case(op, c, how, got, codes):
    label = f"{op} / {c['name']} ({how})"
    out, err = got
    if "error" in c:
        check(err is not None and err.name == c["error"] and err.code == codes[c["error"]],
              f"{label}: want error {c['error']}, got {err and err.code} {err and err.name} / {out}")
    else:
        check(err is None and same(c["output"], out), f"{label}: got {out} {err}")


def run_vectors(directory):
    ops = use("ops", wangge.ops)
    codes = {c.name: c.code for c in use("error_codes", wangge.error_codes)}
    for op in ops:
        check(op in GENERATED, f"op {op} has no generated function (run `cargo xtask bless`)")
    check(sorted(GENERATED) == sorted(ops), f"GENERATED lists {sorted(GENERATED)}, the library {ops}")
    for op in NATIVE:
        check(op in ops, f"NATIVE lists {op}, not an op of the library")
    files = sorted(f for f in os.listdir(directory) if f.endswith(".json"))
    seen, cases = set(), 0
    for name in files:
        with open(os.path.join(directory, name), encoding="utf-8") as fh:
            file = json.load(fh)
        op = file["op"]
        seen.add(op)
        check(op in ops, f"{name}: {op} is not an op of the library")
        fname = GENERATED.get(op)
        check(fname is not None, f"{name}: no generated function for {op}")
        if fname is None:
            continue
        fn = getattr(wangge, fname)
        native = NATIVE.get(op)
        for c in file["cases"]:
            cases += 1
            check_case(op, c, "call",
                       outcome(lambda: json.loads(use("call", lambda: wangge.call(op, json.dumps(c["input"]))))), codes)
            check_case(op, c, "generated",
                       outcome(lambda: json.loads(use(fname, lambda: fn(json.dumps(c["input"]))))), codes)
            if native is None:
                continue
            got = outcome(lambda: native(c["input"]))
            if got[0] is Inexpressible:
                check("error" in c, f"{op} / {c['name']}: the native API cannot express this input")
            else:
                check_case(op, c, "native", got, codes)
    for op in ops:
        check(op in seen, f"op {op} has no vector file")
    print(f"vectors: {len(files)} files, {cases} cases (each through call, the generated function and natively where typed)", file=sys.stderr)


def test_api(sample_path):
    check(use("version", wangge.version), "version")
    g = use("parse_code", lambda: wangge.parse_code("371323100201007"))
    check(g.is_GRID() and g.sequence == 7 and g.layout == wangge.GridCodeLayout.D15, f"grid {g}")
    expect_error("invalid_admin_code", 100, lambda: wangge.parse_code("990000"))
    try:
        wangge.parse_code("990000")
    except wangge.WanggeError.InvalidAdminCode as e:
        check("990000" in str(e), f"message names the input: {e}")
    expect_error("invalid_coordinate", 150,
                 lambda: wangge.convert_point(wangge.LonLat(lon=1.0, lat=95.0), wangge.Crs.WGS84, wangge.Crs.GCJ02))
    expect_error("invalid_json", 2, lambda: wangge.call("code.parse", "{"))

    p = use("Policy.preset", lambda: wangge.Policy.preset("seed002"))
    check(use("Policy.id", p.id) == "seed002", "id")
    check(use("Policy.name", p.name), "name")
    check(use("Policy.version", p.version) == "2014.1", "version")
    again = use("Policy.from_text", lambda: wangge.Policy.from_text(use("Policy.to_json", p.to_json)))
    check(again.summary() == p.summary(), "round trip")
    expect_error("unknown_preset", 252, lambda: wangge.Policy.preset("seed999"))

    with open(sample_path, encoding="utf-8") as fh:
        text = fh.read()
    layer = use("Layer.from_geojson", lambda: wangge.Layer.from_geojson(text))
    check(use("Layer.len", layer.len) == 12, "12 units")
    check(not use("Layer.is_empty", layer.is_empty), "not empty")
    units = use("Layer.units", layer.units)
    check(units[0].code == "371323100201001" and units[0].is_grid and len(units[0].bbox) == 4, f"{units[0]}")
    check(use("Layer.units_at", lambda: layer.units_at(118.505, 35.805)) == ["371323100201001"], "units_at")
    check(layer.units_at(100.0, 35.8) == [], "outside")
    expect_error("invalid_coordinate", 150, lambda: layer.units_at(math.nan, 35.8))
    check(wangge.Layer.from_geojson(use("Layer.to_geojson", layer.to_geojson)).len() == 12, "round trip")
    expect_error("invalid_geojson", 152, lambda: wangge.Layer.from_geojson('{"type":"FeatureCollection"'))

    # A panic inside the library becomes WanggeError.Panic with code 99.
    expect_error("panic", 99, lambda: use("test_panic", wangge.test_panic))
    try:
        wangge.test_panic()
    except wangge.WanggeError.Panic as e:
        check("deliberate panic" in str(e), f"panic message: {e}")
    check(wangge.parse_code("371323").is_ADMIN(), "works after a panic")


def read_data(vectors_dir, name):
    with open(os.path.join(vectors_dir, "..", "data", name), encoding="utf-8") as fh:
        return fh.read()


def test_grid(vectors_dir):
    clean_text, gap_text = read_data(vectors_dir, "county-24.geojson"), read_data(vectors_dir, "county-24-gap.geojson")
    parents = wangge.Layer.from_geojson(read_data(vectors_dir, "county-24-parents.geojson"))
    fault = json.loads(read_data(vectors_dir, "county-24-gap.fault.json"))
    clean, gap = wangge.Layer.from_geojson(clean_text), wangge.Layer.from_geojson(gap_text)

    # Coverage validation: clean, the injected gap, options, parents.
    r = clean.validate()
    check(r.valid and r.grids == 24 and r.violations == [], f"clean: {r}")
    r = gap.validate(None, None)
    check(not r.valid and len(r.violations) == 1, f"gap: {r}")
    v = r.violations[0]
    check(v.kind == wangge.ViolationKind.GAP, f"kind {v.kind}")
    check(all(c in v.codes for c in fault["codes"]), f"codes {v.codes}")
    check(abs(v.lon - fault["at"]["lon"]) < 1e-4 and abs(v.lat - fault["at"]["lat"]) < 1e-4 and v.area_m2 > 0, f"at {v}")
    op = json.loads(use("grid_validate", lambda: wangge.grid_validate(json.dumps({"layer": json.loads(gap_text)}))))
    check(same(op, report_json(r)), f"native report == op: {op}")
    check(gap.validate(options=wangge.ValidateOptions(tolerance_m=1.0)).valid, "sliver under 1 m")
    check(not gap.validate(options=wangge.ValidateOptions(policy="seed003", as_of="2025-01-01")).valid, "policy, as_of")
    check(clean.validate(parents).valid, "clean with parents")
    v = gap.validate(parent=parents).violations[0]
    check(v.kind == wangge.ViolationKind.GAP and fault["codes"][0][:12] in v.codes, f"gap in the community: {v}")
    expect_error("invalid_argument", 1, lambda: gap.validate(None, wangge.ValidateOptions(tolerance_m=-1.0)))
    expect_error("unknown_preset", 252, lambda: gap.validate(None, wangge.ValidateOptions(policy="seed999")))
    expect_error("invalid_date_time", 7, lambda: gap.validate(None, wangge.ValidateOptions(as_of="2024-13-01")))

    # The grid index against grid.locate on every vertex and edge midpoint, WGS84 and GCJ-02.
    geo = json.loads(clean_text)
    index = wangge.GridIndex(clean)
    check(use("GridIndex.grid_count", index.grid_count) == 24, "24 grids")
    check(use("GridIndex.memory_bytes", index.memory_bytes) > 24 * 64, "memory")
    codes = use("GridIndex.codes", index.codes)
    check(len(codes) == 24 and all(len(c) == 15 for c in codes), f"codes {codes[:3]}")
    xy = []
    for f in geo["features"]:
        if f["geometry"]["type"] != "Polygon":
            continue
        for ring in f["geometry"]["coordinates"]:
            for k, (x, y) in enumerate(ring):
                xy += [x, y]
                if k:
                    xy += [(x + ring[k - 1][0]) / 2, (y + ring[k - 1][1]) / 2]
    xy += [0.0, 0.0, 118.0, 35.0, 180.0, 90.0, -180.0, -90.0]
    n = len(xy) // 2
    gcj = []
    points = []
    for i in range(n):
        g = wangge.convert_point(wangge.LonLat(lon=xy[2 * i], lat=xy[2 * i + 1]), wangge.Crs.WGS84, wangge.Crs.GCJ02)
        gcj += [g.lon, g.lat]
        points += [{"id": i, "lon": xy[2 * i], "lat": xy[2 * i + 1]}, {"id": n + i, "lon": g.lon, "lat": g.lat, "crs": "gcj02"}]
    want = {r["id"]: r for r in json.loads(use("grid_locate", lambda: wangge.grid_locate(json.dumps({"layer": geo, "points": points}))))["results"]}
    differ, in_grid, outside = 0, 0, 0
    for i in range(2 * n):
        lon, lat, crs = (xy[2 * i], xy[2 * i + 1], None) if i < n else (gcj[2 * (i - n)], gcj[2 * (i - n) + 1], wangge.Crs.GCJ02)
        loc = index.locate(lon, lat, crs)
        w = want[i]
        if (loc.grid, loc.fallback, loc.ancestors) != (w["code"], w["fallback"], w["ancestors"]):
            differ += 1
        in_grid += loc.grid is not None
        outside += loc.grid is None and loc.fallback is None
    check(differ == 0, f"{differ} of {2 * n} locations differ from grid.locate")
    check(in_grid > n and outside >= 8, f"grids {in_grid}, outside {outside}")
    for pas, src, crs in ((0, xy, None), (1, gcj, wangge.Crs.GCJ02)):
        hits = use("GridIndex.locate_batch", lambda: index.locate_batch(src, crs))
        bad = [i for i in range(n) if (codes[hits[i]] if hits[i] >= 0 else None) != (want[pas * n + i]["code"] or want[pas * n + i]["fallback"])]
        check(len(hits) == n and not bad, f"batch pass {pas}: {len(bad)} differ")
    check(index.locate_batch(xy, None, "2030-01-01") == index.locate_batch(xy), "as_of 2030 = current")
    check(index.locate_batch([]) == [], "empty batch")
    bad_xy = list(xy)
    bad_xy[7] = math.nan
    expect_error("invalid_coordinate", 150, lambda: index.locate_batch(bad_xy))
    try:
        index.locate_batch(bad_xy)
    except wangge.WanggeError as e:
        check("point 3" in str(e), f"names the point: {e}")
    expect_error("invalid_argument", 1, lambda: index.locate_batch(xy[:3]))
    expect_error("invalid_date_time", 7, lambda: index.locate_batch(xy, None, "2024-13-01"))
    expect_error("invalid_coordinate", 150, lambda: index.locate(118.5, 95.0))
    expect_error("empty_layer", 206,
                 lambda: wangge.GridIndex(wangge.Layer.from_geojson('{"type":"FeatureCollection","features":[]}')))


GRID = "371323100201001"


def report(cid="k1", case="C1"):
    return wangge.CaseCommand(
        id=cid, case_id=case, op=wangge.CaseOp.REPORT, at="2026-03-02T09:00:00+08:00",
        actor=wangge.CaseActor(person="w1", role="grid_worker", unit=GRID),
        args_json=json.dumps({"category": "矛盾纠纷", "urgency": "routine", "grid": GRID}))


def test_case_book():
    """The case book object: typed commands one at a time, refusals that change nothing,
    the journal of one book opening another."""
    expect_error("unknown_preset", 252, lambda: wangge.CaseBook("seed009"))
    expect_error("invalid_journal", 456, lambda: wangge.CaseBook("seed001", None, '{"format":"x"}\n'))
    book = use("CaseBook.new", lambda: wangge.CaseBook("seed001"))
    facts = use("CaseBook.execute", lambda: book.execute(report()))
    check(len(facts) == 1 and facts[0].kind == "reported" and facts[0].case_id == "C1"
          and facts[0].command == "k1", f"reported: {facts}")
    check(json.loads(facts[0].json)["type"] == "reported", "the fact's journal line")
    check(book.execute(report()) == [], "a repeated command id has no effect")
    foreign = wangge.CaseCommand(
        id="k2", case_id="C1", op=wangge.CaseOp.ACCEPT, at="2026-03-02T10:00:00+08:00",
        actor=wangge.CaseActor(person="w2", role="grid_worker", unit="371323100201002"), args_json=None)
    try:
        book.execute(foreign)
        check(False, "a foreign grid worker may not accept")
    except wangge.WanggeError as e:
        check(e.name in ("case_unauthorized", "case_out_of_jurisdiction"), f"refused: {e.name}")
    check(use("CaseBook.fact_count", book.fact_count) == 1, "a refused command changes nothing")
    expect_error("invalid_command", 455, lambda: book.execute_json("{"))
    expect_error("invalid_command", 455, lambda: book.execute(
        wangge.CaseCommand(id="k3", case_id="C1", op=wangge.CaseOp.CLOSE, at="2026-03-02T10:00:00+08:00",
                           actor=wangge.CaseActor(person="w1", role="grid_worker", unit=GRID), args_json="[")))
    expect_error("invalid_date_time", 7, lambda: book.state("C1", "tomorrow"))
    st = use("CaseBook.state", lambda: book.state("C1"))
    check(st is not None and st.status == wangge.CaseStatus.REPORTED and st.grid == GRID
          and st.category == "矛盾纠纷" and st.due_overall is not None, f"state: {st}")
    check(json.loads(st.json)["case"] == "C1", "state JSON")
    check(book.state("C9") is None, "unknown case: None")
    expect_error("unknown_case", 453, lambda: book.history("C9"))
    hist = use("CaseBook.history", lambda: book.history("C1"))
    check(len(hist) == 1 and "reported" in hist[0], f"history: {hist}")
    late = "2026-06-01T09:00:00+08:00"
    breaches = use("CaseBook.tick", lambda: book.tick(late))
    check(breaches and all(f.kind == "breached" and f.command is None for f in breaches), f"tick: {breaches}")
    check(book.tick(late) == [], "a breach is recorded once")
    n = book.fact_count()
    check(n == 1 + len(breaches), "breaches added")
    # The same commands through execute_json on a second book give the same facts.
    other = wangge.CaseBook("seed001")
    line = json.loads(facts[0].json)
    cmd = {"id": "k1", "case": "C1", "op": "report", "at": line["at"], "actor": line["actor"],
           "args": {"category": "矛盾纠纷", "urgency": "routine", "grid": GRID}}
    again = use("CaseBook.execute_json", lambda: other.execute_json(json.dumps(cmd)))
    check([f.json for f in again] == [facts[0].json], "execute_json and execute agree")
    journal = use("CaseBook.journal", book.journal)
    check(journal.startswith('{"format":"wangge.case.journal"') and journal.count("\n") == n + 1, "journal")
    reopened = wangge.CaseBook("seed001", None, journal)
    check(reopened.fact_count() == n, "reopened: same facts")
    check([s.json for s in use("CaseBook.states", lambda: reopened.states(late))]
          == [s.json for s in book.states(late)], "reopened: same states")
    rows = [json.loads(r) for r in use("CaseBook.records_jsonl", lambda: reopened.records_jsonl(None)).splitlines()]
    check(len(rows) == 1 and rows[0]["id"] == "C1" and rows[0]["grid"] == GRID, f"records: {rows}")
    # The records are what scoring reads.
    month = rows[0]["due_at"][:7]
    out = wangge.call("score.compute", json.dumps(
        {"policy": "seed001", "records": rows, "period": month, "by": "grid"}))
    check(GRID in out, f"the records score by grid: {out[:200]}")


# Grid 001: A closed on time, B closed late, C open and overdue (all due in December), D due
# in January; grid 002: E due in January only.
SCORE_CSV = """id,grid,category,class,urgency,tier,source,reported_at,due_at,closed_at,status
A,371323100201001,x,event,routine,t1,patrol,2016-12-01T09:00:00+08:00,2016-12-05T17:00:00+08:00,2016-12-04T10:00:00+08:00,closed
B,371323100201001,x,event,routine,t1,patrol,2016-12-02T09:00:00+08:00,2016-12-06T17:00:00+08:00,2016-12-07T10:00:00+08:00,closed
C,371323100201001,x,event,urgent,t2,hotline,2016-12-03T09:00:00+08:00,2016-12-09T17:00:00+08:00,,assigned
D,371323100201001,x,event,routine,t1,patrol,2016-12-20T09:00:00+08:00,2017-01-06T17:00:00+08:00,,assigned
E,371323100201002,x,component,routine,t1,sensor,2016-12-21T09:00:00+08:00,2017-01-08T17:00:00+08:00,,reported
"""


def test_score():
    """Typed scoring: CSV rows in, a typed result out, equal to the JSON operation's."""
    rows = use("read_case_records_csv", lambda: wangge.read_case_records_csv(SCORE_CSV))
    check(len(rows) == 5 and rows[0].status == wangge.CaseStatus.CLOSED and rows[0].closed_at is not None
          and rows[2].urgency == wangge.Urgency.URGENT and rows[4].source == wangge.ReportSource.SENSOR
          and rows[4].case_class == wangge.CaseClass.COMPONENT, f"rows: {rows}")
    # Expected counts, computed from the rows: due in December, closed by its end, on time.
    dec = [r for r in rows if r.grid == "371323100201001" and r.due_at.startswith("2016-12")]
    closed = [r for r in dec if r.closed_at is not None]
    on_time = [r for r in closed if r.closed_at <= r.due_at]
    res = use("score_records", lambda: wangge.score_records("seed001", rows, "2016-12", wangge.GroupBy.GRID))
    check([u.unit for u in res.units] == ["371323100201001", "371323100201002"], f"units: {res.units}")
    c = res.units[0].indicators["completion"]
    check(c.numerator == len(closed) and c.denominator == len(dec)
          and c.display == f"{100 * len(closed) / len(dec):.2f}%", f"completion: {c}")
    t = res.units[0].indicators["on_time"]
    check(t.numerator == len(on_time) and t.denominator == len(dec), f"on time: {t}")
    na = res.units[1].indicators["completion"]
    check(na.value is None and na.display is None, f"nothing due: not applicable, {na}")
    check(res.bounds.start == "2016-12-01T00:00:00+08:00" and res.by == wangge.GroupBy.GRID, f"bounds: {res.bounds}")
    # The same input through the JSON operation.
    jsonl = "\n".join(json.dumps({"id": r.id, "grid": r.grid, "category": r.category,
                                  "class": lower(r.case_class),
                                  "urgency": lower(r.urgency), "tier": lower(r.tier), "source": lower(r.source),
                                  "reported_at": r.reported_at, "due_at": r.due_at, "closed_at": r.closed_at,
                                  "status": lower(r.status)}) for r in rows)
    again = use("read_case_records_jsonl", lambda: wangge.read_case_records_jsonl(jsonl))
    check(again == rows, "JSONL and CSV give the same records")
    records = [json.loads(line) for line in jsonl.splitlines()]
    out = json.loads(wangge.call("score.compute", json.dumps(
        {"policy": "seed001", "records": records, "period": "2016-12", "by": "grid"})))
    check(same(out, score_result_json(res)), f"typed and JSON agree: {out} / {score_result_json(res)}")
    # Partitions counted apart, merged in another order and scored once: the same result.
    parts = [use("score_records_partial", lambda: wangge.score_records_partial(
        "seed001", rs, "2016-12", wangge.GroupBy.GRID)) for rs in (rows[:2], rows[2:])]
    merged = use("score_merge_partials", lambda: wangge.score_merge_partials(list(reversed(parts))))
    scored = use("score_partial_result", lambda: wangge.score_partial_result("seed001", merged))
    check(scored == res, "partials merged and scored = scored at once")
    # Errors.
    expect_error("invalid_period", 501, lambda: wangge.score_records(None, rows, "2016-13", wangge.GroupBy.GRID))
    try:
        wangge.read_case_records_csv(SCORE_CSV.replace("t2,hotline", "t9,hotline"))
        check(False, "a bad tier is refused")
    except wangge.WanggeError as e:
        check(e.name == "invalid_records" and "line 4" in str(e), f"bad row: {e.name} {e}")
    expect_error("invalid_scoring_input", 504, lambda: wangge.score_merge_partials([]))


def check_everything_called():
    exported = set()
    for name in dir(generated):
        obj = getattr(generated, name)
        if name.startswith("_") or getattr(obj, "__module__", None) != generated.__name__:
            continue
        if callable(obj) and not isinstance(obj, type):
            exported.add(name)
        elif name in ("Policy", "Layer", "Calendar", "GridIndex", "CaseBook"):
            exported.update(f"{name}.{m}" for m in vars(obj) if not m.startswith("_"))
    missing = exported - called
    check(not missing, f"exported but not exercised: {sorted(missing)}")
    check(len(exported) >= 15, f"found only {sorted(exported)}")


if __name__ == "__main__":
    test_api(sys.argv[2])
    test_grid(sys.argv[1])
    test_case_book()
    test_score()
    run_vectors(sys.argv[1])
    check_everything_called()
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
