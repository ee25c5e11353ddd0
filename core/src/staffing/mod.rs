//! Staffing (SPEC §2): roles, templates such as 3+X+N as policy data, rosters with
//! history, and validation.
//!
//! * [`Role`], [`RolePattern`], [`Department`], [`PersonState`] — the vocabulary.
//! * [`Person`], [`PersonId`], [`IdNumber`] — people with tags and a state history.
//! * [`StaffingPolicy`] (the `[staffing]` section of a [`Policy`](crate::policy::Policy)):
//!   the department catalogue and [`Template`]s with per-role rules ([`RoleRule`]:
//!   min/max per grid, full-time, tags, age, [`Concurrency`]), [`CompositionRule`]s and
//!   [`IncompatibleRule`]s. One preset per seed locality.
//! * [`Roster`] — people and dated [`Assignment`]s; "who held role R in grid G on date D"
//!   is [`Roster::holders`] (or [`StaffingPolicy::holders`]).
//! * [`StaffingPolicy::validate`] — a roster against the templates on a date, for the
//!   grids of a [`GridSet`], in one pass: a [`Report`] of [`Violation`]s and a
//!   [`Summary`] per community, town and county.
//!
//! ```
//! use wangge::policy::Policy;
//! use wangge::staffing::{GridInfo, GridSet, Roster};
//! let policy = Policy::preset("seed004")?;             // 网格长, 网格员, 信息员, 志愿者
//! let roster = Roster::from_json(r#"{"format": 1,
//!   "people": [{"id": "h"}, {"id": "w"}],
//!   "assignments": [
//!     {"person": "h", "grid": "420106001001001", "role": "网格长", "from": "2012-01-01"},
//!     {"person": "w", "grid": "420106001001001", "role": "网格员", "from": "2012-01-01"}]}"#)?;
//! let grids = GridSet::new(vec![GridInfo::new("420106001001001".parse()?)])?;
//! let report = policy.staffing.validate(&roster, &grids, "2013-01-01".parse().unwrap(), None)?;
//! assert!(!report.is_valid());                  // the 信息员 is optional, but
//! assert_eq!(report.violations.len(), 1);         // 网格员实行持证(牌)上岗:
//! assert_eq!(report.violations[0].code.name(), "missing_tag");
//! assert_eq!(report.violations[0].rule.as_deref(), Some("certified"));
//! assert_eq!(report.summary().by_code["missing_tag"], 1);
//! # Ok::<(), wangge::Error>(())
//! ```
//!
//! # Violation codes
//!
//! Stable snake-case codes ([`ViolationCode`]); each violation names the grids, people
//! and roles involved.
//!
//! | code | meaning | grids | people |
//! |---|---|---|---|
//! | `role_missing` | fewer holders of a role than the rule's `min` | the grid | the holders present |
//! | `role_excess` | more holders than the rule's `max` | the grid | all holders |
//! | `not_full_time` | a holder of a `full_time` role is part-time | the grid | the holder |
//! | `missing_tag` | a holder lacks a required tag (`rule` names it) | the grid | the holder |
//! | `age_out_of_range` | a holder's age is outside the rule's range (`found` = age) | the grid | the holder |
//! | `age_unknown` | an age rule applies but the birth date is unknown | the grid | the holder |
//! | `concurrency_exceeded` | a person holds a role in more grids/communities/towns than allowed (`rule` = the unit) | every grid concerned | the person |
//! | `composition_unmet` | a composition rule fails (`rule` = its id) | the grid | the people counted |
//! | `incompatible_roles` | one person holds incompatible roles | the grid(s) | the person |
//! | `unknown_department` | embedded staff from a department not in the catalogue | the grid | the holder |
//! | `role_not_allowed` | a role the template has no rule for, with `other_roles = "forbid"` | the grid | the holder |
//!
//! Only assignments in force on the date whose person is in a counting state (by default
//! on duty) count. A rule such as "a person heads the grids of one village only" is a
//! concurrency limit counted per community, so it never flags the grids of one village.
//!
//! Bad input is a typed [`StaffingError`] (an unknown person, two overlapping assignments
//! of one person to the same role in the same grid, an assignment to a grid missing from
//! the grid list or outside its validity, a malformed ID number …) and never a violation.

pub mod api;
mod person;
mod role;
mod roster;
pub mod sample;
mod summary;
mod template;
mod validate;

pub use person::{IdNumber, MAX_PERSON_ID_CHARS, Person, PersonId, StateChange};
pub use role::{Department, PersonState, Role, RolePattern};
pub use roster::{Assignment, Holding, ROSTER_FORMAT, Roster, RosterLimits};
pub use summary::{Summary, UnitSummary};
pub use template::{
    AgeRange, Cadence, CommunityClass, CompositionRule, Concurrency, ConcurrencyUnit, ContactRule,
    DepartmentSpec, IncompatibleRule, IncompatibleScope, KindSelector, OtherRoles, RoleRule,
    StaffingPolicy, StaffingPolicyFile, Template,
};
pub use validate::{
    GridInfo, GridSet, HolderRow, HoldersReport, Report, ReportOut, Violation, ViolationCode,
};

use crate::code::CodeError;
use crate::error::ErrorCode;
use crate::grid::GridError;

