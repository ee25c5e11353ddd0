//! Unit tests of the engine: every op, authorization, tiers, emergencies, closing at the
//! grid, clocks and the journal.

use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};

use super::*;
use crate::calendar::Calendar;
use crate::error::ErrorCode;
use crate::record::{CaseStatus, Rating, Supervision, Tier};

const GRID: &str = "371323100201001";
const GRID2: &str = "371323100201002";
const COMMUNITY: &str = "371323100201";
const TOWN: &str = "371323100000";
const OTHER_TOWN: &str = "371323101000";
const COUNTY: &str = "371323";

struct Fx {
    policy: CasePolicy,
    cal: Calendar,
    book: CaseBook,
    n: u32,
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

impl Fx {
    fn new() -> Fx {
        Fx {
            policy: CasePolicy::default(),
            cal: Calendar::china(),
            book: CaseBook::new(),
            n: 0,
        }
    }
    fn ctx(&self) -> CaseContext<'_> {
        CaseContext {
            policy: &self.policy,
            calendar: &self.cal,
            grids: None,
        }
    }
    fn cmd(
        &mut self,
        case: &str,
        op: &str,
        at: &str,
        role: &str,
        unit: &str,
        args: Value,
    ) -> Command {
        self.n += 1;
        serde_json::from_value(json!({
            "id": format!("k{}", self.n), "case": case, "op": op, "at": at,
            "actor": {"person": format!("{role}-1"), "role": role, "unit": unit},
            "args": args,
        }))
        .unwrap()
    }
    fn run(
        &mut self,
        case: &str,
        op: &str,
        at: &str,
        role: &str,
        unit: &str,
        args: Value,
    ) -> Result<Vec<Fact>, CaseError> {
        let c = self.cmd(case, op, at, role, unit, args);
        let policy = self.policy.clone();
        let ctx = CaseContext {
            policy: &policy,
            calendar: &self.cal,
            grids: None,
        };
        let before = self.book.clone();
        let r = self.book.execute(&c, &ctx);
        if r.is_err() {
            assert_eq!(self.book, before, "a rejected command changed the book");
        }
        r
    }
    fn ok(&mut self, case: &str, op: &str, at: &str, role: &str, unit: &str, args: Value) {
        if let Err(e) = self.run(case, op, at, role, unit, args) {
            panic!("{op} by {role}@{unit}: {e}");
        }
    }
    fn err(
        &mut self,
        case: &str,
        op: &str,
        at: &str,
        role: &str,
        unit: &str,
        args: Value,
    ) -> ErrorCode {
        match self.run(case, op, at, role, unit, args) {
            Ok(f) => panic!("{op} by {role}@{unit} was accepted: {f:?}"),
            Err(e) => e.code(),
        }
    }
    fn report(&mut self, case: &str, cat: &str, urgency: &str, at: &str) {
        self.ok(
            case,
            "report",
            at,
            "grid_worker",
            GRID,
            json!({"category": cat, "urgency": urgency, "grid": GRID}),
        );
    }
    fn case(&self, id: &str) -> &Case {
        self.book.case(id).unwrap()
    }
}

#[test]
fn the_default_policy_is_valid_and_has_the_catalogue() {
    let p = CasePolicy::try_from(CasePolicyFile::default()).unwrap();
    let kids: Vec<_> = p
        .categories()
        .iter()
        .filter(|c| c.parent.as_deref() == Some("矛盾纠纷"))
        .collect();
    assert!(kids.len() >= 3);
    let c = p.category("0101").unwrap();
    assert_eq!(
        (c.id.as_str(), c.class),
        ("上水井盖", crate::record::CaseClass::Component)
    );
    assert!(p.category("火灾事故").unwrap().emergency);
    assert!(!p.category("邻里纠纷").unwrap().emergency);
    // tiers inherit down the tree
    assert_eq!(
        p.default_tier("邻里纠纷", crate::record::Urgency::Important),
        Tier::T2
    );
    assert_eq!(
        p.default_tier("环境卫生", crate::record::Urgency::Urgent),
        Tier::T1
    );
    for op in Op::ALL {
        assert!(!p.rule(*op).roles.is_empty(), "{op:?} has no role");
    }
}

#[test]
fn policy_errors_name_the_field() {
    let mut f = CasePolicyFile::default();
    f.tiers[0].category = "nothing".into();
    let e = CasePolicy::try_from(f).unwrap_err();
    assert!(e.to_string().contains("case.tiers[0].category"), "{e}");
    let mut f = CasePolicyFile::default();
    f.roles.retain(|r| r.id != "leader");
    assert!(
        CasePolicy::try_from(f)
            .unwrap_err()
            .to_string()
            .contains("leader")
    );
    let mut f = CasePolicyFile::default();
    f.categories[1].parent = Some("nowhere".into());
    assert!(CasePolicy::try_from(f).is_err());
    let mut f = CasePolicyFile::default();
    f.summon_list.push("ghost".into());
    assert!(
        CasePolicy::try_from(f)
            .unwrap_err()
            .to_string()
            .contains("summon_list")
    );
    let mut f = CasePolicyFile::default();
    f.progress_colours.green_max_percent = 120;
    assert!(CasePolicy::try_from(f).is_err());
    let toml = "format = 1\nid = 'x'\nname = 'x'\nversion = '1'\n[case]\nbogus = 1\n";
    assert!(
        crate::policy::Policy::from_toml_str(toml)
            .unwrap_err()
            .to_string()
            .contains("bogus")
    );
}

