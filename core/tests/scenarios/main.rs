//! One scenario per bundled preset: a synthetic county under that policy, a month of cases
//! driven through the public case API (the JSON command objects a platform sends), the
//! month's case records (`case.records`) and its scores (`score.compute`, the preset's
//! `[scoring]` sheet), with what is distinctive about each seed asserted.
//!
//! The expectations share no code with the engine or the scorer: deadlines come from a
//! working calendar written here from the State Council notices (2025 National Day: 1–8 Oct
//! off, Sun 28 Sep and Sat 11 Oct worked; 2026 New Year: 1–3 Jan off, Sun 4 Jan worked;
//! Spring Festival: 15–23 Feb off, Sat 14 and Sat 28 Feb worked; 08:30–17:30 days, "N
//! working days" end at the close of the N-th working day after the start's date), grid,
//! community and town codes are cut from the 15-digit grid code by hand, points are placed
//! by a linear scan of the layer (`Layer::units_at`, not the index the engine uses), and
//! every indicator is recounted from the commands the test itself sent.

mod seed000;
mod seed001;
mod seed002;
mod seed003;
mod seed004;

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Weekday};
use serde_json::{Value, json};
use wangge::ErrorCode;
use wangge::case::{CaseBook, CaseContext, CaseError, Event, Fact};
use wangge::geo::Point;
use wangge::grid::GridIndex;
use wangge::grid::sample::{SampleCounty, SampleOptions};
use wangge::policy::Policy;
use wangge::record::CaseRecord;

/// An instant in Beijing time.
pub type At = DateTime<FixedOffset>;

/// Parses an RFC 3339 instant.
pub fn at(s: &str) -> At {
    DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn cst() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap()
}

/// `h:m` Beijing time on `d`.
pub fn on(d: NaiveDate, h: u32, m: u32) -> At {
    cst()
        .from_local_datetime(&d.and_hms_opt(h, m, 0).unwrap())
        .unwrap()
}

/// A date.
pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A tiny linear congruential generator (Knuth's MMIX constants): the month's cases are
/// the same on every run and platform.
#[derive(Debug)]
pub struct Lcg(u64);

impl Lcg {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed ^ 0x5851_f42d_4c95_7f2d)
    }
    /// The next 31 bits.
    pub fn bits(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.bits() % n
    }
    /// True with `pct` per cent.
    pub fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

// ---- The reference working calendar (State Council notices) -----------------------------

const OFF: &[(&str, &str)] = &[
    ("2025-10-01", "2025-10-08"), // 国庆节、中秋节
    ("2026-01-01", "2026-01-03"), // 元旦
    ("2026-02-15", "2026-02-23"), // 春节
];
const WORKED: &[&str] = &[
    "2025-09-28",
    "2025-10-11",
    "2026-01-04",
    "2026-02-14",
    "2026-02-28",
];

/// Whether `d` is a working day. Only Sep 2025 – Mar 2026 is written here.
pub fn is_working(d: NaiveDate) -> bool {
    assert!(
        d >= day("2025-09-01") && d <= day("2026-03-31"),
        "{d}: outside the reference calendar"
    );
    let s = d.to_string();
    if WORKED.contains(&s.as_str()) {
        return true;
    }
    if OFF.iter().any(|(a, b)| d >= day(a) && d <= day(b)) {
        return false;
    }
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The close (17:30) of the `n`-th working day after `t`'s date.
pub fn working_days_after(t: &At, n: u32) -> At {
    let mut d = t.date_naive();
    let mut k = 0;
    while k < n {
        d = d.succ_opt().unwrap();
        if is_working(d) {
            k += 1;
        }
    }
    on(d, 17, 30)
}

/// Working minutes of `[a, b)` (both on working days or not; 08:30–12:00, 13:30–17:30).
pub fn working_minutes(a: &At, b: &At) -> i64 {
    let mut total = 0;
    let mut d = a.date_naive();
    while d <= b.date_naive() {
        if is_working(d) {
            for (s, e) in [((8, 30), (12, 0)), ((13, 30), (17, 30))] {
                let (s, e) = (on(d, s.0, s.1).max(*a), on(d, e.0, e.1).min(*b));
                total += (e - s).num_minutes().max(0);
            }
        }
        d = d.succ_opt().unwrap();
    }
    total
}

/// The overall (report-to-close) deadline every preset sets: urgent 48 hours, else 10
/// working days.
pub fn overall_due(reported: &At, urgent: bool) -> At {
    if urgent {
        *reported + Duration::hours(48)
    } else {
        working_days_after(reported, 10)
    }
}

// ---- Codes, cut by hand from the 15-digit grid code ---------------------------------------

/// The community (12 digits) of a grid.
pub fn community(grid: &str) -> String {
    grid[..12].to_string()
}

/// The town (9 digits + 000) of a grid.
pub fn town(grid: &str) -> String {
    format!("{}000", &grid[..9])
}

/// The county (6 digits) of a grid.
pub fn county(grid: &str) -> String {
    grid[..6].to_string()
}

/// The platform role that acts for a unit.
pub fn role_of(unit: &str) -> &'static str {
    if unit.starts_with("dept:") {
        "department"
    } else if unit.len() == 15 {
        "grid_worker"
    } else if unit.len() == 6 {
        "county_centre"
    } else if unit.ends_with("000") {
        "town_centre"
    } else {
        "community_centre"
    }
}

