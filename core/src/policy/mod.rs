//! The policy: one jurisdiction's rules as data, read from TOML or JSON.
//!
//! A policy file is parsed into the strict file format ([`PolicyFile`], unknown fields are
//! errors that name the field) and then converted into a validated [`Policy`] that cannot
//! hold inconsistent values. Every number in the library is a policy default, never a
//! constant in code. One preset per seed locality ships with the library
//! ([`Policy::preset`]).
//!
//! ```
//! use wangge::policy::Policy;
//! let p = Policy::from_toml_str(r#"
//!     format = 1
//!     id = "demo"
//!     name = "演示县"
//!     version = "2026.1"
//!     [grid]
//!     code_layout = "d15"
//!     [grid.division.basic_households]
//!     min = 250
//!     max = 450
//! "#)?;
//! assert_eq!(p.grid.division.basic_households.min, Some(250));
//! assert!(Policy::from_toml_str("format = 1\nid='x'\nname='x'\nversion='1'\ncolour='red'").is_err());
//! assert_eq!(Policy::preset("seed003")?.name, "沂水县 1+1+1+N 网格");
//! # Ok::<(), wangge::policy::PolicyError>(())
//! ```

mod presets;

use serde::{Deserialize, Serialize};

use crate::admission::{AdmissionPolicy, AdmissionPolicyFile};
use crate::calendar::{Calendar, CalendarError, CalendarFile};
use crate::case::{CasePolicy, CasePolicyFile};
use crate::code::GridCodeLayout;
use crate::error::ErrorCode;
use crate::grid::{DivisionRules, Levels};
use crate::scoring::{ScoringError, ScoringPolicy, ScoringPolicyFile};
use crate::staffing::{StaffingPolicy, StaffingPolicyFile};

pub use presets::PRESETS;

/// The newest policy file format this release reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// Errors from reading or validating a policy.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// The text is not valid TOML/JSON for the format, or a field is unknown or mistyped.
    #[error("invalid policy file: {0}")]
    Syntax(String),
    /// A field has a value that is out of range or inconsistent with another.
    #[error("invalid policy: {field}: {message}")]
    Invalid {
        /// Dotted path of the field (`grid.sliver_tolerance_m`).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// The file's format version is not one this release reads.
    #[error("policy format {found} is not supported (this release reads 1..={max})")]
    UnsupportedFormat {
        /// The version in the file.
        found: u32,
        /// The newest supported.
        max: u32,
    },
    /// No preset of that name.
    #[error("unknown policy preset {0:?} (available: seed000, seed001, seed002, seed003, seed004)")]
    UnknownPreset(String),
}

impl From<crate::staffing::StaffingError> for PolicyError {
    /// The staffing section's own error, as an error of the whole policy.
    fn from(e: crate::staffing::StaffingError) -> PolicyError {
        match e {
            crate::staffing::StaffingError::InvalidSection { field, message } => {
                PolicyError::Invalid { field, message }
            }
            other => PolicyError::invalid("staffing", other.to_string()),
        }
    }
}

impl From<crate::admission::AdmissionError> for PolicyError {
    /// The admission section's own error, as an error of the whole policy.
    fn from(e: crate::admission::AdmissionError) -> PolicyError {
        match e {
            crate::admission::AdmissionError::InvalidSection { field, message } => {
                PolicyError::Invalid { field, message }
            }
            other => PolicyError::invalid("admission", other.to_string()),
        }
    }
}

