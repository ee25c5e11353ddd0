//! Cases through the public API: scenarios of every tier, ticket and exception of the
//! seeds with deadlines across weekends, holidays and make-up days (2025–2026), and
//! property tests over random command sequences.
//!
//! Expected deadlines are counted by hand from the State Council notices (2025 National
//! Day: 1–8 Oct off, Sun 28 Sep and Sat 11 Oct worked; 2026 New Year: 1–3 Jan off, Sun 4 Jan
//! worked; 2026 Spring Festival: 15–23 Feb off, Sat 14 and Sat 28 Feb worked) and the
//! default working day 08:30–12:00, 13:30–17:30; N working days end at the close of the
//! N-th working day after the start.

use chrono::{DateTime, FixedOffset};
use proptest::prelude::*;
use serde_json::{Value, json};
use wangge::ErrorCode;
use wangge::actor::UnitRef;
use wangge::case::{
    CaseBook, CaseContext, CaseError, Command, Fact, clocks, read_journal, write_header,
};
use wangge::policy::Policy;
use wangge::record::{CaseStatus, Supervision, Tier};

const GRID: &str = "371323100201001";
const GRID2: &str = "371323100201002";
const GRID3: &str = "371323101001001";
const COMMUNITY: &str = "371323100201";
const TOWN: &str = "371323100000";
const TOWN2: &str = "371323101000";
const COUNTY: &str = "371323";

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

struct World {
    policy: Policy,
    book: CaseBook,
    n: usize,
}

impl World {
    fn new(preset: &str) -> World {
        World {
            policy: Policy::preset(preset).unwrap(),
            book: CaseBook::new(),
            n: 0,
        }
    }
    fn run(
        &mut self,
        case: &str,
        op: &str,
        at: &str,
        who: (&str, &str),
        args: Value,
    ) -> Result<Vec<Fact>, CaseError> {
        self.n += 1;
        let cmd = Command::from_json(
            &json!({"id": format!("s{}", self.n), "case": case, "op": op, "at": at,
                "actor": {"person": format!("{}-p", who.0), "role": who.0, "unit": who.1},
                "args": args})
            .to_string(),
        )?;
        let ctx = CaseContext {
            policy: &self.policy.case,
            calendar: &self.policy.calendar,
            grids: None,
        };
        self.book.execute(&cmd, &ctx)
    }
    fn ok(&mut self, case: &str, op: &str, at: &str, who: (&str, &str), args: Value) {
        if let Err(e) = self.run(case, op, at, who, args) {
            panic!("{case} {op} by {who:?}: {e}");
        }
    }
    fn code(
        &mut self,
        case: &str,
        op: &str,
        at: &str,
        who: (&str, &str),
        args: Value,
    ) -> ErrorCode {
        self.run(case, op, at, who, args).unwrap_err().code()
    }
    fn due(&self, case: &str, at: &str) -> clocks::Due {
        let c = self.book.case(case).unwrap();
        clocks::due(c, &self.policy.case, &self.policy.calendar, &t(at)).unwrap()
    }
    fn status(&self, case: &str) -> (CaseStatus, Tier, String) {
        let c = self.book.case(case).unwrap();
        (c.status, c.tier, c.handler.to_string())
    }
}

const W: (&str, &str) = ("grid_worker", GRID);
const HEAD: (&str, &str) = ("grid_head", GRID);
const COMM: (&str, &str) = ("community_centre", COMMUNITY);
const TC: (&str, &str) = ("town_centre", TOWN);
const CC: (&str, &str) = ("county_centre", COUNTY);

fn report(cat: &str, urgency: &str) -> Value {
    json!({"category": cat, "urgency": urgency, "grid": GRID})
}

