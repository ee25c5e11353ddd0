//! The calendar's JSON operations (called from [`crate::api::call`]).
//!
//! Every operation's input may choose the calendar with **at most one** of
//!
//! * `"preset": "seed003"` — the `[calendar]` section of a bundled policy preset;
//! * `"policy": "<TOML or JSON policy text>"` — the `[calendar]` section of a policy;
//! * `"calendar": {…}` — a calendar file as a JSON object ([`CalendarFile`]);
//!
//! (none: the default [`Calendar::china`]), plus optionally
//! `"holidays": [{"year": 2027, "sources": [...], "holidays": [...]}, …]` — official years
//! injected at run time (a year replaces the loaded year of the same number; a whole data
//! file `{"format": 1, "years": [...]}` or a single year object is accepted too).
//!
//! Instants are RFC 3339 strings with an offset; outputs are in the calendar's time zone
//! with whole seconds (`"2026-02-14T08:30:00+08:00"`). Dates are `"YYYY-MM-DD"`.
//!
//! ```
//! use serde_json::json;
//! let out = wangge::api::call("calendar.add", &json!({
//!     "start": "2026-02-13T16:00:00+08:00", "amount": 2, "unit": "working_hours"}))?;
//! assert_eq!(out, json!({"deadline": "2026-02-14T09:00:00+08:00"}));
//! # Ok::<(), wangge::Error>(())
//! ```

use chrono::{DateTime, FixedOffset, SecondsFormat, TimeZone};
use serde::Deserialize;
use serde_json::{Value, json};

use super::data::parse_date;
use super::{
    Calendar, CalendarError, CalendarFile, DayInfo, HolidayData, NaturalDuration, WorkingDuration,
};
use crate::error::Error;
use crate::policy::Policy;

/// Builds the calendar an operation input asks for.
///
/// ```
/// use wangge::calendar::api::calendar_from;
/// let cal = calendar_from(Some("seed003"), None, None, None)?;
/// assert!(cal.is_year_known(2026));
/// assert!(calendar_from(Some("seed003"), None, Some(&serde_json::json!({})), None).is_err());
/// # Ok::<(), wangge::Error>(())
/// ```
pub fn calendar_from(
    preset: Option<&str>,
    policy: Option<&str>,
    calendar: Option<&Value>,
    holidays: Option<&Value>,
) -> Result<Calendar, Error> {
    let base = match (preset, policy, calendar) {
        (None, None, None) => Calendar::china(),
        (Some(id), None, None) => Policy::preset(id)?.calendar,
        (None, Some(text), None) => Policy::from_str_auto(text)?.calendar,
        (None, None, Some(v)) => {
            let file: CalendarFile = serde_json::from_value(v.clone())
                .map_err(|e| CalendarError::invalid("calendar", e.to_string()))?;
            Calendar::from_file(file)?
        }
        _ => {
            return Err(Error::input(
                crate::ErrorCode::InvalidArgument,
                "give at most one of \"preset\", \"policy\" or \"calendar\"",
            ));
        }
    };
    match holidays {
        None => Ok(base),
        Some(v) => {
            let data = HolidayData::from_json_value(v.clone())?;
            Ok(base.with_years(&data.years)?)
        }
    }
}

