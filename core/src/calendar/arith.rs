//! Deadline arithmetic on a [`Calendar`]: exact to the second, O(log n) over the day table,
//! a day-by-day walk outside it (bounded by the supported range).
//!
//! Instants are reduced to *local seconds*: seconds since 1970-01-01T00:00 of the
//! calendar's wall clock. A local second `l` is on day `l.div_euclid(86400)` at second
//! `l.rem_euclid(86400)` of that day.

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;

use super::data::{MAX_YEAR, MIN_YEAR};
use super::model::{Calendar, max_day, min_day};
use super::{CalendarError, DayRule, NaturalDuration, WorkingDuration};

const DAY: i64 = 86_400;

/// Working seconds of `periods` before second `s` of the day.
fn within(periods: &[(u32, u32)], s: i64) -> i64 {
    periods
        .iter()
        .map(|&(a, b)| (s.min(i64::from(b)) - i64::from(a)).max(0))
        .sum()
}

fn total(periods: &[(u32, u32)]) -> i64 {
    periods.iter().map(|&(a, b)| i64::from(b - a)).sum()
}

/// The earliest second of the day at which `off` (> 0) working seconds of the day have
/// elapsed.
fn locate(periods: &[(u32, u32)], mut off: i64) -> i64 {
    for &(a, b) in periods {
        let len = i64::from(b - a);
        if off <= len {
            return i64::from(a) + off;
        }
        off -= len;
    }
    periods.last().map(|&(_, b)| i64::from(b)).unwrap_or(0)
}

fn out_of_range() -> CalendarError {
    CalendarError::OutOfRange(format!(
        "instants must be within {MIN_YEAR}-01-01..{MAX_YEAR}-12-31"
    ))
}

/// Which prefix array a range sum reads.
#[derive(Clone, Copy)]
enum Sum {
    Secs,
    Days,
}

impl Calendar {
    /// Local seconds of an instant (fractions of a second dropped).
    pub(crate) fn local<T: TimeZone>(&self, t: &DateTime<T>) -> Result<i64, CalendarError> {
        let utc = t.naive_utc();
        let off = self
            .tz
            .offset_from_utc_datetime(&utc)
            .fix()
            .local_minus_utc();
        let l = t.timestamp() + i64::from(off);
        let day = l.div_euclid(DAY);
        if day < i64::from(min_day()) || day > i64::from(max_day()) {
            return Err(out_of_range());
        }
        Ok(l)
    }

    /// The instant of a local second. In a gap (daylight saving) the first valid minute
    /// after it; when ambiguous the earlier instant.
    pub(crate) fn instant(&self, l: i64) -> Result<DateTime<Tz>, CalendarError> {
        let day = l.div_euclid(DAY);
        if day < i64::from(min_day()) || day > i64::from(max_day()) + 1 {
            return Err(out_of_range());
        }
        let naive: NaiveDateTime = DateTime::from_timestamp(l, 0)
            .ok_or_else(out_of_range)?
            .naive_utc();
        for shift in 0..=24 * 60 {
            let n = naive + Duration::minutes(shift);
            match self.tz.from_local_datetime(&n) {
                LocalResult::Single(t) => return Ok(t),
                LocalResult::Ambiguous(a, _) => return Ok(a),
                LocalResult::None => {}
            }
        }
        Err(out_of_range())
    }

    /// Sum of whole-day working seconds (or working days) over days `[from, to)`,
    /// every day checked.
    fn range_sum(&self, from: i32, to: i32, which: Sum) -> Result<i64, CalendarError> {
        let t = &self.table;
        let arr = |i: usize| match which {
            Sum::Secs => t.secs[i],
            Sum::Days => i64::from(t.days[i]),
        };
        let mut acc = 0i64;
        let mut d = from;
        while d < to {
            if let Some(i) = t.index(d) {
                let end = to.min(t.lo + t.len() as i32);
                let j = (end - t.lo) as usize;
                if let Some(k) = t.first_unknown(i, j) {
                    self.periods(t.lo + k as i32)?;
                }
                acc += arr(j) - arr(i);
                d = end;
            } else {
                let p = self.periods(d)?;
                acc += match which {
                    Sum::Secs => total(p),
                    Sum::Days => i64::from(!p.is_empty()),
                };
                d += 1;
            }
        }
        Ok(acc)
    }

