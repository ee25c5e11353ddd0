"""One month's indicator counts per grid: wangge (Python binding) side by side with DuckDB and polars.

    PYTHONPATH=<dir holding wangge/> python3 bench/score_compare.py [--rows 1000000] [--seed 7] [--reps 3]

Writes one seeded data set (the generator of examples/python/dask_scoring.py; 2024-02 to
2024-04, 36 grids), then counts, per grid for March 2024 (UTC+8) under the default policy:
registered, due, closed (due and closed before the month's end), on time (closed at or before
due_at), revisited, satisfied, basically satisfied — the numerators and denominators of
completion, on-time and satisfaction. wangge counts the records (`score_partial`); DuckDB
(2 threads) and polars (2 threads) run the same definitions over in-memory columns (epoch
seconds). The three results must be identical (exit 1 otherwise); the best of `--reps`
wall times is printed. Needs `duckdb` and `polars` (a scratch venv; not part of CI).
"""
import argparse
import importlib.util
import json
import os
import sys
import time
from datetime import datetime, timedelta, timezone

os.environ.setdefault("POLARS_MAX_THREADS", "2")

import duckdb  # noqa: E402
import polars as pl  # noqa: E402

import wangge  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("gen", os.path.join(HERE, "../examples/python/dask_scoring.py"))
# The example imports dask at the top; the generator does not need it.
sys.modules.setdefault("dask", type(sys)("dask"))
sys.modules.setdefault("dask.distributed", type(sys)("dask.distributed"))
sys.modules["dask.distributed"].Client = sys.modules["dask.distributed"].LocalCluster = None
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)

CST = timezone(timedelta(hours=8))
START = int(datetime(2024, 3, 1, tzinfo=CST).timestamp())
END = int(datetime(2024, 4, 1, tzinfo=CST).timestamp())
COLS = ["registered", "due", "closed", "on_time", "revisited", "satisfied", "basically_satisfied"]


def epoch(s):
    return None if s is None else int(datetime.fromisoformat(s).timestamp())


def best(f, reps):
    times, out = [], None
    for _ in range(reps):
        t = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t)
    return min(times), out


def nonzero(d):
    return {g: v for g, v in d.items() if any(v)}


SQL = f"""
SELECT grid,
  count_if(rep >= {START} AND rep < {END} AND NOT nd) AS registered,
  count_if(NOT nd AND due >= {START} AND due < {END}) AS due,
  count_if(NOT nd AND due >= {START} AND due < {END} AND closed < {END}) AS closed,
  count_if(NOT nd AND due >= {START} AND due < {END} AND closed < {END} AND closed <= due) AS on_time,
  count_if(asked AND closed >= {START} AND closed < {END}) AS revisited,
  count_if(asked AND closed >= {START} AND closed < {END} AND rating = 'satisfied') AS satisfied,
  count_if(asked AND closed >= {START} AND closed < {END} AND rating = 'basically_satisfied') AS basically_satisfied
FROM (SELECT *, status IN ('voided', 'merged') AS nd,
             rating IS NOT NULL OR contacted IS NOT NULL OR resolved IS NOT NULL AS asked FROM events)
GROUP BY grid
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()

    rows = gen.generate(args.rows, args.seed)
    request = json.dumps({"records": rows, "period": "2024-03", "by": "grid"})
    df = pl.DataFrame({
        "grid": [r["grid"] for r in rows],
        "status": [r["status"] for r in rows],
        "rep": [epoch(r["reported_at"]) for r in rows],
        "due": [epoch(r.get("due_at")) for r in rows],
        "closed": [epoch(r.get("closed_at")) for r in rows],
        "rating": [r.get("rating") for r in rows],
        "contacted": [r.get("contacted") for r in rows],
        "resolved": [r.get("resolved") for r in rows],
    }, schema_overrides={"rep": pl.Int64, "due": pl.Int64, "closed": pl.Int64, "rating": pl.Utf8,
                         "contacted": pl.Boolean, "resolved": pl.Boolean})
    mb = len(request) / 1e6

    # wangge: JSON records in (parsing included), the partial out.
    t_w, out = best(lambda: json.loads(wangge.score_partial(request)), args.reps)
    w = nonzero({g: [c[k] for k in COLS] for g, c in out["groups"].items()})

    con = duckdb.connect()
    con.execute("SET threads = 2")
    con.register("events", df)
    t_d, res = best(lambda: con.execute(SQL).fetchall(), args.reps)
    d = nonzero({r[0]: list(r[1:]) for r in res})

    win = (pl.col("due") >= START) & (pl.col("due") < END) & ~pl.col("nd")
    rev = pl.col("asked") & (pl.col("closed") >= START) & (pl.col("closed") < END)
    plan = (df.lazy()
            .with_columns(nd=pl.col("status").is_in(["voided", "merged"]),
                          asked=pl.col("rating").is_not_null() | pl.col("contacted").is_not_null()
                          | pl.col("resolved").is_not_null())
            .group_by("grid")
            .agg(registered=((pl.col("rep") >= START) & (pl.col("rep") < END) & ~pl.col("nd")).sum(),
                 due=win.sum(),
                 closed=(win & (pl.col("closed") < END)).fill_null(False).sum(),
                 on_time=(win & (pl.col("closed") < END) & (pl.col("closed") <= pl.col("due"))).fill_null(False).sum(),
                 revisited=rev.fill_null(False).sum(),
                 satisfied=(rev & (pl.col("rating") == "satisfied")).fill_null(False).sum(),
                 basically_satisfied=(rev & (pl.col("rating") == "basically_satisfied")).fill_null(False).sum()))
    t_p, res = best(lambda: plan.collect(), args.reps)
    p = nonzero({r["grid"]: [int(r[k]) for k in COLS] for r in res.iter_rows(named=True)})

    same = w == d == p
    due = sum(v[1] for v in w.values())
    print(f"{args.rows} rows ({mb:.0f} MB of JSON), {len(w)} grids, {due} due in 2024-03")
    print(f"wangge {wangge.version()} score_partial (JSON records in): {t_w:.3f} s")
    print(f"duckdb {duckdb.__version__} (2 threads, in-memory columns): {t_d:.3f} s")
    print(f"polars {pl.__version__} ({pl.thread_pool_size()} threads, in-memory columns): {t_p:.3f} s")
    print("identical" if same else "DIFFERENT")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
