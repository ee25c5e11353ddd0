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
        let mut i = guess(x - self.x0, self.inv_w, self.cols);
        while i > 0 && x < self.xs(i) {
            i -= 1;
        }
        while i + 1 < self.cols && x > self.xs(i + 1) {
            i += 1;
        }
        i
    }

    /// A row whose closed interval holds `y` (which must lie within the table).
    #[inline(always)]
    pub(crate) fn row(&self, y: f64) -> u32 {
        let mut j = guess(y - self.y0, self.inv_h, self.rows);
        while j > 0 && y < self.ys(j) {
            j -= 1;
        }
        while j + 1 < self.rows && y > self.ys(j + 1) {
            j += 1;
        }
        j
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

/// Which regions contain a point; see the [module documentation](self).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RegionIndex {
    pub(crate) table: Table,
    pub(crate) root: Vec<u32>,
    pub(crate) data: Vec<u64>,
    pub(crate) sets: Vec<u32>,
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
        self.root.capacity() * 4 + self.data.capacity() * 8 + self.sets.capacity() * 4
    }

    /// The root cell holding `p` (for grouping batch queries), `None` outside the box.
    #[inline]
    pub(crate) fn root_cell(&self, p: Point) -> Option<u32> {
        if !self.table.holds(p) {
            return None;
        }
        Some(self.table.row(p.lat) * self.table.cols + self.table.col(p.lon))
    }

    /// Number of root cells.
    pub(crate) fn root_cells(&self) -> usize {
        self.root.len()
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

    /// Toggles the regions of every leaf run crossed an odd number of times.
    #[inline(always)]
    fn walk_leaf(&self, off: usize, p: Point, x1: f64, y0: f64, odd: &mut Odd) {
        let head = self.data[off];
        self.load_status(head as u32, odd);
        let runs = (head >> 32) as usize;
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
            TAG_LEAF => {
                self.walk_leaf((cell.entry & PAYLOAD) as usize, p, cell.x1, cell.y0, odd);
            }
            _ => self.load_status(cell.entry, odd),
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
        let tag = cell.entry >> TAG_SHIFT;
        if tag == TAG_FULL {
            // The common case: inside one region, far from any edge.
            return (cell.entry != 0 && accept(cell.entry - 1)).then(|| cell.entry - 1);
        }
        odd.clear();
        if tag == TAG_LEAF {
            self.walk_leaf((cell.entry & PAYLOAD) as usize, p, cell.x1, cell.y0, odd);
        } else {
            self.load_status(cell.entry, odd);
        }
        odd.best(accept)
    }
}
