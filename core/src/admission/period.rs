//! Calendar periods in local dates: day, ISO week, month, quarter, half-year, year.

use std::fmt;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The kind of a period a recurring item counts in.
///
/// Weeks are ISO 8601 weeks (Monday to Sunday, labelled by ISO year: `2026-W01` starts on
/// Monday 2025-12-29); months, quarters, half-years and years are calendar ones. Seed 002's
/// contact cadence uses every kind: the grid worker daily, community cadres weekly, street
/// cadres monthly, district department cadres quarterly, district leaders half-yearly.
///
/// ```
/// use wangge::admission::PeriodKind;
/// let k: PeriodKind = serde_json::from_str("\"季度\"").unwrap();
/// assert_eq!(k, PeriodKind::Quarter);
/// assert_eq!(k.name(), "quarter");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// A calendar day.
    #[serde(alias = "日", alias = "天")]
    Day,
    /// An ISO week, Monday to Sunday.
    #[serde(alias = "周")]
    Week,
    /// A calendar month.
    #[serde(alias = "月")]
    Month,
    /// A calendar quarter.
    #[serde(alias = "季", alias = "季度")]
    Quarter,
    /// January–June or July–December.
    #[serde(alias = "半年")]
    HalfYear,
    /// A calendar year.
    #[serde(alias = "年")]
    Year,
}

impl PeriodKind {
    /// The snake-case name.
    pub fn name(self) -> &'static str {
        match self {
            PeriodKind::Day => "day",
            PeriodKind::Week => "week",
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::HalfYear => "half_year",
            PeriodKind::Year => "year",
        }
    }
}

/// One period: its kind and first day. The period runs `[start, end)`.
///
/// ```
/// use chrono::NaiveDate;
/// use wangge::admission::{Period, PeriodKind};
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// let w = Period::containing(PeriodKind::Week, d("2026-01-01"));
/// assert_eq!((w.start(), w.end()), (d("2025-12-29"), d("2026-01-05")));
/// assert_eq!(w.to_string(), "2026-W01");
/// let q = Period::containing(PeriodKind::Quarter, d("2026-05-20"));
/// assert_eq!((q.to_string(), q.end()), ("2026-Q2".to_string(), d("2026-07-01")));
/// assert_eq!(q.next().unwrap().to_string(), "2026-Q3");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    kind: PeriodKind,
    start: NaiveDate,
}

impl Period {
    /// The period of kind `kind` that contains `date`.
    pub fn containing(kind: PeriodKind, date: NaiveDate) -> Period {
        let first_of =
            |month: u32| NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(NaiveDate::MIN);
        let start = match kind {
            PeriodKind::Day => date,
            PeriodKind::Week => date
                .checked_sub_days(Days::new(u64::from(date.weekday().num_days_from_monday())))
                .unwrap_or(NaiveDate::MIN),
            PeriodKind::Month => first_of(date.month()),
            PeriodKind::Quarter => first_of((date.month0() / 3) * 3 + 1),
            PeriodKind::HalfYear => first_of((date.month0() / 6) * 6 + 1),
            PeriodKind::Year => first_of(1),
        };
        Period { kind, start }
    }

    /// The kind.
    pub fn kind(&self) -> PeriodKind {
        self.kind
    }

    /// The first day.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The first day after the period (saturating at the largest representable date).
    pub fn end(&self) -> NaiveDate {
        let s = self.start;
        let end = match self.kind {
            PeriodKind::Day => s.checked_add_days(Days::new(1)),
            PeriodKind::Week => s.checked_add_days(Days::new(7)),
            PeriodKind::Month => s.checked_add_months(Months::new(1)),
            PeriodKind::Quarter => s.checked_add_months(Months::new(3)),
            PeriodKind::HalfYear => s.checked_add_months(Months::new(6)),
            PeriodKind::Year => s.checked_add_months(Months::new(12)),
        };
        end.unwrap_or(NaiveDate::MAX)
    }

    /// Whether `date` lies in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date < self.end()
    }

    /// The following period; `None` past the largest representable date.
    pub fn next(&self) -> Option<Period> {
        let end = self.end();
        (end > self.start && end != NaiveDate::MAX).then_some(Period {
            kind: self.kind,
            start: end,
        })
    }
}

impl fmt::Display for Period {
    /// `2026-03-05` (day), `2026-W10` (ISO week), `2026-03` (month), `2026-Q1`, `2026-H1`,
    /// `2026`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.start;
        match self.kind {
            PeriodKind::Day => write!(f, "{s}"),
            PeriodKind::Week => {
                let w = s.iso_week();
                write!(f, "{:04}-W{:02}", w.year(), w.week())
            }
            PeriodKind::Month => write!(f, "{:04}-{:02}", s.year(), s.month()),
            PeriodKind::Quarter => write!(f, "{:04}-Q{}", s.year(), s.month0() / 3 + 1),
            PeriodKind::HalfYear => write!(f, "{:04}-H{}", s.year(), s.month0() / 6 + 1),
            PeriodKind::Year => write!(f, "{:04}", s.year()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const KINDS: [PeriodKind; 6] = [
        PeriodKind::Day,
        PeriodKind::Week,
        PeriodKind::Month,
        PeriodKind::Quarter,
        PeriodKind::HalfYear,
        PeriodKind::Year,
    ];

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn labels() {
        let at = |k, s| Period::containing(k, d(s)).to_string();
        assert_eq!(at(PeriodKind::Week, "2027-01-01"), "2026-W53");
        assert_eq!(at(PeriodKind::Week, "2024-12-30"), "2025-W01");
        assert_eq!(at(PeriodKind::Month, "2024-02-29"), "2024-02");
        assert_eq!(at(PeriodKind::HalfYear, "2024-07-01"), "2024-H2");
        assert_eq!(at(PeriodKind::Year, "2024-07-01"), "2024");
        assert_eq!(at(PeriodKind::Day, "2024-07-01"), "2024-07-01");
    }

    #[test]
    fn extremes_do_not_panic() {
        for k in KINDS {
            let p = Period::containing(k, NaiveDate::MAX);
            assert!(p.next().is_none());
            let _ = p.to_string();
            let p = Period::containing(k, NaiveDate::MIN);
            let _ = (p.end(), p.next(), p.to_string());
        }
    }

    proptest! {
        /// Periods tile the calendar: every day lies in exactly the period `containing`
        /// gives, which starts on or before it and whose successor starts at its end.
        #[test]
        fn periods_tile_days(days in 0i64..200_000, k in 0usize..6) {
            let kind = KINDS[k];
            let date = d("1900-01-01") + chrono::Duration::days(days);
            let p = Period::containing(kind, date);
            prop_assert!(p.contains(date));
            prop_assert_eq!(Period::containing(kind, p.start()), p);
            let prev = p.start().pred_opt().unwrap();
            prop_assert!(!p.contains(prev));
            prop_assert_eq!(Period::containing(kind, p.end()), p.next().unwrap());
            prop_assert_eq!(Period::containing(kind, p.end().pred_opt().unwrap()), p);
        }
    }
}
