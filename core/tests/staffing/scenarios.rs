//! One compliant roster per seed preset, then one broken rule at a time.

use wangge::ErrorCode;
use wangge::code::AdminLevel;
use wangge::policy::Policy;
use wangge::staffing::{GridInfo, GridSet, PersonState, RolePattern, ViolationCode};

use super::*;

fn preset(id: &str) -> Policy {
    Policy::preset(id).unwrap()
}

fn has(r: &Report, code: &str, grid_code: &str, role: &str) -> bool {
    codes(r)
        .iter()
        .any(|(c, g, roles)| c == code && g == grid_code && roles.iter().any(|x| x == role))
}

// ---- seed 000: 3+X+N -----------------------------------------------------------------

const S0: [&str; 3] = ["330102016001001", "330102016001002", "330102016002001"];

/// Two villages: 001 with two grids, 002 with one. One instructor per village, an
/// embedded police officer linking every grid of village 001. Grid workers, full-time and
/// part-time, are trained (先培训后上岗).
fn seed000_roster() -> Build {
    let mut b = Build::default();
    let from = "2020-01-01";
    for (v, grids) in [("1", &S0[..2]), ("2", &S0[2..])] {
        let inst = b.person(&format!("inst-{v}"), |_| {});
        for g in grids {
            b.assign(&inst, g, "instructor", from);
        }
    }
    let cop = b.person("cop", |p| p.tags.push("auxiliary".into()));
    for (i, g) in S0.iter().enumerate() {
        let head = b.person(&format!("head-{i}"), |_| {});
        b.assign(&head, g, "grid_head", from);
        let worker = b.person(&format!("worker-{i}"), |p| {
            p.full_time = true;
            p.party_member = true;
            p.tags.push("trained".into());
        });
        b.assign(&worker, g, "grid_worker", from);
        let n = b.person(&format!("n-{i}"), |p| p.tags.push("trained".into()));
        b.assign(&n, g, "part_time_worker", from);
        if i < 2 {
            b.assign(&cop, g, "embedded_staff:警务", from);
        }
    }
    b
}

#[test]
fn seed000_compliant() {
    let p = preset("seed000");
    let r = validate(&p, &seed000_roster(), &grids(&S0), "2024-06-01");
    assert_valid(&r);
    assert_eq!(r.checked.len(), 3);
    let s = r.summary();
    assert_eq!((s.grids, s.compliant_grids, s.violations), (3, 3, 0));
}

