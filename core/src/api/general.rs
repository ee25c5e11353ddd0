//! The general operations: `code.parse`, `geo.convert`, `policy.load`.

use serde::{Deserialize, Serialize};

use super::args::PolicySource;
use crate::code::{AdminLevel, GridCodeLayout, TownshipHint, UnitCode};
use crate::error::Error;
use crate::geo::{Crs, Point};
use crate::policy::Policy;

/// The input of `code.parse`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeParseIn {
    /// An administrative division code (6/12 digits) or a grid code (14/15/20).
    pub code: String,
}

/// What `code.parse` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CodeInfo {
    /// An administrative division code.
    Admin {
        /// The code.
        code: String,
        /// Its level.
        level: AdminLevel,
        /// The parent division (`null` for a province).
        parent: Option<String>,
        /// The township hint of a 12-digit code (`null` otherwise).
        township_hint: Option<TownshipHint>,
    },
    /// A grid code.
    Grid {
        /// The code.
        code: String,
        /// Its layout.
        layout: GridCodeLayout,
        /// The 12-digit community code it extends.
        community: String,
        /// The sequence number.
        sequence: u32,
    },
}

impl From<&UnitCode> for CodeInfo {
    fn from(c: &UnitCode) -> CodeInfo {
        match c {
            UnitCode::Admin(a) => CodeInfo::Admin {
                code: a.to_string(),
                level: a.level(),
                parent: a.parent().map(|p| p.to_string()),
                township_hint: a.township_hint(),
            },
            UnitCode::Grid(g) => CodeInfo::Grid {
                code: g.to_string(),
                layout: g.layout(),
                community: g.community().to_string(),
                sequence: g.sequence(),
            },
        }
    }
}

/// `code.parse`: `{"code": "…"}` → `{"kind": "admin", "code", "level", "parent",
/// "township_hint"}` or `{"kind": "grid", "code", "layout", "community", "sequence"}`.
pub fn code_parse(i: CodeParseIn) -> Result<CodeInfo, Error> {
    Ok(CodeInfo::from(&UnitCode::parse(&i.code)?))
}

/// The input of `geo.convert`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GeoConvertIn {
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// The CRS of the point.
    pub from: Crs,
    /// The CRS to convert to.
    pub to: Crs,
}

/// A position in degrees (the output of `geo.convert`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LonLat {
    /// Longitude, east positive.
    pub lon: f64,
    /// Latitude, north positive.
    pub lat: f64,
}

/// `geo.convert`: `{"lon", "lat", "from", "to"}` → `{"lon", "lat"}`, coordinates rounded to
/// 1e-9° (sub-millimetre) so that every platform prints the same digits.
pub fn geo_convert(i: GeoConvertIn) -> Result<LonLat, Error> {
    let q = convert_point(Point::new(i.lon, i.lat), i.from, i.to)?;
    Ok(LonLat {
        lon: q.lon,
        lat: q.lat,
    })
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

/// The input of `policy.load`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyLoadIn {
    /// The policy: a preset id, TOML/JSON text or an inline object.
    pub policy: PolicySource,
}

/// A policy's summary (the output of `policy.load`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicySummary {
    /// Short identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The policy's own version.
    pub version: String,
    /// The level ids of the grid hierarchy, top down.
    pub levels: Vec<String>,
    /// The required grid code layout.
    pub code_layout: GridCodeLayout,
}

/// `policy.load`: `{"policy": "seed003" | "<TOML or JSON>" | {…}}` → `{"id", "name",
/// "version", "levels": [ids], "code_layout"}`.
pub fn policy_load(i: PolicyLoadIn) -> Result<PolicySummary, Error> {
    Ok(policy_summary(&i.policy.load()?))
}

/// The summary of a policy (the output of `policy.load`).
///
/// ```
/// let p = wangge::policy::Policy::preset("seed002")?;
/// let v = wangge::api::policy_summary(&p);
/// assert_eq!(v.id, "seed002");
/// assert_eq!(serde_json::to_value(&v).unwrap()["code_layout"], "d15");
/// # Ok::<(), wangge::Error>(())
/// ```
pub fn policy_summary(p: &Policy) -> PolicySummary {
    PolicySummary {
        id: p.id.clone(),
        name: p.name.clone(),
        version: p.version.clone(),
        levels: p.grid.levels.ids().into_iter().map(String::from).collect(),
        code_layout: p.grid.code_layout,
    }
}
