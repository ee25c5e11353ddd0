#!/usr/bin/env python3
"""The grid module against shapely on two kinds of layer: one table per size, one command.

    python3 bench/grid_tables.py --python .venv-bench/bin/python --gen BENCH_DATA \\
        [--sizes 1358,20000,200000] [--layers sample,voronoi] [--skip-coverage]

Per size, for each kind of layer — ``sample``: the project's sample county (`wangge grid
generate`, seed 1, 1,000,000 points); ``voronoi``: the clustered Voronoi county that
`../shared/data/gen_grids.py --out BENCH_DATA` writes (its 1,000,000 points), recoded to
15-digit grid codes by `bench/recode_layer.py` — it measures, side by side in one run:

* locate: `bench/shapely_locate.py` (STRtree bbox + prepared `contains_xy`, vectorised,
  "shapely best"; it also checks that shapely and `wangge grid locate` agree off the
  boundaries) and `cargo bench -p wangge --bench locate` on the same files
  (`WANGGE_BENCH_LAYER`/`WANGGE_BENCH_POINTS`): `find_batch` over the million points,
  `find` one point at a time in the points' (random) order, the index build and its memory;
* coverage: `bench/shapely_coverage.py` (GEOS `coverage_invalid_edges` against `wangge grid
  validate --timing`) on the valid layer and four faulted copies.

Prints every measurement as a JSON line and, last, one Markdown table per size.
"""

import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FAULTS = ["gap", "overlap", "duplicate", "missing"]


def sh(cmd, **kw):
    print("+", " ".join(cmd), file=sys.stderr, flush=True)
    return subprocess.run(cmd, cwd=ROOT, check=True, **kw)


def criterion(group, bench, ident):
    path = os.path.join(ROOT, "target", "criterion", group, bench, ident, "new", "estimates.json")
    with open(path) as f:
        est = json.load(f)
    return est["median"]["point_estimate"]


