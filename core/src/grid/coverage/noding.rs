//! Splitting the unmatched segments where they cross or touch, so that they form a planar
//! graph whose faces are the gaps and overlaps.
//!
//! Unmatched segments are few in a layer that is nearly right, so a sweep over the
//! segments sorted by longitude is enough. Touching points (an endpoint on another
//! segment: a T-junction, a collinear overlap) are exact; proper crossings are computed in
//! floating point and shared by both segments. After splitting, identical pieces are merged
//! again (opposite directions cancel), which makes T-junctions and collinear overlaps
//! vanish when the two sides really are the same line.

use super::edges::{Leftover, key_of, points_of};
use crate::geo::Point;
use crate::geo::validity::orient;

/// No owner.
pub(super) const NO_OWNER: u32 = u32::MAX;

/// Up to four units that contributed to a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Owners([u32; 4]);

impl Owners {
    fn new(o: [u32; 2]) -> Owners {
        let mut s = Owners([NO_OWNER; 4]);
        s.add(o[0]);
        s.add(o[1]);
        s
    }

    fn add(&mut self, o: u32) {
        if o == NO_OWNER || self.0.contains(&o) {
            return;
        }
        if let Some(slot) = self.0.iter_mut().find(|s| **s == NO_OWNER) {
            *slot = o;
        }
    }

    fn merge(&mut self, other: &Owners) {
        other.0.iter().for_each(|&o| self.add(o));
    }

    /// The owners.
    pub(super) fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().copied().filter(|&o| o != NO_OWNER)
    }
}

/// A noded segment `a → b` with multiplicity `weight ≥ 0` (0: a marker of the parent's
/// boundary, which splits faces without changing the winding number).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct NodedEdge {
    /// Start.
    pub a: Point,
    /// End.
    pub b: Point,
    /// Multiplicity in the `a → b` direction.
    pub weight: i32,
    /// Units that contributed.
    pub owners: Owners,
}

fn strictly_inside(a: Point, b: Point, p: Point) -> bool {
    p != a
        && p != b
        && p.lon >= a.lon.min(b.lon)
        && p.lon <= a.lon.max(b.lon)
        && p.lat >= a.lat.min(b.lat)
        && p.lat <= a.lat.max(b.lat)
}

/// Splits `left` at every crossing and touching point and merges identical pieces.
pub(super) fn node(left: &[Leftover]) -> Vec<NodedEdge> {
    let n = left.len();
    let mut splits: Vec<(u32, Point)> = Vec::new();
    let mut order: Vec<u32> = (0..n as u32).collect();
    let min_lon = |i: u32| left[i as usize].a.lon.min(left[i as usize].b.lon);
    order.sort_unstable_by(|&x, &y| min_lon(x).total_cmp(&min_lon(y)).then(x.cmp(&y)));
    for (k, &i) in order.iter().enumerate() {
        let e = &left[i as usize];
        let (a, b) = (e.a, e.b);
        let max_lon = a.lon.max(b.lon);
        let (lo, hi) = (a.lat.min(b.lat), a.lat.max(b.lat));
        for &j in &order[k + 1..] {
            let f = &left[j as usize];
            let (c, d) = (f.a, f.b);
            if c.lon.min(d.lon) > max_lon {
                break;
            }
            if c.lat.max(d.lat) < lo || c.lat.min(d.lat) > hi {
                continue;
            }
            let o1 = orient(a, b, c);
            let o2 = orient(a, b, d);
            let o3 = orient(c, d, a);
            let o4 = orient(c, d, b);
            if o1 * o2 < 0.0 && o3 * o4 < 0.0 {
                let t = (o3 / (o3 - o4)).clamp(0.0, 1.0);
                let p = Point::new(a.lon + t * (b.lon - a.lon), a.lat + t * (b.lat - a.lat));
                splits.push((i, p));
                splits.push((j, p));
                continue;
            }
            if o1 == 0.0 && strictly_inside(a, b, c) {
                splits.push((i, c));
            }
            if o2 == 0.0 && strictly_inside(a, b, d) {
                splits.push((i, d));
            }
            if o3 == 0.0 && strictly_inside(c, d, a) {
                splits.push((j, a));
            }
            if o4 == 0.0 && strictly_inside(c, d, b) {
                splits.push((j, b));
            }
        }
    }
    // Pieces, then merge identical ones by their normalized key.
    let param = |e: &Leftover, p: Point| {
        (p.lon - e.a.lon) * (e.b.lon - e.a.lon) + (p.lat - e.a.lat) * (e.b.lat - e.a.lat)
    };
    splits.sort_unstable_by(|x, y| {
        x.0.cmp(&y.0).then_with(|| {
            let e = &left[x.0 as usize];
            param(e, x.1).total_cmp(&param(e, y.1))
        })
    });
    let mut pieces: Vec<(super::edges::Key, i32, Owners)> = Vec::with_capacity(n + splits.len());
    let mut push = |a: Point, b: Point, w: i32, o: Owners| {
        if let Some((key, dir)) = key_of(a, b) {
            pieces.push((key, dir * w, o));
        }
    };
    let mut s = 0;
    for (i, e) in left.iter().enumerate() {
        let owners = Owners::new(e.owners);
        let mut prev = e.a;
        while s < splits.len() && splits[s].0 as usize == i {
            let p = splits[s].1;
            s += 1;
            if p != prev && p != e.b {
                push(prev, p, e.weight, owners);
                prev = p;
            }
        }
        push(prev, e.b, e.weight, owners);
    }
    pieces.sort_unstable_by_key(|x| x.0);
    let mut out = Vec::with_capacity(pieces.len());
    let mut k = 0;
    while k < pieces.len() {
        let key = pieces[k].0;
        let mut net = 0;
        let mut is_marker = false;
        let mut owners = Owners([NO_OWNER; 4]);
        while k < pieces.len() && pieces[k].0 == key {
            net += pieces[k].1;
            is_marker |= pieces[k].1 == 0;
            owners.merge(&pieces[k].2);
            k += 1;
        }
        if net != 0 || is_marker {
            let (p, q) = points_of(&key);
            let (a, b) = if net > 0 { (p, q) } else { (q, p) };
            out.push(NodedEdge {
                a,
                b,
                weight: net.abs(),
                owners,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lo(a: (f64, f64), b: (f64, f64), o: u32) -> Leftover {
        Leftover {
            a: Point::new(a.0, a.1),
            b: Point::new(b.0, b.1),
            weight: 1,
            owners: [o, o],
        }
    }

    #[test]
    fn crossings_are_split_and_t_junctions_cancel() {
        // Two crossing segments become four pieces.
        let out = node(&[lo((0., 0.), (2., 2.), 0), lo((0., 2.), (2., 0.), 1)]);
        assert_eq!(out.len(), 4);
        assert!(
            out.iter()
                .all(|e| e.a == Point::new(1., 1.) || e.b == Point::new(1., 1.))
        );
        // a → m → b on one side, b → a on the other: a T-junction that is the same line.
        let out = node(&[
            lo((0., 0.), (1., 0.), 0),
            lo((1., 0.), (3., 0.), 0),
            lo((3., 0.), (0., 0.), 1),
        ]);
        assert!(out.is_empty(), "{out:?}");
        // Collinear overlap in the same direction doubles the shared part.
        let out = node(&[lo((0., 0.), (2., 0.), 0), lo((1., 0.), (3., 0.), 1)]);
        assert_eq!(out.len(), 3);
        let mid = out.iter().find(|e| e.a == Point::new(1., 0.)).unwrap();
        assert_eq!(mid.weight, 2);
        assert_eq!(mid.owners.iter().count(), 2);
    }
}
