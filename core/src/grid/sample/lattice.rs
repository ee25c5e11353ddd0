//! The block lattice: jittered vertices, densified shared edges, density weights.

use super::SAMPLE_CENTRE;
use super::rng::Rng;
use crate::geo::measure::metres_per_degree;
use crate::geo::{BBox, Point};

/// Blocks per grid, on average.
const BLOCKS_PER_GRID: f64 = 2.5;
/// Radius of the county blob (m).
const RADIUS_M: f64 = 23_000.0;
/// Vertex jitter as a share of the block size (each axis, ±).
const VERTEX_JITTER: f64 = 0.12;
/// Largest sideways offset of an edge's interior points, as a share of the block size.
const EDGE_WIGGLE: f64 = 0.05;

/// Squared distance in degrees (for ordering only).
pub(crate) fn dist2(a: Point, b: Point) -> f64 {
    (a.lon - b.lon).powi(2) + (a.lat - b.lat).powi(2)
}

#[derive(Debug)]
pub(crate) struct Lattice {
    pub(crate) cols: usize,
    pub(crate) rows: usize,
    vertices: Vec<Point>,
    pub(crate) inside: Vec<bool>,
    weight: Vec<f64>,
    edge_points: Vec<Point>,
    h_off: Vec<u32>,
    v_off: Vec<u32>,
    pub(crate) centres: Vec<Point>,
    mx: f64,
    my: f64,
}

impl Lattice {
    pub(crate) fn new(grids: usize, rng: &mut Rng) -> Lattice {
        // Outline: a blob r(θ) = R (1 + Σ a_k sin(kθ + φ_k)).
        let harmonics: Vec<(f64, f64, f64)> = [(3.0, 0.12), (5.0, 0.07), (7.0, 0.04)]
            .iter()
            .map(|&(k, a)| (k, a, rng.range(0.0, std::f64::consts::TAU)))
            .collect();
        let radius_at = |x: f64, y: f64| {
            let th = libm::atan2(y, x);
            RADIUS_M
                * (1.0
                    + harmonics
                        .iter()
                        .map(|&(k, a, ph)| a * libm::sin(k * th + ph))
                        .sum::<f64>())
        };
        let area = std::f64::consts::PI * RADIUS_M * RADIUS_M;
        let size = (area / (grids as f64 * BLOCKS_PER_GRID)).sqrt();
        let half = RADIUS_M * 1.3;
        let cols = ((2.0 * half / size).ceil() as usize).max(1);
        let rows = cols;
        let (x0, y0) = (-(cols as f64) * size / 2.0, -(rows as f64) * size / 2.0);
        let (mx, my) = metres_per_degree(SAMPLE_CENTRE.lat);
        let to_ll =
            |x: f64, y: f64| Point::new(SAMPLE_CENTRE.lon + x / mx, SAMPLE_CENTRE.lat + y / my);

        // Dense centres (x, y, sigma, amplitude), slightly moved by the seed.
        let base = [
            (0.0, 0.0, 4500.0, 8.0),
            (-14_000.0, 11_000.0, 1800.0, 6.0),
            (12_000.0, 14_000.0, 1500.0, 6.0),
            (15_000.0, -12_000.0, 2000.0, 6.0),
            (-10_000.0, -15_000.0, 1600.0, 6.0),
        ];
        let centres_m: Vec<(f64, f64, f64, f64)> = base
            .iter()
            .map(|&(x, y, s, a)| {
                (
                    x + rng.range(-1500.0, 1500.0),
                    y + rng.range(-1500.0, 1500.0),
                    s,
                    a,
                )
            })
            .collect();

        let mut inside = vec![false; cols * rows];
        let mut weight = vec![1.0; cols * rows];
        for j in 0..rows {
            for i in 0..cols {
                let (cx, cy) = (x0 + (i as f64 + 0.5) * size, y0 + (j as f64 + 0.5) * size);
                let b = j * cols + i;
                inside[b] = (cx * cx + cy * cy).sqrt() < radius_at(cx, cy);
                weight[b] = 1.0
                    + centres_m
                        .iter()
                        .map(|&(x, y, s, a)| {
                            a * libm::exp(-((cx - x).powi(2) + (cy - y).powi(2)) / (2.0 * s * s))
                        })
                        .sum::<f64>();
            }
        }

        let mut vxy = Vec::with_capacity((cols + 1) * (rows + 1));
        for j in 0..=rows {
            for i in 0..=cols {
                let jx = rng.range(-VERTEX_JITTER, VERTEX_JITTER) * size;
                let jy = rng.range(-VERTEX_JITTER, VERTEX_JITTER) * size;
                vxy.push((x0 + i as f64 * size + jx, y0 + j as f64 * size + jy));
            }
        }
        let vid = |i: usize, j: usize| j * (cols + 1) + i;
        let block_in = |i: isize, j: isize| {
            i >= 0
                && j >= 0
                && (i as usize) < cols
                && (j as usize) < rows
                && inside[j as usize * cols + i as usize]
        };

        let mut edge_points = Vec::new();
        let densify = |a: (f64, f64), b: (f64, f64), rng: &mut Rng, out: &mut Vec<Point>| {
            let k = 4 + rng.below(5); // 4..=8 segments
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let len = (dx * dx + dy * dy).sqrt();
            let (nx, ny) = (-dy / len, dx / len);
            for s in 1..k {
                let t = s as f64 / k as f64;
                let off =
                    EDGE_WIGGLE * size * libm::sin(std::f64::consts::PI * t) * rng.range(-1.0, 1.0);
                out.push(to_ll(a.0 + t * dx + off * nx, a.1 + t * dy + off * ny));
            }
        };
        // Horizontal edges h(i, j): V(i, j) → V(i+1, j); used when a block above or below is inside.
        let mut h_off = Vec::with_capacity(cols * (rows + 1) + 1);
        for j in 0..=rows {
            for i in 0..cols {
                h_off.push(edge_points.len() as u32);
                let (ii, jj) = (i as isize, j as isize);
                if block_in(ii, jj) || block_in(ii, jj - 1) {
                    densify(vxy[vid(i, j)], vxy[vid(i + 1, j)], rng, &mut edge_points);
                }
            }
        }
        h_off.push(edge_points.len() as u32);
        // Vertical edges v(i, j): V(i, j) → V(i, j+1).
        let mut v_off = Vec::with_capacity((cols + 1) * rows + 1);
        for j in 0..rows {
            for i in 0..=cols {
                v_off.push(edge_points.len() as u32);
                let (ii, jj) = (i as isize, j as isize);
                if block_in(ii, jj) || block_in(ii - 1, jj) {
                    densify(vxy[vid(i, j)], vxy[vid(i, j + 1)], rng, &mut edge_points);
                }
            }
        }
        v_off.push(edge_points.len() as u32);

        Lattice {
            cols,
            rows,
            vertices: vxy.iter().map(|&(x, y)| to_ll(x, y)).collect(),
            inside,
            weight,
            edge_points,
            h_off,
            v_off,
            centres: centres_m.iter().map(|&(x, y, _, _)| to_ll(x, y)).collect(),
            mx,
            my,
        }
    }

