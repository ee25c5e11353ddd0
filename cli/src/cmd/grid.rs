//! `wangge grid …`: grid layers.

use std::io::Write;
use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use wangge::grid::sample::{SampleCounty, SampleOptions};
use wangge::{Error, ErrorCode};

use crate::io::EXIT_OK;
use crate::progress::Spinner;

/// Grid subcommands.
#[derive(Debug, Subcommand)]
pub enum GridCommand {
    /// Write a deterministic sample county as GeoJSON (county, towns, communities, grids).
    Generate(GenerateArgs),
    /// Locate points: JSON lines `{"id", "lon", "lat", "crs"}` on stdin, JSON lines
    /// `{"id", "code", "fallback"}` on stdout, in input order. A bad line gets an error line
    /// (`{"id", "line", "error"}`) and the rest go on; the exit status is then 2.
    Locate(super::locate::LocateArgs),
}

/// Which units `generate` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Only {
    /// County, towns, communities and grids.
    All,
    /// Grids only.
    Grids,
    /// County, towns and communities only.
    Parents,
}

/// Arguments of `wangge grid generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// Seed of the generator (same seed, same county).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Number of grids (1 – 500,000).
    #[arg(long, default_value_t = 1358)]
    pub grids: usize,
    /// Number of towns (default: about √grids ⁄ 2).
    #[arg(long)]
    pub towns: Option<usize>,
    /// Which units to write.
    #[arg(long, value_enum, default_value_t = Only::All)]
    pub only: Only,
    /// Output file (default: standard output).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Also write this many sample points as JSON lines `{"id", "lon", "lat", "crs"}` to
    /// `--points-out`.
    #[arg(long, requires = "points_out")]
    pub points: Option<usize>,
    /// Where to write the points.
    #[arg(long)]
    pub points_out: Option<PathBuf>,
}

/// Runs a grid subcommand.
pub fn run(cmd: GridCommand) -> Result<u8, Error> {
    match cmd {
        GridCommand::Generate(a) => generate(a),
        GridCommand::Locate(a) => super::locate::locate(a),
    }
}

fn write_to(path: Option<&PathBuf>, text: &str) -> Result<(), Error> {
    let io_err = |e: std::io::Error| {
        Error::input(
            ErrorCode::InvalidArgument,
            format!("cannot write output: {e}"),
        )
    };
    match path {
        Some(p) => std::fs::write(p, text).map_err(io_err),
        None => {
            let mut out = std::io::stdout().lock();
            match out
                .write_all(text.as_bytes())
                .and_then(|()| out.write_all(b"\n"))
            {
                // A closed pipe (`| head`) is the reader's choice, not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => r.map_err(io_err),
            }
        }
    }
}

fn generate(a: GenerateArgs) -> Result<u8, Error> {
    let spinner = Spinner::start(format!("generating a county of {} grids", a.grids));
    let county = SampleCounty::generate(&SampleOptions {
        grids: a.grids,
        seed: a.seed,
        towns: a.towns,
        ..SampleOptions::default()
    })?;
    spinner.message("writing GeoJSON");
    let layer = match a.only {
        Only::All => county.layer.clone(),
        Only::Grids => county.grid_layer(),
        Only::Parents => county.parent_layer(),
    };
    write_to(a.out.as_ref(), &layer.to_geojson())?;
    if let (Some(n), Some(path)) = (a.points, a.points_out.as_ref()) {
        spinner.message("writing points");
        let mut text = String::with_capacity(n * 64);
        for (i, p) in county.points(n, a.seed).iter().enumerate() {
            text.push_str(
                &serde_json::json!({"id": i, "lon": p.lon, "lat": p.lat, "crs": "wgs84"})
                    .to_string(),
            );
            text.push('\n');
        }
        std::fs::write(path, text).map_err(|e| {
            Error::input(
                ErrorCode::InvalidArgument,
                format!("cannot write {}: {e}", path.display()),
            )
        })?;
    }
    spinner.finish();
    Ok(EXIT_OK)
}