    /// From day `d` at second `s`, the earliest point where `r` (> 0) more working seconds
    /// have elapsed, as local seconds.
    fn advance(&self, mut d: i32, mut s: i64, mut r: i64) -> Result<i64, CalendarError> {
        let t = &self.table;
        loop {
            if d > max_day() {
                return Err(out_of_range());
            }
            if let Some(i) = t.index(d) {
                let per = self.periods(d)?;
                let target = t.secs[i] + within(per, s) + r;
                let n = t.len();
                if target <= t.secs[n] {
                    let k = i + t.secs[i + 1..=n].partition_point(|&c| c < target);
                    if let Some(u) = t.first_unknown(i, k + 1) {
                        self.periods(t.lo + u as i32)?;
                    }
                    let kd = t.lo + k as i32;
                    let off = target - t.secs[k];
                    return Ok(i64::from(kd) * DAY + locate(self.periods(kd)?, off));
                }
                if let Some(u) = t.first_unknown(i, n) {
                    self.periods(t.lo + u as i32)?;
                }
                r = target - t.secs[n];
                d = t.lo + n as i32;
                s = 0;
            } else {
                let per = self.periods(d)?;
                let before = within(per, s);
                let rest = total(per) - before;
                if r <= rest {
                    return Ok(i64::from(d) * DAY + locate(per, before + r));
                }
                r -= rest;
                d += 1;
                s = 0;
            }
        }
    }

    /// The N-th (≥ 1) working day after day `d`.
    fn nth_working_day_after(&self, d: i32, n: u32) -> Result<i32, CalendarError> {
        let t = &self.table;
        let mut left = i64::from(n);
        let mut d = d + 1;
        loop {
            if d > max_day() {
                return Err(out_of_range());
            }
            if let Some(i) = t.index(d) {
                let len = t.len();
                let target = i64::from(t.days[i]) + left;
                if target <= i64::from(t.days[len]) {
                    let k = i + t.days[i + 1..=len].partition_point(|&c| i64::from(c) < target);
                    if let Some(u) = t.first_unknown(i, k + 1) {
                        self.periods(t.lo + u as i32)?;
                    }
                    return Ok(t.lo + k as i32);
                }
                if let Some(u) = t.first_unknown(i, len) {
                    self.periods(t.lo + u as i32)?;
                }
                left = target - i64::from(t.days[len]);
                d = t.lo + len as i32;
            } else {
                if !self.periods(d)?.is_empty() {
                    left -= 1;
                    if left == 0 {
                        return Ok(d);
                    }
                }
                d += 1;
            }
        }
    }

    /// The earliest working local second at or after `l`.
    fn next_working_local(&self, l: i64) -> Result<i64, CalendarError> {
        let d = l.div_euclid(DAY) as i32;
        let s = l.rem_euclid(DAY);
        if let Some(&(a, _)) = self.periods(d)?.iter().find(|&&(_, b)| s < i64::from(b)) {
            return Ok(i64::from(d) * DAY + s.max(i64::from(a)));
        }
        let k = self.nth_working_day_after(d, 1)?;
        let first = self
            .periods(k)?
            .first()
            .map(|&(a, _)| i64::from(a))
            .unwrap_or(0);
        Ok(i64::from(k) * DAY + first)
    }

    /// Working seconds in `[a, b)` of local seconds, `a ≤ b`.
    fn secs_between(&self, a: i64, b: i64) -> Result<i64, CalendarError> {
        let (da, sa) = (a.div_euclid(DAY) as i32, a.rem_euclid(DAY));
        let (db, sb) = (b.div_euclid(DAY) as i32, b.rem_euclid(DAY));
        let pa = self.periods(da)?;
        let pb = self.periods(db)?;
        if da == db {
            return Ok(within(pb, sb) - within(pa, sa));
        }
        Ok(self.range_sum(da, db, Sum::Secs)? - within(pa, sa) + within(pb, sb))
    }

