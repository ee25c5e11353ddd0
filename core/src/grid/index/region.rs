//! [`RegionIndex`]: which regions (sets of rings, even–odd) contain a point, exactly.
//!
//! The layer's bounding box is cut into a uniform table of cells; crowded cells are cut
//! again into finer tables, as often as needed. A cell without edges stores its answer
//! directly (no region, one region, or a short list). A cell with edges (a *leaf*) stores
//! the set of regions that contain its south-east corner (displaced by the boundary rule)
//! and the edges touching it, chained into short polylines that each toggle one or two
//! regions. A query walks from the point east to the cell's east side and down to the
//! corner, toggling the regions of every edge it crosses (see [`super::predicates`]).
//!
//! Storage is a handful of flat arrays (no pointers): the root table of `u32` entries, and
//! one `u64` array holding finer tables and leaves in the order they were written, which
//! is row-major order of the root cells — the order batch queries visit them in.

use crate::geo::Point;

use super::predicates::toggles;

/// No region (second slot of a run that toggles a single region).
pub(crate) const NO_REGION: u32 = 0x00FF_FFFF;
/// Largest region id a run header can hold.
pub(crate) const MAX_REGIONS: usize = NO_REGION as usize;

pub(crate) const TAG_SHIFT: u32 = 30;
pub(crate) const TAG_FULL: u32 = 0;
pub(crate) const TAG_LEAF: u32 = 1;
pub(crate) const TAG_NODE: u32 = 2;
pub(crate) const TAG_MULTI: u32 = 3;
pub(crate) const PAYLOAD: u32 = (1 << TAG_SHIFT) - 1;

/// Words in a table header: x0, y0, x1, y1, w, h, 1/w, 1/h, cols | rows << 32.
pub(crate) const NODE_HEADER: usize = 9;

/// Most regions a compact leaf can toggle (one bit each in the per-edge flag byte).
pub(crate) const LOCAL_MAX: usize = 8;
/// Most vertices in a compact leaf (one bit each in its edge masks).
pub(crate) const COMPACT_MAX_VERTICES: usize = 64;
/// Leaf header bit (of the upper half): the general run format.
pub(crate) const GENERAL_BIT: u64 = 1 << 31;
/// Relative error bound of the floating-point orientation filter (about 9 ulp, three
/// times the proven bound).
const FILTER: f64 = 1e-15;
/// Absolute floor of the filter, against underflow.
const TINY: f64 = 1e-290;

/// The geometry of one table of cells: its box and its division.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Table {
    pub(crate) x0: f64,
    pub(crate) y0: f64,
    pub(crate) x1: f64,
    pub(crate) y1: f64,
    pub(crate) w: f64,
    pub(crate) h: f64,
    pub(crate) inv_w: f64,
    pub(crate) inv_h: f64,
    pub(crate) cols: u32,
    pub(crate) rows: u32,
}

impl Table {
    pub(crate) fn new(x0: f64, y0: f64, x1: f64, y1: f64, cols: u32, rows: u32) -> Table {
        let w = (x1 - x0) / f64::from(cols);
        let h = (y1 - y0) / f64::from(rows);
        Table {
            x0,
            y0,
            x1,
            y1,
            w,
            h,
            inv_w: 1.0 / w,
            inv_h: 1.0 / h,
            cols,
            rows,
        }
    }

    /// West side of column `i` (`i == cols` gives the east side of the table, exactly).
    #[inline(always)]
    pub(crate) fn xs(&self, i: u32) -> f64 {
        if i >= self.cols {
            self.x1
        } else {
            self.x0 + f64::from(i) * self.w
        }
    }

    /// South side of row `j` (`j == rows` gives the north side, exactly).
    #[inline(always)]
    pub(crate) fn ys(&self, j: u32) -> f64 {
        if j >= self.rows {
            self.y1
        } else {
            self.y0 + f64::from(j) * self.h
        }
    }

    /// A column whose closed interval holds `x` (which must lie within the table).
    #[inline(always)]
    pub(crate) fn col(&self, x: f64) -> u32 {
        let i = guess(x - self.x0, self.inv_w, self.cols);
        fix(i, x, self.cols, |k| self.xs(k))
    }

