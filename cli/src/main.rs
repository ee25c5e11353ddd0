//! `wangge`: the library from a shell. JSON (or GeoJSON) in, JSON out.
//!
//! Exit codes: 0 success (or a valid layer/roster), 1 violations found, 2 bad input or a
//! usage error (a JSON error object `{"error": {"code", "name", "message"}}` on stdout and
//! the message on stderr), 3 internal error. A closed output pipe (`| head`) ends the
//! command quietly.

mod cmd;
mod io;
mod progress;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Grid-based community governance rules (网格化服务管理).
#[derive(Debug, Parser)]
#[command(name = "wangge", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Largest input read, in bytes, for every input (default: 1 GiB for grid layers and
    /// grids files and case journals, 4 GiB for case records files, 64 MiB for every other
    /// file; see docs/LIMITS.md).
    #[arg(long, global = true, value_name = "BYTES",
          value_parser = clap::value_parser!(u64).range(1..=(1u64 << 40)))]
    max_input_bytes: Option<u64>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Admission lists (事务准入): check pushes, list what is in force, approve, expand
    /// recurring tasks, total budgets, count rejections.
    #[command(subcommand)]
    Admission(Box<cmd::admission::AdmissionCommand>),
    /// Working calendar: holidays, make-up days, working-time deadlines.
    #[command(subcommand)]
    Calendar(cmd::calendar::CalendarCommand),
    /// Cases (事件): apply commands to a journal, replay it, take the flat records.
    #[command(subcommand)]
    Case(cmd::case::CaseCommand),
    /// The main job on the bundled sample county: generate it, validate its coverage (and
    /// catch injected faults), locate GPS points, compute deadlines, check pushes against the
    /// admission list, validate a roster; prints a short report.
    Demo(cmd::demo::Args),
    /// Grid layers: generate a sample county, validate coverage, locate points.
    #[command(subcommand)]
    Grid(cmd::grid::GridCommand),
    /// Policies: show a bundled preset, check a policy file.
    #[command(subcommand)]
    Policy(cmd::policy::PolicyCommand),
    /// Rosters: validate staffing against the policy's templates, who held a post.
    #[command(subcommand)]
    Roster(cmd::roster::RosterCommand),
    /// Scoring (考核): indicators, score sheets, grades, stars, pay and ranks from case
    /// records (CSV or JSON Lines) for one period.
    Score(Box<cmd::score::Args>),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    if let Some(n) = cli.max_input_bytes {
        io::set_max_input_bytes(n);
    }
    let result = match cli.command {
        Command::Admission(c) => cmd::admission::run(*c),
        Command::Calendar(c) => cmd::calendar::run(c),
        Command::Case(c) => cmd::case::run(c),
        Command::Demo(a) => cmd::demo::run(a),
        Command::Grid(c) => cmd::grid::run(c),
        Command::Policy(c) => cmd::policy::run(c),
        Command::Roster(c) => cmd::roster::run(c),
        Command::Score(a) => cmd::score::run(*a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => io::report_error(&e),
    }
}

/// Help and version go to stdout as text (exit 0); every other parse failure is a usage
/// error: the JSON error object (`invalid_argument`) and exit 2.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::from(io::EXIT_OK)
        }
        kind => {
            let text = e.render().to_string();
            let message = if kind == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                // The help goes to stderr, the error object to stdout.
                eprint!("{text}");
                "a subcommand is required".to_string()
            } else {
                usage_message(&text)
            };
            io::report_error(&wangge::Error::input(
                wangge::ErrorCode::InvalidArgument,
                format!("usage: {message} (see wangge --help)"),
            ))
        }
    }
}

/// clap's first paragraph on one line, without its "error: " prefix, and the possible
/// values when it lists them.
fn usage_message(text: &str) -> String {
    let mut parts: Vec<&str> = text
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    if let Some(first) = parts.first_mut() {
        *first = first.trim_start_matches("error: ");
    }
    if let Some(values) = text.lines().find(|l| l.contains("[possible values:"))
        && !parts.contains(&values.trim())
    {
        parts.push(values.trim());
    }
    parts.join(" ")
}
