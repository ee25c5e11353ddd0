//! Building a [`RegionIndex`]: collect and merge edges, cut cells, compute corner statuses,
//! write leaves.

use std::collections::HashMap;

use crate::geo::{MultiPolygon, Point};
use crate::grid::GridError;

use super::predicates::{crosses_down, toggles};
use super::region::{
    COMPACT_MAX_VERTICES, GENERAL_BIT, LOCAL_MAX, MAX_REGIONS, NO_REGION, NODE_HEADER, PAYLOAD,
    RegionIndex, TAG_LEAF, TAG_MULTI, TAG_NODE, TAG_SHIFT, Table,
};

/// Tuning of the cell structure. Any setting gives the same answers; only speed and memory
/// change.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Params {
    /// Average edges per root cell.
    pub(crate) root_edges: f64,
    /// A cell with more edges than this is cut into a finer table.
    pub(crate) leaf_max: usize,
    /// Edges per cell aimed at when cutting.
    pub(crate) leaf_target: f64,
    /// Deepest table nesting.
    pub(crate) max_depth: u32,
    /// Most columns (and rows) of a finer table.
    pub(crate) max_fanout: u32,
    /// Most root cells.
    pub(crate) max_root_cells: usize,
    /// Whether leaves may use the compact format (tests turn it off to exercise the
    /// general one).
    pub(crate) compact: bool,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            root_edges: 1.5,
            leaf_max: 10,
            leaf_target: 3.0,
            max_depth: 8,
            max_fanout: 32,
            max_root_cells: 1 << 24,
            compact: true,
        }
    }
}

/// A boundary segment, endpoints in canonical order, toggling one or two regions.
#[derive(Debug, Clone, Copy)]
struct Edge {
    a: Point,
    b: Point,
    r1: u32,
    r2: u32,
}

fn cmp_point(p: &Point, q: &Point) -> std::cmp::Ordering {
    p.lon.total_cmp(&q.lon).then(p.lat.total_cmp(&q.lat))
}

fn too_large(what: &'static str, actual: usize, limit: usize) -> GridError {
    GridError::TooLarge {
        what,
        actual,
        limit,
    }
}

/// The largest `n ≤ want` for which cutting `[lo, hi]` into `n` parts gives strictly
/// increasing boundaries.
fn fitting(lo: f64, hi: f64, want: u32) -> u32 {
    let mut n = want.max(1);
    while n > 1 {
        let w = (hi - lo) / f64::from(n);
        let ok = (1..=n).all(|i| {
            let a = lo + f64::from(i - 1) * w;
            let b = if i == n { hi } else { lo + f64::from(i) * w };
            a < b
        });
        if ok && w.is_finite() {
            return n;
        }
        n /= 2;
    }
    1
}

/// Whether segment `a–b` meets the closed box (its bounding box is known to).
fn meets_box(a: Point, b: Point, x0: f64, y0: f64, x1: f64, y1: f64) -> bool {
    use crate::geo::validity::orient;
    let s = [
        orient(a, b, Point::new(x0, y0)),
        orient(a, b, Point::new(x1, y0)),
        orient(a, b, Point::new(x1, y1)),
        orient(a, b, Point::new(x0, y1)),
    ];
    !(s.iter().all(|&v| v > 0.0) || s.iter().all(|&v| v < 0.0))
}

/// Columns `[lo, hi]` of `t` whose closed intervals meet `[min, max]`.
fn col_range(t: &Table, min: f64, max: f64) -> (u32, u32) {
    let mut lo = t.col(min.max(t.x0));
    while lo > 0 && t.xs(lo) >= min {
        lo -= 1;
    }
    let mut hi = t.col(max.min(t.x1));
    while hi + 1 < t.cols && t.xs(hi + 1) <= max {
        hi += 1;
    }
    (lo, hi)
}

fn row_range(t: &Table, min: f64, max: f64) -> (u32, u32) {
    let mut lo = t.row(min.max(t.y0));
    while lo > 0 && t.ys(lo) >= min {
        lo -= 1;
    }
    let mut hi = t.row(max.min(t.y1));
    while hi + 1 < t.rows && t.ys(hi + 1) <= max {
        hi += 1;
    }
    (lo, hi)
}