/// Seed 000: 一至四级分级办理, each tier handled at its level and closed at the grid.
#[test]
fn seed000_every_tier_closes_at_the_grid() {
    let mut w = World::new("seed000");
    let handlers = [
        ("T1", "邻里纠纷", "routine", W, GRID),
        ("T2", "邻里纠纷", "important", COMM, COMMUNITY),
        ("T3", "安全生产", "routine", TC, TOWN),
    ];
    for (id, cat, u, who, unit) in handlers {
        w.ok(id, "report", "2025-03-07T16:00:00+08:00", W, report(cat, u));
        assert_eq!(w.status(id).2, unit, "{id}");
        // Friday 16:00 + 2 working days to accept: Monday 10 and Tuesday 11 March.
        assert_eq!(
            w.due(id, "2025-03-07T16:00:00+08:00").stage,
            Some(t("2025-03-11T17:30:00+08:00"))
        );
        w.ok(id, "accept", "2025-03-10T09:00:00+08:00", who, json!({}));
        w.ok(id, "start", "2025-03-10T09:30:00+08:00", who, json!({}));
        w.ok(id, "resolve", "2025-03-12T10:00:00+08:00", who, json!({}));
        w.ok(
            id,
            "verify",
            "2025-03-12T15:00:00+08:00",
            W,
            json!({"passed": true}),
        );
        w.ok(id, "close", "2025-03-12T15:05:00+08:00", W, json!({}));
        assert_eq!(w.status(id).0, CaseStatus::Closed);
    }
    // T4: the town cannot coordinate; the county centre takes it and gives it to a department.
    w.ok(
        "T4",
        "report",
        "2025-03-07T16:00:00+08:00",
        W,
        report("治安隐患", "routine"),
    );
    w.ok(
        "T4",
        "assess",
        "2025-03-07T16:30:00+08:00",
        CC,
        json!({"tier": "t4", "reason": "超出镇街职责"}),
    );
    assert_eq!(
        w.status("T4"),
        (CaseStatus::Reported, Tier::T4, COUNTY.into())
    );
    w.ok("T4", "accept", "2025-03-10T09:00:00+08:00", CC, json!({}));
    w.ok(
        "T4",
        "dispatch",
        "2025-03-10T09:10:00+08:00",
        CC,
        json!({"to": "dept:safety"}),
    );
    let d = ("department", "dept:safety");
    w.ok("T4", "accept", "2025-03-10T10:00:00+08:00", d, json!({}));
    w.ok("T4", "start", "2025-03-10T10:00:00+08:00", d, json!({}));
    w.ok("T4", "resolve", "2025-03-14T10:00:00+08:00", d, json!({}));
    assert_eq!(
        w.code("T4", "close", "2025-03-14T11:00:00+08:00", CC, json!({})),
        ErrorCode::CaseUnauthorized
    );
    assert_eq!(
        w.code(
            "T4",
            "verify",
            "2025-03-14T11:00:00+08:00",
            ("grid_worker", GRID2),
            json!({"passed": true})
        ),
        ErrorCode::CaseOutOfJurisdiction
    );
    w.ok(
        "T4",
        "verify",
        "2025-03-14T11:00:00+08:00",
        W,
        json!({"passed": true}),
    );
    w.ok("T4", "close", "2025-03-14T11:05:00+08:00", W, json!({}));
    // Emergencies: the grid head reports straight to the town centre.
    w.ok(
        "E",
        "report",
        "2025-03-08T22:00:00+08:00",
        HEAD,
        report("群体性事件", "urgent"),
    );
    assert_eq!(w.status("E"), (CaseStatus::Reported, Tier::T3, TOWN.into()));
    assert_eq!(
        w.code(
            "E2",
            "report",
            "2025-03-08T22:00:00+08:00",
            ("instructor", GRID),
            report("火灾事故", "urgent")
        ),
        ErrorCode::CaseRuleViolation
    );
    // urgent: accept within 2 hours of natural time, whatever the weekend.
    assert_eq!(
        w.due("E", "2025-03-08T22:00:00+08:00").stage,
        Some(t("2025-03-09T00:00:00+08:00"))
    );
}

