//! The case book object (`CaseBook`): a book open with its policy, sent typed commands one
//! at a time, answering typed facts, states and records.

use std::sync::{Arc, Mutex};

use serde::Serialize;
use serde_json::{Map, Value};
use wangge::case::{CaseView, Fact, Op, OpenBook, read_at};
use wangge::record::CaseRecord;

use crate::{WanggeError, core, guard};

/// A case operation (the `op` of a command).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
#[allow(missing_docs)]
pub enum CaseOp {
    Report,
    Accept,
    Assess,
    Claim,
    Dispatch,
    Delegate,
    Summon,
    CheckIn,
    SendBack,
    Start,
    Resolve,
    Verify,
    Close,
    Reopen,
    Suspend,
    Resume,
    Extend,
    Void,
    Supervise,
    Merge,
    Feedback,
    Rate,
}

impl From<CaseOp> for Op {
    fn from(o: CaseOp) -> Op {
        match o {
            CaseOp::Report => Op::Report,
            CaseOp::Accept => Op::Accept,
            CaseOp::Assess => Op::Assess,
            CaseOp::Claim => Op::Claim,
            CaseOp::Dispatch => Op::Dispatch,
            CaseOp::Delegate => Op::Delegate,
            CaseOp::Summon => Op::Summon,
            CaseOp::CheckIn => Op::CheckIn,
            CaseOp::SendBack => Op::SendBack,
            CaseOp::Start => Op::Start,
            CaseOp::Resolve => Op::Resolve,
            CaseOp::Verify => Op::Verify,
            CaseOp::Close => Op::Close,
            CaseOp::Reopen => Op::Reopen,
            CaseOp::Suspend => Op::Suspend,
            CaseOp::Resume => Op::Resume,
            CaseOp::Extend => Op::Extend,
            CaseOp::Void => Op::Void,
            CaseOp::Supervise => Op::Supervise,
            CaseOp::Merge => Op::Merge,
            CaseOp::Feedback => Op::Feedback,
            CaseOp::Rate => Op::Rate,
        }
    }
}

/// Who gives a command: a person, their role (a policy role id: `grid_worker`,
/// `town_centre` …) and their unit (a unit code, or `dept:<department id>`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CaseActor {
    /// Person id.
    pub person: String,
    /// Role id.
    pub role: String,
    /// Unit code or `dept:<id>`.
    pub unit: String,
}

/// One command. `args_json` holds the operation's arguments as a JSON object (their
/// shapes differ by operation; see `schemas/case-command.schema.json`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CaseCommand {
    /// Command id: a command id seen before has no effect a second time.
    pub id: String,
    /// Case id.
    pub case_id: String,
    /// The operation.
    pub op: CaseOp,
    /// When (RFC 3339 with offset: `2026-03-02T09:00:00+08:00`).
    pub at: String,
    /// Who.
    pub actor: CaseActor,
    /// The arguments, a JSON object (none: `{}`).
    #[uniffi(default = None)]
    pub args_json: Option<String>,
}

/// One fact of the journal.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CaseFact {
    /// Case id.
    pub case_id: String,
    /// The command that produced it (none for breach facts).
    pub command: Option<String>,
    /// When (RFC 3339).
    pub at: String,
    /// What happened (`reported`, `accepted`, `breached` …).
    pub kind: String,
    /// The whole fact as a journal line (JSON).
    pub json: String,
}

/// A case's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
#[allow(missing_docs)]
pub enum CaseStatus {
    Reported,
    Accepted,
    Assigned,
    InProgress,
    Resolved,
    Closed,
    Suspended,
    Voided,
    Merged,
}