/// The grid worker (person) of a grid.
pub fn worker(grid: &str) -> String {
    format!("gw-{grid}")
}

// ---- The world -------------------------------------------------------------------------

/// What the test decided for one case (its own books, kept apart from the engine's).
#[derive(Debug, Clone)]
pub struct Plan {
    /// Case id.
    pub id: String,
    /// Grid.
    pub grid: String,
    /// Reported at.
    pub reported: At,
    /// Urgent.
    pub urgent: bool,
    /// Closed at (the close command's instant).
    pub closed: Option<At>,
    /// Failed verifications.
    pub rework: u32,
    /// The rating sent (`satisfied`, `basically_satisfied`, `unsatisfied`).
    pub rating: Option<&'static str>,
    /// Voided.
    pub voided: bool,
    /// The report's source (`patrol` unless the category's is set in [`World::sources`]).
    pub source: &'static str,
}

impl Plan {
    /// The deadline the test expects.
    pub fn due(&self) -> At {
        overall_due(&self.reported, self.urgent)
    }
}

/// A county, its policy and a case book, with the commands' results.
#[derive(Debug)]
pub struct World {
    /// The preset id.
    pub preset: &'static str,
    /// The policy.
    pub policy: Policy,
    /// The sample county.
    pub county: SampleCounty,
    /// The index the engine locates reports with.
    pub index: GridIndex,
    /// Grid codes, sorted.
    pub grids: Vec<String>,
    /// A point inside each grid that has one (placed by a linear scan).
    pub points: BTreeMap<String, Point>,
    /// The case book.
    pub book: CaseBook,
    /// The test's own record of every case.
    pub plans: Vec<Plan>,
    /// The source reports of a category give (default `patrol`).
    pub sources: BTreeMap<&'static str, &'static str>,
    /// Every command object sent, with the code of its refusal.
    pub sent: Vec<(Value, Option<ErrorCode>)>,
    n: usize,
}

impl World {
    /// A county of `grids` grids under `preset`.
    pub fn new(preset: &'static str, grids: usize, seed: u64) -> World {
        let policy = Policy::preset(preset).unwrap_or_else(|e| panic!("{preset}: {e}"));
        let county = SampleCounty::generate(&SampleOptions {
            grids,
            seed,
            ..SampleOptions::default()
        })
        .unwrap();
        let index = GridIndex::build(&county.layer).unwrap();
        let mut codes: Vec<String> = county.layer.grids().map(|u| u.code.to_string()).collect();
        codes.sort();
        let layer = county.grid_layer();
        let mut points = BTreeMap::new();
        for p in county.points(grids * 6, seed) {
            let hits: Vec<String> = layer.units_at(p).map(|u| u.code.to_string()).collect();
            if let [g] = hits.as_slice() {
                points.entry(g.clone()).or_insert(p);
            }
        }
        World {
            preset,
            policy,
            county,
            index,
            grids: codes,
            points,
            book: CaseBook::new(),
            plans: Vec::new(),
            sources: BTreeMap::new(),
            sent: Vec::new(),
            n: 0,
        }
    }

