//! Faces of the noded leftover segments and their winding numbers.
//!
//! The noded segments form a planar graph. Each segment gives two half-edges; around every
//! vertex the outgoing half-edges are sorted by angle with exact predicates, and each face
//! is traced with the face on the left (at a vertex, take the outgoing half-edge just
//! clockwise of the way back). Bounded faces come out counter-clockwise; each connected
//! component also has one clockwise trace, its outer boundary.
//!
//! The winding number (how many children cover a place, minus the parent) is constant on a
//! face and changes by the segment's signed multiplicity across a segment, so inside a
//! component it follows by a walk from face to face. Its level comes from one ray per
//! component, cast straight down from the component's lowest vertex: the signed segments
//! it crosses give the winding around the component, and the nearest one tells which face
//! of another component holds it (so a face's area excludes the components inside it).

use super::noding::NodedEdge;
use super::shape;
use crate::geo::Point;
use crate::geo::measure::metres_per_degree;
use crate::geo::validity::orient;

/// A bounded face with its winding number, size, a point inside and the contributing units.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Face {
    /// Children covering it minus the parent (or, without a parent, the units covering it).
    pub winding: i32,
    /// Area in m² (nested components excluded).
    pub area_m2: f64,
    /// Length of its boundary in metres (nested components included).
    pub perimeter_m: f64,
    /// A point inside.
    pub at: Point,
    /// Units whose segments bound it (sorted, unique).
    pub owners: Vec<u32>,
}

/// Which side of `v` the direction `v → t` points to: 0 for angles in [0, π), 1 otherwise.
fn half(v: Point, t: Point) -> u8 {
    if t.lat > v.lat || (t.lat == v.lat && t.lon > v.lon) {
        0
    } else {
        1
    }
}

struct UnionFind(Vec<u32>);

impl UnionFind {
    fn find(&mut self, mut x: u32) -> u32 {
        while self.0[x as usize] != x {
            let p = self.0[self.0[x as usize] as usize];
            self.0[x as usize] = p;
            x = p;
        }
        x
    }
    fn union(&mut self, a: u32, b: u32) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b) as usize] = a.min(b);
        }
    }
}

/// Vertical strips over the segments, for the downward rays.
struct Strips {
    x0: f64,
    width: f64,
    cells: Vec<Vec<u32>>,
}

impl Strips {
    fn new(edges: &[NodedEdge]) -> Strips {
        let (mut x0, mut x1) = (f64::INFINITY, f64::NEG_INFINITY);
        for e in edges {
            x0 = x0.min(e.a.lon.min(e.b.lon));
            x1 = x1.max(e.a.lon.max(e.b.lon));
        }
        let n = (edges.len() / 8).clamp(1, 4096);
        let width = ((x1 - x0) / n as f64).max(f64::MIN_POSITIVE);
        let mut cells = vec![Vec::new(); n];
        let strips = Strips {
            x0,
            width,
            cells: Vec::new(),
        };
        for (i, e) in edges.iter().enumerate() {
            let (s0, s1) = (
                strips.cell(e.a.lon.min(e.b.lon), n),
                strips.cell(e.a.lon.max(e.b.lon), n),
            );
            for c in &mut cells[s0..=s1] {
                c.push(i as u32);
            }
        }
        Strips { cells, ..strips }
    }

    fn cell(&self, x: f64, n: usize) -> usize {
        let c = ((x - self.x0) / self.width).floor();
        if c.is_nan() || c < 0.0 {
            0
        } else {
            (c as usize).min(n - 1)
        }
    }

    fn at(&self, x: f64) -> &[u32] {
        &self.cells[self.cell(x, self.cells.len())]
    }
}

