#!/usr/bin/env python3
"""Coverage validation: wangge vs shapely (GEOS), same files, same machine, same run.

For each size N the script writes, with the project's own generator,

    grids_N.geojson            wangge grid generate --grids N --only grids
    grids_N_<fault>.geojson    ... --fault <fault> --fault-out grids_N_<fault>.fault.json

for the faults gap (0.5 m sliver), overlap (0.5 m), duplicate and missing (an interior grid
removed), then times on each file

    shapely.coverage_invalid_edges(polygons)    (GEOS CoverageValidator, gap_width = 0)
    shapely.coverage_is_valid(polygons)
    wangge grid validate FILE --timing --repeat R   (validation only, file reading excluded)

and records whether each tool found the fault: GEOS "found" it when the coverage is reported
invalid and (for faults that keep the broken grid) one of the grids involved has invalid
edges; wangge when a violation of the expected kind names one of the grids involved (for a
missing grid: any gap). Timings are medians of --reps runs (faulted files: one run each
unless --fault-reps is given), each tool repeating the call in one process on data already
in memory. Every measurement is printed as one JSON line; the last lines
are the side-by-side summary with the ratio shapely / wangge per size.

Set-up (a Python venv with numpy and shapely ≥ 2.1):

    python3 -m venv .venv-bench
    .venv-bench/bin/pip install numpy "shapely>=2.1"
    cargo build --release -p wangge-cli
    .venv-bench/bin/python bench/shapely_coverage.py --sizes 1358,20000,200000

Options: --wangge PATH (default target/release/wangge), --data DIR (default
bench-data/coverage), --reps N (default 3), --fault-reps N (default 1), --seed S (default 1),
--sizes LIST.

Another kind of layer: ``--from-gen DIR`` takes the layers `../shared/data/gen_grids.py`
wrote into DIR (``grids_N.bin`` and its faulted copies ``grids_N_{gap,overlap,dup,hole}.bin``,
which cells each fault touched in ``grids_N.json``) instead of the sample county, recoded
to 15-digit grid codes by `bench/recode_layer.py` into --data (once). The summary lines
then carry ``"layer": "voronoi"``.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np
import shapely

FAULTS = {
    # fault: wangge kinds that count as finding it
    "gap": {"gap"},
    "overlap": {"overlap", "outside_parent"},
    "duplicate": {"duplicate"},
    "missing": {"gap"},
}


def emit(record):
    print(json.dumps(record, ensure_ascii=False), flush=True)


def generate(wangge, n, seed, data, fault=None):
    name = f"grids_{n}" + (f"_{fault}" if fault else "")
    path = os.path.join(data, name + ".geojson")
    fault_path = os.path.join(data, name + ".fault.json")
    if not os.path.exists(path):
        cmd = [wangge, "grid", "generate", "--grids", str(n), "--seed", str(seed),
               "--only", "grids", "--out", path]
        if fault:
            cmd += ["--fault", fault, "--fault-out", fault_path]
        subprocess.run(cmd, check=True)
    record = None
    if fault:
        with open(fault_path) as f:
            record = json.load(f)
    return path, record


GEN_FAULTS = {"gap": "gap", "overlap": "overlap", "duplicate": "dup", "missing": "hole"}


def from_gen(gen, n, data, fault=None):
    """A layer of gen_grids.py recoded into `data`; the fault record as `generate` writes it."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import recode_layer

    suffix = f"_{GEN_FAULTS[fault]}" if fault else ""
    path = os.path.join(data, f"grids_{n}{suffix}.geojson")
    if not os.path.exists(path):
        src = os.path.join(gen, f"grids_{n}{suffix}.bin")
        count, offs, coords = recode_layer.read_grids(src)
        recode_layer.write_layer(count, offs, coords, path + ".part")
        os.replace(path + ".part", path)
    record = None
    if fault:
        with open(os.path.join(gen, f"grids_{n}.json")) as f:
            info = json.load(f)["faults"][GEN_FAULTS[fault]]
        cells = [info[k] for k in ("cell", "neighbour", "duplicate_id") if k in info and fault != "missing"]
        record = {"codes": [recode_layer.grid_code(i) for i in cells]}
    return path, record