    /// Sends one command object `{"id","case","op","at","actor","args"}` as a platform would.
    pub fn send(
        &mut self,
        case: &str,
        op: &str,
        at: &At,
        role: &str,
        unit: &str,
        args: Value,
    ) -> Result<Vec<Fact>, CaseError> {
        self.n += 1;
        let person = if role == "grid_worker" {
            worker(unit)
        } else {
            format!("{role}-{unit}")
        };
        let v = json!({"id": format!("k{}", self.n), "case": case, "op": op,
            "at": at.to_rfc3339(),
            "actor": {"person": person, "role": role, "unit": unit}, "args": args});
        let ctx = CaseContext {
            policy: &self.policy.case,
            calendar: &self.policy.calendar,
            grids: Some(&self.index),
        };
        let r = wangge::case::api::read_command(&v).and_then(|c| self.book.execute(&c, &ctx));
        self.sent.push((v, r.as_ref().err().map(CaseError::code)));
        r
    }

    /// Sends every command again, in one `case.apply` call with the county as GeoJSON (as a
    /// platform without a book of its own would): the same facts and the same refusals.
    pub fn check_apply(&self) {
        let commands: Vec<&Value> = self.sent.iter().map(|(v, _)| v).collect();
        let out = wangge::api::call(
            "case.apply",
            &json!({"policy": self.preset, "commands": commands,
                "grids": self.county.layer.to_geojson()}),
        )
        .unwrap();
        assert_eq!(out["facts"], self.journal(), "case.apply gives other facts");
        let results = out["results"].as_array().unwrap();
        assert_eq!(results.len(), self.sent.len());
        for (r, (v, code)) in results.iter().zip(&self.sent) {
            let got = r["error"]["code"].as_u64();
            assert_eq!(got, code.map(|c| u64::from(c.value())), "{}", v["id"]);
        }
    }

    /// Sends a command that must be accepted.
    pub fn ok(
        &mut self,
        case: &str,
        op: &str,
        at: &At,
        role: &str,
        unit: &str,
        args: Value,
    ) -> Vec<Fact> {
        self.send(case, op, at, role, unit, args)
            .unwrap_or_else(|e| panic!("{case} {op} by {role} @ {unit} at {at}: {e}"))
    }

    /// Sends a command that must be refused, checks that it changed nothing, and returns
    /// the error's code.
    pub fn deny(
        &mut self,
        case: &str,
        op: &str,
        at: &At,
        role: &str,
        unit: &str,
        args: Value,
    ) -> ErrorCode {
        let before = (self.book.facts().len(), self.book.case(case).cloned());
        let e = match self.send(case, op, at, role, unit, args) {
            Ok(f) => panic!("{case} {op} by {role} @ {unit}: accepted ({f:?})"),
            Err(e) => e,
        };
        let after = (self.book.facts().len(), self.book.case(case).cloned());
        assert_eq!(
            before, after,
            "{case} {op}: a refused command changed the book"
        );
        e.code()
    }

    /// Reports a case in `grid` (by GPS point when the grid has one: the engine locates it),
    /// returning the `reported` fact's handler and tier.
    #[allow(clippy::too_many_arguments)]
    pub fn report(
        &mut self,
        case: &str,
        grid: &str,
        t: &At,
        role: &str,
        category: &str,
        urgency: &str,
        extra: Value,
    ) -> Result<(String, String), CaseError> {
        let mut args = json!({"category": category, "urgency": urgency});
        match self.points.get(grid) {
            Some(p) => args["point"] = json!({"lon": p.lon, "lat": p.lat}),
            None => args["grid"] = json!(grid),
        }
        let source = self.sources.get(category).copied().unwrap_or("patrol");
        args["source"] = json!(source);
        if let (Value::Object(a), Value::Object(x)) = (&mut args, extra) {
            a.extend(x);
        }
        let facts = self.send(case, "report", t, role, grid, args)?;
        let Event::Reported(r) = &facts[0].event else {
            panic!("{case}: no reported fact");
        };
        assert_eq!(r.grid.to_string(), grid, "{case}: located in another grid");
        self.plans.push(Plan {
            id: case.into(),
            grid: grid.into(),
            reported: *t,
            urgent: urgency == "urgent",
            closed: None,
            rework: 0,
            rating: None,
            voided: false,
            source,
        });
        let tier = serde_json::to_value(r.tier).unwrap();
        Ok((r.handler.to_string(), tier.as_str().unwrap().to_string()))
    }

