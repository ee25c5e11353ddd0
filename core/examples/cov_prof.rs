use wangge::grid::coverage::{CoverageOptions, validate};
use wangge::grid::sample::{SampleCounty, SampleOptions};

fn cpu() -> f64 {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap();
    s.split_whitespace().next().unwrap().parse::<f64>().unwrap() * 1e-9
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().unwrap())
        .unwrap_or(1358);
    let which = std::env::args().nth(2).unwrap_or("grids".into());
    let reps: usize = std::env::args()
        .nth(3)
        .map(|s| s.parse().unwrap())
        .unwrap_or(20);
    let c = SampleCounty::generate(&SampleOptions {
        grids: n,
        ..Default::default()
    })
    .unwrap();
    let opts = CoverageOptions::default();
    let layer = if which == "grids" {
        c.grid_layer()
    } else {
        c.layer.clone()
    };
    let mut best = f64::MAX;
    for _ in 0..reps {
        let t = cpu();
        let r = validate(&layer, None, &opts);
        best = best.min(cpu() - t);
        assert!(r.valid);
    }
    eprintln!("{which} {n}: best {:.3} ms", best * 1e3);
}
