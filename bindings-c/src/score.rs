//! Scoring a platform's own history: case records as CSV (or JSON Lines) text in, the
//! score result as JSON text out — `score.compute` without building a JSON input.

use std::ffi::c_char;

use wangge_core::ErrorCode;
use wangge_core::api::args::{PolicySource, parse_instant};
use wangge_core::record::{CaseRecord, ReadOptions, RecordError, RecordSet, read_csv, read_jsonl};
use wangge_core::scoring::GroupBy;
use wangge_core::scoring::api::{ComputeIn, compute};

use crate::boundary::{Failure, Res, guard, json_arg, out_arg, text_arg, write_string};
use crate::status::wangge_status;

/// The grouping of [`wangge_score_csv`] (`WANGGE_GROUP_BY_*`).
pub type wangge_group_by = u32;
/// Per grid.
pub const WANGGE_GROUP_BY_GRID: wangge_group_by = 1;
/// Per community (社区/村: the grid code's 12-digit community).
pub const WANGGE_GROUP_BY_COMMUNITY: wangge_group_by = 2;
/// Per town (乡镇/街道).
pub const WANGGE_GROUP_BY_TOWN: wangge_group_by = 3;
/// Per county (县/区).
pub const WANGGE_GROUP_BY_COUNTY: wangge_group_by = 4;
/// Per handling unit (the record's `handler`).
pub const WANGGE_GROUP_BY_HANDLER: wangge_group_by = 5;
/// Per class (`event` / `component`).
pub const WANGGE_GROUP_BY_CLASS: wangge_group_by = 6;
/// Per grid worker (the record's `worker`).
pub const WANGGE_GROUP_BY_WORKER: wangge_group_by = 7;
/// Per category.
pub const WANGGE_GROUP_BY_CATEGORY: wangge_group_by = 8;
/// One unit, `"all"`, for the whole data set.
pub const WANGGE_GROUP_BY_ALL: wangge_group_by = 9;

fn group_by(by: wangge_group_by) -> Res<GroupBy> {
    Ok(match by {
        WANGGE_GROUP_BY_GRID => GroupBy::Grid,
        WANGGE_GROUP_BY_COMMUNITY => GroupBy::Community,
        WANGGE_GROUP_BY_TOWN => GroupBy::Town,
        WANGGE_GROUP_BY_COUNTY => GroupBy::County,
        WANGGE_GROUP_BY_HANDLER => GroupBy::Handler,
        WANGGE_GROUP_BY_CLASS => GroupBy::Class,
        WANGGE_GROUP_BY_WORKER => GroupBy::Worker,
        WANGGE_GROUP_BY_CATEGORY => GroupBy::Category,
        WANGGE_GROUP_BY_ALL => GroupBy::All,
        other => {
            return Err(Failure::new(
                ErrorCode::InvalidArgument,
                format!("`by` = {other} is not a WANGGE_GROUP_BY_* value"),
            ));
        }
    })
}

/// Borrows an optional short text: NULL is `None`.
///
/// # Safety
/// `ptr` NULL or `len` readable bytes.
unsafe fn opt_text<'a>(name: &str, ptr: *const c_char, len: usize) -> Res<Option<&'a str>> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: per the contract above.
    Ok(Some(unsafe { text_arg(name, ptr, len)? }))
}

/// The arguments shared by [`wangge_score_csv`] and [`wangge_score_jsonl`], read.
struct ScoreArgs<'a> {
    policy: Option<&'a str>,
    period: &'a str,
    by: wangge_group_by,
    sheet: Option<&'a str>,
    as_of: Option<&'a str>,
}

