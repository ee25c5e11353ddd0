//! Published figures, computed from records built here.

use std::collections::BTreeMap;

use super::fixtures::{Set, case, due, t};
use crate::policy::Policy;
use crate::record::{CaseClass, CaseStatus, Rating, Source, Urgency};
use crate::scoring::*;

fn req(period: &str, by: GroupBy) -> ScoreRequest {
    ScoreRequest::new(period.parse().unwrap(), by)
}

fn unit<'a>(r: &'a ScoreResult, id: &str) -> &'a UnitScore {
    r.units
        .iter()
        .find(|u| u.unit == id)
        .unwrap_or_else(|| panic!("no unit {id}"))
}

fn display(u: &UnitScore, ind: &str) -> String {
    u.indicators[ind].display.clone().unwrap_or_default()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// 天门 Dec-2016: accepted 1,054, registered 996, due 972, closed 911 → 93.72 %, on time
/// 737 → 75.82 %; events 902/956 = 94.35 %, components 9/16 = 56.25 %.
fn tianmen() -> Vec<crate::record::CaseRecord> {
    let rep = "2016-12-01T09:00:00+08:00";
    let d = "2016-12-10T17:00:00+08:00";
    let mut s = Set::default();
    let on_time = due(rep, d, Some("2016-12-09T10:00:00+08:00"));
    let late = due(rep, d, Some("2016-12-20T10:00:00+08:00"));
    let after = due(rep, d, Some("2017-01-03T10:00:00+08:00"));
    let open = due(rep, d, None);
    // Due at local midnight 1 Dec, written in UTC: inside the period.
    let first_instant = due(rep, "2016-11-30T16:00:00Z", None);
    // Events: 956 due, 902 closed by the end of December (732 on time).
    s.add(732, &on_time)
        .add(170, &late)
        .add(20, &after)
        .add(33, &open)
        .add(1, &first_instant);
    // Components: 16 due, 9 closed (5 on time).
    let comp = |mut r: crate::record::CaseRecord| {
        r.class = CaseClass::Component;
        r
    };
    s.add(5, &comp(on_time.clone()))
        .add(4, &comp(late.clone()))
        .add(7, &comp(open.clone()));
    // Registered in December, due in January (one at local midnight 1 Jan: outside).
    s.add(23, &due(rep, "2017-01-05T17:00:00+08:00", None))
        .add(1, &due(rep, "2016-12-31T16:00:00Z", None));
    // Accepted but voided or merged: never due, not registered.
    let mut voided = on_time.clone();
    voided.status = CaseStatus::Voided;
    let mut merged = open.clone();
    merged.status = CaseStatus::Merged;
    s.add(50, &voided).add(8, &merged);
    // Reported and due in November: outside the period.
    s.add(
        40,
        &due(
            "2016-11-01T09:00:00+08:00",
            "2016-11-30T15:59:59Z",
            Some("2016-11-20T09:00:00+08:00"),
        ),
    );
    s.records
}

#[test]
fn tianmen_december_2016() {
    let records = tianmen();
    let p = ScoringPolicy::default();
    let all = compute(&p, &records, &req("2016-12", GroupBy::All)).unwrap();
    let u = unit(&all, "all");
    let c = &u.indicators["completion"];
    assert_eq!((c.numerator, c.denominator), (911.0, Some(972)));
    assert_eq!(display(u, "completion"), "93.72%");
    assert_eq!(display(u, "on_time"), "75.82%");
    assert_eq!(u.indicators["on_time"].numerator, 737.0);
    assert_eq!(u.indicators["registered"].value, Some(996.0));
    assert_eq!(u.indicators["reported"].value, Some(1054.0));
    assert!(close(c.value.unwrap(), 911.0 / 972.0 * 100.0));

    let by_class = compute(&p, &records, &req("2016-12", GroupBy::Class)).unwrap();
    let e = unit(&by_class, "event");
    let k = unit(&by_class, "component");
    assert_eq!(e.indicators["completion"].denominator, Some(956));
    assert_eq!(display(e, "completion"), "94.35%");
    assert_eq!(k.indicators["completion"].numerator, 9.0);
    assert_eq!(display(k, "completion"), "56.25%");
    // Nobody was asked at a return visit: satisfaction is not applicable, not 0 % or 100 %.
    assert_eq!(e.indicators["satisfaction"].value, None);
    assert_eq!(e.indicators["satisfaction"].display, None);
}

/// Seed 002 (枣庄): 139,345 registered, 137,901 closed, published "98.9%"; disputes 4,424
/// registered, 4,186 closed, published "99.1%". The fixture's disputes have 4,224 due in the
/// year (200 registered late in the year are due in January): 4,186 ÷ 4,224 = 99.10 %.
fn zaozhuang() -> Vec<crate::record::CaseRecord> {
    let rep = "2018-06-01T09:00:00+08:00";
    let d = "2018-06-10T17:00:00+08:00";
    let mut s = Set::default();
    let mut dispute = due(rep, d, Some("2018-06-05T09:00:00+08:00"));
    dispute.category = "矛盾纠纷".into();
    let mut open_dispute = due(rep, d, None);
    open_dispute.category = "矛盾纠纷".into();
    let mut next_year = due(
        "2018-12-28T09:00:00+08:00",
        "2019-01-05T17:00:00+08:00",
        None,
    );
    next_year.category = "矛盾纠纷".into();
    s.add(4186, &dispute)
        .add(38, &open_dispute)
        .add(200, &next_year);
    // The other categories: 134,921 registered, 133,715 closed.
    s.add(133_715, &due(rep, d, Some("2018-06-05T09:00:00+08:00")))
        .add(1206, &due(rep, d, None));
    s.records
}

#[test]
fn zaozhuang_rates_need_their_denominators_and_rounding_down() {
    let records = zaozhuang();
    assert_eq!(records.len(), 139_345);
    let p = Policy::preset("seed002").unwrap().scoring;
    let all = compute(&p, &records, &req("2018", GroupBy::All)).unwrap();
    let u = unit(&all, "all");
    let c = &u.indicators["completion"];
    assert_eq!((c.numerator, c.denominator), (137_901.0, Some(139_345)));
    assert_eq!(display(u, "completion"), "98.9%");
    // Half-up would publish 99.0 %: only rounding down gives the published figure.
    let half_up = ScoringPolicy::from_file(
        ScoringPolicyFile {
            rounding: Rounding {
                decimals: 1,
                mode: RoundingMode::HalfUp,
            },
            ..p.file().clone()
        },
        chrono_tz::Asia::Shanghai,
    )
    .unwrap();
    let all = compute(&half_up, &records, &req("2018", GroupBy::All)).unwrap();
    assert_eq!(display(unit(&all, "all"), "completion"), "99.0%");

    let cats = compute(&p, &records, &req("2018", GroupBy::Category)).unwrap();
    let d = unit(&cats, "矛盾纠纷");
    assert_eq!(d.indicators["registered"].value, Some(4424.0));
    assert_eq!(display(d, "completion"), "94.6%"); // registered denominator
    let due = &d.indicators["completion_due"];
    assert_eq!((due.numerator, due.denominator), (4186.0, Some(4224)));
    assert_eq!(display(d, "completion_due"), "99.1%");
}

/// A unit with `s` satisfied, `b` basically satisfied and `u` unsatisfied return visits.
fn visits(set: &mut Set, handler: &str, s: usize, b: usize, u: usize) {
    let mut r = due(
        "2018-06-01T09:00:00+08:00",
        "2018-06-10T17:00:00+08:00",
        Some("2018-06-05T09:00:00+08:00"),
    );
    r.handler = handler.into();
    r.contacted = Some(true);
    for (n, rating) in [
        (s, Rating::Satisfied),
        (b, Rating::BasicallySatisfied),
        (u, Rating::Unsatisfied),
    ] {
        r.rating = Some(rating);
        set.add(n, &r);
    }
}

#[test]
fn zaozhuang_ninety_percent_rule_and_composite() {
    let mut s = Set::default();
    // Exactly 90.00 %: 8,991 + 0.9 × 10 = 9,000 of 10,000 — still eligible.
    visits(&mut s, "dept:a", 8991, 10, 999);
    // 89.99 %.
    visits(&mut s, "dept:b", 8999, 0, 1001);
    let p = Policy::preset("seed002").unwrap().scoring;
    let r = compute(&p, &s.records, &req("2018-06", GroupBy::Handler)).unwrap();
    let (a, b) = (unit(&r, "dept:a"), unit(&r, "dept:b"));
    assert_eq!(a.indicators["satisfaction"].value, Some(90.0));
    assert_eq!(a.advanced_eligible, Some(true));
    assert_eq!(b.advanced_eligible, Some(false));
    // Every case closed on time: 40 + 30 + 30 × satisfaction; composite 50 of 1,000.
    let total_a = 40.0 + 30.0 + 30.0 * 0.9;
    assert!(close(a.total.unwrap(), total_a));
    assert!(close(a.composite.unwrap(), total_a / 100.0 * 50.0));
    // For a town the same rule deducts (2 points by default).
    let town = compute(
        &p,
        &s.records,
        &req("2018-06", GroupBy::Handler).with_sheet("zaozhuang_town"),
    )
    .unwrap();
    let total_b = 40.0 + 30.0 + 30.0 * 0.8999;
    assert!(close(unit(&town, "dept:b").total.unwrap(), total_b - 2.0));
    assert!(close(unit(&town, "dept:a").total.unwrap(), total_a));
}

#[test]
fn jinhua_unit_sheet() {
    let rep = "2020-05-01T09:00:00+08:00";
    let d = "2020-05-15T17:00:00+08:00";
    let on_time = due(rep, d, Some("2020-05-14T09:00:00+08:00"));
    let late = due(rep, d, Some("2020-05-20T09:00:00+08:00"));
    let open = due(rep, d, None);
    let urgent = |mut r: crate::record::CaseRecord| {
        r.urgency = Urgency::Urgent;
        r
    };
    let mut s = Set::default();
    // 90 due and not deferred: 60 on time (18 urgent), 20 late (1 urgent), 10 open (1 urgent).
    s.add(18, &urgent(on_time.clone()))
        .add(42, &on_time)
        .add(1, &urgent(late.clone()))
        .add(19, &late)
        .add(1, &urgent(open.clone()))
        .add(9, &open);
    // 10 deferred, closed: out of both denominators.
    let mut deferred = on_time.clone();
    deferred.deferred = true;
    s.add(10, &deferred);
    // Reworks: 3 (fails verification 3 times), 2 on a leader-assigned case, 2.
    s.records[20].rework = 3;
    s.records[21].rework = 2;
    s.records[21].leader_assigned = true;
    s.records[22].rework = 2;
    for r in &mut s.records {
        r.handler = "dept:城管".into();
    }
    let mut inputs = BTreeMap::new();
    let values = [
        ("missing_staff", 1.0),
        ("falsification", 1.0),
        ("unlisted", 5.0),
    ];
    inputs.insert(
        "dept:城管".to_string(),
        UnitInput {
            values: values.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            ..UnitInput::default()
        },
    );
    let mut request = req("2020-05", GroupBy::Handler).with_sheet("jinhua_unit");
    request.inputs = inputs;
    let r = compute(&ScoringPolicy::default(), &s.records, &request).unwrap();
    let u = unit(&r, "dept:城管");
    let points: BTreeMap<&str, f64> = u
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.points.unwrap()))
        .collect();
    let want = [
        ("organisation", 5.0 - 2.0),
        ("on_time_closing", 50.0 - (70.0 - 60.0 / 90.0 * 100.0)),
        ("closing", 20.0 - (90.0 - 80.0 / 90.0 * 100.0)),
        ("urgent", 10.0 - (100.0 - 95.0) * 0.5 - (95.0 - 90.0) * 0.5),
        ("rework", 5.0 - 7.0 * 0.2 - 0.5 - 1.0),
        ("leader_cases", 5.0 - 2.0 * 0.4),
        ("unlisted", 5.0),
    ];
    for (id, p) in want {
        assert!(close(points[id], p), "{id}: {} vs {p}", points[id]);
    }
    let total: f64 = want.iter().map(|w| w.1).sum();
    assert!(close(u.total.unwrap(), total));
    assert_eq!(u.grade.as_deref(), Some("B"));
}

