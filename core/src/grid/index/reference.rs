//! A scanning reference for [`GridIndex`](super::GridIndex): every unit, every ring, every
//! edge, the boundary rule applied directly. Slow and obviously right; compiled for tests
//! and fuzzing only.
//!
//! It shares no code with the index: its edge test decides orientation with its own exact
//! big-integer arithmetic (not the index's predicates nor `robust`), and it walks the
//! ancestors of a unit itself.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::Location;
use crate::code::{AdminLevel, UnitCode};
use crate::geo::{BBox, MultiPolygon, Point};
use crate::grid::{Layer, Unit};

/// A signed integer of any size (little-endian 32-bit limbs), just enough arithmetic for
/// the exact sign of a 2 × 2 determinant of doubles.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Big {
    neg: bool,
    mag: Vec<u32>,
}

impl Big {
    /// `m · 2^shift`.
    fn from_shifted(m: i64, shift: u32) -> Big {
        let mut mag = vec![0u32; (shift / 32) as usize];
        let wide = u128::from(m.unsigned_abs()) << (shift % 32);
        let mut w = wide;
        while w > 0 {
            mag.push(w as u32);
            w >>= 32;
        }
        let mut b = Big { neg: m < 0, mag };
        b.trim();
        b
    }

    fn trim(&mut self) {
        while self.mag.last() == Some(&0) {
            self.mag.pop();
        }
        if self.mag.is_empty() {
            self.neg = false;
        }
    }

    fn cmp_mag(a: &[u32], b: &[u32]) -> std::cmp::Ordering {
        a.len()
            .cmp(&b.len())
            .then_with(|| a.iter().rev().cmp(b.iter().rev()))
    }

    fn add_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
        let mut out = Vec::with_capacity(a.len().max(b.len()) + 1);
        let mut carry = 0u64;
        for i in 0..a.len().max(b.len()) {
            let s = u64::from(*a.get(i).unwrap_or(&0)) + u64::from(*b.get(i).unwrap_or(&0)) + carry;
            out.push(s as u32);
            carry = s >> 32;
        }
        if carry > 0 {
            out.push(carry as u32);
        }
        out
    }

    /// `a − b` for `|a| ≥ |b|`.
    fn sub_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
        let mut out = Vec::with_capacity(a.len());
        let mut borrow = 0i64;
        for (i, &x) in a.iter().enumerate() {
            let mut d = i64::from(x) - i64::from(*b.get(i).unwrap_or(&0)) - borrow;
            borrow = i64::from(d < 0);
            if d < 0 {
                d += 1 << 32;
            }
            out.push(d as u32);
        }
        out
    }

    fn add(&self, o: &Big) -> Big {
        let mut r = if self.neg == o.neg {
            Big {
                neg: self.neg,
                mag: Big::add_mag(&self.mag, &o.mag),
            }
        } else if Big::cmp_mag(&self.mag, &o.mag) != std::cmp::Ordering::Less {
            Big {
                neg: self.neg,
                mag: Big::sub_mag(&self.mag, &o.mag),
            }
        } else {
            Big {
                neg: o.neg,
                mag: Big::sub_mag(&o.mag, &self.mag),
            }
        };
        r.trim();
        r
    }

    fn neg(&self) -> Big {
        let mut r = self.clone();
        r.neg = !r.neg;
        r.trim();
        r
    }

    fn mul(&self, o: &Big) -> Big {
        let mut acc = vec![0u64; self.mag.len() + o.mag.len() + 1];
        for (i, &x) in self.mag.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &y) in o.mag.iter().enumerate() {
                let t = acc[i + j] + u64::from(x) * u64::from(y) + carry;
                acc[i + j] = t & 0xffff_ffff;
                carry = t >> 32;
            }
            let mut k = i + o.mag.len();
            while carry > 0 {
                let t = acc[k] + carry;
                acc[k] = t & 0xffff_ffff;
                carry = t >> 32;
                k += 1;
            }
        }
        let mut r = Big {
            neg: self.neg != o.neg,
            mag: acc.into_iter().map(|x| x as u32).collect(),
        };
        r.trim();
        r
    }

    fn sign(&self) -> i32 {
        if self.mag.is_empty() {
            0
        } else if self.neg {
            -1
        } else {
            1
        }
    }
}

/// A finite double as `m · 2^e` exactly (`|m| < 2^53`).
fn split(x: f64) -> (i64, i32) {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = (bits & ((1 << 52) - 1)) as i64;
    let (m, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp - 1075)
    };
    (if x.is_sign_negative() { -m } else { m }, e)
}

