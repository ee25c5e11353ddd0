//! The state of one case: a fold over its facts ([`Case::apply`]).

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::clocks::Stage;
use super::fact::{ClockKind, Event, Fact, Report};
use super::limit::Limit;
use crate::actor::{Actor, UnitRef};
use crate::record::{CaseStatus, Rating, Supervision, Tier};

/// A summoned department and its check-in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summons {
    /// When it was summoned.
    pub at: DateTime<FixedOffset>,
    /// When it checked in, if it did.
    pub checked_in: Option<DateTime<FixedOffset>>,
    /// A breach of its check-in limit was recorded (`tick`).
    pub breached: bool,
}

/// One case: its report, where it stands, and the inputs of its clocks (the instants of
/// stages, suspensions and extensions; deadlines themselves are computed on demand).
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// Case id.
    pub id: String,
    /// The report.
    pub report: Report,
    /// Who reported it.
    pub reporter: Actor,
    /// When it was reported.
    pub reported_at: DateTime<FixedOffset>,
    /// When it was first accepted.
    pub accepted_at: Option<DateTime<FixedOffset>>,
    /// When it was last closed.
    pub closed_at: Option<DateTime<FixedOffset>>,
    /// Status.
    pub status: CaseStatus,
    /// Tier handling it now.
    pub tier: Tier,
    /// Unit handling it now.
    pub handler: UnitRef,
    /// Claimed by a town.
    pub claimed: bool,
    /// Verified (passed) since it was last resolved.
    pub verified: bool,
    /// Failed verifications (返工).
    pub rework: u32,
    /// Highest supervision level.
    pub supervision: Supervision,
    /// Feedback given.
    pub feedback: bool,
    /// Rating.
    pub rating: Option<Rating>,
    /// Return visit reached the reporter.
    pub contacted: Option<bool>,
    /// Reporter says it was resolved.
    pub resolved: Option<bool>,
    /// Summoned departments.
    pub summoned: BTreeMap<String, Summons>,
    /// The case it was merged into.
    pub duplicate_of: Option<String>,
    /// Status before the current suspension.
    pub suspended_from: Option<CaseStatus>,
    /// Stage number (increments when the stage clock restarts).
    pub stage_no: u32,
    /// When the current stage clock started.
    pub stage_started: DateTime<FixedOffset>,
    /// The stage the clock measures (`None` when no clock runs: closed, voided, merged).
    pub stage: Option<Stage>,
    /// Suspensions: (from, until), the last one open while suspended.
    pub suspensions: Vec<(DateTime<FixedOffset>, Option<DateTime<FixedOffset>>)>,
    /// Extensions: (stage number, by how much).
    pub extensions: Vec<(u32, Limit)>,
    /// Stage number whose deadline breach was recorded.
    pub breached_stage: Option<u32>,
    /// The overall deadline's breach was recorded.
    pub breached_overall: bool,
    /// The last fact's instant.
    pub last_at: DateTime<FixedOffset>,
    /// Number of facts folded in.
    pub facts: u32,
    /// The grid worker (person) who last acted on the case at its grid.
    pub worker: Option<String>,
}

/// One tier up (T4 stays T4).
pub fn tier_up(t: Tier) -> Tier {
    match t {
        Tier::T1 => Tier::T2,
        Tier::T2 => Tier::T3,
        Tier::T3 | Tier::T4 => Tier::T4,
    }
}

impl Case {
    /// A case from its `reported` fact (`None` for any other fact).
    pub fn from_fact(f: &Fact) -> Option<Case> {
        let Event::Reported(r) = &f.event else {
            return None;
        };
        Some(Case {
            id: f.case.clone(),
            report: (**r).clone(),
            reporter: f.actor.clone()?,
            reported_at: f.at,
            accepted_at: None,
            closed_at: None,
            status: CaseStatus::Reported,
            tier: r.tier,
            handler: r.handler.clone(),
            claimed: false,
            verified: false,
            rework: 0,
            supervision: Supervision::None,
            feedback: false,
            rating: None,
            contacted: None,
            resolved: None,
            summoned: BTreeMap::new(),
            duplicate_of: None,
            suspended_from: None,
            stage_no: 0,
            stage_started: f.at,
            stage: Some(Stage::Accept),
            suspensions: Vec::new(),
            extensions: Vec::new(),
            breached_stage: None,
            breached_overall: false,
            last_at: f.at,
            facts: 1,
            worker: f
                .actor
                .as_ref()
                .filter(|a| a.role == "grid_worker")
                .map(|a| a.person.clone()),
        })
    }

    fn new_stage(&mut self, at: DateTime<FixedOffset>, stage: Stage) {
        self.stage_no += 1;
        self.stage_started = at;
        self.stage = Some(stage);
    }