/// The bounded faces of `edges` whose winding number satisfies `want`.
pub(super) fn faces(edges: &[NodedEdge], want: impl Fn(i32) -> bool) -> Vec<Face> {
    if edges.is_empty() {
        return Vec::new();
    }
    // Vertices, numbered by sorted coordinates (deterministic).
    let key = |p: Point| (p.lon.to_bits(), p.lat.to_bits());
    let mut verts: Vec<(u64, u64)> = edges.iter().flat_map(|e| [key(e.a), key(e.b)]).collect();
    verts.sort_unstable();
    verts.dedup();
    let vid = |p: Point| verts.binary_search(&key(p)).unwrap_or(0) as u32;
    let point = |v: u32| {
        let (x, y) = verts[v as usize];
        Point::new(f64::from_bits(x), f64::from_bits(y))
    };
    let nh = edges.len() * 2;
    let origin: Vec<u32> = edges.iter().flat_map(|e| [vid(e.a), vid(e.b)]).collect();
    let dest = |h: usize| origin[h ^ 1];
    // Signed multiplicity along each half-edge.
    let d = |h: usize| {
        let w = edges[h / 2].weight;
        if h & 1 == 0 { w } else { -w }
    };

    // Outgoing half-edges per vertex, sorted counter-clockwise from east.
    let nv = verts.len();
    let mut start = vec![0u32; nv + 1];
    for &o in &origin {
        start[o as usize + 1] += 1;
    }
    for v in 0..nv {
        start[v + 1] += start[v];
    }
    let mut fill = start.clone();
    let mut out = vec![0u32; nh];
    for (h, &o) in origin.iter().enumerate() {
        out[fill[o as usize] as usize] = h as u32;
        fill[o as usize] += 1;
    }
    let mut pos = vec![0u32; nh];
    for v in 0..nv {
        let (s, e) = (start[v] as usize, start[v + 1] as usize);
        let pv = point(v as u32);
        out[s..e].sort_by(|&x, &y| {
            let (tx, ty) = (point(dest(x as usize)), point(dest(y as usize)));
            half(pv, tx).cmp(&half(pv, ty)).then_with(|| {
                let o = orient(pv, tx, ty);
                if o > 0.0 {
                    std::cmp::Ordering::Less
                } else if o < 0.0 {
                    std::cmp::Ordering::Greater
                } else {
                    x.cmp(&y)
                }
            })
        });
        for k in s..e {
            pos[out[k] as usize] = (k - s) as u32;
        }
    }
    let next = |h: usize| {
        let t = h ^ 1;
        let v = origin[t] as usize;
        let (s, e) = (start[v] as usize, start[v + 1] as usize);
        let p = pos[t] as usize;
        out[s + (p + (e - s) - 1) % (e - s)] as usize
    };

    // Trace the cycles.
    const NONE: u32 = u32::MAX;
    let mut cycle_of = vec![NONE; nh];
    let mut cycle_edges: Vec<u32> = Vec::with_capacity(nh);
    let mut cycle_start: Vec<u32> = Vec::new();
    let mut area2: Vec<f64> = Vec::new();
    for h0 in 0..nh {
        if cycle_of[h0] != NONE {
            continue;
        }
        let c = cycle_start.len() as u32;
        cycle_start.push(cycle_edges.len() as u32);
        let o = point(origin[h0]);
        let mut s = 0.0;
        let mut h = h0;
        loop {
            cycle_of[h] = c;
            cycle_edges.push(h as u32);
            let (a, b) = (point(origin[h]), point(dest(h)));
            s += (a.lon - o.lon) * (b.lat - o.lat) - (b.lon - o.lon) * (a.lat - o.lat);
            h = next(h);
            if h == h0 || cycle_of[h] != NONE {
                break;
            }
        }
        area2.push(s);
    }
    cycle_start.push(cycle_edges.len() as u32);
    let nc = area2.len();
    let cycle = |c: usize| &cycle_edges[cycle_start[c] as usize..cycle_start[c + 1] as usize];

    // Connected components.
    let mut uf = UnionFind((0..nv as u32).collect());
    for e in 0..edges.len() {
        uf.union(origin[2 * e], origin[2 * e + 1]);
    }
    let comp_of_cycle: Vec<u32> = (0..nc)
        .map(|c| uf.find(origin[cycle(c)[0] as usize]))
        .collect();
    let mut outer = vec![NONE; nv]; // by component root
    for c in 0..nc {
        let r = comp_of_cycle[c] as usize;
        if outer[r] == NONE || area2[c] < area2[outer[r] as usize] {
            outer[r] = c as u32;
        }
    }
    let mut lowest = vec![NONE; nv];
    for v in 0..nv as u32 {
        let r = uf.find(v) as usize;
        let better = lowest[r] == NONE || {
            let (p, q) = (point(v), point(lowest[r]));
            (p.lat, p.lon) < (q.lat, q.lon)
        };
        if better {
            lowest[r] = v;
        }
    }

    // One ray per component: winding around it and the face holding it.
    let strips = Strips::new(edges);
    let mut winding = vec![i32::MIN; nc];
    let mut hit = vec![NONE; nv]; // by component root: the cycle the downward ray meets first
    let mut queue: Vec<usize> = Vec::new();
    for r in 0..nv {
        if outer[r] == NONE {
            continue;
        }
        let v = point(lowest[r]);
        let mut w = 0;
        let mut nearest: Option<(f64, usize)> = None;
        for &e in strips.at(v.lon) {
            let ed = &edges[e as usize];
            let (a, b) = (ed.a, ed.b);
            if (a.lon > v.lon) == (b.lon > v.lon) {
                continue;
            }
            let (l, rr) = if a.lon < b.lon { (a, b) } else { (b, a) };
            if orient(l, rr, v) <= 0.0 {
                continue; // not below v
            }
            let east = b.lon > a.lon;
            w += if east { ed.weight } else { -ed.weight };
            let y = l.lat + (v.lon - l.lon) / (rr.lon - l.lon) * (rr.lat - l.lat);
            let h = 2 * e as usize + usize::from(!east);
            if nearest.is_none_or(|(ny, _)| y > ny) {
                nearest = Some((y, h));
            }
        }
        let oc = outer[r] as usize;
        winding[oc] = w;
        hit[r] = nearest.map_or(NONE, |(_, h)| cycle_of[h]);
        queue.push(oc);
        // Walk the component's faces.
        while let Some(c) = queue.pop() {
            let wc = winding[c];
            for &h in cycle(c) {
                let t = (h ^ 1) as usize;
                let c2 = cycle_of[t] as usize;
                if winding[c2] == i32::MIN {
                    winding[c2] = wc - d(h as usize);
                    queue.push(c2);
                }
            }
        }
    }

    // The face holding each component: the one above the first segment its ray meets — or,
    // when that segment is another component's outline (the two sit side by side in one
    // face), the face holding that component, and so on downwards.
    let mut holes: Vec<Vec<u32>> = vec![Vec::new(); nc]; // outer cycles inside each face
    for r in 0..nv {
        if outer[r] == NONE {
            continue;
        }
        let mut c = hit[r];
        while c != NONE {
            let r2 = comp_of_cycle[c as usize] as usize;
            if outer[r2] != c {
                break;
            }
            c = hit[r2];
        }
        if c != NONE {
            holes[c as usize].push(outer[r]);
        }
    }

    // The bounded faces asked for.
    let mut result = Vec::new();
    for c in 0..nc {
        if area2[c] <= 0.0 || winding[c] == i32::MIN || !want(winding[c]) {
            continue;
        }
        let ring_pts = |c: usize| -> Vec<Point> {
            cycle(c)
                .iter()
                .map(|&h| point(origin[h as usize]))
                .collect()
        };
        let mut rings: Vec<Vec<Point>> = vec![ring_pts(c)];
        let mut a2 = area2[c];
        for &hc in &holes[c] {
            a2 += area2[hc as usize]; // negative: the nested component's outline
            rings.push(ring_pts(hc as usize));
        }
        let lat = rings[0].iter().map(|p| p.lat).sum::<f64>() / rings[0].len() as f64;
        let (mx, my) = metres_per_degree(lat);
        let mut perimeter = 0.0;
        for r in &rings {
            for i in 0..r.len() {
                let (a, b) = (r[i], r[(i + 1) % r.len()]);
                perimeter += ((b.lon - a.lon) * mx).hypot((b.lat - a.lat) * my);
            }
        }
        let views: Vec<&[Point]> = rings.iter().map(Vec::as_slice).collect();
        let at = shape::interior_point(&views, 24).unwrap_or(rings[0][0]);
        let mut owners: Vec<u32> = cycle(c)
            .iter()
            .flat_map(|&h| edges[h as usize / 2].owners.iter())
            .collect();
        owners.sort_unstable();
        owners.dedup();
        result.push(Face {
            winding: winding[c],
            area_m2: (a2 / 2.0).max(0.0) * mx * my,
            perimeter_m: perimeter,
            at,
            owners,
        });
    }
    result
}

