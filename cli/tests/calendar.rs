//! `wangge calendar …` end to end: stdout JSON and exit codes, good and bad input.

use assert_cmd::Command;
use serde_json::{Value, json};

fn wangge(args: &[&str]) -> (i32, Value) {
    let out = Command::cargo_bin("wangge")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    let text = String::from_utf8(out.stdout).unwrap();
    let v = serde_json::from_str(text.trim()).unwrap_or(Value::Null);
    (code, v)
}

fn file(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

const Y2027: &str = r#"{"year": 2027, "sources": [{"title": "测试数据"}],
    "holidays": [{"name": "元旦", "off": ["2027-01-01..2027-01-03"]}]}"#;

#[test]
fn add_working_days_hours_minutes() {
    let (code, v) = wangge(&[
        "calendar",
        "add",
        "--start",
        "2026-09-28T10:00:00+08:00",
        "--working-days",
        "10",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v, json!({"deadline": "2026-10-16T17:30:00+08:00"}));
    let (_, v) = wangge(&[
        "calendar",
        "add",
        "--start",
        "2026-02-13T16:00:00+08:00",
        "--working-hours",
        "2",
    ]);
    assert_eq!(v, json!({"deadline": "2026-02-14T09:00:00+08:00"}));
    let (_, v) = wangge(&[
        "calendar",
        "add",
        "--start",
        "2026-03-09T03:30:00Z",
        "--working-minutes",
        "31",
    ]);
    assert_eq!(v, json!({"deadline": "2026-03-09T13:31:00+08:00"}));
    let (_, v) = wangge(&[
        "calendar",
        "add",
        "--start",
        "2026-02-16T10:00:00+08:00",
        "--natural-hours",
        "24",
    ]);
    assert_eq!(v, json!({"deadline": "2026-02-17T10:00:00+08:00"}));
}

#[test]
fn calendar_file_policy_and_injected_holidays() {
    let dir = tempfile::tempdir().unwrap();
    let cal = file(
        &dir,
        "cal.toml",
        "[[local_days]]\nname = '壮族三月三'\noff = ['2026-04-20..2026-04-21']\n",
    );
    let (code, v) = wangge(&[
        "calendar",
        "add",
        "--start",
        "2026-04-17T09:00:00+08:00",
        "--working-days",
        "5",
        "--calendar",
        &cal,
    ]);
    assert_eq!(code, 0);
    assert_eq!(v, json!({"deadline": "2026-04-28T17:30:00+08:00"}));
    let (_, v) = wangge(&["calendar", "day", "2026-04-20", "--calendar", &cal]);
    assert_eq!(v["name"], "壮族三月三");

    let (code, v) = wangge(&["calendar", "day", "2026-02-14", "--policy", "seed003"]);
    assert_eq!(code, 0);
    assert_eq!(v["kind"], "makeup_workday");
    let pol = file(
        &dir,
        "p.toml",
        "format = 1\nid = 'x'\nname = 'x'\nversion = '1'\n[calendar]\nunknown_years = 'weekends_only'\n",
    );
    let (_, v) = wangge(&["calendar", "day", "2031-05-06", "--policy", &pol]);
    assert_eq!(v["kind"], "workday");

    let hol = file(&dir, "2027.json", Y2027);
    let (code, v) = wangge(&[
        "calendar",
        "add",
        "--start",
        "2026-12-30T10:00:00+08:00",
        "--working-days",
        "5",
        "--holidays",
        &hol,
    ]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v, json!({"deadline": "2027-01-07T17:30:00+08:00"}));
    let (_, v) = wangge(&["calendar", "years", "--holidays", &hol]);
    assert_eq!(
        v["years"].as_array().unwrap().last().unwrap()["origin"],
        "injected"
    );
}

#[test]
fn between_day_next_working_days_years() {
    let (code, v) = wangge(&[
        "calendar",
        "between",
        "--start",
        "2026-02-13T17:00:00+08:00",
        "--end",
        "2026-02-28T09:30:00+08:00",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v, json!({"working_minutes": 2340}));
    let (_, v) = wangge(&["calendar", "day", "2026-02-14"]);
    assert_eq!(
        v,
        json!({"date": "2026-02-14", "working": true, "kind": "makeup_workday", "name": "春节"})
    );
    let (_, v) = wangge(&["calendar", "day", "2026-03-07"]);
    assert_eq!(v["kind"], "weekend");
    assert_eq!(v["name"], Value::Null);
    let (_, v) = wangge(&["calendar", "next", "--at", "2026-09-30T18:00:00+08:00"]);
    assert_eq!(v, json!({"next": "2026-10-08T08:30:00+08:00"}));
    let (_, v) = wangge(&[
        "calendar",
        "working-days",
        "--start",
        "2025-12-31",
        "--end",
        "2026-01-09",
    ]);
    assert_eq!(v, json!({"working_days": 6}));
    let (_, v) = wangge(&["calendar", "years"]);
    let years = v["years"].as_array().unwrap();
    assert_eq!(years[0]["year"], 2007);
    assert!(years.iter().any(|y| y["year"] == 2026));
}

#[test]
fn unknown_year_is_exit_2_with_code_300() {
    let (code, v) = wangge(&["calendar", "day", "2027-01-01"]);
    assert_eq!(code, 2);
    assert_eq!(v["error"]["code"], 300);
    assert_eq!(v["error"]["name"], "unknown_year");
    let (code, v) = wangge(&[
        "calendar",
        "add",
        "--start",
        "2026-12-30T10:00:00+08:00",
        "--working-days",
        "5",
    ]);
    assert_eq!(
        (code, v["error"]["name"].as_str()),
        (2, Some("unknown_year"))
    );
}

#[test]
fn bad_input_is_exit_2_with_a_typed_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = file(&dir, "bad.toml", "work_periods = [");
    let tz = file(&dir, "tz.toml", "time_zone = 'X/Y'");
    let big = file(&dir, "big.toml", &"#".repeat(2 << 20));
    let h1 = file(&dir, "h.json", r#"{"year": 2027}"#);
    let h2 = file(&dir, "h2.json", "{oops");
    let latin1 = dir.path().join("latin1.toml");
    std::fs::write(&latin1, [0xff, 0xfe, 0x41]).unwrap();
    let latin1 = latin1.to_str().unwrap().to_string();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["add", "--start", "tomorrow", "--working-days", "1"],
            "invalid_date_time",
        ),
        (vec!["day", "2026-02-30"], "invalid_date_time"),
        (vec!["day", "1800-01-01"], "calendar_out_of_range"),
        (
            vec!["day", "2026-02-14", "--calendar", &bad],
            "invalid_calendar",
        ),
        (
            vec!["day", "2026-02-14", "--calendar", &tz],
            "invalid_calendar",
        ),
        (
            vec!["day", "2026-02-14", "--calendar", &big],
            "input_too_large",
        ),
        (
            vec!["day", "2026-02-14", "--holidays", &h1],
            "invalid_holiday_data",
        ),
        (
            vec!["day", "2026-02-14", "--holidays", &h2],
            "invalid_holiday_data",
        ),
        (
            vec!["day", "2026-02-14", "--policy", "seed999"],
            "unknown_preset",
        ),
        (
            vec!["day", "2026-02-14", "--calendar", "/nonexistent/cal.toml"],
            "invalid_argument",
        ),
        (
            vec!["day", "2026-02-14", "--calendar", &latin1],
            "invalid_utf8",
        ),
    ];
    for (args, name) in cases {
        let mut full = vec!["calendar"];
        full.extend(&args);
        let (code, v) = wangge(&full);
        assert_eq!(code, 2, "{args:?}: {v}");
        assert_eq!(v["error"]["name"], name, "{args:?}: {v}");
    }
}

#[test]
fn usage_errors_are_exit_2() {
    let out = Command::cargo_bin("wangge")
        .unwrap()
        .args([
            "calendar",
            "add",
            "--start",
            "2026-03-09T10:00:00+08:00",
            "--working-days",
            "1",
            "--working-hours",
            "2",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::cargo_bin("wangge")
        .unwrap()
        .args(["calendar", "add", "--start", "2026-03-09T10:00:00+08:00"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::cargo_bin("wangge")
        .unwrap()
        .args([
            "calendar",
            "add",
            "--start",
            "2026-03-09T10:00:00+08:00",
            "--working-days",
            "-1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
