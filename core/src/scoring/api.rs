//! The `score.*` JSON operations (called from [`crate::api::call`]).
//!
//! `score.compute`: `"policy"` — a preset id (`"seed002"`), TOML/JSON text or an inline
//! object ([`PolicySource`]; absent: the defaults), `"records": [case records]`, `"period": "2016-12"`, `"by"?`, `"sheet"?`,
//! `"as_of"?`, `"inputs"?: {unit: {"values", "levels", "months_in_post"}}`, `"links"?` →
//! a [`ScoreResult`].
//!
//! ```
//! use serde_json::json;
//! let out = wangge::api::call("score.compute", &json!({
//!     "policy": "seed004",
//!     "records": [{"id": "C1", "grid": "420106001001001", "category": "x", "class": "event",
//!                  "urgency": "routine", "tier": "t1", "source": "patrol",
//!                  "reported_at": "2024-03-01T09:00:00+08:00",
//!                  "due_at": "2024-03-04T09:00:00+08:00",
//!                  "closed_at": "2024-03-02T09:00:00+08:00", "status": "closed"}],
//!     "period": "2024-03", "by": "community"
//! }))?;
//! assert_eq!(out["units"][0]["unit"], "420106001001");
//! assert_eq!(out["units"][0]["indicators"]["on_time"]["display"], "100.00%");
//! # Ok::<(), wangge::Error>(())
//! ```

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

pub use super::ScoreResult;
use super::{GroupBy, Link, Period, ScoreRequest, ScoringPolicy, UnitInput};
use crate::api::args::PolicySource;
use crate::error::Error;
use crate::record::CaseRecord;

/// The input of `score.compute`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComputeIn {
    /// The policy: a preset id, TOML/JSON text or an inline object (absent: the defaults).
    #[serde(default)]
    pub policy: Option<PolicySource>,
    /// The case records.
    pub records: Vec<CaseRecord>,
    /// The period (`2016-12`, `2016-Q4`, `2016`).
    pub period: String,
    /// The grouping (default grid).
    #[serde(default)]
    pub by: GroupBy,
    /// The sheet id (default: the policy's default sheet).
    #[serde(default)]
    pub sheet: Option<String>,
    /// Count only what happened before this instant.
    #[serde(default, with = "crate::api::args::instant_option")]
    pub as_of: Option<DateTime<FixedOffset>>,
    /// Per-unit inputs.
    #[serde(default)]
    pub inputs: BTreeMap<String, UnitInput>,
    /// Linked assessments.
    #[serde(default)]
    pub links: Vec<Link>,
}

/// The scoring section of a policy source (absent: the defaults).
///
/// ```
/// use wangge::api::args::PolicySource;
/// let p = wangge::scoring::api::scoring_policy(Some(&PolicySource::Text("seed002".into())))?;
/// assert!(p.sheet("jinhua_unit").is_ok());
/// # Ok::<(), wangge::Error>(())
/// ```
pub fn scoring_policy(source: Option<&PolicySource>) -> Result<ScoringPolicy, Error> {
    Ok(match source {
        Some(s) => s.load()?.scoring,
        None => ScoringPolicy::default(),
    })
}

/// `score.compute`: scores records for one period.
pub fn compute(i: ComputeIn) -> Result<ScoreResult, Error> {
    let policy = scoring_policy(i.policy.as_ref())?;
    let period: Period = i.period.parse()?;
    let request = ScoreRequest {
        period,
        by: i.by,
        sheet: i.sheet,
        as_of: i.as_of,
        inputs: i.inputs,
        links: i.links,
    };
    Ok(super::compute(&policy, &i.records, &request)?)
}
