//! A month in the county: a seeded simulation of the platform's users sending commands
//! to the case engine — the same [`CaseBook::execute`] calls a platform makes.
//!
//! Reports come from GPS points (located to a grid by the engine through the grid index);
//! every later step is chosen from the case's state as the engine sees it (its handler,
//! status, verification), so the simulation follows the policy's tiers whatever they are:
//! grid workers accept, handle, verify and close; communities and towns handle what is
//! tiered to them; towns claim from the county platform, delegate routine matters, summon
//! departments (who check in), send hard cases back; the county dispatches; some cases are
//! suspended, extended, voided, supervised, reworked, reported twice and merged; residents
//! are asked for their rating. Now and then someone acts outside their jurisdiction, and
//! the engine must refuse. Once a day the platform ticks the clocks (breach facts).

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone};
use serde_json::{Value, json};
use wangge::Error;
use wangge::actor::{Actor, UnitKind, UnitRef};
use wangge::calendar::WorkingDuration;
use wangge::case::{Case, CaseBook, CaseContext, Command, Op};
use wangge::code::{GridCode, UnitCode};
use wangge::geo::Point;
use wangge::grid::GridIndex;
use wangge::policy::Policy;
use wangge::record::{CaseStatus, Rating, Urgency};
use wangge::scoring::PeriodBounds;
use wangge::staffing::Roster;

/// A small deterministic generator (SplitMix64): the same seed gives the same month on
/// every platform.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x6a09_e667_f3bc_c908)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % ((hi - lo + 1) as u64)) as i64
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

/// Who works at a grid during the month.
#[derive(Debug, Clone, Default)]
pub struct GridStaff {
    /// The grid worker (专职网格员), if the roster has one in post.
    pub worker: Option<String>,
    /// The grid head (网格长).
    pub head: Option<String>,
}

/// The staff of every grid from a roster, on the month's first day, and each worker's
/// months in post.
pub fn staff(
    roster: &Roster,
    on: NaiveDate,
) -> (HashMap<GridCode, GridStaff>, BTreeMap<String, u32>) {
    let mut out: HashMap<GridCode, GridStaff> = HashMap::new();
    let mut months = BTreeMap::new();
    for a in roster.assignments() {
        if !a.active_on(on) {
            continue;
        }
        let person = a.person.as_str().to_owned();
        let s = out.entry(a.grid).or_default();
        match a.role.kind() {
            "grid_worker" if s.worker.is_none() => {
                let m =
                    (on.year() - a.from.year()) * 12 + on.month() as i32 - a.from.month() as i32;
                months.insert(person.clone(), m.max(0) as u32);
                s.worker = Some(person);
            }
            "grid_head" if s.head.is_none() => s.head = Some(person),
            _ => {}
        }
    }
    (out, months)
}

/// What the month produced.
pub struct Month {
    /// Every case and fact.
    pub book: CaseBook,
    /// Commands sent (reports included).
    pub commands: usize,
    /// Reports sent (cases opened, duplicates included).
    pub reports: usize,
    /// Commands refused by design (someone acting outside their rights), by error name.
    pub refused_as_expected: BTreeMap<String, usize>,
    /// Commands whose outcome the simulation did not expect (a healthy run has none): a
    /// count and the first one's message, by what happened.
    pub surprises: BTreeMap<String, (usize, String)>,
    /// GPS points outside every grid (not reported).
    pub outside: usize,
    /// Breach facts from the daily ticks.
    pub breaches: usize,
    /// The instant the month was closed at (the period's end).
    pub now: DateTime<FixedOffset>,
}

/// Options of the simulation.
pub struct MonthOptions<'a> {
    /// The month's bounds.
    pub bounds: PeriodBounds,
    /// Cases reported per grid in the month, on average.
    pub per_grid: f64,
    /// Seed.
    pub seed: u64,
    /// The grid staff.
    pub staff: &'a HashMap<GridCode, GridStaff>,
    /// GPS points to report from (in order; those outside every grid are skipped).
    pub points: &'a [Point],
}

