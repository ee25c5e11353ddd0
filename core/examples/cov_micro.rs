use wangge::geo::Point;
use wangge::geo::validity::orient;
use wangge::grid::sample::{SampleCounty, SampleOptions};
fn star(p: &[Point], c: Point) -> bool {
    let m = p.len() - 1;
    let mut sign = 0.0;
    let mut changes = 0;
    for i in 0..m {
        let (a, b) = (p[i], p[i + 1]);
        let o = orient(c, a, b);
        if o == 0.0 {
            return false;
        }
        if sign == 0.0 {
            sign = o.signum();
        } else if o.signum() != sign {
            return false;
        }
        if (a.lat > c.lat) != (b.lat > c.lat) {
            changes += 1;
        }
    }
    changes == 2
}
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().unwrap())
        .unwrap_or(20000);
    let c = SampleCounty::generate(&SampleOptions {
        grids: n,
        ..Default::default()
    })
    .unwrap();
    let layer = c.grid_layer();
    let mut cnt = [0usize; 6];
    let mut tot = 0;
    for u in &layer.units {
        for r in u.geometry.rings() {
            let p = r.points();
            tot += 1;
            let m = p.len() - 1;
            let vm = Point::new(
                p[..m].iter().map(|q| q.lon).sum::<f64>() / m as f64,
                p[..m].iter().map(|q| q.lat).sum::<f64>() / m as f64,
            );
            let b = r.bbox().unwrap();
            let bc = b.center();
            let poly = wangge::geo::Polygon::new(r.clone(), vec![]);
            let ac = wangge::grid::renumber::polygon_centroid(&poly).unwrap();
            let mid = Point::new((vm.lon + ac.lon) / 2.0, (vm.lat + ac.lat) / 2.0);
            let s = [star(p, vm), star(p, bc), star(p, ac), star(p, mid)];
            for k in 0..4 {
                cnt[k] += s[k] as usize;
            }
            cnt[4] += (s[0] || s[2]) as usize;
            cnt[5] += s.iter().any(|x| *x) as usize;
        }
    }
    eprintln!(
        "rings {tot}: mean {} bbox {} area {} mid {} mean|area {} any {}",
        cnt[0], cnt[1], cnt[2], cnt[3], cnt[4], cnt[5]
    );
}
