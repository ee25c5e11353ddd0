//! The staffing JSON operations (`roster.*`), called from [`crate::api::call`].
//!
//! Shared input pieces:
//!
//! * `policy`: `{"preset": "seed003"}` or `{"text": "<TOML or JSON policy>"}`.
//! * `roster`: a roster object in the file format of [`Roster`](super::Roster)
//!   (`{"format": 1, "people": [...], "assignments": [...]}`).
//! * `grids`: `[{"code": "371323100201001", "kind": "basic", "level": "grid",
//!   "valid_from": "2020-01-01", "valid_to": null}]` — only `code` is required; `kind`
//!   defaults to `basic`, `level` to the policy's leaf level, validity to always.
//! * dates (`on`): `YYYY-MM-DD`.

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;

use super::{GridInfo, GridSet, RolePattern, Roster};
use crate::api::parse;
use crate::code::GridCode;
use crate::error::{Error, ErrorCode};
use crate::grid::{GridKind, Validity};
use crate::policy::Policy;

/// The staffing operations, sorted.
pub const OPS: &[&str] = &["roster.holder", "roster.summary", "roster.validate"];

/// Runs a staffing operation; `None` when `op` is not one.
pub(crate) fn call(op: &str, input: &Value) -> Option<Result<Value, Error>> {
    Some(match op {
        "roster.validate" => roster_validate(input),
        "roster.summary" => roster_summary(input),
        "roster.holder" => roster_holder(input),
        _ => return None,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyRef {
    #[serde(default)]
    preset: Option<String>,
    #[serde(default)]
    text: Option<String>,
}

impl PolicyRef {
    fn load(self) -> Result<Policy, Error> {
        Ok(match (self.preset, self.text) {
            (Some(id), None) => Policy::preset(&id)?,
            (None, Some(t)) => Policy::from_str_auto(&t)?,
            _ => {
                return Err(Error::input(
                    ErrorCode::InvalidArgument,
                    "policy: give exactly one of \"preset\" or \"text\"",
                ));
            }
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GridIn {
    code: String,
    #[serde(default)]
    kind: Option<GridKind>,
    #[serde(default)]
    level: Option<String>,
    #[serde(default)]
    valid_from: Option<NaiveDate>,
    #[serde(default)]
    valid_to: Option<NaiveDate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ValidateIn {
    policy: PolicyRef,
    roster: Value,
    grids: Vec<GridIn>,
    on: String,
    #[serde(default)]
    template: Option<String>,
}

fn date(field: &str, text: &str) -> Result<NaiveDate, Error> {
    text.parse::<NaiveDate>().map_err(|e| {
        Error::input(
            ErrorCode::InvalidDateTime,
            format!(
                "{field}: expected YYYY-MM-DD, found {:?}: {e}",
                text.chars().take(40).collect::<String>()
            ),
        )
    })
}

/// Parses the validate/summary input and runs the validation.
fn run_validate(input: &Value) -> Result<super::Report, Error> {
    let i: ValidateIn = parse(input)?;
    let on = date("on", &i.on)?;
    let policy = i.policy.load()?;
    let roster = Roster::from_value(&i.roster)?;
    let mut list = Vec::with_capacity(i.grids.len());
    for g in i.grids {
        list.push(GridInfo {
            code: GridCode::parse(&g.code)?,
            kind: g.kind.unwrap_or_default(),
            level: g.level,
            validity: Validity {
                from: g.valid_from,
                to: g.valid_to,
            },
        });
    }
    let grids = GridSet::new(list)?;
    Ok(policy
        .staffing
        .validate(&roster, &grids, on, i.template.as_deref())?)
}

/// `roster.validate`: `{"policy", "roster", "grids", "on", "template"?}` →
/// `{"valid": bool, "on", "grids": <checked>, "unchecked": [codes],
/// "violations": [{"code", "grids", "people", "roles", "rule", "found", "min", "max",
/// "message"}], "summary": <as roster.summary>}`.
fn roster_validate(input: &Value) -> Result<Value, Error> {
    Ok(run_validate(input)?.to_json())
}

/// `roster.summary`: the same input as `roster.validate` →
/// `{"on", "grids", "compliant_grids", "violations": <count>, "by_code": {code: grids},
/// "by_rule": {rule: grids}, "units": [{"level": "county"|"town"|"community", "code",
/// "grids", "compliant_grids", "by_code", "by_rule"}]}`.
fn roster_summary(input: &Value) -> Result<Value, Error> {
    Ok(serde_json::to_value(run_validate(input)?.summary())?)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HolderIn {
    #[serde(default)]
    policy: Option<PolicyRef>,
    roster: Value,
    grid: String,
    role: String,
    on: String,
}

/// `roster.holder`: `{"roster", "grid", "role", "on", "policy"?}` → `{"grid", "role",
/// "on", "holders": [{"person", "name", "role", "from", "to", "state"}], "absent": [same]}`.
///
/// `holders` are the people assigned to the role (`"embedded_staff"` alone: any
/// department) in the grid on that date whose state counts (the policy's counting
/// states; without a policy, `on_duty`); `absent` are those assigned but not counting
/// (on leave, seconded, left, not yet in service: `state` null). With a policy,
/// departments compare by catalogue id, name or alias.
fn roster_holder(input: &Value) -> Result<Value, Error> {
    let i: HolderIn = parse(input)?;
    let on = date("on", &i.on)?;
    let grid = GridCode::parse(&i.grid)?;
    let role: RolePattern = i.role.parse()?;
    let policy = i.policy.map(PolicyRef::load).transpose()?;
    let roster = Roster::from_value(&i.roster)?;
    let staffing = policy.map(|p| p.staffing).unwrap_or_default();
    Ok(staffing.holders_json(&roster, &grid, &role, on))
}
