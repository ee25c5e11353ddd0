//! The admission list (事务准入): which tasks may be pushed onto grids, approved,
//! versioned and enforced.
//!
//! Seed 000: "严格实行网格事务准入制和任务清单制,全科网格新增事项须经区综治办审核后纳入全科网格工作";
//! Beijing's 接诉即办条例 §17: items outside the community's duty list may not be pushed
//! onto it. This module makes that rule enforceable:
//!
//! * an [`Item`] is one admitted matter — code, name, owning department, legal basis,
//!   whether the grid leads or assists ([`Role`]), the grid kinds it applies to
//!   ([`KindPattern`]), a [`Frequency`] for recurring work (visits of key subjects), validity
//!   dates and the [`Budget`] that follows it (费随事转);
//! * an [`AdmissionList`] is the register of one jurisdiction: every version of every item
//!   with its lifecycle ([`Status`]: proposed → approved → in force → retired), each step an
//!   [`Act`] recording who did it, when, and under which document. Four lists share the
//!   machinery ([`ListKind`]): the task list (任务清单), the service list (服务清单), the
//!   reporting list (上报清单) and the summon list (吹哨清单);
//! * a [`Transition`] moves an item along its lifecycle, checked against the
//!   [`AdmissionRules`] (by default only the county governance office approves);
//! * [`AdmissionList::check`] answers "may this department push this task (or assign this
//!   case category) onto a grid of this kind on this date?" with a [`Decision`]; a
//!   [`Rejection`] names the item and the department, and an [`AdmissionLog`] (a value the
//!   host keeps) folds decisions and counts rejections per department;
//! * [`AdmissionList::instances`] expands recurring items into due [`Instance`]s per grid
//!   and period ([`Period`]: ISO week, calendar month, quarter …), whose [`completion`]
//!   per grid feeds scoring, and [`AdmissionList::budget`] totals budgets per department
//!   and per grid.
//!
//! The answer for a past date never changes: every transition takes effect on or after its
//! own date, so "the list in force on date D" ([`AdmissionList::in_force`]) is answerable
//! for every D from the register alone.
//!
//! ```
//! use chrono::NaiveDate;
//! use wangge::admission::{AdmissionList, AdmissionRules, CheckRequest, ListKind};
//! use wangge::grid::GridKind;
//! let d = |s: &str| s.parse::<NaiveDate>().unwrap();
//! let list = AdmissionList::parse(r#"
//!     format = 1
//!     [[entries]]
//!     list = "task"
//!     code = "RW-001"
//!     version = 1
//!     name = "高龄老人定期走访"
//!     department = "区民政局"
//!     role = "lead"
//!     proposed = { date = "2024-01-02", by = { unit = "department", name = "区民政局" } }
//!     approved = { date = "2024-01-10", by = { unit = "county_governance_office" }, document = "区综治办〔2024〕1号" }
//!     enforced = { date = "2024-01-10", by = { unit = "county_governance_office" }, effective = "2024-02-01" }
//! "#, &AdmissionRules::default())?;
//! assert_eq!(list.in_force(ListKind::Task, d("2024-01-31")).count(), 0);
//! assert_eq!(list.in_force(ListKind::Task, d("2024-02-01")).count(), 1);
//!
//! let push = CheckRequest::code(ListKind::Task, "RW-002", GridKind::Basic, d("2024-03-01"))
//!     .department("区住建局");
//! let rejection = list.check(&push)?.rejection().unwrap();
//! assert!(rejection.message.contains("区住建局") && rejection.message.contains("RW-002"));
//! # Ok::<(), wangge::admission::AdmissionError>(())
//! ```

pub mod api;
mod authority;
mod budget;
mod completion;
mod enforce;
mod entry;
mod item;
mod list;
mod log;
mod period;
mod policy;
mod recurring;
mod transition;

#[cfg(test)]
mod proptests;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::code::AdminCode;
use crate::error::ErrorCode;

pub use authority::AdmissionRules;
pub use budget::{BudgetTotals, DepartmentAmount, GridAmount};
pub use completion::{Completion, GridCompletion, completion};
pub use enforce::{Admitted, CheckRequest, Decision, ItemRef, RejectReason, Rejection, Subject};
pub use entry::{Act, Entry, Status};
pub use item::{Budget, BudgetBasis, Frequency, Item, KeySubject, KindPattern, Role};
pub use list::{AdmissionList, AdmissionListFile, EntryFile, FORMAT_VERSION, MAX_TEXT_BYTES};
pub use log::{AdmissionLog, DepartmentTally};
pub use period::{Period, PeriodKind};
pub use policy::{AdmissionPolicy, AdmissionPolicyFile};
pub use recurring::{GridRef, Instance};
pub use transition::{Action, Transition};

