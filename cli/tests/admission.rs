//! `wangge admission …` end to end: stdout JSON and exit codes, good and bad input.

use std::path::Path;

use assert_cmd::Command;
use serde_json::{Value, json};

fn wangge() -> Command {
    Command::cargo_bin("wangge").unwrap()
}

/// Runs the command; returns (exit code, stdout as JSON).
fn run(args: &[&str]) -> (i32, Value) {
    let out = wangge().args(args).output().unwrap();
    let code = out.status.code().unwrap_or(-1);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let v = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("{args:?}: stdout is not JSON ({e}): {stdout:?}"));
    (code, v)
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

const LIST: &str = r#"
format = 1
jurisdiction = "371323"

[[entries]]
list = "task"
code = "RW-1"
version = 1
name = "高龄老人走访"
department = "县民政局"
role = "lead"
grid_kinds = ["basic"]
frequency = { every = "week", subject = "service", subject_class = "high_risk_elderly" }
budget = { amount_fen = 120000, basis = "per_grid" }
proposed = { date = "2025-11-03", by = { unit = "department", name = "县民政局" } }
approved = { date = "2025-11-10", by = { unit = "county_governance_office" }, document = "演综治〔2025〕12号" }
enforced = { date = "2025-11-10", by = { unit = "county_governance_office" }, effective = "2025-12-01" }

[[entries]]
list = "task"
code = "RW-3"
version = 1
name = "迎检材料报送"
department = "县住建局"
role = "assist"
proposed = { date = "2026-01-05", by = { unit = "department", name = "县住建局" } }
"#;

#[test]
fn check_allows_and_rejects_with_exit_codes() {
    let (code, v) = run(&[
        "admission",
        "check",
        "--preset",
        "seed000",
        "--code",
        "RW-004",
        "--department",
        "区民政局",
        "--on",
        "2019-03-01",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["allowed"], true);
    assert_eq!(v["item"]["department"], "区民政局");

    let (code, v) = run(&[
        "admission",
        "check",
        "--preset",
        "seed000",
        "--code",
        "RW-999",
        "--department",
        "区住建局",
        "--on",
        "2019-03-01",
    ]);
    assert_eq!(code, 1);
    assert_eq!(v["rejection"]["reason"], "not_listed");
    let msg = v["rejection"]["message"].as_str().unwrap();
    assert!(msg.contains("区住建局") && msg.contains("RW-999"), "{msg}");

    let (code, v) = run(&[
        "admission",
        "check",
        "--preset",
        "seed001",
        "--list",
        "summon",
        "--category",
        "矛盾纠纷/物业纠纷",
        "--department",
        "区住房和城乡建设局",
        "--on",
        "2021-05-01",
    ]);
    assert_eq!((code, v["item"]["code"].clone()), (0, json!("CS-001")));
}

#[test]
fn rejections_are_logged_and_tallied() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("log.json");
    let log_s = log.to_str().unwrap();
    for (code, dept) in [
        ("RW-999", "区住建局"),
        ("RW-004", "区住建局"),
        ("RW-004", "区民政局"),
        ("X-1", "区环保局"),
    ] {
        wangge()
            .args([
                "admission",
                "check",
                "--preset",
                "seed000",
                "--code",
                code,
                "--department",
                dept,
                "--on",
                "2019-03-01",
                "--log",
                log_s,
            ])
            .output()
            .unwrap();
    }
    let (code, v) = run(&["admission", "tally", log_s]);
    assert_eq!(code, 0);
    assert_eq!(
        (v["rejected"].clone(), v["allowed"].clone()),
        (json!(3), json!(1))
    );
    assert_eq!(v["departments"][0]["department"], "区住建局");
    assert_eq!(v["departments"][0]["rejected"], 2);
    assert_eq!(v["departments"][0]["by_reason"]["department_mismatch"], 1);

    // JSON lines of decisions, as a host might append them.
    let mut lines = String::new();
    for code in ["RW-999", "RW-998"] {
        let out = wangge()
            .args([
                "admission",
                "check",
                "--preset",
                "seed000",
                "--code",
                code,
                "--department",
                "区水利局",
                "--on",
                "2019-03-01",
            ])
            .output()
            .unwrap();
        lines.push_str(&String::from_utf8(out.stdout).unwrap());
    }
    let p = write(dir.path(), "decisions.jsonl", &lines);
    let (code, v) = run(&["admission", "tally", &p]);
    assert_eq!(
        (code, v["departments"][0]["rejected"].clone()),
        (0, json!(2))
    );
}

