//! The year's monthly counters of a case history given as raw columns, for the side-by-side
//! run with DuckDB and polars (`bench/score_compare.py --columns`).
//!
//! `cargo bench -p wangge --bench score_columns -- DIR [REPS] [OUT.csv]`
//!
//! `DIR` holds the raw little-endian columns written by `../shared/data/gen_events.py`:
//! `worker_id.i32 tier.i8 report_ts.i64 close_ts.i64 satisfaction.i8` (naive Beijing
//! time; `i64::MIN` = open, 0 = not rated). Each event becomes a case of its worker: tier
//! 1/2/3 = routine/important/urgent with 72/24/4 h to the deadline, closed when it has a
//! close time (else in progress), rated 4–5 satisfied, 3 basically satisfied, 1–2
//! unsatisfied. The columns are built once (not timed); then the twelve months of 2025
//! (UTC+8) are counted per worker with `Partial::periods_from_columns` on one and on two
//! threads, best of `REPS`, and printed as JSON lines. `OUT.csv` receives the counters
//! compared with the other engines.

use std::io::Write;
use std::time::Instant;

use wangge::record::{CaseStatus, Rating, Source, Supervision, Urgency};
use wangge::scoring::{CaseColumns, GroupBy, Partial, Period, ScoringPolicy};

/// The counters compared with DuckDB and polars, in CSV column order.
const FIELDS: [&str; 13] = [
    "registered",
    "registered_closed",
    "registered_on_time",
    "due",
    "closed",
    "on_time",
    "due_urgent",
    "closed_urgent",
    "on_time_urgent",
    "revisited",
    "satisfied",
    "basically_satisfied",
    "unsatisfied",
];

fn read<const N: usize, T>(dir: &str, name: &str, f: impl Fn([u8; N]) -> T) -> Vec<T> {
    let bytes =
        std::fs::read(format!("{dir}/{name}")).unwrap_or_else(|e| panic!("{dir}/{name}: {e}"));
    bytes
        .chunks_exact(N)
        .map(|c| f(c.try_into().expect("chunk")))
        .collect()
}

fn columns(dir: &str) -> CaseColumns {
    const CST: i64 = 8 * 3600;
    let worker = read(dir, "worker_id.i32", |b: [u8; 4]| {
        i32::from_le_bytes(b) as u32
    });
    let tier = read(dir, "tier.i8", |b: [u8; 1]| b[0]);
    let report = read(dir, "report_ts.i64", |b: [u8; 8]| {
        i64::from_le_bytes(b) - CST
    });
    let close = read(dir, "close_ts.i64", |b: [u8; 8]| {
        let t = i64::from_le_bytes(b);
        (t != i64::MIN).then_some(t - CST)
    });
    let sat = read(dir, "satisfaction.i8", |b: [u8; 1]| b[0]);
    let n = worker.len();
    let units = worker.iter().max().map_or(0, |&w| w as usize + 1);
    let limit = |t: u8| match t {
        1 => (Urgency::Routine, 72 * 3600),
        2 => (Urgency::Important, 24 * 3600),
        _ => (Urgency::Urgent, 4 * 3600),
    };
    CaseColumns {
        units: (0..units).map(|w| w.to_string()).collect(),
        due_at: report
            .iter()
            .zip(&tier)
            .map(|(&r, &t)| Some(r + limit(t).1))
            .collect(),
        status: close
            .iter()
            .map(|c| {
                if c.is_some() {
                    CaseStatus::Closed
                } else {
                    CaseStatus::InProgress
                }
            })
            .collect(),
        urgency: tier.iter().map(|&t| limit(t).0).collect(),
        source: vec![Source::Patrol; n],
        rework: vec![0; n],
        supervision: vec![Supervision::None; n],
        rating: sat
            .iter()
            .map(|&s| match s {
                0 => None,
                1 | 2 => Some(Rating::Unsatisfied),
                3 => Some(Rating::BasicallySatisfied),
                _ => Some(Rating::Satisfied),
            })
            .collect(),
        contacted: vec![None; n],
        resolved: vec![None; n],
        leader_assigned: vec![false; n],
        deferred: vec![false; n],
        unit: worker,
        reported_at: report,
        closed_at: close,
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: cargo bench -p wangge --bench score_columns -- DIR [REPS] [OUT.csv]");
        return;
    };
    let reps: usize = args.get(1).map_or(5, |r| r.parse().expect("REPS"));
    let cols = columns(dir);
    let policy = ScoringPolicy::default();
    let months: Vec<Period> = (1..=12)
        .map(|m| format!("2025-{m:02}").parse().expect("month"))
        .collect();
    let mut out = None;
    for threads in [1, 2] {
        let mut best = f64::INFINITY;
        for _ in 0..reps {
            let t = Instant::now();
            let parts = Partial::periods_from_columns(
                &policy,
                &months,
                GroupBy::Worker,
                None,
                &cols,
                threads,
            )
            .expect("fold");
            best = best.min(t.elapsed().as_secs_f64());
            out = Some(parts);
        }
        println!(
            "{{\"tool\": \"wangge {}\", \"threads\": {threads}, \"rows\": {}, \"s\": {best:.4}}}",
            env!("CARGO_PKG_VERSION"),
            cols.len()
        );
    }
    if let (Some(path), Some(parts)) = (args.get(2), out) {
        let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("OUT.csv"));
        writeln!(f, "worker_id,month,{}", FIELDS.join(",")).expect("write");
        for (m, p) in parts.iter().enumerate() {
            for (w, c) in &p.groups {
                let v = [
                    c.registered,
                    c.registered_closed,
                    c.registered_on_time,
                    c.due,
                    c.closed,
                    c.on_time,
                    c.due_urgent,
                    c.closed_urgent,
                    c.on_time_urgent,
                    c.revisited,
                    c.satisfied,
                    c.basically_satisfied,
                    c.unsatisfied,
                ];
                let v: Vec<String> = v.iter().map(u64::to_string).collect();
                writeln!(f, "{w},{},{}", m + 1, v.join(",")).expect("write");
            }
        }
    }
}
