//! Typed scoring: case records in, a score result out — the `score.*` operations with
//! precise TypeScript types instead of `JsonObject`. The values are the core's serde types
//! (`ComputeIn`, `ScoreResult`, `Partial`, `CaseRecord`) read and written as plain JS data,
//! through the same JSON path as [`crate::call`] (no new code in the module beyond these
//! few functions).

use serde::Serialize;
use serde::de::DeserializeOwned;
use wangge::api::{self, Limits};
use wangge::record::{ReadOptions, read_csv, read_jsonl};
use wangge::scoring::api::{ComputeIn, FromPartialIn, MergeIn, PartialIn};
use wasm_bindgen::prelude::*;

use crate::{err, js_error, shape_err, to_js};

#[wasm_bindgen(typescript_custom_section)]
const SCORE_TS: &str = r#"
/** The unit scores are computed per (community, town and county are grid-code prefixes). */
export type GroupBy = "grid" | "community" | "town" | "county" | "handler" | "class"
  | "worker" | "category" | "all";

/** What an indicator measures. */
export type IndicatorKind = "completion" | "on_time" | "satisfaction" | "response"
  | "resolution" | "rework" | "report_validity" | "missed_report" | "urgent_completion"
  | "urgent_on_time" | "reported" | "registered" | "due" | "closed" | "rework_count";

/** The denominator of a rate (policy). */
export type Denominator = "due" | "registered" | "due_minus_deferred" | "closed" | "revisited"
  | "rated" | "reported" | "urgent_due";

/** The instant that places a case in the period for an indicator. */
export type Anchor = "due_at" | "reported_at" | "closed_at";

/** Which way is good. */
export type Direction = "higher_is_better" | "lower_is_better";

/** Whether a sheet reproduces a published one (`default`: numbers are placeholders). */
export type Basis = "published" | "unofficial" | "default";

/** A period's bounds, `[start, end)`, RFC 3339 in the policy zone's local time. */
export interface PeriodBounds { start: string; end: string }

/** An indicator's declaration, as reported with every result. */
export interface IndicatorInfo {
  id: string;
  kind: IndicatorKind;
  /** The numerator, in words. */
  numerator: string;
  /** `null` for a count. */
  denominator: Denominator | null;
  anchor: Anchor;
  direction: Direction;
  /** Whether the value is a percentage (else a count). */
  rate: boolean;
}

/**
 * An indicator's value for one unit. `value` and `display` are `null` when the
 * denominator is empty: not applicable, never 0 % or 100 %.
 */
export interface IndicatorValue {
  numerator: number;
  /** `null` for a count. */
  denominator: number | null;
  /** The percentage or count. */
  value: number | null;
  /** Rounded for display (`"93.72%"`). */
  display: string | null;
}

/** One sheet item's points (`null` when its value is not applicable). */
export interface ItemScore { id: string; max: number; points: number | null }

/** One unit's scores. */
export interface UnitScore {
  /** Grid code, community code, handler, class … (per `by`). */
  unit: string;
  /** Every indicator of the policy, by id (`completion`, `on_time` …). */
  indicators: Record<string, IndicatorValue>;
  /** The sheet's items (empty without a sheet). */
  items: ItemScore[];
  total: number | null;
  max: number | null;
  grade: string | null;
  stars: number | null;
  pay: number | null;
  advanced_eligible: boolean | null;
  composite: number | null;
  /** 1 = best; ties share a rank; `null` if not ranked. */
  rank: number | null;
}

/** The sheet a result was scored with. */
export interface SheetSummary { id: string; name: string; basis: Basis; scale: number }

/** One linked person's score. */
export interface LinkedScore { id: string; score: number }

/** The result of scoring one period (the output of `score.compute`). */
export interface ScoreResult {
  /** `2016-12`, `2016-Q4` or `2016`. */
  period: string;
  bounds: PeriodBounds;
  /** The instant counting stopped at. */
  cut: string;
  by: GroupBy;
  sheet: SheetSummary | null;
  indicators: IndicatorInfo[];
  /** Sorted by unit id. */
  units: UnitScore[];
  /** The best ranked units, best first. */
  red_list: string[];
  /** The worst ranked units, worst first. */
  black_list: string[];
  /** Linked assessments (absent when none). */
  linked?: LinkedScore[];
}

/** What the host knows about a unit that the records do not say. */
export interface UnitInput {
  /** Named values for `input:NAME` sources. */
  values?: Record<string, number>;
  /** Named level lists for bonus items (`{"innovations": ["county", "province"]}`). */
  levels?: Record<string, string[]>;
  months_in_post?: number;
}

/** One linked person: their own score and the units of the result linked to them. */
export interface ScoreLink { id: string; own: number; members: string[] }

/** The input of `scoreRecords` (the `score.compute` operation's). */
export interface ScoreRecordsInput {
  /** A preset id (`"seed002"`), TOML/JSON policy text or the policy object; absent: the defaults. */
  policy?: string | Record<string, unknown>;
  records: CaseRecord[];
  /** `2016-12`, `2016-Q4` or `2016`. */
  period: string;
  /** Default `"grid"`. */
  by?: GroupBy;
  /** A sheet id (default: the policy's default sheet). */
  sheet?: string | null;
  /** Count only what happened before this RFC 3339 instant. */
  as_of?: string | null;
  /** Per-unit inputs, by unit id. */
  inputs?: Record<string, UnitInput>;
  links?: ScoreLink[];
}

