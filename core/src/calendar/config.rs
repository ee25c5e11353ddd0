//! The `[calendar]` policy section and the standalone calendar file (same format).
//!
//! ```toml
//! [calendar]
//! time_zone = "Asia/Shanghai"
//! work_periods = ["08:30-12:00", "13:30-17:30"]
//! work_weekdays = ["mon", "tue", "wed", "thu", "fri"]
//! unknown_years = "error"            # or "weekends_only"
//! day_rule = "end_of_day"            # or "same_time"
//!
//! [[calendar.seasons]]               # 夏季作息: other hours from May to September
//! name = "夏季作息"
//! from = "05-01"
//! to = "09-30"
//! work_periods = ["08:30-12:00", "14:30-18:00"]
//!
//! [[calendar.local_days]]            # a county's own rest or working days
//! name = "壮族三月三"
//! off = ["2026-04-19..2026-04-21"]
//! ```

use serde::{Deserialize, Serialize};

use super::CalendarError;
use super::data::{HolidayGroup, HolidayYear};

/// The calendar as written in a policy's `[calendar]` section or a calendar file (TOML or
/// JSON). Every field has a default, so an empty section is the State Council calendar
/// with 08:30–12:00 and 13:30–17:30 from Monday to Friday in Asia/Shanghai.
///
/// ```
/// use wangge::calendar::CalendarFile;
/// let f = CalendarFile::from_str_auto("work_periods = ['09:00-17:00']")?;
/// assert_eq!(f.time_zone, "Asia/Shanghai");
/// assert!(CalendarFile::from_str_auto("colour = 'red'").is_err());
/// # Ok::<(), wangge::calendar::CalendarError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CalendarFile {
    /// IANA time zone of the work periods and of every output instant. Defaults to
    /// `"Asia/Shanghai"`. The zones a Chinese jurisdiction uses are built in
    /// (`Asia/Shanghai`, `Asia/Urumqi`, `Asia/Hong_Kong`, `Asia/Macau`, `Asia/Taipei`, the
    /// old aliases `Asia/Chongqing`, `Asia/Harbin`, `Asia/Kashgar`, `PRC`, and `UTC`,
    /// `Etc/GMT±N`); any other name is refused with a typed error, the same on every
    /// platform (the list is `CHRONO_TZ_TIMEZONE_FILTER` in `.cargo/config.toml`).
    pub time_zone: String,
    /// Daily work periods, `"HH:MM-HH:MM"` (end may be `24:00`), in order, not
    /// overlapping. They apply to every working day, make-up days included, unless a season
    /// says otherwise. Defaults to `["08:30-12:00", "13:30-17:30"]` (policy, not law).
    pub work_periods: Vec<String>,
    /// The weekdays that are working days unless a holiday says otherwise
    /// (`mon` … `sun`). Defaults to Monday to Friday.
    pub work_weekdays: Vec<String>,
    /// Date ranges of the year with other work periods (summer hours). The first
    /// matching season wins. Defaults to none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub seasons: Vec<SeasonFile>,
    /// Use the bundled official holiday data (State Council notices, 2007 onwards).
    /// Defaults to true.
    pub bundled_holidays: bool,
    /// Extra official years in the holiday data format: a newly announced year or a
    /// correction. A year given here replaces the bundled year of the same number.
    /// Defaults to none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<HolidayYear>,
    /// The county's own rest days (`off`) and working days (`work`), e.g. a minority
    /// festival. They take precedence over the official data and make their dates known.
    /// Defaults to none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub local_days: Vec<HolidayGroup>,
    /// What to do with a date in a year without holiday data: `"error"` (the
    /// `unknown_year` error) or `"weekends_only"` (use the weekly schedule alone, knowingly
    /// ignoring holidays). Defaults to `"error"`.
    pub unknown_years: UnknownYears,
    /// When true, a December date of year Y is known only if year Y+1 is loaded as well,
    /// because the notice for Y+1 may move late-December days (it did for 2007, 2008,
    /// 2012, 2018, 2019 and 2023). Defaults to false.
    pub december_requires_next_year: bool,
    /// What "N working days" means. Defaults to `"end_of_day"`.
    pub day_rule: DayRule,
}

