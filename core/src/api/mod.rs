//! The JSON operations every binding exposes, declared once in one table.
//!
//! Each operation is a plain function `fn(In) -> Result<Out, Error>` in its module's `api`
//! (`calendar::api::add`, `admission::api::check`, …) whose `In` and `Out` are serde types:
//! the types are the schema. The table below lists every operation once; it yields
//! [`OPS`] (the sorted names), [`call`] (the dispatcher the CLI and the bindings' generic
//! entry points use) and [`OP_INFO`] (name, doc line, input and output type names), from
//! which `cargo xtask bless` generates each binding's per-op functions and the test
//! runners' op tables. The common inputs (a policy, dates, instants, points, codes) are
//! read the same way everywhere: see [`args`]. JSON text crossing a binding is capped at
//! [`MAX_JSON_BYTES`] before it is parsed ([`call_text`], [`parse_text`], [`Limits`]).
//!
//! ```
//! use serde_json::json;
//! let out = wangge::api::call("code.parse", &json!({"code": "371323100201007"}))?;
//! assert_eq!(out["kind"], "grid");
//! assert_eq!(out["community"], "371323100201");
//! # Ok::<(), wangge::Error>(())
//! ```
//!
//! Adding an operation: write the function and its `In`/`Out` types in the module's
//! `api.rs`, add one entry to the table (sorted by name), add `tests/vectors/<op>.json`, run
//! `cargo xtask bless` (see CONTRIBUTING.md).

pub mod args;
mod general;
mod limits;
pub(crate) mod table;

use serde::de::DeserializeOwned;
use serde_json::Value;

pub use general::{
    CodeInfo, CodeParseIn, GeoConvertIn, LonLat, PolicyLoadIn, PolicySummary, convert_point,
    policy_summary, round9,
};
pub use limits::{Limits, MAX_JSON_BYTES, call_text, call_text_with, parse_text};
pub use table::OpInfo;

use crate::error::Error;