/**
 * Per-unit counters of one period (the output of `scoreRecordsPartial`): a value to
 * store, ship and merge, not to edit.
 */
export interface ScorePartial {
  period: string;
  bounds: PeriodBounds;
  cut: string;
  by: GroupBy;
  groups: Record<string, Record<string, number>>;
}

/** The input of `scoreRecordsPartial` (the `score.partial` operation's). */
export interface ScoreRecordsPartialInput {
  policy?: string | Record<string, unknown>;
  records: CaseRecord[];
  period: string;
  by?: GroupBy;
  as_of?: string | null;
}

/** The input of `scorePartialResult` (the `score.from_partial` operation's). */
export interface ScorePartialResultInput {
  /** The policy the partial was counted under. */
  policy?: string | Record<string, unknown>;
  partial: ScorePartial;
  sheet?: string | null;
  inputs?: Record<string, UnitInput>;
  links?: ScoreLink[];
}
"#;

/// Reads a JS value as the core type `T`, with the JSON operations' checks and messages.
fn input<T: DeserializeOwned>(name: &str, v: JsValue) -> Result<T, JsValue> {
    let v: serde_json::Value = serde_wasm_bindgen::from_value(v).map_err(shape_err)?;
    Limits::default().check_value(name, &v).map_err(err)?;
    api::parse(&v).map_err(err)
}

/// Writes a core value as plain JS data (through `serde_json::Value`, as `call` does).
fn output(v: &impl Serialize) -> Result<JsValue, JsValue> {
    let v = serde_json::to_value(v)
        .map_err(|e| js_error(wangge::ErrorCode::Internal, &e.to_string()))?;
    to_js(&v)
}

/// Scores case records for one period: indicators, sheet items, totals, grades, ranks
/// (typed `score.compute`). Throws `invalid_period`, `unknown_preset`, `invalid_policy`,
/// `unknown_score_sheet`, or the code of a bad record field (naming `records[i].field`).
#[wasm_bindgen(js_name = scoreRecords, unchecked_return_type = "ScoreResult")]
pub fn score_records(
    #[wasm_bindgen(unchecked_param_type = "ScoreRecordsInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let i: ComputeIn = self::input("input", input)?;
    output(&wangge::scoring::api::compute(i).map_err(err)?)
}

/// Reads case records from CSV text with a header line (the columns of
/// `wangge case records --format csv`). A bad row throws `invalid_records`, the message
/// naming the line and column.
#[wasm_bindgen(js_name = readCaseRecordsCsv, unchecked_return_type = "CaseRecord[]")]
pub fn read_case_records_csv(text: &str) -> Result<JsValue, JsValue> {
    Limits::default()
        .check_len("text", text.len())
        .map_err(err)?;
    output(&read_csv(text, ReadOptions::default()).map_err(err)?.records)
}

/// Reads case records from JSON Lines (one record object per line; blank lines skipped).
/// A bad line throws `invalid_records`, the message naming the line and field.
#[wasm_bindgen(js_name = readCaseRecordsJsonl, unchecked_return_type = "CaseRecord[]")]
pub fn read_case_records_jsonl(text: &str) -> Result<JsValue, JsValue> {
    Limits::default()
        .check_len("text", text.len())
        .map_err(err)?;
    output(
        &read_jsonl(text, ReadOptions::default())
            .map_err(err)?
            .records,
    )
}

/// Counts one partition's records into a partial (typed `score.partial`), to merge with
/// `scoreMergePartials` and score with `scorePartialResult`.
#[wasm_bindgen(js_name = scoreRecordsPartial, unchecked_return_type = "ScorePartial")]
pub fn score_records_partial(
    #[wasm_bindgen(unchecked_param_type = "ScoreRecordsPartialInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let i: PartialIn = self::input("input", input)?;
    output(&wangge::scoring::api::partial(i).map_err(err)?)
}

/// Adds partials of one period, cut-off and grouping into one, in any order (typed
/// `score.merge`). Throws `invalid_scoring_input` for none or partials that do not match.
#[wasm_bindgen(js_name = scoreMergePartials, unchecked_return_type = "ScorePartial")]
pub fn score_merge_partials(
    #[wasm_bindgen(unchecked_param_type = "ScorePartial[]")] partials: JsValue,
) -> Result<JsValue, JsValue> {
    let partials = self::input("partials", partials)?;
    output(&wangge::scoring::api::merge(MergeIn { partials }).map_err(err)?)
}

/// Scores a partial (merged or not) as `scoreRecords` scores records (typed
/// `score.from_partial`).
#[wasm_bindgen(js_name = scorePartialResult, unchecked_return_type = "ScoreResult")]
pub fn score_partial_result(
    #[wasm_bindgen(unchecked_param_type = "ScorePartialResultInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let i: FromPartialIn = self::input("input", input)?;
    output(&wangge::scoring::api::from_partial(i).map_err(err)?)
}