impl PolicyError {
    /// The stable error code.
    ///
    /// ```
    /// use wangge::{ErrorCode, policy::Policy};
    /// assert_eq!(Policy::preset("nowhere").unwrap_err().code(), ErrorCode::UnknownPreset);
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            PolicyError::Syntax(_) | PolicyError::Invalid { .. } => ErrorCode::InvalidPolicy,
            PolicyError::UnsupportedFormat { .. } => ErrorCode::UnsupportedPolicyVersion,
            PolicyError::UnknownPreset(_) => ErrorCode::UnknownPreset,
        }
    }

    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> PolicyError {
        PolicyError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// The policy file as written (TOML or JSON). See [`Policy`] for the validated form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyFile {
    /// File format version. Must be 1.
    pub format: u32,
    /// Short identifier (`"seed003"`, `"yishui-2026"`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// The policy's own version; cases record the version they ran under.
    pub version: String,
    /// Where the rules come from (document titles, numbers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Grid rules. Defaults to [`GridPolicyFile::default`].
    #[serde(default)]
    pub grid: GridPolicyFile,
    /// Admission lists: who approves, and the initial items. Defaults to
    /// [`AdmissionPolicyFile::default`] (the county governance office approves; no items).
    #[serde(default)]
    pub admission: AdmissionPolicyFile,
    /// The working calendar. Defaults to [`CalendarFile::default`] (State Council holidays,
    /// 08:30–12:00 and 13:30–17:30 Monday to Friday, Asia/Shanghai).
    #[serde(default)]
    pub calendar: CalendarFile,
    /// Staffing: department catalogue and templates. Defaults to
    /// [`StaffingPolicyFile::default`] (no template).
    #[serde(default)]
    pub staffing: StaffingPolicyFile,
    /// Cases: catalogue, tiers, roles, authorization, limits, colours. Absent: the
    /// defaults of [`CasePolicyFile::default`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<CasePolicyFile>,

    /// Scoring: indicators' denominators, rounding, score sheets (absent → defaults).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scoring: Option<ScoringPolicyFile>,
}

/// The `[grid]` section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GridPolicyFile {
    /// The hierarchy of levels. Defaults to county, town, community, grid.
    pub levels: Levels,
    /// Grid code layout. Defaults to `"d15"`.
    pub code_layout: GridCodeLayout,
    /// Division (size) rules. Defaults to [`DivisionRules::default`].
    pub division: DivisionRules,
    /// Sliver tolerance of coverage validation, in metres: a gap, overlap or part outside
    /// the parent whose mean width (twice its area over its perimeter) is below this is a
    /// sliver left by snapping or rounding and is not reported (see
    /// [`crate::grid::coverage`]). Defaults to 0.05 m (5 cm): below any boundary error an
    /// operator would fix, yet small enough that a 0.5 m gap or overlap — a strip tapering
    /// from 0.5 m to nothing, mean width 0.25 m — is still reported (0.5 m, the former
    /// default, hid exactly those).
    pub sliver_tolerance_m: f64,
}

impl Default for GridPolicyFile {
    fn default() -> Self {
        GridPolicyFile {
            levels: Levels::default(),
            code_layout: GridCodeLayout::D15,
            division: DivisionRules::default(),
            sliver_tolerance_m: 0.05,
        }
    }
}

/// Validated grid rules.
#[derive(Debug, Clone, PartialEq)]
pub struct GridPolicy {
    /// The hierarchy of levels.
    pub levels: Levels,
    /// Grid code layout.
    pub code_layout: GridCodeLayout,
    /// Division rules.
    pub division: DivisionRules,
    /// Sliver tolerance in metres (finite, ≥ 0).
    pub sliver_tolerance_m: f64,
}

impl TryFrom<GridPolicyFile> for GridPolicy {
    type Error = PolicyError;
    fn try_from(f: GridPolicyFile) -> Result<Self, PolicyError> {
        if !f.sliver_tolerance_m.is_finite() || f.sliver_tolerance_m < 0.0 {
            return Err(PolicyError::invalid(
                "grid.sliver_tolerance_m",
                "must be a finite number ≥ 0",
            ));
        }
        let d = &f.division;
        for (name, r) in [
            ("basic_households", d.basic_households),
            ("basic_population", d.basic_population),
            ("micro_households", d.micro_households),
            ("micro_population", d.micro_population),
            ("dedicated_households", d.dedicated_households),
            ("dedicated_population", d.dedicated_population),
        ] {
            if let (Some(a), Some(b)) = (r.min, r.max)
                && a > b
            {
                return Err(PolicyError::invalid(
                    format!("grid.division.{name}"),
                    format!("min {a} is larger than max {b}"),
                ));
            }
        }
        Ok(GridPolicy {
            levels: f.levels,
            code_layout: f.code_layout,
            division: f.division,
            sliver_tolerance_m: f.sliver_tolerance_m,
        })
    }
}

