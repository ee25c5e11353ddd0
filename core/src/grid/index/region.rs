//! [`RegionIndex`]: which regions (sets of rings, even–odd) contain a point, exactly.
//!
//! # Lattice and cells
//!
//! Each axis of the layer's box is mapped onto integer *lattice units* by one fixed
//! floating-point formula, `u = ⌊(x − lo) · scale⌋` ([`Axis`]). The formula is monotone, so
//! the points with `u ≥ U` are exactly those with `x ≥ side(U)`, where `side(U)` is the
//! smallest float reaching `U` (found once, when building). Cells are aligned runs of lattice
//! units: a uniform table of root cells, `2^shift` units wide, and below a crowded root cell
//! a tree of 4 × 4 nodes, each level two bits narrower. A query computes `(u, v)` once and
//! walks down with shifts and masks; the cell holding it is known exactly, without any
//! comparison against cell sides.
//!
//! # Cells
//!
//! Every cell is one `u32` entry (two tag bits, 30 bits of payload):
//!
//! * **full**: no edge meets the cell; the payload is `0` (no region) or `region + 1`;
//! * **node**: a 4 × 4 table of entries in `nodes`;
//! * **quantized leaf**: the common leaf, in `data` (see [`RegionIndex::qleaf_mask`]);
//! * **general leaf**: any other leaf (many regions, many vertices, overlaps), in `data`,
//!   read with exact predicates only.
//!
//! A leaf stores the set of regions containing its south-east corner (displaced by the
//! boundary rule) and the edges meeting it. A query walks from the point east to the
//! cell's east side and down to the corner, toggling the regions of every edge it crosses
//! (see [`super::predicates`]).
//!
//! # Shared exact edges
//!
//! The exact edges are stored once, in `verts` (packed, see [`Verts`]): the layer's
//! boundaries cut into polylines
//! of edges with the same regions on their sides (each shared edge once, in ring order).
//! Leaves refer to runs of them by position. A quantized leaf also carries its edges in
//! cell-local 15-bit coordinates, clipped to a box around the cell: a query decides with
//! integer arithmetic and proven error bounds, and only when the point lies within a unit
//! or so of an edge or vertex it repeats the leaf with the exact edges and exact predicates.
//! Either way the answer equals the scan's, bit for bit, on every platform.

use crate::geo::Point;

use super::predicates::toggles;
use super::verts::Verts;

/// No region (second slot of a run that toggles a single region).
pub(crate) const NO_REGION: u32 = 0x00FF_FFFF;
/// Largest region id.
pub(crate) const MAX_REGIONS: usize = NO_REGION as usize;

pub(crate) const TAG_SHIFT: u32 = 30;
pub(crate) const TAG_FULL: u32 = 0;
pub(crate) const TAG_QLEAF: u32 = 1;
pub(crate) const TAG_NODE: u32 = 2;
pub(crate) const TAG_GLEAF: u32 = 3;
pub(crate) const PAYLOAD: u32 = (1 << TAG_SHIFT) - 1;

/// Bits of lattice coordinate per node level (a node is 4 × 4 cells).
pub(crate) const NODE_BITS: u32 = 2;
/// A quantized leaf's cell is `2^LOCAL_BITS` local units wide.
pub(crate) const LOCAL_BITS: u32 = 14;
/// Local coordinate of a quantized leaf's west and south sides.
pub(crate) const MARGIN: i64 = 1 << (LOCAL_BITS - 1);
/// Local coordinate of a quantized leaf's east and north sides.
pub(crate) const FAR_SIDE: i64 = MARGIN + (1 << LOCAL_BITS);
/// Largest local coordinate (edges are clipped to `[0, LOCAL_TOP]²`).
pub(crate) const LOCAL_TOP: i64 = (1 << 15) - 1;
/// Most vertices of a quantized leaf.
pub(crate) const QLEAF_MAX_VERTICES: usize = 16;
/// Most regions a quantized leaf can toggle (one bit each in the per-edge flag byte).
pub(crate) const LOCAL_MAX: usize = 8;
/// Excess of a filtered orientation's error bound over the sum of the coordinate
/// differences (see [`certain`]).
const SLACK: i64 = 11;

