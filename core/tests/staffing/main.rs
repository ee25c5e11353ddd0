//! Staffing scenarios: each seed preset's template with a compliant roster and with
//! rosters that break one rule at a time; plus property tests of the validator.

mod props;
mod scenarios;

use chrono::NaiveDate;
use wangge::code::GridCode;
use wangge::policy::Policy;
use wangge::staffing::{
    Assignment, GridInfo, GridSet, Person, PersonId, PersonState, Report, Roster, StateChange,
};

pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn grid(s: &str) -> GridCode {
    s.parse().unwrap()
}

/// Builds rosters through the public API.
#[derive(Debug, Default, Clone)]
pub struct Build {
    pub people: Vec<Person>,
    pub assignments: Vec<Assignment>,
}

impl Build {
    /// Adds a person (on duty since always) and returns their id.
    pub fn person(&mut self, id: &str, f: impl FnOnce(&mut Person)) -> PersonId {
        let mut p = Person::new(id.parse().unwrap());
        f(&mut p);
        let id = p.id.clone();
        self.people.push(p);
        id
    }

    pub fn assign(&mut self, person: &PersonId, grid_code: &str, role: &str, from: &str) {
        self.assignments.push(Assignment::new(
            person.clone(),
            grid(grid_code),
            role.parse().unwrap(),
            day(from),
            None,
        ));
    }

    pub fn assign_until(
        &mut self,
        person: &PersonId,
        grid_code: &str,
        role: &str,
        from: &str,
        to: &str,
    ) {
        self.assignments.push(Assignment::new(
            person.clone(),
            grid(grid_code),
            role.parse().unwrap(),
            day(from),
            Some(day(to)),
        ));
    }

    pub fn get(&mut self, id: &str) -> &mut Person {
        self.people
            .iter_mut()
            .find(|p| p.id.as_str() == id)
            .unwrap()
    }

    pub fn unassign(&mut self, id: &str, grid_code: &str, role: &str) {
        let role = role.parse().unwrap();
        let g = grid(grid_code);
        let before = self.assignments.len();
        self.assignments
            .retain(|a| !(a.person.as_str() == id && a.grid == g && a.role == role));
        assert_eq!(before, self.assignments.len() + 1, "{id} {grid_code}");
    }

    pub fn roster(&self) -> Roster {
        Roster::new(self.people.clone(), self.assignments.clone()).unwrap()
    }
}

/// Sets a person's state from a date on (after being on duty since 2000).
pub fn set_state(p: &mut Person, state: PersonState, from: &str) {
    if p.states.is_empty() {
        p.states.push(StateChange {
            state: PersonState::OnDuty,
            from: day("2000-01-01"),
        });
    }
    p.states.push(StateChange {
        state,
        from: day(from),
    });
}

pub fn grids(codes: &[&str]) -> GridSet {
    GridSet::new(codes.iter().map(|c| GridInfo::new(grid(c))).collect()).unwrap()
}

pub fn validate(policy: &Policy, b: &Build, grid_set: &GridSet, on: &str) -> Report {
    policy
        .staffing
        .validate(&b.roster(), grid_set, day(on), None)
        .unwrap()
}

/// `(code, first grid, roles)` of every violation, for compact assertions.
pub fn codes(r: &Report) -> Vec<(String, String, Vec<String>)> {
    r.violations
        .iter()
        .map(|v| {
            (
                v.code.name().to_string(),
                v.grids.first().map(|g| g.to_string()).unwrap_or_default(),
                v.roles.clone(),
            )
        })
        .collect()
}

/// Asserts a report is valid, printing the violations otherwise.
pub fn assert_valid(r: &Report) {
    assert!(
        r.is_valid(),
        "{:#?}",
        r.violations.iter().map(|v| &v.message).collect::<Vec<_>>()
    );
}
