//! Working calendar: China's official holidays and make-up working days (调休), a county's
//! own rest and working days, weekly work periods, and exact deadline arithmetic.
//!
//! A [`Calendar`] is data: a time zone (Asia/Shanghai by default), work periods (08:30–12:00
//! and 13:30–17:30 Monday to Friday by default, a policy choice), optional seasons with
//! other hours, the official holiday data by year ([`HolidayData`], bundled for every year
//! announced so far and injectable at run time) and local days. It is built from a
//! [`CalendarFile`] (the `[calendar]` section of a policy) and answers:
//!
//! * what a date is ([`Calendar::day`]): `workday`, `weekend`, `holiday` or
//!   `makeup_workday`, with the festival's name;
//! * whether an instant is working time, and the next working instant;
//! * deadlines: [`Calendar::add`] of a [`WorkingDuration`] (minutes, hours, days) or
//!   [`Calendar::add_natural`] of a [`NaturalDuration`];
//! * working time between two instants ([`Calendar::between`]) and working days between two
//!   dates ([`Calendar::working_days_between`]).
//!
//! ## Which dates are known
//!
//! Holiday data comes per notice year. A date is **known** when (a) the data of its
//! calendar year is loaded, or (b) it is listed by a loaded year's data (the 2008 notice
//! lists 2007-12-29) or by the local days. With `december_requires_next_year`, a December
//! date of year Y that is not listed also needs year Y+1 loaded. When two loaded years list
//! the same date, the later year's notice wins; local days win over both. Asking about an
//! unknown date is the error [`CalendarError::UnknownYear`] (code `unknown_year`) — never a
//! guess — unless the policy says `unknown_years = "weekends_only"`, which then uses the
//! weekly schedule alone. Every computation checks every day it looks at.
//!
//! ## Rules of the arithmetic
//!
//! * Instants are handled to the second (fractions are dropped) and returned in the
//!   calendar's time zone. Working time is counted in local wall-clock time of the work
//!   periods (identical to elapsed time in zones without daylight saving, such as
//!   Asia/Shanghai since 1991).
//! * `add` of working minutes or hours returns the **earliest** instant at which that much
//!   working time has elapsed: 30 working minutes from 11:30 end at 12:00, not 13:30. Adding
//!   zero returns the start unchanged.
//! * `add` of N working days follows the policy's [`DayRule`]; the default (`end_of_day`,
//!   民法典 art. 201/203) does not count the start day and ends at the close of the last
//!   work period of the N-th working day after the start's local date — whether the start
//!   was mid-morning, after hours or on a holiday.
//! * `between(a, b)` is the working time in `[a, b)`, negative when `b` is before `a`;
//!   `between(s, add(s, d)) == d` for working minutes and hours.
//! * `working_days_between(a, b)` counts the working days `d` with `a < d ≤ b`, so that it is
//!   N from the start date to the date of `add(start, N working days)` under `end_of_day`.
//!
//! ```
//! use chrono::{DateTime, NaiveDate};
//! use wangge::calendar::{Calendar, DayKind, WorkingDuration};
//!
//! let cal = Calendar::china();
//! // Saturday 2026-02-14 is a make-up working day before the Spring Festival.
//! let day = cal.day(NaiveDate::from_ymd_opt(2026, 2, 14).unwrap())?;
//! assert_eq!(day.kind, DayKind::MakeupWorkday);
//!
//! // Friday 16:00 + 2 working hours: 1.5 h on Friday, 30 min on the make-up Saturday.
//! let start = DateTime::parse_from_rfc3339("2026-02-13T16:00:00+08:00").unwrap();
//! let due = cal.add(&start, WorkingDuration::Hours(2))?;
//! assert_eq!(due.to_rfc3339(), "2026-02-14T09:00:00+08:00");
//! assert_eq!(cal.between(&start, &due)?, 120);
//!
//! // A year without data is an error, not a guess.
//! let far = DateTime::parse_from_rfc3339("2031-05-06T09:00:00+08:00").unwrap();
//! assert_eq!(cal.add(&far, WorkingDuration::Days(1)).unwrap_err().code(),
//!            wangge::ErrorCode::UnknownYear);
//! # Ok::<(), wangge::calendar::CalendarError>(())
//! ```

pub mod api;
mod arith;
mod config;
mod data;
mod model;
#[cfg(test)]
mod tests;

pub use config::{CalendarFile, DayRule, MAX_CALENDAR_TEXT, SeasonFile, UnknownYears};
pub use data::{
    DateSpan, HOLIDAY_FORMAT, HolidayData, HolidayGroup, HolidayYear, MAX_HOLIDAY_TEXT, Source,
};
pub use model::{Calendar, DayInfo, DayKind, YearOrigin};

use crate::error::ErrorCode;

/// Errors of the working calendar.
///
/// ```
/// use wangge::{ErrorCode, calendar::CalendarError};
/// assert_eq!(CalendarError::UnknownYear(2031).code(), ErrorCode::UnknownYear);
/// assert_eq!(CalendarError::UnknownYear(2031).to_string(),
///            "no holiday data for the year 2031 (load the year's notice, or allow weekends_only)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// A date falls in a year without holiday data.
    #[error("no holiday data for the year {0} (load the year's notice, or allow weekends_only)")]
    UnknownYear(i32),
    /// A calendar setting is invalid.
    #[error("invalid calendar: {field}: {message}")]
    Invalid {
        /// Dotted path of the field (`work_periods[1]`).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// Holiday data is invalid.
    #[error("invalid holiday data{}: {message}", year.map(|y| format!(" for {y}")).unwrap_or_default())]
    HolidayData {
        /// The year concerned, when known.
        year: Option<i32>,
        /// What is wrong.
        message: String,
    },
    /// An instant, date or duration lies outside the supported range (years 1901–2199).
    #[error("out of range: {0}")]
    OutOfRange(String),
    /// A date or instant could not be parsed.
    #[error("invalid date or time: {0}")]
    DateTime(String),
    /// Input text is larger than the documented limit.
    #[error("input too large: {0}")]
    TooLarge(String),
}

