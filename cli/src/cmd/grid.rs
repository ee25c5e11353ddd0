//! `wangge grid …`: grid layers.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use wangge::grid::coverage::{CoverageOptions, validate_with_progress};
use wangge::grid::sample::{FaultKind, MAX_FAULT_METRES, SampleCounty, SampleOptions};
use wangge::grid::{Layer, Unit};
use wangge::{Error, ErrorCode};

use crate::io::{EXIT_OK, EXIT_VIOLATIONS, Kind, print_json, read_input};
use crate::progress::{Bar, Spinner};

/// Grid subcommands.
#[derive(Debug, Subcommand)]
pub enum GridCommand {
    /// Write a deterministic sample county as GeoJSON (county, towns, communities, grids).
    Generate(GenerateArgs),
    /// Locate points: JSON lines `{"id", "lon", "lat", "crs"}` on stdin, JSON lines
    /// `{"id", "code", "fallback"}` on stdout, in input order. A bad line gets an error line
    /// (`{"id", "line", "error"}`) and the rest go on; the exit status is then 2.
    Locate(super::locate::LocateArgs),
    /// Validate a layer's coverage: gaps, overlaps, duplicates, invalid rings, code
    /// mismatches, orphans, parts outside the parent, division-rule violations. Prints
    /// `{"valid", "grids", "violations": [{"kind", "codes", "at", "area_m2", "message"}]}`;
    /// exit 0 if valid, 1 if violations were found, 2 on bad input.
    Validate(ValidateArgs),
}

/// A fault `generate` can inject (for testing validators).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FaultArg {
    /// A shared vertex pulled into its own grid: a sliver gap.
    Gap,
    /// A shared vertex pushed into the neighbour: a sliver overlap.
    Overlap,
    /// The grid appended again under a new code.
    Duplicate,
    /// The grid removed.
    Missing,
    /// Two vertices swapped: the ring crosses itself.
    SelfIntersection,
    /// The closing point removed.
    Unclosed,
    /// The ring cut to three points.
    TooFewPoints,
}

impl From<FaultArg> for FaultKind {
    fn from(f: FaultArg) -> FaultKind {
        match f {
            FaultArg::Gap => FaultKind::Gap,
            FaultArg::Overlap => FaultKind::Overlap,
            FaultArg::Duplicate => FaultKind::Duplicate,
            FaultArg::Missing => FaultKind::Missing,
            FaultArg::SelfIntersection => FaultKind::SelfIntersection,
            FaultArg::Unclosed => FaultKind::Unclosed,
            FaultArg::TooFewPoints => FaultKind::TooFewPoints,
        }
    }
}

/// Arguments of `wangge grid validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// The layer (GeoJSON FeatureCollection; features carry `properties.code` and
    /// optionally `parent`, `kind`, `households`, `population`, `valid_from`, `valid_to`;
    /// `-`: standard input).
    pub file: PathBuf,
    /// The units above the layer's (communities, towns, county), as GeoJSON.
    #[arg(long)]
    pub parent: Option<PathBuf>,
    /// Sliver tolerance in metres: gaps and overlaps narrower than this on average (twice
    /// the area over the perimeter) are not reported. Default: the policy's (0.05 m);
    /// 0 to 1,000.
    #[arg(long, allow_negative_numbers = true, value_parser = metres_in(0.0, true))]
    pub tolerance_m: Option<f64>,
    /// Policy file (TOML or JSON) or preset id (seed000 … seed004): levels, code layout,
    /// division rules, tolerance.
    #[arg(long)]
    pub policy: Option<PathBuf>,
    /// Check the versions in force on this date (YYYY-MM-DD) instead of the current ones.
    #[arg(long)]
    pub as_of: Option<String>,
    /// Print `{"read_s", "validate_s", "runs"}` (seconds) on stderr.
    #[arg(long)]
    pub timing: bool,
    /// Validate this many times and give the median time in `--timing` (for benchmarks:
    /// later runs find the layer in memory already touched).
    #[arg(long, default_value_t = 1, requires = "timing", value_parser = clap::value_parser!(u32).range(1..=100))]
    pub repeat: u32,
    /// Threads checking the geometries (default: the machine's cores). The report is the
    /// same for any number.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=256))]
    pub threads: Option<u32>,
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
    #[arg(long, default_value_t = 1358, value_parser = clap::value_parser!(u32).range(1..=500_000))]
    pub grids: u32,
    /// Number of towns (1 – 899; default: about √grids ⁄ 2).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=899))]
    pub towns: Option<u32>,
    /// Which units to write.
    #[arg(long, value_enum, default_value_t = Only::All)]
    pub only: Only,
    /// Output file (default, or `-`: standard output).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Also write this many sample points (0 – 10,000,000) as JSON lines `{"id", "lon",
    /// "lat", "crs"}` to `--points-out`.
    #[arg(long, requires = "points_out", value_parser = clap::value_parser!(u32).range(0..=MAX_POINTS as i64))]
    pub points: Option<u32>,
    /// Where to write the points (`-`: standard output).
    #[arg(long)]
    pub points_out: Option<PathBuf>,
    /// Inject one fault into the written layer (for testing validators).
    #[arg(long, value_enum)]
    pub fault: Option<FaultArg>,
    /// Index (among the written units) of the grid to break; default: a grid near the
    /// middle that is not on the county's edge.
    #[arg(long, requires = "fault")]
    pub fault_index: Option<usize>,
    /// Size of a gap or overlap fault, in metres (more than 0, at most 1,000).
    #[arg(long, default_value_t = 0.5, requires = "fault", value_parser = metres_in(0.0, false))]
    pub fault_metres: f64,
    /// Write what was injected as JSON `{"kind", "codes", "at": {"lon", "lat"}}`.
    #[arg(long, requires = "fault")]
    pub fault_out: Option<PathBuf>,
}