/// One axis of the lattice: `unit(x) = ⌊(x − lo) · scale⌋`, `0 ≤ unit < units`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Axis {
    pub(crate) lo: f64,
    pub(crate) scale: f64,
    /// Number of units, as a float (the exclusive upper bound of `unit`).
    pub(crate) units: f64,
}

impl Axis {
    /// The unmapped lattice position of `x` (not floored): `(x − lo) · scale`.
    #[inline(always)]
    pub(crate) fn real(&self, x: f64) -> f64 {
        (x - self.lo) * self.scale
    }

    /// The smallest float whose lattice position reaches `u` (for `u` up to `units`): the
    /// west (or south) side of every cell starting at unit `u`.
    pub(crate) fn side(&self, u: u64) -> f64 {
        if u == 0 {
            return self.lo;
        }
        let target = u as f64;
        let ok = |x: f64| self.real(x) >= target;
        let mut x = self.lo + target / self.scale;
        for _ in 0..64 {
            if ok(x) {
                let below = x.next_down();
                if !ok(below) {
                    return x;
                }
                x = below;
            } else {
                let above = x.next_up();
                if ok(above) {
                    return above;
                }
                x = above;
            }
        }
        // Far off (not expected): bisect over the ordered floats above `lo`.
        let key = |x: f64| x.to_bits() as i64 ^ (((x.to_bits() as i64) >> 63) & i64::MAX);
        let from = |k: i64| f64::from_bits((k ^ ((k >> 63) & i64::MAX)) as u64);
        // The keys span more than `i64::MAX` when `lo` is negative: halve in `i128`.
        let (mut lo, mut hi) = (key(self.lo), key(f64::MAX));
        while i128::from(hi) - i128::from(lo) > 1 {
            let mid = ((i128::from(lo) + i128::from(hi)) / 2) as i64;
            if ok(from(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        from(hi)
    }
}

/// The lattice of a [`RegionIndex`]: both axes and the root table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Lattice {
    pub(crate) x: Axis,
    pub(crate) y: Axis,
    pub(crate) cols: u32,
    pub(crate) rows: u32,
    /// Root cells are `2^shift` units wide and high.
    pub(crate) shift: u32,
}

impl Lattice {
    /// The lattice units of `p`, `None` outside the lattice (which holds every vertex).
    #[inline(always)]
    pub(crate) fn units(&self, p: Point) -> Option<(u32, u32)> {
        let dx = self.x.real(p.lon);
        let dy = self.y.real(p.lat);
        // NaN fails every comparison.
        if dx >= 0.0 && dx < self.x.units && dy >= 0.0 && dy < self.y.units {
            Some((dx as u32, dy as u32))
        } else {
            None
        }
    }
}

/// A table of cells (the root or a node) with the exact sides of its cells, for tests that
/// aim at cell sides.
#[cfg(test)]
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    pub(crate) cols: u32,
    pub(crate) rows: u32,
    pub(crate) sx: Vec<f64>,
    pub(crate) sy: Vec<f64>,
}

#[cfg(test)]
impl Table {
    pub(crate) fn xs(&self, i: u32) -> f64 {
        self.sx[i as usize]
    }
    pub(crate) fn ys(&self, j: u32) -> f64 {
        self.sy[j as usize]
    }
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

/// Header of a quantized leaf (one word): per-edge masks, the corner status and counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct QHead {
    /// Bit `i`: vertices `i` and `i + 1` form an edge.
    pub(crate) live: u32,
    /// Bit `i`: that edge crosses the east side between the corner and the cell's top.
    pub(crate) vcand: u32,
    /// Bit `i`: that edge runs west to east (vertex `i` lies west of vertex `i + 1`).
    pub(crate) vdir: u32,
    /// The regions containing the corner, as a mask of the leaf's regions.
    pub(crate) base: u32,
    /// Vertices (at most [`QLEAF_MAX_VERTICES`]).
    pub(crate) n: usize,
    /// Regions (1 to [`LOCAL_MAX`]).
    pub(crate) locals: usize,
}

impl QHead {
    pub(crate) fn pack(&self) -> u64 {
        u64::from(self.live)
            | u64::from(self.vcand) << 15
            | u64::from(self.vdir) << 30
            | u64::from(self.base) << 45
            | (self.n as u64) << 53
            | ((self.locals - 1) as u64) << 58
    }

