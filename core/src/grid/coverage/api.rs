//! The `grid.validate` JSON operation.

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;

pub use super::CoverageReport;
use super::{CoverageOptions, validate};
use crate::api::args::{self, PolicySource};
use crate::error::{Error, ErrorCode};
use crate::grid::Layer;
use crate::policy::Policy;

/// The input of `grid.validate`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidateIn {
    /// The layer: a GeoJSON FeatureCollection.
    pub layer: Value,
    /// The units above the layer's grids, as a second FeatureCollection.
    #[serde(default)]
    pub parent: Option<Value>,
    /// Sliver tolerance in metres (overrides the policy's).
    #[serde(default)]
    pub tolerance_m: Option<f64>,
    /// The policy: levels, code layout, division rules, tolerance.
    #[serde(default)]
    pub policy: Option<PolicySource>,
    /// Check the versions in force on this date.
    #[serde(default, with = "args::date::option")]
    pub as_of: Option<NaiveDate>,
}

/// Reads a policy given as a preset id (a bare word such as `seed003`) or as policy text
/// (TOML or JSON).
pub(crate) fn policy_arg(text: &str) -> Result<Policy, Error> {
    PolicySource::Text(text.to_string()).load()
}

fn layer_arg(v: &Value) -> Result<Layer, Error> {
    Layer::from_geojson(&serde_json::to_string(v)?)
}

/// `grid.validate`: `{"layer": <GeoJSON FeatureCollection>, "parent": <FeatureCollection,
/// optional>, "tolerance_m": <metres, optional>, "policy": <policy source, optional>,
/// "as_of": <"YYYY-MM-DD", optional>}` → `{"valid", "grids", "violations":
/// [{"kind", "codes", "at": [lon, lat], "area_m2", "message"}]}`.
///
/// The policy (default: the built-in defaults) sets the levels, code layout, division rules
/// and sliver tolerance; `tolerance_m` overrides the tolerance. Errors: malformed GeoJSON or
/// codes (`invalid_geojson`, `invalid_grid_code`, …), a negative or non-finite tolerance
/// (`invalid_argument`), a bad policy (`invalid_policy`, `unknown_preset`), a bad date
/// (`invalid_date_time`).
pub fn validate_op(i: ValidateIn) -> Result<CoverageReport, Error> {
    let policy = PolicySource::load_opt(i.policy.as_ref())?;
    let opts = options_of(policy.as_ref(), i.tolerance_m, i.as_of)?;
    let layer = layer_arg(&i.layer)?;
    let parent = i.parent.as_ref().map(layer_arg).transpose()?;
    Ok(validate(&layer, parent.as_ref(), &opts))
}

fn options_of(
    policy: Option<&Policy>,
    tolerance_m: Option<f64>,
    as_of: Option<NaiveDate>,
) -> Result<CoverageOptions, Error> {
    let mut opts = match policy {
        Some(p) => CoverageOptions::from_policy(p),
        None => CoverageOptions::default(),
    };
    if let Some(t) = tolerance_m {
        if !t.is_finite() || t < 0.0 {
            return Err(Error::input(
                ErrorCode::InvalidArgument,
                format!("tolerance_m must be a finite number ≥ 0, got {t}"),
            ));
        }
        opts.tolerance_m = t;
    }
    opts.as_of = as_of;
    Ok(opts)
}

/// The [`CoverageOptions`] of the `grid.validate` arguments, for the bindings: `policy` is
/// a preset id or policy text (TOML or JSON; default: the built-in defaults),
/// `tolerance_m` overrides the policy's sliver tolerance, `as_of` is a `YYYY-MM-DD` date.
///
/// Errors: a bad policy (`invalid_policy`, `unknown_preset`), a negative or non-finite
/// tolerance (`invalid_argument`), a bad date (`invalid_date_time`).
///
/// ```
/// use wangge::grid::coverage::api::options;
/// let o = options(Some("seed003"), Some(0.2), Some("2025-01-01"))?;
/// assert_eq!(o.tolerance_m, 0.2);
/// assert_eq!(o.as_of.unwrap().to_string(), "2025-01-01");
/// assert_eq!(options(None, Some(-1.0), None).unwrap_err().code(), wangge::ErrorCode::InvalidArgument);
/// # Ok::<(), wangge::Error>(())
/// ```
pub fn options(
    policy: Option<&str>,
    tolerance_m: Option<f64>,
    as_of: Option<&str>,
) -> Result<CoverageOptions, Error> {
    let policy = policy.map(policy_arg).transpose()?;
    let as_of = as_of.map(args::parse_date).transpose()?;
    options_of(policy.as_ref(), tolerance_m, as_of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn policies_by_id_or_text() {
        assert_eq!(policy_arg("seed002").unwrap().id, "seed002");
        assert_eq!(
            policy_arg("seed999").unwrap_err().code(),
            ErrorCode::UnknownPreset
        );
        let p = policy_arg(
            "format = 1\nid = 'x'\nname = 'x'\nversion = '1'\n[grid]\nsliver_tolerance_m = 2.0",
        )
        .unwrap();
        assert_eq!(p.grid.sliver_tolerance_m, 2.0);
        assert_eq!(
            policy_arg("format = ").unwrap_err().code(),
            ErrorCode::InvalidPolicy
        );
    }

    fn validate_op(v: &Value) -> Result<Value, Error> {
        crate::api::call("grid.validate", v)
    }

    #[test]
    fn bad_arguments_are_typed() {
        let layer = json!({"type": "FeatureCollection", "features": []});
        let e = validate_op(&json!({"layer": layer, "tolerance_m": -1})).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidArgument);
        let e = validate_op(&json!({"layer": layer, "as_of": "2024-02-30"})).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidDateTime);
        let e = validate_op(&json!({"layer": 5})).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidGeoJson);
        let e = validate_op(&json!({"layers": layer})).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidJson);
        let ok = validate_op(&json!({"layer": layer})).unwrap();
        assert_eq!(ok, json!({"valid": true, "grids": 0, "violations": []}));
    }
}
