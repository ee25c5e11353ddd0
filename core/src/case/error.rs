//! The case engine's errors, each with a stable [`ErrorCode`] in 450–499.

use crate::calendar::CalendarError;
use crate::error::ErrorCode;

/// Why a command or a journal was refused. A refused command changes nothing.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CaseError {
    /// The role may not do this operation (authorization table), or acts at the wrong
    /// kind of unit.
    #[error("{op}: role {role:?} is not allowed ({rule})")]
    Unauthorized {
        /// The operation.
        op: &'static str,
        /// The actor's role.
        role: String,
        /// The rule that denies it.
        rule: String,
    },
    /// The actor's unit has no jurisdiction over the case.
    #[error("{op}: unit {unit} has no jurisdiction over case {case:?} (grid {grid})")]
    OutOfJurisdiction {
        /// The operation.
        op: &'static str,
        /// The actor's unit.
        unit: String,
        /// The case.
        case: String,
        /// The case's grid.
        grid: String,
    },
    /// The operation is not allowed in the case's state.
    #[error("{op} is not allowed while case {case:?} is {status}")]
    InvalidTransition {
        /// The operation.
        op: &'static str,
        /// The case.
        case: String,
        /// Its status (snake case).
        status: String,
    },
    /// Only the unit handling the case may do this.
    #[error("{op}: case {case:?} is handled by {handler}, not {unit}")]
    NotHandler {
        /// The operation.
        op: &'static str,
        /// The case.
        case: String,
        /// The handling unit.
        handler: String,
        /// The actor's unit.
        unit: String,
    },
    /// No case with that id.
    #[error("unknown case {0:?}")]
    UnknownCase(String),
    /// A report for a case id that exists already.
    #[error("case {0:?} exists already")]
    CaseExists(String),
    /// The category is not in the catalogue.
    #[error("unknown category {0:?}")]
    UnknownCategory(String),
    /// The department is not in the policy.
    #[error("unknown department {0:?}")]
    UnknownDepartment(String),
    /// The point lies in no grid (or no grid index was given).
    #[error("case {case:?}: {message}")]
    NotLocated {
        /// The case.
        case: String,
        /// What went wrong.
        message: String,
    },
    /// A policy rule forbids it (claim window, routine-only delegation, summon list,
    /// emergency reporters, one feedback …).
    #[error("{op}: {rule}: {message}")]
    RuleViolation {
        /// The operation.
        op: &'static str,
        /// The rule's name (`claim_window`, `delegate_urgencies` …).
        rule: &'static str,
        /// What the rule says.
        message: String,
    },
    /// A malformed command (shape, ids, args).
    #[error("invalid command {command:?}: {message}")]
    InvalidCommand {
        /// The command id (empty when it could not be read).
        command: String,
        /// What is wrong.
        message: String,
    },
    /// A journal line is damaged or out of order.
    #[error("invalid journal, line {line}: {message}")]
    InvalidJournal {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A journal holds more facts than the limit ([`super::MAX_FACTS`]).
    #[error("journal line {line}: more than {limit} facts (the limit, wangge::case::MAX_FACTS)")]
    TooManyFacts {
        /// 1-based line number of the first fact over the limit.
        line: usize,
        /// The limit.
        limit: usize,
    },
    /// The journal's format version is newer than this release reads.
    #[error("journal line {line}: format {found} is not supported (this release reads 1..={max})")]
    UnsupportedJournalFormat {
        /// 1-based line number.
        line: usize,
        /// The version found.
        found: u64,
        /// The newest supported.
        max: u32,
    },
    /// A deadline could not be computed (for example, no holiday data for the year).
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

impl CaseError {
    /// The stable error code.
    ///
    /// ```
    /// use wangge::{ErrorCode, case::CaseError};
    /// assert_eq!(CaseError::UnknownCase("C9".into()).code(), ErrorCode::UnknownCase);
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            CaseError::Unauthorized { .. } => ErrorCode::CaseUnauthorized,
            CaseError::OutOfJurisdiction { .. } => ErrorCode::CaseOutOfJurisdiction,
            CaseError::InvalidTransition { .. } => ErrorCode::InvalidCaseTransition,
            CaseError::NotHandler { .. } => ErrorCode::CaseNotHandler,
            CaseError::UnknownCase(_) => ErrorCode::UnknownCase,
            CaseError::CaseExists(_) => ErrorCode::CaseExists,
            CaseError::UnknownCategory(_) => ErrorCode::UnknownCategory,
            CaseError::UnknownDepartment(_) => ErrorCode::UnknownDepartment,
            CaseError::NotLocated { .. } => ErrorCode::CaseNotLocated,
            CaseError::RuleViolation { .. } => ErrorCode::CaseRuleViolation,
            CaseError::InvalidCommand { .. } => ErrorCode::InvalidCommand,
            CaseError::InvalidJournal { .. } => ErrorCode::InvalidJournal,
            CaseError::UnsupportedJournalFormat { .. } => ErrorCode::UnsupportedJournalFormat,
            CaseError::TooManyFacts { .. } => ErrorCode::InputTooLarge,
            CaseError::Calendar(e) => e.code(),
        }
    }
}