    /// Whether an instant is inside a work period of a working day.
    ///
    /// ```
    /// use chrono::DateTime;
    /// let cal = wangge::calendar::Calendar::china();
    /// let t = |s| DateTime::parse_from_rfc3339(s).unwrap();
    /// assert!(cal.is_working_time(&t("2026-03-09T08:30:00+08:00"))?);
    /// assert!(!cal.is_working_time(&t("2026-03-09T12:00:00+08:00"))?); // lunch
    /// assert!(!cal.is_working_time(&t("2026-10-02T10:00:00+08:00"))?); // 国庆节
    /// # Ok::<(), wangge::calendar::CalendarError>(())
    /// ```
    pub fn is_working_time<T: TimeZone>(&self, t: &DateTime<T>) -> Result<bool, CalendarError> {
        let l = self.local(t)?;
        let s = l.rem_euclid(DAY);
        Ok(self
            .periods(l.div_euclid(DAY) as i32)?
            .iter()
            .any(|&(a, b)| i64::from(a) <= s && s < i64::from(b)))
    }

    /// The earliest working instant at or after `t`.
    ///
    /// ```
    /// use chrono::DateTime;
    /// let cal = wangge::calendar::Calendar::china();
    /// let t = DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap();
    /// assert_eq!(cal.next_working(&t)?.to_rfc3339(), "2026-10-08T08:30:00+08:00");
    /// # Ok::<(), wangge::calendar::CalendarError>(())
    /// ```
    pub fn next_working<T: TimeZone>(
        &self,
        t: &DateTime<T>,
    ) -> Result<DateTime<Tz>, CalendarError> {
        let l = self.local(t)?;
        self.instant(self.next_working_local(l)?)
    }

    /// The deadline `d` of working time after `start` (see the module docs for the rules).
    ///
    /// ```
    /// use chrono::DateTime;
    /// use wangge::calendar::{Calendar, WorkingDuration};
    /// let cal = Calendar::china();
    /// let t = DateTime::parse_from_rfc3339("2026-09-29T10:00:00+08:00").unwrap();
    /// // Tue 29 Sep + 3 working days: 30 Sep, then the National Day week, then 8 and 9 Oct.
    /// assert_eq!(cal.add(&t, WorkingDuration::Days(3))?.to_rfc3339(), "2026-10-09T17:30:00+08:00");
    /// assert_eq!(cal.add(&t, WorkingDuration::Minutes(0))?.to_rfc3339(), "2026-09-29T10:00:00+08:00");
    /// # Ok::<(), wangge::calendar::CalendarError>(())
    /// ```
    pub fn add<T: TimeZone>(
        &self,
        start: &DateTime<T>,
        d: WorkingDuration,
    ) -> Result<DateTime<Tz>, CalendarError> {
        let l = self.local(start)?;
        let day = l.div_euclid(DAY) as i32;
        let out = match d {
            WorkingDuration::Minutes(_) | WorkingDuration::Hours(_) => {
                let secs = d.minutes().unwrap_or(0) as i64 * 60;
                self.periods(day)?;
                if secs == 0 {
                    l
                } else {
                    self.advance(day, l.rem_euclid(DAY), secs)?
                }
            }
            WorkingDuration::Days(0) => {
                self.periods(day)?;
                l
            }
            WorkingDuration::Days(n) => match self.day_rule {
                DayRule::EndOfDay => {
                    let k = self.nth_working_day_after(day, n)?;
                    let end = self
                        .periods(k)?
                        .last()
                        .map(|&(_, b)| i64::from(b))
                        .unwrap_or(0);
                    i64::from(k) * DAY + end
                }
                DayRule::SameTime => {
                    let s = self.next_working_local(l)?;
                    let (d0, s0) = (s.div_euclid(DAY) as i32, s.rem_euclid(DAY));
                    let p = within(self.periods(d0)?, s0);
                    let k = self.nth_working_day_after(d0, n)?;
                    let tk = total(self.periods(k)?);
                    let delta = self.range_sum(d0, k, Sum::Secs)? - p + p.min(tk);
                    self.advance(d0, s0, delta)?
                }
            },
        };
        self.instant(out)
    }