#[test]
fn report_checks_role_category_and_jurisdiction() {
    let mut fx = Fx::new();
    let a = json!({"category": "邻里纠纷", "urgency": "routine", "grid": GRID});
    assert_eq!(
        fx.err(
            "C1",
            "report",
            "2026-03-02T09:00:00+08:00",
            "grid_worker",
            GRID2,
            a.clone()
        ),
        ErrorCode::CaseOutOfJurisdiction
    );
    assert_eq!(
        fx.err(
            "C1",
            "report",
            "2026-03-02T09:00:00+08:00",
            "department",
            "dept:housing",
            a.clone()
        ),
        ErrorCode::CaseUnauthorized
    );
    // a role at the wrong kind of unit
    assert_eq!(
        fx.err(
            "C1",
            "report",
            "2026-03-02T09:00:00+08:00",
            "town_centre",
            GRID,
            a.clone()
        ),
        ErrorCode::CaseUnauthorized
    );
    assert_eq!(
        fx.err(
            "C1",
            "report",
            "2026-03-02T09:00:00+08:00",
            "castellan",
            GRID,
            a.clone()
        ),
        ErrorCode::CaseUnauthorized
    );
    let bad = json!({"category": "飞碟", "urgency": "routine", "grid": GRID});
    assert_eq!(
        fx.err(
            "C1",
            "report",
            "2026-03-02T09:00:00+08:00",
            "grid_worker",
            GRID,
            bad
        ),
        ErrorCode::UnknownCategory
    );
    let bad = json!({"category": "邻里纠纷", "urgency": "routine"});
    assert_eq!(
        fx.err(
            "C1",
            "report",
            "2026-03-02T09:00:00+08:00",
            "grid_worker",
            GRID,
            bad
        ),
        ErrorCode::InvalidCommand
    );
    let bad = json!({"category": "邻里纠纷", "urgency": "routine", "grid": GRID, "colour": 1});
    assert_eq!(
        fx.err(
            "C1",
            "report",
            "2026-03-02T09:00:00+08:00",
            "grid_worker",
            GRID,
            bad
        ),
        ErrorCode::InvalidCommand
    );
    // a town centre reports for its own grids (a hotline call)
    fx.ok(
        "C1",
        "report",
        "2026-03-02T09:00:00+08:00",
        "town_centre",
        TOWN,
        json!({"category": "0101", "urgency": "重要", "grid": GRID, "source": "hotline"}),
    );
    let c = fx.case("C1");
    assert_eq!(c.report.category, "上水井盖");
    assert_eq!(
        (c.tier, c.handler.to_string()),
        (Tier::T3, TOWN.to_string())
    );
    assert_eq!(
        fx.err(
            "C1",
            "report",
            "2026-03-02T10:00:00+08:00",
            "grid_worker",
            GRID,
            a
        ),
        ErrorCode::CaseExists
    );
    assert_eq!(
        fx.err(
            "C9",
            "accept",
            "2026-03-02T10:00:00+08:00",
            "grid_worker",
            GRID,
            json!({})
        ),
        ErrorCode::UnknownCase
    );
}

#[test]
fn emergencies_go_to_the_town_and_are_reported_by_grid_head_or_worker_only() {
    let mut fx = Fx::new();
    let a = json!({"category": "火灾事故", "urgency": "urgent", "grid": GRID});
    let code = fx.err(
        "E1",
        "report",
        "2026-03-02T09:00:00+08:00",
        "community_centre",
        COMMUNITY,
        a.clone(),
    );
    assert_eq!(code, ErrorCode::CaseRuleViolation);
    fx.ok(
        "E1",
        "report",
        "2026-03-02T09:00:00+08:00",
        "grid_head",
        GRID,
        a,
    );
    let c = fx.case("E1");
    assert!(c.report.emergency);
    assert_eq!(
        (c.tier, c.handler.to_string()),
        (Tier::T3, TOWN.to_string())
    );
    // a category that is not an emergency can be reported as one
    fx.ok(
        "E2",
        "report",
        "2026-03-02T09:00:00+08:00",
        "grid_worker",
        GRID,
        json!({"category": "环境卫生", "urgency": "urgent", "grid": GRID, "emergency": true}),
    );
    assert_eq!(fx.case("E2").tier, Tier::T3);
}

