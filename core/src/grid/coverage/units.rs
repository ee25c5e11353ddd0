//! The units taking part, their levels and parents, the groups that must tile a parent,
//! and the per-unit checks (codes, orphans, duplicate codes, size rules).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::CoverageOptions;
use super::report::{Violation, ViolationKind};
use super::shape;
use crate::code::{AdminLevel, UnitCode};
use crate::grid::{Layer, Unit, admin_unit};

/// A small, fast, deterministic hasher for codes and indices (multiply–rotate per word).
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for c in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..c.len()].copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(w));
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u8(&mut self, x: u8) {
        self.write_u64(u64::from(x));
    }
    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }
    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map with [`FastHasher`].
pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// Which units must tile what: the children of one parent, or (no parent present) all
/// units of one level whose parents are absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Group {
    /// The parent unit (index into [`Catalog::units`]), if present.
    pub parent: Option<usize>,
    /// The members (indices into [`Catalog::units`]), in input order.
    pub members: Vec<usize>,
}

/// The units taking part, with everything the geometric passes need.
#[derive(Debug)]
pub(super) struct Catalog<'a> {
    /// Units taking part: the layer's, then the parent file's.
    pub units: Vec<&'a Unit>,
    /// Whether each unit came from the layer file (not the parent file).
    pub in_layer: Vec<bool>,
    /// Units left out of the coverage check (orphans, later copies of a code).
    pub excluded: Vec<bool>,
    /// Level index of each unit.
    pub level: Vec<usize>,
    /// The groups to check.
    pub groups: Vec<Group>,
    /// Violations found so far.
    pub violations: Vec<Violation>,
}

/// What level a code's unit sits at, for "is this level present at all".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum LevelKey {
    Admin(AdminLevel),
    Grid,
}

fn level_key(code: &UnitCode) -> LevelKey {
    match code {
        UnitCode::Grid(_) => LevelKey::Grid,
        UnitCode::Admin(a) => LevelKey::Admin(a.level()),
    }
}

/// A number that identifies a code (its digits as a number, with its width and kind),
/// cheap to sort and compare.
fn code_key(code: &UnitCode) -> u128 {
    match code {
        UnitCode::Grid(g) => {
            let v = g
                .as_str()
                .bytes()
                .fold(0u128, |a, d| a * 10 + u128::from(d.wrapping_sub(b'0')));
            (1 << 127) | (v << 8) | g.as_str().len() as u128
        }
        UnitCode::Admin(a) => (u128::from(a.as_u64_12()) << 8) | a.width() as u128,
    }
}

/// Whether a unit takes part: in force on `as_of`, or current (open-ended) by default.
fn takes_part(u: &Unit, opts: &CoverageOptions) -> bool {
    if !u.validity.is_valid() {
        return false;
    }
    match opts.as_of {
        Some(d) => u.validity.contains(d),
        None => u.validity.is_current(),
    }
}

/// Level index from the code alone (the leaf level for grids).
fn code_level(opts: &CoverageOptions, code: &UnitCode) -> usize {
    let levels = opts.levels.all();
    match code {
        UnitCode::Grid(_) => levels.len() - 1,
        UnitCode::Admin(a) => {
            let want = admin_unit(a.level());
            levels.iter().position(|l| l.unit == want).unwrap_or(0)
        }
    }
}

/// Whether `child`'s code extends `parent`'s; `None` when it does, else why not.
fn parent_code_problem(child: &UnitCode, parent: &UnitCode) -> Option<&'static str> {
    match (child, parent) {
        (UnitCode::Grid(g), UnitCode::Admin(a)) => {
            if a.level() != AdminLevel::Community {
                Some("a grid must belong to a village/community, not a higher division")
            } else if g.community() != *a {
                Some("the grid code does not extend the community code")
            } else {
                None
            }
        }
        (UnitCode::Grid(g), UnitCode::Grid(p)) => (g.community() != p.community())
            .then_some("the grid code is not in the same community as its parent grid"),
        (UnitCode::Admin(c), UnitCode::Admin(a)) => {
            if a.level() >= c.level() {
                Some("the parent is not a higher division")
            } else if !a.contains(c) {
                Some("the code does not extend the parent's code")
            } else {
                None
            }
        }
        (UnitCode::Admin(_), UnitCode::Grid(_)) => Some("a division cannot belong to a grid"),
    }
}

