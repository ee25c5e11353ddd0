//! Typed scoring: case records in, a score result out (the `score.*` operations without
//! JSON). Records and enums here mirror `wangge::record` and `wangge::scoring`; instants
//! are RFC 3339 text with an offset.
//!
//! The partial path (count per partition, merge, score once) keeps the partial as opaque
//! JSON text: the host stores or ships it, never reads it.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use wangge::api::Limits;
use wangge::api::args::{PolicySource, parse_instant};
use wangge::record::ReadOptions;
use wangge::scoring::api::{ComputeIn, FromPartialIn, MergeIn, PartialIn};
use wangge::scoring::{self as sc, Partial};

use crate::case::CaseStatus;
use crate::{WanggeError, core, guard};

/// Urgency class of a report (一般 / 重要 / 重要紧急).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Urgency {
    /// 一般.
    Routine,
    /// 重要.
    Important,
    /// 重要紧急.
    Urgent,
}

/// The tier that handles a case (分级办理 一至四级).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Tier {
    /// 一级: within the grid.
    T1,
    /// 二级: the community.
    T2,
    /// 三级: the town.
    T3,
    /// 四级: the county.
    T4,
}

/// 数字城管 class of a category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum CaseClass {
    /// 事件.
    Event,
    /// 部件.
    Component,
}

/// Where a report came from (the record's `source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ReportSource {
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

/// Supervision level (督办).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Supervision {
    /// Not supervised.
    None,
    /// 普通督办.
    Normal,
    /// 黄牌督办.
    Yellow,
    /// 红牌督办.
    Red,
}

/// The reporter's rating at the return visit (回访).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Rating {
    /// 满意.
    Satisfied,
    /// 基本满意.
    BasicallySatisfied,
    /// 不满意.
    Unsatisfied,
}

/// One case as a flat row: what scoring reads (`wangge::record::CaseRecord`, the rows of
/// `read_case_records_csv` and of `CaseBook.records_jsonl`). Instants are RFC 3339 with an
/// offset.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CaseRecord {
    /// Case id, unique within a data set.
    pub id: String,
    /// The grid code (14, 15 or 20 digits).
    pub grid: String,
    /// The unit handling it last: a unit code or `dept:<department id>`; empty if none.
    #[uniffi(default = "")]
    pub handler: String,
    /// The grid worker responsible, if known.
    #[uniffi(default = None)]
    pub worker: Option<String>,
    /// Category id from the policy's catalogue.
    pub category: String,
    /// Event or component (the record's `class`; renamed, a keyword in the hosts).
    pub case_class: CaseClass,
    /// Urgency.
    pub urgency: Urgency,
    /// Tier that handled it last.
    pub tier: Tier,
    /// Where the report came from.
    pub source: ReportSource,
    /// When it was reported.
    pub reported_at: String,
    /// When it was first accepted, if it was.
    #[uniffi(default = None)]
    pub accepted_at: Option<String>,
    /// The overall deadline in force, if any.
    #[uniffi(default = None)]
    pub due_at: Option<String>,
    /// When it was closed, if it was.
    #[uniffi(default = None)]
    pub closed_at: Option<String>,
    /// Status at the time the record was taken.
    pub status: CaseStatus,
    /// How many times verification failed (返工).
    #[uniffi(default = 0)]
    pub rework: u32,
    /// Highest supervision level reached.
    pub supervision: Supervision,
    /// The reporter's rating, if a return visit rated it.
    #[uniffi(default = None)]
    pub rating: Option<Rating>,
    /// Whether the return visit reached the reporter, if asked.
    #[uniffi(default = None)]
    pub contacted: Option<bool>,
    /// Whether the reporter says the matter was resolved, if asked.
    #[uniffi(default = None)]
    pub resolved: Option<bool>,
    /// Assigned by a leader (领导交办).
    #[uniffi(default = false)]
    pub leader_assigned: bool,
    /// Deferred (缓办).
    #[uniffi(default = false)]
    pub deferred: bool,
}

