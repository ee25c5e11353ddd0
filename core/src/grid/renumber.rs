//! Numbering grids west→east, north→south (DB6101/T 3185-2024; DB11/T 2157-2023).
//!
//! **Rule.** Each grid is represented by the area centroid of its largest part. Grids are
//! taken north to south; the northernmost remaining grid opens a *row*, and every grid whose
//! representative latitude is within half the median grid height (bounding-box height) of
//! the row's first grid joins that row. Rows are numbered in order, grids within a row west
//! to east. Ties (equal coordinates) are broken by the previous code, so the result is
//! deterministic.
//!
//! ```
//! use wangge::grid::{renumber, Unit};
//! use wangge::code::{AdminCode, GridCodeLayout};
//! use wangge::geo::{MultiPolygon, Point, Polygon, Ring};
//! let square = |x: f64, y: f64| -> MultiPolygon {
//!     Polygon::new(Ring::new(vec![Point::new(x, y), Point::new(x + 1.0, y),
//!         Point::new(x + 1.0, y + 1.0), Point::new(x, y + 1.0), Point::new(x, y)]), vec![]).into()
//! };
//! // Four grids in a 2×2 block, numbered in scrambled order.
//! let community: AdminCode = "371323100201".parse()?;
//! let mut units = vec![];
//! for (seq, (x, y)) in [(1, (0.0, 0.0)), (2, (1.0, 1.0)), (3, (1.0, 0.0)), (4, (0.0, 1.0))] {
//!     let code = wangge::code::GridCode::new(community, seq, GridCodeLayout::D15)?;
//!     units.push(Unit::new(code.into(), square(x, y)));
//! }
//! let new = renumber(community, GridCodeLayout::D15, &units)?;
//! // NW, NE, SW, SE get 1, 2, 3, 4.
//! let seqs: Vec<u32> = new.iter().map(|c| c.sequence()).collect();
//! assert_eq!(seqs, [3, 2, 4, 1]);
//! # Ok::<(), wangge::Error>(())
//! ```

use super::Unit;
use crate::code::{AdminCode, CodeError, GridCode, GridCodeLayout};
use crate::geo::{MultiPolygon, Point, Polygon};

/// Area centroid of a polygon's exterior (falls back to the bbox centre for degenerate rings).
pub fn polygon_centroid(poly: &Polygon) -> Option<Point> {
    let pts = poly.exterior.points();
    let first = *pts.first()?;
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for w in pts.windows(2) {
        let (x0, y0) = (w[0].lon - first.lon, w[0].lat - first.lat);
        let (x1, y1) = (w[1].lon - first.lon, w[1].lat - first.lat);
        let cross = x0 * y1 - x1 * y0;
        a += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
    }
    if a == 0.0 {
        return poly.bbox().map(|b| b.center());
    }
    Some(Point::new(
        first.lon + cx / (3.0 * a),
        first.lat + cy / (3.0 * a),
    ))
}

/// The representative point of a geometry: centroid of its largest part.
pub fn representative_point(geom: &MultiPolygon) -> Option<Point> {
    geom.polygons
        .iter()
        .max_by(|a, b| {
            a.exterior
                .signed_area()
                .abs()
                .total_cmp(&b.exterior.signed_area().abs())
        })
        .and_then(polygon_centroid)
}

/// Indices of `geoms` in reading order (see the module rule).
pub fn reading_order_of(geoms: &[&MultiPolygon]) -> Vec<usize> {
    let reps: Vec<Point> = geoms
        .iter()
        .map(|g| representative_point(g).unwrap_or_default())
        .collect();
    let mut heights: Vec<f64> = geoms
        .iter()
        .filter_map(|g| g.bbox())
        .map(|b| b.max_lat - b.min_lat)
        .collect();
    heights.sort_by(f64::total_cmp);
    let band = heights.get(heights.len() / 2).copied().unwrap_or(0.0) / 2.0;
    reading_order(&reps, band)
}

/// Indices of `points` in reading order with an explicit row band (degrees of latitude).
pub fn reading_order(points: &[Point], band: f64) -> Vec<usize> {
    let mut by_lat: Vec<usize> = (0..points.len()).collect();
    by_lat.sort_by(|&a, &b| {
        points[b]
            .lat
            .total_cmp(&points[a].lat)
            .then(points[a].lon.total_cmp(&points[b].lon))
            .then(a.cmp(&b))
    });
    let mut out = Vec::with_capacity(points.len());
    let mut i = 0;
    while i < by_lat.len() {
        let top = points[by_lat[i]].lat;
        let mut j = i + 1;
        while j < by_lat.len() && points[by_lat[j]].lat >= top - band {
            j += 1;
        }
        let row = &mut by_lat[i..j];
        row.sort_by(|&a, &b| points[a].lon.total_cmp(&points[b].lon).then(a.cmp(&b)));
        out.extend_from_slice(row);
        i = j;
    }
    out
}

/// New codes for the grids of one community, numbered in reading order from 1 (a lone D20
/// grid gets sequence `00`, "community not subdivided").
///
/// Returns the new code of each input unit, in input order. Units must be grids; errors
/// when there are more grids than the layout's sequence can hold.
pub fn renumber(
    community: AdminCode,
    layout: GridCodeLayout,
    grids: &[Unit],
) -> Result<Vec<GridCode>, CodeError> {
    let geoms: Vec<&MultiPolygon> = grids.iter().map(|u| &u.geometry).collect();
    let order = reading_order_of(&geoms);
    let start = if layout == GridCodeLayout::D20 && grids.len() == 1 {
        0
    } else {
        1
    };
    let mut out = vec![None; grids.len()];
    for (rank, &i) in order.iter().enumerate() {
        let seq = start + rank as u32;
        let code = match (
            layout,
            grids[i].code.as_grid().and_then(|g| g.object_code()),
        ) {
            (GridCodeLayout::D20, Some(obj)) => GridCode::new_d20(obj, community, seq)?,
            _ => GridCode::new(community, seq, layout)?,
        };
        out[i] = Some(code);
    }
    Ok(out.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_then_columns() {
        // A 3×3 lattice of points with slight wobble.
        let mut pts = vec![];
        for r in 0..3 {
            for c in 0..3 {
                let wobble = ((r * 3 + c) as f64 * 0.37).sin() * 0.1;
                pts.push(Point::new(c as f64 + wobble, -(r as f64) + wobble));
            }
        }
        // Shuffle deterministically.
        let perm = [4, 8, 0, 6, 2, 7, 1, 5, 3];
        let shuffled: Vec<Point> = perm.iter().map(|&i| pts[i]).collect();
        let order = reading_order(&shuffled, 0.5);
        let back: Vec<usize> = order.iter().map(|&i| perm[i]).collect();
        assert_eq!(back, (0..9).collect::<Vec<_>>());
    }

    #[test]
    fn too_many_for_the_layout() {
        let community: AdminCode = "371323100201".parse().unwrap();
        let unit = |i: usize| {
            let code = GridCode::new(community, (i % 99 + 1) as u32, GridCodeLayout::D14).unwrap();
            Unit::new(code.into(), MultiPolygon::default())
        };
        let grids: Vec<Unit> = (0..100).map(unit).collect();
        assert!(renumber(community, GridCodeLayout::D14, &grids).is_err());
        assert_eq!(
            renumber(community, GridCodeLayout::D15, &grids)
                .unwrap()
                .len(),
            100
        );
    }
}