#[test]
fn seed000_each_rule() {
    let p = preset("seed000");
    let g = grids(&S0);
    let on = "2024-06-01";

    // No party member among the grid workers of grid 0: the composition rule fails;
    // a part-time worker who is a party member fixes it.
    let mut b = seed000_roster();
    b.get("worker-0").party_member = false;
    let r = validate(&p, &b, &g, on);
    assert_eq!(
        codes(&r),
        [(
            "composition_unmet".into(),
            S0[0].into(),
            vec!["grid_worker".into(), "part_time_worker".into()]
        )]
    );
    let v = &r.violations[0];
    assert_eq!(
        (v.rule.as_deref(), v.found, v.min, v.max),
        (Some("party_member_worker"), Some(0), Some(1), None)
    );
    let s = r.summary();
    assert_eq!(s.by_rule["party_member_worker"], 1);
    let community = s
        .level(AdminLevel::Community)
        .find(|u| u.code.to_string() == "330102016001")
        .unwrap();
    assert_eq!((community.grids, community.compliant_grids), (2, 1));
    b.get("n-0").party_member = true;
    assert_valid(&validate(&p, &b, &g, on));

    // One instructor for two villages: the seed sets no limit, so it is compliant.
    let mut b = seed000_roster();
    let inst = b.get("inst-1").id.clone();
    b.unassign("inst-2", S0[2], "instructor");
    b.assign(&inst, S0[2], "instructor", "2020-01-01");
    assert_valid(&validate(&p, &b, &g, on));

    // 先培训后上岗: an untrained grid worker or part-time worker is reported.
    let mut b = seed000_roster();
    b.get("worker-0").tags.clear();
    b.get("n-2").tags.clear();
    let r = validate(&p, &b, &g, on);
    assert_eq!(
        codes(&r),
        [
            (
                "missing_tag".into(),
                S0[0].into(),
                vec!["grid_worker".into()]
            ),
            (
                "missing_tag".into(),
                S0[2].into(),
                vec!["part_time_worker".into()]
            ),
        ]
    );
    assert!(
        r.violations
            .iter()
            .all(|v| v.rule.as_deref() == Some("trained"))
    );

    // A part-time person as the full-time grid worker.
    let mut b = seed000_roster();
    b.get("worker-1").full_time = false;
    let r = validate(&p, &b, &g, on);
    assert_eq!(
        codes(&r),
        [(
            "not_full_time".into(),
            S0[1].into(),
            vec!["grid_worker".into()]
        )]
    );

    // X from a department outside the catalogue.
    let mut b = seed000_roster();
    let x = b.person("astronaut", |_| {});
    b.assign(&x, S0[2], "embedded_staff:航天", "2020-01-01");
    let r = validate(&p, &b, &g, on);
    assert_eq!(
        codes(&r),
        [(
            "unknown_department".into(),
            S0[2].into(),
            vec!["embedded_staff:航天".into()]
        )]
    );

    // The grid head doubles as the grid worker: the "3" are three people.
    let mut b = seed000_roster();
    b.unassign("worker-2", S0[2], "grid_worker");
    let head = b.get("head-2");
    head.full_time = true;
    head.party_member = true;
    head.tags.push("trained".into());
    let head = head.id.clone();
    b.assign(&head, S0[2], "grid_worker", "2020-01-01");
    let r = validate(&p, &b, &g, on);
    assert_eq!(
        codes(&r),
        [(
            "incompatible_roles".into(),
            S0[2].into(),
            vec!["grid_head".into(), "grid_worker".into()]
        )]
    );

    // The grid worker is on leave: the post counts as empty, and the message says why.
    let mut b = seed000_roster();
    set_state(b.get("worker-0"), PersonState::OnLeave, "2024-05-01");
    let r = validate(&p, &b, &g, on);
    assert!(
        has(&r, "role_missing", S0[0], "grid_worker"),
        "{:?}",
        codes(&r)
    );
    assert!(has(&r, "composition_unmet", S0[0], "grid_worker"));
    assert!(
        r.violations[0]
            .message
            .contains("1 more assigned but absent"),
        "{}",
        r.violations[0].message
    );
    // … but not before the leave began.
    assert_valid(&validate(&p, &b, &g, "2024-04-30"));

    // A full-time worker added to a second grid: that grid has two ("一名" is exceeded);
    // the seed sets no limit on grids per worker, so the first grid is fine.
    let mut b = seed000_roster();
    let w = b.get("worker-0").id.clone();
    b.assign(&w, S0[2], "grid_worker", "2020-01-01");
    let r = validate(&p, &b, &g, on);
    assert_eq!(
        codes(&r),
        [(
            "role_excess".into(),
            S0[2].into(),
            vec!["grid_worker".into()]
        )]
    );
}

// ---- seed 001: 一长一员一团队 + 4+N ----------------------------------------------------------

const S1: [&str; 4] = [
    "150102001001001",
    "150102001001002",
    "150102001001003",
    "150102001001004",
];

fn seed001_roster(head_grids: usize) -> Build {
    let mut b = Build::default();
    let from = "2021-01-01";
    let head = b.person("head", |p| p.tags.push("community_staff".into()));
    let second = b.person("head-2", |p| p.tags.push("community_staff".into()));
    for (i, g) in S1.iter().enumerate() {
        b.assign(
            if i < head_grids { &head } else { &second },
            g,
            "grid_head",
            from,
        );
        let w = b.person(&format!("w{i}"), |p| {
            p.full_time = true;
            p.tags.push("government_hired".into());
        });
        b.assign(&w, g, "grid_worker", from);
        for role in ["instructor", "police", "mediator", "safety_officer"] {
            let x = b.person(&format!("{role}-{i}"), |_| {});
            b.assign(&x, g, role, from);
        }
        let v = b.person(&format!("vanguard-{i}"), |p| p.party_member = true);
        b.assign(&v, g, "party_assistant", from);
    }
    b
}