/// Calls `f(cell)` for every cell of `t` (row-major number) whose closed box meets the
/// edge.
fn for_cells(t: &Table, e: &Edge, mut f: impl FnMut(usize)) {
    let (minx, maxx) = (e.a.lon.min(e.b.lon), e.a.lon.max(e.b.lon));
    let (miny, maxy) = (e.a.lat.min(e.b.lat), e.a.lat.max(e.b.lat));
    if maxx < t.x0 || minx > t.x1 || maxy < t.y0 || miny > t.y1 {
        return;
    }
    let (i0, i1) = col_range(t, minx, maxx);
    let (j0, j1) = row_range(t, miny, maxy);
    let single = i0 == i1 && j0 == j1;
    for j in j0..=j1 {
        for i in i0..=i1 {
            if single || meets_box(e.a, e.b, t.xs(i), t.ys(j), t.xs(i + 1), t.ys(j + 1)) {
                f((j * t.cols + i) as usize);
            }
        }
    }
}

/// Edge ids per cell of a table, as offsets + ids.
struct CellLists {
    start: Vec<u32>,
    ids: Vec<u32>,
}

impl CellLists {
    fn build(t: &Table, edges: &[Edge], ids: impl Iterator<Item = u32> + Clone) -> CellLists {
        let cells = (t.cols * t.rows) as usize;
        let mut count = vec![0u32; cells + 1];
        for id in ids.clone() {
            for_cells(t, &edges[id as usize], |c| count[c + 1] += 1);
        }
        for c in 0..cells {
            count[c + 1] += count[c];
        }
        let mut fill = count.clone();
        let mut out = vec![0u32; count[cells] as usize];
        for id in ids {
            for_cells(t, &edges[id as usize], |c| {
                out[fill[c] as usize] = id;
                fill[c] += 1;
            });
        }
        CellLists {
            start: count,
            ids: out,
        }
    }

    fn cell(&self, c: usize) -> &[u32] {
        &self.ids[self.start[c] as usize..self.start[c + 1] as usize]
    }
}

fn toggle(set: &mut Vec<u32>, r: u32) {
    if let Some(k) = set.iter().position(|&x| x == r) {
        set.swap_remove(k);
    } else {
        set.push(r);
    }
}

fn toggle_edge(set: &mut Vec<u32>, e: &Edge) {
    toggle(set, e.r1);
    if e.r2 != NO_REGION {
        toggle(set, e.r2);
    }
}

struct Builder<'a> {
    params: &'a Params,
    edges: Vec<Edge>,
    data: Vec<u64>,
    sets: Vec<u32>,
    set_cache: HashMap<Vec<u32>, u32>,
}