/// One case's plan, drawn when it is reported: what will happen to it, if its state allows.
#[derive(Debug, Clone)]
struct Plan {
    grid: GridCode,
    /// Working minutes a handler takes to resolve.
    handle_min: u32,
    /// Minutes (natural) a handler takes to accept.
    accept_min: u32,
    late: bool,
    delegate: bool,
    summon: bool,
    send_back: bool,
    suspend: bool,
    extend: bool,
    void: bool,
    rework: bool,
    rating: Option<Rating>,
    duplicate_of: Option<String>,
    claim: bool,
    report: Option<(Value, bool)>,
    done: Vec<&'static str>,
}

impl Plan {
    fn once(&mut self, what: &'static str) -> bool {
        if self.done.contains(&what) {
            return false;
        }
        self.done.push(what);
        true
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Action {
    /// The report that opens the case.
    Report,
    /// The next step of the case, chosen from its state.
    Step,
    /// The county supervises (督办) an open case.
    Supervise,
    /// A town centre of another town tries to accept the case (must be refused).
    ForeignTown,
    /// A grid worker of another grid tries to close the case (must be refused).
    ForeignWorker,
    /// A department tries to claim the case (must be refused).
    DepartmentClaims,
}

struct Sim<'a> {
    ctx: CaseContext<'a>,
    policy: &'a Policy,
    staff: &'a HashMap<GridCode, GridStaff>,
    rng: Rng,
    book: CaseBook,
    plans: Vec<Plan>,
    ids: Vec<String>,
    queue: BinaryHeap<Reverse<(i64, u64, usize, Action)>>,
    seq: u64,
    next_command: u64,
    month: Month,
    start: DateTime<FixedOffset>,
    end: DateTime<FixedOffset>,
    zone: FixedOffset,
    towns: Vec<UnitCode>,
    grids_sorted: Vec<GridCode>,
    departments: Vec<String>,
}

/// Runs the month.
pub fn simulate(
    policy: &Policy,
    index: &GridIndex,
    opts: &MonthOptions<'_>,
) -> Result<Month, Error> {
    let ctx = CaseContext::of(policy, Some(index));
    let zone = *opts.bounds.start.offset();
    let mut towns: Vec<UnitCode> = index
        .unit_codes()
        .iter()
        .filter(|c| UnitRef::Unit(**c).kind() == UnitKind::Town)
        .copied()
        .collect();
    towns.sort();
    let grids_sorted: Vec<GridCode> = index
        .unit_codes()
        .iter()
        .filter_map(|c| match c {
            UnitCode::Grid(g) => Some(*g),
            UnitCode::Admin(_) => None,
        })
        .collect();
    let mut departments: Vec<String> = policy.case.summon_list.iter().cloned().collect();
    if departments.is_empty() {
        departments = policy
            .case
            .file()
            .departments
            .iter()
            .map(|d| d.id.clone())
            .collect();
    }
    let mut sim = Sim {
        ctx,
        policy,
        staff: opts.staff,
        rng: Rng::new(opts.seed),
        book: CaseBook::new(),
        plans: Vec::new(),
        ids: Vec::new(),
        queue: BinaryHeap::new(),
        seq: 0,
        next_command: 0,
        month: Month {
            book: CaseBook::new(),
            commands: 0,
            reports: 0,
            refused_as_expected: BTreeMap::new(),
            surprises: BTreeMap::new(),
            outside: 0,
            breaches: 0,
            now: opts.bounds.end,
        },
        start: opts.bounds.start,
        end: opts.bounds.end,
        zone,
        towns,
        grids_sorted,
        departments,
    };
    sim.schedule_reports(index, opts)?;
    sim.run()?;
    let mut month = sim.month;
    month.book = sim.book;
    Ok(month)
}

impl Sim<'_> {
    fn push(&mut self, at: DateTime<FixedOffset>, case: usize, action: Action) {
        self.seq += 1;
        self.queue
            .push(Reverse((at.timestamp(), self.seq, case, action)));
    }

    fn at(&self, ts: i64) -> DateTime<FixedOffset> {
        self.zone.timestamp_opt(ts, 0).single().unwrap_or(self.end)
    }

