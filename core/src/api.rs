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
pub const OPS: &[&str] = &[
    "admission.budget",
    "admission.check",
    "admission.completion",
    "admission.instances",
    "admission.list",
    "admission.load",
    "admission.tally",
    "admission.transition",
    "calendar.add",
    "calendar.between",
    "calendar.day",
    "calendar.next_working",
    "calendar.working_days_between",
    "calendar.years",
    "code.parse",
    "geo.convert",
    "grid.locate",
    "grid.validate",
    "policy.load",
    "roster.holder",
    "roster.summary",
    "roster.validate",
    "score.compute",
];

/// Runs one operation by name.
pub fn call(op: &str, input: &Value) -> Result<Value, Error> {
    match op {
        _ if op.starts_with("admission.") => crate::admission::api::call(op, input),
        "calendar.add" => crate::calendar::api::add(input),
        "calendar.between" => crate::calendar::api::between(input),
        "calendar.day" => crate::calendar::api::day(input),
        "calendar.next_working" => crate::calendar::api::next_working(input),
        "calendar.working_days_between" => crate::calendar::api::working_days_between(input),
        "calendar.years" => crate::calendar::api::years(input),
        "code.parse" => code_parse(parse(input)?),
        "geo.convert" => geo_convert(parse(input)?),
        "grid.locate" => crate::grid::index::api::grid_locate(input),
        "grid.validate" => crate::grid::coverage::api::validate_op(input),
        "policy.load" => policy_load(parse(input)?),
        "score.compute" => to_json(crate::scoring::api::compute(parse(input)?)?),
        _ => crate::staffing::call(op, input).unwrap_or_else(|| unknown_op(op)),
    }
}

/// Serializes an operation's typed output.
fn to_json<T: serde::Serialize>(out: T) -> Result<Value, Error> {
    serde_json::to_value(out).map_err(|e| Error::input(ErrorCode::Internal, e.to_string()))
}

fn unknown_op(op: &str) -> Result<Value, Error> {
    Err(Error::input(
        ErrorCode::InvalidArgument,
        format!(
            "unknown operation {:?}",
            op.chars().take(60).collect::<String>()
        ),
    ))
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
    let q = convert_point(Point::new(i.lon, i.lat), i.from, i.to)?;
    Ok(json!({"lon": q.lon, "lat": q.lat}))
}

/// The typed form of `geo.convert` that the bindings' native functions call: checks the
/// point, converts it from `from` to `to` and rounds both coordinates with [`round9`].
///
/// ```
/// use wangge::geo::{Crs, Point};
/// let q = wangge::api::convert_point(Point::new(116.391275, 39.90765), Crs::Wgs84, Crs::Gcj02)?;
/// assert_eq!((q.lon, q.lat), (116.397516188, 39.909051271));
/// # Ok::<(), wangge::Error>(())
/// ```
pub fn convert_point(p: Point, from: Crs, to: Crs) -> Result<Point, Error> {
    let p = from.to_wgs84(p)?;
    let q = Crs::Wgs84.convert(p, to);
    Ok(Point::new(round9(q.lon), round9(q.lat)))
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
    Ok(policy_summary(&p))
}

/// The JSON summary of a policy (the output of `policy.load`).
///
/// ```
/// let p = wangge::policy::Policy::preset("seed002")?;
/// let v = wangge::api::policy_summary(&p);
/// assert_eq!(v["id"], "seed002");
/// assert_eq!(v["code_layout"], "d15");
/// # Ok::<(), wangge::Error>(())
/// ```
pub fn policy_summary(p: &crate::policy::Policy) -> Value {
    json!({
        "id": p.id,
        "name": p.name,
        "version": p.version,
        "levels": p.grid.levels.ids(),
        "code_layout": p.grid.code_layout,
    })
}
