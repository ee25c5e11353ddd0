//! The `grid.locate` JSON operation (see [`crate::api`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{GridIndex, Location};
use crate::api::args;
use crate::error::{Error, ErrorCode};
use crate::geo::{Crs, Point};
use crate::grid::Layer;

/// The input of `grid.locate`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocateIn {
    /// The layer: a GeoJSON FeatureCollection.
    pub layer: Value,
    /// The points, answered in this order.
    pub points: Vec<LocatePoint>,
    /// Use the versions in force on this date (`YYYY-MM-DD`) instead of the current ones.
    #[serde(default, with = "args::date::option")]
    pub as_of: Option<NaiveDate>,
}

/// A point's id: a number or a string, echoed as given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PointId {
    /// A number.
    Number(serde_json::Number),
    /// A string.
    Text(String),
}

/// One point of `grid.locate`: `{"id", "lon", "lat", "crs"?}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocatePoint {
    /// The caller's id of the point.
    pub id: PointId,
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// The CRS of the coordinates (default WGS84).
    #[serde(default, deserialize_with = "args::crs::deserialize")]
    pub crs: Crs,
}

impl LocatePoint {
    fn wgs84(&self) -> Result<Point, Error> {
        args::PointIn {
            lon: self.lon,
            lat: self.lat,
            crs: self.crs,
        }
        .to_wgs84()
    }
}

/// One answer of `grid.locate`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocateResult {
    /// The point's id, as given.
    pub id: PointId,
    /// The grid holding the point, or null.
    pub code: Option<String>,
    /// When no grid holds it: the smallest unit that does, or null.
    pub fallback: Option<String>,
    /// The units above, nearest first.
    pub ancestors: Vec<String>,
}

impl LocateResult {
    /// The answer for a point.
    pub fn new(id: PointId, loc: &Location) -> LocateResult {
        LocateResult {
            id,
            code: loc.grid.map(|g| g.to_string()),
            fallback: loc.fallback.map(|f| f.to_string()),
            ancestors: loc.ancestors.iter().map(|a| a.to_string()).collect(),
        }
    }
}

/// The output of `grid.locate`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocateOut {
    /// One result per point, in input order.
    pub results: Vec<LocateResult>,
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
    let p: LocatePoint = crate::api::parse(v)?;
    let wgs = p.wgs84()?;
    Ok((serde_json::to_value(&p.id)?, wgs))
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
    let r = LocateResult::new(PointId::Text(String::new()), loc);
    let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
    v["id"] = id;
    v
}

/// `grid.locate`: `{"layer": <GeoJSON FeatureCollection>, "points": [{"id", "lon", "lat",
/// "crs"?}], "as_of"?: "YYYY-MM-DD"}` → `{"results": [{"id", "code": "…" | null,
/// "fallback": "…" | null, "ancestors": ["…"]}]}`, one result per point in input order.
///
/// `crs` is `wgs84` (default), `gcj02` or `bd09`; ids are numbers or strings, echoed as
/// given. Without `as_of`, current versions answer; with it, the versions in force that
/// day. Errors: the layer's (GeoJSON, codes, geometry, no grid), a point's (unknown CRS,
/// coordinate NaN or out of range, bad id), a bad date.
pub fn grid_locate(i: LocateIn) -> Result<LocateOut, Error> {
    let layer = Layer::from_geojson(&i.layer.to_string())?;
    let mut points = Vec::with_capacity(i.points.len());
    for (k, p) in i.points.iter().enumerate() {
        points.push(
            p.wgs84()
                .map_err(|e| Error::input(e.code(), format!("points[{k}]: {e}")))?,
        );
    }
    let index = GridIndex::build(&layer)?;
    let locs = match i.as_of {
        Some(d) => index.locate_batch_as_of(&points, d),
        None => index.locate_batch(&points),
    };
    let results = i
        .points
        .into_iter()
        .zip(&locs)
        .map(|(p, loc)| LocateResult::new(p.id, loc))
        .collect();
    Ok(LocateOut { results })
}

