//! The month's part of the demo: simulate, read the outcome back through the public
//! queries (records, overdue lists, facts), score it, print it and write the files.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::Instant;

use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};
use wangge::actor::UnitRef;
use wangge::case::{CaseContext, write_facts, write_header};
use wangge::code::{GridCode, UnitCode};
use wangge::geo::Point;
use wangge::grid::GridIndex;
use wangge::grid::sample::SampleCounty;
use wangge::policy::Policy;
use wangge::record::{CaseRecord, CaseStatus, Tier};
use wangge::scoring::{GroupBy, Period, ScoreRequest, UnitInput, UnitScore, compute};
use wangge::staffing::Roster;
use wangge::{Error, ErrorCode};

use super::month::{MonthOptions, Rng, simulate, staff};
use super::{Report, internal, map, ms};

/// Parses `--cases-per-grid` (a finite number from 0 to 50).
pub fn per_grid(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|e| format!("{s:?}: {e}"))?;
    if v.is_finite() && (0.0..=50.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{s}: a number from 0 to 50"))
    }
}

/// What the month needs from the rest of the demo.
pub struct Inputs<'a> {
    /// The policy.
    pub policy: &'a Policy,
    /// The sample county.
    pub county: &'a SampleCounty,
    /// Its grid index.
    pub index: &'a GridIndex,
    /// Its roster.
    pub roster: &'a Roster,
    /// The month.
    pub period: Period,
    /// Seed.
    pub seed: u64,
    /// Cases per grid.
    pub per_grid: f64,
    /// Where to write the files.
    pub out: Option<&'a Path>,
}

fn tier_name(t: Tier) -> &'static str {
    match t {
        Tier::T1 => "t1 grid",
        Tier::T2 => "t2 community",
        Tier::T3 => "t3 town",
        Tier::T4 => "t4 county",
    }
}

/// Per-tier outcome at the month's end: reported, closed on time, closed late, open,
/// overdue (open and past the overall deadline), voided or merged.
#[derive(Debug, Default, Clone, serde::Serialize)]
struct TierCount {
    cases: usize,
    closed_on_time: usize,
    closed_late: usize,
    open: usize,
    overdue: usize,
    voided_or_merged: usize,
}

fn by_tier(
    records: &[CaseRecord],
    now: &DateTime<FixedOffset>,
) -> BTreeMap<&'static str, TierCount> {
    let mut out: BTreeMap<&'static str, TierCount> = BTreeMap::new();
    for r in records {
        let t = out.entry(tier_name(r.tier)).or_default();
        t.cases += 1;
        match (r.status, r.closed_at, r.due_at) {
            (CaseStatus::Voided | CaseStatus::Merged, ..) => t.voided_or_merged += 1,
            (CaseStatus::Closed, Some(c), Some(d)) if c > d => t.closed_late += 1,
            (CaseStatus::Closed, ..) => t.closed_on_time += 1,
            (_, _, Some(d)) if d < *now => {
                t.open += 1;
                t.overdue += 1;
            }
            _ => t.open += 1,
        }
    }
    out
}

/// Patrol points (走访巡查, a host input of the score sheets) and months in post: what a
/// platform knows besides the cases. Drawn from the seed, per worker.
fn inputs(
    staff: &HashMap<GridCode, super::month::GridStaff>,
    months: &BTreeMap<String, u32>,
    grids: &[GridCode],
    seed: u64,
) -> (BTreeMap<String, UnitInput>, BTreeMap<String, UnitInput>) {
    let mut rng = Rng::new(seed ^ 0x7061_7472_6f6c);
    let mut by_worker = BTreeMap::new();
    let mut by_grid = BTreeMap::new();
    for g in grids {
        let patrol = if rng.chance(0.1) {
            rng.between(12, 24)
        } else {
            rng.between(25, 30)
        } as f64;
        let mut values = BTreeMap::new();
        values.insert("patrol".to_owned(), patrol);
        let worker = staff.get(g).and_then(|s| s.worker.clone());
        by_grid.insert(
            g.to_string(),
            UnitInput {
                values: values.clone(),
                ..UnitInput::default()
            },
        );
        if let Some(w) = worker {
            by_worker.insert(
                w.clone(),
                UnitInput {
                    values,
                    months_in_post: months.get(&w).copied(),
                    ..UnitInput::default()
                },
            );
        }
    }
    (by_grid, by_worker)
}

fn percent(u: &UnitScore) -> Option<f64> {
    match (u.total, u.max) {
        (Some(t), Some(m)) if m > 0.0 => Some(t / m * 100.0),
        _ => None,
    }
}

