//! The `case.*` JSON operations (called from [`crate::api::call`]). Each is a typed
//! `fn(In) -> Result<Out, Error>`.
//!
//! Every operation takes a policy — `"policy"`: a preset id (`"seed003"`), TOML/JSON text
//! or an inline object ([`PolicySource`]; absent: the default policy) — and the journal as an array of facts
//! (`"journal": [...]`, default empty). Errors in the journal name the fact's 1-based
//! position as the line.
//!
//! ```
//! use serde_json::json;
//! let out = wangge::api::call("case.apply", &json!({
//!     "policy": "seed003",
//!     "commands": [{"id": "k1", "case": "C1", "op": "report", "at": "2026-02-13T09:00:00+08:00",
//!         "actor": {"person": "w1", "role": "grid_worker", "unit": "371323100201001"},
//!         "args": {"category": "矛盾纠纷", "urgency": "routine", "grid": "371323100201001"}},
//!       {"id": "k2", "case": "C1", "op": "close", "at": "2026-02-13T10:00:00+08:00",
//!         "actor": {"person": "w1", "role": "grid_worker", "unit": "371323100201001"}}]
//! }))?;
//! assert_eq!(out["results"][0]["facts"][0]["type"], "reported");
//! assert_eq!(out["results"][1]["error"]["name"], "invalid_case_transition");
//! assert_eq!(out["facts"].as_array().unwrap().len(), 1);
//! # Ok::<(), wangge::Error>(())
//! ```

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{CaseBook, CaseContext, CaseView, Command, Fact, HistoryLine};
use crate::api::args::PolicySource;
use crate::error::{Error, ErrorCode};
use crate::grid::{GridIndex, Layer};
use crate::policy::Policy;
use crate::record::CaseRecord;

/// The policy of a source (a preset id, TOML/JSON text or an inline object, see
/// [`PolicySource`]), or the default policy when none is given.
///
/// ```
/// use wangge::api::args::PolicySource;
/// let p = wangge::case::api::policy_source(Some(&PolicySource::Text("seed001".into())))?;
/// assert_eq!(p.id, "seed001");
/// assert_eq!(wangge::case::api::policy_source(None)?.id, "default");
/// # Ok::<(), wangge::Error>(())
/// ```
pub fn policy_source(source: Option<&PolicySource>) -> Result<Policy, Error> {
    match source {
        Some(s) => s.load(),
        None => Ok(Policy::from_toml_str(
            "format = 1\nid = \"default\"\nname = \"default\"\nversion = \"1\"\n",
        )?),
    }
}

/// A grid index from a GeoJSON layer (text or object).
pub fn grid_source(grids: Option<Value>) -> Result<Option<GridIndex>, Error> {
    let text = match grids {
        None => return Ok(None),
        Some(Value::String(s)) => s,
        Some(v) => v.to_string(),
    };
    let layer = Layer::from_geojson(&text)?;
    Ok(Some(GridIndex::build(&layer)?))
}

/// The error object of a refused command.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommandError {
    /// Numeric code.
    pub code: u32,
    /// Snake-case name.
    pub name: String,
    /// Message.
    pub message: String,
}

impl From<&Error> for CommandError {
    fn from(e: &Error) -> CommandError {
        CommandError {
            code: e.code().value(),
            name: e.code().name().to_owned(),
            message: e.to_string(),
        }
    }
}

/// The result of one command: its facts, or its error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommandResult {
    /// The command id (empty when it could not be read).
    pub command: String,
    /// The new facts (empty for a command id seen before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts: Option<Vec<Fact>>,
    /// Why it was refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<CommandError>,
}

/// Input of `case.apply`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplyIn {
    /// The policy: a preset id, TOML/JSON text or an inline object (default: the default
    /// policy).
    #[serde(default)]
    pub policy: Option<PolicySource>,
    /// The journal's facts so far.
    #[serde(default)]
    pub journal: Vec<Fact>,
    /// Commands, each a command object (a malformed one is refused on its own).
    pub commands: Vec<Value>,
    /// A GeoJSON grid layer (text or object) to locate reports given as points.
    #[serde(default)]
    pub grids: Option<Value>,
}

/// Output of `case.apply`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplyOut {
    /// One result per command, in order.
    pub results: Vec<CommandResult>,
    /// Every new fact, in order (append them to the journal).
    pub facts: Vec<Fact>,
}

