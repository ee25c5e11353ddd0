//! Coverage validation of arbitrary layers never panics and always gives a well-formed
//! report.
//!
//! Input starting with `{` is GeoJSON text (layer, optionally with a parent file after a
//! NUL byte); anything else builds a small layer directly from the bytes: rings on a coarse
//! lattice (so that edges meet, cross, overlap and repeat), with now and then a NaN, an
//! infinite or an out-of-range coordinate, an unclosed or tiny ring, a hole, a second part.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wangge::geo::{MultiPolygon, Point, Polygon, Ring};
use wangge::grid::coverage::{CoverageOptions, CoverageReport, validate};
use wangge::grid::{Layer, Unit};

fn check(report: &CoverageReport) {
    assert_eq!(report.valid, report.violations.is_empty());
    for v in &report.violations {
        assert!(v.at[0].is_finite() && v.at[1].is_finite(), "{v:?}");
        assert!(v.area_m2.is_finite() && v.area_m2 >= 0.0, "{v:?}");
        assert!(!v.message.is_empty());
    }
    let text = serde_json::to_string(report).expect("serializable");
    assert!(text.starts_with('{'));
}

fn coord(b: u8) -> f64 {
    match b {
        250 => f64::NAN,
        251 => f64::INFINITY,
        252 => 500.0,
        _ => f64::from(b % 12) * 1e-4,
    }
}

fn ring(bytes: &[u8]) -> Ring {
    let mut pts: Vec<Point> = bytes
        .chunks_exact(2)
        .map(|c| Point::new(118.5 + coord(c[0]), 35.8 + coord(c[1])))
        .collect();
    // Usually closed; the length's parity decides.
    if bytes.len() % 4 != 2
        && let Some(&p) = pts.first()
    {
        pts.push(p);
    }
    Ring::new(pts)
}

const CODES: [&str; 8] = [
    "371323100201",
    "371323100201001",
    "371323100201002",
    "371323100201003",
    "371323100202",
    "371323100202001",
    "371323100000",
    "37132310020101",
];

fuzz_target!(|data: &[u8]| {
    let mut opts = CoverageOptions::default();
    if data.first() == Some(&b'{') {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let (a, b) = text.split_once('\0').unwrap_or((text, ""));
        let Ok(layer) = Layer::from_geojson(a) else {
            return;
        };
        let parent = Layer::from_geojson(b).ok();
        check(&validate(&layer, parent.as_ref(), &opts));
        return;
    }
    let Some((&head, rest)) = data.split_first() else {
        return;
    };
    opts.tolerance_m = f64::from(head % 8) * 0.05;
    let mut units = Vec::new();
    // Units separated by 0xff; within a unit, parts separated by 0xfe, holes after 0xfd.
    for chunk in rest.split(|&b| b == 0xff).take(12) {
        let Some((&c, geo)) = chunk.split_first() else {
            continue;
        };
        let polys: Vec<Polygon> = geo
            .split(|&b| b == 0xfe)
            .take(3)
            .map(|part| {
                let mut rings = part.split(|&b| b == 0xfd).take(3).map(ring);
                let exterior = rings.next().unwrap_or_default();
                Polygon::new(exterior, rings.collect())
            })
            .collect();
        let code = CODES[usize::from(c) % CODES.len()].parse().expect("code");
        let mut u = Unit::new(code, MultiPolygon::new(polys));
        u.households = (c & 0x10 != 0).then_some(u32::from(c));
        u.population = (c & 0x20 != 0).then_some(u32::from(c) * 7);
        units.push(u);
    }
    let layer = Layer { units };
    check(&validate(&layer, None, &opts));
});