/// Most sample points `generate --points` writes.
pub const MAX_POINTS: u32 = 10_000_000;

/// A parser of a finite number of metres above `lo` (or equal to it when `closed`), at
/// most [`MAX_FAULT_METRES`].
fn metres_in(lo: f64, closed: bool) -> impl Fn(&str) -> Result<f64, String> + Clone {
    move |s: &str| {
        let v: f64 = s
            .trim()
            .parse()
            .map_err(|e| format!("{s:?} is not a number: {e}"))?;
        let above = if closed { v >= lo } else { v > lo };
        if v.is_finite() && above && v <= MAX_FAULT_METRES {
            Ok(v)
        } else {
            Err(format!(
                "{s} is not a number of metres in {}{lo}, {MAX_FAULT_METRES}]",
                if closed { "[" } else { "(" }
            ))
        }
    }
}

/// Runs a grid subcommand.
pub fn run(cmd: GridCommand) -> Result<u8, Error> {
    match cmd {
        GridCommand::Generate(a) => generate(a),
        GridCommand::Locate(a) => super::locate::locate(a),
        GridCommand::Validate(a) => validate(a),
    }
}

fn write_to(path: Option<&PathBuf>, text: &str) -> Result<(), Error> {
    let io_err = |e: std::io::Error| {
        Error::input(
            ErrorCode::InvalidArgument,
            format!("cannot write output: {e}"),
        )
    };
    match path.filter(|p| !crate::io::is_stdin(p)) {
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
        grids: a.grids as usize,
        seed: a.seed,
        towns: a.towns.map(|t| t as usize),
        ..SampleOptions::default()
    })?;
    spinner.message("writing GeoJSON");
    let mut layer = match a.only {
        Only::All => county.layer.clone(),
        Only::Grids => county.grid_layer(),
        Only::Parents => county.parent_layer(),
    };
    if let Some(kind) = a.fault {
        let index = match a.fault_index {
            Some(i) => i,
            None => inner_grid(&layer).ok_or_else(|| {
                Error::input(ErrorCode::InvalidArgument, "the layer has no grid to break")
            })?,
        };
        let fault = layer.inject_fault(kind.into(), index, a.fault_metres)?;
        if let Some(path) = &a.fault_out {
            let text = serde_json::to_string(&fault)
                .map_err(|e| Error::input(ErrorCode::Internal, e.to_string()))?;
            std::fs::write(path, text + "\n").map_err(|e| {
                Error::input(
                    ErrorCode::InvalidArgument,
                    format!("cannot write {}: {e}", path.display()),
                )
            })?;
        }
    }
    write_to(a.out.as_ref(), &layer.to_geojson())?;
    if let (Some(n), Some(path)) = (a.points, a.points_out.as_ref()) {
        spinner.message("writing points");
        write_points(&county, n as usize, a.seed, path)?;
    }
    spinner.finish();
    Ok(EXIT_OK)
}

/// Writes `n` sample points as JSON lines, streaming (memory: 16 bytes a point).
fn write_points(county: &SampleCounty, n: usize, seed: u64, path: &Path) -> Result<(), Error> {
    let io_err = |e: std::io::Error| {
        Error::input(
            ErrorCode::InvalidArgument,
            format!("cannot write {}: {e}", path.display()),
        )
    };
    let sink: Box<dyn Write> = if crate::io::is_stdin(path) {
        Box::new(std::io::stdout().lock())
    } else {
        Box::new(std::fs::File::create(path).map_err(io_err)?)
    };
    let mut out = std::io::BufWriter::new(sink);
    for (i, p) in county.points(n, seed).iter().enumerate() {
        let written = serde_json::to_writer(
            &mut out,
            &serde_json::json!({"id": i, "lon": p.lon, "lat": p.lat, "crs": "wgs84"}),
        )
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"));
        match written {
            // A closed pipe (`| head`) ends the output quietly: the reader's choice.
            Err(e) if crate::io::is_broken_pipe(&e) => return Ok(()),
            r => r.map_err(io_err)?,
        }
    }
    match out.flush() {
        Err(e) if crate::io::is_broken_pipe(&e) => Ok(()),
        r => r.map_err(io_err),
    }
}