def load_polygons(path):
    """The features' polygons (shapely) and their codes, in file order."""
    with open(path) as f:
        fc = json.load(f)
    geoms, codes = [], []
    for feat in fc["features"]:
        g = feat["geometry"]
        if g["type"] == "Polygon":
            rings = [np.asarray(r, dtype=float) for r in g["coordinates"]]
            geoms.append(shapely.polygons(rings[0], holes=rings[1:] or None))
        else:
            geoms.append(shapely.geometry.shape(g))
        codes.append(feat["properties"]["code"])
    return np.array(geoms, dtype=object), codes


def median_time(fn, reps):
    times, result = [], None
    for _ in range(reps):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


# Threads for wangge's second timing: the machine's cores.
THREADS = os.cpu_count() or 1


def run_wangge(wangge, path, reps, threads=1):
    """Median validation time of `reps` runs in one process (file reading excluded), like
    the shapely timings, which repeat the call on geometries already in memory; `threads`
    check the geometries (GEOS uses one)."""
    p = subprocess.run([wangge, "grid", "validate", path, "--timing", "--repeat", str(reps),
                        "--threads", str(threads)],
                       capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"wangge failed on {path}: {p.stdout} {p.stderr}")
    timing = json.loads(p.stderr.strip().splitlines()[-1])
    return timing["validate_s"], json.loads(p.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wangge", default="target/release/wangge")
    ap.add_argument("--data", default="bench-data/coverage")
    ap.add_argument("--sizes", default="1358,20000,200000")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--fault-reps", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--from-gen", help="directory written by gen_grids.py: use its layers")
    a = ap.parse_args()
    layer_kind = "voronoi" if a.from_gen else "sample"
    os.makedirs(a.data, exist_ok=True)
    tool = f"shapely {shapely.__version__} / GEOS {'.'.join(map(str, shapely.geos_version))}"
    summary = []
    for n in [int(s) for s in a.sizes.split(",")]:
        variants = [(None, None)] + [(f, None) for f in FAULTS]
        times = {}
        for fault, _ in variants:
            if a.from_gen:
                path, record = from_gen(a.from_gen, n, a.data, fault)
            else:
                path, record = generate(a.wangge, n, a.seed, a.data, fault)
            geoms, codes = load_polygons(path)
            reps = a.reps if fault is None else a.fault_reps
            variant = fault or "valid"
            t_edges, edges = median_time(lambda: shapely.coverage_invalid_edges(geoms), reps)
            t_valid, ok = median_time(lambda: shapely.coverage_is_valid(geoms), reps)
            flagged = {codes[i] for i in np.nonzero(~shapely.is_empty(edges) & ~shapely.is_missing(edges))[0]}
            t_ours, report = run_wangge(a.wangge, path, reps)
            t_ours_mt, report_mt = run_wangge(a.wangge, path, reps, THREADS)
            if report_mt != report:
                sys.exit(f"wangge on {THREADS} threads reported differently on {path}")
            if record is None:
                geos_found = wangge_found = None
                geos_ok, ours_ok = bool(ok), report["valid"]
            else:
                involved = set(record["codes"])
                want = FAULTS[fault]
                geos_found = (not ok) and (fault == "missing" or bool(flagged & involved))
                wangge_found = any(
                    v["kind"] in want and (fault == "missing" or involved & set(v["codes"]))
                    for v in report["violations"])
                geos_ok, ours_ok = bool(ok), report["valid"]
            times[variant] = (t_edges, t_valid, t_ours)
            emit({"check": "coverage", "layer": layer_kind, "n": n, "variant": variant, "tool": tool,
                  "coverage_invalid_edges_s": round(t_edges, 4),
                  "coverage_is_valid_s": round(t_valid, 4),
                  "geos_valid": geos_ok, "geos_polygons_flagged": len(flagged),
                  "geos_found_fault": geos_found,
                  "wangge_validate_s": round(t_ours, 4), "wangge_valid": ours_ok,
                  "wangge_threads": THREADS, "wangge_validate_threads_s": round(t_ours_mt, 4),
                  "wangge_violations": len(report["violations"]),
                  "wangge_found_fault": wangge_found,
                  "reps": reps})
        t_edges, t_valid, t_ours = times["valid"]
        summary.append({"summary": "coverage", "layer": layer_kind, "n": n,
                        "shapely_coverage_invalid_edges_s": round(t_edges, 4),
                        "shapely_coverage_is_valid_s": round(t_valid, 4),
                        "wangge_validate_s": round(t_ours, 4),
                        "ratio_invalid_edges": round(t_edges / t_ours, 1),
                        "ratio_is_valid": round(t_valid / t_ours, 1)})
    for s in summary:
        emit(s)


if __name__ == "__main__":
    main()
