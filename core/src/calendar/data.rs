//! Official holiday data: one [`HolidayYear`] per State Council notice.
//!
//! The bundled file `core/data/holidays/cn.json` ([`HolidayData::bundled`]) holds every
//! announced year; a newly announced year or a correction is loaded at run time in the very
//! same format ([`HolidayData::from_json_str`], [`HolidayYear`] values in a calendar file).
//!
//! ```json
//! {"format": 1, "years": [
//!   {"year": 2026,
//!    "sources": [{"title": "国务院办公厅关于2026年部分节假日安排的通知", "issued": "2025-11-04"}],
//!    "holidays": [
//!      {"name": "春节", "off": ["2026-02-15..2026-02-23"], "work": ["2026-02-14", "2026-02-28"]}
//!    ]}
//! ]}
//! ```
//!
//! `off` lists the rest days of a festival block (weekend days inside the block included,
//! as the notice counts them); `work` lists its make-up working days (调休上班). A date is
//! `"YYYY-MM-DD"` or an inclusive span `"YYYY-MM-DD..YYYY-MM-DD"`.
//!
//! The notice for year `Y` may set dates in December of `Y−1` (the 2008 notice made
//! 2007-12-29 a working day) or, in principle, January of `Y+1`: dates are allowed from
//! 1 December of `Y−1` to 31 January of `Y+1`, and the calendar indexes them by date.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::CalendarError;

/// The newest holiday data format this release reads.
pub const HOLIDAY_FORMAT: u32 = 1;

/// The largest holiday data text accepted, in bytes (1 MiB).
pub const MAX_HOLIDAY_TEXT: usize = 1 << 20;

/// The bundled data file, embedded at compile time.
const BUNDLED: &str = include_str!("../../data/holidays/cn.json");

/// First and last year the calendar supports at all (data, instants, results).
pub(crate) const MIN_YEAR: i32 = 1901;
pub(crate) const MAX_YEAR: i32 = 2199;

/// A holiday data file: several years, each with its notice.
///
/// ```
/// use wangge::calendar::HolidayData;
/// let data = HolidayData::bundled();
/// assert!(data.years.iter().any(|y| y.year == 2026));
/// assert_eq!(data.years.first().unwrap().year, 2007);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayData {
    /// Format version. Must be 1.
    pub format: u32,
    /// Where the data comes from (packages, build script). Informative only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provenance: Vec<String>,
    /// The years, each checked by [`HolidayYear::validate`].
    pub years: Vec<HolidayYear>,
}

impl HolidayData {
    /// The official data bundled with this release (every announced year since 2007).
    pub fn bundled() -> HolidayData {
        // The bundled file is checked by the unit tests; a broken build would fail them.
        serde_json::from_str::<HolidayData>(BUNDLED)
            .ok()
            .filter(|d| d.validate().is_ok())
            .unwrap_or(HolidayData {
                format: HOLIDAY_FORMAT,
                provenance: Vec::new(),
                years: Vec::new(),
            })
    }

    /// Reads and validates holiday data from JSON: either a whole file
    /// (`{"format": 1, "years": [...]}`) or a single year object (`{"year": 2027, ...}`).
    ///
    /// ```
    /// use wangge::calendar::HolidayData;
    /// let d = HolidayData::from_json_str(r#"{"year": 2027,
    ///     "sources": [{"title": "国务院办公厅关于2027年部分节假日安排的通知"}],
    ///     "holidays": [{"name": "元旦", "off": ["2027-01-01..2027-01-03"]}]}"#)?;
    /// assert_eq!(d.years[0].year, 2027);
    /// assert!(HolidayData::from_json_str(r#"{"year": 2027, "sources": [], "holidays": []}"#).is_err());
    /// # Ok::<(), wangge::calendar::CalendarError>(())
    /// ```
    pub fn from_json_str(text: &str) -> Result<HolidayData, CalendarError> {
        if text.len() > MAX_HOLIDAY_TEXT {
            return Err(CalendarError::TooLarge(format!(
                "holiday data is {} bytes, more than {MAX_HOLIDAY_TEXT}",
                text.len()
            )));
        }
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| CalendarError::holiday(None, format!("not valid JSON: {e}")))?;
        HolidayData::from_json_value(value)
    }

    /// Reads and validates holiday data from a JSON value: a whole file, a single year
    /// object, or an array of year objects.
    ///
    /// ```
    /// use wangge::calendar::HolidayData;
    /// let v = serde_json::json!([{"year": 2027, "sources": [{"title": "…"}],
    ///     "holidays": [{"name": "春节", "off": ["2027-02-06..2027-02-12"], "work": ["2027-02-14"]}]}]);
    /// assert_eq!(HolidayData::from_json_value(v)?.years.len(), 1);
    /// # Ok::<(), wangge::calendar::CalendarError>(())
    /// ```
    pub fn from_json_value(value: serde_json::Value) -> Result<HolidayData, CalendarError> {
        let err = |e: serde_json::Error| CalendarError::holiday(None, e.to_string());
        let data = if value.is_array() {
            HolidayData {
                format: HOLIDAY_FORMAT,
                provenance: Vec::new(),
                years: serde_json::from_value(value).map_err(err)?,
            }
        } else if value.get("year").is_some() {
            HolidayData {
                format: HOLIDAY_FORMAT,
                provenance: Vec::new(),
                years: vec![serde_json::from_value(value).map_err(err)?],
            }
        } else {
            serde_json::from_value(value).map_err(err)?
        };
        data.validate()?;
        Ok(data)
    }

    /// Checks the format version and every year; a year may appear only once.
    pub fn validate(&self) -> Result<(), CalendarError> {
        if self.format != HOLIDAY_FORMAT {
            return Err(CalendarError::holiday(
                None,
                format!(
                    "format {} is not supported (this release reads {HOLIDAY_FORMAT})",
                    self.format
                ),
            ));
        }
        validate_years(&self.years)
    }
}

