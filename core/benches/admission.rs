//! Admission lists: checking a push against a county register, and expanding the recurring
//! items of seed 000 into due instances for a county of 1,358 grids over a year.
//!
//! `cargo bench -p wangge --bench admission`

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use wangge::admission::{
    Actor, AdmissionList, AdmissionRules, CheckRequest, GridRef, Item, ListKind, Transition,
    UnitKind,
};
use wangge::grid::GridKind;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Seed 000's lists plus 500 synthetic task items (10 categories each), as a busy county
/// register would hold.
fn county_register() -> AdmissionList {
    let rules = AdmissionRules::default();
    let office = Actor::new(UnitKind::CountyGovernanceOffice);
    let mut list = AdmissionList::preset("seed000").unwrap();
    for k in 0..500 {
        let code = format!("ZZ-{k:04}");
        let item = Item {
            list: ListKind::Task,
            code: code.clone(),
            name: format!("事项{k}"),
            department: format!("部门{}", k % 40),
            legal_basis: None,
            role: wangge::admission::Role::Assist,
            grid_kinds: vec!["basic".parse().unwrap()],
            categories: (0..10).map(|c| format!("类别{k}/子类{c}")).collect(),
            scope: vec![],
            frequency: None,
            validity: Default::default(),
            budget: None,
        };
        for t in [
            Transition::Propose {
                date: d("2018-06-01"),
                by: office.clone(),
                item,
                document: None,
                reason: None,
            },
            Transition::Approve {
                code: code.clone(),
                version: None,
                date: d("2018-06-01"),
                by: office.clone(),
                document: "D".into(),
            },
            Transition::Enforce {
                code,
                version: None,
                date: d("2018-06-01"),
                by: office.clone(),
                effective: None,
                document: None,
            },
        ] {
            list.apply(&t, &rules).unwrap();
        }
    }
    list
}

/// 1,358 grids (seed 003's county size): 1,300 basic with key subjects, 58 micro.
fn county_grids() -> Vec<GridRef> {
    (0..1358)
        .map(|i| {
            let code = format!("3713231{:02}{:03}{:03}", i / 200, i % 200 + 1, 1);
            let mut g = GridRef::new(
                code.parse().unwrap(),
                if i < 1300 {
                    GridKind::Basic
                } else {
                    GridKind::Micro
                },
            );
            g.subjects = Some(
                [
                    ("high_risk_elderly".to_string(), (i % 4) as u32),
                    ("key_elderly".to_string(), 5),
                    ("mental_disorder_risk_3_5".to_string(), (i % 2) as u32),
                ]
                .into(),
            );
            g
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let list = county_register();
    let on = d("2019-03-01");
    let allowed =
        CheckRequest::code(ListKind::Task, "ZZ-0250", GridKind::Basic, on).department("部门10");
    let unlisted =
        CheckRequest::code(ListKind::Task, "NOPE-1", GridKind::Basic, on).department("部门10");
    let category =
        CheckRequest::category(ListKind::Task, "类别250/子类7/细项", GridKind::Basic, on);
    assert!(list.check(&allowed).unwrap().is_allowed());
    assert!(!list.check(&unlisted).unwrap().is_allowed());
    assert!(list.check(&category).unwrap().is_allowed());
    c.bench_function("admission check: allowed by code (528 items)", |b| {
        b.iter(|| list.check(black_box(&allowed)).unwrap())
    });
    c.bench_function("admission check: unlisted, rejection built", |b| {
        b.iter(|| list.check(black_box(&unlisted)).unwrap())
    });
    c.bench_function("admission check: category subtree", |b| {
        b.iter(|| list.check(black_box(&category)).unwrap())
    });

    let grids = county_grids();
    let seed = AdmissionList::preset("seed000").unwrap();
    let n = seed
        .instances(&grids, d("2019-01-01"), d("2020-01-01"))
        .unwrap()
        .len();
    println!("instances for 1,358 grids over 2019: {n}");
    let mut g = c.benchmark_group("admission instances");
    g.sample_size(20);
    g.bench_function("seed000 recurring items, 1,358 grids, one year", |b| {
        b.iter(|| {
            seed.instances(black_box(&grids), d("2019-01-01"), d("2020-01-01"))
                .unwrap()
                .len()
        })
    });
    g.bench_function("budget totals, 1,358 grids", |b| {
        b.iter(|| {
            seed.budget(d("2019-06-01"), black_box(&grids))
                .unwrap()
                .total_fen
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