    /// Working time after `t`, in minutes.
    fn work(&self, t: DateTime<FixedOffset>, minutes: u32) -> Result<DateTime<FixedOffset>, Error> {
        Ok(self
            .policy
            .calendar
            .add(&t, WorkingDuration::Minutes(minutes))?
            .fixed_offset())
    }

    /// Draws every report of the month: a day (weekends half as busy), an hour between 8
    /// and 18, a GPS point inside the county, a category and an urgency.
    fn schedule_reports(&mut self, index: &GridIndex, o: &MonthOptions<'_>) -> Result<(), Error> {
        let days = (o.bounds.end - o.bounds.start).num_days().max(1);
        let grids = o.staff.len().max(1);
        let target = (grids as f64 * o.per_grid).round() as usize;
        let mut points = o.points.iter();
        let mut weights = Vec::new();
        for d in 0..days {
            let day = o.bounds.start + Duration::days(d);
            let w = if day.weekday().number_from_monday() >= 6 {
                1
            } else {
                2
            };
            weights.push(w);
        }
        let total: i64 = weights.iter().sum();
        let leaves = self.leaves(false);
        let emergencies = self.leaves(true);
        while self.plans.len() < target {
            let Some(p) = points.next() else { break };
            let Some(grid) = index.locate(*p).grid else {
                self.month.outside += 1;
                continue;
            };
            let mut k = self.rng.between(0, total - 1);
            let mut d = 0;
            while k >= weights[d] {
                k -= weights[d];
                d += 1;
            }
            let minute = self.rng.between(8 * 60, 18 * 60 - 1);
            let at = o.bounds.start + Duration::days(d as i64) + Duration::minutes(minute);
            let emergency = !emergencies.is_empty() && self.rng.chance(0.004);
            let category = if emergency {
                self.rng.pick(&emergencies).clone()
            } else {
                self.rng.pick(&leaves).clone()
            };
            let r = self.rng.unit();
            let urgency = if emergency || r < 0.05 {
                Urgency::Urgent
            } else if r < 0.22 {
                Urgency::Important
            } else {
                Urgency::Routine
            };
            let i = self.new_plan(grid, urgency);
            let source = *self.rng.pick(&[
                "patrol",
                "patrol",
                "patrol",
                "patrol",
                "patrol",
                "patrol",
                "patrol",
                "resident",
                "resident",
                "hotline",
                "sensor",
                "department",
            ]);
            let source = if self.rng.chance(0.01) {
                "leader"
            } else {
                source
            };
            let how = match source {
                "patrol" => "网格员巡查发现",
                "resident" => "居民反映",
                "hotline" => "12345热线转办",
                "sensor" => "物联感知告警",
                "department" => "部门移交",
                _ => "领导交办",
            };
            let args = json!({
                "category": category, "urgency": urgency, "source": source,
                "point": [p.lon, p.lat], "description": format!("{category}（{how}）"),
                "emergency": emergency,
            });
            self.queue_report(i, at, args.clone(), emergency);
            // Now and then the same thing is reported again nearby an hour or two later.
            if !emergency && self.rng.chance(0.02) {
                let j = self.new_plan(grid, urgency);
                self.plans[j].duplicate_of = Some(self.ids[i].clone());
                let later = at + Duration::minutes(self.rng.between(30, 150));
                let mut dup = args;
                dup["source"] = json!("resident");
                dup["description"] = json!(format!("{category}（居民再次反映）"));
                self.queue_report(j, later, dup, false);
            }
        }
        Ok(())
    }

    /// Leaf categories of the catalogue (emergencies or not), disputes twice as likely.
    fn leaves(&self, emergency: bool) -> Vec<String> {
        let cats = self.policy.case.categories();
        let is_parent = |id: &str| cats.iter().any(|c| c.parent.as_deref() == Some(id));
        let mut out = Vec::new();
        for c in cats {
            let em = c.emergency
                || c.parent
                    .as_deref()
                    .and_then(|p| self.policy.case.category(p))
                    .is_some_and(|p| p.emergency);
            if em != emergency || is_parent(&c.id) {
                continue;
            }
            out.push(c.id.clone());
            if c.parent.as_deref() == Some("矛盾纠纷") {
                out.push(c.id.clone());
            }
        }
        out
    }

