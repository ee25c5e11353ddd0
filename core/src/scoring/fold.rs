//! One pass over columns for many periods (a year's months): the fast path of a history.
//!
//! Counting each row straight into a unit-by-period table is slow on a long history: the
//! table (units × periods × 224 B) is far larger than the cache and every row lands on a
//! random unit. So the fold runs in two passes:
//!
//! 1. **Scatter**: each row is read once; for each period one of its three instants falls
//!    in, what it adds ([`Sig`], 17 bits) and its rework count are packed into one `u64`
//!    with the unit's place in its block of [`BLOCK`] units, and pushed onto the bucket of
//!    (period, block).
//! 2. **Count**: each bucket is counted into a table of one block's units (≈ 450 KB, in
//!    the core's own cache), then the non-empty units are handed out.
//!
//! Both passes split across threads (rows in the first, buckets in the second). Counts are
//! sums of integers, so the result does not depend on the split: any thread count gives
//! the same partials, and WASM runs the same code on one thread.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use super::columns::ColumnRow;
use super::counts::{Sig, Window};
use super::{CaseColumns, Counts, GroupBy, Partial, Period, ScoringError, ScoringPolicy};
use crate::parallel::split;

/// Units per block: a block's table of [`Counts`] is `BLOCK × 224 B` = 448 KiB.
const BLOCK_BITS: u32 = 11;
const BLOCK: usize = 1 << BLOCK_BITS;

/// One row's part in one period, packed: unit within its block (11 bits), [`Sig`]
/// (17 bits), rework count (32 bits).
#[inline]
fn pack(local: usize, sig: Sig, rework: u32) -> u64 {
    local as u64 | u64::from(sig.0) << BLOCK_BITS | u64::from(rework) << (BLOCK_BITS + Sig::BITS)
}

#[inline]
fn unpack(h: u64) -> (usize, Sig, u32) {
    let local = (h & (BLOCK as u64 - 1)) as usize;
    let sig = ((h >> BLOCK_BITS) & ((1 << Sig::BITS) - 1)) as u32;
    (local, Sig(sig), (h >> (BLOCK_BITS + Sig::BITS)) as u32)
}

/// How rows find their periods: through a table of days when the windows are disjoint (a
/// run of months), else by trying each window.
struct Windows {
    windows: Vec<Window<i64>>,
    days: Option<DayTable>,
}

/// Disjoint windows by day: the window each day (of [`DAY`] seconds from `base`) starts
/// in or overlaps first, checked against the instant exactly, with a binary search over
/// the starts for an instant the day's window does not hold (a day cut by a boundary).
struct DayTable {
    base: i64,
    end: i64,
    day: Vec<u16>,
    order: Vec<usize>,
    starts: Vec<i64>,
}

const DAY: i64 = 86_400;
const NONE: u16 = u16::MAX;

impl DayTable {
    fn new(windows: &[Window<i64>]) -> Option<DayTable> {
        let mut order: Vec<usize> = (0..windows.len())
            .filter(|&j| windows[j].start < windows[j].cut)
            .collect();
        order.sort_by_key(|&j| windows[j].start);
        let disjoint = order
            .windows(2)
            .all(|p| windows[p[0]].cut <= windows[p[1]].start);
        if !disjoint || windows.len() >= usize::from(NONE) {
            return None;
        }
        let (base, end) = match (order.first(), order.last()) {
            (Some(&a), Some(&b)) => (windows[a].start, windows[b].cut),
            _ => (0, 0),
        };
        // A table of at most 40 years of days; longer spans search every instant.
        let days = usize::try_from((end - base).saturating_add(DAY - 1) / DAY)
            .ok()
            .filter(|&d| d <= 40 * 366)
            .unwrap_or(0);
        let mut day = vec![NONE; days];
        for &j in order.iter().rev() {
            let w = windows[j];
            let (a, b) = ((w.start - base) / DAY, (w.cut - 1 - base) / DAY);
            for d in a..=b {
                if let Some(slot) = day.get_mut(d as usize) {
                    *slot = j as u16;
                }
            }
        }
        let starts = order.iter().map(|&j| windows[j].start).collect();
        Some(DayTable {
            base,
            end,
            day,
            order,
            starts,
        })
    }

