//! `wangge demo`'s month in a county: every preset runs its month without a surprise; the
//! files `--out` writes agree with what the engine's own commands read back from the
//! journal, and with counts this test computes itself from the records; the picture is
//! valid SVG with one shape per grid, coloured from the scores.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output};

use chrono::{DateTime, FixedOffset};
use serde_json::Value;

fn wangge(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wangge"))
        .args(args)
        .output()
        .expect("run wangge")
}

fn ok(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).expect("UTF-8")
}

fn instant(v: &Value) -> Option<DateTime<FixedOffset>> {
    v.as_str()
        .map(|s| DateTime::parse_from_rfc3339(s).expect("RFC 3339"))
}

#[test]
fn every_preset_runs_a_month_without_surprises() {
    let refusals: BTreeSet<&str> = [
        "case_out_of_jurisdiction",
        "case_unauthorized",
        "invalid_case_transition",
    ]
    .into();
    for preset in ["seed000", "seed001", "seed002", "seed003", "seed004"] {
        let text = ok(&wangge(&[
            "demo", "--json", "--grids", "80", "--points", "100", "--preset", preset,
        ]));
        let d: Value = serde_json::from_str(&text).unwrap();
        let month = &d["month"]["summary"];
        let reports = month["reports"].as_u64().unwrap();
        assert!(reports >= 200, "{preset}: {month}");
        // One row per tier; the cases of the tiers are the reports (none refused).
        let tiers = d["month"]["details"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|x| x["outcome"]["cases"].as_u64())
            .sum::<u64>();
        assert_eq!(tiers, reports, "{preset}");
        assert!(!text.contains("\"unexpected\""), "{preset}: {text}");
        // Somebody tried something they may not do, and only that was refused.
        let refused = month["refused_as_expected"].as_object().unwrap();
        for k in refused.keys() {
            assert!(refusals.contains(k.as_str()), "{preset}: {k}");
        }
        let facts = month["facts"].as_u64().unwrap();
        assert!(facts > reports * 4, "{preset}: {facts} facts");
        assert!(d["scores"]["summary"]["grids_scored"].as_u64().unwrap() > 0);
    }
}

#[test]
fn seed001_towns_claim_from_the_county_platform() {
    let d: Value = serde_json::from_str(&ok(&wangge(&[
        "demo", "--json", "--grids", "60", "--points", "100", "--preset", "seed001",
    ])))
    .unwrap();
    let facts = &d["month"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x.get("facts").is_some())
        .unwrap()["facts"];
    // Seed 001: every report goes up to the district platform; towns claim most of them
    // (抢单), the county dispatches the rest (派单).
    assert!(facts["claimed"].as_u64().unwrap() > 50, "{facts}");
    assert!(facts["dispatched"].as_u64().unwrap() > 0, "{facts}");
}

/// The colour a grid must have, by the legend (written here, not read from the code).
fn expected_fill(percent: Option<f64>) -> &'static str {
    match percent {
        None => "#d9d9d9",
        Some(p) if p >= 95.0 => "#1a9850",
        Some(p) if p >= 90.0 => "#91cf60",
        Some(p) if p >= 80.0 => "#d9ef8b",
        Some(p) if p >= 70.0 => "#fee08b",
        Some(p) if p >= 60.0 => "#fc8d59",
        Some(_) => "#d73027",
    }
}