    #[inline(always)]
    pub(crate) fn unpack(w: u64) -> QHead {
        QHead {
            live: (w & 0x7FFF) as u32,
            vcand: ((w >> 15) & 0x7FFF) as u32,
            vdir: ((w >> 30) & 0x7FFF) as u32,
            base: ((w >> 45) & 0xFF) as u32,
            n: ((w >> 53) & 0x1F) as usize,
            locals: ((w >> 58) & 0x7) as usize + 1,
        }
    }

    /// Words of the lane arrays (four 16-bit lanes a word).
    #[inline(always)]
    pub(crate) fn lane_words(&self) -> usize {
        self.n.div_ceil(4)
    }

    /// Words of the flag bytes (one per edge slot, `n − 1` slots).
    #[inline(always)]
    pub(crate) fn flag_words(&self) -> usize {
        (self.n - 1).div_ceil(8)
    }
}

/// Bit `k` (k < 4) of the result: lane `k` of `w` (four 15-bit values) is at least `t`
/// (`t ≤ 2^15`).
#[inline(always)]
fn lanes_at_least(w: u64, t: u64) -> u64 {
    const HIGH: u64 = 0x8000_8000_8000_8000;
    const ONES: u64 = 0x0001_0001_0001_0001;
    // No lane borrows: (v | 2^15) − t ≥ 0. The high bit stays set exactly when v ≥ t.
    let d = ((w | HIGH) - t * ONES) & HIGH;
    // Gather bits 15, 31, 47, 63 into bits 0–3.
    ((d >> 15).wrapping_mul(0x0000_2000_4000_8001) >> 45) & 0xF
}

/// Where edge `i`'s flag byte sits in its word: edge `8m + k` in byte `7 − k` of word `m`.
#[inline(always)]
pub(crate) fn flag_shift(i: usize) -> u32 {
    ((7 - i % 8) * 8) as u32
}

/// XOR of the flag bytes of `w` selected by the low 8 bits of `sel` (bit `k`: byte `7 − k`).
#[inline(always)]
fn xor_bytes(w: u64, sel: u64) -> u32 {
    // Bit k goes to the high bit of byte 7 − k (the products never overlap), then each
    // marked byte is widened to 0xFF.
    let spread = ((sel & 0xFF).wrapping_mul(0x8040_2010_0804_0201) & 0x8080_8080_8080_8080) >> 7;
    let mut x = w & spread.wrapping_mul(0xFF);
    x ^= x >> 32;
    x ^= x >> 16;
    x ^= x >> 8;
    (x & 0xFF) as u32
}

/// The sign of the orientation of `p` against the line `a → b` (positive: left), when the
/// quantization cannot have changed it; `None` when it might have.
///
/// Every local coordinate is `⌊t⌋` for a true (scaled, real) coordinate `t` computed
/// within 2^-15 units: its error lies in `(−2^-15, 1 + 2^-15)`, so a difference of two
/// coordinates is off by less than `u = 1 + 2^-14`. With `D = b − a` and `R = p − a` as
/// stored, the true orientation differs from `D × R` by at most
/// `u (|Dx| + |Dy| + |Rx| + |Ry|) + 2u² < |Dx| + |Dy| + |Rx| + |Ry| + 11` (the sums are
/// below 2^17). Products are exact in `i64`.
#[inline(always)]
fn certain(ax: i64, ay: i64, bx: i64, by: i64, px: i64, py: i64) -> Option<bool> {
    let (dx, dy, rx, ry) = (bx - ax, by - ay, px - ax, py - ay);
    let o = dx * ry - dy * rx;
    let e = dx.abs() + dy.abs() + rx.abs() + ry.abs() + SLACK;
    if o.abs() > e { Some(o > 0) } else { None }
}

/// Which regions contain a point; see the [module documentation](self).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RegionIndex {
    pub(crate) lattice: Lattice,
    pub(crate) root: Vec<u32>,
    pub(crate) nodes: Vec<u32>,
    pub(crate) data: Vec<u64>,
    /// Exact vertices of the edge polylines.
    pub(crate) verts: Verts,
    /// Where each root row's data begins in `data` (and, last, the end).
    pub(crate) row_data: Vec<u32>,
    pub(crate) regions: usize,
}

