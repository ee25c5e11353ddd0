//! The `admission.*` JSON operations (called from [`crate::api::call`]).
//!
//! Every operation that reads a register takes a **source**, exactly as follows:
//!
//! * `"admission_list"`: the register, as a list file object (JSON) or as TOML/JSON text;
//! * `"preset"`: a bundled policy preset id (`"seed000"` …), or `"policy"`: a policy as
//!   TOML/JSON text. The policy gives the authority rules, and the register too when
//!   `"admission_list"` is absent. Without either, the default rules apply (the county
//!   governance office approves).
//!
//! Dates are `"YYYY-MM-DD"`; amounts are integers in fen.
//!
//! ```
//! use serde_json::json;
//! let out = wangge::api::call("admission.check", &json!({
//!     "preset": "seed000",
//!     "request": {"code": "RW-999", "department": "区住建局", "grid_kind": "basic", "date": "2019-03-01"}
//! }))?;
//! assert_eq!(out["allowed"], false);
//! assert_eq!(out["rejection"]["reason"], "not_listed");
//! # Ok::<(), wangge::Error>(())
//! ```

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{
    AdmissionList, AdmissionLog, AdmissionRules, CheckRequest, Completion, EntryFile, GridRef,
    ListKind, Transition,
};
use crate::api::parse;
use crate::error::{Error, ErrorCode};
use crate::grid::GridKind;
use crate::policy::Policy;

/// The `admission.*` operations, sorted.
pub const OPS: &[&str] = &[
    "admission.budget",
    "admission.check",
    "admission.completion",
    "admission.instances",
    "admission.list",
    "admission.load",
    "admission.tally",
    "admission.transition",
];

/// The most instances `admission.instances` returns.
pub const MAX_INSTANCES: usize = 1_000_000;

/// Runs one `admission.*` operation.
pub fn call(op: &str, input: &Value) -> Result<Value, Error> {
    match op {
        "admission.budget" => budget(parse(input)?),
        "admission.check" => check(parse(input)?),
        "admission.completion" => completion(parse(input)?),
        "admission.instances" => instances(parse(input)?),
        "admission.list" => list(parse(input)?),
        "admission.load" => load(parse(input)?),
        "admission.tally" => tally(parse(input)?),
        "admission.transition" => transition(parse(input)?),
        _ => Err(Error::input(
            ErrorCode::InvalidArgument,
            format!(
                "unknown operation {:?}",
                op.chars().take(60).collect::<String>()
            ),
        )),
    }
}

