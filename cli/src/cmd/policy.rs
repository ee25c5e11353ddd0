//! `wangge policy …`: bundled presets and policy files.

use std::path::PathBuf;

use clap::Subcommand;
use wangge::Error;
use wangge::policy::{PRESETS, Policy};

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
        /// The policy file.
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

/// Loads a policy from a file path, or a preset when the argument is a preset id.
pub fn load(path: &std::path::Path) -> Result<Policy, Error> {
    if let Some(id) = path
        .to_str()
        .filter(|s| PRESETS.iter().any(|(p, _)| p == s))
    {
        return Ok(Policy::preset(id)?);
    }
    Ok(Policy::from_str_auto(&read_text(path)?)?)
}
