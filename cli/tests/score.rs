//! `wangge score` end to end: the built binary, real files, JSON on stdout, exit codes.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

const HEAD: &str =
    "id,grid,category,class,urgency,tier,source,reported_at,due_at,closed_at,status,rating";

/// December 2016 in two grids: grid 1 has 4 cases due (3 closed, 2 on time), one not yet
/// due; grid 2 one case due and closed late; a voided case is never due.
fn csv() -> String {
    let rows = [
        "A,371323100201001,x,event,routine,t1,patrol,2016-12-01T09:00:00+08:00,2016-12-05T17:00:00+08:00,2016-12-04T10:00:00+08:00,closed,satisfied",
        "B,371323100201001,x,event,routine,t1,patrol,2016-12-01T09:00:00+08:00,2016-12-05T17:00:00+08:00,2016-12-05T17:00:00+08:00,closed,",
        "C,371323100201001,\"占道, 经营\",component,routine,t1,patrol,2016-12-01T09:00:00+08:00,2016-12-05T17:00:00+08:00,2016-12-08T10:00:00+08:00,closed,",
        "D,371323100201001,x,event,routine,t1,patrol,2016-12-01T09:00:00+08:00,2016-12-31T23:59:59+08:00,,assigned,",
        "E,371323100201001,x,event,routine,t1,patrol,2016-12-28T09:00:00+08:00,2017-01-01T00:00:00+08:00,,assigned,",
        "F,371323100201002,x,event,routine,t1,patrol,2016-12-01T09:00:00+08:00,2016-12-05T17:00:00+08:00,2016-12-06T10:00:00+08:00,closed,",
        "G,371323100201002,x,event,routine,t1,patrol,2016-12-01T09:00:00+08:00,2016-12-05T17:00:00+08:00,,voided,",
    ];
    format!("{HEAD}\n{}\n", rows.join("\n"))
}

fn file(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn run(args: &[&str]) -> (i32, Value) {
    let out = Command::cargo_bin("wangge")
        .unwrap()
        .arg("score")
        .args(args)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap(), v)
}

fn unit<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == id)
        .unwrap()
}

#[test]
fn scores_a_month_by_grid() {
    let dir = tempfile::tempdir().unwrap();
    let records = file(&dir, "r.csv", &csv());
    let (code, v) = run(&[
        "--policy",
        "seed003",
        "--records",
        records.to_str().unwrap(),
        "--period",
        "2016-12",
        "--sheet",
        "default_grid",
    ]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["bounds"]["start"], "2016-12-01T00:00:00+08:00");
    assert_eq!(v["bounds"]["end"], "2017-01-01T00:00:00+08:00");
    let g1 = unit(&v, "371323100201001");
    assert_eq!(g1["indicators"]["completion"]["numerator"], 3.0);
    assert_eq!(g1["indicators"]["completion"]["denominator"], 4);
    assert_eq!(g1["indicators"]["completion"]["display"], "75.00%");
    assert_eq!(g1["indicators"]["on_time"]["display"], "50.00%");
    // Only A was rated: satisfaction 100 %; 40 × 0.75 + 30 × 0.5 + 30.
    assert_eq!(g1["total"], 40.0 * 0.75 + 15.0 + 30.0);
    let g2 = unit(&v, "371323100201002");
    assert_eq!(g2["indicators"]["on_time"]["display"], "0.00%");
    assert_eq!(g2["indicators"]["satisfaction"]["value"], Value::Null);
    assert_eq!(g1["rank"], 1);
    assert_eq!(g2["rank"], 2);
    assert!(v.get("skipped").is_none());
}

#[test]
fn other_groupings_json_lines_and_as_of() {
    let dir = tempfile::tempdir().unwrap();
    let records = file(&dir, "r.csv", &csv());
    let (code, v) = run(&[
        "--policy",
        "seed003",
        "--records",
        records.to_str().unwrap(),
        "--period",
        "2016-Q4",
        "--by",
        "class",
        "--as-of",
        "2016-12-06T00:00:00+08:00",
    ]);
    assert_eq!(code, 0, "{v}");
    // Before 6 December: A, B, C and F are due; C was not yet closed.
    assert_eq!(
        unit(&v, "event")["indicators"]["completion"]["denominator"],
        3
    );
    assert_eq!(
        unit(&v, "component")["indicators"]["completion"]["display"],
        "0.00%"
    );
    assert_eq!(v["sheet"]["id"], "yishui_grid_worker");

    let jsonl = concat!(
        r#"{"id":"A","grid":"371323100201001","category":"x","class":"event","urgency":"routine","tier":"t1","source":"patrol","reported_at":"2016-12-01T09:00:00+08:00","due_at":"2016-12-05T17:00:00+08:00","closed_at":"2016-12-04T10:00:00+08:00","status":"closed"}"#,
        "\n"
    );
    let records = file(&dir, "r.jsonl", jsonl);
    let (code, v) = run(&[
        "--policy",
        "seed004",
        "--records",
        records.to_str().unwrap(),
        "--period",
        "2016-12",
        "--by",
        "town",
    ]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(
        unit(&v, "371323100000")["indicators"]["on_time"]["display"],
        "100.00%"
    );
}

#[test]
fn a_bad_row_is_named_and_can_be_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let text = csv().replace("F,371323100201002,x,event", "F,371323100201002,x,thing");
    let records = file(&dir, "r.csv", &text);
    let path = records.to_str().unwrap();
    let (code, v) = run(&[
        "--policy",
        "seed003",
        "--records",
        path,
        "--period",
        "2016-12",
    ]);
    assert_eq!(code, 2);
    assert_eq!(v["error"]["name"], "invalid_records");
    let msg = v["error"]["message"].as_str().unwrap();
    assert!(msg.contains("line 7") && msg.contains("class"), "{msg}");

    let (code, v) = run(&[
        "--policy",
        "seed003",
        "--records",
        path,
        "--period",
        "2016-12",
        "--skip-bad-rows",
    ]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["skipped"][0]["line"], 7);
    assert_eq!(v["skipped"][0]["field"], "class");
    // Grid 2 now has only the voided case: nothing due.
    assert_eq!(
        unit(&v, "371323100201002")["indicators"]["completion"]["value"],
        Value::Null
    );
}