/// Seed 001: the five tickets across the 2025 National Day holiday.
#[test]
fn seed001_five_tickets_across_national_day_2025() {
    let mut w = World::new("seed001");
    // Reported Tuesday 30 Sep 2025 10:00; the county platform holds it (T4).
    w.ok(
        "A",
        "report",
        "2025-09-30T10:00:00+08:00",
        W,
        report("治安隐患", "important"),
    );
    w.ok(
        "A",
        "assess",
        "2025-09-30T10:05:00+08:00",
        CC,
        json!({"tier": "t4", "reason": "区级平台统一分拨"}),
    );
    // accept: 2 working days after 30 Sep are 9 and 10 Oct (1–8 Oct are off).
    assert_eq!(
        w.due("A", "2025-09-30T10:05:00+08:00").stage,
        Some(t("2025-10-10T17:30:00+08:00"))
    );
    // claim window 2 working hours from 10:00 → 12:00 the same day.
    assert_eq!(
        w.code("A", "claim", "2025-09-30T14:00:00+08:00", TC, json!({})),
        ErrorCode::CaseRuleViolation
    );
    assert_eq!(
        w.code(
            "A",
            "claim",
            "2025-09-30T11:00:00+08:00",
            ("town_centre", TOWN2),
            json!({})
        ),
        ErrorCode::CaseOutOfJurisdiction
    );
    assert_eq!(
        w.code(
            "A",
            "dispatch",
            "2025-09-30T11:00:00+08:00",
            TC,
            json!({"to": TOWN})
        ),
        ErrorCode::CaseUnauthorized
    );
    w.ok("A", "claim", "2025-09-30T11:00:00+08:00", TC, json!({}));
    assert_eq!(w.status("A"), (CaseStatus::Assigned, Tier::T3, TOWN.into()));
    // handle an important case: 5 working days from the claim: 9, 10, 11 (make-up Saturday), 13, 14 Oct.
    assert_eq!(
        w.due("A", "2025-09-30T11:00:00+08:00").stage,
        Some(t("2025-10-14T17:30:00+08:00"))
    );
    // 联单: summon two departments; check-in within 1 working day: the 9th.
    w.ok(
        "A",
        "summon",
        "2025-09-30T15:00:00+08:00",
        TC,
        json!({"departments": ["urban_management", "market"]}),
    );
    w.ok(
        "A",
        "check_in",
        "2025-10-09T09:00:00+08:00",
        ("department", "dept:urban_management"),
        json!({}),
    );
    let ctx = CaseContext {
        policy: &w.policy.case,
        calendar: &w.policy.calendar,
        grids: None,
    };
    let v = w
        .book
        .case("A")
        .unwrap()
        .view(&ctx, &t("2025-10-10T09:00:00+08:00"))
        .unwrap();
    let s: Vec<_> = v
        .summoned
        .iter()
        .map(|s| (s.department.as_str(), s.due, s.late))
        .collect();
    assert_eq!(
        s,
        vec![
            ("market", t("2025-10-09T17:30:00+08:00"), true),
            ("urban_management", t("2025-10-09T17:30:00+08:00"), false),
        ]
    );
    // 返单: the town sends it back; a county leader dispatches it.
    w.ok(
        "A",
        "send_back",
        "2025-10-10T09:00:00+08:00",
        TC,
        json!({"reason": "疑难问题,需区级协调"}),
    );
    assert_eq!(w.status("A").2, COUNTY);
    w.ok(
        "A",
        "dispatch",
        "2025-10-10T10:00:00+08:00",
        ("leader", COUNTY),
        json!({"to": "dept:market"}),
    );
    // 派单 of an unclaimed case to a town, which 分单 a routine matter down to the grid.
    w.ok(
        "B",
        "report",
        "2025-09-28T09:00:00+08:00",
        W,
        report("环境卫生", "routine"),
    );
    w.ok(
        "B",
        "assess",
        "2025-09-28T09:05:00+08:00",
        CC,
        json!({"tier": "t4", "reason": "区级平台统一分拨"}),
    );
    w.ok(
        "B",
        "dispatch",
        "2025-09-28T14:00:00+08:00",
        CC,
        json!({"to": TOWN}),
    );
    w.ok("B", "accept", "2025-09-28T14:10:00+08:00", TC, json!({}));
    w.ok(
        "B",
        "delegate",
        "2025-09-28T14:20:00+08:00",
        TC,
        json!({"to": GRID}),
    );
    assert_eq!(w.status("B"), (CaseStatus::Assigned, Tier::T1, GRID.into()));
    // handle from Sunday 28 Sep (a make-up working day): 29, 30 Sep, 9, 10, 11, 13, 14 Oct.
    assert_eq!(
        w.due("B", "2025-09-28T14:20:00+08:00").stage,
        Some(t("2025-10-14T17:30:00+08:00"))
    );
    // one ticket, one feedback, one evaluation
    w.ok("B", "start", "2025-09-29T09:00:00+08:00", W, json!({}));
    w.ok("B", "resolve", "2025-09-29T10:00:00+08:00", W, json!({}));
    w.ok(
        "B",
        "verify",
        "2025-09-29T10:30:00+08:00",
        W,
        json!({"passed": true}),
    );
    w.ok("B", "close", "2025-09-29T10:31:00+08:00", W, json!({}));
    w.ok(
        "B",
        "feedback",
        "2025-09-29T11:00:00+08:00",
        W,
        json!({"message": "已清理"}),
    );
    w.ok(
        "B",
        "rate",
        "2025-09-30T09:00:00+08:00",
        CC,
        json!({"rating": "satisfied"}),
    );
    let recs = w
        .book
        .records(&ctx_of(&w.policy), &t("2025-10-20T00:00:00+08:00"))
        .unwrap();
    let b = recs.iter().find(|r| r.id == "B").unwrap();
    assert_eq!(
        (b.status, b.rating.is_some(), b.tier),
        (CaseStatus::Closed, true, Tier::T1)
    );
}

