//! The JSON operations every binding exposes, in one place.
//!
//! Each operation takes a JSON value and returns a JSON value or an [`Error`]. These are
//! the shapes the CLI prints, the C ABI's JSON functions take and return, and the
//! conformance vectors in `tests/vectors/` check. Native APIs (Rust types, WASM classes,
//! Kotlin/Swift/Python records) return the same data; their tests turn it into this JSON.
//!
//! ```
//! use serde_json::json;
//! let out = wangge::api::call("code.parse", &json!({"code": "371323100201007"}))?;
//! assert_eq!(out["kind"], "grid");
//! assert_eq!(out["community"], "371323100201");
//! # Ok::<(), wangge::Error>(())
//! ```

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::code::{AdminCode, GridCode, UnitCode};
use crate::error::{Error, ErrorCode};
use crate::geo::{Crs, Point};

/// Every operation name, sorted.
pub const OPS: &[&str] = &["code.parse", "geo.convert", "grid.validate", "policy.load"];

/// Runs one operation by name.
pub fn call(op: &str, input: &Value) -> Result<Value, Error> {
    match op {
        "code.parse" => code_parse(parse(input)?),
        "geo.convert" => geo_convert(parse(input)?),
        "grid.validate" => crate::grid::coverage::api::validate_op(input),
        "policy.load" => policy_load(parse(input)?),
        _ => Err(Error::input(
            ErrorCode::InvalidArgument,
            format!(
                "unknown operation {:?}",
                op.chars().take(60).collect::<String>()
            ),
        )),
    }
}

/// Deserializes an operation's input, naming the problem on failure.
pub fn parse<T: DeserializeOwned>(input: &Value) -> Result<T, Error> {
    T::deserialize(input).map_err(|e| Error::input(ErrorCode::InvalidJson, e.to_string()))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CodeParseIn {
    code: String,
}

/// `code.parse`: `{"code": "…"}` → `{"kind": "admin", "code", "level", "parent", "township_hint"}`
/// or `{"kind": "grid", "code", "layout", "community", "sequence"}`.
fn code_parse(i: CodeParseIn) -> Result<Value, Error> {
    Ok(match UnitCode::parse(&i.code)? {
        UnitCode::Admin(a) => admin_json(&a),
        UnitCode::Grid(g) => grid_json(&g),
    })
}

/// The JSON description of an administrative code.
pub fn admin_json(a: &AdminCode) -> Value {
    json!({
        "kind": "admin",
        "code": a.to_string(),
        "level": a.level(),
        "parent": a.parent().map(|p| p.to_string()),
        "township_hint": a.township_hint(),
    })
}

/// The JSON description of a grid code.
pub fn grid_json(g: &GridCode) -> Value {
    json!({
        "kind": "grid",
        "code": g.to_string(),
        "layout": g.layout(),
        "community": g.community().to_string(),
        "sequence": g.sequence(),
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GeoConvertIn {
    lon: f64,
    lat: f64,
    from: Crs,
    to: Crs,
}

/// `geo.convert`: `{"lon", "lat", "from", "to"}` → `{"lon", "lat"}`, coordinates rounded to
/// 1e-9° (sub-millimetre) so that every platform prints the same digits.
fn geo_convert(i: GeoConvertIn) -> Result<Value, Error> {
    let p = i.from.to_wgs84(Point::new(i.lon, i.lat))?;
    let q = Crs::Wgs84.convert(p, i.to);
    Ok(json!({"lon": round9(q.lon), "lat": round9(q.lat)}))
}

/// Rounds to 9 decimal places.
pub fn round9(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyLoadIn {
    #[serde(default)]
    preset: Option<String>,
    #[serde(default)]
    text: Option<String>,
}

/// `policy.load`: `{"preset": "seed003"}` or `{"text": "<TOML or JSON>"}` →
/// `{"id", "name", "version", "levels": [ids], "code_layout"}`.
fn policy_load(i: PolicyLoadIn) -> Result<Value, Error> {
    let p = match (i.preset, i.text) {
        (Some(id), None) => crate::policy::Policy::preset(&id)?,
        (None, Some(t)) => crate::policy::Policy::from_str_auto(&t)?,
        _ => {
            return Err(Error::input(
                ErrorCode::InvalidArgument,
                "give exactly one of \"preset\" or \"text\"",
            ));
        }
    };
    Ok(json!({
        "id": p.id,
        "name": p.name,
        "version": p.version,
        "levels": p.grid.levels.ids(),
        "code_layout": p.grid.code_layout,
    }))
}
