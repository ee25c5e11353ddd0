//! Geometry: points, rings, polygons and multipolygons in WGS84 degrees, coordinate
//! system conversion ([`crs`]), measurement ([`measure`]), ring validity ([`validity`]) and
//! GeoJSON geometry reading/writing ([`geojson`]).
//!
//! Geometry types hold whatever the input said, even when invalid, so that validation can
//! report *what* is wrong and *where*; [`Polygon::check`] and the coverage validator find
//! the problems. Anything that needs valid geometry (the point index) checks first.
//!
//! All trigonometry goes through the pure-Rust `libm` so results are bit-identical on every
//! platform (native, WASM, mobile).
//!
//! ```
//! use wangge::geo::{Point, Polygon, Ring};
//! let square = Polygon::new(Ring::new(vec![
//!     Point::new(118.0, 35.0), Point::new(118.01, 35.0), Point::new(118.01, 35.01),
//!     Point::new(118.0, 35.01), Point::new(118.0, 35.0),
//! ]), vec![]);
//! assert!(square.check().is_ok());
//! assert!(square.contains(Point::new(118.005, 35.005)));
//! let area = wangge::geo::measure::polygon_area_m2(&square);
//! assert!((area - 1_000_000.0).abs() < 20_000.0); // ~0.9 km × 1.1 km
//! ```

pub mod crs;
pub mod geojson;
pub mod measure;
pub mod validity;

use serde::{Deserialize, Serialize};

use crate::error::ErrorCode;

pub use crs::{Crs, PairError};
pub use validity::RingIssue;

/// Errors about coordinates, geometry and GeoJSON.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum GeoError {
    /// A coordinate is NaN, infinite or outside [-180, 180] × [-90, 90].
    #[error("invalid coordinate ({}, {}): {reason}", Num(*lon), Num(*lat))]
    InvalidCoordinate {
        /// Longitude as given.
        lon: f64,
        /// Latitude as given.
        lat: f64,
        /// Why it is invalid.
        reason: &'static str,
    },
    /// A ring is not valid.
    #[error("invalid geometry: {issue}")]
    InvalidGeometry {
        /// What is wrong, with its location.
        issue: RingIssue,
    },
    /// GeoJSON does not follow RFC 7946 or the expected properties.
    #[error("invalid GeoJSON at {path}: {message}")]
    InvalidGeoJson {
        /// JSON path to the offending element (`features[3].geometry.coordinates`).
        path: String,
        /// What is wrong.
        message: String,
    },
    /// An unknown CRS name.
    #[error("unknown coordinate system {0:?} (expected wgs84, gcj02 or bd09)")]
    UnknownCrs(String),
    /// Input exceeds a size limit.
    #[error("input too large: {what} is {actual}, the limit is {limit}")]
    TooLarge {
        /// What was counted.
        what: &'static str,
        /// The count found.
        actual: usize,
        /// The limit.
        limit: usize,
    },
}

impl GeoError {
    /// The stable error code.
    ///
    /// ```
    /// use wangge::{ErrorCode, geo::Point};
    /// assert_eq!(Point::checked(f64::NAN, 0.0).unwrap_err().code(), ErrorCode::InvalidCoordinate);
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            GeoError::InvalidCoordinate { .. } => ErrorCode::InvalidCoordinate,
            GeoError::InvalidGeometry { .. } => ErrorCode::InvalidGeometry,
            GeoError::InvalidGeoJson { .. } => ErrorCode::InvalidGeoJson,
            GeoError::UnknownCrs(_) => ErrorCode::UnknownCrs,
            GeoError::TooLarge { .. } => ErrorCode::InputTooLarge,
        }
    }
}

/// A number for messages: as usual, but in exponent form beyond 1e15 (`1e308`, not 309
/// digits).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num(pub(crate) f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.abs() >= 1e15 {
            write!(f, "{:e}", self.0)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

