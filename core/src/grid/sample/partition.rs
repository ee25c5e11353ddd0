//! Recursive weighted partition of the block set into towns, communities and grids.

use std::collections::{HashMap, HashSet};

use super::lattice::Lattice;
use super::rng::Rng;
use crate::grid::GridError;

#[derive(Debug)]
pub(crate) struct Plan {
    pub(crate) all_blocks: Vec<u32>,
    pub(crate) towns: Vec<TownPlan>,
}

#[derive(Debug)]
pub(crate) struct TownPlan {
    pub(crate) blocks: Vec<u32>,
    pub(crate) communities: Vec<CommunityPlan>,
}

#[derive(Debug)]
pub(crate) struct CommunityPlan {
    pub(crate) blocks: Vec<u32>,
    pub(crate) grids: Vec<Vec<u32>>,
    /// Mean density weight of the blocks.
    pub(crate) density: f64,
}

/// A leaf of a split: its share of the weight and the least number of blocks it needs.
#[derive(Debug, Clone, Copy)]
struct Leaf {
    share: f64,
    min: usize,
}

/// Distributes `total` into `parts` positive integers proportional to random weights
/// in [0.5, 1.5) (largest remainder).
fn random_sizes(total: usize, parts: usize, rng: &mut Rng) -> Vec<usize> {
    let w: Vec<f64> = (0..parts).map(|_| rng.range(0.5, 1.5)).collect();
    let sum: f64 = w.iter().sum();
    let spare = total - parts; // each part gets 1 first
    let raw: Vec<f64> = w.iter().map(|x| x / sum * spare as f64).collect();
    let mut sizes: Vec<usize> = raw.iter().map(|x| 1 + x.floor() as usize).collect();
    let mut left = total - sizes.iter().sum::<usize>();
    let mut order: Vec<usize> = (0..parts).collect();
    order.sort_by(|&a, &b| {
        (raw[b] - raw[b].floor())
            .total_cmp(&(raw[a] - raw[a].floor()))
            .then(a.cmp(&b))
    });
    for &i in order.iter().cycle() {
        if left == 0 {
            break;
        }
        sizes[i] += 1;
        left -= 1;
    }
    sizes
}

pub(crate) fn plan(
    lattice: &Lattice,
    grids: usize,
    towns: usize,
    grids_per_community: f64,
    rng: &mut Rng,
) -> Result<Plan, GridError> {
    let inside: Vec<u32> = (0..lattice.inside.len() as u32)
        .filter(|&b| lattice.inside[b as usize])
        .collect();
    // The county is its largest 4-connected piece of blocks.
    let mut all = components(lattice, &inside)
        .into_iter()
        .next()
        .unwrap_or_default();
    all.sort_unstable();
    if all.len() < grids {
        return Err(GridError::InvalidSettings(format!(
            "lattice has {} blocks for {grids} grids",
            all.len()
        )));
    }
    let mut town_sizes = random_sizes(grids, towns, rng);
    let leaves: Vec<Leaf> = town_sizes
        .iter()
        .map(|&n| Leaf {
            share: n as f64,
            min: n,
        })
        .collect();
    let mut work = all.clone();
    let town_blocks = split_all(lattice, &mut work, &leaves, rng);
    fix_counts(&town_blocks, &mut town_sizes);
    let mut out = Vec::with_capacity(towns);
    for (mut blocks, &n_t) in town_blocks.into_iter().zip(&town_sizes) {
        let m = ((n_t as f64 / grids_per_community).round() as usize).clamp(1, n_t.min(199));
        let mut comm_sizes = random_sizes(n_t, m, rng);
        let leaves: Vec<Leaf> = comm_sizes
            .iter()
            .map(|&n| Leaf {
                share: n as f64,
                min: n,
            })
            .collect();
        let mut work = blocks.clone();
        let comm_blocks = split_all(lattice, &mut work, &leaves, rng);
        fix_counts(&comm_blocks, &mut comm_sizes);
        let mut communities = Vec::with_capacity(m);
        for (cb, &n_c) in comm_blocks.into_iter().zip(&comm_sizes) {
            let leaves = vec![Leaf { share: 1.0, min: 1 }; n_c];
            let mut work = cb.clone();
            let grids = split_all(lattice, &mut work, &leaves, rng);
            let density = lattice.mean_weight(cb.iter().copied());
            communities.push(CommunityPlan {
                blocks: cb,
                grids,
                density,
            });
        }
        blocks.sort_unstable();
        out.push(TownPlan {
            blocks,
            communities,
        });
    }
    Ok(Plan {
        all_blocks: all,
        towns: out,
    })
}

fn split_all(
    lattice: &Lattice,
    blocks: &mut [u32],
    leaves: &[Leaf],
    rng: &mut Rng,
) -> Vec<Vec<u32>> {
    let mut out = Vec::with_capacity(leaves.len());
    split(lattice, blocks, leaves, rng, &mut out);
    make_connected(lattice, &mut out);
    for part in &mut out {
        part.sort_unstable();
    }
    out
}

