//! Ring validity: closure, point count, coordinates, simplicity.
//!
//! A valid ring has at least four points, is closed (first = last), has finite coordinates
//! in range, encloses a non-zero area, and is *simple*: no two of its segments cross or
//! touch except consecutive segments at their shared vertex. Repeated consecutive points
//! are tolerated (they are skipped).
//!
//! Self-intersection is found with a sweep over the segments sorted by longitude, so a
//! typical street-following ring costs O(n log n), and orientation tests use exact
//! predicates (`robust`), so the verdict never depends on rounding.
//!
//! ```
//! use wangge::geo::{Point, RingIssue, validity::check_ring};
//! let bowtie = [Point::new(0.,0.), Point::new(1.,1.), Point::new(1.,0.), Point::new(0.,1.), Point::new(0.,0.)];
//! match check_ring(&bowtie) {
//!     Err(RingIssue::SelfIntersection { at }) => assert_eq!(at, Point::new(0.5, 0.5)),
//!     other => panic!("{other:?}"),
//! }
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Point;

/// What is wrong with a ring, and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "issue", rename_all = "snake_case")]
#[non_exhaustive]
pub enum RingIssue {
    /// A geometry with no ring or a ring with no point.
    Empty,
    /// A coordinate is NaN, infinite or out of range.
    InvalidCoordinate {
        /// Index of the point in the ring.
        index: usize,
        /// The point as given.
        at: Point,
    },
    /// Fewer than four points (a closed triangle needs four).
    TooFewPoints {
        /// Number of points found.
        count: usize,
        /// The first point, to locate the ring.
        at: Point,
    },
    /// The first and last points differ.
    Unclosed {
        /// The first point.
        at: Point,
        /// The last point.
        last: Point,
    },
    /// Two segments cross or touch.
    SelfIntersection {
        /// A point where they meet.
        at: Point,
    },
    /// The ring encloses no area (all points collinear or repeated).
    ZeroArea {
        /// The first point.
        at: Point,
    },
    /// A hole is not within its polygon's exterior (it lies outside, crosses it or is
    /// larger than it).
    HoleOutsideShell {
        /// A point of the hole outside the exterior (or where the two cross).
        at: Point,
    },
}

impl RingIssue {
    /// A point that locates the problem (`None` only for [`RingIssue::Empty`]).
    pub fn location(&self) -> Option<Point> {
        match self {
            RingIssue::Empty => None,
            RingIssue::InvalidCoordinate { at, .. }
            | RingIssue::TooFewPoints { at, .. }
            | RingIssue::Unclosed { at, .. }
            | RingIssue::SelfIntersection { at }
            | RingIssue::ZeroArea { at }
            | RingIssue::HoleOutsideShell { at } => Some(*at),
        }
    }
}

impl fmt::Display for RingIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RingIssue::Empty => write!(f, "empty geometry"),
            RingIssue::InvalidCoordinate { index, at } => {
                write!(
                    f,
                    "point {index} ({}, {}) is not a valid coordinate",
                    super::Num(at.lon),
                    super::Num(at.lat)
                )
            }
            RingIssue::TooFewPoints { count, .. } => {
                write!(f, "ring has {count} points, at least 4 are needed")
            }
            RingIssue::Unclosed { at, last } => write!(
                f,
                "ring is not closed: first ({}, {}) != last ({}, {})",
                at.lon, at.lat, last.lon, last.lat
            ),
            RingIssue::SelfIntersection { at } => {
                write!(f, "ring intersects itself at ({}, {})", at.lon, at.lat)
            }
            RingIssue::ZeroArea { at } => {
                write!(f, "ring at ({}, {}) has zero area", at.lon, at.lat)
            }
            RingIssue::HoleOutsideShell { at } => {
                write!(
                    f,
                    "hole at ({}, {}) lies outside the exterior ring",
                    at.lon, at.lat
                )
            }
        }
    }
}

