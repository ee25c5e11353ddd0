//! The [`Calendar`] value: validated settings, the merged day marks, and the precomputed
//! day table that makes the arithmetic O(log n).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;
use serde::Serialize;

use super::config::{parse_month_day, parse_periods, parse_weekday};
use super::data::{HolidayData, HolidayYear, MAX_YEAR, MIN_YEAR, validate_groups, validate_years};
use super::{CalendarError, CalendarFile, DayRule, UnknownYears};

/// Days from 0001-01-01 (day 1 of the common era) to 1970-01-01.
const EPOCH_CE: i32 = 719_163;

/// Day number (days since 1970-01-01) of a date.
pub(crate) fn day_num(d: NaiveDate) -> i32 {
    d.num_days_from_ce() - EPOCH_CE
}

/// The date of a day number (in the supported range).
pub(crate) fn date_of(n: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(n + EPOCH_CE).unwrap_or_default()
}

/// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
pub(crate) fn weekday_of(n: i32) -> usize {
    (n + 3).rem_euclid(7) as usize
}

pub(crate) fn min_day() -> i32 {
    NaiveDate::from_ymd_opt(MIN_YEAR, 1, 1)
        .map(day_num)
        .unwrap_or(0)
}

pub(crate) fn max_day() -> i32 {
    NaiveDate::from_ymd_opt(MAX_YEAR, 12, 31)
        .map(day_num)
        .unwrap_or(0)
}

/// What a date is.
///
/// ```
/// use wangge::calendar::DayKind;
/// assert_eq!(DayKind::MakeupWorkday.as_str(), "makeup_workday");
/// assert!(DayKind::MakeupWorkday.is_working() && !DayKind::Holiday.is_working());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A working day of the weekly schedule.
    Workday,
    /// A rest day of the weekly schedule.
    Weekend,
    /// An official or local rest day (a weekend inside a festival block included).
    Holiday,
    /// A working day on a day the weekly schedule rests (调休上班).
    MakeupWorkday,
}

impl DayKind {
    /// The snake-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::Workday => "workday",
            DayKind::Weekend => "weekend",
            DayKind::Holiday => "holiday",
            DayKind::MakeupWorkday => "makeup_workday",
        }
    }

    /// Whether people work on such a day.
    pub fn is_working(self) -> bool {
        matches!(self, DayKind::Workday | DayKind::MakeupWorkday)
    }
}

/// A date and what it is.
///
/// ```
/// use chrono::NaiveDate;
/// use wangge::calendar::{Calendar, DayKind};
/// let d = Calendar::china().day(NaiveDate::from_ymd_opt(2024, 10, 1).unwrap())?;
/// assert_eq!((d.kind, d.name.as_deref()), (DayKind::Holiday, Some("国庆节")));
/// assert!(!d.working);
/// # Ok::<(), wangge::calendar::CalendarError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayInfo {
    /// The date.
    pub date: NaiveDate,
    /// Whether it is a working day.
    pub working: bool,
    /// Its kind.
    pub kind: DayKind,
    /// The festival or local day's name, for listed dates.
    pub name: Option<String>,
    /// The work periods of the day as seconds of the day `[start, end)`; empty on rest days.
    pub periods: Vec<(u32, u32)>,
}

/// Where a loaded year comes from.
///
/// ```
/// use wangge::calendar::{Calendar, YearOrigin};
/// let cal = Calendar::china();
/// assert!(cal.years().all(|(_, o)| o == YearOrigin::Bundled));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum YearOrigin {
    /// The data bundled with the library.
    Bundled,
    /// Given at run time (calendar file, policy or operation input).
    Injected,
}

/// A listed date: official or local, rest or work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    pub off: bool,
    pub name: u16,
}

/// One day of the table: bit 0 known, bit 1 working, bits 2.. the schedule index.
const KNOWN: u8 = 1;
const WORKING: u8 = 2;