#[test]
fn a_t1_case_runs_the_whole_loop_and_closes_at_its_grid() {
    let mut fx = Fx::new();
    fx.report("C1", "邻里纠纷", "routine", "2026-03-02T09:00:00+08:00");
    assert_eq!(fx.case("C1").handler.to_string(), GRID);
    // another grid's worker is out of jurisdiction; the community is not the handler
    assert_eq!(
        fx.err(
            "C1",
            "accept",
            "2026-03-02T09:10:00+08:00",
            "grid_worker",
            GRID2,
            json!({})
        ),
        ErrorCode::CaseOutOfJurisdiction
    );
    assert_eq!(
        fx.err(
            "C1",
            "accept",
            "2026-03-02T09:10:00+08:00",
            "community_centre",
            COMMUNITY,
            json!({})
        ),
        ErrorCode::CaseNotHandler
    );
    assert_eq!(
        fx.err(
            "C1",
            "resolve",
            "2026-03-02T09:10:00+08:00",
            "grid_worker",
            GRID,
            json!({})
        ),
        ErrorCode::InvalidCaseTransition
    );
    fx.ok(
        "C1",
        "accept",
        "2026-03-02T09:10:00+08:00",
        "grid_worker",
        GRID,
        json!({}),
    );
    fx.ok(
        "C1",
        "start",
        "2026-03-02T09:20:00+08:00",
        "grid_worker",
        GRID,
        json!({}),
    );
    fx.ok(
        "C1",
        "resolve",
        "2026-03-02T10:00:00+08:00",
        "grid_worker",
        GRID,
        json!({"note": "调解成功"}),
    );
    assert_eq!(
        fx.err(
            "C1",
            "close",
            "2026-03-02T10:05:00+08:00",
            "grid_worker",
            GRID,
            json!({})
        ),
        ErrorCode::CaseRuleViolation
    );
    fx.ok(
        "C1",
        "verify",
        "2026-03-02T10:10:00+08:00",
        "grid_worker",
        GRID,
        json!({"passed": false}),
    );
    assert_eq!(
        (fx.case("C1").status, fx.case("C1").rework),
        (CaseStatus::InProgress, 1)
    );
    fx.ok(
        "C1",
        "resolve",
        "2026-03-02T11:00:00+08:00",
        "grid_worker",
        GRID,
        json!({}),
    );
    fx.ok(
        "C1",
        "verify",
        "2026-03-02T11:10:00+08:00",
        "grid_worker",
        GRID,
        json!({"passed": true}),
    );
    assert_eq!(
        fx.err(
            "C1",
            "close",
            "2026-03-02T11:20:00+08:00",
            "grid_worker",
            GRID2,
            json!({})
        ),
        ErrorCode::CaseOutOfJurisdiction
    );
    // an earlier instant than the last fact is refused
    assert_eq!(
        fx.err(
            "C1",
            "close",
            "2026-03-02T08:00:00+08:00",
            "grid_worker",
            GRID,
            json!({})
        ),
        ErrorCode::InvalidCommand
    );
    fx.ok(
        "C1",
        "close",
        "2026-03-02T11:20:00+08:00",
        "grid_worker",
        GRID,
        json!({}),
    );
    assert_eq!(
        fx.err(
            "C1",
            "rate",
            "2026-03-03T09:00:00+08:00",
            "county_centre",
            COUNTY,
            json!({"rating": "satisfied"})
        ),
        ErrorCode::CaseRuleViolation
    );
    fx.ok(
        "C1",
        "feedback",
        "2026-03-02T15:00:00+08:00",
        "grid_worker",
        GRID,
        json!({"message": "已调解"}),
    );
    assert_eq!(
        fx.err(
            "C1",
            "feedback",
            "2026-03-02T15:10:00+08:00",
            "grid_worker",
            GRID,
            json!({"message": "again"})
        ),
        ErrorCode::CaseRuleViolation
    );
    fx.ok(
        "C1",
        "rate",
        "2026-03-03T09:00:00+08:00",
        "county_centre",
        COUNTY,
        json!({"rating": "basically_satisfied", "contacted": true}),
    );
    assert_eq!(
        fx.err(
            "C1",
            "rate",
            "2026-03-03T09:10:00+08:00",
            "county_centre",
            COUNTY,
            json!({"rating": "satisfied"})
        ),
        ErrorCode::CaseRuleViolation
    );
    let ctx = fx.ctx();
    let r = fx
        .book
        .case("C1")
        .unwrap()
        .record(&ctx, &t("2026-03-04T00:00:00+08:00"))
        .unwrap();
    assert_eq!(r.status, CaseStatus::Closed);
    assert_eq!(r.rework, 1);
    assert_eq!(r.rating, Some(Rating::BasicallySatisfied));
    assert_eq!(r.closed_at, Some(t("2026-03-02T11:20:00+08:00")));
    assert_eq!(r.worker.as_deref(), Some("grid_worker-1"));
    assert_eq!(r.contacted, Some(true));
    let h = fx.book.history("C1").unwrap();
    assert_eq!(h.len(), 10);
    assert_eq!(h[4].kind, "verified");
    assert!(h[4].text.contains("rework"), "{}", h[4].text);
}

