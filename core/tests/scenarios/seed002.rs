//! Seed 002 (枣庄市中区): the 四色单 (colour tickets: a colour per urgency, and a warning colour
//! by how much of a deadline is used), completion over registered cases shown rounded down to
//! one decimal ("办结率为98.9%"), and the 90 % rule: "对为民服务办结满意率低于90%的区直部门
//! (单位),当年度不得评为先进,对镇街作为扣分项目".

use serde_json::json;
use wangge::ErrorCode;

use super::*;

/// The warning colour the test expects: the worse of the clocks `(start, due, working)`;
/// green while at most 80 % of a limit is used, yellow up to 100 %, red beyond or overdue.
fn progress(now: &At, clocks: &[(At, At, bool)]) -> &'static str {
    let mut worst = 0;
    for (start, due, working) in clocks {
        let m = |a: &At, b: &At| {
            if *working {
                working_minutes(a, b)
            } else {
                (*b - *a).num_minutes()
            }
        };
        let pct = m(start, now) * 100 / m(start, due);
        let c = if now > due || pct > 100 {
            2
        } else if pct > 80 {
            1
        } else {
            0
        };
        worst = worst.max(c);
    }
    ["green", "yellow", "red"][worst]
}

/// A rate shown as the preset shows it: one decimal, rounded down (`numerator_milli` is
/// the numerator × 1000).
fn shown(numerator_milli: u64, denominator: u64) -> String {
    let tenths = numerator_milli * 100 * 10 / (denominator * 1000);
    format!("{}.{}%", tenths / 10, tenths % 10)
}

fn views(w: &World, t: &At) -> Vec<Value> {
    let out = wangge::api::call(
        "case.replay",
        &json!({"policy": "seed002", "journal": w.journal(), "at": t.to_rfc3339()}),
    )
    .unwrap();
    out["cases"].as_array().unwrap().clone()
}

fn view<'a>(v: &'a [Value], case: &str) -> &'a Value {
    v.iter().find(|v| v["case"] == json!(case)).unwrap()
}

fn in_october(w: &World, case: &str) -> bool {
    let p = w.plans.iter().find(|p| p.id == case).unwrap();
    p.closed.is_some_and(|c| c.date_naive().month() == 10)
}

/// Departments: one rated exactly at 90.00 %, one just below, one as usual.
const EXACT: &str = "dept:civil_affairs";
const BELOW: &str = "dept:food_drug";
const USUAL: &str = "dept:safety";

