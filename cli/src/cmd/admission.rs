//! `wangge admission …`: admission lists (事务准入) — check pushes, list what is in force,
//! move items along their lifecycle, expand recurring tasks, total budgets, count
//! rejections.
//!
//! Every subcommand reading a register takes a source: `--file LIST` (a list file, TOML or
//! JSON) and/or `--policy FILE|PRESET` (a policy file or a bundled preset: its rules, and
//! its initial lists when `--file` is absent; `--preset ID` is the same for a preset).
//! Every file may be `-` (standard input) and is read within its cap (docs/LIMITS.md). The JSON printed is exactly the output of the matching `admission.*` operation
//! of `wangge::api`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde_json::{Map, Value, json};
use wangge::admission::{AdmissionListFile, AdmissionLog, GridRef, Rejection};
use wangge::grid::Layer;
use wangge::{Error, ErrorCode};

use crate::io::{EXIT_OK, EXIT_VIOLATIONS, Kind, print_json, read_input, read_text};

/// Where the register and the rules come from.
#[derive(Debug, Args)]
pub struct Source {
    /// The admission list file (TOML or JSON).
    #[arg(long)]
    file: Option<PathBuf>,
    /// A bundled policy preset (seed000 … seed004): its rules, and its lists without --file.
    #[arg(long, conflicts_with = "policy")]
    preset: Option<String>,
    /// A policy file (TOML or JSON) or a preset id: its rules, and its lists without --file.
    #[arg(long, value_name = "FILE|PRESET")]
    policy: Option<PathBuf>,
}

/// The lists an admission register holds.
const LISTS: [&str; 4] = ["task", "service", "report", "summon"];