/// The exact sign of `(b − a) × (c − a)`: > 0 when `c` lies left of `a → b`. Decided in
/// floating point when the result is far enough from 0 (Shewchuk's first error bound for
/// this expression), else exactly with big integers.
fn side(a: Point, b: Point, c: Point) -> i32 {
    let l = (b.lon - a.lon) * (c.lat - a.lat);
    let r = (b.lat - a.lat) * (c.lon - a.lon);
    let det = l - r;
    let bound = 3.330_669_073_875_472e-16 * (l.abs() + r.abs());
    if det.is_finite() && bound.is_finite() && det.abs() > bound && bound > f64::MIN_POSITIVE {
        return if det > 0.0 { 1 } else { -1 };
    }
    exact_side(a, b, c)
}

/// [`side`] with big integers only.
fn exact_side(a: Point, b: Point, c: Point) -> i32 {
    let xs = [a.lon, a.lat, b.lon, b.lat, c.lon, c.lat].map(split);
    let base = xs.iter().map(|&(_, e)| e).min().unwrap_or(0);
    let v: Vec<Big> = xs
        .iter()
        .map(|&(m, e)| Big::from_shifted(m, (e - base) as u32))
        .collect();
    let (ax, ay, bx, by, cx, cy) = (&v[0], &v[1], &v[2], &v[3], &v[4], &v[5]);
    let left = bx.add(&ax.neg()).mul(&cy.add(&ay.neg()));
    let right = by.add(&ay.neg()).mul(&cx.add(&ax.neg()));
    left.add(&right.neg()).sign()
}

/// Whether edge `a–b` crosses the ray due east from `p*` (`p` moved an infinitesimal step
/// east and a still smaller one north): the edge spans the height `p.lat + ε²` (its lower
/// end at or below `p.lat`, its upper end above) and `p` lies strictly left of it, walked
/// upwards (a point on the edge has `p*` east of it).
fn crosses(a: Point, b: Point, p: Point) -> bool {
    let (lo, hi) = if a.lat <= b.lat { (a, b) } else { (b, a) };
    lo.lat <= p.lat && p.lat < hi.lat && side(lo, hi, p) > 0
}

/// The parent a code implies (a grid's community, a community's town, a town's county).
fn implied_parent(code: UnitCode) -> Option<UnitCode> {
    match code {
        UnitCode::Grid(g) => Some(UnitCode::Admin(g.community())),
        UnitCode::Admin(a) if a.level() == AdminLevel::County => None,
        UnitCode::Admin(a) => a.parent().map(UnitCode::Admin),
    }
}

/// The units above `code`, nearest first: explicit parents, else implied ones; stops at a
/// repeat (a cycle) or after 12 steps.
fn chain(code: UnitCode, parents: &HashMap<UnitCode, UnitCode>) -> Vec<UnitCode> {
    let mut out: Vec<UnitCode> = Vec::new();
    let mut cur = code;
    while out.len() < 12 {
        let next = match parents.get(&cur) {
            Some(&p) => Some(p),
            None => implied_parent(cur),
        };
        match next {
            Some(p) if p != code && !out.contains(&p) => {
                out.push(p);
                cur = p;
            }
            _ => break,
        }
    }
    out
}

/// Depth of a unit for fallback: county < town < community < grid < grid under a grid.
fn depth(code: UnitCode, parents: &HashMap<UnitCode, UnitCode>) -> u32 {
    match code {
        UnitCode::Admin(a) => match a.level() {
            AdminLevel::County => AdminLevel::County as u32,
            AdminLevel::Town => AdminLevel::Town as u32,
            AdminLevel::Community => AdminLevel::Community as u32,
            other => other as u32,
        },
        UnitCode::Grid(_) => {
            let grids_above = chain(code, parents)
                .into_iter()
                .filter(|c| c.as_grid().is_some())
                .count() as u32;
            AdminLevel::Community as u32 + 1 + grids_above
        }
    }
}

/// Whether `m` contains the displaced point `p*`: a ray east from it crosses the rings an
/// odd number of times.
pub fn contains(m: &MultiPolygon, p: Point) -> bool {
    let mut odd = false;
    for ring in m.rings() {
        for w in ring.points().windows(2) {
            if w[0] != w[1] && crosses(w[0], w[1], p) {
                odd = !odd;
            }
        }
    }
    odd
}

/// A layer prepared for scanning: the same classification as the index, by simpler means.
#[derive(Debug)]
pub struct Scan<'a> {
    units: Vec<(&'a Unit, BBox, bool)>,
    parents: HashMap<UnitCode, UnitCode>,
}