#[cfg(test)]
mod tests {
    use super::super::edges::Leftover;
    use super::super::noding::node;
    use super::*;

    fn ring(c: &[(f64, f64)], w: i32, owner: u32) -> Vec<Leftover> {
        (0..c.len())
            .map(|i| {
                let (a, b) = (c[i], c[(i + 1) % c.len()]);
                let (a, b) = if w > 0 { (a, b) } else { (b, a) };
                Leftover {
                    a: Point::new(a.0, a.1),
                    b: Point::new(b.0, b.1),
                    weight: 1,
                    owners: [owner, owner],
                }
            })
            .collect()
    }

    fn all(edges: &[Leftover]) -> Vec<Face> {
        let mut f = faces(&node(edges), |_| true);
        f.sort_by(|a, b| {
            a.winding
                .cmp(&b.winding)
                .then(a.area_m2.total_cmp(&b.area_m2))
        });
        f
    }

    #[test]
    fn a_hole_and_an_island_inside_it() {
        // Outer square (ccw, +1), a hole (cw, -1) and an island in the hole (ccw, +1).
        let mut e = ring(&[(0., 0.), (0.01, 0.), (0.01, 0.01), (0., 0.01)], 1, 0);
        e.extend(ring(
            &[
                (0.002, 0.002),
                (0.008, 0.002),
                (0.008, 0.008),
                (0.002, 0.008),
            ],
            -1,
            1,
        ));
        e.extend(ring(
            &[
                (0.004, 0.004),
                (0.006, 0.004),
                (0.006, 0.006),
                (0.004, 0.006),
            ],
            1,
            2,
        ));
        let f = all(&e);
        assert_eq!(f.len(), 3, "{f:?}");
        assert_eq!(f.iter().map(|f| f.winding).collect::<Vec<_>>(), [0, 1, 1]);
        // The hole face excludes the island: 36 − 4 = 32 units of (0.001°)².
        let unit = {
            let (mx, my) = metres_per_degree(0.005);
            1e-6 * mx * my
        };
        let hole = &f[0];
        assert!(
            (hole.area_m2 / unit - 32.0).abs() < 0.01,
            "{}",
            hole.area_m2 / unit
        );
        assert!(!(0.004..=0.006).contains(&hole.at.lon) || !(0.004..=0.006).contains(&hole.at.lat));
        assert_eq!(hole.owners, [1]);
    }

