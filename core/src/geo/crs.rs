//! Coordinate systems in use in China and conversion between them.
//!
//! * **WGS84** — GPS fixes; CGCS2000 agrees with it to the metre and is treated as WGS84.
//! * **GCJ-02** — the obfuscated system that Amap (高德) and Tencent maps publish.
//! * **BD-09** — Baidu's system, a further transform of GCJ-02.
//!
//! The GCJ-02 offset is only applied inside mainland China's bounding box (the usual
//! practice): outside it, GCJ-02 equals WGS84. The inverse transforms (GCJ-02 → WGS84,
//! BD-09 → GCJ-02) have no closed form; they are solved by fixed-point iteration to
//! better than 1e-9° (≈ 0.1 mm).
//!
//! ```
//! use wangge::geo::{Crs, Point};
//! let wgs = Point::new(116.397_428, 39.909_23);          // Tiananmen, GPS
//! let gcj = Crs::Wgs84.convert(wgs, Crs::Gcj02);
//! assert!((gcj.lon - wgs.lon).abs() > 0.004);            // hundreds of metres of offset
//! let back = Crs::Gcj02.convert(gcj, Crs::Wgs84);
//! assert!((back.lon - wgs.lon).abs() < 1e-9 && (back.lat - wgs.lat).abs() < 1e-9);
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{GeoError, Point};

/// A coordinate reference system a point may be given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Crs {
    /// WGS84 (GPS) and CGCS2000.
    #[default]
    Wgs84,
    /// GCJ-02 (Amap, Tencent).
    Gcj02,
    /// BD-09 (Baidu).
    Bd09,
}

impl Crs {
    /// Converts a point given in `self` to `to`.
    pub fn convert(self, p: Point, to: Crs) -> Point {
        if self == to {
            return p;
        }
        let wgs = match self {
            Crs::Wgs84 => p,
            Crs::Gcj02 => gcj02_to_wgs84(p),
            Crs::Bd09 => gcj02_to_wgs84(bd09_to_gcj02(p)),
        };
        match to {
            Crs::Wgs84 => wgs,
            Crs::Gcj02 => wgs84_to_gcj02(wgs),
            Crs::Bd09 => gcj02_to_bd09(wgs84_to_gcj02(wgs)),
        }
    }

    /// Converts a point given in `self` to WGS84, checking its coordinates first.
    ///
    /// ```
    /// use wangge::geo::{Crs, Point};
    /// assert!(Crs::Bd09.to_wgs84(Point::new(f64::NAN, 30.0)).is_err());
    /// ```
    pub fn to_wgs84(self, p: Point) -> Result<Point, GeoError> {
        p.validate()?;
        Ok(self.convert(p, Crs::Wgs84))
    }

    /// Reads interleaved `lon0, lat0, lon1, lat1, …` given in `self` as WGS84 points,
    /// checking every coordinate as [`Crs::to_wgs84`] does. This is how the batch calls of
    /// the bindings take points (a `Float64Array`, a C `double` array). On a bad pair (or
    /// a longitude without its latitude) the error carries the pair's position.
    ///
    /// ```
    /// use wangge::geo::{Crs, Point};
    /// let pts = Crs::Wgs84.to_wgs84_pairs(&[118.5, 35.8, 118.6, 35.9])?;
    /// assert_eq!(pts, vec![Point::new(118.5, 35.8), Point::new(118.6, 35.9)]);
    /// let bad = Crs::Gcj02.to_wgs84_pairs(&[118.5, 35.8, f64::NAN, 35.9]).unwrap_err();
    /// assert_eq!(bad.index, 1);
    /// assert!(Crs::Wgs84.to_wgs84_pairs(&[118.5]).is_err());
    /// # Ok::<(), wangge::geo::PairError>(())
    /// ```
    pub fn to_wgs84_pairs(self, lonlat: &[f64]) -> Result<Vec<Point>, PairError> {
        let pairs = lonlat.chunks_exact(2);
        let rest = pairs.remainder();
        // One pass that only copies and folds the range check (NaN fails `<=`); the
        // first bad pair is looked for again only when there is one.
        let mut points = Vec::with_capacity(lonlat.len() / 2);
        let mut ok = true;
        for xy in pairs {
            let p = Point::new(xy[0], xy[1]);
            ok &= p.lon.abs() <= 180.0 && p.lat.abs() <= 90.0;
            points.push(p);
        }
        if !ok {
            for (index, p) in points.iter().enumerate() {
                p.validate().map_err(|source| PairError { index, source })?;
            }
        }
        if let [lon] = *rest {
            return Err(PairError {
                index: points.len(),
                source: GeoError::InvalidCoordinate {
                    lon,
                    lat: f64::NAN,
                    reason: "a longitude without its latitude",
                },
            });
        }
        if self != Crs::Wgs84 {
            for p in &mut points {
                *p = self.convert(*p, Crs::Wgs84);
            }
        }
        Ok(points)
    }

    /// The lower-case name (`"wgs84"`, `"gcj02"`, `"bd09"`).
    pub fn name(self) -> &'static str {
        match self {
            Crs::Wgs84 => "wgs84",
            Crs::Gcj02 => "gcj02",
            Crs::Bd09 => "bd09",
        }
    }
}