    /// The test's plan of a case.
    pub fn plan(&mut self, case: &str) -> &mut Plan {
        self.plans.iter_mut().find(|p| p.id == case).unwrap()
    }

    /// The unit handling a case now (from the engine).
    pub fn handler(&self, case: &str) -> String {
        self.book.case(case).unwrap().handler.to_string()
    }

    /// The handler accepts and starts at `t`, resolves, fails verification `rework` times,
    /// and the grid worker verifies and closes at `close` (始于网格、终于网格).
    pub fn handle_and_close(&mut self, case: &str, t: &At, close: &At, rework: u32) {
        let h = self.handler(case);
        let r = role_of(&h);
        let grid = self.plan(case).grid.clone();
        let status = self.book.case(case).unwrap().status;
        if matches!(
            status,
            wangge::record::CaseStatus::Reported | wangge::record::CaseStatus::Assigned
        ) {
            self.ok(case, "accept", t, r, &h, json!({}));
        }
        self.ok(
            case,
            "start",
            &(*t + Duration::minutes(5)),
            r,
            &h,
            json!({}),
        );
        let mut step = *close - Duration::minutes(30 * (2 * i64::from(rework) + 3));
        assert!(step > *t + Duration::minutes(5), "{case}: close too early");
        for _ in 0..rework {
            self.ok(case, "resolve", &step, r, &h, json!({}));
            step += Duration::minutes(30);
            self.ok(
                case,
                "verify",
                &step,
                "grid_worker",
                &grid,
                json!({"passed": false}),
            );
            step += Duration::minutes(30);
        }
        self.ok(case, "resolve", &step, r, &h, json!({"note": "done"}));
        self.ok(
            case,
            "verify",
            &(*close - Duration::minutes(30)),
            "grid_worker",
            &grid,
            json!({"passed": true}),
        );
        self.ok(case, "close", close, "grid_worker", &grid, json!({}));
        let p = self.plan(case);
        p.closed = Some(*close);
        p.rework = rework;
    }

    /// Feedback by `(role, unit)` and the reporter's rating, sent through the grid worker.
    pub fn feedback_and_rate(&mut self, case: &str, by: (&str, &str), rating: &'static str) {
        let close = self.plan(case).closed.unwrap();
        let grid = self.plan(case).grid.clone();
        self.ok(
            case,
            "feedback",
            &(close + Duration::minutes(30)),
            by.0,
            by.1,
            json!({"message": "办理结果已告知"}),
        );
        self.ok(
            case,
            "rate",
            &(close + Duration::minutes(60)),
            "grid_worker",
            &grid,
            json!({"rating": rating, "contacted": true, "resolved": rating != "unsatisfied"}),
        );
        self.plan(case).rating = Some(rating);
    }

    /// The facts as a JSON journal.
    pub fn journal(&self) -> Value {
        serde_json::to_value(self.book.facts()).unwrap()
    }

    /// The flat case records at `t`, through `case.records`.
    pub fn records(&self, t: &At) -> Vec<CaseRecord> {
        let out = wangge::api::call(
            "case.records",
            &json!({"policy": self.preset, "journal": self.journal(), "at": t.to_rfc3339()}),
        )
        .unwrap();
        serde_json::from_value(out["records"].clone()).unwrap()
    }

    /// `score.compute` of `period` by `by` with the preset's default sheet (plus `extra`).
    pub fn score(&self, records: &[CaseRecord], period: &str, by: &str, extra: Value) -> Value {
        let mut input = json!({"policy": self.preset, "records": records,
            "period": period, "by": by});
        if let (Value::Object(a), Value::Object(x)) = (&mut input, extra) {
            a.extend(x);
        }
        wangge::api::call("score.compute", &input).unwrap_or_else(|e| panic!("{e}"))
    }
}

