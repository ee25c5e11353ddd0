//! The README's shell examples run as written, so the README cannot go stale.
//!
//! Every line of every ```` ```sh ```` block of `README.md` that runs `wangge` (or
//! `cargo run … -p wangge-cli --`) is run by `bash`, in document order, in one scratch
//! directory (with `examples/` linked in), `wangge` being the binary under test:
//!
//! * the exit status must be the one the line's own comment states (`# exit 1`), else 0;
//! * a comment line right below it showing JSON (`# {…}`) must match the first line of
//!   output: exactly (as JSON) when it has no `…`, else piece by piece in order, `…`
//!   standing for what varies;
//! * the ```` ```text ```` block under the first command (the demo's report) must match the
//!   demo's output the same way, line by line.
//!
//! Lines that build or install other things (`cargo xtask …`, `cc …`) are listed and
//! skipped; any other kind of line fails the test, so a new example cannot be missed.

use std::path::Path;
use std::process::Command;

/// Commands the test does not run (they build the bindings or need a C toolchain).
const SKIPPED: [&str; 2] = ["cargo xtask ", "cc "];

/// A shell line and what it should give.
#[derive(Debug)]
struct Example {
    line: String,
    exit: i32,
    output: Option<String>,
}

fn readme() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    std::fs::read_to_string(path).expect("README.md")
}

/// The fenced blocks of one language, in order.
fn blocks(text: &str, lang: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in text.lines() {
        match &mut current {
            None if line.trim_start() == format!("```{lang}") => current = Some(Vec::new()),
            None => {}
            Some(_) if line.trim_start().starts_with("```") => {
                out.extend(current.take());
            }
            Some(b) => b.push(line.to_string()),
        }
    }
    out
}

/// The part of a line after its first ` #` (its comment), if any.
fn comment(line: &str) -> Option<&str> {
    line.find(" #").map(|i| line[i + 2..].trim())
}

fn examples(block: &[String]) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    for line in block {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(c) = t.strip_prefix('#') {
            let c = c.trim();
            if let Some(last) = out.last_mut()
                && last.output.is_none()
                && (c.starts_with('{') || c.starts_with('['))
            {
                last.output = Some(c.to_string());
            }
            continue;
        }
        let exit = comment(t)
            .and_then(|c| c.split("exit ").nth(1))
            .and_then(|r| r.chars().next())
            .and_then(|d| d.to_digit(10))
            .map_or(0, |d| d as i32);
        out.push(Example {
            line: t.to_string(),
            exit,
            output: None,
        });
    }
    out
}

/// Whether `actual` matches `shown`: the pieces of `shown` between `…` appear in `actual`
/// in order (the first at the start, the last at the end when `shown` does not start or
/// end with `…`).
fn matches(shown: &str, actual: &str) -> bool {
    let pieces: Vec<&str> = shown.split('…').collect();
    let mut rest = actual;
    for (i, p) in pieces.iter().enumerate() {
        if p.is_empty() {
            continue;
        }
        match rest.find(p) {
            Some(at) if i > 0 || at == 0 => rest = &rest[at + p.len()..],
            _ => return false,
        }
    }
    pieces
        .last()
        .is_none_or(|l| l.is_empty() || rest.is_empty())
}

#[test]
fn matching_is_strict_enough() {
    assert!(matches("a…c", "abc"));
    assert!(matches("{\"x\":…}", "{\"x\":12}"));
    assert!(!matches("a…c", "abd"));
    assert!(!matches("b…", "ab"));
    assert!(matches("…b", "ab"));
    assert!(!matches("a", "ab"));
}

#[test]
fn readme_shell_examples_run_as_written() {
    let text = readme();
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::os::unix::fs::symlink(repo.join("examples"), dir.path().join("examples")).unwrap();
    let bin = env!("CARGO_BIN_EXE_wangge");
    let (mut ran, mut skipped) = (0, 0);
    let mut demo: Option<String> = None;
    for block in blocks(&text, "sh") {
        for ex in examples(&block) {
            if SKIPPED.iter().any(|p| ex.line.starts_with(p)) {
                skipped += 1;
                continue;
            }
            let line = match ex.line.split_once(" -p wangge-cli -- ") {
                Some((cargo, rest)) if cargo.starts_with("cargo run") => {
                    format!("wangge {rest}")
                }
                _ => ex.line.clone(),
            };
            assert!(
                line.starts_with("wangge "),
                "README example the test does not know how to run: {}",
                ex.line
            );
            let o = Command::new("bash")
                .arg("-c")
                .arg(format!("wangge() {{ \"$WANGGE\" \"$@\"; }}\n{line}"))
                .env("WANGGE", bin)
                .current_dir(dir.path())
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&o.stdout);
            assert_eq!(
                o.status.code(),
                Some(ex.exit),
                "{}\nstdout: {}\nstderr: {}",
                ex.line,
                stdout.chars().take(500).collect::<String>(),
                String::from_utf8_lossy(&o.stderr)
            );
            if let Some(shown) = &ex.output {
                let first = stdout.lines().next().unwrap_or("");
                if shown.contains('…') {
                    assert!(
                        matches(shown, first),
                        "{}\nshown:  {shown}\nactual: {first}",
                        ex.line
                    );
                } else {
                    let a: serde_json::Value = serde_json::from_str(first).unwrap();
                    let b: serde_json::Value = serde_json::from_str(shown).unwrap();
                    assert_eq!(a, b, "{}", ex.line);
                }
            }
            if line == "wangge demo" || line.starts_with("wangge demo ") && demo.is_none() {
                demo = Some(stdout.into_owned());
            }
            ran += 1;
        }
    }
    assert!(ran >= 25, "only {ran} README examples ran");
    assert!(skipped <= 3, "{skipped} skipped");
    // The demo's report as the README shows it.
    let demo = demo.expect("the README runs the demo");
    let shown = blocks(&text, "text");
    let report = shown.first().expect("the demo's report in the README");
    let mut lines = demo.lines();
    for s in report {
        let s = s.trim();
        let found = lines.by_ref().any(|l| matches(s, l.trim()));
        assert!(
            found,
            "demo output has no line like\n{s}\n\ndemo output:\n{demo}"
        );
    }
}