/// A validated policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// Short identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The policy's own version.
    pub version: String,
    /// Where the rules come from.
    pub sources: Vec<String>,
    /// Grid rules.
    pub grid: GridPolicy,
    /// Admission rules and initial lists.
    pub admission: AdmissionPolicy,
    /// The working calendar.
    pub calendar: Calendar,
    /// Staffing templates and department catalogue.
    pub staffing: StaffingPolicy,
    /// The case section.
    pub case: CasePolicy,

    /// Scoring rules (the `[scoring]` section, or the defaults).
    pub scoring: ScoringPolicy,
    file: PolicyFile,
}

impl TryFrom<PolicyFile> for Policy {
    type Error = PolicyError;
    fn try_from(f: PolicyFile) -> Result<Self, PolicyError> {
        if f.format == 0 || f.format > FORMAT_VERSION {
            return Err(PolicyError::UnsupportedFormat {
                found: f.format,
                max: FORMAT_VERSION,
            });
        }
        if f.id.trim().is_empty() {
            return Err(PolicyError::invalid("id", "must not be empty"));
        }
        if f.version.trim().is_empty() {
            return Err(PolicyError::invalid("version", "must not be empty"));
        }
        let grid = GridPolicy::try_from(f.grid.clone())?;
        let mut staffing = StaffingPolicy::try_from(f.staffing.clone())?;
        staffing.bind_levels(&grid.levels)?;
        let calendar = Calendar::from_file(f.calendar.clone()).map_err(calendar_error)?;
        let scoring =
            ScoringPolicy::from_file(f.scoring.clone().unwrap_or_default(), calendar.time_zone())
                .map_err(scoring_error)?;
        Ok(Policy {
            id: f.id.clone(),
            name: f.name.clone(),
            version: f.version.clone(),
            sources: f.sources.clone(),
            admission: AdmissionPolicy::try_from(f.admission.clone())?,
            grid,
            staffing,
            case: CasePolicy::try_from(f.case.clone().unwrap_or_default())?,
            calendar,
            scoring,
            file: f,
        })
    }
}

/// A calendar error as a policy error naming the `calendar.…` field.
fn calendar_error(e: CalendarError) -> PolicyError {
    match e {
        CalendarError::Invalid { field, message } => {
            PolicyError::invalid(format!("calendar.{field}"), message)
        }
        CalendarError::HolidayData { .. } => {
            PolicyError::invalid("calendar.holidays", e.to_string())
        }
        other => PolicyError::invalid("calendar", other.to_string()),
    }
}

/// A scoring error as a policy error naming the `scoring.…` field.
fn scoring_error(e: ScoringError) -> PolicyError {
    match e {
        ScoringError::Policy { field, message } => {
            PolicyError::invalid(format!("scoring.{field}"), message)
        }
        ScoringError::Sheet {
            sheet,
            field,
            message,
        } => PolicyError::invalid(format!("scoring.sheets[{sheet:?}].{field}"), message),
        other => PolicyError::invalid("scoring", other.to_string()),
    }
}

impl Policy {
    /// Reads and validates a TOML policy.
    pub fn from_toml_str(text: &str) -> Result<Policy, PolicyError> {
        let f: PolicyFile = crate::toml_value::from_str(text).map_err(PolicyError::Syntax)?;
        Policy::try_from(f)
    }

