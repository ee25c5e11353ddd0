//! A deterministic sample roster for a grid layer, staffed the "1+1+1+N" way (seed 003,
//! 沂水县): per village one instructor (a township cadre 包村) and one grid head (the
//! village party secretary) for all its grids; per grid one full-time grid worker and an
//! N team of assistants and party assistants — with a few faults spread evenly so that a
//! validation has something to find. Used by the demo, the tests and the examples.
//!
//! ```
//! use chrono::NaiveDate;
//! use wangge::grid::sample::{SampleCounty, SampleOptions};
//! use wangge::policy::Policy;
//! use wangge::staffing::{GridSet, sample::sample_roster};
//! let county = SampleCounty::generate(&SampleOptions { grids: 200, ..Default::default() })?;
//! let grids = GridSet::from_layer(&county.layer)?;
//! let roster = sample_roster(&grids, 1)?;
//! let on = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
//! let report = Policy::preset("seed003")?.staffing.validate(&roster, &grids, on, None)?;
//! assert!(!report.is_valid());                     // the planted faults are found
//! assert!(report.violations.len() < 20);           // and little else
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{
    Assignment, GridSet, Person, PersonId, PersonState, Role, Roster, StaffingError, StateChange,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// Members of the N team per grid.
const N_TEAM: usize = 3;

/// A roster for every grid of `grids`, staffed 1+1+1+N since 2021-01-01.
///
/// Planted faults (by grid position, so they move with `seed`): about one grid in 97 has no
/// grid worker, one in 53 a worker without the `smartphone` tag, one in 61 a worker on
/// leave since 2024-03-01, one in 211 an under-age worker. One worker in ten replaced a
/// predecessor who left on 2022-07-01 (history kept).
pub fn sample_roster(grids: &GridSet, seed: u64) -> Result<Roster, StaffingError> {
    let start = day(2021, 1, 1);
    let mut villages: BTreeMap<String, Vec<crate::code::GridCode>> = BTreeMap::new();
    for g in grids.grids() {
        villages
            .entry(g.code.community().to_string())
            .or_default()
            .push(g.code);
    }
    let mut people = Vec::new();
    let mut assignments = Vec::new();
    let role = |r: &str| r.parse::<Role>();
    let mut add = |id: String, f: &dyn Fn(&mut Person)| -> Result<PersonId, StaffingError> {
        let pid = PersonId::new(&id)?;
        let mut p = Person::new(pid.clone());
        f(&mut p);
        people.push(p);
        Ok(pid)
    };
    for (village, codes) in &villages {
        let cadre = add(format!("cadre-{village}"), &|p| {
            p.name = Some(format!("包村干部{}", &village[9..]));
            p.tags.push("township_cadre".into());
        })?;
        let secretary = add(format!("secretary-{village}"), &|p| {
            p.name = Some(format!("村书记{}", &village[9..]));
            p.party_member = true;
            p.tags.push("village_party_secretary".into());
        })?;
        for g in codes {
            assignments.push(Assignment::new(
                cadre.clone(),
                *g,
                role("instructor")?,
                start,
                None,
            ));
            assignments.push(Assignment::new(
                secretary.clone(),
                *g,
                role("grid_head")?,
                start,
                None,
            ));
        }
    }
    let shift = (seed % 97) as usize;
    for (i, g) in grids.grids().iter().enumerate() {
        let k = i + shift;
        let g = g.code;
        if k % 97 != 5 {
            let worker = add(format!("worker-{g}"), &|p| {
                p.full_time = true;
                p.tags = vec!["healthy".into(), "smartphone".into()];
                if k % 53 == 7 {
                    p.tags.pop();
                }
                p.birth_date = Some(day(
                    if k % 211 == 3 {
                        2010
                    } else {
                        1975 + (k % 25) as i32
                    },
                    6,
                    1,
                ));
                if k % 61 == 11 {
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
            })?;
            if k.is_multiple_of(10) {
                let former = add(format!("former-{g}"), &|p| {
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
                })?;
                assignments.push(Assignment::new(
                    former,
                    g,
                    role("grid_worker")?,
                    start,
                    Some(day(2022, 7, 1)),
                ));
                assignments.push(Assignment::new(
                    worker,
                    g,
                    role("grid_worker")?,
                    day(2022, 7, 1),
                    None,
                ));
            } else {
                assignments.push(Assignment::new(
                    worker,
                    g,
                    role("grid_worker")?,
                    start,
                    None,
                ));
            }
        }
        for n in 0..N_TEAM {
            let party = n == 0;
            let id = add(format!("n-{g}-{n}"), &|p| p.party_member = party)?;
            let r = if party {
                "party_assistant"
            } else {
                "assistant"
            };
            assignments.push(Assignment::new(id, g, role(r)?, start, None));
        }
    }
    Roster::new(people, assignments)
}