#[test]
fn seed001_head_may_hold_three_grids() {
    let p = preset("seed001");
    let g = grids(&S1);
    assert_valid(&validate(&p, &seed001_roster(3), &g, "2022-01-01"));

    let r = validate(&p, &seed001_roster(4), &g, "2022-01-01");
    assert_eq!(r.violations.len(), 1, "{:?}", codes(&r));
    let v = &r.violations[0];
    assert_eq!(v.code, ViolationCode::ConcurrencyExceeded);
    assert_eq!(
        v.grids.iter().map(|g| g.to_string()).collect::<Vec<_>>(),
        S1
    );
    assert_eq!((v.found, v.max), (Some(4), Some(3)));
    assert_eq!(v.people[0].as_str(), "head");
    // Every grid the head holds counts as non-compliant in the summary.
    assert_eq!(r.summary().compliant_grids, 0);
}

#[test]
fn seed001_team_and_qualifications() {
    let p = preset("seed001");
    let g = grids(&S1);
    let mut b = seed001_roster(2);
    b.unassign("mediator-1", S1[1], "mediator");
    b.get("head").tags.clear();
    b.get("vanguard-3").party_member = false;
    let extra = b.person("w-extra", |p| {
        p.full_time = true;
        p.tags.push("government_hired".into());
    });
    b.assign(&extra, S1[3], "grid_worker", "2021-01-01"); // "至少1名": more is fine
    b.get("w2").tags.clear(); // "由政府统一聘任": not hired by the government
    let r = validate(&p, &b, &g, "2022-01-01");
    let mut want = vec![
        (
            "missing_tag".to_string(),
            S1[0].to_string(),
            vec!["grid_head".to_string()],
        ),
        ("missing_tag".into(), S1[1].into(), vec!["grid_head".into()]),
        ("role_missing".into(), S1[1].into(), vec!["mediator".into()]),
        (
            "missing_tag".into(),
            S1[2].into(),
            vec!["grid_worker".into()],
        ),
        (
            "missing_tag".into(),
            S1[3].into(),
            vec!["party_assistant".into()],
        ),
    ];
    want.sort();
    let mut got = codes(&r);
    got.sort();
    assert_eq!(got, want);
    assert!(
        r.violations
            .iter()
            .filter(|v| v.code == ViolationCode::MissingTag)
            .all(|v| v.rule.is_some())
    );
    // The seven duties are data on the template.
    let t = p.staffing.template("一长一员一团队").unwrap();
    let worker = t
        .roles
        .iter()
        .find(|r| r.role.to_string() == "grid_worker")
        .unwrap();
    assert_eq!(worker.duties.len(), 7);
}

// ---- seed 002: 党员为民服务队 -----------------------------------------------------------------

/// Two 基础网格 of an urban community (社区 370402001001: village digits 001) and one of a
/// village (行政村 370402100201: 201). The 基本网格 is the community itself, not a grid.
const S2: [&str; 2] = ["370402001001002", "370402001001003"];
const S2_VILLAGE: &str = "370402100201001";

fn seed002_grids() -> GridSet {
    let mut list: Vec<GridInfo> = S2.iter().map(|c| GridInfo::new(grid(c))).collect();
    let mut village = GridInfo::new(grid(S2_VILLAGE));
    village.level = Some("grid".into());
    list.push(village);
    GridSet::new(list).unwrap()
}

fn seed002_roster(team: usize) -> Build {
    let mut b = Build::default();
    let from = "2014-03-01";
    let street = b.person("street-cadre", |p| p.party_member = true);
    let leader = b.person("district-leader", |p| p.party_member = true);
    for (i, g) in S2.iter().chain([&S2_VILLAGE]).enumerate() {
        // The urban grids' workers are party-member graduates (the 228 recruits); the
        // village grid's worker is a party member without a degree.
        let w = b.person(&format!("w{i}"), |p| {
            p.party_member = true;
            p.full_time = true;
            if i < 2 {
                p.tags.push("college_graduate".into());
            }
        });
        b.assign(&w, g, "grid_worker", from);
        let c = b.person(&format!("community-{i}"), |p| p.party_member = true);
        b.assign(&c, g, "grid_head", from);
        b.assign(&street, g, "instructor", from);
        b.assign(&leader, g, "embedded_staff:区级领导", from);
        for k in 4..team {
            let d = b.person(&format!("dept-{i}-{k}"), |p| p.party_member = true);
            b.assign(&d, g, "embedded_staff:civil_affairs", from);
        }
        let volunteer = b.person(&format!("wulao-{i}"), |_| {});
        b.assign(&volunteer, g, "volunteer", from);
    }
    b
}