fn inputs(unit: &str, values: &[(&str, f64)]) -> BTreeMap<String, UnitInput> {
    let mut m = BTreeMap::new();
    m.insert(
        unit.to_string(),
        UnitInput {
            values: values.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            ..UnitInput::default()
        },
    );
    m
}

#[test]
fn szcg_supervisor_inverts_the_missed_report_rate() {
    let rep = "2021-03-02T09:00:00+08:00";
    let mut s = Set::default();
    let mut r = case(0, rep);
    r.worker = Some("监督员1".into());
    s.add(40, &r);
    r.source = Source::Hotline;
    s.add(10, &r); // 10 of 50 registered were missed by the patrol: 20 %.
    let mut request = req("2021-03", GroupBy::Worker).with_sheet("szcg_supervisor");
    request.inputs = inputs(
        "监督员1",
        &[
            ("valid_report", 95.0),
            ("on_time_verification", 90.0),
            ("on_time_check", 80.0),
        ],
    );
    let res = compute(&ScoringPolicy::default(), &s.records, &request).unwrap();
    let u = unit(&res, "监督员1");
    assert_eq!(display(u, "missed_report"), "20.00%");
    assert!(close(
        u.items[1].points.unwrap(),
        20.0 * (100.0 - 20.0) / 100.0
    ));
    assert!(close(
        u.total.unwrap(),
        40.0 * 0.95 + 16.0 + 20.0 * 0.9 + 20.0 * 0.8
    ));
    assert_eq!(u.grade.as_deref(), Some("B"));
    // A sheet cannot score the missed-report rate as if it were good.
    let text = r#"
        format = 1
        id = "x"
        name = "x"
        version = "1"
        [[scoring.sheets]]
        id = "bad"
        name = "bad"
        scale = 100
        items = [{ id = "m", max = 100, rule = { kind = "linear", of = "missed_report", direction = "higher_is_better" } }]
    "#;
    let e = Policy::from_toml_str(text).unwrap_err();
    assert!(e.to_string().contains("items[0].rule.direction"), "{e}");
}