impl Default for CalendarFile {
    fn default() -> Self {
        CalendarFile {
            time_zone: "Asia/Shanghai".into(),
            work_periods: vec!["08:30-12:00".into(), "13:30-17:30".into()],
            work_weekdays: ["mon", "tue", "wed", "thu", "fri"]
                .map(String::from)
                .to_vec(),
            seasons: Vec::new(),
            bundled_holidays: true,
            holidays: Vec::new(),
            local_days: Vec::new(),
            unknown_years: UnknownYears::Error,
            december_requires_next_year: false,
            day_rule: DayRule::EndOfDay,
        }
    }
}

/// The largest calendar file accepted, in bytes (1 MiB).
pub const MAX_CALENDAR_TEXT: usize = 1 << 20;

impl CalendarFile {
    /// Reads a calendar file, TOML or JSON (told apart by a leading `{`). Only the syntax
    /// is checked here; [`crate::calendar::Calendar::from_file`] validates the values.
    pub fn from_str_auto(text: &str) -> Result<CalendarFile, CalendarError> {
        if text.len() > MAX_CALENDAR_TEXT {
            return Err(CalendarError::TooLarge(format!(
                "calendar file is {} bytes, more than {MAX_CALENDAR_TEXT}",
                text.len()
            )));
        }
        if text.trim_start().starts_with('{') {
            serde_json::from_str(text)
                .map_err(|e| CalendarError::invalid("calendar", e.to_string()))
        } else {
            crate::toml_value::from_str(text).map_err(|e| CalendarError::invalid("calendar", e))
        }
    }
}

/// A season with its own work periods (夏季作息 / 冬季作息).
///
/// ```
/// use wangge::calendar::SeasonFile;
/// let s: SeasonFile = serde_json::from_str(
///     r#"{"name": "夏季作息", "from": "05-01", "to": "09-30", "work_periods": ["08:00-12:00", "14:30-18:00"]}"#)?;
/// assert_eq!(s.from, "05-01");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeasonFile {
    /// Display name.
    pub name: String,
    /// First day, `MM-DD`.
    pub from: String,
    /// Last day, `MM-DD` (may be before `from`: the season then wraps over New Year).
    pub to: String,
    /// Work periods of the season's working days.
    pub work_periods: Vec<String>,
}

/// Policy for dates in years without holiday data.
///
/// ```
/// use wangge::calendar::UnknownYears;
/// let u: UnknownYears = serde_json::from_str("\"weekends_only\"")?;
/// assert_eq!(u, UnknownYears::WeekendsOnly);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum UnknownYears {
    /// Fail with [`CalendarError::UnknownYear`]. The default.
    #[default]
    Error,
    /// Use the weekly schedule alone (no holidays, no make-up days).
    WeekendsOnly,
}

/// What "N working days" from an instant means.
///
/// * [`DayRule::EndOfDay`] (default; the rule of 民法典 art. 201 and 203 and of 行政许可
///   deadlines): the start day is not counted; the deadline is the end of the last work
///   period of the N-th working day after the start's local date, wherever in that date
///   (or on whatever kind of day) the start falls.
/// * [`DayRule::SameTime`]: the start is first moved to the next working instant; the
///   deadline is the same working position (working time elapsed in the day) on the N-th
///   working day after it, clamped to that day's end; a start at the very beginning of a
///   working day therefore ends at the end of the (N−1)-th working day after it (N full
///   working days).
///
/// ```
/// use wangge::calendar::DayRule;
/// assert_eq!(serde_json::to_string(&DayRule::SameTime)?, "\"same_time\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DayRule {
    /// End of the N-th working day after the start date.
    #[default]
    EndOfDay,
    /// Same working position N working days later.
    SameTime,
}

