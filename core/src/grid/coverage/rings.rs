//! Ring validity for whole layers, with fast paths.
//!
//! Most grid rings are **star-shaped** about the mean of their vertices: every segment turns
//! the same way round it (orientation determinants behind Shewchuk's error filter, so the
//! signs are exact when used) and the ring goes round once — every ray from the centre
//! meets it once, so it is simple and no pair needs testing.
//!
//! For the others: two segments that cross meet at a point `X`, and the ray from any
//! centre `c` through `X` passes through both: their **angular ranges** seen from `c`
//! overlap. Grid rings nearly go round their vertex mean once, so in ring order each
//! segment's range overlaps only its neighbours' except where the ring backtracks — a
//! look-back over a running maximum finds the few pairs worth an exact test in about one
//! pass over the ring.
//!
//! Angles are *pseudo-angles* (a monotone function of the true angle, no trigonometry) of
//! exact coordinate differences, padded by a margin far above their rounding error, so no
//! crossing pair is missed; the pair tests use exact orientation predicates. Whenever the
//! fast path cannot prove the ring simple — a problem, or a ring that does not wind once
//! round its centre — the full check [`check_ring`] runs and gives the verdict and the
//! location, so results are always those of [`check_ring`].

use crate::geo::validity::{check_ring, hole_outside_shell, orient, segment_intersection};
use crate::geo::{MultiPolygon, Point, RingIssue};

/// Padding of angular ranges (pseudo-angle units; a full turn is 4).
const PAD: f64 = 1e-9;

/// Reusable buffers.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    theta: Vec<f64>,
    spans: Vec<(f64, f64, u32)>,
    reach: Vec<f64>,
}

/// Error bound of the floating-point orientation determinant (Shewchuk's `ccwerrboundA`):
/// beyond it, the sign computed in floating point is the exact sign.
const ORIENT_ERR: f64 = 3.330_669_073_875_471_6e-16;

/// Whether every segment of the closed ring `p` turns strictly the same way round `c` — by
/// orientation determinants whose sign is certain (Shewchuk's filter) — and the ring goes
/// round `c` exactly once: then it is star-shaped about `c`, hence simple.
fn star_shaped(p: &[Point], c: Point) -> bool {
    let (mut pos, mut neg, mut unsure) = (false, false, false);
    let mut changes = 0u32;
    let (mut ax, mut ay) = (p[0].lon - c.lon, p[0].lat - c.lat);
    for q in &p[1..] {
        let (bx, by) = (q.lon - c.lon, q.lat - c.lat);
        let left = ax * by;
        let right = ay * bx;
        let det = left - right;
        let bound = ORIENT_ERR * (left.abs() + right.abs());
        pos |= det > bound;
        neg |= det < -bound;
        unsure |= det.abs() <= bound;
        changes += u32::from((ay > 0.0) != (by > 0.0));
        (ax, ay) = (bx, by);
    }
    !unsure && pos != neg && changes == 2
}

