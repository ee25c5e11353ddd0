//! GeoJSON (RFC 7946) reading and writing for the geometry kinds grids use.
//!
//! Reading is streaming-friendly and typed: coordinates go straight into [`Point`]s
//! without an intermediate JSON tree, which keeps a 200,000-grid layer (≈ 8 million
//! positions) fast to load. Members may come in any order; positions may carry a third
//! (altitude) value, which is dropped. Foreign members are ignored, as RFC 7946 allows.
//!
//! Errors name the feature (`features[12].geometry`) and, through serde_json, the line
//! and column.
//!
//! ```
//! use wangge::geo::geojson::{parse_feature_collection, Geometry, Limits};
//! let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
//!   "properties":{"code":"371323100201001"},
//!   "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}"#;
//! let features = parse_feature_collection(text, &Limits::default())?;
//! assert_eq!(features.len(), 1);
//! assert!(matches!(features[0].geometry, Some(Geometry::Polygon(_))));
//! assert_eq!(features[0].properties["code"], "371323100201001");
//! # Ok::<(), wangge::geo::GeoError>(())
//! ```

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Crs, GeoError, MultiPolygon, Point, Polygon, Ring};

/// Size limits for untrusted input. Exceeding one is an [`GeoError::TooLarge`] error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Largest input text in bytes. Defaults to 2 GiB.
    pub max_bytes: usize,
    /// Most features in one collection. Defaults to 2,000,000.
    pub max_features: usize,
    /// Most positions in one geometry. Defaults to 1,000,000.
    pub max_points_per_geometry: usize,
    /// Most positions in the whole input. Defaults to 50,000,000 (a 200,000-grid province
    /// has about 8 million).
    pub max_points: usize,
    /// Most holes in one polygon. Defaults to 10,000.
    pub max_holes_per_polygon: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 2 << 30,
            max_features: 2_000_000,
            max_points_per_geometry: 1_000_000,
            max_points: 50_000_000,
            max_holes_per_polygon: 10_000,
        }
    }
}

/// The limits of one parse and what has been counted against them; the first limit
/// exceeded is recorded so that it comes out as [`GeoError::TooLarge`], not as a syntax
/// error.
struct Budget<'a> {
    limits: &'a Limits,
    points: std::cell::Cell<usize>,
    exceeded: std::cell::Cell<Option<(&'static str, usize)>>,
}

impl<'a> Budget<'a> {
    fn new(limits: &'a Limits) -> Budget<'a> {
        Budget {
            limits,
            points: std::cell::Cell::new(0),
            exceeded: std::cell::Cell::new(None),
        }
    }

    /// Records that `what` went over `limit`; the error to return from the visitor.
    fn exceed<E: de::Error>(&self, what: &'static str, limit: usize) -> E {
        if self.exceeded.get().is_none() {
            self.exceeded.set(Some((what, limit)));
        }
        E::custom(format!("more than {limit} {what} (limit)"))
    }

    /// The error of a failed parse: the limit exceeded, if one was.
    fn error(&self, e: serde_json::Error) -> GeoError {
        match self.exceeded.get() {
            Some((what, limit)) => GeoError::TooLarge {
                what,
                actual: limit.saturating_add(1),
                limit,
            },
            None => json_error(e),
        }
    }
}

impl std::ops::Deref for Budget<'_> {
    type Target = Limits;
    fn deref(&self) -> &Limits {
        self.limits
    }
}

/// A geometry as read from GeoJSON.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Geometry {
    /// A `Point`.
    Point(Point),
    /// A `Polygon`.
    Polygon(Polygon),
    /// A `MultiPolygon`.
    MultiPolygon(MultiPolygon),
}

impl Geometry {
    /// The areal geometry as a multipolygon (`None` for a point).
    pub fn into_multi_polygon(self) -> Option<MultiPolygon> {
        match self {
            Geometry::Polygon(p) => Some(p.into()),
            Geometry::MultiPolygon(m) => Some(m),
            Geometry::Point(_) => None,
        }
    }
}

/// A feature as read from GeoJSON.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Feature {
    /// The feature's `id` member, if any.
    pub id: Option<Value>,
    /// The geometry (`null` in the input gives `None`).
    pub geometry: Option<Geometry>,
    /// The `properties` object (empty when `null` or absent).
    pub properties: Map<String, Value>,
}