/// Scores `records` and writes the result's JSON text.
///
/// # Safety
/// `out` checked non-NULL; `out_len` NULL or valid for a write.
unsafe fn score_into(
    a: ScoreArgs<'_>,
    records: Vec<CaseRecord>,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> Res {
    let input = ComputeIn {
        policy: a.policy.map(|p| PolicySource::Text(p.to_string())),
        records,
        period: a.period.to_string(),
        by: group_by(a.by)?,
        sheet: a.sheet.map(str::to_string),
        as_of: a.as_of.map(parse_instant).transpose()?,
        inputs: Default::default(),
        links: vec![],
    };
    let result = compute(input)?;
    let text = serde_json::to_string(&result)
        .map_err(|e| Failure::new(ErrorCode::Internal, e.to_string()))?;
    // SAFETY: per the contract above.
    unsafe { write_string(out, out_len, text) }
}

/// Scores case records given as CSV text for one period: `score.compute` for a platform's
/// own export, without building JSON.
///
/// - `policy` (`policy_len` bytes; NULL for the defaults): a preset id (`"seed002"`) or
///   policy text, TOML or JSON;
/// - `csv` (`csv_len` bytes, required): a header line naming the record columns
///   (`id,grid,category,class,urgency,tier,source,reported_at,…`, the columns of
///   `wangge case records --format csv`), then one case per line;
/// - `period` (required): `"2016-12"`, `"2016-Q4"` or `"2016"`;
/// - `by`: a `WANGGE_GROUP_BY_*` value;
/// - `sheet` (NULL: the policy's default sheet): a score sheet id;
/// - `as_of` (NULL: the period's end): count only what happened before this RFC 3339
///   instant.
///
/// On success `*out` is the score result as JSON text (the output of `score.compute`:
/// `{"period", "bounds", "cut", "by", "sheet", "indicators", "units", …}`), freed with
/// `wangge_string_free`. Errors: `WANGGE_STATUS_INVALID_RECORDS` (the message names the
/// line and column), `WANGGE_STATUS_INVALID_PERIOD`, `WANGGE_STATUS_UNKNOWN_PRESET`,
/// `WANGGE_STATUS_INVALID_POLICY`, `WANGGE_STATUS_UNKNOWN_SCORE_SHEET`,
/// `WANGGE_STATUS_INVALID_ARGUMENT` (a bad `by`), oversize input.
///
/// # Safety
/// Each text NULL or its length readable; `out` NULL or valid for a write; `out_len`
/// NULL or valid for a write.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn wangge_score_csv(
    policy: *const c_char,
    policy_len: usize,
    csv: *const c_char,
    csv_len: usize,
    period: *const c_char,
    period_len: usize,
    by: wangge_group_by,
    sheet: *const c_char,
    sheet_len: usize,
    as_of: *const c_char,
    as_of_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe {
        score_text(
            (policy, policy_len),
            ("csv", csv, csv_len, read_csv),
            (period, period_len),
            by,
            (sheet, sheet_len),
            (as_of, as_of_len),
            (out, out_len),
        )
    }
}

/// As [`wangge_score_csv`], with the records as JSON Lines (`jsonl`, `jsonl_len` bytes: one
/// record object per line, as `wangge case records` writes them; blank lines skipped).
///
/// # Safety
/// As [`wangge_score_csv`].
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn wangge_score_jsonl(
    policy: *const c_char,
    policy_len: usize,
    jsonl: *const c_char,
    jsonl_len: usize,
    period: *const c_char,
    period_len: usize,
    by: wangge_group_by,
    sheet: *const c_char,
    sheet_len: usize,
    as_of: *const c_char,
    as_of_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe {
        score_text(
            (policy, policy_len),
            ("jsonl", jsonl, jsonl_len, read_jsonl),
            (period, period_len),
            by,
            (sheet, sheet_len),
            (as_of, as_of_len),
            (out, out_len),
        )
    }
}

/// A text argument: pointer and length.
type Text = (*const c_char, usize);

/// A records argument: its name, pointer, length and reader.
type RecordsText = (
    &'static str,
    *const c_char,
    usize,
    fn(&str, ReadOptions) -> Result<RecordSet, RecordError>,
);

