//! The five tickets of seed 001 (五单办理): claim, dispatch, delegate, summon (with
//! check-in), send back.

use serde::Deserialize;

use super::CaseContext;
use super::authorization::{require_handler, violation};
use super::command::Command;
use super::error::CaseError;
use super::fact::Event;
use super::state::Case;
use super::tiers::tier_unit;
use crate::actor::{UnitKind, UnitRef};
use crate::record::Tier;

/// 抢单: a town claims a case waiting at the county platform, within the claim window.
pub(crate) fn claim(
    case: &Case,
    cmd: &Command,
    ctx: &CaseContext<'_>,
) -> Result<Vec<Event>, CaseError> {
    let _: Empty = cmd.args()?;
    let county = tier_unit(&case.report.grid, Tier::T4);
    if case.handler != county || case.claimed {
        return Err(violation(
            cmd.op,
            "claim",
            "only a case waiting at the county platform, not yet claimed, can be claimed",
        ));
    }
    if cmd.actor.unit != tier_unit(&case.report.grid, Tier::T3) {
        return Err(violation(
            cmd.op,
            "claim",
            "a town claims cases of its own grids",
        ));
    }
    let end = ctx
        .policy
        .claim_window
        .add(ctx.calendar, &case.reported_at)?;
    if cmd.at > end {
        return Err(violation(
            cmd.op,
            "claim_window",
            format!(
                "the claim window ({}) closed at {}",
                ctx.policy.claim_window,
                end.to_rfc3339()
            ),
        ));
    }
    Ok(vec![Event::Claimed {
        handler: cmd.actor.unit.clone(),
    }])
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Empty {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ToArgs {
    to: UnitRef,
}

/// 派单: the county dispatches an unclaimed case to a town (its own) or a department.
pub(crate) fn dispatch(
    case: &Case,
    cmd: &Command,
    ctx: &CaseContext<'_>,
) -> Result<Vec<Event>, CaseError> {
    let a: ToArgs = cmd.args()?;
    require_handler(case, cmd)?;
    if case.claimed && case.handler != tier_unit(&case.report.grid, Tier::T4) {
        return Err(violation(cmd.op, "dispatch", "the case was claimed"));
    }
    let tier = match &a.to {
        UnitRef::Department(d) => {
            if !ctx.policy.has_department(d) {
                return Err(CaseError::UnknownDepartment(d.clone()));
            }
            Tier::T4
        }
        to if to.kind() == UnitKind::Town && to.contains(&case.report.grid) => Tier::T3,
        _ => {
            return Err(violation(
                cmd.op,
                "dispatch",
                "a case is dispatched to the town of its grid or to a department",
            ));
        }
    };
    Ok(vec![Event::Dispatched {
        handler: a.to,
        tier,
    }])
}

/// 分单: a town hands a routine matter down to a community or grid of the case.
pub(crate) fn delegate(
    case: &Case,
    cmd: &Command,
    ctx: &CaseContext<'_>,
) -> Result<Vec<Event>, CaseError> {
    let a: ToArgs = cmd.args()?;
    require_handler(case, cmd)?;
    if !ctx.policy.delegate_urgencies.contains(&case.report.urgency) || case.report.emergency {
        return Err(violation(
            cmd.op,
            "delegate_urgencies",
            "only routine matters are delegated down",
        ));
    }
    let tier = match a.to.kind() {
        UnitKind::Community => Tier::T2,
        UnitKind::Grid => Tier::T1,
        _ => {
            return Err(violation(
                cmd.op,
                "delegate",
                "delegate to a community or a grid",
            ));
        }
    };
    if !a.to.contains(&case.report.grid) {
        return Err(violation(
            cmd.op,
            "delegate",
            "the community or grid must be the case's own",
        ));
    }
    Ok(vec![Event::Delegated {
        handler: a.to,
        tier,
    }])
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SummonArgs {
    departments: Vec<String>,
}

/// 联单 / 吹哨: a town summons departments from its summon list.
pub(crate) fn summon(
    case: &Case,
    cmd: &Command,
    ctx: &CaseContext<'_>,
) -> Result<Vec<Event>, CaseError> {
    let a: SummonArgs = cmd.args()?;
    require_handler(case, cmd)?;
    if cmd.actor.unit.kind() != UnitKind::Town {
        return Err(violation(cmd.op, "summon", "the whistle right is a town's"));
    }
    if a.departments.is_empty() || a.departments.len() > 64 {
        return Err(cmd.invalid("summon args: name 1 to 64 departments"));
    }
    let mut seen = std::collections::BTreeSet::new();
    for d in &a.departments {
        if !ctx.policy.has_department(d) {
            return Err(CaseError::UnknownDepartment(d.chars().take(64).collect()));
        }
        if !ctx.policy.summon_list.contains(d) {
            return Err(violation(
                cmd.op,
                "summon_list",
                format!("{d} is not on the summon list"),
            ));
        }
        if case.summoned.contains_key(d) || !seen.insert(d) {
            return Err(violation(
                cmd.op,
                "summon",
                format!("{d} is summoned already"),
            ));
        }
    }
    Ok(vec![Event::Summoned {
        departments: a.departments,
    }])
}

/// 报到: a summoned department checks in (late check-ins are recorded; lateness is
/// computed from the limit).
pub(crate) fn check_in(case: &Case, cmd: &Command) -> Result<Vec<Event>, CaseError> {
    let _: Empty = cmd.args()?;
    let d = cmd.actor.unit.department().unwrap_or_default();
    match case.summoned.get(d) {
        None => Err(violation(
            cmd.op,
            "summon",
            "the department was not summoned",
        )),
        Some(s) if s.checked_in.is_some() => Err(violation(
            cmd.op,
            "check_in",
            "the department checked in already",
        )),
        Some(_) => Ok(vec![Event::CheckedIn {
            department: d.to_owned(),
        }]),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReasonArgs {
    reason: String,
}

/// 返单: a town returns a hard case to the county platform (a leader convenes
/// departments there).
pub(crate) fn send_back(case: &Case, cmd: &Command) -> Result<Vec<Event>, CaseError> {
    let a: ReasonArgs = cmd.args()?;
    require_handler(case, cmd)?;
    if cmd.actor.unit.kind() != UnitKind::Town {
        return Err(violation(cmd.op, "send_back", "a town sends a case back"));
    }
    if a.reason.trim().is_empty() {
        return Err(violation(cmd.op, "reason", "sending back needs a reason"));
    }
    Ok(vec![Event::SentBack {
        handler: tier_unit(&case.report.grid, Tier::T4),
        reason: a.reason,
    }])
}
