//! The flat case record: one row per case, the shared vocabulary of cases and scoring.
//!
//! The case engine (`case`) derives one [`CaseRecord`] per case
//! from its journal; scoring reads nothing else (DESIGN principle 8). A platform can also
//! write these rows from its own database (CSV with a header, or JSON Lines), so scoring
//! works on a platform's own history. This module is a leaf: it imports only codes and
//! chrono, and both sides import it — never each other.
//!
//! The enums here ([`Urgency`], [`Tier`], [`CaseClass`], [`Source`], [`CaseStatus`],
//! [`Supervision`], [`Rating`]) are the glossary's names (SPEC §0) and serialize in
//! snake_case, the spelling every binding and file uses.
//!
//! ```
//! use wangge::record::{CaseRecord, CaseStatus, Tier, Urgency};
//! let row = r#"{"id":"C1","grid":"371323100201001","handler":"371323100000",
//!   "category":"矛盾纠纷","class":"event","urgency":"routine","tier":"t3","source":"patrol",
//!   "reported_at":"2016-12-01T09:00:00+08:00","due_at":"2016-12-08T17:30:00+08:00",
//!   "closed_at":"2016-12-05T10:00:00+08:00","status":"closed"}"#;
//! let r: CaseRecord = serde_json::from_str(row)?;
//! assert_eq!((r.tier, r.urgency, r.status), (Tier::T3, Urgency::Routine, CaseStatus::Closed));
//! assert_eq!(r.rework, 0);
//! assert!(r.rating.is_none());
//! # Ok::<(), serde_json::Error>(())
//! ```

mod csv;
mod error;
mod jsonl;
mod names;
#[cfg(test)]
mod tests;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::code::GridCode;

pub use csv::{read_csv, write_csv};
pub use error::{BadRow, RecordError};
pub use jsonl::read_jsonl;
pub(crate) use names::parse_name as parse_enum_name;

/// Urgency class of a report (seed 001: 一般 / 重要 / 重要紧急).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// 一般.
    #[serde(alias = "一般")]
    Routine,
    /// 重要.
    #[serde(alias = "重要")]
    Important,
    /// 重要紧急.
    #[serde(alias = "重要紧急", alias = "紧急")]
    Urgent,
}

/// The tier that handles a case (分级办理 一至四级, seed 000).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// 一级: within the grid.
    #[serde(alias = "T1")]
    T1,
    /// 二级: the community.
    #[serde(alias = "T2")]
    T2,
    /// 三级: the town (镇街综治中心, 四个平台).
    #[serde(alias = "T3")]
    T3,
    /// 四级: the county (区县综治中心, county departments).
    #[serde(alias = "T4")]
    T4,
}

/// 数字城管 class of a category: an event (事件) or a component (部件).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseClass {
    /// 事件.
    Event,
    /// 部件.
    Component,
}

/// Where a report came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// 网格员巡查.
    Patrol,
    /// 群众上报.
    Resident,
    /// 12345 热线.
    Hotline,
    /// 物联感知 / 视频.
    Sensor,
    /// 部门移交.
    Department,
    /// 领导交办.
    Leader,
}

/// The workflow status of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    /// Reported, not yet accepted.
    Reported,
    /// Accepted by the handling tier, not yet assigned onward.
    Accepted,
    /// Assigned to a handler (claimed, dispatched, delegated).
    Assigned,
    /// Being handled.
    InProgress,
    /// The handler says it is resolved; waiting for verification at the grid.
    Resolved,
    /// Verified and closed at the grid (终于网格).
    Closed,
    /// Suspended (挂账) with approval; the clocks pause.
    Suspended,
    /// Voided (作废) with approval: never due.
    Voided,
    /// Merged into another case as a duplicate: never due.
    Merged,
}

/// Supervision level (督办).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Supervision {
    /// Not supervised.
    #[default]
    None,
    /// 普通督办.
    Normal,
    /// 黄牌督办.
    Yellow,
    /// 红牌督办.
    Red,
}

/// The reporter's rating at the return visit (回访).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// 满意.
    Satisfied,
    /// 基本满意.
    BasicallySatisfied,
    /// 不满意.
    Unsatisfied,
}