def files(kind, n, a, wangge):
    """The layer (GeoJSON) and points (JSON lines) of one kind and size."""
    if kind == "sample":
        d = os.path.join(a.data, "sample")
        os.makedirs(d, exist_ok=True)
        # The points follow the county's towns, so they are written per size.
        grids, points = os.path.join(d, f"grids_{n}.geojson"), os.path.join(d, f"points_{n}.jsonl")
        if not (os.path.exists(grids) and os.path.exists(points)):
            sh([wangge, "grid", "generate", "--grids", str(n), "--only", "grids", "--out", grids,
                "--points", "1000000", "--points-out", points])
        return grids, points
    d = os.path.join(a.data, "voronoi")
    os.makedirs(d, exist_ok=True)
    grids, points = os.path.join(d, f"grids_{n}.geojson"), os.path.join(d, "points_1M.jsonl")
    if not (os.path.exists(grids) and os.path.exists(points)):
        sh([a.python, os.path.join(ROOT, "bench", "recode_layer.py"), os.path.join(a.gen, f"grids_{n}.bin"), grids,
            "--points", os.path.join(a.gen, "points_1M.bin"), "--points-out", points])
    return grids, points


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--python", default=os.path.join(ROOT, ".venv-bench", "bin", "python"))
    ap.add_argument("--gen", default=os.environ.get("BENCH_DATA", "bench-data/gen"),
                    help="directory gen_grids.py wrote")
    ap.add_argument("--data", default=os.path.join(ROOT, "bench-data"))
    ap.add_argument("--sizes", default="1358,20000,200000")
    ap.add_argument("--layers", default="sample,voronoi")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--fault-reps", type=int, default=1)
    ap.add_argument("--cov-reps", type=int, default=3)
    ap.add_argument("--skip-coverage", action="store_true")
    ap.add_argument("--wangge", help="a built wangge binary (default: build target/release/wangge)")
    a = ap.parse_args()
    wangge = a.wangge
    if not wangge:
        sh(["cargo", "build", "--release", "-p", "wangge-cli"])
        wangge = os.path.join(ROOT, "target", "release", "wangge")
    kinds = a.layers.split(",")
    tables = []
    for n in [int(s) for s in a.sizes.split(",")]:
        rows = []
        for kind in kinds:
            grids, points = files(kind, n, a, wangge)
            row = {"layer": kind, "grids": n}
            run = sh([a.python, os.path.join(ROOT, "bench", "shapely_locate.py"), "--grids", grids,
                      "--points", points, "--wangge", wangge, "--reps", str(a.reps)],
                     capture_output=True, text=True)
            for line in run.stdout.splitlines():
                print(line, flush=True)
                rec = json.loads(line)
                if rec["op"] == "best":
                    row["shapely_best_ns"] = rec["ns_per_item_median"]
                if rec["op"] == "agreement":
                    row["disagree"] = rec["disagree"]
            ident = f"{kind}-{n}"
            env = {**os.environ, "WANGGE_BENCH_SIZES": str(n), "WANGGE_BENCH_LAYER": grids,
                   "WANGGE_BENCH_POINTS": points, "WANGGE_BENCH_LABEL": kind}
            run = sh(["cargo", "bench", "-p", "wangge", "--bench", "locate", "--", "--warm-up-time", "1"], env=env,
                     stderr=subprocess.PIPE, text=True)
            for line in run.stderr.splitlines():
                if line.startswith("{"):
                    print(line, flush=True)
                    row["index_mb"] = round(json.loads(line)["index_bytes"] / 1e6, 1)
            row["batch_ns"] = criterion("locate", "batch", ident) / 1e6
            row["loop_ns"] = criterion("locate", "loop", ident) / 1e6
            row["build_s"] = criterion("locate_build", ident, "") / 1e9
            row["build_threads_s"] = criterion("locate_build_parallel", ident, "") / 1e9
            if not a.skip_coverage:
                cmd = [a.python, os.path.join(ROOT, "bench", "shapely_coverage.py"), "--wangge", wangge,
                       "--sizes", str(n), "--reps", str(a.cov_reps), "--fault-reps", str(a.fault_reps),
                       "--data", os.path.join(a.data, "coverage" if kind == "sample" else "voronoi")]
                if kind == "voronoi":
                    cmd += ["--from-gen", a.gen]
                run = sh(cmd, capture_output=True, text=True)
                for line in run.stdout.splitlines():
                    print(line, flush=True)
                    rec = json.loads(line)
                    if rec.get("check") == "coverage":
                        v = rec["variant"]
                        row[f"cov_{v}"] = (rec["coverage_invalid_edges_s"], rec["wangge_validate_s"],
                                           rec["geos_found_fault"], rec["wangge_found_fault"],
                                           rec["wangge_validate_threads_s"])
                        row["threads"] = rec["wangge_threads"]
            print(json.dumps(row), flush=True)
            rows.append(row)
        tables.append((n, rows))
        table(n, rows)


def table(n, rows):
    """The Markdown table of one size."""
    print(f"\n**{n:,} grids**\n")
    t = rows[0].get("threads", 2)
    print("| layer | locate batch (wangge / shapely best) | one-point loop | coverage, valid "
          f"(wangge 1 thread / GEOS; {t} threads) | faulted: gap / overlap / duplicate / missing "
          f"(1 thread; {t} threads) | index memory | index build (1 thread; {t} threads) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        best = r["shapely_best_ns"]
        cov = fault = "—"
        if "cov_valid" in r:
            g, w, _, _, wt = r["cov_valid"]
            cov = f"{w * 1e3:,.1f} ms / {g * 1e3:,.0f} ms = {g / w:.1f}×; {wt * 1e3:,.1f} ms = {g / wt:.1f}×"
            parts, parts_t = [], []
            for f in FAULTS:
                g, w, geos, ours, wt = r[f"cov_{f}"]
                mark = "" if geos else " (GEOS: not found)"
                mark += "" if ours else " (wangge: not found)"
                parts.append(f"{g / w:.1f}×{mark}")
                parts_t.append(f"{g / wt:.1f}×")
            fault = " / ".join(parts) + "; " + " / ".join(parts_t)
        print(f"| {r['layer']} | {r['batch_ns']:.1f} ns / {best:,.0f} ns = {best / r['batch_ns']:.0f}× "
              f"| {r['loop_ns']:.1f} ns = {best / r['loop_ns']:.1f}× | {cov} | {fault} "
              f"| {r['index_mb']} MB | {r['build_s']:.3f} s; {r['build_threads_s']:.3f} s |", flush=True)


if __name__ == "__main__":
    main()
