//! Commands: what a host asks the engine to do (the wire contract of issue 12).

use chrono::{DateTime, FixedOffset};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::CaseError;
use crate::actor::Actor;

/// Every operation of the wire contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// 事件上报.
    Report,
    /// 受理.
    Accept,
    /// 研判 / re-tier with a reason.
    Assess,
    /// 抢单: a town claims a case at the county platform.
    Claim,
    /// 派单: the county dispatches to a town or department.
    Dispatch,
    /// 分单: a town delegates a routine matter down.
    Delegate,
    /// 联单 / 吹哨: a town summons departments.
    Summon,
    /// 报到: a summoned department checks in.
    CheckIn,
    /// 返单: a town returns a hard case to the county.
    SendBack,
    /// Start handling.
    Start,
    /// The handler says it is resolved.
    Resolve,
    /// Verification at the grid (pass, or fail back to the handler).
    Verify,
    /// Close at the grid (终于网格).
    Close,
    /// Reopen a closed case.
    Reopen,
    /// 挂账 (with approval).
    Suspend,
    /// End a suspension.
    Resume,
    /// 延期 (with approval).
    Extend,
    /// 作废 (with approval).
    Void,
    /// 督办.
    Supervise,
    /// Merge into another case as a duplicate.
    Merge,
    /// Feedback to the reporter (一单一反馈).
    Feedback,
    /// The reporter's rating (一考评).
    Rate,
}

impl Op {
    /// Every operation, in wire-contract order.
    pub const ALL: &'static [Op] = &[
        Op::Report,
        Op::Accept,
        Op::Assess,
        Op::Claim,
        Op::Dispatch,
        Op::Delegate,
        Op::Summon,
        Op::CheckIn,
        Op::SendBack,
        Op::Start,
        Op::Resolve,
        Op::Verify,
        Op::Close,
        Op::Reopen,
        Op::Suspend,
        Op::Resume,
        Op::Extend,
        Op::Void,
        Op::Supervise,
        Op::Merge,
        Op::Feedback,
        Op::Rate,
    ];

    /// The snake-case name (`"send_back"`).
    pub fn name(self) -> &'static str {
        match self {
            Op::Report => "report",
            Op::Accept => "accept",
            Op::Assess => "assess",
            Op::Claim => "claim",
            Op::Dispatch => "dispatch",
            Op::Delegate => "delegate",
            Op::Summon => "summon",
            Op::CheckIn => "check_in",
            Op::SendBack => "send_back",
            Op::Start => "start",
            Op::Resolve => "resolve",
            Op::Verify => "verify",
            Op::Close => "close",
            Op::Reopen => "reopen",
            Op::Suspend => "suspend",
            Op::Resume => "resume",
            Op::Extend => "extend",
            Op::Void => "void",
            Op::Supervise => "supervise",
            Op::Merge => "merge",
            Op::Feedback => "feedback",
            Op::Rate => "rate",
        }
    }
}

/// One command: `{"id", "case", "op", "at", "actor": {"person", "role", "unit"}, "args"}`.
///
/// ```
/// use wangge::case::{Command, Op};
/// let c = Command::from_json(r#"{"id": "k1", "case": "C1", "op": "accept",
///   "at": "2026-02-14T09:00:00+08:00",
///   "actor": {"person": "p1", "role": "town_centre", "unit": "371323100000"}}"#)?;
/// assert_eq!(c.op, Op::Accept);
/// assert!(Command::from_json(r#"{"id": "k1"}"#).is_err());
/// # Ok::<(), wangge::case::CaseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Command {
    /// Command id: a command id seen before has no effect a second time.
    pub id: String,
    /// Case id.
    pub case: String,
    /// The operation.
    pub op: Op,
    /// When it happened (RFC 3339 with offset).
    pub at: DateTime<FixedOffset>,
    /// Who.
    pub actor: Actor,
    /// The operation's arguments (an object; see each op's args type).
    #[serde(default = "empty_object")]
    pub args: Value,
}

fn empty_object() -> Value {
    Value::Object(Default::default())
}

/// The longest id (command or case) accepted, in bytes.
pub const MAX_ID_LEN: usize = 128;

impl Command {
    /// Parses one command from JSON, checking ids.
    pub fn from_json(text: &str) -> Result<Command, CaseError> {
        let c: Command = serde_json::from_str(text).map_err(|e| CaseError::InvalidCommand {
            command: String::new(),
            message: e.to_string(),
        })?;
        c.check()?;
        Ok(c)
    }

    /// Checks the ids and the shape of `args`.
    pub fn check(&self) -> Result<(), CaseError> {
        for (what, s) in [("id", &self.id), ("case", &self.case)] {
            if s.is_empty() || s.len() > MAX_ID_LEN || s.chars().any(char::is_control) {
                return Err(self.invalid(format!(
                    "{what} must have 1 to {MAX_ID_LEN} bytes and no control characters"
                )));
            }
        }
        if !self.args.is_object() {
            return Err(self.invalid("args must be an object"));
        }
        Ok(())
    }

    /// An [`CaseError::InvalidCommand`] for this command.
    pub(crate) fn invalid(&self, message: impl Into<String>) -> CaseError {
        CaseError::InvalidCommand {
            command: self.id.chars().take(MAX_ID_LEN).collect(),
            message: message.into(),
        }
    }

    /// The args as the op's type.
    pub(crate) fn args<T: DeserializeOwned>(&self) -> Result<T, CaseError> {
        T::deserialize(&self.args)
            .map_err(|e| self.invalid(format!("{} args: {e}", self.op.name())))
    }
}