/// The unit scores are computed per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum GroupBy {
    /// Per grid.
    Grid,
    /// Per community (社区/村).
    Community,
    /// Per town (乡镇/街道).
    Town,
    /// Per county (县/区).
    County,
    /// Per handling unit.
    Handler,
    /// Per class: `event` / `component`.
    Class,
    /// Per grid worker.
    Worker,
    /// Per category.
    Category,
    /// One unit, `"all"`, for the whole data set.
    All,
}

/// What an indicator measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum IndicatorKind {
    /// 办结率.
    Completion,
    /// 按期办结率.
    OnTime,
    /// 满意率.
    Satisfaction,
    /// 响应率.
    Response,
    /// 解决率.
    Resolution,
    /// 返工率 (lower is better).
    Rework,
    /// 有效上报率.
    ReportValidity,
    /// 漏报率 (lower is better).
    MissedReport,
    /// Urgent cases closed ÷ urgent cases due.
    UrgentCompletion,
    /// Urgent cases closed on time ÷ urgent cases due.
    UrgentOnTime,
    /// Count of cases reported.
    Reported,
    /// Count of cases registered.
    Registered,
    /// Count of cases due.
    Due,
    /// Count of due cases closed.
    Closed,
    /// Count of reworks over the due cases.
    ReworkCount,
}

/// The denominator of a rate (policy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Denominator {
    /// Cases due in the period.
    Due,
    /// Cases registered in the period.
    Registered,
    /// Due less deferred (金华).
    DueMinusDeferred,
    /// Due cases closed.
    Closed,
    /// Cases revisited.
    Revisited,
    /// Revisited cases that were rated.
    Rated,
    /// Cases reported.
    Reported,
    /// Urgent cases due.
    UrgentDue,
}

/// The instant that places a case in the period for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Anchor {
    /// `due_at` falls in the period.
    DueAt,
    /// `reported_at` falls in the period.
    ReportedAt,
    /// `closed_at` falls in the period.
    ClosedAt,
}

/// Which way is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Direction {
    /// More is better.
    HigherIsBetter,
    /// Less is better.
    LowerIsBetter,
}

/// Whether a sheet reproduces a published one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Basis {
    /// Published by the locality.
    Published,
    /// From open-source code or practice, not an official document.
    Unofficial,
    /// A default: numbers are placeholders.
    Default,
}

/// A period's bounds: `[start, end)` in the policy zone's local time (RFC 3339).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PeriodBounds {
    /// The first instant inside the period.
    pub start: String,
    /// The first instant after it.
    pub end: String,
}

/// An indicator's declaration, as reported with every result.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IndicatorInfo {
    /// The id (`completion`, `on_time` …).
    pub id: String,
    /// What it measures.
    pub kind: IndicatorKind,
    /// The numerator, in words.
    pub numerator: String,
    /// The denominator (none for a count).
    pub denominator: Option<Denominator>,
    /// The instant that places a case in the period.
    pub anchor: Anchor,
    /// Which way is good.
    pub direction: Direction,
    /// Whether the value is a percentage (else a count).
    pub rate: bool,
}

/// An indicator's value for one unit. `value` and `display` are none when the denominator
/// is empty (not applicable — never 0 % or 100 %).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct IndicatorValue {
    /// The numerator (fractional for weighted satisfaction).
    pub numerator: f64,
    /// The denominator (none for a count).
    pub denominator: Option<u64>,
    /// The percentage or count; none when not applicable.
    pub value: Option<f64>,
    /// The value rounded for display (`"93.72%"`); none when not applicable.
    pub display: Option<String>,
}

/// One sheet item's points (none when its value is not applicable).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ItemScore {
    /// The item id.
    pub id: String,
    /// Its max points.
    pub max: f64,
    /// The points.
    pub points: Option<f64>,
}

