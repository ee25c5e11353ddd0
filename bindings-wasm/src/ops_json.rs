//! One JS function per JSON operation of the core, taking and returning plain JS
//! objects. Generated from `wangge::api::OP_INFO` by `bindings-wasm/src/ops_gen_tests.rs` (`cargo xtask bless`). Do not edit.

use wasm_bindgen::prelude::*;

use crate::call;

#[wasm_bindgen(typescript_custom_section)]
const OPS_TS: &str = r#"
/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };
/** The input of `admission.budget`: the core's `BudgetIn` (see tests/vectors/admission.budget.json). */
export type AdmissionBudgetInput = JsonObject;
/** The output of `admission.budget`: the core's `BudgetTotals`. */
export type AdmissionBudgetOutput = JsonObject;
/** The input of `admission.check`: the core's `CheckIn` (see tests/vectors/admission.check.json). */
export type AdmissionCheckInput = JsonObject;
/** The output of `admission.check`: the core's `CheckOut`. */
export type AdmissionCheckOutput = JsonObject;
/** The input of `admission.completion`: the core's `CompletionIn` (see tests/vectors/admission.completion.json). */
export type AdmissionCompletionInput = JsonObject;
/** The output of `admission.completion`: the core's `CompletionOut`. */
export type AdmissionCompletionOutput = JsonObject;
/** The input of `admission.instances`: the core's `InstancesIn` (see tests/vectors/admission.instances.json). */
export type AdmissionInstancesInput = JsonObject;
/** The output of `admission.instances`: the core's `InstancesOut`. */
export type AdmissionInstancesOutput = JsonObject;
/** The input of `admission.list`: the core's `ListIn` (see tests/vectors/admission.list.json). */
export type AdmissionListInput = JsonObject;
/** The output of `admission.list`: the core's `ListOut`. */
export type AdmissionListOutput = JsonObject;
/** The input of `admission.load`: the core's `LoadIn` (see tests/vectors/admission.load.json). */
export type AdmissionLoadInput = JsonObject;
/** The output of `admission.load`: the core's `LoadOut`. */
export type AdmissionLoadOutput = JsonObject;
/** The input of `admission.tally`: the core's `AdmissionLog` (see tests/vectors/admission.tally.json). */
export type AdmissionTallyInput = JsonObject;
/** The output of `admission.tally`: the core's `TallyOut`. */
export type AdmissionTallyOutput = JsonObject;
/** The input of `admission.transition`: the core's `TransitionIn` (see tests/vectors/admission.transition.json). */
export type AdmissionTransitionInput = JsonObject;
/** The output of `admission.transition`: the core's `TransitionOut`. */
export type AdmissionTransitionOutput = JsonObject;
/** The input of `calendar.add`: the core's `AddIn` (see tests/vectors/calendar.add.json). */
export type CalendarAddInput = JsonObject;
/** The output of `calendar.add`: the core's `AddOut`. */
export type CalendarAddOutput = JsonObject;
/** The input of `calendar.between`: the core's `BetweenIn` (see tests/vectors/calendar.between.json). */
export type CalendarBetweenInput = JsonObject;
/** The output of `calendar.between`: the core's `BetweenOut`. */
export type CalendarBetweenOutput = JsonObject;
/** The input of `calendar.day`: the core's `DayIn` (see tests/vectors/calendar.day.json). */
export type CalendarDayInput = JsonObject;
/** The output of `calendar.day`: the core's `DayOut`. */
export type CalendarDayOutput = JsonObject;
/** The input of `calendar.next_working`: the core's `NextWorkingIn` (see tests/vectors/calendar.next_working.json). */
export type CalendarNextWorkingInput = JsonObject;
/** The output of `calendar.next_working`: the core's `NextWorkingOut`. */
export type CalendarNextWorkingOutput = JsonObject;
/** The input of `calendar.working_days_between`: the core's `WorkingDaysBetweenIn` (see tests/vectors/calendar.working_days_between.json). */
export type CalendarWorkingDaysBetweenInput = JsonObject;
/** The output of `calendar.working_days_between`: the core's `WorkingDaysBetweenOut`. */
export type CalendarWorkingDaysBetweenOutput = JsonObject;
/** The input of `calendar.years`: the core's `YearsIn` (see tests/vectors/calendar.years.json). */
export type CalendarYearsInput = JsonObject;
/** The output of `calendar.years`: the core's `YearsOut`. */
export type CalendarYearsOutput = JsonObject;
/** The input of `case.apply`: the core's `ApplyIn` (see tests/vectors/case.apply.json). */
export type CaseApplyInput = JsonObject;
/** The output of `case.apply`: the core's `ApplyOut`. */
export type CaseApplyOutput = JsonObject;
/** The input of `case.history`: the core's `HistoryIn` (see tests/vectors/case.history.json). */
export type CaseHistoryInput = JsonObject;
/** The output of `case.history`: the core's `HistoryOut`. */
export type CaseHistoryOutput = JsonObject;
/** The input of `case.records`: the core's `JournalIn` (see tests/vectors/case.records.json). */
export type CaseRecordsInput = JsonObject;
/** The output of `case.records`: the core's `RecordsOut`. */
export type CaseRecordsOutput = JsonObject;
/** The input of `case.replay`: the core's `JournalIn` (see tests/vectors/case.replay.json). */
export type CaseReplayInput = JsonObject;
/** The output of `case.replay`: the core's `ReplayOut`. */
export type CaseReplayOutput = JsonObject;
/** The input of `case.tick`: the core's `JournalIn` (see tests/vectors/case.tick.json). */
export type CaseTickInput = JsonObject;
/** The output of `case.tick`: the core's `TickOut`. */
export type CaseTickOutput = JsonObject;
/** The input of `code.parse`: the core's `CodeParseIn` (see tests/vectors/code.parse.json). */
export type CodeParseInput = JsonObject;
/** The output of `code.parse`: the core's `CodeInfo`. */
export type CodeParseOutput = JsonObject;
/** The input of `geo.convert`: the core's `GeoConvertIn` (see tests/vectors/geo.convert.json). */
export type GeoConvertInput = JsonObject;
/** The output of `geo.convert`: the core's `LonLat`. */
export type GeoConvertOutput = JsonObject;
/** The input of `grid.locate`: the core's `LocateIn` (see tests/vectors/grid.locate.json). */
export type GridLocateInput = JsonObject;
/** The output of `grid.locate`: the core's `LocateOut`. */
export type GridLocateOutput = JsonObject;
/** The input of `grid.validate`: the core's `ValidateIn` (see tests/vectors/grid.validate.json). */
export type GridValidateInput = JsonObject;
/** The output of `grid.validate`: the core's `CoverageReport`. */
export type GridValidateOutput = JsonObject;
/** The input of `policy.load`: the core's `PolicyLoadIn` (see tests/vectors/policy.load.json). */
export type PolicyLoadInput = JsonObject;
/** The output of `policy.load`: the core's `PolicySummary`. */
export type PolicyLoadOutput = JsonObject;
/** The input of `roster.holder`: the core's `HolderIn` (see tests/vectors/roster.holder.json). */
export type RosterHolderInput = JsonObject;
/** The output of `roster.holder`: the core's `HolderOut`. */
export type RosterHolderOutput = JsonObject;
/** The input of `roster.summary`: the core's `ValidateIn` (see tests/vectors/roster.summary.json). */
export type RosterSummaryInput = JsonObject;
/** The output of `roster.summary`: the core's `Summary`. */
export type RosterSummaryOutput = JsonObject;
/** The input of `roster.validate`: the core's `ValidateIn` (see tests/vectors/roster.validate.json). */
export type RosterValidateInput = JsonObject;
/** The output of `roster.validate`: the core's `ValidateOut`. */
export type RosterValidateOutput = JsonObject;
/** The input of `score.compute`: the core's `ComputeIn` (see tests/vectors/score.compute.json). */
export type ScoreComputeInput = JsonObject;
/** The output of `score.compute`: the core's `ScoreResult`. */
export type ScoreComputeOutput = JsonObject;
/** The input of `score.from_partial`: the core's `FromPartialIn` (see tests/vectors/score.from_partial.json). */
export type ScoreFromPartialInput = JsonObject;
/** The output of `score.from_partial`: the core's `ScoreResult`. */
export type ScoreFromPartialOutput = JsonObject;
/** The input of `score.merge`: the core's `MergeIn` (see tests/vectors/score.merge.json). */
export type ScoreMergeInput = JsonObject;
/** The output of `score.merge`: the core's `Partial`. */
export type ScoreMergeOutput = JsonObject;
/** The input of `score.partial`: the core's `PartialIn` (see tests/vectors/score.partial.json). */
export type ScorePartialInput = JsonObject;
/** The output of `score.partial`: the core's `Partial`. */
export type ScorePartialOutput = JsonObject;
"#;

