//! Hostile input (issue 11): nothing a user types or feeds makes `wangge` panic, hang,
//! exhaust memory or print nonsense. Each case the issue lists is one test here.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_wangge")
}

fn wangge(args: &[&str]) -> Output {
    Command::new(bin()).args(args).output().expect("run wangge")
}

/// Runs with `input` on standard input.
fn wangge_in(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run wangge");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // The command may stop reading early (a cap): a failed write is expected then.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("wait");
    writer.join().unwrap();
    out
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON value ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

/// Exit 2 with the JSON error object of this name on stdout, the message on stderr, no
/// panic and no internal error; returns the message.
fn assert_error(o: &Output, name: &str) -> String {
    let v = json(o);
    assert_eq!(o.status.code(), Some(2), "{v}");
    assert_eq!(v["error"]["name"], name, "{v}");
    assert!(v["error"]["code"].is_u64(), "{v}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("wangge: error"), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("internal"),
        "{err}"
    );
    v["error"]["message"].as_str().unwrap().to_string()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A layer of one polygon (exterior, then holes) as GeoJSON, with an optional `crs`.
fn layer(rings: &[&[(f64, f64)]], crs: Option<&str>) -> String {
    let coords: Vec<Value> = rings
        .iter()
        .map(|r| Value::from(r.iter().map(|&(x, y)| vec![x, y]).collect::<Vec<_>>()))
        .collect();
    let mut fc = serde_json::json!({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"code": "371323100201001"},
        "geometry": {"type": "Polygon", "coordinates": coords}}]});
    if let Some(c) = crs {
        fc["crs"] = serde_json::from_str(c).unwrap();
    }
    fc.to_string()
}

fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Vec<(f64, f64)> {
    vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
}

// 1. Panics, aborts and unbounded memory.

#[test]
fn numeric_flags_out_of_range_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o.geojson");
    let pts = dir.path().join("p.jsonl");
    let (out, pts) = (s(&out), s(&pts));
    let cases: Vec<Vec<&str>> = vec![
        vec![
            "grid",
            "generate",
            "--grids",
            "10",
            "--points",
            "18446744073709551615",
            "--points-out",
            pts,
            "--out",
            out,
        ],
        vec![
            "grid",
            "generate",
            "--grids",
            "10",
            "--points",
            "1000000000",
            "--points-out",
            pts,
            "--out",
            out,
        ],
        vec![
            "grid",
            "generate",
            "--grids",
            "10",
            "--points",
            "10000001",
            "--points-out",
            pts,
            "--out",
            out,
        ],
        vec!["grid", "generate", "--grids", "0", "--out", out],
        vec!["grid", "generate", "--grids", "500001", "--out", out],
        vec![
            "grid", "generate", "--grids", "10", "--towns", "0", "--out", out,
        ],
        vec![
            "grid",
            "generate",
            "--grids",
            "10",
            "--fault",
            "overlap",
            "--fault-metres=1e308",
            "--out",
            out,
        ],
        vec![
            "grid",
            "generate",
            "--grids",
            "10",
            "--fault",
            "overlap",
            "--fault-metres",
            "NaN",
            "--out",
            out,
        ],
        vec![
            "grid",
            "generate",
            "--grids",
            "10",
            "--fault",
            "gap",
            "--fault-metres",
            "inf",
            "--out",
            out,
        ],
        vec![
            "grid",
            "generate",
            "--grids",
            "10",
            "--fault",
            "gap",
            "--fault-metres=-1",
            "--out",
            out,
        ],
        vec![
            "grid",
            "generate",
            "--grids",
            "10",
            "--fault",
            "gap",
            "--fault-metres",
            "0",
            "--out",
            out,
        ],
        vec!["demo", "--grids", "10", "--points", "100000000"],
        vec!["demo", "--grids", "1"],
        vec!["grid", "validate", out, "--tolerance-m", "NaN"],
        vec!["grid", "validate", out, "--tolerance-m=-0.5"],
        vec!["grid", "validate", out, "--tolerance-m", "1e308"],
        vec!["grid", "validate", out, "--max-input-bytes", "0"],
        vec![
            "calendar",
            "add",
            "--start",
            "2026-01-05T09:00:00+08:00",
            "--working-days",
            "99999999999",
        ],
    ];
    for args in cases {
        let started = Instant::now();
        let o = wangge(&args);
        let m = assert_error(&o, "invalid_argument");
        assert!(m.starts_with("usage: "), "{args:?}: {m}");
        assert!(started.elapsed() < Duration::from_secs(20), "{args:?}");
    }
}