/// Checks a list of years: each valid, none twice, at most 400.
pub(crate) fn validate_years(years: &[HolidayYear]) -> Result<(), CalendarError> {
    if years.len() > 400 {
        return Err(CalendarError::holiday(None, "more than 400 years"));
    }
    let mut seen = std::collections::BTreeSet::new();
    for y in years {
        y.validate()?;
        if !seen.insert(y.year) {
            return Err(CalendarError::holiday(Some(y.year), "year listed twice"));
        }
    }
    Ok(())
}

/// One year's official arrangement: the notice(s) and the festival blocks.
///
/// ```
/// use wangge::calendar::HolidayData;
/// let y2026 = HolidayData::bundled().years.into_iter().find(|y| y.year == 2026).unwrap();
/// assert!(y2026.sources[0].title.contains("2026年部分节假日安排"));
/// let spring = y2026.holidays.iter().find(|h| h.name == "春节").unwrap();
/// assert_eq!(spring.work[0].to_string(), "2026-02-14");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayYear {
    /// The year the notice is about (`2026` for the notice on 2026's holidays).
    pub year: i32,
    /// The notice(s) the year comes from; at least one.
    pub sources: Vec<Source>,
    /// The festival blocks; at least one.
    pub holidays: Vec<HolidayGroup>,
}

/// A source notice.
///
/// ```
/// use wangge::calendar::Source;
/// let s: Source = serde_json::from_str(r#"{"title": "国务院办公厅关于2027年部分节假日安排的通知"}"#)?;
/// assert!(s.url.is_none());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The notice's title.
    pub title: String,
    /// Date of issue, `YYYY-MM-DD`, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<String>,
    /// Address of the notice, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One festival block (or a county's local days): its rest days and make-up working days.
///
/// ```
/// use wangge::calendar::HolidayGroup;
/// let g: HolidayGroup = serde_json::from_str(
///     r#"{"name": "国庆节", "off": ["2026-10-01..2026-10-07"], "work": ["2026-09-20", "2026-10-10"]}"#)?;
/// assert_eq!(g.off[0].days(), 7);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayGroup {
    /// Name of the festival or local day (`春节`, `壮族三月三`).
    pub name: String,
    /// Rest days. Defaults to none.
    #[serde(default)]
    pub off: Vec<DateSpan>,
    /// Make-up (or extra) working days. Defaults to none.
    #[serde(default)]
    pub work: Vec<DateSpan>,
}

/// An inclusive span of dates, written `"YYYY-MM-DD"` or `"YYYY-MM-DD..YYYY-MM-DD"`.
///
/// ```
/// use wangge::calendar::DateSpan;
/// let s: DateSpan = "2026-02-15..2026-02-23".parse()?;
/// assert_eq!(s.days(), 9);
/// assert_eq!(s.to_string(), "2026-02-15..2026-02-23");
/// assert!("2026-02-23..2026-02-15".parse::<DateSpan>().is_err());
/// # Ok::<(), wangge::calendar::CalendarError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DateSpan {
    /// First day.
    pub first: NaiveDate,
    /// Last day (≥ first).
    pub last: NaiveDate,
}

impl DateSpan {
    /// Number of days in the span.
    pub fn days(&self) -> i64 {
        (self.last - self.first).num_days() + 1
    }

    /// Every date of the span, in order.
    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.first.iter_days().take_while(move |d| *d <= self.last)
    }
}

/// Parses a `YYYY-MM-DD` date inside the supported range.
pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, CalendarError> {
    let bad = || {
        CalendarError::DateTime(format!(
            "{:?} is not a date YYYY-MM-DD",
            s.chars().take(40).collect::<String>()
        ))
    };
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return Err(bad());
    };
    let date = NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(bad)?;
    check_year(date.year())?;
    Ok(date)
}

