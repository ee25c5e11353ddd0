//! Building a [`RegionIndex`]: collect and merge edges, chain them into the shared exact
//! store, lay the lattice, cut cells, compute corner statuses, write leaves.

use crate::geo::{MultiPolygon, Point};
use crate::grid::GridError;

use super::predicates::{crosses_down, toggles};
use super::region::{
    Axis, FAR_SIDE, LOCAL_BITS, LOCAL_MAX, LOCAL_TOP, Lattice, MARGIN, MAX_REGIONS, NO_REGION,
    NODE_BITS, PAYLOAD, QHead, QLEAF_MAX_VERTICES, RegionIndex, TAG_GLEAF, TAG_NODE, TAG_QLEAF,
    TAG_SHIFT, flag_shift,
};
use super::verts::Verts;

/// Tuning of the cell structure. Any setting gives the same answers; only speed and memory
/// change.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Params {
    /// Average edges per root cell.
    pub(crate) root_edges: f64,
    /// Average edges per root cell on small layers: the root table has at least as many
    /// cells as this asks for, up to `small_root_cells`. While the index is small a finer
    /// table costs little memory and leaves more cells without edges, answered at once
    /// (on the 1,358-grid sample county: about 3 of 4 points instead of 2 of 5).
    pub(crate) small_root_edges: f64,
    /// Most root cells `small_root_edges` may ask for (`2^19`: a 2 MB root table; larger
    /// layers get `root_edges` alone).
    pub(crate) small_root_cells: usize,
    /// A cell with more edges than this is cut into a 4 × 4 node.
    pub(crate) leaf_max: usize,
    /// Deepest node nesting.
    pub(crate) max_depth: u32,
    /// Most root cells.
    pub(crate) max_root_cells: usize,
    /// Whether leaves may use the quantized format (tests turn it off to exercise the
    /// general one).
    pub(crate) compact: bool,
    /// Threads writing the cells (1: none; the index is the same for any number).
    pub(crate) threads: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            root_edges: 1.5,
            small_root_edges: 0.2,
            small_root_cells: 1 << 19,
            leaf_max: 10,
            max_depth: 6,
            max_root_cells: 1 << 24,
            compact: true,
            threads: 1,
        }
    }
}

/// A boundary segment (endpoints in canonical order) toggling one or two regions.
#[derive(Debug, Clone, Copy)]
struct Edge {
    a: Point,
    b: Point,
    r1: u32,
    r2: u32,
}

/// A segment of a ring before merging: its region and its number in ring order.
#[derive(Debug, Clone, Copy)]
struct RawEdge {
    a: Point,
    b: Point,
    r: u32,
    raw: u32,
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

/// The exact sides of a table's cells (`cols + 1` and `rows + 1` values, increasing).
#[derive(Default)]
struct Sides {
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// For the root table: the lattice whose cells of `2^shift` units these are, which
    /// tells where to look for a coordinate among the sides at once.
    guide: Option<Lattice>,
}

/// `s.partition_point(|&x| x < v)` for increasing `s`, looked for from `guess` (exact for
/// any guess; quick for a good one).
fn count_below(s: &[f64], v: f64, guess: usize) -> usize {
    let mut k = guess.min(s.len());
    while k > 0 && s[k - 1] >= v {
        k -= 1;
    }
    while k < s.len() && s[k] < v {
        k += 1;
    }
    k
}

/// `s.partition_point(|&x| x <= v)` for increasing `s`, looked for from `guess`.
fn count_at_most(s: &[f64], v: f64, guess: usize) -> usize {
    let mut k = guess.min(s.len());
    while k > 0 && s[k - 1] > v {
        k -= 1;
    }
    while k < s.len() && s[k] <= v {
        k += 1;
    }
    k
}

impl Sides {
    fn cols(&self) -> usize {
        self.xs.len() - 1
    }

    fn rows(&self) -> usize {
        self.ys.len() - 1
    }