/// The cell a point falls in: its entry, its lattice units and the cell's width in bits.
#[derive(Debug, Clone, Copy)]
struct Cell {
    entry: u32,
    u: u32,
    v: u32,
    k: u32,
}

impl RegionIndex {
    /// Heap bytes held.
    pub(crate) fn memory_bytes(&self) -> usize {
        self.root.capacity() * 4
            + self.nodes.capacity() * 4
            + self.data.capacity() * 8
            + self.verts.memory_bytes()
            + self.row_data.capacity() * 4
    }

    /// The data offset of the root row holding `p` (for grouping batch queries: rows are
    /// written in order), `None` outside the lattice.
    #[inline]
    pub(crate) fn row_offset(&self, p: Point) -> Option<u32> {
        let (_, v) = self.lattice.units(p)?;
        Some(self.row_data[(v >> self.lattice.shift) as usize])
    }

    #[inline(always)]
    fn vert(&self, i: usize) -> Point {
        self.verts.get(i)
    }

    #[inline(always)]
    fn cell(&self, p: Point) -> Option<Cell> {
        let l = &self.lattice;
        let (u, v) = l.units(p)?;
        let mut k = l.shift;
        let mut entry = self.root[((v >> k) * l.cols + (u >> k)) as usize];
        while entry >> TAG_SHIFT == TAG_NODE {
            k -= NODE_BITS;
            let c = (((v >> k) & 3) << 2 | ((u >> k) & 3)) as usize;
            entry = self.nodes[(entry & PAYLOAD) as usize + c];
        }
        Some(Cell { entry, u, v, k })
    }

    /// The exact east side and south side of the cell.
    fn corner(&self, c: &Cell) -> (f64, f64) {
        let west = u64::from(c.u >> c.k) << c.k;
        let south = u64::from(c.v >> c.k) << c.k;
        (
            self.lattice.x.side(west + (1 << c.k)),
            self.lattice.y.side(south),
        )
    }

    /// The regions of a general leaf containing `p`, into `odd` (cleared first).
    fn gleaf_odd(&self, c: &Cell, p: Point, odd: &mut Odd) {
        odd.clear();
        let off = (c.entry & PAYLOAD) as usize;
        let head = self.data[off];
        let nbase = (head & 0xFFFF_FFFF) as usize;
        let nrefs = (head >> 32) as usize;
        let mut at = off + 1;
        for k in 0..nbase {
            odd.toggle((self.data[at + k / 2] >> ((k % 2) * 32)) as u32);
        }
        at += nbase.div_ceil(2);
        if nrefs == 0 {
            return;
        }
        let (x1, y0) = self.corner(c);
        for _ in 0..nrefs {
            let (w0, w1) = (self.data[at], self.data[at + 1]);
            at += 2;
            let start = (w0 & 0xFFFF_FFFF) as usize;
            let nseg = (w0 >> 32) as usize;
            let mut flip = false;
            for j in start..start + nseg {
                flip ^= toggles(self.vert(j), self.vert(j + 1), p, x1, y0);
            }
            if flip {
                odd.toggle(w1 as u32);
                let r2 = (w1 >> 32) as u32;
                if r2 != NO_REGION {
                    odd.toggle(r2);
                }
            }
        }
    }