/// Parses a `FeatureCollection` (a single `Feature` is accepted as a collection of one).
pub fn parse_feature_collection(text: &str, limits: &Limits) -> Result<Vec<Feature>, GeoError> {
    if text.len() > limits.max_bytes {
        return Err(GeoError::TooLarge {
            what: "GeoJSON text (bytes)",
            actual: text.len(),
            limit: limits.max_bytes,
        });
    }
    parse_collection(text, limits).map(|c| c.features)
}

/// A `FeatureCollection` as read, with the coordinate system its `crs` member names.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Collection {
    /// The features.
    pub features: Vec<Feature>,
    /// The coordinate system of every position: WGS84 unless the collection's `crs` member
    /// names another.
    pub crs: Crs,
}

/// Parses a `FeatureCollection` (or a single `Feature`) and its `crs` member.
///
/// The `crs` member (GeoJSON 2008; RFC 7946 dropped it, so it is usually absent) may be a
/// string or `{"type": "name", "properties": {"name": …}}`, naming WGS84
/// (`EPSG:4326`, `urn:ogc:def:crs:OGC:1.3:CRS84`, `wgs84`, `CGCS2000`, `EPSG:4490`), GCJ-02
/// (`gcj02`, `GCJ-02`) or BD-09 (`bd09`, `BD-09`). Any other (`EPSG:3857`, a link) is an
/// [`GeoError::UnknownCrs`] error rather than silently misread coordinates.
///
/// ```
/// use wangge::geo::{Crs, geojson::{parse_collection, Limits}};
/// let c = parse_collection(r#"{"type":"FeatureCollection","crs":"gcj02","features":[]}"#,
///     &Limits::default())?;
/// assert_eq!(c.crs, Crs::Gcj02);
/// let e = parse_collection(r#"{"type":"FeatureCollection","crs":{"type":"name",
///     "properties":{"name":"EPSG:3857"}},"features":[]}"#, &Limits::default()).unwrap_err();
/// assert_eq!(e.code(), wangge::ErrorCode::UnknownCrs);
/// # Ok::<(), wangge::geo::GeoError>(())
/// ```
pub fn parse_collection(text: &str, limits: &Limits) -> Result<Collection, GeoError> {
    if text.len() > limits.max_bytes {
        return Err(GeoError::TooLarge {
            what: "GeoJSON text (bytes)",
            actual: text.len(),
            limit: limits.max_bytes,
        });
    }
    let budget = Budget::new(limits);
    let mut de = serde_json::Deserializer::from_str(text);
    let (root, crs) = RootSeed { limits: &budget }
        .deserialize(&mut de)
        .map_err(|e| budget.error(e))?;
    de.end().map_err(json_error)?;
    let crs = match crs {
        None => Crs::Wgs84,
        Some(v) => crs_member(&v)?,
    };
    let features = match root {
        Root::Collection(f) => f,
        Root::Feature(f) => vec![f],
    };
    Ok(Collection { features, crs })
}

/// The coordinate system a `crs` member names.
fn crs_member(v: &Value) -> Result<Crs, GeoError> {
    let name = match v {
        Value::Null => return Ok(Crs::Wgs84),
        Value::String(s) => s.as_str(),
        Value::Object(o) => match (o.get("type"), v.pointer("/properties/name")) {
            (Some(Value::String(t)), Some(Value::String(n))) if t == "name" => n.as_str(),
            _ => return Err(GeoError::UnknownCrs(short(&v.to_string()))),
        },
        other => return Err(GeoError::UnknownCrs(short(&other.to_string()))),
    };
    let lower = name.to_ascii_lowercase();
    let tail = lower
        .strip_prefix("urn:ogc:def:crs:")
        .unwrap_or(&lower)
        .replace(':', "");
    match tail.as_str() {
        "ogc1.3crs84" | "ogccrs84" | "crs84" => Ok(Crs::Wgs84),
        t => t
            .parse::<Crs>()
            .map_err(|_| GeoError::UnknownCrs(short(name))),
    }
}

fn short(s: &str) -> String {
    s.chars().take(60).collect()
}

