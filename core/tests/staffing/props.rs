//! Properties of the validator on random rosters.

use proptest::prelude::*;
use wangge::policy::Policy;
use wangge::staffing::{ConcurrencyUnit, GridSet, PersonState, Role, RolePattern, ViolationCode};

use super::*;

/// Ten grids in four villages of two towns.
const GRIDS: [&str; 10] = [
    "371323100201001",
    "371323100201002",
    "371323100201003",
    "371323100202001",
    "371323100202002",
    "371323101203001",
    "371323101203002",
    "371323101204001",
    "371323101204002",
    "371323101204003",
];

const ROLES: [&str; 8] = [
    "instructor",
    "grid_head",
    "grid_worker",
    "assistant",
    "party_assistant",
    "embedded_staff:police",
    "volunteer",
    "police",
];

/// A random roster over [`GRIDS`]: people with random flags and states, assignments with
/// random roles and dates (overlapping slots skipped).
fn arb_build() -> impl Strategy<Value = Build> {
    let person = (
        any::<bool>(),
        any::<bool>(),
        0u8..4,
        proptest::option::of(1i64..800),
        proptest::option::of(1950i32..2010),
    );
    let assignment = (
        0usize..40,
        0usize..GRIDS.len(),
        0usize..ROLES.len(),
        0i64..600,
        proptest::option::of(1i64..600),
    );
    (
        proptest::collection::vec(person, 1..40),
        proptest::collection::vec(assignment, 0..120),
    )
        .prop_map(|(people, raw)| {
            let mut b = Build::default();
            let base = day("2023-01-01");
            for (i, (party, full, tags, leave, born)) in people.into_iter().enumerate() {
                b.person(&format!("p{i:02}"), |p| {
                    p.party_member = party;
                    p.full_time = full;
                    let all = [
                        "smartphone",
                        "healthy",
                        "township_cadre",
                        "village_party_secretary",
                    ];
                    p.tags = all[..tags as usize].iter().map(|t| t.to_string()).collect();
                    if tags == 3 {
                        p.tags.push("healthy".into());
                        p.tags.dedup();
                    }
                    p.birth_date = born.and_then(|y| chrono::NaiveDate::from_ymd_opt(y, 6, 1));
                    if let Some(d) = leave {
                        p.states = vec![
                            StateChange {
                                state: PersonState::OnDuty,
                                from: base,
                            },
                            StateChange {
                                state: PersonState::OnLeave,
                                from: base + chrono::Duration::days(d),
                            },
                        ];
                    }
                });
            }
            let n = b.people.len();
            for (p, g, r, from, len) in raw {
                let person = b.people[p % n].id.clone();
                let a = Assignment::new(
                    person,
                    grid(GRIDS[g]),
                    ROLES[r].parse().unwrap(),
                    base + chrono::Duration::days(from),
                    len.map(|l| base + chrono::Duration::days(from + l)),
                );
                let clash = b.assignments.iter().any(|x| {
                    x.person == a.person
                        && x.grid == a.grid
                        && x.role == a.role
                        && x.to.is_none_or(|t| a.from < t)
                        && a.to.is_none_or(|t| x.from < t)
                });
                if !clash {
                    b.assignments.push(a);
                }
            }
            b
        })
}

