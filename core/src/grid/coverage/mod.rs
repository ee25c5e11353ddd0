//! Coverage validation (横向到边、纵向到底，不留空白区域，不得交叉重叠).
//!
//! [`validate`] checks a layer — and optionally a second file with the units above it —
//! at every level present: grids must tile their community, communities their town, towns
//! their county. It reports, each located, sized and naming the codes involved:
//!
//! | kind | what |
//! |---|---|
//! | `gap` | part of a parent no child covers; without a parent, a hole inside the layer's union; a unit with no children while its siblings have some |
//! | `overlap` | part covered by two or more children |
//! | `duplicate` | the same geometry under two codes, or one code twice with overlapping validity |
//! | `invalid_geometry` | self-intersection, unclosed ring, < 4 points, NaN/∞/out-of-range coordinate, zero area, hole outside its shell |
//! | `code_mismatch` | a code that does not extend its parent's, a grid code layout other than the policy's, a unit at a level the hierarchy does not allow |
//! | `orphan` | a unit whose parent is in neither file although that level is present |
//! | `outside_parent` | part of a child outside its parent |
//! | `size_rule` | a grid outside the division rule (households **and** people; dedicated grids exempt unless the policy sets a rule) |
//!
//! # How
//!
//! One pass hashes every boundary segment of every unit (the exact bit patterns of its
//! endpoints, normalized, with a direction sign) into a per-parent table where shared edges
//! cancel: two neighbours traverse their common edge in opposite directions, and the
//! parent's boundary, added reversed, cancels its children's outer edges. See
//! [`edges`](self) for why the table stays small. Nothing is left for a perfect tiling;
//! otherwise the few unmatched segments are split where they cross, traced into faces, and
//! each face gets its winding number — children covering it minus the parent: −1 is a gap,
//! +1 inside the parent an overlap, +1 outside it a part outside the parent. No pairwise
//! overlay is ever done, so the cost is linear in the number of vertices.
//!
//! Without a parent (the level above is in neither file), a group is all units of the level
//! and a gap is a hole inside their union: closed leftover rings other than the outer
//! boundary. The outer boundary itself is not a violation.
//!
//! # Tolerance
//!
//! A gap, overlap or outside part is a **sliver** and is not reported when its mean width
//! — twice its area over its perimeter, `2A / P`, which for a long thin strip of width `w`
//! is `w` — is below [`CoverageOptions::tolerance_m`]. A strip 0.5 m wide at its widest
//! that tapers to nothing at both ends (the generator's 0.5 m faults) has a mean width of
//! 0.25 m. Faces narrower than 1 µm are always dropped as floating-point noise.
//!
//! # Versions
//!
//! With [`CoverageOptions::as_of`] set, only units in force on that date take part;
//! otherwise only the current versions (open-ended validity). Duplicate codes are checked
//! over every version: two versions of a code must not overlap in time.
//!
//! ```
//! use wangge::grid::coverage::{validate, CoverageOptions, ViolationKind};
//! use wangge::grid::sample::{FaultKind, SampleCounty, SampleOptions};
//! let county = SampleCounty::generate(&SampleOptions { grids: 60, seed: 3, ..Default::default() })?;
//! let opts = CoverageOptions::default();
//! let report = validate(&county.layer, None, &opts);
//! assert!(report.valid, "{:?}", report.violations);
//! assert_eq!(report.grids, 60);
//!
//! let mut layer = county.layer.clone();
//! let index = (0..layer.units.len()).filter(|&i| layer.units[i].is_grid()).nth(10).unwrap();
//! let fault = layer.inject_fault(FaultKind::Missing, index, 0.0)?;
//! let report = validate(&layer, None, &opts);
//! let gap = report.of_kind(ViolationKind::Gap).next().expect("the missing grid is a gap");
//! assert!(gap.area_m2 > 10_000.0);
//! # Ok::<(), wangge::grid::GridError>(())
//! ```

pub mod api;
mod edges;
mod faces;
mod noding;
mod report;
mod rings;
mod shape;
mod units;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use report::{CoverageReport, MAX_CODES, MAX_PER_KIND, Violation, ViolationKind};

use crate::code::{GridCodeLayout, UnitCode};
use crate::geo::{BBox, Point};
use crate::grid::{DivisionRules, Layer, Levels, Unit};
use crate::policy::{GridPolicyFile, Policy};
use edges::SegTable;
use faces::Face;
use report::{cap_per_kind, capped_codes, names, round_area, round_deg};
use units::{Catalog, Group};