#[test]
fn points_within_the_limit_stream_to_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let pts = dir.path().join("p.jsonl");
    let o = wangge(&[
        "grid",
        "generate",
        "--grids",
        "10",
        "--points",
        "2500",
        "--points-out",
        s(&pts),
        "--out",
        s(&dir.path().join("o.geojson")),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&pts).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2500);
    assert_eq!(lines[2499]["id"], 2499);
}

/// `/dev/zero` and endless pipes stop at the cap with `input_too_large`, quickly, within
/// a memory bound (the address space is limited well below what reading on would take).
#[test]
fn endless_inputs_stop_at_the_cap() {
    let zero = Path::new("/dev/zero");
    if !zero.exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        dir.path(),
        "l.geojson",
        &layer(&[&rect(118.0, 35.0, 119.0, 36.0)], None),
    );
    let cases: Vec<Vec<&str>> = vec![
        vec!["policy", "check", "/dev/zero"],
        vec![
            "grid",
            "validate",
            "/dev/zero",
            "--max-input-bytes",
            "1000000",
        ],
        vec![
            "grid",
            "validate",
            s(&good),
            "--parent",
            "/dev/zero",
            "--max-input-bytes",
            "1000000",
        ],
        vec!["grid", "validate", s(&good), "--policy", "/dev/zero"],
        vec!["calendar", "day", "2026-01-01", "--holidays", "/dev/zero"],
        vec!["calendar", "day", "2026-01-01", "--calendar", "/dev/zero"],
        vec!["admission", "validate", "--file", "/dev/zero"],
        vec!["admission", "tally", "/dev/zero"],
        vec![
            "roster",
            "holder",
            "--roster",
            "/dev/zero",
            "--grid",
            "371323100201001",
            "--role",
            "网格长",
            "--on",
            "2026-01-01",
            "--max-roster-bytes",
            "1000000",
        ],
        vec![
            "grid",
            "locate",
            "/dev/zero",
            "--max-input-bytes",
            "1000000",
        ],
    ];
    for args in cases {
        let started = Instant::now();
        // 400 MB of address space: the 64 MiB cap fits (the buffer doubles up to 128 MiB),
        // reading /dev/zero on would not.
        let line = format!(
            "ulimit -v 400000; exec {} {}",
            bin(),
            args.iter()
                .map(|a| format!("'{a}'"))
                .collect::<Vec<_>>()
                .join(" ")
        );
        let o = Command::new("sh").args(["-c", &line]).output().unwrap();
        let m = assert_error(&o, "input_too_large");
        assert!(m.contains("limit of"), "{m}");
        assert!(
            m.contains("--max-input-bytes") || m.contains("--max-roster-bytes"),
            "{m}"
        );
        assert!(started.elapsed() < Duration::from_secs(30), "{args:?}");
    }
}

/// A stream on standard input larger than the cap: the error, and the command exits
/// without reading the rest.
#[test]
fn a_pipe_larger_than_the_cap_is_refused() {
    let big = vec![b' '; 8 << 20];
    for args in [
        vec!["grid", "validate", "-", "--max-input-bytes", "1000000"],
        vec!["policy", "check", "-", "--max-input-bytes", "1000000"],
        vec!["admission", "tally", "-", "--max-input-bytes", "1000000"],
    ] {
        let started = Instant::now();
        let o = wangge_in(&args, &big);
        let m = assert_error(&o, "input_too_large");
        assert!(m.contains("standard input") && m.contains("1000000"), "{m}");
        assert!(started.elapsed() < Duration::from_secs(20));
    }
    // Within the cap, standard input is read like a file.
    let text = layer(&[&rect(118.0, 35.0, 119.0, 36.0)], None);
    let o = wangge_in(&["grid", "validate", "-"], text.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json(&o)["valid"], true);
    let o = wangge_in(&["policy", "check", "-"], b"{");
    assert_error(&o, "invalid_policy");
}

// 2. Wrong answers.