/// Reads one command object (a malformed one is an `invalid_command` error naming its id).
///
/// ```
/// let e = wangge::case::api::read_command(&serde_json::json!({"id": "k1"})).unwrap_err();
/// assert!(e.to_string().contains("k1"));
/// ```
pub fn read_command(v: &Value) -> Result<Command, super::CaseError> {
    let c: Command = serde_path_to_error::deserialize(v).map_err(|e| {
        // Name the field at fault (`at: input is out of range`).
        let path = e.path().to_string();
        let message = e.into_inner().to_string();
        super::CaseError::InvalidCommand {
            command: command_id(v),
            message: match path.as_str() {
                "." | "" => message,
                _ => format!("{path}: {message}"),
            },
        }
    })?;
    c.check()?;
    Ok(c)
}

fn command_id(v: &Value) -> String {
    v.get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .chars()
        .take(super::MAX_ID_LEN)
        .collect()
}

/// `case.apply`: runs commands against the journal; each command is atomic.
pub fn apply(i: ApplyIn) -> Result<ApplyOut, Error> {
    let policy = policy_source(i.policy.as_ref())?;
    let grids = grid_source(i.grids)?;
    let ctx = CaseContext::of(&policy, grids.as_ref());
    let mut book = CaseBook::replay(&i.journal)?;
    let mut results = Vec::with_capacity(i.commands.len());
    let mut facts = Vec::new();
    for v in &i.commands {
        let r = match read_command(v) {
            Err(e) => CommandResult {
                command: command_id(v),
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
    Ok(ApplyOut { results, facts })
}

/// Input of `case.replay`, `case.records` and `case.tick`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalIn {
    /// The policy: a preset id, TOML/JSON text or an inline object (default: the default
    /// policy).
    #[serde(default)]
    pub policy: Option<PolicySource>,
    /// The journal's facts.
    #[serde(default)]
    pub journal: Vec<Fact>,
    /// The instant (default: the last fact's). Required by `case.tick`.
    #[serde(default, with = "crate::api::args::instant_option")]
    pub at: Option<DateTime<FixedOffset>>,
}

fn load(i: &JournalIn) -> Result<(Policy, CaseBook, Option<DateTime<FixedOffset>>), Error> {
    let policy = policy_source(i.policy.as_ref())?;
    let book = CaseBook::replay(&i.journal)?;
    let at = i.at.or(book.last_at());
    Ok((policy, book, at))
}

/// Output of `case.replay`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplayOut {
    /// One state per case, by id.
    pub cases: Vec<CaseView>,
}

/// `case.replay`: one state per case at an instant.
pub fn replay(i: JournalIn) -> Result<ReplayOut, Error> {
    let (policy, book, at) = load(&i)?;
    let cases = match at {
        None => Vec::new(),
        Some(at) => book.views(&ctx(&policy), &at)?,
    };
    Ok(ReplayOut { cases })
}

fn ctx(p: &Policy) -> CaseContext<'_> {
    CaseContext::of(p, None)
}

/// Output of `case.records`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordsOut {
    /// One record per case, by id.
    pub records: Vec<CaseRecord>,
}

/// `case.records`: the flat case records at an instant.
pub fn records(i: JournalIn) -> Result<RecordsOut, Error> {
    let (policy, book, at) = load(&i)?;
    let records = match at {
        None => Vec::new(),
        Some(at) => book.records(&ctx(&policy), &at)?,
    };
    Ok(RecordsOut { records })
}

/// Output of `case.tick`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TickOut {
    /// The breach facts (append them to the journal).
    pub facts: Vec<Fact>,
}

/// `case.tick`: the breach facts at `at` (required).
pub fn tick(i: JournalIn) -> Result<TickOut, Error> {
    let Some(now) = i.at else {
        return Err(Error::input(
            ErrorCode::InvalidArgument,
            "case.tick needs \"at\"",
        ));
    };
    let (policy, mut book, _) = load(&i)?;
    Ok(TickOut {
        facts: book.tick(now, &ctx(&policy))?,
    })
}

/// Input of `case.history`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryIn {
    /// The journal's facts.
    #[serde(default)]
    pub journal: Vec<Fact>,
    /// The case.
    pub case: String,
}

/// Output of `case.history`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryOut {
    /// The readable history, oldest first.
    pub history: Vec<HistoryLine>,
}

/// `case.history`: the readable history of one case.
pub fn history(i: HistoryIn) -> Result<HistoryOut, Error> {
    let book = CaseBook::replay(&i.journal)?;
    Ok(HistoryOut {
        history: book.history(&i.case)?,
    })
}
