//! The default `[case]` section: what a policy without one gets. Every number here is a
//! default, not seed content, unless its comment names a source.

use super::clocks::Stage;
use super::command::Op;
use super::limit::Limit;
use super::policy::{
    AuthRuleFile, BreachActions, CasePolicyFile, CategoryFile, DepartmentFile, LimitRuleFile,
    ProgressColours, RoleFile, TierRuleFile, UrgencyColours,
};
use crate::actor::UnitKind;
use crate::record::{CaseClass, CaseStatus, Tier, Urgency};

/// Parses a limit written in this file (the texts are constants checked by a test).
pub(crate) fn limit(s: &str) -> Limit {
    s.parse().unwrap_or(Limit {
        amount: 1,
        unit: super::limit::LimitUnit::Days,
        working: true,
    })
}

fn cat(id: &str, parent: Option<&str>) -> CategoryFile {
    CategoryFile {
        id: id.into(),
        name: None,
        parent: parent.map(Into::into),
        class: None,
        code: None,
        emergency: None,
    }
}

/// The default catalogue: SPEC §3.1's examples, 矛盾纠纷 with sub-categories, seed 000's
/// four emergencies, and two 数字城管 component classes.
pub(crate) fn categories() -> Vec<CategoryFile> {
    let mut v = vec![cat("矛盾纠纷", None)];
    for s in [
        "婚姻家庭纠纷",
        "邻里纠纷",
        "土地山林纠纷",
        "劳资纠纷",
        "物业纠纷",
    ] {
        v.push(cat(s, Some("矛盾纠纷")));
    }
    for s in ["治安隐患", "安全生产", "环境卫生", "市容秩序", "民生服务"] {
        v.push(cat(s, None));
    }
    let mut e = cat("突发事件", None);
    e.emergency = Some(true);
    v.push(e);
    for s in ["群体性事件", "重大案(事)件", "自然灾害事故", "火灾事故"] {
        v.push(cat(s, Some("突发事件")));
    }
    let mut c = cat("公用设施", None);
    c.class = Some(CaseClass::Component);
    c.code = Some("01".into());
    v.push(c);
    for (id, code) in [("上水井盖", "0101"), ("污水井盖", "0102")] {
        let mut c = cat(id, Some("公用设施"));
        c.code = Some(code.into());
        v.push(c);
    }
    v
}

/// The default roles: the five platform roles and the staffing roles.
pub(crate) fn roles() -> Vec<RoleFile> {
    let r = |id: &str, unit| RoleFile {
        id: id.into(),
        unit,
    };
    let mut v = vec![
        r("community_centre", UnitKind::Community),
        r("town_centre", UnitKind::Town),
        r("county_centre", UnitKind::County),
        r("department", UnitKind::Department),
        r("leader", UnitKind::Any),
    ];
    for s in [
        "grid_worker",
        "grid_head",
        "instructor",
        "part_time_worker",
        "mediator",
        "police",
    ] {
        v.push(r(s, UnitKind::Grid));
    }
    v
}