    /// The local regions of a quantized leaf holding `p` (bit `k`: the `k`-th of the leaf's
    /// region ids).
    ///
    /// Layout: the [`QHead`] word; the vertices' local y as 16-bit lanes (padded with the
    /// top value); the edges' flag bytes (the local regions each toggles); the local x
    /// lanes; then, as `u32`s, the region ids (ascending) and for each polyline the
    /// position of its first exact vertex.
    ///
    /// Only edges straddling the point's height can cross the way east, and only edges
    /// marked `vcand` the way down; one lane comparison a vertex sorts the vertices above
    /// and below (certain at two units' distance). A straddling edge is decided by the
    /// signs of two orientations, certain beyond their error bound ([`certain`]). When
    /// anything is uncertain the leaf is read again with exact edges and predicates.
    #[inline(always)]
    fn qleaf_mask(&self, c: &Cell, head: u64, p: Point) -> u32 {
        let off = (c.entry & PAYLOAD) as usize;
        let h = QHead::unpack(head);
        let sh = c.k - LOCAL_BITS;
        let low = (1u32 << c.k) - 1;
        let lx = i64::from((c.u & low) >> sh) + MARGIN;
        let ly = i64::from((c.v & low) >> sh) + MARGIN;
        let lw = h.lane_words();
        let ys = &self.data[off + 1..off + 1 + lw];
        let (mut above, mut near) = (0u64, 0u64);
        for (w, &word) in ys.iter().enumerate() {
            let hi = lanes_at_least(word, (ly + 2) as u64);
            let lo = lanes_at_least(word, (ly - 1) as u64);
            above |= hi << (4 * w);
            near |= (lo & !hi) << (4 * w);
        }
        if near & ((1 << h.n) - 1) != 0 {
            return self.qleaf_exact(c, p);
        }
        let (live, vcand) = (u64::from(h.live), u64::from(h.vcand));
        let straddle = (above ^ (above >> 1)) & live;
        // Crossing the east side and wholly below the point: the way down crosses it.
        let mut hit = vcand & !straddle & !above;
        let mut todo = straddle;
        if todo != 0 {
            let xs = off + 1 + lw + h.flag_words();
            let lane = |base: usize, i: usize| -> i64 {
                ((self.data[base + i / 4] >> ((i % 4) * 16)) & 0xFFFF) as i64
            };
            let ys0 = off + 1;
            while todo != 0 {
                let i = todo.trailing_zeros() as usize;
                todo &= todo - 1;
                let (ax, ay) = (lane(xs, i), lane(ys0, i));
                let (bx, by) = (lane(xs, i + 1), lane(ys0, i + 1));
                let (Some(d1), Some(d2)) = (
                    certain(ax, ay, bx, by, lx, ly),
                    certain(ax, ay, bx, by, FAR_SIDE, ly),
                ) else {
                    return self.qleaf_exact(c, p);
                };
                let up = by > ay;
                // Way east: the crossing lies strictly east of the point, at or west of
                // the east side. Way down: the edge passes below the turn.
                let east = (d1 == up) & (d2 != up);
                let down = (h.vcand >> i & 1 == 1) & (d2 == (h.vdir >> i & 1 == 1));
                hit |= u64::from(east ^ down) << i;
            }
        }
        let flags = off + 1 + lw;
        let mut acc = h.base ^ xor_bytes(self.data[flags], hit);
        if h.n > 9 {
            acc ^= xor_bytes(self.data[flags + 1], hit >> 8);
        }
        acc
    }