    /// A row whose closed interval holds `y` (which must lie within the table).
    #[inline(always)]
    pub(crate) fn row(&self, y: f64) -> u32 {
        let j = guess(y - self.y0, self.inv_h, self.rows);
        fix(j, y, self.rows, |k| self.ys(k))
    }

    /// Whether the closed box holds `p` (false for NaN).
    #[inline(always)]
    pub(crate) fn holds(&self, p: Point) -> bool {
        p.lon >= self.x0 && p.lon <= self.x1 && p.lat >= self.y0 && p.lat <= self.y1
    }

    pub(crate) fn write(&self, out: &mut Vec<u64>) {
        for v in [
            self.x0, self.y0, self.x1, self.y1, self.w, self.h, self.inv_w, self.inv_h,
        ] {
            out.push(v.to_bits());
        }
        out.push(u64::from(self.cols) | (u64::from(self.rows) << 32));
    }

    #[inline(always)]
    pub(crate) fn read(words: &[u64]) -> Table {
        let f = |k: usize| f64::from_bits(words[k]);
        Table {
            x0: f(0),
            y0: f(1),
            x1: f(2),
            y1: f(3),
            w: f(4),
            h: f(5),
            inv_w: f(6),
            inv_h: f(7),
            cols: words[8] as u32,
            rows: (words[8] >> 32) as u32,
        }
    }
}

/// Corrects a guessed interval `i` of `n` (bounds `side(0) ≤ … ≤ side(n)`) so that
/// `side(i) ≤ v ≤ side(i + 1)`: one step either way covers rounding; anything further
/// (cells near the resolution of `f64`) takes a binary search.
#[inline(always)]
fn fix(i: u32, v: f64, n: u32, side: impl Fn(u32) -> f64) -> u32 {
    if v < side(i) {
        if i > 0 && v >= side(i - 1) {
            return i - 1;
        }
    } else if v <= side(i + 1) {
        return i;
    } else if i + 1 < n && v <= side(i + 2) {
        return i + 1;
    }
    search(v, n, side)
}

#[cold]
#[inline(never)]
fn search(v: f64, n: u32, side: impl Fn(u32) -> f64) -> u32 {
    // The last interval whose lower side is at most v.
    let (mut lo, mut hi) = (0u32, n - 1);
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if side(mid) <= v {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo
}

#[inline(always)]
fn guess(d: f64, inv: f64, n: u32) -> u32 {
    // `as` saturates (NaN → 0); the callers fix the last unit of rounding.
    ((d * inv) as u32).min(n - 1)
}

/// The set of regions found odd so far: a few inline slots, spilling to the heap only for
/// pathological overlaps.
#[derive(Debug, Default)]
pub(crate) struct Odd {
    inline: [u32; 8],
    len: usize,
    spill: Vec<u32>,
}

impl Odd {
    #[inline(always)]
    pub(crate) fn clear(&mut self) {
        self.len = 0;
        self.spill.clear();
    }

    #[inline(always)]
    pub(crate) fn toggle(&mut self, r: u32) {
        if self.spill.is_empty() {
            if let Some(k) = self.inline[..self.len].iter().position(|&x| x == r) {
                self.len -= 1;
                self.inline[k] = self.inline[self.len];
                return;
            }
            if self.len < self.inline.len() {
                self.inline[self.len] = r;
                self.len += 1;
                return;
            }
            self.spill.extend_from_slice(&self.inline[..self.len]);
            self.len = 0;
        }
        if let Some(k) = self.spill.iter().position(|&x| x == r) {
            self.spill.swap_remove(k);
        } else {
            self.spill.push(r);
        }
    }

    pub(crate) fn as_slice(&self) -> &[u32] {
        if self.spill.is_empty() {
            &self.inline[..self.len]
        } else {
            &self.spill
        }
    }

    /// The smallest accepted region.
    #[inline(always)]
    pub(crate) fn best(&self, accept: &impl Fn(u32) -> bool) -> Option<u32> {
        self.as_slice().iter().copied().filter(|&r| accept(r)).min()
    }
}

/// A compact leaf, read in place:
///
/// | words | content |
/// |---|---|
/// | 1 | vertex count (16 bits), region count (8), corner status as a mask of the regions (8) |
/// | 1 | `live`: bit `i` set when vertices `i` and `i + 1` form an edge |
/// | 1 | `vcand`: bit `i` set when that edge crosses the east side above the corner |
/// | vertices | latitudes (first: their place is known before the header is read) |
/// | vertices | longitudes |
/// | ⌈vertices / 8⌉ | one byte per edge: the regions it toggles, as a mask |
/// | ⌈regions / 2⌉ | region ids, ascending, two per word |
pub(crate) struct CompactLeaf<'a> {
    pub(crate) base: u32,
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) locals: usize,
    pub(crate) live: u64,
    pub(crate) vcand: u64,
    flags: &'a [u64],
    regions: &'a [u64],
    pub(crate) xs: &'a [u64],
    pub(crate) ys: &'a [u64],
}