/// Errors from reading admission lists, moving items along their lifecycle and checking
/// pushes.
///
/// ```
/// use wangge::{ErrorCode, admission::{AdmissionList, AdmissionRules}};
/// let e = AdmissionList::parse("format = 7", &AdmissionRules::default()).unwrap_err();
/// assert_eq!(e.code(), ErrorCode::UnsupportedAdmissionFormat);
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AdmissionError {
    /// The admission section of a policy has an invalid or inconsistent field (the code is
    /// `invalid_policy`: the section is part of the policy file).
    #[error("invalid policy: {field}: {message}")]
    InvalidSection {
        /// Dotted path of the field (`admission.approvers`).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// The text is not valid TOML/JSON for the list format, or a field is unknown or
    /// mistyped.
    #[error("invalid admission list: {0}")]
    Syntax(String),
    /// An entry (or an item in a transition) has an invalid or inconsistent field.
    #[error("invalid admission list: {entry}: {field}: {message}")]
    InvalidEntry {
        /// Which entry (`entries[3] (RW-001 v2)`, or the item code).
        entry: String,
        /// The field (`code`, `approved.document` …).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// The file's format version is not one this release reads.
    #[error("admission list format {found} is not supported (this release reads 1..={max})")]
    UnsupportedFormat {
        /// The version in the file.
        found: u32,
        /// The newest supported.
        max: u32,
    },
    /// The actor is not the authority for this step (wrong unit, another department's item,
    /// or outside the list's jurisdiction).
    #[error("{actor} may not {action} {target}: {reason}")]
    Unauthorized {
        /// The step attempted.
        action: Action,
        /// The actor, as text.
        actor: String,
        /// The item (`RW-001 v2`).
        target: String,
        /// Why not, naming who may.
        reason: String,
    },
    /// The step does not fit the item's state or dates (approving an item in force,
    /// enforcing before approval, a date before an earlier step …).
    #[error("cannot {action} {target}: {message}")]
    InvalidTransition {
        /// The step attempted.
        action: Action,
        /// The item (`RW-001 v2`).
        target: String,
        /// What is wrong.
        message: String,
    },
    /// No item (or version) with that code.
    #[error("unknown admission item {0}")]
    UnknownItem(String),
    /// A push was refused: the item is not on the list in force (see [`Rejection`]).
    #[error("{}", .0.message)]
    Rejected(Box<Rejection>),
    /// A request or argument is malformed (no subject named, inverted date range …).
    #[error("{0}")]
    InvalidRequest(String),
    /// A result would exceed a documented limit.
    #[error("{0}")]
    TooLarge(String),
}

impl AdmissionError {
    /// An invalid field of the admission section of a policy.
    pub(crate) fn section(field: impl Into<String>, message: impl Into<String>) -> AdmissionError {
        AdmissionError::InvalidSection {
            field: field.into(),
            message: message.into(),
        }
    }
    /// The stable error code.
    ///
    /// ```
    /// use wangge::{ErrorCode, admission::AdmissionError};
    /// assert_eq!(AdmissionError::UnknownItem("X".into()).code(), ErrorCode::UnknownAdmissionItem);
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            AdmissionError::InvalidSection { .. } => ErrorCode::InvalidPolicy,
            AdmissionError::Syntax(_) | AdmissionError::InvalidEntry { .. } => {
                ErrorCode::InvalidAdmissionList
            }
            AdmissionError::UnsupportedFormat { .. } => ErrorCode::UnsupportedAdmissionFormat,
            AdmissionError::Unauthorized { .. } => ErrorCode::AdmissionUnauthorized,
            AdmissionError::InvalidTransition { .. } => ErrorCode::InvalidAdmissionTransition,
            AdmissionError::UnknownItem(_) => ErrorCode::UnknownAdmissionItem,
            AdmissionError::Rejected(_) => ErrorCode::AdmissionRejected,
            AdmissionError::InvalidRequest(_) => ErrorCode::InvalidArgument,
            AdmissionError::TooLarge(_) => ErrorCode::InputTooLarge,
        }
    }

    pub(crate) fn invalid(
        entry: impl Into<String>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> AdmissionError {
        AdmissionError::InvalidEntry {
            entry: entry.into(),
            field: field.into(),
            message: message.into(),
        }
    }
}

impl From<Rejection> for AdmissionError {
    fn from(r: Rejection) -> Self {
        AdmissionError::Rejected(Box::new(r))
    }
}

/// Which of the four lists an item is on. All four share the same machinery (lifecycle,
/// versions, enforcement); the SPEC's `TaskList`, `ServiceList`, `ReportList` and
/// `SummonList` are the entries of one kind.
///
/// Written as `"task"`, `"service"`, `"report"` or `"summon"`; the Chinese names are
/// accepted on input.
///
/// ```
/// use wangge::admission::ListKind;
/// let k: ListKind = serde_json::from_str("\"吹哨清单\"").unwrap();
/// assert_eq!(k, ListKind::Summon);
/// assert_eq!(k.name(), "summon");
/// assert_eq!(k.name_zh(), "吹哨清单");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// 任务清单 / 准入事项: work departments may push onto grids (and the case categories
    /// they may assign to grids).
    #[serde(alias = "任务清单", alias = "准入清单")]
    Task,
    /// 服务清单: services offered at the doorstep through the grid (seed 001).
    #[serde(alias = "服务清单")]
    Service,
    /// 上报清单: what grid workers must report (seed 000 事件上报清单).
    #[serde(alias = "上报清单")]
    Report,
    /// 吹哨清单: matters for which a town may summon a department (seed 001 执哨权).
    #[serde(alias = "吹哨清单")]
    Summon,
}

