//! The staffing JSON operations (`roster.*`; see the table in [`crate::api`]).
//!
//! Shared input pieces:
//!
//! * `policy`: a [`PolicySource`] (`"seed003"`, TOML/JSON text, or an inline object).
//! * `roster`: a roster object in the file format of [`Roster`]
//!   (`{"format": 1, "people": [...], "assignments": [...]}`).
//! * `grids`: `[{"code": "371323100201001", "kind": "basic", "level": "grid",
//!   "valid_from": "2020-01-01", "valid_to": null}]` — only `code` is required; `kind`
//!   defaults to `basic`, `level` to the policy's leaf level, validity to always.
//! * dates (`on`): `YYYY-MM-DD`.

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;

pub use super::Summary;
pub use super::validate::{HolderRow, HoldersReport as HolderOut, ReportOut as ValidateOut};
use super::{GridInfo, GridSet, RolePattern, Roster};
use crate::api::args::{self, PolicySource};
use crate::code::GridCode;
use crate::error::Error;
use crate::grid::{GridKind, Validity};

/// One grid of a roster input: only `code` is required.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GridIn {
    /// The grid code.
    #[serde(deserialize_with = "args::grid_code::deserialize")]
    pub code: GridCode,
    /// The kind (default `basic`).
    #[serde(default)]
    pub kind: Option<GridKind>,
    /// The level id (default: the policy's leaf level).
    #[serde(default)]
    pub level: Option<String>,
    /// First day in force.
    #[serde(default, with = "args::date::option")]
    pub valid_from: Option<NaiveDate>,
    /// Last day in force.
    #[serde(default, with = "args::date::option")]
    pub valid_to: Option<NaiveDate>,
}

/// The input of `roster.validate` and `roster.summary`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidateIn {
    /// The policy (its staffing section).
    pub policy: PolicySource,
    /// The roster, in its file format.
    pub roster: Value,
    /// The grids.
    pub grids: Vec<GridIn>,
    /// The date.
    #[serde(with = "args::date")]
    pub on: NaiveDate,
    /// Check against this template only.
    #[serde(default)]
    pub template: Option<String>,
}

/// Parses the validate/summary input and runs the validation.
fn run_validate(i: ValidateIn) -> Result<super::Report, Error> {
    let policy = i.policy.load()?;
    let roster = Roster::from_value(&i.roster)?;
    let list = i
        .grids
        .into_iter()
        .map(|g| GridInfo {
            code: g.code,
            kind: g.kind.unwrap_or_default(),
            level: g.level,
            validity: Validity {
                from: g.valid_from,
                to: g.valid_to,
            },
        })
        .collect();
    let grids = GridSet::new(list)?;
    Ok(policy
        .staffing
        .validate(&roster, &grids, i.on, i.template.as_deref())?)
}

/// `roster.validate`: `{"policy", "roster", "grids", "on", "template"?}` →
/// `{"valid": bool, "on", "grids": <checked>, "unchecked": [codes],
/// "violations": [{"code", "grids", "people", "roles", "rule", "found", "min", "max",
/// "message"}], "summary": <as roster.summary>}`.
pub fn roster_validate(i: ValidateIn) -> Result<ValidateOut, Error> {
    Ok(run_validate(i)?.to_out())
}

/// `roster.summary`: the same input as `roster.validate` →
/// `{"on", "grids", "compliant_grids", "violations": <count>, "by_code": {code: grids},
/// "by_rule": {rule: grids}, "units": [{"level": "county"|"town"|"community", "code",
/// "grids", "compliant_grids", "by_code", "by_rule"}]}`.
pub fn roster_summary(i: ValidateIn) -> Result<Summary, Error> {
    Ok(run_validate(i)?.summary())
}

/// The input of `roster.holder`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolderIn {
    /// The policy (optional: department aliases and counting states).
    #[serde(default)]
    pub policy: Option<PolicySource>,
    /// The roster, in its file format.
    pub roster: Value,
    /// The grid code.
    #[serde(deserialize_with = "args::grid_code::deserialize")]
    pub grid: GridCode,
    /// The role (a role id, name or pattern).
    pub role: String,
    /// The date.
    #[serde(with = "args::date")]
    pub on: NaiveDate,
}

/// `roster.holder`: `{"roster", "grid", "role", "on", "policy"?}` → `{"grid", "role",
/// "on", "holders": [{"person", "name", "role", "from", "to", "state"}], "absent": [same]}`.
///
/// `holders` are the people assigned to the role (`"embedded_staff"` alone: any
/// department) in the grid on that date whose state counts (the policy's counting
/// states; without a policy, `on_duty`); `absent` are those assigned but not counting
/// (on leave, seconded, left, not yet in service: `state` null). With a policy,
/// departments compare by catalogue id, name or alias.
pub fn roster_holder(i: HolderIn) -> Result<HolderOut, Error> {
    let role: RolePattern = i.role.parse()?;
    let policy = PolicySource::load_opt(i.policy.as_ref())?;
    let roster = Roster::from_value(&i.roster)?;
    let staffing = policy.map(|p| p.staffing).unwrap_or_default();
    Ok(staffing.holders_report(&roster, &i.grid, &role, i.on))
}
