#!/usr/bin/env python3
"""Builds core/data/holidays/cn.json, the bundled official holiday data.

Sources (all MIT-licensed, fetched from the package registries with their ordinary
clients, pinned to exact versions):

* npm ``holiday-calendar`` — one JSON file per notice year (``data/CN/<year>.json``), dates
  typed ``public_holiday`` / ``transfer_workday``. Primary source: its files follow the
  State Council notice year, so December dates set by next year's notice sit in next year.
* npm ``chinese-days`` — per calendar year ``holidays`` / ``workdays`` maps. Cross-check.
* PyPI ``chinesecalendar`` — ``holidays`` / ``workdays`` dicts in ``constants.py``.
  Cross-check.

For every year the three sources must agree date by date (rest day or make-up working
day); any disagreement stops the build unless ``notices.toml`` explains it. The notice
titles (and addresses where known) come from ``notices.toml``.

Usage::

    python3 scripts/holidays/build.py            # fetch (cached in out/holidays-cache), check, write
    python3 scripts/holidays/build.py --check    # fail if cn.json differs from a fresh build

Needs python3 (3.11+ for tomllib), npm and pip on PATH; no third-party Python module.
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import json
import os
import subprocess
import sys
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(ROOT, "core", "data", "holidays", "cn.json")
CACHE = os.path.join(ROOT, "out", "holidays-cache")

NPM_PRIMARY = ("chinese-days", "1.5.7")
NPM_CHECK = ("holiday-calendar", "1.3.3")
PYPI_CHECK = ("chinesecalendar", "1.11.0")

FIRST_YEAR = 2007

# Canonical order of festival names, used to name a block that joins two festivals
# ("中秋节、国庆节") the way the notices do.
ORDER = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节", "抗战胜利纪念日"]
CANON = {
    "元旦": "元旦",
    "春节": "春节",
    "清明": "清明节",
    "清明节": "清明节",
    "劳动节": "劳动节",
    "端午": "端午节",
    "端午节": "端午节",
    "中秋": "中秋节",
    "中秋节": "中秋节",
    "国庆": "国庆节",
    "国庆节": "国庆节",
}


def canon(name: str) -> tuple[str, ...]:
    """A source's festival name → canonical names ("国庆节和中秋节" → 中秋节, 国庆节)."""
    name = name.strip().removesuffix("补班").removesuffix("调休").strip()
    if "抗日战争" in name or "反法西斯" in name or "抗战" in name:
        return ("抗战胜利纪念日",)
    parts = [p.strip() for p in name.replace("和", "、").split("、") if p.strip()]
    for p in parts:
        if p not in CANON:
            raise SystemExit(f"unknown festival name {name!r}: add it to CANON")
    return tuple(sorted({CANON[p] for p in parts}, key=ORDER.index))