impl GridIndex {
    /// Locates many points given as interleaved coordinates `lon0, lat0, lon1, lat1, …` in
    /// `crs`: one number per point, its position in [`GridIndex::unit_codes`] (a grid when
    /// below [`GridIndex::grid_count`], else a fallback unit), or -1 when outside every
    /// unit. With `as_of`, the versions in force that day answer.
    ///
    /// This is the batch call of every binding (a `Float64Array`, a C `double` array, a
    /// Kotlin `List<Double>`). Errors: an odd count (`invalid_argument`), a bad pair
    /// (`invalid_coordinate`, naming its position); nothing is located then.
    ///
    /// ```
    /// use wangge::geo::Crs;
    /// use wangge::grid::{GridIndex, Layer};
    /// let layer = Layer::from_geojson(r#"{"type": "FeatureCollection", "features": [{"type": "Feature",
    ///   "properties": {"code": "371323100201001"}, "geometry": {"type": "Polygon",
    ///   "coordinates": [[[118.0, 35.0], [119.0, 35.0], [119.0, 36.0], [118.0, 36.0], [118.0, 35.0]]]}}]}"#)?;
    /// let index = GridIndex::build(&layer)?;
    /// assert_eq!(index.locate_positions(&[118.5, 35.5, 10.0, 10.0], Crs::Wgs84, None)?, vec![0, -1]);
    /// assert!(index.locate_positions(&[118.5], Crs::Wgs84, None).is_err());
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn locate_positions(
        &self,
        lonlat: &[f64],
        crs: Crs,
        as_of: Option<NaiveDate>,
    ) -> Result<Vec<i32>, Error> {
        let mut out = vec![0; lonlat.len() / 2];
        self.locate_positions_into(lonlat, crs, as_of, &mut out)?;
        Ok(out)
    }

    /// [`GridIndex::locate_positions`] writing into a caller's buffer of one slot per point
    /// (a `Int32Array` the caller keeps): a buffer of the wrong length is
    /// `invalid_argument`, and nothing is written on any error.
    pub fn locate_positions_into(
        &self,
        lonlat: &[f64],
        crs: Crs,
        as_of: Option<NaiveDate>,
        out: &mut [i32],
    ) -> Result<(), Error> {
        if !lonlat.len().is_multiple_of(2) {
            return Err(Error::input(
                ErrorCode::InvalidArgument,
                format!("lonlat has {} numbers, not pairs", lonlat.len()),
            ));
        }
        if out.len() != lonlat.len() / 2 {
            return Err(Error::input(
                ErrorCode::InvalidArgument,
                format!(
                    "the output holds {} slots for {} points",
                    out.len(),
                    lonlat.len() / 2
                ),
            ));
        }
        let points = crs
            .to_wgs84_pairs(lonlat)
            .map_err(|e| Error::input(e.code(), e.to_string()))?;
        let hits = match as_of {
            Some(d) => self.find_batch_as_of(&points, d),
            None => self.find_batch(&points),
        };
        for (slot, h) in out.iter_mut().zip(hits) {
            *slot = self.unit_position(h).map_or(-1, |r| r as i32);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(code: &str, x0: f64) -> String {
        format!(
            r#"{{"type": "Feature", "properties": {{"code": "{code}"}}, "geometry": {{"type": "Polygon",
            "coordinates": [[[{x0}, 35.0], [{x1}, 35.0], [{x1}, 36.0], [{x0}, 36.0], [{x0}, 35.0]]]}}}}"#,
            x1 = x0 + 1.0
        )
    }

    #[test]
    fn positions_match_one_by_one_location() {
        let layer = Layer::from_geojson(&format!(
            r#"{{"type": "FeatureCollection", "features": [{}, {}]}}"#,
            square("371323100201001", 118.0),
            square("371323100201002", 119.0)
        ))
        .unwrap();
        let index = GridIndex::build(&layer).unwrap();
        let pts = [118.5, 35.5, 119.5, 35.5, 0.0, 0.0];
        let got = index.locate_positions(&pts, Crs::Wgs84, None).unwrap();
        let codes = index.unit_codes();
        for (k, xy) in pts.chunks(2).enumerate() {
            let want = index.locate(Point::new(xy[0], xy[1])).grid;
            match want {
                Some(g) => assert_eq!(codes[got[k] as usize].to_string(), g.to_string()),
                None => assert_eq!(got[k], -1),
            }
        }
        let mut short = [7; 2];
        let e = index
            .locate_positions_into(&pts, Crs::Wgs84, None, &mut short)
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidArgument);
        assert_eq!(short, [7, 7], "nothing written on error");
        let e = index
            .locate_positions(&[118.5, 35.5, 200.0, 0.0], Crs::Wgs84, None)
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidCoordinate);
        assert!(e.to_string().contains('1'), "{e}");
    }
}
