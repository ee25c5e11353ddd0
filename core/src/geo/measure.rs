//! Lengths and areas in metres on WGS84 coordinates.
//!
//! Grids are small (well under 100 km across), so areas use a local equirectangular
//! projection about the shape's mean latitude with the WGS84 meridional and prime-vertical
//! radii; the relative error is below 1e-4 for shapes a few kilometres across. Distances
//! use the haversine formula on the mean Earth radius.
//!
//! ```
//! use wangge::geo::{measure, Point};
//! let d = measure::distance_m(Point::new(118.5, 35.8), Point::new(118.5, 35.81));
//! assert!((d - 1109.0).abs() < 5.0);
//! ```

use super::{Point, Polygon, Ring};

/// WGS84 semi-major axis (m).
const WGS84_A: f64 = 6_378_137.0;
/// WGS84 first eccentricity squared.
const WGS84_E2: f64 = 0.006_694_379_990_14;
/// Mean Earth radius (m) for haversine distances.
const MEAN_RADIUS: f64 = 6_371_008.8;

/// Metres per degree of longitude and of latitude at latitude `lat` (degrees).
///
/// ```
/// let (mx, my) = wangge::geo::measure::metres_per_degree(35.8);
/// assert!((mx - 90_400.0).abs() < 200.0 && (my - 110_950.0).abs() < 200.0);
/// ```
pub fn metres_per_degree(lat: f64) -> (f64, f64) {
    let phi = lat.to_radians();
    let s = libm::sin(phi);
    let w = 1.0 - WGS84_E2 * s * s;
    let n = WGS84_A / libm::sqrt(w); // prime vertical radius
    let m = WGS84_A * (1.0 - WGS84_E2) / (w * libm::sqrt(w)); // meridional radius
    let k = std::f64::consts::PI / 180.0;
    (n * libm::cos(phi) * k, m * k)
}

/// Great-circle distance in metres (haversine, mean radius).
pub fn distance_m(a: Point, b: Point) -> f64 {
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dp = p2 - p1;
    let dl = (b.lon - a.lon).to_radians();
    let h =
        libm::sin(dp / 2.0).powi(2) + libm::cos(p1) * libm::cos(p2) * libm::sin(dl / 2.0).powi(2);
    2.0 * MEAN_RADIUS * libm::asin(libm::sqrt(h.min(1.0)))
}

/// Unsigned area of a ring in square metres.
pub fn ring_area_m2(ring: &Ring) -> f64 {
    let pts = ring.points();
    if pts.len() < 3 {
        return 0.0;
    }
    let lat0 = pts.iter().map(|p| p.lat).sum::<f64>() / pts.len() as f64;
    let (mx, my) = metres_per_degree(lat0);
    ring.signed_area().abs() * mx * my
}

/// Area of a polygon (exterior minus holes) in square metres.
pub fn polygon_area_m2(poly: &Polygon) -> f64 {
    let holes: f64 = poly.holes.iter().map(ring_area_m2).sum();
    (ring_area_m2(&poly.exterior) - holes).max(0.0)
}

/// Area of a signed shoelace sum (square degrees) at latitude `lat`, in square metres.
pub fn deg2_to_m2(area_deg2: f64, lat: f64) -> f64 {
    let (mx, my) = metres_per_degree(lat);
    area_deg2.abs() * mx * my
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_km_square() {
        let (mx, my) = metres_per_degree(35.8);
        let (dx, dy) = (1000.0 / mx, 1000.0 / my);
        let r = Ring::new(vec![
            Point::new(118.5, 35.8),
            Point::new(118.5 + dx, 35.8),
            Point::new(118.5 + dx, 35.8 + dy),
            Point::new(118.5, 35.8 + dy),
            Point::new(118.5, 35.8),
        ]);
        let a = ring_area_m2(&r);
        assert!((a - 1.0e6).abs() < 200.0, "{a}");
        let d = distance_m(Point::new(118.5, 35.8), Point::new(118.5 + dx, 35.8));
        assert!((d - 1000.0).abs() < 5.0, "{d}");
    }
}
