//! Coverage validation on generated counties: clean layers give nothing, every injected
//! fault is found with the right kind, codes, location and size; and a property test
//! against an exact raster reference on random rectangles.

use std::collections::HashMap;

use proptest::prelude::*;
use wangge::code::UnitCode;
use wangge::geo::measure::{distance_m, metres_per_degree, polygon_area_m2};
use wangge::geo::{MultiPolygon, Point, Polygon, Ring};
use wangge::grid::coverage::{CoverageOptions, CoverageReport, Violation, ViolationKind, validate};
use wangge::grid::sample::{Fault, FaultKind, SampleCounty, SampleOptions};
use wangge::grid::{Layer, Unit};

fn county(grids: usize, seed: u64) -> SampleCounty {
    SampleCounty::generate(&SampleOptions {
        grids,
        seed,
        ..Default::default()
    })
    .unwrap()
}

fn opts() -> CoverageOptions {
    CoverageOptions::default()
}

fn show(r: &CoverageReport) -> String {
    r.violations
        .iter()
        .map(|v| {
            format!(
                "{} {:?} {:?} {} {}",
                v.kind,
                v.codes.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
                v.at,
                v.area_m2,
                v.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Grid positions spread over the layer.
fn spread(layer: &Layer, count: usize) -> Vec<usize> {
    let grids: Vec<usize> = (0..layer.units.len())
        .filter(|&i| layer.units[i].is_grid())
        .collect();
    (0..count)
        .map(|k| grids[(k * 7919 + grids.len() / 3) % grids.len()])
        .collect()
}

fn of_kind(r: &CoverageReport, kind: ViolationKind) -> Vec<&Violation> {
    r.of_kind(kind).collect()
}

#[test]
fn clean_layers_have_no_violation() {
    for (n, seed) in [
        (1, 1),
        (2, 5),
        (7, 2),
        (60, 3),
        (301, 4),
        (1358, 1),
        (2000, 9),
    ] {
        let c = county(n, seed);
        let o = opts();
        let full = validate(&c.layer, None, &o);
        assert!(full.valid, "full {n}/{seed}:\n{}", show(&full));
        assert_eq!(full.grids, n);
        let grids = validate(&c.grid_layer(), None, &o);
        assert!(grids.valid, "grids {n}/{seed}:\n{}", show(&grids));
        let split = validate(&c.grid_layer(), Some(&c.parent_layer()), &o);
        assert!(split.valid, "split {n}/{seed}:\n{}", show(&split));
        assert_eq!(split.grids, n);
        // Giving the parents twice (in both files) changes nothing.
        let both = validate(&c.layer, Some(&c.parent_layer()), &o);
        assert!(both.valid, "both {n}/{seed}:\n{}", show(&both));
    }
}

/// The violation of `kind` naming `code`, nearest to `at`.
fn nearest(r: &CoverageReport, kind: ViolationKind, code: UnitCode, at: Point) -> &Violation {
    r.of_kind(kind)
        .filter(|v| v.codes.contains(&code))
        .min_by(|a, b| distance_m(a.point(), at).total_cmp(&distance_m(b.point(), at)))
        .unwrap_or_else(|| panic!("no {kind} naming {code} near {at:?}:\n{}", show(r)))
}

fn check_sliver(r: &CoverageReport, kind: ViolationKind, f: &Fault) {
    let v = nearest(r, kind, f.codes[0], f.at);
    let d = distance_m(v.point(), f.at);
    assert!(
        d < 5.0,
        "{kind} located {d:.2} m from the injected fault:\n{}",
        show(r)
    );
    // A 0.5 m displacement of one vertex: a tapering strip, metres to a few hundred m².
    assert!(
        v.area_m2 > 0.5 && v.area_m2 < 500.0,
        "{kind} area {}",
        v.area_m2
    );
}

#[test]
fn injected_faults_are_found() {
    // Faults injected and checked, per kind: the loop below skips grids a fault cannot be
    // injected into, so the test counts what it checked and asserts it at the end.
    let mut checked: HashMap<FaultKind, usize> = HashMap::new();
    let mut tried = 0;
    for (n, seed) in [(60, 3), (301, 4), (1358, 1)] {
        let c = county(n, seed);
        let o = opts();
        for index in spread(&c.layer, 4) {
            for kind in FaultKind::ALL {
                tried += 1;
                let mut layer = c.layer.clone();
                let before = layer.units[index].clone();
                let Ok(f) = layer.inject_fault(kind, index, 0.5) else {
                    continue; // e.g. a grid sharing no vertex
                };
                *checked.entry(kind).or_default() += 1;
                let r = validate(&layer, None, &o);
                assert!(!r.valid, "{kind:?} at {index} not found");
                match kind {
                    FaultKind::Gap => check_sliver(&r, ViolationKind::Gap, &f),
                    FaultKind::Overlap => {
                        // Pushed into the neighbour — or, on the county's edge, out of the
                        // county: then it is only outside the parent.
                        let into = r
                            .of_kind(ViolationKind::Overlap)
                            .any(|v| v.codes.contains(&f.codes[0]));
                        let kind = if into {
                            ViolationKind::Overlap
                        } else {
                            ViolationKind::OutsideParent
                        };
                        check_sliver(&r, kind, &f);
                    }
                    FaultKind::Duplicate => {
                        let v = nearest(&r, ViolationKind::Duplicate, f.codes[0], f.at);
                        assert!(v.codes.contains(&f.codes[1]));
                        let area = polygon_area_m2(&before.geometry.polygons[0]);
                        assert!((v.area_m2 - area).abs() < 1e-3 * area + 0.01);
                        assert!(before.geometry.contains(v.point()));
                        // The copy is not also reported as an overlap.
                        assert!(
                            of_kind(&r, ViolationKind::Overlap).is_empty(),
                            "{}",
                            show(&r)
                        );
                    }
                    FaultKind::Missing => {
                        let parent = before.effective_parent().unwrap();
                        let v = nearest(&r, ViolationKind::Gap, parent, f.at);
                        let area = polygon_area_m2(&before.geometry.polygons[0]);
                        assert!(
                            (v.area_m2 - area).abs() < 1e-3 * area,
                            "{} vs {area}",
                            v.area_m2
                        );
                        assert!(
                            before.geometry.contains(v.point()),
                            "gap point outside the removed grid"
                        );
                    }
                    FaultKind::SelfIntersection | FaultKind::Unclosed | FaultKind::TooFewPoints => {
                        let v = nearest(&r, ViolationKind::InvalidGeometry, f.codes[0], f.at);
                        assert_eq!(v.codes, [f.codes[0]]);
                        assert!(
                            distance_m(v.point(), f.at) < 0.01,
                            "{:?} vs {:?}",
                            v.at,
                            f.at
                        );
                    }
                }
            }
        }
    }
    assert_eq!(tried, 3 * 4 * FaultKind::ALL.len());
    for kind in FaultKind::ALL {
        // 12 grids per kind; at most a third may refuse a fault.
        let n = checked.get(&kind).copied().unwrap_or(0);
        assert!(
            n >= 8,
            "{kind:?}: only {n} of 12 faults injected and checked"
        );
    }
}

/// Many random overlapping squares (the report once grew like n³): it stays small (at
/// most `MAX_PER_KIND` per kind, `MAX_CODES` codes each, the rest counted) and still says
/// the layer is invalid.
#[test]
fn reports_of_many_overlaps_are_bounded() {
    use wangge::grid::coverage::{MAX_CODES, MAX_PER_KIND};
    let mut state = 7u64;
    let mut next = move |n: i32| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) % n as u64) as i32
    };
    let units: Vec<Unit> = (1..=90)
        .map(|k| {
            let (i, j, w) = (next(40), next(40), 10 + next(30));
            unit(&format!("{COMMUNITY}{k:03}"), rect(i, j, i + w, j + w))
        })
        .collect();
    let layer = Layer { units };
    let r = validate(&layer, None, &opts());
    assert!(!r.valid);
    let overlaps = of_kind(&r, ViolationKind::Overlap);
    assert_eq!(overlaps.len(), MAX_PER_KIND);
    assert!(r.omitted > 0, "expected more than {MAX_PER_KIND} overlaps");
    for kind in ViolationKind::ALL {
        assert!(r.of_kind(kind).count() <= MAX_PER_KIND);
    }
    for v in &r.violations {
        assert!(v.codes.len() <= MAX_CODES + 1, "{} codes", v.codes.len());
        assert!(v.message.len() < 2000, "{}", v.message.len());
    }
    assert!(
        overlaps.iter().any(|v| v.more_codes > 0),
        "no overlap of more than {MAX_CODES} squares"
    );
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.len() < 4 << 20, "{} bytes", json.len());
    // Every listed overlap has an area; which ones are kept is tested in `report.rs`.
    assert!(overlaps.iter().all(|v| v.area_m2 > 0.0));
}

