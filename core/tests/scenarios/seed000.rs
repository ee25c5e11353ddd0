//! Seed 000 (全科网格 3+X+N): tiers T1–T4, emergencies straight to the town centre by
//! 网格长/专职网格员 only, closing back at the grid by its 专职网格员 (始于网格、终于网格), and
//! the linked assessment (责任捆绑).

use serde_json::json;
use wangge::ErrorCode;
use wangge::case::clocks;

use super::*;

/// The default tier the test expects for a category × urgency (the preset's table: 矛盾纠纷
/// and its sub-categories by urgency, 治安隐患 and 民生服务 at the community, 安全生产 at the
/// town, anything else at the grid).
fn tier(category: &str, urgency: &str) -> &'static str {
    match (category, urgency) {
        ("矛盾纠纷" | "邻里纠纷" | "婚姻家庭纠纷" | "劳资纠纷", "urgent") => "t3",
        ("矛盾纠纷" | "邻里纠纷" | "婚姻家庭纠纷" | "劳资纠纷", "important") => {
            "t2"
        }
        ("治安隐患" | "民生服务", _) => "t2",
        ("安全生产", _) => "t3",
        _ => "t1",
    }
}

fn tier_unit(grid: &str, tier: &str) -> String {
    match tier {
        "t1" => grid.to_string(),
        "t2" => community(grid),
        "t3" => town(grid),
        _ => county(grid),
    }
}