/// Counts of one unit, recounted from the test's plans.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    /// Reported in the month, not voided.
    pub registered: u64,
    /// Of those, closed before the month's end.
    pub registered_closed: u64,
    /// Registered and not from the grid's patrol (漏报).
    pub missed: u64,
    /// Due in the month.
    pub due: u64,
    /// Due and closed before the month's end.
    pub closed: u64,
    /// Due and closed by the month's end, at or before the deadline.
    pub on_time: u64,
    /// Due with a rework.
    pub reworked: u64,
    /// Closed in the month and rated.
    pub revisited: u64,
    /// Rated satisfied.
    pub satisfied: u64,
    /// Rated basically satisfied.
    pub basically: u64,
    /// Rated unsatisfied.
    pub unsatisfied: u64,
}

impl Tally {
    /// 办结率 = closed ÷ due, in per cent.
    pub fn completion(&self) -> Option<f64> {
        (self.due > 0).then(|| self.closed as f64 * 100.0 / self.due as f64)
    }
    /// 按期办结率 = on time ÷ due.
    pub fn on_time_rate(&self) -> Option<f64> {
        (self.due > 0).then(|| self.on_time as f64 * 100.0 / self.due as f64)
    }
    /// 满意率 = (satisfied + 0.9 × basically satisfied) ÷ revisited.
    pub fn satisfaction(&self) -> Option<f64> {
        // In thousandths of a case, so that 0.9 × basically satisfied stays exact.
        let milli = self.satisfied * 1000 + self.basically * 900;
        (self.revisited > 0).then(|| (milli * 100) as f64 / (self.revisited * 1000) as f64)
    }
}

/// Recounts the month `[from, to)` from the plans, grouped by `key` of the grid.
pub fn tally(
    plans: &[Plan],
    from: NaiveDate,
    to: NaiveDate,
    key: impl Fn(&str) -> String,
) -> BTreeMap<String, Tally> {
    tally_by(plans, from, to, |p| key(&p.grid))
}

/// [`tally`] grouped by any key of the plan.
pub fn tally_by(
    plans: &[Plan],
    from: NaiveDate,
    to: NaiveDate,
    key: impl Fn(&Plan) -> String,
) -> BTreeMap<String, Tally> {
    let (a, b) = (on(from, 0, 0), on(to, 0, 0));
    let inside = |t: &At| a <= *t && *t < b;
    let mut out: BTreeMap<String, Tally> = BTreeMap::new();
    for p in plans {
        let t = out.entry(key(p)).or_default();
        let closed = p.closed.filter(|c| *c < b);
        if inside(&p.reported) && !p.voided {
            t.registered += 1;
            t.registered_closed += u64::from(closed.is_some());
            t.missed += u64::from(p.source != "patrol");
        }
        if p.voided {
            continue;
        }
        if inside(&p.due()) {
            t.due += 1;
            t.closed += u64::from(closed.is_some());
            t.on_time += u64::from(closed.is_some_and(|c| c <= p.due()));
            t.reworked += u64::from(p.rework > 0);
        }
        if let (Some(r), Some(c)) = (p.rating, p.closed)
            && inside(&c)
        {
            t.revisited += 1;
            match r {
                "satisfied" => t.satisfied += 1,
                "basically_satisfied" => t.basically += 1,
                _ => t.unsatisfied += 1,
            }
        }
    }
    out
}

/// The unit `id` of a `score.compute` result.
pub fn unit<'a>(result: &'a Value, id: &str) -> &'a Value {
    result["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == id)
        .unwrap_or_else(|| panic!("no unit {id} in the result"))
}

/// Checks an indicator's numerator and denominator.
pub fn check_ratio(u: &Value, id: &str, numerator: f64, denominator: u64) {
    let i = &u["indicators"][id];
    assert!(
        (i["numerator"].as_f64().unwrap() - numerator).abs() < 1e-9
            && i["denominator"] == json!(denominator),
        "{} {id}: got {}/{}, want {numerator}/{denominator}",
        u["unit"],
        i["numerator"],
        i["denominator"]
    );
}