/// Grids whose every vertex is shared with another grid (not on the county's edge).
fn interior_grids(layer: &Layer) -> Vec<usize> {
    let key = |p: &Point| (p.lon.to_bits(), p.lat.to_bits());
    let mut count: HashMap<(u64, u64), usize> = HashMap::new();
    for u in layer.grids() {
        for r in u.geometry.rings() {
            for p in &r.points()[1..] {
                *count.entry(key(p)).or_default() += 1;
            }
        }
    }
    (0..layer.units.len())
        .filter(|&i| {
            layer.units[i]
                .geometry
                .rings()
                .all(|r| r.points().iter().all(|p| count[&key(p)] >= 2))
        })
        .collect()
}

#[test]
fn grid_layers_without_parents_find_holes_and_overlaps() {
    for (n, seed) in [(301, 4), (1358, 2)] {
        let c = county(n, seed);
        let grids = c.grid_layer();
        let o = opts();
        let inner = interior_grids(&grids);
        assert!(!inner.is_empty());
        for &index in inner.iter().step_by(inner.len() / 3 + 1) {
            // A missing interior grid is a hole in the layer.
            let mut l = grids.clone();
            let removed = l.units[index].clone();
            l.inject_fault(FaultKind::Missing, index, 0.0).unwrap();
            let r = validate(&l, None, &o);
            let gaps = of_kind(&r, ViolationKind::Gap);
            assert_eq!(gaps.len(), 1, "{}", show(&r));
            let area = polygon_area_m2(&removed.geometry.polygons[0]);
            assert!((gaps[0].area_m2 - area).abs() < 1e-3 * area);
            assert!(removed.geometry.contains(gaps[0].point()));
            for kind in [FaultKind::Gap, FaultKind::Overlap] {
                let mut l = grids.clone();
                let f = l.inject_fault(kind, index, 0.5).unwrap();
                let r = validate(&l, None, &o);
                let want = if kind == FaultKind::Gap {
                    ViolationKind::Gap
                } else {
                    ViolationKind::Overlap
                };
                check_sliver(&r, want, &f);
                assert!(
                    nearest(&r, want, f.codes[1], f.at).codes.len() >= 2
                        || want == ViolationKind::Gap
                );
                assert_eq!(r.violations.len(), 1, "{}", show(&r));
            }
        }
    }
}