#[test]
fn a_box_spanning_most_of_the_world_locates_its_points() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "box.geojson",
        &layer(&[&rect(-100.0, -80.0, 180.0, 80.0)], None),
    );
    let o = wangge(&["grid", "validate", s(&f)]);
    assert_eq!(json(&o)["valid"], true);
    let o = wangge_in(
        &["grid", "locate", s(&f)],
        b"{\"id\":1,\"lon\":118.5,\"lat\":35.8}\n{\"id\":2,\"lon\":-100.5,\"lat\":0}\n",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lines: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["code"], "371323100201001");
    assert_eq!(lines[1]["code"], Value::Null);
}

/// Validation and location agree: a hole larger than its shell (or crossing it) is an
/// invalid geometry to both.
#[test]
fn validation_and_location_agree_on_holes() {
    let dir = tempfile::tempdir().unwrap();
    let shell = rect(0.0, 0.0, 1.0, 1.0);
    for (hole, ok) in [
        (rect(0.2, 0.2, 0.4, 0.4), true),
        (rect(-1.0, -1.0, 2.0, 2.0), false),
        (rect(0.0, 0.0, 2.0, 2.0), false),
        (rect(0.5, 0.5, 3.0, 3.0), false),
    ] {
        let f = write(dir.path(), "h.geojson", &layer(&[&shell, &hole], None));
        let v = json(&wangge(&["grid", "validate", s(&f)]));
        let invalid = v["violations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["kind"] == "invalid_geometry");
        assert_eq!(!invalid, ok, "{hole:?}: {v}");
        let o = wangge_in(
            &["grid", "locate", s(&f)],
            b"{\"id\":1,\"lon\":0.1,\"lat\":0.1}\n",
        );
        if ok {
            assert!(o.status.success());
        } else {
            assert_error(&o, "invalid_geometry");
        }
    }
}

// 3. Non-finite numbers.

#[test]
fn huge_coordinates_give_finite_output() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "big.geojson",
        &layer(
            &[&[
                (1e308, 35.8),
                (118.01, 35.0),
                (118.01, 35.01),
                (1e308, 35.8),
            ]],
            None,
        ),
    );
    let o = wangge(&["grid", "validate", s(&f)]);
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(
        !text.contains("null") && !text.contains("inf") && !text.contains("NaN"),
        "{text}"
    );
    let v = json(&o);
    assert_eq!(v["violations"][0]["at"][0], 1e308);
    assert!(!text.contains("00000000000000000000"), "{text}");
    let o = wangge_in(
        &["grid", "locate", s(&f)],
        b"{\"id\":1,\"lon\":1e308,\"lat\":35.8}\n",
    );
    assert_error(&o, "invalid_geometry");
}

// 4. Bounded reports.

#[test]
fn many_overlapping_squares_give_a_small_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut state = 11u64;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 40) as f64 / (1u64 << 24) as f64
    };
    let features: Vec<Value> = (1..=120)
        .map(|k| {
            let (x, y, w) = (
                118.0 + next() * 0.05,
                35.0 + next() * 0.05,
                0.01 + next() * 0.03,
            );
            let r = rect(x, y, x + w, y + w);
            serde_json::json!({"type": "Feature",
                "properties": {"code": format!("371323100201{k:03}")},
                "geometry": {"type": "Polygon",
                    "coordinates": [r.iter().map(|&(a, b)| vec![a, b]).collect::<Vec<_>>()]}})
        })
        .collect();
    let fc = serde_json::json!({"type": "FeatureCollection", "features": features});
    let f = write(dir.path(), "squares.geojson", &fc.to_string());
    let started = Instant::now();
    let o = wangge(&["grid", "validate", s(&f)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.len() < 4 << 20, "{} bytes", o.stdout.len());
    let v = json(&o);
    assert!(v["omitted"].as_u64().unwrap() > 0, "no violation left out");
    assert!(v["violations"].as_array().unwrap().len() <= 8 * 500);
    assert!(started.elapsed() < Duration::from_secs(60));
}

// 5. One CLI surface.

#[test]
fn usage_errors_are_json_with_exit_2() {
    for (args, has) in [
        (vec!["grid", "validate"], "required"),
        (vec!["grid", "validate", "x", "--frob"], "--frob"),
        (vec!["calendar", "day"], "required"),
        (
            vec![
                "admission",
                "check",
                "--list",
                "frob",
                "--preset",
                "seed000",
                "--code",
                "X",
                "--on",
                "2020-01-01",
            ],
            "task, service, report, summon",
        ),
        (vec!["frob"], "frob"),
        (vec![], "subcommand"),
    ] {
        let m = assert_error(&wangge(&args), "invalid_argument");
        assert!(m.contains(has), "{args:?}: {m}");
    }
    let help = wangge(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("Usage"));
}