fn ctx_of(p: &Policy) -> CaseContext<'_> {
    CaseContext {
        policy: &p.case,
        calendar: &p.calendar,
        grids: None,
    }
}

/// Exceptions across the 2026 Spring Festival and New Year: suspension, extension, rework,
/// reopen, void, supervision and breach by `tick`.
#[test]
fn seed003_exceptions_across_spring_festival_2026() {
    let mut w = World::new("seed003");
    w.ok(
        "S",
        "report",
        "2026-02-12T09:00:00+08:00",
        W,
        report("邻里纠纷", "routine"),
    );
    w.ok("S", "accept", "2026-02-12T10:00:00+08:00", W, json!({}));
    // handle: 13, 14 (make-up Sat), 24, 25, 26, 27, 28 (make-up Sat) Feb.
    assert_eq!(
        w.due("S", "2026-02-12T10:00:00+08:00").stage,
        Some(t("2026-02-28T17:30:00+08:00"))
    );
    w.ok("S", "start", "2026-02-12T10:30:00+08:00", W, json!({}));
    // suspended the whole of Friday 13 Feb: one working day paused
    w.ok(
        "S",
        "suspend",
        "2026-02-13T08:30:00+08:00",
        TC,
        json!({"reason": "当事人外出", "approved_by": "镇综治中心"}),
    );
    assert_eq!(
        w.code(
            "S",
            "suspend",
            "2026-02-13T09:00:00+08:00",
            TC,
            json!({"reason": "x", "approved_by": "y"})
        ),
        ErrorCode::InvalidCaseTransition
    );
    w.ok("S", "resume", "2026-02-13T17:30:00+08:00", TC, json!({}));
    assert_eq!(
        w.due("S", "2026-02-14T09:00:00+08:00").stage,
        Some(t("2026-03-02T17:30:00+08:00"))
    );
    w.ok(
        "S",
        "extend",
        "2026-02-24T09:00:00+08:00",
        TC,
        json!({"by": "3 working days", "reason": "需多方调解", "approved_by": "镇分管领导"}),
    );
    assert_eq!(
        w.due("S", "2026-02-24T09:00:00+08:00").stage,
        Some(t("2026-03-05T17:30:00+08:00"))
    );
    w.ok("S", "resolve", "2026-02-26T09:00:00+08:00", W, json!({}));
    w.ok(
        "S",
        "verify",
        "2026-02-26T11:00:00+08:00",
        W,
        json!({"passed": false, "note": "当事人不认可"}),
    );
    w.ok("S", "resolve", "2026-02-27T09:00:00+08:00", W, json!({}));
    w.ok(
        "S",
        "verify",
        "2026-02-27T11:00:00+08:00",
        W,
        json!({"passed": true}),
    );
    w.ok("S", "close", "2026-02-27T11:01:00+08:00", W, json!({}));
    w.ok(
        "S",
        "reopen",
        "2026-03-02T09:00:00+08:00",
        TC,
        json!({"reason": "纠纷复发"}),
    );
    assert_eq!(w.status("S").0, CaseStatus::Assigned);
    assert_eq!(w.book.case("S").unwrap().rework, 1);
    w.ok(
        "S",
        "void",
        "2026-03-02T10:00:00+08:00",
        TC,
        json!({"reason": "重复登记", "approved_by": "镇综治中心"}),
    );
    assert_eq!(w.status("S").0, CaseStatus::Voided);

    // tick over New Year 2026: reported Wed 31 Dec 2025 09:00, accept due 2 working days
    // later: Sun 4 Jan (make-up) and Mon 5 Jan.
    w.ok(
        "N",
        "report",
        "2025-12-31T09:00:00+08:00",
        W,
        report("民生服务", "routine"),
    );
    assert_eq!(
        w.due("N", "2025-12-31T09:00:00+08:00").stage,
        Some(t("2026-01-05T17:30:00+08:00"))
    );
    let p = w.policy.clone();
    let ctx = ctx_of(&p);
    assert!(
        w.book
            .tick(t("2026-01-03T12:00:00+08:00"), &ctx)
            .unwrap()
            .is_empty()
    );
    let f = w.book.tick(t("2026-01-06T08:00:00+08:00"), &ctx).unwrap();
    assert_eq!(f.len(), 1, "{f:?}");
    let c = w.book.case("N").unwrap();
    assert_eq!(
        (c.tier, c.handler.to_string(), c.supervision),
        (Tier::T3, TOWN.to_string(), Supervision::Yellow)
    );
    let over = w
        .book
        .overdue(
            &UnitRef::Unit(TOWN.parse().unwrap()),
            &ctx,
            &t("2026-01-30T09:00:00+08:00"),
        )
        .unwrap();
    assert_eq!(over, vec!["N".to_string()]);
}

