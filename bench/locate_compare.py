#!/usr/bin/env python3
"""Point location, wangge against shapely, side by side in one run on the same files.

    python3 bench/locate_compare.py --python .venv-bench/bin/python [--sizes 1358,20000,200000]

1. builds `wangge` (release) and writes, per size, the grids and 1,000,000 sample points
   with `wangge grid generate --grids N --only grids --points 1000000` (seed 1) into
   `--data` (default `bench-data/`), unless already there;
2. runs `bench/shapely_locate.py` on them (STRtree build, the best pipeline — bbox query +
   prepared `contains_xy`, vectorised — and `query(predicate="within")`), which also checks
   that shapely and `wangge grid locate` agree on every point off the boundaries;
3. runs `cargo bench -p wangge --bench locate` (the same grids and points, from the same
   generator) and reads criterion's medians;
4. prints one JSON line per size with ns/point on both sides and the ratios, and a
   Markdown table.

`--python` is an interpreter with numpy and shapely (see `bench/shapely_locate.py`).
"""

import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sh(cmd, **kw):
    print("+", " ".join(cmd), file=sys.stderr, flush=True)
    return subprocess.run(cmd, cwd=ROOT, check=True, **kw)


def criterion_ns(group, bench, n, items):
    path = os.path.join(ROOT, "target", "criterion", group, bench, str(n), "new", "estimates.json")
    with open(path) as f:
        est = json.load(f)
    return est["median"]["point_estimate"] / items


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--python", default=os.path.join(ROOT, ".venv-bench", "bin", "python"))
    ap.add_argument("--sizes", default="1358,20000,200000")
    ap.add_argument("--data", default=os.path.join(ROOT, "bench-data"))
    ap.add_argument("--reps", type=int, default=5)
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    os.makedirs(a.data, exist_ok=True)
    sh(["cargo", "build", "--release", "-p", "wangge-cli"])
    wangge = os.path.join(ROOT, "target", "release", "wangge")
    shapely = {}
    for n in sizes:
        grids = os.path.join(a.data, f"grids_{n}.geojson")
        points = os.path.join(a.data, f"points_{n}.jsonl")
        if not (os.path.exists(grids) and os.path.exists(points)):
            sh([wangge, "grid", "generate", "--grids", str(n), "--only", "grids", "--out", grids,
                "--points", "1000000", "--points-out", points])
        run = sh([a.python, os.path.join(ROOT, "bench", "shapely_locate.py"), "--grids", grids,
                  "--points", points, "--wangge", wangge, "--reps", str(a.reps)],
                 capture_output=True, text=True)
        for line in run.stdout.splitlines():
            rec = json.loads(line)
            print(line, flush=True)
            shapely[(n, rec["op"])] = rec
    sh(["cargo", "bench", "-p", "wangge", "--bench", "locate"],
       env={**os.environ, "WANGGE_BENCH_SIZES": ",".join(map(str, sizes))})
    rows = []
    for n in sizes:
        best = shapely[(n, "best")]["ns_per_item_median"]
        within = shapely[(n, "within")]["ns_per_item_median"]
        batch = criterion_ns("locate", "batch", n, 1_000_000)
        loop = criterion_ns("locate", "loop", n, 1_000_000)
        rec = {"grids": n, "wangge_batch_ns": round(batch, 1), "wangge_loop_ns": round(loop, 1),
               "shapely_best_ns": best, "shapely_within_ns": within,
               "ratio_best_over_batch": round(best / batch, 1), "ratio_best_over_loop": round(best / loop, 1),
               "ratio_within_over_batch": round(within / batch, 1)}
        print(json.dumps(rec), flush=True)
        rows.append(rec)
    print("\n| grids | wangge batch | wangge loop | shapely best | shapely within | best ÷ batch | best ÷ loop |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['grids']:,} | {r['wangge_batch_ns']} ns | {r['wangge_loop_ns']} ns | {r['shapely_best_ns']} ns "
              f"| {r['shapely_within_ns']} ns | {r['ratio_best_over_batch']}× | {r['ratio_best_over_loop']}× |")


if __name__ == "__main__":
    main()
