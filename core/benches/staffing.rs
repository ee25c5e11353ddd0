//! Staffing validation on a county-sized roster: 1,358 grids (沂水县, seed 003) in 396
//! villages of 18 towns, ~20,000 people, ~23,000 assignments with history, validated
//! against the seed 003 "1+1+1+N" preset. Deterministic: no randomness, the same roster
//! every run.
//!
//! `cargo bench -p wangge --bench staffing`

use std::hint::black_box;

use chrono::{Duration, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use wangge::code::{AdminCode, GridCode, GridCodeLayout};
use wangge::policy::Policy;
use wangge::staffing::{
    Assignment, GridInfo, GridSet, Person, PersonId, PersonState, Role, RolePattern, Roster,
    StateChange,
};

const GRIDS: usize = 1358;
const TOWNS: u32 = 18;
/// Part-time members (协管员 and 党员协助员) per grid.
const N_PER_GRID: usize = 13;

struct County {
    grids: GridSet,
    codes: Vec<GridCode>,
    roster: Roster,
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn county() -> County {
    // Villages of 1–6 grids (a fixed pattern averaging ~3.4) until 1,358 grids.
    let mut villages: Vec<Vec<GridCode>> = Vec::new();
    let mut n = 0;
    let mut v = 0u32;
    while n < GRIDS {
        let size = ([3, 4, 2, 5, 3, 1, 4, 6, 3, 2, 4][v as usize % 11] as usize).min(GRIDS - n);
        let town = 100 + v % TOWNS;
        let village = 201 + v / TOWNS;
        let community = AdminCode::parse(&format!("371323{town:03}{village:03}")).unwrap();
        villages.push(
            (1..=size as u32)
                .map(|s| GridCode::new(community, s, GridCodeLayout::D15).unwrap())
                .collect(),
        );
        n += size;
        v += 1;
    }
    let codes: Vec<GridCode> = villages.iter().flatten().copied().collect();
    let grids = GridSet::new(codes.iter().map(|c| GridInfo::new(*c)).collect()).unwrap();

    let mut people = Vec::new();
    let mut assignments = Vec::new();
    let start = day(2021, 1, 1);
    let mut add = |id: String, f: &dyn Fn(&mut Person)| {
        let mut p = Person::new(PersonId::new(&id).unwrap());
        f(&mut p);
        people.push(p);
        PersonId::new(&id).unwrap()
    };
    let role = |s: &str| s.parse::<Role>().unwrap();
    for (vi, grids_of_village) in villages.iter().enumerate() {
        let cadre = add(format!("cadre-{vi}"), &|p| {
            p.tags.push("township_cadre".into())
        });
        let secretary = add(format!("secretary-{vi}"), &|p| {
            p.party_member = true;
            p.tags.push("village_party_secretary".into());
        });
        for g in grids_of_village {
            assignments.push(Assignment::new(
                cadre.clone(),
                *g,
                role("instructor"),
                start,
                None,
            ));
            assignments.push(Assignment::new(
                secretary.clone(),
                *g,
                role("grid_head"),
                start,
                None,
            ));
        }
    }
    for (gi, g) in codes.iter().enumerate() {
        // Faults, spread evenly: a missing worker, a worker without a smartphone, a worker
        // on leave, an underage worker.
        if gi % 97 != 5 {
            let w = add(format!("worker-{gi}"), &|p| {
                p.full_time = true;
                p.tags = vec!["healthy".into(), "smartphone".into()];
                if gi % 53 == 7 {
                    p.tags.pop();
                }
                p.birth_date = Some(day(
                    if gi % 211 == 3 {
                        2007
                    } else {
                        1980 + (gi % 20) as i32
                    },
                    6,
                    1,
                ));
                if gi % 61 == 11 {
                    p.states = vec![
                        StateChange {
                            state: PersonState::OnDuty,
                            from: start,
                        },
                        StateChange {
                            state: PersonState::OnLeave,
                            from: day(2024, 3, 1),
                        },
                    ];
                }
            });
            // One worker in ten replaced a predecessor: history kept.
            if gi % 10 == 0 {
                let old = add(format!("former-{gi}"), &|p| {
                    p.full_time = true;
                    p.states = vec![
                        StateChange {
                            state: PersonState::OnDuty,
                            from: start,
                        },
                        StateChange {
                            state: PersonState::Left,
                            from: day(2022, 7, 1),
                        },
                    ];
                });
                assignments.push(Assignment::new(
                    old,
                    *g,
                    role("grid_worker"),
                    start,
                    Some(day(2022, 7, 1)),
                ));
                assignments.push(Assignment::new(
                    w,
                    *g,
                    role("grid_worker"),
                    day(2022, 7, 1),
                    None,
                ));
            } else {
                assignments.push(Assignment::new(w, *g, role("grid_worker"), start, None));
            }
        }
        for k in 0..N_PER_GRID {
            let party = k % 4 == 0;
            let id = add(format!("n-{gi}-{k}"), &|p| p.party_member = party);
            let r = if party {
                "party_assistant"
            } else {
                "assistant"
            };
            assignments.push(Assignment::new(
                id,
                *g,
                role(r),
                start + Duration::days(k as i64),
                None,
            ));
        }
    }
    let roster = Roster::new(people, assignments).unwrap();
    County {
        grids,
        codes,
        roster,
    }
}

fn bench(c: &mut Criterion) {
    let policy = Policy::preset("seed003").unwrap();
    let county = county();
    let on = day(2024, 6, 1);
    let report = policy
        .staffing
        .validate(&county.roster, &county.grids, on, None)
        .unwrap();
    eprintln!(
        "synthetic county: {} grids, {} people, {} assignments; {} violations in {} grids",
        report.checked.len(),
        county.roster.people().len(),
        county.roster.assignments().len(),
        report.violations.len(),
        report.summary().grids - report.summary().compliant_grids,
    );

    let mut g = c.benchmark_group("staffing");
    g.sample_size(30);
    g.bench_function("validate_1358_grids", |b| {
        b.iter(|| {
            policy
                .staffing
                .validate(black_box(&county.roster), &county.grids, on, None)
                .unwrap()
        })
    });
    g.bench_function("validate_and_summarize_1358_grids", |b| {
        b.iter(|| {
            policy
                .staffing
                .validate(black_box(&county.roster), &county.grids, on, None)
                .unwrap()
                .summary()
        })
    });
    let json = county.roster.to_json();
    eprintln!("roster JSON: {} bytes", json.len());
    g.bench_function("parse_roster_json", |b| {
        b.iter(|| Roster::from_json(black_box(&json)).unwrap())
    });
    let worker: RolePattern = "grid_worker".parse().unwrap();
    g.bench_function("holder_one_grid", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % county.codes.len();
            policy
                .staffing
                .holders(&county.roster, &county.codes[i], &worker, on)
                .len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
