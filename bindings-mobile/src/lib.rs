//! # wangge for Kotlin, Swift and Python (UniFFI)
//!
//! UniFFI proc-macro bindings over the `wangge` core. The Kotlin, Swift and Python sources
//! are generated from the built library (library mode) by the workspace's `uniffi-bindgen`.
//! Thin: every function converts its arguments, calls the core and converts the result.
//!
//! * Objects wrap core objects: [`Policy`], [`Layer`], [`Calendar`], [`GridIndex`]
//!   (immutable, shareable
//!   across threads).
//! * Records and enums mirror the data: [`CodeInfo`], [`LonLat`], [`PolicySummary`], ….
//! * Every failure is a [`WanggeError`] (Kotlin `WanggeException`, Swift `WanggeError`,
//!   Python `WanggeError`): one variant per stable error code, carrying the human message;
//!   the companion files add `code` and `name`.
//! * A panic inside the library is caught and returned as `WanggeError.Panic` (code 99).
//! * [`call`] runs any JSON operation of `wangge::api` by name.
#![deny(missing_docs)]

uniffi::setup_scaffolding!("wangge");

mod calendar;
mod case;
mod grid;
#[rustfmt::skip] // generated (tests/generated.rs)
mod error;
#[rustfmt::skip] // generated (tests/generated.rs)
mod ops_json;
mod score;
mod types;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use wangge::{ErrorCode, api};

pub use calendar::{
    Calendar, CalendarYears, DayInfo, DayKind, DurationUnit, HolidaySource, HolidayYearInfo,
    UnknownYears, YearOrigin,
};
pub use case::{CaseActor, CaseBook, CaseCommand, CaseFact, CaseOp, CaseState, CaseStatus};
pub use error::WanggeError;
pub use grid::{CoverageReport, GridIndex, Location, ValidateOptions, Violation, ViolationKind};
pub use ops_json::*;
pub use score::{
    Anchor, Basis, CaseClass, CaseRecord, Denominator, Direction, GroupBy, IndicatorInfo,
    IndicatorKind, IndicatorValue, ItemScore, LinkedScore, PeriodBounds, Rating, ReportSource,
    ScoreResult, SheetSummary, Supervision, Tier, UnitScore, Urgency, read_case_records_csv,
    read_case_records_jsonl, score_merge_partials, score_partial_result, score_records,
    score_records_partial,
};
pub use types::{
    AdminLevel, CodeInfo, Crs, ErrorCodeInfo, GridCodeLayout, LonLat, PolicySummary, TownshipHint,
    UnitInfo,
};

impl From<wangge::Error> for WanggeError {
    fn from(e: wangge::Error) -> Self {
        WanggeError::new(e.code(), e.to_string())
    }
}

/// Runs `f` behind a panic boundary: a panic becomes [`WanggeError::Panic`] (code 99).
fn guard<T>(f: impl FnOnce() -> Result<T, WanggeError>) -> Result<T, WanggeError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(WanggeError::new(
            ErrorCode::Panic,
            format!("panic in wangge (please report it): {what}"),
        ))
    })
}

fn core<E: Into<wangge::Error>>(e: E) -> WanggeError {
    e.into().into()
}

/// The library version.
#[uniffi::export]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Every JSON operation name of the library (`wangge::api::OPS`), sorted.
#[uniffi::export]
pub fn ops() -> Vec<String> {
    api::OPS.iter().map(|s| s.to_string()).collect()
}

/// Every error code with its name and summaries (the table of `docs/ERRORS.md`).
#[uniffi::export]
pub fn error_codes() -> Vec<ErrorCodeInfo> {
    ErrorCode::ALL
        .iter()
        .map(|c| ErrorCodeInfo::from(*c))
        .collect()
}

/// Runs a JSON operation by name: JSON text in, JSON text out (see `tests/vectors/`).
#[uniffi::export]
pub fn call(op: String, input_json: String) -> Result<String, WanggeError> {
    guard(|| Ok(api::call_text(&op, &input_json)?))
}

/// Parses an administrative division code (6/12 digits) or a grid code (14/15/20).
#[uniffi::export]
pub fn parse_code(code: String) -> Result<CodeInfo, WanggeError> {
    guard(|| {
        let parsed = wangge::code::UnitCode::parse(&code).map_err(core)?;
        Ok(CodeInfo::from(parsed))
    })
}

/// Converts a point between WGS84, GCJ-02 and BD-09 (rounded to 1e-9°).
#[uniffi::export]
pub fn convert_point(point: LonLat, from: Crs, to: Crs) -> Result<LonLat, WanggeError> {
    guard(|| {
        let q = api::convert_point(point.into(), from.into(), to.into())?;
        Ok(q.into())
    })
}