    fn new_plan(&mut self, grid: GridCode, urgency: Urgency) -> usize {
        let r = &mut self.rng;
        let late = r.chance(0.09);
        let handle_min = match urgency {
            Urgency::Urgent => r.between(30, 600),
            Urgency::Important => r.between(120, 1800),
            Urgency::Routine => r.between(60, 2400),
        } as u32
            * if late { 4 } else { 1 };
        let rating = if r.chance(0.8) {
            let x = r.unit();
            Some(if x < 0.86 {
                Rating::Satisfied
            } else if x < 0.96 {
                Rating::BasicallySatisfied
            } else {
                Rating::Unsatisfied
            })
        } else {
            None
        };
        let plan = Plan {
            grid,

            handle_min,
            accept_min: {
                let hi = if r.chance(0.04) { 4000 } else { 240 };
                r.between(5, hi) as u32
            },
            late,
            delegate: r.chance(0.3),
            summon: r.chance(0.2),
            send_back: r.chance(0.04),
            suspend: r.chance(0.02),
            extend: r.chance(0.025),
            void: r.chance(0.01),
            rework: r.chance(0.07),
            rating,
            duplicate_of: None,
            claim: r.chance(0.85),
            report: None,
            done: Vec::new(),
        };
        let i = self.plans.len();
        self.plans.push(plan);
        self.ids.push(format!("SJ-{:05}", i + 1));
        i
    }

    fn queue_report(&mut self, i: usize, at: DateTime<FixedOffset>, args: Value, emergency: bool) {
        self.plans[i].report = Some((args, emergency));
        self.push(at, i, Action::Report);
    }

    fn run(&mut self) -> Result<(), Error> {
        // The platform ticks the clocks at every local midnight of the month.
        let mut next_tick = self.start + Duration::days(1);
        while let Some(Reverse((ts, _, i, action))) = self.queue.pop() {
            if ts >= self.end.timestamp() {
                break;
            }
            while next_tick.timestamp() <= ts {
                self.tick(next_tick)?;
                next_tick += Duration::days(1);
            }
            let at = self.at(ts);
            match action {
                Action::Report => self.report(i, at)?,
                Action::Step => self.step(i, at)?,
                Action::Supervise => self.supervise(i, at),
                Action::ForeignTown | Action::ForeignWorker | Action::DepartmentClaims => {
                    self.trespass(i, at, action)
                }
            }
        }
        while next_tick <= self.end {
            self.tick(next_tick)?;
            next_tick += Duration::days(1);
        }
        Ok(())
    }

    fn tick(&mut self, now: DateTime<FixedOffset>) -> Result<(), Error> {
        let facts = self.book.tick(now, &self.ctx)?;
        self.month.breaches += facts.len();
        Ok(())
    }

    /// Sends one command: its facts, or `None` when refused (counted as expected or not).
    fn send(
        &mut self,
        i: usize,
        at: DateTime<FixedOffset>,
        op: Op,
        actor: Actor,
        args: Value,
        expect_ok: bool,
    ) -> bool {
        self.next_command += 1;
        let cmd = Command {
            id: format!("K-{:06}", self.next_command),
            case: self.ids[i].clone(),
            op,
            at,
            actor,
            args,
        };
        self.month.commands += 1;
        match self.book.execute(&cmd, &self.ctx) {
            Ok(_) if expect_ok => true,
            Ok(_) => {
                let e = self
                    .month
                    .surprises
                    .entry(format!("{} was accepted", op.name()))
                    .or_insert((0, String::new()));
                e.0 += 1;
                e.1 = format!("{} {}", cmd.id, cmd.case);
                true
            }
            Err(e) if !expect_ok => {
                *self
                    .month
                    .refused_as_expected
                    .entry(e.code().name().to_owned())
                    .or_default() += 1;
                false
            }
            Err(e) => {
                let s = self
                    .month
                    .surprises
                    .entry(format!("{} refused: {}", op.name(), e.code().name()))
                    .or_insert((0, String::new()));
                s.0 += 1;
                if s.1.is_empty() {
                    s.1 = format!("{} {}: {e}", cmd.id, cmd.case);
                }
                false
            }
        }
    }

