//! Facts: what happened to a case. A case is its ordered list of facts; state is a fold.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::limit::Limit;
use crate::actor::{Actor, UnitRef};
use crate::code::GridCode;
use crate::geo::{Crs, Point};
use crate::record::{CaseClass, Rating, Source, Supervision, Tier, Urgency};

/// One fact of a case's history.
///
/// ```
/// use wangge::case::{Event, Fact};
/// let f: Fact = serde_json::from_str(r#"{"case": "C1", "command": "k2",
///   "at": "2026-02-14T09:00:00+08:00", "type": "accepted",
///   "actor": {"person": "p1", "role": "town_centre", "unit": "371323100000"}}"#)?;
/// assert!(matches!(f.event, Event::Accepted));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// The case.
    pub case: String,
    /// The command that produced it (absent for breach facts from `tick`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    /// When.
    pub at: DateTime<FixedOffset>,
    /// Who (absent for breach facts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<Actor>,
    /// What.
    #[serde(flatten)]
    pub event: Event,
}

/// Which clock a breach concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockKind {
    /// The current stage's clock.
    Stage,
    /// The report-to-close clock.
    Overall,
    /// A summoned department's check-in limit (报到), named in the fact's `department`.
    CheckIn,
}

/// The content of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Category id (catalogue id, also when reported by code).
    pub category: String,
    /// Event or component.
    pub class: CaseClass,
    /// Urgency.
    pub urgency: Urgency,
    /// Source.
    pub source: Source,
    /// The grid (located or given).
    pub grid: GridCode,
    /// The point as reported, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point: Option<Point>,
    /// The point's CRS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crs: Option<Crs>,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Attachment references.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<String>,
    /// The reporting person or contact, when not the actor (hotline callers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporter: Option<String>,
    /// An emergency: straight to the town centre.
    #[serde(default)]
    pub emergency: bool,
    /// The tier it starts at.
    pub tier: Tier,
    /// The unit it starts with.
    pub handler: UnitRef,
    /// An open case it likely duplicates (flagged, never merged silently).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub likely_duplicate_of: Option<String>,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// Reported.
    Reported(Box<Report>),
    /// Accepted by the handler.
    Accepted,
    /// Re-tiered with a reason.
    Assessed {
        /// New tier.
        tier: Tier,
        /// New handler.
        handler: UnitRef,
        /// Why.
        reason: String,
    },
    /// Claimed by a town (抢单).
    Claimed {
        /// The town.
        handler: UnitRef,
    },
    /// Dispatched by the county (派单).
    Dispatched {
        /// Town or department.
        handler: UnitRef,
        /// The tier that now handles it.
        tier: Tier,
    },
    /// Delegated down by a town (分单).
    Delegated {
        /// Community or grid.
        handler: UnitRef,
        /// The tier that now handles it.
        tier: Tier,
    },
    /// Departments summoned (联单 / 吹哨).
    Summoned {
        /// Department ids.
        departments: Vec<String>,
    },
    /// A summoned department checked in (报到).
    CheckedIn {
        /// The department.
        department: String,
    },
    /// Sent back to the county (返单).
    SentBack {
        /// The county.
        handler: UnitRef,
        /// Why.
        reason: String,
    },
    /// Handling started.
    Started,
    /// Resolved by the handler.
    Resolved {
        /// Note.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Verified at the grid.
    Verified {
        /// Pass, or fail back to the handler (rework).
        passed: bool,
        /// Note.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Closed at the grid.
    Closed,
    /// Reopened.
    Reopened {
        /// Why.
        reason: String,
    },
    /// Suspended (挂账).
    Suspended {
        /// Why.
        reason: String,
        /// Who approved.
        approved_by: String,
    },
    /// Resumed.
    Resumed,
    /// Deadline extended (延期).
    Extended {
        /// By how much.
        by: Limit,
        /// Why.
        reason: String,
        /// Who approved.
        approved_by: String,
    },
    /// Voided (作废).
    Voided {
        /// Why.
        reason: String,
        /// Who approved.
        approved_by: String,
    },
    /// Supervised (督办).
    Supervised {
        /// Level.
        level: Supervision,
        /// Why.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// Merged into another case.
    Merged {
        /// The case it duplicates.
        into: String,
        /// Why.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// Feedback given to the reporter.
    FeedbackGiven {
        /// The message.
        message: String,
    },
    /// Rated by the reporter.
    Rated {
        /// Rating.
        rating: Rating,
        /// Whether the return visit reached the reporter.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        contacted: Option<bool>,
        /// Whether the reporter says it was resolved.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        resolved: Option<bool>,
    },
    /// A deadline passed (from `tick`), with the policy's actions.
    Breached {
        /// Which clock.
        clock: ClockKind,
        /// The deadline that passed.
        due: DateTime<FixedOffset>,
        /// Escalated to this tier and handler, if the policy escalates.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        escalated: Option<(Tier, UnitRef)>,
        /// Supervised at this level, if the policy supervises.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        supervision: Option<Supervision>,
        /// The summoned department that has not checked in (`check_in` breaches only).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        department: Option<String>,
    },
}

impl Event {
    /// The snake-case type name (`"reported"`).
    pub fn name(&self) -> &'static str {
        match self {
            Event::Reported(_) => "reported",
            Event::Accepted => "accepted",
            Event::Assessed { .. } => "assessed",
            Event::Claimed { .. } => "claimed",
            Event::Dispatched { .. } => "dispatched",
            Event::Delegated { .. } => "delegated",
            Event::Summoned { .. } => "summoned",
            Event::CheckedIn { .. } => "checked_in",
            Event::SentBack { .. } => "sent_back",
            Event::Started => "started",
            Event::Resolved { .. } => "resolved",
            Event::Verified { .. } => "verified",
            Event::Closed => "closed",
            Event::Reopened { .. } => "reopened",
            Event::Suspended { .. } => "suspended",
            Event::Resumed => "resumed",
            Event::Extended { .. } => "extended",
            Event::Voided { .. } => "voided",
            Event::Supervised { .. } => "supervised",
            Event::Merged { .. } => "merged",
            Event::FeedbackGiven { .. } => "feedback_given",
            Event::Rated { .. } => "rated",
            Event::Breached { .. } => "breached",
        }
    }
}