/// A validated policy: a jurisdiction's rules as data. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct Policy {
    inner: wangge::policy::Policy,
}

#[uniffi::export]
impl Policy {
    /// A bundled preset by id (`"seed000"` … `"seed004"`).
    #[uniffi::constructor]
    pub fn preset(id: String) -> Result<Arc<Policy>, WanggeError> {
        guard(|| {
            let inner = wangge::policy::Policy::preset(&id).map_err(core)?;
            Ok(Arc::new(Policy { inner }))
        })
    }

    /// A policy from TOML or JSON text.
    #[uniffi::constructor]
    pub fn from_text(text: String) -> Result<Arc<Policy>, WanggeError> {
        guard(|| {
            api::Limits::default().check_len("text", text.len())?;
            let inner = wangge::policy::Policy::from_str_auto(&text).map_err(core)?;
            Ok(Arc::new(Policy { inner }))
        })
    }

    /// Short identifier.
    pub fn id(&self) -> String {
        self.inner.id.clone()
    }

    /// Display name.
    pub fn name(&self) -> String {
        self.inner.name.clone()
    }

    /// The policy's own version.
    pub fn version(&self) -> String {
        self.inner.version.clone()
    }

    /// The summary (the output of the `policy.load` operation).
    pub fn summary(&self) -> PolicySummary {
        PolicySummary::from(&self.inner)
    }

    /// The whole policy in its JSON file form (reloadable with `Policy.fromText`).
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }
}

/// The units (grids and divisions) of one GeoJSON FeatureCollection. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct Layer {
    inner: wangge::grid::Layer,
}

#[uniffi::export]
impl Layer {
    /// Reads a GeoJSON FeatureCollection.
    #[uniffi::constructor]
    pub fn from_geojson(text: String) -> Result<Arc<Layer>, WanggeError> {
        guard(|| {
            api::Limits::default().check_len("geojson", text.len())?;
            let inner = wangge::grid::Layer::from_geojson(&text)?;
            Ok(Arc::new(Layer { inner }))
        })
    }

    /// The number of units.
    pub fn len(&self) -> u64 {
        self.inner.units.len() as u64
    }

    /// Whether the layer has no unit.
    pub fn is_empty(&self) -> bool {
        self.inner.units.is_empty()
    }

    /// The units' codes and properties, in file order.
    pub fn units(&self) -> Vec<UnitInfo> {
        self.inner.units.iter().map(UnitInfo::from).collect()
    }

    /// The codes of the units whose boundary contains the WGS84 point, in layer order
    /// (a linear scan).
    pub fn units_at(&self, lon: f64, lat: f64) -> Result<Vec<String>, WanggeError> {
        guard(|| {
            let p = wangge::geo::Point::checked(lon, lat).map_err(core)?;
            Ok(self.inner.units_at(p).map(|u| u.code.to_string()).collect())
        })
    }

    /// The layer written back as GeoJSON text.
    pub fn to_geojson(&self) -> String {
        self.inner.to_geojson()
    }
}

/// Panics inside the library (test builds with the `test-panic` feature only): returns
/// `WanggeError.Panic`.
#[cfg(feature = "test-panic")]
#[uniffi::export]
pub fn test_panic() -> Result<(), WanggeError> {
    guard(|| panic!("deliberate panic (test-panic feature)"))
}

#[cfg(test)]
mod limits_tests {
    use super::*;

    /// A text of `n` NUL bytes (valid UTF-8, not JSON), allocated zeroed.
    fn nuls(n: usize) -> String {
        String::from_utf8(vec![0u8; n]).unwrap()
    }

    #[test]
    fn json_over_the_cap_is_input_too_large_before_it_is_parsed() {
        // Each text is a fresh zeroed allocation (a clone would write a gigabyte).
        let big = || nuls(api::MAX_JSON_BYTES + 1);
        let e = call("code.parse".into(), big()).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputTooLarge);
        assert!(e.to_string().contains("MAX_JSON_BYTES"), "{e}");
        let e = ops_json::code_parse(big()).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputTooLarge);
        let e = Policy::from_text(big()).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputTooLarge);
        let e = Layer::from_geojson(big()).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputTooLarge);
        // A short text of the same bytes is read: not JSON.
        let e = call("code.parse".into(), nuls(8)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidJson);
    }

    #[test]
    fn json_within_the_cap_runs() {
        let out = call("code.parse".into(), r#"{"code":"371323100201007"}"#.into()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["community"], "371323100201");
    }
}
