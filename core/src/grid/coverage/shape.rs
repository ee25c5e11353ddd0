//! Small geometric helpers: areas, perimeters, points inside a region.

use super::report::round_deg;
use crate::geo::measure::{metres_per_degree, polygon_area_m2};
use crate::geo::{Point, Polygon};
use crate::grid::Unit;

/// Twice the signed area of a ring in square degrees, treating it as closed (positive when
/// counter-clockwise), relative to its first point for precision.
pub(super) fn ring_area2(pts: &[Point]) -> f64 {
    let Some(&o) = pts.first() else {
        return 0.0;
    };
    let mut s = 0.0;
    let n = pts.len();
    for i in 0..n {
        let (a, b) = (pts[i], pts[(i + 1) % n]);
        s += (a.lon - o.lon) * (b.lat - o.lat) - (b.lon - o.lon) * (a.lat - o.lat);
    }
    s
}

/// Even–odd containment of `p` in the region bounded by `rings` (each implicitly closed).
#[cfg(test)]
pub(super) fn contains(rings: &[&[Point]], p: Point) -> bool {
    let mut inside = false;
    for r in rings {
        let n = r.len();
        for i in 0..n {
            let (a, b) = (r[i], r[(i + 1) % n]);
            if (a.lat > p.lat) != (b.lat > p.lat) {
                let x = a.lon + (p.lat - a.lat) / (b.lat - a.lat) * (b.lon - a.lon);
                if p.lon < x {
                    inside = !inside;
                }
            }
        }
    }
    inside
}

/// Crossings of the horizontal line `y` (or vertical line `x` when `vertical`) with the
/// rings, sorted.
fn crossings(rings: &[&[Point]], c: f64, vertical: bool, out: &mut Vec<f64>) {
    out.clear();
    let get = |p: Point| {
        if vertical {
            (p.lat, p.lon)
        } else {
            (p.lon, p.lat)
        }
    };
    for r in rings {
        let n = r.len();
        for i in 0..n {
            let (a, b) = (get(r[i]), get(r[(i + 1) % n]));
            if (a.1 > c) != (b.1 > c) {
                out.push(a.0 + (c - a.1) / (b.1 - a.1) * (b.0 - a.0));
            }
        }
    }
    out.sort_unstable_by(f64::total_cmp);
}

/// Distinct sorted values, thinned to at most `max` evenly spread ones.
fn thinned(mut v: Vec<f64>, max: usize) -> Vec<f64> {
    v.retain(|x| x.is_finite());
    v.sort_unstable_by(f64::total_cmp);
    v.dedup();
    if v.len() > max && max > 0 {
        let step = v.len() as f64 / max as f64;
        v = (0..max).map(|k| v[(k as f64 * step) as usize]).collect();
    }
    v
}

/// A point well inside the region bounded by `rings` (even–odd), or `None` when the region
/// is degenerate.
///
/// Candidates lie on up to `lines` horizontal and `lines` vertical scan lines (between
/// distinct vertex coordinates): the middle of each inside interval and the places along it
/// level with a vertex (where the width across can peak). Each candidate scores the smaller
/// of its two extents, along and across the line, in metres; the best wins — the thickest
/// part of a sliver, the middle of a blob.
pub(super) fn interior_point(rings: &[&[Point]], lines: usize) -> Option<Point> {
    let lats = thinned(
        rings.iter().flat_map(|r| r.iter().map(|p| p.lat)).collect(),
        4 * lines,
    );
    let lons = thinned(
        rings.iter().flat_map(|r| r.iter().map(|p| p.lon)).collect(),
        4 * lines,
    );
    if lats.len() < 2 || lons.len() < 2 {
        return None;
    }
    let (mx, my) = metres_per_degree(lats[lats.len() / 2]);
    let mut best: Option<(f64, Point)> = None;
    let mut xs = Vec::new();
    let mut across = Vec::new();
    for vertical in [false, true] {
        // Scan lines at y (horizontal) or x (vertical); positions along them at the other
        // coordinate.
        let (at, along, m_along, m_across) = if vertical {
            (&lons, &lats, my, mx)
        } else {
            (&lats, &lons, mx, my)
        };
        let mids: Vec<f64> = at.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect();
        for c in thinned(mids, lines) {
            crossings(rings, c, vertical, &mut xs);
            for pair in xs.chunks_exact(2) {
                let (s, e) = (pair[0], pair[1]);
                if e <= s {
                    continue;
                }
                let mut cands = vec![(s + e) / 2.0];
                cands.extend(along.iter().copied().filter(|&t| t > s && t < e));
                for t in thinned(cands, 16) {
                    crossings(rings, t, !vertical, &mut across);
                    let w = across
                        .chunks_exact(2)
                        .find(|v| v[0] <= c && c <= v[1])
                        .map_or(0.0, |v| v[1] - v[0]);
                    let score = ((e - s) * m_along).min(w * m_across);
                    let p = if vertical {
                        Point::new(c, t)
                    } else {
                        Point::new(t, c)
                    };
                    if best.is_none_or(|(b, _)| score > b) {
                        best = Some((score, p));
                    }
                }
            }
        }
    }
    best.map(|(_, p)| p)
}

/// Area of a unit in m² (0 when it cannot be measured).
pub(super) fn unit_area_m2(u: &Unit) -> f64 {
    let a: f64 = u.geometry.polygons.iter().map(polygon_area_m2).sum();
    if a.is_finite() { a } else { 0.0 }
}

/// A point inside a unit (its largest part), rounded, `[lon, lat]`; falls back to the
/// first valid vertex, then `[0, 0]`.
pub(super) fn unit_point(u: &Unit) -> [f64; 2] {
    let largest = u.geometry.polygons.iter().max_by(|a, b| {
        ring_area2(a.exterior.points())
            .abs()
            .total_cmp(&ring_area2(b.exterior.points()).abs())
    });
    let p = largest
        .and_then(polygon_point)
        .or_else(|| {
            u.geometry
                .rings()
                .flat_map(|r| r.points().iter())
                .find(|p| p.validate().is_ok())
                .copied()
        })
        .unwrap_or_default();
    [round_deg(p.lon), round_deg(p.lat)]
}

fn polygon_point(poly: &Polygon) -> Option<Point> {
    let rings: Vec<&[Point]> = poly.rings().map(|r| r.points()).collect();
    if rings
        .iter()
        .any(|r| r.iter().any(|p| !p.lon.is_finite() || !p.lat.is_finite()))
    {
        return None;
    }
    interior_point(&rings, 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(c: &[(f64, f64)]) -> Vec<Point> {
        c.iter().map(|&(x, y)| Point::new(x, y)).collect()
    }

    #[test]
    fn interior_points_are_inside() {
        // A thin chevron whose centroid lies outside it.
        let chevron = pts(&[
            (0., 0.),
            (1., 1.),
            (2., 0.),
            (2., 0.1),
            (1., 1.1),
            (0., 0.1),
        ]);
        let p = interior_point(&[&chevron], 16).unwrap();
        assert!(contains(&[&chevron], p), "{p:?}");
        // A square with a hole in the middle.
        let outer = pts(&[(0., 0.), (4., 0.), (4., 4.), (0., 4.)]);
        let hole = pts(&[(1., 1.), (1., 3.), (3., 3.), (3., 1.)]);
        let p = interior_point(&[&outer, &hole], 16).unwrap();
        assert!(contains(&[&outer, &hole], p), "{p:?}");
        assert!(interior_point(&[&pts(&[(0., 0.), (1., 0.)])], 4).is_none());
        assert_eq!(ring_area2(&outer), 32.0);
    }
}
