//! Point location: index build, single-point loop (input order) and batch location, on
//! sample counties of 1,358 / 20,000 / 200,000 grids with 1,000,000 sample points (70 %
//! clustered around the dense centres, 30 % uniform over the county's box) — the same
//! files `wangge grid generate --grids N --only grids --points 1000000` writes (seed 1).
//!
//! ```sh
//! cargo bench -p wangge --bench locate                       # all sizes
//! WANGGE_BENCH_SIZES=1358,20000 cargo bench -p wangge --bench locate
//! ```
//!
//! Besides criterion's report, one JSON line per size goes to stderr with the index
//! memory (`index_bytes`, `bytes_per_grid`) and how many points fell in a grid.
//!
//! Any other layer: `WANGGE_BENCH_LAYER` names a GeoJSON layer per size, with `{n}` standing
//! for the size, and `WANGGE_BENCH_POINTS` a JSON lines points file (`{"lon", "lat"}` a
//! line, what `wangge grid generate --points-out` and `bench/recode_layer.py` write); the
//! benchmark ids then carry the label `WANGGE_BENCH_LABEL` (default `file`):
//!
//! ```sh
//! WANGGE_BENCH_LAYER=bench-data/voronoi/grids_{n}.geojson \
//!   WANGGE_BENCH_POINTS=bench-data/voronoi/points_1M.jsonl WANGGE_BENCH_LABEL=voronoi \
//!   WANGGE_BENCH_SIZES=20000 cargo bench -p wangge --bench locate
//! ```

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use wangge::geo::Point;
use wangge::grid::sample::{SampleCounty, SampleOptions};
use wangge::grid::{GridIndex, Hit, Layer};

const SEED: u64 = 1;
const POINTS: usize = 1_000_000;

fn sizes() -> Vec<usize> {
    std::env::var("WANGGE_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|t| t.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1358, 20_000, 200_000])
}

/// The layer of `grids` grids and the points named by the environment, if any.
fn file_data(grids: usize) -> Option<(Layer, Vec<Point>)> {
    let layer = std::env::var("WANGGE_BENCH_LAYER").ok()?;
    let layer = layer.replace("{n}", &grids.to_string());
    let text = std::fs::read_to_string(&layer).unwrap_or_else(|e| panic!("{layer}: {e}"));
    let layer = Layer::from_geojson(&text).expect("layer");
    let points = std::env::var("WANGGE_BENCH_POINTS").expect("WANGGE_BENCH_POINTS");
    let text = std::fs::read_to_string(&points).unwrap_or_else(|e| panic!("{points}: {e}"));
    let points = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("points line");
            Point::new(
                v["lon"].as_f64().expect("lon"),
                v["lat"].as_f64().expect("lat"),
            )
        })
        .collect();
    Some((layer, points))
}

fn data(grids: usize) -> (Layer, Vec<Point>) {
    if let Some(d) = file_data(grids) {
        return d;
    }
    let county = SampleCounty::generate(&SampleOptions {
        grids,
        seed: SEED,
        ..SampleOptions::default()
    })
    .expect("sample county");
    (county.grid_layer(), county.points(POINTS, SEED))
}

fn bench(c: &mut Criterion) {
    let label = std::env::var("WANGGE_BENCH_LABEL").unwrap_or_else(|_| {
        if std::env::var("WANGGE_BENCH_LAYER").is_ok() {
            "file".into()
        } else {
            String::new()
        }
    });
    let id = |n: usize| {
        if label.is_empty() {
            n.to_string()
        } else {
            format!("{label}-{n}")
        }
    };
    for n in sizes() {
        let (layer, points) = data(n);
        let index = GridIndex::build(&layer).expect("index");
        let found = index
            .find_batch(&points)
            .iter()
            .filter(|h| matches!(h, Hit::Grid(_)))
            .count();
        eprintln!(
            "{}",
            serde_json::json!({
                "bench": "locate", "layer": id(n), "grids": n, "points": points.len(), "in_grids": found,
                "index_bytes": index.memory_bytes(),
                "bytes_per_grid": index.memory_bytes() as f64 / n as f64,
            })
        );

        let mut g = c.benchmark_group("locate_build");
        g.sample_size(10)
            .measurement_time(Duration::from_secs(if n > 50_000 { 30 } else { 8 }));
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(id(n)), &layer, |b, l| {
            b.iter(|| GridIndex::build(black_box(l)).expect("index"))
        });
        g.finish();

        // The same on every core the machine has (the index is the same, word for word).
        let threads = std::thread::available_parallelism().map_or(1, |t| t.get());
        let mut g = c.benchmark_group("locate_build_parallel");
        g.sample_size(10)
            .measurement_time(Duration::from_secs(if n > 50_000 { 30 } else { 8 }));
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(id(n)), &layer, |b, l| {
            b.iter(|| GridIndex::build_parallel(black_box(l), threads).expect("index"))
        });
        g.finish();

        let mut g = c.benchmark_group("locate");
        g.sample_size(10).measurement_time(Duration::from_secs(10));
        g.throughput(Throughput::Elements(points.len() as u64));
        g.bench_with_input(BenchmarkId::new("batch", id(n)), &points, |b, pts| {
            b.iter(|| index.find_batch(black_box(pts)))
        });
        g.bench_with_input(BenchmarkId::new("loop", id(n)), &points, |b, pts| {
            b.iter(|| {
                let mut grids = 0usize;
                for &p in pts {
                    if let Hit::Grid(_) = index.find(black_box(p)) {
                        grids += 1;
                    }
                }
                grids
            })
        });
        let some = &points[..points.len().min(100_000)];
        g.throughput(Throughput::Elements(some.len() as u64));
        g.bench_with_input(BenchmarkId::new("locations", id(n)), some, |b, pts| {
            b.iter(|| index.locate_batch(black_box(pts)))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