/// Faces narrower than this (metres) are floating-point noise.
const NOISE_M: f64 = 1e-6;

/// What to check and how.
///
/// ```
/// use wangge::grid::coverage::CoverageOptions;
/// use wangge::policy::Policy;
/// let opts = CoverageOptions::from_policy(&Policy::preset("seed003")?);
/// assert_eq!(opts.tolerance_m, 0.05);
/// assert_eq!(CoverageOptions::default().tolerance_m, 0.05);
/// # Ok::<(), wangge::policy::PolicyError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CoverageOptions {
    /// Gaps, overlaps and outside parts with a mean width (2 × area ⁄ perimeter) below this
    /// many metres are slivers and are not reported. Defaults to the policy's
    /// `grid.sliver_tolerance_m` (0.05 m). Negative or non-finite values count as 0.
    pub tolerance_m: f64,
    /// Division rules for `size_rule`. Defaults to [`DivisionRules::default`].
    pub division: DivisionRules,
    /// The hierarchy. Defaults to county, town, community, grid.
    pub levels: Levels,
    /// The grid code layout the policy requires. Defaults to `d15`.
    pub code_layout: GridCodeLayout,
    /// Check the units in force on this date; `None`: the current versions. Defaults to
    /// `None`.
    pub as_of: Option<NaiveDate>,
}

impl Default for CoverageOptions {
    fn default() -> Self {
        let g = GridPolicyFile::default();
        CoverageOptions {
            tolerance_m: g.sliver_tolerance_m,
            division: g.division,
            levels: g.levels,
            code_layout: g.code_layout,
            as_of: None,
        }
    }
}

impl CoverageOptions {
    /// The options a policy sets (tolerance, division rules, levels, code layout).
    pub fn from_policy(policy: &Policy) -> CoverageOptions {
        CoverageOptions {
            tolerance_m: policy.grid.sliver_tolerance_m,
            division: policy.grid.division.clone(),
            levels: policy.grid.levels.clone(),
            code_layout: policy.grid.code_layout,
            as_of: None,
        }
    }
}

/// Validates a layer, optionally with a second layer holding the units above it. See the
/// [module documentation](self).
pub fn validate(layer: &Layer, parent: Option<&Layer>, opts: &CoverageOptions) -> CoverageReport {
    validate_with_progress(layer, parent, opts, &mut |_, _| {})
}