/// Seed 004 and seed 002: colours (progress and 四色) and records.
#[test]
fn colours_and_records() {
    let mut w = World::new("seed002");
    w.ok(
        "R",
        "report",
        "2026-03-02T09:00:00+08:00",
        W,
        report("矛盾纠纷", "urgent"),
    );
    let p = w.policy.clone();
    let c = w.book.case("R").unwrap();
    // urgent accept limit: 2 natural hours → green to 80 % (10:36), yellow to 11:00, red after
    let col = |s| {
        clocks::colour(c, &p.case, &p.calendar, &t(s))
            .unwrap()
            .unwrap()
    };
    assert_eq!(col("2026-03-02T10:30:00+08:00"), clocks::Colour::Green);
    assert_eq!(col("2026-03-02T10:40:00+08:00"), clocks::Colour::Yellow);
    assert_eq!(col("2026-03-02T11:10:00+08:00"), clocks::Colour::Red);
    assert_eq!(clocks::urgency_colour(c, &p.case), clocks::Colour::Red);
    let rec = &w
        .book
        .records(&ctx_of(&p), &t("2026-03-02T12:00:00+08:00"))
        .unwrap()[0];
    assert_eq!(
        (rec.tier, rec.status, rec.due_at),
        (
            Tier::T3,
            CaseStatus::Reported,
            Some(t("2026-03-04T09:00:00+08:00"))
        )
    );
}