/// One unit's scores.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct UnitScore {
    /// The unit id (grid code, community code, handler, class …).
    pub unit: String,
    /// Every indicator of the policy, by id.
    pub indicators: HashMap<String, IndicatorValue>,
    /// The sheet's items (empty without a sheet).
    pub items: Vec<ItemScore>,
    /// The total (none without a sheet or when no item applies).
    pub total: Option<f64>,
    /// The highest possible total.
    pub max: Option<f64>,
    /// The grade.
    pub grade: Option<String>,
    /// Stars, if the sheet awards them.
    pub stars: Option<u8>,
    /// Pay, if the sheet sets it.
    pub pay: Option<f64>,
    /// Eligible for 先进 (none without eligibility rules).
    pub advanced_eligible: Option<bool>,
    /// The points in the larger assessment, if the sheet is part of one.
    pub composite: Option<f64>,
    /// The rank among ranked units (1 = best), none if not ranked.
    pub rank: Option<u64>,
}

/// The sheet a result was scored with.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SheetSummary {
    /// The id.
    pub id: String,
    /// The name.
    pub name: String,
    /// Published, unofficial or default.
    pub basis: Basis,
    /// The scale.
    pub scale: f64,
}

/// One linked person's score.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct LinkedScore {
    /// The person.
    pub id: String,
    /// The linked score.
    pub score: f64,
}

/// The result of scoring one period (the output of `score.compute`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ScoreResult {
    /// The period (`2016-12`, `2016-Q4`, `2016`).
    pub period: String,
    /// Its bounds.
    pub bounds: PeriodBounds,
    /// The instant counting stopped at (RFC 3339).
    pub cut: String,
    /// The grouping.
    pub by: GroupBy,
    /// The sheet, if one was used.
    pub sheet: Option<SheetSummary>,
    /// The indicators' declarations.
    pub indicators: Vec<IndicatorInfo>,
    /// Per unit, sorted by unit id.
    pub units: Vec<UnitScore>,
    /// Red list: the best ranked units, best first.
    pub red_list: Vec<String>,
    /// Black list: the worst ranked units, worst first.
    pub black_list: Vec<String>,
    /// Linked assessments.
    pub linked: Vec<LinkedScore>,
}

// ---- enums, both ways where they go both ways ------------------------------------------

macro_rules! both_ways {
    ($ours:ident, $theirs:path, [$($v:ident),* $(,)?]) => {
        impl From<$ours> for $theirs {
            fn from(x: $ours) -> $theirs {
                use $theirs as T;
                match x {
                    $($ours::$v => T::$v,)*
                }
            }
        }
        impl From<$theirs> for $ours {
            fn from(x: $theirs) -> $ours {
                use $theirs as T;
                match x {
                    $(T::$v => $ours::$v,)*
                }
            }
        }
    };
}

both_ways!(
    Urgency,
    wangge::record::Urgency,
    [Routine, Important, Urgent]
);
both_ways!(Tier, wangge::record::Tier, [T1, T2, T3, T4]);
both_ways!(CaseClass, wangge::record::CaseClass, [Event, Component]);
both_ways!(
    ReportSource,
    wangge::record::Source,
    [Patrol, Resident, Hotline, Sensor, Department, Leader]
);
both_ways!(
    Supervision,
    wangge::record::Supervision,
    [None, Normal, Yellow, Red]
);
both_ways!(
    Rating,
    wangge::record::Rating,
    [Satisfied, BasicallySatisfied, Unsatisfied]
);
both_ways!(
    CaseStatus,
    wangge::record::CaseStatus,
    [
        Reported, Accepted, Assigned, InProgress, Resolved, Closed, Suspended, Voided, Merged
    ]
);
both_ways!(
    GroupBy,
    sc::GroupBy,
    [
        Grid, Community, Town, County, Handler, Class, Worker, Category, All
    ]
);
both_ways!(
    IndicatorKind,
    sc::IndicatorKind,
    [
        Completion,
        OnTime,
        Satisfaction,
        Response,
        Resolution,
        Rework,
        ReportValidity,
        MissedReport,
        UrgentCompletion,
        UrgentOnTime,
        Reported,
        Registered,
        Due,
        Closed,
        ReworkCount
    ]
);
both_ways!(
    Denominator,
    sc::Denominator,
    [
        Due,
        Registered,
        DueMinusDeferred,
        Closed,
        Revisited,
        Rated,
        Reported,
        UrgentDue
    ]
);
both_ways!(Anchor, sc::Anchor, [DueAt, ReportedAt, ClosedAt]);
both_ways!(Direction, sc::Direction, [HigherIsBetter, LowerIsBetter]);
both_ways!(Basis, sc::Basis, [Published, Unofficial, Default]);