/// `admission.budget`: Yearly budgets of the admission items in force on a date, per department and grid. Input `BudgetIn` → output `BudgetTotals`.
#[wasm_bindgen(js_name = admissionBudget, unchecked_return_type = "AdmissionBudgetOutput")]
pub fn op_admission_budget(
    #[wasm_bindgen(unchecked_param_type = "AdmissionBudgetInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("admission.budget", input)
}

/// `admission.check`: Whether a request for grid work is admitted, and why not. Input `CheckIn` → output `CheckOut`.
#[wasm_bindgen(js_name = admissionCheck, unchecked_return_type = "AdmissionCheckOutput")]
pub fn op_admission_check(
    #[wasm_bindgen(unchecked_param_type = "AdmissionCheckInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("admission.check", input)
}

/// `admission.completion`: How much of the recurring work due in a range was done, per grid. Input `CompletionIn` → output `CompletionOut`.
#[wasm_bindgen(js_name = admissionCompletion, unchecked_return_type = "AdmissionCompletionOutput")]
pub fn op_admission_completion(
    #[wasm_bindgen(unchecked_param_type = "AdmissionCompletionInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("admission.completion", input)
}

/// `admission.instances`: Every due instance of the recurring items in a range. Input `InstancesIn` → output `InstancesOut`.
#[wasm_bindgen(js_name = admissionInstances, unchecked_return_type = "AdmissionInstancesOutput")]
pub fn op_admission_instances(
    #[wasm_bindgen(unchecked_param_type = "AdmissionInstancesInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("admission.instances", input)
}

