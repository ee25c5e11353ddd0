//! `wangge grid locate FILE.geojson [--as-of DATE]`: JSON lines in, JSON lines out.
//!
//! Each input line is `{"id": …, "lon": …, "lat": …, "crs": "wgs84" | "gcj02" | "bd09"}`
//! (`crs` defaults to `wgs84`; `id` is a number or a string and is echoed exactly as
//! written, digits beyond 64 bits included; other keys are ignored; blank lines are
//! skipped). Each answer line is
//! `{"id": …, "code": "<grid>" | null, "fallback": "<unit>" | null}`, in input order.
//!
//! A line that cannot be read (malformed JSON, missing or non-numeric coordinates,
//! coordinates NaN or out of range, an unknown CRS, a line over 1 MiB) gets an error line
//! in its place, `{"id": … | null, "line": <1-based>, "error": {"code", "name", "message"}}`,
//! and the command goes on; it then exits with status 2 after the last line (0 when every
//! line was good). A missing or invalid layer file stops at once with exit 2 and the usual
//! error object. Lines are answered in blocks (up to 4,096 at a time, or as many as have
//! arrived when input comes slowly), each block written out before the next is read.

use std::io::{BufRead, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;

use serde_json::value::RawValue;
use serde_json::{Map, Value};
use wangge::grid::GridIndex;
use wangge::grid::index::api::{read_date, read_point};
use wangge::{Error, ErrorCode};

use crate::io::{EXIT_BAD_INPUT, EXIT_OK};
use crate::progress::{Bar, Spinner};

/// Arguments of `wangge grid locate`.
#[derive(Debug, clap::Args)]
pub struct LocateArgs {
    /// The grid layer (GeoJSON FeatureCollection; grids and optionally the county, towns
    /// and communities for fallback). Not `-`: the points come on standard input.
    pub file: PathBuf,
    /// Locate with the versions in force on this date (YYYY-MM-DD) instead of the current
    /// ones.
    #[arg(long)]
    pub as_of: Option<String>,
}

/// Longest input line (bytes).
const MAX_LINE: usize = 1 << 20;
/// Most lines answered together.
const BLOCK: usize = 4096;

/// An id exactly as written in the input line (a JSON number or string), or `null`.
type Id = Box<RawValue>;

fn null_id() -> Id {
    RawValue::NULL.to_owned()
}

/// The `id` member of a line as written, when it is a number or a string.
#[derive(serde::Deserialize)]
struct RawId<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
}

/// One answer line, keys in this order.
#[derive(serde::Serialize)]
struct Answer {
    id: Id,
    code: Option<String>,
    fallback: Option<String>,
}

/// One error line, keys in this order.
#[derive(serde::Serialize)]
struct Failure {
    id: Id,
    line: usize,
    error: Value,
}

enum Line {
    Point(Id, wangge::geo::Point),
    Bad(Id, Error),
    Blank,
}