    /// Calls `f(cell)` for every cell (row-major number) whose closed box meets the edge.
    fn for_cells(&self, e: &Edge, mut f: impl FnMut(usize)) {
        let (xs, ys) = (&self.xs, &self.ys);
        let (minx, maxx) = (e.a.lon.min(e.b.lon), e.a.lon.max(e.b.lon));
        let (miny, maxy) = (e.a.lat.min(e.b.lat), e.a.lat.max(e.b.lat));
        let (cols, rows) = (self.cols(), self.rows());
        if maxx < xs[0] || minx > xs[cols] || maxy < ys[0] || miny > ys[rows] {
            return;
        }
        // Closed intervals [xs[i], xs[i + 1]] meeting [minx, maxx]. The root table's cell
        // of a coordinate is known from the lattice (the sides are where the lattice
        // formula reaches each cell), so the search starts there and takes a step or none.
        let (gx0, gx1, gy0, gy1) = match &self.guide {
            Some(l) => {
                let cell = |a: &Axis, v: f64| ((a.real(v).max(0.0) as u64) >> l.shift) as usize;
                (
                    cell(&l.x, minx),
                    cell(&l.x, maxx) + 1,
                    cell(&l.y, miny),
                    cell(&l.y, maxy) + 1,
                )
            }
            None => (0, 0, 0, 0),
        };
        let i0 = count_below(&xs[1..], minx, gx0);
        let i1 = count_at_most(&xs[..cols], maxx, gx1) - 1;
        let j0 = count_below(&ys[1..], miny, gy0);
        let j1 = count_at_most(&ys[..rows], maxy, gy1) - 1;
        let single = i0 == i1 && j0 == j1;
        for j in j0..=j1 {
            for i in i0..=i1 {
                if single || meets_box(e.a, e.b, xs[i], ys[j], xs[i + 1], ys[j + 1]) {
                    f(j * cols + i);
                }
            }
        }
    }
}

/// Edge ids per cell of a table, as offsets + ids (buffers reused from cell to cell).
#[derive(Default)]
struct CellLists {
    start: Vec<u32>,
    ids: Vec<u32>,
    fill: Vec<u32>,
}

impl CellLists {
    /// Lists the edges `ids` meeting each cell of `s`.
    fn fill_from(&mut self, s: &Sides, edges: &[Edge], ids: impl Iterator<Item = u32> + Clone) {
        let cells = s.cols() * s.rows();
        let count = &mut self.start;
        count.clear();
        count.resize(cells + 1, 0);
        for id in ids.clone() {
            s.for_cells(&edges[id as usize], |c| count[c + 1] += 1);
        }
        for c in 0..cells {
            count[c + 1] += count[c];
        }
        self.fill.clear();
        self.fill.extend_from_slice(&count[..cells]);
        self.ids.clear();
        self.ids.resize(count[cells] as usize, 0);
        let (fill, out) = (&mut self.fill, &mut self.ids);
        for id in ids {
            s.for_cells(&edges[id as usize], |c| {
                out[fill[c] as usize] = id;
                fill[c] += 1;
            });
        }
    }

