//! Properties: merge is associative and commutative, totals stay in [0, max], directions
//! are respected, not-applicable is never counted as 0.

use std::collections::BTreeMap;

use chrono::{Duration, TimeZone};
use proptest::prelude::*;

use super::fixtures::case;
use crate::record::{CaseRecord, CaseStatus, Rating, Source, Supervision, Urgency};
use crate::scoring::*;

/// Records spread over November–January in three grids of two towns, with every status,
/// rating and flag.
fn record() -> impl Strategy<Value = CaseRecord> {
    (
        0usize..3,
        0i64..90 * 24,
        proptest::option::of(0i64..40 * 24),
        proptest::option::of(0i64..40 * 24),
        0u8..9,
        0u8..4,
        (
            0u32..5,
            any::<bool>(),
            any::<bool>(),
            0u8..3,
            0u8..3,
            0u8..2,
        ),
    )
        .prop_map(|(g, rep_h, due_h, close_h, st, rating, f)| {
            let base = chrono::FixedOffset::east_opt(8 * 3600)
                .unwrap()
                .with_ymd_and_hms(2016, 11, 1, 0, 0, 0)
                .unwrap();
            let mut r = case(0, "2016-11-01T00:00:00+08:00");
            r.grid = ["371323100201001", "371323100201002", "371323101201001"][g]
                .parse()
                .unwrap();
            r.reported_at = base + Duration::hours(rep_h);
            r.due_at = due_h.map(|h| r.reported_at + Duration::hours(h));
            r.closed_at = close_h.map(|h| r.reported_at + Duration::hours(h));
            use CaseStatus::*;
            r.status = [
                Reported, Accepted, Assigned, InProgress, Resolved, Closed, Suspended, Voided,
                Merged,
            ][st as usize];
            r.rating = [
                None,
                Some(Rating::Satisfied),
                Some(Rating::BasicallySatisfied),
                Some(Rating::Unsatisfied),
            ][rating as usize];
            r.rework = f.0;
            r.leader_assigned = f.1;
            r.deferred = f.2;
            r.contacted = [None, Some(true), Some(false)][f.3 as usize];
            r.resolved = [None, Some(true), Some(false)][f.4 as usize];
            r.urgency = [Urgency::Routine, Urgency::Urgent][f.5 as usize];
            r.supervision =
                [Supervision::None, Supervision::Normal, Supervision::Red][(rep_h % 3) as usize];
            r.source = if f.0 % 2 == 0 {
                Source::Patrol
            } else {
                Source::Resident
            };
            r.worker = Some(format!("w{}", rep_h % 4));
            r
        })
}

