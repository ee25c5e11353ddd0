//! A [`Layer`]: the units of one file (grids, and optionally the divisions above them),
//! read from and written to GeoJSON.
//!
//! Each feature's `properties` carry:
//!
//! | property | type | meaning |
//! |---|---|---|
//! | `code` | string, required | grid code (14/15/20 digits) or division code (6/12) |
//! | `name` | string | display name |
//! | `parent` | string | parent code; inferred from the code when absent |
//! | `level` | string | level id from the policy (e.g. `grid`, `micro_grid`) |
//! | `kind` | string | `basic`, `micro`, `dedicated:<site>` (grids) |
//! | `households`, `population` | non-negative integer | size, for the division rules |
//! | `valid_from`, `valid_to` | `YYYY-MM-DD` | validity of this version, `[from, to)` |
//! | `approved_by` | string | authority that approved this version (seed 000: 报经上级主管部门批准) |
//! | `approved_on` | `YYYY-MM-DD` | day of that approval |
//! | `approval_document` | string | document number of that approval |
//!
//! The approval ([`super::Approval`]) is optional; when any of its three properties is
//! present, `approved_by` and `approved_on` must both be.
//!
//! Other properties are kept and written back unchanged. Polygon winding is normalized to
//! RFC 7946 (exterior counter-clockwise) on import.
//!
//! ```
//! use wangge::grid::Layer;
//! let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
//!   "properties":{"code":"371323100201001","households":420,"kind":"basic"},
//!   "geometry":{"type":"Polygon","coordinates":[[[118,35],[118.01,35],[118.01,35.01],[118,35]]]}}]}"#;
//! let layer = Layer::from_geojson(text)?;
//! assert_eq!(layer.units.len(), 1);
//! assert_eq!(layer.units[0].households, Some(420));
//! let back = Layer::from_geojson(&layer.to_geojson())?;
//! assert_eq!(back, layer);
//! # Ok::<(), wangge::Error>(())
//! ```

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::{Map, Value};

use super::{Approval, GridError, Unit, Validity};
use crate::code::UnitCode;
use crate::error::Error;
use crate::geo::geojson::{self, Geometry, GeometryOut, Limits};
use crate::geo::{Crs, GeoError, MultiPolygon, Polygon, Ring};

/// The units read from one file, in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layer {
    /// The units (grids and divisions), in input order.
    pub units: Vec<Unit>,
}

/// Property names the layer format reads itself.
const KNOWN: [&str; 12] = [
    "code",
    "name",
    "parent",
    "level",
    "kind",
    "households",
    "population",
    "valid_from",
    "valid_to",
    "approved_by",
    "approved_on",
    "approval_document",
];

impl Layer {
    /// Reads a GeoJSON `FeatureCollection` with default [`Limits`].
    pub fn from_geojson(text: &str) -> Result<Layer, Error> {
        Layer::from_geojson_with_limits(text, &Limits::default())
    }

    /// Reads a GeoJSON `FeatureCollection` with the given size limits.
    ///
    /// A `crs` member naming GCJ-02 or BD-09 converts every position to WGS84 as it is read
    /// (see [`geojson::parse_collection`]); one naming anything else is `unknown_crs`.
    ///
    /// Errors (with the feature index): malformed JSON, a feature without a `code` or with
    /// a malformed one, a non-areal or missing geometry, badly typed properties, an unknown
    /// `crs`, a size limit exceeded (`input_too_large`).
    pub fn from_geojson_with_limits(text: &str, limits: &Limits) -> Result<Layer, Error> {
        let collection = geojson::parse_collection(text, limits)?;
        let crs = collection.crs;
        let mut units = Vec::with_capacity(collection.features.len());
        for (i, mut f) in collection.features.into_iter().enumerate() {
            if crs != Crs::Wgs84 {
                f.geometry = f.geometry.map(|g| to_wgs84(g, crs)).transpose()?;
            }
            units.push(unit_from_feature(i, f)?);
        }
        Ok(Layer { units })
    }

    /// Writes the layer as a GeoJSON `FeatureCollection`.
    pub fn to_geojson(&self) -> String {
        serde_json::to_string(&CollectionOut(&self.units)).unwrap_or_default()
    }

    /// The grids only.
    pub fn grids(&self) -> impl Iterator<Item = &Unit> {
        self.units.iter().filter(|u| u.is_grid())
    }