    /// The one window holding `t`.
    #[inline]
    fn find(&self, windows: &[Window<i64>], t: i64) -> Option<usize> {
        if t < self.base || t >= self.end {
            return None;
        }
        if let Some(&j) = self.day.get(((t - self.base) / DAY) as usize)
            && j != NONE
        {
            let w = windows[usize::from(j)];
            if w.start <= t && t < w.cut {
                return Some(usize::from(j));
            }
        }
        let at = self.starts.partition_point(|&s| s <= t);
        let j = self.order[at.checked_sub(1)?];
        (t < windows[j].cut).then_some(j)
    }
}

impl Windows {
    fn new(windows: Vec<Window<i64>>) -> Windows {
        let days = DayTable::new(&windows);
        Windows { windows, days }
    }

    /// Calls `hit(window)` once for each window one of the instants falls in.
    #[inline]
    fn each(&self, instants: [Option<i64>; 3], mut hit: impl FnMut(usize)) {
        match &self.days {
            Some(days) => {
                let mut seen = [usize::MAX; 3];
                for (n, t) in instants.into_iter().enumerate() {
                    if let Some(j) = t.and_then(|t| days.find(&self.windows, t))
                        && !seen[..n].contains(&j)
                    {
                        seen[n] = j;
                        hit(j);
                    }
                }
            }
            None => {
                for (j, w) in self.windows.iter().enumerate() {
                    if instants
                        .iter()
                        .any(|t| t.is_some_and(|t| w.start <= t && t < w.cut))
                    {
                        hit(j);
                    }
                }
            }
        }
    }
}

/// The scatter pass over rows `from..to`: one bucket per (window, block).
fn scatter(
    columns: &CaseColumns,
    windows: &Windows,
    blocks: usize,
    from: usize,
    to: usize,
) -> Vec<Vec<u64>> {
    // Room for twice the even share of one part a row (most cases are reported, due and
    // closed in one month); a fuller bucket grows. Room is real memory on WASM.
    let n = windows.windows.len() * blocks;
    let room = (to - from).saturating_mul(2) / n.max(1) + 16;
    let mut buckets: Vec<Vec<u64>> = (0..n).map(|_| Vec::with_capacity(room)).collect();
    for i in from..to {
        let u = columns.unit[i] as usize;
        let (block, local) = (u >> BLOCK_BITS, u & (BLOCK - 1));
        let instants = [
            Some(columns.reported_at[i]),
            columns.due_at[i],
            columns.closed_at[i],
        ];
        let row = ColumnRow { c: columns, i };
        windows.each(instants, |j| {
            let sig = Sig::of(&row, &windows.windows[j]);
            if sig.0 != 0 {
                buckets[j * blocks + block].push(pack(local, sig, columns.rework[i]));
            }
        });
    }
    buckets
}

/// The count pass over buckets `from..to` (bucket = window × blocks + block): each
/// bucket's non-empty units as (unit index, counts).
fn count(
    scattered: &[Vec<Vec<u64>>],
    blocks: usize,
    from: usize,
    to: usize,
) -> Vec<Vec<(u32, Counts)>> {
    let mut table = vec![Counts::default(); BLOCK];
    let mut touched = vec![false; BLOCK];
    (from..to)
        .map(|b| {
            let mut locals = Vec::new();
            for part in scattered {
                for &h in &part[b] {
                    let (local, sig, rework) = unpack(h);
                    table[local].apply(sig, rework);
                    if !touched[local] {
                        touched[local] = true;
                        locals.push(local);
                    }
                }
            }
            locals.sort_unstable();
            let base = (b % blocks) << BLOCK_BITS;
            locals
                .into_iter()
                .map(|l| {
                    touched[l] = false;
                    ((base + l) as u32, std::mem::take(&mut table[l]))
                })
                .collect()
        })
        .collect()
}