/// Parses a bare geometry object (`{"type":"Polygon","coordinates":…}`).
///
/// ```
/// use wangge::geo::geojson::{parse_geometry, Geometry, Limits};
/// let g = parse_geometry(r#"{"type":"Point","coordinates":[118.5,35.8]}"#, &Limits::default())?;
/// assert!(matches!(g, Geometry::Point(p) if p.lon == 118.5));
/// # Ok::<(), wangge::geo::GeoError>(())
/// ```
pub fn parse_geometry(text: &str, limits: &Limits) -> Result<Geometry, GeoError> {
    if text.len() > limits.max_bytes {
        return Err(GeoError::TooLarge {
            what: "GeoJSON text (bytes)",
            actual: text.len(),
            limit: limits.max_bytes,
        });
    }
    let budget = Budget::new(limits);
    let mut de = serde_json::Deserializer::from_str(text);
    let g = GeometrySeed { limits: &budget }
        .deserialize(&mut de)
        .map_err(|e| budget.error(e))?;
    de.end().map_err(json_error)?;
    g.ok_or_else(|| GeoError::InvalidGeoJson {
        path: "$".into(),
        message: "geometry is null".into(),
    })
}

fn json_error(e: serde_json::Error) -> GeoError {
    let msg = e.to_string();
    // Our own messages start with a path ("features[3].geometry: …").
    let (path, message) = match msg.split_once(": ") {
        Some((p, m)) if p.starts_with("features[") || p.starts_with('$') => {
            (p.to_string(), m.to_string())
        }
        _ => ("$".to_string(), msg),
    };
    GeoError::InvalidGeoJson { path, message }
}

enum Root {
    Collection(Vec<Feature>),
    Feature(Feature),
}

struct RootSeed<'a> {
    limits: &'a Budget<'a>,
}

impl<'de> DeserializeSeed<'de> for RootSeed<'_> {
    type Value = (Root, Option<Value>);
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(RootVisitor {
            limits: self.limits,
        })
    }
}

struct RootVisitor<'a> {
    limits: &'a Budget<'a>,
}

impl<'de> Visitor<'de> for RootVisitor<'_> {
    type Value = (Root, Option<Value>);
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON FeatureCollection or Feature object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut kind: Option<String> = None;
        let mut crs: Option<Value> = None;
        let mut features: Option<Vec<Feature>> = None;
        let mut single = FeatureParts::default();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "type" => kind = Some(map.next_value()?),
                "features" => {
                    features = Some(map.next_value_seed(FeaturesSeed {
                        limits: self.limits,
                    })?)
                }
                "geometry" => {
                    single.geometry = Some(map.next_value_seed(GeometrySeed {
                        limits: self.limits,
                    })?)
                }
                "properties" => single.properties = map.next_value()?,
                "id" => single.id = Some(map.next_value()?),
                "crs" => crs = Some(map.next_value()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match kind.as_deref() {
            Some("FeatureCollection") => features
                .map(|f| (Root::Collection(f), crs))
                .ok_or_else(|| de::Error::custom("$: FeatureCollection without \"features\"")),
            Some("Feature") => Ok((
                Root::Feature(single.finish("$").map_err(de::Error::custom)?),
                crs,
            )),
            Some(other) => Err(de::Error::custom(format!(
                "$: expected a FeatureCollection or Feature, found type {other:?}"
            ))),
            None => Err(de::Error::custom("$: missing \"type\"")),
        }
    }
}

struct FeaturesSeed<'a> {
    limits: &'a Budget<'a>,
}

impl<'de> DeserializeSeed<'de> for FeaturesSeed<'_> {
    type Value = Vec<Feature>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Feature>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FeaturesSeed<'_> {
    type Value = Vec<Feature>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of features")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Feature>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
        loop {
            let i = out.len();
            if i >= self.limits.max_features {
                return Err(self.limits.exceed("features", self.limits.max_features));
            }
            match seq.next_element_seed(FeatureSeed {
                limits: self.limits,
                index: i,
            }) {
                Ok(Some(f)) => out.push(f),
                Ok(None) => break,
                Err(e) => {
                    let m = e.to_string();
                    return Err(if m.starts_with("features[") {
                        e
                    } else {
                        de::Error::custom(format!("features[{i}]: {m}"))
                    });
                }
            }
        }
        Ok(out)
    }
}