#[test]
fn policy_takes_a_preset_or_a_file_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "l.geojson",
        &layer(&[&rect(118.0, 35.0, 118.01, 35.01)], None),
    );
    let roster = write(
        dir.path(),
        "r.json",
        r#"{"format":1,"people":[],"assignments":[]}"#,
    );
    let unknown: Vec<Vec<&str>> = vec![
        vec!["grid", "validate", s(&f), "--policy", "seed009"],
        vec!["calendar", "day", "2026-01-01", "--policy", "seed009"],
        vec!["policy", "check", "seed009"],
        vec![
            "roster",
            "validate",
            "--policy",
            "seed009",
            "--roster",
            s(&roster),
            "--grids",
            s(&f),
            "--on",
            "2026-01-01",
        ],
        vec![
            "admission",
            "list",
            "--policy",
            "seed009",
            "--on",
            "2020-01-01",
        ],
    ];
    for args in unknown {
        let m = assert_error(&wangge(&args), "unknown_preset");
        assert!(
            m.contains("seed000") && m.contains("seed004"),
            "{args:?}: {m}"
        );
    }
    // A preset through --policy is the preset.
    let a = wangge(&[
        "admission",
        "list",
        "--policy",
        "seed000",
        "--on",
        "2020-01-01",
    ]);
    let b = wangge(&[
        "admission",
        "list",
        "--preset",
        "seed000",
        "--on",
        "2020-01-01",
    ]);
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stdout));
    assert_eq!(a.stdout, b.stdout);
    // A file through --policy is read.
    let shown = wangge(&["policy", "show", "seed003"]);
    let p = write(
        dir.path(),
        "p.json",
        &String::from_utf8(shown.stdout).unwrap(),
    );
    let o = wangge(&["calendar", "day", "2026-02-14", "--policy", s(&p)]);
    assert!(o.status.success());
    // A missing file (a path) is a read error, not a preset error.
    let o = wangge(&[
        "calendar",
        "day",
        "2026-02-14",
        "--policy",
        "./no/such.toml",
    ]);
    assert_error(&o, "invalid_argument");
}

#[test]
fn broken_pipes_end_quietly() {
    for args in [
        vec!["grid", "generate", "--grids", "1358"],
        vec!["policy", "show", "seed003"],
        vec!["demo", "--grids", "50", "--points", "100"],
    ] {
        let mut child = Command::new(bin())
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = child.stdout.take().unwrap();
        let mut first = [0u8; 10];
        out.read_exact(&mut first).unwrap();
        drop(out);
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
        assert!(!err.contains("error"), "{args:?}: {err}");
    }
}

#[test]
fn the_layer_crs_is_honoured_or_refused() {
    let dir = tempfile::tempdir().unwrap();
    // A grid drawn on an Amap (GCJ-02) basemap: offset ≈ 500 m from WGS84 around here.
    let (x0, y0, x1, y1) = (118.50, 35.80, 118.51, 35.81);
    let gcj = write(
        dir.path(),
        "g.geojson",
        &layer(&[&rect(x0, y0, x1, y1)], Some("\"GCJ-02\"")),
    );
    let plain = write(
        dir.path(),
        "w.geojson",
        &layer(&[&rect(x0, y0, x1, y1)], None),
    );
    // A WGS84 point just inside the west side of the GCJ-02 square's true position
    // (GCJ-02 lies east of WGS84 here, so the square moves about 0.005° west).
    let probe = b"{\"id\":1,\"lon\":118.497,\"lat\":35.8035}\n";
    let line = |f: &Path| -> Value {
        let o = wangge_in(&["grid", "locate", s(f)], probe);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
        serde_json::from_slice(&o.stdout).unwrap()
    };
    assert_eq!(line(&gcj)["code"], "371323100201001");
    assert_eq!(line(&plain)["code"], Value::Null);
    for crs in [
        "\"EPSG:3857\"",
        "{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:3857\"}}",
        "\"gcj03\"",
    ] {
        let f = write(
            dir.path(),
            "m.geojson",
            &layer(&[&rect(x0, y0, x1, y1)], Some(crs)),
        );
        assert_error(&wangge(&["grid", "validate", s(&f)]), "unknown_crs");
        assert_error(&wangge_in(&["grid", "locate", s(&f)], probe), "unknown_crs");
    }
}

