//! The rest of the loop (SPEC §3.3): accept, start, resolve, verify, close at the grid,
//! reopen, suspend/resume, extend, void, supervise, merge, feedback and rating.

use serde::Deserialize;

use super::authorization::{require_handler, violation};
use super::command::{Command, Op};
use super::error::CaseError;
use super::fact::Event;
use super::limit::Limit;
use super::state::Case;
use super::tickets::Empty;
use crate::record::{Rating, Supervision};

/// `accept`, `start`, `resolve`: the handler moves its own case along.
pub(crate) fn handler_step(case: &Case, cmd: &Command) -> Result<Vec<Event>, CaseError> {
    require_handler(case, cmd)?;
    Ok(match cmd.op {
        Op::Accept => {
            let _: Empty = cmd.args()?;
            vec![Event::Accepted]
        }
        Op::Start => {
            let _: Empty = cmd.args()?;
            vec![Event::Started]
        }
        _ => {
            let a: NoteArgs = cmd.args()?;
            vec![Event::Resolved { note: a.note }]
        }
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteArgs {
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VerifyArgs {
    passed: bool,
    #[serde(default)]
    note: Option<String>,
}

/// The grid's own unit is the only one that verifies and closes (始于网格、终于网格).
fn at_grid(case: &Case, cmd: &Command) -> Result<(), CaseError> {
    if cmd.actor.unit.kind() != crate::actor::UnitKind::Grid
        || !cmd.actor.unit.contains(&case.report.grid)
    {
        return Err(violation(
            cmd.op,
            "close_at_grid",
            "verification and closing happen at the case's grid (始于网格、终于网格)",
        ));
    }
    Ok(())
}

/// `verify`: pass, or fail back to the handler (rework).
pub(crate) fn verify(case: &Case, cmd: &Command) -> Result<Vec<Event>, CaseError> {
    at_grid(case, cmd)?;
    let a: VerifyArgs = cmd.args()?;
    if case.verified {
        return Err(violation(cmd.op, "verify", "verified already; close it"));
    }
    Ok(vec![Event::Verified {
        passed: a.passed,
        note: a.note,
    }])
}

/// `close`: at the grid, after a passed verification.
pub(crate) fn close(case: &Case, cmd: &Command) -> Result<Vec<Event>, CaseError> {
    at_grid(case, cmd)?;
    let _: Empty = cmd.args()?;
    if !case.verified {
        return Err(violation(
            cmd.op,
            "verify_first",
            "a case closes after it is verified",
        ));
    }
    Ok(vec![Event::Closed])
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReasonArgs {
    reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApprovedArgs {
    reason: String,
    approved_by: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtendArgs {
    by: Limit,
    reason: String,
    approved_by: String,
}

fn need(cmd: &Command, what: &'static str, s: &str) -> Result<(), CaseError> {
    if s.trim().is_empty() {
        return Err(violation(
            cmd.op,
            what,
            format!("{} needs {what}", cmd.op.name()),
        ));
    }
    Ok(())
}

/// `reopen`, `suspend`, `resume`, `extend`, `void`.
pub(crate) fn exception(cmd: &Command) -> Result<Vec<Event>, CaseError> {
    Ok(match cmd.op {
        Op::Reopen => {
            let a: ReasonArgs = cmd.args()?;
            need(cmd, "reason", &a.reason)?;
            vec![Event::Reopened { reason: a.reason }]
        }
        Op::Suspend | Op::Void => {
            let a: ApprovedArgs = cmd.args()?;
            need(cmd, "reason", &a.reason)?;
            need(cmd, "approved_by", &a.approved_by)?;
            if cmd.op == Op::Suspend {
                vec![Event::Suspended {
                    reason: a.reason,
                    approved_by: a.approved_by,
                }]
            } else {
                vec![Event::Voided {
                    reason: a.reason,
                    approved_by: a.approved_by,
                }]
            }
        }
        Op::Resume => {
            let _: Empty = cmd.args()?;
            vec![Event::Resumed]
        }
        _ => {
            let a: ExtendArgs = cmd.args()?;
            need(cmd, "reason", &a.reason)?;
            need(cmd, "approved_by", &a.approved_by)?;
            if a.by.amount == 0 {
                return Err(cmd.invalid("extend args: by must be longer than zero"));
            }
            vec![Event::Extended {
                by: a.by,
                reason: a.reason,
                approved_by: a.approved_by,
            }]
        }
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SuperviseArgs {
    level: Supervision,
    #[serde(default)]
    reason: Option<String>,
}

/// `supervise` (督办): normal, yellow or red.
pub(crate) fn supervise(cmd: &Command) -> Result<Vec<Event>, CaseError> {
    let a: SuperviseArgs = cmd.args()?;
    if a.level == Supervision::None {
        return Err(cmd.invalid("supervise args: level is normal, yellow or red"));
    }
    Ok(vec![Event::Supervised {
        level: a.level,
        reason: a.reason,
    }])
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MergeArgs {
    pub(crate) into: String,
    #[serde(default)]
    pub(crate) reason: Option<String>,
}

/// `merge`: into another open case (the book checks the other case).
pub(crate) fn merge(case: &Case, cmd: &Command) -> Result<Vec<Event>, CaseError> {
    let a: MergeArgs = cmd.args()?;
    if a.into == case.id {
        return Err(violation(
            cmd.op,
            "merge",
            "a case cannot be merged into itself",
        ));
    }
    Ok(vec![Event::Merged {
        into: a.into,
        reason: a.reason,
    }])
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedbackArgs {
    message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RateArgs {
    rating: Rating,
    #[serde(default)]
    contacted: Option<bool>,
    #[serde(default)]
    resolved: Option<bool>,
}

/// `feedback` and `rate`: one ticket, one feedback, one evaluation.
pub(crate) fn feedback_or_rate(case: &Case, cmd: &Command) -> Result<Vec<Event>, CaseError> {
    if cmd.op == Op::Feedback {
        let a: FeedbackArgs = cmd.args()?;
        need(cmd, "message", &a.message)?;
        if case.feedback {
            return Err(violation(
                cmd.op,
                "one_feedback",
                "the reporter has had feedback",
            ));
        }
        return Ok(vec![Event::FeedbackGiven { message: a.message }]);
    }
    let a: RateArgs = cmd.args()?;
    if !case.feedback {
        return Err(violation(
            cmd.op,
            "feedback_first",
            "rating follows the feedback",
        ));
    }
    if case.rating.is_some() {
        return Err(violation(
            cmd.op,
            "one_evaluation",
            "the case is rated already",
        ));
    }
    Ok(vec![Event::Rated {
        rating: a.rating,
        contacted: a.contacted,
        resolved: a.resolved,
    }])
}
