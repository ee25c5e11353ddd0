//! The calendar's JSON operations (see the table in [`crate::api`]).
//!
//! Every operation's input may choose the calendar with **at most one** of
//!
//! * `"policy"`: the `[calendar]` section of a policy ([`PolicySource`]: a preset id such as
//!   `"seed003"`, TOML/JSON text, or an inline object);
//! * `"calendar": {…}` — a calendar file as a JSON object ([`CalendarFile`]);
//!
//! (none: the default [`Calendar::china`]), plus optionally
//! `"holidays": [{"year": 2027, "sources": [...], "holidays": [...]}, …]` — official years
//! injected at run time (a year replaces the loaded year of the same number; a whole data
//! file `{"format": 1, "years": [...]}` or a single year object is accepted too).
//!
//! Instants are RFC 3339 strings with an offset; outputs are in the calendar's time zone
//! with whole seconds (`"2026-02-14T08:30:00+08:00"`). Dates are `"YYYY-MM-DD"`. A bad
//! date or instant is `invalid_date_time`.
//!
//! ```
//! use serde_json::json;
//! let out = wangge::api::call("calendar.add", &json!({
//!     "start": "2026-02-13T16:00:00+08:00", "amount": 2, "unit": "working_hours"}))?;
//! assert_eq!(out, json!({"deadline": "2026-02-14T09:00:00+08:00"}));
//! # Ok::<(), wangge::Error>(())
//! ```

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat, TimeZone};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::data::parse_date;
use super::{
    Calendar, CalendarError, CalendarFile, DayInfo, DayKind, DurationUnit, HolidayData, Source,
    UnknownYears, YearOrigin,
};
use crate::api::args::{self, PolicySource};
use crate::error::Error;

/// Builds the calendar an operation input asks for.
///
/// ```
/// use wangge::api::args::PolicySource;
/// use wangge::calendar::api::calendar_from;
/// let seed = PolicySource::Text("seed003".into());
/// let cal = calendar_from(Some(&seed), None, None)?;
/// assert!(cal.is_year_known(2026));
/// assert!(calendar_from(Some(&seed), Some(&serde_json::json!({})), None).is_err());
/// # Ok::<(), wangge::Error>(())
/// ```
pub fn calendar_from(
    policy: Option<&PolicySource>,
    calendar: Option<&Value>,
    holidays: Option<&Value>,
) -> Result<Calendar, Error> {
    let base = match (policy, calendar) {
        (None, None) => Calendar::china(),
        (Some(p), None) => p.load()?.calendar,
        (None, Some(v)) => {
            let file: CalendarFile = serde_json::from_value(v.clone())
                .map_err(|e| CalendarError::invalid("calendar", e.to_string()))?;
            Calendar::from_file(file)?
        }
        _ => {
            return Err(Error::input(
                crate::ErrorCode::InvalidArgument,
                "give at most one of \"policy\" or \"calendar\"",
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

/// Which calendar to build: the calendar fields of every `calendar.*` input, and the
/// options of the bindings' calendar handles.
///
/// ```
/// let o: wangge::calendar::api::CalendarOptions =
///     serde_json::from_str(r#"{"policy": "seed003"}"#).unwrap();
/// assert!(o.build()?.is_year_known(2026));
/// # Ok::<(), wangge::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarOptions {
    /// A policy whose `[calendar]` section to use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicySource>,
    /// A calendar file as an object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<Value>,
    /// Official holiday years added at run time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holidays: Option<Value>,
}

impl CalendarOptions {
    /// Builds the calendar (see [`calendar_from`]).
    pub fn build(&self) -> Result<Calendar, Error> {
        calendar_from(
            self.policy.as_ref(),
            self.calendar.as_ref(),
            self.holidays.as_ref(),
        )
    }
}

macro_rules! op_input {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$fm])* pub $field: $ty,)*
            /// A policy whose `[calendar]` section to use.
            #[serde(default)]
            pub policy: Option<PolicySource>,
            /// A calendar file as an object.
            #[serde(default)]
            pub calendar: Option<Value>,
            /// Official holiday years added at run time.
            #[serde(default)]
            pub holidays: Option<Value>,
        }
        impl $name {
            fn calendar(&self) -> Result<Calendar, Error> {
                calendar_from(self.policy.as_ref(), self.calendar.as_ref(), self.holidays.as_ref())
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

/// One day (the output of `calendar.day`): `{"date", "working", "kind", "name"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayOut {
    /// The date, `YYYY-MM-DD`.
    #[serde(with = "args::date")]
    pub date: NaiveDate,
    /// Whether it is a working day.
    pub working: bool,
    /// `workday`, `weekend`, `holiday` or `makeup_workday`.
    pub kind: DayKind,
    /// The festival or local day's name, for listed dates.
    pub name: Option<String>,
}

impl From<DayInfo> for DayOut {
    fn from(d: DayInfo) -> DayOut {
        DayOut {
            date: d.date,
            working: d.working,
            kind: d.kind,
            name: d.name,
        }
    }
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
    serde_json::to_value(DayOut::from(d.clone())).unwrap_or(Value::Null)
}

op_input!(
    /// The input of `calendar.add`.
    AddIn {
        /// The start, RFC 3339 with offset.
        #[serde(with = "args::instant")]
        start: DateTime<FixedOffset>,
        /// How many units.
        amount: u32,
        /// The unit.
        unit: DurationUnit,
    }
);

/// The output of `calendar.add`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddOut {
    /// The deadline, RFC 3339 in the calendar's time zone.
    pub deadline: String,
}

/// `calendar.add`: `{"start": RFC3339, "amount": N, "unit": "working_days" |
/// "working_hours" | "working_minutes" | "natural_days" | "natural_hours" |
/// "natural_minutes"}` → `{"deadline": RFC3339}`.
pub fn add(i: AddIn) -> Result<AddOut, Error> {
    let due = i.calendar()?.add_duration(&i.start, i.amount, i.unit)?;
    Ok(AddOut {
        deadline: format_instant(&due),
    })
}

op_input!(
    /// The input of `calendar.between`.
    BetweenIn {
        /// RFC 3339 with offset.
        #[serde(with = "args::instant")]
        start: DateTime<FixedOffset>,
        /// RFC 3339 with offset.
        #[serde(with = "args::instant")]
        end: DateTime<FixedOffset>,
    }
);

/// The output of `calendar.between`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BetweenOut {
    /// Working minutes in `[start, end)`, negative when end is before start.
    pub working_minutes: i64,
}