#[test]
fn locate_echoes_ids_verbatim() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "l.geojson",
        &layer(&[&rect(118.0, 35.0, 119.0, 36.0)], None),
    );
    let input = "{\"id\":123456789012345678901234567890,\"lon\":118.5,\"lat\":35.8}\n\
                 {\"id\":18446744073709551617,\"lon\":118.5,\"lat\":35.8}\n\
                 {\"id\":1.50,\"lon\":118.5,\"lat\":35.8}\n\
                 {\"id\":\"a\\u00e9\",\"lon\":118.5,\"lat\":35.8}\n\
                 {\"id\":12345678901234567890123,\"lon\":500,\"lat\":35.8}\n";
    let o = wangge_in(&["grid", "locate", s(&f)], input.as_bytes());
    let text = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("{\"id\":123456789012345678901234567890,"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("{\"id\":18446744073709551617,"),
        "{}",
        lines[1]
    );
    assert!(lines[2].starts_with("{\"id\":1.50,"), "{}", lines[2]);
    assert!(
        lines[3].starts_with("{\"id\":\"a\\u00e9\","),
        "{}",
        lines[3]
    );
    assert!(
        lines[4].starts_with("{\"id\":12345678901234567890123,\"line\":5,"),
        "{}",
        lines[4]
    );
}

#[test]
fn messages_are_short_and_not_repeated() {
    let dir = tempfile::tempdir().unwrap();
    let line = format!("name = 1\nid = \"{}\" x\n", "x".repeat(5 << 20));
    let f = write(dir.path(), "big.toml", &line);
    let o = wangge(&["policy", "check", s(&f)]);
    let m = assert_error(&o, "invalid_policy");
    assert!(m.len() < 1000, "{} bytes", m.len());
    assert!(o.stderr.len() < 2000);
    // No segment of a message repeated back to back.
    let holidays = write(dir.path(), "h.json", "{");
    let m = assert_error(
        &wangge(&["calendar", "day", "2027-01-01", "--holidays", s(&holidays)]),
        "invalid_holiday_data",
    );
    let parts: Vec<&str> = m.split(": ").collect();
    assert!(parts.windows(2).all(|w| w[0] != w[1]), "{m}");
}

#[test]
fn bad_dates_in_files_name_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let tally = write(
        dir.path(),
        "t.json",
        r#"[{"department":"a","item":"b","date":"2020-13-01","list":"task"}]"#,
    );
    let m = assert_error(&wangge(&["admission", "tally", s(&tally)]), "invalid_json");
    assert!(m.contains("entry 1") && m.contains("date"), "{m}");
    let step = br#"{"action":"approve","code":"RW-001","date":"2026-13-10","by":{"unit":"county_governance_office"},"document":"x"}"#;
    let m = assert_error(
        &wangge_in(
            &[
                "admission",
                "transition",
                "--preset",
                "seed000",
                "--transition",
                "-",
            ],
            step,
        ),
        "invalid_date_time",
    );
    assert!(m.contains("transition.date"), "{m}");
    let grids = write(dir.path(), "g.json", r#"[{"code":"371323100201001"}]"#);
    let done = write(
        dir.path(),
        "c.json",
        r#"[{"instance":"x","date":"2026-13-01"}]"#,
    );
    let m = assert_error(
        &wangge(&[
            "admission",
            "completion",
            "--preset",
            "seed000",
            "--grids",
            s(&grids),
            "--from",
            "2026-01-01",
            "--to",
            "2026-02-01",
            "--completions",
            s(&done),
        ]),
        "invalid_json",
    );
    assert!(m.contains("completions[0].date"), "{m}");
}

// 6. Case and score commands under the limits policy.

/// Runs `wangge` with `args` under a 400 MB address-space limit, standard input from
/// `stdin` (a path) when given.
fn wangge_limited(args: &[&str], stdin: Option<&str>) -> Output {
    let quoted = args
        .iter()
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let redirect = stdin.map(|p| format!(" < '{p}'")).unwrap_or_default();
    let line = format!("ulimit -v 400000; exec {} {quoted}{redirect}", bin());
    Command::new("sh").args(["-c", &line]).output().unwrap()
}

