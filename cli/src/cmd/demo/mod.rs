//! `wangge demo`: the main job on the bundled sample county, end to end, with a short
//! report. Everything it shows is computed on the spot from the seed; only the timings vary.
//!
//! After the grid, the calendar, the admission list and the roster, it simulates a month of
//! cases in the county ([`month`]) through the case engine — the same calls a platform
//! makes — and scores the month; with `--out DIR` it writes the picture ([`map`]), the
//! scores, the journal and the layer.

mod map;
mod month;
mod outcome;

use std::collections::BTreeMap;
use std::io::Write;
use std::time::Instant;

use chrono::{DateTime, NaiveDate};
use serde_json::{Value, json};
use wangge::admission::{AdmissionList, CheckRequest, ListKind};
use wangge::calendar::WorkingDuration;
use wangge::code::UnitCode;
use wangge::grid::coverage::{self, CoverageOptions, CoverageReport, ViolationKind};
use wangge::grid::sample::{FaultKind, SampleCounty, SampleOptions};
use wangge::grid::{GridIndex, GridKind, Layer};
use wangge::policy::Policy;
use wangge::staffing::{GridSet, sample::sample_roster};
use wangge::{Error, ErrorCode};

use crate::io::{EXIT_OK, print_json};

/// Arguments of `wangge demo`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Seed of the sample county.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Number of grids of the sample county (2 to 500,000: faults are injected next to a
    /// neighbour).
    #[arg(long, default_value_t = 1358, value_parser = clap::value_parser!(u32).range(2..=500_000))]
    pub grids: u32,
    /// Number of GPS points to locate (0 to 2,000,000; about 160 bytes of memory each).
    #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u32).range(0..=2_000_000))]
    pub points: u32,
    /// Print one JSON object instead of the text report.
    #[arg(long)]
    pub json: bool,
    /// The policy preset the month runs under (`seed000` … `seed004`).
    #[arg(long, default_value = "seed003")]
    pub preset: String,
    /// The month simulated and scored (`YYYY-MM`, 2025-01 to 2026-12: the bundled holidays).
    #[arg(long, default_value = "2026-09")]
    pub month: String,
    /// Cases reported per grid in the month, on average (0 to 50).
    #[arg(long, default_value_t = 3.0, value_parser = outcome::per_grid)]
    pub cases_per_grid: f64,
    /// Write `county.svg`, `scores.json`, `journal.jsonl` and `county.geojson` here.
    #[arg(long)]
    pub out: Option<std::path::PathBuf>,
}

/// Milliseconds since `t`, to the microsecond.
pub(super) fn ms(t: Instant) -> f64 {
    (t.elapsed().as_secs_f64() * 1e6).round() / 1e3
}

/// An `internal` error (something the demo itself got wrong).
pub(super) fn internal(e: impl std::fmt::Display) -> Error {
    Error::input(ErrorCode::Internal, e.to_string())
}