    fn cell(&self, c: usize) -> &[u32] {
        &self.ids[self.start[c] as usize..self.start[c + 1] as usize]
    }
}

/// The corner statuses of a row of cells (region ids, flattened), reused from row to row.
#[derive(Default)]
struct Statuses {
    ids: Vec<u32>,
    /// Per cell: the range of its status in `ids`.
    ranges: Vec<(u32, u32)>,
    /// The running set.
    set: Vec<u32>,
}

impl Statuses {
    fn get(&self, i: usize) -> &[u32] {
        let (a, b) = self.ranges[i];
        &self.ids[a as usize..b as usize]
    }
}

/// What a node needs while its children are written (one per nesting level, reused).
#[derive(Default)]
struct NodeScratch {
    sides: Sides,
    lists: CellLists,
    statuses: Statuses,
}

/// Buffers of the leaf writers (leaves are not nested: one set, reused).
#[derive(Default)]
struct LeafScratch {
    locals: Vec<u32>,
    ps: Vec<(u32, u32)>,
    runs: Vec<(u32, u32, u32, u32)>,
    xs: Vec<i64>,
    ys: Vec<i64>,
    flags: Vec<u32>,
    starts: Vec<u32>,
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

/// A cell being written: its lattice position and width, and its exact box.
#[derive(Debug, Clone, Copy)]
struct Spec {
    u0: u64,
    v0: u64,
    k: u32,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

/// `⌈log2 n⌉` (0 for n ≤ 1).
fn ceil_log2(n: u32) -> u32 {
    if n <= 1 {
        0
    } else {
        32 - (n - 1).leading_zeros()
    }
}

/// The lattice over `[x0, x1] × [y0, y1]` with about `cols × rows` root cells.
///
/// A lattice unit is at least eight ulps of the coordinates, so that every float step moves
/// a lattice position by at most an eighth of a unit (no unit is skipped); at most 2^31
/// units an axis, so units fit `u32` and scaled positions are computed within 2^-20 units.
fn lattice(x0: f64, y0: f64, x1: f64, y1: f64, cols: u32, rows: u32) -> Lattice {
    let max_units = |lo: f64, hi: f64| {
        let m = lo.abs().max(hi.abs());
        let unit = (8.0 * (m.next_up() - m)).max(2f64.powi(-1000));
        ((hi - lo) / unit).floor().clamp(1.0, f64::from(1u32 << 31))
    };
    let (mx, my) = (max_units(x0, x1), max_units(y0, y1));
    let cols = cols.clamp(1, mx as u32);
    let rows = rows.clamp(1, my as u32);
    let fit = |m: f64, n: u32| (m / f64::from(n)).log2().floor().max(0.0) as u32;
    let shift = (31 - ceil_log2(cols.max(rows)))
        .min(fit(mx, cols))
        .min(fit(my, rows));
    let axis = |lo: f64, hi: f64, n: u32| {
        let units = f64::from(n) * f64::from(1u32 << shift);
        let mut a = Axis {
            lo,
            scale: units / (hi - lo) * (1.0 - 2f64.powi(-30)),
            units,
        };
        // The largest coordinate must map below `units` (it does, by the margin above).
        while a.real(hi) >= units {
            a.scale = a.scale.next_down();
        }
        a
    };
    Lattice {
        x: axis(x0, x1, cols),
        y: axis(y0, y1, rows),
        cols,
        rows,
        shift,
    }
}

struct Builder<'a> {
    params: &'a Params,
    lattice: Lattice,
    edges: &'a [Edge],
    /// Per edge: the position in `verts` (as vertex number) of its first vertex.
    pos: &'a [u32],
    verts: &'a [f64],
    data: Vec<u64>,
    nodes: Vec<u32>,
    /// Node buffers not in use (taken by a node while its children are written).
    pool: Vec<NodeScratch>,
    leaf: LeafScratch,
}

impl Builder<'_> {
    fn vert(&self, i: u32) -> Point {
        Point::new(self.verts[2 * i as usize], self.verts[2 * i as usize + 1])
    }

    fn offset(&self) -> Result<u32, GridError> {
        let off = self.data.len();
        if off > PAYLOAD as usize {
            return Err(too_large("index words", off, PAYLOAD as usize));
        }
        Ok(off as u32)
    }

    fn status_entry(&mut self, set: &[u32]) -> Result<u32, GridError> {
        match set {
            [] => Ok(0),
            [r] => Ok(r + 1),
            _ => self.gleaf(set, &[]),
        }
    }

    /// Corner statuses of row `j` of a table's cells, into `out`, given the status at the
    /// table's south-east corner and the edges to walk up its east side (none for the root,
    /// which ends east of everything).
    fn row_statuses(
        &self,
        s: &Sides,
        lists: &CellLists,
        j: usize,
        base: &[u32],
        east: &[u32],
        out: &mut Statuses,
    ) {
        let cols = s.cols();
        let (x1, y0, y) = (s.xs[cols], s.ys[0], s.ys[j]);
        out.ids.clear();
        out.ranges.clear();
        out.ranges.resize(cols, (0, 0));
        let set = &mut out.set;
        set.clear();
        set.extend_from_slice(base);
        for &id in east {
            let e = self.edges[id as usize];
            if toggles(e.a, e.b, Point::new(x1, y), x1, y0) {
                toggle_edge(set, &e);
            }
        }
        for i in (0..cols).rev() {
            let at = out.ids.len() as u32;
            out.ids.extend_from_slice(set);
            out.ranges[i] = (at, out.ids.len() as u32);
            let q = Point::new(s.xs[i], y);
            for &id in lists.cell(j * cols + i) {
                let e = self.edges[id as usize];
                if toggles(e.a, e.b, q, s.xs[i + 1], y) {
                    toggle_edge(set, &e);
                }
            }
        }
    }

