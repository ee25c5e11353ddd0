//! The `admission.*` JSON operations (see the table in [`crate::api`]).
//!
//! Every operation that reads a register takes a **source**, exactly as follows:
//!
//! * `"admission_list"`: the register, as a list file object (JSON) or as TOML/JSON text;
//! * `"policy"`: a [`PolicySource`] (a bundled preset id such as `"seed000"`, TOML/JSON
//!   text, or an inline object). The policy gives the authority rules, and the register
//!   too when `"admission_list"` is absent. Without it, the default rules apply (the
//!   county governance office approves).
//!
//! Dates are `"YYYY-MM-DD"`; amounts are integers in fen.
//!
//! ```
//! use serde_json::json;
//! let out = wangge::api::call("admission.check", &json!({
//!     "policy": "seed000",
//!     "request": {"code": "RW-999", "department": "区住建局", "grid_kind": "basic", "date": "2019-03-01"}
//! }))?;
//! assert_eq!(out["allowed"], false);
//! assert_eq!(out["rejection"]["reason"], "not_listed");
//! # Ok::<(), wangge::Error>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{
    AdmissionList, AdmissionListFile, AdmissionRules, CheckRequest, Completion, Decision,
    DepartmentTally, EntryFile, GridCompletion, GridRef, ListKind, PeriodKind, Status, Transition,
};
pub use super::{AdmissionLog, BudgetTotals};
use crate::api::args::{self, PolicySource};
use crate::code::GridCode;
use crate::error::{Error, ErrorCode};
use crate::grid::GridKind;

/// The most instances `admission.instances` returns.
pub const MAX_INSTANCES: usize = 1_000_000;

/// Where the register and the rules come from (the fields every `admission.*` input
/// but `tally` has).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The register: a list file object or its TOML/JSON text.
    #[serde(default)]
    pub admission_list: Option<Value>,
    /// The policy: its rules, and its register without `admission_list`.
    #[serde(default)]
    pub policy: Option<PolicySource>,
}

impl Source {
    /// Resolves the source into the register and the rules.
    pub fn resolve(&self) -> Result<(AdmissionList, AdmissionRules), Error> {
        let policy = PolicySource::load_opt(self.policy.as_ref())?;
        let rules = policy
            .as_ref()
            .map(|p| p.admission.rules.clone())
            .unwrap_or_default();
        let list = match (&self.admission_list, policy) {
            (Some(Value::String(text)), _) => AdmissionList::parse(text, &rules)?,
            (Some(v @ Value::Object(_)), _) => AdmissionList::from_json_value(v.clone(), &rules)?,
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
                    "give \"admission_list\" or \"policy\"",
                ));
            }
        };
        Ok((list, rules))
    }
}

/// Declares an input struct with the source fields.
macro_rules! sourced {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// The register: a list file object or its TOML/JSON text.
            #[serde(default)]
            pub admission_list: Option<Value>,
            /// The policy: its rules, and its register without `admission_list`.
            #[serde(default)]
            pub policy: Option<PolicySource>,
            $($(#[$fm])* pub $field: $ty,)*
        }
        impl $name {
            fn source(&self) -> Result<(AdmissionList, AdmissionRules), Error> {
                Source {
                    admission_list: self.admission_list.clone(),
                    policy: self.policy.clone(),
                }
                .resolve()
            }
        }
    };
}

sourced!(
    /// The input of `admission.check`.
    CheckIn {
        /// The request.
        request: CheckRequest,
        /// A log to fold the decision into.
        #[serde(default)]
        log: Option<AdmissionLog>,
    }
);

/// The output of `admission.check`: the decision, and the log with it folded in when a
/// log was given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckOut {
    /// The decision: `{"allowed": true, "item", "department"?}` or `{"allowed": false,
    /// "rejection"}`.
    #[serde(flatten)]
    pub decision: Decision,
    /// The log with this decision folded in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log: Option<AdmissionLog>,
}

/// `admission.check`: `{source, "request": {"list"?, "department"?, "code" | "name" |
/// "category", "grid_kind", "unit"?, "date"}, "log"?: {"rejections", "allowed"}}` →
/// `{"allowed": true, "item": {"list", "code", "version", "name", "department", "role"},
/// "department"?}` or `{"allowed": false, "rejection": {"list", "date", "department"?,
/// "subject": {"code" | "name" | "category": …}, "grid_kind", "unit"?, "reason", "item"?,
/// "status"?, "message"}}`; with `"log"` given, the output also carries `"log"`: the log
/// with this decision folded in.
pub fn check(i: CheckIn) -> Result<CheckOut, Error> {
    let (list, _) = i.source()?;
    let decision = list.check(&i.request)?;
    let log = i.log.map(|mut log| {
        log.record(&decision);
        log
    });
    Ok(CheckOut { decision, log })
}

