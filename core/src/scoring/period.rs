//! Assessment periods: month, quarter, year, as half-open local-time intervals.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ScoringError;

/// The kind of a period (seed 003: monthly report, quarterly ranking, annual review).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// A calendar month.
    Month,
    /// A calendar quarter.
    Quarter,
    /// A calendar year.
    Year,
}

/// An assessment period, written `2016-12`, `2016-Q4` or `2016`.
///
/// ```
/// use wangge::scoring::{Period, PeriodKind};
/// let p: Period = "2016-Q4".parse()?;
/// assert_eq!(p.kind(), PeriodKind::Quarter);
/// let b = p.bounds(chrono_tz::Asia::Shanghai)?;
/// assert_eq!(b.start.to_rfc3339(), "2016-10-01T00:00:00+08:00");
/// assert_eq!(b.end.to_rfc3339(), "2017-01-01T00:00:00+08:00");
/// assert_eq!(p.to_string(), "2016-Q4");
/// assert!("2016-Q5".parse::<Period>().is_err());
/// # Ok::<(), wangge::scoring::ScoringError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    year: i32,
    kind: PeriodKind,
    /// Month 1–12, quarter 1–4, or 1 for a year.
    index: u32,
}

/// A period's bounds: `[start, end)` in the zone's local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodBounds {
    /// The first instant inside the period.
    pub start: DateTime<FixedOffset>,
    /// The first instant after it.
    pub end: DateTime<FixedOffset>,
}

impl Period {
    /// A month (1–12).
    pub fn month(year: i32, month: u32) -> Result<Period, ScoringError> {
        Period::checked(year, PeriodKind::Month, month)
    }

    /// A quarter (1–4).
    pub fn quarter(year: i32, quarter: u32) -> Result<Period, ScoringError> {
        Period::checked(year, PeriodKind::Quarter, quarter)
    }

    /// A year.
    pub fn year(year: i32) -> Result<Period, ScoringError> {
        Period::checked(year, PeriodKind::Year, 1)
    }

    fn checked(year: i32, kind: PeriodKind, index: u32) -> Result<Period, ScoringError> {
        let max = match kind {
            PeriodKind::Month => 12,
            PeriodKind::Quarter => 4,
            PeriodKind::Year => 1,
        };
        if !(1900..=9998).contains(&year) || index == 0 || index > max {
            return Err(ScoringError::Period(format!(
                "{year}/{index}: years 1900–9998, months 1–12, quarters 1–4"
            )));
        }
        Ok(Period { year, kind, index })
    }

    /// The kind.
    pub fn kind(&self) -> PeriodKind {
        self.kind
    }

    /// The periods of `kind` that make up this one, in order: the months or quarters of
    /// a year, the months of a quarter (a period is its own only part). Refused when
    /// `kind` is longer than the period.
    ///
    /// ```
    /// use wangge::scoring::{Period, PeriodKind};
    /// let y: Period = "2016".parse()?;
    /// let q: Vec<String> = y.parts(PeriodKind::Quarter)?.iter().map(|p| p.to_string()).collect();
    /// assert_eq!(q, ["2016-Q1", "2016-Q2", "2016-Q3", "2016-Q4"]);
    /// assert_eq!("2016-Q4".parse::<Period>()?.parts(PeriodKind::Month)?[0].to_string(), "2016-10");
    /// assert!("2016-12".parse::<Period>()?.parts(PeriodKind::Quarter).is_err());
    /// # Ok::<(), wangge::scoring::ScoringError>(())
    /// ```
    pub fn parts(&self, kind: PeriodKind) -> Result<Vec<Period>, ScoringError> {
        let (first, n) = self.months();
        let per = match kind {
            PeriodKind::Month => 1,
            PeriodKind::Quarter => 3,
            PeriodKind::Year => 12,
        };
        if per > n {
            return Err(ScoringError::Period(format!(
                "{self} has no {} parts: it is shorter",
                match kind {
                    PeriodKind::Month => "month",
                    PeriodKind::Quarter => "quarter",
                    PeriodKind::Year => "year",
                }
            )));
        }
        (0..n / per)
            .map(|k| Period::checked(self.year, kind, (first - 1) / per + 1 + k))
            .collect()
    }

    /// The first month (1–12) and the number of months.
    fn months(&self) -> (u32, u32) {
        match self.kind {
            PeriodKind::Month => (self.index, 1),
            PeriodKind::Quarter => (self.index * 3 - 2, 3),
            PeriodKind::Year => (1, 12),
        }
    }

    /// The bounds in a time zone: local midnight of the first day to local midnight of
    /// the first day after.
    pub fn bounds(&self, zone: Tz) -> Result<PeriodBounds, ScoringError> {
        let (first, n) = self.months();
        let m0 = first - 1 + n;
        let (ey, em) = (self.year + (m0 / 12) as i32, m0 % 12 + 1);
        Ok(PeriodBounds {
            start: local_midnight(zone, self.year, first)?,
            end: local_midnight(zone, ey, em)?,
        })
    }
}

fn local_midnight(zone: Tz, y: i32, m: u32) -> Result<DateTime<FixedOffset>, ScoringError> {
    let d = NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .ok_or_else(|| ScoringError::Period(format!("{y}-{m:02} is out of range")))?;
    zone.from_local_datetime(&d)
        .earliest()
        .map(|t| t.fixed_offset())
        .ok_or_else(|| {
            ScoringError::Period(format!("{y}-{m:02}-01 00:00 does not exist in {zone}"))
        })
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            PeriodKind::Month => write!(f, "{:04}-{:02}", self.year, self.index),
            PeriodKind::Quarter => write!(f, "{:04}-Q{}", self.year, self.index),
            PeriodKind::Year => write!(f, "{:04}", self.year),
        }
    }
}

impl FromStr for Period {
    type Err = ScoringError;
    fn from_str(s: &str) -> Result<Period, ScoringError> {
        let bad = || {
            ScoringError::Period(format!(
                "{:?}: write 2016-12, 2016-Q4 or 2016",
                s.chars().take(40).collect::<String>()
            ))
        };
        let num = |t: &str, len: std::ops::RangeInclusive<usize>| {
            (len.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse::<u32>().ok())
                .flatten()
                .ok_or_else(bad)
        };
        match s.split_once('-') {
            None => Period::year(num(s, 4..=4)? as i32),
            Some((y, rest)) => {
                let y = num(y, 4..=4)? as i32;
                match rest.strip_prefix(['Q', 'q']) {
                    Some(q) => Period::quarter(y, num(q, 1..=1)?),
                    None => Period::month(y, num(rest, 1..=2)?),
                }
            }
        }
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_local_half_open_intervals() {
        let z = chrono_tz::Asia::Shanghai;
        let b = "2016-12".parse::<Period>().unwrap().bounds(z).unwrap();
        assert_eq!(b.start.to_rfc3339(), "2016-12-01T00:00:00+08:00");
        assert_eq!(b.end.to_rfc3339(), "2017-01-01T00:00:00+08:00");
        let b = "2024".parse::<Period>().unwrap().bounds(z).unwrap();
        assert_eq!(b.end.to_rfc3339(), "2025-01-01T00:00:00+08:00");
        let b = "2024-02"
            .parse::<Period>()
            .unwrap()
            .bounds(chrono_tz::UTC)
            .unwrap();
        assert_eq!((b.end - b.start).num_days(), 29);
        for bad in [
            "2016-13", "2016-0", "16-12", "2016-Q0", "2016-Q12", "", "2016-", "x",
        ] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
        assert_eq!("2016-3".parse::<Period>().unwrap().to_string(), "2016-03");
    }
}
