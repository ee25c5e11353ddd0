#!/usr/bin/env python3
"""Point location with shapely (GEOS) on the files `wangge grid generate` writes.

    wangge grid generate --grids 20000 --only grids --out grids.geojson \\
        --points 1000000 --points-out points.jsonl
    python bench/shapely_locate.py --grids grids.geojson --points points.jsonl \\
        --wangge target/release/wangge

Measures, on the same grids and points the Rust benchmark (`cargo bench -p wangge --bench
locate`) uses:

* ``strtree_build``: ``shapely.STRtree(polygons)``;
* ``best``: the strongest shapely pipeline — bbox candidates from the tree, then
  ``contains_xy`` on prepared polygons, vectorised (points made beforehand, as in the
  shared baselines);
* ``within``: ``tree.query(points, predicate="within")``.

Each prints one JSON line (median and minimum over ``--reps`` runs, wall clock and
process CPU time, ns per point). With ``--wangge``, the first ``--check`` points are also
located by ``wangge grid locate`` and the answers compared: they must agree on every point
that lies on no grid boundary (on boundaries wangge applies its documented half-open rule
and GEOS has none). The exit status is 1 if they disagree.

Needs Python 3.9+ with numpy and shapely >= 2.0:

    python3 -m venv .venv-bench
    .venv-bench/bin/pip install numpy "shapely>=2.1"
"""

import argparse
import json
import statistics
import subprocess
import sys
import time

import numpy as np
import shapely


def timed(name, fn, reps, items, extra):
    walls, cpus, out = [], [], None
    for _ in range(reps):
        w, c = time.perf_counter(), time.process_time()
        out = fn()
        cpus.append(time.process_time() - c)
        walls.append(time.perf_counter() - w)
    rec = {
        "tool": "shapely",
        "op": name,
        "reps": reps,
        "wall_s_median": round(statistics.median(walls), 6),
        "wall_s_min": round(min(walls), 6),
        "cpu_s_median": round(statistics.median(cpus), 6),
        "ns_per_item_median": round(statistics.median(walls) * 1e9 / items, 1),
        "ns_per_item_min": round(min(walls) * 1e9 / items, 1),
        "cpu_ns_per_item_median": round(statistics.median(cpus) * 1e9 / items, 1),
        **extra,
    }
    print(json.dumps(rec), flush=True)
    return out


def load_grids(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    codes = [ft["properties"]["code"] for ft in json.loads(text)["features"]]
    geoms = shapely.get_parts(shapely.from_geojson(text))
    if len(geoms) != len(codes):
        sys.exit(f"{path}: {len(codes)} features but {len(geoms)} geometries")
    return np.asarray(codes), geoms


def load_points(path):
    ids, xs, ys = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                p = json.loads(line)
                if p.get("crs", "wgs84") != "wgs84":
                    sys.exit("only WGS84 points are supported here")
                ids.append(p["id"])
                xs.append(p["lon"])
                ys.append(p["lat"])
    return ids, np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)


def wangge_codes(binary, grids, ids, xs, ys):
    lines = "".join(
        json.dumps({"id": i, "lon": float(x), "lat": float(y), "crs": "wgs84"}) + "\n"
        for i, x, y in zip(ids, xs, ys)
    )
    run = subprocess.run(
        [binary, "grid", "locate", grids],
        input=lines.encode(),
        capture_output=True,
        check=False,
    )
    if run.returncode != 0:
        sys.exit(f"wangge grid locate failed ({run.returncode}): {run.stderr.decode()[:500]}")
    out = [json.loads(l) for l in run.stdout.decode().splitlines() if l.strip()]
    if [o["id"] for o in out] != list(ids):
        sys.exit("wangge answered out of order or dropped points")
    return [o["code"] for o in out]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--grids", required=True, help="GeoJSON grids (wangge grid generate --only grids)")
    ap.add_argument("--points", required=True, help="JSON lines points (--points-out)")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--wangge", help="wangge binary: compare its answers")
    ap.add_argument("--check", type=int, default=200_000, help="points to compare with wangge")
    a = ap.parse_args()

    codes, geoms = load_grids(a.grids)
    ids, xs, ys = load_points(a.points)
    n, npts = len(geoms), len(xs)
    extra = {"grids": n, "points": npts, "shapely": shapely.__version__,
             "geos": ".".join(map(str, shapely.geos_version))}

    tree = timed("strtree_build", lambda: shapely.STRtree(geoms), a.reps, n, extra)
    pts = shapely.points(xs, ys)
    shapely.prepare(geoms)

    def best():
        ip, ig = tree.query(pts)
        ok = shapely.contains_xy(geoms[ig], xs[ip], ys[ip])
        return ip[ok], ig[ok]

    ip, ig = timed("best", best, a.reps, npts, extra)
    timed("within", lambda: tree.query(pts, predicate="within"), max(1, a.reps // 2), npts, extra)

    if a.wangge:
        k = min(a.check, npts)
        found = np.full(npts, -1, dtype=np.int64)
        found[ip] = ig
        got = wangge_codes(a.wangge, a.grids, ids[:k], xs[:k], ys[:k])
        # Points on a boundary: a candidate polygon's boundary holds them.
        cp, cg = tree.query(pts[:k])
        touch = shapely.intersects(shapely.boundary(geoms[cg]), pts[:k][cp])
        on_edge = np.zeros(k, dtype=bool)
        on_edge[cp[touch]] = True
        bad = []
        for i in range(k):
            want = codes[found[i]] if found[i] >= 0 else None
            if not on_edge[i] and got[i] != want:
                bad.append({"id": ids[i], "lon": float(xs[i]), "lat": float(ys[i]), "shapely": want, "wangge": got[i]})
        print(json.dumps({"tool": "shapely", "op": "agreement", "checked": k,
                          "on_boundary": int(on_edge.sum()), "disagree": len(bad), "examples": bad[:5], **extra}),
              flush=True)
        if bad:
            sys.exit(1)


if __name__ == "__main__":
    main()
