//! Case records as columns: the fast path for large data sets.

use serde::{Deserialize, Serialize};

use super::counts::Row;
use super::{GroupBy, ScoringError};
use crate::record::{CaseRecord, CaseStatus, Rating, Source, Supervision, Urgency};

/// Case records as columns, one entry per case in each, with instants as Unix seconds
/// (whole seconds) and the unit of each case given as an index into `units` (the host has
/// already grouped them). [`super::Partial::add_columns`] counts them with the same rules
/// as records, without a per-row allocation.
///
/// ```
/// use wangge::scoring::{CaseColumns, GroupBy, Partial, ScoringPolicy};
/// use wangge::record::{read_csv, ReadOptions};
/// let csv = "id,grid,category,class,urgency,tier,source,reported_at,due_at,closed_at,status\n\
///   A,371323100201001,x,event,routine,t1,patrol,2016-12-01T09:00:00+08:00,2016-12-05T17:00:00+08:00,2016-12-04T10:00:00+08:00,closed\n";
/// let rows = read_csv(csv, ReadOptions::default())?.records;
/// let policy = ScoringPolicy::default();
/// let period = "2016-12".parse()?;
/// let mut p = Partial::new(&policy, period, GroupBy::Grid, None)?;
/// p.add_columns(&CaseColumns::from_records(&rows, GroupBy::Grid))?;
/// assert_eq!(p, Partial::from_records(&policy, period, GroupBy::Grid, None, &rows)?);
/// # Ok::<(), wangge::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseColumns {
    /// The unit ids.
    pub units: Vec<String>,
    /// Each case's unit, an index into `units`.
    pub unit: Vec<u32>,
    /// Reported, Unix seconds.
    pub reported_at: Vec<i64>,
    /// Due, Unix seconds.
    pub due_at: Vec<Option<i64>>,
    /// Closed, Unix seconds.
    pub closed_at: Vec<Option<i64>>,
    /// Status.
    pub status: Vec<CaseStatus>,
    /// Urgency.
    pub urgency: Vec<Urgency>,
    /// Source.
    pub source: Vec<Source>,
    /// Reworks.
    pub rework: Vec<u32>,
    /// Supervision level.
    pub supervision: Vec<Supervision>,
    /// Rating.
    pub rating: Vec<Option<Rating>>,
    /// Reached at the return visit.
    pub contacted: Vec<Option<bool>>,
    /// Resolved in the reporter's view.
    pub resolved: Vec<Option<bool>>,
    /// Leader-assigned.
    pub leader_assigned: Vec<bool>,
    /// Deferred.
    pub deferred: Vec<bool>,
}

impl CaseColumns {
    /// Columns from records, grouped `by` (instants truncated to whole seconds).
    pub fn from_records(records: &[CaseRecord], by: GroupBy) -> CaseColumns {
        let mut c = CaseColumns::default();
        let mut index = std::collections::HashMap::new();
        for r in records {
            let key = super::group::Key::of(by, r);
            let next = index.len() as u32;
            let u = *index.entry(key).or_insert_with(|| {
                c.units.push(key.name());
                next
            });
            c.unit.push(u);
            c.reported_at.push(r.reported_at.timestamp());
            c.due_at.push(r.due_at.map(|t| t.timestamp()));
            c.closed_at.push(r.closed_at.map(|t| t.timestamp()));
            c.status.push(r.status);
            c.urgency.push(r.urgency);
            c.source.push(r.source);
            c.rework.push(r.rework);
            c.supervision.push(r.supervision);
            c.rating.push(r.rating);
            c.contacted.push(r.contacted);
            c.resolved.push(r.resolved);
            c.leader_assigned.push(r.leader_assigned);
            c.deferred.push(r.deferred);
        }
        c
    }

    /// The number of cases.
    pub fn len(&self) -> usize {
        self.unit.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.unit.is_empty()
    }

    /// Checks that every column has one entry per case and every unit index is valid.
    pub(crate) fn check(&self) -> Result<(), ScoringError> {
        let n = self.unit.len();
        let lens = [
            self.reported_at.len(),
            self.due_at.len(),
            self.closed_at.len(),
            self.status.len(),
            self.urgency.len(),
            self.source.len(),
            self.rework.len(),
            self.supervision.len(),
            self.rating.len(),
            self.contacted.len(),
            self.resolved.len(),
            self.leader_assigned.len(),
            self.deferred.len(),
        ];
        if lens.iter().any(|&l| l != n) {
            return Err(ScoringError::Input(format!(
                "columns differ in length (unit has {n}, others {lens:?})"
            )));
        }
        if self.unit.iter().any(|&u| u as usize >= self.units.len()) {
            return Err(ScoringError::Input(format!(
                "a unit index is not below the {} units",
                self.units.len()
            )));
        }
        Ok(())
    }
}

/// One row of the columns.
pub(crate) struct ColumnRow<'a> {
    pub c: &'a CaseColumns,
    pub i: usize,
}

impl Row for ColumnRow<'_> {
    type Instant = i64;
    #[inline]
    fn reported_at(&self) -> i64 {
        self.c.reported_at[self.i]
    }
    #[inline]
    fn due_at(&self) -> Option<i64> {
        self.c.due_at[self.i]
    }
    #[inline]
    fn closed_at(&self) -> Option<i64> {
        self.c.closed_at[self.i]
    }
    #[inline]
    fn status(&self) -> CaseStatus {
        self.c.status[self.i]
    }
    #[inline]
    fn source(&self) -> Source {
        self.c.source[self.i]
    }
    #[inline]
    fn urgency(&self) -> Urgency {
        self.c.urgency[self.i]
    }
    #[inline]
    fn deferred(&self) -> bool {
        self.c.deferred[self.i]
    }
    #[inline]
    fn rework(&self) -> u32 {
        self.c.rework[self.i]
    }
    #[inline]
    fn leader_assigned(&self) -> bool {
        self.c.leader_assigned[self.i]
    }
    #[inline]
    fn supervised(&self) -> bool {
        self.c.supervision[self.i] != Supervision::None
    }
    #[inline]
    fn rating(&self) -> Option<Rating> {
        self.c.rating[self.i]
    }
    #[inline]
    fn contacted(&self) -> Option<bool> {
        self.c.contacted[self.i]
    }
    #[inline]
    fn resolved(&self) -> Option<bool> {
        self.c.resolved[self.i]
    }
}