fn read_json(p: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn the_files_agree_with_the_journal_and_the_picture_with_the_scores() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("month");
    let o = out.to_str().unwrap();
    ok(&wangge(&[
        "demo", "--grids", "120", "--points", "100", "--seed", "5", "--out", o,
    ]));
    let scores = read_json(&out.join("scores.json"));
    let layer = read_json(&out.join("county.geojson"));
    let as_of = scores["as_of"].as_str().unwrap();
    let end = instant(&scores["as_of"]).unwrap();
    let start = instant(&scores["by_grid"]["bounds"]["start"]).unwrap();
    assert_eq!(scores["period"], "2026-09");
    assert_eq!(start.to_rfc3339(), "2026-09-01T00:00:00+08:00");

    // The journal replays through `wangge case records` (the engine's reader).
    let journal = out.join("journal.jsonl");
    let text = ok(&wangge(&[
        "case",
        "records",
        "--policy",
        "seed003",
        "--journal",
        journal.to_str().unwrap(),
        "--at",
        as_of,
    ]));
    let records: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(records.len() >= 300, "{} records", records.len());

    // Completion per grid, computed here from the rows: due in the month (not voided or
    // merged), closed before its end.
    let mut due: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut overdue = 0;
    let mut tiers: BTreeMap<String, u64> = BTreeMap::new();
    for r in &records {
        let status = r["status"].as_str().unwrap();
        *tiers
            .entry(r["tier"].as_str().unwrap().to_owned())
            .or_default() += 1;
        let due_at = instant(&r["due_at"]);
        let closed_at = instant(&r["closed_at"]);
        let open = !matches!(status, "closed" | "voided" | "merged");
        if open && due_at.is_some_and(|d| d < end) {
            overdue += 1;
        }
        if matches!(status, "voided" | "merged") {
            continue;
        }
        if let Some(d) = due_at.filter(|d| *d >= start && *d < end) {
            let _ = d;
            let e = due
                .entry(r["grid"].as_str().unwrap().to_owned())
                .or_default();
            e.0 += 1;
            if closed_at.is_some_and(|c| c < end) {
                e.1 += 1;
            }
        }
    }
    let units = scores["by_grid"]["units"].as_array().unwrap();
    let mut checked = 0;
    for u in units {
        let c = &u["indicators"]["completion"];
        let (n, k) = due
            .get(u["unit"].as_str().unwrap())
            .copied()
            .unwrap_or((0, 0));
        if n == 0 {
            assert!(c["value"].is_null(), "{u}");
        } else {
            assert_eq!(c["denominator"].as_u64(), Some(n), "{}", u["unit"]);
            assert_eq!(c["numerator"].as_f64(), Some(k as f64), "{}", u["unit"]);
            checked += 1;
        }
    }
    assert!(checked >= 50, "only {checked} grids had cases due");
    assert_eq!(scores["outcome"]["overdue"].as_u64(), Some(overdue));
    let tier_total: u64 = scores["outcome"]["tiers"]
        .as_object()
        .unwrap()
        .values()
        .map(|t| t["cases"].as_u64().unwrap())
        .sum();
    assert_eq!(tier_total, records.len() as u64);
    assert_eq!(tiers.values().sum::<u64>(), records.len() as u64);

    // The picture: valid XML, one grid shape per grid of the layer, each coloured from its
    // score, one marker per overdue case, a legend.
    let svg = std::fs::read_to_string(out.join("county.svg")).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("valid XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let grid_codes: BTreeSet<String> = layer["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["code"].as_str().unwrap().to_owned())
        .filter(|c| c.len() == 15)
        .collect();
    assert_eq!(grid_codes.len(), 120);
    let percent: BTreeMap<&str, Option<f64>> = units
        .iter()
        .map(|u| {
            let p = match (u["total"].as_f64(), u["max"].as_f64()) {
                (Some(t), Some(m)) if m > 0.0 => Some(t / m * 100.0),
                _ => None,
            };
            (u["unit"].as_str().unwrap(), p)
        })
        .collect();
    let mut shapes = BTreeSet::new();
    let mut colours = BTreeSet::new();
    for n in doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("grid"))
    {
        assert_eq!(n.tag_name().name(), "path");
        let code = n.attribute("data-code").unwrap();
        assert!(shapes.insert(code.to_owned()), "{code} drawn twice");
        let want = expected_fill(percent.get(code).copied().flatten());
        assert_eq!(n.attribute("fill"), Some(want), "{code}");
        colours.insert(want);
        assert!(n.attribute("d").unwrap().starts_with('M'));
    }
    assert_eq!(shapes, grid_codes);
    assert!(colours.len() >= 3, "a map of one colour: {colours:?}");
    let markers = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("overdue"))
        .count();
    assert_eq!(markers as u64, overdue);
    let legend = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("legend"))
        .expect("a legend");
    assert_eq!(
        legend
            .descendants()
            .filter(|n| n.tag_name().name() == "rect")
            .count(),
        7
    );
}

#[test]
fn a_bad_month_or_preset_is_a_usage_error() {
    for args in [
        &["demo", "--month", "2031-01"][..],
        &["demo", "--month", "2026-Q1"],
        &["demo", "--month", "soon"],
        &["demo", "--preset", "seed009"],
        &["demo", "--cases-per-grid", "NaN"],
        &["demo", "--cases-per-grid", "51"],
    ] {
        let o = wangge(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let v: Value = serde_json::from_slice(&o.stdout).expect("a JSON error object");
        assert!(v["error"]["name"].is_string(), "{args:?}: {v}");
    }
}