#[test]
fn claim_dispatch_and_who_may_not() {
    let mut fx = Fx::new();
    // The county re-tiers to T4; the town claims within the window (2 working hours).
    fx.report("C1", "治安隐患", "important", "2026-03-02T09:00:00+08:00");
    assert_eq!(fx.case("C1").tier, Tier::T2);
    assert_eq!(
        fx.err(
            "C1",
            "assess",
            "2026-03-02T09:05:00+08:00",
            "county_centre",
            COUNTY,
            json!({"tier": "t4", "reason": ""})
        ),
        ErrorCode::CaseRuleViolation
    );
    fx.ok(
        "C1",
        "assess",
        "2026-03-02T09:05:00+08:00",
        "county_centre",
        COUNTY,
        json!({"tier": "t4", "reason": "涉及多个部门"}),
    );
    assert_eq!(fx.case("C1").handler.to_string(), COUNTY);
    assert_eq!(
        fx.err(
            "C1",
            "claim",
            "2026-03-02T09:30:00+08:00",
            "department",
            "dept:housing",
            json!({})
        ),
        ErrorCode::CaseUnauthorized
    );
    assert_eq!(
        fx.err(
            "C1",
            "claim",
            "2026-03-02T09:30:00+08:00",
            "town_centre",
            OTHER_TOWN,
            json!({})
        ),
        ErrorCode::CaseOutOfJurisdiction
    );
    assert_eq!(
        fx.err(
            "C1",
            "dispatch",
            "2026-03-02T09:30:00+08:00",
            "town_centre",
            TOWN,
            json!({"to": TOWN})
        ),
        ErrorCode::CaseUnauthorized
    );
    fx.ok(
        "C1",
        "claim",
        "2026-03-02T09:30:00+08:00",
        "town_centre",
        TOWN,
        json!({}),
    );
    let c = fx.case("C1");
    assert_eq!(
        (c.status, c.tier, c.handler.to_string(), c.claimed),
        (CaseStatus::Assigned, Tier::T3, TOWN.to_string(), true)
    );

    // Past the window nobody claims; the county dispatches to a department.
    fx.report("C2", "治安隐患", "important", "2026-03-02T09:00:00+08:00");
    fx.ok(
        "C2",
        "assess",
        "2026-03-02T09:05:00+08:00",
        "county_centre",
        COUNTY,
        json!({"tier": "t4", "reason": "跨镇"}),
    );
    // 09:00 + 2 working hours = 11:00; 13:40 is after the lunch break.
    assert_eq!(
        fx.err(
            "C2",
            "claim",
            "2026-03-02T13:40:00+08:00",
            "town_centre",
            TOWN,
            json!({})
        ),
        ErrorCode::CaseRuleViolation
    );
    assert_eq!(
        fx.err(
            "C2",
            "dispatch",
            "2026-03-02T13:45:00+08:00",
            "county_centre",
            COUNTY,
            json!({"to": "dept:ghost"})
        ),
        ErrorCode::UnknownDepartment
    );
    assert_eq!(
        fx.err(
            "C2",
            "dispatch",
            "2026-03-02T13:45:00+08:00",
            "county_centre",
            COUNTY,
            json!({"to": OTHER_TOWN})
        ),
        ErrorCode::CaseRuleViolation
    );
    fx.ok(
        "C2",
        "dispatch",
        "2026-03-02T13:45:00+08:00",
        "county_centre",
        COUNTY,
        json!({"to": "dept:public_security"}),
    );
    let c = fx.case("C2");
    assert_eq!(
        (c.status, c.tier, c.handler.to_string()),
        (
            CaseStatus::Assigned,
            Tier::T4,
            "dept:public_security".to_string()
        )
    );
    assert_eq!(
        fx.err(
            "C2",
            "accept",
            "2026-03-02T14:00:00+08:00",
            "department",
            "dept:housing",
            json!({})
        ),
        ErrorCode::CaseOutOfJurisdiction
    );
    assert_eq!(
        fx.err(
            "C2",
            "accept",
            "2026-03-02T14:00:00+08:00",
            "department",
            "dept:ghost",
            json!({})
        ),
        ErrorCode::UnknownDepartment
    );
    fx.ok(
        "C2",
        "accept",
        "2026-03-02T14:00:00+08:00",
        "department",
        "dept:public_security",
        json!({}),
    );
    fx.ok(
        "C2",
        "start",
        "2026-03-02T14:10:00+08:00",
        "department",
        "dept:public_security",
        json!({}),
    );
    fx.ok(
        "C2",
        "resolve",
        "2026-03-03T14:10:00+08:00",
        "department",
        "dept:public_security",
        json!({}),
    );
    // the department cannot verify or close: that is the grid's
    assert_eq!(
        fx.err(
            "C2",
            "verify",
            "2026-03-03T15:00:00+08:00",
            "department",
            "dept:public_security",
            json!({"passed": true})
        ),
        ErrorCode::CaseUnauthorized
    );
    fx.ok(
        "C2",
        "verify",
        "2026-03-03T15:00:00+08:00",
        "grid_worker",
        GRID,
        json!({"passed": true}),
    );
    fx.ok(
        "C2",
        "close",
        "2026-03-03T15:01:00+08:00",
        "grid_worker",
        GRID,
        json!({}),
    );
    assert_eq!(fx.case("C2").status, CaseStatus::Closed);
}

