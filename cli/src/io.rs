//! Shared input/output helpers: reading files, printing JSON, reporting errors.

use std::io::Write;
use std::process::ExitCode;

use wangge::{Error, ErrorCode};

/// Exit status for success / valid input.
pub const EXIT_OK: u8 = 0;
/// Exit status when violations were found.
#[allow(dead_code)] // used by the validate subcommands as they land
pub const EXIT_VIOLATIONS: u8 = 1;
/// Exit status for bad input.
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit status for internal errors.
pub const EXIT_INTERNAL: u8 = 3;

/// Reads a whole file as UTF-8, mapping failures to typed errors.
pub fn read_text(path: &std::path::Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| {
        Error::input(
            ErrorCode::InvalidArgument,
            format!("cannot read {}: {e}", path.display()),
        )
    })?;
    String::from_utf8(bytes).map_err(|e| {
        Error::input(
            ErrorCode::InvalidUtf8,
            format!("{} is not UTF-8: {e}", path.display()),
        )
    })
}

/// Prints one JSON value on stdout followed by a newline.
pub fn print_json(v: &impl serde::Serialize) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, v)
        .map_err(|e| Error::input(ErrorCode::Internal, e.to_string()))?;
    let _ = writeln!(out);
    Ok(())
}

/// Prints the JSON error object on stdout and the message on stderr; returns exit 2
/// (or 3 for internal errors).
pub fn report_error(e: &Error) -> ExitCode {
    let _ = print_json(&e.to_json());
    eprintln!(
        "wangge: error {} ({}): {e}",
        e.code().value(),
        e.code().name()
    );
    let status = match e.code() {
        ErrorCode::Internal | ErrorCode::Panic => EXIT_INTERNAL,
        _ => EXIT_BAD_INPUT,
    };
    ExitCode::from(status)
}