    /// The units whose boundary contains `p`, in layer order, by testing every unit (a
    /// linear scan: for many points build a spatial index instead).
    ///
    /// ```
    /// use wangge::{geo::Point, grid::Layer};
    /// let layer = Layer::from_geojson(r#"{"type":"FeatureCollection","features":[{"type":"Feature",
    ///   "properties":{"code":"371323100201001"},
    ///   "geometry":{"type":"Polygon","coordinates":[[[118,35],[118.01,35],[118.01,35.01],[118,35]]]}}]}"#)?;
    /// let hits: Vec<String> = layer.units_at(Point::new(118.008, 35.002)).map(|u| u.code.to_string()).collect();
    /// assert_eq!(hits, ["371323100201001"]);
    /// assert_eq!(layer.units_at(Point::new(118.002, 35.008)).count(), 0);
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn units_at(&self, p: crate::geo::Point) -> impl Iterator<Item = &Unit> {
        self.units.iter().filter(move |u| u.geometry.contains(p))
    }
}

/// A geometry's positions converted from `crs` to WGS84.
fn to_wgs84(g: Geometry, crs: Crs) -> Result<Geometry, GeoError> {
    let ring = |r: &Ring| -> Result<Ring, GeoError> {
        r.points()
            .iter()
            .map(|&p| crs.to_wgs84(p))
            .collect::<Result<Vec<_>, _>>()
            .map(Ring::new)
    };
    let polygon = |p: &Polygon| -> Result<Polygon, GeoError> {
        Ok(Polygon::new(
            ring(&p.exterior)?,
            p.holes.iter().map(ring).collect::<Result<_, _>>()?,
        ))
    };
    Ok(match g {
        Geometry::Point(p) => Geometry::Point(crs.to_wgs84(p)?),
        Geometry::Polygon(p) => Geometry::Polygon(polygon(&p)?),
        Geometry::MultiPolygon(m) => Geometry::MultiPolygon(MultiPolygon::new(
            m.polygons.iter().map(polygon).collect::<Result<_, _>>()?,
        )),
    })
}

fn bad(i: usize, key: &str, message: impl Into<String>) -> Error {
    GeoError::InvalidGeoJson {
        path: format!("features[{i}].properties.{key}"),
        message: message.into(),
    }
    .into()
}

fn str_prop<'a>(i: usize, p: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, Error> {
    match p.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(bad(i, key, format!("expected a string, found {other}"))),
    }
}

fn count_prop(i: usize, p: &Map<String, Value>, key: &str) -> Result<Option<u32>, Error> {
    match p.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_u64()
            .and_then(|v| u32::try_from(v).ok())
            .map(Some)
            .ok_or_else(|| {
                bad(
                    i,
                    key,
                    format!("expected a non-negative integer, found {n}"),
                )
            }),
        Some(other) => Err(bad(i, key, format!("expected an integer, found {other}"))),
    }
}

fn date_prop(i: usize, p: &Map<String, Value>, key: &str) -> Result<Option<NaiveDate>, Error> {
    str_prop(i, p, key)?
        .map(|s| {
            s.parse::<NaiveDate>()
                .map_err(|e| bad(i, key, format!("expected YYYY-MM-DD: {e}")))
        })
        .transpose()
}

/// The approval of feature `i`: none, or `approved_by` and `approved_on` (both required
/// once any approval property is given) with the optional `approval_document`.
fn approval_prop(i: usize, p: &Map<String, Value>) -> Result<Option<Approval>, Error> {
    let by = str_prop(i, p, "approved_by")?;
    let on = date_prop(i, p, "approved_on")?;
    let document = str_prop(i, p, "approval_document")?;
    let (by, date) = match (by, on) {
        (None, None) if document.is_none() => return Ok(None),
        (Some(by), Some(date)) => (by, date),
        (None, _) => {
            return Err(bad(
                i,
                "approved_by",
                "missing: an approval names who approved",
            ));
        }
        (Some(_), None) => {
            return Err(bad(i, "approved_on", "missing: an approval names the day"));
        }
    };
    let a = Approval {
        by: by.to_string(),
        date,
        document: document.map(str::to_string),
    };
    a.check().map_err(|(field, m)| {
        let key = if field == "by" {
            "approved_by"
        } else {
            "approval_document"
        };
        bad(i, key, m)
    })?;
    Ok(Some(a))
}