#[test]
fn szcg_operator_volume_bands() {
    let p = ScoringPolicy::default();
    for (volume, points) in [
        (2001.0, 25.0),
        (2000.0, 22.5),
        (1201.0, 22.5),
        (501.0, 18.75),
        (301.0, 15.0),
        (101.0, 10.0),
        (100.0, 0.0),
    ] {
        let mut request = req("2021-03", GroupBy::Worker).with_sheet("szcg_operator");
        request.inputs = inputs(
            "op",
            &[
                ("volume", volume),
                ("on_time_verify_dispatch", 100.0),
                ("on_time_check_dispatch", 100.0),
            ],
        );
        let r = compute(&p, &[], &request).unwrap();
        let u = unit(&r, "op");
        assert!(close(u.items[0].points.unwrap(), points), "{volume}");
        assert!(close(u.total.unwrap(), points + 75.0));
    }
}

#[test]
fn szcg_department_formula() {
    let rep = "2021-03-02T09:00:00+08:00";
    let d = "2021-03-20T17:00:00+08:00";
    let mut s = Set::default();
    let mut reworked = due(rep, d, Some("2021-03-10T09:00:00+08:00"));
    reworked.rework = 1;
    // 51 registered; 40 due: 30 on time (4 reworked), 6 late, 4 open.
    s.add(26, &due(rep, d, Some("2021-03-10T09:00:00+08:00")))
        .add(4, &reworked)
        .add(6, &due(rep, d, Some("2021-03-25T09:00:00+08:00")))
        .add(4, &due(rep, d, None))
        .add(11, &due(rep, "2021-04-20T17:00:00+08:00", None));
    for r in &mut s.records {
        r.handler = "dept:园林".into();
    }
    let request = req("2021-03", GroupBy::Handler).with_sheet("szcg_department");
    let r = compute(&ScoringPolicy::default(), &s.records, &request).unwrap();
    let u = unit(&r, "dept:园林");
    let want = 10.0 * 0.9 // 51 registered: the ≤ 100 band
        + 30.0 * 36.0 / 40.0
        + 30.0 * 30.0 / 40.0
        + 30.0 * (100.0 - 4.0 / 40.0 * 100.0) / 100.0;
    assert!(close(u.total.unwrap(), want), "{:?}", u.items);
    // One more rework lowers the score, never raises it.
    s.records[0].rework = 1;
    let r2 = compute(&ScoringPolicy::default(), &s.records, &request).unwrap();
    assert!(unit(&r2, "dept:园林").total.unwrap() < want);
}