/// `calendar.between`: `{"start": RFC3339, "end": RFC3339}` → `{"working_minutes": N}`
/// (working time in `[start, end)`, negative when end is before start).
pub fn between(i: BetweenIn) -> Result<BetweenOut, Error> {
    let working_minutes = i.calendar()?.between(&i.start, &i.end)?;
    Ok(BetweenOut { working_minutes })
}

op_input!(
    /// The input of `calendar.day`.
    DayIn {
        /// `YYYY-MM-DD`.
        #[serde(with = "args::date")]
        date: NaiveDate,
    }
);

/// `calendar.day`: `{"date": "YYYY-MM-DD"}` → `{"date", "working": bool, "kind":
/// "workday" | "weekend" | "holiday" | "makeup_workday", "name": string | null}`.
pub fn day(i: DayIn) -> Result<DayOut, Error> {
    Ok(DayOut::from(i.calendar()?.day(i.date)?))
}

op_input!(
    /// The input of `calendar.next_working`.
    NextWorkingIn {
        /// RFC 3339 with offset.
        #[serde(with = "args::instant")]
        at: DateTime<FixedOffset>,
    }
);

/// The output of `calendar.next_working`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextWorkingOut {
    /// The earliest working instant at or after `at`.
    pub next: String,
}

/// `calendar.next_working`: `{"at": RFC3339}` → `{"next": RFC3339}` (the earliest working
/// instant at or after `at`).
pub fn next_working(i: NextWorkingIn) -> Result<NextWorkingOut, Error> {
    let t = i.calendar()?.next_working(&i.at)?;
    Ok(NextWorkingOut {
        next: format_instant(&t),
    })
}

op_input!(
    /// The input of `calendar.working_days_between`.
    WorkingDaysBetweenIn {
        /// `YYYY-MM-DD`.
        #[serde(with = "args::date")]
        start: NaiveDate,
        /// `YYYY-MM-DD`.
        #[serde(with = "args::date")]
        end: NaiveDate,
    }
);

/// The output of `calendar.working_days_between`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkingDaysBetweenOut {
    /// Working days d with start < d ≤ end (negative when end < start).
    pub working_days: i64,
}

/// `calendar.working_days_between`: `{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}` →
/// `{"working_days": N}` (working days d with start < d ≤ end; negative when end < start).
pub fn working_days_between(i: WorkingDaysBetweenIn) -> Result<WorkingDaysBetweenOut, Error> {
    let working_days = i.calendar()?.working_days_between(i.start, i.end)?;
    Ok(WorkingDaysBetweenOut { working_days })
}

op_input!(
    /// The input of `calendar.years`: the calendar fields only.
    YearsIn {}
);

/// One loaded year of `calendar.years`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearEntry {
    /// The notice year.
    pub year: i32,
    /// `bundled` or `injected`.
    pub origin: YearOrigin,
    /// The official sources.
    pub sources: Vec<Source>,
}

/// The output of `calendar.years`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearsOut {
    /// IANA time zone of the calendar.
    pub time_zone: String,
    /// What a year without data does.
    pub unknown_years: UnknownYears,
    /// The loaded years.
    pub years: Vec<YearEntry>,
}

impl YearsOut {
    /// The years of a calendar.
    ///
    /// ```
    /// let v = wangge::calendar::api::YearsOut::of(&wangge::calendar::Calendar::china());
    /// assert_eq!(v.years[0].year, 2007);
    /// ```
    pub fn of(cal: &Calendar) -> YearsOut {
        YearsOut {
            time_zone: cal.time_zone().name().to_string(),
            unknown_years: cal.file().unknown_years,
            years: cal
                .years()
                .map(|(y, o)| YearEntry {
                    year: y.year,
                    origin: o,
                    sources: y.sources.clone(),
                })
                .collect(),
        }
    }
}

/// `calendar.years`: `{}` → `{"time_zone", "unknown_years", "years": [{"year", "origin":
/// "bundled" | "injected", "sources": [{"title", "issued"?, "url"?}]}]}`.
pub fn years(i: YearsIn) -> Result<YearsOut, Error> {
    Ok(YearsOut::of(&i.calendar()?))
}

/// The JSON of `calendar.years` for a calendar.
///
/// ```
/// let v = wangge::calendar::api::years_json(&wangge::calendar::Calendar::china());
/// assert_eq!(v["years"][0]["year"], 2007);
/// assert_eq!(v["years"][0]["origin"], "bundled");
/// ```
pub fn years_json(cal: &Calendar) -> Value {
    serde_json::to_value(YearsOut::of(cal)).unwrap_or(Value::Null)
}

/// Parses a date `YYYY-MM-DD` (years 1901–2199).
///
/// ```
/// assert!(wangge::calendar::api::parse_day("2026-02-14").is_ok());
/// assert!(wangge::calendar::api::parse_day("2026-2-14").is_err());
/// ```
pub fn parse_day(s: &str) -> Result<NaiveDate, CalendarError> {
    parse_date(s)
}