#[test]
fn seed002_team_of_five_or_six() {
    let p = preset("seed002");
    let g = seed002_grids();
    for team in [5, 6] {
        let r = validate(&p, &seed002_roster(team), &g, "2015-01-01");
        assert_valid(&r);
        // Four levels: every 基础网格 is at the leaf level and checked.
        assert!(r.unchecked.is_empty());
        assert_eq!(r.checked.len(), 3);
    }
    for (team, found) in [(4, 4), (7, 7)] {
        let r = validate(&p, &seed002_roster(team), &g, "2015-01-01");
        assert_eq!(r.violations.len(), 3, "{:?}", codes(&r));
        for v in &r.violations {
            assert_eq!(v.code, ViolationCode::CompositionUnmet);
            assert_eq!((v.found, v.min, v.max), (Some(found), Some(5), Some(6)));
            assert_eq!(v.people.len(), found as usize);
        }
    }
    // A team member who is not a party member does not count.
    let mut b = seed002_roster(5);
    b.get("community-0").party_member = false;
    let r = validate(&p, &b, &g, "2015-01-01");
    assert_eq!(
        codes(&r),
        [(
            "composition_unmet".into(),
            S2[0].into(),
            vec![
                "grid_worker".into(),
                "grid_head".into(),
                "instructor".into(),
                "embedded_staff".into()
            ]
        )]
    );
    // An urban grid's worker who is not a graduate breaks the 228-graduates rule; the same
    // worker in the village grid does not.
    let mut b = seed002_roster(5);
    b.get("w1").tags.clear();
    b.get("w2").tags.clear();
    let r = validate(&p, &b, &g, "2015-01-01");
    assert_eq!(
        codes(&r),
        [(
            "composition_unmet".into(),
            S2[1].into(),
            vec!["grid_worker".into()]
        )]
    );
    assert_eq!(
        r.violations[0].rule.as_deref(),
        Some("party_graduate_worker")
    );
    // The contact cadence is recorded with the template.
    let t = p.staffing.template("党员为民服务队").unwrap();
    assert_eq!(t.contacts.len(), 5);
    assert_eq!(
        t.contacts[4].role.to_string(),
        "embedded_staff:district_leadership"
    );
}

// ---- seed 003: 1+1+1+N -------------------------------------------------------------------

const S3_A: [&str; 3] = ["371323100201001", "371323100201002", "371323100201003"];
const S3_B: &str = "371323100202001";

fn s3_grids() -> GridSet {
    let mut all = S3_A.to_vec();
    all.push(S3_B);
    grids(&all)
}

fn worker(p: &mut wangge::staffing::Person) {
    p.full_time = true;
    p.tags = vec!["smartphone".into(), "healthy".into()];
    p.birth_date = Some(day("1990-05-01"));
}

/// Village A (three grids) and village B (one): one township cadre and one party
/// secretary per village cover all its grids.
fn seed003_roster() -> Build {
    let mut b = Build::default();
    let from = "2022-01-01";
    for (v, grids) in [("a", &S3_A[..]), ("b", &[S3_B][..])] {
        let cadre = b.person(&format!("cadre-{v}"), |p| {
            p.tags.push("township_cadre".into())
        });
        let secretary = b.person(&format!("secretary-{v}"), |p| {
            p.party_member = true;
            p.tags.push("village_party_secretary".into());
        });
        for g in grids {
            b.assign(&cadre, g, "instructor", from);
            b.assign(&secretary, g, "grid_head", from);
        }
    }
    for (i, g) in S3_A.iter().chain([&S3_B]).enumerate() {
        let w = b.person(&format!("w{i}"), worker);
        b.assign(&w, g, "网格员", from);
        let a = b.person(&format!("assistant-{i}"), |_| {});
        b.assign(&a, g, if i % 2 == 0 { "协管员" } else { "assistant" }, from);
    }
    b
}

#[test]
fn seed003_compliant_with_one_instructor_per_village() {
    let p = preset("seed003");
    let r = validate(&p, &seed003_roster(), &s3_grids(), "2023-02-27");
    assert_valid(&r);
    assert_eq!(r.summary().units.len(), 1 + 1 + 2);
}

