//! `wangge demo`: the README's first command. Runs end to end on a small county, finds every
//! fault it injects, and reports bad arguments as typed errors.

use std::process::{Command, Output};

use serde_json::Value;

fn wangge(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wangge"))
        .args(args)
        .output()
        .expect("run wangge")
}

fn demo_json(args: &[&str]) -> Value {
    let mut all = vec!["demo", "--json"];
    all.extend_from_slice(args);
    let o = wangge(&all);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("one JSON object")
}

#[test]
fn json_report_is_complete_and_consistent() {
    let d = demo_json(&["--grids", "300", "--points", "5000", "--seed", "7"]);
    let tree = &d["grid_tree"];
    assert_eq!(tree["grids"], 300);
    assert!(tree["towns"].as_u64().unwrap() >= 1);
    assert!(tree["communities"].as_u64().unwrap() >= tree["towns"].as_u64().unwrap());

    // The clean county is valid; every injected fault is reported as its own kind.
    assert_eq!(d["coverage"]["summary"]["valid"], true);
    let faults = d["coverage"]["details"].as_array().unwrap();
    assert_eq!(faults.len(), 5);
    for f in faults {
        let want = match f["fault"].as_str().unwrap() {
            "gap" | "missing" => "gap",
            "overlap" => "overlap",
            "duplicate" => "duplicate",
            "self_intersection" => "invalid_geometry",
            other => panic!("unexpected fault {other}"),
        };
        let report = &f["report"];
        assert_eq!(report["valid"], false);
        assert!(
            report["violations"]
                .as_array()
                .unwrap()
                .iter()
                .any(|v| v["kind"] == want),
            "{f}"
        );
    }

    // Every point is counted once.
    let loc = &d["location"]["summary"];
    let sum = ["in_grid", "fallback", "outside"]
        .iter()
        .map(|k| loc[k].as_u64().unwrap())
        .sum::<u64>();
    assert_eq!(sum, 5000);
    assert!(loc["in_grid"].as_u64().unwrap() > 0);
    for hit in d["location"]["details"].as_array().unwrap() {
        let grid = hit["grid"].as_str().unwrap();
        let community = hit["ancestors"][0].as_str().unwrap();
        assert!(grid.starts_with(community), "{hit}");
    }

    // 2026 National Day: 10-01..10-07 off, Saturday 10-10 a make-up working day.
    let dl = &d["deadlines"];
    assert_eq!(dl["accept"], "2026-10-09T17:30:00+08:00");
    assert_eq!(dl["resolve"], "2026-10-15T17:30:00+08:00");

    let adm = d["admission"]["details"].as_array().unwrap();
    assert_eq!(adm[0]["allowed"], true);
    assert_eq!(adm[1]["allowed"], false);

    let st = &d["staffing"];
    assert_eq!(st["grids"], 300);
    assert!(
        st["compliant_grids"].as_u64().unwrap() < 300,
        "planted faults are found"
    );
}

#[test]
fn same_seed_same_report() {
    let strip = |mut v: Value| {
        // Timings are the only thing allowed to vary.
        fn walk(v: &mut Value) {
            match v {
                Value::Object(m) => {
                    m.retain(|k, _| !k.ends_with("ms") && k != "ns_per_point");
                    m.values_mut().for_each(walk);
                }
                Value::Array(a) => a.iter_mut().for_each(walk),
                _ => {}
            }
        }
        walk(&mut v);
        v
    };
    let args = ["--grids", "120", "--points", "500", "--seed", "3"];
    assert_eq!(strip(demo_json(&args)), strip(demo_json(&args)));
}

#[test]
fn text_report_by_default_even_for_tiny_counties() {
    for grids in ["2", "3", "60"] {
        let o = wangge(&["demo", "--grids", grids, "--points", "100"]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{grids}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
        let text = String::from_utf8(o.stdout).unwrap();
        for section in [
            "grid tree",
            "coverage",
            "location",
            "deadlines",
            "admission",
            "staffing",
            "month",
            "scores",
        ] {
            assert!(text.contains(section), "{section} missing:\n{text}");
        }
    }
}

#[test]
fn bad_arguments_exit_2_with_an_error_object() {
    for args in [
        &["demo", "--grids", "0"][..],
        &["demo", "--grids", "1"],
        &["demo", "--grids", "100000000"],
        &["demo", "--points", "-5"],
    ] {
        let o = wangge(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let text = String::from_utf8_lossy(&o.stdout);
        if !text.is_empty() {
            let v: Value = serde_json::from_str(text.trim()).unwrap();
            assert!(v["error"]["code"].as_u64().is_some(), "{v}");
        }
    }
}