    /// [`RegionIndex::qleaf_mask`] with the exact edges and exact predicates.
    #[cold]
    #[inline(never)]
    fn qleaf_exact(&self, c: &Cell, p: Point) -> u32 {
        let off = (c.entry & PAYLOAD) as usize;
        let h = QHead::unpack(self.data[off]);
        let lw = h.lane_words();
        let flags = off + 1 + lw;
        let tail = flags + h.flag_words() + lw;
        let word32 = |k: usize| (self.data[tail + k / 2] >> ((k % 2) * 32)) as u32;
        let (x1, y0) = self.corner(c);
        let mut acc = h.base;
        let mut poly = h.locals;
        let mut e = 0usize;
        for i in 0..h.n - 1 {
            if i == 0 || h.live >> (i - 1) & 1 == 0 {
                e = word32(poly) as usize;
                poly += 1;
            } else {
                e += 1;
            }
            if h.live >> i & 1 == 1 && toggles(self.vert(e), self.vert(e + 1), p, x1, y0) {
                acc ^= ((self.data[flags + i / 8] >> flag_shift(i)) & 0xFF) as u32;
            }
        }
        acc
    }

    /// The `k`-th region id of a quantized leaf.
    #[inline(always)]
    fn qleaf_region(&self, off: usize, k: usize) -> u32 {
        let h = QHead::unpack(self.data[off]);
        let tail = off + 1 + 2 * h.lane_words() + h.flag_words();
        (self.data[tail + k / 2] >> ((k % 2) * 32)) as u32
    }

    /// Every table (the root and the nodes), for tests that aim at cell sides.
    #[cfg(test)]
    pub(crate) fn tables(&self) -> Vec<Table> {
        let l = &self.lattice;
        let side_x = |u: u64| l.x.side(u);
        let side_y = |v: u64| l.y.side(v);
        let mut out = vec![Table {
            cols: l.cols,
            rows: l.rows,
            sx: (0..=l.cols)
                .map(|i| side_x(u64::from(i) << l.shift))
                .collect(),
            sy: (0..=l.rows)
                .map(|j| side_y(u64::from(j) << l.shift))
                .collect(),
        }];
        let mut stack: Vec<(u32, u64, u64, u32)> = Vec::new();
        for j in 0..l.rows {
            for i in 0..l.cols {
                let e = self.root[(j * l.cols + i) as usize];
                stack.push((e, u64::from(i) << l.shift, u64::from(j) << l.shift, l.shift));
            }
        }
        while let Some((e, u0, v0, k)) = stack.pop() {
            if e >> TAG_SHIFT == TAG_NODE {
                let kc = k - NODE_BITS;
                let off = (e & PAYLOAD) as usize;
                for c in 0..16u64 {
                    let child = self.nodes[off + c as usize];
                    stack.push((child, u0 + ((c & 3) << kc), v0 + ((c >> 2) << kc), kc));
                }
                out.push(Table {
                    cols: 4,
                    rows: 4,
                    sx: (0..=4).map(|i| side_x(u0 + (i << kc))).collect(),
                    sy: (0..=4).map(|j| side_y(v0 + (j << kc))).collect(),
                });
            }
        }
        out
    }

    /// Every region containing `p` (displaced by the boundary rule), in no order.
    #[cfg(test)]
    pub(crate) fn odd_regions(&self, p: Point, odd: &mut Odd) {
        odd.clear();
        let Some(c) = self.cell(p) else { return };
        match c.entry >> TAG_SHIFT {
            TAG_FULL => {
                if c.entry != 0 {
                    odd.toggle(c.entry - 1);
                }
            }
            TAG_QLEAF => {
                let off = (c.entry & PAYLOAD) as usize;
                let mask = self.qleaf_mask(&c, self.data[off], p);
                for k in 0..8 {
                    if mask >> k & 1 == 1 {
                        odd.toggle(self.qleaf_region(off, k));
                    }
                }
            }
            _ => self.gleaf_odd(&c, p, odd),
        }
    }

