//! A deterministic sample county: a four-level hierarchy (county → towns → communities →
//! grids) with street-like, non-convex boundaries, households and population per grid and a
//! few dedicated grids. Used by the demo, the tests, the benchmarks and the examples.
//!
//! How it is built:
//! 1. An irregular county outline (a blob around 118.5°E 35.8°N, ≈ 50 km across) is covered
//!    by a lattice of square blocks, about 2.5 blocks per grid. Lattice vertices are jittered
//!    and every lattice edge is densified into a wiggly polyline, generated **once** so the
//!    two units sharing it carry bit-identical vertices — a valid coverage by construction.
//! 2. Blocks carry a density weight (dense near five town centres); the block set is split
//!    recursively along randomly tilted lines into towns, each town into communities and each
//!    community into grids, with weighted quantile cuts. Dense areas get small grids.
//! 3. Each unit's boundary is traced from its blocks (rings chained edge by edge), so a
//!    community's boundary is exactly the union of its grids', and so on up.
//! 4. Codes follow GB/T 2260 + the 12-digit statistical code under county `371323`; grids
//!    get 15-digit codes numbered west→east, north→south within each community
//!    ([`crate::grid::renumber()`]).
//!
//! The same seed and size always give the same layer, on every platform.
//!
//! ```
//! use wangge::grid::sample::{SampleCounty, SampleOptions};
//! let county = SampleCounty::generate(&SampleOptions { grids: 60, seed: 7, ..Default::default() })?;
//! assert_eq!(county.layer.grids().count(), 60);
//! let again = SampleCounty::generate(&SampleOptions { grids: 60, seed: 7, ..Default::default() })?;
//! assert_eq!(county.layer, again.layer);
//! # Ok::<(), wangge::grid::GridError>(())
//! ```

mod faults;
mod lattice;
mod names;
mod partition;
mod rng;
mod trace;

use serde::{Deserialize, Serialize};

use super::renumber::reading_order_of;
use super::{GridError, GridKind, Layer, SiteKind, Unit};
use crate::code::{AdminCode, GridCode, GridCodeLayout, UnitCode};
use crate::geo::{BBox, MultiPolygon, Point};

pub use faults::{Fault, FaultKind, MAX_FAULT_METRES};
use lattice::Lattice;
use rng::Rng;

/// Options of the sample generator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SampleOptions {
    /// Number of grids. Defaults to 1,358 (沂水县, seed 003). At least 1, at most 500,000.
    pub grids: usize,
    /// Seed of the pseudo-random generator. Defaults to 1.
    pub seed: u64,
    /// Number of towns; `None` picks about √grids ⁄ 2. Defaults to `None`.
    pub towns: Option<usize>,
    /// Average grids per community. Defaults to 3.2.
    pub grids_per_community: f64,
    /// Share of grids that are dedicated grids (schools, hospitals …). Defaults to 0.03.
    pub dedicated_share: f64,
}

impl Default for SampleOptions {
    fn default() -> Self {
        SampleOptions {
            grids: 1358,
            seed: 1,
            towns: None,
            grids_per_community: 3.2,
            dedicated_share: 0.03,
        }
    }
}

/// The generated county.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleCounty {
    /// Every unit: the county, its towns, communities and grids (in that order).
    pub layer: Layer,
    /// The county code (`371323`).
    pub county: AdminCode,
    /// Bounding box of the county.
    pub bbox: BBox,
    /// Centres of the dense town clusters (for point sampling).
    pub centres: Vec<Point>,
}

/// Hands out unused numbers from preferred ranges, in order.
#[derive(Debug, Default)]
struct Numbers(std::collections::HashSet<u64>);

impl Numbers {
    fn take(&mut self, ranges: &[std::ops::RangeInclusive<u64>]) -> Result<u64, GridError> {
        let n = ranges
            .iter()
            .flat_map(|r| r.clone())
            .find(|n| !self.0.contains(n))
            .ok_or_else(|| GridError::InvalidSettings("too many units for 3-digit codes".into()))?;
        self.0.insert(n);
        Ok(n)
    }
}

/// The county code used by the sample (沂水县).
pub const SAMPLE_COUNTY: &str = "371323";

/// Where the sample county lies: its centre.
pub const SAMPLE_CENTRE: Point = Point::new(118.5, 35.8);