/// After pieces moved between parts, a part may hold fewer blocks than the grids planned
/// for it: its extra grids go to the parts with the most spare blocks (the total is kept).
fn fix_counts(parts: &[Vec<u32>], counts: &mut [usize]) {
    let mut owed = 0;
    for (p, c) in counts.iter_mut().enumerate() {
        let cap = parts[p].len().max(1);
        if *c > cap {
            owed += *c - cap;
            *c = cap;
        }
    }
    while owed > 0 {
        let Some(q) = (0..counts.len())
            .filter(|&q| parts[q].len() > counts[q])
            .max_by_key(|&q| (parts[q].len() - counts[q], std::cmp::Reverse(q)))
        else {
            break;
        };
        let give = owed.min(parts[q].len() - counts[q]);
        counts[q] += give;
        owed -= give;
    }
}

/// The 4-neighbours of a block inside the lattice.
fn neighbours(lattice: &Lattice, b: u32) -> impl Iterator<Item = u32> {
    let (cols, rows) = (lattice.cols as u32, lattice.rows as u32);
    let (i, j) = (b % cols, b / cols);
    [
        (i > 0).then(|| b - 1),
        (i + 1 < cols).then(|| b + 1),
        (j > 0).then(|| b - cols),
        (j + 1 < rows).then(|| b + cols),
    ]
    .into_iter()
    .flatten()
}

/// 4-connected components of a block set, largest first.
pub(crate) fn components(lattice: &Lattice, blocks: &[u32]) -> Vec<Vec<u32>> {
    let set: HashSet<u32> = blocks.iter().copied().collect();
    let mut seen: HashSet<u32> = HashSet::with_capacity(blocks.len());
    let mut comps = Vec::new();
    for &start in blocks {
        if !seen.insert(start) {
            continue;
        }
        let mut comp = vec![start];
        let mut k = 0;
        while k < comp.len() {
            let b = comp[k];
            k += 1;
            for n in neighbours(lattice, b) {
                if set.contains(&n) && seen.insert(n) {
                    comp.push(n);
                }
            }
        }
        comps.push(comp);
    }
    comps.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    comps
}

/// Moves stray pieces of each part (all but its largest 4-connected component) to the
/// neighbouring part they share most sides with, so that every part is one piece. Parts
/// stay non-empty; pieces with no neighbouring part stay where they are.
fn make_connected(lattice: &Lattice, parts: &mut [Vec<u32>]) {
    for _round in 0..8 {
        let mut owner: HashMap<u32, usize> = HashMap::new();
        for (p, blocks) in parts.iter().enumerate() {
            for &b in blocks {
                owner.insert(b, p);
            }
        }
        let mut moved = false;
        for p in 0..parts.len() {
            let comps = components(lattice, &parts[p]);
            if comps.len() < 2 {
                continue;
            }
            for piece in &comps[1..] {
                let mut votes: HashMap<usize, usize> = HashMap::new();
                for &b in piece {
                    for n in neighbours(lattice, b) {
                        if let Some(&q) = owner.get(&n).filter(|&&q| q != p) {
                            *votes.entry(q).or_default() += 1;
                        }
                    }
                }
                let best = votes
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map(|(&q, _)| q);
                let Some(q) = best else { continue };
                let piece_set: HashSet<u32> = piece.iter().copied().collect();
                parts[p].retain(|b| !piece_set.contains(b));
                parts[q].extend_from_slice(piece);
                for &b in piece {
                    owner.insert(b, q);
                }
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
}

/// Splits `blocks` among `leaves` (in order), appending one block list per leaf to `out`.
fn split(
    lattice: &Lattice,
    blocks: &mut [u32],
    leaves: &[Leaf],
    rng: &mut Rng,
    out: &mut Vec<Vec<u32>>,
) {
    if leaves.len() == 1 {
        out.push(blocks.to_vec());
        return;
    }
    let h = leaves.len() / 2;
    let (left, right) = leaves.split_at(h);
    let share_l: f64 = left.iter().map(|l| l.share).sum();
    let share_r: f64 = right.iter().map(|l| l.share).sum();
    let min_l: usize = left.iter().map(|l| l.min).sum();
    let min_r: usize = right.iter().map(|l| l.min).sum();

    // Cut across the longer axis of the set, tilted by up to ±0.5 rad.
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &b in blocks.iter() {
        let (x, y) = lattice.block_xy(b);
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let axis = if x1 - x0 >= y1 - y0 {
        0.0
    } else {
        std::f64::consts::FRAC_PI_2
    };
    let angle = axis + rng.range(-0.5, 0.5);
    let (dx, dy) = (libm::cos(angle), libm::sin(angle));
    blocks.sort_by(|&a, &b| {
        let (ax, ay) = lattice.block_xy(a);
        let (bx, by) = lattice.block_xy(b);
        (ax * dx + ay * dy)
            .total_cmp(&(bx * dx + by * dy))
            .then(a.cmp(&b))
    });
    let total: f64 = blocks.iter().map(|&b| lattice.weight(b)).sum();
    let target = total * share_l / (share_l + share_r);
    let mut acc = 0.0;
    let mut cut = blocks.len();
    for (k, &b) in blocks.iter().enumerate() {
        if acc >= target {
            cut = k;
            break;
        }
        acc += lattice.weight(b);
    }
    let cut = cut.clamp(min_l, blocks.len() - min_r);
    let (bl, br) = blocks.split_at_mut(cut);
    split(lattice, bl, left, rng, out);
    split(lattice, br, right, rng, out);
}
