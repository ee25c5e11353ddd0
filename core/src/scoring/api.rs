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
//!
//! Province scale: `score.partial` counts records into a [`Partial`] (a serde value),
//! `score.merge` adds partials of the same period, cut-off and grouping in any order, and
//! `score.from_partial` scores the merged partial. Counting each partition anywhere (a
//! Dask worker, a Spark executor, one file per process), merging and scoring once gives
//! exactly what `score.compute` gives on all the records.
//!
//! ```
//! use serde_json::json;
//! use wangge::api::call;
//! let row = |id: &str, closed: Option<&str>| json!({"id": id, "grid": "420106001001001",
//!     "category": "x", "class": "event", "urgency": "routine", "tier": "t1",
//!     "source": "patrol", "reported_at": "2024-03-01T09:00:00+08:00",
//!     "due_at": "2024-03-04T09:00:00+08:00", "closed_at": closed,
//!     "status": if closed.is_some() { "closed" } else { "assigned" }});
//! let (a, b) = (row("A", Some("2024-03-02T09:00:00+08:00")), row("B", None));
//! let part = |rows| call("score.partial", &json!({"records": rows, "period": "2024-03"}));
//! let merged = call("score.merge", &json!({"partials": [part(json!([b]))?, part(json!([a]))?]}))?;
//! assert_eq!(merged, part(json!([a, b]))?);
//! let scored = call("score.from_partial", &json!({"partial": merged}))?;
//! let whole = call("score.compute", &json!({"records": [a, b], "period": "2024-03"}))?;
//! assert_eq!(scored, whole);
//! assert_eq!(scored["units"][0]["indicators"]["completion"]["display"], "50.00%");
//! # Ok::<(), wangge::Error>(())
//! ```

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

use super::{GroupBy, Link, Period, ScoreRequest, ScoringError, ScoringPolicy, UnitInput};
pub use super::{Partial, ScoreResult};
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

/// The input of `score.partial`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartialIn {
    /// The policy (its time zone places the period; absent: the defaults).
    #[serde(default)]
    pub policy: Option<PolicySource>,
    /// The case records of one partition.
    pub records: Vec<CaseRecord>,
    /// The period (`2016-12`, `2016-Q4`, `2016`).
    pub period: String,
    /// The grouping (default grid).
    #[serde(default)]
    pub by: GroupBy,
    /// Count only what happened before this instant.
    #[serde(default, with = "crate::api::args::instant_option")]
    pub as_of: Option<DateTime<FixedOffset>>,
}

/// `score.partial`: counts one partition's records into a [`Partial`].
///
/// ```
/// use serde_json::json;
/// let p = wangge::api::call("score.partial", &json!({"records": [], "period": "2016-Q4",
///     "by": "town"}))?;
/// assert_eq!(p["bounds"]["start"], "2016-10-01T00:00:00+08:00");
/// assert_eq!(p["groups"], json!({}));
/// # Ok::<(), wangge::Error>(())
/// ```
pub fn partial(i: PartialIn) -> Result<Partial, Error> {
    let policy = scoring_policy(i.policy.as_ref())?;
    let period: Period = i.period.parse()?;
    Ok(Partial::from_records(
        &policy, period, i.by, i.as_of, &i.records,
    )?)
}

/// The input of `score.merge`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeIn {
    /// The partials, at least one, all of the same period, bounds, cut-off and grouping.
    pub partials: Vec<Partial>,
}

/// `score.merge`: adds partials into one (the order does not matter).
///
/// ```
/// use serde_json::json;
/// let e = wangge::api::call("score.merge", &json!({"partials": []})).unwrap_err();
/// assert_eq!(e.code(), wangge::ErrorCode::InvalidScoringInput);
/// # Ok::<(), wangge::Error>(())
/// ```
pub fn merge(i: MergeIn) -> Result<Partial, Error> {
    let mut parts = i.partials.into_iter();
    let mut acc = parts
        .next()
        .ok_or_else(|| ScoringError::Input("score.merge needs at least one partial".into()))?;
    for p in parts {
        acc.merge(&p)?;
    }
    Ok(acc)
}

/// The input of `score.from_partial`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FromPartialIn {
    /// The policy: the one the partial was counted under (absent: the defaults).
    #[serde(default)]
    pub policy: Option<PolicySource>,
    /// The partial (merged or not); its period, cut-off and grouping are the request's.
    pub partial: Partial,
    /// The sheet id (default: the policy's default sheet).
    #[serde(default)]
    pub sheet: Option<String>,
    /// Per-unit inputs.
    #[serde(default)]
    pub inputs: BTreeMap<String, UnitInput>,
    /// Linked assessments.
    #[serde(default)]
    pub links: Vec<Link>,
}

/// `score.from_partial`: scores a partial, as `score.compute` scores records. The
/// partial's bounds must be its period's in the policy's time zone and its cut-off inside
/// them (a partial counted under another zone, or edited, is refused).
///
/// ```
/// use serde_json::json;
/// use wangge::api::call;
/// let p = call("score.partial", &json!({"records": [], "period": "2016-12"}))?;
/// // Counted in UTC+8, scored under a policy whose calendar is elsewhere: refused.
/// let mut q = p.clone();
/// q["bounds"]["start"] = json!("2016-12-01T00:00:00+00:00");
/// let e = call("score.from_partial", &json!({"partial": q})).unwrap_err();
/// assert_eq!(e.code(), wangge::ErrorCode::InvalidScoringInput);
/// assert!(call("score.from_partial", &json!({"partial": p}))?["units"].as_array().unwrap().is_empty());
/// # Ok::<(), wangge::Error>(())
/// ```
pub fn from_partial(i: FromPartialIn) -> Result<ScoreResult, Error> {
    let policy = scoring_policy(i.policy.as_ref())?;
    let mut p = i.partial;
    let expect = Partial::new(&policy, p.period, p.by, Some(p.cut))?;
    if (expect.bounds, expect.cut) != (p.bounds, p.cut) {
        return Err(ScoringError::Input(format!(
            "the partial's bounds or cut-off are not those of {} under this policy",
            p.period
        ))
        .into());
    }
    // The same instants, written in the policy's offset.
    (p.bounds, p.cut) = (expect.bounds, expect.cut);
    let request = ScoreRequest {
        period: p.period,
        by: p.by,
        sheet: i.sheet,
        as_of: (p.cut < p.bounds.end).then_some(p.cut),
        inputs: i.inputs,
        links: i.links,
    };
    Ok(super::score(&policy, &p, &request)?)
}
