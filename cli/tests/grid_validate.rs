//! `wangge grid validate`: exit codes, the report on stdout, errors as JSON, never a panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn wangge(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wangge"))
        .args(args)
        .output()
        .expect("run wangge")
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stdout_json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON value ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

/// Generates a county (optionally faulted) into `dir`; returns the layer path and the
/// fault record.
fn generate(dir: &Path, name: &str, extra: &[&str]) -> (PathBuf, Option<Value>) {
    let out = dir.join(format!("{name}.geojson"));
    let fault = dir.join(format!("{name}.fault.json"));
    let mut args = vec![
        "grid",
        "generate",
        "--grids",
        "200",
        "--seed",
        "4",
        "--out",
        path(&out),
    ];
    args.extend_from_slice(extra);
    if extra.contains(&"--fault") {
        args.extend_from_slice(&["--fault-out", path(&fault)]);
    }
    let o = wangge(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let fault = std::fs::read_to_string(&fault)
        .ok()
        .map(|t| serde_json::from_str(&t).unwrap());
    (out, fault)
}

#[test]
fn a_valid_sample_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let (all, _) = generate(dir.path(), "all", &[]);
    let o = wangge(&["grid", "validate", path(&all)]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v = stdout_json(&o);
    assert_eq!(v["valid"], true);
    assert_eq!(v["grids"], 200);
    assert_eq!(v["violations"], serde_json::json!([]));

    // Grids and parents in separate files, with a preset policy and a tolerance.
    let (grids, _) = generate(dir.path(), "grids", &["--only", "grids"]);
    let (parents, _) = generate(dir.path(), "parents", &["--only", "parents"]);
    let o = wangge(&[
        "grid",
        "validate",
        path(&grids),
        "--parent",
        path(&parents),
        "--policy",
        "seed003",
        "--tolerance-m",
        "0.1",
        "--as-of",
        "2025-01-01",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert_eq!(stdout_json(&o)["grids"], 200);

    // Timings on stderr (for benchmarks), the report unchanged on stdout.
    let o = wangge(&[
        "grid",
        "validate",
        path(&grids),
        "--timing",
        "--repeat",
        "2",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout_json(&o)["grids"], 200);
    let err = String::from_utf8_lossy(&o.stderr);
    let timing: Value = serde_json::from_str(err.lines().last().unwrap()).unwrap();
    assert_eq!(timing["runs"].as_array().unwrap().len(), 2);
    assert!(timing["validate_s"].as_f64().unwrap() >= 0.0);
}

#[test]
fn each_injected_fault_exits_1_with_its_kind_and_codes() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("gap", "gap"),
        ("overlap", "overlap"),
        ("duplicate", "duplicate"),
        ("missing", "gap"),
        ("self-intersection", "invalid_geometry"),
        ("unclosed", "invalid_geometry"),
        ("too-few-points", "invalid_geometry"),
    ];
    for only in ["all", "grids"] {
        for (fault, kind) in cases {
            let name = format!("{only}-{fault}");
            let (layer, f) = generate(dir.path(), &name, &["--only", only, "--fault", fault]);
            let f = f.expect("fault record");
            let o = wangge(&["grid", "validate", path(&layer)]);
            assert_eq!(
                o.status.code(),
                Some(1),
                "{name}: {}",
                String::from_utf8_lossy(&o.stdout)
            );
            let v = stdout_json(&o);
            assert_eq!(v["valid"], false);
            // The same report on any number of threads.
            for threads in ["1", "3"] {
                let again = wangge(&["grid", "validate", path(&layer), "--threads", threads]);
                assert_eq!(again.stdout, o.stdout, "{name} on {threads} threads");
            }
            let found = v["violations"].as_array().unwrap();
            // The broken grid, or for a missing grid one of its former neighbours.
            let code = &f["codes"][0];
            let hit = found.iter().any(|x| {
                x["kind"] == kind
                    && (fault == "missing" || x["codes"].as_array().unwrap().contains(code))
            });
            assert!(hit, "{name}: no {kind} naming {code}: {v}");
            for x in found {
                let at = x["at"].as_array().unwrap();
                assert_eq!(at.len(), 2);
                assert!(x["area_m2"].as_f64().unwrap() >= 0.0);
                assert!(!x["message"].as_str().unwrap().is_empty());
            }
        }
    }
}

#[test]
fn threads_out_of_range_are_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let (layer, _) = generate(dir.path(), "t", &["--only", "grids"]);
    let mut tried = 0;
    for threads in ["0", "257", "-1", "two"] {
        let o = wangge(&["grid", "validate", path(&layer), "--threads", threads]);
        assert_bad(&o, "invalid_argument");
        tried += 1;
    }
    assert_eq!(tried, 4);
}

/// Bad input: exit 2, the JSON error object on stdout, a message on stderr, no panic.
fn assert_bad(o: &Output, name: &str) {
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let v = stdout_json(o);
    assert_eq!(v["error"]["name"], name, "{v}");
    assert!(v["error"]["code"].as_u64().is_some());
    assert!(!v["error"]["message"].as_str().unwrap().is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("wangge: error"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn bad_input_exits_2_with_a_json_error() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let poly =
        r#"{"type":"Polygon","coordinates":[[[118,35],[118.01,35],[118.01,35.01],[118,35]]]}"#;
    let cases = [
        ("malformed.json", "{\"type\":\"FeatureCollection\",\"features\":[".to_string(), "invalid_geojson"),
        (
            "nan.json",
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"371323100201001"},"geometry":{"type":"Polygon","coordinates":[[[NaN,35],[118.01,35],[118.01,35.01],[NaN,35]]]}}]}"#.to_string(),
            "invalid_geojson",
        ),
        (
            "huge.json",
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"371323100201001"},"geometry":{"type":"Polygon","coordinates":[[[1e999,35],[118.01,35],[118.01,35.01],[1e999,35]]]}}]}"#.to_string(),
            "invalid_geojson",
        ),
        (
            "point.json",
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"371323100201001"},"geometry":{"type":"Point","coordinates":[118,35]}}]}"#.to_string(),
            "invalid_geojson",
        ),
        (
            "nocode.json",
            format!(r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{}},"geometry":{poly}}}]}}"#),
            "invalid_geojson",
        ),
        (
            "badcode.json",
            format!(r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"code":"99"}},"geometry":{poly}}}]}}"#),
            "invalid_grid_code",
        ),
        ("notjson.json", "\u{0}\u{1}garbage".to_string(), "invalid_geojson"),
        ("empty.json", String::new(), "invalid_geojson"),
    ];
    for (name, text, want) in cases {
        let p = write(name, &text);
        assert_bad(&wangge(&["grid", "validate", path(&p)]), want);
        // The same file as the parent.
        let ok = write("ok.json", r#"{"type":"FeatureCollection","features":[]}"#);
        assert_bad(
            &wangge(&["grid", "validate", path(&ok), "--parent", path(&p)]),
            want,
        );
    }
    let latin1 = dir.path().join("latin1.json");
    std::fs::write(&latin1, [0x7b, 0xe9, 0x7d]).unwrap();
    assert_bad(
        &wangge(&["grid", "validate", path(&latin1)]),
        "invalid_utf8",
    );
    let missing = dir.path().join("missing.geojson");
    assert_bad(
        &wangge(&["grid", "validate", path(&missing)]),
        "invalid_argument",
    );

    let ok = write("ok.json", r#"{"type":"FeatureCollection","features":[]}"#);
    assert_bad(
        &wangge(&["grid", "validate", path(&ok), "--tolerance-m=-1"]),
        "invalid_argument",
    );
    assert_bad(
        &wangge(&["grid", "validate", path(&ok), "--tolerance-m", "NaN"]),
        "invalid_argument",
    );
    assert_bad(
        &wangge(&["grid", "validate", path(&ok), "--as-of", "2024-13-01"]),
        "invalid_date_time",
    );
    assert_bad(
        &wangge(&["grid", "validate", path(&ok), "--policy", "seed999"]),
        "unknown_preset",
    );
    let bad_policy = write(
        "policy.toml",
        "format = 1\nid = 'x'\nname = 'x'\nversion = '1'\ncolour = 'red'\n",
    );
    assert_bad(
        &wangge(&["grid", "validate", path(&ok), "--policy", path(&bad_policy)]),
        "invalid_policy",
    );
    // An empty collection is a valid (empty) layer.
    let o = wangge(&["grid", "validate", path(&ok)]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout_json(&o)["grids"], 0);
}
