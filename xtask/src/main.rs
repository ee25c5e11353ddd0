//! `cargo xtask <task>`: project automation.
//!
//! * `ci` — everything CI runs: formatting, clippy with `-D warnings`, every test of every
//!   crate, and (as they land) every binding's tests, installing missing tools first.

mod ci;
mod sh;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ci") => ci::run(&args[1..]),
        _ => {
            eprintln!("usage: cargo xtask ci");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
