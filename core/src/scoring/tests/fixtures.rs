//! Records built for the tests.

use chrono::{DateTime, FixedOffset};

use crate::record::{CaseClass, CaseRecord, CaseStatus, Source, Supervision, Tier, Urgency};

/// An instant.
pub fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// A routine patrol event in grid 371323100201001, reported `reported`, open.
pub fn case(id: usize, reported: &str) -> CaseRecord {
    CaseRecord {
        id: format!("C{id}"),
        grid: "371323100201001".parse().unwrap(),
        handler: String::new(),
        worker: None,
        category: "市容环境".into(),
        class: CaseClass::Event,
        urgency: Urgency::Routine,
        tier: Tier::T1,
        source: Source::Patrol,
        reported_at: t(reported),
        accepted_at: None,
        due_at: None,
        closed_at: None,
        status: CaseStatus::Assigned,
        rework: 0,
        supervision: Supervision::None,
        rating: None,
        contacted: None,
        resolved: None,
        leader_assigned: false,
        deferred: false,
    }
}

/// Builds records one group at a time, numbering ids.
#[derive(Default)]
pub struct Set {
    pub records: Vec<CaseRecord>,
}

impl Set {
    /// Adds `n` copies of `r` (ids numbered on).
    pub fn add(&mut self, n: usize, r: &CaseRecord) -> &mut Self {
        for _ in 0..n {
            let mut r = r.clone();
            r.id = format!("C{}", self.records.len());
            self.records.push(r);
        }
        self
    }
}

/// A case due at `due`, closed at `closed` (status closed) or open.
pub fn due(reported: &str, due: &str, closed: Option<&str>) -> CaseRecord {
    let mut r = case(0, reported);
    r.due_at = Some(t(due));
    if let Some(c) = closed {
        r.closed_at = Some(t(c));
        r.status = CaseStatus::Closed;
    }
    r
}