#[test]
fn tolerance_hides_slivers_and_only_slivers() {
    let c = county(301, 4);
    let index = spread(&c.layer, 1)[0];
    let mut l = c.layer.clone();
    let f = l.inject_fault(FaultKind::Gap, index, 0.5).unwrap();
    let mut o = opts();
    assert!(!validate(&l, None, &o).valid);
    // The strip's mean width is a quarter metre: a 0.3 m tolerance hides it.
    o.tolerance_m = 0.3;
    assert!(validate(&l, None, &o).valid, "{:?}", f);
    // A missing grid is never a sliver.
    let mut l = c.layer.clone();
    l.inject_fault(FaultKind::Missing, index, 0.0).unwrap();
    o.tolerance_m = 5.0;
    assert_eq!(
        of_kind(&validate(&l, None, &o), ViolationKind::Gap).len(),
        1
    );
}

fn unit(code: &str, rect: [f64; 4]) -> Unit {
    let [x0, y0, x1, y1] = rect;
    let ring = Ring::new(vec![
        Point::new(x0, y0),
        Point::new(x1, y0),
        Point::new(x1, y1),
        Point::new(x0, y1),
        Point::new(x0, y0),
    ]);
    Unit::new(
        code.parse().unwrap(),
        MultiPolygon::new(vec![Polygon::new(ring, vec![])]),
    )
}