sourced!(
    /// The input of `admission.list`.
    ListIn {
        /// The date.
        #[serde(with = "args::date")]
        on: NaiveDate,
        /// Only this list.
        #[serde(default)]
        list: Option<ListKind>,
        /// Only items applying to this grid kind.
        #[serde(default)]
        grid_kind: Option<GridKind>,
    }
);

/// The output of `admission.list`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListOut {
    /// The date.
    pub on: NaiveDate,
    /// The entries in force, in the list file's entry form.
    pub items: Vec<EntryFile>,
}

/// `admission.list`: `{source, "on", "list"?, "grid_kind"?}` → `{"on", "items": [entry…]}`:
/// the entries in force on `on` (of one list, applying to one grid kind, when given), in
/// list order (task, service, report, summon) then by code, each in the list file's entry
/// form (item fields, `version`, `proposed`, `approved`, `enforced`).
pub fn list(i: ListIn) -> Result<ListOut, Error> {
    let (list, _) = i.source()?;
    let mut items: Vec<&super::Entry> = list
        .entries()
        .iter()
        .filter(|e| e.in_force_on(i.on))
        .filter(|e| i.list.is_none_or(|k| e.item().list == k))
        .filter(|e| i.grid_kind.is_none_or(|g| e.item().applies_to_kind(g)))
        .collect();
    items.sort_by(|a, b| (a.item().list, &a.item().code).cmp(&(b.item().list, &b.item().code)));
    let items = items.into_iter().map(EntryFile::from).collect();
    Ok(ListOut { on: i.on, items })
}

sourced!(
    /// The input of `admission.load`: the source only.
    LoadIn {}
);

/// The output of `admission.load`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoadOut {
    /// The register, normalized.
    pub admission_list: AdmissionListFile,
    /// The authority rules.
    pub rules: AdmissionRules,
}

/// `admission.load`: `{source}` → `{"admission_list": <list file, normalized>, "rules":
/// {"approvers", "approvers_by_list"?, "proposers"}}`. Checks the register (structure,
/// versions, authority of every recorded step) and writes it back in canonical form.
pub fn load(i: LoadIn) -> Result<LoadOut, Error> {
    let (list, rules) = i.source()?;
    Ok(LoadOut {
        admission_list: list.to_file(),
        rules,
    })
}

sourced!(
    /// The input of `admission.transition`.
    TransitionIn {
        /// The step.
        transition: Transition,
    }
);

/// One entry a transition changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changed {
    /// The item code.
    pub code: String,
    /// The version.
    pub version: u32,
    /// Its status now.
    pub status: Option<Status>,
}

/// The output of `admission.transition`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TransitionOut {
    /// The new register.
    pub admission_list: AdmissionListFile,
    /// The entries changed.
    pub changed: Vec<Changed>,
}

/// `admission.transition`: `{source, "transition": {"action": "propose", "date", "by",
/// "item", "document"?, "reason"?} | {"action": "approve", "code", "version"?, "date",
/// "by", "document"} | {"action": "enforce", "code", "version"?, "date", "by",
/// "effective"?, "document"?} | {"action": "retire", "code", "version"?, "date", "by",
/// "effective"?, "document"?, "reason"?}}` where `by` is `{"unit", "name"?, "code"?}` →
/// `{"admission_list": <the new list file>, "changed": [{"code", "version", "status"}]}`.
/// The wrong authority fails with `admission_unauthorized`.
pub fn transition(i: TransitionIn) -> Result<TransitionOut, Error> {
    let (mut list, rules) = i.source()?;
    let changed = list.apply(&i.transition, &rules)?;
    let changed = changed
        .into_iter()
        .map(|(code, version)| {
            let status = list.entry(&code, version).map(super::Entry::status);
            Changed {
                code,
                version,
                status,
            }
        })
        .collect();
    Ok(TransitionOut {
        admission_list: list.to_file(),
        changed,
    })
}

sourced!(
    /// The input of `admission.instances`.
    InstancesIn {
        /// The grids.
        grids: Vec<GridRef>,
        /// First day of the range.
        #[serde(with = "args::date")]
        from: NaiveDate,
        /// First day after the range.
        #[serde(with = "args::date")]
        to: NaiveDate,
        /// Only these item codes.
        #[serde(default)]
        codes: Option<Vec<String>>,
    }
);

/// One due instance of a recurring item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstanceRow {
    /// `<code>/v<version>/<grid>/<period>`.
    pub id: String,
    /// The list.
    pub list: ListKind,
    /// The item code.
    pub code: String,
    /// The item version.
    pub version: u32,
    /// The item name.
    pub name: String,
    /// The department.
    pub department: String,
    /// The grid.
    pub grid: GridCode,
    /// The period (`2014-Q2`, …).
    pub period: String,
    /// The period's kind.
    pub period_kind: PeriodKind,
    /// First day of the window.
    pub start: NaiveDate,
    /// First day after the window.
    pub end: NaiveDate,
    /// Last day of the window.
    pub due: NaiveDate,
    /// How many times the task is required.
    pub required: u64,
}