/// `admission.list`: The admission entries in force on a date. Input `ListIn` → output `ListOut`.
#[wasm_bindgen(js_name = admissionList, unchecked_return_type = "AdmissionListOutput")]
pub fn op_admission_list(
    #[wasm_bindgen(unchecked_param_type = "AdmissionListInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("admission.list", input)
}

/// `admission.load`: Checks an admission register and writes it back in canonical form. Input `LoadIn` → output `LoadOut`.
#[wasm_bindgen(js_name = admissionLoad, unchecked_return_type = "AdmissionLoadOutput")]
pub fn op_admission_load(
    #[wasm_bindgen(unchecked_param_type = "AdmissionLoadInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("admission.load", input)
}

/// `admission.tally`: Rejections and admissions of a log, per department. Input `AdmissionLog` → output `TallyOut`.
#[wasm_bindgen(js_name = admissionTally, unchecked_return_type = "AdmissionTallyOutput")]
pub fn op_admission_tally(
    #[wasm_bindgen(unchecked_param_type = "AdmissionTallyInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("admission.tally", input)
}

/// `admission.transition`: Applies one step (propose, approve, enforce, retire) to an admission register. Input `TransitionIn` → output `TransitionOut`.
#[wasm_bindgen(js_name = admissionTransition, unchecked_return_type = "AdmissionTransitionOutput")]
pub fn op_admission_transition(
    #[wasm_bindgen(unchecked_param_type = "AdmissionTransitionInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("admission.transition", input)
}

/// `calendar.add`: The deadline a working or natural duration after an instant. Input `AddIn` → output `AddOut`.
#[wasm_bindgen(js_name = calendarAdd, unchecked_return_type = "CalendarAddOutput")]
pub fn op_calendar_add(
    #[wasm_bindgen(unchecked_param_type = "CalendarAddInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("calendar.add", input)
}