/// The journal (every case command), the command stream and the records file are read
/// through the capped readers: `/dev/zero` stops with `input_too_large`, both at a cap
/// set with `--max-input-bytes` and at the default caps (1 GiB, 4 GiB), which a 400 MB address
/// space cannot reach (the allocation failure is the same typed error).
#[test]
fn case_and_score_inputs_stop_at_the_cap() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("j.jsonl");
    let at = "--at=2026-03-01T00:00:00+08:00";
    let readers: Vec<Vec<&str>> = vec![
        vec![
            "case",
            "replay",
            "--policy",
            "seed001",
            "--journal",
            "/dev/zero",
        ],
        vec![
            "case",
            "records",
            "--policy",
            "seed001",
            "--journal",
            "/dev/zero",
        ],
        vec!["case", "history", "--journal", "/dev/zero", "--case", "C1"],
        vec![
            "case",
            "tick",
            "--policy",
            "seed001",
            "--journal",
            "/dev/zero",
            at,
        ],
        vec![
            "case",
            "apply",
            "--policy",
            "seed001",
            "--journal",
            "/dev/zero",
        ],
        vec![
            "score",
            "--policy",
            "seed001",
            "--records",
            "/dev/zero",
            "--period",
            "2016-12",
        ],
    ];
    for args in &readers {
        for capped in [true, false] {
            let mut args = args.clone();
            if capped {
                args.extend(["--max-input-bytes", "1000000"]);
            }
            let started = Instant::now();
            let o = wangge_limited(&args, Some("/dev/null"));
            let m = assert_error(&o, "input_too_large");
            assert!(
                m.contains("/dev/zero") && m.contains("--max-input-bytes"),
                "{m}"
            );
            if capped {
                assert!(m.contains("limit of 1000000 bytes"), "{args:?}: {m}");
            }
            assert!(started.elapsed() < Duration::from_secs(30), "{args:?}");
        }
    }
    // The commands of `case apply`: /dev/zero on standard input, at the default 64 MiB
    // cap. Nothing is written.
    let j = s(&journal);
    let o = wangge_limited(
        &["case", "apply", "--policy", "seed001", "--journal", j],
        Some("/dev/zero"),
    );
    let m = assert_error(&o, "input_too_large");
    assert!(
        m.contains("standard input") && m.contains("67108864"),
        "{m}"
    );
    assert!(!journal.exists());
    // A pipe larger than a small cap is refused without being read to its end.
    let big = vec![b'\n'; 8 << 20];
    let o = wangge_in(
        &[
            "case",
            "apply",
            "--policy",
            "seed001",
            "--journal",
            j,
            "--max-input-bytes",
            "1000000",
        ],
        &big,
    );
    let m = assert_error(&o, "input_too_large");
    assert!(m.contains("standard input") && m.contains("1000000"), "{m}");
    assert!(!journal.exists());
}

/// One command more than the per-run limit: `input_too_large` before any is applied.
#[test]
fn too_many_commands_are_refused_before_any_is_applied() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("j.jsonl");
    let stream = "{}\n\n".repeat(1_000_001);
    let args = [
        "case",
        "apply",
        "--policy",
        "seed001",
        "--journal",
        s(&journal),
    ];
    let o = wangge_in(&args, stream.as_bytes());
    let m = assert_error(&o, "input_too_large");
    assert!(
        m.contains("1000001 commands") && m.contains("limit of 1000000"),
        "{m}"
    );
    assert!(!journal.exists());
    // At the limit the stream is read: each `{}` is refused on its own (exit 1).
    let o = wangge_in(&args, "{}\n".repeat(3).as_bytes());
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let lines: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(
        lines
            .iter()
            .all(|l| l["error"]["name"] == "invalid_command")
    );
}