fn parse_line(bytes: &[u8]) -> Line {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.trim(),
        Err(e) => {
            return Line::Bad(
                null_id(),
                Error::input(ErrorCode::InvalidUtf8, format!("line is not UTF-8: {e}")),
            );
        }
    };
    if text.is_empty() {
        return Line::Blank;
    }
    let obj: Map<String, Value> = match serde_json::from_str(text) {
        Ok(Value::Object(o)) => o,
        Ok(other) => {
            let e = Error::input(
                ErrorCode::InvalidJson,
                format!("expected a JSON object, found {}", kind(&other)),
            );
            return Line::Bad(null_id(), e);
        }
        Err(e) => return Line::Bad(null_id(), e.into()),
    };
    let id = serde_json::from_str::<RawId<'_>>(text)
        .ok()
        .and_then(|r| r.id)
        .filter(|_| {
            obj.get("id")
                .is_some_and(|v| v.is_number() || v.is_string())
        })
        .map_or_else(null_id, RawValue::to_owned);
    let mut known = Map::new();
    for key in ["id", "lon", "lat", "crs"] {
        if let Some(v) = obj.get(key) {
            known.insert(key.into(), v.clone());
        }
    }
    match read_point(&Value::Object(known)) {
        Ok((_, p)) => Line::Point(id, p),
        Err(e) => Line::Bad(id, e),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads one line of at most [`MAX_LINE`] bytes; `Ok(None)` at the end of input. A longer
/// line is consumed and reported as too large.
fn next_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<Option<bool>> {
    buf.clear();
    let n = input
        .by_ref()
        .take(MAX_LINE as u64 + 1)
        .read_until(b'\n', buf)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.len() > MAX_LINE && buf.last() != Some(&b'\n') {
        // Skip the rest of the oversized line.
        let mut sink = Vec::new();
        loop {
            sink.clear();
            let m = input.by_ref().take(1 << 16).read_until(b'\n', &mut sink)?;
            if m == 0 || sink.last() == Some(&b'\n') {
                break;
            }
        }
        return Ok(Some(false));
    }
    Ok(Some(true))
}

/// Runs `wangge grid locate`.
pub fn locate(a: LocateArgs) -> Result<u8, Error> {
    let date = a.as_of.as_deref().map(read_date).transpose()?;
    if crate::io::is_stdin(&a.file) {
        return Err(Error::input(
            ErrorCode::InvalidArgument,
            "grid locate reads its points from standard input: give the layer as a file",
        ));
    }
    let spinner = Spinner::start(format!("indexing {}", a.file.display()));
    let layer = super::grid::read_layer(&a.file)?;
    let index = GridIndex::build_parallel(&layer, crate::io::threads())?;
    drop(layer);
    spinner.finish();

    let stdin = std::io::stdin();
    let total = std::fs::metadata("/dev/stdin")
        .ok()
        .filter(|m| m.is_file() && !stdin.is_terminal())
        .map_or(0, |m| m.len());
    let bar = Bar::start(total, "locating (bytes read)");
    let mut input = std::io::BufReader::with_capacity(1 << 16, stdin.lock());
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let io_err = |e: std::io::Error| {
        Error::input(
            ErrorCode::InvalidArgument,
            format!("cannot read input: {e}"),
        )
    };
    let (mut line_no, mut bad) = (0usize, 0usize);
    let mut buf = Vec::new();
    let mut block: Vec<(usize, Line)> = Vec::with_capacity(BLOCK);
    let mut done = false;
    while !done {
        block.clear();
        while block.len() < BLOCK {
            match next_line(&mut input, &mut buf).map_err(io_err)? {
                None => {
                    done = true;
                    break;
                }
                Some(fits) => {
                    line_no += 1;
                    bar.inc(buf.len() as u64);
                    let line = if fits {
                        parse_line(&buf)
                    } else {
                        Line::Bad(
                            null_id(),
                            Error::input(
                                ErrorCode::InputTooLarge,
                                format!("line longer than {MAX_LINE} bytes"),
                            ),
                        )
                    };
                    block.push((line_no, line));
                }
            }
            // Answer what has arrived rather than wait for more.
            if input.buffer().is_empty() {
                break;
            }
        }
        let points: Vec<wangge::geo::Point> = block
            .iter()
            .filter_map(|(_, l)| match l {
                Line::Point(_, p) => Some(*p),
                _ => None,
            })
            .collect();
        let hits = match date {
            Some(d) => index.find_batch_as_of(&points, d),
            None => index.find_batch(&points),
        };
        let mut hits = hits.into_iter();
        for (n, line) in block.drain(..) {
            let v = match line {
                Line::Blank => continue,
                Line::Point(id, _) => {
                    let loc = index.location(hits.next().unwrap_or(wangge::grid::Hit::Outside));
                    serde_json::to_writer(
                        &mut out,
                        &Answer {
                            id,
                            code: loc.grid.map(|g| g.to_string()),
                            fallback: loc.fallback.map(|f| f.to_string()),
                        },
                    )
                }
                Line::Bad(id, e) => {
                    bad += 1;
                    serde_json::to_writer(
                        &mut out,
                        &Failure {
                            id,
                            line: n,
                            error: e.to_json()["error"].take(),
                        },
                    )
                }
            };
            let written = v
                .map_err(std::io::Error::from)
                .and_then(|()| out.write_all(b"\n"));
            if let Err(e) = written {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    return Ok(EXIT_OK);
                }
                return Err(Error::input(
                    ErrorCode::InvalidArgument,
                    format!("cannot write output: {e}"),
                ));
            }
        }
        match out.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(EXIT_OK),
            Err(e) => {
                return Err(Error::input(
                    ErrorCode::InvalidArgument,
                    format!("cannot write output: {e}"),
                ));
            }
            Ok(()) => {}
        }
    }
    bar.finish();
    if bad > 0 {
        eprintln!("wangge: {bad} of {line_no} input lines could not be read (see the error lines)");
        return Ok(EXIT_BAD_INPUT);
    }
    Ok(EXIT_OK)
}