/// Whether the ring is shown closed, in range and simple. `false` means "not shown".
pub(super) fn proven_simple(p: &[Point], s: &mut Scratch) -> bool {
    let n = p.len();
    if n < 4 || p[0] != p[n - 1] || n > u32::MAX as usize {
        return false;
    }
    let m = n - 1; // segments
    let (mut sx, mut sy) = (0.0, 0.0);
    let mut in_range = true;
    for q in &p[..m] {
        // `&` (not `&&`): no branch per point; NaN fails the range test.
        in_range &= (-180.0..=180.0).contains(&q.lon) & (-90.0..=90.0).contains(&q.lat);
        sx += q.lon;
        sy += q.lat;
    }
    if !in_range {
        return false;
    }
    let c = Point::new(sx / m as f64, sy / m as f64);
    if star_shaped(p, c) {
        return true;
    }
    // Pseudo-angles of the vertices (branch-free, so the loop vectorizes) …
    s.theta.clear();
    s.theta.resize(n, 0.0);
    let theta = &mut s.theta[..n];
    let mut near = false;
    for (t, q) in theta.iter_mut().zip(p) {
        let (dx, dy) = (q.lon - c.lon, q.lat - c.lat);
        let l1 = dx.abs() + dy.abs();
        near |= l1 < 1e-9;
        let r = dy / l1;
        let west = if dx < 0.0 { 2.0 - r } else { r };
        *t = if dx >= 0.0 && dy < 0.0 { 4.0 + r } else { west };
    }
    if near {
        return false; // a vertex at the centre
    }
    // … then unwrapped in place, with the extremes of the steps.
    let mut prev = theta[0];
    let mut th = theta[0];
    let (mut fwd, mut back, mut odd) = (false, false, false);
    for t in &mut theta[1..] {
        let a = *t;
        let mut d = a - prev;
        d = if d > 2.0 {
            d - 4.0
        } else if d <= -2.0 {
            d + 4.0
        } else {
            d
        };
        prev = a;
        th += d;
        *t = th;
        fwd |= d > 0.0;
        back |= d < 0.0;
        // A radial segment or repeated point (tiny step), or one passing next to c.
        odd |= !(d.abs() > 1e-9 && d.abs() <= 1.9);
    }
    if odd {
        return false;
    }
    let total = theta[m] - theta[0];
    if (total.abs() - 4.0).abs() > 1e-6 {
        return false; // does not wind once round c
    }
    if !(fwd && back) {
        // Every segment turns the same way round c, once in all: star-shaped about c,
        // hence simple. (Exact: a pseudo-angle step larger than its rounding error has
        // the sign of the exact orientation.)
        return true;
    }
    let flip = if total < 0.0 { -1.0 } else { 1.0 };
    let (mut tmin, mut tmax) = (f64::INFINITY, f64::NEG_INFINITY);
    s.spans.clear();
    for i in 0..m {
        let (a, b) = (s.theta[i] * flip, s.theta[i + 1] * flip);
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        tmin = tmin.min(lo);
        tmax = tmax.max(hi);
        s.spans.push((lo, hi, i as u32));
    }
    if tmax - tmin > 6.0 {
        return false;
    }
    // Ranges that may meet others a full turn later, after the ring's own.
    for k in 0..m {
        let (lo, hi, i) = s.spans[k];
        if lo <= tmax - 4.0 + PAD {
            s.spans.push((lo + 4.0, hi + 4.0, i));
        }
    }
    // For each range, look back over the earlier ones while the running maximum of their
    // ends can still reach its start (a running maximum never decreases, so nothing before
    // the stop can overlap). The ranges come almost in increasing order: in a stretch that
    // turns steadily the look-back stops at the neighbour, so the work is linear except
    // where the ring backtracks — which is where the pairs worth testing are.
    let spans = &s.spans;
    s.reach.clear();
    let mut top = f64::NEG_INFINITY;
    for &(_, hi, _) in spans {
        top = top.max(hi);
        s.reach.push(top);
    }
    let turns = |i: usize| s.theta[i + 1] - s.theta[i];
    let reach = &s.reach[..spans.len()];
    for (k, &(lo, hi, j)) in spans.iter().enumerate() {
        let j = j as usize;
        let (from, to) = (lo - PAD, hi + PAD);
        let mut b = k;
        while b > 0 {
            b -= 1;
            if reach[b] < from {
                break;
            }
            let (lo2, hi2, i) = spans[b];
            if hi2 < from || lo2 > to || i as usize == j {
                continue;
            }
            let i = i as usize;
            let (x, y) = (i.min(j), i.max(j));
            if y == x + 1 || (x == 0 && y == m - 1) {
                // Sharing a vertex, they can only fold back onto each other, and only if
                // they turn opposite ways.
                if turns(i) * turns(j) < 0.0 {
                    let (a, shared, c) = if y == x + 1 {
                        (p[x], p[y], p[y + 1])
                    } else {
                        (p[y], p[0], p[1])
                    };
                    if orient(a, shared, c) == 0.0 {
                        return false;
                    }
                }
                continue;
            }
            let (a, b2, c, d) = (p[i], p[i + 1], p[j], p[j + 1]);
            let apart = a.lon.max(b2.lon) < c.lon.min(d.lon)
                || c.lon.max(d.lon) < a.lon.min(b2.lon)
                || a.lat.max(b2.lat) < c.lat.min(d.lat)
                || c.lat.max(d.lat) < a.lat.min(b2.lat);
            if !apart && segment_intersection(a, b2, c, d).is_some() {
                return false;
            }
        }
    }
    true
}

/// Checks one ring: the fast path, else the full check.
pub(super) fn check(p: &[Point], s: &mut Scratch) -> Result<(), RingIssue> {
    if proven_simple(p, s) {
        Ok(())
    } else {
        check_ring(p)
    }
}