impl From<&super::Instance<'_>> for InstanceRow {
    fn from(x: &super::Instance<'_>) -> InstanceRow {
        let item = x.entry().item();
        InstanceRow {
            id: x.id(),
            list: item.list,
            code: item.code.clone(),
            version: x.entry().version,
            name: item.name.clone(),
            department: item.department.clone(),
            grid: x.grid(),
            period: x.period().to_string(),
            period_kind: x.period().kind(),
            start: x.start(),
            end: x.end(),
            due: x.due(),
            required: x.required(),
        }
    }
}

/// The output of `admission.instances`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstancesOut {
    /// How many instances.
    pub count: usize,
    /// The instances.
    pub instances: Vec<InstanceRow>,
}

/// `admission.instances`: `{source, "grids": [{"code", "kind"?, "subjects"?: {class:
/// count}}], "from", "to", "codes"?: [item codes]}` → `{"count", "instances": [{"id",
/// "list", "code", "version", "name", "department", "grid", "period", "period_kind",
/// "start", "end", "due", "required"}]}`: every due instance of the recurring items whose
/// due date lies in `[from, to)` (at most 1,000,000).
pub fn instances(i: InstancesIn) -> Result<InstancesOut, Error> {
    let (list, _) = i.source()?;
    let all = list.instances_limited(&i.grids, i.from, i.to, MAX_INSTANCES)?;
    let instances: Vec<InstanceRow> = all
        .iter()
        .filter(|x| {
            i.codes
                .as_ref()
                .is_none_or(|codes| codes.iter().any(|c| *c == x.entry().item().code))
        })
        .map(InstanceRow::from)
        .collect();
    Ok(InstancesOut {
        count: instances.len(),
        instances,
    })
}

sourced!(
    /// The input of `admission.completion`.
    CompletionIn {
        /// The grids.
        grids: Vec<GridRef>,
        /// First day of the range.
        #[serde(with = "args::date")]
        from: NaiveDate,
        /// First day after the range.
        #[serde(with = "args::date")]
        to: NaiveDate,
        /// Only these item codes.
        #[serde(default)]
        codes: Option<Vec<String>>,
        /// What was done.
        completions: Vec<Completion>,
    }
);

/// The output of `admission.completion`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompletionOut {
    /// Per grid.
    pub grids: Vec<GridCompletion>,
    /// Indices of completions naming no due instance.
    pub unmatched: Vec<usize>,
}

/// `admission.completion`: the input of `admission.instances` plus `"completions":
/// [{"instance": id, "date", "count"?}]` → `{"grids": [{"grid", "due", "completed",
/// "on_time", "required", "done"}], "unmatched": [indices of completions naming no due
/// instance]}`: how much of the recurring work due in `[from, to)` was done, per grid.
pub fn completion(i: CompletionIn) -> Result<CompletionOut, Error> {
    let (list, _) = i.source()?;
    let all = list.instances_limited(&i.grids, i.from, i.to, MAX_INSTANCES)?;
    let picked: Vec<_> = match &i.codes {
        Some(codes) => all
            .into_iter()
            .filter(|x| codes.iter().any(|c| *c == x.entry().item().code))
            .collect(),
        None => all,
    };
    let (grids, unmatched) = super::completion(&picked, &i.completions);
    Ok(CompletionOut { grids, unmatched })
}

sourced!(
    /// The input of `admission.budget`.
    BudgetIn {
        /// The date.
        #[serde(with = "args::date")]
        on: NaiveDate,
        /// The grids.
        grids: Vec<GridRef>,
    }
);

/// `admission.budget`: `{source, "on", "grids": [{"code", "kind"?}]}` → `{"on",
/// "total_fen", "unallocated_fen", "by_department": [{"department", "amount_fen"}],
/// "by_grid": [{"grid", "amount_fen"}]}`: yearly budgets of the items in force on `on`.
pub fn budget(i: BudgetIn) -> Result<BudgetTotals, Error> {
    let (list, _) = i.source()?;
    Ok(list.budget(i.on, &i.grids)?)
}

/// The output of `admission.tally`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TallyOut {
    /// Rejections.
    pub rejected: u64,
    /// Admissions.
    pub allowed: u64,
    /// Per department, the most rejections first.
    pub departments: Vec<DepartmentTally>,
}

/// `admission.tally`: an admission log `{"rejections": [rejection…], "allowed"?:
/// {department: count}}` → `{"rejected", "allowed", "departments": [{"department",
/// "allowed", "rejected", "by_reason": {reason: count}}]}`, departments with the most
/// rejections first (`"department": null` counts requests that named none).
pub fn tally(log: AdmissionLog) -> Result<TallyOut, Error> {
    Ok(TallyOut {
        rejected: log.rejected(),
        allowed: log.allowed.values().sum(),
        departments: log.tally(),
    })
}