/// A bad coordinate pair in a batch: its position (0-based pair index) and why.
///
/// ```
/// use wangge::geo::Crs;
/// let e = Crs::Wgs84.to_wgs84_pairs(&[0.0, 0.0, 200.0, 0.0]).unwrap_err();
/// assert_eq!(e.to_string(), "point 1: invalid coordinate (200, 0): longitude outside [-180, 180]");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("point {index}: {source}")]
pub struct PairError {
    /// Which pair (0-based).
    pub index: usize,
    /// What is wrong with it.
    pub source: GeoError,
}

impl PairError {
    /// The stable code (the pair's own error's).
    ///
    /// ```
    /// use wangge::{geo::Crs, ErrorCode};
    /// let e = Crs::Wgs84.to_wgs84_pairs(&[f64::INFINITY, 0.0]).unwrap_err();
    /// assert_eq!(e.code(), ErrorCode::InvalidCoordinate);
    /// ```
    pub fn code(&self) -> crate::ErrorCode {
        self.source.code()
    }
}

impl fmt::Display for Crs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Crs {
    type Err = GeoError;
    /// Accepts `wgs84`, `cgcs2000`, `gcj02`, `bd09` (case-insensitive, `-`/`_` ignored).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm: String = s
            .chars()
            .filter(|c| *c != '-' && *c != '_')
            .flat_map(char::to_lowercase)
            .collect();
        match norm.as_str() {
            "wgs84" | "cgcs2000" | "epsg4326" | "epsg4490" => Ok(Crs::Wgs84),
            "gcj02" => Ok(Crs::Gcj02),
            "bd09" | "bd09ll" => Ok(Crs::Bd09),
            _ => Err(GeoError::UnknownCrs(s.chars().take(40).collect())),
        }
    }
}

/// Krasovsky 1940 semi-major axis, as used by GCJ-02.
const A: f64 = 6_378_245.0;
/// Krasovsky 1940 first eccentricity squared.
const EE: f64 = 0.006_693_421_622_965_943;
const PI: f64 = std::f64::consts::PI;
const X_PI: f64 = PI * 3000.0 / 180.0;

/// Whether GCJ-02 applies (mainland China's rough bounding box).
pub fn in_china(p: Point) -> bool {
    (72.004..=137.8347).contains(&p.lon) && (0.8293..=55.8271).contains(&p.lat)
}

fn transform_lat(x: f64, y: f64) -> f64 {
    let mut r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * libm::sqrt(x.abs());
    r += (20.0 * libm::sin(6.0 * x * PI) + 20.0 * libm::sin(2.0 * x * PI)) * 2.0 / 3.0;
    r += (20.0 * libm::sin(y * PI) + 40.0 * libm::sin(y / 3.0 * PI)) * 2.0 / 3.0;
    r += (160.0 * libm::sin(y / 12.0 * PI) + 320.0 * libm::sin(y * PI / 30.0)) * 2.0 / 3.0;
    r
}

fn transform_lon(x: f64, y: f64) -> f64 {
    let mut r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * libm::sqrt(x.abs());
    r += (20.0 * libm::sin(6.0 * x * PI) + 20.0 * libm::sin(2.0 * x * PI)) * 2.0 / 3.0;
    r += (20.0 * libm::sin(x * PI) + 40.0 * libm::sin(x / 3.0 * PI)) * 2.0 / 3.0;
    r += (150.0 * libm::sin(x / 12.0 * PI) + 300.0 * libm::sin(x / 30.0 * PI)) * 2.0 / 3.0;
    r
}

/// WGS84 → GCJ-02 (identity outside China).
pub fn wgs84_to_gcj02(p: Point) -> Point {
    if !in_china(p) {
        return p;
    }
    let dlat = transform_lat(p.lon - 105.0, p.lat - 35.0);
    let dlon = transform_lon(p.lon - 105.0, p.lat - 35.0);
    let rad = p.lat / 180.0 * PI;
    let s = libm::sin(rad);
    let magic = 1.0 - EE * s * s;
    let sq = libm::sqrt(magic);
    let dlat = dlat * 180.0 / ((A * (1.0 - EE)) / (magic * sq) * PI);
    let dlon = dlon * 180.0 / (A / sq * libm::cos(rad) * PI);
    Point::new(p.lon + dlon, p.lat + dlat)
}

/// GCJ-02 → WGS84 by fixed-point iteration (|error| < 1e-9°; identity outside China).
pub fn gcj02_to_wgs84(g: Point) -> Point {
    if !in_china(g) {
        return g;
    }
    let mut w = g;
    for _ in 0..30 {
        let f = wgs84_to_gcj02(w);
        let (ex, ey) = (f.lon - g.lon, f.lat - g.lat);
        w = Point::new(w.lon - ex, w.lat - ey);
        if ex.abs() < 1e-12 && ey.abs() < 1e-12 {
            break;
        }
    }
    w
}

