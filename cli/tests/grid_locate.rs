//! `wangge grid locate`: JSON lines in, JSON lines out, bad lines reported in place.

use assert_cmd::Command;
use serde_json::{Value, json};

fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Value {
    json!([[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]])
}

fn feature(code: &str, coords: Value, extra: Value) -> Value {
    let mut props = json!({"code": code});
    if let Value::Object(m) = extra {
        for (k, v) in m {
            props[k] = v;
        }
    }
    json!({"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": coords}})
}

/// A community with two grids side by side and a gap; grid 1 was larger until 2025.
fn layer_file(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let fc = json!({"type": "FeatureCollection", "features": [
        feature("371323100201", rect(118.50, 35.80, 118.53, 35.81), json!({})),
        feature("371323100201001", rect(118.50, 35.80, 118.52, 35.81), json!({"valid_to": "2025-01-01"})),
        feature("371323100201001", rect(118.50, 35.80, 118.51, 35.81), json!({"valid_from": "2025-01-01"})),
        feature("371323100201002", rect(118.51, 35.80, 118.52, 35.81), json!({"valid_from": "2025-01-01"})),
    ]});
    let path = dir.path().join("layer.geojson");
    std::fs::write(&path, fc.to_string()).unwrap();
    path
}

fn run(args: &[&str], stdin: &str) -> (Vec<Value>, i32) {
    let out = Command::cargo_bin("wangge")
        .unwrap()
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (lines, out.status.code().unwrap())
}

#[test]
fn locates_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let layer = layer_file(&dir);
    let input = [
        json!({"id": 1, "lon": 118.505, "lat": 35.805, "crs": "wgs84"}),
        json!({"id": "edge", "lon": 118.51, "lat": 35.805}),
        json!({"id": 3, "lon": 118.525, "lat": 35.805, "note": "ignored"}),
        json!({"id": 4, "lon": 119.0, "lat": 36.0}),
        json!({"id": 5, "lon": 118.510_594_122, "lat": 35.804_977_979, "crs": "gcj02"}),
    ]
    .iter()
    .map(|v| v.to_string() + "\n")
    .collect::<String>();
    let (out, code) = run(&["grid", "locate", layer.to_str().unwrap()], &input);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        [
            json!({"id": 1, "code": "371323100201001", "fallback": null}),
            json!({"id": "edge", "code": "371323100201002", "fallback": null}),
            json!({"id": 3, "code": null, "fallback": "371323100201"}),
            json!({"id": 4, "code": null, "fallback": null}),
            json!({"id": 5, "code": "371323100201001", "fallback": null}),
        ]
    );
    // As of 2024, grid 1 still held the east half.
    let (out, code) = run(
        &[
            "grid",
            "locate",
            layer.to_str().unwrap(),
            "--as-of",
            "2024-06-01",
        ],
        "{\"id\": 9, \"lon\": 118.515, \"lat\": 35.805}\n",
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        [json!({"id": 9, "code": "371323100201001", "fallback": null})]
    );
}

#[test]
fn bad_lines_get_error_lines_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let layer = layer_file(&dir);
    let input = "{\"id\": 1, \"lon\": 118.505, \"lat\": 35.805}\n\
                 not json\n\
                 \n\
                 {\"id\": 2, \"lon\": 118.505, \"lat\": 95}\n\
                 {\"id\": 3, \"lon\": 118.505, \"lat\": 35.805, \"crs\": \"utm50\"}\n\
                 {\"id\": 4, \"lon\": \"NaN\", \"lat\": 35.805}\n\
                 {\"id\": {\"x\": 1}, \"lon\": 118.505, \"lat\": 35.805}\n\
                 [1, 2]\n\
                 {\"id\": 5, \"lon\": 118.515, \"lat\": 35.805}\n";
    let (out, code) = run(&["grid", "locate", layer.to_str().unwrap()], input);
    assert_eq!(code, 2);
    let names: Vec<&str> = out
        .iter()
        .map(|v| v["error"]["name"].as_str().unwrap_or("ok"))
        .collect();
    assert_eq!(
        names,
        [
            "ok",
            "invalid_json",
            "invalid_coordinate",
            "unknown_crs",
            "invalid_json",
            "invalid_json",
            "invalid_json",
            "ok"
        ]
    );
    assert_eq!(out[1]["line"], 2);
    assert_eq!(out[1]["id"], Value::Null);
    assert_eq!(out[2]["id"], 2);
    assert_eq!(out[2]["line"], 4);
    assert_eq!(out[3]["error"]["code"], 153);
    assert_eq!(out[7]["code"], "371323100201002");
}

