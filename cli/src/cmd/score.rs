//! `wangge score`: score case records for one period.

use std::path::PathBuf;

use chrono::DateTime;
use clap::Args as ClapArgs;
use serde::Serialize;
use wangge::record::CaseRecord;
use wangge::record::{BadRow, MAX_ROWS, ReadOptions, read_csv, read_jsonl};
use wangge::scoring::{
    CaseColumns, GroupBy, Partial, Period, PeriodKind, ScoreRequest, ScoreResult, ScoringPolicy,
    UnitInput, compute, score,
};
use wangge::{Error, ErrorCode};

use crate::io::{EXIT_OK, Kind, print_json, read_input, read_text};

/// The most skipped rows listed (`--skip-bad-rows`); `more_skipped` counts the rest.
pub const MAX_SKIPPED_LISTED: usize = 1000;

/// Score case records (CSV with a header, or JSON Lines) for one period.
///
/// Prints one JSON object: the period's bounds, per unit every indicator
/// `{numerator, denominator, value, display}`, the sheet's items, total, grade, stars,
/// pay and rank (with `--each month|quarter`, `{"period", "each", "results": [one such
/// object per part]}`); with `--skip-bad-rows`, the skipped rows as `"skipped": [{line, field,
/// message}]` (the first 1,000; `"more_skipped"` counts the rest). Exits 0, or 2 with the JSON error object on bad input (a bad row is named
/// by its line; nothing is scored from a file with a bad row unless `--skip-bad-rows`).
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Policy file (TOML or JSON) or preset id (seed000 … seed004).
    #[arg(long)]
    policy: PathBuf,
    /// Case records: CSV with a header line, or JSON Lines (told apart by the first
    /// non-blank character, `{`); `-` is standard input.
    #[arg(long)]
    records: PathBuf,
    /// The period: `2016-12`, `2016-Q4` or `2016`.
    #[arg(long)]
    period: String,
    /// Score each month or quarter of the period instead (`--period 2016 --each month`:
    /// twelve results in one run, the records read once): prints `{"period", "each",
    /// "results": [one result per part, in order]}`.
    #[arg(long, value_name = "month|quarter")]
    each: Option<String>,
    /// The unit: grid, community, town, county, handler, class, worker, category or all.
    #[arg(long, default_value = "grid")]
    by: String,
    /// The score sheet (the policy's or the library's); default: the policy's default.
    #[arg(long)]
    sheet: Option<String>,
    /// Count only what happened before this instant (RFC 3339).
    #[arg(long)]
    as_of: Option<String>,
    /// Per-unit inputs (JSON: `{"unit": {"values": {…}, "levels": {…}, "months_in_post": n}}`).
    #[arg(long)]
    inputs: Option<PathBuf>,
    /// Skip rows that do not parse and report them instead of failing (the first 1,000
    /// are listed, `more_skipped` counts the rest).
    #[arg(long)]
    skip_bad_rows: bool,
    /// The most rows read from the records file, good or skipped (default 10,000,000);
    /// one more is `input_too_large`.
    #[arg(long, value_name = "N", default_value_t = MAX_ROWS as u64,
          value_parser = clap::value_parser!(u64).range(1..=1_000_000_000))]
    max_rows: u64,
}

/// One result, or one per part of the period (`--each`).
#[derive(Serialize)]
#[serde(untagged)]
enum Scored {
    One(ScoreResult),
    Each {
        period: Period,
        each: &'static str,
        results: Vec<ScoreResult>,
    },
}

#[derive(Serialize)]
struct Output<'a> {
    #[serde(flatten)]
    result: &'a Scored,
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<&'a [BadRow]>,
    #[serde(skip_serializing_if = "is_zero")]
    more_skipped: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Scores each part of the request's period. The records are counted once for all parts
/// (`Partial::periods_from_columns`, on every core) when their instants are whole seconds,
/// as columns hold them; otherwise part by part.
fn score_each(
    policy: &ScoringPolicy,
    records: &[CaseRecord],
    request: &ScoreRequest,
    kind: PeriodKind,
) -> Result<Vec<ScoreResult>, Error> {
    let parts = request.period.parts(kind)?;
    let whole = |t: &Option<DateTime<chrono::FixedOffset>>| {
        t.is_none_or(|t| t.timestamp_subsec_nanos() == 0)
    };
    let partials = if records
        .iter()
        .all(|r| whole(&Some(r.reported_at)) && whole(&r.due_at) && whole(&r.closed_at))
    {
        let threads = crate::io::threads();
        let columns = CaseColumns::from_records(records, request.by);
        Partial::periods_from_columns(policy, &parts, request.by, request.as_of, &columns, threads)?
    } else {
        parts
            .iter()
            .map(|&p| Partial::from_records(policy, p, request.by, request.as_of, records))
            .collect::<Result<_, _>>()?
    };
    parts
        .iter()
        .zip(&partials)
        .map(|(&period, partial)| {
            let one = ScoreRequest {
                period,
                ..request.clone()
            };
            Ok(score(policy, partial, &one)?)
        })
        .collect()
}

/// Runs `wangge score`.
pub fn run(a: Args) -> Result<u8, Error> {
    let policy = super::policy::load(&a.policy)?;
    let period: Period = a.period.parse()?;
    let by: GroupBy = a.by.parse()?;
    let as_of = a
        .as_of
        .as_deref()
        .map(|t| {
            DateTime::parse_from_rfc3339(t).map_err(|e| {
                Error::input(
                    ErrorCode::InvalidDateTime,
                    format!("--as-of {t:?} is not an RFC 3339 instant: {e}"),
                )
            })
        })
        .transpose()?;
    let inputs = match &a.inputs {
        Some(path) => {
            serde_json::from_str::<std::collections::BTreeMap<String, UnitInput>>(&read_text(path)?)
                .map_err(|e| {
                    Error::input(ErrorCode::InvalidJson, format!("{}: {e}", path.display()))
                })?
        }
        None => Default::default(),
    };
    let text = read_input(&a.records, Kind::Records)?;
    let options = ReadOptions {
        skip_bad_rows: a.skip_bad_rows,
        max_rows: usize::try_from(a.max_rows).unwrap_or(usize::MAX),
    };
    let set = if text.trim_start().starts_with('{') {
        read_jsonl(&text, options)?
    } else {
        read_csv(&text, options)?
    };
    let request = ScoreRequest {
        period,
        by,
        sheet: a.sheet,
        as_of,
        inputs,
        links: vec![],
    };
    let result = match a.each.as_deref() {
        None => Scored::One(compute(&policy.scoring, &set.records, &request)?),
        Some(each) => {
            let kind = match each {
                "month" => PeriodKind::Month,
                "quarter" => PeriodKind::Quarter,
                other => {
                    return Err(Error::input(
                        ErrorCode::InvalidPeriod,
                        format!("--each {other:?}: write month or quarter"),
                    ));
                }
            };
            Scored::Each {
                period,
                each: if kind == PeriodKind::Month {
                    "month"
                } else {
                    "quarter"
                },
                results: score_each(&policy.scoring, &set.records, &request, kind)?,
            }
        }
    };
    let listed = set.skipped.len().min(MAX_SKIPPED_LISTED);
    print_json(&Output {
        result: &result,
        skipped: a.skip_bad_rows.then_some(&set.skipped[..listed]),
        more_skipped: set.skipped.len() - listed,
    })?;
    Ok(EXIT_OK)
}
