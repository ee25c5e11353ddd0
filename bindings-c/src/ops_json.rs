//! One C function per JSON operation of the core. Generated from `wangge::api::OP_INFO` by `bindings-c/src/ops_gen_tests.rs` (`cargo xtask bless`). Do not edit.
//!
//! Each takes the operation's JSON input (`len` bytes of UTF-8) and on success writes
//! its JSON output to `*out` (free it with `wangge_string_free`) and the length to
//! `*out_len` (when not NULL). The shapes are the core's `In`/`Out` types named below
//! (see `wangge::api` and `tests/vectors/<op>.json`).

use std::ffi::c_char;

use crate::boundary::json_op;
use crate::status::wangge_status;

/// `admission.budget`: Yearly budgets of the admission items in force on a date, per department and grid. Input `BudgetIn` → output `BudgetTotals` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_admission_budget(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("admission.budget", input, len, out, out_len) }
}

/// `admission.check`: Whether a request for grid work is admitted, and why not. Input `CheckIn` → output `CheckOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_admission_check(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("admission.check", input, len, out, out_len) }
}

/// `admission.completion`: How much of the recurring work due in a range was done, per grid. Input `CompletionIn` → output `CompletionOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_admission_completion(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("admission.completion", input, len, out, out_len) }
}

/// `admission.instances`: Every due instance of the recurring items in a range. Input `InstancesIn` → output `InstancesOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_admission_instances(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("admission.instances", input, len, out, out_len) }
}

/// `admission.list`: The admission entries in force on a date. Input `ListIn` → output `ListOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_admission_list(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("admission.list", input, len, out, out_len) }
}

/// `admission.load`: Checks an admission register and writes it back in canonical form. Input `LoadIn` → output `LoadOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_admission_load(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("admission.load", input, len, out, out_len) }
}

/// `admission.tally`: Rejections and admissions of a log, per department. Input `AdmissionLog` → output `TallyOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_admission_tally(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("admission.tally", input, len, out, out_len) }
}

/// `admission.transition`: Applies one step (propose, approve, enforce, retire) to an admission register. Input `TransitionIn` → output `TransitionOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_admission_transition(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("admission.transition", input, len, out, out_len) }
}

/// `calendar.add`: The deadline a working or natural duration after an instant. Input `AddIn` → output `AddOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_calendar_add(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("calendar.add", input, len, out, out_len) }
}

/// `calendar.between`: Working minutes between two instants. Input `BetweenIn` → output `BetweenOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_calendar_between(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("calendar.between", input, len, out, out_len) }
}

/// `calendar.day`: One day of the calendar: working or not, its kind and name. Input `DayIn` → output `DayOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_calendar_day(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("calendar.day", input, len, out, out_len) }
}

/// `calendar.next_working`: The earliest working instant at or after an instant. Input `NextWorkingIn` → output `NextWorkingOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_calendar_next_working(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("calendar.next_working", input, len, out, out_len) }
}

/// `calendar.working_days_between`: Working days between two dates. Input `WorkingDaysBetweenIn` → output `WorkingDaysBetweenOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_calendar_working_days_between(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("calendar.working_days_between", input, len, out, out_len) }
}

/// `calendar.years`: The holiday years a calendar holds and where they come from. Input `YearsIn` → output `YearsOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_calendar_years(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("calendar.years", input, len, out, out_len) }
}

/// `case.apply`: Applies commands to a case journal: per command its new facts or why it was refused. Input `ApplyIn` → output `ApplyOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_case_apply(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("case.apply", input, len, out, out_len) }
}

/// `case.history`: The readable history of one case. Input `HistoryIn` → output `HistoryOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_case_history(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("case.history", input, len, out, out_len) }
}

/// `case.records`: The flat case records (one row per case) that scoring reads. Input `JournalIn` → output `RecordsOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_case_records(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("case.records", input, len, out, out_len) }
}

/// `case.replay`: One state per case at an instant: status, tier, handler, deadlines, colour. Input `JournalIn` → output `ReplayOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_case_replay(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("case.replay", input, len, out, out_len) }
}

/// `case.tick`: The breach facts (escalations, automatic supervision) due at an instant. Input `JournalIn` → output `TickOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_case_tick(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("case.tick", input, len, out, out_len) }
}

/// `code.parse`: Parses an administrative division code or a grid code. Input `CodeParseIn` → output `CodeInfo` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_code_parse(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("code.parse", input, len, out, out_len) }
}

/// `geo.convert`: Converts a point between WGS84, GCJ-02 and BD-09. Input `GeoConvertIn` → output `LonLat` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_geo_convert(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("geo.convert", input, len, out, out_len) }
}

/// `grid.locate`: Locates points in a layer's grids. Input `LocateIn` → output `LocateOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_grid_locate(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("grid.locate", input, len, out, out_len) }
}

/// `grid.validate`: Validates a layer's coverage: gaps, overlaps, codes, size rules. Input `ValidateIn` → output `CoverageReport` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_grid_validate(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("grid.validate", input, len, out, out_len) }
}

/// `policy.load`: Loads and validates a policy, returning its summary. Input `PolicyLoadIn` → output `PolicySummary` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_policy_load(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("policy.load", input, len, out, out_len) }
}

/// `roster.holder`: Who holds a role in a grid on a date. Input `HolderIn` → output `HolderOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_roster_holder(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("roster.holder", input, len, out, out_len) }
}

/// `roster.summary`: Counts of a roster validation per county, town and community. Input `ValidateIn` → output `Summary` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_roster_summary(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("roster.summary", input, len, out, out_len) }
}

/// `roster.validate`: Validates a roster against the staffing templates. Input `ValidateIn` → output `ValidateOut` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_roster_validate(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("roster.validate", input, len, out, out_len) }
}

/// `score.compute`: Scores case records for one period: indicators, sheet items, totals, grades, ranks. Input `ComputeIn` → output `ScoreResult` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_score_compute(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("score.compute", input, len, out, out_len) }
}

/// `score.from_partial`: Scores a partial (merged from partitions, or not), as `score.compute` scores records. Input `FromPartialIn` → output `ScoreResult` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_score_from_partial(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("score.from_partial", input, len, out, out_len) }
}

/// `score.merge`: Adds partials of one period, cut-off and grouping into one (in any order). Input `MergeIn` → output `Partial` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_score_merge(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("score.merge", input, len, out, out_len) }
}

/// `score.partial`: Counts one partition's case records into a mergeable partial (per-unit counters). Input `PartialIn` → output `Partial` (JSON).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_op_score_partial(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("score.partial", input, len, out, out_len) }
}