// ---- property tests ----------------------------------------------------------------

const ACTORS: &[(&str, &str)] = &[
    ("grid_worker", GRID),
    ("grid_worker", GRID2),
    ("grid_worker", GRID3),
    ("grid_head", GRID),
    ("community_centre", COMMUNITY),
    ("town_centre", TOWN),
    ("town_centre", TOWN2),
    ("county_centre", COUNTY),
    ("county_centre", "371324"),
    ("department", "dept:housing"),
    ("department", "dept:police"),
    ("leader", COUNTY),
];

const OPS: &[&str] = &[
    "report",
    "accept",
    "assess",
    "claim",
    "dispatch",
    "delegate",
    "summon",
    "check_in",
    "send_back",
    "start",
    "resolve",
    "verify",
    "close",
    "reopen",
    "suspend",
    "resume",
    "extend",
    "void",
    "supervise",
    "merge",
    "feedback",
    "rate",
];

fn args(op: &str, k: usize) -> Value {
    let grids = [GRID, GRID2, GRID3];
    let cats = ["邻里纠纷", "安全生产", "火灾事故", "环境卫生"];
    let urg = ["routine", "important", "urgent"];
    match op {
        "report" => json!({"category": cats[k % 4], "urgency": urg[k % 3], "grid": grids[k % 3]}),
        "assess" => json!({"tier": (["t1", "t2", "t3", "t4"][k % 4]), "reason": "研判"}),
        "dispatch" => json!({"to": ([TOWN, "dept:housing", TOWN2][k % 3])}),
        "delegate" => json!({"to": ([COMMUNITY, GRID, GRID3][k % 3])}),
        "summon" => json!({"departments": [(["housing", "police"][k % 2])]}),
        "send_back" | "reopen" => json!({"reason": "r"}),
        "resolve" => json!({}),
        "verify" => json!({"passed": !k.is_multiple_of(3)}),
        "suspend" | "void" => json!({"reason": "r", "approved_by": "a"}),
        "extend" => json!({"by": "1 working days", "reason": "r", "approved_by": "a"}),
        "supervise" => json!({"level": (["normal", "yellow", "red"][k % 3])}),
        "merge" => json!({"into": format!("C{}", k % 3)}),
        "feedback" => json!({"message": "m"}),
        "rate" => json!({"rating": "satisfied"}),
        _ => json!({}),
    }
}

/// Actors (indices into [`ACTORS`]) that fit an operation: most steps pick one of these,
/// the rest any actor, so that sequences get far and refusals are still tried.
fn fitting(op: &str) -> &'static [usize] {
    match op {
        "report" => &[0, 1, 2, 3, 5],
        "accept" | "start" | "resolve" => &[0, 1, 2, 4, 5, 6, 7, 9, 10],
        "assess" | "merge" => &[4, 5, 7],
        "claim" | "delegate" | "summon" | "send_back" => &[5, 6],
        "dispatch" => &[7, 11],
        "check_in" => &[9, 10],
        "verify" | "close" => &[0, 1, 2],
        "supervise" => &[5, 7, 11],
        "feedback" => &[0, 5, 7],
        "rate" => &[0, 7],
        _ => &[5, 6, 7],
    }
}

type Step = (usize, usize, usize, usize, usize, i64, usize);