/// Precomputed per-day data over `[lo, lo + len)`.
#[derive(Clone, PartialEq, Default)]
pub(crate) struct Table {
    pub lo: i32,
    pub info: Vec<u8>,
    /// Working seconds before day i (`len + 1` entries).
    pub secs: Vec<i64>,
    /// Working days before day i.
    pub days: Vec<i32>,
    /// Unknown days before day i.
    pub unknown: Vec<i32>,
}

impl Table {
    pub fn len(&self) -> usize {
        self.info.len()
    }

    pub fn index(&self, d: i32) -> Option<usize> {
        let i = i64::from(d) - i64::from(self.lo);
        (i >= 0 && (i as usize) < self.info.len()).then_some(i as usize)
    }

    /// The first unknown day index in `[i, j)`.
    pub fn first_unknown(&self, i: usize, j: usize) -> Option<usize> {
        if self.unknown[j] == self.unknown[i] {
            return None;
        }
        let base = self.unknown[i];
        Some(i + self.unknown[i + 1..=j].partition_point(|&u| u == base))
    }
}

/// A working calendar. Build it with [`Calendar::china`] (the defaults) or
/// [`Calendar::from_file`]; see the [module documentation](super) for the rules.
///
/// ```
/// use wangge::calendar::{Calendar, CalendarFile};
/// let file = CalendarFile::from_str_auto(r#"
///     work_periods = ["09:00-12:00", "14:00-18:00"]
///     [[local_days]]
///     name = "壮族三月三"
///     off = ["2026-04-19..2026-04-21"]
/// "#)?;
/// let cal = Calendar::from_file(file)?;
/// let d = cal.day(chrono::NaiveDate::from_ymd_opt(2026, 4, 20).unwrap())?;
/// assert_eq!(d.name.as_deref(), Some("壮族三月三"));
/// assert!(!d.working);
/// # Ok::<(), wangge::calendar::CalendarError>(())
/// ```
#[derive(Clone)]
pub struct Calendar {
    pub(crate) file: CalendarFile,
    pub(crate) tz: Tz,
    /// Schedules: 0 is `work_periods`, then one per season.
    pub(crate) schedules: Vec<Vec<(u32, u32)>>,
    /// Seasons as (from MMDD, to MMDD, schedule index).
    pub(crate) seasons: Vec<(u32, u32, u8)>,
    pub(crate) weekly: [bool; 7],
    pub(crate) unknown_years: UnknownYears,
    pub(crate) december_next: bool,
    pub(crate) day_rule: DayRule,
    pub(crate) years: BTreeMap<i32, (HolidayYear, YearOrigin)>,
    pub(crate) marks: BTreeMap<i32, Mark>,
    pub(crate) names: Vec<String>,
    pub(crate) table: Table,
}

impl PartialEq for Calendar {
    fn eq(&self, other: &Self) -> bool {
        // Everything else is derived from the file and the bundled data.
        self.file == other.file
    }
}

impl fmt::Debug for Calendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Calendar")
            .field("time_zone", &self.tz.name())
            .field("years", &self.years.keys().collect::<Vec<_>>())
            .field("work_periods", &self.file.work_periods)
            .field("unknown_years", &self.unknown_years)
            .field("day_rule", &self.day_rule)
            .finish_non_exhaustive()
    }
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar::china()
    }
}

impl Calendar {
    /// The default calendar: Asia/Shanghai, 08:30–12:00 and 13:30–17:30 Monday to Friday,
    /// the bundled State Council data, unknown years an error.
    ///
    /// ```
    /// let cal = wangge::calendar::Calendar::china();
    /// assert!(cal.is_year_known(2026));
    /// assert!(!cal.is_year_known(2006));
    /// ```
    pub fn china() -> Calendar {
        // The default file is valid by construction (checked by a unit test); the fallback
        // keeps this infallible without a panic path.
        Calendar::from_file(CalendarFile::default()).unwrap_or_else(|_| Calendar::empty())
    }