#[derive(Default)]
struct FeatureParts {
    kind: Option<String>,
    id: Option<Value>,
    geometry: Option<Option<Geometry>>,
    properties: Option<Map<String, Value>>,
}

impl FeatureParts {
    fn finish(self, path: &str) -> Result<Feature, String> {
        match self.kind.as_deref() {
            Some("Feature") | None => {}
            Some(other) => {
                return Err(format!(
                    "{path}: expected type \"Feature\", found {other:?}"
                ));
            }
        }
        Ok(Feature {
            id: self.id,
            geometry: self.geometry.flatten(),
            properties: self.properties.unwrap_or_default(),
        })
    }
}

struct FeatureSeed<'a> {
    limits: &'a Budget<'a>,
    index: usize,
}

impl<'de> DeserializeSeed<'de> for FeatureSeed<'_> {
    type Value = Feature;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Feature, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FeatureSeed<'_> {
    type Value = Feature;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON Feature object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Feature, A::Error> {
        let mut parts = FeatureParts::default();
        let i = self.index;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "type" => parts.kind = Some(map.next_value()?),
                "id" => parts.id = Some(map.next_value()?),
                "geometry" => {
                    let g = map
                        .next_value_seed(GeometrySeed {
                            limits: self.limits,
                        })
                        .map_err(|e| de::Error::custom(format!("features[{i}].geometry: {e}")))?;
                    parts.geometry = Some(g);
                }
                "properties" => {
                    let p: Option<Map<String, Value>> = map
                        .next_value()
                        .map_err(|e| de::Error::custom(format!("features[{i}].properties: {e}")))?;
                    parts.properties = p;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        parts
            .finish(&format!("features[{i}]"))
            .map_err(de::Error::custom)
    }
}

/// Parsed nested coordinate arrays, kept flat: points plus the ends of each level.
#[derive(Default)]
struct Coords {
    points: Vec<Point>,
    rings: Vec<usize>,    // end index into points, per ring
    polygons: Vec<usize>, // end index into rings, per polygon
    count_limit: usize,
}

struct GeometrySeed<'a> {
    limits: &'a Budget<'a>,
}

impl<'de> DeserializeSeed<'de> for GeometrySeed<'_> {
    type Value = Option<Geometry>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<Geometry>, D::Error> {
        d.deserialize_option(self)
    }
}

/// Nesting depth of `coordinates` for a geometry type (1 = a position).
fn depth_of<E: de::Error>(kind: &str) -> Result<usize, E> {
    match kind {
        "Point" => Ok(1),
        "Polygon" => Ok(3),
        "MultiPolygon" => Ok(4),
        other => Err(E::custom(format!(
            "unsupported geometry type {other:?} (expected Point, Polygon or MultiPolygon)"
        ))),
    }
}

impl<'de> Visitor<'de> for GeometrySeed<'_> {
    type Value = Option<Geometry>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON geometry object or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<Geometry>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<Geometry>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<Geometry>, D::Error> {
        d.deserialize_map(self)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Geometry>, A::Error> {
        let mut kind: Option<String> = None;
        let mut coords: Option<Coords> = None;
        // `coordinates` before `type` (legal, rare): kept as a JSON tree until the type is known.
        let mut pending: Option<Value> = None;
        let new_coords = || Coords {
            count_limit: self.limits.max_points_per_geometry,
            ..Coords::default()
        };
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "type" => kind = Some(map.next_value()?),
                "coordinates" => match &kind {
                    Some(k) => {
                        let mut c = new_coords();
                        map.next_value_seed(Level {
                            c: &mut c,
                            budget: self.limits,
                            remaining: depth_of(k)?,
                        })?;
                        coords = Some(c);
                    }
                    None => pending = Some(map.next_value()?),
                },
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let kind = kind.ok_or_else(|| de::Error::custom("geometry without \"type\""))?;
        let depth = depth_of(&kind)?;
        let c = match (coords, pending) {
            (Some(c), _) => c,
            (None, Some(v)) => {
                let mut c = new_coords();
                Level {
                    c: &mut c,
                    budget: self.limits,
                    remaining: depth,
                }
                .deserialize(v)
                .map_err(de::Error::custom)?;
                c
            }
            (None, None) => return Err(de::Error::custom("geometry without \"coordinates\"")),
        };
        Ok(Some(c.into_geometry(depth)))
    }
}

