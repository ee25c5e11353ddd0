//! Shared-edge matching by hashing.
//!
//! Every boundary segment of every unit of a group is hashed as a *normalized directed
//! segment*: its two endpoints by the exact bit patterns of their coordinates, the smaller
//! endpoint first, plus a sign for the direction. Rings are taken in RFC 7946 order
//! (exteriors counter-clockwise, holes clockwise), so two units sharing an edge traverse it
//! in opposite directions and their contributions cancel; the parent's rings are added
//! reversed, so its boundary cancels the children's outer edges. A [`SegTable`] keeps only
//! the running sum: an entry is removed as soon as it reaches zero, so the table holds the
//! open "front" of the units seen so far, not every segment — with units taken in a
//! spatially coherent order it stays small enough for the cache. What is left at the end is
//! the boundary of (children − parent) as a signed 1-chain: empty for a perfect tiling.

use crate::geo::Point;

/// A normalized segment: `[lon_a, lat_a, lon_b, lat_b]` as bits, smaller endpoint first.
pub(super) type Key = [u64; 4];

/// Canonical bits of a coordinate (`-0.0` and `0.0` are the same place).
#[inline]
fn bits(x: f64) -> u64 {
    (x + 0.0).to_bits()
}

/// The normalized key of segment `a → b` and the direction sign (`+1` if `a` is the smaller
/// endpoint); `None` for a zero-length segment.
#[inline]
pub(super) fn key_of(a: Point, b: Point) -> Option<(Key, i32)> {
    let ka = (bits(a.lon), bits(a.lat));
    let kb = (bits(b.lon), bits(b.lat));
    if ka < kb {
        Some(([ka.0, ka.1, kb.0, kb.1], 1))
    } else if kb < ka {
        Some(([kb.0, kb.1, ka.0, ka.1], -1))
    } else {
        None
    }
}

