use std::time::Instant;
use wangge::grid::coverage::{CoverageOptions, validate};
use wangge::grid::sample::{FaultKind, SampleCounty, SampleOptions};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().unwrap())
        .unwrap_or(1358);
    let t = Instant::now();
    let c = SampleCounty::generate(&SampleOptions {
        grids: n,
        ..Default::default()
    })
    .unwrap();
    eprintln!("generate {:?}", t.elapsed());
    let opts = CoverageOptions::default();
    let grids = c.grid_layer();
    let parents = c.parent_layer();
    for _ in 0..3 {
        let t = Instant::now();
        let r = validate(&grids, None, &opts);
        eprintln!(
            "grids only: {:?} valid={} viol={}",
            t.elapsed(),
            r.valid,
            r.violations.len()
        );
        for v in r.violations.iter().take(5) {
            eprintln!("  {:?}", v);
        }
        let t = Instant::now();
        let r = validate(&c.layer, None, &opts);
        eprintln!(
            "full: {:?} valid={} viol={}",
            t.elapsed(),
            r.valid,
            r.violations.len()
        );
        for v in r.violations.iter().take(5) {
            eprintln!("  {:?}", v);
        }
        let t = Instant::now();
        let r = validate(&grids, Some(&parents), &opts);
        eprintln!(
            "grids+parent: {:?} valid={} viol={}",
            t.elapsed(),
            r.valid,
            r.violations.len()
        );
    }
    let first = c.layer.units.iter().position(|u| u.is_grid()).unwrap();
    for kind in [
        FaultKind::Gap,
        FaultKind::Overlap,
        FaultKind::Duplicate,
        FaultKind::Missing,
        FaultKind::SelfIntersection,
        FaultKind::Unclosed,
        FaultKind::TooFewPoints,
    ] {
        let mut l = c.layer.clone();
        let f = l.inject_fault(kind, first + n / 2, 0.5).unwrap();
        let r = validate(&l, None, &opts);
        eprintln!(
            "{kind:?}: fault {:?} at {:?}",
            f.codes.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
            f.at
        );
        for v in &r.violations {
            eprintln!(
                "   {} {:?} {:?} {} :: {}",
                v.kind,
                v.codes.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
                v.at,
                v.area_m2,
                v.message
            );
        }
    }
}