    fn hand_to(&mut self, at: DateTime<FixedOffset>, handler: &UnitRef, tier: Tier) {
        self.handler = handler.clone();
        self.tier = tier;
        if self.status != CaseStatus::Reported {
            self.status = CaseStatus::Assigned;
        }
        let stage = if self.status == CaseStatus::Reported {
            Stage::Accept
        } else {
            Stage::Handle
        };
        self.new_stage(at, stage);
    }

    /// Folds one fact in. Facts come from [`Case::decide`] or a journal the book checked;
    /// a fact that does not fit is folded as far as it makes sense (never a panic).
    pub fn apply(&mut self, f: &Fact) {
        let at = f.at;
        self.facts += 1;
        if at > self.last_at {
            self.last_at = at;
        }
        if let Some(a) = &f.actor
            && a.role == "grid_worker"
            && a.unit.contains(&self.report.grid)
        {
            self.worker = Some(a.person.clone());
        }
        match &f.event {
            Event::Reported(_) => {}
            Event::Accepted => {
                self.accepted_at.get_or_insert(at);
                self.status = CaseStatus::Accepted;
                self.new_stage(at, Stage::Handle);
            }
            Event::Assessed { tier, handler, .. } => self.hand_to(at, handler, *tier),
            Event::Claimed { handler } => {
                self.claimed = true;
                self.status = CaseStatus::Assigned;
                self.hand_to(at, handler, Tier::T3);
            }
            Event::Dispatched { handler, tier } | Event::Delegated { handler, tier } => {
                self.status = CaseStatus::Assigned;
                self.hand_to(at, handler, *tier);
            }
            Event::SentBack { handler, .. } => {
                self.status = CaseStatus::Assigned;
                self.hand_to(at, handler, Tier::T4);
            }
            Event::Summoned { departments } => {
                for d in departments {
                    self.summoned.insert(
                        d.clone(),
                        Summons {
                            at,
                            checked_in: None,
                            breached: false,
                        },
                    );
                }
            }
            Event::CheckedIn { department } => {
                if let Some(s) = self.summoned.get_mut(department) {
                    s.checked_in.get_or_insert(at);
                }
            }
            Event::Started => self.status = CaseStatus::InProgress,
            Event::Resolved { .. } => {
                self.status = CaseStatus::Resolved;
                self.verified = false;
                self.new_stage(at, Stage::Verify);
            }
            Event::Verified { passed, .. } => {
                if *passed {
                    self.verified = true;
                } else {
                    self.rework += 1;
                    self.verified = false;
                    self.status = CaseStatus::InProgress;
                    self.new_stage(at, Stage::Handle);
                }
            }
            Event::Closed => {
                self.status = CaseStatus::Closed;
                self.closed_at = Some(at);
                self.stage = None;
            }
            Event::Reopened { .. } => {
                self.status = CaseStatus::Assigned;
                self.closed_at = None;
                self.verified = false;
                self.feedback = false;
                self.rating = None;
                self.new_stage(at, Stage::Handle);
            }
            Event::Suspended { .. } => {
                self.suspended_from = Some(self.status);
                self.status = CaseStatus::Suspended;
                self.suspensions.push((at, None));
            }
            Event::Resumed => {
                self.status = self.suspended_from.take().unwrap_or(CaseStatus::Assigned);
                if let Some(last) = self.suspensions.last_mut() {
                    last.1.get_or_insert(at);
                }
            }
            Event::Extended { by, .. } => self.extensions.push((self.stage_no, *by)),
            Event::Voided { .. } => {
                self.status = CaseStatus::Voided;
                self.stage = None;
            }
            Event::Supervised { level, .. } => self.supervision = self.supervision.max(*level),
            Event::Merged { into, .. } => {
                self.status = CaseStatus::Merged;
                self.duplicate_of = Some(into.clone());
                self.stage = None;
            }
            Event::FeedbackGiven { .. } => self.feedback = true,
            Event::Rated {
                rating,
                contacted,
                resolved,
            } => {
                self.rating = Some(*rating);
                self.contacted = *contacted;
                self.resolved = *resolved;
            }
            Event::Breached {
                clock,
                escalated,
                supervision,
                department,
                ..
            } => {
                match clock {
                    ClockKind::Stage => self.breached_stage = Some(self.stage_no),
                    ClockKind::Overall => self.breached_overall = true,
                    ClockKind::CheckIn => {
                        if let Some(s) = department.as_ref().and_then(|d| self.summoned.get_mut(d))
                        {
                            s.breached = true;
                        }
                    }
                }
                if let Some(s) = supervision {
                    self.supervision = self.supervision.max(*s);
                }
                if let Some((tier, handler)) = escalated {
                    self.handler = handler.clone();
                    self.tier = *tier;
                    let stage = self.stage.unwrap_or(Stage::Handle);
                    self.new_stage(at, stage);
                }
            }
        }
    }

    /// Whether the case is finished (closed, voided or merged).
    pub fn is_final(&self) -> bool {
        matches!(
            self.status,
            CaseStatus::Closed | CaseStatus::Voided | CaseStatus::Merged
        )
    }
}