#[test]
fn delegate_summon_check_in_and_send_back() {
    let mut fx = Fx::new();
    fx.report("C1", "安全生产", "routine", "2026-03-02T09:00:00+08:00");
    assert_eq!(fx.case("C1").handler.to_string(), TOWN);
    fx.ok(
        "C1",
        "accept",
        "2026-03-02T09:10:00+08:00",
        "town_centre",
        TOWN,
        json!({}),
    );
    assert_eq!(
        fx.err(
            "C1",
            "delegate",
            "2026-03-02T09:20:00+08:00",
            "town_centre",
            TOWN,
            json!({"to": "371323100202"})
        ),
        ErrorCode::CaseRuleViolation
    );
    fx.ok(
        "C1",
        "delegate",
        "2026-03-02T09:20:00+08:00",
        "town_centre",
        TOWN,
        json!({"to": COMMUNITY}),
    );
    assert_eq!(
        (fx.case("C1").tier, fx.case("C1").handler.to_string()),
        (Tier::T2, COMMUNITY.to_string())
    );

    fx.report("C2", "安全生产", "important", "2026-03-02T09:00:00+08:00");
    fx.ok(
        "C2",
        "accept",
        "2026-03-02T09:10:00+08:00",
        "town_centre",
        TOWN,
        json!({}),
    );
    // only routine matters go down
    assert_eq!(
        fx.err(
            "C2",
            "delegate",
            "2026-03-02T09:20:00+08:00",
            "town_centre",
            TOWN,
            json!({"to": COMMUNITY})
        ),
        ErrorCode::CaseRuleViolation
    );
    assert_eq!(
        fx.err(
            "C2",
            "summon",
            "2026-03-02T09:30:00+08:00",
            "town_centre",
            TOWN,
            json!({"departments": ["ghost"]})
        ),
        ErrorCode::UnknownDepartment
    );
    fx.ok(
        "C2",
        "summon",
        "2026-03-02T09:30:00+08:00",
        "town_centre",
        TOWN,
        json!({"departments": ["emergency_management", "housing"]}),
    );
    assert_eq!(
        fx.err(
            "C2",
            "summon",
            "2026-03-02T09:40:00+08:00",
            "town_centre",
            TOWN,
            json!({"departments": ["housing"]})
        ),
        ErrorCode::CaseRuleViolation
    );
    assert_eq!(
        fx.err(
            "C2",
            "check_in",
            "2026-03-02T10:00:00+08:00",
            "department",
            "dept:civil_affairs",
            json!({})
        ),
        ErrorCode::CaseOutOfJurisdiction
    );
    fx.ok(
        "C2",
        "check_in",
        "2026-03-02T10:00:00+08:00",
        "department",
        "dept:housing",
        json!({}),
    );
    assert_eq!(
        fx.err(
            "C2",
            "check_in",
            "2026-03-02T10:05:00+08:00",
            "department",
            "dept:housing",
            json!({})
        ),
        ErrorCode::CaseRuleViolation
    );
    // emergency_management checks in on Wednesday: later than 1 working day (Mon 09:30 → Tue 17:30)
    fx.ok(
        "C2",
        "check_in",
        "2026-03-04T09:00:00+08:00",
        "department",
        "dept:emergency_management",
        json!({}),
    );
    let ctx = fx.ctx();
    let v = fx
        .book
        .case("C2")
        .unwrap()
        .view(&ctx, &t("2026-03-04T10:00:00+08:00"))
        .unwrap();
    let late: Vec<(String, bool)> = v
        .summoned
        .iter()
        .map(|s| (s.department.clone(), s.late))
        .collect();
    assert_eq!(
        late,
        vec![
            ("emergency_management".into(), true),
            ("housing".into(), false)
        ]
    );
    assert_eq!(v.summoned[0].due, t("2026-03-03T17:30:00+08:00"));
    // 返单 to the county, where a leader dispatches to a department
    assert_eq!(
        fx.err(
            "C2",
            "send_back",
            "2026-03-04T11:00:00+08:00",
            "town_centre",
            TOWN,
            json!({"reason": " "})
        ),
        ErrorCode::CaseRuleViolation
    );
    fx.ok(
        "C2",
        "send_back",
        "2026-03-04T11:00:00+08:00",
        "town_centre",
        TOWN,
        json!({"reason": "涉及多部门,镇级无法协调"}),
    );
    assert_eq!(
        (fx.case("C2").tier, fx.case("C2").handler.to_string()),
        (Tier::T4, COUNTY.to_string())
    );
    fx.ok(
        "C2",
        "dispatch",
        "2026-03-04T14:00:00+08:00",
        "leader",
        COUNTY,
        json!({"to": "dept:housing"}),
    );
    assert_eq!(fx.case("C2").handler.to_string(), "dept:housing");
}