    fn empty() -> Calendar {
        Calendar {
            file: CalendarFile::default(),
            tz: Tz::Asia__Shanghai,
            schedules: vec![vec![(30600, 43200), (48600, 63000)]],
            seasons: Vec::new(),
            weekly: [true, true, true, true, true, false, false],
            unknown_years: UnknownYears::Error,
            december_next: false,
            day_rule: DayRule::EndOfDay,
            years: BTreeMap::new(),
            marks: BTreeMap::new(),
            names: Vec::new(),
            table: Table::default(),
        }
    }

    /// Validates a calendar file and builds the calendar. Errors name the field.
    ///
    /// ```
    /// use wangge::calendar::{Calendar, CalendarFile};
    /// let mut f = CalendarFile::default();
    /// f.time_zone = "Mars/Olympus".into();
    /// assert!(Calendar::from_file(f).unwrap_err().to_string().contains("time_zone"));
    /// ```
    pub fn from_file(file: CalendarFile) -> Result<Calendar, CalendarError> {
        let tz = Tz::from_str(file.time_zone.trim()).map_err(|_| {
            CalendarError::invalid(
                "time_zone",
                format!(
                    "unknown IANA time zone {:?}",
                    file.time_zone.chars().take(60).collect::<String>()
                ),
            )
        })?;
        let mut schedules = vec![parse_periods(&file.work_periods, "work_periods")?];
        let mut weekly = [false; 7];
        if file.work_weekdays.len() > 7 {
            return Err(CalendarError::invalid(
                "work_weekdays",
                "at most 7 weekdays",
            ));
        }
        for (i, w) in file.work_weekdays.iter().enumerate() {
            let k = parse_weekday(w).ok_or_else(|| {
                CalendarError::invalid(
                    format!("work_weekdays[{i}]"),
                    format!(
                        "{:?} is not a weekday (mon … sun)",
                        w.chars().take(20).collect::<String>()
                    ),
                )
            })?;
            if weekly[k] {
                return Err(CalendarError::invalid(
                    format!("work_weekdays[{i}]"),
                    "listed twice",
                ));
            }
            weekly[k] = true;
        }
        if !weekly.contains(&true) {
            return Err(CalendarError::invalid(
                "work_weekdays",
                "name at least one working weekday",
            ));
        }
        if file.seasons.len() > 16 {
            return Err(CalendarError::invalid("seasons", "at most 16 seasons"));
        }
        let mut seasons = Vec::new();
        for (i, s) in file.seasons.iter().enumerate() {
            let f = format!("seasons[{i}]");
            if s.name.trim().is_empty() || s.name.chars().count() > 100 {
                return Err(CalendarError::invalid(
                    format!("{f}.name"),
                    "must be 1 to 100 characters",
                ));
            }
            let (fm, fd) = parse_month_day(&s.from, &format!("{f}.from"))?;
            let (tm, td) = parse_month_day(&s.to, &format!("{f}.to"))?;
            schedules.push(parse_periods(
                &s.work_periods,
                &format!("{f}.work_periods"),
            )?);
            seasons.push((fm * 100 + fd, tm * 100 + td, (i + 1) as u8));
        }
        let local_count = validate_groups(&file.local_days, None, 366, None, "local_days")?;
        if local_count > 20_000 {
            return Err(CalendarError::invalid(
                "local_days",
                "more than 20,000 dates",
            ));
        }
        validate_years(&file.holidays)?;

        let mut years: BTreeMap<i32, (HolidayYear, YearOrigin)> = BTreeMap::new();
        if file.bundled_holidays {
            for y in HolidayData::bundled().years {
                years.insert(y.year, (y, YearOrigin::Bundled));
            }
        }
        for y in &file.holidays {
            years.insert(y.year, (y.clone(), YearOrigin::Injected));
        }

        // Merge the listed dates: years in order (a later notice wins), then local days.
        let mut names: Vec<String> = Vec::new();
        let name_id = |n: &str, names: &mut Vec<String>| -> u16 {
            match names.iter().position(|m| m == n) {
                Some(i) => i as u16,
                None => {
                    names.push(n.to_string());
                    (names.len() - 1) as u16
                }
            }
        };
        let mut marks = BTreeMap::new();
        let groups = years
            .values()
            .flat_map(|(y, _)| y.holidays.iter())
            .chain(file.local_days.iter());
        for g in groups {
            let name = name_id(&g.name, &mut names);
            if names.len() > u16::MAX as usize {
                return Err(CalendarError::invalid("local_days", "too many names"));
            }
            for (spans, off) in [(&g.off, true), (&g.work, false)] {
                for span in spans {
                    for d in span.dates() {
                        marks.insert(day_num(d), Mark { off, name });
                    }
                }
            }
        }

        let mut cal = Calendar {
            tz,
            schedules,
            seasons,
            weekly,
            unknown_years: file.unknown_years,
            december_next: file.december_requires_next_year,
            day_rule: file.day_rule,
            years,
            marks,
            names,
            table: Table::default(),
            file,
        };
        cal.table = cal.build_table();
        Ok(cal)
    }