#[test]
fn seed002_month() {
    let mut w = World::new("seed002", 50, 31);
    let mut rng = Lcg::new(2);
    let g = w.grids[0].clone();
    let other = w
        .grids
        .iter()
        .find(|x| town(x) != town(&g))
        .unwrap()
        .clone();

    // 四色单: three tickets reported Mon 13 Oct 09:00, one per urgency.
    let t0 = at("2025-10-13T09:00:00+08:00");
    for (case, urgency) in [("K1", "routine"), ("K2", "urgent"), ("K3", "important")] {
        w.report(case, &g, &t0, "grid_worker", "邻里纠纷", urgency, json!({}))
            .unwrap();
    }
    // Accept within 2 working days (urgent: 2 hours); close within 10 working days
    // (urgent: 48 hours).
    let ten = working_days_after(&t0, 10);
    let usual = [(t0, working_days_after(&t0, 2), true), (t0, ten, true)];
    let urgent = [
        (t0, t0 + Duration::hours(2), false),
        (t0, t0 + Duration::hours(48), false),
    ];
    let mut seen = BTreeMap::new();
    for now in [
        "2025-10-13T10:00:00+08:00",
        "2025-10-13T10:40:00+08:00",
        "2025-10-13T11:30:00+08:00",
        "2025-10-14T10:00:00+08:00",
        "2025-10-15T15:30:00+08:00",
        "2025-10-16T09:00:00+08:00",
    ] {
        let now = at(now);
        let v = views(&w, &now);
        for (case, clocks, colour) in [
            ("K1", &usual, "blue"),
            ("K2", &urgent, "red"),
            ("K3", &usual, "yellow"),
        ] {
            let want = progress(&now, clocks);
            assert_eq!(view(&v, case)["colour"], json!(want), "{case} at {now}");
            assert_eq!(view(&v, case)["urgency_colour"], json!(colour), "{case}");
            *seen.entry(want).or_insert(0) += 1;
        }
    }
    assert_eq!(seen.len(), 3, "every warning colour shows: {seen:?}");
    // A town from elsewhere cannot re-tier it; rework once; closed tickets turn green.
    assert_eq!(
        w.deny(
            "K1",
            "assess",
            &at("2025-10-16T09:00:00+08:00"),
            "town_centre",
            &town(&other),
            json!({"tier": "t3", "reason": "x"})
        ),
        ErrorCode::CaseOutOfJurisdiction
    );
    w.handle_and_close(
        "K1",
        &at("2025-10-16T09:00:00+08:00"),
        &at("2025-10-20T10:00:00+08:00"),
        1,
    );
    w.handle_and_close(
        "K2",
        &at("2025-10-16T09:00:00+08:00"),
        &at("2025-10-17T10:00:00+08:00"),
        0,
    );
    let v = views(&w, &at("2025-10-20T12:00:00+08:00"));
    assert_eq!(view(&v, "K1")["urgency_colour"], "green");
    assert_eq!(view(&v, "K1")["colour"], Value::Null);
    assert_eq!(view(&v, "K3")["colour"], "red");

    // The month: half the cases go up to the district and on to a department.
    let mix = [
        ("邻里纠纷", "routine"),
        ("环境卫生", "routine"),
        ("城市管理", "routine"),
        ("民生服务", "important"),
        ("治安隐患", "routine"),
    ];
    let mut handled_by: BTreeMap<String, String> = BTreeMap::new();
    let mut first_below = true;
    month(
        &mut w,
        &mut rng,
        260,
        day("2025-09-22"),
        40,
        &mix,
        |w, rng, case, t0| {
            let grid = w.book.case(case).unwrap().report.grid.to_string();
            if rng.chance(50) {
                return *t0;
            }
            let m = |x: i64| *t0 + Duration::minutes(x);
            let h = w.handler(case);
            if h != county(&grid) {
                let r = role_of(&h);
                let unit = if r == "grid_worker" {
                    town(&grid)
                } else {
                    h.clone()
                };
                let r = if r == "grid_worker" { "town_centre" } else { r };
                w.ok(
                    case,
                    "assess",
                    &m(10),
                    r,
                    &unit,
                    json!({"tier": "t4", "reason": "部门职责"}),
                );
            }
            let d = *rng.pick(&[EXACT, BELOW, USUAL]);
            w.ok(
                case,
                "dispatch",
                &m(20),
                "county_centre",
                &county(&grid),
                json!({"to": d}),
            );
            handled_by.insert(case.to_string(), d.to_string());
            m(30)
        },
        |w, case| {
            let g = w.book.case(case).unwrap().report.grid.to_string();
            ("grid_worker".into(), g)
        },
        |w, rng, case| match w.handler(case).as_str() {
            EXACT => "basically_satisfied",
            BELOW if in_october(w, case) && std::mem::take(&mut first_below) => "unsatisfied",
            BELOW => "basically_satisfied",
            _ => usual_rating(w, rng, case),
        },
    );
    let records = w.records(&at("2025-12-01T00:00:00+08:00"));
    check_records(&w, &records);
    let (from, to) = (day("2025-10-01"), day("2025-11-01"));

    // Departments: the default sheet is the 区直部门 one; below 90 % → not 先进, exactly
    // 90.0 % still 先进.
    let by_dept = tally_by(&w.plans, from, to, |p| {
        handled_by.get(&p.id).cloned().unwrap_or_default()
    });
    let depts: BTreeMap<String, Tally> =
        by_dept.into_iter().filter(|(k, _)| !k.is_empty()).collect();
    let result = w.score(&records, "2025-10", "handler", json!({}));
    assert_eq!(result["sheet"]["id"], "zaozhuang_department");
    check_month(&result, &depts);
    for (d, t) in &depts {
        let u = unit(&result, d);
        let sat = t.satisfaction().unwrap();
        assert_eq!(u["advanced_eligible"], json!(sat >= 90.0), "{d}: {sat}");
        let milli = t.satisfied * 1000 + t.basically * 900;
        assert_eq!(
            u["indicators"]["satisfaction"]["display"],
            json!(shown(milli, t.revisited))
        );
        check_ratio(u, "completion", t.registered_closed as f64, t.registered);
        check_ratio(u, "completion_due", t.closed as f64, t.due);
        assert_eq!(
            u["indicators"]["completion"]["display"],
            json!(shown(t.registered_closed * 1000, t.registered))
        );
        // 50 of the district's 1,000 points.
        let total = u["total"].as_f64().unwrap();
        assert!((u["composite"].as_f64().unwrap() - total / 100.0 * 50.0).abs() < 1e-6);
    }
    assert_eq!(depts[EXACT].satisfaction(), Some(90.0));
    assert_eq!(unit(&result, EXACT)["advanced_eligible"], json!(true));
    assert_eq!(
        unit(&result, EXACT)["indicators"]["satisfaction"]["display"],
        "90.0%"
    );
    assert_eq!(unit(&result, BELOW)["advanced_eligible"], json!(false));

    // Towns: the same rule is a deduction (2 points, a default) on the town sheet; the sheet's
    // completion divides by registered cases.
    let by_town = tally(&w.plans, from, to, town);
    let result = w.score(
        &records,
        "2025-10",
        "town",
        json!({"sheet": "zaozhuang_town"}),
    );
    check_month(&result, &by_town);
    check_totals(&result, &by_town, |t| {
        let items = [
            (
                40.0,
                (t.registered > 0)
                    .then(|| t.registered_closed as f64 * 100.0 / t.registered as f64),
            ),
            (30.0, t.on_time_rate()),
            (30.0, t.satisfaction()),
        ];
        let (mut got, mut possible) = (0.0, 0.0);
        for (max, v) in items {
            if let Some(v) = v {
                got += max * v / 100.0;
                possible += max;
            }
        }
        let below = t.satisfaction().is_some_and(|s| s < 90.0);
        (possible > 0.0).then(|| (got * 100.0 / possible - if below { 2.0 } else { 0.0 }).max(0.0))
    });
    w.check_apply();
    // Overdue tickets are supervised (督办).
    check_tick(&w, &at("2025-11-03T09:00:00+08:00"));
}
