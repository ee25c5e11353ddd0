//! `wangge roster …`: validate rosters against staffing templates, ask who held a post.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Subcommand;
use wangge::code::GridCode;
use wangge::staffing::sample::sample_roster;
use wangge::staffing::{GridSet, RolePattern, Roster, RosterLimits, StaffingPolicy};
use wangge::{Error, ErrorCode};

use crate::io::{EXIT_OK, EXIT_VIOLATIONS, print_json, read_capped, utf8};

/// Roster subcommands.
#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Validate a roster against the policy's staffing templates on a date.
    ///
    /// Prints `{"valid", "on", "grids", "unchecked", "violations", "summary"}`; exits 0
    /// when valid, 1 when violations were found, 2 on bad input.
    Validate {
        /// Policy file (TOML or JSON) or preset id (seed000 … seed004).
        #[arg(long, value_name = "FILE|PRESET")]
        policy: PathBuf,
        /// Roster file (JSON, format 1).
        #[arg(long)]
        roster: PathBuf,
        /// Grid layer (GeoJSON): grid codes, kinds, levels and validity are read from it.
        #[arg(long)]
        grids: PathBuf,
        /// The date to validate on (YYYY-MM-DD).
        #[arg(long)]
        on: String,
        /// Check every grid against this template instead of the one that applies.
        #[arg(long)]
        template: Option<String>,
        /// Largest roster file accepted, in bytes (1 – 2^40).
        #[arg(long, default_value_t = RosterLimits::default().max_bytes, value_parser = roster_bytes)]
        max_roster_bytes: usize,
    },
    /// Write a deterministic sample roster (JSON, format 1) for the grids of a layer: a
    /// 1+1+1+N team per grid from 2021-01-01, with a few planted faults (a grid without a
    /// worker, a worker on leave, an under-age worker …) for `roster validate` to find.
    Sample(SampleArgs),
    /// Who held a role in a grid on a date: `{"grid", "role", "on", "holders", "absent"}`.
    Holder {
        /// Roster file (JSON, format 1).
        #[arg(long)]
        roster: PathBuf,
        /// The grid code.
        #[arg(long)]
        grid: String,
        /// The role (`grid_head`, `网格长`, `embedded_staff:police` …).
        #[arg(long)]
        role: String,
        /// The date (YYYY-MM-DD).
        #[arg(long)]
        on: String,
        /// Policy (file or preset id) for its counting states and department catalogue.
        #[arg(long)]
        policy: Option<PathBuf>,
        /// Largest roster file accepted, in bytes (1 – 2^40).
        #[arg(long, default_value_t = RosterLimits::default().max_bytes, value_parser = roster_bytes)]
        max_roster_bytes: usize,
    },
}

/// Parses `--max-roster-bytes`: 1 to 2^40.
fn roster_bytes(s: &str) -> Result<usize, String> {
    match s.trim().parse::<u64>() {
        Ok(n) if (1..=1 << 40).contains(&n) => usize::try_from(n).map_err(|e| e.to_string()),
        _ => Err(format!("{s} is not a byte count in 1..=1099511627776")),
    }
}

/// Arguments of `wangge roster sample`.
#[derive(Debug, clap::Args)]
pub struct SampleArgs {
    /// Grid layer (GeoJSON; `-`: standard input) whose grids the roster staffs, e.g. from
    /// `wangge grid generate`.
    #[arg(long)]
    grids: PathBuf,
    /// Seed of the generator (same seed and grids, same roster).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output file (default: standard output).
    #[arg(long, short)]
    out: Option<PathBuf>,
}

/// Runs a roster subcommand.
pub fn run(cmd: RosterCommand) -> Result<u8, Error> {
    match cmd {
        RosterCommand::Validate {
            policy,
            roster,
            grids,
            on,
            template,
            max_roster_bytes,
        } => {
            let on = date(&on)?;
            let policy = super::policy::load(&policy)?;
            let roster = load_roster(&roster, max_roster_bytes)?;
            let layer = super::grid::read_layer(&grids)?;
            let grids = GridSet::from_layer(&layer)?;
            let report = policy
                .staffing
                .validate(&roster, &grids, on, template.as_deref())?;
            print_json(&report.to_json())?;
            Ok(if report.is_valid() {
                EXIT_OK
            } else {
                EXIT_VIOLATIONS
            })
        }
        RosterCommand::Sample(a) => {
            let layer = super::grid::read_layer(&a.grids)?;
            let roster = sample_roster(&GridSet::from_layer(&layer)?, a.seed)?;
            let text = roster.to_json();
            match &a.out {
                Some(path) => std::fs::write(path, text + "\n").map_err(|e| {
                    Error::input(
                        ErrorCode::InvalidArgument,
                        format!("cannot write {}: {e}", path.display()),
                    )
                })?,
                None => print_json(&serde_json::from_str::<serde_json::Value>(&text)?)?,
            }
            Ok(EXIT_OK)
        }
        RosterCommand::Holder {
            roster,
            grid,
            role,
            on,
            policy,
            max_roster_bytes,
        } => {
            let on = date(&on)?;
            let grid = GridCode::parse(&grid)?;
            let role: RolePattern = role.parse()?;
            let staffing = match policy {
                Some(p) => super::policy::load(&p)?.staffing,
                None => StaffingPolicy::default(),
            };
            let roster = load_roster(&roster, max_roster_bytes)?;
            print_json(&staffing.holders_json(&roster, &grid, &role, on))?;
            Ok(EXIT_OK)
        }
    }
}

fn date(text: &str) -> Result<NaiveDate, Error> {
    text.parse().map_err(|e| {
        Error::input(
            ErrorCode::InvalidDateTime,
            format!(
                "--on: expected YYYY-MM-DD, found {:?}: {e}",
                text.chars().take(40).collect::<String>()
            ),
        )
    })
}

/// Reads a roster file (`-`: standard input), stopping one byte past the limit.
fn load_roster(path: &Path, max_bytes: usize) -> Result<Roster, Error> {
    let bytes = read_capped(path, max_bytes as u64, "--max-roster-bytes")?;
    let limits = RosterLimits {
        max_bytes,
        ..RosterLimits::default()
    };
    Ok(Roster::from_json_with_limits(&utf8(path, bytes)?, &limits)?)
}
