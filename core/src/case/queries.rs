//! Queries: a case's state at an instant, the overdue cases of a unit, readable history,
//! and the flat case records scoring reads.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::CaseContext;
use super::book::CaseBook;
use super::clocks::{Colour, Due, check_in_due, colour, due, urgency_colour};
use super::error::CaseError;
use super::fact::{ClockKind, Event, Fact};
use super::state::Case;
use crate::actor::UnitRef;
use crate::record::{CaseRecord, CaseStatus, Rating, Supervision, Tier};

/// A summoned department as seen at an instant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummonView {
    /// Department id.
    pub department: String,
    /// Check-in deadline.
    pub due: DateTime<FixedOffset>,
    /// When it checked in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked_in: Option<DateTime<FixedOffset>>,
    /// Late: checked in after the deadline, or not yet and the deadline passed.
    pub late: bool,
}

/// One case at an instant (a line of `wangge case replay`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseView {
    /// Case id.
    pub case: String,
    /// Status.
    pub status: CaseStatus,
    /// Tier.
    pub tier: Tier,
    /// Grid.
    pub grid: String,
    /// Handling unit.
    pub handler: String,
    /// Category id.
    pub category: String,
    /// Urgency.
    pub urgency: crate::record::Urgency,
    /// Emergency.
    pub emergency: bool,
    /// Deadlines.
    pub due: Due,
    /// Progress colour (`null` when no clock runs).
    pub colour: Option<Colour>,
    /// Urgency colour (池州 四色).
    pub urgency_colour: Colour,
    /// Failed verifications.
    pub rework: u32,
    /// Supervision level.
    pub supervision: Supervision,
    /// Rating.
    pub rating: Option<Rating>,
    /// Claimed by a town.
    pub claimed: bool,
    /// Summoned departments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub summoned: Vec<SummonView>,
    /// Merged into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    /// Likely duplicate of (flagged at report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likely_duplicate_of: Option<String>,
}

/// One readable history line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryLine {
    /// When.
    pub at: DateTime<FixedOffset>,
    /// Fact type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Who (`system` for breach facts).
    pub who: String,
    /// A readable summary.
    pub text: String,
}

impl Case {
    /// The case at `now`.
    pub fn view(
        &self,
        ctx: &CaseContext<'_>,
        now: &DateTime<FixedOffset>,
    ) -> Result<CaseView, CaseError> {
        let mut summoned = Vec::new();
        for (d, s) in &self.summoned {
            let due = check_in_due(ctx.policy, ctx.calendar, &s.at)?;
            summoned.push(SummonView {
                department: d.clone(),
                due,
                checked_in: s.checked_in,
                late: s.checked_in.map_or(*now > due, |c| c > due),
            });
        }
        Ok(CaseView {
            case: self.id.clone(),
            status: self.status,
            tier: self.tier,
            grid: self.report.grid.to_string(),
            handler: self.handler.to_string(),
            category: self.report.category.clone(),
            urgency: self.report.urgency,
            emergency: self.report.emergency,
            due: due(self, ctx.policy, ctx.calendar, now)?,
            colour: colour(self, ctx.policy, ctx.calendar, now)?,
            urgency_colour: urgency_colour(self, ctx.policy),
            rework: self.rework,
            supervision: self.supervision,
            rating: self.rating,
            claimed: self.claimed,
            summoned,
            duplicate_of: self.duplicate_of.clone(),
            likely_duplicate_of: self.report.likely_duplicate_of.clone(),
        })
    }

    /// The flat record of this case at `now` (DESIGN principle 8).
    pub fn record(
        &self,
        ctx: &CaseContext<'_>,
        now: &DateTime<FixedOffset>,
    ) -> Result<CaseRecord, CaseError> {
        let due_at = match self.status {
            CaseStatus::Voided | CaseStatus::Merged => None,
            _ => due(self, ctx.policy, ctx.calendar, now)?.overall,
        };
        Ok(CaseRecord {
            id: self.id.clone(),
            grid: self.report.grid,
            handler: self.handler.to_string(),
            worker: self.worker.clone(),
            category: self.report.category.clone(),
            class: self.report.class,
            urgency: self.report.urgency,
            tier: self.tier,
            source: self.report.source,
            reported_at: self.reported_at,
            accepted_at: self.accepted_at,
            due_at,
            closed_at: self.closed_at,
            status: self.status,
            rework: self.rework,
            supervision: self.supervision,
            rating: self.rating,
            contacted: self.contacted,
            resolved: self.resolved,
            leader_assigned: self.report.source == crate::record::Source::Leader,
            deferred: self.status == CaseStatus::Suspended,
        })
    }
}