/// `calendar.between`: Working minutes between two instants. Input `BetweenIn` → output `BetweenOut`.
#[wasm_bindgen(js_name = calendarBetween, unchecked_return_type = "CalendarBetweenOutput")]
pub fn op_calendar_between(
    #[wasm_bindgen(unchecked_param_type = "CalendarBetweenInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("calendar.between", input)
}

/// `calendar.day`: One day of the calendar: working or not, its kind and name. Input `DayIn` → output `DayOut`.
#[wasm_bindgen(js_name = calendarDay, unchecked_return_type = "CalendarDayOutput")]
pub fn op_calendar_day(
    #[wasm_bindgen(unchecked_param_type = "CalendarDayInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("calendar.day", input)
}

/// `calendar.next_working`: The earliest working instant at or after an instant. Input `NextWorkingIn` → output `NextWorkingOut`.
#[wasm_bindgen(js_name = calendarNextWorking, unchecked_return_type = "CalendarNextWorkingOutput")]
pub fn op_calendar_next_working(
    #[wasm_bindgen(unchecked_param_type = "CalendarNextWorkingInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("calendar.next_working", input)
}

/// `calendar.working_days_between`: Working days between two dates. Input `WorkingDaysBetweenIn` → output `WorkingDaysBetweenOut`.
#[wasm_bindgen(js_name = calendarWorkingDaysBetween, unchecked_return_type = "CalendarWorkingDaysBetweenOutput")]
pub fn op_calendar_working_days_between(
    #[wasm_bindgen(unchecked_param_type = "CalendarWorkingDaysBetweenInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("calendar.working_days_between", input)
}

/// `calendar.years`: The holiday years a calendar holds and where they come from. Input `YearsIn` → output `YearsOut`.
#[wasm_bindgen(js_name = calendarYears, unchecked_return_type = "CalendarYearsOutput")]
pub fn op_calendar_years(
    #[wasm_bindgen(unchecked_param_type = "CalendarYearsInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("calendar.years", input)
}

/// `case.apply`: Applies commands to a case journal: per command its new facts or why it was refused. Input `ApplyIn` → output `ApplyOut`.
#[wasm_bindgen(js_name = caseApply, unchecked_return_type = "CaseApplyOutput")]
pub fn op_case_apply(
    #[wasm_bindgen(unchecked_param_type = "CaseApplyInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("case.apply", input)
}

/// `case.history`: The readable history of one case. Input `HistoryIn` → output `HistoryOut`.
#[wasm_bindgen(js_name = caseHistory, unchecked_return_type = "CaseHistoryOutput")]
pub fn op_case_history(
    #[wasm_bindgen(unchecked_param_type = "CaseHistoryInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("case.history", input)
}

/// `case.records`: The flat case records (one row per case) that scoring reads. Input `JournalIn` → output `RecordsOut`.
#[wasm_bindgen(js_name = caseRecords, unchecked_return_type = "CaseRecordsOutput")]
pub fn op_case_records(
    #[wasm_bindgen(unchecked_param_type = "CaseRecordsInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("case.records", input)
}

/// `case.replay`: One state per case at an instant: status, tier, handler, deadlines, colour. Input `JournalIn` → output `ReplayOut`.
#[wasm_bindgen(js_name = caseReplay, unchecked_return_type = "CaseReplayOutput")]
pub fn op_case_replay(
    #[wasm_bindgen(unchecked_param_type = "CaseReplayInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("case.replay", input)
}

/// `case.tick`: The breach facts (escalations, automatic supervision) due at an instant. Input `JournalIn` → output `TickOut`.
#[wasm_bindgen(js_name = caseTick, unchecked_return_type = "CaseTickOutput")]
pub fn op_case_tick(
    #[wasm_bindgen(unchecked_param_type = "CaseTickInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("case.tick", input)
}

/// `code.parse`: Parses an administrative division code or a grid code. Input `CodeParseIn` → output `CodeInfo`.
#[wasm_bindgen(js_name = codeParse, unchecked_return_type = "CodeParseOutput")]
pub fn op_code_parse(
    #[wasm_bindgen(unchecked_param_type = "CodeParseInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("code.parse", input)
}

