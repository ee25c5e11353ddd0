"""Tests of the Python bindings, run by `cargo xtask ci`:

    PYTHONPATH=<dir holding the wangge package> python3 test_bindings.py <tests/vectors> <sample-county.geojson>

1. Every exported function is called (checked against the generated module's public names).
2. Exceptions carry the stable code, the name and the human message.
3. Every conformance vector runs through `call` and through the native functions (NATIVE
   below); an op of the library without a native adapter fails the run.
Prints the plain "N passed, N failed" line.
"""

import json
import math
import os
import sys

import wangge
from wangge import wangge as generated

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
    if not only_keys(i, "preset", "text") or len(i) != 1 or not isinstance(next(iter(i.values())), str):
        return Inexpressible
    if "preset" in i:
        p = use("Policy.preset", lambda: wangge.Policy.preset(i["preset"]))
    else:
        p = use("Policy.from_text", lambda: wangge.Policy.from_text(i["text"]))
    return summary_json(use("Policy.summary", p.summary))


CAL_KEYS = ("preset", "policy", "calendar", "holidays")


def with_calendar(i, keys, f):
    """Runs f on the Calendar the input's calendar fields select, when every other key is
    one of `keys` and the calendar fields have their native types."""
    if not isinstance(i, dict) or not all(k in keys or k in CAL_KEYS for k in i):
        return Inexpressible
    if any(k in i and not isinstance(i[k], str) for k in ("preset", "policy")):
        return Inexpressible
    cal = use("Calendar", lambda: wangge.Calendar(
        preset=i.get("preset"), policy=i.get("policy"),
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


# Every op of the library maps to its native functions here.
NATIVE = {
    # Admission and roster operations: per-op functions, JSON text in and out.
    "admission.budget": lambda i: json.loads(use("admission_budget", lambda: wangge.admission_budget(json.dumps(i)))),
    "admission.check": lambda i: json.loads(use("admission_check", lambda: wangge.admission_check(json.dumps(i)))),
    "admission.completion": lambda i: json.loads(use("admission_completion", lambda: wangge.admission_completion(json.dumps(i)))),
    "admission.instances": lambda i: json.loads(use("admission_instances", lambda: wangge.admission_instances(json.dumps(i)))),
    "admission.list": lambda i: json.loads(use("admission_list", lambda: wangge.admission_list(json.dumps(i)))),
    "admission.load": lambda i: json.loads(use("admission_load", lambda: wangge.admission_load(json.dumps(i)))),
    "admission.tally": lambda i: json.loads(use("admission_tally", lambda: wangge.admission_tally(json.dumps(i)))),
    "admission.transition": lambda i: json.loads(use("admission_transition", lambda: wangge.admission_transition(json.dumps(i)))),
    "roster.holder": lambda i: json.loads(use("roster_holder", lambda: wangge.roster_holder(json.dumps(i)))),
    "roster.summary": lambda i: json.loads(use("roster_summary", lambda: wangge.roster_summary(json.dumps(i)))),
    "grid.locate": lambda i: json.loads(use("grid_locate", lambda: wangge.grid_locate(json.dumps(i)))),
    "roster.validate": lambda i: json.loads(use("roster_validate", lambda: wangge.roster_validate(json.dumps(i)))),
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
        check(op in NATIVE, f"op {op} is not exposed natively by the Python binding (add it to NATIVE)")
    files = sorted(f for f in os.listdir(directory) if f.endswith(".json"))
    seen, cases = set(), 0
    for name in files:
        with open(os.path.join(directory, name), encoding="utf-8") as fh:
            file = json.load(fh)
        op = file["op"]
        seen.add(op)
        check(op in ops, f"{name}: {op} is not an op of the library")
        native = NATIVE.get(op)
        check(native is not None, f"{name}: no native adapter for {op}")
        if native is None:
            continue
        for c in file["cases"]:
            cases += 1
            check_case(op, c, "call",
                       outcome(lambda: json.loads(use("call", lambda: wangge.call(op, json.dumps(c["input"]))))), codes)
            got = outcome(lambda: native(c["input"]))
            if got[0] is Inexpressible:
                check("error" in c, f"{op} / {c['name']}: the native API cannot express this input")
            else:
                check_case(op, c, "native", got, codes)
    for op in ops:
        check(op in seen, f"op {op} has no vector file")
    print(f"vectors: {len(files)} files, {cases} cases (each through call and natively)", file=sys.stderr)


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


def check_everything_called():
    exported = set()
    for name in dir(generated):
        obj = getattr(generated, name)
        if name.startswith("_") or getattr(obj, "__module__", None) != generated.__name__:
            continue
        if callable(obj) and not isinstance(obj, type):
            exported.add(name)
        elif name in ("Policy", "Layer", "Calendar"):
            exported.update(f"{name}.{m}" for m in vars(obj) if not m.startswith("_"))
    missing = exported - called
    check(not missing, f"exported but not exercised: {sorted(missing)}")
    check(len(exported) >= 15, f"found only {sorted(exported)}")


if __name__ == "__main__":
    test_api(sys.argv[2])
    run_vectors(sys.argv[1])
    check_everything_called()
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