fn stars(n: Option<u8>) -> String {
    match n {
        None => "—".into(),
        Some(0) => "☆".into(),
        Some(n) => "★".repeat(n.into()),
    }
}

/// Runs the month: sections 7 (cases) and 8 (scores), and the files.
pub fn month(out: &mut Report, i: &Inputs<'_>) -> Result<(), Error> {
    let layer = &i.county.layer;
    let bounds = i.period.bounds(i.policy.scoring.time_zone())?;
    let first_day = bounds.start.date_naive();
    let (staff, months) = staff(i.roster, first_day);
    let mut grids: Vec<GridCode> = layer
        .grids()
        .filter_map(|u| match u.code {
            UnitCode::Grid(g) => Some(g),
            UnitCode::Admin(_) => None,
        })
        .collect();
    grids.sort();
    let target = (grids.len() as f64 * i.per_grid).round() as usize;
    let points = i
        .county
        .points(target + target / 4 + 16, i.seed ^ 0x006d_6f6e_7468);
    let t = Instant::now();
    let m = simulate(
        i.policy,
        i.index,
        &MonthOptions {
            bounds,
            per_grid: i.per_grid,
            seed: i.seed,
            staff: &staff,
            points: &points,
        },
    )?;
    let sim_ms = ms(t);
    let ctx = CaseContext::of(i.policy, Some(i.index));
    let now = m.now;
    let records = m.book.records(&ctx, &now)?;
    let mut facts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in m.book.facts() {
        *facts.entry(f.event.name()).or_default() += 1;
    }
    let refused: Vec<String> = m
        .refused_as_expected
        .iter()
        .map(|(k, v)| format!("{k} ×{v}"))
        .collect();
    out.section(
        "month",
        format!(
            "{}: {} reports from GPS fixes ({} fixes outside every grid were not reported), {} \
             commands through the case engine, {} breach facts from the daily ticks; refused as \
             they should be: {} — simulated in {sim_ms} ms",
            i.period,
            m.reports,
            m.outside,
            m.commands,
            m.breaches,
            if refused.is_empty() {
                "none".into()
            } else {
                refused.join(", ")
            },
        ),
        json!({"period": i.period.to_string(), "reports": m.reports, "commands": m.commands,
               "facts": m.book.facts().len(), "breaches": m.breaches, "outside": m.outside,
               "refused_as_expected": m.refused_as_expected, "ms": sim_ms}),
    );
    let tiers = by_tier(&records, &now);
    for (name, c) in &tiers {
        out.item(
            format!(
                "{name:<13} {:>5} cases: {:>5} closed on time, {:>4} closed late, {:>4} open \
                 ({} overdue), {} voided or merged",
                c.cases, c.closed_on_time, c.closed_late, c.open, c.overdue, c.voided_or_merged
            ),
            json!({"tier": name, "outcome": c}),
        );
    }
    let n = |k: &str| facts.get(k).copied().unwrap_or(0);
    let flagged = m
        .book
        .cases()
        .filter(|c| c.report.likely_duplicate_of.is_some())
        .count();
    out.item(
        format!(
            "tickets: {} claimed, {} dispatched, {} delegated, {} summons ({} check-ins), {} sent \
             back; {} suspended, {} extended, {} voided, {} supervised, {} failed verifications \
             (rework), {} likely duplicates flagged, {} merged; {} feedbacks, {} ratings",
            n("claimed"),
            n("dispatched"),
            n("delegated"),
            n("summoned"),
            n("checked_in"),
            n("sent_back"),
            n("suspended"),
            n("extended"),
            n("voided"),
            n("supervised"),
            records.iter().map(|r| r.rework as usize).sum::<usize>(),
            flagged,
            n("merged"),
            n("feedback_given"),
            n("rated"),
        ),
        json!({"facts": facts, "likely_duplicates": flagged}),
    );
    // Overdue open cases by town, through the engine's own query.
    let mut overdue_towns = Vec::new();
    for u in layer.units.iter().filter(
        |u| matches!(u.code, UnitCode::Admin(a) if a.level() == wangge::code::AdminLevel::Town),
    ) {
        let ids = m.book.overdue(&UnitRef::Unit(u.code), &ctx, &now)?;
        overdue_towns.push((ids.len(), u.code, u.name.clone().unwrap_or_default()));
    }
    overdue_towns.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let list: Vec<String> = overdue_towns
        .iter()
        .filter(|t| t.0 > 0)
        .take(6)
        .map(|(n, code, name)| format!("{name} {code} {n}"))
        .collect();
    out.item(
        format!(
            "overdue at the month's end, by town: {}",
            if list.is_empty() { "none".into() } else { list.join(", ") }
        ),
        json!({"overdue_by_town": overdue_towns.iter().map(|(n, c, name)| json!({"town": c, "name": name, "overdue": n})).collect::<Vec<_>>()}),
    );
    if !m.surprises.is_empty() {
        for (what, (count, first)) in &m.surprises {
            out.item(
                format!("UNEXPECTED: {what} ×{count} (first: {first})"),
                json!({"unexpected": what, "count": count, "first": first}),
            );
        }
    }

    // 8. Scores.
    let t = Instant::now();
    let (grid_inputs, worker_inputs) = inputs(&staff, &months, &grids, i.seed);
    let mut request = ScoreRequest::new(i.period, GroupBy::Grid);
    request.inputs = grid_inputs.clone();
    let by_grid = compute(&i.policy.scoring, &records, &request)?;
    let mut request = ScoreRequest::new(i.period, GroupBy::Worker);
    request.inputs = worker_inputs.clone();
    let by_worker = compute(&i.policy.scoring, &records, &request)?;
    let score_ms = ms(t);
    let sheet = by_grid.sheet.as_ref().map_or_else(
        || "(no sheet)".to_owned(),
        |s| format!("{} {} ({} points)", s.id, s.name, s.scale),
    );
    let scored: Vec<&UnitScore> = by_grid.units.iter().filter(|u| u.total.is_some()).collect();
    let mean = if scored.is_empty() {
        0.0
    } else {
        scored.iter().filter_map(|u| percent(u)).sum::<f64>() / scored.len() as f64
    };
    out.section(
        "scores",
        format!(
            "{} by sheet {sheet}, as of {}: {} of {} grids have a total, \
             mean {mean:.1} % of the maximum; {} workers — scored in {score_ms} ms",
            i.period,
            by_grid.cut.to_rfc3339(),
            scored.len(),
            grids.len(),
            by_worker
                .units
                .iter()
                .filter(|u| !u.unit.is_empty())
                .count(),
        ),
        json!({"sheet": by_grid.sheet, "grids_scored": scored.len(), "grids": grids.len(),
               "mean_percent": (mean * 100.0).round() / 100.0, "ms": score_ms}),
    );
    let name_of: HashMap<String, String> = layer
        .units
        .iter()
        .map(|u| (u.code.to_string(), u.name.clone().unwrap_or_default()))
        .collect();
    let ranked = by_total(scored.clone());
    let show = |u: &UnitScore| {
        format!(
            "{} {} {:.1}",
            u.unit,
            name_of.get(&u.unit).map_or("", String::as_str),
            u.total.unwrap_or(0.0)
        )
    };
    let top: Vec<String> = ranked.iter().take(3).map(|u| show(u)).collect();
    let bottom: Vec<String> = ranked.iter().rev().take(3).map(|u| show(u)).collect();
    out.item(
        format!(
            "top grids: {}; bottom: {}",
            top.join(", "),
            bottom.join(", ")
        ),
        json!({"top_grids": ranked.iter().take(3).map(|u| &u.unit).collect::<Vec<_>>(),
               "bottom_grids": ranked.iter().rev().take(3).map(|u| &u.unit).collect::<Vec<_>>()}),
    );
    // Workers ranked among those the sheet grades (with stars, when it gives stars: a
    // stand-in or a newcomer under the months in post is listed apart).
    let graded_sheet = by_worker.units.iter().any(|u| u.stars.is_some());
    let workers = by_total(
        by_worker
            .units
            .iter()
            .filter(|u| !u.unit.is_empty() && u.total.is_some())
            .filter(|u| !graded_sheet || u.stars.is_some())
            .collect(),
    );
    let show_w = |u: &UnitScore| {
        format!(
            "{} {:.1} {}{}",
            u.unit,
            u.total.unwrap_or(0.0),
            stars(u.stars),
            u.pay.map_or_else(String::new, |p| format!(" ¥{p:.0}"))
        )
    };
    let top: Vec<String> = workers.iter().take(3).map(|u| show_w(u)).collect();
    let bottom: Vec<String> = workers.iter().rev().take(3).map(|u| show_w(u)).collect();
    let mut star_counts: BTreeMap<u8, usize> = BTreeMap::new();
    for u in &workers {
        if let Some(n) = u.stars {
            *star_counts.entry(n).or_default() += 1;
        }
    }
    let not_graded = by_worker
        .units
        .iter()
        .filter(|u| !u.unit.is_empty() && u.total.is_some() && u.stars.is_none())
        .count();
    let pay: f64 = by_worker
        .units
        .iter()
        .filter_map(|u| u.pay)
        .fold(0.0, |a, b| a + b);
    let graded = graded_sheet || by_worker.units.iter().any(|u| u.pay.is_some());
    out.item(
        format!(
            "top workers: {}; bottom: {}",
            top.join(", "),
            bottom.join(", ")
        ),
        json!({"top_workers": workers.iter().take(3).map(|u| json!({"worker": u.unit, "total": u.total, "stars": u.stars, "pay": u.pay})).collect::<Vec<_>>(),
               "bottom_workers": workers.iter().rev().take(3).map(|u| json!({"worker": u.unit, "total": u.total, "stars": u.stars, "pay": u.pay})).collect::<Vec<_>>()}),
    );
    let stars_line: Vec<String> = star_counts
        .iter()
        .rev()
        .map(|(k, v)| format!("{} {v}", stars(Some(*k))))
        .collect();
    out.item(
        if graded {
            format!(
                "stars: {}; {not_graded} not graded (stand-ins, under the months in post); \
                 pay for the month ¥{pay:.0} in all (以分带资)",
                stars_line.join(", ")
            )
        } else {
            "this preset's sheet gives no stars or pay".to_owned()
        },
        json!({"stars": star_counts, "pay": pay}),
    );

    if let Some(dir) = i.out {
        let overdue_points: Vec<Point> = records
            .iter()
            .filter(|r| {
                !matches!(
                    r.status,
                    CaseStatus::Closed | CaseStatus::Voided | CaseStatus::Merged
                ) && r.due_at.is_some_and(|d| d < now)
            })
            .filter_map(|r| m.book.case(&r.id).and_then(|c| c.report.point))
            .collect();
        let scores: HashMap<UnitCode, f64> = by_grid
            .units
            .iter()
            .filter_map(|u| Some((u.unit.parse::<UnitCode>().ok()?, percent(u)?)))
            .collect();
        let svg = map::render(&map::MapData {
            layer,
            scores: &scores,
            overdue: &overdue_points,
            title: format!(
                "{} · {} · grid scores by {} · {} overdue",
                i.policy.name,
                i.period,
                by_grid
                    .sheet
                    .as_ref()
                    .map_or("no sheet", |s| s.name.as_str()),
                overdue_points.len()
            ),
        });
        let mut journal = write_header(Some(&i.policy.id));
        write_facts(&mut journal, m.book.facts());
        let scores_json = json!({
            "preset": i.policy.id,
            "period": i.period.to_string(),
            "as_of": now.to_rfc3339(),
            "by_grid": by_grid,
            "by_worker": by_worker,
            "inputs": {"grid": grid_inputs, "worker": worker_inputs},
            "outcome": {"tiers": tiers, "facts": facts, "overdue": overdue_points.len()},
        });
        write_files(
            dir,
            &[
                ("county.svg", svg),
                ("scores.json", pretty(&scores_json)?),
                ("journal.jsonl", journal),
                ("county.geojson", layer.to_geojson()),
            ],
        )?;
        out.item(
            format!(
                "wrote {0}/county.svg, {0}/scores.json, {0}/journal.jsonl, {0}/county.geojson",
                dir.display()
            ),
            json!({"out": dir.display().to_string()}),
        );
    }
    if let Some((what, (count, first))) = m.surprises.iter().next() {
        return Err(internal(format!(
            "the month went wrong: {what} ×{count} (first: {first})"
        )));
    }
    Ok(())
}

/// Units from the highest total down (ties by unit, so the order is the same everywhere).
fn by_total(mut units: Vec<&UnitScore>) -> Vec<&UnitScore> {
    units.sort_by(|a, b| {
        b.total
            .partial_cmp(&a.total)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.unit.cmp(&b.unit))
    });
    units
}

fn pretty(v: &Value) -> Result<String, Error> {
    let mut s = serde_json::to_string_pretty(v).map_err(internal)?;
    s.push('\n');
    Ok(s)
}

fn write_files(dir: &Path, files: &[(&str, String)]) -> Result<(), Error> {
    let io = |e: std::io::Error, what: &Path| {
        Error::input(
            ErrorCode::InvalidArgument,
            format!("cannot write {}: {e}", what.display()),
        )
    };
    std::fs::create_dir_all(dir).map_err(|e| io(e, dir))?;
    for (name, text) in files {
        let p = dir.join(name);
        std::fs::write(&p, text).map_err(|e| io(e, &p))?;
    }
    Ok(())
}