// ---- records ---------------------------------------------------------------------------

fn instant(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc3339()
}

impl From<wangge::record::CaseRecord> for CaseRecord {
    fn from(r: wangge::record::CaseRecord) -> CaseRecord {
        let wangge::record::CaseRecord {
            id,
            grid,
            handler,
            worker,
            category,
            class,
            urgency,
            tier,
            source,
            reported_at,
            accepted_at,
            due_at,
            closed_at,
            status,
            rework,
            supervision,
            rating,
            contacted,
            resolved,
            leader_assigned,
            deferred,
        } = r;
        CaseRecord {
            id,
            grid: grid.to_string(),
            handler,
            worker,
            category,
            case_class: class.into(),
            urgency: urgency.into(),
            tier: tier.into(),
            source: source.into(),
            reported_at: instant(&reported_at),
            accepted_at: accepted_at.as_ref().map(instant),
            due_at: due_at.as_ref().map(instant),
            closed_at: closed_at.as_ref().map(instant),
            status: status.into(),
            rework,
            supervision: supervision.into(),
            rating: rating.map(Rating::from),
            contacted,
            resolved,
            leader_assigned,
            deferred,
        }
    }
}

/// The core record of row `i`; a bad grid or instant names the row and field.
fn core_record(i: usize, r: CaseRecord) -> Result<wangge::record::CaseRecord, WanggeError> {
    let at = |field: &str, e: wangge::Error| {
        WanggeError::new(e.code(), format!("records[{i}].{field}: {e}"))
    };
    let time = |field: &str, t: Option<String>| {
        t.map(|t| parse_instant(&t).map_err(|e| at(field, e)))
            .transpose()
    };
    let CaseRecord {
        id,
        grid,
        handler,
        worker,
        category,
        case_class,
        urgency,
        tier,
        source,
        reported_at,
        accepted_at,
        due_at,
        closed_at,
        status,
        rework,
        supervision,
        rating,
        contacted,
        resolved,
        leader_assigned,
        deferred,
    } = r;
    Ok(wangge::record::CaseRecord {
        id,
        grid: wangge::code::GridCode::parse(&grid).map_err(|e| at("grid", e.into()))?,
        handler,
        worker,
        category,
        class: case_class.into(),
        urgency: urgency.into(),
        tier: tier.into(),
        source: source.into(),
        reported_at: parse_instant(&reported_at).map_err(|e| at("reported_at", e))?,
        accepted_at: time("accepted_at", accepted_at)?,
        due_at: time("due_at", due_at)?,
        closed_at: time("closed_at", closed_at)?,
        status: status.into(),
        rework,
        supervision: supervision.into(),
        rating: rating.map(Into::into),
        contacted,
        resolved,
        leader_assigned,
        deferred,
    })
}

fn core_records(records: Vec<CaseRecord>) -> Result<Vec<wangge::record::CaseRecord>, WanggeError> {
    records
        .into_iter()
        .enumerate()
        .map(|(i, r)| core_record(i, r))
        .collect()
}

// ---- results ---------------------------------------------------------------------------

impl From<sc::PeriodBounds> for PeriodBounds {
    fn from(b: sc::PeriodBounds) -> PeriodBounds {
        PeriodBounds {
            start: instant(&b.start),
            end: instant(&b.end),
        }
    }
}

impl From<sc::IndicatorInfo> for IndicatorInfo {
    fn from(i: sc::IndicatorInfo) -> IndicatorInfo {
        let sc::IndicatorInfo {
            id,
            kind,
            numerator,
            denominator,
            anchor,
            direction,
            rate,
        } = i;
        IndicatorInfo {
            id,
            kind: kind.into(),
            numerator,
            denominator: denominator.map(Denominator::from),
            anchor: anchor.into(),
            direction: direction.into(),
            rate,
        }
    }
}

