//! `wangge policy …`: bundled presets and policy files.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use wangge::policy::{PRESETS, Policy};
use wangge::{Error, ErrorCode};

use crate::io::{EXIT_OK, print_json, read_text};

/// Policy subcommands.
#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// List the bundled presets as JSON: `[{"id": …, "name": …, "version": …}]`.
    List,
    /// Print a bundled preset as JSON.
    Show {
        /// Preset id (seed000 … seed004).
        id: String,
    },
    /// Validate a policy file (TOML or JSON) and print it back as JSON.
    Check {
        /// The policy file (`-`: standard input) or a preset id.
        file: PathBuf,
    },
}

/// Runs a policy subcommand.
pub fn run(cmd: PolicyCommand) -> Result<u8, Error> {
    match cmd {
        PolicyCommand::List => {
            let list: Result<Vec<_>, Error> = PRESETS
                .iter()
                .map(|(id, _)| {
                    let p = Policy::preset(id)?;
                    Ok(serde_json::json!({"id": p.id, "name": p.name, "version": p.version}))
                })
                .collect();
            print_json(&list?)?;
        }
        PolicyCommand::Show { id } => {
            let p = Policy::preset(&id)?;
            print_json(p.file())?;
        }
        PolicyCommand::Check { file } => {
            let p = load(&file)?;
            print_json(p.file())?;
        }
    }
    Ok(EXIT_OK)
}

/// Loads a policy: a bundled preset when the argument names one, else a policy file
/// (TOML or JSON; `-`: standard input). A name that is neither a preset nor an existing
/// file, and does not look like a path, is `unknown_preset` with the list of presets.
pub fn load(path: &Path) -> Result<Policy, Error> {
    match preset_name(path)? {
        Some(id) => Ok(Policy::preset(&id)?),
        None => Ok(Policy::from_str_auto(&read_text(path)?)?),
    }
}

/// The preset an argument names (`None`: it is a file to read). An argument that is not an
/// existing file and has no `/` or `.` is taken as a preset name and must be one.
pub fn preset_name(path: &Path) -> Result<Option<String>, Error> {
    let text = path.to_string_lossy();
    if PRESETS.iter().any(|(p, _)| *p == text) {
        return Ok(Some(text.into_owned()));
    }
    let looks_like_name = !text.contains(['/', '\\', '.']) && text != "-";
    if looks_like_name && !path.exists() {
        // The preset lookup gives the typed error with the list.
        Policy::preset(&text)?;
        let list: Vec<&str> = PRESETS.iter().map(|(p, _)| *p).collect();
        return Err(Error::input(
            ErrorCode::UnknownPreset,
            format!("unknown preset {text:?} (presets: {})", list.join(", ")),
        ));
    }
    Ok(None)
}
