//! Seed 003 (沂水县): the 专职网格员's 100-point sheet, stars and pay — "实行星级管理…对网格员、
//! 协管员实行百分制考核…每月一通报、每季一排名" and "奖罚分明、以星定级、以分带资" — over a month
//! across the 2026 Spring Festival.

use serde_json::json;
use wangge::ErrorCode;

use super::*;

/// Stars by the preset's bands (per cent of the 100-point scale): ≥ 95 five, ≥ 90 four,
/// ≥ 80 three, ≥ 70 two, ≥ 60 one.
fn stars(total: f64) -> u64 {
    [(95.0, 5), (90.0, 4), (80.0, 3), (70.0, 2), (60.0, 1)]
        .iter()
        .find(|(min, _)| total >= *min)
        .map_or(0, |&(_, s)| s)
}

#[test]
fn seed003_month() {
    let mut w = World::new("seed003", 90, 41);
    let mut rng = Lcg::new(3);
    let g = w.grids[0].clone();
    let other = w.grids[1].clone();

    // A deadline across the Spring Festival, by hand: reported Fri 13 Feb 2026, the working
    // days after it are Sat 14 (make-up), 24, 25, 26, 27, Sat 28 (make-up), 2, 3, 4, 5 March.
    let t = at("2026-02-13T10:00:00+08:00");
    w.report(
        "H1",
        &g,
        &t,
        "grid_worker",
        "邻里纠纷",
        "routine",
        json!({}),
    )
    .unwrap();
    w.ok(
        "H1",
        "accept",
        &(t + Duration::minutes(5)),
        "grid_worker",
        &g,
        json!({}),
    );
    w.ok(
        "H1",
        "start",
        &(t + Duration::minutes(6)),
        "grid_worker",
        &g,
        json!({}),
    );
    w.ok(
        "H1",
        "resolve",
        &at("2026-02-24T10:00:00+08:00"),
        "grid_worker",
        &g,
        json!({}),
    );
    // Another grid's worker may not verify or close it.
    for op in ["verify", "close"] {
        assert_eq!(
            w.deny(
                "H1",
                op,
                &at("2026-02-24T11:00:00+08:00"),
                "grid_worker",
                &other,
                json!({"passed": true})
            ),
            ErrorCode::CaseOutOfJurisdiction
        );
    }
    w.ok(
        "H1",
        "verify",
        &at("2026-02-24T11:00:00+08:00"),
        "grid_worker",
        &g,
        json!({"passed": true}),
    );
    w.ok(
        "H1",
        "close",
        &at("2026-02-24T11:30:00+08:00"),
        "grid_worker",
        &g,
        json!({}),
    );
    w.plan("H1").closed = Some(at("2026-02-24T11:30:00+08:00"));
    w.feedback_and_rate("H1", ("grid_worker", &g), "satisfied");

    let mix = [
        ("邻里纠纷", "routine"),
        ("风险隐患", "routine"),
        ("安全生产", "important"),
        ("环境卫生", "routine"),
        ("民生服务", "routine"),
        ("劳资纠纷", "urgent"),
    ];
    month(
        &mut w,
        &mut rng,
        320,
        day("2026-01-26"),
        34,
        &mix,
        |_, _, _, t0| *t0,
        |w, case| {
            let g = w.book.case(case).unwrap().report.grid.to_string();
            ("grid_worker".into(), g)
        },
        usual_rating,
    );
    let records = w.records(&at("2026-03-31T00:00:00+08:00"));
    check_records(&w, &records);
    assert_eq!(
        records.iter().find(|r| r.id == "H1").unwrap().due_at,
        Some(at("2026-03-05T17:30:00+08:00"))
    );
    // The grid worker who closes (or reported) is the unit scored.
    for r in &records {
        assert_eq!(r.worker, Some(worker(&r.grid.to_string())), "{}", r.id);
    }

    // February by grid worker: patrol points and months in post come from the host. One
    // worker has 3 months in post (not more than 3: no stars), one has no record of it.
    let by_worker = tally(&w.plans, day("2026-02-01"), day("2026-03-01"), worker);
    let ids: Vec<String> = by_worker.keys().cloned().collect();
    let mut inputs = serde_json::Map::new();
    let mut patrol = BTreeMap::new();
    let mut months = BTreeMap::new();
    for (i, id) in ids.iter().enumerate() {
        let p = 4.0 + (i * 7 % 27) as f64;
        let m = match i {
            0 => None,
            1 => Some(3),
            _ => Some(6 + i as u32 % 30),
        };
        patrol.insert(id.clone(), p);
        months.insert(id.clone(), m);
        let mut v = json!({"values": {"patrol": p}});
        if let Some(m) = m {
            v["months_in_post"] = json!(m);
        }
        inputs.insert(id.clone(), v);
    }
    let result = w.score(&records, "2026-02", "worker", json!({"inputs": inputs}));
    assert_eq!(result["sheet"]["id"], "yishui_grid_worker");
    check_month(&result, &by_worker);
    // Total: completion 30 + on time 20 + satisfaction 20 + patrol 30, an item that does not
    // apply left out and the rest scaled up to 100.
    let expect = |id: &str| {
        let t = &by_worker[id];
        let items = [
            (30.0, t.completion()),
            (20.0, t.on_time_rate()),
            (20.0, t.satisfaction()),
            (30.0, Some(patrol[id] / 30.0 * 100.0)),
        ];
        let (mut got, mut possible) = (0.0, 0.0);
        for (max, v) in items {
            if let Some(v) = v {
                got += max * v / 100.0;
                possible += max;
            }
        }
        got * 100.0 / possible
    };
    let mut seen = BTreeMap::new();
    let mut order: Vec<(f64, String)> = vec![];
    for id in &ids {
        let u = unit(&result, id);
        let total = expect(id);
        let got = u["total"].as_f64().unwrap();
        assert!((got - total).abs() < 1e-5, "{id}: total {got} ≠ {total}");
        order.push((total, id.clone()));
        let rated = months[id].is_some_and(|m| m > 3);
        if rated {
            let s = stars(total);
            assert_eq!(u["stars"], json!(s), "{id}: {total}");
            assert_eq!(
                u["pay"],
                json!(1500.0 + 100.0 * s as f64),
                "{id}: 以星定级、以分带资"
            );
            *seen.entry(s).or_insert(0) += 1;
        } else {
            assert_eq!(u["stars"], Value::Null, "{id}: not rated");
            assert_eq!(u["pay"], Value::Null, "{id}");
        }
    }
    assert!(seen.len() >= 3, "stars spread: {seen:?}");
    // Ranking: best first; the red list is the top five, the black list the bottom five.
    order.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let top: Vec<&String> = order.iter().take(5).map(|(_, id)| id).collect();
    let bottom: Vec<&String> = order.iter().rev().take(5).map(|(_, id)| id).collect();
    assert_eq!(result["red_list"], json!(top));
    assert_eq!(result["black_list"], json!(bottom));
    assert_eq!(unit(&result, order[0].1.as_str())["rank"], json!(1));
    w.check_apply();
}