def run(cmd: list[str], cwd: str) -> None:
    print("$", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def fetch() -> dict[str, str]:
    """Downloads the pinned packages (once) and returns their unpacked directories."""
    os.makedirs(CACHE, exist_ok=True)
    dirs = {}
    for name, version in (NPM_PRIMARY, NPM_CHECK):
        tgz = os.path.join(CACHE, f"{name}-{version}.tgz")
        if not os.path.exists(tgz):
            run(["npm", "pack", f"{name}@{version}", "--silent"], CACHE)
        dest = os.path.join(CACHE, f"{name}-{version}")
        if not os.path.isdir(dest):
            os.makedirs(dest)
            run(["tar", "xzf", tgz, "-C", dest], CACHE)
        dirs[name] = os.path.join(dest, "package")
    name, version = PYPI_CHECK
    wheels = glob.glob(os.path.join(CACHE, f"{name}-{version}-*.whl"))
    if not wheels:
        run(
            ["pip", "download", "--no-deps", "--only-binary", ":all:", "-d", CACHE, f"{name}=={version}"],
            CACHE,
        )
        wheels = glob.glob(os.path.join(CACHE, f"{name}-{version}-*.whl"))
    dirs[name] = wheels[0]
    return dirs


def load_holiday_calendar(pkg: str) -> dict[str, bool]:
    """holiday-calendar: {date: is_off} over every notice year it ships."""
    out = {}
    for path in sorted(glob.glob(os.path.join(pkg, "data", "CN", "[0-9][0-9][0-9][0-9].json"))):
        doc = json.load(open(path, encoding="utf-8"))
        for d in doc["dates"]:
            kind = d["type"]
            if kind not in ("public_holiday", "transfer_workday"):
                raise SystemExit(f"{path}: unknown type {kind!r}")
            out[d["date"]] = kind == "public_holiday"
    return out


def load_chinese_days(pkg: str) -> dict[str, tuple[bool, tuple[str, ...]]]:
    """chinese-days: {date: (is_off, festival names)} over every calendar year it ships.

    Names are "English,中文,days" strings; the Chinese part is kept.
    """
    out = {}
    for path in sorted(glob.glob(os.path.join(pkg, "dist", "years", "[0-9]*.json"))):
        doc = json.load(open(path, encoding="utf-8"))
        for key, is_off in (("holidays", True), ("workdays", False)):
            for date, label in doc[key].items():
                if date in out and out[date][0] != is_off:
                    raise SystemExit(f"chinese-days: {date} is both rest and work")
                out[date] = (is_off, canon(label.split(",")[1]))
    return out


def load_chinesecalendar(wheel: str) -> dict[str, bool]:
    """chinesecalendar: {date: is_off}, imported from the wheel without installing it."""
    sys.path.insert(0, wheel)
    try:
        from chinese_calendar import constants  # type: ignore
    finally:
        sys.path.pop(0)
    out = {}
    for d in constants.holidays:
        out[d.isoformat()] = True
    for d in constants.workdays:
        out[d.isoformat()] = False
    return out


def notice_year(date: str, names: tuple[str, ...]) -> int:
    """The notice that governs a listed date: December dates of the New Year block belong
    to the next year's notice (2007-12-29..31 are set by the 2008 notice)."""
    y, m = int(date[:4]), int(date[5:7])
    return y + 1 if m == 12 and "元旦" in names else y


def working(table: dict, date: str) -> bool:
    """Whether a source makes a date a working day (listed rest/work, else Mon–Fri)."""
    v = table.get(date)
    if v is None:
        return dt.date.fromisoformat(date).weekday() < 5
    return not (v[0] if isinstance(v, tuple) else v)


def spans(dates: list[str]) -> list[str]:
    """Sorted ISO dates → ["A..B" for runs of consecutive days, "A" for single days]."""
    out = []
    run_start = prev = None
    for s in sorted(dates):
        d = dt.date.fromisoformat(s)
        if prev is not None and d == prev + dt.timedelta(days=1):
            prev = d
            continue
        if run_start is not None:
            out.append(fmt_span(run_start, prev))
        run_start = prev = d
    if run_start is not None:
        out.append(fmt_span(run_start, prev))
    return out


def fmt_span(a: dt.date, b: dt.date) -> str:
    return a.isoformat() if a == b else f"{a.isoformat()}..{b.isoformat()}"


def group_year(days: dict[str, tuple[bool, tuple[str, ...]]]) -> list[dict]:
    """One year's dates → festival groups {name, off: [spans], work: [spans]}.

    Consecutive rest days form a block; a block named by several festivals (2017's
    中秋节、国庆节) takes the joined name. Make-up days join the group of their festival.
    """
    off = sorted(d for d, (is_off, _) in days.items() if is_off)
    blocks: list[list[str]] = []
    for s in off:
        if blocks and dt.date.fromisoformat(s) == dt.date.fromisoformat(blocks[-1][-1]) + dt.timedelta(days=1):
            blocks[-1].append(s)
        else:
            blocks.append([s])
    groups: dict[str, dict] = {}
    member: dict[str, str] = {}
    for block in blocks:
        names = sorted({n for s in block for n in days[s][1]}, key=ORDER.index)
        name = "、".join(names)
        g = groups.setdefault(name, {"name": name, "off": [], "work": []})
        g["off"].extend(block)
        for n in names:
            member.setdefault(n, name)
    for s, (is_off, name) in sorted(days.items()):
        if is_off:
            continue
        gname = next((member[n] for n in name if n in member), None)
        if gname is None:
            gname = "、".join(name)
            groups.setdefault(gname, {"name": gname, "off": [], "work": []})
        groups[gname]["work"].append(s)
    out = []
    for g in groups.values():
        out.append({"name": g["name"], "off": spans(g["off"]), "work": spans(g["work"])})
    out.sort(key=lambda g: min(s.split("..")[0] for s in (g["off"] or g["work"])))
    return out


def build() -> str:
    dirs = fetch()
    primary = load_chinese_days(dirs[NPM_PRIMARY[0]])
    checks = {
        f"pypi {PYPI_CHECK[0]}=={PYPI_CHECK[1]}": load_chinesecalendar(dirs[PYPI_CHECK[0]]),
        f"npm {NPM_CHECK[0]}@{NPM_CHECK[1]}": load_holiday_calendar(dirs[NPM_CHECK[0]]),
    }
    meta = tomllib.load(open(os.path.join(HERE, "notices.toml"), "rb"))
    notices = meta["years"]
    accepted = {(d["source"], d["date"]) for d in meta.get("differences", [])}
    by_year: dict[int, dict] = {}
    for date, v in primary.items():
        by_year.setdefault(notice_year(date, v[1]), {})[date] = v
    last = max(by_year)
    problems = []
    years = []
    for year in range(FIRST_YEAR, last + 1):
        days = by_year.get(year)
        if not days:
            problems.append(f"{year}: no data in the primary source")
            continue
        # Every date from the first listed date of this notice to the year's end must be
        # a working day in every source exactly when it is one in the primary.
        first = dt.date.fromisoformat(min(min(days), f"{year}-01-01"))
        d = first
        while d.year <= year:
            iso = d.isoformat()
            want = working(primary, iso)
            for src, table in checks.items():
                if working(table, iso) != want and (src, iso) not in accepted:
                    problems.append(f"{iso}: {src} says working={not want}, primary says {want}")
            d += dt.timedelta(days=1)
        if str(year) not in notices:
            problems.append(f"{year}: no notice in notices.toml")
            continue
        years.append({"year": year, "sources": notices[str(year)]["sources"], "holidays": group_year(days)})
    for src, date in sorted(accepted):
        table = checks.get(src)
        if table is None or working(table, date) == working(primary, date):
            problems.append(f"notices.toml lists a difference that is gone: {src} {date}")
    if problems:
        problems = sorted(set(problems))
        raise SystemExit("sources disagree or are incomplete:\n  " + "\n  ".join(problems))
    return render(years)


def render(years: list[dict]) -> str:
    """Compact, reviewable JSON: one festival per line."""
    provenance = [
        f"npm {NPM_PRIMARY[0]}@{NPM_PRIMARY[1]} (MIT), primary",
        f"npm {NPM_CHECK[0]}@{NPM_CHECK[1]} (MIT), cross-check",
        f"pypi {PYPI_CHECK[0]}=={PYPI_CHECK[1]} (MIT), cross-check",
        "generated by scripts/holidays/build.py; do not edit by hand",
    ]
    lines = ["{", '  "format": 1,', '  "provenance": ' + json.dumps(provenance, ensure_ascii=False) + ",", '  "years": [']
    for i, y in enumerate(years):
        lines.append("    {")
        lines.append(f'      "year": {y["year"]},')
        lines.append('      "sources": [')
        for j, s in enumerate(y["sources"]):
            comma = "," if j + 1 < len(y["sources"]) else ""
            lines.append("        " + json.dumps(s, ensure_ascii=False) + comma)
        lines.append("      ],")
        lines.append('      "holidays": [')
        for j, g in enumerate(y["holidays"]):
            comma = "," if j + 1 < len(y["holidays"]) else ""
            lines.append("        " + json.dumps(g, ensure_ascii=False) + comma)
        lines.append("      ]")
        lines.append("    }" + ("," if i + 1 < len(years) else ""))
    lines.append("  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="fail if the committed file differs")
    args = ap.parse_args()
    text = build()
    if args.check:
        have = open(OUT, encoding="utf-8").read() if os.path.exists(OUT) else ""
        if have != text:
            raise SystemExit(f"{OUT} is stale: rerun scripts/holidays/build.py")
        print("cn.json is current", file=sys.stderr)
        return
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