impl<'a> CompactLeaf<'a> {
    #[inline(always)]
    pub(crate) fn at(data: &'a [u64], off: usize) -> CompactLeaf<'a> {
        let head = data[off];
        let n = (head & 0xFFFF) as usize;
        let locals = ((head >> 16) & 0xFF) as usize;
        let fw = n.div_ceil(8);
        let at = off + 3;
        CompactLeaf {
            base: ((head >> 24) & 0xFF) as u32,
            locals,
            live: data[off + 1],
            vcand: data[off + 2],
            ys: &data[at..at + n],
            xs: &data[at + n..at + 2 * n],
            flags: &data[at + 2 * n..at + 2 * n + fw],
            regions: &data[at + 2 * n + fw..at + 2 * n + fw + locals.div_ceil(2)],
        }
    }

    /// The `k`-th region id of the leaf.
    #[inline(always)]
    pub(crate) fn region(&self, k: usize) -> u32 {
        (self.regions[k / 2] >> ((k % 2) * 32)) as u32
    }

    #[inline(always)]
    pub(crate) fn flag(&self, i: usize) -> u32 {
        ((self.flags[i / 8] >> ((i % 8) * 8)) & 0xFF) as u32
    }
}

/// Which regions contain a point; see the [module documentation](self).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RegionIndex {
    pub(crate) table: Table,
    pub(crate) root: Vec<u32>,
    pub(crate) data: Vec<u64>,
    pub(crate) sets: Vec<u32>,
    /// Where each root row's data begins in `data` (and, last, the end).
    pub(crate) row_data: Vec<u32>,
    pub(crate) regions: usize,
}

/// The cell a point falls in: its entry and the corner its status refers to.
#[derive(Debug, Clone, Copy)]
struct Cell {
    entry: u32,
    x1: f64,
    y0: f64,
}

impl RegionIndex {
    /// Heap bytes held.
    pub(crate) fn memory_bytes(&self) -> usize {
        self.root.capacity() * 4
            + self.data.capacity() * 8
            + self.sets.capacity() * 4
            + self.row_data.capacity() * 4
    }

    /// The data offset of the root row holding `p` (for grouping batch queries: rows are
    /// written in order), `None` outside the box.
    #[inline]
    pub(crate) fn row_offset(&self, p: Point) -> Option<u32> {
        if !self.table.holds(p) {
            return None;
        }
        Some(self.row_data[self.table.row(p.lat) as usize])
    }

    #[inline(always)]
    fn cell(&self, p: Point) -> Option<Cell> {
        let t = &self.table;
        if !t.holds(p) {
            return None;
        }
        let (i, j) = (t.col(p.lon), t.row(p.lat));
        let mut cell = Cell {
            entry: self.root[(j * t.cols + i) as usize],
            x1: t.xs(i + 1),
            y0: t.ys(j),
        };
        while cell.entry >> TAG_SHIFT == TAG_NODE {
            let off = (cell.entry & PAYLOAD) as usize;
            let t = Table::read(&self.data[off..off + NODE_HEADER]);
            let (i, j) = (t.col(p.lon), t.row(p.lat));
            let k = (j * t.cols + i) as usize;
            let word = self.data[off + NODE_HEADER + k / 2];
            cell = Cell {
                entry: (word >> ((k % 2) * 32)) as u32,
                x1: t.xs(i + 1),
                y0: t.ys(j),
            };
        }
        Some(cell)
    }

