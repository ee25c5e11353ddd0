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
    /// Threads checking the units' geometries (0 and 1: the calling thread only; always one
    /// on WASM). The report is the same for any number. Not part of the JSON form; defaults
    /// to 1.
    #[serde(skip)]
    pub threads: usize,
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
            threads: 1,
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
            threads: 1,
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
    validate_in_runs(layer, parent, opts, progress, HASH_RUN)
}

/// [`validate_with_progress`] with groups hashed in runs of about `hash_run` members.
fn validate_in_runs(
    layer: &Layer,
    parent: Option<&Layer>,
    opts: &CoverageOptions,
    progress: &mut dyn FnMut(usize, usize),
    hash_run: usize,
) -> CoverageReport {
    let tolerance = if opts.tolerance_m.is_finite() && opts.tolerance_m > 0.0 {
        opts.tolerance_m
    } else {
        0.0
    };
    let mut cat = Catalog::build(layer, parent, opts);
    let n = cat.units.len();
    let mut run = Run::new(&cat, tolerance, opts.threads);
    run.hash_run = hash_run;
    // On one thread each unit is checked just before its segments are hashed (its vertices
    // are then still in cache); on more, every unit first, split over the threads.
    // Members of a group hashed in runs are checked in their run (also split).
    if run.threads > 1 {
        let mut in_runs = vec![false; n];
        for g in cat
            .groups
            .iter()
            .filter(|g| hash_runs(g.members.len(), run.hash_run) > 1)
        {
            for &i in &g.members {
                in_runs[i] = true;
            }
        }
        run.check_all(run.threads, &in_runs);
    }
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
    // In layer order, whatever order the units were checked in: which invalid geometries
    // the per-kind cap keeps then does not depend on the threads.
    let mut geometry = std::mem::take(&mut run.geometry_violations);
    geometry.sort_by_key(|&(i, _)| i);
    let geometry = geometry.into_iter().map(|(_, v)| v);
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
    /// Threads for the parts that split (geometry checks, lookups).
    threads: usize,
    /// Members of a hashing run ([`HASH_RUN`]; smaller in tests).
    hash_run: usize,
    table: SegTable,
    /// Geometry checked (each unit once).
    checked: Vec<bool>,
    /// All coordinates finite: its segments can be hashed.
    hashable: Vec<bool>,
    /// Geometry fingerprint and segment count (for duplicates).
    fingerprint: Vec<(u64, usize)>,
    /// Left out of the coverage (a duplicate geometry).
    skip: Vec<bool>,
    /// Invalid geometries, with the unit's index.
    geometry_violations: Vec<(usize, Violation)>,
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

/// A unit's geometry check: whether its segments can be hashed, and its violation if any.
fn check_geometry(u: &Unit, scratch: &mut rings::Scratch) -> (bool, Option<Violation>) {
    match rings::check_geometry(&u.geometry, scratch) {
        Ok(()) => (true, None),
        Err(issue) => {
            let at = issue
                .location()
                .filter(|p| p.lon.is_finite() && p.lat.is_finite())
                .map_or_else(|| shape::unit_point(u), |p| [p.lon, p.lat]);
            let violation = Violation {
                kind: ViolationKind::InvalidGeometry,
                codes: vec![u.code],
                at,
                area_m2: shape::unit_area_m2(u),
                message: format!("{}: {issue}", u.code),
                more_codes: 0,
            };
            (all_finite(u), Some(violation))
        }
    }
}

fn ring_iter(u: &Unit) -> impl Iterator<Item = (&[Point], bool)> {
    u.geometry.polygons.iter().flat_map(|p| {
        std::iter::once((p.exterior.points(), true))
            .chain(p.holes.iter().map(|h| (h.points(), false)))
    })
}

/// Members of a group hashed as one run of the pass; a larger group is cut into runs of
/// about this many, hashed on as many threads as asked.
const HASH_RUN: usize = 16_384;

/// Runs a group of `n` members is hashed in, with runs of about `run` members (1 below
/// `2 × run`): a function of the group alone, so that the report does not depend on the
/// threads.
fn hash_runs(n: usize, run: usize) -> usize {
    (n / run.max(1)).clamp(1, 64)
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

impl<'c, 'a> Run<'c, 'a> {
    fn new(cat: &'c Catalog<'a>, tolerance: f64, threads: usize) -> Run<'c, 'a> {
        let n = cat.units.len();
        Run {
            cat,
            tolerance,
            threads,
            hash_run: HASH_RUN,
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
        }
    }
}

impl Run<'_, '_> {
    fn unit(&self, i: usize) -> &Unit {
        self.cat.units[i]
    }

    /// Checks a unit's geometry once; records whether it can be hashed.
    fn check_unit(&mut self, i: usize) {
        let (hashable, violation) = check_geometry(self.cat.units[i], &mut self.scratch);
        self.record_check(i, hashable, violation);
    }

    fn record_check(&mut self, i: usize, hashable: bool, violation: Option<Violation>) {
        self.checked[i] = true;
        self.hashable[i] = hashable;
        self.geometry_violations.extend(violation.map(|v| (i, v)));
    }

    /// Checks every unit's geometry but those marked `later` up front, in runs of units on
    /// up to `threads` threads.
    fn check_all(&mut self, threads: usize, later: &[bool]) {
        const RUNS: usize = 64;
        let units = &self.cat.units;
        let n = units.len();
        let runs = RUNS.min(n.max(1));
        let checked = crate::parallel::jobs(runs, threads, |k| {
            let mut scratch = rings::Scratch::default();
            (n * k / runs..n * (k + 1) / runs)
                .filter(|&i| !later[i])
                .map(|i| (i, check_geometry(units[i], &mut scratch)))
                .collect::<Vec<_>>()
        });
        for (i, (hashable, violation)) in checked.into_iter().flatten() {
            self.record_check(i, hashable, violation);
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
        let runs = hash_runs(members.len(), self.hash_run);
        let left = if runs == 1 {
            self.hash_group(&members, parent)
        } else {
            self.hash_group_in_runs(&members, parent, runs)
        };
        if left.is_empty() {
            return Vec::new();
        }
        let mut left = left;
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

    /// The unmatched segments of a group's members (in pass order) and parent, hashed in
    /// one table. Owners are positions in the pass: members 0.., the parent last (its
    /// boundary then meets the children's union outline, which is all that is left of them).
    fn hash_group(&mut self, members: &[usize], parent: Option<usize>) -> Vec<edges::Leftover> {
        let cat = self.cat;
        // A rough size (the table grows as needed): a unit has tens of segments.
        self.table.start(32 * (members.len() + 1));
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
            let at = members.len() as u32;
            edges::add_rings(&mut self.table, ring_iter(cat.units[p]), -1, at);
        }
        let mut left = Vec::with_capacity(self.table.len());
        self.table.drain(&mut left);
        left
    }

    /// [`Run::hash_group`] for a large group: `runs` runs of members (consecutive in pass
    /// order, so each run's open front stays small), each in its own table on up to
    /// `self.threads` threads, then the parent's, merged. A run's leftover is its outline;
    /// the outlines' shared stretches cancel in the merge, as they would in one table.
    fn hash_group_in_runs(
        &mut self,
        members: &[usize],
        parent: Option<usize>,
        runs: usize,
    ) -> Vec<edges::Leftover> {
        let cat = self.cat;
        let (checked, hashable, skip) = (&self.checked, &self.hashable, &self.skip);
        let n = members.len();
        // Each unit not checked yet is checked just before it is hashed.
        type Done = (Option<(bool, Option<Violation>)>, Option<(u64, usize)>);
        let parts = crate::parallel::jobs(runs, self.threads, |k| {
            let (a, b) = (n * k / runs, n * (k + 1) / runs);
            let mut table = SegTable::default();
            let mut scratch = rings::Scratch::default();
            table.start(32 * (b - a + 1));
            let done: Vec<Done> = (a..b)
                .map(|pos| {
                    let i = members[pos];
                    let check = (!checked[i]).then(|| check_geometry(cat.units[i], &mut scratch));
                    let ok = check.as_ref().map_or(hashable[i], |c| c.0);
                    let print = (ok && !skip[i]).then(|| {
                        edges::add_rings(&mut table, ring_iter(cat.units[i]), 1, pos as u32)
                    });
                    (check, print)
                })
                .collect();
            (a, done, table.take_entries())
        });
        let mut entries = Vec::new();
        for (a, done, taken) in parts {
            for (j, (check, print)) in done.into_iter().enumerate() {
                let i = members[a + j];
                if let Some((ok, violation)) = check {
                    self.record_check(i, ok, violation);
                }
                if let Some(print) = print {
                    self.fingerprint[i] = print;
                }
            }
            entries.extend(taken);
        }
        if let Some(p) = parent {
            self.table.start(64);
            edges::add_rings(&mut self.table, ring_iter(cat.units[p]), -1, n as u32);
            entries.extend(self.table.take_entries());
        }
        let mut left = Vec::new();
        edges::merge(entries, &mut left);
        left
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
                let l = lookup.get_or_insert_with(|| {
                    Lookup::new(self.cat, members, &self.skip, self.threads)
                });
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
        let (skip, threads) = (&self.skip, self.threads);
        self.level_lookups.entry(level).or_insert_with(|| {
            let all: Vec<usize> = (0..cat.units.len())
                .filter(|&i| cat.level[i] == level && !cat.excluded[i])
                .collect();
            Lookup::new(cat, &all, skip, threads)
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
    /// Per cell (row-major), where its members begin in `members`; last, the end.
    start: Vec<u32>,
    /// The members of every cell, cell after cell, each cell's in the order given.
    members: Vec<u32>,
}

impl Lookup {
    /// The lookup over `members` not skipped; their boxes found on up to `threads` threads.
    fn new(cat: &Catalog<'_>, members: &[usize], skip: &[bool], threads: usize) -> Lookup {
        const RUNS: usize = 64;
        let n = members.len();
        let runs = RUNS.min(n.max(1));
        let boxes: Vec<(usize, BBox)> = crate::parallel::jobs(runs, threads, |k| {
            members[n * k / runs..n * (k + 1) / runs]
                .iter()
                .filter(|&&i| !skip[i])
                .filter_map(|&i| cat.units[i].geometry.bbox().map(|b| (i, b)))
                .filter(|(_, b)| {
                    b.min_lon.is_finite()
                        && b.max_lon.is_finite()
                        && b.min_lat.is_finite()
                        && b.max_lat.is_finite()
                })
                .collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
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
            start: vec![0; side * side + 1],
            members: Vec::new(),
        };
        // Counted, then filled: one flat list instead of a list per cell.
        let cells = |l: &Lookup, b: &BBox| {
            let (c0, r0) = l.cell(Point::new(b.min_lon, b.min_lat));
            let (c1, r1) = l.cell(Point::new(b.max_lon, b.max_lat));
            (r0..=r1).flat_map(move |r| (c0..=c1).map(move |c| r * side + c))
        };
        for (_, b) in &boxes {
            for c in cells(&l, b) {
                l.start[c + 1] += 1;
            }
        }
        for c in 0..side * side {
            l.start[c + 1] += l.start[c];
        }
        let mut fill = l.start[..side * side].to_vec();
        l.members = vec![0; l.start[side * side] as usize];
        for (i, b) in &boxes {
            for c in cells(&l, b) {
                l.members[fill[c] as usize] = *i as u32;
                fill[c] += 1;
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
        let k = r * self.cols + c;
        self.members[self.start[k] as usize..self.start[k + 1] as usize]
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| cat.units[i].geometry.contains(p))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::sample::{FaultKind, SampleCounty, SampleOptions};

    /// A group hashed in runs (each its own table, merged) leaves exactly what one table
    /// leaves — segments, weights and owners — and gives every unit the same fingerprint,
    /// on a valid layer and on each kind of fault, for any cut and any number of threads.
    #[test]
    fn hashing_in_runs_leaves_what_one_table_leaves() {
        let c = SampleCounty::generate(&SampleOptions {
            grids: 400,
            seed: 9,
            ..Default::default()
        })
        .unwrap();
        let grids = Layer {
            units: c
                .layer
                .units
                .iter()
                .filter(|u| u.is_grid())
                .cloned()
                .collect(),
        };
        let mut layers = vec![grids.clone()];
        for (k, kind) in FaultKind::ALL.into_iter().enumerate() {
            let mut l = grids.clone();
            if l.inject_fault(kind, 37 + 41 * k, 0.5).is_ok() {
                layers.push(l);
            }
        }
        assert!(layers.len() >= 6, "{}", layers.len());
        let opts = CoverageOptions::default();
        let mut compared = 0;
        for (k, layer) in layers.iter().enumerate() {
            let duplicate = layer.units.len() > grids.units.len();
            let whole = validate(layer, None, &opts);
            assert_eq!(whole.valid, k == 0);
            for (run, threads) in [(50, 1), (64, 3), (7, 2)] {
                let opts = CoverageOptions {
                    threads,
                    ..opts.clone()
                };
                let cut = validate_in_runs(layer, None, &opts, &mut |_, _| {}, run);
                assert_eq!(cut, whole, "layer {k}: runs of {run} on {threads} threads");
            }
            let cat = Catalog::build(layer, None, &opts);
            let g = &cat.groups[0];
            assert!(g.members.len() >= 399);
            let mut one = Run::new(&cat, 0.0, 1);
            let left = one.hash_group(&g.members, g.parent);
            for (runs, threads) in [(2, 1), (7, 2), (13, 3), (64, 2)] {
                let mut many = Run::new(&cat, 0.0, threads);
                let merged = many.hash_group_in_runs(&g.members, g.parent, runs);
                // The same segments and weights. (The owners too, but for a segment of
                // three or more units — a duplicate and its neighbour — whose named owner
                // depends on the cut; the report below still comes out the same.)
                let bare = |l: &[edges::Leftover]| -> Vec<_> {
                    l.iter().map(|x| (x.a, x.b, x.weight)).collect()
                };
                assert_eq!(
                    bare(&merged),
                    bare(&left),
                    "{runs} runs on {threads} threads"
                );
                if !duplicate {
                    assert_eq!(merged, left, "{runs} runs on {threads} threads");
                }
                assert_eq!(many.fingerprint, one.fingerprint);
                assert_eq!(many.hashable, one.hashable);
                compared += 1;
            }
        }
        assert_eq!(compared, 4 * layers.len());
    }
}
