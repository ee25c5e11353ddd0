//! The `grid.locate` JSON operation (see [`crate::api`]).

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{GridIndex, Location};
use crate::error::{Error, ErrorCode};
use crate::geo::{Crs, Point};
use crate::grid::Layer;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LocateIn {
    layer: Value,
    points: Vec<PointIn>,
    #[serde(default)]
    as_of: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PointIn {
    id: Value,
    lon: f64,
    lat: f64,
    #[serde(default)]
    crs: Option<String>,
}

/// Reads one point: its id (a number or a string, kept as given) and its WGS84 position.
///
/// ```
/// use serde_json::json;
/// use wangge::grid::index::api::read_point;
/// let (id, p) = read_point(&json!({"id": "a", "lon": 118.5, "lat": 35.8, "crs": "wgs84"}))?;
/// assert_eq!(id, json!("a"));
/// assert_eq!(p.lon, 118.5);
/// assert!(read_point(&json!({"id": 1, "lon": 118.5, "lat": 95.0})).is_err());
/// # Ok::<(), wangge::Error>(())
/// ```
pub fn read_point(v: &Value) -> Result<(Value, Point), Error> {
    let p: PointIn = crate::api::parse(v)?;
    point(p)
}

fn point(p: PointIn) -> Result<(Value, Point), Error> {
    if !(p.id.is_number() || p.id.is_string()) {
        return Err(Error::input(
            ErrorCode::InvalidJson,
            format!("id must be a number or a string, found {}", p.id),
        ));
    }
    let crs: Crs = match &p.crs {
        Some(name) => name.parse()?,
        None => Crs::Wgs84,
    };
    let wgs = crs.to_wgs84(Point::new(p.lon, p.lat))?;
    Ok((p.id, wgs))
}

/// Parses a `YYYY-MM-DD` date.
///
/// ```
/// use wangge::grid::index::api::read_date;
/// assert_eq!(read_date("2025-01-01")?.to_string(), "2025-01-01");
/// assert_eq!(read_date("2025-02-30").unwrap_err().code(), wangge::ErrorCode::InvalidDateTime);
/// # Ok::<(), wangge::Error>(())
/// ```
pub fn read_date(text: &str) -> Result<NaiveDate, Error> {
    text.parse::<NaiveDate>().map_err(|e| {
        Error::input(
            ErrorCode::InvalidDateTime,
            format!(
                "expected a date YYYY-MM-DD, found {:?}: {e}",
                text.chars().take(40).collect::<String>()
            ),
        )
    })
}

/// One answer as JSON: `{"id", "code", "fallback", "ancestors"}`.
///
/// ```
/// use serde_json::json;
/// use wangge::grid::{Location, index::api::result_json};
/// let v = result_json(json!(7), &Location::default());
/// assert_eq!(v, json!({"id": 7, "code": null, "fallback": null, "ancestors": []}));
/// ```
pub fn result_json(id: Value, loc: &Location) -> Value {
    json!({
        "id": id,
        "code": loc.grid.map(|g| g.to_string()),
        "fallback": loc.fallback.map(|f| f.to_string()),
        "ancestors": loc.ancestors.iter().map(|a| a.to_string()).collect::<Vec<_>>(),
    })
}

/// `grid.locate`: `{"layer": <GeoJSON FeatureCollection>, "points": [{"id", "lon", "lat",
/// "crs"?}], "as_of"?: "YYYY-MM-DD"}` → `{"results": [{"id", "code": "…" | null,
/// "fallback": "…" | null, "ancestors": ["…"]}]}`, one result per point in input order.
///
/// `crs` is `wgs84` (default), `gcj02` or `bd09`; ids are numbers or strings, echoed as
/// given. Without `as_of`, current versions answer; with it, the versions in force that
/// day. Errors: the layer's (GeoJSON, codes, geometry, no grid), a point's (unknown CRS,
/// coordinate NaN or out of range, bad id), a bad date.
pub(crate) fn grid_locate(input: &Value) -> Result<Value, Error> {
    let i: LocateIn = crate::api::parse(input)?;
    let layer = Layer::from_geojson(&i.layer.to_string())?;
    let date = i.as_of.as_deref().map(read_date).transpose()?;
    let mut ids = Vec::with_capacity(i.points.len());
    let mut points = Vec::with_capacity(i.points.len());
    for (k, p) in i.points.into_iter().enumerate() {
        let (id, wgs) =
            point(p).map_err(|e| Error::input(e.code(), format!("points[{k}]: {e}")))?;
        ids.push(id);
        points.push(wgs);
    }
    let index = GridIndex::build(&layer)?;
    let locs = match date {
        Some(d) => index.locate_batch_as_of(&points, d),
        None => index.locate_batch(&points),
    };
    let results: Vec<Value> = ids
        .into_iter()
        .zip(&locs)
        .map(|(id, loc)| result_json(id, loc))
        .collect();
    Ok(json!({ "results": results }))
}