/// Exact orientation of `c` relative to the directed line `a → b`: > 0 left, < 0 right.
pub fn orient(a: Point, b: Point, c: Point) -> f64 {
    robust::orient2d(
        robust::Coord { x: a.lon, y: a.lat },
        robust::Coord { x: b.lon, y: b.lat },
        robust::Coord { x: c.lon, y: c.lat },
    )
}

/// Whether `p`, known to be collinear with `a`–`b`, lies within the segment's box.
fn on_segment(a: Point, b: Point, p: Point) -> bool {
    p.lon >= a.lon.min(b.lon)
        && p.lon <= a.lon.max(b.lon)
        && p.lat >= a.lat.min(b.lat)
        && p.lat <= a.lat.max(b.lat)
}

/// Where segments `a–b` and `c–d` meet, if they do (a point of contact for touching or
/// collinear-overlapping segments).
pub fn segment_intersection(a: Point, b: Point, c: Point, d: Point) -> Option<Point> {
    let o1 = orient(a, b, c);
    let o2 = orient(a, b, d);
    let o3 = orient(c, d, a);
    let o4 = orient(c, d, b);
    if o1 * o2 < 0.0 && o3 * o4 < 0.0 {
        // Proper crossing: parametric intersection.
        let t = o3 / (o3 - o4);
        return Some(Point::new(
            a.lon + t * (b.lon - a.lon),
            a.lat + t * (b.lat - a.lat),
        ));
    }
    if o1 == 0.0 && on_segment(a, b, c) {
        return Some(c);
    }
    if o2 == 0.0 && on_segment(a, b, d) {
        return Some(d);
    }
    if o3 == 0.0 && on_segment(c, d, a) {
        return Some(a);
    }
    if o4 == 0.0 && on_segment(c, d, b) {
        return Some(b);
    }
    None
}

/// Checks one ring; returns the first problem found.
pub fn check_ring(points: &[Point]) -> Result<(), RingIssue> {
    let Some(&first) = points.first() else {
        return Err(RingIssue::Empty);
    };
    for (index, p) in points.iter().enumerate() {
        if p.validate().is_err() {
            return Err(RingIssue::InvalidCoordinate { index, at: *p });
        }
    }
    if points.len() < 4 {
        return Err(RingIssue::TooFewPoints {
            count: points.len(),
            at: first,
        });
    }
    let last = points[points.len() - 1];
    if first != last {
        return Err(RingIssue::Unclosed { at: first, last });
    }
    let mut v: Vec<Point> = Vec::with_capacity(points.len());
    for &p in points {
        if v.last() != Some(&p) {
            v.push(p);
        }
    }
    // v is closed; it has v.len() - 1 segments.
    if v.len() < 4 {
        return Err(RingIssue::ZeroArea { at: first });
    }
    if let Some(at) = find_self_intersection(&v) {
        return Err(RingIssue::SelfIntersection { at });
    }
    if crate::geo::Ring::new(v).signed_area() == 0.0 {
        return Err(RingIssue::ZeroArea { at: first });
    }
    Ok(())
}

/// Where a point stands relative to a closed ring, decided exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Inside,
    On,
    Outside,
}

/// Exact point-in-ring test (ray east, half-open in latitude) with boundary detection.
fn side_of(ring: &[Point], p: Point) -> Side {
    let mut inside = false;
    for w in ring.windows(2) {
        let (a, b) = (w[0], w[1]);
        let o = orient(a, b, p);
        if o == 0.0 && on_segment(a, b, p) {
            return Side::On;
        }
        let up = a.lat <= p.lat && p.lat < b.lat && o > 0.0;
        let down = b.lat <= p.lat && p.lat < a.lat && o < 0.0;
        if up || down {
            inside = !inside;
        }
    }
    if inside { Side::Inside } else { Side::Outside }
}