#[test]
fn szcg_region_band_tables() {
    let p = ScoringPolicy::default();
    for (value, one, two) in [
        (0.0, 100.0, 100.0),
        (2.9, 90.0, 90.0),
        (3.0, 75.0, 90.0),
        (4.0, 75.0, 75.0),
        (6.5, 60.0, 60.0),
        (8.0, 40.0, 40.0),
        (9.0, 0.0, 40.0),
        (10.0, 0.0, 0.0),
    ] {
        for (sheet, want) in [("szcg_region_1", one), ("szcg_region_2", two)] {
            let mut request = req("2021-03", GroupBy::Town).with_sheet(sheet);
            request.inputs = inputs("r", &[("region", value)]);
            let r = compute(&p, &[], &request).unwrap();
            assert_eq!(unit(&r, "r").total, Some(want), "{sheet} {value}");
        }
    }
}

#[test]
fn beijing_three_rates() {
    let mut s = Set::default();
    let base = due(
        "2022-04-01T09:00:00+08:00",
        "2022-04-08T17:00:00+08:00",
        Some("2022-04-05T09:00:00+08:00"),
    );
    let mut r = base.clone();
    // 100 revisited: 95 reached, 80 resolved; 70 satisfied, 20 basically, 10 unsatisfied.
    for i in 0..100 {
        r.contacted = Some(i < 95);
        r.resolved = Some(i < 80);
        r.rating = Some(match i {
            0..70 => Rating::Satisfied,
            70..90 => Rating::BasicallySatisfied,
            _ => Rating::Unsatisfied,
        });
        s.add(1, &r);
    }
    s.add(5, &base); // closed, never asked: not revisited
    let request = req("2022-04", GroupBy::Grid).with_sheet("beijing_three_rates");
    let res = compute(&ScoringPolicy::default(), &s.records, &request).unwrap();
    let u = &res.units[0];
    assert_eq!(u.indicators["satisfaction"].denominator, Some(100));
    assert_eq!(display(u, "satisfaction"), "88.00%");
    let want = 10.0 * 0.95 + 50.0 * 0.80 + 40.0 * (70.0 + 0.9 * 20.0) / 100.0;
    assert!(close(u.total.unwrap(), want));
}