    /// The file this calendar was built from (for writing it back).
    pub fn file(&self) -> &CalendarFile {
        &self.file
    }

    /// The calendar's time zone.
    ///
    /// ```
    /// assert_eq!(wangge::calendar::Calendar::china().time_zone().name(), "Asia/Shanghai");
    /// ```
    pub fn time_zone(&self) -> Tz {
        self.tz
    }

    /// The rule for working days.
    pub fn day_rule(&self) -> DayRule {
        self.day_rule
    }

    /// The same calendar with more official years (a newly announced year or a correction,
    /// in the holiday data format). A year replaces a loaded year of the same number.
    ///
    /// ```
    /// use wangge::calendar::{Calendar, HolidayData};
    /// let y2027 = HolidayData::from_json_str(r#"{"year": 2027,
    ///     "sources": [{"title": "国务院办公厅关于2027年部分节假日安排的通知"}],
    ///     "holidays": [{"name": "元旦", "off": ["2027-01-01..2027-01-03"]}]}"#)?;
    /// let cal = Calendar::china().with_years(&y2027.years)?;
    /// assert!(cal.is_year_known(2027));
    /// # Ok::<(), wangge::calendar::CalendarError>(())
    /// ```
    pub fn with_years(&self, years: &[HolidayYear]) -> Result<Calendar, CalendarError> {
        let mut file = self.file.clone();
        for y in years {
            file.holidays.retain(|h| h.year != y.year);
            file.holidays.push(y.clone());
        }
        file.holidays.sort_by_key(|h| h.year);
        Calendar::from_file(file)
    }