/// One case as a flat row (DESIGN principle 8): what scoring reads.
///
/// Instants are RFC 3339 with an offset. Optional fields are absent (JSON) or empty (CSV)
/// when unknown; counts and flags default to 0 / false.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseRecord {
    /// Case id, unique within a data set.
    pub id: String,
    /// The grid the case belongs to (located or given at report).
    pub grid: GridCode,
    /// The unit handling it last: a unit code or `dept:<department id>`; empty if none.
    #[serde(default)]
    pub handler: String,
    /// The person responsible at the grid (the grid worker), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worker: Option<String>,
    /// Category id from the policy's catalogue.
    pub category: String,
    /// Event or component.
    pub class: CaseClass,
    /// Urgency.
    pub urgency: Urgency,
    /// Tier that handled it last.
    pub tier: Tier,
    /// Where the report came from.
    pub source: Source,
    /// When it was reported.
    pub reported_at: DateTime<FixedOffset>,
    /// When it was first accepted (the response), if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_at: Option<DateTime<FixedOffset>>,
    /// The overall deadline in force (after extensions and suspensions), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_at: Option<DateTime<FixedOffset>>,
    /// When it was closed, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<DateTime<FixedOffset>>,
    /// Status at the time the record was taken.
    pub status: CaseStatus,
    /// How many times verification failed (返工).
    #[serde(default)]
    pub rework: u32,
    /// Highest supervision level reached.
    #[serde(default)]
    pub supervision: Supervision,
    /// The reporter's rating, if a return visit rated it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<Rating>,
    /// Whether the return visit reached the reporter (Beijing 响应率), if asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contacted: Option<bool>,
    /// Whether the reporter says the matter was resolved (Beijing 解决率), if asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<bool>,
    /// Assigned by a leader (领导交办): some sheets weigh its deductions double.
    #[serde(default)]
    pub leader_assigned: bool,
    /// Deferred (缓办): 金华 removes these from the denominators.
    #[serde(default)]
    pub deferred: bool,
}

/// The CSV columns of a case record, in order (the header line of `wangge case records
/// --format csv` and of files a platform writes itself).
///
/// ```
/// assert_eq!(wangge::record::CSV_COLUMNS[0], "id");
/// assert_eq!(wangge::record::CSV_COLUMNS.len(), 21);
/// ```
pub const CSV_COLUMNS: &[&str] = &[
    "id",
    "grid",
    "handler",
    "worker",
    "category",
    "class",
    "urgency",
    "tier",
    "source",
    "reported_at",
    "accepted_at",
    "due_at",
    "closed_at",
    "status",
    "rework",
    "supervision",
    "rating",
    "contacted",
    "resolved",
    "leader_assigned",
    "deferred",
];

/// The most rows a reader takes from one input by default: 10 million (a province's cases
/// over years). A row is counted whether it parses or is skipped.
pub const MAX_ROWS: usize = 10_000_000;

/// How a reader treats bad rows, and how many rows it takes.
///
/// ```
/// use wangge::record::{ReadOptions, MAX_ROWS};
/// let o = ReadOptions { skip_bad_rows: true, ..ReadOptions::default() };
/// assert_eq!(o.max_rows, MAX_ROWS);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Skip rows that do not parse and report them in [`RecordSet::skipped`] instead of
    /// failing on the first one.
    pub skip_bad_rows: bool,
    /// The most rows read (default [`MAX_ROWS`]); one more is [`RecordError::TooManyRows`]
    /// (`input_too_large`).
    pub max_rows: usize,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            skip_bad_rows: false,
            max_rows: MAX_ROWS,
        }
    }
}

impl ReadOptions {
    /// The error when a row starting on `line` would be one more than [`Self::max_rows`].
    pub(crate) fn check_count(&self, set: &RecordSet, line: usize) -> Result<(), RecordError> {
        if set.records.len() + set.skipped.len() >= self.max_rows {
            return Err(RecordError::TooManyRows {
                line,
                limit: self.max_rows,
            });
        }
        Ok(())
    }
}

/// The rows read from a file, and the rows skipped (only with
/// [`ReadOptions::skip_bad_rows`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecordSet {
    /// The rows, in file order.
    pub records: Vec<CaseRecord>,
    /// The rows skipped, in file order.
    pub skipped: Vec<BadRow>,
}
