//! The index against the scanning reference, on sample counties, hand-made layers and
//! random lattice layers full of degenerate cases.
//!
//! Points checked: over 60,000 on the small sample counties and over 40,000 on the default
//! county (both asserted), about 30,000 in the lattice property test, tens of thousands in
//! the random sample-county property test and a few thousand on the hand-made layers — vertices, points level with and plumb below vertices, edge
//! midpoints, the sides and corners of the index's own cells, outside points and random
//! points, each compared answer for answer and holder set for holder set.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::reference::{Scan, contains};
use super::*;
use crate::code::{AdminCode, GridCodeLayout};
use crate::geo::{MultiPolygon, Polygon, Ring};
use crate::grid::sample::{SampleCounty, SampleOptions};
use crate::grid::{Unit, Validity};

/// A small deterministic generator (SplitMix64).
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn pt(x: f64, y: f64) -> Point {
    Point::new(x, y)
}

fn ring(c: &[(f64, f64)]) -> Ring {
    let mut v: Vec<Point> = c.iter().map(|&(x, y)| pt(x, y)).collect();
    v.push(v[0]);
    Ring::new(v)
}

fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Ring {
    ring(&[(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
}

fn community() -> AdminCode {
    "371323100201".parse().unwrap()
}

fn grid_code(seq: u32) -> UnitCode {
    UnitCode::Grid(GridCode::new(community(), seq, GridCodeLayout::D15).unwrap())
}

fn unit(code: UnitCode, polys: Vec<Polygon>) -> Unit {
    let mut m = MultiPolygon::new(polys);
    m.normalize_winding();
    Unit::new(code, m)
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Interesting query points: vertices, points level with or plumb below vertices,
/// midpoints, cell sides and corners of the index, outside points and random points.
fn probe_points(layer: &Layer, index: &GridIndex, extra: usize, seed: u64) -> Vec<Point> {
    let mut rng = Mix(seed);
    let mut verts: Vec<Point> = layer
        .units
        .iter()
        .flat_map(|u| u.geometry.rings().flat_map(|r| r.points().to_vec()))
        .collect();
    verts.sort_by(|a, b| a.lon.total_cmp(&b.lon).then(a.lat.total_cmp(&b.lat)));
    verts.dedup();
    let mut out = verts.clone();
    let bbox = BBoxOf::new(&verts);
    for u in &layer.units {
        for r in u.geometry.rings() {
            for w in r.points().windows(2) {
                out.push(pt((w[0].lon + w[1].lon) / 2.0, (w[0].lat + w[1].lat) / 2.0));
            }
        }
    }
    // Level with and plumb below vertices.
    for _ in 0..verts.len().min(4000) {
        let a = verts[rng.below(verts.len())];
        let b = verts[rng.below(verts.len())];
        out.push(pt(a.lon, b.lat));
        out.push(pt(a.lon, bbox.y(rng.unit())));
        out.push(pt(bbox.x(rng.unit()), a.lat));
    }
    // Cell sides and corners of every table of both families.
    let mut tables = index.grids.index.tables();
    if let Some(f) = &index.fallback {
        tables.extend(f.index.tables());
    }
    for t in tables.iter().take(400) {
        for i in 0..=t.cols {
            for j in 0..=t.rows {
                if rng.below(4) == 0 || t.cols * t.rows <= 64 {
                    out.push(pt(t.xs(i), t.ys(j)));
                }
            }
            out.push(pt(t.xs(i), bbox.y(rng.unit())));
            let v = verts[rng.below(verts.len())];
            out.push(pt(t.xs(i), v.lat));
        }
        for j in 0..=t.rows {
            out.push(pt(bbox.x(rng.unit()), t.ys(j)));
            let v = verts[rng.below(verts.len())];
            out.push(pt(v.lon, t.ys(j)));
        }
    }
    // Outside and on the box.
    out.extend([
        pt(bbox.x0, bbox.y0),
        pt(bbox.x1, bbox.y1),
        pt(bbox.x0 - 1.0, bbox.y(0.5)),
        pt(bbox.x1 + 1.0, bbox.y(0.5)),
        pt(bbox.x(0.5), bbox.y0 - 1.0),
        pt(bbox.x(0.5), bbox.y1 + 1.0),
        pt(f64::NAN, 1.0),
    ]);
    for _ in 0..extra {
        out.push(pt(
            bbox.x(rng.unit() * 1.2 - 0.1),
            bbox.y(rng.unit() * 1.2 - 0.1),
        ));
    }
    out
}

struct BBoxOf {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl BBoxOf {
    fn new(v: &[Point]) -> BBoxOf {
        let mut b = BBoxOf {
            x0: f64::INFINITY,
            y0: f64::INFINITY,
            x1: f64::NEG_INFINITY,
            y1: f64::NEG_INFINITY,
        };
        for p in v {
            b.x0 = b.x0.min(p.lon);
            b.y0 = b.y0.min(p.lat);
            b.x1 = b.x1.max(p.lon);
            b.y1 = b.y1.max(p.lat);
        }
        b
    }
    fn x(&self, t: f64) -> f64 {
        self.x0 + t * (self.x1 - self.x0)
    }
    fn y(&self, t: f64) -> f64 {
        self.y0 + t * (self.y1 - self.y0)
    }
}

/// Checks every point against the scan: the answer, the full set of grids holding the
/// point, single against batch (both batch paths), for current versions and each date.
fn check(layer: &Layer, index: &GridIndex, points: &[Point], dates: &[Option<NaiveDate>]) {
    let scan = Scan::new(layer);
    let mut odd = Odd::default();
    for &d in dates {
        let when = d.map_or(When::Current, When::AsOf);
        let single: Vec<Hit> = points
            .iter()
            .map(|&p| index.find_when(p, when, &mut odd))
            .collect();
        assert_eq!(
            single,
            index.batch_with(points, when, true),
            "grouped batch"
        );
        assert_eq!(single, index.batch_with(points, when, false), "plain batch");
        for (&p, &hit) in points.iter().zip(&single) {
            let want = scan.locate(p, d);
            assert_eq!(index.location(hit), want, "point {p:?} on {d:?}");
            // The full set of grids holding the point, whatever the date.
            index.grids.index.odd_regions(p, &mut odd);
            let mut got: Vec<UnitCode> = odd
                .as_slice()
                .iter()
                .map(|&r| index.grids.units[r as usize])
                .filter(|u| d.map_or(u.validity.is_current(), |d| u.validity.contains(d)))
                .map(|u| u.code)
                .collect();
            got.sort();
            assert_eq!(got, scan.holders(p, d, true), "holders of {p:?} on {d:?}");
        }
    }
}

fn tight() -> Params {
    Params {
        root_edges: 40.0,
        small_root_edges: 40.0,
        small_root_cells: 0,
        leaf_max: 2,
        max_depth: 5,
        max_root_cells: 64,
        compact: true,
        threads: 1,
    }
}

fn general() -> Params {
    Params {
        compact: false,
        ..Params::default()
    }
}

#[test]
fn sample_counties_agree_with_the_scan() {
    let mut total = 0;
    for (grids, seed, extra) in [(1, 2, 2000), (7, 3, 4000), (60, 4, 8000), (301, 5, 10_000)] {
        let c = SampleCounty::generate(&SampleOptions {
            grids,
            seed,
            ..Default::default()
        })
        .unwrap();
        for params in [Params::default(), tight(), general()] {
            let index = GridIndex::build_with(&c.layer, &params).unwrap();
            let mut points = probe_points(&c.layer, &index, extra, seed);
            points.extend(c.points(extra, seed + 1));
            check(&c.layer, &index, &points, &[None]);
            total += points.len();
            // Grids only: no fallback, points outside grids are outside.
            let grids = c.grid_layer();
            let index = GridIndex::build_with(&grids, &params).unwrap();
            check(&grids, &index, &points[..points.len() / 3], &[None]);
            total += points.len() / 3;
        }
    }
    assert!(total > 60_000, "{total}");
}

#[test]
fn default_county_agrees_with_the_scan_and_partitions() {
    let c = SampleCounty::generate(&SampleOptions::default()).unwrap();
    let index = GridIndex::build(&c.layer).unwrap();
    let probes = probe_points(&c.layer, &index, 10_000, 11);
    // Every third probe (vertices, level points, cell sides …) keeps the scan affordable.
    let mut points: Vec<Point> = probes.into_iter().step_by(3).collect();
    points.extend(c.points(20_000, 12));
    check(&c.layer, &index, &points, &[None]);
    // The grids tile the county: a point the county holds is in exactly one grid.
    let scan = Scan::new(&c.layer);
    let county = &c.layer.units[0].geometry;
    for &p in points.iter().step_by(3) {
        let n = scan.holders(p, None, true).len();
        assert_eq!(n, usize::from(contains(county, p)), "{p:?}");
    }
    assert!(points.len() > 40_000, "{}", points.len());
}

#[test]
fn quantized_leaves_agree_with_their_exact_edges() {
    // Every quantized leaf answers twice here, with its cell-local integer edges and with
    // the exact edges; `path` asserts the two agree. Probe points sit on vertices, edges and
    // cell sides, where the integer filter has to defer.
    let c = SampleCounty::generate(&SampleOptions {
        grids: 400,
        seed: 9,
        ..Default::default()
    })
    .unwrap();
    let layer = c.grid_layer();
    let index = GridIndex::build(&layer).unwrap();
    let mut points = probe_points(&layer, &index, 20_000, 9);
    points.extend(c.points(50_000, 10));
    let (mut qleaf, mut deferred) = (0, 0);
    for &p in &points {
        if let Some((tag, uncertain)) = index.grids.index.path(p)
            && tag == region::TAG_QLEAF
        {
            qleaf += 1;
            deferred += usize::from(uncertain);
        }
    }
    assert!(
        qleaf > 1_000,
        "{qleaf} of {} in quantized leaves",
        points.len()
    );
    assert!(deferred > 0, "the probes never reached the exact fallback");
}

/// A hand-made layer: a community with five grids — one with a hole holding an island
/// grid, one in two parts — and a gap falling back to the community.
fn holes_layer() -> Layer {
    let comm = UnitCode::Admin(community());
    let town = UnitCode::Admin("371323100000".parse().unwrap());
    let county = UnitCode::Admin("371323".parse().unwrap());
    let g = grid_code;
    Layer {
        units: vec![
            unit(
                county,
                vec![Polygon::new(rect(0.0, 0.0, 10.0, 10.0), vec![])],
            ),
            unit(town, vec![Polygon::new(rect(0.0, 0.0, 8.0, 8.0), vec![])]),
            unit(comm, vec![Polygon::new(rect(0.0, 0.0, 8.0, 6.0), vec![])]),
            // Grid 1 with a square hole [1,3]², holding grid 2 (the island).
            unit(
                g(1),
                vec![Polygon::new(
                    rect(0.0, 0.0, 4.0, 4.0),
                    vec![rect(1.0, 1.0, 3.0, 3.0)],
                )],
            ),
            unit(g(2), vec![Polygon::new(rect(1.0, 1.0, 3.0, 3.0), vec![])]),
            // Grid 3: two parts, touching grid 1 along x = 4 and meeting at a vertex.
            unit(
                g(3),
                vec![
                    Polygon::new(rect(4.0, 0.0, 6.0, 2.0), vec![]),
                    Polygon::new(rect(6.0, 2.0, 8.0, 4.0), vec![]),
                ],
            ),
            // Grid 4: a triangle fan around (4, 2) with grid 5.
            unit(
                g(4),
                vec![Polygon::new(
                    ring(&[(4.0, 2.0), (6.0, 2.0), (4.0, 4.0)]),
                    vec![],
                )],
            ),
            unit(
                g(5),
                vec![Polygon::new(
                    ring(&[(6.0, 2.0), (6.0, 4.0), (4.0, 4.0)]),
                    vec![],
                )],
            ),
            // [6,8]×[0,2] and [0,8]×[4,6] are gaps: fallback to the community, then town.
        ],
    }
}

#[test]
fn holes_multipolygons_and_fallback() {
    let l = holes_layer();
    for params in [Params::default(), tight(), general()] {
        let index = GridIndex::build_with(&l, &params).unwrap();
        let mut points = probe_points(&l, &index, 3000, 7);
        for i in 0..=40 {
            for j in 0..=40 {
                points.push(pt(f64::from(i) * 0.25 - 0.5, f64::from(j) * 0.25 - 0.5));
            }
        }
        check(&l, &index, &points, &[None]);
        let code = |p: Point| index.locate(p).unit().map(|c| c.to_string());
        assert_eq!(code(pt(0.5, 0.5)).unwrap(), "371323100201001");
        assert_eq!(code(pt(2.0, 2.0)).unwrap(), "371323100201002"); // island
        assert_eq!(code(pt(1.0, 2.0)).unwrap(), "371323100201002"); // west side of the hole
        assert_eq!(code(pt(3.0, 2.0)).unwrap(), "371323100201001"); // east side of the hole
        assert_eq!(code(pt(7.0, 3.0)).unwrap(), "371323100201003"); // second part
        assert_eq!(code(pt(4.0, 1.0)).unwrap(), "371323100201003"); // shared edge: east wins
        // (4, 2): grids 1 (west), 3 (south-east), 4 (north-east) meet; just north of due
        // east lies grid 4.
        assert_eq!(code(pt(4.0, 2.0)).unwrap(), "371323100201004");
        // (6, 2): grids 3 (both parts), 4 and 5 meet; north of due east is part two of 3.
        assert_eq!(code(pt(6.0, 2.0)).unwrap(), "371323100201003");
        let gap = index.locate(pt(7.0, 1.0));
        assert!(gap.is_fallback());
        assert_eq!(gap.fallback.unwrap().to_string(), "371323100201");
        assert_eq!(gap.ancestors.len(), 2);
        let town = index.locate(pt(1.0, 7.0));
        assert_eq!(town.fallback.unwrap().to_string(), "371323100000");
        let county = index.locate(pt(9.0, 9.0));
        assert_eq!(county.fallback.unwrap().to_string(), "371323");
        assert!(county.ancestors.is_empty());
        // West and south outer boundaries are outside, east and north … too (nothing
        // lies east of x = 10).
        assert!(index.locate(pt(10.0, 5.0)).is_outside());
        assert_eq!(code(pt(0.0, 5.0)).unwrap(), "371323100201"); // west edge of the community
        assert!(index.locate(pt(11.0, 5.0)).is_outside());
    }
}

#[test]
fn versions_answer_by_date() {
    // Grid 1 covers [0,2]×[0,2] until 2025-01-01, then [0,1]×[0,2]; grid 2 appears then
    // for [1,2]×[0,2]; grid 3 ([2,3]×[0,2]) ends on 2025-06-01 without successor.
    let v = |from: Option<&str>, to: Option<&str>| Validity {
        from: from.map(date),
        to: to.map(date),
    };
    let mut g1a = unit(
        grid_code(1),
        vec![Polygon::new(rect(0.0, 0.0, 2.0, 2.0), vec![])],
    );
    g1a.validity = v(None, Some("2025-01-01"));
    let mut g1b = unit(
        grid_code(1),
        vec![Polygon::new(rect(0.0, 0.0, 1.0, 2.0), vec![])],
    );
    g1b.validity = v(Some("2025-01-01"), None);
    let mut g2 = unit(
        grid_code(2),
        vec![Polygon::new(rect(1.0, 0.0, 2.0, 2.0), vec![])],
    );
    g2.validity = v(Some("2025-01-01"), None);
    let mut g3 = unit(
        grid_code(3),
        vec![Polygon::new(rect(2.0, 0.0, 3.0, 2.0), vec![])],
    );
    g3.validity = v(None, Some("2025-06-01"));
    let comm = unit(
        UnitCode::Admin(community()),
        vec![Polygon::new(rect(0.0, 0.0, 3.0, 2.0), vec![])],
    );
    let l = Layer {
        units: vec![g1a, g1b, g2, g3, comm],
    };
    let dates = [
        None,
        Some(date("2020-01-01")),
        Some(date("2024-12-31")),
        Some(date("2025-01-01")),
        Some(date("2025-05-31")),
        Some(date("2025-06-01")),
    ];
    for params in [Params::default(), tight(), general()] {
        let index = GridIndex::build_with(&l, &params).unwrap();
        assert_eq!(index.grid_count(), 4);
        let mut points = probe_points(&l, &index, 2000, 3);
        for i in 0..=14 {
            for j in 0..=10 {
                points.push(pt(f64::from(i) * 0.25 - 0.25, f64::from(j) * 0.25 - 0.25));
            }
        }
        check(&l, &index, &points, &dates);
        let at = |d: Option<&str>, x: f64| {
            let p = pt(x, 1.0);
            match d {
                None => index.locate(p),
                Some(d) => index.locate_as_of(p, date(d)),
            }
            .unit()
            .map(|c| c.to_string())
            .unwrap_or_default()
        };
        assert_eq!(at(Some("2024-06-01"), 1.5), "371323100201001");
        assert_eq!(at(Some("2025-02-01"), 1.5), "371323100201002");
        assert_eq!(at(None, 1.5), "371323100201002");
        assert_eq!(at(Some("2025-02-01"), 2.5), "371323100201003");
        assert_eq!(at(None, 2.5), "371323100201"); // grid 3 ended: fallback
    }
}

#[test]
fn overlaps_go_to_the_smallest_code_and_parent_grids_fall_back() {
    // Grid 2 overlaps grid 1 (an invalid layer); grid 9 is the parent of grids 3 and 4.
    let mut g3 = unit(
        grid_code(3),
        vec![Polygon::new(rect(10.0, 0.0, 11.0, 1.0), vec![])],
    );
    g3.parent = Some(grid_code(9));
    let mut g4 = unit(
        grid_code(4),
        vec![Polygon::new(rect(11.0, 0.0, 12.0, 1.0), vec![])],
    );
    g4.parent = Some(grid_code(9));
    let l = Layer {
        units: vec![
            unit(
                grid_code(2),
                vec![Polygon::new(rect(1.0, 0.0, 3.0, 2.0), vec![])],
            ),
            unit(
                grid_code(1),
                vec![Polygon::new(rect(0.0, 0.0, 2.0, 2.0), vec![])],
            ),
            unit(
                grid_code(9),
                vec![Polygon::new(rect(10.0, 0.0, 13.0, 1.0), vec![])],
            ),
            g3,
            g4,
        ],
    };
    let index = GridIndex::build(&l).unwrap();
    assert_eq!(index.grid_count(), 4);
    assert_eq!(index.fallback_count(), 1);
    let points = probe_points(&l, &index, 3000, 9);
    check(&l, &index, &points, &[None]);
    assert_eq!(index.locate(pt(1.5, 1.0)).grid, grid_code(1).as_grid());
    assert_eq!(index.locate(pt(2.5, 1.0)).grid, grid_code(2).as_grid());
    let micro = index.locate(pt(10.5, 0.5));
    assert_eq!(micro.grid, grid_code(3).as_grid());
    assert_eq!(micro.ancestors[0], grid_code(9));
    assert_eq!(micro.ancestors.len(), 4);
    let gap = index.locate(pt(12.5, 0.5));
    assert_eq!(gap.fallback, Some(grid_code(9)));
}

#[test]
fn build_errors_name_the_unit() {
    use crate::ErrorCode;
    let empty = Layer::default();
    assert_eq!(
        GridIndex::build(&empty).unwrap_err().code(),
        ErrorCode::EmptyLayer
    );
    let only_admin = Layer {
        units: vec![unit(
            UnitCode::Admin(community()),
            vec![Polygon::new(rect(0.0, 0.0, 1.0, 1.0), vec![])],
        )],
    };
    assert_eq!(
        GridIndex::build(&only_admin).unwrap_err().code(),
        ErrorCode::EmptyLayer
    );
    let bowtie = Layer {
        units: vec![unit(
            grid_code(7),
            vec![Polygon::new(
                ring(&[(0.0, 0.0), (1.0, 1.0), (1.0, 0.0), (0.0, 1.0)]),
                vec![],
            )],
        )],
    };
    let e = GridIndex::build(&bowtie).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidGeometry);
    assert!(e.to_string().contains("371323100201007"), "{e}");
    let nan = Layer {
        units: vec![unit(
            grid_code(8),
            vec![Polygon::new(
                ring(&[(0.0, 0.0), (f64::NAN, 0.0), (1.0, 1.0)]),
                vec![],
            )],
        )],
    };
    let e = GridIndex::build(&nan).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidGeometry);
    assert!(e.to_string().contains("371323100201008"), "{e}");
    let mut a = unit(
        grid_code(1),
        vec![Polygon::new(rect(0.0, 0.0, 1.0, 1.0), vec![])],
    );
    a.validity.to = Some(date("2025-01-01"));
    let mut b = a.clone();
    b.validity = Validity {
        from: Some(date("2024-12-31")),
        to: None,
    };
    let dup = Layer {
        units: vec![a.clone(), b],
    };
    assert_eq!(
        GridIndex::build(&dup).unwrap_err().code(),
        ErrorCode::DuplicateUnit
    );
    a.validity.from = Some(date("2025-01-01"));
    let inverted = Layer { units: vec![a] };
    assert_eq!(
        GridIndex::build(&inverted).unwrap_err().code(),
        ErrorCode::InvalidValidity
    );
}

/// A random layer on a lattice: each unit square (or each of its two triangles) goes to
/// one of a few grids, or to none, or to two (an overlap). Coordinates are a scaled
/// lattice, so vertices, edges, cell sides and query points coincide all the time.
fn lattice_layer(n: usize, labels: &[(u8, u8, bool)], scale: f64) -> Layer {
    let mut parts: Vec<Vec<Polygon>> = vec![Vec::new(); 6];
    let at = |i: usize, j: usize| (118.0 + i as f64 * scale, 35.0 + j as f64 * scale);
    for (k, &(a, b, diag)) in labels.iter().enumerate().take(n * n) {
        let (i, j) = (k % n, k / n);
        let (p00, p10, p11, p01) = (at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1));
        let tris = if diag {
            [vec![p00, p10, p11], vec![p00, p11, p01]]
        } else {
            [vec![p00, p10, p01], vec![p10, p11, p01]]
        };
        for (t, label) in tris.into_iter().zip([a, b]) {
            let label = usize::from(label);
            if label < 6 {
                parts[label].push(Polygon::new(ring(&t), vec![]));
            } else if label < 8 {
                // Overlap: the triangle in two grids.
                parts[label - 6].push(Polygon::new(ring(&t), vec![]));
                parts[label - 4].push(Polygon::new(ring(&t), vec![]));
            }
        }
    }
    let mut units: Vec<Unit> = parts
        .into_iter()
        .enumerate()
        .filter(|(_, p)| !p.is_empty())
        .map(|(g, p)| unit(grid_code(g as u32 + 1), p))
        .collect();
    let (x1, y1) = at(n, n);
    units.push(unit(
        UnitCode::Admin(community()),
        vec![Polygon::new(rect(118.0, 35.0, x1, y1), vec![])],
    ));
    Layer { units }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn lattice_layers_agree_with_the_scan(
        n in 1usize..6,
        labels in proptest::collection::vec((0u8..10, 0u8..10, any::<bool>()), 25),
        scale in prop::sample::select(vec![1.0, 0.1, 0.001_7, 1e-5]),
        root_edges in 0.3f64..30.0,
        leaf_max in 1usize..8,
        max_depth in 0u32..5,
    ) {
        let layer = lattice_layer(n, &labels, scale);
        prop_assume!(layer.grids().next().is_some());
        let params = Params {
            root_edges,
            small_root_edges: root_edges / 4.0,
            small_root_cells: if max_depth % 2 == 0 { 0 } else { 128 },
            leaf_max,
            max_depth,
            max_root_cells: 256,
            compact: leaf_max % 2 == 0,
            threads: 1 + max_depth as usize % 3,
        };
        let index = GridIndex::build_with(&layer, &params).unwrap();
        let mut points = probe_points(&layer, &index, 200, n as u64);
        for i in 0..=2 * n {
            for j in 0..=2 * n {
                points.push(pt(118.0 + i as f64 * scale / 2.0, 35.0 + j as f64 * scale / 2.0));
            }
        }
        check(&layer, &index, &points, &[None]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// Sample counties of random size and seed: vertices, level and plumb points, cell
    /// sides, midpoints and random points (well over 10,000 a case).
    #[test]
    fn random_sample_counties_agree_with_the_scan(grids in 2usize..400, seed in any::<u64>()) {
        let c = SampleCounty::generate(&SampleOptions { grids, seed, ..Default::default() }).unwrap();
        let index = GridIndex::build(&c.layer).unwrap();
        let mut points = probe_points(&c.layer, &index, 2000, seed);
        points.extend(c.points(4000, seed));
        prop_assert!(points.len() > 6000);
        check(&c.layer, &index, &points, &[None]);
    }
}

/// The one-table view the bindings use: every hit's position names the same unit as
/// [`GridIndex::code`], grids first, and outside points have no position.
#[test]
fn unit_table_positions_name_the_hit_units() {
    let county = SampleCounty::generate(&SampleOptions {
        grids: 60,
        ..Default::default()
    })
    .unwrap();
    // Every fifth grid dropped: its ground falls back to its community.
    let mut layer = county.layer.clone();
    let mut n = 0;
    layer.units.retain(|u| {
        n += 1;
        !matches!(u.code, UnitCode::Grid(_)) || n % 5 != 0
    });
    let index = GridIndex::build(&layer).unwrap();
    let table = index.unit_codes();
    assert_eq!(table.len(), index.grid_count() + index.fallback_count());
    let mut seen = [0usize; 3];
    let mut pts = county.points(5_000, 9);
    pts.push(pt(10.0, 10.0));
    for (p, hit) in pts.iter().zip(index.find_batch(&pts)) {
        let at = index.unit_position(hit);
        assert_eq!(at.map(|r| table[r as usize]), index.code(hit), "{p:?}");
        match hit {
            Hit::Grid(_) => {
                assert!((at.unwrap() as usize) < index.grid_count());
                seen[0] += 1;
            }
            Hit::Fallback(_) => {
                assert!((at.unwrap() as usize) >= index.grid_count());
                seen[1] += 1;
            }
            Hit::Outside => seen[2] += 1,
        }
    }
    assert!(
        seen.iter().all(|&n| n > 0),
        "grids, fallback, outside: {seen:?}"
    );
}

/// Whether the displaced point `p*` lies in the box `[x0, x1) × [y0, y1)`: the boundary
/// rule written out for an axis-aligned box, sharing no code with the index.
fn in_box(p: Point, (x0, y0, x1, y1): (f64, f64, f64, f64)) -> bool {
    x0 <= p.lon && p.lon < x1 && y0 <= p.lat && p.lat < y1
}

/// A boundary edge of a box (the world's) the random boxes may take.
fn world_edge(u: f64, lo: f64, hi: f64) -> f64 {
    if u < 0.1 {
        lo
    } else if u > 0.9 {
        hi
    } else {
        lo + (u - 0.1) / 0.8 * (hi - lo)
    }
}

/// One box from (−100, −80) to (180, 80): it validates, and every point inside it is
/// located in its grid (the index once lost points on extents this large).
#[test]
fn a_box_spanning_most_of_the_world_holds_its_points() {
    let b = (-100.0, -80.0, 180.0, 80.0);
    let layer = Layer {
        units: vec![unit(
            grid_code(1),
            vec![Polygon::new(rect(b.0, b.1, b.2, b.3), vec![])],
        )],
    };
    assert!(crate::grid::coverage::validate(&layer, None, &Default::default()).valid);
    let index = GridIndex::build(&layer).unwrap();
    assert_eq!(
        index.locate(pt(118.5, 35.8)).grid,
        Some(grid_code(1).as_grid().unwrap())
    );
    for p in [
        pt(-100.0, -80.0),
        pt(179.999, 79.999),
        pt(0.0, 0.0),
        pt(-0.0, 1e-300),
    ] {
        assert!(in_box(p, b));
        assert!(index.locate(p).grid.is_some(), "{p:?}");
    }
    for p in [
        pt(180.0, 0.0),
        pt(0.0, 80.0),
        pt(-100.000_001, 0.0),
        pt(0.0, -80.5),
    ] {
        assert!(!in_box(p, b));
        assert_eq!(index.locate(p), Location::default(), "{p:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Random boxes up to the whole world (edges often on the world's own bounds, across
    /// both zero meridians): the index answers a direct point-in-box check for random
    /// points anywhere, the box's corners and sides, and points just beside them.
    #[test]
    fn index_is_correct_for_random_boxes_up_to_the_whole_world(
        xs in (0.0f64..1.0, 0.0f64..1.0),
        ys in (0.0f64..1.0, 0.0f64..1.0),
        seed in any::<u64>(),
    ) {
        let (mut x0, mut x1) = (world_edge(xs.0, -180.0, 180.0), world_edge(xs.1, -180.0, 180.0));
        let (mut y0, mut y1) = (world_edge(ys.0, -90.0, 90.0), world_edge(ys.1, -90.0, 90.0));
        if x0 > x1 { std::mem::swap(&mut x0, &mut x1); }
        if y0 > y1 { std::mem::swap(&mut y0, &mut y1); }
        prop_assume!(x1 - x0 > 1e-6 && y1 - y0 > 1e-6);
        let b = (x0, y0, x1, y1);
        let layer = Layer {
            units: vec![unit(grid_code(1), vec![Polygon::new(rect(x0, y0, x1, y1), vec![])])],
        };
        let index = GridIndex::build(&layer).unwrap();
        let mut rng = Mix(seed);
        let mut points = Vec::new();
        for _ in 0..400 {
            points.push(pt(rng.unit() * 360.0 - 180.0, rng.unit() * 180.0 - 90.0));
            points.push(pt(x0 + rng.unit() * (x1 - x0), y0 + rng.unit() * (y1 - y0)));
        }
        for x in [x0, x1, x0.next_down(), x0.next_up(), x1.next_down(), x1.next_up(), (x0 + x1) / 2.0] {
            for y in [y0, y1, y0.next_down(), y0.next_up(), y1.next_down(), y1.next_up(), (y0 + y1) / 2.0] {
                points.push(pt(x, y));
            }
        }
        let mut inside = 0;
        for p in points.into_iter().filter(|p| p.validate().is_ok()) {
            let expected = in_box(p, b);
            inside += usize::from(expected);
            prop_assert_eq!(index.locate(p).grid.is_some(), expected, "{:?} in {:?}", p, b);
        }
        prop_assert!(inside >= 400);
    }
}

/// Validation and location share one notion of a valid layer: a polygon whose hole is
/// larger than its shell, crosses it, or lies outside it is `invalid_geometry` to both,
/// and a hole inside its shell (even touching it) is fine for both.
#[test]
fn validation_and_location_agree_on_holes() {
    let cases: [(Vec<Ring>, bool); 6] = [
        (vec![rect(0.2, 0.2, 0.6, 0.6)], true),
        (vec![rect(0.0, 0.0, 0.5, 0.5)], true),
        (vec![rect(-1.0, -1.0, 2.0, 2.0)], false),
        (vec![rect(0.0, 0.0, 2.0, 2.0)], false),
        (vec![rect(0.5, 0.5, 3.0, 3.0)], false),
        (vec![rect(5.0, 5.0, 6.0, 6.0)], false),
    ];
    for (holes, ok) in cases {
        let layer = Layer {
            units: vec![unit(
                grid_code(1),
                vec![Polygon::new(rect(0.0, 0.0, 1.0, 1.0), holes.clone())],
            )],
        };
        let report = crate::grid::coverage::validate(&layer, None, &Default::default());
        let invalid = report
            .of_kind(crate::grid::coverage::ViolationKind::InvalidGeometry)
            .count();
        let built = GridIndex::build(&layer);
        assert_eq!(invalid == 0, ok, "{holes:?}: {report:?}");
        assert_eq!(built.is_ok(), ok, "{holes:?}");
    }
}

#[test]
fn the_index_is_the_same_word_for_word_on_any_number_of_threads() {
    let c = SampleCounty::generate(&SampleOptions {
        grids: 300,
        seed: 5,
        ..Default::default()
    })
    .unwrap();
    let one = GridIndex::build(&c.layer).unwrap();
    // Enough root rows to be cut into several runs, so that the runs are joined.
    assert!(
        one.grids.index.lattice.rows > 64,
        "{}",
        one.grids.index.lattice.rows
    );
    let mut tried = 0;
    for threads in [0, 2, 3, 7] {
        let many = GridIndex::build_parallel(&c.layer, threads).unwrap();
        assert!(many.grids.index == one.grids.index, "threads {threads}");
        assert!(
            many.fallback.as_ref().map(|f| &f.index) == one.fallback.as_ref().map(|f| &f.index),
            "threads {threads}"
        );
        tried += 1;
    }
    assert_eq!(tried, 4);
}

#[test]
fn a_parallel_build_reports_the_first_invalid_unit_in_layer_order() {
    let c = SampleCounty::generate(&SampleOptions {
        grids: 200,
        seed: 2,
        ..Default::default()
    })
    .unwrap();
    let mut layer = c.layer.clone();
    let n = layer.units.len();
    // Three broken units far apart (NaN in the first vertex): the first one is named.
    let broken = [n / 5, n / 2, n - 1];
    for &i in &broken {
        let ring = &mut layer.units[i].geometry.polygons[0].exterior;
        let mut pts = ring.points().to_vec();
        pts[1].lon = f64::NAN;
        *ring = crate::geo::Ring::new(pts);
    }
    let first = GridIndex::build(&layer).unwrap_err().to_string();
    assert!(
        first.contains(&layer.units[broken[0]].code.to_string()),
        "{first}"
    );
    for threads in [2, 5] {
        let many = GridIndex::build_parallel(&layer, threads)
            .unwrap_err()
            .to_string();
        assert_eq!(many, first, "threads {threads}");
    }
}