/// Admission list subcommands.
#[derive(Debug, Subcommand)]
pub enum AdmissionCommand {
    /// May a department push this item (or assign this case category) onto a grid of this
    /// kind on this date? Prints the decision; exit 0 if allowed, 1 if rejected.
    Check {
        #[command(flatten)]
        source: Source,
        /// The list checked: task, service, report or summon.
        #[arg(long, default_value = "task", value_parser = LISTS)]
        list: String,
        /// The item's code.
        #[arg(long, group = "subject")]
        code: Option<String>,
        /// The item's exact name (pushes without a code).
        #[arg(long, group = "subject")]
        name: Option<String>,
        /// A case category assigned to the grid (`矛盾纠纷/邻里纠纷`).
        #[arg(long, group = "subject")]
        category: Option<String>,
        /// The department pushing (for the summon list: summoned).
        #[arg(long)]
        department: Option<String>,
        /// The kind of the receiving grid: basic, micro, dedicated:<site>.
        #[arg(long, default_value = "basic")]
        grid_kind: String,
        /// The receiving grid (or unit) code, for items limited to part of the jurisdiction.
        #[arg(long)]
        unit: Option<String>,
        /// The day of the push (YYYY-MM-DD).
        #[arg(long, alias = "date")]
        on: String,
        /// An admission log file (JSON) to fold the decision into; created if missing.
        #[arg(long)]
        log: Option<PathBuf>,
    },
    /// The entries in force on a date: what was on the list on day D.
    List {
        #[command(flatten)]
        source: Source,
        /// The day (YYYY-MM-DD).
        #[arg(long)]
        on: String,
        /// Only this list: task, service, report or summon.
        #[arg(long, value_parser = LISTS)]
        list: Option<String>,
        /// Only entries applying to this grid kind.
        #[arg(long)]
        grid_kind: Option<String>,
    },
    /// Check a register (structure, versions, authority of every step) and print it in
    /// canonical form with its rules.
    Validate {
        #[command(flatten)]
        source: Source,
    },
    /// Apply one lifecycle step (propose, approve, enforce, retire) given as JSON; prints
    /// the new list and the entries changed.
    Transition {
        #[command(flatten)]
        source: Source,
        /// The step as a JSON file (`-`: standard input), e.g. `{"action": "approve", "code":
        /// "RW-001", "date": "2026-01-10", "by": {"unit": "county_governance_office"},
        /// "document": "…"}`.
        #[arg(long)]
        transition: PathBuf,
        /// Also write the new list to this file (TOML if it ends in .toml, else JSON).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Due instances of the recurring items per grid and period, due in [from, to).
    Instances {
        #[command(flatten)]
        source: Source,
        /// The grids: a JSON array of {"code", "kind"?, "subjects"?} or a GeoJSON layer.
        #[arg(long)]
        grids: PathBuf,
        /// First day (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// First day after the range (YYYY-MM-DD).
        #[arg(long)]
        to: String,
        /// Only these item codes (repeatable).
        #[arg(long = "code")]
        codes: Vec<String>,
    },
    /// How much of the recurring work due in [from, to) was done, per grid, from a JSON
    /// array of completions `[{"instance": id, "date", "count"?}]`.
    Completion {
        #[command(flatten)]
        source: Source,
        /// The grids: a JSON array of {"code", "kind"?, "subjects"?} or a GeoJSON layer.
        #[arg(long)]
        grids: PathBuf,
        /// First day (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// First day after the range (YYYY-MM-DD).
        #[arg(long)]
        to: String,
        /// Only these item codes (repeatable).
        #[arg(long = "code")]
        codes: Vec<String>,
        /// The completions file (JSON array).
        #[arg(long)]
        completions: PathBuf,
    },
    /// Yearly budgets of the items in force on a date, per department and per grid.
    Budget {
        #[command(flatten)]
        source: Source,
        /// The grids: a JSON array of {"code", "kind"?} or a GeoJSON layer.
        #[arg(long)]
        grids: PathBuf,
        /// The day (YYYY-MM-DD).
        #[arg(long)]
        on: String,
    },
    /// Count rejections per department from a log: a log object, a JSON array of
    /// rejections or decisions, or JSON lines of them.
    Tally {
        /// The log file.
        file: PathBuf,
    },
}

/// Runs an admission subcommand.
pub fn run(cmd: AdmissionCommand) -> Result<u8, Error> {
    match cmd {
        AdmissionCommand::Check {
            source,
            list,
            code,
            name,
            category,
            department,
            grid_kind,
            unit,
            on,
            log,
        } => {
            let mut request = Map::new();
            request.insert("list".into(), json!(list));
            for (k, v) in [
                ("code", code),
                ("name", name),
                ("category", category),
                ("department", department),
                ("unit", unit),
            ] {
                if let Some(v) = v {
                    request.insert(k.into(), json!(v));
                }
            }
            if !request.contains_key("code")
                && !request.contains_key("name")
                && !request.contains_key("category")
            {
                return Err(Error::input(
                    ErrorCode::InvalidArgument,
                    "give one of --code, --name or --category",
                ));
            }
            request.insert("grid_kind".into(), json!(grid_kind));
            request.insert("date".into(), json!(date("--on", &on)?));
            let mut input = source.input()?;
            input.insert("request".into(), Value::Object(request));
            let old_log = match &log {
                Some(p) if p.exists() => Some(read_log(p)?),
                Some(_) => Some(AdmissionLog::default()),
                None => None,
            };
            if let Some(l) = &old_log {
                input.insert("log".into(), serde_json::to_value(l)?);
            }
            let mut out = wangge::api::call("admission.check", &Value::Object(input))?;
            if let (Some(path), Some(new_log)) =
                (&log, out.as_object_mut().and_then(|o| o.remove("log")))
            {
                write(path, &serde_json::to_string_pretty(&new_log)?)?;
            }
            let allowed = out["allowed"] == json!(true);
            print_json(&out)?;
            return Ok(if allowed { EXIT_OK } else { EXIT_VIOLATIONS });
        }
        AdmissionCommand::List {
            source,
            on,
            list,
            grid_kind,
        } => {
            let mut input = source.input()?;
            input.insert("on".into(), json!(date("--on", &on)?));
            if let Some(l) = list {
                input.insert("list".into(), json!(l));
            }
            if let Some(g) = grid_kind {
                input.insert("grid_kind".into(), json!(g));
            }
            print_json(&wangge::api::call("admission.list", &Value::Object(input))?)?;
        }
        AdmissionCommand::Validate { source } => {
            let input = source.input()?;
            print_json(&wangge::api::call("admission.load", &Value::Object(input))?)?;
        }
        AdmissionCommand::Transition {
            source,
            transition,
            out,
        } => {
            let step: Value = parse_json(&transition)?;
            check_dates(&step, "transition")?;
            let mut input = source.input()?;
            input.insert("transition".into(), step);
            let result = wangge::api::call("admission.transition", &Value::Object(input))?;
            if let Some(path) = out {
                let text = if path.extension().is_some_and(|e| e == "toml") {
                    let file: AdmissionListFile =
                        serde_json::from_value(result["admission_list"].clone())?;
                    file.to_toml()?
                } else {
                    serde_json::to_string_pretty(&result["admission_list"])?
                };
                write(&path, &text)?;
            }
            print_json(&result)?;
        }
        AdmissionCommand::Instances {
            source,
            grids,
            from,
            to,
            codes,
        } => {
            let mut input = source.input()?;
            input.insert("grids".into(), serde_json::to_value(read_grids(&grids)?)?);
            input.insert("from".into(), json!(date("--from", &from)?));
            input.insert("to".into(), json!(date("--to", &to)?));
            if !codes.is_empty() {
                input.insert("codes".into(), json!(codes));
            }
            print_json(&wangge::api::call(
                "admission.instances",
                &Value::Object(input),
            )?)?;
        }
        AdmissionCommand::Completion {
            source,
            grids,
            from,
            to,
            codes,
            completions,
        } => {
            let mut input = source.input()?;
            input.insert("grids".into(), serde_json::to_value(read_grids(&grids)?)?);
            input.insert("from".into(), json!(date("--from", &from)?));
            input.insert("to".into(), json!(date("--to", &to)?));
            if !codes.is_empty() {
                input.insert("codes".into(), json!(codes));
            }
            let done: Value = parse_json(&completions)?;
            input.insert("completions".into(), done);
            print_json(&wangge::api::call(
                "admission.completion",
                &Value::Object(input),
            )?)?;
        }
        AdmissionCommand::Budget { source, grids, on } => {
            let mut input = source.input()?;
            input.insert("grids".into(), serde_json::to_value(read_grids(&grids)?)?);
            input.insert("on".into(), json!(date("--on", &on)?));
            print_json(&wangge::api::call(
                "admission.budget",
                &Value::Object(input),
            )?)?;
        }
        AdmissionCommand::Tally { file } => {
            let log = read_log(&file)?;
            print_json(&wangge::api::call(
                "admission.tally",
                &serde_json::to_value(&log)?,
            )?)?;
        }
    }
    Ok(EXIT_OK)
}

impl Source {
    /// The source keys of an operation's input.
    fn input(&self) -> Result<Map<String, Value>, Error> {
        let mut m = Map::new();
        if let Some(f) = &self.file {
            m.insert("admission_list".into(), json!(read_text(f)?));
        }
        if let Some(p) = &self.preset {
            m.insert("policy".into(), json!(p));
        }
        if let Some(p) = &self.policy {
            match crate::cmd::policy::preset_name(p)? {
                Some(id) => m.insert("policy".into(), json!(id)),
                None => m.insert("policy".into(), json!(read_text(p)?)),
            };
        }
        if m.is_empty() {
            return Err(Error::input(
                ErrorCode::InvalidArgument,
                "give --file, --preset or --policy",
            ));
        }
        Ok(m)
    }
}

fn date(flag: &str, text: &str) -> Result<String, Error> {
    text.parse::<NaiveDate>()
        .map(|d| d.to_string())
        .map_err(|e| {
            Error::input(
                ErrorCode::InvalidDateTime,
                format!(
                    "{flag}: expected a date YYYY-MM-DD, got {:?}: {e}",
                    short(text)
                ),
            )
        })
}

fn short(text: &str) -> String {
    text.chars().take(40).collect()
}

/// Reads a JSON file (`-`: standard input) within the file cap; errors name the input.
fn parse_json(path: &Path) -> Result<Value, Error> {
    serde_json::from_str(&read_text(path)?).map_err(|e| {
        Error::input(
            ErrorCode::InvalidJson,
            format!("{}: {e}", crate::io::name(path)),
        )
    })
}

/// Checks every string shaped like a date (`NNNN-NN-NN`) in a JSON value is one, naming
/// the field of the first that is not (the step's tagged form hides the field otherwise).
fn check_dates(v: &Value, path: &str) -> Result<(), Error> {
    match v {
        Value::String(s) => {
            let shaped = s.len() == 10
                && s.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                });
            if shaped && s.parse::<NaiveDate>().is_err() {
                return Err(Error::input(
                    ErrorCode::InvalidDateTime,
                    format!("{path}: {s:?} is not a date (YYYY-MM-DD)"),
                ));
            }
            Ok(())
        }
        Value::Array(a) => a
            .iter()
            .enumerate()
            .try_for_each(|(i, x)| check_dates(x, &format!("{path}[{i}]"))),
        Value::Object(o) => o
            .iter()
            .try_for_each(|(k, x)| check_dates(x, &format!("{path}.{k}"))),
        _ => Ok(()),
    }
}