/// Where `hole` leaves the area enclosed by `shell` (both closed rings, each already
/// checked): a hole vertex strictly outside the shell, a point where a hole edge crosses a
/// shell edge, or the midpoint of a hole edge running outside between two boundary
/// vertices. `None` when the hole lies within the shell (touching it is allowed).
///
/// This is the one test of "a hole inside its polygon" that coverage validation and the
/// grid index share, so both agree on which layers are valid. Its cost is the product of
/// the two rings' sizes.
///
/// ```
/// use wangge::geo::{Point, validity::hole_outside_shell};
/// let sq = |x0: f64, y0: f64, s: f64| vec![Point::new(x0, y0), Point::new(x0 + s, y0),
///     Point::new(x0 + s, y0 + s), Point::new(x0, y0 + s), Point::new(x0, y0)];
/// assert_eq!(hole_outside_shell(&sq(0.0, 0.0, 4.0), &sq(1.0, 1.0, 1.0)), None);
/// // A hole larger than its shell, sharing a corner.
/// assert!(hole_outside_shell(&sq(0.0, 0.0, 1.0), &sq(0.0, 0.0, 2.0)).is_some());
/// ```
pub fn hole_outside_shell(shell: &[Point], hole: &[Point]) -> Option<Point> {
    let sides: Vec<Side> = hole.iter().map(|&p| side_of(shell, p)).collect();
    if let Some(k) = sides.iter().position(|&s| s == Side::Outside) {
        return Some(hole[k]);
    }
    for (k, h) in hole.windows(2).enumerate() {
        let (a, b) = (h[0], h[1]);
        for s in shell.windows(2) {
            let (c, d) = (s[0], s[1]);
            let (o1, o2) = (orient(a, b, c), orient(a, b, d));
            let (o3, o4) = (orient(c, d, a), orient(c, d, b));
            if o1 * o2 < 0.0 && o3 * o4 < 0.0 {
                return segment_intersection(a, b, c, d).or(Some(a));
            }
        }
        if sides[k] == Side::On && sides[k + 1] == Side::On {
            // Along a shell edge is on the boundary; otherwise look at the midpoint.
            let along = shell.windows(2).any(|s| {
                orient(s[0], s[1], a) == 0.0
                    && orient(s[0], s[1], b) == 0.0
                    && on_segment(s[0], s[1], a)
                    && on_segment(s[0], s[1], b)
            });
            let mid = Point::new(a.lon + (b.lon - a.lon) / 2.0, a.lat + (b.lat - a.lat) / 2.0);
            if !along && side_of(shell, mid) == Side::Outside {
                return Some(mid);
            }
        }
    }
    None
}