/// GCJ-02 → BD-09.
pub fn gcj02_to_bd09(p: Point) -> Point {
    let (x, y) = (p.lon, p.lat);
    let z = libm::sqrt(x * x + y * y) + 0.000_02 * libm::sin(y * X_PI);
    let theta = libm::atan2(y, x) + 0.000_003 * libm::cos(x * X_PI);
    Point::new(z * libm::cos(theta) + 0.0065, z * libm::sin(theta) + 0.006)
}

/// BD-09 → GCJ-02, solved by fixed-point iteration on [`gcj02_to_bd09`].
pub fn bd09_to_gcj02(b: Point) -> Point {
    // Closed-form approximation as the starting point.
    let (x, y) = (b.lon - 0.0065, b.lat - 0.006);
    let z = libm::sqrt(x * x + y * y) - 0.000_02 * libm::sin(y * X_PI);
    let theta = libm::atan2(y, x) - 0.000_003 * libm::cos(x * X_PI);
    let mut g = Point::new(z * libm::cos(theta), z * libm::sin(theta));
    for _ in 0..30 {
        let f = gcj02_to_bd09(g);
        let (ex, ey) = (f.lon - b.lon, f.lat - b.lat);
        g = Point::new(g.lon - ex, g.lat - ey);
        if ex.abs() < 1e-12 && ey.abs() < 1e-12 {
            break;
        }
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_offsets() {
        // GCJ-02 shifts Beijing by roughly 0.006° east and 0.0014° north.
        let wgs = Point::new(116.397_428, 39.909_23);
        let g = wgs84_to_gcj02(wgs);
        assert!((g.lon - wgs.lon - 0.006_24).abs() < 0.0005, "{g:?}");
        assert!((g.lat - wgs.lat - 0.001_40).abs() < 0.0005, "{g:?}");
        // BD-09 adds roughly another 0.0065° / 0.006°.
        let b = gcj02_to_bd09(g);
        assert!((b.lon - g.lon - 0.0065).abs() < 0.001);
        assert!((b.lat - g.lat - 0.006).abs() < 0.001);
        // Outside China nothing moves.
        let paris = Point::new(2.35, 48.85);
        assert_eq!(wgs84_to_gcj02(paris), paris);
    }

    #[test]
    fn names_parse() {
        assert_eq!("WGS-84".parse::<Crs>().unwrap(), Crs::Wgs84);
        assert_eq!("cgcs2000".parse::<Crs>().unwrap(), Crs::Wgs84);
        assert_eq!("GCJ_02".parse::<Crs>().unwrap(), Crs::Gcj02);
        assert_eq!("bd09".parse::<Crs>().unwrap(), Crs::Bd09);
        assert!("utm50".parse::<Crs>().is_err());
    }

    proptest! {
        #[test]
        fn round_trips_are_exact_to_1e9(lon in 73.0f64..135.0, lat in 18.0f64..53.0) {
            let p = Point::new(lon, lat);
            for c in [Crs::Gcj02, Crs::Bd09] {
                let q = Crs::Wgs84.convert(p, c);
                let back = c.convert(q, Crs::Wgs84);
                prop_assert!((back.lon - lon).abs() < 1e-9 && (back.lat - lat).abs() < 1e-9, "{c:?} {back:?}");
            }
            let b = Crs::Gcj02.convert(p, Crs::Bd09);
            let g = Crs::Bd09.convert(b, Crs::Gcj02);
            prop_assert!((g.lon - lon).abs() < 1e-9 && (g.lat - lat).abs() < 1e-9);
        }

        /// The batch reader agrees with reading each pair by itself: the same points, or
        /// the first bad pair's position and error.
        #[test]
        fn pairs_agree_with_one_by_one(
            numbers in prop::collection::vec(prop_oneof![
                8 => -200.0f64..200.0,
                1 => Just(f64::NAN),
                1 => Just(f64::INFINITY),
                1 => Just(-180.0),
                1 => Just(90.0),
            ], 0..40),
            crs in prop_oneof![Just(Crs::Wgs84), Just(Crs::Gcj02), Just(Crs::Bd09)],
        ) {
            let got = crs.to_wgs84_pairs(&numbers);
            let mut want = Vec::new();
            let mut first_bad = None;
            for (i, xy) in numbers.chunks(2).enumerate() {
                let r = match *xy {
                    [lon, lat] => crs.to_wgs84(Point::new(lon, lat)),
                    _ => Err(GeoError::InvalidCoordinate {
                        lon: xy[0],
                        lat: f64::NAN,
                        reason: "a longitude without its latitude",
                    }),
                };
                match r {
                    Ok(p) => want.push(p),
                    Err(e) => {
                        first_bad = Some((i, e));
                        break;
                    }
                }
            }
            match (got, first_bad) {
                (Ok(points), None) => prop_assert_eq!(points, want),
                (Err(e), Some((i, _))) => {
                    prop_assert_eq!(e.index, i);
                    prop_assert_eq!(e.code(), crate::ErrorCode::InvalidCoordinate);
                }
                (got, want) => prop_assert!(false, "{:?} vs {:?}", got, want),
            }
        }
    }
}