fn by() -> impl Strategy<Value = GroupBy> {
    prop_oneof![
        Just(GroupBy::Grid),
        Just(GroupBy::Town),
        Just(GroupBy::Worker),
        Just(GroupBy::All)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any partition, merged in any order, equals one pass; merge is commutative, and the
    /// serde round trip keeps a partial whole.
    #[test]
    fn merge_is_associative_and_commutative(
        records in proptest::collection::vec(record(), 0..120),
        cuts in proptest::collection::vec(0usize..120, 0..5),
        order in Just(()).prop_perturb(|_, mut rng| rng.random::<u64>()),
        by in by(),
    ) {
        let p = ScoringPolicy::default();
        let period: Period = "2016-12".parse().unwrap();
        let whole = Partial::from_records(&p, period, by, None, &records).unwrap();
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(records.len())).collect();
        cuts.push(0);
        cuts.push(records.len());
        cuts.sort_unstable();
        let mut parts: Vec<Partial> = cuts
            .windows(2)
            .map(|w| Partial::from_records(&p, period, by, None, &records[w[0]..w[1]]).unwrap())
            .collect();
        // Shuffle the parts by the random seed, then fold left.
        let n = parts.len();
        for i in (1..n).rev() {
            parts.swap(i, (order as usize).wrapping_mul(i + 7) % (i + 1));
        }
        let mut merged = Partial::new(&p, period, by, None).unwrap();
        for part in &parts {
            merged.merge(part).unwrap();
        }
        prop_assert_eq!(&merged, &whole);
        // Fold right ((c + b) + a) as well.
        let mut right = Partial::new(&p, period, by, None).unwrap();
        for part in parts.iter().rev() {
            let mut acc = part.clone();
            acc.merge(&right).unwrap();
            right = acc;
        }
        prop_assert_eq!(&right, &whole);
        // The columnar path counts exactly as the records' (whole-second instants here).
        let mut cols = Partial::new(&p, period, by, None).unwrap();
        cols.add_columns(&CaseColumns::from_records(&records, by)).unwrap();
        prop_assert_eq!(&cols, &whole);
        let json = serde_json::to_string(&whole).unwrap();
        prop_assert_eq!(serde_json::from_str::<Partial>(&json).unwrap(), whole);
    }

    /// One pass over columns for many periods equals a pass per period: for a run of
    /// months (disjoint windows, found by search), with a quarter over them (overlapping
    /// windows), with a cut-off inside a month, on one to three threads, and with the
    /// units spread over several blocks of the fold's tables (unused units between them).
    #[test]
    fn one_pass_over_periods_equals_a_pass_per_period(
        records in proptest::collection::vec(record(), 0..150),
        by in by(),
        overlapping in any::<bool>(),
        as_of_h in proptest::option::of(0i64..100 * 24),
        threads in 1usize..4,
        spread in prop_oneof![Just(1u32), Just(1500), Just(4099)],
    ) {
        let p = ScoringPolicy::default();
        let mut names = vec!["2016-10", "2016-11", "2016-12", "2017-01", "2017-02"];
        if overlapping {
            names.push("2016-Q4");
        }
        let periods: Vec<Period> = names.iter().map(|n| n.parse().unwrap()).collect();
        let as_of = as_of_h.map(|h| {
            chrono::FixedOffset::east_opt(8 * 3600)
                .unwrap()
                .with_ymd_and_hms(2016, 11, 1, 0, 0, 0)
                .unwrap()
                + Duration::hours(h)
        });
        let mut cols = CaseColumns::from_records(&records, by);
        // Unit k becomes unit k × spread; the units between have no rows.
        let real = std::mem::take(&mut cols.units);
        cols.units = (0..real.len() as u32 * spread)
            .map(|i| if i % spread == 0 { real[(i / spread) as usize].clone() } else { format!("pad{i}") })
            .collect();
        cols.unit.iter_mut().for_each(|u| *u *= spread);
        let parts = Partial::fold_periods(&p, &periods, by, as_of, &cols, threads).unwrap();
        prop_assert_eq!(parts.len(), periods.len());
        for (part, &period) in parts.iter().zip(&periods) {
            let alone = Partial::from_records(&p, period, by, as_of, &records).unwrap();
            prop_assert_eq!(part, &alone, "{}", period);
        }
    }

    /// Every unit's total lies in [0, max] and every item's points in [0, item max].
    #[test]
    fn totals_within_bounds(
        records in proptest::collection::vec(record(), 0..80),
        values in proptest::collection::vec(-50.0f64..250.0, 12),
        sheet in prop_oneof![
            Just("default_grid"), Just("jinhua_unit"), Just("szcg_department"),
            Just("beijing_three_rates"), Just("szcg_supervisor"), Just("jiangshan_monthly"),
            Just("star_rating"),
        ],
    ) {
        let p = ScoringPolicy::default();
        let names = ["missing_staff", "falsification", "unlisted", "valid_report",
            "on_time_verification", "on_time_check", "operation", "duty", "worker",
            "basic_data", "knowledge", "satisfaction_centre"];
        let input = UnitInput {
            values: names.iter().zip(&values).map(|(k, v)| (k.to_string(), *v)).collect(),
            levels: BTreeMap::from([("innovations".to_string(),
                vec!["province".to_string(), "town".to_string()])]),
            months_in_post: Some(6),
        };
        let mut request = ScoreRequest::new("2016-12".parse().unwrap(), GroupBy::Grid)
            .with_sheet(sheet);
        request.inputs.insert("371323100201001".into(), input);
        let r = compute(&p, &records, &request).unwrap();
        let max = p.sheet(sheet).unwrap().max_total();
        for u in &r.units {
            if let Some(t) = u.total {
                prop_assert!((0.0..=max).contains(&t), "{} total {t}", u.unit);
            }
            for i in &u.items {
                if let Some(pt) = i.points {
                    prop_assert!((0.0..=i.max).contains(&pt), "{} {pt}", i.id);
                }
            }
        }
    }

    /// Worse values never score more: for each lower-is-better table and rule, a larger
    /// value gives no more points; for higher-is-better, no fewer.
    #[test]
    fn direction_is_respected(a in -5.0f64..120.0, b in -5.0f64..120.0) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let p = ScoringPolicy::default();
        let points = |sheet: &str, input: &str, v: f64, others: &[(&str, f64)]| {
            let mut request = ScoreRequest::new("2016-12".parse().unwrap(), GroupBy::Grid)
                .with_sheet(sheet);
            let mut values: BTreeMap<String, f64> =
                others.iter().map(|(k, v)| (k.to_string(), *v)).collect();
            values.insert(input.to_string(), v);
            request.inputs.insert("u".into(), UnitInput { values, ..UnitInput::default() });
            compute(&p, &[], &request).unwrap().units[0].total.unwrap()
        };
        for sheet in ["szcg_region_1", "szcg_region_2"] {
            prop_assert!(points(sheet, "region", lo, &[]) >= points(sheet, "region", hi, &[]));
        }
        let rest = [("on_time_verify_dispatch", 50.0), ("on_time_check_dispatch", 50.0)];
        prop_assert!(
            points("szcg_operator", "volume", lo * 30.0, &rest)
                <= points("szcg_operator", "volume", hi * 30.0, &rest)
        );
    }

    /// More missed reports or reworks (the rest unchanged) never raise a score.
    #[test]
    fn bad_counts_never_help(
        records in proptest::collection::vec(record(), 1..60),
        i in 0usize..60,
    ) {
        let p = ScoringPolicy::default();
        let i = i % records.len();
        let mut worse = records.clone();
        worse[i].rework += 1;
        worse[i].source = Source::Hotline;
        for sheet in ["szcg_department", "szcg_supervisor", "jinhua_unit"] {
            let request = ScoreRequest::new("2016-12".parse().unwrap(), GroupBy::All)
                .with_sheet(sheet);
            let t = |rs: &[CaseRecord]| {
                compute(&p, rs, &request).unwrap().units.first().and_then(|u| {
                    u.items.iter().map(|i| i.points.unwrap_or(0.0)).reduce(|a, b| a + b)
                })
            };
            let (before, after) = (t(&records), t(&worse));
            if let (Some(b), Some(a)) = (before, after) {
                prop_assert!(a <= b + 1e-9, "{sheet}: {b} → {a}");
            }
        }
    }

    /// An item that is not applicable is left out and the rest scaled up to the scale —
    /// never scored as 0 — and a unit with nothing applicable has no total.
    #[test]
    fn not_applicable_is_never_zero(records in proptest::collection::vec(record(), 0..80)) {
        let p = ScoringPolicy::default();
        let request = ScoreRequest::new("2016-12".parse().unwrap(), GroupBy::Grid)
            .with_sheet("default_grid");
        let r = compute(&p, &records, &request).unwrap();
        for u in &r.units {
            let pts: Vec<Option<f64>> = u.items.iter().map(|i| i.points).collect();
            for (item, ind) in u.items.iter().zip(["completion", "on_time", "satisfaction"]) {
                prop_assert_eq!(item.points.is_none(), u.indicators[ind].value.is_none());
            }
            let (got, possible) = u.items.iter().fold((0.0, 0.0), |(g, m), i| match i.points {
                Some(p) => (g + p, m + i.max),
                None => (g, m),
            });
            if possible == 0.0 {
                prop_assert_eq!(u.total, None);
            } else {
                prop_assert!((u.total.unwrap() - got * 100.0 / possible).abs() < 1e-5, "{pts:?}");
            }
        }
    }

    /// Through the JSON operations, as a host on a cluster uses them: each partition's
    /// `score.partial` (with `as_of` or not), `score.merge` of the partials in any order
    /// and grouping of merges, then `score.from_partial`, gives exactly `score.compute` on
    /// all the rows.
    #[test]
    fn partial_merge_score_ops_equal_compute(
        records in proptest::collection::vec(record(), 0..80),
        cuts in proptest::collection::vec(0usize..80, 0..4),
        order in Just(()).prop_perturb(|_, mut rng| rng.random::<u64>()),
        by in by(),
        as_of in proptest::option::of(0i64..31 * 24),
        sheet in prop_oneof![Just("default_grid"), Just("jinhua_unit")],
    ) {
        use serde_json::{Value, json};
        let call = |op: &str, v: Value| crate::api::call(op, &v).unwrap();
        let as_of = as_of.map(|h| {
            (chrono::FixedOffset::east_opt(8 * 3600)
                .unwrap()
                .with_ymd_and_hms(2016, 12, 1, 0, 0, 0)
                .unwrap()
                + Duration::hours(h))
            .to_rfc3339()
        });
        let mut base = json!({"policy": "seed002", "period": "2016-12", "by": by});
        if let Some(t) = as_of {
            base["as_of"] = json!(t);
        }
        let with = |extra: Value| {
            let mut v = base.clone();
            v.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            v
        };
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(records.len())).collect();
        cuts.extend([0, records.len()]);
        cuts.sort_unstable();
        let mut parts: Vec<Value> = cuts
            .windows(2)
            .map(|w| call("score.partial", with(json!({"records": &records[w[0]..w[1]]}))))
            .collect();
        let n = parts.len();
        for i in (1..n).rev() {
            parts.swap(i, (order as usize).wrapping_mul(i + 3) % (i + 1));
        }
        // Merge pairwise from the right: (p0 + (p1 + (p2 + …))).
        let mut acc = parts.pop().unwrap();
        while let Some(p) = parts.pop() {
            acc = call("score.merge", json!({"partials": [p, acc]}));
        }
        let scored = call(
            "score.from_partial",
            json!({"policy": "seed002", "partial": acc, "sheet": sheet}),
        );
        let whole = call("score.compute", with(json!({"records": records, "sheet": sheet})));
        prop_assert_eq!(scored, whole);
    }
}