    /// Writes the cell with the given corner status and edges; returns its entry.
    fn cell(
        &mut self,
        c: Spec,
        base: &[u32],
        ids: &[u32],
        depth: u32,
        parent_n: usize,
    ) -> Result<u32, GridError> {
        if ids.is_empty() {
            return self.status_entry(base);
        }
        let p = self.params;
        let can_split =
            c.k >= LOCAL_BITS + NODE_BITS && depth < p.max_depth && ids.len() < parent_n;
        if ids.len() > p.leaf_max && can_split {
            return self.node(c, base, ids, depth);
        }
        if p.compact && c.k >= LOCAL_BITS {
            if let Some(e) = self.qleaf(&c, base, ids)? {
                return Ok(e);
            }
            if can_split {
                return self.node(c, base, ids, depth);
            }
        }
        let mut sc = std::mem::take(&mut self.leaf);
        sc.ps.clear();
        sc.ps
            .extend(ids.iter().map(|&id| (self.pos[id as usize], id)));
        sc.ps.sort_unstable();
        sc.runs.clear();
        for &(at, id) in &sc.ps {
            match sc.runs.last_mut() {
                Some(run) if run.0 + run.1 == at => run.1 += 1,
                _ => {
                    let e = &self.edges[id as usize];
                    sc.runs.push((at, 1, e.r1, e.r2));
                }
            }
        }
        let r = self.gleaf(base, &sc.runs);
        self.leaf = sc;
        r
    }

    /// A 4 × 4 node of finer cells.
    fn node(&mut self, c: Spec, base: &[u32], ids: &[u32], depth: u32) -> Result<u32, GridError> {
        let mut sc = self.pool.pop().unwrap_or_default();
        let r = self.node_with(&mut sc, c, base, ids, depth);
        self.pool.push(sc);
        r
    }

    fn node_with(
        &mut self,
        sc: &mut NodeScratch,
        c: Spec,
        base: &[u32],
        ids: &[u32],
        depth: u32,
    ) -> Result<u32, GridError> {
        let kc = c.k - NODE_BITS;
        let l = self.lattice;
        let s = &mut sc.sides;
        s.xs.clear();
        s.xs.extend((0..=4u64).map(|i| match i {
            0 => c.x0,
            4 => c.x1,
            _ => l.x.side(c.u0 + (i << kc)),
        }));
        s.ys.clear();
        s.ys.extend((0..=4u64).map(|j| match j {
            0 => c.y0,
            4 => c.y1,
            _ => l.y.side(c.v0 + (j << kc)),
        }));
        sc.lists
            .fill_from(&sc.sides, self.edges, ids.iter().copied());
        let off = self.nodes.len();
        if off > PAYLOAD as usize {
            return Err(too_large("index nodes", off, PAYLOAD as usize));
        }
        self.nodes.resize(off + 16, 0);
        for j in 0..4 {
            self.row_statuses(&sc.sides, &sc.lists, j, base, ids, &mut sc.statuses);
            for i in 0..4 {
                let k = j * 4 + i;
                let child = Spec {
                    u0: c.u0 + ((i as u64) << kc),
                    v0: c.v0 + ((j as u64) << kc),
                    k: kc,
                    x0: sc.sides.xs[i],
                    y0: sc.sides.ys[j],
                    x1: sc.sides.xs[i + 1],
                    y1: sc.sides.ys[j + 1],
                };
                let entry = self.cell(
                    child,
                    sc.statuses.get(i),
                    sc.lists.cell(k),
                    depth + 1,
                    ids.len(),
                )?;
                self.nodes[off + k] = entry;
            }
        }
        Ok((TAG_NODE << TAG_SHIFT) | off as u32)
    }

    /// A general leaf: the corner status as region ids, then runs of exact edges, each with
    /// its one or two regions.
    fn gleaf(&mut self, base: &[u32], runs: &[(u32, u32, u32, u32)]) -> Result<u32, GridError> {
        let off = self.offset()?;
        self.data
            .push(base.len() as u64 | (runs.len() as u64) << 32);
        push_u32s(&mut self.data, base.iter().copied());
        for &(start, nseg, r1, r2) in runs {
            self.data.push(u64::from(start) | u64::from(nseg) << 32);
            self.data.push(u64::from(r1) | u64::from(r2) << 32);
        }
        Ok((TAG_GLEAF << TAG_SHIFT) | off)
    }