/// A 64-bit mix of a key.
#[inline]
pub(super) fn hash(k: &Key) -> u64 {
    let a = (k[0] ^ k[2].rotate_left(32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let b = (k[1] ^ k[3].rotate_left(32)).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    let h = (a ^ b.rotate_left(29)).wrapping_mul(0x1656_67B1_9E37_79F9);
    h ^ (h >> 29)
}

/// The endpoints of a key.
pub(super) fn points_of(k: &Key) -> (Point, Point) {
    (
        Point::new(f64::from_bits(k[0]), f64::from_bits(k[1])),
        Point::new(f64::from_bits(k[2]), f64::from_bits(k[3])),
    )
}

/// One unmatched segment: `a → b` taken `weight` times (≥ 1), with up to two contributors
/// (positions given to [`SegTable::add_hashed`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Leftover {
    /// Start.
    pub a: Point,
    /// End.
    pub b: Point,
    /// Net multiplicity in the `a → b` direction (≥ 1).
    pub weight: i32,
    /// The first and the last contributor (may be equal).
    pub owners: [u32; 2],
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: Key,
    count: i32,
    first: u32,
    last: u32,
}

/// Largest number of slots; past it the older half of the entries is moved out.
const MAX_CAP: usize = 1 << 13;

/// An open-addressing (linear probing, backward-shift deletion) table of running segment
/// sums; entries are removed when they reach zero.
///
/// Probing reads a compact array of 32-bit *tags* (hash bits; 0 marks an empty slot) that
/// stays in the nearest cache; the full entry (the key, 32 bytes) is read only when a tag
/// matches. Inserting a new segment — half of all operations — never reads an entry.
///
/// The table never grows past [`MAX_CAP`] slots. When it is half full at that size, the
/// older half of the entries (by contributor position) is moved to an overflow list: in a
/// spatially ordered pass, those are mostly segments on the group's outer boundary that
/// will never be matched. Sums are order-independent, so a segment met again later simply
/// starts a new entry, and [`SegTable::drain`] adds the overflow back in.
#[derive(Debug, Default)]
pub(super) struct SegTable {
    tags: Vec<u32>,
    slots: Vec<Slot>,
    /// `32 - log2(capacity)`: a tag's top bits give its home slot.
    shift: u32,
    /// `capacity - 1`.
    mask: usize,
    len: usize,
    overflow: Vec<Slot>,
    ages: Vec<u32>,
}

/// The tag of a hash: its top 32 bits, never 0.
#[inline]
fn tag_of(h: u64) -> u32 {
    ((h >> 32) as u32) | 1
}

impl SegTable {
    /// Prepares an empty table for about `segments` insertions.
    pub(super) fn start(&mut self, segments: usize) {
        debug_assert_eq!(self.len, 0);
        // Small to start: only the open front lives here, and a small table stays in cache.
        let cap = (segments / 4).clamp(64, 1024).next_power_of_two();
        if self.tags.len() < cap {
            self.tags = vec![0; cap];
            self.slots = vec![Slot::default(); cap];
        }
        // Only the first `cap` slots are used; every tag is 0 between groups.
        self.set_cap(cap);
        self.overflow.clear();
    }

    #[inline]
    fn cap(&self) -> usize {
        self.mask + 1
    }

    fn set_cap(&mut self, cap: usize) {
        self.shift = 32 - cap.trailing_zeros();
        self.mask = cap - 1;
    }

    #[inline]
    fn home(&self, tag: u32) -> usize {
        (tag >> self.shift) as usize
    }

    /// Adds `sign` (±1) to segment `key`, contributed at position `owner`.
    #[cfg(test)]
    pub(super) fn add(&mut self, key: Key, sign: i32, owner: u32) {
        self.add_hashed(key, hash(&key), sign, owner);
    }

    /// [`SegTable::add`] with the key's hash already computed. `owner` is the contributor's
    /// position in the pass (older positions are moved out first when the table is full).
    #[inline(always)]
    pub(super) fn add_hashed(&mut self, key: Key, h: u64, sign: i32, owner: u32) {
        let tag = tag_of(h);
        let mask = self.mask;
        let mut i = self.home(tag);
        loop {
            let t = self.tags[i];
            if t == 0 {
                self.tags[i] = tag;
                self.slots[i] = Slot {
                    key,
                    count: sign,
                    first: owner,
                    last: owner,
                };
                self.len += 1;
                if self.len * 2 > mask {
                    if self.cap() < MAX_CAP {
                        self.grow();
                    } else {
                        self.evict();
                    }
                }
                return;
            }
            if t == tag {
                let s = &mut self.slots[i];
                if s.key == key {
                    s.count += sign;
                    if s.count == 0 {
                        self.remove(i);
                    } else {
                        s.last = owner;
                    }
                    return;
                }
            }
            i = (i + 1) & mask;
        }
    }

    #[inline(always)]
    fn remove(&mut self, mut hole: usize) {
        let mask = self.mask;
        self.len -= 1;
        let mut j = (hole + 1) & mask;
        while self.tags[j] != 0 {
            let home = self.home(self.tags[j]);
            if (j.wrapping_sub(home) & mask) >= (j.wrapping_sub(hole) & mask) {
                self.tags[hole] = self.tags[j];
                self.slots[hole] = self.slots[j];
                hole = j;
            }
            j = (j + 1) & mask;
        }
        self.tags[hole] = 0;
    }

    /// Re-inserts `live` (tag, entry) into the first `cap` (cleared) slots.
    fn refill(&mut self, live: &[(u32, Slot)]) {
        let mask = self.mask;
        for &(tag, s) in live {
            let mut i = self.home(tag);
            while self.tags[i] != 0 {
                i = (i + 1) & mask;
            }
            self.tags[i] = tag;
            self.slots[i] = s;
        }
    }

    /// Takes every entry out (tags cleared).
    fn take_live(&mut self) -> Vec<(u32, Slot)> {
        let cap = self.cap();
        let mut live = Vec::with_capacity(self.len);
        for i in 0..cap {
            if self.tags[i] != 0 {
                live.push((self.tags[i], self.slots[i]));
                self.tags[i] = 0;
            }
        }
        live
    }

    fn grow(&mut self) {
        let live = self.take_live();
        let new_cap = self.cap() * 2;
        if self.tags.len() < new_cap {
            self.tags = vec![0; new_cap];
            self.slots = vec![Slot::default(); new_cap];
        }
        self.set_cap(new_cap);
        self.refill(&live);
    }

    /// Moves the older half of the entries to the overflow list.
    fn evict(&mut self) {
        let live = self.take_live();
        self.ages.clear();
        self.ages.extend(live.iter().map(|(_, s)| s.first));
        let mid = self.ages.len() / 2;
        let (_, &mut cutoff, _) = self.ages.select_nth_unstable(mid);
        let mut keep = Vec::with_capacity(live.len() / 2 + 1);
        for (tag, s) in live {
            if s.first <= cutoff {
                self.overflow.push(s);
            } else {
                keep.push((tag, s));
            }
        }
        self.len = keep.len();
        self.refill(&keep);
    }

    /// Number of entries in the table (not counting moved-out ones).
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// Whether nothing is left unmatched.
    pub(super) fn is_clear(&self) -> bool {
        self.len == 0 && self.overflow.is_empty()
    }

    /// Moves the unmatched segments to `out` and empties the table.
    pub(super) fn drain(&mut self, out: &mut Vec<Leftover>) {
        merge(self.take_entries(), out);
    }

    /// Takes every entry out, moved-out ones included, and empties the table: the running
    /// sums of one part of a pass, to be [merged](merge) with the other parts'.
    pub(super) fn take_entries(&mut self) -> Vec<Entry> {
        let mut live: Vec<Slot> = std::mem::take(&mut self.overflow);
        live.extend(self.take_live().into_iter().map(|(_, s)| s));
        self.len = 0;
        live.into_iter().map(Entry).collect()
    }
}

/// A running sum taken out of a [`SegTable`].
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry(Slot);

/// The unmatched segments of entries taken from the tables of the parts of one pass (or
/// from one table), into `out`: the sums of each segment added up, with the first
/// contributor of its earliest entry and the last of its latest. Sums do not depend on the
/// order of the parts.
pub(super) fn merge(entries: Vec<Entry>, out: &mut Vec<Leftover>) {
    let mut live: Vec<Slot> = entries.into_iter().map(|e| e.0).collect();
    live.sort_unstable_by(|a, b| a.key.cmp(&b.key).then(a.first.cmp(&b.first)));
    let mut k = 0;
    while k < live.len() {
        let mut e = k;
        let mut count = 0;
        while e < live.len() && live[e].key == live[k].key {
            count += live[e].count;
            e += 1;
        }
        if count != 0 {
            let (p, q) = points_of(&live[k].key);
            let (a, b) = if count > 0 { (p, q) } else { (q, p) };
            out.push(Leftover {
                a,
                b,
                weight: count.abs(),
                owners: [live[k].first, live[e - 1].last],
            });
        }
        k = e;
    }
}

/// The segments of a ring taken as closed (the wrap-around segment is zero-length, hence
/// skipped, when the ring repeats its first point), zero-length ones skipped.
pub(super) fn ring_segments(pts: &[Point]) -> impl Iterator<Item = (Point, Point)> + '_ {
    let n = pts.len();
    (0..if n < 2 { 0 } else { n })
        .map(move |i| (pts[i], pts[if i + 1 == n { 0 } else { i + 1 }]))
        .filter(|(a, b)| key_of(*a, *b).is_some())
}