#[test]
fn oversize_lines_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let layer = layer_file(&dir);
    let huge = format!("{{\"id\": 1, \"pad\": \"{}\"}}\n", "x".repeat(1 << 21));
    let input = huge + "{\"id\": 2, \"lon\": 118.505, \"lat\": 35.805}\n";
    let (out, code) = run(&["grid", "locate", layer.to_str().unwrap()], &input);
    assert_eq!(code, 2);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0]["error"]["name"], "input_too_large");
    assert_eq!(out[1]["code"], "371323100201001");
}

#[test]
fn missing_or_invalid_layer_exits_2_with_an_error_object() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.geojson");
    let (out, code) = run(&["grid", "locate", missing.to_str().unwrap()], "");
    assert_eq!(code, 2);
    assert_eq!(out[0]["error"]["name"], "invalid_argument");

    let bad = dir.path().join("bad.geojson");
    std::fs::write(&bad, "{\"type\": \"FeatureCollection\", \"features\": [").unwrap();
    let (out, code) = run(&["grid", "locate", bad.to_str().unwrap()], "");
    assert_eq!(code, 2);
    assert!(out[0]["error"]["code"].is_number());

    let bowtie = dir.path().join("bowtie.geojson");
    let fc = json!({"type": "FeatureCollection", "features": [feature(
        "371323100201001",
        json!([[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]),
        json!({}),
    )]});
    std::fs::write(&bowtie, fc.to_string()).unwrap();
    let (out, code) = run(&["grid", "locate", bowtie.to_str().unwrap()], "");
    assert_eq!(code, 2);
    assert_eq!(out[0]["error"]["name"], "invalid_geometry");
    assert!(
        out[0]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("371323100201001")
    );

    let only_community = dir.path().join("community.geojson");
    let fc = json!({"type": "FeatureCollection", "features": [feature(
        "371323100201", rect(0.0, 0.0, 1.0, 1.0), json!({}))]});
    std::fs::write(&only_community, fc.to_string()).unwrap();
    let (out, code) = run(&["grid", "locate", only_community.to_str().unwrap()], "");
    assert_eq!(code, 2);
    assert_eq!(out[0]["error"]["name"], "empty_layer");

    let layer = layer_file(&dir);
    let (out, code) = run(
        &[
            "grid",
            "locate",
            layer.to_str().unwrap(),
            "--as-of",
            "2024-02-30",
        ],
        "",
    );
    assert_eq!(code, 2);
    assert_eq!(out[0]["error"]["name"], "invalid_date_time");
}

#[test]
fn many_lines_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let layer = layer_file(&dir);
    let mut input = String::new();
    for i in 0..10_000 {
        let lon = 118.50 + (i % 300) as f64 * 0.0001;
        input.push_str(&format!(
            "{{\"id\": {i}, \"lon\": {lon}, \"lat\": 35.805}}\n"
        ));
    }
    let path = dir.path().join("points.jsonl");
    std::fs::write(&path, &input).unwrap();
    let out = Command::cargo_bin("wangge")
        .unwrap()
        .args(["grid", "locate", layer.to_str().unwrap()])
        .pipe_stdin(&path)
        .unwrap()
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 10_000);
    for (i, v) in lines.iter().enumerate() {
        assert_eq!(v["id"], i);
        let lon = 118.50 + (i % 300) as f64 * 0.0001;
        let want = if lon < 118.51 {
            json!("371323100201001")
        } else if lon < 118.52 {
            json!("371323100201002")
        } else {
            Value::Null
        };
        assert_eq!(v["code"], want, "{lon}");
    }
}
