//! Tracing a block set's boundary into rings and polygons.

use std::collections::{HashMap, HashSet};

use super::lattice::Lattice;
use crate::geo::{MultiPolygon, Point, Polygon, Ring};

/// Lattice directions, counter-clockwise: east, north, west, south.
const E: u8 = 0;
const N: u8 = 1;
const W: u8 = 2;
const S: u8 = 3;

pub(crate) struct Tracer<'a> {
    lat: &'a Lattice,
}

#[derive(Clone, Copy)]
struct Edge {
    /// Start vertex (i, j).
    i: usize,
    j: usize,
    dir: u8,
}

impl<'a> Tracer<'a> {
    pub(crate) fn new(lat: &'a Lattice) -> Tracer<'a> {
        Tracer { lat }
    }

    /// The boundary of a set of blocks, region on the left of every ring (exteriors
    /// counter-clockwise, holes clockwise).
    pub(crate) fn trace(&self, blocks: &[u32]) -> MultiPolygon {
        let cols = self.lat.cols;
        let set: HashSet<u32> = blocks.iter().copied().collect();
        let has = |i: isize, j: isize| {
            i >= 0
                && j >= 0
                && (i as usize) < cols
                && (j as usize) < self.lat.rows
                && set.contains(&((j as usize * cols + i as usize) as u32))
        };
        // Outgoing boundary edges per start vertex.
        let mut out: HashMap<(usize, usize), Vec<Edge>> = HashMap::new();
        for &b in blocks {
            let (i, j) = (b as usize % cols, b as usize / cols);
            let (ii, jj) = (i as isize, j as isize);
            let mut add = |e: Edge| out.entry((e.i, e.j)).or_default().push(e);
            if !has(ii, jj - 1) {
                add(Edge { i, j, dir: E });
            }
            if !has(ii + 1, jj) {
                add(Edge {
                    i: i + 1,
                    j,
                    dir: N,
                });
            }
            if !has(ii, jj + 1) {
                add(Edge {
                    i: i + 1,
                    j: j + 1,
                    dir: W,
                });
            }
            if !has(ii - 1, jj) {
                add(Edge {
                    i,
                    j: j + 1,
                    dir: S,
                });
            }
        }
        // Deterministic start order.
        let mut starts: Vec<(usize, usize)> = out.keys().copied().collect();
        starts.sort_unstable_by_key(|&(i, j)| (j, i));
        let mut rings: Vec<Ring> = Vec::new();
        for s in starts {
            while let Some(first) = out.get_mut(&s).and_then(Vec::pop) {
                let mut pts: Vec<Point> = Vec::new();
                let mut e = first;
                loop {
                    self.push_edge(e, &mut pts);
                    let (ni, nj) = end(e);
                    let Some(cands) = out.get_mut(&(ni, nj)) else {
                        break;
                    };
                    // Prefer the leftmost turn: keeps rings that touch at a vertex apart.
                    let pref = [(e.dir + 1) % 4, e.dir, (e.dir + 3) % 4];
                    let pick = pref
                        .iter()
                        .find_map(|d| cands.iter().position(|c| c.dir == *d));
                    match pick {
                        Some(k) => e = cands.swap_remove(k),
                        None => break,
                    }
                }
                if let Some(&p0) = pts.first() {
                    pts.push(p0);
                }
                rings.push(Ring::new(pts));
            }
        }
        let (mut exteriors, holes): (Vec<Ring>, Vec<Ring>) =
            rings.into_iter().partition(Ring::is_ccw);
        exteriors.sort_by(|a, b| b.signed_area().total_cmp(&a.signed_area()));
        let mut polys: Vec<Polygon> = exteriors
            .into_iter()
            .map(|r| Polygon::new(r, vec![]))
            .collect();
        for h in holes {
            let probe = h.points().get(1).copied().unwrap_or_default();
            if let Some(p) = polys.iter_mut().find(|p| p.exterior.contains(probe)) {
                p.holes.push(h);
            }
        }
        MultiPolygon::new(polys)
    }

    /// Appends the edge's start vertex and interior points in travel order.
    fn push_edge(&self, e: Edge, pts: &mut Vec<Point>) {
        pts.push(self.lat.vertex(e.i, e.j));
        match e.dir {
            E => pts.extend_from_slice(self.lat.h_edge(e.i, e.j)),
            W => pts.extend(self.lat.h_edge(e.i - 1, e.j).iter().rev()),
            N => pts.extend_from_slice(self.lat.v_edge(e.i, e.j)),
            _ => pts.extend(self.lat.v_edge(e.i, e.j - 1).iter().rev()),
        }
    }
}

fn end(e: Edge) -> (usize, usize) {
    match e.dir {
        E => (e.i + 1, e.j),
        N => (e.i, e.j + 1),
        W => (e.i - 1, e.j),
        _ => (e.i, e.j - 1),
    }
}
