//! The working calendar object and its records.

use std::sync::Arc;

use wangge::api::args::PolicySource;
use wangge::calendar::api::{calendar_from, format_instant, parse_day, parse_instant};

use crate::{WanggeError, core, guard};

/// The unit of `Calendar.add`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum DurationUnit {
    /// Working days (counted by the calendar's day rule).
    WorkingDays,
    /// Working hours.
    WorkingHours,
    /// Working minutes.
    WorkingMinutes,
    /// Calendar days: the same local time N dates later.
    NaturalDays,
    /// Elapsed hours.
    NaturalHours,
    /// Elapsed minutes.
    NaturalMinutes,
}

impl From<DurationUnit> for wangge::calendar::DurationUnit {
    fn from(u: DurationUnit) -> Self {
        use wangge::calendar::DurationUnit as U;
        match u {
            DurationUnit::WorkingDays => U::WorkingDays,
            DurationUnit::WorkingHours => U::WorkingHours,
            DurationUnit::WorkingMinutes => U::WorkingMinutes,
            DurationUnit::NaturalDays => U::NaturalDays,
            DurationUnit::NaturalHours => U::NaturalHours,
            DurationUnit::NaturalMinutes => U::NaturalMinutes,
        }
    }
}

/// The kind of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum DayKind {
    /// A working day of the weekly schedule.
    Workday,
    /// A rest day of the weekly schedule.
    Weekend,
    /// An official or local rest day.
    Holiday,
    /// A working day on a day the weekly schedule rests (调休上班).
    MakeupWorkday,
}

/// One day of a calendar (the output of `calendar.day`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DayInfo {
    /// The date, `YYYY-MM-DD`.
    pub date: String,
    /// Whether it is a working day.
    pub working: bool,
    /// Its kind.
    pub kind: DayKind,
    /// The festival or local day's name, for listed dates.
    pub name: Option<String>,
}

/// What a calendar does for a year it has no holiday data for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum UnknownYears {
    /// Fail with `unknown_year` (300).
    Error,
    /// Use the weekly schedule alone.
    WeekendsOnly,
}

/// Where a loaded year comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum YearOrigin {
    /// The data bundled with the library.
    Bundled,
    /// Given at run time.
    Injected,
}

/// The notice a holiday year comes from.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HolidaySource {
    /// The notice's title.
    pub title: String,
    /// Date of issue, `YYYY-MM-DD`, when known.
    pub issued: Option<String>,
    /// Address of the notice, when known.
    pub url: Option<String>,
}

/// One loaded holiday year.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HolidayYearInfo {
    /// The year.
    pub year: i32,
    /// Bundled or injected.
    pub origin: YearOrigin,
    /// The notices it comes from.
    pub sources: Vec<HolidaySource>,
}

/// The holiday years a calendar holds (the output of `calendar.years`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CalendarYears {
    /// IANA time zone, e.g. `Asia/Shanghai`.
    pub time_zone: String,
    /// What a year without data does.
    pub unknown_years: UnknownYears,
    /// The years, in order.
    pub years: Vec<HolidayYearInfo>,
}

/// A working calendar: time zone, work periods, holidays and make-up days. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct Calendar {
    inner: wangge::calendar::Calendar,
}

fn json_arg(name: &str, text: Option<String>) -> Result<Option<serde_json::Value>, WanggeError> {
    text.map(|t| {
        wangge::api::Limits::default().check_len(name, t.len())?;
        serde_json::from_str(&t)
            .map_err(|e| WanggeError::new(wangge::ErrorCode::InvalidJson, format!("`{name}`: {e}")))
    })
    .transpose()
}