/// The operations that move a case on from its status (the "smart" steps).
fn natural(status: CaseStatus) -> &'static [&'static str] {
    match status {
        CaseStatus::Reported => &["accept", "claim", "accept", "dispatch", "accept"],
        CaseStatus::Accepted => &["start", "delegate", "summon", "dispatch", "send_back"],
        CaseStatus::Assigned => &["accept", "start", "summon", "check_in", "send_back"],
        CaseStatus::InProgress => &["resolve", "resolve", "check_in", "suspend", "extend"],
        CaseStatus::Resolved => &["verify", "close", "verify", "close", "supervise"],
        CaseStatus::Closed => &["feedback", "rate", "reopen", "feedback", "rate"],
        CaseStatus::Suspended => &["resume"; 5],
        _ => &["supervise"; 5],
    }
}

fn command(
    book: &CaseBook,
    at: DateTime<FixedOffset>,
    (case, op, pick, who, k, _, id): Step,
) -> Command {
    let case_id = format!("C{case}");
    let state = book.case(&case_id);
    let op = match (op >= OPS.len(), state) {
        (true, Some(c)) => natural(c.status)[k % 5],
        _ => OPS[op % OPS.len()],
    };
    let f = fitting(op);
    let handler = state.map(|c| c.handler.to_string());
    let grid = state.map(|c| c.report.grid.to_string());
    let who = if pick < 8 {
        // the handler itself (or the case's grid) when a fitting actor is there
        let at = |u: &Option<String>| {
            f.iter()
                .copied()
                .find(|&i| pick < 8 && Some(ACTORS[i].1.to_string()) == *u)
        };
        at(&handler).or(at(&grid)).unwrap_or(f[who % f.len()])
    } else {
        who % ACTORS.len()
    };
    let (role, unit) = ACTORS[who];
    let mut a = args(op, k);
    if op == "report" && unit.len() == 15 {
        a["grid"] = json!(unit);
    }
    Command::from_json(
        &json!({"id": format!("k{id}"), "case": case_id, "op": op,
            "at": at.to_rfc3339(), "actor": {"person": "p", "role": role, "unit": unit},
            "args": a})
        .to_string(),
    )
    .unwrap()
}

fn within(c: Option<&wangge::case::Case>, unit: &UnitRef, grid_of_report: Option<&str>) -> bool {
    match c {
        None => grid_of_report.is_some_and(|g| unit.contains(&g.parse().unwrap())),
        Some(c) => {
            unit.contains(&c.report.grid)
                || &c.handler == unit
                || unit
                    .department()
                    .is_some_and(|d| c.summoned.contains_key(d))
        }
    }
}