fn unit_from_feature(i: usize, f: geojson::Feature) -> Result<Unit, Error> {
    let p = &f.properties;
    let code_text = str_prop(i, p, "code")?.ok_or_else(|| bad(i, "code", "missing"))?;
    let code = UnitCode::parse(code_text)?;
    let parent = str_prop(i, p, "parent")?.map(UnitCode::parse).transpose()?;
    let kind = str_prop(i, p, "kind")?
        .map(str::parse)
        .transpose()
        .map_err(|e: GridError| bad(i, "kind", e.to_string()))?;
    let geometry = match f.geometry {
        Some(Geometry::Polygon(poly)) => poly.into(),
        Some(Geometry::MultiPolygon(m)) => m,
        Some(Geometry::Point(_)) => {
            return Err(GeoError::InvalidGeoJson {
                path: format!("features[{i}].geometry"),
                message: "a unit needs a Polygon or MultiPolygon, found a Point".into(),
            }
            .into());
        }
        None => {
            return Err(GeoError::InvalidGeoJson {
                path: format!("features[{i}].geometry"),
                message: "missing geometry".into(),
            }
            .into());
        }
    };
    let mut geometry = geometry;
    geometry.normalize_winding();
    let validity = Validity {
        from: date_prop(i, p, "valid_from")?,
        to: date_prop(i, p, "valid_to")?,
    };
    let properties: Map<String, Value> = f
        .properties
        .iter()
        .filter(|(k, _)| !KNOWN.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Ok(Unit {
        code,
        name: str_prop(i, &f.properties, "name")?.map(str::to_string),
        level: str_prop(i, &f.properties, "level")?.map(str::to_string),
        parent,
        kind,
        households: count_prop(i, &f.properties, "households")?,
        population: count_prop(i, &f.properties, "population")?,
        validity,
        approval: approval_prop(i, &f.properties)?,
        geometry,
        properties,
    })
}

struct CollectionOut<'a>(&'a [Unit]);

impl Serialize for CollectionOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("type", "FeatureCollection")?;
        let features: Vec<FeatureOut<'_>> = self.0.iter().map(FeatureOut).collect();
        m.serialize_entry("features", &features)?;
        m.end()
    }
}

struct FeatureOut<'a>(&'a Unit);

