//! [`Verts`]: the exact vertices of the edge polylines, packed.
//!
//! Every coordinate is kept bit for bit. A coordinate's bits are first mapped to an
//! order-preserving key (negative numbers reversed below the positive ones, so `-0.0` and
//! `0.0` stay distinct); on a layer whose keys on one axis span less than 2^48 — any layer
//! up to a few degrees wide, a county or a prefecture — each coordinate is stored as its
//! 48-bit distance from the axis's smallest key, in three 16-bit words: 12 bytes a vertex
//! instead of 16. Wider layers keep plain `f64` pairs.

use crate::geo::Point;

/// Bits of a packed coordinate.
const PACKED_BITS: u32 = 48;

/// An order-preserving map of a float's bits (every float, signs included, to its own key).
#[inline(always)]
fn key(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 { !b } else { b | 1 << 63 }
}

/// The float of a key (inverse of [`key`]).
#[inline(always)]
fn from_key(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k })
}

/// The exact vertices, by number.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Verts {
    /// `lon, lat` interleaved.
    Plain(Vec<f64>),
    /// Per vertex six 16-bit words: the lon then the lat distance from `base`, low first.
    Packed { base: [u64; 2], words: Vec<u16> },
}

impl Verts {
    /// Packs `lon, lat` pairs (interleaved) when both axes allow it.
    pub(crate) fn pack(flat: Vec<f64>) -> Verts {
        let mut lo = [u64::MAX; 2];
        let mut hi = [0u64; 2];
        for (i, &v) in flat.iter().enumerate() {
            let k = key(v);
            lo[i % 2] = lo[i % 2].min(k);
            hi[i % 2] = hi[i % 2].max(k);
        }
        let fits = (0..2).all(|a| lo[a] <= hi[a] && (hi[a] - lo[a]) >> PACKED_BITS == 0);
        if !fits {
            return Verts::Plain(flat);
        }
        let mut words = Vec::with_capacity(flat.len() * 3);
        for (i, &v) in flat.iter().enumerate() {
            let d = key(v) - lo[i % 2];
            words.extend_from_slice(&[d as u16, (d >> 16) as u16, (d >> 32) as u16]);
        }
        Verts::Packed { base: lo, words }
    }

    /// Vertex `i`.
    #[inline(always)]
    pub(crate) fn get(&self, i: usize) -> Point {
        match self {
            Verts::Plain(v) => Point::new(v[2 * i], v[2 * i + 1]),
            Verts::Packed { base, words } => {
                let w = &words[6 * i..6 * i + 6];
                let d = |k: usize| {
                    u64::from(w[k]) | u64::from(w[k + 1]) << 16 | u64::from(w[k + 2]) << 32
                };
                Point::new(from_key(base[0] + d(0)), from_key(base[1] + d(3)))
            }
        }
    }

    /// Heap bytes held.
    pub(crate) fn memory_bytes(&self) -> usize {
        match self {
            Verts::Plain(v) => v.capacity() * 8,
            Verts::Packed { words, .. } => words.capacity() * 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_order_and_bits() {
        let xs = [
            f64::NEG_INFINITY,
            -1e300,
            -118.5,
            -f64::MIN_POSITIVE,
            -0.0,
            0.0,
            5e-324,
            35.8,
            118.50000000000001,
            f64::MAX,
        ];
        for w in xs.windows(2) {
            assert!(key(w[0]) < key(w[1]), "{} {}", w[0], w[1]);
        }
        for &x in &xs {
            assert_eq!(from_key(key(x)).to_bits(), x.to_bits());
        }
    }

    #[test]
    fn a_county_packs_and_every_vertex_comes_back_bit_for_bit() {
        let mut flat = Vec::new();
        let mut s = 0x1234_5678_9abc_def0u64;
        for _ in 0..1000 {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let u = (s >> 11) as f64 / (1u64 << 53) as f64;
            flat.push(118.2 + 0.6 * u);
            flat.push(35.5 + 0.5 * (1.0 - u * u));
        }
        flat.extend_from_slice(&[118.2, 35.5, 118.8, 36.0]);
        let v = Verts::pack(flat.clone());
        assert!(matches!(v, Verts::Packed { .. }));
        assert_eq!(v.memory_bytes(), flat.len() * 6);
        for i in 0..flat.len() / 2 {
            let p = v.get(i);
            assert_eq!(p.lon.to_bits(), flat[2 * i].to_bits());
            assert_eq!(p.lat.to_bits(), flat[2 * i + 1].to_bits());
        }
    }

    #[test]
    fn wide_layers_and_signed_zeros_stay_exact() {
        // Across the equator and the prime meridian: the keys of one axis span the signs.
        let flat = vec![-0.0, 0.0, 0.0, -0.0, -1e-3, 1e-3, 2.5, -2.5];
        let v = Verts::pack(flat.clone());
        for i in 0..4 {
            assert_eq!(v.get(i).lon.to_bits(), flat[2 * i].to_bits());
            assert_eq!(v.get(i).lat.to_bits(), flat[2 * i + 1].to_bits());
        }
        // A world-wide layer does not fit 48 bits and stays plain.
        let world = vec![-179.9, -89.9, 179.9, 89.9];
        let w = Verts::pack(world.clone());
        assert!(matches!(w, Verts::Plain(_)));
        assert_eq!(w.get(1), Point::new(179.9, 89.9));
    }
}