/// A position: longitude and latitude in degrees (WGS84 unless a [`Crs`] says otherwise).
///
/// ```
/// use wangge::geo::Point;
/// let p = Point::checked(118.5, 35.8)?;
/// assert_eq!(p.lon, 118.5);
/// assert!(Point::checked(181.0, 0.0).is_err());
/// # Ok::<(), wangge::geo::GeoError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Point {
    /// Longitude in degrees, east positive.
    pub lon: f64,
    /// Latitude in degrees, north positive.
    pub lat: f64,
}

impl Point {
    /// A point, unchecked (see [`Point::checked`]).
    pub const fn new(lon: f64, lat: f64) -> Point {
        Point { lon, lat }
    }

    /// A point whose coordinates are finite and within [-180, 180] × [-90, 90].
    pub fn checked(lon: f64, lat: f64) -> Result<Point, GeoError> {
        let p = Point { lon, lat };
        p.validate()?;
        Ok(p)
    }

    /// Checks that the coordinates are finite and in range.
    pub fn validate(&self) -> Result<(), GeoError> {
        let reason = if !self.lon.is_finite() || !self.lat.is_finite() {
            Some("not a finite number")
        } else if !(-180.0..=180.0).contains(&self.lon) {
            Some("longitude outside [-180, 180]")
        } else if !(-90.0..=90.0).contains(&self.lat) {
            Some("latitude outside [-90, 90]")
        } else {
            None
        };
        match reason {
            Some(reason) => Err(GeoError::InvalidCoordinate {
                lon: self.lon,
                lat: self.lat,
                reason,
            }),
            None => Ok(()),
        }
    }
}

/// An axis-aligned bounding box in degrees.
///
/// ```
/// use wangge::geo::{BBox, Point};
/// let b = BBox::of_points([Point::new(1.0, 2.0), Point::new(3.0, -1.0)]).unwrap();
/// assert!(b.contains(Point::new(2.0, 0.0)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BBox {
    /// Smallest longitude.
    pub min_lon: f64,
    /// Smallest latitude.
    pub min_lat: f64,
    /// Largest longitude.
    pub max_lon: f64,
    /// Largest latitude.
    pub max_lat: f64,
}

impl BBox {
    /// The box of a set of points (`None` if empty).
    pub fn of_points(points: impl IntoIterator<Item = Point>) -> Option<BBox> {
        let mut it = points.into_iter();
        let first = it.next()?;
        let mut b = BBox {
            min_lon: first.lon,
            min_lat: first.lat,
            max_lon: first.lon,
            max_lat: first.lat,
        };
        for p in it {
            b.extend(p);
        }
        Some(b)
    }

    /// Grows the box to hold `p`.
    pub fn extend(&mut self, p: Point) {
        self.min_lon = self.min_lon.min(p.lon);
        self.min_lat = self.min_lat.min(p.lat);
        self.max_lon = self.max_lon.max(p.lon);
        self.max_lat = self.max_lat.max(p.lat);
    }

    /// The union of two boxes.
    pub fn union(&self, o: &BBox) -> BBox {
        BBox {
            min_lon: self.min_lon.min(o.min_lon),
            min_lat: self.min_lat.min(o.min_lat),
            max_lon: self.max_lon.max(o.max_lon),
            max_lat: self.max_lat.max(o.max_lat),
        }
    }

    /// Whether `p` is inside or on the border.
    pub fn contains(&self, p: Point) -> bool {
        p.lon >= self.min_lon
            && p.lon <= self.max_lon
            && p.lat >= self.min_lat
            && p.lat <= self.max_lat
    }

    /// Whether the boxes share at least one point.
    pub fn intersects(&self, o: &BBox) -> bool {
        self.min_lon <= o.max_lon
            && o.min_lon <= self.max_lon
            && self.min_lat <= o.max_lat
            && o.min_lat <= self.max_lat
    }

    /// The centre point.
    pub fn center(&self) -> Point {
        Point::new(
            (self.min_lon + self.max_lon) / 2.0,
            (self.min_lat + self.max_lat) / 2.0,
        )
    }
}