/// Sweep over the segments of a closed ring without repeated consecutive points.
fn find_self_intersection(v: &[Point]) -> Option<Point> {
    let m = v.len() - 1; // number of segments
    let mut order: Vec<u32> = (0..m as u32).collect();
    let min_lon = |i: u32| v[i as usize].lon.min(v[i as usize + 1].lon);
    order.sort_unstable_by(|&a, &b| min_lon(a).total_cmp(&min_lon(b)).then(a.cmp(&b)));
    for (k, &i) in order.iter().enumerate() {
        let i = i as usize;
        let (a, b) = (v[i], v[i + 1]);
        let max_lon = a.lon.max(b.lon);
        let (lo, hi) = (a.lat.min(b.lat), a.lat.max(b.lat));
        for &j in &order[k + 1..] {
            let j = j as usize;
            let (c, d) = (v[j], v[j + 1]);
            if c.lon.min(d.lon) > max_lon {
                break;
            }
            if c.lat.max(d.lat) < lo || c.lat.min(d.lat) > hi {
                continue;
            }
            let (s, t) = if i < j { (i, j) } else { (j, i) };
            let adjacent = t == s + 1 || (s == 0 && t == m - 1);
            if adjacent {
                // They share one vertex; only a collinear fold-back is a problem.
                let (p, shared, q) = if t == s + 1 {
                    (v[s], v[t], v[t + 1])
                } else {
                    (v[t], v[0], v[1])
                };
                if m > 2 && orient(p, shared, q) == 0.0 {
                    let dot = (shared.lon - p.lon) * (q.lon - shared.lon)
                        + (shared.lat - p.lat) * (q.lat - shared.lat);
                    if dot < 0.0 {
                        return Some(shared);
                    }
                }
                continue;
            }
            if let Some(at) = segment_intersection(a, b, c, d) {
                return Some(at);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pts(c: &[(f64, f64)]) -> Vec<Point> {
        c.iter().map(|&(x, y)| Point::new(x, y)).collect()
    }

    #[test]
    fn classifies() {
        let ok = pts(&[(0., 0.), (2., 0.), (2., 2.), (1., 1.), (0., 2.), (0., 0.)]);
        assert_eq!(check_ring(&ok), Ok(()));
        assert!(matches!(check_ring(&[]), Err(RingIssue::Empty)));
        assert!(matches!(
            check_ring(&pts(&[(0., 0.), (1., 0.), (0., 0.)])),
            Err(RingIssue::TooFewPoints { count: 3, .. })
        ));
        assert!(matches!(
            check_ring(&pts(&[(0., 0.), (1., 0.), (1., 1.), (0., 1.)])),
            Err(RingIssue::Unclosed { .. })
        ));
        assert!(matches!(
            check_ring(&pts(&[(0., 0.), (1., 0.), (2., 0.), (0., 0.)])),
            Err(RingIssue::SelfIntersection { .. }) | Err(RingIssue::ZeroArea { .. })
        ));
        assert!(matches!(
            check_ring(&pts(&[(0., 0.), (f64::NAN, 0.), (1., 1.), (0., 0.)])),
            Err(RingIssue::InvalidCoordinate { index: 1, .. })
        ));
        // Touching at a vertex (figure-eight through a shared point).
        let eight = pts(&[
            (0., 0.),
            (1., 1.),
            (2., 0.),
            (2., 2.),
            (1., 1.),
            (0., 2.),
            (0., 0.),
        ]);
        assert!(matches!(
            check_ring(&eight),
            Err(RingIssue::SelfIntersection { .. })
        ));
        // Spike: goes out and comes back along the same line.
        let spike = pts(&[
            (0., 0.),
            (2., 0.),
            (2., 2.),
            (2., 3.),
            (2., 2.5),
            (0., 2.),
            (0., 0.),
        ]);
        assert!(matches!(
            check_ring(&spike),
            Err(RingIssue::SelfIntersection { .. })
        ));
        // Repeated points are tolerated.
        let rep = pts(&[(0., 0.), (1., 0.), (1., 0.), (1., 1.), (0., 1.), (0., 0.)]);
        assert_eq!(check_ring(&rep), Ok(()));
    }

    /// Slow reference: every pair of non-adjacent segments.
    fn brute(v: &[Point]) -> bool {
        let m = v.len() - 1;
        for i in 0..m {
            for j in i + 1..m {
                let adjacent = j == i + 1 || (i == 0 && j == m - 1);
                if adjacent {
                    continue;
                }
                if segment_intersection(v[i], v[i + 1], v[j], v[j + 1]).is_some() {
                    return true;
                }
            }
        }
        false
    }

    proptest! {
        #[test]
        fn sweep_agrees_with_brute_force(raw in proptest::collection::vec((0i32..6, 0i32..6), 3..9)) {
            let mut v: Vec<Point> = raw.iter().map(|&(x, y)| Point::new(x as f64, y as f64)).collect();
            v.dedup();
            prop_assume!(v.len() >= 3 && v[0] != v[v.len() - 1]);
            v.push(v[0]);
            // Only compare rings without collinear fold-backs (handled separately).
            let sweep = find_self_intersection(&v).is_some();
            let slow = brute(&v);
            if slow { prop_assert!(sweep); }
            if sweep && !slow {
                // The sweep may only add fold-back findings between adjacent segments.
                let m = v.len() - 1;
                let fold = (0..m).any(|s| {
                    let t = (s + 1) % m;
                    let (p, q, r) = (v[s], v[t], v[(t + 1) % m]);
                    orient(p, q, r) == 0.0
                        && (q.lon - p.lon) * (r.lon - q.lon) + (q.lat - p.lat) * (r.lat - q.lat) < 0.0
                });
                prop_assert!(fold);
            }
        }
    }
}
