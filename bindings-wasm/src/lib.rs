//! # wangge for JavaScript and TypeScript (npm package `wangge`)
//!
//! WebAssembly bindings over the `wangge` core, built with wasm-bindgen for Node
//! (`--target nodejs`) and browsers (`--target web`). Thin: every function converts its
//! arguments, calls the core and converts the result back; no rule lives here.
//!
//! * Classes wrap core objects: [`Policy`], [`Layer`], [`Calendar`], [`GridIndex`].
//! * Functions take and return plain JS data whose TypeScript types are generated
//!   (tsify): [`parse_code`] → `CodeInfo`, [`convert_point`] → `LonLat`, ….
//! * Every failure is thrown as a JS `Error` named `WanggeError` with `code` (the stable
//!   number of `docs/ERRORS.md`) and `kind` (its snake-case name).
//! * Scoring is typed end to end: [`score_records`] takes `CaseRecord[]` (from
//!   [`read_case_records_csv`], [`read_case_records_jsonl`] or `CaseBook.records`) and
//!   returns a `ScoreResult`.
//! * [`call`] runs any JSON operation of `wangge::api` by name (the conformance vectors
//!   use it beside the typed functions).
//! * A panic inside the library (a bug) is thrown as a `WanggeError` with code 99; reload
//!   the module after reporting it (see [`start`]).
#![deny(missing_docs)]

mod calendar;
mod case;
mod grid;
#[cfg(test)]
mod ops_gen_tests;
#[rustfmt::skip] // generated (src/ops_gen_tests.rs)
mod ops_json;
mod score;
mod types;

use serde::Serialize;
use tsify::Ts;
use wangge::{Error, ErrorCode, api};
use wasm_bindgen::prelude::*;

pub use calendar::{Calendar, CalendarOptions, DayInfo, DayKind, DurationUnit};
pub use case::CaseBook;
pub use grid::{
    CoverageReport, GridIndex, Location, SampleOptions, SampleUnits, ValidateOptions, Violation,
    ViolationKind, sample_county,
};
pub use ops_json::*;
pub use score::{
    read_case_records_csv, read_case_records_jsonl, score_merge_partials, score_partial_result,
    score_records, score_records_partial,
};
pub use types::{
    AdminLevel, CodeInfo, Crs, ErrorCodeInfo, GridCodeLayout, LonLat, PolicySummary, TownshipHint,
    UnitInfo,
};

#[wasm_bindgen(typescript_custom_section)]
const WANGGE_ERROR_TS: &str = r#"
/**
 * What every function of this package throws: a JS `Error` named `WanggeError` carrying
 * the stable numeric `code` of docs/ERRORS.md and its snake-case `kind`
 * (for example `{ code: 2, kind: "invalid_json" }`).
 */
export interface WanggeError extends Error {
  name: "WanggeError";
  code: number;
  kind: string;
}
"#;

/// A JS `Error` named `WanggeError` with `code` and `kind`.
fn js_error(code: ErrorCode, message: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    e.set_name("WanggeError");
    let _ = js_sys::Reflect::set(&e, &"code".into(), &code.value().into());
    let _ = js_sys::Reflect::set(&e, &"kind".into(), &code.name().into());
    e.into()
}

/// The JS error for a core error.
fn err(e: impl Into<Error>) -> JsValue {
    let e = e.into();
    js_error(e.code(), &e.to_string())
}

/// The JS error for an argument that does not have the declared shape.
fn shape_err(e: impl std::fmt::Display) -> JsValue {
    js_error(ErrorCode::InvalidJson, &e.to_string())
}

/// Plain JS objects (not `Map`s) for JSON values.
fn to_js(v: &impl Serialize) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error(ErrorCode::Internal, &e.to_string()))
}

fn ts<T: tsify::Tsify + Serialize>(v: &T) -> Result<Ts<T>, JsValue> {
    Ts::from_rust(v).map_err(|e| js_error(ErrorCode::Internal, &e.to_string()))
}

/// Installs the panic hook (run once when the module is instantiated): a panic is thrown
/// to JS as a `WanggeError` with code 99 instead of an opaque `RuntimeError`.
///
/// The throw skips the rest of the Rust call, so its destructors do not run: the instance
/// stays usable for calls that do not panic, but a second panic aborts (`RuntimeError:
/// unreachable`). Report the first one and reload the module.
#[wasm_bindgen(start, skip_typescript)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        wasm_bindgen::throw_val(js_error(
            ErrorCode::Panic,
            &format!("panic in wangge (please report it): {what}{at}"),
        ));
    }));
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Every JSON operation name of the library (`wangge::api::OPS`), sorted.
#[wasm_bindgen]
pub fn ops() -> Vec<String> {
    api::OPS.iter().map(|s| s.to_string()).collect()
}

