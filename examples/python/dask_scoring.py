"""Province scale: score a partitioned case history on Dask, merge the partials, score once.

Each partition's case records are counted into a partial (`score_partial`) on a Dask
worker; the partials are merged by a tree reduction (`score_merge`, associative and
commutative), and the merged partial is scored once (`score_from_partial`). The result
must equal `score_compute` on all the records in one process, for every grouping tried.

    PYTHONPATH=<dir holding wangge/> python3 dask_scoring.py [--rows 6000] [--partitions 8] [--seed 7]

Needs `dask[distributed]` (CI pins it in a venv of the tool cache). Exits 1 on any
difference.
"""
import argparse
import json
import random
import sys
from datetime import datetime, timedelta, timezone

import dask
from dask.distributed import Client, LocalCluster

import wangge

CST = timezone(timedelta(hours=8))
PERIOD = "2024-03"
POLICY = "seed002"


def generate(rows, seed):
    """Seeded case records spread over February–April 2024 in 3 towns × 3 communities × 4 grids."""
    rnd = random.Random(seed)
    start = datetime(2024, 2, 1, tzinfo=CST)
    out = []
    for n in range(rows):
        grid = f"371323{100 + rnd.randrange(3):03d}{201 + rnd.randrange(3):03d}{1 + rnd.randrange(4):03d}"
        reported = start + timedelta(minutes=rnd.randrange(89 * 24 * 60))
        due = reported + timedelta(hours=rnd.choice([4, 24, 72, 120, 240]))
        status = rnd.choices(
            ["closed", "in_progress", "assigned", "voided", "merged", "suspended"],
            weights=[70, 10, 10, 4, 2, 4],
        )[0]
        r = {
            "id": f"C{n:07d}",
            "grid": grid,
            "worker": f"w{rnd.randrange(40):02d}",
            "category": rnd.choice(["市容环境", "矛盾纠纷", "安全隐患", "公共设施"]),
            "class": rnd.choice(["event", "event", "event", "component"]),
            "urgency": rnd.choice(["routine", "routine", "important", "urgent"]),
            "tier": rnd.choice(["t1", "t2", "t3"]),
            "source": rnd.choice(["patrol", "patrol", "resident", "hotline", "sensor"]),
            "reported_at": reported.isoformat(),
            "due_at": due.isoformat(),
            "status": status,
            "rework": rnd.choice([0, 0, 0, 0, 1, 2]),
            "supervision": rnd.choice(["none"] * 6 + ["normal", "yellow", "red"]),
            "leader_assigned": rnd.random() < 0.05,
            "deferred": rnd.random() < 0.03,
        }
        if status == "closed":
            r["closed_at"] = (reported + timedelta(hours=rnd.uniform(1, 300))).replace(microsecond=0).isoformat()
            rating = rnd.choice([None, "satisfied", "satisfied", "basically_satisfied", "unsatisfied"])
            if rating:
                r["rating"] = rating
                r["contacted"] = True
                r["resolved"] = rnd.random() < 0.85
        out.append(r)
    return out


def partial(rows, by):
    """One partition's partial (runs on a worker)."""
    return wangge.score_partial(json.dumps({"policy": POLICY, "records": rows, "period": PERIOD, "by": by}))


def merge(*partials):
    """Merges partials given as JSON texts into one JSON text (runs on a worker)."""
    return wangge.score_merge(json.dumps({"partials": [json.loads(p) for p in partials]}))


def tree_merge(parts, fan_in=2):
    """A tree reduction of delayed partials: log(n) levels of `fan_in`-way merges."""
    level = list(parts)
    while len(level) > 1:
        level = [dask.delayed(merge)(*level[i:i + fan_in]) for i in range(0, len(level), fan_in)]
    return level[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=6000)
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--processes", action="store_true", help="workers as processes (default: threads)")
    args = ap.parse_args()

    rows = generate(args.rows, args.seed)
    size = -(-len(rows) // args.partitions)
    partitions = [rows[i:i + size] for i in range(0, len(rows), size)]
    failures = 0
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=args.processes,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        for by, sheet in [("grid", "jinhua_unit"), ("town", None), ("worker", None), ("class", None)]:
            scattered = client.scatter(partitions)
            parts = [dask.delayed(partial)(p, by) for p in scattered]
            merged = json.loads(client.compute(tree_merge(parts)).result())
            request = {"policy": POLICY, "partial": merged}
            if sheet:
                request["sheet"] = sheet
            distributed = json.loads(wangge.score_from_partial(json.dumps(request)))

            whole = {"policy": POLICY, "records": rows, "period": PERIOD, "by": by}
            if sheet:
                whole["sheet"] = sheet
            one_process = json.loads(wangge.score_compute(json.dumps(whole)))
            one_partial = json.loads(partial(rows, by))

            same = distributed == one_process and merged == one_partial
            failures += not same
            units = distributed["units"]
            due = sum(u["indicators"]["completion"]["denominator"] or 0 for u in units)
            print(f"by {by:6}: {len(partitions)} partitions on {len(client.scheduler_info()['workers'])} workers, "
                  f"{len(units)} units, {due} due, sheet {sheet or '-'}: "
                  f"{'identical to the one-process run' if same else 'DIFFERENT from the one-process run'}")
            if sheet and same:
                best = min((u for u in units if u["rank"]), key=lambda u: u["rank"], default=None)
                if best:
                    print(f"         first: {best['unit']} total {best['total']} "
                          f"(completion {best['indicators']['completion']['display']})")
            if due == 0:
                print("         nothing due: the data set does not exercise the indicators")
                failures += 1
    print(f"{4 - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