#[uniffi::export]
impl Calendar {
    /// The calendar the arguments select (the same fields as the `calendar.*` operations):
    /// none for the national calendar, or at most one of a `policy` (a bundled preset id
    /// such as `"seed003"`, or TOML/JSON text) or a calendar file (`calendar_json`), plus
    /// optionally official holiday years added at run time (`holidays_json`).
    #[uniffi::constructor(default(policy = None, calendar_json = None, holidays_json = None))]
    pub fn new(
        policy: Option<String>,
        calendar_json: Option<String>,
        holidays_json: Option<String>,
    ) -> Result<Arc<Calendar>, WanggeError> {
        guard(|| {
            if let Some(p) = &policy {
                wangge::api::Limits::default().check_len("policy", p.len())?;
            }
            let calendar = json_arg("calendar_json", calendar_json)?;
            let holidays = json_arg("holidays_json", holidays_json)?;
            let policy = policy.map(PolicySource::Text);
            let inner = calendar_from(policy.as_ref(), calendar.as_ref(), holidays.as_ref())?;
            Ok(Arc::new(Calendar { inner }))
        })
    }

    /// The deadline `amount` units after `start` (RFC 3339 with offset), as RFC 3339 in
    /// the calendar's time zone.
    pub fn add(
        &self,
        start: String,
        amount: u32,
        unit: DurationUnit,
    ) -> Result<String, WanggeError> {
        guard(|| {
            let t = parse_instant(&start).map_err(core)?;
            let due = self
                .inner
                .add_duration(&t, amount, unit.into())
                .map_err(core)?;
            Ok(format_instant(&due))
        })
    }

    /// Working minutes in `[start, end)` (RFC 3339), negative when `end` is earlier.
    pub fn between(&self, start: String, end: String) -> Result<i64, WanggeError> {
        guard(|| {
            let a = parse_instant(&start).map_err(core)?;
            let b = parse_instant(&end).map_err(core)?;
            self.inner.between(&a, &b).map_err(core)
        })
    }

    /// Working days `d` with `start < d ≤ end` (`YYYY-MM-DD`), negative when `end` is earlier.
    pub fn working_days_between(&self, start: String, end: String) -> Result<i64, WanggeError> {
        guard(|| {
            let a = parse_day(&start).map_err(core)?;
            let b = parse_day(&end).map_err(core)?;
            self.inner.working_days_between(a, b).map_err(core)
        })
    }

    /// The earliest working instant at or after `at` (RFC 3339).
    pub fn next_working(&self, at: String) -> Result<String, WanggeError> {
        guard(|| {
            let t = parse_instant(&at).map_err(core)?;
            Ok(format_instant(&self.inner.next_working(&t).map_err(core)?))
        })
    }

    /// One day (`YYYY-MM-DD`): working or not, its kind and its festival name.
    pub fn day(&self, date: String) -> Result<DayInfo, WanggeError> {
        guard(|| {
            let d = self
                .inner
                .day(parse_day(&date).map_err(core)?)
                .map_err(core)?;
            Ok(DayInfo {
                date: d.date.to_string(),
                working: d.working,
                kind: match d.kind {
                    wangge::calendar::DayKind::Workday => DayKind::Workday,
                    wangge::calendar::DayKind::Weekend => DayKind::Weekend,
                    wangge::calendar::DayKind::Holiday => DayKind::Holiday,
                    wangge::calendar::DayKind::MakeupWorkday => DayKind::MakeupWorkday,
                },
                name: d.name,
            })
        })
    }

    /// The holiday years the calendar holds and where they come from.
    pub fn years(&self) -> CalendarYears {
        CalendarYears {
            time_zone: self.inner.time_zone().name().to_string(),
            unknown_years: match self.inner.file().unknown_years {
                wangge::calendar::UnknownYears::Error => UnknownYears::Error,
                wangge::calendar::UnknownYears::WeekendsOnly => UnknownYears::WeekendsOnly,
            },
            years: self
                .inner
                .years()
                .map(|(y, origin)| HolidayYearInfo {
                    year: y.year,
                    origin: match origin {
                        wangge::calendar::YearOrigin::Bundled => YearOrigin::Bundled,
                        wangge::calendar::YearOrigin::Injected => YearOrigin::Injected,
                    },
                    sources: y
                        .sources
                        .iter()
                        .map(|s| HolidaySource {
                            title: s.title.clone(),
                            issued: s.issued.clone(),
                            url: s.url.clone(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}
