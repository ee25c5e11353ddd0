//! `wangge`: the library from a shell. JSON (or GeoJSON) in, JSON out.
//!
//! Exit codes: 0 success (or a valid layer/roster), 1 violations found, 2 bad input (a JSON
//! error object `{"error": {"code", "name", "message"}}` on stdout and the message on
//! stderr), 3 internal error.

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
        Err(e) => {
            use clap::error::ErrorKind;
            let code = match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => 0,
                _ => 2,
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Admission(c) => cmd::admission::run(*c),
        Command::Calendar(c) => cmd::calendar::run(c),
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