macro_rules! op_input {
    ($(#[$m:meta])* $name:ident { $($field:ident : $ty:ty),* $(,)? }) => {
        $(#[$m])*
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $name {
            $($field: $ty,)*
            #[serde(default)]
            preset: Option<String>,
            #[serde(default)]
            policy: Option<String>,
            #[serde(default)]
            calendar: Option<Value>,
            #[serde(default)]
            holidays: Option<Value>,
        }
        impl $name {
            fn calendar(&self) -> Result<Calendar, Error> {
                calendar_from(
                    self.preset.as_deref(),
                    self.policy.as_deref(),
                    self.calendar.as_ref(),
                    self.holidays.as_ref(),
                )
            }
        }
    };
}

/// Parses an RFC 3339 instant with offset.
///
/// ```
/// assert!(wangge::calendar::api::parse_instant("2026-02-14T08:30:00+08:00").is_ok());
/// assert!(wangge::calendar::api::parse_instant("2026-02-14 08:30").is_err());
/// ```
pub fn parse_instant(s: &str) -> Result<DateTime<FixedOffset>, CalendarError> {
    DateTime::parse_from_rfc3339(s).map_err(|e| {
        CalendarError::DateTime(format!(
            "{:?} is not an RFC 3339 instant with offset: {e}",
            s.chars().take(60).collect::<String>()
        ))
    })
}

/// Formats an instant as RFC 3339 with whole seconds (`2026-02-14T08:30:00+08:00`).
///
/// ```
/// let t = wangge::calendar::api::parse_instant("2026-02-14T08:30:00.9+08:00")?;
/// assert_eq!(wangge::calendar::api::format_instant(&t), "2026-02-14T08:30:00+08:00");
/// # Ok::<(), wangge::calendar::CalendarError>(())
/// ```
pub fn format_instant<T: TimeZone>(t: &DateTime<T>) -> String
where
    T::Offset: std::fmt::Display,
{
    t.to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// The JSON of a day: `{"date", "working", "kind", "name"}`.
///
/// ```
/// use chrono::NaiveDate;
/// use wangge::calendar::{Calendar, api::day_json};
/// let d = Calendar::china().day(NaiveDate::from_ymd_opt(2026, 2, 14).unwrap())?;
/// assert_eq!(day_json(&d)["kind"], "makeup_workday");
/// # Ok::<(), wangge::calendar::CalendarError>(())
/// ```
pub fn day_json(d: &DayInfo) -> Value {
    json!({
        "date": d.date.to_string(),
        "working": d.working,
        "kind": d.kind.as_str(),
        "name": d.name,
    })
}

/// The unit of `calendar.add`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Unit {
    WorkingDays,
    WorkingHours,
    WorkingMinutes,
    NaturalDays,
    NaturalHours,
    NaturalMinutes,
}

op_input!(AddIn {
    start: String,
    amount: u32,
    unit: Unit
});

/// `calendar.add`: `{"start": RFC3339, "amount": N, "unit": "working_days" |
/// "working_hours" | "working_minutes" | "natural_days" | "natural_hours" |
/// "natural_minutes"}` → `{"deadline": RFC3339}`.
pub(crate) fn add(input: &Value) -> Result<Value, Error> {
    let i: AddIn = crate::api::parse(input)?;
    let cal = i.calendar()?;
    let start = parse_instant(&i.start)?;
    let n = i.amount;
    let due = match i.unit {
        Unit::WorkingDays => cal.add(&start, WorkingDuration::Days(n))?,
        Unit::WorkingHours => cal.add(&start, WorkingDuration::Hours(n))?,
        Unit::WorkingMinutes => cal.add(&start, WorkingDuration::Minutes(n))?,
        Unit::NaturalDays => cal.add_natural(&start, NaturalDuration::Days(n))?,
        Unit::NaturalHours => cal.add_natural(&start, NaturalDuration::Hours(n))?,
        Unit::NaturalMinutes => cal.add_natural(&start, NaturalDuration::Minutes(n))?,
    };
    Ok(json!({"deadline": format_instant(&due)}))
}

op_input!(BetweenIn {
    start: String,
    end: String
});

/// `calendar.between`: `{"start": RFC3339, "end": RFC3339}` → `{"working_minutes": N}`
/// (working time in `[start, end)`, negative when end is before start).
pub(crate) fn between(input: &Value) -> Result<Value, Error> {
    let i: BetweenIn = crate::api::parse(input)?;
    let cal = i.calendar()?;
    let (a, b) = (parse_instant(&i.start)?, parse_instant(&i.end)?);
    Ok(json!({"working_minutes": cal.between(&a, &b)?}))
}

op_input!(DayIn { date: String });

/// `calendar.day`: `{"date": "YYYY-MM-DD"}` → `{"date", "working": bool, "kind":
/// "workday" | "weekend" | "holiday" | "makeup_workday", "name": string | null}`.
pub(crate) fn day(input: &Value) -> Result<Value, Error> {
    let i: DayIn = crate::api::parse(input)?;
    let cal = i.calendar()?;
    Ok(day_json(&cal.day(parse_date(&i.date)?)?))
}

op_input!(NextIn { at: String });

/// `calendar.next_working`: `{"at": RFC3339}` → `{"next": RFC3339}` (the earliest working
/// instant at or after `at`).
pub(crate) fn next_working(input: &Value) -> Result<Value, Error> {
    let i: NextIn = crate::api::parse(input)?;
    let cal = i.calendar()?;
    let t = parse_instant(&i.at)?;
    Ok(json!({"next": format_instant(&cal.next_working(&t)?)}))
}

op_input!(DaysBetweenIn {
    start: String,
    end: String
});

/// `calendar.working_days_between`: `{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}` →
/// `{"working_days": N}` (working days d with start < d ≤ end; negative when end < start).
pub(crate) fn working_days_between(input: &Value) -> Result<Value, Error> {
    let i: DaysBetweenIn = crate::api::parse(input)?;
    let cal = i.calendar()?;
    let n = cal.working_days_between(parse_date(&i.start)?, parse_date(&i.end)?)?;
    Ok(json!({"working_days": n}))
}

op_input!(YearsIn {});

/// `calendar.years`: `{}` → `{"time_zone", "unknown_years", "years": [{"year", "origin":
/// "bundled" | "injected", "sources": [{"title", "issued"?, "url"?}]}]}`.
pub(crate) fn years(input: &Value) -> Result<Value, Error> {
    let i: YearsIn = crate::api::parse(input)?;
    Ok(years_json(&i.calendar()?))
}

/// The JSON of `calendar.years` for a calendar.
///
/// ```
/// let v = wangge::calendar::api::years_json(&wangge::calendar::Calendar::china());
/// assert_eq!(v["years"][0]["year"], 2007);
/// assert_eq!(v["years"][0]["origin"], "bundled");
/// ```
pub fn years_json(cal: &Calendar) -> Value {
    let years: Vec<Value> = cal
        .years()
        .map(|(y, o)| json!({"year": y.year, "origin": o, "sources": y.sources}))
        .collect();
    json!({
        "time_zone": cal.time_zone().name(),
        "unknown_years": cal.file().unknown_years,
        "years": years,
    })
}

/// Parses a date `YYYY-MM-DD` (years 1901–2199).
///
/// ```
/// assert!(wangge::calendar::api::parse_day("2026-02-14").is_ok());
/// assert!(wangge::calendar::api::parse_day("2026-2-14").is_err());
/// ```
pub fn parse_day(s: &str) -> Result<chrono::NaiveDate, CalendarError> {
    parse_date(s)
}
