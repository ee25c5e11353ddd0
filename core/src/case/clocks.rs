//! Clocks, deadlines and colours, computed on demand from a case's facts, the policy and
//! the calendar (SPEC §3.5) — never stored.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::error::CaseError;
use super::limit::Limit;
use super::policy::CasePolicy;
use super::state::Case;
use crate::calendar::Calendar;
use crate::record::{CaseStatus, Urgency};

/// A stage of a case, each with its own limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// From report (or a new handler) to acceptance.
    Accept,
    /// From acceptance to resolution.
    Handle,
    /// From resolution to verification.
    Verify,
    /// A summoned department's check-in (报到).
    CheckIn,
    /// From report to close.
    Overall,
}

/// A warning colour (四色).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Colour {
    /// Green.
    Green,
    /// Blue.
    Blue,
    /// Yellow.
    Yellow,
    /// Red.
    Red,
}

/// The two deadlines of a case at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Due {
    /// The current stage's deadline.
    pub stage: Option<DateTime<FixedOffset>>,
    /// The report-to-close deadline.
    pub overall: Option<DateTime<FixedOffset>>,
}

/// One clock: where it started, its deadline, and the share of it used.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clock {
    /// Start.
    pub start: DateTime<FixedOffset>,
    /// Deadline (extensions and pauses included).
    pub due: DateTime<FixedOffset>,
    /// Percentage of the limit used at the instant asked (may exceed 100).
    pub used_percent: u32,
}

/// Seconds of `limit`'s measure paused by suspensions within `[start, now)`.
fn paused(
    case: &Case,
    cal: &Calendar,
    limit: &Limit,
    start: &DateTime<FixedOffset>,
    now: &DateTime<FixedOffset>,
) -> Result<i64, CaseError> {
    let mut secs = 0;
    for (s, r) in &case.suspensions {
        let a = (*s).max(*start);
        let b = r.unwrap_or(*now).min(*now);
        if b > a {
            secs += limit.measure(cal, &a, &b)?;
        }
    }
    Ok(secs)
}

fn clock(
    case: &Case,
    cal: &Calendar,
    limit: Limit,
    start: DateTime<FixedOffset>,
    extensions: &[Limit],
    now: &DateTime<FixedOffset>,
) -> Result<Clock, CaseError> {
    let mut due = limit.add(cal, &start)?;
    for e in extensions {
        due = e.add(cal, &due)?;
    }
    let p = paused(case, cal, &limit, &start, now)?;
    due = limit.shift(cal, &due, p)?;
    let total = limit.measure(cal, &start, &due)? - p;
    let used = limit.measure(cal, &start, now)? - p;
    let used_percent = if total <= 0 {
        if used > 0 { u32::MAX } else { 0 }
    } else {
        u32::try_from((used.max(0) as i128 * 100 / total as i128).min(u32::MAX as i128))
            .unwrap_or(u32::MAX)
    };
    Ok(Clock {
        start,
        due,
        used_percent,
    })
}

/// The current stage's clock at `now`, if the stage has a limit.
pub fn stage_clock(
    case: &Case,
    p: &CasePolicy,
    cal: &Calendar,
    now: &DateTime<FixedOffset>,
) -> Result<Option<Clock>, CaseError> {
    let Some(stage) = case.stage else {
        return Ok(None);
    };
    let Some(limit) = p.limit(&case.report.category, case.report.urgency, stage) else {
        return Ok(None);
    };
    let ext: Vec<Limit> = case
        .extensions
        .iter()
        .filter(|(n, _)| *n == case.stage_no)
        .map(|(_, l)| *l)
        .collect();
    clock(case, cal, limit, case.stage_started, &ext, now).map(Some)
}

/// The overall (report-to-close) clock at `now`, if the policy has an overall limit.
pub fn overall_clock(
    case: &Case,
    p: &CasePolicy,
    cal: &Calendar,
    now: &DateTime<FixedOffset>,
) -> Result<Option<Clock>, CaseError> {
    let Some(limit) = p.limit(&case.report.category, case.report.urgency, Stage::Overall) else {
        return Ok(None);
    };
    let ext: Vec<Limit> = case.extensions.iter().map(|(_, l)| *l).collect();
    let end = case.closed_at.map_or(*now, |c| c.min(*now));
    clock(case, cal, limit, case.reported_at, &ext, &end).map(Some)
}

/// Both deadlines at `now` (the stage deadline only while a stage clock runs).
pub fn due(
    case: &Case,
    p: &CasePolicy,
    cal: &Calendar,
    now: &DateTime<FixedOffset>,
) -> Result<Due, CaseError> {
    Ok(Due {
        stage: stage_clock(case, p, cal, now)?.map(|c| c.due),
        overall: if matches!(case.status, CaseStatus::Voided | CaseStatus::Merged) {
            None
        } else {
            overall_clock(case, p, cal, now)?.map(|c| c.due)
        },
    })
}

/// The progress colour at `now`: the worse of the two clocks (`None` when no clock runs).
pub fn colour(
    case: &Case,
    p: &CasePolicy,
    cal: &Calendar,
    now: &DateTime<FixedOffset>,
) -> Result<Option<Colour>, CaseError> {
    if case.is_final() {
        return Ok(None);
    }
    let pc = &p.progress_colours;
    let mut worst: Option<Colour> = None;
    for c in [
        stage_clock(case, p, cal, now)?,
        overall_clock(case, p, cal, now)?,
    ]
    .into_iter()
    .flatten()
    {
        let col = if *now > c.due || c.used_percent > pc.yellow_max_percent {
            Colour::Red
        } else if c.used_percent > pc.green_max_percent {
            Colour::Yellow
        } else {
            Colour::Green
        };
        worst = Some(worst.map_or(col, |w| w.max(col)));
    }
    Ok(worst)
}

/// The urgency colour (池州 四色): by urgency while open, the closed colour once closed.
pub fn urgency_colour(case: &Case, p: &CasePolicy) -> Colour {
    let u = &p.urgency_colours;
    if case.status == CaseStatus::Closed {
        return u.closed;
    }
    match case.report.urgency {
        Urgency::Routine => u.routine,
        Urgency::Important => u.important,
        Urgency::Urgent => u.urgent,
    }
}

/// The check-in deadline of a summoned department.
pub fn check_in_due(
    p: &CasePolicy,
    cal: &Calendar,
    summoned_at: &DateTime<FixedOffset>,
) -> Result<DateTime<FixedOffset>, CaseError> {
    Ok(p.check_in_limit.add(cal, summoned_at)?)
}