#[test]
fn suspension_pauses_and_extension_moves_the_deadline() {
    let mut fx = Fx::new();
    // Friday 2026-02-13 09:00, handle limit 7 working days from acceptance.
    fx.report("C1", "邻里纠纷", "routine", "2026-02-13T09:00:00+08:00");
    fx.ok(
        "C1",
        "accept",
        "2026-02-13T09:00:00+08:00",
        "grid_worker",
        GRID,
        json!({}),
    );
    let ctx = fx.ctx();
    let now = t("2026-02-13T09:00:00+08:00");
    let d = clocks::due(fx.book.case("C1").unwrap(), &fx.policy, &fx.cal, &now).unwrap();
    // working days after 13 Feb: 14 (make-up Sat), 24, 25, 26, 27, 28 (make-up Sat), 2 Mar
    assert_eq!(d.stage, Some(t("2026-03-02T17:30:00+08:00")));
    let _ = ctx;
    // Suspended Monday 2 Mar 08:30 to Tuesday 3 Mar 08:30: one working day (7.5 h) paused.
    fx.ok(
        "C1",
        "start",
        "2026-02-24T09:00:00+08:00",
        "grid_worker",
        GRID,
        json!({}),
    );
    fx.ok(
        "C1",
        "suspend",
        "2026-03-02T08:30:00+08:00",
        "town_centre",
        TOWN,
        json!({"reason": "等待司法鉴定", "approved_by": "镇分管领导"}),
    );
    assert_eq!(
        fx.err(
            "C1",
            "resolve",
            "2026-03-02T09:00:00+08:00",
            "grid_worker",
            GRID,
            json!({})
        ),
        ErrorCode::InvalidCaseTransition
    );
    fx.ok(
        "C1",
        "resume",
        "2026-03-03T08:30:00+08:00",
        "town_centre",
        TOWN,
        json!({}),
    );
    let now = t("2026-03-03T09:00:00+08:00");
    let d = clocks::due(fx.book.case("C1").unwrap(), &fx.policy, &fx.cal, &now).unwrap();
    assert_eq!(d.stage, Some(t("2026-03-03T17:30:00+08:00")));
    fx.ok(
        "C1",
        "extend",
        "2026-03-03T09:00:00+08:00",
        "town_centre",
        TOWN,
        json!({"by": "2 working days", "reason": "需现场复核", "approved_by": "镇分管领导"}),
    );
    let d = clocks::due(fx.book.case("C1").unwrap(), &fx.policy, &fx.cal, &now).unwrap();
    assert_eq!(d.stage, Some(t("2026-03-05T17:30:00+08:00")));
    assert_eq!(
        fx.err(
            "C1",
            "extend",
            "2026-03-03T09:10:00+08:00",
            "town_centre",
            TOWN,
            json!({"by": "2 working days", "reason": "x", "approved_by": ""})
        ),
        ErrorCode::CaseRuleViolation
    );
}

#[test]
fn colours_follow_progress_and_urgency() {
    let mut fx = Fx::new();
    fx.policy.progress_colours = ProgressColours {
        green_max_percent: 80,
        yellow_max_percent: 100,
    };
    fx.report("C1", "邻里纠纷", "urgent", "2026-03-02T09:00:00+08:00");
    // urgent: accept within 2 hours (natural time)
    let c = fx.book.case("C1").unwrap().clone();
    let col = |s: &str| clocks::colour(&c, &fx.policy, &fx.cal, &t(s)).unwrap();
    assert_eq!(col("2026-03-02T10:30:00+08:00"), Some(Colour::Green)); // 75 %
    assert_eq!(col("2026-03-02T10:50:00+08:00"), Some(Colour::Yellow)); // 91 %
    assert_eq!(col("2026-03-02T11:01:00+08:00"), Some(Colour::Red));
    assert_eq!(clocks::urgency_colour(&c, &fx.policy), Colour::Red);
}