#[test]
fn seed003_qualifications() {
    let p = preset("seed003");
    let g = s3_grids();
    let on = "2023-02-27";
    let mut b = seed003_roster();
    b.get("w0").tags.retain(|t| t != "smartphone");
    b.get("w1").birth_date = Some(day("2005-03-01")); // 17 on the date
    b.get("w2").birth_date = None;
    // w3's age comes from the ID number: born 1949, allowed (no upper bound).
    let first17 = "37132319491231002";
    let id = format!(
        "{first17}{}",
        wangge::staffing::IdNumber::check_character(first17).unwrap()
    );
    b.get("w3").birth_date = None;
    b.get("w3").id_number = Some(id.parse().unwrap());
    let r = validate(&p, &b, &g, on);
    let got: Vec<_> = r
        .violations
        .iter()
        .map(|v| {
            (
                v.code.name(),
                v.grids[0].to_string(),
                v.rule.clone(),
                v.found,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "missing_tag",
                S3_A[0].to_string(),
                Some("smartphone".to_string()),
                None
            ),
            ("age_out_of_range", S3_A[1].to_string(), None, Some(17)),
            ("age_unknown", S3_A[2].to_string(), None, None),
        ]
    );
    // No message carries the ID number.
    assert!(r.violations.iter().all(|v| !v.message.contains("19491231")));
}

#[test]
fn seed003_village_rules() {
    let p = preset("seed003");
    let g = s3_grids();
    let on = "2023-02-27";

    // A township cadre guiding two villages: the seed sets no limit.
    let mut b = seed003_roster();
    b.unassign("cadre-b", S3_B, "instructor");
    let cadre = b.get("cadre-a").id.clone();
    b.assign(&cadre, S3_B, "instructor", "2022-01-01");
    assert_valid(&validate(&p, &b, &g, on));

    // A party secretary heading the grids of two villages: the head of one village's
    // party organization heads that village's grids only.
    let mut b = seed003_roster();
    b.unassign("secretary-b", S3_B, "grid_head");
    let secretary = b.get("secretary-a").id.clone();
    b.assign(&secretary, S3_B, "grid_head", "2022-01-01");
    let r = validate(&p, &b, &g, on);
    assert_eq!(
        codes(&r),
        [(
            "concurrency_exceeded".into(),
            S3_A[0].into(),
            vec!["grid_head".into()]
        )]
    );
    assert_eq!(r.violations[0].grids.len(), 4);

    // The "N" is missing in one grid; the instructor is not a township cadre.
    let mut b = seed003_roster();
    b.unassign("assistant-3", S3_B, "assistant");
    b.get("cadre-b").tags.clear();
    let r = validate(&p, &b, &g, on);
    let mut got = codes(&r);
    got.sort();
    assert_eq!(
        got,
        [
            (
                "composition_unmet".to_string(),
                S3_B.to_string(),
                vec!["assistant".to_string(), "party_assistant".to_string()]
            ),
            ("missing_tag".into(), S3_B.into(), vec!["instructor".into()]),
        ]
    );
}

#[test]
fn seed003_history_answers_who_held_the_post() {
    let p = preset("seed003");
    let g = s3_grids();
    let mut b = seed003_roster();
    // w0 leaves on 2023-03-01; w0b takes over the same day.
    b.unassign("w0", S3_A[0], "grid_worker");
    let w0 = b.get("w0").id.clone();
    b.assign_until(&w0, S3_A[0], "grid_worker", "2022-01-01", "2023-03-01");
    set_state(b.get("w0"), PersonState::Left, "2023-03-01");
    let w0b = b.person("w0b", worker);
    b.assign(&w0b, S3_A[0], "grid_worker", "2023-03-01");
    let roster = b.roster();
    let role: RolePattern = "grid_worker".parse().unwrap();
    let who = |d: &str| -> Vec<String> {
        p.staffing
            .holders(&roster, &grid(S3_A[0]), &role, day(d))
            .iter()
            .map(|h| h.person.id.to_string())
            .collect()
    };
    assert_eq!(who("2023-02-28"), ["w0"]);
    assert_eq!(who("2023-03-01"), ["w0b"]);
    assert!(who("2021-12-31").is_empty());
    for d in ["2023-02-28", "2023-03-01", "2024-01-01"] {
        assert_valid(&p.staffing.validate(&roster, &g, day(d), None).unwrap());
    }

    // Left without the assignment being closed: the post is empty from then on.
    let mut b = seed003_roster();
    set_state(b.get("secretary-b"), PersonState::Left, "2023-01-01");
    let r = validate(&p, &b, &g, "2023-02-27");
    assert_eq!(
        codes(&r),
        [("role_missing".into(), S3_B.into(), vec!["grid_head".into()])]
    );
    assert!(r.violations[0].people.is_empty());
}

