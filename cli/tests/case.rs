//! `wangge case …` end to end: the built binary, a real journal file, JSON Lines on stdout,
//! exit codes, atomic appends.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{Value, json};

const G: &str = "371323100201001";
const G2: &str = "371323100201002";
const TOWN: &str = "371323100000";

fn cmd(id: &str, case: &str, op: &str, at: &str, role: &str, unit: &str, args: Value) -> String {
    json!({"id": id, "case": case, "op": op, "at": at,
        "actor": {"person": format!("{role}-1"), "role": role, "unit": unit}, "args": args})
    .to_string()
}

fn report(id: &str, case: &str, at: &str) -> String {
    cmd(
        id,
        case,
        "report",
        at,
        "grid_worker",
        G,
        json!({"category": "邻里纠纷", "urgency": "routine", "grid": G}),
    )
}

struct Run {
    code: i32,
    lines: Vec<Value>,
    stdout: String,
}

fn run(args: &[&str], stdin: &str) -> Run {
    let out = Command::cargo_bin("wangge")
        .unwrap()
        .args(args)
        .write_stdin(stdin.to_owned())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines = stdout
        .lines()
        .filter(|l| !l.is_empty() && l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    Run {
        code: out.status.code().unwrap(),
        lines,
        stdout,
    }
}

fn apply(policy: &str, journal: &Path, stdin: &[String]) -> Run {
    run(
        &[
            "case",
            "apply",
            "--policy",
            policy,
            "--journal",
            journal.to_str().unwrap(),
        ],
        &stdin.join("\n"),
    )
}

fn tmp() -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let j = d.path().join("cases.jsonl");
    (d, j)
}

