//! Seed 004 (红卫街道): the residents' mailbox and tiered feedback — "在网格内设置“居民之声
//! 信箱”…对征集到的意见建议,实行分级办理反馈制,确保居民反映意见建议得到落实" — each tier that
//! handles a matter feeds back to the resident once, then the resident rates it once; a month
//! across the 2026 New Year holiday.

use std::collections::BTreeSet;

use serde_json::json;
use wangge::ErrorCode;
use wangge::case::Event;

use super::*;

#[test]
fn seed004_month() {
    let mut w = World::new("seed004", 70, 51);
    w.sources.insert("居民投诉", "resident");
    let mut rng = Lcg::new(4);
    let g = w.grids[0].clone();
    let other = w
        .grids
        .iter()
        .find(|x| community(x) != community(&g))
        .unwrap()
        .clone();

    // A resident's letter, reported by the grid worker on Wed 31 Dec 2025: 1–3 Jan are off,
    // the working days after it are Sun 4 (make-up), 5, 6, 7, 8, 9, 12, 13, 14, Thu 15 Jan.
    let t = at("2025-12-31T10:00:00+08:00");
    let (h, tier) = w
        .report(
            "F1",
            &g,
            &t,
            "grid_worker",
            "居民投诉",
            "routine",
            json!({}),
        )
        .unwrap();
    assert_eq!((h.as_str(), tier.as_str()), (community(&g).as_str(), "t2"));
    assert_eq!(w.plan("F1").due(), at("2026-01-15T17:30:00+08:00"));
    // An 信息员 reports, but not emergencies.
    assert_eq!(
        w.deny(
            "F0",
            "report",
            &t,
            "informant",
            &g,
            json!({"category": "环境污染事故", "urgency": "urgent", "grid": g})
        ),
        ErrorCode::CaseRuleViolation
    );
    w.handle_and_close(
        "F1",
        &at("2026-01-04T09:00:00+08:00"),
        &at("2026-01-07T16:00:00+08:00"),
        1,
    );
    let m = |x: i64| at("2026-01-07T16:00:00+08:00") + Duration::minutes(x);
    assert_eq!(
        w.deny(
            "F1",
            "rate",
            &m(5),
            "grid_worker",
            &g,
            json!({"rating": "satisfied"})
        ),
        ErrorCode::CaseRuleViolation,
        "the rating follows the feedback"
    );
    assert_eq!(
        w.deny(
            "F1",
            "feedback",
            &m(5),
            "community_centre",
            &community(&other),
            json!({"message": "已办结"})
        ),
        ErrorCode::CaseOutOfJurisdiction
    );
    assert_eq!(
        w.deny(
            "F1",
            "feedback",
            &m(5),
            "informant",
            &g,
            json!({"message": "已办结"})
        ),
        ErrorCode::CaseUnauthorized
    );
    w.feedback_and_rate(
        "F1",
        ("community_centre", &community(&g)),
        "basically_satisfied",
    );
    assert_eq!(
        w.deny(
            "F1",
            "feedback",
            &m(90),
            "community_centre",
            &community(&g),
            json!({"message": "again"})
        ),
        ErrorCode::CaseRuleViolation,
        "one feedback"
    );
    assert_eq!(
        w.deny(
            "F1",
            "rate",
            &m(90),
            "grid_worker",
            &g,
            json!({"rating": "satisfied"})
        ),
        ErrorCode::CaseRuleViolation,
        "one evaluation"
    );
    // No feedback before the case is closed.
    w.report(
        "F2",
        &g,
        &t,
        "grid_worker",
        "居民投诉",
        "routine",
        json!({}),
    )
    .unwrap();
    assert_eq!(
        w.deny(
            "F2",
            "feedback",
            &m(0),
            "community_centre",
            &community(&g),
            json!({"message": "处理中"})
        ),
        ErrorCode::InvalidCaseTransition
    );

    // The month: letters and patrol reports at every tier; the tier that handled a matter
    // feeds back.
    let mix = [
        ("居民投诉", "routine"),
        ("居民投诉", "important"),
        ("邻里纠纷", "routine"),
        ("环境卫生", "routine"),
        ("城市管理", "routine"),
        ("安全生产", "important"),
        ("劳资纠纷", "urgent"),
    ];
    let mut fed_by: BTreeMap<String, String> = BTreeMap::new();
    fed_by.insert("F1".into(), community(&g));
    month(
        &mut w,
        &mut rng,
        280,
        day("2025-11-17"),
        45,
        &mix,
        |w, rng, case, t0| {
            let h = w.handler(case);
            if role_of(&h) == "community_centre" && rng.chance(20) {
                let grid = w.book.case(case).unwrap().report.grid.to_string();
                w.ok(
                    case,
                    "assess",
                    &(*t0 + Duration::minutes(15)),
                    "community_centre",
                    &h,
                    json!({"tier": "t3", "reason": "需街道协调"}),
                );
                assert_eq!(w.handler(case), town(&grid));
            }
            *t0 + Duration::minutes(20)
        },
        |w, case| {
            let h = w.handler(case);
            fed_by.insert(case.to_string(), h.clone());
            (role_of(&h).to_string(), h)
        },
        usual_rating,
    );

    // Every feedback came from the handling tier, once per case, before the one rating.
    let mut tiers = BTreeSet::new();
    let mut fed = BTreeSet::new();
    for f in w.book.facts() {
        match &f.event {
            Event::FeedbackGiven { .. } => {
                let a = f.actor.as_ref().unwrap();
                assert_eq!(a.unit.to_string(), fed_by[&f.case], "{}", f.case);
                assert_eq!(a.role, role_of(&fed_by[&f.case]));
                assert!(fed.insert(f.case.clone()), "{}: fed back twice", f.case);
                tiers.insert(a.role.clone());
            }
            Event::Rated { .. } => assert!(fed.contains(&f.case), "{}: rated first", f.case),
            _ => {}
        }
    }
    assert_eq!(
        tiers,
        ["community_centre", "grid_worker", "town_centre"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    );

    let records = w.records(&at("2026-02-01T00:00:00+08:00"));
    check_records(&w, &records);
    let (from, to) = (day("2025-12-01"), day("2026-01-01"));
    for (by, key) in [
        ("community", community as fn(&str) -> String),
        ("town", town),
    ] {
        let want = tally(&w.plans, from, to, key);
        let result = w.score(&records, "2025-12", by, json!({}));
        assert_eq!(result["sheet"]["id"], "default_grid");
        check_month(&result, &want);
        check_totals(&result, &want, default_grid_total);
        for (id, t) in &want {
            if t.registered + t.due + t.revisited == 0 {
                continue;
            }
            let u = unit(&result, id);
            // Every rated case was reached and, unless unsatisfied, resolved in the
            // resident's view; letters are not the patrol's own finds (漏报).
            check_ratio(u, "response", t.revisited as f64, t.revisited);
            check_ratio(
                u,
                "resolution",
                (t.revisited - t.unsatisfied) as f64,
                t.revisited,
            );
            check_ratio(u, "missed_report", t.missed as f64, t.registered);
        }
    }
    let all = total(&tally(&w.plans, from, to, town));
    assert!(all.missed > 0 && all.missed < all.registered && all.unsatisfied > 0);
    w.check_apply();
    // Overdue tickets are supervised (督办).
    check_tick(&w, &at("2026-01-05T09:00:00+08:00"));
}
