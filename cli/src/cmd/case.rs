//! `wangge case …`: the case engine over a journal file (JSON Lines).
//!
//! `apply` reads commands (one JSON object per line) from stdin, prints one result line per
//! command and appends the accepted facts to the journal atomically (a temporary file in
//! the same directory, then a rename): a refused command or a crash leaves the journal as
//! it was. Exit 0 when every command was accepted, 1 when some were refused, 2 on bad input
//! (policy, journal, grids), in which case nothing is written.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use clap::{Subcommand, ValueEnum};
use serde_json::Value;
use wangge::case::api::{CommandError, CommandResult, read_command};
use wangge::case::{CaseBook, CaseContext, Fact, write_facts, write_header};
use wangge::grid::{GridIndex, Layer};
use wangge::policy::Policy;
use wangge::record::CSV_COLUMNS;
use wangge::{Error, ErrorCode};

use crate::io::{EXIT_OK, EXIT_VIOLATIONS, Kind, is_stdin, print_json, read_input};

/// The most commands one `case apply` run takes (a larger stream is `input_too_large`
/// before any is applied; split it into several runs).
pub const MAX_COMMANDS: usize = 1_000_000;
/// The longest command line, in bytes (a longer one is refused as `invalid_command`; the
/// rest go on). The same as the journal's longest line.
pub const MAX_COMMAND_LINE: usize = 1 << 20;

/// Output format of `case records`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// CSV with a header line (`wangge::record::CSV_COLUMNS`).
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// Case subcommands.
#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Apply commands (JSON Lines on stdin) to a journal; one result line per command.
    Apply {
        /// Policy file (TOML or JSON) or preset id (seed000 … seed004).
        #[arg(long)]
        policy: PathBuf,
        /// The journal (JSON Lines, a file); created when missing.
        #[arg(long)]
        journal: PathBuf,
        /// Grid layer (GeoJSON) to locate reports given as points.
        #[arg(long)]
        grids: Option<PathBuf>,
    },
    /// One JSON line per case: status, tier, grid, handler, due, colour, rework …
    Replay {
        /// Policy file or preset id.
        #[arg(long)]
        policy: PathBuf,
        /// The journal (`-`: standard input).
        #[arg(long)]
        journal: PathBuf,
        /// Evaluate clocks and colours at this instant (RFC 3339; default: the last fact).
        #[arg(long)]
        at: Option<String>,
    },
    /// The flat case records (what scoring reads).
    Records {
        /// Policy file or preset id.
        #[arg(long)]
        policy: PathBuf,
        /// The journal (`-`: standard input).
        #[arg(long)]
        journal: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
        /// Take the records at this instant (RFC 3339; default: the last fact).
        #[arg(long)]
        at: Option<String>,
    },
    /// Record the deadlines passed at `--at` (breach facts, appended to the journal); prints
    /// the new facts, one per line.
    Tick {
        /// Policy file or preset id.
        #[arg(long)]
        policy: PathBuf,
        /// The journal (a file: the new facts are appended to it).
        #[arg(long)]
        journal: PathBuf,
        /// The instant (RFC 3339).
        #[arg(long)]
        at: String,
    },
    /// The readable history of one case, one JSON line per fact.
    History {
        /// The journal (`-`: standard input).
        #[arg(long)]
        journal: PathBuf,
        /// The case id.
        #[arg(long)]
        case: String,
    },
}

/// Runs a case subcommand.
pub fn run(cmd: CaseCommand) -> Result<u8, Error> {
    match cmd {
        CaseCommand::Apply {
            policy,
            journal,
            grids,
        } => apply(&policy, &journal, grids.as_deref()),
        CaseCommand::Replay {
            policy,
            journal,
            at,
        } => {
            let policy = super::policy::load(&policy)?;
            let (_, book) = load_journal(&journal)?;
            let Some(at) = instant(at.as_deref(), &book)? else {
                return Ok(EXIT_OK);
            };
            for v in book.views(&ctx(&policy, None), &at)? {
                print_json(&v)?;
            }
            Ok(EXIT_OK)
        }
        CaseCommand::Records {
            policy,
            journal,
            format,
            at,
        } => {
            let policy = super::policy::load(&policy)?;
            let (_, book) = load_journal(&journal)?;
            let records = match instant(at.as_deref(), &book)? {
                Some(at) => book.records(&ctx(&policy, None), &at)?,
                None => Vec::new(),
            };
            match format {
                Format::Jsonl => {
                    for r in &records {
                        print_json(r)?;
                    }
                }
                Format::Csv => {
                    let mut out = std::io::stdout().lock();
                    let _ = writeln!(out, "{}", CSV_COLUMNS.join(","));
                    for r in &records {
                        let _ = writeln!(out, "{}", csv_row(&serde_json::to_value(r)?));
                    }
                }
            }
            Ok(EXIT_OK)
        }
        CaseCommand::Tick {
            policy,
            journal,
            at,
        } => {
            writable_journal(&journal)?;
            let policy = super::policy::load(&policy)?;
            let (text, mut book) = load_journal(&journal)?;
            let at = parse_at(&at)?;
            let facts = book.tick(at, &ctx(&policy, None))?;
            if !facts.is_empty() {
                append(&journal, &text, &facts, &policy)?;
            }
            for f in &facts {
                print_json(f)?;
            }
            Ok(EXIT_OK)
        }
        CaseCommand::History { journal, case } => {
            let (_, book) = load_journal(&journal)?;
            for h in book.history(&case)? {
                print_json(&h)?;
            }
            Ok(EXIT_OK)
        }
    }
}