#[test]
fn tick_records_a_missed_check_in_once() {
    let mut fx = Fx::new();
    fx.report("C2", "安全生产", "important", "2026-03-02T09:00:00+08:00");
    let at = |h: &str| format!("2026-03-0{h}+08:00");
    fx.ok(
        "C2",
        "accept",
        &at("2T09:10:00"),
        "town_centre",
        TOWN,
        json!({}),
    );
    fx.ok(
        "C2",
        "summon",
        &at("2T09:30:00"),
        "town_centre",
        TOWN,
        json!({"departments": ["emergency_management", "housing"]}),
    );
    fx.ok(
        "C2",
        "check_in",
        &at("2T10:00:00"),
        "department",
        "dept:housing",
        json!({}),
    );
    let policy = fx.policy.clone();
    let cal = fx.cal.clone();
    let ctx = CaseContext {
        policy: &policy,
        calendar: &cal,
        grids: None,
    };
    // check-in within 1 working day: Monday 09:30 → Tuesday 17:30
    assert!(fx.book.tick(t(&at("3T17:29:00")), &ctx).unwrap().is_empty());
    let before = fx.book.case("C2").unwrap().clone();
    let f = fx.book.tick(t(&at("4T09:00:00")), &ctx).unwrap();
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].command.as_deref(), f[0].actor.as_ref()), (None, None));
    assert_eq!(f[0].at, t(&at("4T09:00:00")));
    assert_eq!(
        f[0].event,
        Event::Breached {
            clock: ClockKind::CheckIn,
            due: t(&at("3T17:30:00")),
            escalated: None,
            supervision: None,
            department: Some("emergency_management".into()),
        }
    );
    // no action on the case: same handler, tier, supervision and clocks
    let c = fx.book.case("C2").unwrap();
    assert_eq!(
        (&c.handler, c.tier, c.supervision, c.stage_no),
        (
            &before.handler,
            before.tier,
            before.supervision,
            before.stage_no
        )
    );
    assert!(c.summoned["emergency_management"].breached);
    assert!(!c.summoned["housing"].breached);
    // once: not again, not after a replay of the journal, not after a late check-in
    assert!(fx.book.tick(t(&at("4T10:00:00")), &ctx).unwrap().is_empty());
    let mut replayed = CaseBook::replay(fx.book.facts()).unwrap();
    assert!(
        replayed
            .tick(t(&at("4T11:00:00")), &ctx)
            .unwrap()
            .is_empty()
    );
    fx.ok(
        "C2",
        "check_in",
        &at("4T11:00:00"),
        "department",
        "dept:emergency_management",
        json!({}),
    );
    assert!(fx.book.tick(t(&at("5T09:00:00")), &ctx).unwrap().is_empty());
    let h = fx.book.history("C2").unwrap();
    let line = h.iter().find(|l| l.kind == "breached").unwrap();
    assert_eq!(line.who, "system");
    assert!(
        line.text.contains("emergency_management did not check in"),
        "{}",
        line.text
    );
    // the wire form names the clock and the department
    let v = serde_json::to_value(&f[0]).unwrap();
    assert_eq!(
        (v["clock"].as_str(), v["department"].as_str()),
        (Some("check_in"), Some("emergency_management"))
    );
}

#[test]
fn tick_escalates_and_supervises_once() {
    let mut fx = Fx::new();
    fx.report("C1", "邻里纠纷", "routine", "2026-03-02T09:00:00+08:00");
    let policy = fx.policy.clone();
    let ctx = CaseContext {
        policy: &policy,
        calendar: &fx.cal,
        grids: None,
    };
    // accept due Wednesday 4 Mar 17:30
    assert!(
        fx.book
            .tick(t("2026-03-04T17:00:00+08:00"), &ctx)
            .unwrap()
            .is_empty()
    );
    let f = fx.book.tick(t("2026-03-05T09:00:00+08:00"), &ctx).unwrap();
    assert_eq!(f.len(), 1);
    let c = fx.book.case("C1").unwrap();
    assert_eq!(
        (c.tier, c.handler.to_string(), c.supervision),
        (Tier::T2, COMMUNITY.to_string(), Supervision::Yellow)
    );
    assert!(
        fx.book
            .tick(t("2026-03-05T09:30:00+08:00"), &ctx)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        fx.book
            .overdue(
                &COMMUNITY.parse().unwrap(),
                &ctx,
                &t("2026-03-05T09:30:00+08:00")
            )
            .unwrap(),
        Vec::<String>::new()
    );
    assert_eq!(
        fx.book
            .overdue(
                &TOWN.parse().unwrap(),
                &ctx,
                &t("2026-03-20T09:30:00+08:00")
            )
            .unwrap(),
        vec!["C1".to_string()]
    );
}

#[test]
fn void_merge_reopen_and_supervise() {
    let mut fx = Fx::new();
    fx.ok("C1", "report", "2026-03-02T09:00:00+08:00", "grid_worker", GRID, json!({"category": "环境卫生", "urgency": "routine", "grid": GRID, "point": {"lon": 118.6, "lat": 35.8}}));
    fx.ok("C2", "report", "2026-03-02T10:00:00+08:00", "grid_worker", GRID, json!({"category": "环境卫生", "urgency": "routine", "grid": GRID, "point": {"lon": 118.6001, "lat": 35.8}}));
    assert_eq!(
        fx.case("C2").report.likely_duplicate_of.as_deref(),
        Some("C1")
    );
    assert_eq!(fx.case("C2").status, CaseStatus::Reported); // flagged, never merged silently
    assert_eq!(
        fx.err(
            "C2",
            "merge",
            "2026-03-02T10:30:00+08:00",
            "town_centre",
            TOWN,
            json!({"into": "C2"})
        ),
        ErrorCode::CaseRuleViolation
    );
    assert_eq!(
        fx.err(
            "C2",
            "merge",
            "2026-03-02T10:30:00+08:00",
            "town_centre",
            TOWN,
            json!({"into": "C9"})
        ),
        ErrorCode::UnknownCase
    );
    fx.ok(
        "C2",
        "merge",
        "2026-03-02T10:30:00+08:00",
        "town_centre",
        TOWN,
        json!({"into": "C1"}),
    );
    assert_eq!(fx.case("C2").status, CaseStatus::Merged);
    assert_eq!(
        fx.err(
            "C1",
            "supervise",
            "2026-03-02T10:40:00+08:00",
            "county_centre",
            COUNTY,
            json!({"level": "none"})
        ),
        ErrorCode::InvalidCommand
    );
    fx.ok(
        "C1",
        "supervise",
        "2026-03-02T10:40:00+08:00",
        "county_centre",
        COUNTY,
        json!({"level": "red"}),
    );
    fx.ok(
        "C1",
        "supervise",
        "2026-03-02T10:41:00+08:00",
        "county_centre",
        COUNTY,
        json!({"level": "normal"}),
    );
    assert_eq!(fx.case("C1").supervision, Supervision::Red);
    assert_eq!(
        fx.err(
            "C1",
            "void",
            "2026-03-02T10:50:00+08:00",
            "town_centre",
            TOWN,
            json!({"reason": "误报"})
        ),
        ErrorCode::InvalidCommand
    );
    fx.ok(
        "C1",
        "void",
        "2026-03-02T10:50:00+08:00",
        "town_centre",
        TOWN,
        json!({"reason": "误报", "approved_by": "镇综治中心主任"}),
    );
    assert_eq!(fx.case("C1").status, CaseStatus::Voided);
    assert_eq!(
        fx.err(
            "C1",
            "reopen",
            "2026-03-02T11:00:00+08:00",
            "town_centre",
            TOWN,
            json!({"reason": "x"})
        ),
        ErrorCode::InvalidCaseTransition
    );
}

