"""A year's monthly counters per worker over 10 M events: wangge, DuckDB and polars side by side.

    python3 ../shared/data/gen_events.py 10000000 --out $BENCH_DATA/events_10M
    cargo build --profile bench -p wangge --bench score_columns
    python3 bench/score_columns_compare.py --data $BENCH_DATA/events_10M [--reps 5]

The data is `../shared/data/gen_events.py`'s (10 M events of 2025, 16,000 workers; the
parquet file for DuckDB and polars, the raw columns for wangge). Each event is a case of its
worker: due 72 / 24 / 4 h after it was reported (tier 1 / 2 / 3; tier 3 is urgent), closed
at its close time if it has one, rated 4–5 satisfied, 3 basically satisfied, 1–2
unsatisfied. For each month of 2025 (naive Beijing time = UTC+8) and each worker, every
engine counts wangge's indicator inputs, each anchored on its own instant:

- by the month the case was **reported** in: registered, and of them closed before the
  month's end, and closed on time;
- by the month it was **due** in: due, closed before the month's end, on time (closed at or
  before the deadline), and the same three for urgent cases;
- by the month it was **closed** in, when rated: revisited, satisfied, basically satisfied,
  unsatisfied.

wangge counts from in-memory columns (`Partial::periods_from_columns`, one pass over the
rows for the twelve months) on 1 and 2 threads; DuckDB (2 threads) from a native table
loaded from the parquet file, polars (2 threads) from an in-memory frame. Loading is not
timed. The three results must be identical (exit 1 otherwise). Needs `duckdb`, `polars`,
`pyarrow` (a scratch venv; not part of CI).
"""
import argparse
import json
import os
import subprocess
import sys
import time

os.environ.setdefault("POLARS_MAX_THREADS", "2")

import duckdb  # noqa: E402
import polars as pl  # noqa: E402