#[test]
fn apply_creates_the_journal_and_prints_one_line_per_command() {
    let (_d, j) = tmp();
    let r = apply(
        "seed003",
        &j,
        &[
            report("k1", "C1", "2026-02-13T09:00:00+08:00"),
            cmd(
                "k2",
                "C1",
                "accept",
                "2026-02-13T09:10:00+08:00",
                "grid_worker",
                G,
                json!({}),
            ),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.lines.len(), 2);
    assert_eq!(r.lines[0]["command"], "k1");
    assert_eq!(r.lines[0]["facts"][0]["type"], "reported");
    assert_eq!(r.lines[1]["facts"][0]["type"], "accepted");
    let text = std::fs::read_to_string(&j).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    let header: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(
        (header["format"].as_str(), header["version"].as_u64()),
        (Some("wangge.case.journal"), Some(1))
    );
}

#[test]
fn refused_commands_exit_1_and_only_accepted_facts_are_appended() {
    let (_d, j) = tmp();
    apply(
        "seed003",
        &j,
        &[report("k1", "C1", "2026-02-13T09:00:00+08:00")],
    );
    let before = std::fs::read_to_string(&j).unwrap();
    let r = apply(
        "seed003",
        &j,
        &[
            // another grid's worker: out of jurisdiction
            cmd(
                "k2",
                "C1",
                "accept",
                "2026-02-13T09:10:00+08:00",
                "grid_worker",
                G2,
                json!({}),
            ),
            "{not json".to_string(),
            cmd(
                "k3",
                "C1",
                "accept",
                "2026-02-13T09:20:00+08:00",
                "grid_worker",
                G,
                json!({}),
            ),
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert_eq!(r.lines.len(), 3);
    assert_eq!(r.lines[0]["error"]["name"], "case_out_of_jurisdiction");
    assert_eq!(r.lines[0]["error"]["code"], 451);
    assert_eq!(r.lines[1]["error"]["name"], "invalid_command");
    assert!(r.lines[2]["facts"].is_array());
    let after = std::fs::read_to_string(&j).unwrap();
    assert!(after.starts_with(&before));
    assert_eq!(after.lines().count(), before.lines().count() + 1);
}

#[test]
fn a_command_id_already_in_the_journal_has_no_effect() {
    let (_d, j) = tmp();
    let cmds = [report("k1", "C1", "2026-02-13T09:00:00+08:00")];
    assert_eq!(apply("seed003", &j, &cmds).code, 0);
    let before = std::fs::read(&j).unwrap();
    let r = apply("seed003", &j, &cmds);
    assert_eq!(r.code, 0);
    assert_eq!(r.lines[0]["facts"], json!([]));
    assert_eq!(std::fs::read(&j).unwrap(), before);
}

#[test]
fn a_bad_journal_exits_2_names_the_line_and_writes_nothing() {
    let (_d, j) = tmp();
    apply(
        "seed003",
        &j,
        &[report("k1", "C1", "2026-02-13T09:00:00+08:00")],
    );
    let mut text = std::fs::read_to_string(&j).unwrap();
    text.push_str("{\"case\": \"C1\", \"type\": \"nonsense\"}\n");
    std::fs::write(&j, &text).unwrap();
    let r = apply(
        "seed003",
        &j,
        &[cmd(
            "k2",
            "C1",
            "accept",
            "2026-02-13T09:10:00+08:00",
            "grid_worker",
            G,
            json!({}),
        )],
    );
    assert_eq!(r.code, 2);
    assert_eq!(r.lines[0]["error"]["name"], "invalid_journal");
    assert!(
        r.lines[0]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("line 3")
    );
    assert_eq!(std::fs::read_to_string(&j).unwrap(), text);
    std::fs::write(&j, "{\"format\":\"wangge.case.journal\",\"version\":7}\n").unwrap();
    let r = run(
        &[
            "case",
            "replay",
            "--policy",
            "seed003",
            "--journal",
            j.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(
        (r.code, r.lines[0]["error"]["code"].as_u64()),
        (2, Some(457))
    );
    let r = apply("nowhere", &j, &[]);
    // a bare word that is no preset: unknown_preset, with the list
    assert_eq!(
        (r.code, r.lines[0]["error"]["name"].as_str()),
        (2, Some("unknown_preset"))
    );
}

#[test]
fn replay_at_an_instant_gives_deadlines_and_colours() {
    let (d, j) = tmp();
    apply(
        "seed003",
        &j,
        &[
            report("k1", "C1", "2026-02-13T09:00:00+08:00"),
            cmd(
                "k2",
                "C1",
                "accept",
                "2026-02-13T09:10:00+08:00",
                "grid_worker",
                G,
                json!({}),
            ),
            cmd(
                "k3",
                "C2",
                "report",
                "2026-02-13T09:30:00+08:00",
                "grid_worker",
                G,
                json!({"category": "安全生产", "urgency": "important", "grid": G}),
            ),
        ],
    );
    let jp = j.to_str().unwrap();
    let r = run(
        &[
            "case",
            "replay",
            "--policy",
            "seed003",
            "--journal",
            jp,
            "--at",
            "2026-03-02T16:00:00+08:00",
        ],
        "",
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.lines.len(), 2);
    let c1 = &r.lines[0];
    assert_eq!(
        (
            c1["case"].as_str(),
            c1["status"].as_str(),
            c1["tier"].as_str()
        ),
        (Some("C1"), Some("accepted"), Some("t1"))
    );
    // handle 7 working days from Fri 13 Feb: 14 (make-up), 24–28 (28th make-up), 2 Mar
    assert_eq!(c1["due"]["stage"], "2026-03-02T17:30:00+08:00");
    assert_eq!(c1["colour"], "yellow");
    let c2 = &r.lines[1];
    assert_eq!(
        (c2["handler"].as_str(), c2["status"].as_str()),
        (Some(TOWN), Some("reported"))
    );
    // accept 2 working days from Fri 13 Feb: the 14th and the 24th; long past on 2 Mar
    assert_eq!(c2["due"]["stage"], "2026-02-24T17:30:00+08:00");
    assert_eq!(c2["colour"], "red");
    // a policy file works as well as a preset
    let pf = d.path().join("p.toml");
    std::fs::write(&pf, "format = 1\nid = 'x'\nname = 'x'\nversion = '1'\n[case.progress_colours]\ngreen_max_percent = 99\n").unwrap();
    let r = run(
        &[
            "case",
            "replay",
            "--policy",
            pf.to_str().unwrap(),
            "--journal",
            jp,
            "--at",
            "2026-03-02T16:00:00+08:00",
        ],
        "",
    );
    assert_eq!(r.lines[0]["colour"], "green");
}

#[test]
fn records_as_csv_and_jsonl() {
    let (_d, j) = tmp();
    apply(
        "seed003",
        &j,
        &[
            report("k1", "C1", "2026-02-13T09:00:00+08:00"),
            cmd(
                "k2",
                "C1",
                "supervise",
                "2026-02-13T10:00:00+08:00",
                "county_centre",
                "371323",
                json!({"level": "red", "reason": "群众多次反映, 需加快"}),
            ),
        ],
    );
    let jp = j.to_str().unwrap();
    let r = run(
        &[
            "case",
            "records",
            "--policy",
            "seed003",
            "--journal",
            jp,
            "--format",
            "csv",
        ],
        "",
    );
    assert_eq!(r.code, 0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], wangge::record::CSV_COLUMNS.join(","));
    assert_eq!(lines.len(), 2);
    let cells: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(cells.len(), wangge::record::CSV_COLUMNS.len());
    assert_eq!(
        (cells[0], cells[1], cells[13], cells[15]),
        ("C1", G, "reported", "red")
    );
    let r = run(
        &["case", "records", "--policy", "seed003", "--journal", jp],
        "",
    );
    let rec: wangge::record::CaseRecord = serde_json::from_value(r.lines[0].clone()).unwrap();
    assert_eq!(rec.supervision, wangge::record::Supervision::Red);
}

#[test]
fn tick_appends_breaches_and_history_reads_them() {
    let (_d, j) = tmp();
    apply(
        "seed003",
        &j,
        &[report("k1", "C1", "2026-02-13T09:00:00+08:00")],
    );
    let jp = j.to_str().unwrap();
    let r = run(
        &[
            "case",
            "tick",
            "--policy",
            "seed003",
            "--journal",
            jp,
            "--at",
            "2026-02-25T09:00:00+08:00",
        ],
        "",
    );
    assert_eq!(r.code, 0);
    assert_eq!(r.lines.len(), 1);
    assert_eq!(r.lines[0]["type"], "breached");
    assert_eq!(r.lines[0]["due"], "2026-02-24T17:30:00+08:00");
    let r = run(&["case", "history", "--journal", jp, "--case", "C1"], "");
    let kinds: Vec<&str> = r
        .lines
        .iter()
        .map(|l| l["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, vec!["reported", "breached"]);
    let r = run(
        &["case", "replay", "--policy", "seed003", "--journal", jp],
        "",
    );
    assert_eq!(
        (
            r.lines[0]["tier"].as_str(),
            r.lines[0]["supervision"].as_str()
        ),
        (Some("t2"), Some("yellow"))
    );
}

#[test]
fn tick_reports_a_missed_check_in_once() {
    let (_d, j) = tmp();
    let safety = json!({"category": "安全生产", "urgency": "routine", "grid": G});
    let r = apply(
        "seed003",
        &j,
        &[
            cmd(
                "k1",
                "C1",
                "report",
                "2026-03-02T09:00:00+08:00",
                "grid_worker",
                G,
                safety,
            ),
            cmd(
                "k2",
                "C1",
                "accept",
                "2026-03-02T09:10:00+08:00",
                "town_centre",
                TOWN,
                json!({}),
            ),
            cmd(
                "k3",
                "C1",
                "summon",
                "2026-03-02T09:30:00+08:00",
                "town_centre",
                TOWN,
                json!({"departments": ["housing"]}),
            ),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    let jp = j.to_str().unwrap();
    let tick = |at: &str| {
        run(
            &[
                "case",
                "tick",
                "--policy",
                "seed003",
                "--journal",
                jp,
                "--at",
                at,
            ],
            "",
        )
    };
    // check-in within 1 working day: Monday 09:30 → Tuesday 17:30
    assert!(tick("2026-03-03T17:00:00+08:00").lines.is_empty());
    let r = tick("2026-03-04T09:00:00+08:00");
    assert_eq!(r.code, 0);
    assert_eq!(r.lines.len(), 1, "{}", r.stdout);
    assert_eq!(
        (
            &r.lines[0]["clock"],
            &r.lines[0]["department"],
            &r.lines[0]["due"]
        ),
        (
            &json!("check_in"),
            &json!("housing"),
            &json!("2026-03-03T17:30:00+08:00")
        )
    );
    // appended to the journal: not again
    assert!(tick("2026-03-04T10:00:00+08:00").lines.is_empty());
}