/// A linear ring: a closed sequence of points (first equals last when valid).
///
/// Construction does not validate; see [`Ring::check`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Ring {
    points: Vec<Point>,
}

impl Ring {
    /// A ring from its points as given (closed or not).
    pub fn new(points: Vec<Point>) -> Ring {
        Ring { points }
    }

    /// The points, as given.
    pub fn points(&self) -> &[Point] {
        &self.points
    }

    /// Consumes the ring, returning its points.
    pub fn into_points(self) -> Vec<Point> {
        self.points
    }

    /// Number of points (including the closing point).
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// Whether the ring has no points.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The bounding box (`None` when empty).
    pub fn bbox(&self) -> Option<BBox> {
        BBox::of_points(self.points.iter().copied())
    }

    /// Signed area in square degrees (shoelace): positive when counter-clockwise.
    ///
    /// ```
    /// use wangge::geo::{Point, Ring};
    /// let r = Ring::new(vec![Point::new(0.,0.), Point::new(1.,0.), Point::new(1.,1.), Point::new(0.,0.)]);
    /// assert_eq!(r.signed_area(), 0.5);
    /// ```
    pub fn signed_area(&self) -> f64 {
        let p = &self.points;
        if p.len() < 3 {
            return 0.0;
        }
        // Translate to the first point to keep precision on small rings far from 0,0.
        let (ox, oy) = (p[0].lon, p[0].lat);
        let mut s = 0.0;
        for w in p.windows(2) {
            let (x0, y0) = (w[0].lon - ox, w[0].lat - oy);
            let (x1, y1) = (w[1].lon - ox, w[1].lat - oy);
            s += x0 * y1 - x1 * y0;
        }
        s / 2.0
    }

    /// Whether the ring runs counter-clockwise (positive signed area).
    pub fn is_ccw(&self) -> bool {
        self.signed_area() > 0.0
    }

    /// Reverses the point order in place.
    pub fn reverse(&mut self) {
        self.points.reverse();
    }

    /// Checks closure, point count, coordinates and simplicity; the first problem found.
    pub fn check(&self) -> Result<(), RingIssue> {
        validity::check_ring(&self.points)
    }

    /// Even–odd point-in-ring test; points exactly on the boundary may go either way (use
    /// the grid index for a deterministic boundary rule).
    pub fn contains(&self, p: Point) -> bool {
        let pts = &self.points;
        let mut inside = false;
        for w in pts.windows(2) {
            let (a, b) = (w[0], w[1]);
            if (a.lat > p.lat) != (b.lat > p.lat) {
                let x = a.lon + (p.lat - a.lat) / (b.lat - a.lat) * (b.lon - a.lon);
                if p.lon < x {
                    inside = !inside;
                }
            }
        }
        inside
    }
}

/// A polygon: one exterior ring and zero or more holes.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Polygon {
    /// The outer boundary.
    pub exterior: Ring,
    /// Holes (areas excluded from the polygon).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holes: Vec<Ring>,
}

impl Polygon {
    /// A polygon from its rings.
    pub fn new(exterior: Ring, holes: Vec<Ring>) -> Polygon {
        Polygon { exterior, holes }
    }

    /// All rings: exterior first, then holes.
    pub fn rings(&self) -> impl Iterator<Item = &Ring> {
        std::iter::once(&self.exterior).chain(self.holes.iter())
    }

    /// The bounding box of the exterior.
    pub fn bbox(&self) -> Option<BBox> {
        self.exterior.bbox()
    }

    /// Checks every ring (see [`Ring::check`]) and that each hole lies inside the exterior.
    pub fn check(&self) -> Result<(), RingIssue> {
        for r in self.rings() {
            r.check()?;
        }
        for h in &self.holes {
            if let Some(p) = validity::hole_outside_shell(self.exterior.points(), h.points()) {
                return Err(RingIssue::HoleOutsideShell { at: p });
            }
        }
        Ok(())
    }