/// Parses `"HH:MM-HH:MM"` into seconds of the day `[start, end)`.
pub(crate) fn parse_period(s: &str, field: &str) -> Result<(u32, u32), CalendarError> {
    let bad = || {
        CalendarError::invalid(
            field,
            format!(
                "{:?} is not a period HH:MM-HH:MM",
                s.chars().take(40).collect::<String>()
            ),
        )
    };
    let (a, b) = s.split_once('-').ok_or_else(bad)?;
    let a = parse_hm(a.trim()).ok_or_else(bad)?;
    let b = parse_hm(b.trim()).ok_or_else(bad)?;
    if a >= b {
        return Err(CalendarError::invalid(
            field,
            format!("period {s:?} must end after it starts"),
        ));
    }
    Ok((a, b))
}

fn parse_hm(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    if m > 59 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 3600 + m * 60)
}

/// Parses a list of periods: sorted, not overlapping, non-empty.
pub(crate) fn parse_periods(
    list: &[String],
    field: &str,
) -> Result<Vec<(u32, u32)>, CalendarError> {
    if list.is_empty() || list.len() > 12 {
        return Err(CalendarError::invalid(field, "give 1 to 12 work periods"));
    }
    let mut out = Vec::with_capacity(list.len());
    for (i, s) in list.iter().enumerate() {
        let p = parse_period(s, &format!("{field}[{i}]"))?;
        if let Some(&(_, prev_end)) = out.last()
            && p.0 < prev_end
        {
            return Err(CalendarError::invalid(
                format!("{field}[{i}]"),
                "periods must be in order and must not overlap",
            ));
        }
        out.push(p);
    }
    Ok(out)
}

/// Parses `mon` … `sun` (also full English names) into 0 = Monday … 6 = Sunday.
pub(crate) fn parse_weekday(s: &str) -> Option<usize> {
    const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let l = s.trim().to_ascii_lowercase();
    NAMES
        .iter()
        .position(|n| l == *n || (l.len() > 3 && l.starts_with(n) && is_full_name(&l)))
}

fn is_full_name(l: &str) -> bool {
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .contains(&l)
}

/// Parses `MM-DD` into (month, day); `02-29` is allowed.
pub(crate) fn parse_month_day(s: &str, field: &str) -> Result<(u32, u32), CalendarError> {
    let bad = || {
        CalendarError::invalid(
            field,
            format!("{:?} is not MM-DD", s.chars().take(20).collect::<String>()),
        )
    };
    let (m, d) = s.split_once('-').ok_or_else(bad)?;
    if m.len() != 2 || d.len() != 2 {
        return Err(bad());
    }
    let (m, d): (u32, u32) = (m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
    chrono::NaiveDate::from_ymd_opt(2000, m, d).ok_or_else(bad)?;
    Ok((m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse_and_reject() {
        assert_eq!(parse_period("08:30-12:00", "p").unwrap(), (30600, 43200));
        assert_eq!(parse_period("13:30-24:00", "p").unwrap().1, 86400);
        for bad in [
            "8:30-12:00",
            "12:00-08:30",
            "12:00-12:00",
            "24:30-25:00",
            "08:60-09:00",
            "",
            "-",
            "０8:30-12:00",
        ] {
            assert!(parse_period(bad, "p").is_err(), "{bad}");
        }
        let e = parse_periods(
            &["08:00-12:00".into(), "11:00-13:00".into()],
            "work_periods",
        )
        .unwrap_err();
        assert!(e.to_string().contains("work_periods[1]"), "{e}");
        assert!(parse_periods(&[], "x").is_err());
    }

    #[test]
    fn weekdays_and_month_days() {
        assert_eq!(parse_weekday("Mon"), Some(0));
        assert_eq!(parse_weekday("sunday"), Some(6));
        assert_eq!(parse_weekday("sundae"), None);
        assert_eq!(parse_weekday("x"), None);
        assert_eq!(parse_month_day("02-29", "s").unwrap(), (2, 29));
        assert!(parse_month_day("02-30", "s").is_err());
        assert!(parse_month_day("2-3", "s").is_err());
    }

    #[test]
    fn file_defaults_round_trip() {
        let f = CalendarFile::default();
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(CalendarFile::from_str_auto(&json).unwrap(), f);
        assert_eq!(CalendarFile::from_str_auto("").unwrap(), f);
    }
}