impl<'a> Scan<'a> {
    /// Prepares `layer` (assumed valid: build a `GridIndex` first to check it).
    pub fn new(layer: &'a Layer) -> Scan<'a> {
        let parent_grids: HashSet<UnitCode> = layer
            .units
            .iter()
            .filter(|u| u.is_grid())
            .filter_map(Unit::effective_parent)
            .collect();
        let mut parents = HashMap::new();
        for u in &layer.units {
            if let Some(p) = u.parent
                && (u.validity.is_current() || !parents.contains_key(&u.code))
            {
                parents.insert(u.code, p);
            }
        }
        let units = layer
            .units
            .iter()
            .filter_map(|u| {
                let leaf = u.is_grid() && !parent_grids.contains(&u.code);
                u.geometry.bbox().map(|b| (u, b, leaf))
            })
            .collect();
        Scan { units, parents }
    }

    /// Every unit (leaf grid or not) holding `p` on `date` (`None`: current versions).
    pub fn holders(&self, p: Point, date: Option<NaiveDate>, leaf: bool) -> Vec<UnitCode> {
        let mut out: Vec<UnitCode> = self
            .units
            .iter()
            .filter(|(u, b, l)| {
                *l == leaf
                    && match date {
                        None => u.validity.is_current(),
                        Some(d) => u.validity.contains(d),
                    }
                    && b.contains(p)
                    && contains(&u.geometry, p)
            })
            .map(|(u, _, _)| u.code)
            .collect();
        out.sort();
        out
    }

    /// The location of `p` by scanning.
    pub fn locate(&self, p: Point, date: Option<NaiveDate>) -> Location {
        if let Some(&g) = self.holders(p, date, true).first() {
            return Location {
                grid: g.as_grid(),
                ancestors: chain(g, &self.parents),
                fallback: None,
            };
        }
        let best = self.holders(p, date, false).into_iter().max_by(|a, b| {
            depth(*a, &self.parents)
                .cmp(&depth(*b, &self.parents))
                .then(b.cmp(a))
        });
        match best {
            Some(u) => Location {
                grid: None,
                ancestors: chain(u, &self.parents),
                fallback: Some(u),
            },
            None => Location::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference's own arithmetic against cases known by hand, including ones where
    /// rounded floating point gets the sign wrong; the filtered and the exact forms agree.
    #[test]
    fn exact_side_by_hand() {
        let p = Point::new;
        let side = |a, b, c| {
            let s = side(a, b, c);
            assert_eq!(s, exact_side(a, b, c), "{a:?} {b:?} {c:?}");
            s
        };
        assert_eq!(side(p(0.0, 0.0), p(1.0, 0.0), p(0.5, 1.0)), 1);
        assert_eq!(side(p(0.0, 0.0), p(1.0, 0.0), p(0.5, -1.0)), -1);
        assert_eq!(side(p(0.0, 0.0), p(1.0, 1.0), p(0.3, 0.3)), 0);
        assert_eq!(side(p(-180.0, -90.0), p(180.0, 90.0), p(0.0, 0.0)), 0);
        // Collinear in exact arithmetic: 0.1 · 3 as doubles.
        let (a, b) = (p(0.0, 0.0), p(0.1, 0.3));
        let c = p(0.2, 0.6);
        assert_eq!(side(a, b, c), 0);
        // Tiny and huge magnitudes together.
        assert_eq!(side(p(0.0, 0.0), p(1e-300, 0.0), p(0.0, 1e-300)), 1);
        assert_eq!(side(p(0.0, 0.0), p(5e-324, 0.0), p(0.0, -5e-324)), -1);
        // A point one ulp off a long edge.
        let q = p(118.5, 35.8);
        let r = p(118.7, 36.2);
        let mid = p(118.6, 36.0);
        let off = p(118.6, 36.0_f64.next_up());
        assert_eq!(side(q, r, off), 1);
        assert_eq!(side(q, r, p(mid.lon.next_up(), mid.lat)), -1);
    }

    #[test]
    fn crossings_follow_the_boundary_rule() {
        let p = Point::new;
        let (a, b) = (p(2.0, 0.0), p(2.0, 4.0));
        assert!(crosses(a, b, p(1.0, 1.0)));
        assert!(!crosses(a, b, p(2.0, 1.0))); // on the edge: p* is east of it
        assert!(crosses(a, b, p(1.0, 0.0))); // the lower end's height counts
        assert!(!crosses(a, b, p(1.0, 4.0))); // the upper end's does not
        assert!(!crosses(p(0.0, 1.0), p(5.0, 1.0), p(1.0, 1.0))); // horizontal
        assert!(crosses(b, a, p(1.0, 1.0))); // either direction
    }
}
