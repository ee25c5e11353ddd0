//! The point index against the scanning reference on small lattice layers built from the
//! input (shared edges, vertices of many grids, overlaps, parts, gaps), and on any GeoJSON
//! layer the input spells.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wangge::code::{AdminCode, GridCode, GridCodeLayout, UnitCode};
use wangge::geo::{MultiPolygon, Point, Polygon, Ring};
use wangge::grid::index::reference::Scan;
use wangge::grid::{GridIndex, Layer, Unit};

fn tri(p: [(f64, f64); 3]) -> Polygon {
    let mut v: Vec<Point> = p.iter().map(|&(x, y)| Point::new(x, y)).collect();
    v.push(v[0]);
    Polygon::new(Ring::new(v), vec![])
}

fn lattice(bytes: &[u8]) -> Option<(Layer, Vec<Point>)> {
    let (&n, rest) = bytes.split_first()?;
    let (&s, rest) = rest.split_first()?;
    let n = 1 + usize::from(n % 4);
    let scale = [1.0, 0.1, 0.0017, 1e-5][usize::from(s % 4)];
    let at = |i: usize, j: usize| (118.0 + i as f64 * scale, 35.0 + j as f64 * scale);
    let community: AdminCode = "371323100201".parse().ok()?;
    let mut parts: Vec<Vec<Polygon>> = vec![Vec::new(); 6];
    let (labels, rest) = rest.split_at(rest.len().min(n * n));
    for (k, &b) in labels.iter().enumerate() {
        let (i, j) = (k % n, k / n);
        let (p00, p10, p11, p01) = (at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1));
        let tris = if b & 0x80 != 0 {
            [[p00, p10, p11], [p00, p11, p01]]
        } else {
            [[p00, p10, p01], [p10, p11, p01]]
        };
        for (t, label) in tris.into_iter().zip([b & 7, (b >> 3) & 7]) {
            match label {
                0..=5 => parts[usize::from(label)].push(tri(t)),
                6 => {
                    parts[0].push(tri(t));
                    parts[3].push(tri(t));
                }
                _ => {}
            }
        }
    }
    let mut units: Vec<Unit> = Vec::new();
    for (g, p) in parts.into_iter().enumerate() {
        if !p.is_empty() {
            let code = GridCode::new(community, g as u32 + 1, GridCodeLayout::D15).ok()?;
            let mut m = MultiPolygon::new(p);
            m.normalize_winding();
            units.push(Unit::new(UnitCode::Grid(code), m));
        }
    }
    let (x1, y1) = at(n, n);
    let outline = [(118.0, 35.0), (x1, 35.0), (x1, y1), (118.0, y1), (118.0, 35.0)];
    let ring = Ring::new(outline.iter().map(|&(x, y)| Point::new(x, y)).collect());
    units.push(Unit::new(
        UnitCode::Admin(community),
        MultiPolygon::new(vec![Polygon::new(ring, vec![])]),
    ));
    let points = rest
        .chunks(2)
        .map(|c| {
            let (a, b) = (c[0], *c.get(1).unwrap_or(&0));
            let half = |v: u8| f64::from(v % (2 * n as u8 + 3)) * scale / 2.0 - scale / 2.0;
            Point::new(118.0 + half(a), 35.0 + half(b))
        })
        .collect();
    Some((Layer { units }, points))
}

fn check(layer: &Layer, points: &[Point]) {
    let Ok(index) = GridIndex::build(layer) else {
        return;
    };
    let scan = Scan::new(layer);
    let batch = index.locate_batch(points);
    let table = index.unit_codes();
    for ((p, got), hit) in points.iter().zip(batch).zip(index.find_batch(points)) {
        assert_eq!(got, index.locate(*p));
        assert_eq!(got, scan.locate(*p, None), "{p:?}");
        // The one-table positions the bindings answer with name the same unit.
        assert_eq!(index.unit_position(hit).map(|r| table[r as usize]), got.unit());
    }
}

fuzz_target!(|data: &[u8]| {
    match data.split_first() {
        Some((&0, text)) => {
            if let Ok(t) = std::str::from_utf8(text)
                && let Ok(layer) = Layer::from_geojson(t)
            {
                let pts: Vec<Point> = layer
                    .units
                    .iter()
                    .flat_map(|u| u.geometry.rings().flat_map(|r| r.points().to_vec()))
                    .take(64)
                    .collect();
                check(&layer, &pts);
            }
        }
        Some((_, rest)) => {
            if let Some((layer, pts)) = lattice(rest) {
                check(&layer, &pts);
            }
        }
        None => {}
    }
});