    /// Loads a status entry (empty, one region, or a spilled list) into `odd`.
    #[inline(always)]
    fn load_status(&self, entry: u32, odd: &mut Odd) {
        match entry >> TAG_SHIFT {
            TAG_FULL if entry != 0 => odd.toggle(entry - 1),
            TAG_MULTI => {
                let off = (entry & PAYLOAD) as usize;
                let n = self.sets[off] as usize;
                for &r in &self.sets[off + 1..off + 1 + n] {
                    odd.toggle(r);
                }
            }
            _ => {}
        }
    }

    /// Toggles the regions of every leaf run crossed an odd number of times (the general
    /// leaf format, for leaves touching more than [`LOCAL_MAX`] regions).
    fn walk_runs(&self, off: usize, p: Point, x1: f64, y0: f64, odd: &mut Odd) {
        let head = self.data[off];
        self.load_status(head as u32, odd);
        let runs = ((head >> 32) & 0xFFFF_FFFF & !GENERAL_BIT) as usize;
        let mut at = off + 1;
        for _ in 0..runs {
            let h = self.data[at];
            let n = (h & 0xFFFF) as usize;
            let verts = &self.data[at + 1..at + 1 + 2 * n];
            at += 1 + 2 * n;
            let mut odd_run = false;
            let mut a = Point::new(f64::from_bits(verts[0]), f64::from_bits(verts[1]));
            for v in verts[2..].chunks_exact(2) {
                let b = Point::new(f64::from_bits(v[0]), f64::from_bits(v[1]));
                odd_run ^= toggles(a, b, p, x1, y0);
                a = b;
            }
            if odd_run {
                odd.toggle(((h >> 16) & 0xFF_FFFF) as u32);
                let r2 = ((h >> 40) & 0xFF_FFFF) as u32;
                if r2 != NO_REGION {
                    odd.toggle(r2);
                }
            }
        }
    }

    /// The local regions of a compact leaf holding `p` (bit `k` of the result: the `k`-th
    /// of the leaf's region ids).
    ///
    /// Only edges straddling the point's latitude (found with one comparison per vertex)
    /// and edges crossing the east side (marked when building) can be crossed. The latter
    /// are decided by the same comparisons unless they straddle too; a straddling edge is
    /// decided by floating-point orientations whose signs are certain unless the point
    /// lies within a few ulp of the edge's line, in which case the exact predicates decide
    /// the whole leaf.
    #[inline(always)]
    fn leaf_mask(&self, off: usize, p: Point, x1: f64, y0: f64) -> u32 {
        let leaf = CompactLeaf::at(&self.data, off);
        let (qx, qy) = (p.lon, p.lat);
        let mut above = 0u64;
        for (i, &y) in leaf.ys.iter().enumerate() {
            above |= u64::from(f64::from_bits(y) > qy) << i;
        }
        let straddle = (above ^ (above >> 1)) & leaf.live;
        let mut acc = leaf.base;
        // An edge crossing the east side that lies wholly at or below the point's latitude
        // passes below (x1, qy): the way down crosses it. Wholly above: it does not.
        let mut below = leaf.vcand & !straddle & !above;
        while below != 0 {
            acc ^= leaf.flag(below.trailing_zeros() as usize);
            below &= below - 1;
        }
        let mut todo = straddle;
        while todo != 0 {
            let i = todo.trailing_zeros() as usize;
            todo &= todo - 1;
            let (ax, ay) = (f64::from_bits(leaf.xs[i]), f64::from_bits(leaf.ys[i]));
            let (bx, by) = (
                f64::from_bits(leaf.xs[i + 1]),
                f64::from_bits(leaf.ys[i + 1]),
            );
            let (abx, aby) = (bx - ax, by - ay);
            // orient(a, b, q) and orient(a, b, (x1, qy)), filtered.
            let l = abx * (qy - ay);
            let r1 = aby * (qx - ax);
            let r2 = aby * (x1 - ax);
            let (d1, d2) = (l - r1, l - r2);
            let e1 = FILTER * (l.abs() + r1.abs()) + TINY;
            let e2 = FILTER * (l.abs() + r2.abs()) + TINY;
            let v_edge = leaf.vcand >> i & 1 == 1;
            if (d1.abs() <= e1) | (d2.abs() <= e2) {
                return self.leaf_mask_exact(off, p, x1, y0);
            }
            // Horizontal part: crossing strictly east of q and at or west of x1.
            let up = by > ay;
            let h = ((d1 > 0.0) == up) & ((d2 < 0.0) == up);
            // Vertical part: the edge passes below (x1, qy), so the way down crosses it.
            let v = v_edge & ((d2 > 0.0) == (ax < bx));
            acc ^= leaf.flag(i) & 0u32.wrapping_sub(u32::from(h ^ v));
        }
        acc
    }