/// Checks completion, on-time, rework and satisfaction (numerators and denominators, and
/// the values) of every unit against the recount.
pub fn check_month(result: &Value, want: &BTreeMap<String, Tally>) {
    let units = result["units"].as_array().unwrap();
    let with_cases = want
        .values()
        .filter(|t| t.registered + t.due + t.revisited > 0)
        .count();
    assert!(units.len() >= with_cases, "units missing from the result");
    for (id, t) in want {
        if t.registered + t.due + t.revisited == 0 {
            continue;
        }
        let u = unit(result, id);
        check_ratio(u, "on_time", t.on_time as f64, t.due);
        check_ratio(u, "rework", t.reworked as f64, t.due);
        let sat = t.satisfied as f64 + 0.9 * t.basically as f64;
        check_ratio(u, "satisfaction", sat, t.revisited);
        for (name, v) in [
            ("on_time", t.on_time_rate()),
            ("satisfaction", t.satisfaction()),
        ] {
            let got = u["indicators"][name]["value"].as_f64();
            assert_eq!(got.is_some(), v.is_some(), "{id} {name}: applicability");
            if let (Some(g), Some(v)) = (got, v) {
                assert!((g - v).abs() < 1e-9, "{id} {name}: {g} ≠ {v}");
            }
        }
    }
}

/// The sum of every unit's tally.
pub fn total(t: &BTreeMap<String, Tally>) -> Tally {
    let mut s = Tally::default();
    for x in t.values() {
        s.registered += x.registered;
        s.registered_closed += x.registered_closed;
        s.missed += x.missed;
        s.due += x.due;
        s.closed += x.closed;
        s.on_time += x.on_time;
        s.reworked += x.reworked;
        s.revisited += x.revisited;
        s.satisfied += x.satisfied;
        s.basically += x.basically;
        s.unsatisfied += x.unsatisfied;
    }
    s
}

/// A working instant on `d` (09:00–16:59), or `d` itself at 10:00 on a day off.
pub fn some_time(rng: &mut Lcg, d: NaiveDate) -> At {
    on(d, 9 + rng.below(8) as u32, rng.below(60) as u32)
}

/// The month's ordinary cases: `n` reports spread over `[from, from + days)` in random
/// grids, each routed by `route` (which returns the instant handling starts), handled,
/// reworked now and then, closed at the grid 1–16 days after the report (some left open),
/// then fed back by `feedback_by` and rated by `rating`.
#[allow(clippy::too_many_arguments)]
pub fn month(
    w: &mut World,
    rng: &mut Lcg,
    n: usize,
    from: NaiveDate,
    days: u64,
    mix: &[(&str, &str)],
    mut route: impl FnMut(&mut World, &mut Lcg, &str, &At) -> At,
    mut feedback_by: impl FnMut(&World, &str) -> (String, String),
    mut rating: impl FnMut(&World, &mut Lcg, &str) -> &'static str,
) {
    for i in 0..n {
        let case = format!("M{i:04}");
        let grid = rng.pick(&w.grids).clone();
        let d = from + Duration::days(rng.below(days) as i64);
        let t0 = some_time(rng, d);
        let (category, urgency) = *rng.pick(mix);
        w.report(
            &case,
            &grid,
            &t0,
            "grid_worker",
            category,
            urgency,
            json!({}),
        )
        .unwrap_or_else(|e| panic!("{case}: {e}"));
        let t1 = route(w, rng, &case, &t0);
        if rng.chance(8) {
            continue; // still open at the end of the month
        }
        let close_day = t0.date_naive() + Duration::days(1 + rng.below(16) as i64);
        let close = some_time(rng, close_day).max(t1 + Duration::hours(6));
        let rework = if rng.chance(12) {
            1 + rng.below(2) as u32
        } else {
            0
        };
        w.handle_and_close(&case, &(t1 + Duration::minutes(10)), &close, rework);
        if rng.chance(80) {
            let by = feedback_by(w, &case);
            let r = rating(w, rng, &case);
            w.feedback_and_rate(&case, (&by.0, &by.1), r);
        }
    }
}

/// Ratings mostly satisfied.
pub fn usual_rating(_: &World, rng: &mut Lcg, _case: &str) -> &'static str {
    match rng.below(20) {
        0 => "unsatisfied",
        1..=3 => "basically_satisfied",
        _ => "satisfied",
    }
}