    /// Which path a query takes (tests): the tag of its cell, and whether a quantized
    /// leaf had to be read exactly.
    #[cfg(test)]
    pub(crate) fn path(&self, p: Point) -> Option<(u32, bool)> {
        let c = self.cell(p)?;
        if c.entry >> TAG_SHIFT != TAG_QLEAF {
            return Some((c.entry >> TAG_SHIFT, false));
        }
        let fast = self.qleaf_mask(&c, self.data[(c.entry & PAYLOAD) as usize], p);
        let exact = self.qleaf_exact(&c, p);
        assert_eq!(fast, exact, "quantized and exact leaf disagree at {p:?}");
        // Uncertain when the fast path defers: detect by re-running its tests.
        Some((TAG_QLEAF, self.qleaf_uncertain(&c, p)))
    }

    #[cfg(test)]
    fn qleaf_uncertain(&self, c: &Cell, p: Point) -> bool {
        let _ = p;
        let off = (c.entry & PAYLOAD) as usize;
        let h = QHead::unpack(self.data[off]);
        let sh = c.k - LOCAL_BITS;
        let low = (1u32 << c.k) - 1;
        let lx = i64::from((c.u & low) >> sh) + MARGIN;
        let ly = i64::from((c.v & low) >> sh) + MARGIN;
        let lw = h.lane_words();
        let lane = |base: usize, i: usize| -> i64 {
            ((self.data[base + i / 4] >> ((i % 4) * 16)) & 0xFFFF) as i64
        };
        let xs = off + 1 + lw + h.flag_words();
        for i in 0..h.n {
            if (lane(off + 1, i) - ly).abs() <= 1 {
                return true;
            }
        }
        for i in 0..h.n - 1 {
            if h.live >> i & 1 == 0 {
                continue;
            }
            let (ay, by) = (lane(off + 1, i), lane(off + 1, i + 1));
            if (ay > ly) != (by > ly) {
                let (ax, bx) = (lane(xs, i), lane(xs, i + 1));
                if certain(ax, ay, bx, by, lx, ly).is_none()
                    || certain(ax, ay, bx, by, FAR_SIDE, ly).is_none()
                {
                    return true;
                }
            }
        }
        false
    }

    /// The smallest accepted region containing `p`.
    #[inline(always)]
    pub(crate) fn best(
        &self,
        p: Point,
        odd: &mut Odd,
        accept: &impl Fn(u32) -> bool,
    ) -> Option<u32> {
        let c = self.cell(p)?;
        let head = if c.entry >> TAG_SHIFT == TAG_QLEAF {
            self.data[(c.entry & PAYLOAD) as usize]
        } else {
            0
        };
        self.finish(p, &c, head, odd, accept)
    }

    /// Locates a block of points in stages, for batches: first every cell (the root
    /// entries are loaded without a branch between them, so the loads overlap), then the
    /// nodes, then the headers of the quantized leaves. `out[i]` is `None` outside the
    /// lattice.
    #[inline]
    pub(crate) fn stage(&self, pts: &[Point], out: &mut [Staged]) {
        let l = &self.lattice;
        for (p, s) in pts.iter().zip(out.iter_mut()) {
            let dx = l.x.real(p.lon);
            let dy = l.y.real(p.lat);
            let ok = (dx >= 0.0) & (dx < l.x.units) & (dy >= 0.0) & (dy < l.y.units);
            let (u, v) = if ok { (dx as u32, dy as u32) } else { (0, 0) };
            let entry = self.root[((v >> l.shift) * l.cols + (u >> l.shift)) as usize];
            *s = Staged {
                cell: Cell {
                    entry,
                    u,
                    v,
                    k: l.shift,
                },
                head: 0,
                ok,
            };
        }
        for s in out.iter_mut() {
            let c = &mut s.cell;
            while c.entry >> TAG_SHIFT == TAG_NODE {
                c.k -= NODE_BITS;
                let i = (((c.v >> c.k) & 3) << 2 | ((c.u >> c.k) & 3)) as usize;
                c.entry = self.nodes[(c.entry & PAYLOAD) as usize + i];
            }
        }
        for s in out.iter_mut() {
            let e = s.cell.entry;
            let off = if e >> TAG_SHIFT == TAG_QLEAF {
                (e & PAYLOAD) as usize
            } else {
                0
            };
            s.head = self.data.get(off).copied().unwrap_or(0);
        }
    }

