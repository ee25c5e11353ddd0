//! Cases: replaying a journal (facts per second) and deciding one command with its
//! deadline, on the seed 001 preset.
//!
//! `cargo bench -p wangge --bench case`

use std::hint::black_box;

use chrono::{DateTime, Duration, FixedOffset};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde_json::json;
use wangge::case::{CaseBook, CaseContext, Command, clocks, read_journal, write_header};
use wangge::policy::Policy;

const GRID: &str = "371323100201001";
const TOWN: &str = "371323100000";

fn cmd(
    id: usize,
    case: usize,
    op: &str,
    at: DateTime<FixedOffset>,
    role: &str,
    unit: &str,
    args: serde_json::Value,
) -> Command {
    Command::from_json(
        &json!({"id": format!("k{id}"), "case": format!("C{case}"), "op": op, "at": at.to_rfc3339(),
            "actor": {"person": "p", "role": role, "unit": unit}, "args": args})
        .to_string(),
    )
    .unwrap()
}

/// `cases` cases, each reported at the county platform, claimed, accepted, started,
/// resolved, verified and closed (7 facts each).
fn book(policy: &Policy, cases: usize) -> CaseBook {
    let ctx = CaseContext {
        policy: &policy.case,
        calendar: &policy.calendar,
        grids: None,
    };
    let mut b = CaseBook::new();
    let t0 = DateTime::parse_from_rfc3339("2026-03-02T08:30:00+08:00").unwrap();
    let mut id = 0;
    for c in 0..cases {
        let t = t0 + Duration::minutes((c % 500) as i64);
        let steps: [(&str, &str, &str, serde_json::Value); 7] = [
            (
                "report",
                "grid_worker",
                GRID,
                json!({"category": "邻里纠纷", "urgency": "routine", "grid": GRID}),
            ),
            ("claim", "town_centre", TOWN, json!({})),
            ("accept", "town_centre", TOWN, json!({})),
            ("start", "town_centre", TOWN, json!({})),
            ("resolve", "town_centre", TOWN, json!({})),
            ("verify", "grid_worker", GRID, json!({"passed": true})),
            ("close", "grid_worker", GRID, json!({})),
        ];
        for (k, (op, role, unit, args)) in steps.into_iter().enumerate() {
            id += 1;
            let at = t + Duration::minutes(k as i64);
            b.execute(&cmd(id, c, op, at, role, unit, args), &ctx)
                .unwrap();
        }
    }
    b
}

fn bench(c: &mut Criterion) {
    let policy = Policy::preset("seed001").unwrap();
    let ctx = CaseContext {
        policy: &policy.case,
        calendar: &policy.calendar,
        grids: None,
    };
    let b = book(&policy, 10_000);
    let facts = b.facts().to_vec();
    let mut g = c.benchmark_group("case");
    g.throughput(Throughput::Elements(facts.len() as u64));
    g.bench_function("replay 70k facts (borrowed, each copied)", |bch| {
        bch.iter_with_large_drop(|| CaseBook::replay(black_box(&facts)).unwrap())
    });
    g.bench_function("replay 70k facts (owned)", |bch| {
        bch.iter_batched(
            || facts.clone(),
            |f| CaseBook::replay_owned(black_box(f)).unwrap(),
            criterion::BatchSize::LargeInput,
        )
    });
    let mut text = write_header(None);
    for f in &facts {
        text.push_str(&serde_json::to_string(f).unwrap());
        text.push('\n');
    }
    g.bench_function("read journal text, 70k facts", |bch| {
        bch.iter(|| read_journal(black_box(&text)).unwrap())
    });
    g.finish();

    // one open case, then a resolve command decided together with the new deadline
    let mut one = book(&policy, 0);
    let t = DateTime::parse_from_rfc3339("2026-02-13T09:00:00+08:00").unwrap();
    for (k, (op, role, unit, args)) in [
        (
            "report",
            "grid_worker",
            GRID,
            json!({"category": "邻里纠纷", "urgency": "routine", "grid": GRID}),
        ),
        ("claim", "town_centre", TOWN, json!({})),
        ("accept", "town_centre", TOWN, json!({})),
        ("start", "town_centre", TOWN, json!({})),
    ]
    .into_iter()
    .enumerate()
    {
        one.execute(
            &cmd(k, 0, op, t + Duration::minutes(k as i64), role, unit, args),
            &ctx,
        )
        .unwrap();
    }
    let resolve = cmd(
        99,
        0,
        "resolve",
        t + Duration::hours(2),
        "town_centre",
        TOWN,
        json!({}),
    );
    let at = t + Duration::hours(2);
    c.bench_function("case decide one command with its deadline", |bch| {
        bch.iter(|| {
            let f = one.decide(black_box(&resolve), &ctx).unwrap();
            let case = one.case("C0").unwrap();
            (
                f,
                clocks::due(case, &policy.case, &policy.calendar, &at).unwrap(),
            )
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