/// A journal is standard input where it is only read; where it is written back, `-` is
/// refused.
#[test]
fn a_journal_on_standard_input_is_read_but_never_written() {
    let header = b"{\"format\":\"wangge.case.journal\",\"version\":1}\n";
    for args in [
        vec!["case", "replay", "--policy", "seed001", "--journal", "-"],
        vec!["case", "history", "--journal", "-", "--case", "C1"],
    ] {
        let o = wangge_in(&args, header);
        // An empty journal: nothing to replay; no case C1.
        assert_ne!(o.status.code(), Some(3), "{args:?}");
        assert!(!String::from_utf8_lossy(&o.stderr).contains("cannot read"));
    }
    let o = wangge_in(
        &["case", "replay", "--policy", "seed001", "--journal", "-"],
        header,
    );
    assert_eq!(o.status.code(), Some(0));
    for args in [
        vec!["case", "apply", "--policy", "seed001", "--journal", "-"],
        vec![
            "case",
            "tick",
            "--policy",
            "seed001",
            "--journal",
            "-",
            "--at",
            "2026-03-01T00:00:00+08:00",
        ],
    ] {
        let m = assert_error(&wangge_in(&args, header), "invalid_argument");
        assert!(m.contains("must be a file"), "{m}");
    }
    // `case apply` reads its commands from standard input: no other input may be `-`.
    let dir = tempfile::tempdir().unwrap();
    let j = dir.path().join("j.jsonl");
    let m = assert_error(
        &wangge_in(
            &["case", "apply", "--policy", "-", "--journal", s(&j)],
            b"seed001",
        ),
        "invalid_argument",
    );
    assert!(m.contains("commands from standard input"), "{m}");
    assert!(!j.exists());
}

const RECORDS_HEAD: &str = "id,grid,category,class,urgency,tier,source,reported_at,status,rework";

fn record_row(id: &str) -> String {
    format!("{id},371323100201001,x,event,routine,t1,patrol,2016-12-01T09:00:00+08:00,closed,0")
}

/// `--max-rows` (default 10,000,000) caps the rows of a records file, good or skipped.
#[test]
fn records_rows_are_capped() {
    let dir = tempfile::tempdir().unwrap();
    let rows: Vec<String> = (1..=3).map(|i| record_row(&format!("C{i}"))).collect();
    let f = write(
        dir.path(),
        "r.csv",
        &format!("{RECORDS_HEAD}\n{}\n", rows.join("\n")),
    );
    let score = |max: &str| {
        wangge(&[
            "score",
            "--policy",
            "seed001",
            "--records",
            s(&f),
            "--period",
            "2016-12",
            "--max-rows",
            max,
        ])
    };
    assert_eq!(score("3").status.code(), Some(0));
    let m = assert_error(&score("2"), "input_too_large");
    assert!(
        m.contains("line 4") && m.contains("more than 2 rows"),
        "{m}"
    );
    let m = assert_error(&score("0"), "invalid_argument");
    assert!(m.starts_with("usage: "), "{m}");
}