/// The default authorization table (SPEC §3.3–3.4, seed 000 and 001).
pub(crate) fn authorization() -> Vec<AuthRuleFile> {
    use CaseStatus::*;
    let rule = |op, roles: &[&str], states: &[CaseStatus]| AuthRuleFile {
        op,
        roles: roles.iter().map(|s| s.to_string()).collect(),
        states: states.to_vec(),
    };
    let handlers = &[
        "grid_worker",
        "community_centre",
        "town_centre",
        "county_centre",
        "department",
    ];
    let centres = &["town_centre", "county_centre"];
    let open = &[
        Reported, Accepted, Assigned, InProgress, Resolved, Suspended,
    ];
    vec![
        rule(
            Op::Report,
            &[
                "grid_worker",
                "grid_head",
                "instructor",
                "part_time_worker",
                "community_centre",
                "town_centre",
                "county_centre",
                "leader",
            ],
            &[],
        ),
        rule(Op::Accept, handlers, &[Reported, Assigned]),
        rule(
            Op::Assess,
            &["community_centre", "town_centre", "county_centre"],
            &[Reported, Accepted, Assigned, InProgress],
        ),
        rule(Op::Claim, &["town_centre"], &[Reported]),
        rule(
            Op::Dispatch,
            &["county_centre", "leader"],
            &[Reported, Accepted, Assigned],
        ),
        rule(Op::Delegate, &["town_centre"], &[Accepted, Assigned]),
        rule(
            Op::Summon,
            &["town_centre"],
            &[Accepted, Assigned, InProgress],
        ),
        rule(
            Op::CheckIn,
            &["department"],
            &[Accepted, Assigned, InProgress],
        ),
        rule(
            Op::SendBack,
            &["town_centre"],
            &[Accepted, Assigned, InProgress],
        ),
        rule(Op::Start, handlers, &[Accepted, Assigned]),
        rule(Op::Resolve, handlers, &[InProgress]),
        rule(Op::Verify, &["grid_worker"], &[Resolved]),
        rule(Op::Close, &["grid_worker"], &[Resolved]),
        rule(Op::Reopen, centres, &[Closed]),
        rule(Op::Suspend, centres, &[Accepted, Assigned, InProgress]),
        rule(Op::Resume, centres, &[Suspended]),
        rule(
            Op::Extend,
            centres,
            &[Reported, Accepted, Assigned, InProgress],
        ),
        rule(Op::Void, centres, open),
        rule(
            Op::Supervise,
            &["town_centre", "county_centre", "leader"],
            open,
        ),
        rule(
            Op::Merge,
            &["community_centre", "town_centre", "county_centre"],
            &[Reported, Accepted],
        ),
        rule(
            Op::Feedback,
            &[
                "grid_worker",
                "community_centre",
                "town_centre",
                "county_centre",
            ],
            &[Closed],
        ),
        rule(Op::Rate, &["grid_worker", "county_centre"], &[Closed]),
    ]
}

/// The default file.
pub(crate) fn file() -> CasePolicyFile {
    let tier = |c: &str, u, t| TierRuleFile {
        category: c.into(),
        urgency: u,
        tier: t,
    };
    let lim = |c: Option<&str>, u, stage, l: &str| LimitRuleFile {
        category: c.map(Into::into),
        urgency: u,
        stage,
        limit: limit(l),
    };
    let departments = [
        ("public_security", "公安分局"),
        ("urban_management", "综合行政执法局"),
        ("market_regulation", "市场监管局"),
        ("emergency_management", "应急管理局"),
        ("housing", "住建局"),
        ("civil_affairs", "民政局"),
    ];
    CasePolicyFile {
        categories: categories(),
        default_tier: Tier::T1,
        tiers: vec![
            tier("矛盾纠纷", None, Tier::T1),
            tier("矛盾纠纷", Some(Urgency::Important), Tier::T2),
            tier("矛盾纠纷", Some(Urgency::Urgent), Tier::T3),
            tier("治安隐患", None, Tier::T2),
            tier("安全生产", None, Tier::T3),
            tier("民生服务", None, Tier::T2),
            tier("公用设施", None, Tier::T3),
            tier("突发事件", None, Tier::T3),
        ],
        roles: roles(),
        departments: departments
            .iter()
            .map(|(id, name)| DepartmentFile {
                id: (*id).into(),
                name: (*name).into(),
            })
            .collect(),
        authorization: authorization(),
        claim_window: limit("2 working hours"),
        summon_list: departments.iter().map(|(id, _)| (*id).into()).collect(),
        check_in_limit: limit("1 working days"),
        delegate_urgencies: vec![Urgency::Routine],
        emergency_reporters: vec!["grid_head".into(), "grid_worker".into()],
        limits: vec![
            // 海宁 四平台 (facts.md): accept ≤ 2 working days, resolve ≤ 7 working days.
            lim(None, None, Stage::Accept, "2 working days"),
            lim(None, None, Stage::Handle, "7 working days"),
            // 池州 (facts.md): urgent responds within 24 h.
            lim(None, Some(Urgency::Urgent), Stage::Accept, "2 hours"),
            lim(None, Some(Urgency::Urgent), Stage::Handle, "24 hours"),
            lim(None, None, Stage::Verify, "1 working days"),
            lim(None, None, Stage::Overall, "10 working days"),
            lim(None, Some(Urgency::Urgent), Stage::Overall, "48 hours"),
            // 数字城管 manhole cover (facts.md): fixed within 6 h.
            lim(Some("上水井盖"), None, Stage::Handle, "6 hours"),
        ],
        progress_colours: ProgressColours::default(),
        urgency_colours: UrgencyColours::default(),
        breach: BreachActions::default(),
        duplicate_radius_m: 50.0,
        duplicate_window: limit("24 hours"),
    }
}