impl Coords {
    fn into_geometry(self, depth: usize) -> Geometry {
        let Coords {
            points,
            rings,
            polygons,
            ..
        } = self;
        if depth == 1 {
            return Geometry::Point(points.first().copied().unwrap_or_default());
        }
        let mut pts = points.into_iter();
        let mut start = 0;
        let mut ring_list: Vec<Ring> = Vec::with_capacity(rings.len());
        for end in rings {
            ring_list.push(Ring::new(pts.by_ref().take(end - start).collect()));
            start = end;
        }
        let build = |rs: Vec<Ring>| {
            let mut it = rs.into_iter();
            let exterior = it.next().unwrap_or_default();
            Polygon::new(exterior, it.collect())
        };
        if depth == 3 {
            return Geometry::Polygon(build(ring_list));
        }
        let mut ring_iter = ring_list.into_iter();
        let mut out = Vec::with_capacity(polygons.len());
        let mut start = 0;
        for end in polygons {
            out.push(build(ring_iter.by_ref().take(end - start).collect()));
            start = end;
        }
        Geometry::MultiPolygon(MultiPolygon::new(out))
    }
}

/// One level of nested coordinate arrays; `remaining == 1` means this array is a position.
struct Level<'c, 'b> {
    c: &'c mut Coords,
    budget: &'c Budget<'b>,
    remaining: usize,
}

impl<'de> DeserializeSeed<'de> for Level<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Level<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.remaining == 1 {
            f.write_str("a position [lon, lat]")
        } else {
            f.write_str("an array of coordinates")
        }
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Level {
            c,
            budget,
            remaining,
        } = self;
        if remaining == 1 {
            let short = || de::Error::custom("a position needs at least two numbers");
            let x: f64 = seq.next_element()?.ok_or_else(short)?;
            let y: f64 = seq.next_element()?.ok_or_else(short)?;
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            if c.points.len() >= c.count_limit {
                return Err(budget.exceed("positions in one geometry", c.count_limit));
            }
            let total = budget.points.get() + 1;
            if total > budget.max_points {
                return Err(budget.exceed("positions in the input", budget.max_points));
            }
            budget.points.set(total);
            c.points.push(Point::new(x, y));
            return Ok(());
        }
        while seq
            .next_element_seed(Level {
                c: &mut *c,
                budget,
                remaining: remaining - 1,
            })?
            .is_some()
        {}
        match remaining {
            2 => {
                // Rings after this polygon's first: its holes.
                let first = c.polygons.last().copied().unwrap_or(0);
                if c.rings.len() - first > budget.max_holes_per_polygon {
                    return Err(budget.exceed("holes in one polygon", budget.max_holes_per_polygon));
                }
                c.rings.push(c.points.len());
            }
            3 => c.polygons.push(c.rings.len()),
            _ => {}
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Writing

/// Serializes a ring's points as `[[lon, lat], …]`.
struct RingOut<'a>(&'a Ring);
impl Serialize for RingOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for p in self.0.points() {
            seq.serialize_element(&[p.lon, p.lat])?;
        }
        seq.end()
    }
}

struct PolygonOut<'a>(&'a Polygon);
impl Serialize for PolygonOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(1 + self.0.holes.len()))?;
        for r in self.0.rings() {
            seq.serialize_element(&RingOut(r))?;
        }
        seq.end()
    }
}

