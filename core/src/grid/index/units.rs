//! Which units of a layer the index holds, in which order, and their ancestors.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

use crate::code::{AdminLevel, UnitCode};
use crate::grid::{GridError, Layer, Unit, Validity};

/// What the index keeps of a unit (one version).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Indexed {
    pub(crate) code: UnitCode,
    pub(crate) validity: Validity,
}

/// The units of a layer, checked and ranked.
pub(crate) struct Prepared<'a> {
    /// Leaf grids, by code then start of validity (rank = position).
    pub(crate) grids: Vec<&'a Unit>,
    /// Every other unit, deepest first, then by code and start of validity.
    pub(crate) fallback: Vec<&'a Unit>,
    /// Parents named explicitly in the layer.
    pub(crate) parents: HashMap<UnitCode, UnitCode>,
}

/// The parent a code implies: a grid's community, a community's town, a town's county.
pub(crate) fn code_parent(code: UnitCode) -> Option<UnitCode> {
    match code {
        UnitCode::Grid(g) => Some(UnitCode::Admin(g.community())),
        UnitCode::Admin(a) => match a.level() {
            AdminLevel::Community | AdminLevel::Town => a.parent().map(UnitCode::Admin),
            _ => None,
        },
    }
}

/// The chain of units above `code`, nearest first, up to the county: explicit parents
/// where the layer names them, otherwise the parents the codes imply.
pub(crate) fn ancestors(code: UnitCode, parents: &HashMap<UnitCode, UnitCode>) -> Vec<UnitCode> {
    let mut out = Vec::with_capacity(3);
    let mut cur = code;
    // A bound on the depth also stops a cycle of explicit parents.
    for _ in 0..12 {
        let Some(p) = parents.get(&cur).copied().or_else(|| code_parent(cur)) else {
            break;
        };
        if p == code || out.contains(&p) {
            break;
        }
        out.push(p);
        cur = p;
    }
    out
}

/// How fine a unit is: grids below communities below towns below counties; a grid under
/// another grid is finer still.
pub(crate) fn fineness(code: UnitCode, parents: &HashMap<UnitCode, UnitCode>) -> u32 {
    match code {
        UnitCode::Admin(a) => a.level() as u32,
        UnitCode::Grid(_) => {
            let above = ancestors(code, parents)
                .iter()
                .filter(|c| matches!(c, UnitCode::Grid(_)))
                .count();
            AdminLevel::Community as u32 + 1 + above as u32
        }
    }
}

/// A unit's validity and geometry, as the index needs them.
fn check_unit(u: &Unit) -> Result<(), GridError> {
    if !u.validity.is_valid() {
        return Err(GridError::InvalidValidity { code: u.code });
    }
    u.geometry
        .check()
        .map_err(|issue| GridError::InvalidGeometry {
            code: u.code,
            issue,
        })
}

fn from_key(v: &Validity) -> (bool, Option<chrono::NaiveDate>) {
    (v.from.is_some(), v.from)
}

/// Checks the units and sorts them into leaf grids and fallback units.
pub(crate) fn prepare(layer: &Layer, threads: usize) -> Result<Prepared<'_>, GridError> {
    // Every unit checked, in runs of units on up to `threads` threads; the first unit in
    // layer order with a fault is reported, whatever the number of threads.
    const RUNS: usize = 64;
    let n = layer.units.len();
    let runs = RUNS.min(n.max(1));
    let checked = crate::parallel::jobs(runs, threads, |k| {
        layer.units[n * k / runs..n * (k + 1) / runs]
            .iter()
            .try_for_each(check_unit)
    });
    checked.into_iter().collect::<Result<(), GridError>>()?;
    // Versions of one code must not overlap in time.
    let mut by_code: Vec<&Unit> = layer.units.iter().collect();
    by_code.sort_by_key(|u| (u.code, from_key(&u.validity)));
    for w in by_code.windows(2) {
        if w[0].code == w[1].code && w[0].validity.overlaps(&w[1].validity) {
            return Err(GridError::DuplicateUnit { code: w[0].code });
        }
    }
    let mut parents: HashMap<UnitCode, UnitCode> = HashMap::new();
    for u in &layer.units {
        if let Some(p) = u.parent
            && (u.validity.is_current() || !parents.contains_key(&u.code))
        {
            parents.insert(u.code, p);
        }
    }
    let parent_grids: HashSet<UnitCode> = layer
        .units
        .iter()
        .filter(|u| u.is_grid())
        .filter_map(Unit::effective_parent)
        .filter(|p| matches!(p, UnitCode::Grid(_)))
        .collect();
    let (grids, mut fallback): (Vec<&Unit>, Vec<&Unit>) = by_code
        .into_iter()
        .partition(|u| u.is_grid() && !parent_grids.contains(&u.code));
    if grids.is_empty() {
        return Err(GridError::EmptyLayer(if layer.grids().next().is_none() {
            "the layer has no grid".into()
        } else {
            "every grid is the parent of another grid".into()
        }));
    }
    let fine: HashMap<UnitCode, u32> = fallback
        .iter()
        .map(|u| (u.code, fineness(u.code, &parents)))
        .collect();
    fallback.sort_by_key(|u| (Reverse(fine[&u.code]), u.code, from_key(&u.validity)));
    Ok(Prepared {
        grids,
        fallback,
        parents,
    })
}