    fn grid_worker(&self, grid: &GridCode) -> Actor {
        let person = self
            .staff
            .get(grid)
            .and_then(|s| s.worker.clone())
            .unwrap_or_else(|| format!("{grid}-代岗"));
        Actor {
            person,
            role: "grid_worker".into(),
            unit: UnitRef::Unit(UnitCode::Grid(*grid)),
        }
    }

    fn centre(role: &str, unit: UnitCode) -> Actor {
        Actor {
            person: format!("{role}-{unit}"),
            role: role.into(),
            unit: UnitRef::Unit(unit),
        }
    }

    fn town_of(grid: &GridCode) -> UnitCode {
        let community = grid.community();
        UnitCode::Admin(community.parent().unwrap_or(community))
    }

    fn county_of(grid: &GridCode) -> UnitCode {
        let UnitCode::Admin(town) = Self::town_of(grid) else {
            unreachable!("a town is an administrative code")
        };
        UnitCode::Admin(town.parent().unwrap_or(town))
    }

    /// The actor who acts for the case's handler.
    fn handler_actor(&self, c: &Case) -> Actor {
        match &c.handler {
            UnitRef::Department(d) => Actor {
                person: format!("department-{d}"),
                role: "department".into(),
                unit: c.handler.clone(),
            },
            UnitRef::Unit(UnitCode::Grid(g)) => self.grid_worker(g),
            UnitRef::Unit(u) => {
                let role = match c.handler.kind() {
                    UnitKind::Community => "community_centre",
                    UnitKind::Town => "town_centre",
                    _ => "county_centre",
                };
                Self::centre(role, *u)
            }
        }
    }

    fn report(&mut self, i: usize, at: DateTime<FixedOffset>) -> Result<(), Error> {
        let Some((args, emergency)) = self.plans[i].report.take() else {
            return Ok(());
        };
        let grid = self.plans[i].grid;
        let staff = self.staff.get(&grid).cloned().unwrap_or_default();
        let actor = match (&staff.head, emergency) {
            (Some(head), true) => Actor {
                person: head.clone(),
                role: "grid_head".into(),
                unit: UnitRef::Unit(UnitCode::Grid(grid)),
            },
            _ => self.grid_worker(&grid),
        };
        self.month.reports += 1;
        if !self.send(i, at, Op::Report, actor, args, true) {
            return Ok(());
        }
        let next = self.next_at(i, at)?;
        self.push(next, i, Action::Step);
        if self.rng.chance(0.03) {
            let later = at + Duration::hours(self.rng.between(24, 96));
            self.push(later, i, Action::Supervise);
        }
        for a in [
            Action::ForeignTown,
            Action::ForeignWorker,
            Action::DepartmentClaims,
        ] {
            if self.rng.chance(0.003) {
                let later = at + Duration::minutes(self.rng.between(10, 600));
                self.push(later, i, a);
            }
        }
        Ok(())
    }

    fn supervise(&mut self, i: usize, at: DateTime<FixedOffset>) {
        let Some(c) = self.book.case(&self.ids[i]) else {
            return;
        };
        if c.is_final() || c.status == CaseStatus::Closed {
            return;
        }
        let county = Self::county_of(&c.report.grid);
        let level = if c.rework > 0 { "red" } else { "yellow" };
        self.send(
            i,
            at,
            Op::Supervise,
            Self::centre("county_centre", county),
            json!({"level": level, "reason": "群众反映强烈，县综治中心督办"}),
            true,
        );
    }