    pub(crate) fn vertex(&self, i: usize, j: usize) -> Point {
        self.vertices[j * (self.cols + 1) + i]
    }

    /// Interior points of h(i, j), west to east.
    pub(crate) fn h_edge(&self, i: usize, j: usize) -> &[Point] {
        let e = j * self.cols + i;
        &self.edge_points[self.h_off[e] as usize..self.h_off[e + 1] as usize]
    }

    /// Interior points of v(i, j), south to north.
    pub(crate) fn v_edge(&self, i: usize, j: usize) -> &[Point] {
        let e = j * (self.cols + 1) + i;
        &self.edge_points[self.v_off[e] as usize..self.v_off[e + 1] as usize]
    }

    pub(crate) fn weight(&self, block: u32) -> f64 {
        self.weight[block as usize]
    }

    /// Block centre in lattice units (column, row) + 0.5.
    pub(crate) fn block_xy(&self, block: u32) -> (f64, f64) {
        let b = block as usize;
        ((b % self.cols) as f64 + 0.5, (b / self.cols) as f64 + 0.5)
    }

    /// Mean of the block centres, in degrees.
    pub(crate) fn centroid_of(&self, blocks: impl Iterator<Item = u32>) -> Point {
        let (mut sx, mut sy, mut n) = (0.0, 0.0, 0usize);
        for b in blocks {
            let (i, j) = self.block_xy(b);
            let (i0, j0) = (i.floor() as usize, j.floor() as usize);
            let (a, c) = (self.vertex(i0, j0), self.vertex(i0 + 1, j0 + 1));
            sx += (a.lon + c.lon) / 2.0;
            sy += (a.lat + c.lat) / 2.0;
            n += 1;
        }
        let n = n.max(1) as f64;
        Point::new(sx / n, sy / n)
    }

    /// Mean density weight of blocks.
    pub(crate) fn mean_weight(&self, blocks: impl Iterator<Item = u32>) -> f64 {
        let (mut s, mut n) = (0.0, 0usize);
        for b in blocks {
            s += self.weight(b);
            n += 1;
        }
        s / n.max(1) as f64
    }

    /// Bounding box of the inside blocks' vertices.
    pub(crate) fn bbox(&self) -> BBox {
        let mut b: Option<BBox> = None;
        for j in 0..self.rows {
            for i in 0..self.cols {
                if self.inside[j * self.cols + i] {
                    for p in [
                        self.vertex(i, j),
                        self.vertex(i + 1, j + 1),
                        self.vertex(i + 1, j),
                        self.vertex(i, j + 1),
                    ] {
                        match &mut b {
                            Some(bb) => bb.extend(p),
                            None => b = BBox::of_points([p]),
                        }
                    }
                }
            }
        }
        b.unwrap_or(BBox {
            min_lon: SAMPLE_CENTRE.lon,
            min_lat: SAMPLE_CENTRE.lat,
            max_lon: SAMPLE_CENTRE.lon,
            max_lat: SAMPLE_CENTRE.lat,
        })
    }

    /// Metres per degree of longitude and latitude at the sample's latitude.
    #[allow(dead_code)]
    pub(crate) fn scale(&self) -> (f64, f64) {
        (self.mx, self.my)
    }
}
