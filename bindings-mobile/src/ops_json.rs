//! One exported function per JSON operation of the core: JSON text in, JSON text out
//! (shapes: the core's `In`/`Out` types named below, `tests/vectors/<op>.json`).
//! Generated from wangge::api::OP_INFO by bindings-mobile/tests/generated.rs (cargo xtask bless). Do not edit.

use crate::{WanggeError, call};

/// `admission.budget`: Yearly budgets of the admission items in force on a date, per department and grid. Input `BudgetIn` → output `BudgetTotals` (JSON text).
#[uniffi::export]
pub fn admission_budget(input_json: String) -> Result<String, WanggeError> {
    call("admission.budget".to_string(), input_json)
}

/// `admission.check`: Whether a request for grid work is admitted, and why not. Input `CheckIn` → output `CheckOut` (JSON text).
#[uniffi::export]
pub fn admission_check(input_json: String) -> Result<String, WanggeError> {
    call("admission.check".to_string(), input_json)
}

/// `admission.completion`: How much of the recurring work due in a range was done, per grid. Input `CompletionIn` → output `CompletionOut` (JSON text).
#[uniffi::export]
pub fn admission_completion(input_json: String) -> Result<String, WanggeError> {
    call("admission.completion".to_string(), input_json)
}

/// `admission.instances`: Every due instance of the recurring items in a range. Input `InstancesIn` → output `InstancesOut` (JSON text).
#[uniffi::export]
pub fn admission_instances(input_json: String) -> Result<String, WanggeError> {
    call("admission.instances".to_string(), input_json)
}

/// `admission.list`: The admission entries in force on a date. Input `ListIn` → output `ListOut` (JSON text).
#[uniffi::export]
pub fn admission_list(input_json: String) -> Result<String, WanggeError> {
    call("admission.list".to_string(), input_json)
}

/// `admission.load`: Checks an admission register and writes it back in canonical form. Input `LoadIn` → output `LoadOut` (JSON text).
#[uniffi::export]
pub fn admission_load(input_json: String) -> Result<String, WanggeError> {
    call("admission.load".to_string(), input_json)
}

/// `admission.tally`: Rejections and admissions of a log, per department. Input `AdmissionLog` → output `TallyOut` (JSON text).
#[uniffi::export]
pub fn admission_tally(input_json: String) -> Result<String, WanggeError> {
    call("admission.tally".to_string(), input_json)
}

/// `admission.transition`: Applies one step (propose, approve, enforce, retire) to an admission register. Input `TransitionIn` → output `TransitionOut` (JSON text).
#[uniffi::export]
pub fn admission_transition(input_json: String) -> Result<String, WanggeError> {
    call("admission.transition".to_string(), input_json)
}

/// `calendar.add`: The deadline a working or natural duration after an instant. Input `AddIn` → output `AddOut` (JSON text).
#[uniffi::export]
pub fn calendar_add(input_json: String) -> Result<String, WanggeError> {
    call("calendar.add".to_string(), input_json)
}

/// `calendar.between`: Working minutes between two instants. Input `BetweenIn` → output `BetweenOut` (JSON text).
#[uniffi::export]
pub fn calendar_between(input_json: String) -> Result<String, WanggeError> {
    call("calendar.between".to_string(), input_json)
}

/// `calendar.day`: One day of the calendar: working or not, its kind and name. Input `DayIn` → output `DayOut` (JSON text).
#[uniffi::export]
pub fn calendar_day(input_json: String) -> Result<String, WanggeError> {
    call("calendar.day".to_string(), input_json)
}

/// `calendar.next_working`: The earliest working instant at or after an instant. Input `NextWorkingIn` → output `NextWorkingOut` (JSON text).
#[uniffi::export]
pub fn calendar_next_working(input_json: String) -> Result<String, WanggeError> {
    call("calendar.next_working".to_string(), input_json)
}

/// `calendar.working_days_between`: Working days between two dates. Input `WorkingDaysBetweenIn` → output `WorkingDaysBetweenOut` (JSON text).
#[uniffi::export]
pub fn calendar_working_days_between(input_json: String) -> Result<String, WanggeError> {
    call("calendar.working_days_between".to_string(), input_json)
}

/// `calendar.years`: The holiday years a calendar holds and where they come from. Input `YearsIn` → output `YearsOut` (JSON text).
#[uniffi::export]
pub fn calendar_years(input_json: String) -> Result<String, WanggeError> {
    call("calendar.years".to_string(), input_json)
}

/// `case.apply`: Applies commands to a case journal: per command its new facts or why it was refused. Input `ApplyIn` → output `ApplyOut` (JSON text).
#[uniffi::export]
pub fn case_apply(input_json: String) -> Result<String, WanggeError> {
    call("case.apply".to_string(), input_json)
}

