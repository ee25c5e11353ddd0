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

    /// Exact area (m²) of the cell `[lon0, lon0 + dlon] × [lat0, lat1]` on the WGS84
    /// ellipsoid, by the closed form of the authalic integral — an independent value, from
    /// the ellipsoid's own parameters (a = 6378137 m, f = 1/298.257223563), not from the
    /// module's constants or projection.
    fn ellipsoid_cell_area(dlon_deg: f64, lat0: f64, lat1: f64) -> f64 {
        let a = 6_378_137.0_f64;
        let f: f64 = 1.0 / 298.257_223_563;
        let e2 = f * (2.0 - f);
        let e = e2.sqrt();
        let b2 = a * a * (1.0 - e2);
        let q = |lat: f64| {
            let s = lat.to_radians().sin();
            s / (1.0 - e2 * s * s) + ((1.0 + e * s) / (1.0 - e * s)).ln() / (2.0 * e)
        };
        dlon_deg.to_radians() * b2 / 2.0 * (q(lat1) - q(lat0))
    }

    fn cell(lon0: f64, lat0: f64, dlon: f64, dlat: f64) -> Ring {
        Ring::new(vec![
            Point::new(lon0, lat0),
            Point::new(lon0 + dlon, lat0),
            Point::new(lon0 + dlon, lat0 + dlat),
            Point::new(lon0, lat0 + dlat),
            Point::new(lon0, lat0),
        ])
    }

    /// Grid-sized cells (100 m to 3 km) at several latitudes: the area is within 1e-4 of
    /// the ellipsoid's exact value, as the module documents. (Larger cells drift past it:
    /// the mean latitude counts the closing point twice.)
    #[test]
    fn areas_match_the_ellipsoid() {
        for lat in [0.0, 18.2, 35.8, 45.7, 53.0] {
            for d in [0.001, 0.01, 0.03] {
                let got = ring_area_m2(&cell(118.5, lat, d, d));
                let exact = ellipsoid_cell_area(d, lat, lat + d);
                let rel = (got - exact).abs() / exact;
                assert!(rel < 1e-4, "lat {lat}, {d}°: {got} vs {exact} ({rel:e})");
            }
        }
        // Holes are subtracted.
        let outer = cell(118.5, 35.8, 0.02, 0.02);
        let hole = cell(118.505, 35.805, 0.01, 0.01);
        let p = Polygon::new(outer.clone(), vec![hole.clone()]);
        let exact =
            ellipsoid_cell_area(0.02, 35.8, 35.82) - ellipsoid_cell_area(0.01, 35.805, 35.815);
        assert!((polygon_area_m2(&p) - exact).abs() / exact < 1e-4);
    }

    /// Distances against two independent values on the same sphere: a meridian arc is
    /// `R · Δφ`, and any distance is `R · acos(…)` by the spherical law of cosines.
    #[test]
    fn distances_match_the_sphere() {
        let r = 6_371_008.8_f64;
        let d = distance_m(Point::new(118.5, 35.8), Point::new(118.5, 35.9));
        let arc = r * 0.1_f64.to_radians();
        assert!((d - arc).abs() < 1e-6, "{d} vs {arc}");
        let (a, b) = (Point::new(116.391, 39.907), Point::new(121.473, 31.230)); // Beijing–Shanghai
        let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
        let c = p1.sin() * p2.sin() + p1.cos() * p2.cos() * (b.lon - a.lon).to_radians().cos();
        let cosines = r * c.acos();
        assert!(
            (distance_m(a, b) - cosines).abs() < 0.01,
            "{} vs {cosines}",
            distance_m(a, b)
        );
        assert!((cosines - 1_067_000.0).abs() < 3_000.0); // ≈ 1,067 km
    }
}