/// A case's state at an instant.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CaseState {
    /// Case id.
    pub case_id: String,
    /// Status.
    pub status: CaseStatus,
    /// Tier: `t1` (grid), `t2` (community), `t3` (town), `t4` (county).
    pub tier: String,
    /// Grid code.
    pub grid: String,
    /// Handling unit (a unit code or `dept:<id>`).
    pub handler: String,
    /// Category id.
    pub category: String,
    /// Urgency (`routine`, `important`, `urgent`).
    pub urgency: String,
    /// An emergency (taken by the town).
    pub emergency: bool,
    /// The current stage's deadline (RFC 3339), if a clock runs.
    pub due_stage: Option<String>,
    /// The report-to-close deadline (RFC 3339), if any.
    pub due_overall: Option<String>,
    /// Progress colour (`green`, `blue`, `yellow`, `red`), none when no clock runs.
    pub colour: Option<String>,
    /// Failed verifications.
    pub rework: u32,
    /// Supervision level (`none`, `normal`, `yellow`, `red`).
    pub supervision: String,
    /// The resident's rating, if given.
    pub rating: Option<String>,
    /// The whole state as JSON (every field, as the `case.replay` operation gives it).
    pub json: String,
}

/// A value's serde name (`"in_progress"` for a unit variant), or its JSON text.
fn name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

impl From<&Fact> for CaseFact {
    fn from(f: &Fact) -> CaseFact {
        CaseFact {
            case_id: f.case.clone(),
            command: f.command.clone(),
            at: f.at.to_rfc3339(),
            kind: f.event.name().to_owned(),
            json: serde_json::to_string(f).unwrap_or_default(),
        }
    }
}

impl From<&CaseView> for CaseState {
    fn from(v: &CaseView) -> CaseState {
        CaseState {
            case_id: v.case.clone(),
            status: v.status.into(),
            tier: name(&v.tier),
            grid: v.grid.clone(),
            handler: v.handler.clone(),
            category: v.category.clone(),
            urgency: name(&v.urgency),
            emergency: v.emergency,
            due_stage: v.due.stage.map(|d| d.to_rfc3339()),
            due_overall: v.due.overall.map(|d| d.to_rfc3339()),
            colour: v.colour.map(|c| name(&c)),
            rework: v.rework,
            supervision: name(&v.supervision),
            rating: v.rating.map(|r| name(&r)),
            json: serde_json::to_string(v).unwrap_or_default(),
        }
    }
}

/// The command as the core reads it (the same checks and messages as a JSON command).
fn command(c: CaseCommand) -> Result<wangge::case::Command, WanggeError> {
    let args = match c.args_json.as_deref() {
        None => Value::Object(Map::new()),
        Some(text) => {
            wangge::api::Limits::default()
                .check_len("args_json", text.len())
                .map_err(core)?;
            serde_json::from_str(text).map_err(|e| {
                core(wangge::case::CaseError::InvalidCommand {
                    command: c.id.chars().take(128).collect(),
                    message: format!("args_json: {e}"),
                })
            })?
        }
    };
    let v = serde_json::json!({
        "id": c.id, "case": c.case_id, "op": Op::from(c.op), "at": c.at,
        "actor": {"person": c.actor.person, "role": c.actor.role, "unit": c.actor.unit},
        "args": args,
    });
    wangge::case::api::read_command(&v).map_err(core)
}

/// A case book: the facts so far, the policy they run under and, optionally, the grids
/// that locate reports given as points. Commands are atomic: a refused one raises its
/// typed error and leaves the book unchanged. Safe to share between threads (calls are
/// serialized).
#[derive(Debug, uniffi::Object)]
pub struct CaseBook {
    inner: Mutex<OpenBook>,
}

impl CaseBook {
    fn with<T>(
        &self,
        f: impl FnOnce(&mut OpenBook) -> Result<T, WanggeError>,
    ) -> Result<T, WanggeError> {
        guard(|| {
            let mut b = self.inner.lock().map_err(|_| {
                WanggeError::new(wangge::ErrorCode::Internal, "case book poisoned".into())
            })?;
            f(&mut b)
        })
    }
}