/// `case.history`: The readable history of one case. Input `HistoryIn` → output `HistoryOut` (JSON text).
#[uniffi::export]
pub fn case_history(input_json: String) -> Result<String, WanggeError> {
    call("case.history".to_string(), input_json)
}

/// `case.records`: The flat case records (one row per case) that scoring reads. Input `JournalIn` → output `RecordsOut` (JSON text).
#[uniffi::export]
pub fn case_records(input_json: String) -> Result<String, WanggeError> {
    call("case.records".to_string(), input_json)
}

/// `case.replay`: One state per case at an instant: status, tier, handler, deadlines, colour. Input `JournalIn` → output `ReplayOut` (JSON text).
#[uniffi::export]
pub fn case_replay(input_json: String) -> Result<String, WanggeError> {
    call("case.replay".to_string(), input_json)
}

/// `case.tick`: The breach facts (escalations, automatic supervision) due at an instant. Input `JournalIn` → output `TickOut` (JSON text).
#[uniffi::export]
pub fn case_tick(input_json: String) -> Result<String, WanggeError> {
    call("case.tick".to_string(), input_json)
}

/// `code.parse`: Parses an administrative division code or a grid code. Input `CodeParseIn` → output `CodeInfo` (JSON text).
#[uniffi::export]
pub fn code_parse(input_json: String) -> Result<String, WanggeError> {
    call("code.parse".to_string(), input_json)
}

/// `geo.convert`: Converts a point between WGS84, GCJ-02 and BD-09. Input `GeoConvertIn` → output `LonLat` (JSON text).
#[uniffi::export]
pub fn geo_convert(input_json: String) -> Result<String, WanggeError> {
    call("geo.convert".to_string(), input_json)
}

/// `grid.locate`: Locates points in a layer's grids. Input `LocateIn` → output `LocateOut` (JSON text).
#[uniffi::export]
pub fn grid_locate(input_json: String) -> Result<String, WanggeError> {
    call("grid.locate".to_string(), input_json)
}

/// `grid.validate`: Validates a layer's coverage: gaps, overlaps, codes, size rules. Input `ValidateIn` → output `CoverageReport` (JSON text).
#[uniffi::export]
pub fn grid_validate(input_json: String) -> Result<String, WanggeError> {
    call("grid.validate".to_string(), input_json)
}

/// `policy.load`: Loads and validates a policy, returning its summary. Input `PolicyLoadIn` → output `PolicySummary` (JSON text).
#[uniffi::export]
pub fn policy_load(input_json: String) -> Result<String, WanggeError> {
    call("policy.load".to_string(), input_json)
}

/// `roster.holder`: Who holds a role in a grid on a date. Input `HolderIn` → output `HolderOut` (JSON text).
#[uniffi::export]
pub fn roster_holder(input_json: String) -> Result<String, WanggeError> {
    call("roster.holder".to_string(), input_json)
}

/// `roster.summary`: Counts of a roster validation per county, town and community. Input `ValidateIn` → output `Summary` (JSON text).
#[uniffi::export]
pub fn roster_summary(input_json: String) -> Result<String, WanggeError> {
    call("roster.summary".to_string(), input_json)
}

/// `roster.validate`: Validates a roster against the staffing templates. Input `ValidateIn` → output `ValidateOut` (JSON text).
#[uniffi::export]
pub fn roster_validate(input_json: String) -> Result<String, WanggeError> {
    call("roster.validate".to_string(), input_json)
}

/// `score.compute`: Scores case records for one period: indicators, sheet items, totals, grades, ranks. Input `ComputeIn` → output `ScoreResult` (JSON text).
#[uniffi::export]
pub fn score_compute(input_json: String) -> Result<String, WanggeError> {
    call("score.compute".to_string(), input_json)
}

/// `score.from_partial`: Scores a partial (merged from partitions, or not), as `score.compute` scores records. Input `FromPartialIn` → output `ScoreResult` (JSON text).
#[uniffi::export]
pub fn score_from_partial(input_json: String) -> Result<String, WanggeError> {
    call("score.from_partial".to_string(), input_json)
}

/// `score.merge`: Adds partials of one period, cut-off and grouping into one (in any order). Input `MergeIn` → output `Partial` (JSON text).
#[uniffi::export]
pub fn score_merge(input_json: String) -> Result<String, WanggeError> {
    call("score.merge".to_string(), input_json)
}

/// `score.partial`: Counts one partition's case records into a mergeable partial (per-unit counters). Input `PartialIn` → output `Partial` (JSON text).
#[uniffi::export]
pub fn score_partial(input_json: String) -> Result<String, WanggeError> {
    call("score.partial".to_string(), input_json)
}