fn ctx<'a>(policy: &'a Policy, grids: Option<&'a GridIndex>) -> CaseContext<'a> {
    CaseContext::of(policy, grids)
}

fn parse_at(s: &str) -> Result<DateTime<FixedOffset>, Error> {
    Ok(wangge::calendar::api::parse_instant(s)?)
}

fn instant(at: Option<&str>, book: &CaseBook) -> Result<Option<DateTime<FixedOffset>>, Error> {
    Ok(match at {
        Some(s) => Some(parse_at(s)?),
        None => book.last_at(),
    })
}

/// The journal's text (empty when the file does not exist; `-` is standard input) and its
/// replayed book.
fn load_journal(path: &Path) -> Result<(String, CaseBook), Error> {
    let text = if is_stdin(path) || path.exists() {
        read_input(path, Kind::Journal)?
    } else {
        String::new()
    };
    let book = CaseBook::replay_journal(&text)?;
    Ok((text, book))
}

/// A journal the command writes back must be a file: `-` (standard input) is refused.
fn writable_journal(journal: &Path) -> Result<(), Error> {
    if is_stdin(journal) {
        return Err(Error::input(
            ErrorCode::InvalidArgument,
            "--journal - : the journal is written back, so it must be a file".to_string(),
        ));
    }
    Ok(())
}

/// The commands on standard input: within the byte cap (`--max-input-bytes`, 64 MiB by
/// default) and at most [`MAX_COMMANDS`] non-blank lines, checked before any is applied.
fn read_commands() -> Result<String, Error> {
    let text = read_input(Path::new("-"), Kind::File)?;
    let n = text.lines().filter(|l| !l.trim().is_empty()).count();
    if n > MAX_COMMANDS {
        return Err(Error::input(
            ErrorCode::InputTooLarge,
            format!(
                "standard input holds {n} commands, more than the limit of {MAX_COMMANDS} \
                 per run (split the stream into several runs)"
            ),
        ));
    }
    Ok(text)
}

fn apply(policy: &Path, journal: &Path, grids: Option<&Path>) -> Result<u8, Error> {
    writable_journal(journal)?;
    if is_stdin(policy) || grids.is_some_and(is_stdin) {
        return Err(Error::input(
            ErrorCode::InvalidArgument,
            "case apply reads its commands from standard input: give --policy and --grids \
             as files"
                .to_string(),
        ));
    }
    let policy = super::policy::load(policy)?;
    let index = match grids {
        Some(g) => Some(GridIndex::build_parallel(
            &Layer::from_geojson(&read_input(g, Kind::Layer)?)?,
            crate::io::threads(),
        )?),
        None => None,
    };
    let (text, mut book) = load_journal(journal)?;
    let commands = read_commands()?;
    let ctx = ctx(&policy, index.as_ref());
    let mut results = Vec::new();
    let mut facts: Vec<Fact> = Vec::new();
    for (i, line) in commands.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed = if line.len() > MAX_COMMAND_LINE {
            Err(wangge::case::CaseError::InvalidCommand {
                command: String::new(),
                message: format!(
                    "stdin line {}: longer than the limit of {MAX_COMMAND_LINE} bytes",
                    i + 1
                ),
            })
        } else {
            serde_json::from_str::<Value>(line)
                .map_err(|e| wangge::case::CaseError::InvalidCommand {
                    command: String::new(),
                    message: format!("stdin line {}: {e}", i + 1),
                })
                .and_then(|v| {
                    read_command(&v).map_err(|e| match e {
                        wangge::case::CaseError::InvalidCommand { command, message } => {
                            wangge::case::CaseError::InvalidCommand {
                                command,
                                message: format!("stdin line {}: {message}", i + 1),
                            }
                        }
                        other => other,
                    })
                })
        };
        let r = match parsed {
            Err(e) => CommandResult {
                command: match &e {
                    wangge::case::CaseError::InvalidCommand { command, .. } => command.clone(),
                    _ => String::new(),
                },
                facts: None,
                error: Some(CommandError::from(&Error::from(e))),
            },
            Ok(c) => match book.execute(&c, &ctx) {
                Ok(f) => {
                    facts.extend(f.iter().cloned());
                    CommandResult {
                        command: c.id,
                        facts: Some(f),
                        error: None,
                    }
                }
                Err(e) => CommandResult {
                    command: c.id,
                    facts: None,
                    error: Some(CommandError::from(&Error::from(e))),
                },
            },
        };
        results.push(r);
    }
    if !facts.is_empty() {
        append(journal, &text, &facts, &policy)?;
    }
    let refused = results.iter().any(|r| r.error.is_some());
    for r in &results {
        print_json(r)?;
    }
    Ok(if refused { EXIT_VIOLATIONS } else { EXIT_OK })
}

/// Writes the journal's old text plus the new facts to a temporary file next to it, then
/// renames it over the journal.
fn append(path: &Path, old: &str, facts: &[Fact], policy: &Policy) -> Result<(), Error> {
    let io = |e: std::io::Error| {
        Error::input(
            ErrorCode::InvalidArgument,
            format!("cannot write {}: {e}", path.display()),
        )
    };
    let mut text = if old.trim().is_empty() {
        write_header(Some(&format!("{}@{}", policy.id, policy.version)))
    } else {
        let mut s = old.to_owned();
        if !s.ends_with('\n') {
            s.push('\n');
        }
        s
    };
    write_facts(&mut text, facts);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "journal".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
}

/// One CSV row of a record (its JSON form), in [`CSV_COLUMNS`] order.
fn csv_row(v: &Value) -> String {
    CSV_COLUMNS
        .iter()
        .map(|c| {
            let s = match v.get(*c) {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
            };
            if s.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}