#[test]
fn list_as_of_dates() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "list.toml", LIST);
    let codes = |on: &str| {
        let (code, v) = run(&["admission", "list", "--file", &f, "--on", on]);
        assert_eq!(code, 0);
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["code"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(codes("2025-11-30").is_empty());
    assert_eq!(codes("2025-12-01"), ["RW-1"]);
    let (code, v) = run(&[
        "admission",
        "list",
        "--preset",
        "seed001",
        "--on",
        "2021-05-01",
        "--list",
        "service",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["items"].as_array().unwrap().len(), 7);
}

#[test]
fn transition_checks_authority_and_writes_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "list.toml", LIST);
    let by_dept = write(
        dir.path(),
        "t1.json",
        r#"{"action": "approve", "code": "RW-3", "date": "2026-01-12", "by": {"unit": "department", "name": "县住建局"}, "document": "x"}"#,
    );
    let (code, v) = run(&[
        "admission",
        "transition",
        "--file",
        &f,
        "--transition",
        &by_dept,
    ]);
    assert_eq!(code, 2);
    assert_eq!(v["error"]["name"], "admission_unauthorized");

    let by_office = write(
        dir.path(),
        "t2.json",
        r#"{"action": "approve", "code": "RW-3", "date": "2026-01-12", "by": {"unit": "county_governance_office"}, "document": "演综治〔2026〕2号"}"#,
    );
    let out = dir.path().join("new.toml");
    let (code, v) = run(&[
        "admission",
        "transition",
        "--file",
        &f,
        "--transition",
        &by_office,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["changed"][0]["status"], "approved");
    let (code, v) = run(&["admission", "validate", "--file", out.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(v["admission_list"]["revision"], 1);
    assert_eq!(
        v["admission_list"]["entries"][1]["approved"]["document"],
        "演综治〔2026〕2号"
    );
}

#[test]
fn instances_and_budget_from_json_and_geojson_grids() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "list.toml", LIST);
    let grids = write(
        dir.path(),
        "grids.json",
        r#"[{"code": "371323100201001", "subjects": {"high_risk_elderly": 3}}, {"code": "371323100201002", "kind": "micro"}]"#,
    );
    let (code, v) = run(&[
        "admission",
        "instances",
        "--file",
        &f,
        "--grids",
        &grids,
        "--from",
        "2026-01-01",
        "--to",
        "2026-02-01",
    ]);
    assert_eq!(code, 0);
    // ISO weeks whose Sunday falls in January 2026: W01 (Jan 4) … W05 (Feb 1 is outside).
    assert_eq!(v["count"], 4);
    assert_eq!(v["instances"][0]["required"], 3);
    assert_eq!(v["instances"][0]["period"], "2026-W01");

    let layer = write(
        dir.path(),
        "grids.geojson",
        r#"{"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"code": "371323100201001", "kind": "basic", "subjects": {"high_risk_elderly": 1}},
             "geometry": {"type": "Polygon", "coordinates": [[[118, 35], [118.01, 35], [118.01, 35.01], [118, 35]]]}},
            {"type": "Feature", "properties": {"code": "371323100201002", "kind": "basic"},
             "geometry": {"type": "Polygon", "coordinates": [[[118.01, 35], [118.02, 35], [118.02, 35.01], [118.01, 35]]]}}]}"#,
    );
    let (code, v) = run(&[
        "admission",
        "instances",
        "--file",
        &f,
        "--grids",
        &layer,
        "--from",
        "2026-01-01",
        "--to",
        "2026-02-01",
    ]);
    assert_eq!((code, v["count"].clone()), (0, json!(8)));
    let (code, v) = run(&[
        "admission",
        "budget",
        "--file",
        &f,
        "--grids",
        &layer,
        "--on",
        "2026-01-15",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["total_fen"], 240000);
    assert_eq!(v["by_department"][0]["department"], "县民政局");
}