fn write(path: &Path, text: &str) -> Result<(), Error> {
    std::fs::write(path, text).map_err(|e| {
        Error::input(
            ErrorCode::InvalidArgument,
            format!("cannot write {}: {e}", path.display()),
        )
    })
}

/// Reads grids from a JSON array of grid references or a GeoJSON layer (grid features
/// only; `kind` and an optional `subjects` object from the properties).
fn read_grids(path: &Path) -> Result<Vec<GridRef>, Error> {
    let text = read_input(path, Kind::Layer)?;
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') {
        return Ok(serde_json::from_str(&text)?);
    }
    let layer = Layer::from_geojson(&text)?;
    layer
        .grids()
        .map(|u| {
            let subjects = match u.properties.get("subjects") {
                None | Some(Value::Null) => None,
                Some(v) => Some(serde_json::from_value(v.clone()).map_err(|e| {
                    Error::input(
                        ErrorCode::InvalidJson,
                        format!("grid {}: subjects: {e}", u.code),
                    )
                })?),
            };
            let code = u.code.as_grid().ok_or_else(|| {
                Error::input(ErrorCode::Internal, format!("{} is not a grid", u.code))
            })?;
            Ok(GridRef {
                code,
                kind: u.kind.unwrap_or_default(),
                subjects,
            })
        })
        .collect()
}