fn seed003() -> Policy {
    Policy::preset("seed003").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The order of people and assignments in the input does not change the report.
    #[test]
    fn order_does_not_matter(b in arb_build(), probe in 0i64..900, seed in any::<u64>()) {
        let p = seed003();
        let g = grids(&GRIDS);
        let on = day("2023-01-01") + chrono::Duration::days(probe);
        let r1 = p.staffing.validate(&b.roster(), &g, on, None).unwrap();
        let mut shuffled = b.clone();
        let n = shuffled.assignments.len().max(1);
        shuffled.assignments.rotate_left(seed as usize % n);
        shuffled.assignments.reverse();
        shuffled.people.reverse();
        let r2 = p.staffing.validate(&shuffled.roster(), &g, on, None).unwrap();
        prop_assert_eq!(r1, r2);
    }

    /// role_missing / role_excess agree with counting holders one grid at a time, and
    /// concurrency agrees with counting each person's villages or grids.
    #[test]
    fn counts_agree_with_a_slow_reference(b in arb_build(), probe in 0i64..900) {
        let p = seed003();
        let g = grids(&GRIDS);
        let on = day("2023-01-01") + chrono::Duration::days(probe);
        let roster = b.roster();
        let r = p.staffing.validate(&roster, &g, on, None).unwrap();
        let t = p.staffing.template("1+1+1+N").unwrap();
        for code in GRIDS {
            for rule in &t.roles {
                let n = p.staffing.holders(&roster, &grid(code), &rule.role, on).len() as u32;
                let find = |c: ViolationCode| r.violations.iter().any(|v| {
                    v.code == c && v.grids == [grid(code)] && v.roles == [rule.role.to_string()]
                });
                prop_assert_eq!(find(ViolationCode::RoleMissing), n < rule.min, "{} {}", code, rule.role);
                prop_assert_eq!(find(ViolationCode::RoleExcess), rule.max.is_some_and(|m| n > m));
            }
        }
        for rule in t.roles.iter().filter(|r| r.concurrency.is_some()) {
            let c = rule.concurrency.unwrap();
            for person in roster.people() {
                let mut units: Vec<String> = GRIDS.iter().filter(|code| {
                    p.staffing.holders(&roster, &grid(code), &rule.role, on).iter().any(|h| h.person.id == person.id)
                }).map(|code| match c.per {
                    ConcurrencyUnit::Grid => code.to_string(),
                    ConcurrencyUnit::Community => code[..12].to_string(),
                    ConcurrencyUnit::Town => code[..9].to_string(),
                }).collect();
                units.dedup();
                let flagged = r.violations.iter().any(|v| {
                    v.code == ViolationCode::ConcurrencyExceeded && v.people == [person.id.clone()]
                        && v.roles == [rule.role.to_string()]
                });
                prop_assert_eq!(flagged, units.len() as u32 > c.max, "{} {}", person.id, rule.role);
            }
        }
    }

    /// The summary adds up: per level, grid counts sum to the total; compliant grids are
    /// exactly the grids no violation names.
    #[test]
    fn summary_adds_up(b in arb_build(), probe in 0i64..900) {
        let p = seed003();
        let g = grids(&GRIDS);
        let on = day("2023-01-01") + chrono::Duration::days(probe);
        let r = p.staffing.validate(&b.roster(), &g, on, None).unwrap();
        let s = r.summary();
        prop_assert_eq!(s.grids, 10);
        let flagged: std::collections::BTreeSet<_> = r.violations.iter().flat_map(|v| v.grids.iter()).collect();
        prop_assert_eq!(s.compliant_grids as usize, 10 - flagged.len());
        for level in [wangge::code::AdminLevel::County, wangge::code::AdminLevel::Town, wangge::code::AdminLevel::Community] {
            let units: Vec<_> = s.level(level).collect();
            prop_assert_eq!(units.iter().map(|u| u.grids).sum::<u32>(), 10);
            prop_assert_eq!(units.iter().map(|u| u.compliant_grids).sum::<u32>(), s.compliant_grids);
            for (code, n) in &s.by_code {
                prop_assert_eq!(units.iter().map(|u| u.by_code.get(code).copied().unwrap_or(0)).sum::<u32>(), *n);
            }
        }
        prop_assert_eq!(r.is_valid(), r.violations.is_empty());
    }

    /// From a compliant roster, removing one grid worker gives exactly one violation:
    /// that grid's missing grid worker.
    #[test]
    fn removing_one_worker_breaks_exactly_that_grid(k in 0usize..GRIDS.len()) {
        let p = seed003();
        let g = grids(&GRIDS);
        let mut b = compliant();
        let on = day("2024-01-01");
        let r = p.staffing.validate(&b.roster(), &g, on, None).unwrap();
        prop_assert!(r.is_valid(), "{:?}", codes(&r));
        b.unassign(&format!("w{k}"), GRIDS[k], "grid_worker");
        let r = p.staffing.validate(&b.roster(), &g, on, None).unwrap();
        prop_assert_eq!(codes(&r), vec![("role_missing".to_string(), GRIDS[k].to_string(), vec!["grid_worker".to_string()])]);
    }
}

/// A compliant seed 003 roster over [`GRIDS`].
fn compliant() -> Build {
    let mut b = Build::default();
    let from = "2023-01-01";
    let mut villages: Vec<&str> = GRIDS.iter().map(|g| &g[..12]).collect();
    villages.dedup();
    for v in &villages {
        let c = b.person(&format!("cadre-{v}"), |p| {
            p.tags.push("township_cadre".into())
        });
        let s = b.person(&format!("sec-{v}"), |p| {
            p.party_member = true;
            p.tags.push("village_party_secretary".into());
        });
        for g in GRIDS.iter().filter(|g| g.starts_with(v)) {
            b.assign(&c, g, "instructor", from);
            b.assign(&s, g, "grid_head", from);
        }
    }
    for (i, g) in GRIDS.iter().enumerate() {
        let w = b.person(&format!("w{i}"), |p| {
            p.full_time = true;
            p.tags = vec!["smartphone".into(), "healthy".into()];
            p.birth_date = Some(day("1985-01-01"));
        });
        b.assign(&w, g, "grid_worker", from);
        let a = b.person(&format!("pa{i}"), |p| p.party_member = true);
        b.assign(&a, g, "party_assistant", from);
    }
    b
}

#[test]
fn role_patterns_used_here_parse() {
    for r in ROLES {
        assert!(r.parse::<Role>().is_ok());
    }
    assert!(matches!(
        "embedded_staff".parse::<RolePattern>(),
        Ok(RolePattern::AnyEmbeddedStaff)
    ));
    let _ = GridSet::default();
}