#[test]
fn seed000_month() {
    let mut w = World::new("seed000", 80, 11);
    let mut rng = Lcg::new(0);
    let g = w.grids[0].clone();
    let other = w
        .grids
        .iter()
        .find(|x| town(x) != town(&g))
        .unwrap()
        .clone();

    // Emergencies (突发事件) go straight to the town centre, reported by 网格长 or 专职网格员
    // only: "网格长、专职网格员应第一时间上报镇(街道)综治中心".
    let t = at("2025-10-09T10:00:00+08:00");
    let fire = json!({"category": "火灾事故", "urgency": "urgent", "grid": g});
    for role in ["part_time_worker", "instructor", "town_centre"] {
        let unit = if role == "town_centre" {
            town(&g)
        } else {
            g.clone()
        };
        assert_eq!(
            w.deny("E0", "report", &t, role, &unit, fire.clone()),
            ErrorCode::CaseRuleViolation,
            "{role} reports an emergency"
        );
    }
    let flagged =
        json!({"category": "环境卫生", "urgency": "urgent", "grid": g, "emergency": true});
    assert_eq!(
        w.deny("E0", "report", &t, "part_time_worker", &g, flagged),
        ErrorCode::CaseRuleViolation
    );
    // A grid worker cannot report in another grid (jurisdiction).
    assert_eq!(
        w.deny("E0", "report", &t, "grid_worker", &other, fire.clone()),
        ErrorCode::CaseOutOfJurisdiction
    );
    assert!(w.book.case("E0").is_none());
    let (h, tr) = w
        .report("E1", &g, &t, "grid_head", "火灾事故", "urgent", json!({}))
        .unwrap();
    assert_eq!((h.as_str(), tr.as_str()), (town(&g).as_str(), "t3"));
    let (h, tr) = w
        .report(
            "E2",
            &g,
            &t,
            "grid_worker",
            "环境卫生",
            "urgent",
            json!({"emergency": true}),
        )
        .unwrap();
    assert_eq!((h, tr), (town(&g), "t3".to_string()));

    // The town handles E1; another town has no jurisdiction; closing happens back at the grid.
    let m = |x: i64| t + Duration::minutes(x);
    assert_eq!(
        w.deny(
            "E1",
            "accept",
            &m(10),
            "town_centre",
            &town(&other),
            json!({})
        ),
        ErrorCode::CaseOutOfJurisdiction
    );
    w.ok("E1", "accept", &m(10), "town_centre", &town(&g), json!({}));
    w.ok("E1", "start", &m(20), "town_centre", &town(&g), json!({}));
    w.ok(
        "E1",
        "resolve",
        &m(300),
        "town_centre",
        &town(&g),
        json!({}),
    );
    assert_eq!(
        w.deny("E1", "close", &m(310), "town_centre", &town(&g), json!({})),
        ErrorCode::CaseUnauthorized,
        "the town does not close: 终于网格"
    );
    assert_eq!(
        w.deny(
            "E1",
            "verify",
            &m(310),
            "grid_worker",
            &other,
            json!({"passed": true})
        ),
        ErrorCode::CaseOutOfJurisdiction
    );
    assert_eq!(
        w.deny("E1", "close", &m(310), "grid_worker", &g, json!({})),
        ErrorCode::CaseRuleViolation,
        "verify first"
    );
    // Rework: the grid worker finds it not done.
    w.ok(
        "E1",
        "verify",
        &m(320),
        "grid_worker",
        &g,
        json!({"passed": false}),
    );
    w.ok(
        "E1",
        "resolve",
        &m(400),
        "town_centre",
        &town(&g),
        json!({}),
    );
    w.ok(
        "E1",
        "verify",
        &m(420),
        "grid_worker",
        &g,
        json!({"passed": true}),
    );
    w.ok("E1", "close", &m(430), "grid_worker", &g, json!({}));
    let p = w.plan("E1");
    p.closed = Some(m(430));
    p.rework = 1;
    assert_eq!(w.book.case("E1").unwrap().worker, Some(worker(&g)));
    w.handle_and_close("E2", &m(15), &(t + Duration::hours(60)), 0); // late: 48 h

    // T4: the town re-tiers a case to the county, with a reason.
    let t = at("2025-10-13T09:00:00+08:00");
    let (h, _) = w
        .report(
            "T4",
            &g,
            &t,
            "grid_worker",
            "安全生产",
            "important",
            json!({}),
        )
        .unwrap();
    assert_eq!(h, town(&g));
    let m = |x: i64| t + Duration::minutes(x);
    assert_eq!(
        w.deny(
            "T4",
            "assess",
            &m(5),
            "town_centre",
            &town(&g),
            json!({"tier": "t4", "reason": " "})
        ),
        ErrorCode::CaseRuleViolation
    );
    assert_eq!(
        w.deny(
            "T4",
            "assess",
            &m(5),
            "town_centre",
            &town(&other),
            json!({"tier": "t4", "reason": "跨镇"})
        ),
        ErrorCode::CaseOutOfJurisdiction
    );
    w.ok(
        "T4",
        "assess",
        &m(5),
        "town_centre",
        &town(&g),
        json!({"tier": "t4", "reason": "涉及多个部门"}),
    );
    assert_eq!(w.handler("T4"), county(&g));
    w.handle_and_close("T4", &m(10), &at("2025-10-20T15:00:00+08:00"), 0);

    // A deadline across the National Day holiday, counted by hand: reported Tue 30 Sep, the
    // working days after it are 9, 10, 11 (make-up Saturday), 13 … 21 Oct.
    let t = at("2025-09-30T10:00:00+08:00");
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
    let ctx = (&w.policy.case, &w.policy.calendar);
    let due = clocks::due(w.book.case("H1").unwrap(), ctx.0, ctx.1, &t).unwrap();
    assert_eq!(
        due.stage,
        Some(at("2025-10-10T17:30:00+08:00")),
        "accept: 2 working days"
    );
    assert_eq!(due.overall, Some(at("2025-10-21T17:30:00+08:00")));
    w.handle_and_close(
        "H1",
        &at("2025-10-09T09:00:00+08:00"),
        &at("2025-10-21T17:00:00+08:00"),
        0,
    );

    // A voided case is never due.
    let t = at("2025-10-15T09:00:00+08:00");
    w.report(
        "V1",
        &g,
        &t,
        "grid_worker",
        "环境卫生",
        "routine",
        json!({}),
    )
    .unwrap();
    w.ok(
        "V1",
        "void",
        &(t + Duration::hours(1)),
        "town_centre",
        &town(&g),
        json!({"reason": "重复上报", "approved_by": "镇综治中心主任"}),
    );
    w.plan("V1").voided = true;

    // The month: ordinary cases at every tier; a quarter of the town's cases go up to the
    // county.
    let mix = [
        ("邻里纠纷", "routine"),
        ("婚姻家庭纠纷", "routine"),
        ("矛盾纠纷", "important"),
        ("劳资纠纷", "urgent"),
        ("治安隐患", "routine"),
        ("安全生产", "important"),
        ("环境卫生", "routine"),
        ("民生服务", "routine"),
    ];
    let mut tiers: BTreeMap<String, &str> = BTreeMap::new();
    month(
        &mut w,
        &mut rng,
        260,
        day("2025-09-22"),
        40,
        &mix,
        |w, rng, case, t0| {
            let c = w.book.case(case).unwrap();
            let grid = c.report.grid.to_string();
            let want = tier(
                &c.report.category,
                &format!("{:?}", c.report.urgency).to_lowercase(),
            );
            assert_eq!(
                w.handler(case),
                tier_unit(&grid, want),
                "{case}: default tier"
            );
            let mut last = want;
            if want == "t3" && rng.chance(25) {
                w.ok(
                    case,
                    "assess",
                    &(*t0 + Duration::minutes(20)),
                    "town_centre",
                    &town(&grid),
                    json!({"tier": "t4", "reason": "需区级协调"}),
                );
                last = "t4";
            }
            tiers.insert(case.to_string(), last);
            *t0 + Duration::minutes(30)
        },
        |w, case| {
            let g = w.book.case(case).unwrap().report.grid.to_string();
            ("grid_worker".into(), g)
        },
        usual_rating,
    );

    let records = w.records(&at("2025-12-01T00:00:00+08:00"));
    check_records(&w, &records);
    for r in &records {
        if let Some(want) = tiers.get(&r.id) {
            assert_eq!(
                serde_json::to_value(r.tier).unwrap(),
                json!(want),
                "{}",
                r.id
            );
        }
    }
    for t in ["t1", "t2", "t3", "t4"] {
        assert!(
            records
                .iter()
                .any(|r| serde_json::to_value(r.tier).unwrap() == json!(t)),
            "no {t} case"
        );
    }

    // Score October by grid with the default sheet, and by town.
    let by_grid = tally(&w.plans, day("2025-10-01"), day("2025-11-01"), |g| {
        g.to_string()
    });
    let sum = total(&by_grid);
    assert!(sum.due > 100 && sum.closed < sum.due && sum.on_time < sum.closed && sum.reworked > 0);
    // The linked assessment of an instructor over the grids of one town: 0.6 own + 0.3 mean
    // of the grids' totals + 0.1 completion of their cases (on the 100-point scale).
    let members: Vec<String> = by_grid
        .iter()
        .filter(|(id, t)| town(id) == town(&g) && t.due > 0)
        .map(|(id, _)| id.clone())
        .collect();
    assert!(!members.is_empty());
    let result = w.score(
        &records,
        "2025-10",
        "grid",
        json!({"links": [{"id": "instructor-1", "own": 80.0, "members": members}]}),
    );
    assert_eq!(result["sheet"]["id"], "default_grid");
    check_month(&result, &by_grid);
    check_totals(&result, &by_grid, default_grid_total);
    for (id, t) in &by_grid {
        if t.due > 0 {
            check_ratio(unit(&result, id), "completion", t.closed as f64, t.due);
        }
    }
    let totals: Vec<f64> = members
        .iter()
        .filter_map(|m| default_grid_total(&by_grid[m]))
        .collect();
    let mut merged = Tally::default();
    for m in &members {
        merged.due += by_grid[m].due;
        merged.closed += by_grid[m].closed;
    }
    let want = 0.6 * 80.0
        + 0.3 * totals.iter().sum::<f64>() / totals.len() as f64
        + 0.1 * merged.completion().unwrap();
    let got = result["linked"][0]["score"].as_f64().unwrap();
    assert!((got - want).abs() < 1e-6, "linked {got} ≠ {want}");

    let by_town = tally(&w.plans, day("2025-10-01"), day("2025-11-01"), town);
    let result = w.score(&records, "2025-10", "town", json!({}));
    check_month(&result, &by_town);
    check_totals(&result, &by_town, default_grid_total);
    w.check_apply();
}
