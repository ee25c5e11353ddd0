//! `wangge policy …` end to end: `check` refuses an unknown field or an inconsistent value
//! with exit 2 and a typed error naming the field; the bundled presets pass.

use assert_cmd::Command;
use serde_json::Value;

fn run(args: &[&str]) -> (i32, Value, String) {
    let out = Command::cargo_bin("wangge")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    (
        out.status.code().unwrap(),
        serde_json::from_str(&stdout).unwrap_or(Value::Null),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Writes `text` to a file in a fresh directory and runs `wangge policy check` on it.
fn check(name: &str, text: &str) -> (i32, Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    run(&["policy", "check", path.to_str().unwrap()])
}

const BASE: &str = "format = 1\nid = 'local'\nname = '本地'\nversion = '1'\n";

#[test]
fn a_valid_file_is_echoed_as_json() {
    let (code, out, _) = check(
        "p.toml",
        &format!("{BASE}[grid.division]\nbasic_households = {{ min = 250, max = 450 }}\n"),
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(out["id"], "local");
    assert_eq!(out["grid"]["division"]["basic_households"]["min"], 250);
    let (code, out, _) = check(
        "p.json",
        r#"{"format":1,"id":"j","name":"J","version":"2"}"#,
    );
    assert_eq!((code, out["id"].as_str()), (0, Some("j")));
}

#[test]
fn every_bundled_preset_checks() {
    for id in ["seed000", "seed001", "seed002", "seed003", "seed004"] {
        let (code, out, err) = run(&["policy", "check", id]);
        assert_eq!(code, 0, "{id}: {err}");
        assert_eq!(out["id"], id);
        let (code, shown, _) = run(&["policy", "show", id]);
        assert_eq!(code, 0);
        assert_eq!(shown, out, "{id}: check and show print the same file");
    }
}

#[test]
fn unknown_fields_exit_2_naming_the_field() {
    let cases = [
        (format!("{BASE}colour = 'red'\n"), "colour"),
        (format!("{BASE}[grid]\nbogus_rule = 1\n"), "bogus_rule"),
        (
            format!(
                "{BASE}[[staffing.templates]]\nid = 't'\n[[staffing.templates.roles]]\nrole = 'grid_head'\nqualification = 'x'\n"
            ),
            "qualification",
        ),
        (
            format!(
                "{BASE}[[staffing.templates]]\nid = 't'\n[[staffing.templates.composition]]\nid = 'c'\nroles = ['grid_worker']\ncommunity = 'suburb'\n"
            ),
            "suburb",
        ),
        (
            format!("{BASE}[admission]\napprover = ['town']\n"),
            "approver",
        ),
        (
            format!("{BASE}[calendar]\nweekdays = ['mon']\n"),
            "weekdays",
        ),
    ];
    for (text, field) in cases {
        let (code, out, err) = check("p.toml", &text);
        assert_eq!(code, 2, "{field}: {out}");
        assert_eq!(out["error"]["name"], "invalid_policy", "{out}");
        assert!(out["error"]["code"].is_number());
        assert!(
            out["error"]["message"].as_str().unwrap().contains(field),
            "{field}: {out}"
        );
        assert!(err.contains(field), "{field}: {err}");
    }
    // The same in a JSON file.
    let (code, out, _) = check(
        "p.json",
        r#"{"format":1,"id":"j","name":"J","version":"2","grid":{"levels":[],"extra":1}}"#,
    );
    assert_eq!(code, 2);
    assert_eq!(out["error"]["name"], "invalid_policy");
}

#[test]
fn inconsistent_values_exit_2_naming_the_field() {
    let cases = [
        (
            format!("{BASE}[grid.division]\nbasic_households = {{ min = 600, max = 500 }}\n"),
            "grid.division.basic_households",
        ),
        (
            format!("{BASE}[grid]\nsliver_tolerance_m = -1.0\n"),
            "grid.sliver_tolerance_m",
        ),
        (
            format!(
                "{BASE}[[staffing.templates]]\nid = 't'\n[[staffing.templates.roles]]\nrole = 'grid_head'\nmin = 2\nmax = 1\n"
            ),
            "staffing.templates[0].roles[0].min",
        ),
        (
            format!("{BASE}[[staffing.templates]]\nid = 't'\nlevels = ['basic_grid']\n"),
            "staffing.templates[0].levels[0]",
        ),
        (
            format!(
                "{BASE}[[admission.items]]\nlist = 'task'\ncode = 'A'\nname = 'a'\ndepartment = 'd'\nrole = 'lead'\n"
            ),
            "admission.approved",
        ),
        (
            format!("{BASE}[calendar]\ntime_zone = 'Nowhere/X'\n"),
            "calendar.time_zone",
        ),
    ];
    for (text, field) in cases {
        let (code, out, err) = check("p.toml", &text);
        assert_eq!(code, 2, "{field}: {out}");
        assert_eq!(out["error"]["name"], "invalid_policy", "{out}");
        assert!(
            out["error"]["message"].as_str().unwrap().contains(field),
            "{field}: {out}"
        );
        assert!(err.contains(field), "{field}: {err}");
    }
    let (code, out, _) = check(
        "p.toml",
        "format = 9\nid = 'x'\nname = 'x'\nversion = '1'\n",
    );
    assert_eq!(
        (code, out["error"]["name"].as_str()),
        (2, Some("unsupported_policy_version"))
    );
}