fn who(f: &Fact) -> String {
    f.actor.as_ref().map_or_else(
        || "system".to_owned(),
        |a| format!("{} ({} @ {})", a.person, a.role, a.unit),
    )
}

fn text(e: &Event) -> String {
    match e {
        Event::Reported(r) => format!(
            "reported {} ({:?}, {:?}) in grid {}; tier {:?} at {}{}",
            r.category,
            r.urgency,
            r.source,
            r.grid,
            r.tier,
            r.handler,
            if r.emergency { "; emergency" } else { "" }
        ),
        Event::Assessed {
            tier,
            handler,
            reason,
        } => {
            format!("re-tiered to {tier:?} at {handler}: {reason}")
        }
        Event::Claimed { handler } => format!("claimed by {handler}"),
        Event::Dispatched { handler, .. } => format!("dispatched to {handler}"),
        Event::Delegated { handler, .. } => format!("delegated to {handler}"),
        Event::Summoned { departments } => format!("summoned {}", departments.join(", ")),
        Event::CheckedIn { department } => format!("{department} checked in"),
        Event::SentBack { handler, reason } => format!("sent back to {handler}: {reason}"),
        Event::Verified { passed: true, .. } => "verified".into(),
        Event::Verified { passed: false, .. } => "verification failed: rework".into(),
        Event::Reopened { reason } => format!("reopened: {reason}"),
        Event::Suspended {
            reason,
            approved_by,
        } => {
            format!("suspended ({reason}), approved by {approved_by}")
        }
        Event::Extended {
            by,
            reason,
            approved_by,
        } => {
            format!("extended by {by} ({reason}), approved by {approved_by}")
        }
        Event::Voided {
            reason,
            approved_by,
        } => {
            format!("voided ({reason}), approved by {approved_by}")
        }
        Event::Supervised { level, .. } => format!("supervised: {level:?}"),
        Event::Merged { into, .. } => format!("merged into {into}"),
        Event::FeedbackGiven { message } => format!("feedback: {message}"),
        Event::Rated { rating, .. } => format!("rated {rating:?}"),
        Event::Breached {
            clock: ClockKind::CheckIn,
            due,
            department,
            ..
        } => format!(
            "{} did not check in by {}",
            department.as_deref().unwrap_or("a summoned department"),
            due.to_rfc3339()
        ),
        Event::Breached {
            clock,
            due,
            escalated,
            ..
        } => format!(
            "{clock:?} deadline {} passed{}",
            due.to_rfc3339(),
            escalated
                .as_ref()
                .map(|(t, u)| format!("; escalated to {t:?} at {u}"))
                .unwrap_or_default()
        ),
        other => other.name().replace('_', " "),
    }
}

impl CaseBook {
    /// The readable history of a case (`unknown_case` for an unknown id).
    pub fn history(&self, case: &str) -> Result<Vec<HistoryLine>, CaseError> {
        if self.case(case).is_none() {
            return Err(CaseError::UnknownCase(case.chars().take(128).collect()));
        }
        Ok(self
            .facts()
            .iter()
            .filter(|f| f.case == case)
            .map(|f| HistoryLine {
                at: f.at,
                kind: f.event.name().to_owned(),
                who: who(f),
                text: text(&f.event),
            })
            .collect())
    }

    /// Every case at `now`, by id.
    pub fn views(
        &self,
        ctx: &CaseContext<'_>,
        now: &DateTime<FixedOffset>,
    ) -> Result<Vec<CaseView>, CaseError> {
        self.cases().map(|c| c.view(ctx, now)).collect()
    }

    /// The flat records of every case at `now`, by id.
    pub fn records(
        &self,
        ctx: &CaseContext<'_>,
        now: &DateTime<FixedOffset>,
    ) -> Result<Vec<CaseRecord>, CaseError> {
        self.cases().map(|c| c.record(ctx, now)).collect()
    }

    /// The open cases handled by `unit` (or, for an area unit, handled anywhere inside it)
    /// whose stage or overall deadline has passed at `now`.
    pub fn overdue(
        &self,
        unit: &UnitRef,
        ctx: &CaseContext<'_>,
        now: &DateTime<FixedOffset>,
    ) -> Result<Vec<String>, CaseError> {
        let mut out = Vec::new();
        for c in self.cases() {
            if c.is_final() || c.status == CaseStatus::Suspended {
                continue;
            }
            let mine = &c.handler == unit || unit.contains(&c.report.grid);
            if !mine {
                continue;
            }
            let d = due(c, ctx.policy, ctx.calendar, now)?;
            if d.stage.is_some_and(|t| t < *now) || d.overall.is_some_and(|t| t < *now) {
                out.push(c.id.clone());
            }
        }
        Ok(out)
    }
}