    /// `start` plus a natural duration: elapsed minutes or hours, or the same local time N
    /// calendar days later. Holiday data is not needed.
    ///
    /// ```
    /// use chrono::DateTime;
    /// use wangge::calendar::{Calendar, NaturalDuration};
    /// let t = DateTime::parse_from_rfc3339("2035-01-30T23:30:00+08:00").unwrap();
    /// let due = Calendar::china().add_natural(&t, NaturalDuration::Minutes(60))?;
    /// assert_eq!(due.to_rfc3339(), "2035-01-31T00:30:00+08:00");
    /// # Ok::<(), wangge::calendar::CalendarError>(())
    /// ```
    pub fn add_natural<T: TimeZone>(
        &self,
        start: &DateTime<T>,
        d: NaturalDuration,
    ) -> Result<DateTime<Tz>, CalendarError> {
        let l = self.local(start)?;
        match d {
            NaturalDuration::Minutes(m) => self.elapsed(start, i64::from(m) * 60),
            NaturalDuration::Hours(h) => self.elapsed(start, i64::from(h) * 3600),
            NaturalDuration::Days(n) => {
                let out = l + i64::from(n) * DAY;
                if out.div_euclid(DAY) > i64::from(max_day()) {
                    return Err(out_of_range());
                }
                self.instant(out)
            }
        }
    }

    fn elapsed<T: TimeZone>(
        &self,
        start: &DateTime<T>,
        secs: i64,
    ) -> Result<DateTime<Tz>, CalendarError> {
        let ts = start.timestamp() + secs;
        let t = DateTime::from_timestamp(ts, 0).ok_or_else(out_of_range)?;
        self.local(&t)?;
        Ok(t.with_timezone(&self.tz))
    }

    /// Working minutes in `[a, b)`, negative when `b` is before `a` (whole minutes, rounded
    /// toward zero).
    ///
    /// ```
    /// use chrono::DateTime;
    /// let cal = wangge::calendar::Calendar::china();
    /// let t = |s| DateTime::parse_from_rfc3339(s).unwrap();
    /// // Friday before the Spring Festival to the make-up Saturday after it.
    /// let a = t("2026-02-13T17:00:00+08:00");
    /// let b = t("2026-02-28T09:30:00+08:00");
    /// // Fri, the make-up Saturday 14th, 24–27 Feb, the make-up Saturday 28th.
    /// assert_eq!(cal.between(&a, &b)?, 30 + 450 + 450 * 4 + 60);
    /// assert_eq!(cal.between(&b, &a)?, -(30 + 450 + 450 * 4 + 60));
    /// # Ok::<(), wangge::calendar::CalendarError>(())
    /// ```
    pub fn between<T: TimeZone, U: TimeZone>(
        &self,
        a: &DateTime<T>,
        b: &DateTime<U>,
    ) -> Result<i64, CalendarError> {
        Ok(self.between_seconds(a, b)? / 60)
    }

    /// Working seconds in `[a, b)`, negative when `b` is before `a`.
    pub fn between_seconds<T: TimeZone, U: TimeZone>(
        &self,
        a: &DateTime<T>,
        b: &DateTime<U>,
    ) -> Result<i64, CalendarError> {
        let (la, lb) = (self.local(a)?, self.local(b)?);
        if la <= lb {
            self.secs_between(la, lb)
        } else {
            Ok(-self.secs_between(lb, la)?)
        }
    }

    /// Working days `d` with `a < d ≤ b` (negative, counted the other way, when `b < a`).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let cal = wangge::calendar::Calendar::china();
    /// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    /// // 2025-12-31 → 2026-01-09: 4 Jan (Sunday, 调休) and 5–9 Jan.
    /// assert_eq!(cal.working_days_between(d(2025, 12, 31), d(2026, 1, 9))?, 6);
    /// # Ok::<(), wangge::calendar::CalendarError>(())
    /// ```
    pub fn working_days_between(
        &self,
        a: chrono::NaiveDate,
        b: chrono::NaiveDate,
    ) -> Result<i64, CalendarError> {
        use chrono::Datelike;
        super::data::check_year(a.year())?;
        super::data::check_year(b.year())?;
        let (na, nb) = (super::model::day_num(a), super::model::day_num(b));
        if na <= nb {
            self.range_sum(na + 1, nb + 1, Sum::Days)
        } else {
            Ok(-self.range_sum(nb + 1, na + 1, Sum::Days)?)
        }
    }
}
