//! Scoring: the monthly indicators of 10 M case rows from in-memory columns (one pass,
//! per worker), scoring every unit on a sheet, and the CSV record reader's throughput.
//!
//! `cargo bench -p wangge --bench scoring`

use std::hint::black_box;

use chrono::{FixedOffset, TimeZone};
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use wangge::record::{
    CaseClass, CaseRecord, CaseStatus, Rating, ReadOptions, Source, Supervision, Tier, Urgency,
    read_csv, write_csv,
};
use wangge::scoring::{CaseColumns, GroupBy, Partial, ScoreRequest, ScoringPolicy, score};

/// This thread's time on a CPU (`/proc/thread-self/schedstat`, Linux), so that a run on a
/// shared, loaded machine still measures the work rather than the wait; `None` elsewhere.
fn on_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(
        s.split_whitespace().next()?.parse().ok()?,
    ))
}

/// Benchmarks `f` by wall time, and by on-CPU time where the platform tells it.
fn both<O>(g: &mut criterion::BenchmarkGroup<'_, WallTime>, name: &str, mut f: impl FnMut() -> O) {
    g.bench_function(name, |b| b.iter(&mut f));
    if on_cpu().is_some() {
        g.bench_function(format!("{name} (on-CPU time)"), |b| {
            b.iter_custom(|iters| {
                let t0 = on_cpu().unwrap_or_default();
                for _ in 0..iters {
                    black_box(f());
                }
                on_cpu().unwrap_or_default().saturating_sub(t0)
            })
        });
    }
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `n` cases over 2025 for 16,000 workers: deadlines 72/24/4 h by urgency, 5 % open,
/// 40 % not rated, 1 % voided.
fn columns(n: usize) -> CaseColumns {
    let mut r = Rng(42);
    let workers = 16_000;
    let start = 1_735_660_800i64; // 2025-01-01T00:00:00+08:00
    let mut c = CaseColumns {
        units: (0..workers).map(|w| format!("w{w}")).collect(),
        ..CaseColumns::default()
    };
    for _ in 0..n {
        let reported = start + r.below(365 * 86_400) as i64;
        let (urgency, limit) = match r.below(100) {
            0..85 => (Urgency::Routine, 72 * 3600),
            85..97 => (Urgency::Important, 24 * 3600),
            _ => (Urgency::Urgent, 4 * 3600),
        };
        let took = (r.below(100 * 3600) as i64) / if urgency == Urgency::Urgent { 10 } else { 1 };
        let open = r.below(100) < 5;
        c.unit.push(r.below(workers) as u32);
        c.reported_at.push(reported);
        c.due_at.push(Some(reported + limit));
        c.closed_at.push((!open).then_some(reported + took));
        c.status.push(match (open, r.below(100)) {
            (_, 0) => CaseStatus::Voided,
            (true, _) => CaseStatus::InProgress,
            _ => CaseStatus::Closed,
        });
        c.urgency.push(urgency);
        c.source.push(if r.below(10) < 7 {
            Source::Patrol
        } else {
            Source::Hotline
        });
        c.rework.push(u32::from(r.below(20) == 0));
        c.supervision.push(Supervision::None);
        c.rating.push(match r.below(10) {
            0..4 => None,
            4..8 => Some(Rating::Satisfied),
            8 => Some(Rating::BasicallySatisfied),
            _ => Some(Rating::Unsatisfied),
        });
        c.contacted.push(Some(true));
        c.resolved.push(Some(r.below(10) < 8));
        c.leader_assigned.push(r.below(50) == 0);
        c.deferred.push(false);
    }
    c
}

fn records(n: usize) -> Vec<CaseRecord> {
    let mut r = Rng(7);
    let off = FixedOffset::east_opt(8 * 3600).unwrap();
    let t0 = off.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
    (0..n)
        .map(|i| {
            let reported = t0 + chrono::Duration::seconds(r.below(365 * 86_400) as i64);
            let closed = (r.below(20) != 0)
                .then(|| reported + chrono::Duration::seconds(r.below(80 * 3600) as i64));
            CaseRecord {
                id: format!("E{i:08}"),
                grid: format!(
                    "371323{:03}{:03}{:03}",
                    100 + r.below(20),
                    200 + r.below(30),
                    1 + r.below(20)
                )
                .parse()
                .unwrap(),
                handler: format!("dept:{}", r.below(40)),
                worker: Some(format!("w{}", r.below(16_000))),
                category: ["市容环境", "矛盾纠纷", "安全隐患", "民生服务"][r.below(4) as usize]
                    .into(),
                class: if r.below(10) == 0 {
                    CaseClass::Component
                } else {
                    CaseClass::Event
                },
                urgency: Urgency::Routine,
                tier: Tier::T1,
                source: Source::Patrol,
                reported_at: reported,
                accepted_at: Some(reported + chrono::Duration::minutes(30)),
                due_at: Some(reported + chrono::Duration::hours(72)),
                closed_at: closed,
                status: if closed.is_some() {
                    CaseStatus::Closed
                } else {
                    CaseStatus::InProgress
                },
                rework: 0,
                supervision: Supervision::None,
                rating: if r.below(10) < 6 {
                    Some(Rating::Satisfied)
                } else {
                    None
                },
                contacted: Some(true),
                resolved: None,
                leader_assigned: false,
                deferred: false,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    if std::env::args().any(|a| a == "read_csv") {
        return;
    }
    let policy = ScoringPolicy::default();
    let period = "2025-06".parse().unwrap();
    let n = 10_000_000;
    let cols = columns(n);
    let mut g = c.benchmark_group("scoring");
    g.sample_size(10);
    g.throughput(Throughput::Elements(n as u64));
    both(
        &mut g,
        "monthly partial, 10M rows from columns, per worker",
        || {
            let mut p = Partial::new(&policy, period, GroupBy::Worker, None).unwrap();
            p.add_columns(black_box(&cols)).unwrap();
            p
        },
    );
    // A year's worker-months, as the DuckDB/polars baselines compute them.
    let months: Vec<wangge::scoring::Period> = (1..=12)
        .map(|m| format!("2025-{m:02}").parse().unwrap())
        .collect();
    for threads in [1, 2] {
        let name = format!(
            "twelve monthly partials, 10M rows from columns, one pass, {threads} thread(s)"
        );
        let f = || {
            Partial::periods_from_columns(
                &policy,
                &months,
                GroupBy::Worker,
                None,
                black_box(&cols),
                threads,
            )
            .unwrap()
        };
        if threads == 1 {
            both(&mut g, &name, f);
        } else {
            // On-CPU time of the calling thread would leave out the workers: wall time only.
            g.bench_function(&name, |b| b.iter(f));
        }
    }
    let mut p = Partial::new(&policy, period, GroupBy::Worker, None).unwrap();
    p.add_columns(&cols).unwrap();
    let request = ScoreRequest::new(period, GroupBy::Worker).with_sheet("default_grid");
    g.throughput(Throughput::Elements(p.groups.len() as u64));
    g.bench_function(
        "score 16,000 workers on a sheet (indicators, items, ranks)",
        |b| b.iter(|| score(&policy, black_box(&p), &request).unwrap()),
    );
    g.finish();
}

fn bench_csv(c: &mut Criterion) {
    let text = write_csv(&records(200_000));
    let mut g = c.benchmark_group("records");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(text.len() as u64));
    both(&mut g, "read_csv 200k records", || {
        read_csv(black_box(&text), ReadOptions::default()).unwrap()
    });
    g.finish();
}

criterion_group!(benches, bench_csv, bench);
criterion_main!(benches);
