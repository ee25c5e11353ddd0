//! How much of the due recurring work was done ([`completion`]), per grid: the figures a
//! score sheet's visit-completion indicator reads.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Instance;
use crate::code::GridCode;

/// One record of work done: the instance it fulfils (by [`Instance::id`]), the day, and how
/// many times (visits) it counts for.
///
/// JSON: `{"instance": "RW-101/v1/371323100201001/2026-W05", "date": "2026-01-28", "count": 1}`
/// (`count` defaults to 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Completion {
    /// The instance id.
    pub instance: String,
    /// The day the work was done.
    pub date: NaiveDate,
    /// How many times it counts for. Defaults to 1.
    #[serde(default = "one")]
    pub count: u32,
}

fn one() -> u32 {
    1
}

/// The recurring work of one grid over the instances given.
///
/// Denominator: `due` instances (those given: due in the period queried). An instance is
/// `completed` when the work recorded for it reaches `required`, and `on_time` when the
/// work recorded within its window (start to due date) does. `required` and `done` count
/// visits (`done` capped at each instance's requirement, so over-fulfilment of one
/// instance never hides another's shortfall).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GridCompletion {
    /// The grid.
    pub grid: GridCode,
    /// Instances due.
    pub due: u64,
    /// Instances whose work reached the requirement (whenever recorded).
    pub completed: u64,
    /// Instances whose work reached the requirement within the window.
    pub on_time: u64,
    /// Visits required.
    pub required: u64,
    /// Visits done, capped per instance.
    pub done: u64,
}

/// Folds completion records into per-grid figures over `instances` (grids in code order).
/// Records naming no given instance are returned apart (index into `records`), never
/// silently counted; records dated before their instance's window are ignored as well.
///
/// ```
/// use chrono::NaiveDate;
/// use wangge::admission::{AdmissionList, Completion, GridRef, completion};
/// use wangge::grid::GridKind;
/// let list = AdmissionList::preset("seed000")?;
/// let grid = GridRef::new("330102016001001".parse()?, GridKind::Basic);
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// let due: Vec<_> = list.instances(&[grid], d("2019-03-01"), d("2019-04-01"))?
///     .into_iter().filter(|i| i.entry().item().code == "RW-101").collect();
/// assert_eq!(due.len(), 5); // ISO weeks 9–13 end in March 2019
/// let done = vec![
///     Completion { instance: due[0].id(), date: due[0].due(), count: 1 },
///     Completion { instance: due[1].id(), date: d("2019-04-20"), count: 1 },
///     Completion { instance: "RW-999/v1/x/2019-W01".into(), date: d("2019-03-02"), count: 1 },
/// ];
/// let (grids, unmatched) = completion(&due, &done);
/// assert_eq!((grids[0].due, grids[0].completed, grids[0].on_time), (5, 2, 1));
/// assert_eq!(unmatched, [2]);
/// # Ok::<(), wangge::Error>(())
/// ```
pub fn completion(
    instances: &[Instance<'_>],
    records: &[Completion],
) -> (Vec<GridCompletion>, Vec<usize>) {
    let ids: HashMap<String, usize> = instances
        .iter()
        .enumerate()
        .map(|(k, i)| (i.id(), k))
        .collect();
    let mut total = vec![0u64; instances.len()];
    let mut in_window = vec![0u64; instances.len()];
    let mut unmatched = Vec::new();
    for (r, c) in records.iter().enumerate() {
        let Some(&k) = ids.get(&c.instance) else {
            unmatched.push(r);
            continue;
        };
        let i = &instances[k];
        if c.date < i.start() {
            continue;
        }
        total[k] += u64::from(c.count);
        if c.date <= i.due() {
            in_window[k] += u64::from(c.count);
        }
    }
    let mut by: BTreeMap<GridCode, GridCompletion> = BTreeMap::new();
    for (k, i) in instances.iter().enumerate() {
        let g = by.entry(i.grid()).or_insert(GridCompletion {
            grid: i.grid(),
            due: 0,
            completed: 0,
            on_time: 0,
            required: 0,
            done: 0,
        });
        g.due += 1;
        g.required += i.required();
        g.done += total[k].min(i.required());
        g.completed += u64::from(total[k] >= i.required());
        g.on_time += u64::from(in_window[k] >= i.required());
    }
    (by.into_values().collect(), unmatched)
}