#[test]
fn star_rating_quota_and_months_in_post() {
    let p = ScoringPolicy::default();
    let mut request = req("2023-06", GroupBy::Worker).with_sheet("star_rating");
    // w0 … w9 score 100, 99, 98 … 91 (data 30 + 30 + knowledge, satisfaction 100 %).
    for i in 0..10 {
        let mut u = inputs(
            "x",
            &[
                ("basic_data", 30.0),
                ("dynamic_data", 30.0),
                ("knowledge", 20.0 - i as f64),
                ("satisfaction_grid_head", 100.0),
                ("satisfaction_part_timers", 100.0),
                ("satisfaction_centre", 100.0),
            ],
        )
        .remove("x")
        .unwrap();
        u.months_in_post = Some(if i == 1 { 3 } else { 4 });
        request.inputs.insert(format!("w{i}"), u);
    }
    let r = compute(&p, &[], &request).unwrap();
    let stars: Vec<Option<u8>> = r.units.iter().map(|u| u.stars).collect();
    // 9 eligible (w1 has only 3 months): 5★ quota floor(0.9) = 0, 4★ floor(1.8) = 1.
    // By the bands w0, w2 … w5 (≥ 95) earn 5★, w6 … w9 (≥ 90) 4★.
    assert_eq!(
        stars,
        [
            Some(4),
            None,
            Some(3),
            Some(3),
            Some(3),
            Some(3),
            Some(3),
            Some(3),
            Some(3),
            Some(3)
        ]
    );
    assert_eq!(unit(&r, "w1").total, Some(99.0));
}