    /// Whether official data for a year is loaded.
    pub fn is_year_known(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    /// The loaded years in order, with their origin.
    pub fn years(&self) -> impl Iterator<Item = (&HolidayYear, YearOrigin)> {
        self.years.values().map(|(y, o)| (y, *o))
    }

    /// Which season schedule applies on a date (0 = `work_periods`).
    fn schedule_for(&self, date: NaiveDate) -> u8 {
        if self.seasons.is_empty() {
            return 0;
        }
        let md = date.month() * 100 + date.day();
        for &(from, to, idx) in &self.seasons {
            let inside = if from <= to {
                from <= md && md <= to
            } else {
                md >= from || md <= to
            };
            if inside {
                return idx;
            }
        }
        0
    }

    /// Whether a date that is not listed is known.
    fn unlisted_known(&self, date: NaiveDate) -> Result<(), CalendarError> {
        if self.unknown_years == UnknownYears::WeekendsOnly {
            return Ok(());
        }
        let y = date.year();
        if !self.years.contains_key(&y) {
            return Err(CalendarError::UnknownYear(y));
        }
        if self.december_next && date.month() == 12 && !self.years.contains_key(&(y + 1)) {
            return Err(CalendarError::UnknownYear(y + 1));
        }
        Ok(())
    }

    /// Classifies a day: kind, schedule, name.
    pub(crate) fn classify(&self, n: i32) -> Result<(DayKind, u8, Option<u16>), CalendarError> {
        let date = date_of(n);
        let weekly = self.weekly[weekday_of(n)];
        match self.marks.get(&n) {
            Some(m) if m.off => Ok((DayKind::Holiday, 0, Some(m.name))),
            Some(m) => {
                let kind = if weekly {
                    DayKind::Workday
                } else {
                    DayKind::MakeupWorkday
                };
                Ok((kind, self.schedule_for(date), Some(m.name)))
            }
            None => {
                self.unlisted_known(date)?;
                if weekly {
                    Ok((DayKind::Workday, self.schedule_for(date), None))
                } else {
                    Ok((DayKind::Weekend, 0, None))
                }
            }
        }
    }

    /// The work periods of a day (empty on rest days), or the reason it is unknown.
    pub(crate) fn periods(&self, n: i32) -> Result<&[(u32, u32)], CalendarError> {
        if let Some(i) = self.table.index(n) {
            let b = self.table.info[i];
            if b & KNOWN != 0 {
                return Ok(if b & WORKING != 0 {
                    &self.schedules[usize::from(b >> 2)]
                } else {
                    &[]
                });
            }
        }
        if n < min_day() || n > max_day() {
            return Err(CalendarError::OutOfRange(format!(
                "dates must be within {MIN_YEAR}-01-01..{MAX_YEAR}-12-31"
            )));
        }
        let (kind, sched, _) = self.classify(n)?;
        Ok(if kind.is_working() {
            &self.schedules[usize::from(sched)]
        } else {
            &[]
        })
    }

    /// Builds the day table over every year and listed date loaded.
    fn build_table(&self) -> Table {
        let first_year = self.years.keys().next().copied();
        let last_year = self.years.keys().next_back().copied();
        let lo = [
            first_year
                .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
                .map(day_num),
            self.marks.keys().next().copied(),
        ]
        .into_iter()
        .flatten()
        .min();
        let hi = [
            last_year
                .and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31))
                .map(day_num),
            self.marks.keys().next_back().copied(),
        ]
        .into_iter()
        .flatten()
        .max();
        let (Some(lo), Some(hi)) = (lo, hi) else {
            return Table {
                lo: 0,
                info: Vec::new(),
                secs: vec![0],
                days: vec![0],
                unknown: vec![0],
            };
        };
        let len = (hi - lo + 1) as usize;
        let mut t = Table {
            lo,
            info: Vec::with_capacity(len),
            secs: Vec::with_capacity(len + 1),
            days: Vec::with_capacity(len + 1),
            unknown: Vec::with_capacity(len + 1),
        };
        let totals: Vec<i64> = self
            .schedules
            .iter()
            .map(|p| p.iter().map(|&(a, b)| i64::from(b - a)).sum())
            .collect();
        let (mut s, mut d, mut u) = (0i64, 0i32, 0i32);
        t.secs.push(0);
        t.days.push(0);
        t.unknown.push(0);
        // One pass in date order: listed dates from the map in step, the weekday and the
        // year's status carried along (this is `classify` without a lookup per day).
        let mut marks = self.marks.range(lo..=hi).peekable();
        let mut date = date_of(lo);
        let mut year_ok: Option<(i32, bool, bool)> = None;
        for n in lo..=hi {
            let mark = match marks.peek() {
                Some(&(&k, m)) if k == n => {
                    let m = *m;
                    marks.next();
                    Some(m)
                }
                _ => None,
            };
            let weekly = self.weekly[weekday_of(n)];
            let y = date.year();
            let (known, dec_known) = match year_ok {
                Some((yy, k, dk)) if yy == y => (k, dk),
                _ => {
                    let k = self
                        .unlisted_known(NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(date))
                        .is_ok();
                    let dk = self
                        .unlisted_known(NaiveDate::from_ymd_opt(y, 12, 1).unwrap_or(date))
                        .is_ok();
                    year_ok = Some((y, k, dk));
                    (k, dk)
                }
            };
            let working = match mark {
                Some(m) => Some(!m.off),
                None if (if date.month() == 12 { dec_known } else { known }) => Some(weekly),
                None => None,
            };
            let byte = match working {
                Some(true) => {
                    let sched = self.schedule_for(date);
                    s += totals[usize::from(sched)];
                    d += 1;
                    KNOWN | WORKING | (sched << 2)
                }
                Some(false) => KNOWN,
                None => {
                    u += 1;
                    0
                }
            };
            t.info.push(byte);
            t.secs.push(s);
            t.days.push(d);
            t.unknown.push(u);
            date = date.succ_opt().unwrap_or(date);
        }
        t
    }

    /// What a date is.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wangge::calendar::{Calendar, DayKind};
    /// let cal = Calendar::china();
    /// let d = |y, m, dd| cal.day(NaiveDate::from_ymd_opt(y, m, dd).unwrap()).unwrap().kind;
    /// assert_eq!(d(2026, 2, 14), DayKind::MakeupWorkday);
    /// assert_eq!(d(2026, 2, 21), DayKind::Holiday); // a Saturday inside 春节
    /// assert_eq!(d(2026, 3, 7), DayKind::Weekend);
    /// assert_eq!(d(2026, 3, 9), DayKind::Workday);
    /// assert!(cal.day(NaiveDate::from_ymd_opt(2031, 1, 1).unwrap()).is_err());
    /// ```
    pub fn day(&self, date: NaiveDate) -> Result<DayInfo, CalendarError> {
        super::data::check_year(date.year())?;
        let n = day_num(date);
        let (kind, sched, name) = self.classify(n)?;
        Ok(DayInfo {
            date,
            working: kind.is_working(),
            kind,
            name: name.and_then(|i| self.names.get(usize::from(i)).cloned()),
            periods: if kind.is_working() {
                self.schedules[usize::from(sched)].clone()
            } else {
                Vec::new()
            },
        })
    }

    /// Whether a date is a working day.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let cal = wangge::calendar::Calendar::china();
    /// assert!(cal.is_working_day(NaiveDate::from_ymd_opt(2024, 2, 4).unwrap())?); // Sunday, 调休
    /// # Ok::<(), wangge::calendar::CalendarError>(())
    /// ```
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        Ok(self.day(date)?.working)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_and_weekdays() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 14).unwrap();
        assert_eq!(date_of(day_num(d)), d);
        assert_eq!(weekday_of(day_num(d)), 5); // Saturday
        assert_eq!(day_num(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()), 0);
        assert_eq!(weekday_of(-1), 2); // 1969-12-31 was a Wednesday
    }

    #[test]
    fn the_table_agrees_with_classify_on_every_day() {
        let files = [
            CalendarFile::default(),
            CalendarFile::from_str_auto(
                "december_requires_next_year = true\n\
                 [[seasons]]\nname = 's'\nfrom = '11-15'\nto = '02-10'\nwork_periods = ['09:00-17:00']\n\
                 [[local_days]]\nname = 'l'\noff = ['2026-03-03']\nwork = ['2030-06-01', '2003-01-04']",
            )
            .unwrap(),
            CalendarFile::from_str_auto("unknown_years = 'weekends_only'\nwork_weekdays = ['sun', 'wed']").unwrap(),
        ];
        for f in files {
            let cal = Calendar::from_file(f).unwrap();
            let t = &cal.table;
            assert!(t.len() > 7000);
            for i in 0..t.len() {
                let n = t.lo + i as i32;
                let want = match cal.classify(n) {
                    Ok((k, sched, _)) if k.is_working() => KNOWN | WORKING | (sched << 2),
                    Ok(_) => KNOWN,
                    Err(_) => 0,
                };
                assert_eq!(t.info[i], want, "{}", date_of(n));
            }
        }
    }

    #[test]
    fn the_default_file_builds() {
        let cal = Calendar::from_file(CalendarFile::default()).unwrap();
        assert_eq!(cal.years().next().map(|(y, _)| y.year), Some(2007));
        assert!(cal.is_year_known(2026));
        // The table covers the December 2006 make-up days of the 2007 notice.
        assert_eq!(
            date_of(cal.table.lo),
            NaiveDate::from_ymd_opt(2006, 12, 30).unwrap()
        );
    }
}
