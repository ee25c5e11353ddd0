//! `wangge roster …` end to end: the built binary, real files, JSON on stdout, exit codes.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{Value, json};

const G1: &str = "420106001001001";
const G2: &str = "420106001001002";

/// A GeoJSON layer with two grids of one community (seed 004's 三级网格).
fn layer() -> String {
    let square = |x: f64| {
        json!([[
            [x, 30.0],
            [x + 0.01, 30.0],
            [x + 0.01, 30.01],
            [x, 30.01],
            [x, 30.0]
        ]])
    };
    json!({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": G1, "kind": "basic", "valid_from": "2012-01-01"},
         "geometry": {"type": "Polygon", "coordinates": square(114.0)}},
        {"type": "Feature", "properties": {"code": G2, "valid_from": "2012-01-01"},
         "geometry": {"type": "Polygon", "coordinates": square(114.01)}},
        {"type": "Feature", "properties": {"code": "420106001001"},
         "geometry": {"type": "Polygon", "coordinates": [[[114.0, 30.0], [114.02, 30.0], [114.02, 30.01], [114.0, 30.0]]]}},
    ]})
    .to_string()
}

/// A compliant seed 004 roster for both grids (grid workers hold the card: 持证(牌)上岗);
/// `tweak` may break it.
fn roster(tweak: impl FnOnce(&mut Value)) -> String {
    let mut people = vec![];
    let mut assignments = vec![];
    for g in [G1, G2] {
        for role in ["网格长", "网格员", "信息员", "志愿者"] {
            let id = format!("{role}-{}", &g[12..]);
            if role == "网格员" {
                people.push(json!({"id": id, "name": "某某", "tags": ["certified"]}));
            } else {
                people.push(json!({"id": id, "name": "某某"}));
            }
            assignments.push(json!({"person": id, "grid": g, "role": role, "from": "2012-01-01"}));
        }
    }
    let mut v = json!({"format": 1, "people": people, "assignments": assignments});
    tweak(&mut v);
    v.to_string()
}

struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new() -> Files {
        Files {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn put(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }
}

fn run(args: &[&str]) -> (i32, Value, String) {
    let out = Command::cargo_bin("wangge")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (
        out.status.code().unwrap(),
        json,
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn validate(policy: &str, roster: &Path, grids: &Path, on: &str) -> (i32, Value, String) {
    run(&[
        "roster",
        "validate",
        "--policy",
        policy,
        "--roster",
        roster.to_str().unwrap(),
        "--grids",
        grids.to_str().unwrap(),
        "--on",
        on,
    ])
}

#[test]
fn compliant_roster_exits_0() {
    let f = Files::new();
    let (code, out, _) = validate(
        "seed004",
        &f.put("r.json", &roster(|_| {})),
        &f.put("g.geojson", &layer()),
        "2012-06-01",
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(out["valid"], true);
    assert_eq!(out["grids"], 2);
    assert_eq!(out["violations"], json!([]));
    assert_eq!(out["summary"]["compliant_grids"], 2);
    assert_eq!(out["summary"]["units"].as_array().unwrap().len(), 3);
}

#[test]
fn violations_exit_1_and_name_grid_people_roles() {
    let f = Files::new();
    // G2's grid worker has no card; G1's head also works as its grid worker (with a card).
    let r = roster(|v| {
        for p in v["people"].as_array_mut().unwrap() {
            if p["id"] == "网格员-002" {
                p["tags"] = json!([]);
            }
            if p["id"] == "网格长-001" {
                p["tags"] = json!(["certified"]);
            }
        }
        let a = v["assignments"].as_array_mut().unwrap();
        a.push(json!({"person": "网格长-001", "grid": G1, "role": "grid_worker", "from": "2012-02-01"}));
    });
    let (code, out, _) = validate(
        "seed004",
        &f.put("r.json", &r),
        &f.put("g.geojson", &layer()),
        "2012-06-01",
    );
    assert_eq!(code, 1, "{out}");
    assert_eq!(out["valid"], false);
    let got: Vec<(String, String)> = out["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["code"].as_str().unwrap().to_string(),
                v["grids"][0].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("role_excess".to_string(), G1.to_string()),
            ("incompatible_roles".into(), G1.into()),
            ("missing_tag".into(), G2.into()),
        ]
    );
    assert_eq!(out["violations"][1]["people"], json!(["网格长-001"]));
    assert_eq!(out["violations"][2]["roles"], json!(["grid_worker"]));
    assert_eq!(out["violations"][2]["rule"], "certified");
    assert_eq!(out["summary"]["by_code"]["missing_tag"], 1);
    // Before the head's extra appointment only G2's missing card remains.
    let (code, out, _) = validate(
        "seed004",
        &f.put("r.json", &r),
        &f.put("g.geojson", &layer()),
        "2012-01-15",
    );
    assert_eq!(code, 1);
    assert_eq!(out["violations"].as_array().unwrap().len(), 1);
    assert_eq!(out["violations"][0]["code"], "missing_tag");
}

#[test]
fn policy_file_with_its_own_template() {
    let f = Files::new();
    let policy = f.put(
        "p.toml",
        "format = 1\nid = 'local'\nname = '本地'\nversion = '1'\n\
         [[staffing.templates]]\nid = 'one-head'\n\
         [[staffing.templates.roles]]\nrole = 'grid_head'\nmin = 1\nmax = 1\ntags = ['community_staff']\n",
    );
    let (code, out, _) = validate(
        policy.to_str().unwrap(),
        &f.put("r.json", &roster(|_| {})),
        &f.put("g.geojson", &layer()),
        "2012-06-01",
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out["violations"]
            .as_array()
            .unwrap()
            .iter()
            .all(|v| v["code"] == "missing_tag" && v["rule"] == "community_staff")
    );
    // --template forces a template; an unknown one is bad input.
    let (code, out, _) = run(&[
        "roster",
        "validate",
        "--policy",
        "seed004",
        "--roster",
        f.put("r.json", &roster(|_| {})).to_str().unwrap(),
        "--grids",
        f.put("g.geojson", &layer()).to_str().unwrap(),
        "--on",
        "2012-06-01",
        "--template",
        "nope",
    ]);
    assert_eq!(code, 2);
    assert_eq!(out["error"]["name"], "unknown_template");
}

#[test]
fn bad_input_exits_2_with_a_typed_error() {
    let f = Files::new();
    let grids = f.put("g.geojson", &layer());
    let good = f.put("good.json", &roster(|_| {}));
    let cases: Vec<(PathBuf, PathBuf, &str, &str)> = vec![
        (f.put("a.json", "{\"format\": 1, \"people\": ["), grids.clone(), "2012-06-01", "invalid_roster"),
        (f.put("b.json", &roster(|v| v["format"] = json!(7))), grids.clone(), "2012-06-01", "unsupported_roster_version"),
        (
            f.put("c.json", &roster(|v| v["assignments"].as_array_mut().unwrap().push(json!({"person": "nobody", "grid": G1, "role": "volunteer", "from": "2012-01-01"})))),
            grids.clone(),
            "2012-06-01",
            "unknown_person",
        ),
        (
            f.put("d.json", &roster(|v| v["assignments"].as_array_mut().unwrap().push(json!({"person": "网格长-001", "grid": "420106001001009", "role": "volunteer", "from": "2012-01-01"})))),
            grids.clone(),
            "2012-06-01",
            "unknown_grid",
        ),
        (
            f.put("e.json", &roster(|v| v["assignments"][0]["from"] = json!("2011-01-01"))),
            grids.clone(),
            "2012-06-01",
            "assignment_outside_grid",
        ),
        (
            f.put("f.json", &roster(|v| v["people"][0]["id_number"] = json!("110105194912310021"))),
            grids.clone(),
            "2012-06-01",
            "invalid_id_number",
        ),
        (good.clone(), grids.clone(), "June 1st", "invalid_date_time"),
        (good.clone(), f.put("bad.geojson", "{\"type\": \"FeatureCollection\", \"features\": 3}"), "2012-06-01", "invalid_geojson"),
        (good.clone(), f.dir.path().join("missing.geojson"), "2012-06-01", "invalid_argument"),
        (f.dir.path().join("missing.json"), grids.clone(), "2012-06-01", "invalid_argument"),
        (f.put("g.json", "\u{feff}{}"), grids.clone(), "2012-06-01", "invalid_roster"),
    ];
    for (r, g, on, want) in cases {
        let (code, out, err) = validate("seed004", &r, &g, on);
        assert_eq!(code, 2, "{want}: {out}");
        assert_eq!(out["error"]["name"], want, "{out}");
        assert!(out["error"]["code"].is_number());
        assert!(err.contains(want), "{err}");
        assert!(!err.contains("19491231"), "ID number printed: {err}");
    }
    let bytes = f.dir.path().join("h.json");
    std::fs::write(&bytes, [0xffu8, 0xfe, 0x00]).unwrap();
    let (code, out, _) = validate("seed004", &bytes, &grids, "2012-06-01");
    assert_eq!(
        (code, out["error"]["name"].as_str()),
        (2, Some("invalid_utf8"))
    );
    let (code, out, _) = validate("seed999", &good, &grids, "2012-06-01");
    assert_eq!(
        (code, out["error"]["name"].as_str()),
        (2, Some("unknown_preset"))
    );
}

#[test]
fn oversize_roster_is_refused() {
    let f = Files::new();
    let r = f.put("r.json", &roster(|_| {}));
    let (code, out, _) = run(&[
        "roster",
        "validate",
        "--policy",
        "seed004",
        "--roster",
        r.to_str().unwrap(),
        "--grids",
        f.put("g.geojson", &layer()).to_str().unwrap(),
        "--on",
        "2012-06-01",
        "--max-roster-bytes",
        "100",
    ]);
    assert_eq!(code, 2);
    assert_eq!(out["error"]["name"], "input_too_large");
}

#[test]
fn holder_answers_who_held_the_post() {
    let f = Files::new();
    let r = f.put(
        "r.json",
        &json!({"format": 1,
            "people": [
                {"id": "old", "states": [{"state": "on_duty", "from": "2012-01-01"}, {"state": "left", "from": "2013-01-01"}]},
                {"id": "new", "name": "钱敏"}],
            "assignments": [
                {"person": "old", "grid": G1, "role": "grid_head", "from": "2012-01-01", "to": "2013-01-01"},
                {"person": "new", "grid": G1, "role": "网格长", "from": "2013-01-01"}]})
        .to_string(),
    );
    let ask = |on: &str| {
        run(&[
            "roster",
            "holder",
            "--roster",
            r.to_str().unwrap(),
            "--grid",
            G1,
            "--role",
            "网格长",
            "--on",
            on,
            "--policy",
            "seed004",
        ])
    };
    let (code, out, _) = ask("2012-12-31");
    assert_eq!(code, 0);
    assert_eq!(out["holders"][0]["person"], "old");
    let (_, out, _) = ask("2013-01-01");
    assert_eq!(out["holders"][0]["person"], "new");
    assert_eq!(out["holders"][0]["name"], "钱敏");
    assert_eq!(out["role"], "grid_head");
    let (code, out, _) = run(&[
        "roster",
        "holder",
        "--roster",
        r.to_str().unwrap(),
        "--grid",
        G1,
        "--role",
        "castellan",
        "--on",
        "2013-01-01",
    ]);
    assert_eq!(
        (code, out["error"]["name"].as_str()),
        (2, Some("unknown_role"))
    );
    let (code, out, _) = run(&[
        "roster",
        "holder",
        "--roster",
        r.to_str().unwrap(),
        "--grid",
        "42010600100100",
        "--role",
        "grid_head",
        "--on",
        "2013-01-01",
    ]);
    assert_eq!(
        (code, out["error"]["name"].as_str()),
        (2, Some("invalid_grid_code"))
    );
}

#[test]
fn usage_errors_exit_2() {
    let (code, _, err) = run(&["roster", "validate", "--policy", "seed004"]);
    assert_eq!(code, 2);
    assert!(err.contains("--roster"), "{err}");
}
