//! Seed 001 (一长一员一团队 + 4+N): every report goes to the district platform, then the five
//! tickets (五单办理) — a town claims within the window (抢单), the district dispatches what is
//! not claimed (派单), a town delegates routine matters down (分单), summons departments that
//! check in (联单 / 吹哨报到), or sends a hard case back (返单) — and 一单一反馈一考评.

use std::collections::BTreeSet;

use serde_json::json;
use wangge::ErrorCode;

use super::*;

const DEPTS: &[&str] = &["police", "health", "market", "housing", "urban_management"];

#[test]
fn seed001_month() {
    let mut w = World::new("seed001", 60, 21);
    let mut rng = Lcg::new(1);
    let g = w.grids[0].clone();
    let other = w
        .grids
        .iter()
        .find(|x| town(x) != town(&g))
        .unwrap()
        .clone();

    // "网格员…上报区网格化服务管理中心": a routine report waits at the district platform.
    let report = |w: &mut World, case: &str, t: &At, urgency: &str| {
        let (h, tier) = w
            .report(case, &g, t, "grid_worker", "邻里纠纷", urgency, json!({}))
            .unwrap();
        assert_eq!((h.as_str(), tier.as_str()), (county(&g).as_str(), "t4"));
    };

    // 抢单 within 2 working hours, counted across a weekend: Fri 17 Oct 16:30 + 1 h, then
    // Mon 20 Oct 08:30 + 1 h → 09:30.
    let t = at("2025-10-17T16:30:00+08:00");
    report(&mut w, "C1", &t, "routine");
    report(&mut w, "C2", &t, "important");
    let ok = at("2025-10-20T09:20:00+08:00");
    let late = at("2025-10-20T09:40:00+08:00");
    assert_eq!(working_minutes(&t, &ok), 110);
    assert_eq!(working_minutes(&t, &late), 130);
    assert_eq!(
        w.deny("C1", "claim", &ok, "town_centre", &town(&other), json!({})),
        ErrorCode::CaseOutOfJurisdiction,
        "a town claims its own grids' cases"
    );
    assert_eq!(
        w.deny(
            "C1",
            "claim",
            &ok,
            "community_centre",
            &community(&g),
            json!({})
        ),
        ErrorCode::CaseUnauthorized
    );
    w.ok("C1", "claim", &ok, "town_centre", &town(&g), json!({}));
    assert_eq!(w.handler("C1"), town(&g));
    assert_eq!(
        w.deny("C1", "claim", &ok, "town_centre", &town(&g), json!({})),
        ErrorCode::InvalidCaseTransition,
        "claimed once"
    );
    assert_eq!(
        w.deny("C2", "claim", &late, "town_centre", &town(&g), json!({})),
        ErrorCode::CaseRuleViolation,
        "the claim window closed at 09:30"
    );
    // … and across the National Day holiday: Tue 30 Sep 16:00 + 1.5 h, then Thu 9 Oct
    // 08:30 + 0.5 h → 09:00.
    let t = at("2025-09-30T16:00:00+08:00");
    report(&mut w, "C3", &t, "routine");
    report(&mut w, "C4", &t, "routine");
    assert_eq!(working_minutes(&t, &at("2025-10-09T09:00:00+08:00")), 120);
    w.ok(
        "C3",
        "claim",
        &at("2025-10-09T08:50:00+08:00"),
        "town_centre",
        &town(&g),
        json!({}),
    );
    assert_eq!(
        w.deny(
            "C4",
            "claim",
            &at("2025-10-09T09:10:00+08:00"),
            "town_centre",
            &town(&g),
            json!({})
        ),
        ErrorCode::CaseRuleViolation
    );

    // 派单: the district dispatches the unclaimed C2 and C4 — to the grid's own town or a
    // department, never to another town, and only the district does.
    let t = at("2025-10-20T10:00:00+08:00");
    assert_eq!(
        w.deny(
            "C2",
            "dispatch",
            &t,
            "town_centre",
            &town(&g),
            json!({"to": town(&g)})
        ),
        ErrorCode::CaseUnauthorized
    );
    assert_eq!(
        w.deny(
            "C2",
            "dispatch",
            &t,
            "county_centre",
            &county(&g),
            json!({"to": town(&other)})
        ),
        ErrorCode::CaseRuleViolation
    );
    w.ok(
        "C2",
        "dispatch",
        &t,
        "county_centre",
        &county(&g),
        json!({"to": town(&g)}),
    );
    w.ok(
        "C4",
        "dispatch",
        &at("2025-10-09T10:00:00+08:00"),
        "county_centre",
        &county(&g),
        json!({"to": "dept:housing"}),
    );
    assert_eq!(w.handler("C4"), "dept:housing");

    // 分单: routine matters only. C2 (important) stays with the town; C1 goes to the grid.
    let t = at("2025-10-20T10:30:00+08:00");
    assert_eq!(
        w.deny(
            "C2",
            "delegate",
            &t,
            "town_centre",
            &town(&g),
            json!({"to": g})
        ),
        ErrorCode::CaseRuleViolation,
        "only 一般性事务 are handed down"
    );
    assert_eq!(
        w.deny(
            "C1",
            "delegate",
            &t,
            "town_centre",
            &town(&g),
            json!({"to": other})
        ),
        ErrorCode::CaseRuleViolation,
        "the grid must be the case's own"
    );
    w.ok(
        "C1",
        "delegate",
        &t,
        "town_centre",
        &town(&g),
        json!({"to": g}),
    );
    assert_eq!(w.handler("C1"), g);

    // 联单: the town summons departments, which check in (报到) within 1 working day.
    // Summoned Fri 10 Oct 11:00 → due at the close of Sat 11 Oct (a make-up working day).
    let t = at("2025-10-10T11:00:00+08:00");
    w.ok(
        "C3",
        "summon",
        &t,
        "town_centre",
        &town(&g),
        json!({"departments": ["police", "market"]}),
    );
    assert_eq!(
        w.deny(
            "C3",
            "summon",
            &t,
            "town_centre",
            &town(&g),
            json!({"departments": ["police"]})
        ),
        ErrorCode::CaseRuleViolation,
        "summoned already"
    );
    assert_eq!(
        w.deny(
            "C3",
            "summon",
            &t,
            "town_centre",
            &town(&g),
            json!({"departments": ["fire"]})
        ),
        ErrorCode::UnknownDepartment
    );
    assert_eq!(
        w.deny("C3", "check_in", &t, "department", "dept:health", json!({})),
        ErrorCode::CaseOutOfJurisdiction,
        "not summoned"
    );
    assert_eq!(working_days_after(&t, 1), at("2025-10-11T17:30:00+08:00"));
    w.ok(
        "C3",
        "check_in",
        &at("2025-10-11T17:00:00+08:00"),
        "department",
        "dept:police",
        json!({}),
    );
    w.ok(
        "C3",
        "check_in",
        &at("2025-10-13T09:00:00+08:00"),
        "department",
        "dept:market",
        json!({}),
    );

    // 返单: a hard case goes back to the district, with a reason.
    let t = at("2025-10-20T11:00:00+08:00");
    assert_eq!(
        w.deny(
            "C2",
            "send_back",
            &t,
            "town_centre",
            &town(&g),
            json!({"reason": ""})
        ),
        ErrorCode::CaseRuleViolation
    );
    w.ok(
        "C2",
        "send_back",
        &t,
        "town_centre",
        &town(&g),
        json!({"reason": "涉及多部门,需区领导牵头"}),
    );
    assert_eq!(w.handler("C2"), county(&g));

    // Each handler finishes; the grid worker closes (C1 with a rework) and 一单一反馈一考评.
    w.handle_and_close(
        "C1",
        &at("2025-10-20T11:00:00+08:00"),
        &at("2025-10-22T16:00:00+08:00"),
        1,
    );
    w.handle_and_close(
        "C2",
        &at("2025-10-20T14:00:00+08:00"),
        &at("2025-10-30T16:00:00+08:00"),
        0,
    );
    w.handle_and_close(
        "C3",
        &at("2025-10-13T10:00:00+08:00"),
        &at("2025-10-16T16:00:00+08:00"),
        0,
    );
    w.handle_and_close(
        "C4",
        &at("2025-10-09T11:00:00+08:00"),
        &at("2025-10-24T16:00:00+08:00"),
        0,
    );
    assert_eq!(
        w.deny(
            "C1",
            "rate",
            &at("2025-10-22T16:10:00+08:00"),
            "grid_worker",
            &g,
            json!({"rating": "satisfied"})
        ),
        ErrorCode::CaseRuleViolation,
        "feedback first"
    );
    w.feedback_and_rate("C1", ("grid_worker", &g), "satisfied");
    assert_eq!(
        w.deny(
            "C1",
            "feedback",
            &at("2025-10-22T19:00:00+08:00"),
            "grid_worker",
            &g,
            json!({"message": "again"})
        ),
        ErrorCode::CaseRuleViolation,
        "one ticket, one feedback"
    );

    // The month: claimed (some delegated, summoned or sent back) or dispatched.
    let mix = [
        ("邻里纠纷", "routine"),
        ("环境卫生", "routine"),
        ("民生服务", "routine"),
        ("治安隐患", "important"),
        ("劳资纠纷", "urgent"),
    ];
    let mut claimed: BTreeSet<String> = ["C1", "C3"].iter().map(|s| s.to_string()).collect();
    let mut summons: Vec<(String, String, At, At)> = vec![];
    month(
        &mut w,
        &mut rng,
        240,
        day("2025-09-22"),
        40,
        &mix,
        |w, rng, case, t0| {
            let c = w.book.case(case).unwrap();
            let grid = c.report.grid.to_string();
            let routine = c.report.urgency == wangge::record::Urgency::Routine;
            assert_eq!(
                w.handler(case),
                county(&grid),
                "{case}: at the district platform"
            );
            let m = |x: i64| *t0 + Duration::minutes(x);
            if rng.chance(65) {
                w.ok(
                    case,
                    "claim",
                    &m(30),
                    "town_centre",
                    &town(&grid),
                    json!({}),
                );
                claimed.insert(case.to_string());
                match rng.below(10) {
                    0..=2 if routine => {
                        w.ok(case, "delegate", &m(40), "town_centre", &town(&grid),
                            json!({"to": if rng.chance(50) { grid.clone() } else { community(&grid) }}));
                    }
                    0..=2 => {
                        assert_eq!(
                            w.deny(
                                case,
                                "delegate",
                                &m(40),
                                "town_centre",
                                &town(&grid),
                                json!({"to": grid})
                            ),
                            ErrorCode::CaseRuleViolation
                        );
                    }
                    3 | 4 => {
                        let d = *rng.pick(DEPTS);
                        w.ok(
                            case,
                            "summon",
                            &m(40),
                            "town_centre",
                            &town(&grid),
                            json!({"departments": [d]}),
                        );
                        let back = m(40) + Duration::hours(rng.below(40) as i64 + 1);
                        w.ok(
                            case,
                            "check_in",
                            &back,
                            "department",
                            &format!("dept:{d}"),
                            json!({}),
                        );
                        summons.push((case.to_string(), d.to_string(), m(40), back));
                        return back;
                    }
                    5 => {
                        w.ok(
                            case,
                            "send_back",
                            &m(40),
                            "town_centre",
                            &town(&grid),
                            json!({"reason": "疑难问题"}),
                        );
                    }
                    _ => {}
                }
                m(50)
            } else {
                let to = if rng.chance(70) {
                    town(&grid)
                } else {
                    format!("dept:{}", rng.pick(DEPTS))
                };
                let t = *t0 + Duration::hours(3);
                w.ok(
                    case,
                    "dispatch",
                    &t,
                    "county_centre",
                    &county(&grid),
                    json!({"to": to}),
                );
                t
            }
        },
        |w, case| {
            let g = w.book.case(case).unwrap().report.grid.to_string();
            ("grid_worker".into(), g)
        },
        usual_rating,
    );

    // The views (`case.replay`): who claimed, and which check-ins were late (after the close
    // of the working day after the summons).
    let views = wangge::api::call(
        "case.replay",
        &json!({"policy": "seed001", "journal": w.journal(), "at": "2025-12-01T00:00:00+08:00"}),
    )
    .unwrap();
    let views = views["cases"].as_array().unwrap();
    let got: BTreeSet<String> = views
        .iter()
        .filter(|v| v["claimed"] == json!(true))
        .map(|v| v["case"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, claimed);
    summons.push((
        "C3".into(),
        "police".into(),
        at("2025-10-10T11:00:00+08:00"),
        at("2025-10-11T17:00:00+08:00"),
    ));
    summons.push((
        "C3".into(),
        "market".into(),
        at("2025-10-10T11:00:00+08:00"),
        at("2025-10-13T09:00:00+08:00"),
    ));
    let mut late = 0;
    for (case, d, from, back) in &summons {
        let v = views.iter().find(|v| v["case"] == json!(case)).unwrap();
        let s = v["summoned"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["department"] == json!(d))
            .unwrap();
        let due = working_days_after(from, 1);
        assert_eq!(s["due"], json!(due.to_rfc3339()), "{case} {d}");
        assert_eq!(s["late"], json!(*back > due), "{case} {d}");
        late += usize::from(*back > due);
    }
    assert!(late > 0 && late < summons.len());

    let records = w.records(&at("2025-12-01T00:00:00+08:00"));
    check_records(&w, &records);
    let by_town = tally(&w.plans, day("2025-10-01"), day("2025-11-01"), town);
    let result = w.score(&records, "2025-10", "town", json!({}));
    assert_eq!(result["sheet"]["id"], "default_grid");
    check_month(&result, &by_town);
    check_totals(&result, &by_town, default_grid_total);
    for (id, t) in &by_town {
        if t.due > 0 {
            check_ratio(unit(&result, id), "completion", t.closed as f64, t.due);
        }
    }
    let all = tally(&w.plans, day("2025-10-01"), day("2025-11-01"), |_| {
        "all".into()
    });
    let result = w.score(&records, "2025-10", "all", json!({}));
    check_month(&result, &all);
    assert!(all["all"].due > 100 && all["all"].on_time < all["all"].closed);
    w.check_apply();
}