/// Resolves a source into the register and the rules.
fn source(
    admission_list: Option<Value>,
    preset: Option<String>,
    policy: Option<String>,
) -> Result<(AdmissionList, AdmissionRules), Error> {
    let policy = match (preset, policy) {
        (Some(_), Some(_)) => {
            return Err(Error::input(
                ErrorCode::InvalidArgument,
                "give at most one of \"preset\" or \"policy\"",
            ));
        }
        (Some(id), None) => Some(Policy::preset(&id)?),
        (None, Some(text)) => Some(Policy::from_str_auto(&text)?),
        (None, None) => None,
    };
    let rules = policy
        .as_ref()
        .map(|p| p.admission.rules.clone())
        .unwrap_or_default();
    let list = match (admission_list, policy) {
        (Some(Value::String(text)), _) => AdmissionList::parse(&text, &rules)?,
        (Some(v @ Value::Object(_)), _) => AdmissionList::from_json_value(v, &rules)?,
        (Some(_), _) => {
            return Err(Error::input(
                ErrorCode::InvalidJson,
                "\"admission_list\" must be a list file object or its text",
            ));
        }
        (None, Some(p)) => p.admission.initial,
        (None, None) => {
            return Err(Error::input(
                ErrorCode::InvalidArgument,
                "give \"admission_list\", \"preset\" or \"policy\"",
            ));
        }
    };
    Ok((list, rules))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckIn {
    #[serde(default)]
    admission_list: Option<Value>,
    #[serde(default)]
    preset: Option<String>,
    #[serde(default)]
    policy: Option<String>,
    request: CheckRequest,
    #[serde(default)]
    log: Option<AdmissionLog>,
}

/// `admission.check`: `{source, "request": {"list"?, "department"?, "code" | "name" |
/// "category", "grid_kind", "unit"?, "date"}, "log"?: {"rejections", "allowed"}}` →
/// `{"allowed": true, "item": {"list", "code", "version", "name", "department", "role"},
/// "department"?}` or `{"allowed": false, "rejection": {"list", "date", "department"?,
/// "subject": {"code" | "name" | "category": …}, "grid_kind", "unit"?, "reason", "item"?,
/// "status"?, "message"}}`; with `"log"` given, the output also carries `"log"`: the log
/// with this decision folded in.
fn check(i: CheckIn) -> Result<Value, Error> {
    let (list, _) = source(i.admission_list, i.preset, i.policy)?;
    let decision = list.check(&i.request)?;
    let mut out = serde_json::to_value(&decision)?;
    if let Some(mut log) = i.log {
        log.record(&decision);
        out["log"] = serde_json::to_value(&log)?;
    }
    Ok(out)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListIn {
    #[serde(default)]
    admission_list: Option<Value>,
    #[serde(default)]
    preset: Option<String>,
    #[serde(default)]
    policy: Option<String>,
    on: NaiveDate,
    #[serde(default)]
    list: Option<ListKind>,
    #[serde(default)]
    grid_kind: Option<GridKind>,
}

/// `admission.list`: `{source, "on", "list"?, "grid_kind"?}` → `{"on", "items": [entry…]}`:
/// the entries in force on `on` (of one list, applying to one grid kind, when given), in
/// list order (task, service, report, summon) then by code, each in the list file's entry
/// form (item fields, `version`, `proposed`, `approved`, `enforced`).
fn list(i: ListIn) -> Result<Value, Error> {
    let (list, _) = source(i.admission_list, i.preset, i.policy)?;
    let mut items: Vec<&super::Entry> = list
        .entries()
        .iter()
        .filter(|e| e.in_force_on(i.on))
        .filter(|e| i.list.is_none_or(|k| e.item().list == k))
        .filter(|e| i.grid_kind.is_none_or(|g| e.item().applies_to_kind(g)))
        .collect();
    items.sort_by(|a, b| (a.item().list, &a.item().code).cmp(&(b.item().list, &b.item().code)));
    let items: Vec<EntryFile> = items.into_iter().map(EntryFile::from).collect();
    Ok(json!({"on": i.on, "items": items}))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LoadIn {
    #[serde(default)]
    admission_list: Option<Value>,
    #[serde(default)]
    preset: Option<String>,
    #[serde(default)]
    policy: Option<String>,
}

/// `admission.load`: `{source}` → `{"admission_list": <list file, normalized>, "rules":
/// {"approvers", "approvers_by_list"?, "proposers"}}`. Checks the register (structure,
/// versions, authority of every recorded step) and writes it back in canonical form.
fn load(i: LoadIn) -> Result<Value, Error> {
    let (list, rules) = source(i.admission_list, i.preset, i.policy)?;
    Ok(json!({"admission_list": list.to_file(), "rules": rules}))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TransitionIn {
    #[serde(default)]
    admission_list: Option<Value>,
    #[serde(default)]
    preset: Option<String>,
    #[serde(default)]
    policy: Option<String>,
    transition: Transition,
}

/// `admission.transition`: `{source, "transition": {"action": "propose", "date", "by",
/// "item", "document"?, "reason"?} | {"action": "approve", "code", "version"?, "date",
/// "by", "document"} | {"action": "enforce", "code", "version"?, "date", "by",
/// "effective"?, "document"?} | {"action": "retire", "code", "version"?, "date", "by",
/// "effective"?, "document"?, "reason"?}}` where `by` is `{"unit", "name"?, "code"?}` →
/// `{"admission_list": <the new list file>, "changed": [{"code", "version", "status"}]}`.
/// The wrong authority fails with `admission_unauthorized`.
fn transition(i: TransitionIn) -> Result<Value, Error> {
    let (mut list, rules) = source(i.admission_list, i.preset, i.policy)?;
    let changed = list.apply(&i.transition, &rules)?;
    let changed: Vec<Value> = changed
        .into_iter()
        .map(|(code, version)| {
            let status = list.entry(&code, version).map(super::Entry::status);
            json!({"code": code, "version": version, "status": status})
        })
        .collect();
    Ok(json!({"admission_list": list.to_file(), "changed": changed}))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InstancesIn {
    #[serde(default)]
    admission_list: Option<Value>,
    #[serde(default)]
    preset: Option<String>,
    #[serde(default)]
    policy: Option<String>,
    grids: Vec<GridRef>,
    from: NaiveDate,
    to: NaiveDate,
    #[serde(default)]
    codes: Option<Vec<String>>,
}

/// `admission.instances`: `{source, "grids": [{"code", "kind"?, "subjects"?: {class:
/// count}}], "from", "to", "codes"?: [item codes]}` → `{"count", "instances": [{"id",
/// "list", "code", "version", "name", "department", "grid", "period", "period_kind",
/// "start", "end", "due", "required"}]}`: every due instance of the recurring items whose
/// due date lies in `[from, to)` (at most 1,000,000).
fn instances(i: InstancesIn) -> Result<Value, Error> {
    let (list, _) = source(i.admission_list, i.preset, i.policy)?;
    let all = list.instances_limited(&i.grids, i.from, i.to, MAX_INSTANCES)?;
    let picked: Vec<_> = match &i.codes {
        Some(codes) => all
            .into_iter()
            .filter(|x| codes.iter().any(|c| *c == x.entry().item().code))
            .collect(),
        None => all,
    };
    Ok(json!({"count": picked.len(), "instances": picked}))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CompletionIn {
    #[serde(default)]
    admission_list: Option<Value>,
    #[serde(default)]
    preset: Option<String>,
    #[serde(default)]
    policy: Option<String>,
    grids: Vec<GridRef>,
    from: NaiveDate,
    to: NaiveDate,
    #[serde(default)]
    codes: Option<Vec<String>>,
    completions: Vec<Completion>,
}

/// `admission.completion`: the input of `admission.instances` plus `"completions":
/// [{"instance": id, "date", "count"?}]` → `{"grids": [{"grid", "due", "completed",
/// "on_time", "required", "done"}], "unmatched": [indices of completions naming no due
/// instance]}`: how much of the recurring work due in `[from, to)` was done, per grid.
fn completion(i: CompletionIn) -> Result<Value, Error> {
    let (list, _) = source(i.admission_list, i.preset, i.policy)?;
    let all = list.instances_limited(&i.grids, i.from, i.to, MAX_INSTANCES)?;
    let picked: Vec<_> = match &i.codes {
        Some(codes) => all
            .into_iter()
            .filter(|x| codes.iter().any(|c| *c == x.entry().item().code))
            .collect(),
        None => all,
    };
    let (grids, unmatched) = super::completion(&picked, &i.completions);
    Ok(json!({"grids": grids, "unmatched": unmatched}))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BudgetIn {
    #[serde(default)]
    admission_list: Option<Value>,
    #[serde(default)]
    preset: Option<String>,
    #[serde(default)]
    policy: Option<String>,
    on: NaiveDate,
    grids: Vec<GridRef>,
}

/// `admission.budget`: `{source, "on", "grids": [{"code", "kind"?}]}` → `{"on",
/// "total_fen", "unallocated_fen", "by_department": [{"department", "amount_fen"}],
/// "by_grid": [{"grid", "amount_fen"}]}`: yearly budgets of the items in force on `on`.
fn budget(i: BudgetIn) -> Result<Value, Error> {
    let (list, _) = source(i.admission_list, i.preset, i.policy)?;
    Ok(serde_json::to_value(list.budget(i.on, &i.grids)?)?)
}

/// `admission.tally`: an admission log `{"rejections": [rejection…], "allowed"?:
/// {department: count}}` → `{"rejected", "allowed", "departments": [{"department",
/// "allowed", "rejected", "by_reason": {reason: count}}]}`, departments with the most
/// rejections first (`"department": null` counts requests that named none).
fn tally(log: AdmissionLog) -> Result<Value, Error> {
    let allowed: u64 = log.allowed.values().sum();
    Ok(json!({
        "rejected": log.rejected(),
        "allowed": allowed,
        "departments": log.tally(),
    }))
}