/// A geometry ready to serialize as a GeoJSON geometry object. A multipolygon of one part
/// is written as a `Polygon`.
///
/// ```
/// use wangge::geo::{Point, geojson::GeometryOut};
/// let s = serde_json::to_string(&GeometryOut::Point(Point::new(1.5, 2.0))).unwrap();
/// assert_eq!(s, r#"{"type":"Point","coordinates":[1.5,2.0]}"#);
/// ```
#[derive(Debug, Clone, Copy)]
pub enum GeometryOut<'a> {
    /// A point.
    Point(Point),
    /// A polygon.
    Polygon(&'a Polygon),
    /// A multipolygon.
    MultiPolygon(&'a MultiPolygon),
}

impl Serialize for GeometryOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        match self {
            GeometryOut::Point(p) => {
                m.serialize_entry("type", "Point")?;
                m.serialize_entry("coordinates", &[p.lon, p.lat])?;
            }
            GeometryOut::Polygon(p) => {
                m.serialize_entry("type", "Polygon")?;
                m.serialize_entry("coordinates", &PolygonOut(p))?;
            }
            GeometryOut::MultiPolygon(mp) if mp.polygons.len() == 1 => {
                m.serialize_entry("type", "Polygon")?;
                m.serialize_entry("coordinates", &PolygonOut(&mp.polygons[0]))?;
            }
            GeometryOut::MultiPolygon(mp) => {
                m.serialize_entry("type", "MultiPolygon")?;
                let parts: Vec<PolygonOut<'_>> = mp.polygons.iter().map(PolygonOut).collect();
                m.serialize_entry("coordinates", &parts)?;
            }
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(s: &str) -> Result<Vec<Feature>, GeoError> {
        parse_feature_collection(s, &Limits::default())
    }

    #[test]
    fn polygon_and_multipolygon_in_any_member_order() {
        let s = r#"{"features":[
          {"geometry":{"coordinates":[[[0,0,5],[1,0,5],[1,1,5],[0,0,5]],[[0.2,0.1],[0.3,0.1],[0.3,0.2],[0.2,0.1]]],"type":"Polygon"},"type":"Feature","properties":null,"id":7},
          {"type":"Feature","properties":{"a":1},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}},
          {"type":"Feature","properties":{},"geometry":null}
        ],"type":"FeatureCollection","bbox":[0,0,6,6]}"#;
        let f = parse(s).unwrap();
        assert_eq!(f.len(), 3);
        let Some(Geometry::Polygon(p)) = &f[0].geometry else {
            panic!()
        };
        assert_eq!(p.exterior.len(), 4);
        assert_eq!(p.holes.len(), 1);
        assert_eq!(f[0].id, Some(Value::from(7)));
        let Some(Geometry::MultiPolygon(m)) = &f[1].geometry else {
            panic!()
        };
        assert_eq!(m.polygons.len(), 2);
        assert_eq!(m.polygons[1].exterior.points()[0], Point::new(5.0, 5.0));
        assert!(f[2].geometry.is_none());
    }

    #[test]
    fn errors_name_the_feature() {
        let s = r#"{"type":"FeatureCollection","features":[
           {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
           {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[0,0],[1,0]]}}]}"#;
        let e = parse(s).unwrap_err();
        let GeoError::InvalidGeoJson { path, message } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(path, "features[1].geometry", "{message}");
        for bad in [
            "",
            "{",
            "[]",
            r#"{"type":"Topology"}"#,
            r#"{"type":"FeatureCollection"}"#,
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}]}"#,
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0]]]}}]}"#,
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[["a",1]]]}}]}"#,
            r#"{"type":"FeatureCollection","features":[]} trailing"#,
        ] {
            let e = parse(bad).unwrap_err();
            assert_eq!(e.code(), crate::ErrorCode::InvalidGeoJson, "{bad}");
        }
    }

    #[test]
    fn limits_apply() {
        let s = r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}"#;
        let too_large = |limits: &Limits, text: &str| {
            let e = parse_feature_collection(text, limits).unwrap_err();
            assert_eq!(e.code(), crate::ErrorCode::InputTooLarge, "{e}");
            e.to_string()
        };
        let tight = Limits {
            max_points_per_geometry: 3,
            ..Limits::default()
        };
        assert!(too_large(&tight, s).contains("positions in one geometry"));
        let tight = Limits {
            max_features: 0,
            ..Limits::default()
        };
        assert!(too_large(&tight, s).contains("features"));
        // Two features of four positions: eight in all.
        let two =
            s.replace("}}]}", "}},") + &s["{\"type\":\"FeatureCollection\",\"features\":[".len()..];
        assert_eq!(
            parse_feature_collection(&two, &Limits::default())
                .unwrap()
                .len(),
            2
        );
        let tight = Limits {
            max_points: 7,
            ..Limits::default()
        };
        assert!(too_large(&tight, &two).contains("positions in the input"));
        let tight = Limits {
            max_points: 8,
            ..Limits::default()
        };
        assert!(parse_feature_collection(&two, &tight).is_ok());
        let holed = r#"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[9,0],[9,9],[0,0]],[[1,1],[2,1],[2,2],[1,1]],[[3,3],[4,3],[4,4],[3,3]]]}}"#;
        let tight = Limits {
            max_holes_per_polygon: 1,
            ..Limits::default()
        };
        assert!(too_large(&tight, holed).contains("holes in one polygon"));
        let tight = Limits {
            max_holes_per_polygon: 2,
            ..Limits::default()
        };
        assert!(parse_feature_collection(holed, &tight).is_ok());
        let tight = Limits {
            max_bytes: 10,
            ..Limits::default()
        };
        assert_eq!(
            parse_feature_collection(s, &tight).unwrap_err().code(),
            crate::ErrorCode::InputTooLarge
        );
    }

    #[test]
    fn crs_member_is_honoured_or_refused() {
        let with =
            |crs: &str| format!(r#"{{"type":"FeatureCollection","crs":{crs},"features":[]}}"#);
        for (member, crs) in [
            ("null", Crs::Wgs84),
            (r#""EPSG:4326""#, Crs::Wgs84),
            (
                r#"{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}}"#,
                Crs::Wgs84,
            ),
            (
                r#"{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4490"}}"#,
                Crs::Wgs84,
            ),
            (r#""gcj02""#, Crs::Gcj02),
            (r#""GCJ-02""#, Crs::Gcj02),
            (
                r#"{"type":"name","properties":{"name":"BD-09"}}"#,
                Crs::Bd09,
            ),
        ] {
            let c = parse_collection(&with(member), &Limits::default()).unwrap();
            assert_eq!(c.crs, crs, "{member}");
        }
        for member in [
            r#""EPSG:3857""#,
            r#"{"type":"link","properties":{"href":"x"}}"#,
            "42",
            r#"{"type":"name","properties":{"name":"web mercator"}}"#,
        ] {
            let e = parse_collection(&with(member), &Limits::default()).unwrap_err();
            assert_eq!(e.code(), crate::ErrorCode::UnknownCrs, "{member}");
        }
        assert_eq!(
            parse_collection(
                r#"{"type":"FeatureCollection","features":[]}"#,
                &Limits::default()
            )
            .unwrap()
            .crs,
            Crs::Wgs84
        );
    }

    #[test]
    fn write_then_read() {
        let poly = Polygon::new(
            Ring::new(vec![
                Point::new(118.1, 35.1),
                Point::new(118.2, 35.1),
                Point::new(118.2, 35.2),
                Point::new(118.1, 35.1),
            ]),
            vec![],
        );
        let mp = MultiPolygon::new(vec![poly.clone(), poly.clone()]);
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{}},"geometry":{}}}]}}"#,
            serde_json::to_string(&GeometryOut::MultiPolygon(&mp)).unwrap()
        );
        let back = parse(&text).unwrap();
        assert_eq!(back[0].geometry, Some(Geometry::MultiPolygon(mp)));
    }

    proptest! {
        /// No panic on any text (only that). Fuzz target beside it:
        /// `fuzz/fuzz_targets/geojson_layer.rs`.
        #[test]
        fn never_panics_on_arbitrary_text(s in "\\PC{0,200}") {
            let _ = parse(&s);
        }

        /// No panic on JSON-like text (only that). Fuzz target beside it:
        /// `fuzz/fuzz_targets/geojson_layer.rs`.
        #[test]
        fn never_panics_on_json_like_text(s in r#"[\[\]{}",:0-9a-zA-Z.\- ]{0,200}"#) {
            let _ = parse(&s);
            let _ = parse_geometry(&s, &Limits::default());
        }

        #[test]
        fn round_trips_polygons(coords in proptest::collection::vec((-180.0f64..180.0, -90.0f64..90.0), 3..20)) {
            let mut pts: Vec<Point> = coords.iter().map(|&(x, y)| Point::new(x, y)).collect();
            pts.push(pts[0]);
            let poly = Polygon::new(Ring::new(pts), vec![]);
            let text = format!(r#"{{"type":"Feature","properties":{{}},"geometry":{}}}"#,
                serde_json::to_string(&GeometryOut::Polygon(&poly)).unwrap());
            let back = parse(&text).unwrap();
            prop_assert_eq!(back[0].geometry.clone(), Some(Geometry::Polygon(poly)));
        }
    }
}
