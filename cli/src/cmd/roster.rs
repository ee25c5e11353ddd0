//! `wangge roster …`: validate rosters against staffing templates, ask who held a post.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Subcommand;
use wangge::code::GridCode;
use wangge::grid::Layer;
use wangge::staffing::{GridSet, RolePattern, Roster, RosterLimits, StaffingPolicy};
use wangge::{Error, ErrorCode};

use crate::io::{EXIT_OK, EXIT_VIOLATIONS, print_json, read_text};

/// Roster subcommands.
#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Validate a roster against the policy's staffing templates on a date.
    ///
    /// Prints `{"valid", "on", "grids", "unchecked", "violations", "summary"}`; exits 0
    /// when valid, 1 when violations were found, 2 on bad input.
    Validate {
        /// Policy file (TOML or JSON) or preset id (seed000 … seed004).
        #[arg(long)]
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
        /// Largest roster file accepted, in bytes.
        #[arg(long, default_value_t = RosterLimits::default().max_bytes)]
        max_roster_bytes: usize,
    },
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
        /// Largest roster file accepted, in bytes.
        #[arg(long, default_value_t = RosterLimits::default().max_bytes)]
        max_roster_bytes: usize,
    },
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
            let layer = Layer::from_geojson(&read_text(&grids)?)?;
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

/// Reads a roster file, refusing files over the limit before reading them.
fn load_roster(path: &Path, max_bytes: usize) -> Result<Roster, Error> {
    if let Ok(meta) = std::fs::metadata(path)
        && meta.len() > max_bytes as u64
    {
        return Err(Error::input(
            ErrorCode::InputTooLarge,
            format!(
                "{}: {} bytes, at most {max_bytes} (--max-roster-bytes)",
                path.display(),
                meta.len()
            ),
        ));
    }
    let limits = RosterLimits {
        max_bytes,
        ..RosterLimits::default()
    };
    Ok(Roster::from_json_with_limits(&read_text(path)?, &limits)?)
}