    /// Even–odd containment counting every ring (holes excluded).
    pub fn contains(&self, p: Point) -> bool {
        self.exterior.contains(p) && !self.holes.iter().any(|h| h.contains(p))
    }

    /// Rewinds rings to RFC 7946 order: exterior counter-clockwise, holes clockwise.
    pub fn normalize_winding(&mut self) {
        if !self.exterior.is_ccw() {
            self.exterior.reverse();
        }
        for h in &mut self.holes {
            if h.is_ccw() {
                h.reverse();
            }
        }
    }
}

/// One or more polygons (a grid may be in several parts, e.g. an island).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MultiPolygon {
    /// The parts.
    pub polygons: Vec<Polygon>,
}

impl MultiPolygon {
    /// A multipolygon from its parts.
    pub fn new(polygons: Vec<Polygon>) -> MultiPolygon {
        MultiPolygon { polygons }
    }

    /// Bounding box of all parts.
    pub fn bbox(&self) -> Option<BBox> {
        self.polygons
            .iter()
            .filter_map(Polygon::bbox)
            .reduce(|a, b| a.union(&b))
    }

    /// Whether any part contains `p` (even–odd rule per part).
    pub fn contains(&self, p: Point) -> bool {
        self.polygons.iter().any(|poly| poly.contains(p))
    }

    /// Checks every part.
    pub fn check(&self) -> Result<(), RingIssue> {
        if self.polygons.is_empty() {
            return Err(RingIssue::Empty);
        }
        self.polygons.iter().try_for_each(Polygon::check)
    }

    /// Every ring of every part.
    pub fn rings(&self) -> impl Iterator<Item = &Ring> {
        self.polygons.iter().flat_map(Polygon::rings)
    }

    /// Total number of points.
    pub fn num_points(&self) -> usize {
        self.rings().map(Ring::len).sum()
    }

    /// Rewinds every part (see [`Polygon::normalize_winding`]).
    pub fn normalize_winding(&mut self) {
        self.polygons
            .iter_mut()
            .for_each(Polygon::normalize_winding);
    }
}

impl From<Polygon> for MultiPolygon {
    fn from(p: Polygon) -> Self {
        MultiPolygon { polygons: vec![p] }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sq(x0: f64, y0: f64, s: f64) -> Ring {
        Ring::new(vec![
            Point::new(x0, y0),
            Point::new(x0 + s, y0),
            Point::new(x0 + s, y0 + s),
            Point::new(x0, y0 + s),
            Point::new(x0, y0),
        ])
    }

    #[test]
    fn holes_are_excluded() {
        let p = Polygon::new(sq(0.0, 0.0, 10.0), vec![sq(4.0, 4.0, 2.0)]);
        assert!(p.check().is_ok());
        assert!(p.contains(Point::new(1.0, 1.0)));
        assert!(!p.contains(Point::new(5.0, 5.0)));
        assert!(!p.contains(Point::new(11.0, 5.0)));
        let bad = Polygon::new(sq(0.0, 0.0, 10.0), vec![sq(20.0, 20.0, 2.0)]);
        assert!(matches!(
            bad.check(),
            Err(RingIssue::HoleOutsideShell { .. })
        ));
    }

    #[test]
    fn winding_normalizes() {
        let mut r = sq(0.0, 0.0, 1.0);
        assert!(r.is_ccw());
        r.reverse();
        let mut p = Polygon::new(r, vec![sq(0.2, 0.2, 0.1)]);
        p.normalize_winding();
        assert!(p.exterior.is_ccw());
        assert!(!p.holes[0].is_ccw());
    }

    #[test]
    fn point_validation() {
        assert!(Point::checked(0.0, 90.0).is_ok());
        for (x, y) in [
            (f64::NAN, 0.0),
            (0.0, f64::INFINITY),
            (-180.1, 0.0),
            (0.0, 90.5),
        ] {
            assert_eq!(
                Point::checked(x, y).unwrap_err().code(),
                ErrorCode::InvalidCoordinate
            );
        }
    }
}
