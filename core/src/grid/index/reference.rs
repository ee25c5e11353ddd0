//! A scanning reference for [`GridIndex`](super::GridIndex): every unit, every ring, every
//! edge, the boundary rule applied directly. Slow and obviously right; compiled for tests
//! and fuzzing only.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::Location;
use super::predicates::crosses_ray;
use super::units::{ancestors, fineness};
use crate::code::UnitCode;
use crate::geo::{BBox, MultiPolygon, Point};
use crate::grid::{Layer, Unit};

/// Whether `m` contains the displaced point `p*`: a ray east from it crosses the rings an
/// odd number of times.
pub fn contains(m: &MultiPolygon, p: Point) -> bool {
    let mut odd = false;
    for ring in m.rings() {
        for w in ring.points().windows(2) {
            if w[0] != w[1] && crosses_ray(w[0], w[1], p) {
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
    parents: std::collections::HashMap<UnitCode, UnitCode>,
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
        let mut parents = std::collections::HashMap::new();
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
                ancestors: ancestors(g, &self.parents),
                fallback: None,
            };
        }
        let best = self.holders(p, date, false).into_iter().max_by(|a, b| {
            fineness(*a, &self.parents)
                .cmp(&fineness(*b, &self.parents))
                .then(b.cmp(a))
        });
        match best {
            Some(u) => Location {
                grid: None,
                ancestors: ancestors(u, &self.parents),
                fallback: Some(u),
            },
            None => Location::default(),
        }
    }
}