#[test]
fn seed003_bad_input_is_a_typed_error() {
    let p = preset("seed003");
    let on = day("2023-02-27");
    // A grid missing from the grid list.
    let r = p
        .staffing
        .validate(&seed003_roster().roster(), &grids(&S3_A), on, None);
    let e = r.unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnknownGrid);
    assert!(e.to_string().contains(S3_B), "{e}");
    // An assignment reaching past the grid's validity.
    let mut list: Vec<GridInfo> = S3_A
        .iter()
        .chain([&S3_B])
        .map(|c| GridInfo::new(grid(c)))
        .collect();
    list[3].validity.to = Some(day("2024-01-01"));
    let set = GridSet::new(list.clone()).unwrap();
    let e = p
        .staffing
        .validate(&seed003_roster().roster(), &set, on, None)
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::AssignmentOutsideGrid);
    // A redrawn grid (two versions, the same code) covers assignments across the change.
    let mut v2 = list[3].clone();
    v2.validity = wangge::grid::Validity {
        from: Some(day("2024-01-01")),
        to: None,
    };
    list.push(v2);
    let set = GridSet::new(list).unwrap();
    assert_valid(
        &p.staffing
            .validate(&seed003_roster().roster(), &set, on, None)
            .unwrap(),
    );
    assert_valid(
        &p.staffing
            .validate(&seed003_roster().roster(), &set, day("2024-06-01"), None)
            .unwrap(),
    );
    // An unknown template.
    let e = p
        .staffing
        .validate(&seed003_roster().roster(), &set, on, Some("9+9"))
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnknownTemplate);
}

// ---- seed 004: 网格长、网格员、信息员、志愿者 -----------------------------------------------------

const S4: [&str; 2] = ["420106001001001", "420106001001002"];

fn seed004_roster() -> Build {
    let mut b = Build::default();
    for (i, g) in S4.iter().enumerate() {
        for role in ["网格长", "网格员", "信息员", "志愿者"] {
            let x = b.person(&format!("{role}{i}"), |p| {
                if role == "网格员" {
                    p.tags.push("certified".into()); // 持证(牌)上岗
                }
            });
            b.assign(&x, g, role, "2012-01-01");
        }
    }
    b
}

#[test]
fn seed004_posts() {
    let p = preset("seed004");
    let g = grids(&S4);
    assert_valid(&validate(&p, &seed004_roster(), &g, "2012-06-01"));

    // "可…明确一名…信息员": a grid without an informant complies; two informants, two grid
    // workers, the head doubling as grid worker, and a worker without the card do not.
    let mut b = seed004_roster();
    b.unassign("信息员0", S4[0], "informant");
    b.get("网格员0").tags.clear();
    let extra = b.person("信息员x", |_| {});
    b.assign(&extra, S4[1], "informant", "2012-01-01");
    let head = b.get("网格长1").id.clone();
    b.get("网格长1").tags.push("certified".into());
    b.assign(&head, S4[1], "grid_worker", "2012-01-01");
    let r = validate(&p, &b, &g, "2012-06-01");
    assert_eq!(
        codes(&r),
        [
            (
                "missing_tag".to_string(),
                S4[0].to_string(),
                vec!["grid_worker".to_string()]
            ),
            (
                "role_excess".into(),
                S4[1].into(),
                vec!["grid_worker".into()]
            ),
            ("role_excess".into(), S4[1].into(), vec!["informant".into()]),
            (
                "incompatible_roles".into(),
                S4[1].into(),
                vec!["grid_head".into(), "grid_worker".into()]
            ),
        ]
    );
    assert_eq!(r.violations[0].rule.as_deref(), Some("certified"));
    // Before anyone was appointed, the head and the grid worker are missing (not the
    // optional informant).
    let r = validate(&p, &seed004_roster(), &g, "2011-12-31");
    assert_eq!(r.violations.len(), 4);
    assert!(
        r.violations
            .iter()
            .all(|v| v.code == ViolationCode::RoleMissing && v.roles[0] != "informant")
    );
}