/// Reads a log: an [`AdmissionLog`] object, a JSON array of rejections or decisions, or
/// JSON lines of them.
fn read_log(path: &Path) -> Result<AdmissionLog, Error> {
    let text = read_text(path)?;
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(AdmissionLog::default());
    }
    if trimmed.starts_with('{')
        && let Ok(log) = serde_json::from_str::<AdmissionLog>(trimmed)
    {
        return Ok(log);
    }
    let items: Vec<Value> = if trimmed.starts_with('[') {
        serde_json::from_str(trimmed)?
    } else {
        trimmed
            .lines()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
            .map(|(i, l)| {
                serde_json::from_str(l).map_err(|e| {
                    Error::input(ErrorCode::InvalidJson, format!("line {}: {e}", i + 1))
                })
            })
            .collect::<Result<_, _>>()?
    };
    let mut log = AdmissionLog::default();
    for (i, v) in items.into_iter().enumerate() {
        // Errors name the entry and the field (`entry 3: rejection.date: …`).
        let rejection = |v: &Value, prefix: &str| {
            serde_path_to_error::deserialize::<_, Rejection>(v).map_err(|e| {
                let path = e.path().to_string();
                let field = if path == "." {
                    String::new()
                } else {
                    format!("{prefix}{path}: ")
                };
                Error::input(
                    ErrorCode::InvalidJson,
                    format!("entry {}: {field}{}", i + 1, e.into_inner()),
                )
            })
        };
        match v.get("allowed") {
            Some(Value::Bool(true)) => {
                let d = v["department"].as_str().unwrap_or_default().to_string();
                *log.allowed.entry(d).or_default() += 1;
            }
            Some(Value::Bool(false)) => {
                log.rejections
                    .push(rejection(&v["rejection"], "rejection.")?);
            }
            _ => log.rejections.push(rejection(&v, "")?),
        }
    }
    Ok(log)
}