fn unit_violation(
    kind: ViolationKind,
    u: &Unit,
    codes: Vec<UnitCode>,
    message: String,
) -> Violation {
    Violation {
        kind,
        codes,
        at: shape::unit_point(u),
        area_m2: shape::unit_area_m2(u),
        message,
        more_codes: 0,
    }
}

impl<'a> Catalog<'a> {
    /// Selects the units, resolves parents and groups, and runs the per-unit checks.
    pub(super) fn build(
        layer: &'a Layer,
        parent: Option<&'a Layer>,
        opts: &CoverageOptions,
    ) -> Catalog<'a> {
        let mut violations = Vec::new();

        // 1. All units of both files; a parent-file unit identical to a layer unit is the
        //    same unit given twice and is dropped.
        let mut all: Vec<(&'a Unit, bool)> = layer.units.iter().map(|u| (u, true)).collect();
        if let Some(p) = parent {
            let mut first: FastMap<UnitCode, usize> = FastMap::default();
            for (i, u) in layer.units.iter().enumerate() {
                first.entry(u.code).or_insert(i);
            }
            for u in &p.units {
                let same = first.get(&u.code).is_some_and(|&i| layer.units[i] == *u);
                if !same {
                    all.push((u, false));
                }
            }
        }

        // 2. The same code twice with overlapping validity (over all versions), and the
        //    units taking part (a later copy of a code is left out of the checks).
        let mut by_code: Vec<(u128, usize)> = Vec::with_capacity(all.len());
        let mut part: Vec<bool> = Vec::with_capacity(all.len());
        let mut grid_parents = false;
        for (i, (u, _)) in all.iter().enumerate() {
            by_code.push((code_key(&u.code), i));
            part.push(takes_part(u, opts));
            grid_parents |= matches!(u.parent, Some(UnitCode::Grid(_)));
        }
        by_code.sort_unstable();
        let mut later_copy = vec![false; all.len()];
        let mut k = 0;
        while k < by_code.len() {
            let code = by_code[k].0;
            let mut e = k + 1;
            while e < by_code.len() && by_code[e].0 == code {
                e += 1;
            }
            if e - k == 1 {
                k = e;
                continue;
            }
            let run: Vec<usize> = by_code[k..e].iter().map(|c| c.1).collect();
            run.iter()
                .filter(|&&i| part[i])
                .skip(1)
                .for_each(|&i| later_copy[i] = true);
            let copies = (1..run.len())
                .filter(|&x| {
                    run[..x]
                        .iter()
                        .any(|&j| all[j].0.validity.overlaps(&all[run[x]].0.validity))
                })
                .count();
            if copies > 0 {
                let u = all[run[0]].0;
                violations.push(unit_violation(
                    ViolationKind::Duplicate,
                    u,
                    vec![u.code],
                    format!(
                        "code {} appears {} times with overlapping validity",
                        u.code,
                        copies + 1
                    ),
                ));
            }
            k = e;
        }

        // 3. The units taking part.
        let mut units: Vec<&Unit> = Vec::with_capacity(all.len());
        let mut in_layer: Vec<bool> = Vec::with_capacity(all.len());
        let mut excluded: Vec<bool> = Vec::with_capacity(all.len());
        for (i, (u, l)) in all.into_iter().enumerate() {
            if part[i] {
                units.push(u);
                in_layer.push(l);
                excluded.push(later_copy[i]);
            }
        }
        let n = units.len();
        // Only units that can be parents are looked up: divisions, and grids when some
        // unit names a grid as its parent.
        let mut index: FastMap<UnitCode, usize> = FastMap::default();
        for (i, u) in units.iter().enumerate() {
            if !excluded[i] && (grid_parents || !u.is_grid()) {
                index.insert(u.code, i);
            }
        }

        // 4. Levels, code layout, size rules.
        let mut level = vec![0usize; n];
        for (i, u) in units.iter().enumerate() {
            level[i] = match opts.levels.level_of(u) {
                Ok(l) => l,
                Err(e) => {
                    violations.push(unit_violation(
                        ViolationKind::CodeMismatch,
                        u,
                        vec![u.code],
                        e.to_string(),
                    ));
                    code_level(opts, &u.code)
                }
            };
            if let UnitCode::Grid(g) = u.code
                && g.layout() != opts.code_layout
            {
                violations.push(unit_violation(
                    ViolationKind::CodeMismatch,
                    u,
                    vec![u.code],
                    format!(
                        "grid code {} uses the {} layout, the policy requires {}",
                        u.code,
                        g.layout(),
                        opts.code_layout
                    ),
                ));
            }
            if let Some(s) = opts.division.check(u) {
                violations.push(unit_violation(
                    ViolationKind::SizeRule,
                    u,
                    vec![u.code],
                    s.message,
                ));
            }
        }

        // 5. Parents and groups.
        let mut present: Vec<LevelKey> = Vec::new();
        for u in &units {
            let k = level_key(&u.code);
            if !present.contains(&k) {
                present.push(k);
            }
        }
        #[derive(Hash, PartialEq, Eq, Clone, Copy)]
        enum Key {
            Parent(usize),
            Root(usize),
        }
        let mut group_of: FastMap<Key, usize> = FastMap::default();
        let mut groups: Vec<Group> = Vec::new();
        let mut has_children = vec![false; n];
        let mut last: Option<(UnitCode, Option<usize>)> = None;
        for i in 0..n {
            if excluded[i] {
                continue;
            }
            let u = units[i];
            let parent = u.effective_parent();
            // Children of one parent usually come together: remember the last lookup.
            let found = match (parent, last) {
                (Some(pc), Some((lc, j))) if lc == pc => j,
                (Some(pc), _) if present.contains(&level_key(&pc)) => {
                    let j = index.get(&pc).copied();
                    last = Some((pc, j));
                    j
                }
                _ => None,
            };
            let key = match parent {
                Some(pc) => match found {
                    Some(j) if j != i => {
                        if let Some(why) = parent_code_problem(&u.code, &pc) {
                            violations.push(unit_violation(
                                ViolationKind::CodeMismatch,
                                u,
                                vec![u.code, pc],
                                format!("{} does not belong under {pc}: {why}", u.code),
                            ));
                        } else if level[j] >= level[i] {
                            violations.push(unit_violation(
                                ViolationKind::CodeMismatch,
                                u,
                                vec![u.code, pc],
                                format!(
                                    "{} is at level {:?}, its parent {pc} is not above it",
                                    u.code,
                                    opts.levels.all()[level[i]].id
                                ),
                            ));
                        }
                        has_children[j] = true;
                        Key::Parent(j)
                    }
                    _ if present.contains(&level_key(&pc)) => {
                        violations.push(unit_violation(
                            ViolationKind::Orphan,
                            u,
                            vec![u.code, pc],
                            format!("{}: its parent {pc} is in neither file", u.code),
                        ));
                        excluded[i] = true;
                        continue;
                    }
                    _ => Key::Root(level[i]),
                },
                None => Key::Root(level[i]),
            };
            let g = *group_of.entry(key).or_insert_with(|| {
                groups.push(Group {
                    parent: match key {
                        Key::Parent(j) => Some(j),
                        Key::Root(_) => None,
                    },
                    members: Vec::new(),
                });
                groups.len() - 1
            });
            groups[g].members.push(i);
        }

        // 6. A unit with no children while a sibling (same parent code) has some: its
        //    whole area is a gap at the level below.
        let mut siblings: Vec<(Option<UnitCode>, usize, usize)> = (0..n)
            .filter(|&i| !excluded[i] && level[i] + 1 < opts.levels.all().len())
            .map(|i| (units[i].effective_parent(), level[i], i))
            .collect();
        siblings.sort_unstable();
        let mut childless: Vec<usize> = Vec::new();
        for run in siblings.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
            if run.iter().any(|&(_, _, i)| has_children[i]) {
                childless.extend(run.iter().map(|r| r.2).filter(|&i| !has_children[i]));
            }
        }
        childless.sort_unstable();
        for i in childless {
            let u = units[i];
            let below = &opts.levels.all()[level[i] + 1];
            violations.push(unit_violation(
                ViolationKind::Gap,
                u,
                vec![u.code],
                format!(
                    "{} has no {} at all while its siblings do: its whole area is uncovered",
                    u.code, below.id
                ),
            ));
        }

        Catalog {
            units,
            in_layer,
            excluded,
            level,
            groups,
            violations,
        }
    }

    /// Number of grids of the layer taking part.
    pub(super) fn grid_count(&self) -> usize {
        self.units
            .iter()
            .zip(&self.in_layer)
            .filter(|(u, l)| **l && u.is_grid())
            .count()
    }
}
