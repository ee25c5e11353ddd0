//! Partials: per-unit counters of one period, mergeable across partitions.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::columns::ColumnRow;
use super::counts::Window;
use super::group::Key;
use super::{CaseColumns, Counts, GroupBy, Period, PeriodBounds, ScoringError, ScoringPolicy};
use crate::record::CaseRecord;

/// The counters of every unit for one period and grouping: what scoring needs from the
/// records, and nothing else. A partial is a serde value; [`Partial::merge`] adds another
/// partial of the same period, bounds, cut and grouping, and is associative and
/// commutative, so a data set can be counted per partition (per file, per machine) and
/// merged in any order with the same result as one pass.
///
/// ```
/// use wangge::record::{read_csv, ReadOptions};
/// use wangge::scoring::{GroupBy, Partial, ScoringPolicy};
/// let csv = "id,grid,category,class,urgency,tier,source,reported_at,due_at,status\n\
///   A,371323100201001,x,event,routine,t1,patrol,2016-12-01T09:00:00+08:00,2016-12-05T17:00:00+08:00,assigned\n\
///   B,371323100202001,x,event,routine,t1,patrol,2016-12-02T09:00:00+08:00,2016-12-06T17:00:00+08:00,assigned\n";
/// let rows = read_csv(csv, ReadOptions::default())?.records;
/// let policy = ScoringPolicy::default();
/// let period = "2016-12".parse()?;
/// let whole = Partial::from_records(&policy, period, GroupBy::Town, None, &rows)?;
/// let mut a = Partial::from_records(&policy, period, GroupBy::Town, None, &rows[..1])?;
/// let b = Partial::from_records(&policy, period, GroupBy::Town, None, &rows[1..])?;
/// a.merge(&b)?;
/// assert_eq!(a, whole);
/// assert_eq!(whole.groups["371323100000"].due, 2);
/// # Ok::<(), wangge::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partial {
    /// The period.
    pub period: Period,
    /// Its bounds in the policy's zone.
    pub bounds: PeriodBounds,
    /// The instant counting stops at: the period's end, or `as_of` if earlier.
    pub cut: DateTime<FixedOffset>,
    /// The grouping.
    pub by: GroupBy,
    /// Counters per unit, by unit id.
    pub groups: BTreeMap<String, Counts>,
}

impl Partial {
    /// An empty partial for `period` in the policy's zone, counting up to `as_of` if it is
    /// before the period's end.
    pub fn new(
        policy: &ScoringPolicy,
        period: Period,
        by: GroupBy,
        as_of: Option<DateTime<FixedOffset>>,
    ) -> Result<Partial, ScoringError> {
        let bounds = period.bounds(policy.time_zone())?;
        let cut = as_of.map_or(bounds.end, |t| t.min(bounds.end).max(bounds.start));
        Ok(Partial {
            period,
            bounds,
            cut,
            by,
            groups: BTreeMap::new(),
        })
    }

    /// A partial counted from records.
    pub fn from_records(
        policy: &ScoringPolicy,
        period: Period,
        by: GroupBy,
        as_of: Option<DateTime<FixedOffset>>,
        records: &[CaseRecord],
    ) -> Result<Partial, ScoringError> {
        let mut p = Partial::new(policy, period, by, as_of)?;
        p.add_records(records);
        Ok(p)
    }

    /// Counts more records in.
    pub fn add_records(&mut self, records: &[CaseRecord]) {
        let w = Window {
            start: self.bounds.start,
            cut: self.cut,
        };
        let mut map: HashMap<Key<'_>, Counts> = HashMap::new();
        for r in records {
            map.entry(Key::of(self.by, r)).or_default().add(r, &w);
        }
        for (k, c) in map {
            // A record outside the period leaves its unit with zero counters; keep the
            // unit only if something counted.
            if c != Counts::default() {
                self.groups.entry(k.name()).or_default().merge(&c);
            }
        }
    }

    /// Counts columns in (their units are taken as this partial's units). Instants are
    /// whole seconds: the period's bounds and cut are compared as such (a cut inside a
    /// second rounds up, which is exact for whole-second instants).
    pub fn add_columns(&mut self, columns: &CaseColumns) -> Result<(), ScoringError> {
        columns.check()?;
        let w = self.column_window();
        let mut per_unit = vec![Counts::default(); columns.units.len()];
        let inside = |t: i64| w.start <= t && t < w.cut;
        for (i, &u) in columns.unit.iter().enumerate() {
            // Most rows of a long history touch no counter of this period: skip them on
            // the three instants alone.
            let touches = inside(columns.reported_at[i])
                || columns.due_at[i].is_some_and(inside)
                || columns.closed_at[i].is_some_and(inside);
            if touches {
                per_unit[u as usize].add(&ColumnRow { c: columns, i }, &w);
            }
        }
        for (name, c) in columns.units.iter().zip(&per_unit) {
            if *c != Counts::default() {
                self.groups.entry(name.clone()).or_default().merge(c);
            }
        }
        Ok(())
    }

    /// The window in whole Unix seconds: `[start, cut)` rounded up (exact for the
    /// whole-second instants of columns).
    pub(crate) fn column_window(&self) -> Window<i64> {
        let ceil =
            |t: DateTime<FixedOffset>| t.timestamp() + i64::from(t.timestamp_subsec_nanos() > 0);
        Window {
            start: ceil(self.bounds.start),
            cut: ceil(self.cut),
        }
    }

    /// Adds another partial of the same period, bounds, cut and grouping.
    pub fn merge(&mut self, other: &Partial) -> Result<(), ScoringError> {
        if (self.period, self.bounds, self.cut, self.by)
            != (other.period, other.bounds, other.cut, other.by)
        {
            return Err(ScoringError::Input(format!(
                "cannot merge partials of different periods, bounds, cut-offs or groupings ({} by {} and {} by {})",
                self.period,
                self.by.as_str(),
                other.period,
                other.by.as_str()
            )));
        }
        for (k, c) in &other.groups {
            self.groups.entry(k.clone()).or_default().merge(c);
        }
        Ok(())
    }
}