/// Every error code with its name and summaries (the table of `docs/ERRORS.md`).
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Result<Vec<Ts<ErrorCodeInfo>>, JsValue> {
    ErrorCode::ALL
        .iter()
        .map(|c| ts(&ErrorCodeInfo::from(*c)))
        .collect()
}

/// Runs a JSON operation by name with a plain JS value as input (see `tests/vectors/`).
#[wasm_bindgen(unchecked_return_type = "unknown")]
pub fn call(
    op: &str,
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let input: serde_json::Value = serde_wasm_bindgen::from_value(input).map_err(shape_err)?;
    api::Limits::default()
        .check_value("input", &input)
        .map_err(err)?;
    let out = api::call(op, &input).map_err(err)?;
    to_js(&out)
}

/// Parses an administrative division code (6/12 digits) or a grid code (14/15/20).
#[wasm_bindgen(js_name = parseCode)]
pub fn parse_code(code: &str) -> Result<Ts<CodeInfo>, JsValue> {
    let parsed = wangge::code::UnitCode::parse(code).map_err(err)?;
    ts(&CodeInfo::from(parsed))
}

/// Converts a point between WGS84, GCJ-02 and BD-09 (rounded to 1e-9°).
#[wasm_bindgen(js_name = convertPoint)]
pub fn convert_point(point: Ts<LonLat>, from: Ts<Crs>, to: Ts<Crs>) -> Result<Ts<LonLat>, JsValue> {
    let p = point.to_rust().map_err(shape_err)?;
    let from = from.to_rust().map_err(shape_err)?;
    let to = to.to_rust().map_err(shape_err)?;
    let q = api::convert_point(p.into(), from.into(), to.into()).map_err(err)?;
    ts(&LonLat::from(q))
}

/// A validated policy: a jurisdiction's rules as data.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Policy {
    inner: wangge::policy::Policy,
}

#[wasm_bindgen]
impl Policy {
    /// A bundled preset by id (`"seed000"` … `"seed004"`).
    pub fn preset(id: &str) -> Result<Policy, JsValue> {
        let inner = wangge::policy::Policy::preset(id).map_err(err)?;
        Ok(Policy { inner })
    }

    /// A policy from TOML or JSON text.
    #[wasm_bindgen(js_name = fromText)]
    pub fn from_text(text: &str) -> Result<Policy, JsValue> {
        api::Limits::default()
            .check_len("text", text.len())
            .map_err(err)?;
        let inner = wangge::policy::Policy::from_str_auto(text).map_err(err)?;
        Ok(Policy { inner })
    }

    /// Short identifier.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id.clone()
    }

    /// Display name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.name.clone()
    }

    /// The policy's own version.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.inner.version.clone()
    }

    /// The summary (the output of the `policy.load` operation).
    pub fn summary(&self) -> Result<Ts<PolicySummary>, JsValue> {
        ts(&PolicySummary::from(&self.inner))
    }

    /// The whole policy in its JSON file form (reloadable with `Policy.fromText`).
    #[wasm_bindgen(js_name = toJsonText)]
    pub fn to_json_text(&self) -> String {
        self.inner.to_json()
    }
}

/// The units (grids and divisions) of one GeoJSON FeatureCollection.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Layer {
    inner: wangge::grid::Layer,
}

#[wasm_bindgen]
impl Layer {
    /// Reads a GeoJSON FeatureCollection (see the core's layer format).
    #[wasm_bindgen(js_name = fromGeoJSON)]
    pub fn from_geojson(text: &str) -> Result<Layer, JsValue> {
        api::Limits::default()
            .check_len("geojson", text.len())
            .map_err(err)?;
        let inner = wangge::grid::Layer::from_geojson(text).map_err(err)?;
        Ok(Layer { inner })
    }

    /// The number of units.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.units.len()
    }

    /// The units' codes and properties, in file order.
    pub fn units(&self) -> Result<Vec<Ts<UnitInfo>>, JsValue> {
        self.inner
            .units
            .iter()
            .map(|u| ts(&UnitInfo::from(u)))
            .collect()
    }

    /// The codes of the units whose boundary contains the WGS84 point, in layer order
    /// (a linear scan).
    #[wasm_bindgen(js_name = unitsAt)]
    pub fn units_at(&self, lon: f64, lat: f64) -> Result<Vec<String>, JsValue> {
        let p = wangge::geo::Point::checked(lon, lat).map_err(err)?;
        Ok(self.inner.units_at(p).map(|u| u.code.to_string()).collect())
    }

    /// The layer written back as GeoJSON text.
    #[wasm_bindgen(js_name = toGeoJSON)]
    pub fn to_geojson(&self) -> String {
        self.inner.to_geojson()
    }
}

/// Panics inside the library (test builds with the `test-panic` feature only).
#[cfg(feature = "test-panic")]
#[wasm_bindgen(js_name = testPanic)]
pub fn test_panic() {
    panic!("deliberate panic (test-panic feature)");
}