/// Errors from reading rosters and validating them. Messages name the entry
/// (`assignments[12].grid`) and never carry an ID number.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum StaffingError {
    /// The staffing section of a policy has an invalid or inconsistent field (the code is
    /// `invalid_policy`: the section is part of the policy file).
    #[error("invalid policy: {field}: {message}")]
    InvalidSection {
        /// Dotted path of the field (`staffing.templates[0].roles[1]`).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// The roster is not valid JSON for the format, or an entry is malformed.
    #[error("invalid roster: {}{message}", at(.entry))]
    InvalidRoster {
        /// Where (`people[3].states[1]`).
        entry: String,
        /// What is wrong.
        message: String,
    },
    /// The roster's format version is not one this release reads.
    #[error("roster format {found} is not supported (this release reads 1..={max})")]
    UnsupportedFormat {
        /// The version in the file.
        found: u32,
        /// The newest supported.
        max: u32,
    },
    /// An assignment names a person who is not on the roster.
    #[error("{entry}: unknown person {person}")]
    UnknownPerson {
        /// The assignment.
        entry: String,
        /// The person id (masked if it looks like an ID number).
        person: String,
    },
    /// Two people share an id.
    #[error("{entry}: person {person} is already listed as {first}")]
    DuplicatePerson {
        /// The second entry.
        entry: String,
        /// The first entry.
        first: String,
        /// The id (masked if it looks like an ID number).
        person: String,
    },
    /// One person holds the same role in the same grid twice at once.
    #[error("{entry} overlaps {first}: person {person} holds {role} in grid {grid} twice at once")]
    OverlappingAssignment {
        /// The later entry.
        entry: String,
        /// The earlier entry.
        first: String,
        /// The person (masked if it looks like an ID number).
        person: String,
        /// The grid.
        grid: String,
        /// The role.
        role: String,
    },
    /// An assignment names a grid that is not in the grid list.
    #[error("{entry}: grid {grid} is not in the grid list")]
    UnknownGrid {
        /// The assignment.
        entry: String,
        /// The grid.
        grid: String,
    },
    /// An assignment reaches outside its grid's validity.
    #[error("{entry}: held {from} to {to}, outside the validity of grid {grid}")]
    OutsideGridValidity {
        /// The assignment.
        entry: String,
        /// The grid.
        grid: String,
        /// First day held.
        from: String,
        /// End of the assignment (`open` when still held).
        to: String,
    },
    /// An ID number fails GB 11643 (the number itself is never shown).
    #[error("{}invalid ID number: {reason}", at(.entry))]
    InvalidIdNumber {
        /// Where.
        entry: String,
        /// Why.
        reason: &'static str,
    },
    /// A role name is not known.
    #[error("{}{message}", at(.entry))]
    UnknownRole {
        /// Where (empty when parsed on its own).
        entry: String,
        /// What is wrong.
        message: String,
    },
    /// A template id is not in the policy.
    #[error("unknown staffing template {0:?}")]
    UnknownTemplate(String),
    /// Input exceeds a limit.
    #[error("input too large: {0}")]
    TooLarge(String),
    /// A malformed grid code in an entry.
    #[error("{entry}: {source}")]
    Code {
        /// Where.
        entry: String,
        /// The code error.
        source: CodeError,
    },
    /// A grid list error (duplicate grid versions, empty validity).
    #[error(transparent)]
    Grid(#[from] GridError),
}

fn at(entry: &str) -> String {
    if entry.is_empty() {
        String::new()
    } else {
        format!("{entry}: ")
    }
}

impl StaffingError {
    /// An invalid field of the staffing section.
    pub(crate) fn section(field: impl Into<String>, message: impl Into<String>) -> StaffingError {
        StaffingError::InvalidSection {
            field: field.into(),
            message: message.into(),
        }
    }
    /// The stable error code.
    ///
    /// ```
    /// use wangge::{ErrorCode, staffing::Role};
    /// assert_eq!("castellan".parse::<Role>().unwrap_err().code(), ErrorCode::UnknownRole);
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            StaffingError::InvalidSection { .. } => ErrorCode::InvalidPolicy,
            StaffingError::InvalidRoster { .. } => ErrorCode::InvalidRoster,
            StaffingError::UnsupportedFormat { .. } => ErrorCode::UnsupportedRosterVersion,
            StaffingError::UnknownPerson { .. } => ErrorCode::UnknownPerson,
            StaffingError::DuplicatePerson { .. } => ErrorCode::DuplicatePerson,
            StaffingError::OverlappingAssignment { .. } => ErrorCode::OverlappingAssignment,
            StaffingError::UnknownGrid { .. } => ErrorCode::UnknownGrid,
            StaffingError::OutsideGridValidity { .. } => ErrorCode::AssignmentOutsideGrid,
            StaffingError::InvalidIdNumber { .. } => ErrorCode::InvalidIdNumber,
            StaffingError::UnknownRole { .. } => ErrorCode::UnknownRole,
            StaffingError::UnknownTemplate(_) => ErrorCode::UnknownTemplate,
            StaffingError::TooLarge(_) => ErrorCode::InputTooLarge,
            StaffingError::Code { source, .. } => source.code(),
            StaffingError::Grid(e) => e.code(),
        }
    }

    /// The same error located at `entry` (for errors that carry a location).
    pub(crate) fn at(self, entry: impl Into<String>) -> StaffingError {
        let entry = entry.into();
        match self {
            StaffingError::InvalidRoster { message, .. } => {
                StaffingError::InvalidRoster { entry, message }
            }
            StaffingError::UnknownRole { message, .. } => {
                StaffingError::UnknownRole { entry, message }
            }
            StaffingError::InvalidIdNumber { reason, .. } => {
                StaffingError::InvalidIdNumber { entry, reason }
            }
            other => other,
        }
    }
}