#[test]
fn repeated_ids_have_effect_once_and_journals_replay() {
    let mut fx = Fx::new();
    let c = fx.cmd(
        "C1",
        "report",
        "2026-03-02T09:00:00+08:00",
        "grid_worker",
        GRID,
        json!({"category": "邻里纠纷", "urgency": "routine", "grid": GRID}),
    );
    let policy = fx.policy.clone();
    let ctx = CaseContext {
        policy: &policy,
        calendar: &fx.cal,
        grids: None,
    };
    assert_eq!(fx.book.execute(&c, &ctx).unwrap().len(), 1);
    let before = fx.book.clone();
    assert!(fx.book.execute(&c, &ctx).unwrap().is_empty());
    assert_eq!(fx.book, before);
    fx.ok(
        "C1",
        "accept",
        "2026-03-02T09:10:00+08:00",
        "grid_worker",
        GRID,
        json!({}),
    );
    let mut text = write_header(Some("default@1"));
    for f in fx.book.facts() {
        text.push_str(&serde_json::to_string(f).unwrap());
        text.push('\n');
    }
    let back = CaseBook::replay_journal(&text).unwrap();
    assert_eq!(back, fx.book);
    // a damaged line, a fact out of order, an unknown case: errors naming the line
    let lines: Vec<&str> = text.lines().collect();
    let damaged = format!("{}\n{}\n{{\"case\": 1}}\n", lines[0], lines[1]);
    let e = CaseBook::replay_journal(&damaged).unwrap_err();
    assert_eq!(
        (e.code(), e.to_string().contains("line 3")),
        (ErrorCode::InvalidJournal, true)
    );
    let swapped = format!("{}\n{}\n{}\n", lines[0], lines[2], lines[1]);
    let e = CaseBook::replay_journal(&swapped).unwrap_err();
    assert!(e.to_string().contains("line 2"), "{e}");
    let mut late = fx.book.facts()[1].clone();
    late.at = t("2026-03-02T08:00:00+08:00");
    let early = format!(
        "{}\n{}\n{}\n",
        lines[0],
        lines[1],
        serde_json::to_string(&late).unwrap()
    );
    let e = CaseBook::replay_journal(&early).unwrap_err();
    assert!(
        e.to_string().contains("line 3") && e.to_string().contains("out of order"),
        "{e}"
    );
    assert_eq!(
        CaseBook::replay_journal("{\"format\":\"wangge.case.journal\",\"version\":2}")
            .unwrap_err()
            .code(),
        ErrorCode::UnsupportedJournalFormat
    );
    assert_eq!(
        CaseBook::replay_journal("[]").unwrap_err().code(),
        ErrorCode::InvalidJournal
    );
    assert!(CaseBook::replay_journal("").unwrap().facts().is_empty());
    // The fact count is capped: at the limit the journal reads, one more is too large.
    let n = fx.book.facts().len();
    assert_eq!(crate::case::read_journal_within(&text, n).unwrap().len(), n);
    let e = crate::case::read_journal_within(&text, n - 1).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InputTooLarge);
    assert!(
        e.to_string().contains(&format!("line {}", n + 1))
            && e.to_string()
                .contains(&format!("more than {} facts", n - 1)),
        "{e}"
    );
}

#[test]
fn limits_parse_and_print() {
    for s in [
        "2 working days",
        "24 hours",
        "60 minutes",
        "4 working hours",
        "1 day",
    ] {
        let l: Limit = s.parse().unwrap();
        assert_eq!(
            l.to_string().split_whitespace().next(),
            s.split_whitespace().next()
        );
    }
    for s in [
        "",
        "two days",
        "2 weeks",
        "2 working",
        "-1 days",
        "2 natural days",
    ] {
        assert!(s.parse::<Limit>().is_err(), "{s}");
    }
}