impl Builder<'_> {
    fn status_entry(&mut self, set: &[u32]) -> Result<u32, GridError> {
        match set {
            [] => Ok(0),
            [r] => Ok(r + 1),
            _ => {
                let mut key = set.to_vec();
                key.sort_unstable();
                if let Some(&e) = self.set_cache.get(&key) {
                    return Ok(e);
                }
                let off = self.sets.len();
                if off > PAYLOAD as usize {
                    return Err(too_large("overlap lists", off, PAYLOAD as usize));
                }
                self.sets.push(key.len() as u32);
                self.sets.extend_from_slice(&key);
                let e = (TAG_MULTI << TAG_SHIFT) | off as u32;
                self.set_cache.insert(key, e);
                Ok(e)
            }
        }
    }

    fn offset(&self) -> Result<u32, GridError> {
        let off = self.data.len();
        if off > PAYLOAD as usize {
            return Err(too_large("index words", off, PAYLOAD as usize));
        }
        Ok(off as u32)
    }

    /// Writes the cell with the given box, corner status and edges; returns its entry.
    fn cell(
        &mut self,
        bx: [f64; 4],
        base: &[u32],
        ids: &[u32],
        depth: u32,
        parent_n: usize,
    ) -> Result<u32, GridError> {
        if ids.is_empty() {
            return self.status_entry(base);
        }
        let p = self.params;
        let n = ids.len();
        if n <= p.leaf_max || depth >= p.max_depth || n >= parent_n {
            return self.leaf(bx, base, ids);
        }
        let [x0, y0, x1, y1] = bx;
        let cells = (n as f64 / p.leaf_target).max(4.0);
        let aspect = ((x1 - x0) / (y1 - y0)).clamp(1e-3, 1e3);
        let want_c = (cells * aspect)
            .sqrt()
            .ceil()
            .clamp(1.0, f64::from(p.max_fanout)) as u32;
        let want_r = (cells / f64::from(want_c))
            .ceil()
            .clamp(1.0, f64::from(p.max_fanout)) as u32;
        let (cols, rows) = (fitting(x0, x1, want_c), fitting(y0, y1, want_r));
        if cols * rows <= 1 {
            return self.leaf(bx, base, ids);
        }
        let t = Table::new(x0, y0, x1, y1, cols, rows);
        let lists = CellLists::build(&t, &self.edges, ids.iter().copied());
        // Corner statuses: up the east side from the table's corner, then west along rows.
        let mut bases: Vec<Vec<u32>> = vec![Vec::new(); (cols * rows) as usize];
        for j in 0..rows {
            let y = t.ys(j);
            let mut s = base.to_vec();
            for &id in ids {
                let e = self.edges[id as usize];
                if toggles(e.a, e.b, Point::new(x1, y), x1, y0) {
                    toggle_edge(&mut s, &e);
                }
            }
            for i in (0..cols).rev() {
                let c = (j * cols + i) as usize;
                bases[c] = s.clone();
                let q = Point::new(t.xs(i), y);
                for &id in lists.cell(c) {
                    let e = self.edges[id as usize];
                    if toggles(e.a, e.b, q, t.xs(i + 1), y) {
                        toggle_edge(&mut s, &e);
                    }
                }
            }
        }
        let off = self.offset()?;
        t.write(&mut self.data);
        let slots = off as usize + NODE_HEADER;
        self.data
            .resize(slots + ((cols * rows) as usize).div_ceil(2), 0);
        for j in 0..rows {
            for i in 0..cols {
                let c = (j * cols + i) as usize;
                let child = [t.xs(i), t.ys(j), t.xs(i + 1), t.ys(j + 1)];
                let entry = self.cell(child, &bases[c], lists.cell(c), depth + 1, n)?;
                self.data[slots + c / 2] |= u64::from(entry) << ((c % 2) * 32);
            }
        }
        Ok((TAG_NODE << TAG_SHIFT) | off)
    }

    /// Writes a leaf: its corner status and its edges chained into polylines.
    ///
    /// The compact format (at most [`LOCAL_MAX`] regions): a header (vertex count, local
    /// region count, corner status as a bit mask), the local region ids ascending, one
    /// flag byte per vertex (the local regions the edge to the next vertex toggles — none
    /// at the end of a polyline — and whether that edge crosses the east side above the
    /// corner), then all longitudes, then all latitudes. Otherwise the general format:
    /// the corner status entry and runs (header with the count and the one or two
    /// regions, then the vertices).
    fn leaf(&mut self, bx: [f64; 4], base: &[u32], ids: &[u32]) -> Result<u32, GridError> {
        let [_, y0, x1, _] = bx;
        let off = self.offset()?;
        let mut group: Vec<Edge> = ids.iter().map(|&i| self.edges[i as usize]).collect();
        group.sort_unstable_by_key(|e| (e.r1, e.r2));
        let mut lines: Vec<(Vec<Point>, u32, u32)> = Vec::new();
        for same in group.chunk_by(|x, y| (x.r1, x.r2) == (y.r1, y.r2)) {
            for line in chains(same) {
                lines.push((line, same[0].r1, same[0].r2));
            }
        }
        let mut locals: Vec<u32> = base.to_vec();
        for &(_, r1, r2) in &lines {
            locals.push(r1);
            if r2 != NO_REGION {
                locals.push(r2);
            }
        }
        locals.sort_unstable();
        locals.dedup();
        let n: usize = lines.iter().map(|l| l.0.len()).sum();
        if locals.len() > LOCAL_MAX || n > COMPACT_MAX_VERTICES || !self.params.compact {
            return self.general_leaf(off, base, &lines);
        }
        let bit = |r: u32| 1u8 << locals.binary_search(&r).unwrap_or(0);
        let base_mask = base.iter().fold(0, |m, &r| m | bit(r));
        let head = n as u64 | ((locals.len() as u64) << 16) | (u64::from(base_mask) << 24);
        let (mut live, mut vcand) = (0u64, 0u64);
        let mut flags: Vec<u8> = Vec::with_capacity(n);
        let mut xs: Vec<u64> = Vec::with_capacity(n);
        let mut ys: Vec<u64> = Vec::with_capacity(n);
        for (line, r1, r2) in &lines {
            let mask = bit(*r1) | if *r2 == NO_REGION { 0 } else { bit(*r2) };
            for (k, v) in line.iter().enumerate() {
                let i = xs.len();
                match line.get(k + 1) {
                    None => flags.push(0),
                    Some(&w) => {
                        live |= 1 << i;
                        // Crosses x1 + ε above y0 + ε²: the static half of the way down.
                        if crosses_down(*v, w, f64::INFINITY, x1, y0) {
                            vcand |= 1 << i;
                        }
                        flags.push(mask);
                    }
                }
                xs.push(v.lon.to_bits());
                ys.push(v.lat.to_bits());
            }
        }
        self.data.extend_from_slice(&[head, live, vcand]);
        self.data.extend_from_slice(&ys);
        self.data.extend_from_slice(&xs);
        for chunk in flags.chunks(8) {
            let mut w = 0u64;
            for (k, &f) in chunk.iter().enumerate() {
                w |= u64::from(f) << (k * 8);
            }
            self.data.push(w);
        }
        for pair in locals.chunks(2) {
            self.data
                .push(u64::from(pair[0]) | (u64::from(pair.get(1).copied().unwrap_or(0)) << 32));
        }
        Ok((TAG_LEAF << TAG_SHIFT) | off)
    }

    fn general_leaf(
        &mut self,
        off: u32,
        base: &[u32],
        lines: &[(Vec<Point>, u32, u32)],
    ) -> Result<u32, GridError> {
        let status = self.status_entry(base)?;
        self.data.push(0);
        let mut runs = 0u64;
        // Polylines hold at most 65 vertices (see `chains`), well within a run's count.
        for (line, r1, r2) in lines {
            self.data
                .push(line.len() as u64 | (u64::from(*r1) << 16) | (u64::from(*r2) << 40));
            for v in line {
                self.data.push(v.lon.to_bits());
                self.data.push(v.lat.to_bits());
            }
            runs += 1;
        }
        self.data[off as usize] = u64::from(status) | ((runs | GENERAL_BIT) << 32);
        Ok((TAG_LEAF << TAG_SHIFT) | off)
    }
}