    /// Someone acting outside their rights: the engine must refuse.
    fn trespass(&mut self, i: usize, at: DateTime<FixedOffset>, action: Action) {
        let Some(c) = self.book.case(&self.ids[i]) else {
            return;
        };
        let grid = c.report.grid;
        let (op, actor) = match action {
            Action::ForeignTown => {
                let own = Self::town_of(&grid);
                let Some(other) = self.towns.iter().find(|t| **t != own).copied() else {
                    return;
                };
                (Op::Accept, Self::centre("town_centre", other))
            }
            Action::ForeignWorker => {
                let Some(other) = self.grids_sorted.iter().find(|g| **g != grid).copied() else {
                    return;
                };
                (Op::Close, self.grid_worker(&other))
            }
            _ => {
                let d = self
                    .departments
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "police".into());
                let actor = Actor {
                    person: format!("department-{d}"),
                    role: "department".into(),
                    unit: UnitRef::Department(d),
                };
                (Op::Claim, actor)
            }
        };
        self.send(i, at, op, actor, json!({}), false);
    }

    /// The case's next step, chosen from its state as the engine sees it.
    fn step(&mut self, i: usize, at: DateTime<FixedOffset>) -> Result<(), Error> {
        let Some(c) = self.book.case(&self.ids[i]).cloned() else {
            return Ok(());
        };
        let grid = c.report.grid;
        let town = Self::town_of(&grid);
        let county = Self::county_of(&grid);
        let urgency = c.report.urgency;
        let handler_kind = c.handler.kind();
        let pending_check_in = c
            .summoned
            .iter()
            .find(|(_, s)| s.checked_in.is_none())
            .map(|(d, _)| d.clone());
        let town_actor = Self::centre("town_centre", town);
        let county_actor = Self::centre("county_centre", county);
        let (op, actor, args) = match c.status {
            CaseStatus::Voided | CaseStatus::Merged => return Ok(()),
            CaseStatus::Reported => {
                let p = &mut self.plans[i];
                if p.void && p.once("void") {
                    (
                        Op::Void,
                        town_actor,
                        json!({"reason": "经核实不属实", "approved_by": "镇街综治中心主任"}),
                    )
                } else if let Some(into) = p
                    .duplicate_of
                    .clone()
                    .filter(|o| self.book.case(o).is_some_and(|o| !o.is_final()))
                    .filter(|_| p.once("merge"))
                {
                    let community = UnitCode::Admin(grid.community());
                    (
                        Op::Merge,
                        Self::centre("community_centre", community),
                        json!({"into": into, "reason": "重复上报"}),
                    )
                } else if handler_kind == UnitKind::County {
                    // 抢单 within the window after the report; a case escalated to the
                    // county later is dispatched.
                    if p.claim && c.stage_no == 0 && p.once("claim") {
                        (Op::Claim, town_actor, json!({}))
                    } else {
                        let to = if self.rng.chance(0.3) && !self.departments.is_empty() {
                            format!("dept:{}", self.rng.pick(&self.departments))
                        } else {
                            town.to_string()
                        };
                        (Op::Dispatch, county_actor, json!({"to": to}))
                    }
                } else {
                    (Op::Accept, self.handler_actor(&c), json!({}))
                }
            }
            CaseStatus::Assigned => (Op::Accept, self.handler_actor(&c), json!({})),
            CaseStatus::Accepted => {
                let delegable = self.policy.case.delegate_urgencies.contains(&urgency);
                let has_depts = !self.departments.is_empty();
                let p = &mut self.plans[i];
                if handler_kind == UnitKind::Town
                    && p.send_back
                    && urgency != Urgency::Urgent
                    && p.once("send_back")
                {
                    (
                        Op::SendBack,
                        town_actor,
                        json!({"reason": "涉及多部门，镇街难以协调"}),
                    )
                } else if handler_kind == UnitKind::Town
                    && p.delegate
                    && delegable
                    && p.once("delegate")
                {
                    (
                        Op::Delegate,
                        town_actor,
                        json!({"to": UnitCode::Admin(grid.community()).to_string()}),
                    )
                } else if handler_kind == UnitKind::Town
                    && p.summon
                    && has_depts
                    && p.once("summon")
                {
                    let d = self.rng.pick(&self.departments).clone();
                    (Op::Summon, town_actor, json!({"departments": [d]}))
                } else if handler_kind == UnitKind::County && p.once("dispatch_back") && has_depts {
                    let d = self.rng.pick(&self.departments).clone();
                    (
                        Op::Dispatch,
                        county_actor,
                        json!({"to": format!("dept:{d}")}),
                    )
                } else if p.suspend && p.once("suspend") {
                    (
                        Op::Suspend,
                        town_actor,
                        json!({"reason": "等待司法鉴定", "approved_by": "镇街分管领导"}),
                    )
                } else if p.extend && p.once("extend") {
                    (
                        Op::Extend,
                        town_actor,
                        json!({"by": "3 working days", "reason": "需协调多方", "approved_by": "镇街分管领导"}),
                    )
                } else if let Some(d) = pending_check_in {
                    (Op::CheckIn, Self::dept(&d), json!({}))
                } else {
                    (Op::Start, self.handler_actor(&c), json!({}))
                }
            }
            CaseStatus::InProgress => match pending_check_in {
                Some(d) => (Op::CheckIn, Self::dept(&d), json!({})),
                None => (
                    Op::Resolve,
                    self.handler_actor(&c),
                    json!({"note": "已处置"}),
                ),
            },
            CaseStatus::Resolved if !c.verified => {
                let p = &mut self.plans[i];
                let passed = !(p.rework && p.once("rework"));
                (
                    Op::Verify,
                    self.grid_worker(&grid),
                    json!({"passed": passed}),
                )
            }
            CaseStatus::Resolved => (Op::Close, self.grid_worker(&grid), json!({})),
            CaseStatus::Suspended => (Op::Resume, town_actor, json!({})),
            CaseStatus::Closed => {
                if !c.feedback {
                    (
                        Op::Feedback,
                        self.grid_worker(&grid),
                        json!({"message": "已办结，向群众反馈"}),
                    )
                } else {
                    let p = &mut self.plans[i];
                    match p.rating.filter(|_| c.rating.is_none() && p.once("rate")) {
                        Some(r) => (
                            Op::Rate,
                            county_actor,
                            json!({"rating": r, "contacted": true, "resolved": r != Rating::Unsatisfied}),
                        ),
                        None => return Ok(()),
                    }
                }
            }
        };
        if !self.send(i, at, op, actor, args, true) {
            return Ok(());
        }
        let next = self.next_at(i, at)?;
        self.push(next, i, Action::Step);
        Ok(())
    }

    fn dept(d: &str) -> Actor {
        Actor {
            person: format!("department-{d}"),
            role: "department".into(),
            unit: UnitRef::Department(d.to_owned()),
        }
    }

    /// When the case's next step happens, from its new state.
    fn next_at(
        &mut self,
        i: usize,
        at: DateTime<FixedOffset>,
    ) -> Result<DateTime<FixedOffset>, Error> {
        let Some(c) = self.book.case(&self.ids[i]) else {
            return Ok(at);
        };
        let late = self.plans[i].late;
        let pending_check_in = c.summoned.values().any(|s| s.checked_in.is_none());
        let status = c.status;
        let verified = c.verified;
        let feedback = c.feedback;
        let r = &mut self.rng;
        let minutes = |r: &mut Rng, lo: i64, hi: i64| at + Duration::minutes(r.between(lo, hi));
        Ok(match status {
            CaseStatus::Reported if c.handler.kind() == UnitKind::County => {
                let m = r.between(10, 100) as u32;
                self.work(at, m)?
            }
            CaseStatus::Reported => at + Duration::minutes(i64::from(self.plans[i].accept_min)),
            CaseStatus::Assigned => minutes(r, 10, 120),
            CaseStatus::Accepted => minutes(r, 5, 90),
            CaseStatus::InProgress if pending_check_in => {
                if late {
                    minutes(r, 900, 3000)
                } else {
                    minutes(r, 30, 400)
                }
            }
            CaseStatus::InProgress => {
                let m = self.plans[i].handle_min;
                self.work(at, m)?
            }
            CaseStatus::Resolved if verified => minutes(r, 5, 30),
            CaseStatus::Resolved => minutes(r, 30, 480),
            CaseStatus::Suspended => at + Duration::hours(r.between(24, 96)),
            CaseStatus::Closed if !feedback => minutes(r, 30, 240),
            CaseStatus::Closed => at + Duration::hours(r.between(20, 48)),
            CaseStatus::Voided | CaseStatus::Merged => at,
        })
    }
}
