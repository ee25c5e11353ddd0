//! The exact crossing tests behind the boundary rule.
//!
//! A query point `q` stands for the displaced point `q* = (lon + ε, lat + ε²)`, with `ε`
//! positive and as small as needed. Every test here decides, with exact orientation
//! predicates, whether an edge is crossed by a path made of `q*` and other displaced
//! points. Because the displaced path never passes through a vertex, every crossing count
//! is well defined, and two paths between the same displaced points cross every ring the
//! same number of times modulo 2. That is what lets the index combine a precomputed
//! status with a few local crossings and still agree bit for bit with a scan.

use crate::geo::Point;
use crate::geo::validity::orient;

#[inline(always)]
fn minmax(a: f64, b: f64) -> (f64, f64) {
    if a < b { (a, b) } else { (b, a) }
}

/// Whether edge `a–b` crosses the horizontal path from `q*` east to `(x1 + ε, q.lat + ε²)`.
///
/// The edge must straddle the height (`(a.lat > y) != (b.lat > y)`); its crossing `x`
/// at that height must then satisfy `q.lon < x <= x1`.
#[inline(always)]
pub(crate) fn crosses_east(a: Point, b: Point, q: Point, x1: f64) -> bool {
    if (a.lat > q.lat) == (b.lat > q.lat) {
        return false;
    }
    let (lo, hi) = if a.lat < b.lat { (a, b) } else { (b, a) };
    let (minx, maxx) = minmax(a.lon, b.lon);
    // Crossing strictly east of q: q lies to the left of the upward edge.
    let east = if minx > q.lon {
        true
    } else if maxx <= q.lon {
        false
    } else {
        orient(lo, hi, q) > 0.0
    };
    if !east {
        return false;
    }
    // Crossing at or west of x1: (x1, y) is not to the left of the upward edge.
    if maxx <= x1 {
        true
    } else if minx > x1 {
        false
    } else {
        orient(lo, hi, Point::new(x1, q.lat)) <= 0.0
    }
}

/// Whether edge `a–b` crosses the vertical path at `x1 + ε` from height `y + ε²` down to
/// `y0 + ε²` (`y0 <= y`).
#[inline(always)]
pub(crate) fn crosses_down(a: Point, b: Point, y: f64, x1: f64, y0: f64) -> bool {
    if (a.lon > x1) == (b.lon > x1) {
        return false;
    }
    let (w, e) = if a.lon < b.lon { (a, b) } else { (b, a) };
    let (miny, maxy) = minmax(a.lat, b.lat);
    // The edge's height h at x1 + ε is below y + ε².
    let below = if maxy < y {
        true
    } else if miny > y {
        false
    } else {
        let o = orient(w, e, Point::new(x1, y));
        o > 0.0 || (o == 0.0 && e.lat <= w.lat)
    };
    if !below {
        return false;
    }
    // … and above y0 + ε².
    if miny > y0 {
        true
    } else if maxy < y0 {
        false
    } else {
        let o = orient(w, e, Point::new(x1, y0));
        o < 0.0 || (o == 0.0 && e.lat > w.lat)
    }
}

/// Whether edge `a–b` is crossed an odd number of times by the path from `q*` east to
/// `x1 + ε`, then down to `y0 + ε²` — the path from a query point to the south-east
/// corner of its cell. `q` must satisfy `q.lon <= x1` and `q.lat >= y0`.
#[inline(always)]
pub(crate) fn toggles(a: Point, b: Point, q: Point, x1: f64, y0: f64) -> bool {
    crosses_east(a, b, q, x1) != crosses_down(a, b, q.lat, x1, y0)
}

/// Whether edge `a–b` crosses the ray from `q*` due east to infinity: the whole of the
/// boundary rule for one edge, for the tests of the paths below (the scanning reference
/// has its own).
#[cfg(test)]
pub(crate) fn crosses_ray(a: Point, b: Point, q: Point) -> bool {
    if (a.lat > q.lat) == (b.lat > q.lat) {
        return false;
    }
    let (lo, hi) = if a.lat < b.lat { (a, b) } else { (b, a) };
    orient(lo, hi, q) > 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(x: f64, y: f64) -> Point {
        Point::new(x, y)
    }

    #[test]
    fn east_path_counts_half_open() {
        let (a, b) = (p(2.0, 0.0), p(2.0, 4.0));
        // q west of the edge, x1 beyond: crossed.
        assert!(crosses_east(a, b, p(1.0, 1.0), 3.0));
        // q exactly on the edge: q* is east of it.
        assert!(!crosses_east(a, b, p(2.0, 1.0), 3.0));
        // x1 exactly on the edge: the path ends at x1 + ε, east of it.
        assert!(crosses_east(a, b, p(1.0, 1.0), 2.0));
        // Height of the lower vertex counts, the upper one does not.
        assert!(crosses_east(a, b, p(1.0, 0.0), 3.0));
        assert!(!crosses_east(a, b, p(1.0, 4.0), 3.0));
        // Horizontal edges never straddle.
        assert!(!crosses_east(p(0.0, 1.0), p(5.0, 1.0), p(1.0, 1.0), 3.0));
    }

    #[test]
    fn down_path_uses_slopes_at_ties() {
        // Edge through (2, 1) rising to the east.
        let (w, e) = (p(1.0, 0.0), p(3.0, 2.0));
        // Path at x = 2 + ε from y = 1 + ε² down: the edge is at 1 + ε there, above.
        assert!(!crosses_down(w, e, 1.0, 2.0, 0.0));
        assert!(crosses_down(w, e, 1.5, 2.0, 0.0));
        // Falling edge through (2, 1): at 1 − ε, below the start, above y0 = 0.
        let (w2, e2) = (p(1.0, 2.0), p(3.0, 0.0));
        assert!(crosses_down(w2, e2, 1.0, 2.0, 0.0));
        // y0 on a rising edge: the edge is above y0 + ε², so it is crossed.
        assert!(crosses_down(w, e, 1.5, 2.0, 1.0));
        // … but not on a falling one.
        assert!(!crosses_down(w2, e2, 1.5, 2.0, 1.0));
    }

    #[test]
    fn paths_agree_with_rays() {
        // For a path ending at a point known to be outside (far east), the toggles equal
        // the ray crossings.
        let ring = [
            p(0.0, 0.0),
            p(4.0, 0.0),
            p(4.0, 4.0),
            p(2.0, 2.0),
            p(0.0, 4.0),
            p(0.0, 0.0),
        ];
        for qx in 0..=8 {
            for qy in 0..=8 {
                let q = p(qx as f64 * 0.5, qy as f64 * 0.5);
                let ray = ring
                    .windows(2)
                    .filter(|w| crosses_ray(w[0], w[1], q))
                    .count()
                    % 2;
                let path = ring
                    .windows(2)
                    .filter(|w| toggles(w[0], w[1], q, 10.0, -1.0))
                    .count()
                    % 2;
                assert_eq!(ray, path, "{q:?}");
            }
        }
    }
}