    /// A quantized leaf (see `RegionIndex::qleaf_mask`), or `None` when the cell has too
    /// many regions or vertices for it.
    fn qleaf(&mut self, c: &Spec, base: &[u32], ids: &[u32]) -> Result<Option<u32>, GridError> {
        let mut sc = std::mem::take(&mut self.leaf);
        let r = self.qleaf_with(&mut sc, c, base, ids);
        self.leaf = sc;
        r
    }

    fn qleaf_with(
        &mut self,
        sc: &mut LeafScratch,
        c: &Spec,
        base: &[u32],
        ids: &[u32],
    ) -> Result<Option<u32>, GridError> {
        let locals = &mut sc.locals;
        locals.clear();
        locals.extend_from_slice(base);
        for &id in ids {
            let e = &self.edges[id as usize];
            locals.push(e.r1);
            if e.r2 != NO_REGION {
                locals.push(e.r2);
            }
        }
        locals.sort_unstable();
        locals.dedup();
        if locals.len() > LOCAL_MAX {
            return Ok(None);
        }
        let locals = &sc.locals;
        let bit = |r: u32| 1u32 << locals.binary_search(&r).unwrap_or(0);
        // Cell-local coordinates: the cell spans [MARGIN, FAR_SIDE] on both axes.
        let l = self.lattice;
        let div = f64::from(1u32 << (c.k - LOCAL_BITS));
        let (cu0, cv0) = (c.u0 as f64, c.v0 as f64);
        let local = |p: Point| {
            (
                (l.x.real(p.lon) - cu0) / div + MARGIN as f64,
                (l.y.real(p.lat) - cv0) / div + MARGIN as f64,
            )
        };
        let ps = &mut sc.ps;
        ps.clear();
        ps.extend(ids.iter().map(|&id| (self.pos[id as usize], id)));
        ps.sort_unstable();
        let (xs, ys, flags, starts) = (&mut sc.xs, &mut sc.ys, &mut sc.flags, &mut sc.starts);
        xs.clear();
        ys.clear();
        flags.clear();
        starts.clear();
        let (mut live, mut vcand, mut vdir) = (0u32, 0u32, 0u32);
        // Whether the polyline being written ends at an unclipped vertex, and which.
        let mut open: Option<u32> = None;
        for &(at, id) in ps.iter() {
            let (a, b) = (self.vert(at), self.vert(at + 1));
            let (pa, pb) = (local(a), local(b));
            let Some((t0, t1)) = clip(pa, pb) else {
                return Ok(None);
            };
            if xs.len() + 2 > QLEAF_MAX_VERTICES + 1 {
                return Ok(None);
            }
            let along = |t: f64| (pa.0 + t * (pb.0 - pa.0), pa.1 + t * (pb.1 - pa.1));
            let p0 = if t0 > 0.0 { along(t0) } else { pa };
            let p1 = if t1 < 1.0 { along(t1) } else { pb };
            if !(open == Some(at) && t0 == 0.0) {
                xs.push(quantize(p0.0));
                ys.push(quantize(p0.1));
                flags.push(0);
                starts.push(at);
            }
            let i = xs.len() - 1;
            live |= 1 << i;
            if crosses_down(a, b, c.y1, c.x1, c.y0) {
                vcand |= 1 << i;
            }
            if a.lon < b.lon {
                vdir |= 1 << i;
            }
            let e = &self.edges[id as usize];
            flags[i] = bit(e.r1) | if e.r2 == NO_REGION { 0 } else { bit(e.r2) };
            xs.push(quantize(p1.0));
            ys.push(quantize(p1.1));
            flags.push(0);
            open = (t1 >= 1.0).then_some(at + 1);
        }
        let n = xs.len();
        if n > QLEAF_MAX_VERTICES {
            return Ok(None);
        }
        let head = QHead {
            live,
            vcand,
            vdir,
            base: base.iter().fold(0, |m, &r| m | bit(r)),
            n,
            locals: locals.len(),
        };
        let off = self.offset()?;
        self.data.push(head.pack());
        push_lanes(&mut self.data, ys);
        for chunk in flags[..n - 1].chunks(8) {
            let mut w = 0u64;
            for (k, &f) in chunk.iter().enumerate() {
                w |= u64::from(f) << flag_shift(k);
            }
            self.data.push(w);
        }
        push_lanes(&mut self.data, xs);
        push_u32s(
            &mut self.data,
            locals.iter().copied().chain(starts.iter().copied()),
        );
        debug_assert!(
            ys.iter()
                .chain(xs.iter())
                .all(|&v| (0..=LOCAL_TOP).contains(&v))
                && FAR_SIDE <= LOCAL_TOP
        );
        Ok(Some((TAG_QLEAF << TAG_SHIFT) | off))
    }
}

/// The parameters `[t0, t1]` of segment `a–b` inside the box `[0, LOCAL_TOP]²`, `None`
/// when it misses the box.
fn clip(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    let top = LOCAL_TOP as f64;
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [(-dx, a.0), (dx, top - a.0), (-dy, a.1), (dy, top - a.1)] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    (t0 <= t1).then_some((t0, t1))
}

/// A local coordinate: the floor of the (scaled, real) position, kept within the box.
fn quantize(v: f64) -> i64 {
    (v.floor() as i64).clamp(0, LOCAL_TOP)
}

/// Values as 16-bit lanes, four a word, padded with the top value.
fn push_lanes(out: &mut Vec<u64>, vals: &[i64]) {
    for chunk in vals.chunks(4) {
        let mut w = 0u64;
        for k in 0..4 {
            let v = chunk.get(k).copied().unwrap_or(LOCAL_TOP) as u64;
            w |= v << (16 * k);
        }
        out.push(w);
    }
}

/// `u32`s, two a word.
fn push_u32s(out: &mut Vec<u64>, mut vals: impl Iterator<Item = u32>) {
    while let Some(a) = vals.next() {
        out.push(u64::from(a) | u64::from(vals.next().unwrap_or(0)) << 32);
    }
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
    if raw >= u32::MAX as usize / 2 {
        return Err(too_large("edges", raw, u32::MAX as usize / 2));
    }
    let edges_est = raw as f64 / 2.0;
    let small = (edges_est / params.small_root_edges).min(params.small_root_cells as f64);
    let cells = (edges_est / params.root_edges)
        .max(small)
        .clamp(1.0, params.max_root_cells as f64);
    let aspect = ((x1 - x0) / (y1 - y0)).clamp(1e-6, 1e6);
    let want_c = (cells * aspect).sqrt().ceil().clamp(1.0, 65536.0) as u32;
    let want_r = (cells / f64::from(want_c)).ceil().clamp(1.0, 65536.0) as u32;
    let lattice = lattice(x0, y0, x1, y1, want_c, want_r);
    let (cols, rows) = (lattice.cols as usize, lattice.rows as usize);
    let ncells = cols * rows;
    let root_cell = |p: Point| {
        lattice.units(p).map_or(0, |(u, v)| {
            (v >> lattice.shift) as usize * cols + (u >> lattice.shift) as usize
        })
    };
    // Rings taken in the order of the root cell of their first vertex (a stable sort: a
    // polygon's rings stay together), whatever the layer's order: the passes below then
    // write the edge buckets and the shared store near where they last wrote, instead of
    // all over memory on a layer listed in random order. The answers do not depend on it.
    ring_list.sort_by_cached_key(|&(_, pts)| pts.first().map_or(0, |&p| root_cell(p)));
    let rings = || ring_list.iter().copied();

    // Raw edges, bucketed by the root cell of their first (canonical) endpoint so that
    // copies of one segment meet in one bucket.
    let canon = |a: Point, b: Point| {
        if cmp_point(&a, &b).is_le() {
            (a, b)
        } else {
            (b, a)
        }
    };
    let mut start = vec![0usize; ncells + 1];
    for (_, pts) in rings() {
        for w in pts.windows(2) {
            if w[0] != w[1] {
                start[root_cell(canon(w[0], w[1]).0) + 1] += 1;
            }
        }
    }
    for c in 0..ncells {
        start[c + 1] += start[c];
    }
    let empty = RawEdge {
        a: Point::default(),
        b: Point::default(),
        r: 0,
        raw: 0,
    };
    let mut all = vec![empty; start[ncells]];
    let mut fill = start.clone();
    let mut nraw = 0u32;
    for (r, pts) in rings() {
        for w in pts.windows(2) {
            if w[0] != w[1] {
                let (a, b) = canon(w[0], w[1]);
                let c = root_cell(a);
                all[fill[c]] = RawEdge { a, b, r, raw: nraw };
                fill[c] += 1;
                nraw += 1;
            }
        }
    }
    drop(fill);
    // Merge copies: a region on both sides cancels out; the rest pair up. Each copy
    // remembers the first merged edge it became (for chaining in ring order).
    const NONE: u32 = u32::MAX;
    let mut merged_of = vec![NONE; nraw as usize];
    let mut edges: Vec<Edge> = Vec::with_capacity(all.len() / 2 + 16);
    let mut regs: Vec<u32> = Vec::new();
    for c in 0..ncells {
        let b = &mut all[start[c]..start[c + 1]];
        b.sort_unstable_by(|x, y| {
            cmp_point(&x.a, &y.a)
                .then(cmp_point(&x.b, &y.b))
                .then(x.r.cmp(&y.r))
        });
        for same in
            b.chunk_by(|x, y| cmp_point(&x.a, &y.a).is_eq() && cmp_point(&x.b, &y.b).is_eq())
        {
            regs.clear();
            for e in same {
                if regs.last() == Some(&e.r) {
                    regs.pop();
                } else {
                    regs.push(e.r);
                }
            }
            if !regs.is_empty() {
                for e in same {
                    merged_of[e.raw as usize] = edges.len() as u32;
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

    // The shared exact store: merged edges chained in ring order, each edge once.
    let mut pos = vec![NONE; edges.len()];
    let mut verts: Vec<f64> = Vec::with_capacity(2 * (edges.len() + edges.len() / 4 + 16));
    let mut nraw = 0usize;
    for (_, pts) in rings() {
        // The edge the open chain ends with, if any.
        let mut open: Option<u32> = None;
        for w in pts.windows(2) {
            if w[0] == w[1] {
                continue;
            }
            let e = merged_of[nraw];
            nraw += 1;
            if e == NONE || pos[e as usize] != NONE {
                open = None;
                continue;
            }
            let nv = (verts.len() / 2) as u32;
            let label = |e: u32| (edges[e as usize].r1, edges[e as usize].r2);
            if open.is_some_and(|o| label(o) == label(e)) {
                pos[e as usize] = nv - 1;
            } else {
                verts.extend_from_slice(&[w[0].lon, w[0].lat]);
                pos[e as usize] = nv;
            }
            verts.extend_from_slice(&[w[1].lon, w[1].lat]);
            open = Some(e);
        }
    }
    // Edges shared by more than two regions leave extra merged edges: one chain each.
    for (e, at) in pos.iter_mut().enumerate() {
        if *at == NONE {
            *at = (verts.len() / 2) as u32;
            let Edge { a, b, .. } = edges[e];
            verts.extend_from_slice(&[a.lon, a.lat, b.lon, b.lat]);
        }
    }
    drop(merged_of);
    if verts.len() / 2 >= u32::MAX as usize {
        return Err(too_large(
            "edge vertices",
            verts.len() / 2,
            u32::MAX as usize,
        ));
    }
    verts.shrink_to_fit();

    let shift = lattice.shift;
    let root = Sides {
        xs: (0..=cols as u64)
            .map(|i| lattice.x.side(i << shift))
            .collect(),
        ys: (0..=rows as u64)
            .map(|j| lattice.y.side(j << shift))
            .collect(),
        guide: Some(lattice),
    };
    let mut lists = CellLists::default();
    lists.fill_from(&root, &edges, 0..edges.len() as u32);
    // The rows of root cells are written in runs of rows, on as many threads as asked: each
    // run into its own tables, relocated and joined in row order afterwards, so the index
    // is the same word for word on any number of threads. The runs are cut by edges (a
    // clustered layer crowds some rows), never by the number of threads.
    let runs = row_runs(&lists, cols, rows, ROW_RUNS);
    let shared = Shared {
        params,
        lattice,
        edges: &edges,
        pos: &pos,
        verts: &verts,
        root: &root,
        lists: &lists,
    };
    let written = crate::parallel::jobs(runs.len() - 1, params.threads, |k| {
        shared.write_rows(runs[k], runs[k + 1])
    });
    let mut entries = Vec::with_capacity(ncells);
    let mut row_data: Vec<u32> = Vec::with_capacity(rows + 1);
    let words: usize = written
        .iter()
        .map(|w| w.as_ref().map_or(0, |w| w.data.len()))
        .sum();
    let node_words: usize = written
        .iter()
        .map(|w| w.as_ref().map_or(0, |w| w.nodes.len()))
        .sum();
    let mut data: Vec<u64> = Vec::with_capacity(words);
    let mut nodes: Vec<u32> = Vec::with_capacity(node_words);
    for w in written {
        let w = w?;
        let (data_base, node_base) = (data.len(), nodes.len());
        if data_base + w.data.len() > PAYLOAD as usize {
            return Err(too_large("index words", words, PAYLOAD as usize));
        }
        if node_base + w.nodes.len() > PAYLOAD as usize {
            return Err(too_large("index nodes", node_words, PAYLOAD as usize));
        }
        let at = |e: u32| relocate(e, data_base as u32, node_base as u32);
        entries.extend(w.entries.iter().map(|&e| at(e)));
        nodes.extend(w.nodes.iter().map(|&e| at(e)));
        row_data.extend(w.row_data.iter().map(|&r| r + data_base as u32));
        data.extend_from_slice(&w.data);
    }
    row_data.push(data.len() as u32);
    drop(lists);
    Ok(RegionIndex {
        lattice,
        root: entries,
        nodes,
        data,
        verts: Verts::pack(verts),
        row_data,
        regions: regions.len(),
    })
}

/// Runs of root rows written as one job (at most; fewer on small layers).
const ROW_RUNS: usize = 64;

/// Cuts `rows` into at most `runs` runs of rows with about as many edge entries each; the
/// bounds, first 0 and last `rows`.
fn row_runs(lists: &CellLists, cols: usize, rows: usize, runs: usize) -> Vec<usize> {
    let total = lists.ids.len().max(1);
    let mut bounds = vec![0];
    for j in 1..rows {
        let before = lists.start[j * cols] as usize;
        // The next bound once the entries before row `j` reach the next share.
        if before * runs >= total * bounds.len() && bounds.len() < runs {
            bounds.push(j);
        }
    }
    bounds.push(rows);
    bounds
}

/// Moves a written entry's payload by the position of its run's tables in the joined ones.
fn relocate(entry: u32, data_base: u32, node_base: u32) -> u32 {
    match entry >> TAG_SHIFT {
        TAG_QLEAF | TAG_GLEAF => entry + data_base,
        TAG_NODE => entry + node_base,
        _ => entry,
    }
}

/// What every run of rows reads.
struct Shared<'a> {
    params: &'a Params,
    lattice: Lattice,
    edges: &'a [Edge],
    pos: &'a [u32],
    verts: &'a [f64],
    root: &'a Sides,
    lists: &'a CellLists,
}

/// The tables of a run of rows, with positions local to them.
struct Written {
    entries: Vec<u32>,
    nodes: Vec<u32>,
    data: Vec<u64>,
    row_data: Vec<u32>,
}

impl Shared<'_> {
    /// Writes root rows `j0..j1`.
    fn write_rows(&self, j0: usize, j1: usize) -> Result<Written, GridError> {
        let (root, lattice) = (self.root, self.lattice);
        let (cols, shift) = (root.cols(), lattice.shift);
        let mut b = Builder {
            params: self.params,
            lattice,
            edges: self.edges,
            pos: self.pos,
            verts: self.verts,
            data: Vec::new(),
            nodes: Vec::new(),
            pool: Vec::new(),
            leaf: LeafScratch::default(),
        };
        let mut entries = Vec::with_capacity((j1 - j0) * cols);
        let mut row_data = Vec::with_capacity(j1 - j0);
        let mut bases = Statuses::default();
        for j in j0..j1 {
            row_data.push(b.data.len().min(u32::MAX as usize) as u32);
            b.row_statuses(root, self.lists, j, &[], &[], &mut bases);
            for i in 0..cols {
                let spec = Spec {
                    u0: (i as u64) << shift,
                    v0: (j as u64) << shift,
                    k: shift,
                    x0: root.xs[i],
                    y0: root.ys[j],
                    x1: root.xs[i + 1],
                    y1: root.ys[j + 1],
                };
                entries.push(b.cell(
                    spec,
                    bases.get(i),
                    self.lists.cell(j * cols + i),
                    0,
                    usize::MAX,
                )?);
            }
        }
        Ok(Written {
            entries,
            nodes: b.nodes,
            data: b.data,
            row_data,
        })
    }
}
