//! Recursive weighted partition of the block set into towns, communities and grids.

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
    let all: Vec<u32> = (0..lattice.inside.len() as u32)
        .filter(|&b| lattice.inside[b as usize])
        .collect();
    if all.len() < grids {
        return Err(GridError::InvalidSettings(format!(
            "lattice has {} blocks for {grids} grids",
            all.len()
        )));
    }
    let town_sizes = random_sizes(grids, towns, rng);
    let leaves: Vec<Leaf> = town_sizes
        .iter()
        .map(|&n| Leaf {
            share: n as f64,
            min: n,
        })
        .collect();
    let mut work = all.clone();
    let town_blocks = split_all(lattice, &mut work, &leaves, rng);
    let mut out = Vec::with_capacity(towns);
    for (mut blocks, &n_t) in town_blocks.into_iter().zip(&town_sizes) {
        let m = ((n_t as f64 / grids_per_community).round() as usize).clamp(1, n_t.min(199));
        let comm_sizes = random_sizes(n_t, m, rng);
        let leaves: Vec<Leaf> = comm_sizes
            .iter()
            .map(|&n| Leaf {
                share: n as f64,
                min: n,
            })
            .collect();
        let mut work = blocks.clone();
        let comm_blocks = split_all(lattice, &mut work, &leaves, rng);
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
    for part in &mut out {
        part.sort_unstable();
    }
    out
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