impl From<sc::IndicatorValue> for IndicatorValue {
    fn from(v: sc::IndicatorValue) -> IndicatorValue {
        let sc::IndicatorValue {
            numerator,
            denominator,
            value,
            display,
        } = v;
        IndicatorValue {
            numerator,
            denominator,
            value,
            display,
        }
    }
}

impl From<sc::ItemScore> for ItemScore {
    fn from(i: sc::ItemScore) -> ItemScore {
        let sc::ItemScore { id, max, points } = i;
        ItemScore { id, max, points }
    }
}

impl From<sc::UnitScore> for UnitScore {
    fn from(u: sc::UnitScore) -> UnitScore {
        let sc::UnitScore {
            unit,
            indicators,
            items,
            total,
            max,
            grade,
            stars,
            pay,
            advanced_eligible,
            composite,
            rank,
        } = u;
        UnitScore {
            unit,
            indicators: indicators.into_iter().map(|(k, v)| (k, v.into())).collect(),
            items: items.into_iter().map(ItemScore::from).collect(),
            total,
            max,
            grade,
            stars,
            pay,
            advanced_eligible,
            composite,
            rank: rank.map(|r| r as u64),
        }
    }
}

impl From<sc::SheetSummary> for SheetSummary {
    fn from(s: sc::SheetSummary) -> SheetSummary {
        let sc::SheetSummary {
            id,
            name,
            basis,
            scale,
        } = s;
        SheetSummary {
            id,
            name,
            basis: basis.into(),
            scale,
        }
    }
}

impl From<sc::LinkedScore> for LinkedScore {
    fn from(l: sc::LinkedScore) -> LinkedScore {
        let sc::LinkedScore { id, score } = l;
        LinkedScore { id, score }
    }
}

impl From<sc::ScoreResult> for ScoreResult {
    fn from(r: sc::ScoreResult) -> ScoreResult {
        let sc::ScoreResult {
            period,
            bounds,
            cut,
            by,
            sheet,
            indicators,
            units,
            red_list,
            black_list,
            linked,
        } = r;
        ScoreResult {
            period: period.to_string(),
            bounds: bounds.into(),
            cut: instant(&cut),
            by: by.into(),
            sheet: sheet.map(SheetSummary::from),
            indicators: indicators.into_iter().map(IndicatorInfo::from).collect(),
            units: units.into_iter().map(UnitScore::from).collect(),
            red_list,
            black_list,
            linked: linked.into_iter().map(LinkedScore::from).collect(),
        }
    }
}

// ---- functions -------------------------------------------------------------------------

/// The policy argument: a preset id (`"seed002"`) or TOML/JSON text; none: the defaults.
fn policy_source(policy: Option<String>) -> Result<Option<PolicySource>, WanggeError> {
    if let Some(p) = &policy {
        Limits::default()
            .check_len("policy", p.len())
            .map_err(core)?;
    }
    Ok(policy.map(PolicySource::Text))
}

fn as_of_arg(as_of: Option<String>) -> Result<Option<DateTime<FixedOffset>>, WanggeError> {
    as_of.map(|t| parse_instant(&t).map_err(core)).transpose()
}

fn partial_text(p: &Partial) -> Result<String, WanggeError> {
    serde_json::to_string(p)
        .map_err(|e| WanggeError::new(wangge::ErrorCode::Internal, e.to_string()))
}

fn partial_arg(name: &str, text: &str) -> Result<Partial, WanggeError> {
    Limits::default()
        .check_len(name, text.len())
        .map_err(core)?;
    serde_json::from_str(text).map_err(|e| {
        WanggeError::new(
            wangge::ErrorCode::InvalidScoringInput,
            format!("`{name}` is not a partial: {e}"),
        )
    })
}

