//! The case command parser and the engine never panic on any command line: a command
//! either yields facts or a typed error, and a refused command leaves the book unchanged.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wangge::case::{CaseBook, CaseContext, Command};
use wangge::policy::Policy;

/// The preset, read once (reading it for every input made the target 40 runs/s).
static POLICY: std::sync::OnceLock<Policy> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let policy = POLICY.get_or_init(|| Policy::preset("seed001").unwrap());
    let ctx = CaseContext {
        policy: &policy.case,
        calendar: &policy.calendar,
        grids: None,
    };
    let mut book = CaseBook::new();
    for line in text.lines() {
        if let Ok(cmd) = Command::from_json(line) {
            let before = book.clone();
            if book.execute(&cmd, &ctx).is_err() {
                assert_eq!(book, before);
            }
        }
    }
});