#[test]
fn bad_input_gives_typed_errors() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![
                "--file".into(),
                write(dir.path(), "bad.toml", "format = \n"),
            ],
            "invalid_admission_list",
        ),
        (
            vec![
                "--file".into(),
                write(dir.path(), "future.json", r#"{"format": 3}"#),
            ],
            "unsupported_admission_format",
        ),
        (
            vec![
                "--file".into(),
                dir.path().join("missing.toml").to_str().unwrap().into(),
            ],
            "invalid_argument",
        ),
        (vec!["--preset".into(), "seed999".into()], "unknown_preset"),
        (
            vec![
                "--policy".into(),
                write(
                    dir.path(),
                    "p.toml",
                    "format = 1\nid='x'\nname='x'\nversion='1'\n[admission]\napprovers = []",
                ),
            ],
            "invalid_policy",
        ),
    ];
    for (source, want) in cases {
        let mut args: Vec<String> = vec![
            "admission".into(),
            "list".into(),
            "--on".into(),
            "2026-01-01".into(),
        ];
        args.extend(source);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, v) = run(&args);
        assert_eq!(code, 2, "{args:?}");
        assert_eq!(v["error"]["name"], want, "{args:?}");
    }
    // Not UTF-8.
    let p = dir.path().join("latin1.toml");
    std::fs::write(&p, [0x66, 0xff, 0xfe]).unwrap();
    let (code, v) = run(&["admission", "validate", "--file", p.to_str().unwrap()]);
    assert_eq!(
        (code, v["error"]["name"].clone()),
        (2, json!("invalid_utf8"))
    );
    // Oversize.
    let big = dir.path().join("big.json");
    std::fs::write(&big, vec![b' '; (64 << 20) + 1]).unwrap();
    let (code, v) = run(&["admission", "validate", "--file", big.to_str().unwrap()]);
    assert_eq!(
        (code, v["error"]["name"].clone()),
        (2, json!("input_too_large"))
    );
    // Bad dates, unknown grid kind, malformed grids, malformed transition, no source.
    let f = write(dir.path(), "list.toml", LIST);
    let (code, v) = run(&["admission", "list", "--file", &f, "--on", "2026-13-01"]);
    assert_eq!(
        (code, v["error"]["name"].clone()),
        (2, json!("invalid_date_time"))
    );
    let (code, v) = run(&[
        "admission",
        "check",
        "--file",
        &f,
        "--code",
        "RW-1",
        "--grid-kind",
        "castle",
        "--on",
        "2026-01-01",
    ]);
    assert_eq!(
        (code, v["error"]["name"].clone()),
        (2, json!("invalid_json"))
    );
    let g = write(dir.path(), "g.json", r#"[{"code": "12"}]"#);
    let (code, _) = run(&[
        "admission",
        "instances",
        "--file",
        &f,
        "--grids",
        &g,
        "--from",
        "2026-01-01",
        "--to",
        "2026-02-01",
    ]);
    assert_eq!(code, 2);
    let t = write(dir.path(), "t.json", "{not json");
    let (code, v) = run(&["admission", "transition", "--file", &f, "--transition", &t]);
    assert_eq!(
        (code, v["error"]["name"].clone()),
        (2, json!("invalid_json"))
    );
    let (code, v) = run(&["admission", "list", "--on", "2026-01-01"]);
    assert_eq!(
        (code, v["error"]["name"].clone()),
        (2, json!("invalid_argument"))
    );
    let e = write(dir.path(), "empty.json", "");
    let (code, v) = run(&["admission", "tally", &e]);
    assert_eq!((code, v["rejected"].clone()), (0, json!(0)));
    let junk = write(dir.path(), "junk.jsonl", "{\"reason\": 5}\n");
    let (code, v) = run(&["admission", "tally", &junk]);
    assert_eq!(
        (code, v["error"]["name"].clone()),
        (2, json!("invalid_json"))
    );
}
