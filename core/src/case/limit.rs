//! Time limits written as text: `"2 working days"`, `"24 hours"`, `"60 minutes"`.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::calendar::{Calendar, CalendarError, NaturalDuration, WorkingDuration};

/// The unit of a [`Limit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LimitUnit {
    /// Minutes.
    Minutes,
    /// Hours.
    Hours,
    /// Days.
    Days,
}

/// A time limit in natural or working time (SPEC §3.5).
///
/// ```
/// use wangge::case::Limit;
/// let l: Limit = "2 working days".parse().unwrap();
/// assert!(l.working);
/// assert_eq!(l.to_string(), "2 working days");
/// assert_eq!("24 hours".parse::<Limit>().unwrap().amount, 24);
/// assert!("soon".parse::<Limit>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limit {
    /// How many units.
    pub amount: u32,
    /// Minutes, hours or days.
    pub unit: LimitUnit,
    /// Working time (by the calendar) or natural time.
    pub working: bool,
}

impl Limit {
    /// `start` plus this limit.
    pub fn add(
        &self,
        cal: &Calendar,
        start: &DateTime<FixedOffset>,
    ) -> Result<DateTime<FixedOffset>, CalendarError> {
        let t = if self.working {
            cal.add(
                start,
                match self.unit {
                    LimitUnit::Minutes => WorkingDuration::Minutes(self.amount),
                    LimitUnit::Hours => WorkingDuration::Hours(self.amount),
                    LimitUnit::Days => WorkingDuration::Days(self.amount),
                },
            )?
        } else {
            cal.add_natural(
                start,
                match self.unit {
                    LimitUnit::Minutes => NaturalDuration::Minutes(self.amount),
                    LimitUnit::Hours => NaturalDuration::Hours(self.amount),
                    LimitUnit::Days => NaturalDuration::Days(self.amount),
                },
            )?
        };
        Ok(t.fixed_offset())
    }

    /// Seconds of the clock's measure in `[a, b)`: working seconds for a working-time
    /// limit, elapsed seconds otherwise.
    pub fn measure(
        &self,
        cal: &Calendar,
        a: &DateTime<FixedOffset>,
        b: &DateTime<FixedOffset>,
    ) -> Result<i64, CalendarError> {
        if self.working {
            cal.between_seconds(a, b)
        } else {
            Ok(b.timestamp() - a.timestamp())
        }
    }

    /// `t` moved forward by `secs` seconds of this limit's measure.
    pub fn shift(
        &self,
        cal: &Calendar,
        t: &DateTime<FixedOffset>,
        secs: i64,
    ) -> Result<DateTime<FixedOffset>, CalendarError> {
        if secs <= 0 {
            return Ok(*t);
        }
        let mins = u32::try_from(secs / 60).unwrap_or(u32::MAX);
        let out = if self.working {
            cal.add(t, WorkingDuration::Minutes(mins))?
        } else {
            cal.add_natural(t, NaturalDuration::Minutes(mins))?
        };
        Ok(out.fixed_offset() + chrono::Duration::seconds(secs % 60))
    }
}

impl FromStr for Limit {
    type Err = String;
    fn from_str(s: &str) -> Result<Limit, String> {
        let bad = || {
            format!(
                "{:?} is not a limit like \"2 working days\", \"24 hours\" or \"60 minutes\"",
                s.chars().take(40).collect::<String>()
            )
        };
        let words: Vec<&str> = s.split_whitespace().collect();
        let (n, working, unit) = match words.as_slice() {
            [n, "working", u] => (n, true, u),
            [n, u] => (n, false, u),
            _ => return Err(bad()),
        };
        let amount: u32 = n.parse().map_err(|_| bad())?;
        if amount > 100_000 {
            return Err(bad());
        }
        let unit = match *unit {
            "minute" | "minutes" => LimitUnit::Minutes,
            "hour" | "hours" => LimitUnit::Hours,
            "day" | "days" => LimitUnit::Days,
            _ => return Err(bad()),
        };
        Ok(Limit {
            amount,
            unit,
            working,
        })
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let u = match self.unit {
            LimitUnit::Minutes => "minutes",
            LimitUnit::Hours => "hours",
            LimitUnit::Days => "days",
        };
        if self.working {
            write!(f, "{} working {u}", self.amount)
        } else {
            write!(f, "{} {u}", self.amount)
        }
    }
}

impl Serialize for Limit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Limit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}