#[test]
fn jiangshan_bonus_is_capped() {
    let mut request = req("2023-06", GroupBy::Grid).with_sheet("jiangshan_monthly");
    let mut u = inputs(
        "g",
        &[("operation", 45.0), ("duty", 28.0), ("worker", 18.0)],
    )
    .remove("g")
    .unwrap();
    u.levels.insert(
        "innovations".into(),
        vec!["county".into(), "prefecture".into()],
    );
    request.inputs.insert("g".into(), u.clone());
    u.levels.insert("innovations".into(), vec!["town".into()]);
    request.inputs.insert("h".into(), u.clone());
    u.levels.insert("innovations".into(), vec!["galaxy".into()]);
    let r = compute(&ScoringPolicy::default(), &[], &request).unwrap();
    assert_eq!(unit(&r, "g").total, Some(45.0 + 28.0 + 18.0 + 10.0)); // 4 + 8 capped at 10
    assert_eq!(unit(&r, "h").total, Some(45.0 + 28.0 + 18.0 + 2.0));
    assert_eq!(unit(&r, "g").max, Some(110.0));
    request.inputs.insert("k".into(), u);
    let e = compute(&ScoringPolicy::default(), &[], &request).unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::InvalidScoringInput);
}

#[test]
fn ningbo_minimum_cases_and_red_black_lists() {
    let text = r#"
        format = 1
        id = "nb"
        name = "宁波"
        version = "1"
        [[scoring.sheets]]
        id = "xf"
        name = "信访"
        scale = 100
        items = [{ id = "c", max = 100, rule = { kind = "linear", of = "completion" } }]
        ranking = { min_cases = 15, count = "registered", red = 2, black = 1 }
    "#;
    let p = Policy::from_toml_str(text).unwrap().scoring;
    let rep = "2019-02-01T09:00:00+08:00";
    let d = "2019-02-10T17:00:00+08:00";
    let mut s = Set::default();
    // Towns a, b, c with 15 cases; d with 14 (not ranked).
    for (town, n, closed) in [
        ("101", 15, 15),
        ("102", 15, 12),
        ("103", 15, 15),
        ("104", 14, 14),
    ] {
        let mut done = due(rep, d, Some("2019-02-05T09:00:00+08:00"));
        done.grid = format!("371323{town}201001").parse().unwrap();
        let mut open = done.clone();
        open.closed_at = None;
        s.add(closed, &done).add(n - closed, &open);
    }
    let request = req("2019-Q1", GroupBy::Town).with_sheet("xf");
    let r = compute(&p, &s.records, &request).unwrap();
    let ranks: Vec<_> = r.units.iter().map(|u| (u.unit.as_str(), u.rank)).collect();
    assert_eq!(
        ranks,
        [
            ("371323101000", Some(1)),
            ("371323102000", Some(3)),
            ("371323103000", Some(1)),
            ("371323104000", None)
        ]
    );
    assert_eq!(r.red_list, ["371323101000", "371323103000"]);
    assert_eq!(r.black_list, ["371323102000"]);
}

#[test]
fn linked_assessment_seed000() {
    let p = Policy::preset("seed000").unwrap().scoring;
    let w = p.linked().unwrap();
    let rep = "2019-02-01T09:00:00+08:00";
    let d = "2019-02-10T17:00:00+08:00";
    let mut s = Set::default();
    let mut a = due(rep, d, Some("2019-02-05T09:00:00+08:00"));
    a.worker = Some("w1".into());
    let mut b = due(rep, d, None);
    b.worker = Some("w2".into());
    s.add(3, &a).add(1, &b);
    let mut request = req("2019-02", GroupBy::Worker);
    request.links = vec![Link {
        id: "网格长甲".into(),
        own: 80.0,
        members: vec!["w1".into(), "w2".into()],
    }];
    let r = compute(&p, &s.records, &request).unwrap();
    // default_grid: w1 closes all on time (satisfaction N/A → rescaled): 100; w2: 0.
    let (t1, t2) = (unit(&r, "w1").total.unwrap(), unit(&r, "w2").total.unwrap());
    assert_eq!((t1, t2), (100.0, 0.0));
    let want = w.own * 80.0 + w.members * (t1 + t2) / 2.0 + w.cases * 3.0 / 4.0 * 100.0;
    assert!(close(r.linked[0].score, want));
}