/// Adds every segment of `rings` (each implicitly closed; exteriors first in each polygon
/// as `exterior[k]` says) to the table with the given overall sign, normalizing winding so
/// that exteriors run counter-clockwise and holes clockwise. Returns the unit's geometry
/// fingerprint (an order-independent sum of its segment hashes: equal for equal geometry;
/// duplicates are then confirmed exactly) and segment count.
pub(super) fn add_rings<'p>(
    table: &mut SegTable,
    rings: impl Iterator<Item = (&'p [Point], bool)>,
    sign: i32,
    owner: u32,
) -> (u64, usize) {
    let mut fp = 0u64;
    let mut count = 0usize;
    for (pts, exterior) in rings {
        let n = pts.len();
        if n < 2 {
            continue;
        }
        // One pass that assumes the usual winding (layers read from GeoJSON are rewound
        // on import) and measures it on the way; a ring found the other way round is
        // taken back and added again with the opposite sign.
        let s = sign;
        let o = pts[0];
        let mut area2 = 0.0;
        let mut ring_fp = 0u64;
        let mut ring_count = 0usize;
        let mut a = o;
        let (mut ax, mut ay) = (0.0, 0.0);
        for &b in pts[1..].iter().chain(std::iter::once(&o)) {
            let (bx, by) = (b.lon - o.lon, b.lat - o.lat);
            area2 += ax * by - bx * ay;
            (ax, ay) = (bx, by);
            if let Some((key, dir)) = key_of(a, b) {
                let d = dir * s;
                let h = hash(&key);
                table.add_hashed(key, h, d, owner);
                ring_fp = ring_fp.wrapping_add(h);
                ring_count += 1;
            }
            a = b;
        }
        let ccw = area2 > 0.0;
        if area2 != 0.0 && ccw != exterior {
            let mut a = o;
            for &b in pts[1..].iter().chain(std::iter::once(&o)) {
                if let Some((key, dir)) = key_of(a, b) {
                    let h = hash(&key);
                    // Undo the first pass, then add the other way round.
                    table.add_hashed(key, h, -dir * s, owner);
                    table.add_hashed(key, h, -dir * s, owner);
                }
                a = b;
            }
        }
        fp = fp.wrapping_add(ring_fp);
        count += ring_count;
    }
    (fp, count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sq(x: f64, y: f64) -> Vec<Point> {
        vec![
            Point::new(x, y),
            Point::new(x + 1.0, y),
            Point::new(x + 1.0, y + 1.0),
            Point::new(x, y + 1.0),
            Point::new(x, y),
        ]
    }

    #[test]
    fn shared_edges_cancel_and_leftovers_remain() {
        let mut t = SegTable::default();
        t.start(16);
        let a = sq(0.0, 0.0);
        let b = sq(1.0, 0.0);
        add_rings(&mut t, std::iter::once((&a[..], true)), 1, 0);
        assert_eq!(t.len(), 4);
        add_rings(&mut t, std::iter::once((&b[..], true)), 1, 1);
        assert_eq!(t.len(), 6, "the shared edge cancelled");
        // The parent (2×1 rectangle) reversed cancels the rest.
        let p = [
            Point::new(0.0, 0.0),
            Point::new(1.0, 0.0),
            Point::new(2.0, 0.0),
            Point::new(2.0, 1.0),
            Point::new(1.0, 1.0),
            Point::new(0.0, 1.0),
            Point::new(0.0, 0.0),
        ];
        add_rings(&mut t, std::iter::once((&p[..], true)), -1, 2);
        assert_eq!(t.len(), 0);
        let mut out = Vec::new();
        t.drain(&mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn clockwise_input_is_rewound_and_fingerprints_ignore_start() {
        let mut t = SegTable::default();
        t.start(16);
        let a = sq(0.0, 0.0);
        let mut rev = a.clone();
        rev.reverse();
        let (f1, n1) = add_rings(&mut t, std::iter::once((&a[..], true)), 1, 0);
        // Same square, clockwise and starting elsewhere: same fingerprint; adding it with
        // the opposite sign cancels everything.
        let rot: Vec<Point> = rev[1..].iter().chain(&rev[1..2]).copied().collect();
        let (f2, n2) = add_rings(&mut t, std::iter::once((&rot[..], true)), -1, 1);
        assert_eq!(n1, n2);
        assert_ne!(f1, 0);
        assert_eq!(t.len(), 0);
        let mut t2 = SegTable::default();
        t2.start(4);
        let (f3, _) = add_rings(&mut t2, std::iter::once((&rot[..], true)), 1, 1);
        assert_eq!(f1, f3);
        let _ = f2;
    }

    #[test]
    fn holes_cancel_the_units_filling_them_whatever_their_winding() {
        let outer = [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0), (0.0, 0.0)];
        let hole_cw = [(1.0, 1.0), (1.0, 3.0), (3.0, 3.0), (3.0, 1.0), (1.0, 1.0)];
        let pts = |c: &[(f64, f64)]| c.iter().map(|&(x, y)| Point::new(x, y)).collect::<Vec<_>>();
        for reversed in [false, true] {
            let mut hole = pts(&hole_cw);
            if reversed {
                hole.reverse();
            }
            let mut t = SegTable::default();
            t.start(16);
            let o = pts(&outer);
            add_rings(
                &mut t,
                [(&o[..], true), (&hole[..], false)].into_iter(),
                1,
                0,
            );
            let fill = pts(&[(1.0, 1.0), (3.0, 1.0), (3.0, 3.0), (1.0, 3.0), (1.0, 1.0)]);
            add_rings(&mut t, std::iter::once((&fill[..], true)), 1, 1);
            add_rings(&mut t, std::iter::once((&o[..], true)), -1, 2);
            assert!(t.is_clear(), "hole reversed: {reversed}");
        }
    }

    #[test]
    fn table_grows_and_drains_everything() {
        let mut t = SegTable::default();
        t.start(8);
        for i in 0..10_000 {
            let p = Point::new(i as f64, 0.0);
            let q = Point::new(i as f64, 1.0);
            let (k, s) = key_of(p, q).unwrap();
            t.add(k, s, i);
        }
        for i in (0..10_000).step_by(2) {
            let (k, s) = key_of(Point::new(i as f64, 1.0), Point::new(i as f64, 0.0)).unwrap();
            t.add(k, s, 10_000 + i);
        }
        assert!(!t.is_clear());
        let mut out = Vec::new();
        t.drain(&mut out);
        assert_eq!(out.len(), 5_000);
        assert!(out.iter().all(|l| l.weight == 1 && l.a.lat == 0.0));
        assert!(
            out.iter()
                .all(|l| l.a.lon as u32 % 2 == 1 && l.owners == [l.a.lon as u32; 2])
        );
        assert!(t.is_clear());
        t.start(8);
        t.drain(&mut out);
        assert_eq!(out.len(), 5_000);
    }
}