/// Chains edges into polylines through shared endpoints (small groups only; larger ones,
/// which only arise around points where very many edges meet, stay one run per edge).
fn chains(edges: &[Edge]) -> Vec<Vec<Point>> {
    if edges.len() > 64 {
        return edges.iter().map(|e| vec![e.a, e.b]).collect();
    }
    let mut used = vec![false; edges.len()];
    let mut out = Vec::new();
    for s in 0..edges.len() {
        if used[s] {
            continue;
        }
        used[s] = true;
        let mut line = std::collections::VecDeque::from([edges[s].a, edges[s].b]);
        for at_back in [true, false] {
            loop {
                let end = if at_back {
                    line[line.len() - 1]
                } else {
                    line[0]
                };
                let next = (0..edges.len()).find_map(|k| {
                    if used[k] {
                        None
                    } else if edges[k].a == end {
                        Some((k, edges[k].b))
                    } else if edges[k].b == end {
                        Some((k, edges[k].a))
                    } else {
                        None
                    }
                });
                let Some((k, v)) = next else { break };
                used[k] = true;
                if at_back {
                    line.push_back(v);
                } else {
                    line.push_front(v);
                }
            }
        }
        out.push(line.into_iter().collect());
    }
    out
}

/// Builds the index of `regions` (region id = position). Every ring of a region toggles
/// it (even–odd over all its rings). Coordinates must be finite.
pub(crate) fn build(regions: &[&MultiPolygon], params: &Params) -> Result<RegionIndex, GridError> {
    if regions.len() > MAX_REGIONS {
        return Err(too_large("indexed units", regions.len(), MAX_REGIONS));
    }
    // Every ring with its region, listed once with plain loops. (A nested `flat_map` over
    // regions → polygons → rings, re-run for each pass, made optimised builds read the
    // unwritten half of an empty `Option<slice::Iter>` in a branch-free check that
    // Memcheck reports as a conditional jump on uninitialised memory; harmless, but it
    // needed a suppression in the C tests.)
    let mut ring_list: Vec<(u32, &[Point])> = Vec::new();
    for (r, m) in regions.iter().enumerate() {
        for poly in &m.polygons {
            ring_list.push((r as u32, poly.exterior.points()));
            for hole in &poly.holes {
                ring_list.push((r as u32, hole.points()));
            }
        }
    }
    let rings = || ring_list.iter().copied();
    let mut bbox: Option<[f64; 4]> = None;
    let mut raw = 0usize;
    for (_, pts) in rings() {
        for p in pts {
            let b = bbox.get_or_insert([p.lon, p.lat, p.lon, p.lat]);
            b[0] = b[0].min(p.lon);
            b[1] = b[1].min(p.lat);
            b[2] = b[2].max(p.lon);
            b[3] = b[3].max(p.lat);
        }
        raw += pts.len().saturating_sub(1);
    }
    let Some([x0, y0, x1, y1]) = bbox.filter(|b| b[0] < b[2] && b[1] < b[3]) else {
        return Err(GridError::EmptyLayer("no area to index".into()));
    };
    let cells = (raw as f64 / 2.0 / params.root_edges).clamp(1.0, params.max_root_cells as f64);
    let aspect = ((x1 - x0) / (y1 - y0)).clamp(1e-6, 1e6);
    let want_c = (cells * aspect).sqrt().ceil().clamp(1.0, cells) as u32;
    let want_r = (cells / f64::from(want_c)).ceil().max(1.0) as u32;
    let table = Table::new(
        x0,
        y0,
        x1,
        y1,
        fitting(x0, x1, want_c),
        fitting(y0, y1, want_r),
    );
    let ncells = (table.cols * table.rows) as usize;

    // Raw edges, bucketed by the root cell of their first (canonical) endpoint so that
    // copies of one segment meet in one bucket.
    let canon = |a: Point, b: Point| {
        if cmp_point(&a, &b).is_le() {
            (a, b)
        } else {
            (b, a)
        }
    };
    let bucket = |p: Point| (table.row(p.lat) * table.cols + table.col(p.lon)) as usize;
    let mut start = vec![0usize; ncells + 1];
    for (_, pts) in rings() {
        for w in pts.windows(2) {
            if w[0] != w[1] {
                start[bucket(canon(w[0], w[1]).0) + 1] += 1;
            }
        }
    }
    for c in 0..ncells {
        start[c + 1] += start[c];
    }
    let empty = Edge {
        a: Point::default(),
        b: Point::default(),
        r1: 0,
        r2: NO_REGION,
    };
    let mut all = vec![empty; start[ncells]];
    let mut fill = start.clone();
    for (r, pts) in rings() {
        for w in pts.windows(2) {
            if w[0] != w[1] {
                let (a, b) = canon(w[0], w[1]);
                let c = bucket(a);
                all[fill[c]] = Edge {
                    a,
                    b,
                    r1: r,
                    r2: NO_REGION,
                };
                fill[c] += 1;
            }
        }
    }
    drop(fill);
    // Merge copies: a region on both sides cancels out; the rest pair up.
    let mut edges: Vec<Edge> = Vec::with_capacity(all.len() / 2 + 16);
    let mut regs: Vec<u32> = Vec::new();
    for c in 0..ncells {
        let b = &mut all[start[c]..start[c + 1]];
        b.sort_unstable_by(|x, y| {
            cmp_point(&x.a, &y.a)
                .then(cmp_point(&x.b, &y.b))
                .then(x.r1.cmp(&y.r1))
        });
        for same in
            b.chunk_by(|x, y| cmp_point(&x.a, &y.a).is_eq() && cmp_point(&x.b, &y.b).is_eq())
        {
            regs.clear();
            for e in same {
                if regs.last() == Some(&e.r1) {
                    regs.pop();
                } else {
                    regs.push(e.r1);
                }
            }
            for pair in regs.chunks(2) {
                edges.push(Edge {
                    a: same[0].a,
                    b: same[0].b,
                    r1: pair[0],
                    r2: pair.get(1).copied().unwrap_or(NO_REGION),
                });
            }
        }
    }
    drop(all);
    if edges.len() > u32::MAX as usize {
        return Err(too_large("edges", edges.len(), u32::MAX as usize));
    }

    let lists = CellLists::build(&table, &edges, 0..edges.len() as u32);
    let mut b = Builder {
        params,
        edges,
        data: Vec::new(),
        sets: Vec::new(),
        set_cache: HashMap::new(),
    };
    let mut root = vec![0u32; ncells];
    let mut bases: Vec<Vec<u32>> = vec![Vec::new(); table.cols as usize];
    let mut row_data: Vec<u32> = Vec::with_capacity(table.rows as usize + 1);
    for j in 0..table.rows {
        row_data.push(b.data.len().min(u32::MAX as usize) as u32);
        // Corner statuses along the row, from the east end (outside every region).
        let y = table.ys(j);
        let mut s: Vec<u32> = Vec::new();
        for i in (0..table.cols).rev() {
            bases[i as usize] = s.clone();
            let q = Point::new(table.xs(i), y);
            for &id in lists.cell((j * table.cols + i) as usize) {
                let e = b.edges[id as usize];
                if toggles(e.a, e.b, q, table.xs(i + 1), y) {
                    toggle_edge(&mut s, &e);
                }
            }
        }
        for i in 0..table.cols {
            let c = (j * table.cols + i) as usize;
            let bx = [table.xs(i), y, table.xs(i + 1), table.ys(j + 1)];
            root[c] = b.cell(bx, &bases[i as usize], lists.cell(c), 0, usize::MAX)?;
        }
    }
    let mut data = b.data;
    data.shrink_to_fit();
    let mut sets = b.sets;
    sets.shrink_to_fit();
    row_data.push(data.len().min(u32::MAX as usize) as u32);
    Ok(RegionIndex {
        table,
        root,
        data,
        sets,
        row_data,
        regions: regions.len(),
    })
}