/// The body of [`wangge_score_csv`] and [`wangge_score_jsonl`]: reads the arguments, the
/// records with their reader, scores and writes the result.
///
/// # Safety
/// As [`wangge_score_csv`].
unsafe fn score_text(
    policy: Text,
    (name, ptr, len, read): RecordsText,
    period: Text,
    by: wangge_group_by,
    sheet: Text,
    as_of: Text,
    (out, out_len): (*mut *mut c_char, *mut usize),
) -> wangge_status {
    guard(|| {
        let out = out_arg("out", out)?;
        // SAFETY (each argument): per the contract above.
        let args = unsafe {
            ScoreArgs {
                policy: optional_policy(policy.0, policy.1)?,
                period: text_arg("period", period.0, period.1)?,
                by,
                sheet: opt_text("sheet", sheet.0, sheet.1)?,
                as_of: opt_text("as_of", as_of.0, as_of.1)?,
            }
        };
        // SAFETY: per the contract above.
        let text = unsafe { json_arg(name, ptr, len)? };
        let records = read(text, ReadOptions::default())
            .map_err(wangge_core::Error::from)?
            .records;
        // SAFETY: `out` checked; `out_len` per contract.
        unsafe { score_into(args, records, out, out_len) }
    })
}

/// Borrows the optional policy text (length-capped like any structured input).
///
/// # Safety
/// `ptr` NULL or `len` readable bytes.
unsafe fn optional_policy<'a>(ptr: *const c_char, len: usize) -> Res<Option<&'a str>> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: per the contract above.
    Ok(Some(unsafe { json_arg("policy", ptr, len)? }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    const CSV: &str = "id,grid,category,class,urgency,tier,source,reported_at,due_at,closed_at,status\n\
        A,371323100201001,x,event,routine,t1,patrol,2016-12-01T09:00:00+08:00,2016-12-05T17:00:00+08:00,2016-12-04T10:00:00+08:00,closed\n\
        B,371323100201001,x,event,routine,t1,patrol,2016-12-02T09:00:00+08:00,2016-12-06T17:00:00+08:00,2016-12-07T10:00:00+08:00,closed\n";

    fn score(csv: &str, period: &str, by: wangge_group_by) -> (wangge_status, String) {
        let mut out: *mut c_char = std::ptr::null_mut();
        // SAFETY: valid texts and out-parameter.
        let s = unsafe {
            wangge_score_csv(
                std::ptr::null(),
                0,
                csv.as_ptr().cast(),
                csv.len(),
                period.as_ptr().cast(),
                period.len(),
                by,
                std::ptr::null(),
                0,
                std::ptr::null(),
                0,
                &mut out,
                std::ptr::null_mut(),
            )
        };
        if out.is_null() {
            return (s, String::new());
        }
        // SAFETY: written by the call, freed once here.
        let text = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_string();
        // SAFETY: as above.
        unsafe { crate::wangge_string_free(out) };
        (s, text)
    }

    #[test]
    fn csv_scores_as_the_json_operation() {
        let (s, text) = score(CSV, "2016-12", WANGGE_GROUP_BY_GRID);
        assert_eq!(s, wangge_status::Ok);
        let got: serde_json::Value = serde_json::from_str(&text).unwrap();
        let rows = read_csv(CSV, ReadOptions::default()).unwrap().records;
        let want = wangge_core::api::call(
            "score.compute",
            &serde_json::json!({"records": rows, "period": "2016-12"}),
        )
        .unwrap();
        assert_eq!(got, want);
        assert_eq!(
            got["units"][0]["indicators"]["on_time"]["display"],
            "50.00%"
        );
        assert_eq!(score(CSV, "2016-13", 1).0, wangge_status::InvalidPeriod);
        assert_eq!(score(CSV, "2016-12", 0).0, wangge_status::InvalidArgument);
        let bad = CSV.replace("t1,patrol,2016-12-02", "t7,patrol,2016-12-02");
        assert_eq!(score(&bad, "2016-12", 1).0, wangge_status::InvalidRecords);
    }
}