/// With `--skip-bad-rows`, the skipped rows listed are bounded; the rest are counted.
#[test]
fn skipped_rows_are_listed_within_a_bound() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = format!("{RECORDS_HEAD}\n{}\n", record_row("C0"));
    for i in 1..=1005 {
        text.push_str(&record_row(&format!("C{i}")).replace("event", "thing"));
        text.push('\n');
    }
    let f = write(dir.path(), "r.csv", &text);
    let o = wangge(&[
        "score",
        "--policy",
        "seed001",
        "--records",
        s(&f),
        "--period",
        "2016-12",
        "--skip-bad-rows",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v = json(&o);
    assert_eq!(v["skipped"].as_array().unwrap().len(), 1000);
    assert_eq!(v["more_skipped"], 5);
    assert_eq!(v["skipped"][0]["line"], 3);
    assert_eq!(v["skipped"][0]["field"], "class");
}

/// Huge or non-finite numbers and bad dates in a records file or a command name the line
/// and the field.
#[test]
fn bad_numbers_and_dates_in_records_and_commands_name_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let row = record_row("C1");
    let csv_cases = [
        (row.replace(",0", ",NaN"), "rework"),
        (row.replace(",0", ",1e400"), "rework"),
        (row.replace(",0", ",99999999999999999999"), "rework"),
        (row.replace("2016-12-01T09", "2016-13-01T09"), "reported_at"),
        (
            row.replace("2016-12-01T09:00:00+08:00", "2016-12-01"),
            "reported_at",
        ),
    ];
    for (bad, field) in csv_cases {
        let f = write(
            dir.path(),
            "r.csv",
            &format!("{RECORDS_HEAD}\n{row}\n{bad}\n"),
        );
        let o = wangge(&[
            "score",
            "--policy",
            "seed001",
            "--records",
            s(&f),
            "--period",
            "2016-12",
        ]);
        let m = assert_error(&o, "invalid_records");
        assert!(m.contains(&format!("line 3, field {field}")), "{m}");
    }
    let json_row = r#"{"id":"C1","grid":"371323100201001","category":"x","class":"event","urgency":"routine","tier":"t1","source":"patrol","reported_at":"2016-12-01T09:00:00+08:00","status":"closed""#;
    for (tail, field) in [
        (r#","rework":NaN}"#, "rework"),
        (r#","rework":1e400}"#, "rework"),
        (r#","rework":99999999999999999999}"#, "rework"),
        (r#","due_at":"2016-02-30T00:00:00+08:00"}"#, "due_at"),
    ] {
        let f = write(
            dir.path(),
            "r.jsonl",
            &format!("{json_row}}}\n\n{json_row}{tail}\n"),
        );
        let o = wangge(&[
            "score",
            "--policy",
            "seed001",
            "--records",
            s(&f),
            "--period",
            "2016-12",
        ]);
        let m = assert_error(&o, "invalid_records");
        assert!(m.contains(&format!("line 3, field {field}")), "{m}");
    }
    // Commands: a bad instant names the field and the line; a huge coordinate is refused
    // by name; a number out of range names the line.
    let actor = r#""actor":{"person":"w1","role":"grid_worker","unit":"371323100201001"}"#;
    let args = r#""args":{"category":"邻里纠纷","description":"x","grid":"371323100201001","urgency":"routine"}"#;
    let point = |lon: &str| {
        format!(
            r#""args":{{"category":"邻里纠纷","description":"x","point":{{"lon":{lon},"lat":35.8}},"urgency":"routine"}}"#
        )
    };
    let stream = [
        format!(r#"{{"id":"k1","op":"report","case":"C1","at":"2026-02-30T09:00:00+08:00",{actor},{args}}}"#),
        format!(r#"{{"id":"k2","op":"report","case":"C2","at":"2026-02-13",{actor},{args}}}"#),
        format!(r#"{{"id":"k3","op":"report","case":"C3","at":"2026-02-13T09:00:00+08:00",{actor},{}}}"#, point("1e308")),
        format!(r#"{{"id":"k4","op":"report","case":"C4","at":"2026-02-13T09:00:00+08:00",{actor},{}}}"#, point("1e400")),
    ]
    .join("\n");
    let journal = dir.path().join("j.jsonl");
    let o = wangge_in(
        &[
            "case",
            "apply",
            "--policy",
            "seed003",
            "--journal",
            s(&journal),
        ],
        stream.as_bytes(),
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let lines: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let message = |i: usize| lines[i]["error"]["message"].as_str().unwrap().to_string();
    assert!(
        lines
            .iter()
            .all(|l| l["error"]["name"] == "invalid_command")
    );
    assert!(message(0).contains("stdin line 1: at: "), "{}", message(0));
    assert!(message(1).contains("stdin line 2: at: "), "{}", message(1));
    assert!(
        message(2).contains("point") && message(2).contains("longitude"),
        "{}",
        message(2)
    );
    assert!(message(3).contains("stdin line 4"), "{}", message(3));
    assert!(!journal.exists());
}

/// `-` is standard output for the files `grid generate` writes (it once wrote a file
/// named `-`), and a closed pipe ends the points quietly.
#[test]
fn generate_writes_dash_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(bin())
        .args(["grid", "generate", "--grids", "10", "--out", "-"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    assert!(!dir.path().join("-").exists());
    let layer = dir.path().join("l.geojson");
    let o = Command::new(bin())
        .args([
            "grid",
            "generate",
            "--grids",
            "10",
            "--points",
            "30",
            "--points-out",
            "-",
        ])
        .args(["--out", s(&layer)])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    assert_eq!(text.lines().count(), 30);
    assert!(!dir.path().join("-").exists());
    let line = format!(
        "{} grid generate --grids 10 --points 2000000 --points-out - --out {} | head -c 100 >/dev/null; echo ${{PIPESTATUS[0]}}",
        bin(),
        s(&layer)
    );
    let started = Instant::now();
    let o = Command::new("bash").args(["-c", &line]).output().unwrap();
    assert!(started.elapsed() < Duration::from_secs(60));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        "0",
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        String::from_utf8_lossy(&o.stderr).is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