/// Fails when a year is outside the supported range.
pub(crate) fn check_year(y: i32) -> Result<(), CalendarError> {
    if (MIN_YEAR..=MAX_YEAR).contains(&y) {
        Ok(())
    } else {
        Err(CalendarError::OutOfRange(format!(
            "year {y} is outside {MIN_YEAR}..={MAX_YEAR}"
        )))
    }
}

impl FromStr for DateSpan {
    type Err = CalendarError;
    fn from_str(s: &str) -> Result<Self, CalendarError> {
        let (a, b) = match s.split_once("..") {
            Some((a, b)) => (parse_date(a)?, parse_date(b)?),
            None => {
                let d = parse_date(s)?;
                (d, d)
            }
        };
        if b < a {
            return Err(CalendarError::holiday(
                None,
                format!("span {s:?} ends before it starts"),
            ));
        }
        Ok(DateSpan { first: a, last: b })
    }
}

impl TryFrom<String> for DateSpan {
    type Error = CalendarError;
    fn try_from(s: String) -> Result<Self, CalendarError> {
        s.parse()
    }
}

impl From<DateSpan> for String {
    fn from(s: DateSpan) -> String {
        s.to_string()
    }
}

impl fmt::Display for DateSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}..{}", self.first, self.last)
        }
    }
}

/// Checks the groups of one year or of a county's local days: names present, spans within
/// `window` and at most `max_span` days long, no date twice. Returns the number of dates.
pub(crate) fn validate_groups(
    groups: &[HolidayGroup],
    window: Option<(NaiveDate, NaiveDate)>,
    max_span: i64,
    year: Option<i32>,
    what: &str,
) -> Result<usize, CalendarError> {
    let err = |m: String| match year {
        Some(_) => CalendarError::holiday(year, m),
        None => CalendarError::invalid(what, m),
    };
    if groups.len() > 200 {
        return Err(err("more than 200 groups".into()));
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, g) in groups.iter().enumerate() {
        if g.name.trim().is_empty() || g.name.chars().count() > 100 {
            return Err(err(format!("{what}[{i}].name must be 1 to 100 characters")));
        }
        for span in g.off.iter().chain(&g.work) {
            if span.days() > max_span {
                return Err(err(format!(
                    "{what}[{i}] ({}): span {span} is longer than {max_span} days",
                    g.name
                )));
            }
            if let Some((lo, hi)) = window
                && (span.first < lo || span.last > hi)
            {
                return Err(err(format!(
                    "{what}[{i}] ({}): {span} is outside {lo}..{hi}",
                    g.name
                )));
            }
            for d in span.dates() {
                if !seen.insert(d) {
                    return Err(err(format!(
                        "{what}[{i}] ({}): {d} is listed twice",
                        g.name
                    )));
                }
            }
        }
    }
    Ok(seen.len())
}

impl HolidayYear {
    /// Checks the year: in range, at least one source with a title, at least one festival,
    /// dates from 1 December of the year before to 31 January of the year after, no date
    /// listed twice, spans of at most 31 days.
    ///
    /// ```
    /// use wangge::calendar::HolidayYear;
    /// let y: HolidayYear = serde_json::from_str(r#"{"year": 2027,
    ///     "sources": [{"title": "…"}],
    ///     "holidays": [{"name": "元旦", "off": ["2026-06-01"]}]}"#).unwrap();
    /// assert!(y.validate().unwrap_err().to_string().contains("outside"));
    /// ```
    pub fn validate(&self) -> Result<(), CalendarError> {
        let y = self.year;
        if !(MIN_YEAR + 1..MAX_YEAR).contains(&y) {
            return Err(CalendarError::holiday(
                Some(y),
                format!("year must be within {}..={}", MIN_YEAR + 1, MAX_YEAR - 1),
            ));
        }
        if self.sources.is_empty() || self.sources.len() > 20 {
            return Err(CalendarError::holiday(
                Some(y),
                "sources must name 1 to 20 notices",
            ));
        }
        for (i, s) in self.sources.iter().enumerate() {
            let long = |o: &Option<String>| o.as_ref().is_some_and(|t| t.chars().count() > 500);
            if s.title.trim().is_empty()
                || s.title.chars().count() > 500
                || long(&s.url)
                || long(&s.issued)
            {
                return Err(CalendarError::holiday(
                    Some(y),
                    format!("sources[{i}]: title must be 1 to 500 characters (url, issued ≤ 500)"),
                ));
            }
        }
        if self.holidays.is_empty() {
            return Err(CalendarError::holiday(
                Some(y),
                "holidays is empty (a year without any festival is not an announced year)",
            ));
        }
        let (Some(lo), Some(hi)) = (
            NaiveDate::from_ymd_opt(y - 1, 12, 1),
            NaiveDate::from_ymd_opt(y + 1, 1, 31),
        ) else {
            return Err(CalendarError::holiday(Some(y), "year out of range"));
        };
        validate_groups(&self.holidays, Some((lo, hi)), 31, Some(y), "holidays")?;
        Ok(())
    }
}