/// Checks every ring of a geometry and that holes start inside their exterior; the first
/// problem found.
pub(super) fn check_geometry(g: &MultiPolygon, s: &mut Scratch) -> Result<(), RingIssue> {
    if g.polygons.is_empty() {
        return Err(RingIssue::Empty);
    }
    for poly in &g.polygons {
        for r in poly.rings() {
            check(r.points(), s)?;
        }
        for h in &poly.holes {
            if let Some(p) = hole_outside_shell(poly.exterior.points(), h.points()) {
                return Err(RingIssue::HoleOutsideShell { at: p });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pts(c: &[(f64, f64)]) -> Vec<Point> {
        c.iter().map(|&(x, y)| Point::new(x, y)).collect()
    }

    #[test]
    fn simple_rings_pass_and_others_fall_back() {
        let mut s = Scratch::default();
        let square = pts(&[(0., 0.), (1., 0.), (1., 1.), (0., 1.), (0., 0.)]);
        assert!(proven_simple(&square, &mut s));
        let mut cw = square.clone();
        cw.reverse();
        assert!(proven_simple(&cw, &mut s));
        // Winds twice round the centre.
        let twice = pts(&[
            (1., 0.),
            (0., 1.),
            (-1., 0.),
            (0., -1.),
            (1., 0.1),
            (0., 1.1),
            (-1., 0.1),
            (0., -1.1),
            (1., 0.),
        ]);
        assert!(!proven_simple(&twice, &mut s));
        assert!(check(&twice, &mut s).is_err());
        // A U shape is not star-shaped but is shown simple: the arms' ranges overlap and
        // their pairs are tested.
        let u = pts(&[
            (0., 0.),
            (3., 0.),
            (3., 3.),
            (2., 3.),
            (2., 1.),
            (1., 1.),
            (1., 3.),
            (0., 3.),
            (0., 0.),
        ]);
        assert_eq!(check(&u, &mut s), Ok(()));
        // A bow-tie is not.
        let bow = pts(&[(0., 0.), (2., 2.), (2., 0.), (0., 2.), (0., 0.)]);
        assert!(!proven_simple(&bow, &mut s));
        assert!(matches!(
            check(&bow, &mut s),
            Err(RingIssue::SelfIntersection { .. })
        ));
        // A spike folding back on itself.
        let spike = pts(&[
            (0., 0.),
            (2., 0.),
            (2., 2.),
            (2., 3.),
            (2., 2.5),
            (0., 2.),
            (0., 0.),
        ]);
        assert!(!proven_simple(&spike, &mut s));
    }

    #[test]
    fn sample_grids_mostly_take_the_fast_path() {
        use crate::grid::sample::{SampleCounty, SampleOptions};
        let c = SampleCounty::generate(&SampleOptions {
            grids: 300,
            ..Default::default()
        })
        .unwrap();
        let mut s = Scratch::default();
        let rings: Vec<&[Point]> = c
            .layer
            .grids()
            .flat_map(|u| u.geometry.rings().map(|r| r.points()))
            .collect();
        let fast = rings.iter().filter(|r| proven_simple(r, &mut s)).count();
        assert!(fast * 10 >= rings.len() * 9, "{fast} of {}", rings.len());
    }

    proptest! {
        /// The fast path never accepts a ring the full check rejects, and the combined check
        /// always agrees with the full one.
        #[test]
        fn fast_path_is_sound(raw in proptest::collection::vec((0i32..8, 0i32..8), 3..12)) {
            let mut s = Scratch::default();
            let mut v: Vec<Point> = raw.iter().map(|&(x, y)| Point::new(x as f64, y as f64)).collect();
            v.push(v[0]);
            if proven_simple(&v, &mut s) {
                prop_assert_eq!(check_ring(&v), Ok(()));
            }
            prop_assert_eq!(check(&v, &mut s), check_ring(&v));
        }

        /// Star-like rings with random radii (often simple, sometimes crossing after
        /// jitter) agree with the full check.
        #[test]
        fn jittered_stars_agree(radii in proptest::collection::vec((0.2f64..1.0, -0.6f64..0.6), 4..40)) {
            let mut s = Scratch::default();
            let n = radii.len();
            let mut v: Vec<Point> = radii.iter().enumerate().map(|(k, &(r, j))| {
                let t = (k as f64 + j) / n as f64 * std::f64::consts::TAU;
                Point::new(118.0 + r * t.cos() * 1e-3, 35.0 + r * t.sin() * 1e-3)
            }).collect();
            v.push(v[0]);
            if proven_simple(&v, &mut s) {
                prop_assert_eq!(check_ring(&v), Ok(()));
            }
            prop_assert_eq!(check(&v, &mut s), check_ring(&v));
        }
    }
}