table::ops! {
    /// Yearly budgets of the admission items in force on a date, per department and grid.
    "admission.budget" => admission::api::{budget: BudgetIn -> BudgetTotals},
    /// Whether a request for grid work is admitted, and why not.
    "admission.check" => admission::api::{check: CheckIn -> CheckOut},
    /// How much of the recurring work due in a range was done, per grid.
    "admission.completion" => admission::api::{completion: CompletionIn -> CompletionOut},
    /// Every due instance of the recurring items in a range.
    "admission.instances" => admission::api::{instances: InstancesIn -> InstancesOut},
    /// The admission entries in force on a date.
    "admission.list" => admission::api::{list: ListIn -> ListOut},
    /// Checks an admission register and writes it back in canonical form.
    "admission.load" => admission::api::{load: LoadIn -> LoadOut},
    /// Rejections and admissions of a log, per department.
    "admission.tally" => admission::api::{tally: AdmissionLog -> TallyOut},
    /// Applies one step (propose, approve, enforce, retire) to an admission register.
    "admission.transition" => admission::api::{transition: TransitionIn -> TransitionOut},
    /// The deadline a working or natural duration after an instant.
    "calendar.add" => calendar::api::{add: AddIn -> AddOut},
    /// Working minutes between two instants.
    "calendar.between" => calendar::api::{between: BetweenIn -> BetweenOut},
    /// One day of the calendar: working or not, its kind and name.
    "calendar.day" => calendar::api::{day: DayIn -> DayOut},
    /// The earliest working instant at or after an instant.
    "calendar.next_working" => calendar::api::{next_working: NextWorkingIn -> NextWorkingOut},
    /// Working days between two dates.
    "calendar.working_days_between" => calendar::api::{working_days_between: WorkingDaysBetweenIn -> WorkingDaysBetweenOut},
    /// The holiday years a calendar holds and where they come from.
    "calendar.years" => calendar::api::{years: YearsIn -> YearsOut},
    /// Applies commands to a case journal: per command its new facts or why it was refused.
    "case.apply" => case::api::{apply: ApplyIn -> ApplyOut},
    /// The readable history of one case.
    "case.history" => case::api::{history: HistoryIn -> HistoryOut},
    /// The flat case records (one row per case) that scoring reads.
    "case.records" => case::api::{records: JournalIn -> RecordsOut},
    /// One state per case at an instant: status, tier, handler, deadlines, colour.
    "case.replay" => case::api::{replay: JournalIn -> ReplayOut},
    /// The breach facts (escalations, automatic supervision) due at an instant.
    "case.tick" => case::api::{tick: JournalIn -> TickOut},
    /// Parses an administrative division code or a grid code.
    "code.parse" => api::general::{code_parse: CodeParseIn -> CodeInfo},
    /// Converts a point between WGS84, GCJ-02 and BD-09.
    "geo.convert" => api::general::{geo_convert: GeoConvertIn -> LonLat},
    /// Locates points in a layer's grids.
    "grid.locate" => grid::index::api::{grid_locate: LocateIn -> LocateOut},
    /// Validates a layer's coverage: gaps, overlaps, codes, size rules.
    "grid.validate" => grid::coverage::api::{validate_op: ValidateIn -> CoverageReport},
    /// Loads and validates a policy, returning its summary.
    "policy.load" => api::general::{policy_load: PolicyLoadIn -> PolicySummary},
    /// Who holds a role in a grid on a date.
    "roster.holder" => staffing::api::{roster_holder: HolderIn -> HolderOut},
    /// Counts of a roster validation per county, town and community.
    "roster.summary" => staffing::api::{roster_summary: ValidateIn -> Summary},
    /// Validates a roster against the staffing templates.
    "roster.validate" => staffing::api::{roster_validate: ValidateIn -> ValidateOut},
    /// Scores case records for one period: indicators, sheet items, totals, grades, ranks.
    "score.compute" => scoring::api::{compute: ComputeIn -> ScoreResult},
    /// Scores a partial (merged from partitions, or not), as `score.compute` scores records.
    "score.from_partial" => scoring::api::{from_partial: FromPartialIn -> ScoreResult},
    /// Adds partials of one period, cut-off and grouping into one (in any order).
    "score.merge" => scoring::api::{merge: MergeIn -> Partial},
    /// Counts one partition's case records into a mergeable partial (per-unit counters).
    "score.partial" => scoring::api::{partial: PartialIn -> Partial},
}

/// Deserializes an operation's input, naming the problem on failure: `invalid_json`, or
/// the code a field reader gives (`invalid_date_time` for a bad date, …; see [`args`]).
///
/// The message names the field's path (`roster.people[0].id: …`) when the problem is below
/// the top level.
pub fn parse<T: DeserializeOwned>(input: &Value) -> Result<T, Error> {
    serde_path_to_error::deserialize(input).map_err(|e| {
        let path = e.path().to_string();
        let e = args::untag(&e.into_inner().to_string());
        match path.as_str() {
            "." | "" => e,
            _ => Error::input(e.code(), format!("{path}: {e}")),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_unique_and_complete() {
        assert!(OPS.windows(2).all(|w| w[0] < w[1]), "OPS sorted and unique");
        assert_eq!(OP_INFO.len(), OPS.len());
        for (info, name) in OP_INFO.iter().zip(OPS) {
            assert_eq!(info.name, *name);
            assert!(!info.doc.trim().is_empty(), "{name}: doc line");
            assert!(name.starts_with(info.module()) && !info.verb().is_empty());
            assert!(
                info.function
                    .ends_with(info.function.rsplit("::").next().unwrap())
            );
        }
    }

    #[test]
    fn unknown_ops_and_bad_inputs_are_typed() {
        use crate::ErrorCode;
        let e = call("nope.nothing", &serde_json::json!({})).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidArgument);
        let e = call("code.parse", &serde_json::json!({"code": 5})).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidJson);
        let e = call("code.parse", &serde_json::json!({"code": "1", "x": 1})).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidJson);
    }

    #[test]
    fn metadata_json_names_every_field() {
        let v = OP_INFO[0].to_json();
        for k in [
            "name", "module", "verb", "doc", "input", "output", "function",
        ] {
            assert!(v[k].is_string(), "{k}");
        }
    }
}