impl Serialize for FeatureOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let u = self.0;
        let mut props = Map::new();
        props.insert("code".into(), Value::String(u.code.to_string()));
        let mut put = |k: &str, v: Option<Value>| {
            if let Some(v) = v {
                props.insert(k.into(), v);
            }
        };
        put("name", u.name.clone().map(Value::String));
        put("level", u.level.clone().map(Value::String));
        put("parent", u.parent.map(|c| Value::String(c.to_string())));
        put("kind", u.kind.map(|k| Value::String(k.to_string())));
        put("households", u.households.map(Value::from));
        put("population", u.population.map(Value::from));
        put(
            "valid_from",
            u.validity.from.map(|d| Value::String(d.to_string())),
        );
        put(
            "valid_to",
            u.validity.to.map(|d| Value::String(d.to_string())),
        );
        if let Some(a) = &u.approval {
            put("approved_by", Some(Value::String(a.by.clone())));
            put("approved_on", Some(Value::String(a.date.to_string())));
            put("approval_document", a.document.clone().map(Value::String));
        }
        for (k, v) in &u.properties {
            props.entry(k.clone()).or_insert_with(|| v.clone());
        }
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("type", "Feature")?;
        m.serialize_entry("properties", &props)?;
        m.serialize_entry("geometry", &GeometryOut::MultiPolygon(&u.geometry))?;
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn fc(props: &str) -> String {
        format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{props},
            "geometry":{{"type":"Polygon","coordinates":[[[118,35],[118,35.01],[118.01,35.01],[118,35]]]}}}}]}}"#
        )
    }

    /// A layer in GCJ-02 is read as WGS84: each position equals its independent conversion,
    /// and locating the WGS84 point finds the grid.
    #[test]
    fn crs_member_converts_positions_to_wgs84() {
        let gcj = fc(r#"{"code":"371323100201001"}"#).replacen(
            r#"{"type":"FeatureCollection","#,
            r#"{"type":"FeatureCollection","crs":"gcj02","#,
            1,
        );
        let plain = Layer::from_geojson(&fc(r#"{"code":"371323100201001"}"#)).unwrap();
        let converted = Layer::from_geojson(&gcj).unwrap();
        let a = plain.units[0].geometry.polygons[0].exterior.points();
        let b = converted.units[0].geometry.polygons[0].exterior.points();
        assert_eq!(a.len(), b.len());
        for (p, q) in a.iter().zip(b) {
            assert_eq!(*q, Crs::Gcj02.to_wgs84(*p).unwrap());
            // GCJ-02 is offset by a few hundred metres around here.
            assert!((p.lon - q.lon).abs() > 1e-4, "{p:?} {q:?}");
        }
        let mercator = fc(r#"{"code":"371323100201001"}"#).replacen(
            r#"{"type":"FeatureCollection","#,
            r#"{"type":"FeatureCollection","crs":"EPSG:3857","#,
            1,
        );
        assert_eq!(
            Layer::from_geojson(&mercator).unwrap_err().code(),
            ErrorCode::UnknownCrs
        );
    }

    #[test]
    fn reads_properties_and_normalizes_winding() {
        let l = Layer::from_geojson(&fc(
            r#"{"code":"371323100201001","name":"一网格","parent":"371323100201","kind":"dedicated:school",
               "households":0,"population":12,"valid_from":"2024-01-01","extra":{"x":1}}"#,
        ))
        .unwrap();
        let u = &l.units[0];
        assert_eq!(u.name.as_deref(), Some("一网格"));
        assert_eq!(u.kind.unwrap().to_string(), "dedicated:school");
        assert_eq!(u.validity.from.unwrap().to_string(), "2024-01-01");
        assert_eq!(u.properties["extra"]["x"], 1);
        assert!(
            u.geometry.polygons[0].exterior.is_ccw(),
            "input was clockwise"
        );
        assert_eq!(Layer::from_geojson(&l.to_geojson()).unwrap(), l);
    }

    #[test]
    fn approvals_are_read_and_written() {
        let l = Layer::from_geojson(&fc(
            r#"{"code":"371323100201001","valid_from":"2024-04-01","approved_by":"区综治办",
               "approved_on":"2024-03-15","approval_document":"综治办〔2024〕3号"}"#,
        ))
        .unwrap();
        let a = l.units[0].approval.as_ref().unwrap();
        assert_eq!(a.by, "区综治办");
        assert_eq!(a.date, "2024-03-15".parse::<NaiveDate>().unwrap());
        assert_eq!(a.document.as_deref(), Some("综治办〔2024〕3号"));
        assert!(
            l.units[0].properties.is_empty(),
            "read as fields, not kept as extras"
        );
        let text = l.to_geojson();
        let v: Value = serde_json::from_str(&text).unwrap();
        let props = &v["features"][0]["properties"];
        assert_eq!(props["approved_by"], "区综治办");
        assert_eq!(props["approved_on"], "2024-03-15");
        assert_eq!(props["approval_document"], "综治办〔2024〕3号");
        assert_eq!(Layer::from_geojson(&text).unwrap(), l);
        // Without a document number; and without any approval, nothing is written.
        let l = Layer::from_geojson(&fc(
            r#"{"code":"371323100201001","approved_by":"区民政局","approved_on":"2020-01-02"}"#,
        ))
        .unwrap();
        assert!(l.units[0].approval.as_ref().unwrap().document.is_none());
        let l = Layer::from_geojson(&fc(r#"{"code":"371323100201001"}"#)).unwrap();
        assert!(l.units[0].approval.is_none());
        assert!(!l.to_geojson().contains("approved"));
    }

    #[test]
    fn incomplete_approvals_name_the_property() {
        let cases = [
            (r#""approved_by":"区综治办""#, "approved_on"),
            (r#""approved_on":"2024-03-15""#, "approved_by"),
            (r#""approval_document":"3号""#, "approved_by"),
            (
                r#""approved_by":" ","approved_on":"2024-03-15""#,
                "approved_by",
            ),
            (
                r#""approved_by":"区综治办","approved_on":"2024-02-30""#,
                "approved_on",
            ),
            (
                r#""approved_by":7,"approved_on":"2024-03-15""#,
                "approved_by",
            ),
            (
                r#""approved_by":"区综治办","approved_on":"2024-03-15","approval_document":"""#,
                "approval_document",
            ),
        ];
        for (extra, key) in cases {
            let e = Layer::from_geojson(&fc(&format!(r#"{{"code":"371323100201001",{extra}}}"#)))
                .unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidGeoJson, "{extra}");
            assert!(
                e.to_string()
                    .contains(&format!("features[0].properties.{key}")),
                "{extra}: {e}"
            );
        }
    }

    #[test]
    fn property_errors_are_typed() {
        let cases = [
            (r#"{}"#, ErrorCode::InvalidGeoJson),
            (r#"{"code":12}"#, ErrorCode::InvalidGeoJson),
            (r#"{"code":"123"}"#, ErrorCode::InvalidGridCode),
            (r#"{"code":"990000"}"#, ErrorCode::InvalidAdminCode),
            (
                r#"{"code":"371323100201001","households":-1}"#,
                ErrorCode::InvalidGeoJson,
            ),
            (
                r#"{"code":"371323100201001","households":1.5}"#,
                ErrorCode::InvalidGeoJson,
            ),
            (
                r#"{"code":"371323100201001","kind":"castle"}"#,
                ErrorCode::InvalidGeoJson,
            ),
            (
                r#"{"code":"371323100201001","valid_from":"2024-13-01"}"#,
                ErrorCode::InvalidGeoJson,
            ),
            (
                r#"{"code":"371323100201001","parent":"x"}"#,
                ErrorCode::InvalidGridCode,
            ),
        ];
        for (props, code) in cases {
            let e = Layer::from_geojson(&fc(props)).unwrap_err();
            assert_eq!(e.code(), code, "{props}: {e}");
        }
    }
}