#[test]
fn totals_are_validated_against_the_scale() {
    let text = r#"
        format = 1
        id = "x"
        name = "x"
        version = "1"
        [[scoring.sheets]]
        id = "s"
        name = "s"
        scale = 1000
        items = [{ id = "a", max = 500, rule = { kind = "linear", of = "completion" } },
                 { id = "b", max = 200, rule = { kind = "linear", of = "on_time" } }]
    "#;
    let e = Policy::from_toml_str(text).unwrap_err();
    assert!(e.to_string().contains("700"), "{e}");
    let ok = text.replace("max = 200", "max = 500");
    assert!(Policy::from_toml_str(&ok).is_ok());
    // A band table written the wrong way round for a lower-is-better value is refused.
    let bands = r#"
        format = 1
        id = "x"
        name = "x"
        version = "1"
        [[scoring.sheets]]
        id = "s"
        name = "s"
        scale = 100
        items = [{ id = "r", max = 100, rule = { kind = "bands", of = "rework", bands = [{ ge = 10, score = 100 }] } }]
    "#;
    let e = Policy::from_toml_str(bands).unwrap_err();
    assert!(e.to_string().contains("bands"), "{e}");
    assert!(Policy::from_toml_str(&bands.replace("ge = 10", "le = 10")).is_ok());
    // Unknown sheet.
    let e = compute(
        &ScoringPolicy::default(),
        &[],
        &req("2019-02", GroupBy::Grid).with_sheet("nope"),
    )
    .unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::UnknownScoreSheet);
}

#[test]
fn as_of_cuts_the_period() {
    let rep = "2016-12-01T09:00:00+08:00";
    let mut s = Set::default();
    s.add(
        1,
        &due(
            rep,
            "2016-12-05T17:00:00+08:00",
            Some("2016-12-04T09:00:00+08:00"),
        ),
    )
    .add(
        1,
        &due(
            rep,
            "2016-12-20T17:00:00+08:00",
            Some("2016-12-19T09:00:00+08:00"),
        ),
    );
    let mut request = req("2016-12", GroupBy::All);
    request.as_of = Some(t("2016-12-10T00:00:00+08:00"));
    let r = compute(&ScoringPolicy::default(), &s.records, &request).unwrap();
    assert_eq!(r.units[0].indicators["due"].value, Some(1.0));
    assert_eq!(r.cut, t("2016-12-10T00:00:00+08:00"));
}

#[test]
fn yishui_stars_set_the_pay() {
    let p = Policy::preset("seed003").unwrap().scoring;
    let mut s = Set::default();
    let mut r = due(
        "2024-03-01T09:00:00+08:00",
        "2024-03-04T09:00:00+08:00",
        Some("2024-03-02T09:00:00+08:00"),
    );
    r.rating = Some(Rating::Satisfied);
    for w in ["w1", "w2", "w3"] {
        r.worker = Some(w.into());
        s.add(4, &r);
    }
    let mut request = req("2024-03", GroupBy::Worker);
    for (w, patrol, months) in [
        ("w1", 30.0, Some(6)),
        ("w2", 12.0, Some(6)),
        ("w3", 30.0, None),
    ] {
        let mut u = inputs(w, &[("patrol", patrol)]).remove(w).unwrap();
        u.months_in_post = months;
        request.inputs.insert(w.into(), u);
    }
    let r = compute(&p, &s.records, &request).unwrap();
    assert_eq!(r.sheet.as_ref().unwrap().id, "yishui_grid_worker");
    // w1: 30 + 20 + 20 + 30 = 100 → 5 stars → 1,500 + 500.
    let w1 = unit(&r, "w1");
    assert_eq!(
        (w1.total, w1.stars, w1.pay),
        (Some(100.0), Some(5), Some(2000.0))
    );
    // w2: 82 → 3 stars (≥ 80) → 1,500 + 300.
    let w2 = unit(&r, "w2");
    assert_eq!(
        (w2.total, w2.stars, w2.pay),
        (Some(82.0), Some(3), Some(1800.0))
    );
    // w3: months in post unknown → not rated, no pay by stars.
    let w3 = unit(&r, "w3");
    assert_eq!((w3.stars, w3.pay), (None, None));
}