fn cases() -> u32 {
    std::env::var("WANGGE_CASE_PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn random_command_sequences_keep_the_invariants(
        steps in prop::collection::vec(
            (0usize..3, 0usize..60, 0usize..10, 0usize..12, 0usize..12, -5i64..400, 0usize..60), 1..50)
    ) {
        let policy = Policy::preset("seed001").unwrap();
        let ctx = ctx_of(&policy);
        let mut book = CaseBook::new();
        let mut ran: Vec<Command> = Vec::new();
        let mut at = t("2026-02-10T08:00:00+08:00");
        for (i, s) in steps.into_iter().enumerate() {
            // reports first so that cases exist; time mostly moves forward
            let s = if i < 3 { (i, 0, 0, s.3, s.4, s.5, s.6 + 1000) } else { s };
            at += chrono::Duration::minutes(s.5);
            let cmd = command(&book, at, s);
            let before = book.clone();
            let seen = book.seen(&cmd.id);
            let pre = book.case(&cmd.case).cloned();
            let grid = cmd.args.get("grid").and_then(Value::as_str).map(str::to_owned);
            match book.execute(&cmd, &ctx) {
                Ok(facts) if facts.is_empty() => {
                    prop_assert!(seen, "no facts for a new command id");
                    prop_assert_eq!(&book, &before);
                }
                Ok(_) => {
                    prop_assert!(!seen, "a repeated command id had effect");
                    prop_assert!(
                        within(pre.as_ref(), &cmd.actor.unit, grid.as_deref()),
                        "{} by {} outside its jurisdiction succeeded", cmd.op.name(), cmd.actor.unit
                    );
                    ran.push(cmd.clone());
                }
                Err(_) => prop_assert_eq!(&book, &before),
            }
            // the same command again never has effect
            let again = book.clone();
            prop_assert!(book.execute(&cmd, &ctx).map(|f| f.is_empty()).unwrap_or(true));
            prop_assert_eq!(&book, &again);
        }
        // replay is deterministic, also through the journal text
        let replayed = CaseBook::replay(book.facts()).unwrap();
        prop_assert_eq!(&replayed, &book);
        let mut text = write_header(None);
        for f in book.facts() {
            text.push_str(&serde_json::to_string(f).unwrap());
            text.push('\n');
        }
        prop_assert_eq!(read_journal(&text).unwrap().len(), book.facts().len());
        prop_assert_eq!(&CaseBook::replay_journal(&text).unwrap(), &book);
        // every reachable state can still be closed or voided
        let last = book.last_at().unwrap_or_else(|| t("2026-02-10T08:00:00+08:00"));
        for c in book.cases().filter(|c| !c.is_final()) {
            let mut b = book.clone();
            let town = wangge::case::tier_unit(&c.report.grid, Tier::T3);
            let void = Command::from_json(&json!({"id": format!("void-{}", c.id), "case": c.id,
                "op": "void", "at": last.to_rfc3339(),
                "actor": {"person": "p", "role": "town_centre", "unit": town.to_string()},
                "args": {"reason": "r", "approved_by": "a"}}).to_string()).unwrap();
            prop_assert!(b.execute(&void, &ctx).is_ok(), "case {} ({:?}) cannot be voided", c.id, c.status);
        }
    }
}

/// Every preset carries its seed's case rules: a catalogue with 矛盾纠纷 and its
/// sub-categories, the platform roles, its emergencies, its tier model.
#[test]
fn every_preset_carries_its_case_rules() {
    use wangge::record::Urgency;
    for id in ["seed000", "seed001", "seed002", "seed003", "seed004"] {
        let p = Policy::preset(id).unwrap();
        assert!(p.file().case.is_some(), "{id} has no [case] section");
        let c = &p.case;
        assert!(c.category("矛盾纠纷").is_some(), "{id}");
        let subs = c
            .categories()
            .iter()
            .filter(|k| k.parent.as_deref() == Some("矛盾纠纷"))
            .count();
        assert!(subs >= 3, "{id}: {subs} sub-categories");
        for r in wangge::case::PLATFORM_ROLES {
            assert!(c.role_unit(r).is_some(), "{id}: {r}");
        }
        assert!(c.role_unit("grid_worker").is_some() && c.role_unit("grid_head").is_some());
        assert!(
            c.limit("邻里纠纷", Urgency::Routine, wangge::case::Stage::Handle)
                .is_some()
        );
    }
    let emergency = |id: &str, cat: &str| {
        Policy::preset(id)
            .unwrap()
            .case
            .category(cat)
            .is_some_and(|c| c.emergency)
    };
    assert!(emergency("seed000", "群体性事件") && emergency("seed000", "火灾事故"));
    assert!(emergency("seed004", "暴力恐怖袭击案件") && emergency("seed004", "公共卫生突发事件"));
    // seed 001: every report goes to the county platform first; seed 003: 矛盾不上交
    assert_eq!(
        Policy::preset("seed001")
            .unwrap()
            .case
            .default_tier("邻里纠纷", Urgency::Routine),
        Tier::T4
    );
    let s3 = Policy::preset("seed003").unwrap();
    for u in [Urgency::Routine, Urgency::Important, Urgency::Urgent] {
        assert!(s3.case.default_tier("邻里纠纷", u) < Tier::T4);
    }
}
