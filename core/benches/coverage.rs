//! Coverage validation of the sample county at 1,358 / 20,000 / 200,000 grids.
//!
//! `grids/N`: the grid layer alone (what `shapely.coverage_invalid_edges` gets in
//! `bench/shapely_coverage.py`); `hierarchy/N`: county, towns, communities and grids, every
//! level checked against its parent. Counties are generated once per size, outside the
//! timed loop, and only for the benchmarks selected.
//!
//! ```sh
//! cargo bench -p wangge --bench coverage
//! cargo bench -p wangge --bench coverage -- grids/200000
//! ```

use std::cell::RefCell;
use std::collections::HashMap;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use wangge::grid::Layer;
use wangge::grid::coverage::{CoverageOptions, validate};
use wangge::grid::sample::{SampleCounty, SampleOptions};

const SIZES: [usize; 3] = [1358, 20_000, 200_000];

thread_local! {
    static COUNTIES: RefCell<HashMap<usize, (Layer, Layer)>> = RefCell::new(HashMap::new());
}

/// The full layer and the grid layer of the county of `n` grids (generated on first use).
fn with_county<R>(n: usize, f: impl FnOnce(&Layer, &Layer) -> R) -> R {
    COUNTIES.with(|c| {
        let mut c = c.borrow_mut();
        let (full, grids) = c.entry(n).or_insert_with(|| {
            let county = SampleCounty::generate(&SampleOptions {
                grids: n,
                ..Default::default()
            })
            .expect("sample county");
            let grids = county.grid_layer();
            (county.layer, grids)
        });
        f(full, grids)
    })
}

fn coverage(c: &mut Criterion) {
    let opts = CoverageOptions::default();
    let mut g = c.benchmark_group("coverage");
    for n in SIZES {
        if n >= 200_000 {
            g.sample_size(10);
            g.measurement_time(Duration::from_secs(15));
        } else {
            g.sample_size(20);
            g.measurement_time(Duration::from_secs(5));
        }
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(BenchmarkId::new("grids", n), |b| {
            with_county(n, |_, grids| {
                b.iter(|| {
                    let r = validate(grids, None, &opts);
                    assert!(r.valid);
                    r
                })
            })
        });
        g.bench_function(BenchmarkId::new("hierarchy", n), |b| {
            with_county(n, |full, _| {
                b.iter(|| {
                    let r = validate(full, None, &opts);
                    assert!(r.valid);
                    r
                })
            })
        });
    }
    g.finish();
}

criterion_group!(benches, coverage);
criterion_main!(benches);
