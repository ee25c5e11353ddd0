//! Scoring (考核): indicators with explicit denominators, score sheets as data, grades,
//! stars and pay, eligibility, rankings — from flat case records only.
//!
//! The pipeline, each step a small file:
//!
//! 1. [`Period`]: a month, quarter or year, a half-open interval of local time in the
//!    policy's zone ([`Period::bounds`]).
//! 2. [`Partial`]: per-unit counters ([`Counts`]) folded from [`CaseRecord`]s, grouped
//!    [`GroupBy`] grid, community, town, county, handler, class, worker or category. A
//!    partial is a serde value whose [`Partial::merge`] is associative and commutative, so
//!    history can be counted per partition and merged.
//! 3. [`Indicator`]s: each declares its numerator, its denominator ([`Denominator`], policy),
//!    the instant that places a case in the period ([`Anchor`]) and its [`Direction`]. An
//!    empty denominator is *not applicable* (`None`), never 0 % or 100 %. Display rounding
//!    ([`Rounding`]: decimals and half-up / half-even / down) is policy and exact.
//! 4. [`Sheet`]s: items with max points and a [`Rule`] (linear, threshold, bands, deduction,
//!    bonus, host input), validated against the sheet's scale; grades, stars with quotas
//!    and eligibility, pay, eligibility rules, rankings with a minimum case count and
//!    red/black lists, a composite share. Published sheets ship in a library
//!    ([`library_sheet_ids`]).
//! 5. [`score`] / [`compute`] turn a partial (or records) into a [`ScoreResult`].
//!
//! Scoring reads records, never journals (DESIGN principle 8), and takes a
//! [`ScoringPolicy`] — never the whole policy.
//!
//! A case is **due** in the period when its `due_at` falls inside it; voided and merged
//! cases are never due. **Closed** counts the due cases closed before the period's end
//! (or `as_of`, if earlier), **on time** those closed at or before their `due_at`.
//!
//! ```
//! use wangge::record::{read_csv, ReadOptions};
//! use wangge::scoring::{compute, GroupBy, ScoreRequest, ScoringPolicy};
//! let csv = "id,grid,category,class,urgency,tier,source,reported_at,due_at,closed_at,status\n\
//!   A,371323100201001,x,event,routine,t1,patrol,2016-12-01T09:00:00+08:00,2016-12-05T17:00:00+08:00,2016-12-04T10:00:00+08:00,closed\n\
//!   B,371323100201001,x,event,routine,t1,patrol,2016-12-02T09:00:00+08:00,2016-12-06T17:00:00+08:00,2016-12-07T10:00:00+08:00,closed\n\
//!   C,371323100201001,x,event,routine,t1,patrol,2016-12-20T09:00:00+08:00,2017-01-06T17:00:00+08:00,,assigned\n";
//! let records = read_csv(csv, ReadOptions::default())?.records;
//! let request = ScoreRequest::new("2016-12".parse()?, GroupBy::Grid);
//! let result = compute(&ScoringPolicy::default(), &records, &request)?;
//! let unit = &result.units[0];
//! assert_eq!(unit.indicators["completion"].denominator, Some(2)); // C is not due yet
//! assert_eq!(unit.indicators["completion"].display.as_deref(), Some("100.00%"));
//! assert_eq!(unit.indicators["on_time"].display.as_deref(), Some("50.00%"));
//! assert_eq!(unit.indicators["satisfaction"].value, None);         // nobody was asked
//! # Ok::<(), wangge::Error>(())
//! ```
//!
//! [`CaseRecord`]: crate::record::CaseRecord

pub mod api;
mod columns;
mod compute;
mod counts;
mod fold;
mod group;
mod indicator;
mod library;
mod linked;
mod partial;
mod period;
mod policy;
mod rounding;
mod rule;
mod sheet;

#[cfg(test)]
mod tests;

pub use columns::CaseColumns;
pub use compute::{
    ItemScore, LinkedScore, ScoreRequest, ScoreResult, SheetSummary, UnitInput, UnitScore, compute,
    score,
};
pub use counts::Counts;
pub use group::GroupBy;
pub use indicator::{
    Anchor, Denominator, Direction, Indicator, IndicatorInfo, IndicatorKind, IndicatorValue, Ratio,
};
pub use library::{library_sheet, library_sheet_ids};
pub use linked::{Composite, Link, LinkedWeights};
pub use partial::Partial;
pub use period::{Period, PeriodBounds, PeriodKind};
pub use policy::{Basis, ScoringPolicy, ScoringPolicyFile};
pub use rounding::{Rounding, RoundingMode};
pub use rule::{Band, Rule, Term};
pub use sheet::{
    EligibilityRule, Grade, Item, Pay, PayBy, Ranking, Sheet, SheetFile, StarBand, StarQuota, Stars,
};

use crate::error::ErrorCode;

/// Errors from scoring.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ScoringError {
    /// A period is malformed or out of range.
    #[error("invalid period {0}")]
    Period(String),
    /// A sheet is invalid (a field named by its path inside the sheet).
    #[error("invalid score sheet {sheet:?}: {field}: {message}")]
    Sheet {
        /// The sheet's id.
        sheet: String,
        /// The field at fault (`items[2].rule.of`).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// The scoring policy is invalid outside any sheet.
    #[error("invalid scoring policy: {field}: {message}")]
    Policy {
        /// The field at fault (`indicators[0].denominator`).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// No sheet with that id in the policy or the library.
    #[error("unknown score sheet {0:?}")]
    UnknownSheet(String),
    /// A scoring input is invalid (partials that do not match, bad per-unit inputs …).
    #[error("invalid scoring input: {0}")]
    Input(String),
}

impl ScoringError {
    /// The stable error code.
    ///
    /// ```
    /// use wangge::{ErrorCode, scoring::Period};
    /// let e = "2016-13".parse::<Period>().unwrap_err();
    /// assert_eq!(e.code(), ErrorCode::InvalidPeriod);
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            ScoringError::Period(_) => ErrorCode::InvalidPeriod,
            ScoringError::Sheet { .. } | ScoringError::Policy { .. } => {
                ErrorCode::InvalidScoreSheet
            }
            ScoringError::UnknownSheet(_) => ErrorCode::UnknownScoreSheet,
            ScoringError::Input(_) => ErrorCode::InvalidScoringInput,
        }
    }

    pub(crate) fn sheet(
        sheet: &str,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> ScoringError {
        ScoringError::Sheet {
            sheet: sheet.chars().take(60).collect(),
            field: field.into(),
            message: message.into(),
        }
    }

    pub(crate) fn policy(field: impl Into<String>, message: impl Into<String>) -> ScoringError {
        ScoringError::Policy {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Rounds points to 1e-6 so that sums of decimal points print without float noise.
pub(crate) fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}