impl SampleCounty {
    /// Generates the county.
    pub fn generate(opts: &SampleOptions) -> Result<SampleCounty, GridError> {
        if opts.grids == 0 || opts.grids > 500_000 {
            return Err(GridError::InvalidSettings(format!(
                "sample grids must be 1..=500000, got {}",
                opts.grids
            )));
        }
        if !(opts.grids_per_community.is_finite() && opts.grids_per_community >= 1.0) {
            return Err(GridError::InvalidSettings(
                "grids_per_community must be ≥ 1".into(),
            ));
        }
        if !(0.0..=1.0).contains(&opts.dedicated_share) {
            return Err(GridError::InvalidSettings(
                "dedicated_share must be within [0, 1]".into(),
            ));
        }
        let mut rng = Rng::new(opts.seed);
        let n = opts.grids;
        let towns = opts
            .towns
            .unwrap_or_else(|| ((n as f64).sqrt() / 2.0).round() as usize)
            .clamp(1, n.min(899));
        let lattice = Lattice::new(n, &mut rng);
        let plan = partition::plan(&lattice, n, towns, opts.grids_per_community, &mut rng)?;
        let county = AdminCode::parse(SAMPLE_COUNTY)
            .map_err(|e| GridError::InvalidSettings(e.to_string()))?;
        let tracer = trace::Tracer::new(&lattice);
        let mut units: Vec<Unit> = Vec::with_capacity(n + plan.towns.len() * 8);

        let mut county_unit = Unit::new(UnitCode::Admin(county), tracer.trace(&plan.all_blocks));
        county_unit.name = Some("沂水县(示例)".into());
        units.push(county_unit);

        let mut name_gen = names::Names::new(opts.seed);
        // Towns: nearest to the main centre are street offices (0xx), then towns (1xx) and a
        // few townships (2xx); numbered in reading order within each type.
        let main_centre = lattice.centres[0];
        let mut town_order: Vec<usize> = (0..plan.towns.len()).collect();
        let town_geoms: Vec<MultiPolygon> =
            plan.towns.iter().map(|t| tracer.trace(&t.blocks)).collect();
        let town_centroid: Vec<Point> = plan
            .towns
            .iter()
            .map(|t| lattice.centroid_of(t.blocks.iter().copied()))
            .collect();
        town_order.sort_by(|&a, &b| {
            let da = lattice::dist2(town_centroid[a], main_centre);
            let db = lattice::dist2(town_centroid[b], main_centre);
            da.total_cmp(&db).then(a.cmp(&b))
        });
        let streets = (plan.towns.len() / 5).clamp(1, 99);
        let townships = plan.towns.len() / 8;
        let mut town_type = vec![1u32; plan.towns.len()];
        for (rank, &t) in town_order.iter().enumerate() {
            town_type[t] = if rank < streets {
                0
            } else if rank >= plan.towns.len() - townships {
                2
            } else {
                1
            };
        }
        let mut townships = Numbers::default();
        let reading = reading_order_of(&town_geoms.iter().collect::<Vec<_>>());
        for &t in &reading {
            let kind = town_type[t] as usize;
            // Street offices 0xx, towns 1xx, townships 2xx–3xx; a large county spills
            // into the 4xx–9xx numbers rather than reuse one.
            let township = townships.take(match kind {
                0 => &[1..=99, 600..=999],
                1 => &[101..=199, 400..=599, 600..=999],
                _ => &[201..=399, 600..=999],
            })?;
            let town_code = AdminCode::parse(&format!("{SAMPLE_COUNTY}{township:03}000"))
                .map_err(|e| GridError::InvalidSettings(e.to_string()))?;
            let town = &plan.towns[t];
            let mut tu = Unit::new(UnitCode::Admin(town_code), town_geoms[t].clone());
            let town_name = name_gen.town(kind);
            tu.name = Some(town_name.clone());
            units.push(tu);

            let comm_geoms: Vec<MultiPolygon> = town
                .communities
                .iter()
                .map(|c| tracer.trace(&c.blocks))
                .collect();
            let mut villages = Numbers::default();
            for c in reading_order_of(&comm_geoms.iter().collect::<Vec<_>>()) {
                let comm = &town.communities[c];
                let urban = kind == 0 || comm.density > 2.5;
                // Urban communities 001–199, villages 201–399; more spill into 4xx–9xx.
                let village = villages.take(if urban {
                    &[1..=199, 400..=999]
                } else {
                    &[201..=399, 400..=999]
                })?;
                let comm_code =
                    AdminCode::parse(&format!("{SAMPLE_COUNTY}{township:03}{village:03}"))
                        .map_err(|e| GridError::InvalidSettings(e.to_string()))?;
                let mut cu = Unit::new(UnitCode::Admin(comm_code), comm_geoms[c].clone());
                let comm_name = name_gen.community(urban);
                cu.name = Some(format!("{town_name}{comm_name}"));
                units.push(cu);

                let grid_geoms: Vec<MultiPolygon> =
                    comm.grids.iter().map(|g| tracer.trace(g)).collect();
                let order = reading_order_of(&grid_geoms.iter().collect::<Vec<_>>());
                for (seq, gi) in order.into_iter().enumerate() {
                    let code = GridCode::new(comm_code, seq as u32 + 1, GridCodeLayout::D15)
                        .map_err(|e| GridError::InvalidSettings(e.to_string()))?;
                    let mut gu = Unit::new(UnitCode::Grid(code), grid_geoms[gi].clone());
                    gu.name = Some(format!("{comm_name}第{}网格", seq + 1));
                    let density = lattice.mean_weight(comm.grids[gi].iter().copied());
                    let dedicated = density > 3.0 && rng.unit() < opts.dedicated_share * 3.0;
                    if dedicated {
                        let site = SiteKind::ALL[rng.below(5)];
                        gu.kind = Some(GridKind::Dedicated(site));
                        gu.households = Some(rng.below(40) as u32);
                        gu.population = Some(80 + rng.below(2400) as u32);
                    } else {
                        gu.kind = Some(GridKind::Basic);
                        let h = 300 + rng.below(201) as u32;
                        let per = 2.5 + 0.6 * rng.unit();
                        gu.households = Some(h);
                        gu.population = Some((h as f64 * per).round() as u32);
                    }
                    units.push(gu);
                }
            }
        }
        let layer = Layer { units };
        let bbox = lattice.bbox();
        Ok(SampleCounty {
            layer,
            county,
            bbox,
            centres: lattice.centres.clone(),
        })
    }

