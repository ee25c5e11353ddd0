//! Locate benchmark, native Rust side (`cargo xtask bench-bindings` runs it beside the C
//! and WASM versions): `bench_native <layer.geojson> <points.txt>`; prints
//! `native ns_per_point <best of 5> hits <n>`.

use std::time::Instant;

use wangge_core::geo::Point;
use wangge_core::grid::Layer;

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
    let mut best = f64::INFINITY;
    let mut hits = 0;
    for _ in 0..5 {
        let t = Instant::now();
        hits = 0;
        for p in &points {
            // The same work as the bindings: the codes of the units at the point, as text.
            let codes: Vec<String> = layer.units_at(*p).map(|u| u.code.to_string()).collect();
            hits += usize::from(!codes.is_empty());
        }
        best = best.min(t.elapsed().as_secs_f64() * 1e9 / points.len() as f64);
    }
    println!("native ns_per_point {best:.0} hits {hits}");
}