/// `geo.convert`: Converts a point between WGS84, GCJ-02 and BD-09. Input `GeoConvertIn` → output `LonLat`.
#[wasm_bindgen(js_name = geoConvert, unchecked_return_type = "GeoConvertOutput")]
pub fn op_geo_convert(
    #[wasm_bindgen(unchecked_param_type = "GeoConvertInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("geo.convert", input)
}

/// `grid.locate`: Locates points in a layer's grids. Input `LocateIn` → output `LocateOut`.
#[wasm_bindgen(js_name = gridLocate, unchecked_return_type = "GridLocateOutput")]
pub fn op_grid_locate(
    #[wasm_bindgen(unchecked_param_type = "GridLocateInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("grid.locate", input)
}

/// `grid.validate`: Validates a layer's coverage: gaps, overlaps, codes, size rules. Input `ValidateIn` → output `CoverageReport`.
#[wasm_bindgen(js_name = gridValidate, unchecked_return_type = "GridValidateOutput")]
pub fn op_grid_validate(
    #[wasm_bindgen(unchecked_param_type = "GridValidateInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("grid.validate", input)
}

/// `policy.load`: Loads and validates a policy, returning its summary. Input `PolicyLoadIn` → output `PolicySummary`.
#[wasm_bindgen(js_name = policyLoad, unchecked_return_type = "PolicyLoadOutput")]
pub fn op_policy_load(
    #[wasm_bindgen(unchecked_param_type = "PolicyLoadInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("policy.load", input)
}

/// `roster.holder`: Who holds a role in a grid on a date. Input `HolderIn` → output `HolderOut`.
#[wasm_bindgen(js_name = rosterHolder, unchecked_return_type = "RosterHolderOutput")]
pub fn op_roster_holder(
    #[wasm_bindgen(unchecked_param_type = "RosterHolderInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("roster.holder", input)
}

/// `roster.summary`: Counts of a roster validation per county, town and community. Input `ValidateIn` → output `Summary`.
#[wasm_bindgen(js_name = rosterSummary, unchecked_return_type = "RosterSummaryOutput")]
pub fn op_roster_summary(
    #[wasm_bindgen(unchecked_param_type = "RosterSummaryInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("roster.summary", input)
}

/// `roster.validate`: Validates a roster against the staffing templates. Input `ValidateIn` → output `ValidateOut`.
#[wasm_bindgen(js_name = rosterValidate, unchecked_return_type = "RosterValidateOutput")]
pub fn op_roster_validate(
    #[wasm_bindgen(unchecked_param_type = "RosterValidateInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("roster.validate", input)
}

/// `score.compute`: Scores case records for one period: indicators, sheet items, totals, grades, ranks. Input `ComputeIn` → output `ScoreResult`.
#[wasm_bindgen(js_name = scoreCompute, unchecked_return_type = "ScoreComputeOutput")]
pub fn op_score_compute(
    #[wasm_bindgen(unchecked_param_type = "ScoreComputeInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("score.compute", input)
}

/// `score.from_partial`: Scores a partial (merged from partitions, or not), as `score.compute` scores records. Input `FromPartialIn` → output `ScoreResult`.
#[wasm_bindgen(js_name = scoreFromPartial, unchecked_return_type = "ScoreFromPartialOutput")]
pub fn op_score_from_partial(
    #[wasm_bindgen(unchecked_param_type = "ScoreFromPartialInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("score.from_partial", input)
}

/// `score.merge`: Adds partials of one period, cut-off and grouping into one (in any order). Input `MergeIn` → output `Partial`.
#[wasm_bindgen(js_name = scoreMerge, unchecked_return_type = "ScoreMergeOutput")]
pub fn op_score_merge(
    #[wasm_bindgen(unchecked_param_type = "ScoreMergeInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("score.merge", input)
}

/// `score.partial`: Counts one partition's case records into a mergeable partial (per-unit counters). Input `PartialIn` → output `Partial`.
#[wasm_bindgen(js_name = scorePartial, unchecked_return_type = "ScorePartialOutput")]
pub fn op_score_partial(
    #[wasm_bindgen(unchecked_param_type = "ScorePartialInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("score.partial", input)
}