impl ListKind {
    /// Every kind, in order.
    pub const ALL: [ListKind; 4] = [
        ListKind::Task,
        ListKind::Service,
        ListKind::Report,
        ListKind::Summon,
    ];

    /// The snake-case name.
    pub fn name(self) -> &'static str {
        match self {
            ListKind::Task => "task",
            ListKind::Service => "service",
            ListKind::Report => "report",
            ListKind::Summon => "summon",
        }
    }

    /// The Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            ListKind::Task => "任务清单",
            ListKind::Service => "服务清单",
            ListKind::Report => "上报清单",
            ListKind::Summon => "吹哨清单",
        }
    }
}

impl fmt::Display for ListKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for ListKind {
    type Err = AdmissionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        serde_json::from_value(serde_json::Value::String(s.to_string())).map_err(|_| {
            AdmissionError::InvalidRequest(format!(
                "unknown list {:?} (expected task, service, report or summon)",
                s.chars().take(40).collect::<String>()
            ))
        })
    }
}

/// The kind of unit an [`Actor`] acts for. The [`AdmissionRules`] say which kinds may
/// propose and which may approve.
///
/// ```
/// use wangge::admission::UnitKind;
/// let u: UnitKind = serde_json::from_str("\"county_governance_office\"").unwrap();
/// assert_eq!(u, UnitKind::CountyGovernanceOffice);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 区(县)综治办 / 综治中心 / 网格化服务管理中心: the county governance office, the
    /// default approving authority (seed 000 "须经区综治办审核").
    #[serde(alias = "综治办")]
    CountyGovernanceOffice,
    /// 区(县)政府 / 党委: the county government.
    CountyGovernment,
    /// A functional department (区直部门: 民政局, 住建局 …); named by [`Actor::name`].
    #[serde(alias = "部门")]
    Department,
    /// 镇(街道).
    Town,
    /// 村(社区).
    Community,
    /// A grid.
    Grid,
}

impl UnitKind {
    /// The snake-case name.
    pub fn name(self) -> &'static str {
        match self {
            UnitKind::CountyGovernanceOffice => "county_governance_office",
            UnitKind::CountyGovernment => "county_government",
            UnitKind::Department => "department",
            UnitKind::Town => "town",
            UnitKind::Community => "community",
            UnitKind::Grid => "grid",
        }
    }
}

impl fmt::Display for UnitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Who performs a lifecycle step: a unit of some [`UnitKind`], optionally named and coded.
///
/// A department must give its `name` (it is matched against items' departments). When an
/// actor gives its `code` and the list has a jurisdiction, the code must lie inside it.
///
/// ```
/// use wangge::admission::{Actor, UnitKind};
/// let a = Actor::new(UnitKind::Department).named("区民政局");
/// assert_eq!(a.to_string(), "department 区民政局");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// The kind of unit.
    pub unit: UnitKind,
    /// The unit's name (`"区民政局"`, `"区综治办"`); required for departments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The unit's administrative code (a county, town or community).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<AdminCode>,
}

impl Actor {
    /// An actor of the given kind, without name or code.
    pub fn new(unit: UnitKind) -> Actor {
        Actor {
            unit,
            name: None,
            code: None,
        }
    }

    /// The same actor with a name.
    pub fn named(mut self, name: impl Into<String>) -> Actor {
        self.name = Some(name.into());
        self
    }

    /// The same actor with an administrative code.
    pub fn coded(mut self, code: AdminCode) -> Actor {
        self.code = Some(code);
        self
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.unit.name())?;
        if let Some(n) = &self.name {
            write!(f, " {n}")?;
        }
        if let Some(c) = &self.code {
            write!(f, " ({c})")?;
        }
        Ok(())
    }
}

/// Checks a free-text field: trimmed, non-empty (when required), at most `max` characters,
/// no control characters.
pub(crate) fn check_text(value: &str, max: usize, required: bool) -> Result<(), &'static str> {
    if required && value.trim().is_empty() {
        return Err("must not be empty");
    }
    if value.chars().count() > max {
        return Err("is too long");
    }
    if value.chars().any(char::is_control) {
        return Err("must not contain control characters");
    }
    if value.trim() != value {
        return Err("must not start or end with white space");
    }
    Ok(())
}

/// Truncates text for error messages.
pub(crate) fn short(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}