    /// Reads and validates a JSON policy.
    ///
    /// ```
    /// use wangge::policy::Policy;
    /// let p = Policy::from_json_str(r#"{"format":1,"id":"x","name":"X","version":"1"}"#)?;
    /// assert_eq!(p.grid.sliver_tolerance_m, 0.05);
    /// # Ok::<(), wangge::policy::PolicyError>(())
    /// ```
    pub fn from_json_str(text: &str) -> Result<Policy, PolicyError> {
        let f: PolicyFile =
            serde_json::from_str(text).map_err(|e| PolicyError::Syntax(e.to_string()))?;
        Policy::try_from(f)
    }

    /// Reads TOML or JSON, telling them apart by the first non-blank character (`{`: JSON).
    pub fn from_str_auto(text: &str) -> Result<Policy, PolicyError> {
        if text.trim_start().starts_with('{') {
            Policy::from_json_str(text)
        } else {
            Policy::from_toml_str(text)
        }
    }

    /// A bundled preset by id (`seed000` … `seed004`).
    pub fn preset(id: &str) -> Result<Policy, PolicyError> {
        let text = presets::text(id)
            .ok_or_else(|| PolicyError::UnknownPreset(id.chars().take(40).collect()))?;
        Policy::from_toml_str(text)
    }

    /// The file form this policy was read from (for writing it back).
    pub fn file(&self) -> &PolicyFile {
        &self.file
    }

    /// The policy as JSON (file form).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.file).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_loads_and_round_trips() {
        for (id, _) in PRESETS {
            let p = Policy::preset(id).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(&p.id, id);
            let back = Policy::from_json_str(&p.to_json()).unwrap();
            assert_eq!(back, p);
        }
    }

    #[test]
    fn errors_name_the_field() {
        let base = "format = 1\nid = 'x'\nname = 'x'\nversion = '1'\n";
        let e =
            Policy::from_toml_str(&format!("{base}[grid]\nsliver_tolerance_m = -1.0")).unwrap_err();
        assert!(e.to_string().contains("grid.sliver_tolerance_m"), "{e}");
        let e = Policy::from_toml_str(&format!("{base}[grid]\nbogus = 1")).unwrap_err();
        assert!(e.to_string().contains("bogus"), "{e}");
        assert_eq!(e.code(), ErrorCode::InvalidPolicy);
        let e = Policy::from_toml_str(&format!(
            "{base}[grid.division.basic_households]\nmin = 600\nmax = 500"
        ))
        .unwrap_err();
        assert!(e.to_string().contains("basic_households"), "{e}");
        let e =
            Policy::from_toml_str("format = 9\nid = 'x'\nname = 'x'\nversion = '1'").unwrap_err();
        assert_eq!(e.code(), ErrorCode::UnsupportedPolicyVersion);
        assert!(Policy::from_toml_str("format = ").is_err());
        let e = Policy::from_toml_str(&format!("{base}[calendar]\nwork_weekdays = ['someday']"))
            .unwrap_err();
        assert!(e.to_string().contains("calendar.work_weekdays[0]"), "{e}");
        let e = Policy::from_toml_str(&format!("{base}[calendar]\ntime_zone = 'Nowhere/X'"))
            .unwrap_err();
        assert!(e.to_string().contains("calendar.time_zone"), "{e}");
        let e = Policy::from_toml_str(&format!(
            "{base}[[calendar.holidays]]\nyear = 2027\nsources = []\nholidays = []"
        ))
        .unwrap_err();
        assert!(e.to_string().contains("calendar.holidays"), "{e}");
    }

    #[test]
    fn the_calendar_section_is_used() {
        let base = "format = 1\nid = 'x'\nname = 'x'\nversion = '1'\n";
        let p = Policy::from_toml_str(&format!(
            "{base}[calendar]\nwork_periods = ['09:00-17:00']\nunknown_years = 'weekends_only'"
        ))
        .unwrap();
        let d = p
            .calendar
            .day(chrono::NaiveDate::from_ymd_opt(2031, 3, 3).unwrap())
            .unwrap();
        assert_eq!(d.periods, vec![(32400, 61200)]);
        assert_eq!(
            Policy::preset("seed004").unwrap().calendar,
            crate::calendar::Calendar::china()
        );
    }
}