/// Runs the demo.
pub fn run(a: Args) -> Result<u8, Error> {
    let policy = Policy::preset(&a.preset)?;
    let period: wangge::scoring::Period = a.month.parse()?;
    if !matches!(period.to_string().get(..4), Some("2025" | "2026"))
        || period.kind() != wangge::scoring::PeriodKind::Month
    {
        return Err(Error::input(
            ErrorCode::InvalidArgument,
            format!(
                "--month {}: a month of 2025 or 2026 (YYYY-MM; the bundled holidays)",
                a.month
            ),
        ));
    }

    // 1. The grid tree.
    let t = Instant::now();
    let county = SampleCounty::generate(&SampleOptions {
        grids: a.grids as usize,
        seed: a.seed,
        ..SampleOptions::default()
    })?;
    let gen_ms = ms(t);
    let mut out = Report::new(a.json, &policy);
    let layer = &county.layer;
    let count =
        |pred: &dyn Fn(&UnitCode) -> bool| layer.units.iter().filter(|u| pred(&u.code)).count();
    let level = |l: wangge::code::AdminLevel| {
        move |c: &UnitCode| c.as_admin().is_some_and(|a| a.level() == l)
    };
    let towns = count(&level(wangge::code::AdminLevel::Town));
    let communities = count(&level(wangge::code::AdminLevel::Community));
    let grids = layer.grids().count();
    let dedicated = layer
        .grids()
        .filter(|u| matches!(u.kind, Some(GridKind::Dedicated(_))))
        .count();
    let vertices: usize = layer.grids().map(|u| u.geometry.num_points()).sum();
    let households: u64 = layer
        .grids()
        .filter_map(|u| u.households)
        .map(u64::from)
        .sum();
    let population: u64 = layer
        .grids()
        .filter_map(|u| u.population)
        .map(u64::from)
        .sum();
    out.section(
        "grid tree",
        format!(
            "county {} ({}): {towns} towns, {communities} communities, {grids} grids \
             ({dedicated} dedicated), {vertices} boundary vertices; {households} households, \
             {population} people — generated in {gen_ms} ms",
            county.county,
            layer.units[0].name.as_deref().unwrap_or(""),
        ),
        json!({"county": county.county, "towns": towns, "communities": communities, "grids": grids,
               "dedicated": dedicated, "vertices": vertices, "households": households,
               "population": population, "ms": gen_ms}),
    );

    // 2. Coverage validation of the clean layer, then of broken copies.
    let opts = CoverageOptions::from_policy(&policy);
    let t = Instant::now();
    let clean = coverage::validate(layer, None, &opts);
    let val_ms = ms(t);
    out.section(
        "coverage",
        format!(
            "{} grids, every level (grids ⊂ communities ⊂ towns ⊂ county): {} — validated in {val_ms} ms",
            clean.grids,
            if clean.valid {
                "no gap, overlap, duplicate, invalid ring, code or size violation".to_string()
            } else {
                format!("{} violations", clean.violations.len())
            }
        ),
        json!({"valid": clean.valid, "violations": clean.violations.len(), "ms": val_ms}),
    );
    // A grid in the middle of the county (units are listed level by level or interleaved).
    let target = (0..layer.units.len())
        .filter(|&i| layer.units[i].is_grid())
        .nth(grids / 2)
        .ok_or_else(|| internal("sample without grids"))?;
    let mut found = Vec::new();
    for (kind, label, expected) in [
        (FaultKind::Gap, "0.5 m sliver gap", ViolationKind::Gap),
        (FaultKind::Overlap, "0.5 m overlap", ViolationKind::Overlap),
        (FaultKind::Missing, "a grid deleted", ViolationKind::Gap),
        (
            FaultKind::Duplicate,
            "a grid copied",
            ViolationKind::Duplicate,
        ),
        (
            FaultKind::SelfIntersection,
            "a ring crossing itself",
            ViolationKind::InvalidGeometry,
        ),
    ] {
        let mut broken: Layer = layer.clone();
        let fault = match broken.inject_fault(kind, target, 0.5) {
            Ok(f) => f,
            Err(e) => {
                // A county of one grid has no neighbour to open a gap against.
                out.item(
                    format!("injected {label:<24} → not possible here: {e}"),
                    json!({"fault": kind, "skipped": e.to_string()}),
                );
                continue;
            }
        };
        let report = coverage::validate(&broken, None, &opts);
        let line = describe(&report, expected);
        out.item(
            format!("injected {label:<24} → {line}"),
            json!({"fault": kind, "injected_at": [fault.at.lon, fault.at.lat], "report": report}),
        );
        found.push(report.of_kind(expected).next().is_some());
    }
    if found.iter().any(|f| !f) {
        return Err(internal("an injected fault was not found"));
    }

    // 3. Point location.
    let t = Instant::now();
    let index = GridIndex::build_parallel(layer, crate::io::threads())?;
    let build_ms = ms(t);
    let points = county.points(a.points as usize, a.seed);
    let t = Instant::now();
    let hits = index.locate_batch(&points);
    let loc_s = t.elapsed().as_secs_f64();
    let in_grid = hits.iter().filter(|h| h.grid.is_some()).count();
    let fallback = hits.iter().filter(|h| h.is_fallback()).count();
    let outside = hits.len() - in_grid - fallback;
    let ns = if points.is_empty() {
        0.0
    } else {
        (loc_s * 1e9 / points.len() as f64).round()
    };
    out.section(
        "location",
        format!(
            "{} GPS points: {in_grid} in a grid, {fallback} by fallback (属地兜底), {outside} outside \
             the county — index built in {build_ms} ms ({:.1} MB), {ns} ns per point",
            points.len(),
            index.memory_bytes() as f64 / 1e6,
        ),
        json!({"points": points.len(), "in_grid": in_grid, "fallback": fallback, "outside": outside,
               "build_ms": build_ms, "ns_per_point": ns}),
    );
    let name_of = |c: &UnitCode| {
        layer
            .units
            .iter()
            .find(|u| u.code == *c)
            .and_then(|u| u.name.clone())
            .unwrap_or_default()
    };
    for (p, h) in points
        .iter()
        .zip(&hits)
        .filter(|(_, h)| h.grid.is_some())
        .take(2)
    {
        let grid = h
            .grid
            .map(UnitCode::Grid)
            .ok_or_else(|| internal("no grid"))?;
        let chain: Vec<String> = h
            .ancestors
            .iter()
            .map(|c| format!("{c} {}", name_of(c)))
            .collect();
        out.item(
            format!(
                "({:.5}, {:.5}) → {grid} {} ⊂ {}",
                p.lon,
                p.lat,
                name_of(&grid),
                chain.join(" ⊂ ")
            ),
            json!({"point": [p.lon, p.lat], "grid": grid, "ancestors": h.ancestors}),
        );
    }

    // 4. Deadlines in working time (海宁: accept ≤ 2 working days, resolve ≤ 7).
    let reported = DateTime::parse_from_rfc3339("2026-09-30T16:00:00+08:00").map_err(internal)?;
    let accept = policy.calendar.add(&reported, WorkingDuration::Days(2))?;
    let resolve = policy.calendar.add(&reported, WorkingDuration::Days(7))?;
    let hours = policy.calendar.add(&reported, WorkingDuration::Hours(4))?;
    out.section(
        "deadlines",
        format!(
            "a case reported {} (before National Day): 4 working hours → {}, accept within 2 working \
             days → {}, resolve within 7 → {} (the 10-10 make-up Saturday counts)",
            reported.to_rfc3339(),
            hours.to_rfc3339(),
            accept.to_rfc3339(),
            resolve.to_rfc3339()
        ),
        json!({"reported": reported.to_rfc3339(), "four_hours": hours.to_rfc3339(),
               "accept": accept.to_rfc3339(), "resolve": resolve.to_rfc3339()}),
    );

    // 5. The admission list (seed 000: 全科网格新增事项须经区综治办审核).
    let list = AdmissionList::preset("seed000")?;
    let day: NaiveDate = "2019-03-01".parse().map_err(internal)?;
    out.section(
        "admission",
        format!(
            "the seed000 task list in force on {day}: only listed items may be pushed onto grids"
        ),
        json!({"preset": "seed000", "on": day}),
    );
    for (code, dept) in [("RW-004", "区民政局"), ("RW-999", "区住建局")] {
        let push = CheckRequest::code(ListKind::Task, code, GridKind::Basic, day).department(dept);
        let decision = list.check(&push)?;
        let allowed = decision.is_allowed();
        let text = match decision.rejection() {
            None => format!("{dept} pushes {code} onto a basic grid: allowed"),
            Some(r) => format!("{dept} pushes {code}: refused — {}", r.message),
        };
        out.item(
            text,
            json!({"code": code, "department": dept, "allowed": allowed}),
        );
    }

    // 6. Staffing (seed 003: 1+1+1+N) on a sample roster with planted faults.
    let grid_set = GridSet::from_layer(layer)?;
    let roster = sample_roster(&grid_set, a.seed)?;
    let on: NaiveDate = "2026-06-01".parse().map_err(internal)?;
    let t = Instant::now();
    let staffing = policy.staffing.validate(&roster, &grid_set, on, None)?;
    let st_ms = ms(t);
    let summary = staffing.summary();
    let mut by_code: Vec<String> = summary
        .by_code
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    by_code.sort();
    out.section(
        "staffing",
        format!(
            "roster of {} people, {} assignments on {on}: {} of {} grids compliant with 1+1+1+N; \
             violations: {} — validated in {st_ms} ms",
            roster.people().len(),
            roster.assignments().len(),
            summary.compliant_grids,
            summary.grids,
            by_code.join(", ")
        ),
        json!({"people": roster.people().len(), "grids": summary.grids,
               "compliant_grids": summary.compliant_grids, "by_code": summary.by_code, "ms": st_ms}),
    );

    // 7–8. A month of cases, scored.
    outcome::month(
        &mut out,
        &outcome::Inputs {
            policy: &policy,
            county: &county,
            index: &index,
            roster: &roster,
            period,
            seed: a.seed,
            per_grid: a.cases_per_grid,
            out: a.out.as_deref(),
        },
    )?;

    out.finish()?;
    Ok(EXIT_OK)
}