const COMMUNITY: &str = "371323100201";

/// Lattice step in degrees for the rectangle tests.
const STEP: f64 = 1e-3;

fn rect(i0: i32, j0: i32, i1: i32, j1: i32) -> [f64; 4] {
    [
        118.5 + f64::from(i0) * STEP,
        35.8 + f64::from(j0) * STEP,
        118.5 + f64::from(i1) * STEP,
        35.8 + f64::from(j1) * STEP,
    ]
}

fn sum_area(r: &CoverageReport, kind: ViolationKind) -> f64 {
    r.of_kind(kind).map(|v| v.area_m2).sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Random axis-parallel rectangles in a 6 × 6 parent: the reported gap, overlap and
    /// outside areas equal those of an exact raster count over the lattice cells.
    #[test]
    fn areas_match_a_raster_reference(
        rects in proptest::collection::vec((-1i32..7, -1i32..7, 1i32..5, 1i32..5), 1..9),
        with_parent in any::<bool>(),
    ) {
        let mut units = Vec::new();
        let mut kept: Vec<(i32, i32, i32, i32)> = Vec::new();
        if with_parent {
            units.push(unit(COMMUNITY, rect(0, 0, 6, 6)));
        }
        for (k, &(i, j, w, h)) in rects.iter().enumerate() {
            let r = (i, j, (i + w).min(8), (j + h).min(8));
            units.push(unit(&format!("{COMMUNITY}{:03}", k + 1), rect(r.0, r.1, r.2, r.3)));
            if !kept.contains(&r) {
                kept.push(r); // exact copies are duplicates, left out of the coverage
            }
        }
        let layer = Layer { units };
        let mut o = opts();
        o.tolerance_m = 0.0;
        o.division = Default::default();
        o.division.basic_households = Default::default();
        o.division.basic_population = Default::default();
        let report = validate(&layer, None, &o);

        // Raster reference over cells [-1, 8)².
        let cells = 9usize;
        let mut count = vec![vec![0; cells]; cells];
        for &(i0, j0, i1, j1) in &kept {
            for i in i0..i1 {
                for j in j0..j1 {
                    count[(i + 1) as usize][(j + 1) as usize] += 1;
                }
            }
        }
        let cell_m2 = |j: i32| {
            let (mx, my) = metres_per_degree(35.8 + (f64::from(j) + 0.5) * STEP);
            STEP * mx * STEP * my
        };
        let inside = |i: i32, j: i32| (0..6).contains(&i) && (0..6).contains(&j);
        let (mut gap, mut overlap, mut outside) = (0.0, 0.0, 0.0);
        // Without a parent, gaps are cells with no cover not reachable from the border.
        let mut outer = vec![vec![false; cells]; cells];
        if !with_parent {
            let mut stack: Vec<(usize, usize)> = (0..cells)
                .flat_map(|k| [(k, 0), (k, cells - 1), (0, k), (cells - 1, k)])
                .filter(|&(a, b)| count[a][b] == 0)
                .collect();
            while let Some((a, b)) = stack.pop() {
                if outer[a][b] || count[a][b] != 0 {
                    continue;
                }
                outer[a][b] = true;
                for (da, db) in [(0i32, 1i32), (0, -1), (1, 0), (-1, 0)] {
                    let (na, nb) = (a as i32 + da, b as i32 + db);
                    if (0..cells as i32).contains(&na) && (0..cells as i32).contains(&nb) {
                        stack.push((na as usize, nb as usize));
                    }
                }
            }
        }
        for a in 0..cells {
            for b in 0..cells {
                let (i, j) = (a as i32 - 1, b as i32 - 1);
                let c = count[a][b];
                let m2 = cell_m2(j);
                if with_parent {
                    if inside(i, j) {
                        if c == 0 { gap += m2; }
                        if c >= 2 { overlap += m2; }
                    } else if c >= 1 {
                        outside += m2;
                    }
                } else {
                    if c == 0 && !outer[a][b] { gap += m2; }
                    if c >= 2 { overlap += m2; }
                }
            }
        }
        let close = |got: f64, want: f64| (got - want).abs() <= 2e-3 * want.max(1.0);
        prop_assert!(close(sum_area(&report, ViolationKind::Gap), gap), "gap {} vs {gap}\n{}", sum_area(&report, ViolationKind::Gap), show(&report));
        prop_assert!(close(sum_area(&report, ViolationKind::Overlap), overlap), "overlap {} vs {overlap}\n{}", sum_area(&report, ViolationKind::Overlap), show(&report));
        prop_assert!(close(sum_area(&report, ViolationKind::OutsideParent), outside), "outside {} vs {outside}\n{}", sum_area(&report, ViolationKind::OutsideParent), show(&report));
        // Every reported point lies where the report says.
        for v in &report.violations {
            let p = v.point();
            let (i, j) = (((p.lon - 118.5) / STEP).floor() as i32, ((p.lat - 35.8) / STEP).floor() as i32);
            if !(-1..8).contains(&i) || !(-1..8).contains(&j) { continue; }
            let c = count[(i + 1) as usize][(j + 1) as usize];
            match v.kind {
                ViolationKind::Gap => prop_assert_eq!(c, 0),
                ViolationKind::Overlap => prop_assert!(c >= 2),
                ViolationKind::OutsideParent => prop_assert!(c >= 1 && !inside(i, j)),
                _ => {}
            }
        }
    }
}