#[uniffi::export]
impl CaseBook {
    /// Opens a book: `policy` is a preset id (`"seed003"`) or policy text (TOML or JSON);
    /// `grids` a GeoJSON grid layer (to locate reports given as points); `journal` a
    /// journal's text (JSON Lines, as `journal()` or `wangge case apply` writes it).
    #[uniffi::constructor(default(grids = None, journal = None))]
    pub fn new(
        policy: String,
        grids: Option<String>,
        journal: Option<String>,
    ) -> Result<Arc<CaseBook>, WanggeError> {
        guard(|| {
            let inner =
                OpenBook::open(&policy, grids.as_deref(), journal.as_deref()).map_err(core)?;
            Ok(Arc::new(CaseBook {
                inner: Mutex::new(inner),
            }))
        })
    }

    /// Runs one command; returns its new facts (empty for a command id seen before).
    pub fn execute(&self, command: CaseCommand) -> Result<Vec<CaseFact>, WanggeError> {
        self.with(|b| {
            let c = self::command(command)?;
            Ok(b.execute(&c)
                .map_err(core)?
                .iter()
                .map(CaseFact::from)
                .collect())
        })
    }

    /// Runs one command given as JSON text (one command object, as in a commands file).
    pub fn execute_json(&self, command: String) -> Result<Vec<CaseFact>, WanggeError> {
        self.with(|b| {
            Ok(b.execute_json(&command)
                .map_err(core)?
                .iter()
                .map(CaseFact::from)
                .collect())
        })
    }

    /// Adds the breach facts at `now` (RFC 3339) — deadlines passed and not yet recorded
    /// — and returns them.
    pub fn tick(&self, now: String) -> Result<Vec<CaseFact>, WanggeError> {
        self.with(|b| {
            let now = wangge::api::args::parse_instant(&now).map_err(core)?;
            Ok(b.tick(now)
                .map_err(core)?
                .iter()
                .map(CaseFact::from)
                .collect())
        })
    }

    /// One case's state at `at` (RFC 3339; none: the last fact's instant); none for an
    /// unknown case.
    #[uniffi::method(default(at = None))]
    pub fn state(
        &self,
        case_id: String,
        at: Option<String>,
    ) -> Result<Option<CaseState>, WanggeError> {
        self.with(|b| {
            let at = read_at(at.as_deref()).map_err(core)?;
            Ok(b.state(&case_id, at)
                .map_err(core)?
                .as_ref()
                .map(CaseState::from))
        })
    }

    /// Every case's state at `at` (none: the last fact's instant), by id.
    #[uniffi::method(default(at = None))]
    pub fn states(&self, at: Option<String>) -> Result<Vec<CaseState>, WanggeError> {
        self.with(|b| {
            let at = read_at(at.as_deref()).map_err(core)?;
            Ok(b.cases(at)
                .map_err(core)?
                .iter()
                .map(CaseState::from)
                .collect())
        })
    }

    /// The case records scoring reads, at `at` (none: the last fact's instant), as JSON
    /// Lines (one record object per line, the format `score_compute` and `wangge score`
    /// read).
    #[uniffi::method(default(at = None))]
    pub fn records_jsonl(&self, at: Option<String>) -> Result<String, WanggeError> {
        self.with(|b| {
            let at = read_at(at.as_deref()).map_err(core)?;
            let records: Vec<CaseRecord> = b.records(at).map_err(core)?;
            let mut out = String::new();
            for r in &records {
                out.push_str(&serde_json::to_string(r).unwrap_or_default());
                out.push('\n');
            }
            Ok(out)
        })
    }

    /// The readable history of a case, one line per fact, oldest first
    /// (`UnknownCase` for an unknown id).
    pub fn history(&self, case_id: String) -> Result<Vec<String>, WanggeError> {
        self.with(|b| {
            Ok(b.history(&case_id)
                .map_err(core)?
                .iter()
                .map(|h| format!("{} {} {}: {}", h.at.to_rfc3339(), h.kind, h.who, h.text))
                .collect())
        })
    }

    /// The whole journal as text (a header line, then one fact per line), to save and to
    /// open again.
    pub fn journal(&self) -> Result<String, WanggeError> {
        self.with(|b| Ok(b.journal()))
    }

    /// The number of facts.
    pub fn fact_count(&self) -> Result<u64, WanggeError> {
        self.with(|b| Ok(b.facts().len() as u64))
    }
}