    /// [`RegionIndex::best`] for a staged point.
    #[inline(always)]
    pub(crate) fn best_staged(
        &self,
        p: Point,
        s: &Staged,
        odd: &mut Odd,
        accept: &impl Fn(u32) -> bool,
    ) -> Option<u32> {
        if !s.ok {
            return None;
        }
        self.finish(p, &s.cell, s.head, odd, accept)
    }

    #[inline(always)]
    fn finish(
        &self,
        p: Point,
        c: &Cell,
        head: u64,
        odd: &mut Odd,
        accept: &impl Fn(u32) -> bool,
    ) -> Option<u32> {
        match c.entry >> TAG_SHIFT {
            // The common case: inside one region, away from any edge.
            TAG_FULL => (c.entry != 0 && accept(c.entry - 1)).then(|| c.entry - 1),
            TAG_QLEAF => {
                let mut mask = self.qleaf_mask(c, head, p);
                let off = (c.entry & PAYLOAD) as usize;
                // Regions ascend, so the lowest accepted bit is the smallest region.
                while mask != 0 {
                    let r = self.qleaf_region(off, mask.trailing_zeros() as usize);
                    if accept(r) {
                        return Some(r);
                    }
                    mask &= mask - 1;
                }
                None
            }
            _ => {
                self.gleaf_odd(c, p, odd);
                odd.best(accept)
            }
        }
    }
}

/// Points located per stage of a batch.
pub(crate) const STAGE: usize = 32;

/// A point of a batch, located (see [`RegionIndex::stage`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Staged {
    cell: Cell,
    head: u64,
    ok: bool,
}

impl Default for Staged {
    fn default() -> Self {
        Staged {
            cell: Cell {
                entry: 0,
                u: 0,
                v: 0,
                k: 0,
            },
            head: 0,
            ok: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_compare_each_lane() {
        let w = |v: [u64; 4]| v[0] | v[1] << 16 | v[2] << 32 | v[3] << 48;
        for t in [0u64, 1, 2, 100, 8191, 24578, 32767, 32768] {
            for vals in [[0, 1, 2, 3], [32767, 0, 24578, 8190], [100, 99, 101, 32767]] {
                let got = lanes_at_least(w(vals), t);
                let want = (0..4).fold(0, |m, k| m | u64::from(vals[k] >= t) << k);
                assert_eq!(got, want, "{vals:?} >= {t}");
            }
        }
    }

    #[test]
    fn xor_of_selected_bytes() {
        let w = 0x8877_6655_4433_2211u64;
        for sel in 0..256u64 {
            let want = (0..8)
                .filter(|k| sel >> k & 1 == 1)
                .fold(0u32, |a, k| a ^ ((w >> flag_shift(k)) & 0xFF) as u32);
            assert_eq!(xor_bytes(w, sel), want, "{sel:b}");
        }
    }

    #[test]
    fn sides_are_exact_thresholds() {
        for (lo, width, units) in [
            (118.0, 0.61, 145u64 << 23),
            (-75.3, 1e-5, 1 << 20),
            (0.0, 1e-300, 1 << 10),
            (35.5, 0.4, 127 << 23),
        ] {
            let a = Axis {
                lo,
                scale: units as f64 / width * (1.0 - 1e-9),
                units: units as f64,
            };
            for u in [1, 2, 3, 1000, units / 3, units - 1, units] {
                let x = a.side(u);
                assert!(a.real(x) >= u as f64, "{lo} {u}");
                assert!(a.real(x.next_down()) < u as f64, "{lo} {u}");
            }
            assert_eq!(a.side(0), lo);
        }
    }
}