#[test]
fn a_crossed_ring_is_found_in_every_grid() {
    // Every grid of a county, not a sample of them: the ring checks have fast paths whose
    // misses would hide here.
    let c = county(300, 11);
    let o = opts();
    let mut tried = 0;
    for i in 0..c.layer.units.len() {
        if !c.layer.units[i].is_grid() {
            continue;
        }
        let mut l = c.layer.clone();
        let Ok(f) = l.inject_fault(FaultKind::SelfIntersection, i, 0.5) else {
            continue;
        };
        tried += 1;
        let r = validate(&l, None, &o);
        assert!(
            r.of_kind(ViolationKind::InvalidGeometry)
                .any(|v| v.codes == [f.codes[0]]),
            "crossed ring of {} not reported: {}",
            f.codes[0],
            show(&r)
        );
    }
    assert!(tried >= 290, "{tried}");
}

/// The threads that check the geometries and build the lookups change nothing in the
/// report: every fault kind, and more invalid grids than a report keeps.
#[test]
fn reports_are_the_same_on_any_number_of_threads() {
    let c = county(301, 4);
    let with = |threads: usize| CoverageOptions { threads, ..opts() };
    let mut compared = 0;
    let mut layers = Vec::new();
    for index in spread(&c.layer, 2) {
        for kind in FaultKind::ALL {
            let mut layer = c.layer.clone();
            if layer.inject_fault(kind, index, 0.5).is_ok() {
                layers.push(layer);
            }
        }
    }
    // Self-intersections in more grids than a report lists.
    let mut many = county(1358, 1).layer;
    let grids: Vec<usize> = (0..many.units.len())
        .filter(|&i| many.units[i].is_grid())
        .collect();
    let mut broken = 0;
    for &i in grids.iter().step_by(2) {
        broken += usize::from(
            many.inject_fault(FaultKind::SelfIntersection, i, 0.5)
                .is_ok(),
        );
    }
    assert!(broken > wangge::grid::coverage::MAX_PER_KIND, "{broken}");
    layers.push(many);
    for layer in &layers {
        let one = validate(layer, None, &with(1));
        assert!(!one.valid);
        for threads in [2, 3] {
            assert_eq!(
                validate(layer, None, &with(threads)),
                one,
                "threads {threads}"
            );
            compared += 1;
        }
    }
    assert!(compared >= 2 * 12, "{compared}");
}