impl Partial {
    /// Counts columns into one partial per period in one pass over the rows — a year's
    /// twelve months, say, or months and the quarters over them: the same partials as
    /// [`Partial::add_columns`] on each period alone, without reading the rows once per
    /// period. A row counts in each period one of its three instants (reported, due,
    /// closed) falls in. `threads` splits the work (1: none; ignored on WASM); the result
    /// is the same for any value.
    ///
    /// ```
    /// use wangge::scoring::{CaseColumns, GroupBy, Partial, Period, ScoringPolicy};
    /// use wangge::record::{read_csv, ReadOptions};
    /// let csv = "id,grid,category,class,urgency,tier,source,reported_at,due_at,closed_at,status\n\
    ///   A,371323100201001,x,event,routine,t1,patrol,2016-11-30T09:00:00+08:00,2016-12-02T17:00:00+08:00,2016-12-01T10:00:00+08:00,closed\n";
    /// let rows = read_csv(csv, ReadOptions::default())?.records;
    /// let cols = CaseColumns::from_records(&rows, GroupBy::Grid);
    /// let policy = ScoringPolicy::default();
    /// let months = ["2016-11", "2016-12"].map(|m| m.parse::<Period>().unwrap());
    /// let parts = Partial::periods_from_columns(&policy, &months, GroupBy::Grid, None, &cols, 2)?;
    /// assert_eq!(parts[0].groups["371323100201001"].reported, 1); // reported in November
    /// assert_eq!(parts[1].groups["371323100201001"].due, 1);      // due in December
    /// assert_eq!(parts[1].groups["371323100201001"].on_time, 1);
    /// # Ok::<(), wangge::Error>(())
    /// ```
    pub fn periods_from_columns(
        policy: &ScoringPolicy,
        periods: &[Period],
        by: GroupBy,
        as_of: Option<DateTime<FixedOffset>>,
        columns: &CaseColumns,
        threads: usize,
    ) -> Result<Vec<Partial>, ScoringError> {
        // Small inputs are not worth a thread.
        let threads = if columns.len() < 100_000 { 1 } else { threads };
        Partial::fold_periods(policy, periods, by, as_of, columns, threads)
    }

    /// [`Partial::periods_from_columns`] on exactly `threads` threads, however few rows.
    pub(crate) fn fold_periods(
        policy: &ScoringPolicy,
        periods: &[Period],
        by: GroupBy,
        as_of: Option<DateTime<FixedOffset>>,
        columns: &CaseColumns,
        threads: usize,
    ) -> Result<Vec<Partial>, ScoringError> {
        columns.check()?;
        let mut parts = periods
            .iter()
            .map(|&p| Partial::new(policy, p, by, as_of))
            .collect::<Result<Vec<_>, _>>()?;
        let windows = Windows::new(parts.iter().map(Partial::column_window).collect());
        let blocks = columns.units.len().div_ceil(BLOCK).max(1);
        let n = columns.len();
        let scattered = split(n, threads, |a, b| scatter(columns, &windows, blocks, a, b));
        let counted = split(parts.len() * blocks, threads, |a, b| {
            count(&scattered, blocks, a, b)
        });
        drop(scattered);
        // Each period's units go into its map in name order (a bulk build), two units of
        // the same name adding up.
        let mut rank: Vec<u32> = (0..columns.units.len() as u32).collect();
        rank.sort_unstable_by(|&a, &b| columns.units[a as usize].cmp(&columns.units[b as usize]));
        let mut place = vec![0u32; rank.len()];
        for (r, &u) in rank.iter().enumerate() {
            place[u as usize] = r as u32;
        }
        let mut counted: Vec<Vec<(u32, Counts)>> = counted.into_iter().flatten().collect();
        let named = split(parts.len(), threads, |a, b| {
            (a..b)
                .map(|j| {
                    let mut units: Vec<&(u32, Counts)> = counted[j * blocks..(j + 1) * blocks]
                        .iter()
                        .flatten()
                        .collect();
                    units.sort_unstable_by_key(|(u, _)| place[*u as usize]);
                    let mut named: Vec<(String, Counts)> = Vec::with_capacity(units.len());
                    for (u, c) in units {
                        let name = &columns.units[*u as usize];
                        match named.last_mut() {
                            Some((last, sum)) if last == name => sum.merge(c),
                            _ => named.push((name.clone(), *c)),
                        }
                    }
                    named.into_iter().collect::<BTreeMap<String, Counts>>()
                })
                .collect::<Vec<_>>()
        });
        counted.clear();
        for (part, groups) in parts.iter_mut().zip(named.into_iter().flatten()) {
            part.groups = groups;
        }
        Ok(parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_round_trips_the_widest_values() {
        let sig = Sig((1 << Sig::BITS) - 1);
        for (local, rework) in [(0, 0), (BLOCK - 1, u32::MAX), (5, 3)] {
            assert_eq!(unpack(pack(local, sig, rework)), (local, sig, rework));
            assert_eq!(unpack(pack(local, Sig(1), rework)), (local, Sig(1), rework));
        }
    }
}