/// Scores case records for one period (typed `score.compute`): `policy` is a preset id
/// (`"seed002"`) or TOML/JSON policy text (none: the defaults), `period` `2016-12`,
/// `2016-Q4` or `2016`, `sheet` a sheet id (none: the policy's default sheet), `as_of` an
/// RFC 3339 instant to count only what happened before it.
///
/// Errors: `InvalidPeriod`, `UnknownPreset`, `InvalidPolicy`, `UnknownScoreSheet`, a bad
/// record field (`InvalidGridCode`, `InvalidDateTime`, naming `records[i].field`).
#[uniffi::export(default(sheet = None, as_of = None))]
pub fn score_records(
    policy: Option<String>,
    records: Vec<CaseRecord>,
    period: String,
    by: GroupBy,
    sheet: Option<String>,
    as_of: Option<String>,
) -> Result<ScoreResult, WanggeError> {
    guard(|| {
        let input = ComputeIn {
            policy: policy_source(policy)?,
            records: core_records(records)?,
            period,
            by: by.into(),
            sheet,
            as_of: as_of_arg(as_of)?,
            inputs: Default::default(),
            links: vec![],
        };
        Ok(sc::api::compute(input).map_err(core)?.into())
    })
}

/// Reads case records from CSV text with a header line (the columns of
/// `wangge::record::CSV_COLUMNS`, as `wangge case records --format csv` writes them).
/// A bad row fails with `InvalidRecords`, its message naming the line and column.
#[uniffi::export]
pub fn read_case_records_csv(text: String) -> Result<Vec<CaseRecord>, WanggeError> {
    guard(|| {
        let set = wangge::record::read_csv(&text, ReadOptions::default()).map_err(core)?;
        Ok(set.records.into_iter().map(CaseRecord::from).collect())
    })
}

/// Reads case records from JSON Lines (one record object per line; blank lines skipped).
/// A bad line fails with `InvalidRecords`, its message naming the line and field.
#[uniffi::export]
pub fn read_case_records_jsonl(text: String) -> Result<Vec<CaseRecord>, WanggeError> {
    guard(|| {
        let set = wangge::record::read_jsonl(&text, ReadOptions::default()).map_err(core)?;
        Ok(set.records.into_iter().map(CaseRecord::from).collect())
    })
}

/// Counts one partition's records into a partial (typed `score.partial`), returned as
/// opaque JSON text to store, ship, merge with [`score_merge_partials`] and score with
/// [`score_partial_result`]. The arguments are those of [`score_records`].
#[uniffi::export(default(as_of = None))]
pub fn score_records_partial(
    policy: Option<String>,
    records: Vec<CaseRecord>,
    period: String,
    by: GroupBy,
    as_of: Option<String>,
) -> Result<String, WanggeError> {
    guard(|| {
        let input = PartialIn {
            policy: policy_source(policy)?,
            records: core_records(records)?,
            period,
            by: by.into(),
            as_of: as_of_arg(as_of)?,
        };
        partial_text(&sc::api::partial(input).map_err(core)?)
    })
}

/// Adds partials (JSON text from [`score_records_partial`]) of one period, cut-off and
/// grouping into one, in any order. Errors: `InvalidScoringInput` (none given, or
/// partials that do not match).
#[uniffi::export]
pub fn score_merge_partials(partials: Vec<String>) -> Result<String, WanggeError> {
    guard(|| {
        let partials = partials
            .iter()
            .enumerate()
            .map(|(i, p)| partial_arg(&format!("partials[{i}]"), p))
            .collect::<Result<Vec<_>, _>>()?;
        partial_text(&sc::api::merge(MergeIn { partials }).map_err(core)?)
    })
}