    #[test]
    fn islands_side_by_side_are_both_cut_out_of_the_face_around_them() {
        // A parent-like outline (cw: the region inside has winding -1 around the islands)
        // with two unit squares stacked in it: the lower one's outline lies right under the
        // upper one's lowest vertex.
        let mut e = ring(&[(0., 0.), (6., 0.), (6., 6.), (0., 6.)], -1, 9);
        e.extend(ring(&[(1., 3.), (2., 3.), (2., 4.), (1., 4.)], 1, 1));
        e.extend(ring(&[(1., 1.), (2., 1.), (2., 2.), (1., 2.)], 1, 2));
        let f = all(&e);
        let (mx, my) = metres_per_degree(3.0);
        let around: Vec<&Face> = f.iter().filter(|f| f.winding == -1).collect();
        assert_eq!(around.len(), 1, "{f:?}");
        let cells = around[0].area_m2 / (mx * my);
        assert!((cells - 34.0).abs() < 0.05, "{cells}");
    }

    #[test]
    fn overlapping_squares_give_a_doubly_covered_face() {
        let mut e = ring(&[(0., 0.), (2., 0.), (2., 2.), (0., 2.)], 1, 0);
        e.extend(ring(&[(1., 1.), (3., 1.), (3., 3.), (1., 3.)], 1, 1));
        let f = all(&e);
        let double: Vec<&Face> = f.iter().filter(|f| f.winding == 2).collect();
        assert_eq!(double.len(), 1);
        let p = double[0].at;
        assert!(
            p.lon > 1.0 && p.lon < 2.0 && p.lat > 1.0 && p.lat < 2.0,
            "{p:?}"
        );
        assert_eq!(double[0].owners, [0, 1]);
        assert_eq!(f.iter().filter(|f| f.winding == 1).count(), 2);
    }
}