/// One line about a coverage report: the kinds found, with codes, place and size.
/// The violation of the expected kind (the injected fault), then a count of the others
/// (the consequences a fault also has, such as the gaps a crossed ring leaves).
fn describe(r: &CoverageReport, expected: ViolationKind) -> String {
    let Some(v) = r.of_kind(expected).next() else {
        return format!(
            "not found as {expected} ({} other violations)",
            r.violations.len()
        );
    };
    let codes: Vec<String> = v.codes.iter().take(2).map(|c| c.to_string()).collect();
    let mut line = format!(
        "{} at ({:.5}, {:.5}), {:.2} m², {}",
        v.kind,
        v.at[0],
        v.at[1],
        v.area_m2,
        codes.join(" / ")
    );
    let mut others: BTreeMap<String, usize> = BTreeMap::new();
    for o in r.violations.iter().filter(|o| !std::ptr::eq(*o, v)) {
        *others.entry(o.kind.to_string()).or_default() += 1;
    }
    if !others.is_empty() {
        let list: Vec<String> = others.iter().map(|(k, n)| format!("{k} ×{n}")).collect();
        line.push_str(&format!(" (also {})", list.join(", ")));
    }
    line
}

/// Prints one line of the text report; a closed stdout (`wangge demo | head`) is not an
/// error worth a panic.
fn say(line: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// Prints the report as text as it goes, or collects one JSON object.
pub(crate) struct Report {
    json: bool,
    sections: Vec<(String, Value, Vec<Value>)>,
}

impl Report {
    fn new(json: bool, policy: &Policy) -> Report {
        if !json {
            say(&format!(
                "wangge demo — the bundled sample county (policy preset {}, {})\n",
                policy.id, policy.name
            ));
        }
        Report {
            json,
            sections: Vec::new(),
        }
    }

    /// Starts a section: a numbered headline and its summary data.
    pub(crate) fn section(&mut self, name: &str, text: String, data: Value) {
        if !self.json {
            say(&format!("{}. {name}: {text}", self.sections.len() + 1));
        }
        self.sections
            .push((name.replace(' ', "_"), data, Vec::new()));
    }

    /// A detail line of the current section.
    pub(crate) fn item(&mut self, text: String, data: Value) {
        if !self.json {
            say(&format!("   {text}"));
        }
        if let Some(last) = self.sections.last_mut() {
            last.2.push(data);
        }
    }

    fn finish(self) -> Result<(), Error> {
        if !self.json {
            say("\nAll of it from the pure core: same seed, same answers, on every platform.");
            return Ok(());
        }
        let mut obj = serde_json::Map::new();
        for (name, data, details) in self.sections {
            let v = if details.is_empty() {
                data
            } else {
                json!({"summary": data, "details": details})
            };
            obj.insert(name, v);
        }
        print_json(&Value::Object(obj))
    }
}