/// A grid near the middle of the layer whose every vertex is shared with another grid (so
/// it is not on the county's edge and removing it leaves a hole); any grid otherwise.
fn inner_grid(layer: &Layer) -> Option<usize> {
    use std::collections::HashMap;
    let key = |p: &wangge::geo::Point| (p.lon.to_bits(), p.lat.to_bits());
    let mut count: HashMap<(u64, u64), u32> = HashMap::new();
    for u in layer.grids() {
        for r in u.geometry.rings() {
            for p in r.points().iter().skip(1) {
                *count.entry(key(p)).or_default() += 1;
            }
        }
    }
    let inner = |u: &Unit| {
        u.geometry.rings().all(|r| {
            r.points()
                .iter()
                .all(|p| count.get(&key(p)).is_some_and(|&c| c >= 2))
        })
    };
    let grids: Vec<usize> = (0..layer.units.len())
        .filter(|&i| layer.units[i].is_grid())
        .collect();
    let mid = grids.len() / 2;
    let mut order: Vec<usize> = (0..grids.len()).collect();
    order.sort_by_key(|&k| k.abs_diff(mid));
    order
        .iter()
        .map(|&k| grids[k])
        .find(|&i| inner(&layer.units[i]))
        .or_else(|| grids.get(mid).copied())
}

/// Reads a layer (GeoJSON) from a file or standard input (`-`) within the layer cap;
/// errors name the input once.
pub fn read_layer(path: &Path) -> Result<Layer, Error> {
    let text = read_input(path, Kind::Layer)?;
    Layer::from_geojson(&text).map_err(|e| {
        let message = match &e {
            Error::Geo(g) => g.to_string(),
            other => other.to_string(),
        };
        Error::input(e.code(), format!("{}: {message}", crate::io::name(path)))
    })
}

fn validate(a: ValidateArgs) -> Result<u8, Error> {
    let mut opts = match &a.policy {
        Some(p) => CoverageOptions::from_policy(&super::policy::load(p)?),
        None => CoverageOptions::default(),
    };
    if let Some(t) = a.tolerance_m {
        opts.tolerance_m = t;
    }
    if let Some(d) = &a.as_of {
        opts.as_of = Some(d.parse().map_err(|e| {
            Error::input(
                ErrorCode::InvalidDateTime,
                format!("--as-of {d:?} is not a date (YYYY-MM-DD): {e}"),
            )
        })?);
    }
    opts.threads = a.threads.map_or_else(crate::io::threads, |n| n as usize);
    let started = std::time::Instant::now();
    let spinner = Spinner::start(format!("reading {}", crate::io::name(&a.file)));
    let layer = read_layer(&a.file)?;
    let parent = a.parent.as_deref().map(read_layer).transpose()?;
    spinner.finish();
    let read_s = started.elapsed().as_secs_f64();
    let total = layer.units.len() + parent.as_ref().map_or(0, |p| p.units.len());
    let mut runs = Vec::with_capacity(a.repeat as usize);
    let mut report = None;
    for _ in 0..a.repeat {
        let bar = Bar::start(total as u64, "validating");
        let mut shown = 0usize;
        let started = std::time::Instant::now();
        report = Some(validate_with_progress(
            &layer,
            parent.as_ref(),
            &opts,
            &mut |done, _| {
                bar.inc(done.saturating_sub(shown) as u64);
                shown = shown.max(done);
            },
        ));
        runs.push(started.elapsed().as_secs_f64());
        bar.finish();
    }
    let report = report.ok_or_else(|| Error::input(ErrorCode::Internal, "no validation run"))?;
    if a.timing {
        let mut sorted = runs.clone();
        sorted.sort_by(f64::total_cmp);
        let median = sorted[sorted.len() / 2];
        eprintln!(
            "{}",
            serde_json::json!({"read_s": read_s, "validate_s": median, "runs": runs, "units": total})
        );
    }
    print_json(&report)?;
    Ok(if report.valid {
        EXIT_OK
    } else {
        EXIT_VIOLATIONS
    })
}

#[cfg(test)]
mod tests {
    use clap::ValueEnum;

    use super::*;

    /// `generate --fault` offers every fault the core can inject, each once.
    #[test]
    fn fault_args_cover_every_fault_kind() {
        let kinds: Vec<FaultKind> = FaultArg::value_variants()
            .iter()
            .map(|&a| a.into())
            .collect();
        assert_eq!(kinds, FaultKind::ALL);
    }
}
