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

/// What one case adds to one period's counters, as bits (see [`Sig::of`]): the part of
/// the reported window, of the due window and of the return-visit window, each with the
/// facts its counters need. [`Counts::apply`] turns it into counts; the one-pass fold of
/// many periods stores it in a word instead of touching the counters at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sig(pub u32);

impl Sig {
    pub const BITS: u32 = 17;
    const R: u32 = 1;
    const R_VOID: u32 = 1 << 1;
    const R_MISSED: u32 = 1 << 2;
    const R_CLOSED: u32 = 1 << 3;
    const R_ON_TIME: u32 = 1 << 4;
    const D: u32 = 1 << 5;
    const D_CLOSED: u32 = 1 << 6;
    const D_ON_TIME: u32 = 1 << 7;
    const D_DEFERRED: u32 = 1 << 8;
    const D_URGENT: u32 = 1 << 9;
    const D_LEADER: u32 = 1 << 10;
    const D_SUPERVISED: u32 = 1 << 11;
    const C: u32 = 1 << 12;
    const C_CONTACTED: u32 = 1 << 13;
    const C_RESOLVED: u32 = 1 << 14;
    const C_RATING: u32 = 15; // two bits: 0 none, 1 satisfied, 2 basically, 3 unsatisfied

    /// The bits of case `r` for window `w` (0: the case touches no counter of it). The
    /// rules of every counter are here and nowhere else.
    #[inline(always)]
    pub fn of<R: Row>(r: &R, w: &Window<R::Instant>) -> Sig {
        let bit = |b: bool, m: u32| if b { m } else { 0 };
        let never_due = matches!(r.status(), CaseStatus::Voided | CaseStatus::Merged);
        let closed_at = r.closed_at();
        let due_at = r.due_at();
        let closed_by_cut = closed_at.is_some_and(|c| c < w.cut);
        let on_time = closed_by_cut && closed_at.is_some_and(|c| due_at.is_none_or(|d| c <= d));
        let mut s = 0;
        if w.inside(r.reported_at()) {
            s |= Sig::R
                | bit(never_due, Sig::R_VOID)
                | bit(r.source() != Source::Patrol, Sig::R_MISSED)
                | bit(closed_by_cut, Sig::R_CLOSED)
                | bit(on_time, Sig::R_ON_TIME);
        }
        if never_due {
            return Sig(s);
        }
        if due_at.is_some_and(|d| w.inside(d)) {
            s |= Sig::D
                | bit(closed_by_cut, Sig::D_CLOSED)
                | bit(on_time, Sig::D_ON_TIME)
                | bit(r.deferred(), Sig::D_DEFERRED)
                | bit(r.urgency() == Urgency::Urgent, Sig::D_URGENT)
                | bit(r.leader_assigned(), Sig::D_LEADER)
                | bit(r.supervised(), Sig::D_SUPERVISED);
        }
        let (rating, contacted, resolved) = (r.rating(), r.contacted(), r.resolved());
        let asked = rating.is_some() || contacted.is_some() || resolved.is_some();
        if asked && closed_at.is_some_and(|c| w.inside(c)) {
            let rating = match rating {
                None => 0,
                Some(Rating::Satisfied) => 1,
                Some(Rating::BasicallySatisfied) => 2,
                Some(Rating::Unsatisfied) => 3,
            };
            s |= Sig::C
                | bit(contacted == Some(true), Sig::C_CONTACTED)
                | bit(resolved == Some(true), Sig::C_RESOLVED)
                | rating << Sig::C_RATING;
        }
        Sig(s)
    }
}

impl Counts {
    /// Folds one case in.
    #[inline]
    pub(crate) fn add<R: Row>(&mut self, r: &R, w: &Window<R::Instant>) {
        self.apply(Sig::of(r, w), r.rework());
    }

    /// Adds what one case's bits say, with its rework count.
    #[inline(always)]
    pub(crate) fn apply(&mut self, Sig(s): Sig, rework: u32) {
        let n = |m: u32| u64::from(s & m != 0);
        if s & Sig::R != 0 {
            self.reported += 1;
            if s & Sig::R_VOID != 0 {
                self.voided += 1;
            } else {
                self.registered += 1;
                self.missed += n(Sig::R_MISSED);
                self.registered_closed += n(Sig::R_CLOSED);
                self.registered_on_time += n(Sig::R_ON_TIME);
            }
        }
        if s & Sig::D != 0 {
            let (closed, on_time) = (n(Sig::D_CLOSED), n(Sig::D_ON_TIME));
            self.due += 1;
            self.closed += closed;
            self.on_time += on_time;
            if s & Sig::D_DEFERRED != 0 {
                self.due_deferred += 1;
                self.closed_deferred += closed;
                self.on_time_deferred += on_time;
            }
            if s & Sig::D_URGENT != 0 {
                self.due_urgent += 1;
                self.closed_urgent += closed;
                self.on_time_urgent += on_time;
            }
            if rework > 0 {
                let failed = u64::from(rework >= 3);
                let leader = s & Sig::D_LEADER != 0;
                self.reworked += 1;
                self.rework += u64::from(rework);
                self.failed_verification += failed;
                if leader {
                    self.rework_leader += u64::from(rework);
                    self.failed_verification_leader += failed;
                }
            }
            self.due_leader += n(Sig::D_LEADER);
            self.supervised += n(Sig::D_SUPERVISED);
        }
        if s & Sig::C != 0 {
            self.revisited += 1;
            self.contacted += n(Sig::C_CONTACTED);
            self.resolved += n(Sig::C_RESOLVED);
            match (s >> Sig::C_RATING) & 3 {
                1 => self.satisfied += 1,
                2 => self.basically_satisfied += 1,
                3 => self.unsatisfied += 1,
                _ => {}
            }
        }
    }
}