impl CalendarError {
    /// The stable error code.
    ///
    /// ```
    /// use wangge::{ErrorCode, calendar::CalendarFile};
    /// let e = CalendarFile::from_str_auto("bogus = 1").unwrap_err();
    /// assert_eq!(e.code(), ErrorCode::InvalidCalendar);
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            CalendarError::UnknownYear(_) => ErrorCode::UnknownYear,
            CalendarError::Invalid { .. } => ErrorCode::InvalidCalendar,
            CalendarError::HolidayData { .. } => ErrorCode::InvalidHolidayData,
            CalendarError::OutOfRange(_) => ErrorCode::CalendarOutOfRange,
            CalendarError::DateTime(_) => ErrorCode::InvalidDateTime,
            CalendarError::TooLarge(_) => ErrorCode::InputTooLarge,
        }
    }

    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        CalendarError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    pub(crate) fn holiday(year: Option<i32>, message: impl Into<String>) -> Self {
        CalendarError::HolidayData {
            year,
            message: message.into(),
        }
    }
}

/// A duration in working time.
///
/// ```
/// use wangge::calendar::WorkingDuration;
/// assert_eq!(WorkingDuration::Hours(4).minutes(), Some(240));
/// assert_eq!(WorkingDuration::Days(2).minutes(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkingDuration {
    /// Working minutes.
    Minutes(u32),
    /// Working hours (60 working minutes each).
    Hours(u32),
    /// Working days, counted by the calendar's [`DayRule`].
    Days(u32),
}

impl WorkingDuration {
    /// The length in working minutes, for minutes and hours.
    pub fn minutes(self) -> Option<u64> {
        match self {
            WorkingDuration::Minutes(m) => Some(u64::from(m)),
            WorkingDuration::Hours(h) => Some(u64::from(h) * 60),
            WorkingDuration::Days(_) => None,
        }
    }
}

/// A duration in natural (calendar) time, independent of holidays.
///
/// ```
/// use chrono::DateTime;
/// use wangge::calendar::{Calendar, NaturalDuration};
/// let t = DateTime::parse_from_rfc3339("2026-02-16T10:00:00+08:00").unwrap();
/// let due = Calendar::china().add_natural(&t, NaturalDuration::Hours(24))?;
/// assert_eq!(due.to_rfc3339(), "2026-02-17T10:00:00+08:00");
/// # Ok::<(), wangge::calendar::CalendarError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NaturalDuration {
    /// Minutes of elapsed time.
    Minutes(u32),
    /// Hours of elapsed time.
    Hours(u32),
    /// Calendar days: the same local time N dates later.
    Days(u32),
}

/// The unit of a duration as operations and bindings name it: working or natural days,
/// hours or minutes (`"working_days"`, …, `"natural_minutes"`). With an amount it makes a
/// [`WorkingDuration`] or a [`NaturalDuration`]; [`Calendar::add_duration`] adds it.
///
/// ```
/// use wangge::calendar::DurationUnit;
/// let u: DurationUnit = serde_json::from_str("\"working_hours\"").unwrap();
/// assert_eq!(u, DurationUnit::WorkingHours);
/// assert_eq!(DurationUnit::ALL.len(), 6);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
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

impl DurationUnit {
    /// Every unit, in declaration order.
    pub const ALL: [DurationUnit; 6] = [
        DurationUnit::WorkingDays,
        DurationUnit::WorkingHours,
        DurationUnit::WorkingMinutes,
        DurationUnit::NaturalDays,
        DurationUnit::NaturalHours,
        DurationUnit::NaturalMinutes,
    ];
}

impl Calendar {
    /// `start` plus `amount` of `unit`: [`Calendar::add`] for working units,
    /// [`Calendar::add_natural`] for natural ones. The one place that maps a unit name to
    /// the arithmetic (the `calendar.add` operation, the CLI and every binding call it).
    ///
    /// ```
    /// use chrono::DateTime;
    /// use wangge::calendar::{Calendar, DurationUnit};
    /// let t = DateTime::parse_from_rfc3339("2026-02-13T16:00:00+08:00").unwrap();
    /// let due = Calendar::china().add_duration(&t, 2, DurationUnit::WorkingHours)?;
    /// assert_eq!(due.to_rfc3339(), "2026-02-14T09:00:00+08:00");
    /// # Ok::<(), wangge::calendar::CalendarError>(())
    /// ```
    pub fn add_duration<T: chrono::TimeZone>(
        &self,
        start: &chrono::DateTime<T>,
        amount: u32,
        unit: DurationUnit,
    ) -> Result<chrono::DateTime<chrono_tz::Tz>, CalendarError> {
        let n = amount;
        match unit {
            DurationUnit::WorkingDays => self.add(start, WorkingDuration::Days(n)),
            DurationUnit::WorkingHours => self.add(start, WorkingDuration::Hours(n)),
            DurationUnit::WorkingMinutes => self.add(start, WorkingDuration::Minutes(n)),
            DurationUnit::NaturalDays => self.add_natural(start, NaturalDuration::Days(n)),
            DurationUnit::NaturalHours => self.add_natural(start, NaturalDuration::Hours(n)),
            DurationUnit::NaturalMinutes => self.add_natural(start, NaturalDuration::Minutes(n)),
        }
    }
}
