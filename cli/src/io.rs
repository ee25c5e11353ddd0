//! Shared input/output helpers: reading inputs within their byte caps, printing JSON,
//! reporting errors.
//!
//! Every input (a file, a device, a pipe or standard input given as `-`) is read through
//! [`read_input`], which stops one byte past its cap: memory stays bounded by the cap
//! whatever the source, and metadata (which a pipe or `/dev/zero` does not have) is never
//! trusted. The caps are listed in `docs/LIMITS.md`; `--max-input-bytes` overrides them.

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::OnceLock;

use wangge::{Error, ErrorCode};

/// Exit status for success / valid input.
pub const EXIT_OK: u8 = 0;
/// Exit status when violations were found.
pub const EXIT_VIOLATIONS: u8 = 1;
/// Exit status for bad input.
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit status for internal errors.
pub const EXIT_INTERNAL: u8 = 3;

/// Default cap of a grid layer (GeoJSON) or a grids file: 1 GiB, about three times a
/// 200,000-grid province.
pub const MAX_LAYER_BYTES: u64 = 1 << 30;
/// Default cap of every other input (policy, calendar, holiday data, admission list, log,
/// transition, completions, the commands of `case apply`): 64 MiB.
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// Default cap of a case records file (`score --records`): 4 GiB, room for a province's
/// 10 million cases (a row takes about 160 to 400 bytes).
pub const MAX_RECORDS_BYTES: u64 = 4 << 30;
/// Default cap of a case journal: 1 GiB, about 4 million facts (replaying one takes about
/// 2 KB of memory per fact, so this keeps a replay within about 9 GB).
pub const MAX_JOURNAL_BYTES: u64 = 1 << 30;
/// Longest error message printed (characters); longer ones are cut with a note.
pub const MAX_MESSAGE_CHARS: usize = 500;

/// What an input is, for its cap and its error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A grid layer or a grids file.
    Layer,
    /// A case records file.
    Records,
    /// A case journal.
    Journal,
    /// Any other input.
    File,
}

static OVERRIDE: OnceLock<u64> = OnceLock::new();

/// Sets the cap of every input (`--max-input-bytes`); call once, before reading.
pub fn set_max_input_bytes(n: u64) {
    let _ = OVERRIDE.set(n);
}

/// The cap of an input of this kind.
pub fn cap(kind: Kind) -> u64 {
    OVERRIDE.get().copied().unwrap_or(match kind {
        Kind::Layer => MAX_LAYER_BYTES,
        Kind::Records => MAX_RECORDS_BYTES,
        Kind::Journal => MAX_JOURNAL_BYTES,
        Kind::File => MAX_FILE_BYTES,
    })
}

/// Threads for the parallel parts of the core (index build, geometry checks, scoring): the
/// machine's cores.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The name of an input in messages (`standard input` for `-`).
pub fn name(path: &Path) -> String {
    if is_stdin(path) {
        "standard input".into()
    } else {
        path.display().to_string()
    }
}

/// Whether the path means standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The error for an input over its cap, naming the flag that raises it.
pub fn too_large(what: &str, limit: u64, flag: &str) -> Error {
    Error::input(
        ErrorCode::InputTooLarge,
        format!("{what} is larger than the limit of {limit} bytes (raise it with {flag})"),
    )
}

/// Reads a whole input as bytes, at most `cap(kind)` of them: `-` is standard input.
pub fn read_bytes(path: &Path, kind: Kind) -> Result<Vec<u8>, Error> {
    read_capped(path, cap(kind), "--max-input-bytes")
}

/// Reads a whole input as bytes, at most `limit` of them (`flag` raises the limit).
pub fn read_capped(path: &Path, limit: u64, flag: &str) -> Result<Vec<u8>, Error> {
    let what = name(path);
    let io_err = |e: std::io::Error| {
        Error::input(
            ErrorCode::InvalidArgument,
            format!("cannot read {what}: {e}"),
        )
    };
    let mut buf = Vec::new();
    let source: Box<dyn Read> = if is_stdin(path) {
        Box::new(std::io::stdin().lock())
    } else {
        let file = std::fs::File::open(path).map_err(io_err)?;
        // A regular file's size is a hint for the buffer (so that reading costs the file's
        // size, not up to twice it), never trusted as the limit: the read below still stops
        // one byte past the cap.
        if let Ok(m) = file.metadata()
            && m.is_file()
        {
            let hint = m.len().min(limit).saturating_add(1);
            let _ = buf.try_reserve_exact(usize::try_from(hint).unwrap_or(0));
        }
        Box::new(file)
    };
    source
        .take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::OutOfMemory {
                Error::input(
                    ErrorCode::InputTooLarge,
                    format!(
                        "not enough memory to read {what} ({} bytes read; lower the cap with \
                         {flag})",
                        buf.len()
                    ),
                )
            } else {
                io_err(e)
            }
        })?;
    if buf.len() as u64 > limit {
        return Err(too_large(&what, limit, flag));
    }
    Ok(buf)
}

/// Reads a whole input as UTF-8 text, at most `cap(kind)` bytes: `-` is standard input.
pub fn read_input(path: &Path, kind: Kind) -> Result<String, Error> {
    utf8(path, read_bytes(path, kind)?)
}

/// The bytes of an input as text.
pub fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| {
        Error::input(
            ErrorCode::InvalidUtf8,
            format!("{} is not UTF-8: {}", name(path), e.utf8_error()),
        )
    })
}

/// Reads a file other than a layer (see [`read_input`]).
pub fn read_text(path: &Path) -> Result<String, Error> {
    read_input(path, Kind::File)
}

/// Whether an error is a closed pipe (`| head`): the reader's choice, not a failure.
pub fn is_broken_pipe(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
}

/// Prints one JSON value on stdout followed by a newline. A closed pipe ends the output
/// quietly.
pub fn print_json(v: &impl serde::Serialize) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    let written = serde_json::to_writer(&mut out, v)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    match written {
        Err(e) if is_broken_pipe(&e) => Ok(()),
        Err(e) => Err(Error::input(
            ErrorCode::InvalidArgument,
            format!("cannot write output: {e}"),
        )),
        Ok(()) => Ok(()),
    }
}

/// A message without a prefix repeated by nested errors ("invalid holiday data: invalid
/// holiday data: …" once), cut to [`MAX_MESSAGE_CHARS`] characters with a note of what was
/// left out.
pub fn shorten(message: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in message.split(": ") {
        if parts.last() != Some(&part) {
            parts.push(part);
        }
    }
    let message = parts.join(": ");
    match message.char_indices().nth(MAX_MESSAGE_CHARS) {
        None => message.to_string(),
        Some((at, _)) => format!("{}… ({} more bytes)", &message[..at], message.len() - at),
    }
}

/// Prints the JSON error object on stdout and the message on stderr; returns exit 2
/// (or 3 for internal errors).
pub fn report_error(e: &Error) -> ExitCode {
    let message = shorten(&e.to_string());
    let mut json = e.to_json();
    if let Some(m) = json.pointer_mut("/error/message") {
        *m = serde_json::Value::String(message.clone());
    }
    let _ = print_json(&json);
    eprintln!(
        "wangge: error {} ({}): {message}",
        e.code().value(),
        e.code().name()
    );
    let status = match e.code() {
        ErrorCode::Internal | ErrorCode::Panic => EXIT_INTERNAL,
        _ => EXIT_BAD_INPUT,
    };
    ExitCode::from(status)
}