/// The reference calendar, by hand, on the days the scenarios rely on.
#[test]
fn reference_calendar_spot_checks() {
    // Tue 30 Sep 2025 + 1 working day: the holiday runs to 8 Oct → Thu 9 Oct.
    assert_eq!(
        working_days_after(&at("2025-09-30T10:00:00+08:00"), 1),
        at("2025-10-09T17:30:00+08:00")
    );
    // Fri 10 Oct + 1 → the make-up Saturday 11 Oct.
    assert_eq!(
        working_days_after(&at("2025-10-10T10:00:00+08:00"), 1),
        at("2025-10-11T17:30:00+08:00")
    );
    // Fri 13 Feb 2026 + 2 → make-up Sat 14, then Tue 24 (SPEC's example, case::mod docs).
    assert_eq!(
        working_days_after(&at("2026-02-13T09:00:00+08:00"), 2),
        at("2026-02-24T17:30:00+08:00")
    );
    assert_eq!(
        working_minutes(
            &at("2025-10-10T16:30:00+08:00"),
            &at("2025-10-13T09:30:00+08:00")
        ),
        60 + 450 + 60
    );
}

/// The total of the library's `default_grid` sheet (completion 40 + on time 30 +
/// satisfaction 30 out of 100; an item that does not apply is left out and the rest scaled
/// up to 100).
pub fn default_grid_total(t: &Tally) -> Option<f64> {
    let items = [
        (40.0, t.completion()),
        (30.0, t.on_time_rate()),
        (30.0, t.satisfaction()),
    ];
    let (mut got, mut possible) = (0.0, 0.0);
    for (max, v) in items {
        if let Some(v) = v {
            got += max * v / 100.0;
            possible += max;
        }
    }
    (possible > 0.0).then(|| got * 100.0 / possible)
}

/// Checks every unit's total against `expect` (within 1e-6: the scorer rounds to 1e-6).
pub fn check_totals(
    result: &Value,
    want: &BTreeMap<String, Tally>,
    expect: impl Fn(&Tally) -> Option<f64>,
) {
    for (id, t) in want {
        if t.registered + t.due + t.revisited == 0 {
            continue;
        }
        let got = unit(result, id)["total"].as_f64();
        let e = expect(t);
        assert_eq!(got.is_some(), e.is_some(), "{id}: total applicability");
        if let (Some(g), Some(e)) = (got, e) {
            assert!((g - e).abs() < 1e-5, "{id}: total {g} ≠ {e}");
        }
    }
}

/// Every record's deadline is the test's own, and its status and reworks match the plan.
pub fn check_records(w: &World, records: &[CaseRecord]) {
    assert_eq!(records.len(), w.plans.len());
    for p in &w.plans {
        let r = records.iter().find(|r| r.id == p.id).unwrap();
        if p.voided {
            assert_eq!(r.due_at, None, "{}: a voided case has no deadline", p.id);
            continue;
        }
        assert_eq!(r.due_at, Some(p.due()), "{}: deadline", p.id);
        assert_eq!(r.closed_at, p.closed, "{}: closed", p.id);
        assert_eq!(r.rework, p.rework, "{}: rework", p.id);
        assert_eq!(r.grid.to_string(), p.grid);
    }
}

/// `case.tick` at `now` over the month's journal (the book is left as it is): an overall
/// breach for exactly the open cases the test knows to be past their deadline, each
/// supervised yellow (督办), as the preset's breach rule says.
pub fn check_tick(w: &World, now: &At) {
    use std::collections::BTreeSet;
    use wangge::case::ClockKind;
    use wangge::record::Supervision;
    let out = wangge::api::call(
        "case.tick",
        &json!({"policy": w.preset, "journal": w.journal(), "at": now.to_rfc3339()}),
    )
    .unwrap();
    let facts: Vec<Fact> = serde_json::from_value(out["facts"].clone()).unwrap();
    let mut overall = BTreeSet::new();
    for f in &facts {
        let Event::Breached {
            clock, supervision, ..
        } = &f.event
        else {
            panic!("{}: tick gave {:?}", f.case, f.event);
        };
        assert_eq!(*supervision, Some(Supervision::Yellow), "{}", f.case);
        if *clock == ClockKind::Overall {
            assert!(overall.insert(f.case.clone()), "{}: breached twice", f.case);
        }
    }
    let want: BTreeSet<String> = w
        .plans
        .iter()
        .filter(|p| p.closed.is_none() && !p.voided && p.due() < *now)
        .map(|p| p.id.clone())
        .collect();
    assert!(!want.is_empty());
    assert_eq!(overall, want);
}