FIELDS = ["registered", "registered_closed", "registered_on_time", "due", "closed", "on_time",
          "due_urgent", "closed_urgent", "on_time_urgent", "revisited", "satisfied",
          "basically_satisfied", "unsatisfied"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SQL = """
WITH e AS (
  SELECT worker_id AS w, report_ts AS r, close_ts AS c, satisfaction AS s, tier = 3 AS urgent,
         report_ts + (CASE tier WHEN 1 THEN 72 WHEN 2 THEN 24 ELSE 4 END) * INTERVAL 1 HOUR AS d
  FROM events),
reg AS (
  SELECT w, month(r) AS m, count(*) AS registered,
         count_if(c < date_trunc('month', r) + INTERVAL 1 MONTH) AS registered_closed,
         count_if(c < date_trunc('month', r) + INTERVAL 1 MONTH AND c <= d) AS registered_on_time
  FROM e WHERE year(r) = 2025 GROUP BY ALL),
due AS (
  SELECT w, month(d) AS m, count(*) AS due,
         count_if(c < date_trunc('month', d) + INTERVAL 1 MONTH) AS closed,
         count_if(c < date_trunc('month', d) + INTERVAL 1 MONTH AND c <= d) AS on_time,
         count_if(urgent) AS due_urgent,
         count_if(urgent AND c < date_trunc('month', d) + INTERVAL 1 MONTH) AS closed_urgent,
         count_if(urgent AND c < date_trunc('month', d) + INTERVAL 1 MONTH AND c <= d) AS on_time_urgent
  FROM e WHERE year(d) = 2025 GROUP BY ALL),
rev AS (
  SELECT w, month(c) AS m, count(*) AS revisited, count_if(s >= 4) AS satisfied,
         count_if(s = 3) AS basically_satisfied, count_if(s <= 2) AS unsatisfied
  FROM e WHERE s IS NOT NULL AND year(c) = 2025 GROUP BY ALL)
SELECT w AS worker_id, m AS month, {cols}
FROM reg FULL JOIN due USING (w, m) FULL JOIN rev USING (w, m)
""".format(cols=", ".join(f"coalesce({f}, 0) AS {f}" for f in FIELDS))


def polars_plan(lf):
    c, d = pl.col("close_ts"), pl.col("d")
    lim = (pl.when(pl.col("tier") == 1).then(72).when(pl.col("tier") == 2).then(24).otherwise(4)
           * 3_600_000_000)
    e = lf.with_columns(d=pl.col("report_ts") + pl.duration(microseconds=lim),
                        urgent=pl.col("tier") == 3)
    end = lambda t: t.dt.truncate("1mo").dt.offset_by("1mo")  # noqa: E731
    reg = (e.filter(pl.col("report_ts").dt.year() == 2025)
           .with_columns(m=pl.col("report_ts").dt.month(), closed=(c < end(pl.col("report_ts"))).fill_null(False))
           .group_by("worker_id", "m")
           .agg(registered=pl.len(), registered_closed=pl.col("closed").sum(),
                registered_on_time=(pl.col("closed") & (c <= d)).sum()))
    due = (e.filter(d.dt.year() == 2025)
           .with_columns(m=d.dt.month(), closed=(c < end(d)).fill_null(False))
           .with_columns(on_time=pl.col("closed") & (c <= d).fill_null(False))
           .group_by("worker_id", "m")
           .agg(due=pl.len(), closed=pl.col("closed").sum(), on_time=pl.col("on_time").sum(),
                due_urgent=pl.col("urgent").sum(), closed_urgent=(pl.col("urgent") & pl.col("closed")).sum(),
                on_time_urgent=(pl.col("urgent") & pl.col("on_time")).sum()))
    s = pl.col("satisfaction")
    rev = (e.filter(s.is_not_null() & (c.dt.year() == 2025))
           .with_columns(m=c.dt.month())
           .group_by("worker_id", "m")
           .agg(revisited=pl.len(), satisfied=(s >= 4).sum(), basically_satisfied=(s == 3).sum(),
                unsatisfied=(s <= 2).sum()))
    return (reg.join(due, on=["worker_id", "m"], how="full", coalesce=True)
            .join(rev, on=["worker_id", "m"], how="full", coalesce=True)
            .rename({"m": "month"})
            .with_columns([pl.col(f).fill_null(0) for f in FIELDS]))


def canon(df):
    """A frame of (worker, month) → counters, sorted, as plain int64 columns."""
    return (df.select([pl.col("worker_id").cast(pl.Int64), pl.col("month").cast(pl.Int64)]
                      + [pl.col(f).cast(pl.Int64) for f in FIELDS])
            .sort("worker_id", "month"))


def best(f, reps):
    times, out = [], None
    for _ in range(reps):
        t = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t)
    return min(times), out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, help="gen_events.py's --out (DIR and DIR.parquet)")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--bench", default=None, help="the score_columns bench binary (default: cargo bench)")
    args = ap.parse_args()

    out_csv = os.path.join(os.environ.get("TMPDIR", "/tmp"), "wangge_score_columns.csv")
    cmd = ([args.bench, args.data, str(args.reps), out_csv] if args.bench else
           ["cargo", "bench", "-q", "-p", "wangge", "--bench", "score_columns", "--",
            args.data, str(args.reps), out_csv])
    lines = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    wangge = [json.loads(l) for l in lines.splitlines() if l.startswith("{")]
    w = canon(pl.read_csv(out_csv))

    con = duckdb.connect()
    con.execute("SET threads = 2")
    con.execute(f"CREATE TABLE events AS SELECT * FROM read_parquet('{args.data}.parquet')")
    t_d, res = best(lambda: con.sql(SQL).pl(), args.reps)
    d = canon(res)

    df = pl.read_parquet(f"{args.data}.parquet")
    plan = polars_plan(df.lazy())
    t_p, res = best(lambda: plan.collect(), args.reps)
    p = canon(res)

    same = w.equals(d) and w.equals(p)
    rows = df.height
    print(f"{rows:,} events, {w.height:,} worker-months, {int(w['due'].sum()):,} due, "
          f"{int(w['revisited'].sum()):,} revisited; results {'identical' if same else 'DIFFERENT'}")
    print("| engine | threads | best of %d | vs DuckDB |" % args.reps)
    print("|---|---:|---:|---:|")
    for r in wangge:
        print(f"| {r['tool']} `periods_from_columns` | {r['threads']} | {r['s']:.3f} s | {t_d / r['s']:.1f}× |")
    print(f"| DuckDB {duckdb.__version__} (native table) | 2 | {t_d:.3f} s | 1.0× |")
    print(f"| polars {pl.__version__} (in-memory frame) | {pl.thread_pool_size()} | {t_p:.3f} s | {t_d / t_p:.1f}× |")
    if not same:
        for name, other in (("duckdb", d), ("polars", p)):
            if not w.equals(other):
                print(f"wangge vs {name}: {w.height} vs {other.height} rows", file=sys.stderr)
                j = w.join(other, on=["worker_id", "month"], how="full", suffix="_o")
                print(j.filter(pl.any_horizontal([pl.col(f) != pl.col(f + "_o") for f in FIELDS])
                               | pl.col("worker_id").is_null() | pl.col("worker_id_o").is_null()).head(5),
                      file=sys.stderr)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
