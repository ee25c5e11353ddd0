//! Per-unit counters: the mergeable inputs of every indicator.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::record::{CaseRecord, CaseStatus, Rating, Source, Urgency};

macro_rules! counts {
    ($( $(#[$doc:meta])* $f:ident, )*) => {
        /// The counters of one unit in one period. Every indicator is a ratio (or a count)
        /// of these; [`Counts::merge`] adds them field by field, so it is associative and
        /// commutative.
        ///
        /// "Due" cases are those whose `due_at` lies in the period (voided and merged never
        /// are); "registered" cases those reported in the period, less voided and merged;
        /// "revisited" cases those closed in the period whose reporter was asked (a rating,
        /// `contacted` or `resolved` is present).
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(deny_unknown_fields, default)]
        pub struct Counts {
            $( $(#[$doc])* pub $f: u64, )*
        }

        impl Counts {
            /// Adds `other` into `self`, field by field (saturating).
            ///
            /// ```
            /// use wangge::scoring::Counts;
            /// let mut a = Counts { due: 3, closed: 2, ..Counts::default() };
            /// a.merge(&Counts { due: 1, ..Counts::default() });
            /// assert_eq!((a.due, a.closed), (4, 2));
            /// ```
            pub fn merge(&mut self, other: &Counts) {
                $( self.$f = self.$f.saturating_add(other.$f); )*
            }
        }
    };
}

counts! {
    /// Reported in the period (every status).
    reported,
    /// Reported in the period and neither voided nor merged (登记).
    registered,
    /// Reported in the period and voided or merged.
    voided,
    /// Registered, from a source other than the grid's own patrol (漏报: the patrol missed it).
    missed,
    /// Registered and closed by the period's end.
    registered_closed,
    /// Registered, closed by the period's end and at or before `due_at` (or with no deadline).
    registered_on_time,
    /// Due in the period.
    due,
    /// Due and deferred (缓办).
    due_deferred,
    /// Due and closed by the period's end.
    closed,
    /// Closed and deferred.
    closed_deferred,
    /// Closed at or before `due_at`.
    on_time,
    /// On time and deferred.
    on_time_deferred,
    /// Due and urgent.
    due_urgent,
    /// Closed and urgent.
    closed_urgent,
    /// On time and urgent.
    on_time_urgent,
    /// Due and leader-assigned (领导交办).
    due_leader,
    /// Due cases with at least one rework.
    reworked,
    /// Reworks (返工) over the due cases.
    rework,
    /// Reworks over the due leader-assigned cases.
    rework_leader,
    /// Due cases that failed verification three times or more.
    failed_verification,
    /// Those of them leader-assigned.
    failed_verification_leader,
    /// Due cases that were supervised (督办) at any level.
    supervised,
    /// Closed in the period and asked at the return visit.
    revisited,
    /// Revisited and reached (`contacted` true).
    contacted,
    /// Revisited and resolved in the reporter's view (`resolved` true).
    resolved,
    /// Revisited and rated 满意.
    satisfied,
    /// Revisited and rated 基本满意.
    basically_satisfied,
    /// Revisited and rated 不满意.
    unsatisfied,
}

/// The instants a fold compares against: `[start, cut)` with `cut` = the period's end or
/// the `as_of` instant, whichever is earlier.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Window<T> {
    pub start: T,
    pub cut: T,
}

impl<T: Ord + Copy> Window<T> {
    fn inside(&self, t: T) -> bool {
        self.start <= t && t < self.cut
    }
}

/// What the fold reads from one case: a record, or a row of columns.
pub(crate) trait Row {
    type Instant: Ord + Copy;
    fn reported_at(&self) -> Self::Instant;
    fn due_at(&self) -> Option<Self::Instant>;
    fn closed_at(&self) -> Option<Self::Instant>;
    fn status(&self) -> CaseStatus;
    fn source(&self) -> Source;
    fn urgency(&self) -> Urgency;
    fn deferred(&self) -> bool;
    fn rework(&self) -> u32;
    fn leader_assigned(&self) -> bool;
    fn supervised(&self) -> bool;
    fn rating(&self) -> Option<Rating>;
    fn contacted(&self) -> Option<bool>;
    fn resolved(&self) -> Option<bool>;
}

impl Row for CaseRecord {
    type Instant = DateTime<FixedOffset>;
    fn reported_at(&self) -> Self::Instant {
        self.reported_at
    }
    fn due_at(&self) -> Option<Self::Instant> {
        self.due_at
    }
    fn closed_at(&self) -> Option<Self::Instant> {
        self.closed_at
    }
    fn status(&self) -> CaseStatus {
        self.status
    }
    fn source(&self) -> Source {
        self.source
    }
    fn urgency(&self) -> Urgency {
        self.urgency
    }
    fn deferred(&self) -> bool {
        self.deferred
    }
    fn rework(&self) -> u32 {
        self.rework
    }
    fn leader_assigned(&self) -> bool {
        self.leader_assigned
    }
    fn supervised(&self) -> bool {
        self.supervision != crate::record::Supervision::None
    }
    fn rating(&self) -> Option<Rating> {
        self.rating
    }
    fn contacted(&self) -> Option<bool> {
        self.contacted
    }
    fn resolved(&self) -> Option<bool> {
        self.resolved
    }
}

impl Counts {
    /// Folds one case in.
    #[inline]
    pub(crate) fn add<R: Row>(&mut self, r: &R, w: &Window<R::Instant>) {
        let never_due = matches!(r.status(), CaseStatus::Voided | CaseStatus::Merged);
        let closed_at = r.closed_at();
        let due_at = r.due_at();
        let closed_by_cut = closed_at.filter(|&c| c < w.cut);
        let on_time = closed_by_cut.is_some_and(|c| due_at.is_none_or(|d| c <= d));
        if w.inside(r.reported_at()) {
            self.reported += 1;
            if never_due {
                self.voided += 1;
            } else {
                self.registered += 1;
                self.missed += u64::from(r.source() != Source::Patrol);
                self.registered_closed += u64::from(closed_by_cut.is_some());
                self.registered_on_time += u64::from(on_time);
            }
        }
        if never_due {
            return;
        }
        if due_at.is_some_and(|d| w.inside(d)) {
            let closed = u64::from(closed_by_cut.is_some());
            let on_time = u64::from(on_time);
            self.due += 1;
            self.closed += closed;
            self.on_time += on_time;
            if r.deferred() {
                self.due_deferred += 1;
                self.closed_deferred += closed;
                self.on_time_deferred += on_time;
            }
            if r.urgency() == Urgency::Urgent {
                self.due_urgent += 1;
                self.closed_urgent += closed;
                self.on_time_urgent += on_time;
            }
            let rework = r.rework();
            if rework > 0 {
                let failed = u64::from(rework >= 3);
                self.reworked += 1;
                self.rework += u64::from(rework);
                self.failed_verification += failed;
                if r.leader_assigned() {
                    self.rework_leader += u64::from(rework);
                    self.failed_verification_leader += failed;
                }
            }
            self.due_leader += u64::from(r.leader_assigned());
            self.supervised += u64::from(r.supervised());
        }
        let (rating, contacted, resolved) = (r.rating(), r.contacted(), r.resolved());
        let asked = rating.is_some() || contacted.is_some() || resolved.is_some();
        if asked && closed_at.is_some_and(|c| w.inside(c)) {
            self.revisited += 1;
            self.contacted += u64::from(contacted == Some(true));
            self.resolved += u64::from(resolved == Some(true));
            match rating {
                Some(Rating::Satisfied) => self.satisfied += 1,
                Some(Rating::BasicallySatisfied) => self.basically_satisfied += 1,
                Some(Rating::Unsatisfied) => self.unsatisfied += 1,
                None => {}
            }
        }
    }
}