    /// [`RegionIndex::leaf_mask`] with exact predicates throughout.
    #[cold]
    #[inline(never)]
    fn leaf_mask_exact(&self, off: usize, p: Point, x1: f64, y0: f64) -> u32 {
        let leaf = CompactLeaf::at(&self.data, off);
        let pt = |i: usize| Point::new(f64::from_bits(leaf.xs[i]), f64::from_bits(leaf.ys[i]));
        let mut acc = leaf.base;
        let mut live = leaf.live;
        while live != 0 {
            let i = live.trailing_zeros() as usize;
            live &= live - 1;
            if toggles(pt(i), pt(i + 1), p, x1, y0) {
                acc ^= leaf.flag(i);
            }
        }
        acc
    }

    /// Every table (the root and the finer ones), for tests that aim at cell sides.
    #[cfg(test)]
    pub(crate) fn tables(&self) -> Vec<Table> {
        let mut out = vec![self.table];
        let mut stack: Vec<u32> = self.root.clone();
        while let Some(e) = stack.pop() {
            if e >> TAG_SHIFT == TAG_NODE {
                let off = (e & PAYLOAD) as usize;
                let t = Table::read(&self.data[off..off + NODE_HEADER]);
                for k in 0..(t.cols * t.rows) as usize {
                    let w = self.data[off + NODE_HEADER + k / 2];
                    stack.push((w >> ((k % 2) * 32)) as u32);
                }
                out.push(t);
            }
        }
        out
    }

    /// Every region containing `p` (displaced by the boundary rule), in no order.
    #[cfg(test)]
    pub(crate) fn odd_regions(&self, p: Point, odd: &mut Odd) {
        odd.clear();
        let Some(cell) = self.cell(p) else { return };
        match cell.entry >> TAG_SHIFT {
            TAG_LEAF => self.leaf_odd(cell, p, odd),
            _ => self.load_status(cell.entry, odd),
        }
    }

    #[cfg(test)]
    fn leaf_odd(&self, cell: Cell, p: Point, odd: &mut Odd) {
        let off = (cell.entry & PAYLOAD) as usize;
        if self.data[off] >> 32 & GENERAL_BIT != 0 {
            self.walk_runs(off, p, cell.x1, cell.y0, odd);
        } else {
            let mask = self.leaf_mask(off, p, cell.x1, cell.y0);
            let leaf = CompactLeaf::at(&self.data, off);
            for k in 0..leaf.locals {
                if mask >> k & 1 == 1 {
                    odd.toggle(leaf.region(k));
                }
            }
        }
    }

    /// The smallest accepted region containing `p`.
    #[inline]
    pub(crate) fn best(
        &self,
        p: Point,
        odd: &mut Odd,
        accept: &impl Fn(u32) -> bool,
    ) -> Option<u32> {
        let cell = self.cell(p)?;
        match cell.entry >> TAG_SHIFT {
            // The common case: inside one region, far from any edge.
            TAG_FULL => (cell.entry != 0 && accept(cell.entry - 1)).then(|| cell.entry - 1),
            TAG_LEAF => {
                let off = (cell.entry & PAYLOAD) as usize;
                if self.data[off] >> 32 & GENERAL_BIT != 0 {
                    odd.clear();
                    self.walk_runs(off, p, cell.x1, cell.y0, odd);
                    return odd.best(accept);
                }
                let mut mask = self.leaf_mask(off, p, cell.x1, cell.y0);
                let leaf = CompactLeaf::at(&self.data, off);
                // Locals ascend, so the lowest accepted bit is the smallest region.
                while mask != 0 {
                    let k = mask.trailing_zeros() as usize;
                    let r = leaf.region(k);
                    if accept(r) {
                        return Some(r);
                    }
                    mask &= mask - 1;
                }
                None
            }
            _ => {
                odd.clear();
                self.load_status(cell.entry, odd);
                odd.best(accept)
            }
        }
    }
}