    /// The grids only, as a layer.
    pub fn grid_layer(&self) -> Layer {
        Layer {
            units: self.layer.grids().cloned().collect(),
        }
    }

    /// The units above the grids (county, towns, communities), as a layer.
    pub fn parent_layer(&self) -> Layer {
        Layer {
            units: self
                .layer
                .units
                .iter()
                .filter(|u| !u.is_grid())
                .cloned()
                .collect(),
        }
    }

    /// `count` deterministic points: 70 % around the dense centres, 30 % uniform over the
    /// county's bounding box (some fall outside the county).
    ///
    /// ```
    /// use wangge::grid::sample::{SampleCounty, SampleOptions};
    /// let c = SampleCounty::generate(&SampleOptions { grids: 30, ..Default::default() })?;
    /// let pts = c.points(100, 9);
    /// assert_eq!(pts.len(), 100);
    /// assert_eq!(pts, c.points(100, 9));
    /// # Ok::<(), wangge::grid::GridError>(())
    /// ```
    pub fn points(&self, count: usize, seed: u64) -> Vec<Point> {
        let mut rng = Rng::new(seed ^ 0x9e37_79b9_7f4a_7c15);
        let b = self.bbox;
        let (mx, my) = crate::geo::measure::metres_per_degree(SAMPLE_CENTRE.lat);
        (0..count)
            .map(|_| {
                if rng.unit() < 0.7 {
                    let c = self.centres[rng.below(self.centres.len())];
                    let sigma = 2500.0;
                    let (dx, dy) = rng.normal2();
                    Point::new(
                        (c.lon + dx * sigma / mx).clamp(b.min_lon, b.max_lon),
                        (c.lat + dy * sigma / my).clamp(b.min_lat, b.max_lat),
                    )
                } else {
                    Point::new(
                        b.min_lon + rng.unit() * (b.max_lon - b.min_lon),
                        b.min_lat + rng.unit() * (b.max_lat - b.min_lat),
                    )
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::AdminLevel;
    use crate::grid::DivisionRules;
    use std::collections::{HashMap, HashSet};

    fn area(u: &Unit) -> f64 {
        u.geometry
            .polygons
            .iter()
            .map(|p| {
                p.exterior.signed_area() + p.holes.iter().map(|h| h.signed_area()).sum::<f64>()
            })
            .sum()
    }

    fn check_county(grids: usize, seed: u64) {
        let c = SampleCounty::generate(&SampleOptions {
            grids,
            seed,
            ..Default::default()
        })
        .unwrap();
        let units = &c.layer.units;
        assert_eq!(c.layer.grids().count(), grids);
        let codes: HashSet<UnitCode> = units.iter().map(|u| u.code).collect();
        assert_eq!(codes.len(), units.len(), "codes are unique");
        let rules = DivisionRules::default();
        let mut area_by_parent: HashMap<UnitCode, f64> = HashMap::new();
        for u in units {
            u.geometry
                .check()
                .unwrap_or_else(|e| panic!("{}: {e}", u.code));
            if let Some(p) = u.effective_parent()
                && u.code != UnitCode::Admin(c.county)
            {
                assert!(codes.contains(&p), "{} has no parent {p}", u.code);
                *area_by_parent.entry(p).or_default() += area(u);
            }
            if u.is_grid() {
                assert!(rules.check(u).is_none(), "{}", u.code);
            }
        }
        // Children tile their parent: areas add up (exact up to rounding).
        for u in units {
            if let Some(&sum) = area_by_parent.get(&u.code) {
                let a = area(u);
                assert!(
                    (sum - a).abs() <= 1e-9 * a.abs().max(1e-12),
                    "{}: {sum} vs {a}",
                    u.code
                );
            }
        }
        let towns = units
            .iter()
            .filter(|u| {
                u.code
                    .as_admin()
                    .is_some_and(|a| a.level() == AdminLevel::Town)
            })
            .count();
        assert!(towns >= 1);
    }

    #[test]
    fn small_and_odd_sizes() {
        for (n, seed) in [(1, 1), (2, 5), (7, 2), (60, 3), (301, 4)] {
            check_county(n, seed);
        }
    }

    #[test]
    fn codes_stay_unique_when_numbers_run_out() {
        // More than 99 towns of a type and more than 199 communities in a town.
        let mut n = Numbers::default();
        let all: Vec<u64> = (0..300)
            .map(|_| n.take(&[100..=199, 400..=599]).unwrap())
            .collect();
        let distinct: HashSet<u64> = all.iter().copied().collect();
        assert_eq!(distinct.len(), 300);
        assert!(n.take(&[100..=100]).is_err());
        let c = SampleCounty::generate(&SampleOptions {
            grids: 3000,
            towns: Some(150),
            grids_per_community: 1.0,
            ..Default::default()
        })
        .unwrap();
        let codes: HashSet<UnitCode> = c.layer.units.iter().map(|u| u.code).collect();
        assert_eq!(codes.len(), c.layer.units.len());
    }

    #[test]
    fn default_county() {
        check_county(1358, 1);
    }

    #[test]
    fn grids_are_street_like() {
        let c = SampleCounty::generate(&SampleOptions::default()).unwrap();
        let grids: Vec<&Unit> = c.layer.grids().collect();
        let points: usize = grids.iter().map(|u| u.geometry.num_points()).sum();
        let mean = points as f64 / grids.len() as f64;
        assert!(
            (20.0..80.0).contains(&mean),
            "mean vertices per grid {mean}"
        );
        let dedicated = grids
            .iter()
            .filter(|u| matches!(u.kind, Some(GridKind::Dedicated(_))))
            .count();
        assert!(dedicated > 0, "some dedicated grids");
        // Non-convex: some grid has a reflex vertex.
        let reflex = grids.iter().any(|u| {
            let p = u.geometry.polygons[0].exterior.points();
            p.windows(3)
                .any(|w| crate::geo::validity::orient(w[0], w[1], w[2]) < 0.0)
        });
        assert!(reflex);
    }

    #[test]
    fn bad_options() {
        for o in [
            SampleOptions {
                grids: 0,
                ..Default::default()
            },
            SampleOptions {
                grids_per_community: f64::NAN,
                ..Default::default()
            },
            SampleOptions {
                dedicated_share: 2.0,
                ..Default::default()
            },
        ] {
            assert!(SampleCounty::generate(&o).is_err());
        }
    }

    #[test]
    fn faults_change_the_layer() {
        let c = SampleCounty::generate(&SampleOptions {
            grids: 80,
            ..Default::default()
        })
        .unwrap();
        for kind in FaultKind::ALL {
            let mut l = c.grid_layer();
            let f = l.inject_fault(kind, 20, 0.5).unwrap();
            assert_ne!(l, c.grid_layer(), "{kind:?}");
            assert!(!f.codes.is_empty());
            if matches!(
                kind,
                FaultKind::SelfIntersection | FaultKind::Unclosed | FaultKind::TooFewPoints
            ) {
                assert!(l.units[20].geometry.check().is_err(), "{kind:?}");
            }
        }
    }
}
