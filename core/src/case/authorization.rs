//! Who may do what (SPEC §3.4): role × operation × state from the policy's table, the
//! role's kind of unit, and jurisdiction (the case's grid lies inside the actor's unit, or
//! the case is assigned to it).

use super::command::{Command, Op};
use super::error::CaseError;
use super::policy::CasePolicy;
use super::state::Case;
use crate::actor::{UnitKind, UnitRef};
use crate::code::GridCode;

fn status_name(s: crate::record::CaseStatus) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Checks the role: known, acting at its kind of unit, and allowed `op` by the table.
pub(crate) fn check_role(p: &CasePolicy, cmd: &Command) -> Result<(), CaseError> {
    let role = &cmd.actor.role;
    let deny = |rule: String| CaseError::Unauthorized {
        op: cmd.op.name(),
        role: role.chars().take(64).collect(),
        rule,
    };
    let Some(kind) = p.role_unit(role) else {
        return Err(deny("the role is not in the policy".into()));
    };
    if let Some(d) = cmd.actor.unit.department()
        && !p.has_department(d)
    {
        return Err(CaseError::UnknownDepartment(d.chars().take(64).collect()));
    }
    let actual = cmd.actor.unit.kind();
    if kind != UnitKind::Any && kind != actual {
        return Err(deny(format!(
            "the role acts at a {kind:?} unit, not a {actual:?}"
        )));
    }
    let rule = p.rule(cmd.op);
    if !rule.roles.contains(role) {
        let allowed: Vec<&str> = rule.roles.iter().map(String::as_str).collect();
        return Err(deny(format!(
            "authorization: {} is for {}",
            cmd.op.name(),
            if allowed.is_empty() {
                "nobody".into()
            } else {
                allowed.join(", ")
            }
        )));
    }
    Ok(())
}

/// Whether `unit` has jurisdiction over the case.
pub(crate) fn has_jurisdiction(case: &Case, unit: &UnitRef) -> bool {
    unit.contains(&case.report.grid)
        || &case.handler == unit
        || unit
            .department()
            .is_some_and(|d| case.summoned.contains_key(d))
}

/// Checks everything that does not depend on the operation's arguments.
pub(crate) fn authorize(p: &CasePolicy, case: &Case, cmd: &Command) -> Result<(), CaseError> {
    check_role(p, cmd)?;
    let rule = p.rule(cmd.op);
    if !rule.states.contains(&case.status) {
        return Err(CaseError::InvalidTransition {
            op: cmd.op.name(),
            case: case.id.clone(),
            status: status_name(case.status),
        });
    }
    if !has_jurisdiction(case, &cmd.actor.unit) {
        return Err(out_of_jurisdiction(cmd, &case.report.grid));
    }
    Ok(())
}

/// The jurisdiction error for a command on a grid.
pub(crate) fn out_of_jurisdiction(cmd: &Command, grid: &GridCode) -> CaseError {
    CaseError::OutOfJurisdiction {
        op: cmd.op.name(),
        unit: cmd.actor.unit.to_string(),
        case: cmd.case.clone(),
        grid: grid.to_string(),
    }
}

/// Only the handling unit may do this.
pub(crate) fn require_handler(case: &Case, cmd: &Command) -> Result<(), CaseError> {
    if case.handler != cmd.actor.unit {
        return Err(CaseError::NotHandler {
            op: cmd.op.name(),
            case: case.id.clone(),
            handler: case.handler.to_string(),
            unit: cmd.actor.unit.to_string(),
        });
    }
    Ok(())
}

/// A rule violation.
pub(crate) fn violation(op: Op, rule: &'static str, message: impl Into<String>) -> CaseError {
    CaseError::RuleViolation {
        op: op.name(),
        rule,
        message: message.into(),
    }
}
