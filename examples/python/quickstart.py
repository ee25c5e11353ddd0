"""wangge from Python: the UniFFI bindings (package `wangge`, with libwangge_mobile.so inside).

    PYTHONPATH=<dir holding wangge/> python3 quickstart.py sample-county.geojson
"""
import json
import sys

import wangge

# 1. Codes come back as an enum with data.
info = wangge.parse_code("371323100201007")
print(f"grid {info.code}: community {info.community}, sequence {info.sequence}")

# 2. Errors are WanggeError subclasses with the stable code, its name and the message.
try:
    wangge.parse_code("990000")
except wangge.WanggeError as e:
    print(f"error {e.code} ({e.name}): {e}")

# 3. GPS (WGS84) to Baidu (BD-09).
print(wangge.convert_point(wangge.LonLat(lon=116.391275, lat=39.90765), wangge.Crs.WGS84, wangge.Crs.BD09))

# 4. Objects wrap core objects.
print(wangge.Policy.preset("seed002").summary())

# 5. A working calendar: 10 working days over the National Day holidays.
cal = wangge.Calendar()  # or wangge.Calendar(policy="seed003")
print(cal.add("2026-09-28T10:00:00+08:00", 10, wangge.DurationUnit.WORKING_DAYS), cal.day("2026-02-14"))

# 6. A grid layer and the grid under a point.
if len(sys.argv) > 1:
    with open(sys.argv[1], encoding="utf-8") as fh:
        layer = wangge.Layer.from_geojson(fh.read())
    print(f"{layer.len()} units; at (118.505, 35.805): {layer.units_at(118.505, 35.805)}")

# 7. Any operation by name, JSON text in and out.
print(json.loads(wangge.call("geo.convert", json.dumps({"lon": 118.5, "lat": 35.8, "from": "wgs84", "to": "gcj02"}))))

# 8. A case book: a report, a refused command, the state with its deadlines, the journal.
book = wangge.CaseBook("seed003")
GRID = "371323100201001"
facts = book.execute(wangge.CaseCommand(
    id="k1", case_id="C1", op=wangge.CaseOp.REPORT, at="2026-03-02T09:00:00+08:00",
    actor=wangge.CaseActor(person="w1", role="grid_worker", unit=GRID),
    args_json=json.dumps({"category": "矛盾纠纷", "urgency": "routine", "grid": GRID})))
print([(f.kind, f.at) for f in facts])
try:
    book.execute(wangge.CaseCommand(
        id="k2", case_id="C1", op=wangge.CaseOp.ACCEPT, at="2026-03-02T10:00:00+08:00",
        actor=wangge.CaseActor(person="w2", role="grid_worker", unit="371323100201002"), args_json=None))
except wangge.WanggeError as e:
    print(f"refused: {e.code} {e.name}: {e}")
state = book.state("C1")
print(state.status, state.due_stage, state.due_overall, state.colour, f"{book.fact_count()} fact(s)")