/// Scores a partial (merged or not; JSON text) as [`score_records`] scores records:
/// `policy` must be the one the partial was counted under.
#[uniffi::export(default(sheet = None))]
pub fn score_partial_result(
    policy: Option<String>,
    partial: String,
    sheet: Option<String>,
) -> Result<ScoreResult, WanggeError> {
    guard(|| {
        let input = FromPartialIn {
            policy: policy_source(policy)?,
            partial: partial_arg("partial", &partial)?,
            sheet,
            inputs: Default::default(),
            links: vec![],
        };
        Ok(sc::api::from_partial(input).map_err(core)?.into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use wangge::ErrorCode;

    /// Grid 001: A closed on time, B closed late, C open and overdue (all due in
    /// December), D due in January. Grid 002: E due in January only.
    const CSV: &str = "id,grid,category,class,urgency,tier,source,reported_at,due_at,closed_at,status\n\
        A,371323100201001,x,event,routine,t1,patrol,2016-12-01T09:00:00+08:00,2016-12-05T17:00:00+08:00,2016-12-04T10:00:00+08:00,closed\n\
        B,371323100201001,x,event,routine,t1,patrol,2016-12-02T09:00:00+08:00,2016-12-06T17:00:00+08:00,2016-12-07T10:00:00+08:00,closed\n\
        C,371323100201001,x,event,urgent,t2,hotline,2016-12-03T09:00:00+08:00,2016-12-09T17:00:00+08:00,,assigned\n\
        D,371323100201001,x,event,routine,t1,patrol,2016-12-20T09:00:00+08:00,2017-01-06T17:00:00+08:00,,assigned\n\
        E,371323100201002,x,component,routine,t1,sensor,2016-12-21T09:00:00+08:00,2017-01-08T17:00:00+08:00,,reported\n";

    #[test]
    fn typed_scores_equal_the_json_operation() {
        let records = read_case_records_csv(CSV.into()).unwrap();
        assert_eq!(records.len(), 5);
        assert_eq!(records[2].urgency, Urgency::Urgent);
        assert_eq!(records[4].source, ReportSource::Sensor);
        let typed = score_records(
            Some("seed001".into()),
            records.clone(),
            "2016-12".into(),
            GroupBy::Grid,
            None,
            None,
        )
        .unwrap();
        let g1 = &typed.units[0];
        assert_eq!(g1.unit, "371323100201001");
        let completion = &g1.indicators["completion"];
        assert_eq!(
            (completion.numerator, completion.denominator),
            (2.0, Some(3))
        );
        assert_eq!(completion.display.as_deref(), Some("66.67%"));
        assert_eq!(g1.indicators["on_time"].numerator, 1.0);
        let g2 = &typed.units[1];
        assert_eq!(g2.indicators["completion"].denominator, Some(0)); // nothing due: not applicable
        assert_eq!(g2.indicators["completion"].value, None);
        assert_eq!(g2.indicators["completion"].display, None);

        let rows: Vec<serde_json::Value> = wangge::record::read_csv(CSV, ReadOptions::default())
            .unwrap()
            .records
            .iter()
            .map(|r| serde_json::to_value(r).unwrap())
            .collect();
        let json = wangge::api::call(
            "score.compute",
            &serde_json::json!({"policy": "seed001", "records": rows, "period": "2016-12"}),
        )
        .unwrap();
        let core: sc::ScoreResult = serde_json::from_value(json).unwrap();
        assert_eq!(ScoreResult::from(core), typed);

        // Partitions counted apart, merged and scored: the same result.
        let part = |rs: &[CaseRecord]| {
            score_records_partial(
                Some("seed001".into()),
                rs.to_vec(),
                "2016-12".into(),
                GroupBy::Grid,
                None,
            )
            .unwrap()
        };
        let merged = score_merge_partials(vec![part(&records[3..]), part(&records[..3])]).unwrap();
        let scored = score_partial_result(Some("seed001".into()), merged, None).unwrap();
        assert_eq!(scored, typed);
    }

    #[test]
    fn errors_name_their_cause() {
        let records = read_case_records_csv(CSV.into()).unwrap();
        let e = score_records(
            None,
            records.clone(),
            "2016-13".into(),
            GroupBy::Grid,
            None,
            None,
        )
        .unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidPeriod);
        let mut bad = records[0].clone();
        bad.due_at = Some("tomorrow".into());
        let e = score_records(
            None,
            vec![records[1].clone(), bad],
            "2016-12".into(),
            GroupBy::Grid,
            None,
            None,
        )
        .unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidDateTime);
        assert!(e.to_string().contains("records[1].due_at"), "{e}");
        let broken = CSV.replace("t2,hotline", "t9,hotline");
        let e = read_case_records_csv(broken).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidRecords);
        assert!(e.to_string().contains("line 4"), "{e}");
        let e = score_merge_partials(vec![]).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidScoringInput);
    }
}
