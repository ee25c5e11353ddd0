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
