//! Locate benchmark, native Rust side (`cargo xtask bench-bindings` runs it beside the C
//! and WASM versions): `bench_native <layer.geojson> <points.txt>`; prints
//! `native ns_per_point <best of 20> hits <n>` for `GridIndex::locate_batch` (full
//! locations: grid, ancestors) and `native_find …` for `GridIndex::find_batch` (positions
//! in the index's tables, what the C and WASM batch calls build on).

use std::time::Instant;

use wangge_core::geo::Point;
use wangge_core::grid::{GridIndex, Hit, Layer};

/// Rounds per side; the best is reported (the same count on every side).
const ROUNDS: usize = 20;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let layer = Layer::from_geojson(&std::fs::read_to_string(&args[1]).expect("layer"))
        .expect("valid layer");
    let points: Vec<Point> = std::fs::read_to_string(&args[2])
        .expect("points")
        .lines()
        .filter_map(|l| {
            let mut it = l.split_whitespace().map(|v| v.parse::<f64>());
            Some(Point::new(it.next()?.ok()?, it.next()?.ok()?))
        })
        .collect();
    let index = GridIndex::build(&layer).expect("index");
    let mut best = f64::INFINITY;
    let mut hits = 0;
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let locs = index.locate_batch(&points);
        best = best.min(t.elapsed().as_secs_f64() * 1e9 / points.len() as f64);
        hits = locs.iter().filter(|l| l.grid.is_some()).count();
    }
    println!("native ns_per_point {best:.1} hits {hits}");
    let mut best = f64::INFINITY;
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let found = index.find_batch(&points);
        best = best.min(t.elapsed().as_secs_f64() * 1e9 / points.len() as f64);
        hits = found.iter().filter(|h| matches!(h, Hit::Grid(_))).count();
    }
    println!("native_find ns_per_point {best:.1} hits {hits}");
}