#[test]
fn bad_arguments_exit_2_with_a_json_error() {
    let dir = tempfile::tempdir().unwrap();
    let records = file(&dir, "r.csv", &csv());
    let path = records.to_str().unwrap();
    for (args, name) in [
        (vec!["--period", "2016-13"], "invalid_period"),
        (
            vec!["--period", "2016-12", "--by", "planet"],
            "invalid_scoring_input",
        ),
        (
            vec!["--period", "2016-12", "--sheet", "nowhere"],
            "unknown_score_sheet",
        ),
        (
            vec!["--period", "2016-12", "--as-of", "yesterday"],
            "invalid_date_time",
        ),
        (
            vec!["--period", "2016-12", "--each", "quarter"],
            "invalid_period",
        ),
        (vec!["--period", "2016", "--each", "week"], "invalid_period"),
    ] {
        let mut all = vec!["--policy", "seed003", "--records", path];
        all.extend(args);
        let (code, v) = run(&all);
        assert_eq!((code, v["error"]["name"].as_str()), (2, Some(name)), "{v}");
    }
    let empty = file(&dir, "e.csv", "");
    let (code, v) = run(&[
        "--policy",
        "seed003",
        "--records",
        empty.to_str().unwrap(),
        "--period",
        "2016-12",
    ]);
    assert_eq!(
        (code, v["error"]["name"].as_str()),
        (2, Some("invalid_records"))
    );
}

/// Cases of the fourth quarter of 2016, many across a month's end (reported in one month,
/// due or closed in the next); `frac` gives one closing a fraction of a second.
fn quarter_csv(frac: bool) -> String {
    let mut rows = vec![];
    for i in 0..60u32 {
        let (m, d) = (10 + i % 3, 1 + (i * 7) % 30);
        let grid = ["371323100201001", "371323100201002", "371323101201001"][(i % 3) as usize];
        let reported = format!("2016-{m:02}-{d:02}T09:00:00+08:00");
        // Due 5 to 15 days later, closed 2 to 20 days later (or open), rated or not.
        let (dm, dd) = if d + 5 + i % 11 > 30 {
            (m + 1, (d + 5 + i % 11) - 30)
        } else {
            (m, d + 5 + i % 11)
        };
        let (cm, cd) = if d + 2 + i % 19 > 30 {
            (m + 1, (d + 2 + i % 19) - 30)
        } else {
            (m, d + 2 + i % 19)
        };
        let due = format!(
            "{}-{dm:02}-{dd:02}T17:00:00+08:00",
            if dm > 12 { 2017 } else { 2016 }
        );
        let due = due.replace("2017-13", "2017-01");
        let closed = if i % 7 == 0 {
            String::new()
        } else {
            let sec = if frac && i == 8 { "00.5" } else { "00" };
            format!(
                "{}-{cm:02}-{cd:02}T12:00:{sec}+08:00",
                if cm > 12 { 2017 } else { 2016 }
            )
            .replace("2017-13", "2017-01")
        };
        let status = if closed.is_empty() {
            "assigned"
        } else {
            "closed"
        };
        let rating = ["satisfied", "", "basically_satisfied", "unsatisfied"][(i % 4) as usize];
        rows.push(format!(
            "Q{i},{grid},x,event,routine,t1,patrol,{reported},{due},{closed},{status},{rating}"
        ));
    }
    format!("{HEAD}\n{}\n", rows.join("\n"))
}

#[test]
fn each_month_of_a_quarter_equals_the_months_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut tried = 0;
    for frac in [false, true] {
        let records = file(&dir, "q.csv", &quarter_csv(frac));
        let path = records.to_str().unwrap();
        for (period, each, parts) in [
            ("2016-Q4", "month", vec!["2016-10", "2016-11", "2016-12"]),
            (
                "2016",
                "quarter",
                vec!["2016-Q1", "2016-Q2", "2016-Q3", "2016-Q4"],
            ),
        ] {
            for by in ["grid", "town"] {
                let common = ["--policy", "seed004", "--records", path, "--by", by];
                let mut args = common.to_vec();
                args.extend(["--period", period, "--each", each]);
                let (code, v) = run(&args);
                assert_eq!(code, 0, "{v}");
                assert_eq!(
                    (v["period"].as_str(), v["each"].as_str()),
                    (Some(period), Some(each))
                );
                let results = v["results"].as_array().unwrap();
                assert_eq!(results.len(), parts.len());
                for (got, part) in results.iter().zip(&parts) {
                    let mut args = common.to_vec();
                    args.extend(["--period", part]);
                    let (code, alone) = run(&args);
                    assert_eq!(code, 0, "{alone}");
                    assert_eq!(got, &alone, "{period} {each} {part} by {by} frac {frac}");
                    if part.starts_with("2016-1") || *part == "2016-Q4" {
                        let due: u64 = got["units"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .filter_map(|u| u["indicators"]["completion"]["denominator"].as_u64())
                            .sum();
                        assert!(due > 5, "{part}: {due} due");
                    }
                    tried += 1;
                }
            }
        }
    }
    assert_eq!(tried, 2 * 2 * (3 + 4));
}