/// [`validate`], calling `progress(done, total)` (units checked so far, units in all) as
/// the work advances, for a progress bar.
///
/// ```
/// use wangge::grid::coverage::{validate_with_progress, CoverageOptions};
/// use wangge::grid::sample::{SampleCounty, SampleOptions};
/// let county = SampleCounty::generate(&SampleOptions { grids: 20, ..Default::default() })?;
/// let mut last = (0, 0);
/// let r = validate_with_progress(&county.layer, None, &CoverageOptions::default(), &mut |d, t| last = (d, t));
/// assert!(r.valid);
/// assert_eq!(last.0, last.1);
/// # Ok::<(), wangge::grid::GridError>(())
/// ```
pub fn validate_with_progress(
    layer: &Layer,
    parent: Option<&Layer>,
    opts: &CoverageOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> CoverageReport {
    let tolerance = if opts.tolerance_m.is_finite() && opts.tolerance_m > 0.0 {
        opts.tolerance_m
    } else {
        0.0
    };
    let mut cat = Catalog::build(layer, parent, opts);
    let n = cat.units.len();
    let mut run = Run {
        cat: &cat,
        tolerance,
        table: SegTable::default(),
        checked: vec![false; n],
        hashable: vec![false; n],
        fingerprint: vec![(0, 0); n],
        skip: vec![false; n],
        geometry_violations: Vec::new(),
        scratch: rings::Scratch::default(),
        level_lookups: HashMap::new(),
        leftovers: HashMap::new(),
        kept: 0,
    };
    let mut by_group: Vec<Vec<Violation>> = Vec::with_capacity(cat.groups.len());
    let mut done = 0;
    for (k, g) in cat.groups.iter().enumerate() {
        by_group.push(run.group(k, g));
        done += g.members.len();
        progress(done, n);
    }
    // Units in no group (orphans, later copies of a code) still get their geometry checked.
    for i in 0..n {
        if !run.checked[i] {
            run.check_unit(i);
        }
    }

    // The same geometry under several codes: report once, keep the first copy in the
    // coverage, and redo the groups that held the others.
    let (dups, dropped) = run.duplicate_geometries();
    if !dropped.is_empty() {
        for &i in &dropped {
            run.skip[i] = true;
        }
        run.level_lookups.clear();
        for (k, g) in cat.groups.iter().enumerate() {
            if g.members.iter().any(|&i| run.skip[i]) {
                by_group[k] = run.regroup(k, g);
            }
        }
    }
    let geometry = std::mem::take(&mut run.geometry_violations);
    let grids = cat.grid_count();
    let mut violations = std::mem::take(&mut cat.violations);
    violations.extend(geometry);
    violations.extend(dups);
    violations.extend(by_group.into_iter().flatten());
    progress(n, n);
    finish(grids, violations)
}

/// Sorts, rounds and wraps up.
fn finish(grids: usize, mut violations: Vec<Violation>) -> CoverageReport {
    for v in &mut violations {
        v.at = [round_deg(v.at[0]), round_deg(v.at[1])];
        v.area_m2 = round_area(v.area_m2);
    }
    let key = |v: &Violation| {
        (
            v.kind,
            v.codes.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
        )
    };
    let valid = violations.is_empty();
    let omitted = cap_per_kind(&mut violations);
    violations.sort_by(|a, b| {
        key(a)
            .cmp(&key(b))
            .then(a.at[0].total_cmp(&b.at[0]))
            .then(a.at[1].total_cmp(&b.at[1]))
            .then(a.message.cmp(&b.message))
    });
    CoverageReport {
        valid,
        grids,
        violations,
        omitted,
    }
}

/// State of one validation run.
struct Run<'c, 'a> {
    cat: &'c Catalog<'a>,
    tolerance: f64,
    table: SegTable,
    /// Geometry checked (each unit once).
    checked: Vec<bool>,
    /// All coordinates finite: its segments can be hashed.
    hashable: Vec<bool>,
    /// Geometry fingerprint and segment count (for duplicates).
    fingerprint: Vec<(u64, usize)>,
    /// Left out of the coverage (a duplicate geometry).
    skip: Vec<bool>,
    geometry_violations: Vec<Violation>,
    scratch: rings::Scratch,
    level_lookups: HashMap<usize, Lookup>,
    /// Unmatched segments of each group that had some (owners: unit indices).
    leftovers: HashMap<usize, Vec<edges::Leftover>>,
    /// Segments kept in `leftovers`.
    kept: usize,
}

fn all_finite(u: &Unit) -> bool {
    u.geometry.rings().all(|r| {
        r.points()
            .iter()
            .all(|p| p.lon.is_finite() && p.lat.is_finite())
    })
}

fn ring_iter(u: &Unit) -> impl Iterator<Item = (&[Point], bool)> {
    u.geometry.polygons.iter().flat_map(|p| {
        std::iter::once((p.exterior.points(), true))
            .chain(p.holes.iter().map(|h| (h.points(), false)))
    })
}

/// Spatial order key: Morton code of the unit's first vertex within `b`.
fn morton(p: Point, b: &BBox) -> u32 {
    let q = |v: f64, lo: f64, hi: f64| {
        let t = if hi > lo { (v - lo) / (hi - lo) } else { 0.0 };
        (t.clamp(0.0, 1.0) * 65535.0) as u32
    };
    let spread = |mut x: u32| {
        x &= 0xffff;
        x = (x | (x << 8)) & 0x00ff_00ff;
        x = (x | (x << 4)) & 0x0f0f_0f0f;
        x = (x | (x << 2)) & 0x3333_3333;
        (x | (x << 1)) & 0x5555_5555
    };
    spread(q(p.lon, b.min_lon, b.max_lon)) | (spread(q(p.lat, b.min_lat, b.max_lat)) << 1)
}

/// Puts a large group into a spatially coherent order (Morton order of each unit's first
/// vertex) unless the input order already is one: consecutive units closer than a few unit
/// sizes on average, judged on a sample of pairs. Coherent order keeps the open front of
/// unmatched segments small.
fn spatial_order(cat: &Catalog<'_>, members: &mut Vec<usize>) {
    const SAMPLE: usize = 512;
    let n = members.len();
    let step = (n / SAMPLE).max(1);
    let pairs: Vec<(Point, Point)> = (0..n - 1)
        .step_by(step)
        .filter_map(|k| {
            Some((
                anchor(cat.units[members[k]])?,
                anchor(cat.units[members[k + 1]])?,
            ))
        })
        .collect();
    let Some(b) = BBox::of_points(pairs.iter().flat_map(|&(p, q)| [p, q])) else {
        return;
    };
    let size = ((b.max_lon - b.min_lon) * (b.max_lat - b.min_lat) / n as f64).sqrt();
    let mean = pairs
        .iter()
        .map(|(p, q)| (p.lon - q.lon).abs() + (p.lat - q.lat).abs())
        .sum::<f64>()
        / pairs.len().max(1) as f64;
    if mean < 4.0 * size {
        return;
    }
    let anchors: Vec<Option<Point>> = members.iter().map(|&i| anchor(cat.units[i])).collect();
    let Some(b) = BBox::of_points(anchors.iter().flatten().copied()) else {
        return;
    };
    let mut keyed: Vec<(u32, usize)> = members
        .iter()
        .zip(&anchors)
        .map(|(&i, a)| (a.map_or(0, |p| morton(p, &b)), i))
        .collect();
    keyed.sort_unstable();
    *members = keyed.into_iter().map(|(_, i)| i).collect();
}

fn anchor(u: &Unit) -> Option<Point> {
    u.geometry
        .polygons
        .first()
        .and_then(|p| p.exterior.points().first())
        .copied()
        .filter(|p| p.lon.is_finite() && p.lat.is_finite())
}

impl Run<'_, '_> {
    fn unit(&self, i: usize) -> &Unit {
        self.cat.units[i]
    }

    /// Checks a unit's geometry once; records whether it can be hashed.
    fn check_unit(&mut self, i: usize) {
        self.checked[i] = true;
        let u = self.cat.units[i];
        if let Err(issue) = rings::check_geometry(&u.geometry, &mut self.scratch) {
            let at = issue
                .location()
                .filter(|p| p.lon.is_finite() && p.lat.is_finite())
                .map_or_else(|| shape::unit_point(u), |p| [p.lon, p.lat]);
            self.geometry_violations.push(Violation {
                kind: ViolationKind::InvalidGeometry,
                codes: vec![u.code],
                at,
                area_m2: shape::unit_area_m2(u),
                message: format!("{}: {issue}", u.code),
                more_codes: 0,
            });
            self.hashable[i] = all_finite(u);
        } else {
            self.hashable[i] = true;
        }
    }

    /// Hashes one group and turns what is left into violations. The unmatched segments
    /// are kept (see [`Run::regroup`]).
    fn group(&mut self, k: usize, g: &Group) -> Vec<Violation> {
        let cat = self.cat;
        let mut members: Vec<usize> = g.members.clone();
        if members.len() > 64 {
            spatial_order(cat, &mut members);
        }
        let parent = g.parent.filter(|&p| all_finite(cat.units[p]));
        // A rough size (the table grows as needed): a unit has tens of segments.
        self.table.start(32 * (members.len() + 1));
        // Positions in the pass: members 0.., the parent last (its boundary then meets the
        // children's union outline, which is all that is left of them).
        for (pos, &i) in members.iter().enumerate() {
            if !self.checked[i] {
                self.check_unit(i);
            }
            if !self.hashable[i] || self.skip[i] {
                continue;
            }
            self.fingerprint[i] =
                edges::add_rings(&mut self.table, ring_iter(cat.units[i]), 1, pos as u32);
        }
        if let Some(p) = parent {
            edges::add_rings(
                &mut self.table,
                ring_iter(cat.units[p]),
                -1,
                members.len() as u32,
            );
        }
        if self.table.is_clear() {
            return Vec::new();
        }
        let mut left = Vec::with_capacity(self.table.len());
        self.table.drain(&mut left);
        // Contributor positions to unit indices.
        let owner = |pos: u32| match members.get(pos as usize) {
            Some(&i) => i as u32,
            None => parent.map_or(noding::NO_OWNER, |p| p as u32),
        };
        for l in &mut left {
            l.owners = [owner(l.owners[0]), owner(l.owners[1])];
        }
        let found = self.analyze(&left, parent, &members);
        // Kept for a second look after duplicates are found, within a memory budget.
        if self.kept + left.len() <= 1 << 22 {
            self.kept += left.len();
            self.leftovers.insert(k, left);
        }
        found
    }

    /// Group `k` again without the units now skipped: its unmatched segments from the first
    /// pass minus the skipped units' segments — no need to hash the whole group again.
    fn regroup(&mut self, k: usize, g: &Group) -> Vec<Violation> {
        let cat = self.cat;
        let parent = g.parent.filter(|&p| all_finite(cat.units[p]));
        let Some(left) = self.leftovers.remove(&k) else {
            return self.group(k, g); // not kept: hash the whole group again
        };
        self.table.start(left.len());
        for l in &left {
            if let Some((key, dir)) = edges::key_of(l.a, l.b) {
                let h = edges::hash(&key);
                for _ in 0..l.weight {
                    self.table.add_hashed(key, h, dir, l.owners[0]);
                }
            }
        }
        for &i in g
            .members
            .iter()
            .filter(|&&i| self.skip[i] && self.hashable[i])
        {
            edges::add_rings(&mut self.table, ring_iter(cat.units[i]), -1, i as u32);
        }
        if self.table.is_clear() {
            return Vec::new();
        }
        let mut left = Vec::with_capacity(self.table.len());
        self.table.drain(&mut left);
        self.analyze(&left, parent, &g.members)
    }

    /// Faces of the unmatched segments of a group (owners are unit indices), as violations.
    fn analyze(
        &mut self,
        left: &[edges::Leftover],
        parent: Option<usize>,
        members: &[usize],
    ) -> Vec<Violation> {
        if parent.is_none() && self.is_outer_boundary(left) {
            return Vec::new(); // a layer without holes or overlaps: only its outline is left
        }
        let mut left = left.to_vec();
        // The parent's whole boundary, with weight 0: it splits faces where a child crosses
        // it (so every face is wholly inside or outside the parent) without changing any
        // winding number.
        if let Some(p) = parent {
            for (pts, _) in ring_iter(self.cat.units[p]) {
                for (a, b) in edges::ring_segments(pts) {
                    left.push(edges::Leftover {
                        a,
                        b,
                        weight: 0,
                        owners: [p as u32; 2],
                    });
                }
            }
        }
        let noded = noding::node(&left);
        let with_parent = parent.is_some();
        let found = faces::faces(&noded, |w| if with_parent { w != 0 } else { w != 1 });
        self.classify(found, parent, members)
    }

    /// Whether the unmatched segments form one simple counter-clockwise ring: the outer
    /// boundary of a layer with no hole and no overlap.
    fn is_outer_boundary(&mut self, left: &[edges::Leftover]) -> bool {
        if left.len() < 3 || left.iter().any(|l| l.weight != 1) {
            return false;
        }
        let key = |p: Point| (p.lon.to_bits(), p.lat.to_bits());
        let mut starts: Vec<((u64, u64), usize)> = left
            .iter()
            .enumerate()
            .map(|(i, l)| (key(l.a), i))
            .collect();
        starts.sort_unstable();
        if starts.windows(2).any(|w| w[0].0 == w[1].0) {
            return false; // a vertex where the boundary touches itself
        }
        let mut ring = Vec::with_capacity(left.len() + 1);
        let mut e = 0;
        for _ in 0..left.len() {
            ring.push(left[e].a);
            match starts.binary_search_by_key(&key(left[e].b), |s| s.0) {
                Ok(k) => e = starts[k].1,
                Err(_) => return false,
            }
            if e == 0 {
                break;
            }
        }
        if e != 0 || ring.len() != left.len() {
            return false; // more than one ring
        }
        ring.push(ring[0]);
        shape::ring_area2(&ring) > 0.0 && rings::check(&ring, &mut self.scratch).is_ok()
    }

    /// Turns faces into violations: drops slivers, tells gaps, overlaps and parts outside
    /// the parent apart, and names the units.
    fn classify(
        &mut self,
        found: Vec<Face>,
        parent: Option<usize>,
        members: &[usize],
    ) -> Vec<Violation> {
        let mut out = Vec::new();
        let mut lookup: Option<Lookup> = None;
        for f in found {
            let width = if f.perimeter_m > 0.0 {
                2.0 * f.area_m2 / f.perimeter_m
            } else {
                0.0
            };
            if width < self.tolerance.max(NOISE_M) {
                continue;
            }
            let kind = match parent {
                Some(_) if f.winding < 0 => ViolationKind::Gap,
                Some(p) if self.unit(p).geometry.contains(f.at) => ViolationKind::Overlap,
                Some(_) => ViolationKind::OutsideParent,
                None if f.winding == 0 => ViolationKind::Gap,
                None if f.winding >= 2 => ViolationKind::Overlap,
                // Negative cover comes only from invalid (inside-out) rings, already reported.
                None => continue,
            };
            let mut idx: Vec<usize> = f
                .owners
                .iter()
                .map(|&o| o as usize)
                .filter(|&o| Some(o) != parent)
                .collect();
            if kind != ViolationKind::Gap {
                let l = lookup.get_or_insert_with(|| Lookup::new(self.cat, members, &self.skip));
                idx.extend(l.covering(self.cat, f.at));
            }
            let size = format!("{:.2} m² (mean width {:.2} m)", f.area_m2, width);
            let cat = self.cat;
            let list = |idx: &[usize]| -> (Vec<UnitCode>, usize, String) {
                let (codes, more) = capped_codes(idx.iter().map(|&i| cat.units[i].code).collect());
                let text = names(&codes, more);
                (codes, more, text)
            };
            let (mut codes, more_codes, names) = list(&idx);
            let message = match (kind, parent) {
                (ViolationKind::Gap, Some(p)) => format!(
                    "gap of {size} in {} that none of its units covers; around it: {names}",
                    self.unit(p).code
                ),
                (ViolationKind::Gap, None) => {
                    format!("hole of {size} inside the layer; around it: {names}")
                }
                (ViolationKind::Overlap, _) => format!(
                    "overlap of {size} covered {} times: {names}",
                    f.winding + i32::from(parent.is_some())
                ),
                _ => format!(
                    "{size} of {names} outside the parent {}",
                    parent.map_or(String::new(), |p| self.unit(p).code.to_string())
                ),
            };
            // Outside its parent and on top of units of the same level elsewhere: that is
            // an overlap too (a grid reaching into the next community).
            if kind == ViolationKind::OutsideParent {
                let level = members.first().map_or(0, |&i| self.cat.level[i]);
                let others = self.level_lookup(level).covering(cat, f.at);
                let others: Vec<usize> = others.into_iter().filter(|i| !idx.contains(i)).collect();
                if !others.is_empty() {
                    let mut all = idx.clone();
                    all.extend(others);
                    let (c, more, n) = list(&all);
                    out.push(Violation {
                        kind: ViolationKind::Overlap,
                        codes: c,
                        at: [f.at.lon, f.at.lat],
                        area_m2: f.area_m2,
                        message: format!("overlap of {size} across a parent boundary: {n}"),
                        more_codes: more,
                    });
                }
            }
            if let Some(p) = parent {
                codes.push(self.unit(p).code);
            }
            out.push(Violation {
                kind,
                codes,
                at: [f.at.lon, f.at.lat],
                area_m2: f.area_m2,
                message,
                more_codes,
            });
        }
        out
    }

    /// The point lookup over every unit of a level taking part (built on first use).
    fn level_lookup(&mut self, level: usize) -> &Lookup {
        let cat = self.cat;
        let skip = &self.skip;
        self.level_lookups.entry(level).or_insert_with(|| {
            let all: Vec<usize> = (0..cat.units.len())
                .filter(|&i| cat.level[i] == level && !cat.excluded[i])
                .collect();
            Lookup::new(cat, &all, skip)
        })
    }

    /// Units with identical geometry (by fingerprint, then exactly); returns the violations
    /// and the units to leave out of the coverage (every copy but the first).
    fn duplicate_geometries(&self) -> (Vec<Violation>, Vec<usize>) {
        let n = self.cat.units.len();
        let mut cands: Vec<usize> = (0..n)
            .filter(|&i| self.hashable[i] && !self.cat.excluded[i] && self.fingerprint[i].1 > 0)
            .collect();
        // Only units of one level can be duplicates (a community of one grid has its shape).
        let key = |i: usize| (self.cat.level[i], self.fingerprint[i]);
        cands.sort_unstable_by_key(|&i| (key(i), i));
        let mut violations = Vec::new();
        let mut dropped = Vec::new();
        let mut k = 0;
        while k < cands.len() {
            let mut e = k + 1;
            while e < cands.len() && key(cands[e]) == key(cands[k]) {
                e += 1;
            }
            if e - k > 1 {
                // Exact comparison within the run.
                let segs: Vec<Vec<(edges::Key, i32)>> = cands[k..e]
                    .iter()
                    .map(|&i| segments(self.unit(i)))
                    .collect();
                let mut used = vec![false; e - k];
                for a in 0..e - k {
                    if used[a] {
                        continue;
                    }
                    let same: Vec<usize> = (a..e - k)
                        .filter(|&b| !used[b] && segs[b] == segs[a])
                        .collect();
                    if same.len() < 2 {
                        continue;
                    }
                    let idx: Vec<usize> = same.iter().map(|&b| cands[k + b]).collect();
                    same.iter().for_each(|&b| used[b] = true);
                    let first = self.unit(idx[0]);
                    let (codes, more) =
                        capped_codes(idx.iter().map(|&i| self.unit(i).code).collect());
                    violations.push(Violation {
                        kind: ViolationKind::Duplicate,
                        at: shape::unit_point(first),
                        area_m2: shape::unit_area_m2(first),
                        message: format!("{} have the same geometry", names(&codes, more)),
                        codes,
                        more_codes: more,
                    });
                    dropped.extend(idx[1..].iter().copied());
                }
            }
            k = e;
        }
        (violations, dropped)
    }
}

/// A unit's normalized directed segments, sorted (exact geometry comparison).
fn segments(u: &Unit) -> Vec<(edges::Key, i32)> {
    let mut out = Vec::with_capacity(u.geometry.num_points());
    for (pts, exterior) in ring_iter(u) {
        let n = pts.len();
        if n < 2 {
            continue;
        }
        let a2 = shape::ring_area2(pts);
        let flip = a2 != 0.0 && ((a2 > 0.0) != exterior);
        for i in 0..n {
            if let Some((k, d)) = edges::key_of(pts[i], pts[(i + 1) % n]) {
                out.push((k, if flip { -d } else { d }));
            }
        }
    }
    out.sort_unstable();
    out
}

/// Which members of a group contain a point (bounding boxes bucketed on a grid).
struct Lookup {
    bbox: BBox,
    cols: usize,
    rows: usize,
    cells: HashMap<usize, Vec<usize>>,
}

impl Lookup {
    fn new(cat: &Catalog<'_>, members: &[usize], skip: &[bool]) -> Lookup {
        let boxes: Vec<(usize, BBox)> = members
            .iter()
            .filter(|&&i| !skip[i])
            .filter_map(|&i| cat.units[i].geometry.bbox().map(|b| (i, b)))
            .filter(|(_, b)| {
                b.min_lon.is_finite()
                    && b.max_lon.is_finite()
                    && b.min_lat.is_finite()
                    && b.max_lat.is_finite()
            })
            .collect();
        let bbox = boxes
            .iter()
            .map(|(_, b)| *b)
            .reduce(|a, b| a.union(&b))
            .unwrap_or(BBox {
                min_lon: 0.0,
                min_lat: 0.0,
                max_lon: 0.0,
                max_lat: 0.0,
            });
        let side = ((boxes.len() as f64).sqrt().ceil() as usize).clamp(1, 1024);
        let mut l = Lookup {
            bbox,
            cols: side,
            rows: side,
            cells: HashMap::new(),
        };
        for (i, b) in boxes {
            let (c0, r0) = l.cell(Point::new(b.min_lon, b.min_lat));
            let (c1, r1) = l.cell(Point::new(b.max_lon, b.max_lat));
            for r in r0..=r1 {
                for c in c0..=c1 {
                    l.cells.entry(r * l.cols + c).or_default().push(i);
                }
            }
        }
        l
    }

    fn cell(&self, p: Point) -> (usize, usize) {
        let f = |v: f64, lo: f64, hi: f64, n: usize| {
            let t = if hi > lo { (v - lo) / (hi - lo) } else { 0.0 };
            ((t * n as f64).floor().max(0.0) as usize).min(n - 1)
        };
        (
            f(p.lon, self.bbox.min_lon, self.bbox.max_lon, self.cols),
            f(p.lat, self.bbox.min_lat, self.bbox.max_lat, self.rows),
        )
    }

    fn covering(&self, cat: &Catalog<'_>, p: Point) -> Vec<usize> {
        if !self.bbox.contains(p) {
            return Vec::new();
        }
        let (c, r) = self.cell(p);
        self.cells
            .get(&(r * self.cols + c))
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|&i| cat.units[i].geometry.contains(p))
                    .collect()
            })
            .unwrap_or_default()
    }
}
