//! Known dates across years, the unknown-year rule, injection, local days, seasons, the
//! working-day rules, and properties checked against a minute-by-minute reference.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone};
use proptest::prelude::*;

use super::*;

fn cal() -> Calendar {
    Calendar::china()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn kind(c: &Calendar, y: i32, m: u32, d: u32) -> DayKind {
    c.day(date(y, m, d)).unwrap().kind
}

fn file(toml: &str) -> Calendar {
    Calendar::from_file(CalendarFile::from_str_auto(toml).unwrap()).unwrap()
}

const Y2027: &str = r#"{"year": 2027,
    "sources": [{"title": "国务院办公厅关于2027年部分节假日安排的通知"}],
    "holidays": [
        {"name": "元旦", "off": ["2027-01-01..2027-01-03"]},
        {"name": "春节", "off": ["2027-02-06..2027-02-13"], "work": ["2027-02-14"]}
    ]}"#;

#[test]
fn the_bundled_data_is_complete() {
    let data = HolidayData::bundled();
    assert_eq!(
        data,
        HolidayData::from_json_str(include_str!("../../data/holidays/cn.json")).unwrap()
    );
    let years: Vec<i32> = data.years.iter().map(|y| y.year).collect();
    assert_eq!(years, (2007..=2026).collect::<Vec<_>>());
    for y in &data.years {
        assert!(
            y.sources[0]
                .title
                .contains(&format!("{}年部分节假日安排", y.year)),
            "{}",
            y.year
        );
        // Every year has the Spring Festival and National Day.
        assert!(
            y.holidays.iter().any(|h| h.name.contains("春节")),
            "{}",
            y.year
        );
        assert!(
            y.holidays.iter().any(|h| h.name.contains("国庆节")),
            "{}",
            y.year
        );
        // Make-up days are weekend days; a working weekday is never listed as one.
        for h in &y.holidays {
            for d in h.work.iter().flat_map(|s| s.dates()) {
                assert!(d.weekday().number_from_monday() >= 6, "{d} is a weekday");
            }
        }
    }
}

#[test]
fn spring_festival_national_day_and_makeup_saturdays_2024_to_2026() {
    let c = cal();
    // 2024: 春节 2月10日至17日, 2月4日(日)、18日(日)上班; 国庆 10月1日至7日, 9月29日(日)、10月12日(六)上班.
    for d in 10..=17 {
        assert_eq!(kind(&c, 2024, 2, d), DayKind::Holiday, "2024-02-{d}");
    }
    assert_eq!(kind(&c, 2024, 2, 4), DayKind::MakeupWorkday);
    assert_eq!(kind(&c, 2024, 2, 18), DayKind::MakeupWorkday);
    assert_eq!(kind(&c, 2024, 10, 12), DayKind::MakeupWorkday);
    assert_eq!(kind(&c, 2024, 9, 29), DayKind::MakeupWorkday);
    for d in 1..=7 {
        assert_eq!(kind(&c, 2024, 10, d), DayKind::Holiday);
    }
    // 2025: 春节 1月28日至2月4日, 1月26日(日)、2月8日(六)上班; 中秋国庆 10月1日至8日, 9月28日(日)、10月11日(六)上班.
    assert_eq!(kind(&c, 2025, 1, 26), DayKind::MakeupWorkday);
    assert_eq!(kind(&c, 2025, 2, 8), DayKind::MakeupWorkday);
    assert_eq!(kind(&c, 2025, 2, 4), DayKind::Holiday);
    assert_eq!(kind(&c, 2025, 2, 5), DayKind::Workday);
    assert_eq!(kind(&c, 2025, 10, 11), DayKind::MakeupWorkday);
    let oct8 = c.day(date(2025, 10, 8)).unwrap();
    assert_eq!(oct8.name.as_deref(), Some("中秋节、国庆节"));
    // 2026: 春节 2月15日至23日, 2月14日(六)、28日(六)上班; 国庆 9月20日(日)、10月10日(六)上班.
    let sat = c.day(date(2026, 2, 14)).unwrap();
    assert!(sat.working);
    assert_eq!(sat.name.as_deref(), Some("春节"));
    assert_eq!(kind(&c, 2026, 2, 28), DayKind::MakeupWorkday);
    assert_eq!(kind(&c, 2026, 2, 23), DayKind::Holiday); // a Monday
    assert_eq!(kind(&c, 2026, 2, 24), DayKind::Workday);
    assert_eq!(kind(&c, 2026, 9, 20), DayKind::MakeupWorkday);
    assert_eq!(kind(&c, 2026, 10, 10), DayKind::MakeupWorkday);
    assert_eq!(kind(&c, 2026, 10, 11), DayKind::Weekend);
}

#[test]
fn earlier_years_and_special_notices() {
    let c = cal();
    // 2015 抗战胜利70周年: 9月3日至5日, 9月6日(日)上班.
    assert_eq!(kind(&c, 2015, 9, 3), DayKind::Holiday);
    assert_eq!(kind(&c, 2015, 9, 6), DayKind::MakeupWorkday);
    // 2020: the Spring Festival was extended to 2 February.
    assert_eq!(kind(&c, 2020, 1, 31), DayKind::Holiday);
    assert_eq!(kind(&c, 2020, 2, 3), DayKind::Workday);
    // 2019: 劳动节 changed by a second notice to 5月1日至4日, 4月28日、5月5日上班.
    assert_eq!(kind(&c, 2019, 5, 2), DayKind::Holiday);
    assert_eq!(kind(&c, 2019, 5, 5), DayKind::MakeupWorkday);
    // 2008: 劳动节 5月1日至3日, 5月4日(日)上班.
    assert_eq!(kind(&c, 2008, 5, 4), DayKind::MakeupWorkday);
    // 2016 清明 与周末连休: the Saturday before is a plain weekend.
    assert_eq!(kind(&c, 2016, 4, 2), DayKind::Weekend);
    assert_eq!(kind(&c, 2016, 4, 4), DayKind::Holiday);
}

#[test]
fn notices_that_set_december_of_the_year_before() {
    let c = cal();
    // The 2008 notice: 2007-12-29 (Sat) works, 2007-12-30 to 2008-01-01 rest.
    assert_eq!(kind(&c, 2007, 12, 29), DayKind::MakeupWorkday);
    assert_eq!(kind(&c, 2007, 12, 31), DayKind::Holiday);
    // The 2012 notice: 2011-12-31 (Sat) works.
    assert_eq!(kind(&c, 2011, 12, 31), DayKind::MakeupWorkday);
    // The 2023 notice: 2022-12-31 to 2023-01-02 rest.
    assert_eq!(kind(&c, 2023, 1, 2), DayKind::Holiday);
    assert_eq!(
        c.day(date(2022, 12, 31)).unwrap().name.as_deref(),
        Some("元旦")
    );
    // The 2007 notice made 2006-12-30/31 working days: they are known although 2006 is not.
    assert_eq!(kind(&c, 2006, 12, 30), DayKind::MakeupWorkday);
    assert_eq!(
        c.day(date(2006, 12, 29)).unwrap_err(),
        CalendarError::UnknownYear(2006)
    );
    // Counting across the boundary uses both.
    assert_eq!(
        c.working_days_between(date(2007, 12, 28), date(2008, 1, 2))
            .unwrap(),
        2
    );
}

#[test]
fn unknown_years_are_errors_with_a_stable_code() {
    let c = cal();
    let e = c.day(date(2027, 3, 1)).unwrap_err();
    assert_eq!(e, CalendarError::UnknownYear(2027));
    assert_eq!(e.code(), crate::ErrorCode::UnknownYear);
    assert_eq!(e.code().value(), 300);
    // An addition that walks into 2027 fails rather than guess.
    let late = t("2026-12-30T10:00:00+08:00");
    assert_eq!(
        c.add(&late, WorkingDuration::Days(5)).unwrap_err(),
        CalendarError::UnknownYear(2027)
    );
    assert_eq!(
        c.add(&late, WorkingDuration::Hours(100)).unwrap_err(),
        CalendarError::UnknownYear(2027)
    );
    assert_eq!(
        c.between(&late, &t("2027-01-05T10:00:00+08:00"))
            .unwrap_err(),
        CalendarError::UnknownYear(2027)
    );
    // …but one that ends before it does not.
    assert_eq!(
        c.add(&late, WorkingDuration::Days(1)).unwrap().to_rfc3339(),
        "2026-12-31T17:30:00+08:00"
    );
    assert_eq!(
        c.next_working(&t("2006-06-01T10:00:00+08:00")).unwrap_err(),
        CalendarError::UnknownYear(2006)
    );
    // Natural durations need no holiday data.
    assert!(c.add_natural(&late, NaturalDuration::Days(400)).is_ok());
}

#[test]
fn weekends_only_is_an_explicit_choice() {
    let c = file("unknown_years = 'weekends_only'");
    assert_eq!(kind(&c, 2027, 3, 1), DayKind::Workday);
    assert_eq!(kind(&c, 2027, 3, 6), DayKind::Weekend);
    // Known years still use the official data.
    assert_eq!(kind(&c, 2026, 2, 14), DayKind::MakeupWorkday);
    let due = c
        .add(&t("2026-12-31T17:00:00+08:00"), WorkingDuration::Hours(1))
        .unwrap();
    assert_eq!(due.to_rfc3339(), "2027-01-01T09:00:00+08:00");
    // With no data at all, everything is the weekly schedule.
    let c = file("bundled_holidays = false\nunknown_years = 'weekends_only'");
    assert_eq!(kind(&c, 2026, 10, 1), DayKind::Workday);
    let strict = file("bundled_holidays = false");
    assert_eq!(
        strict.day(date(2026, 10, 1)).unwrap_err(),
        CalendarError::UnknownYear(2026)
    );
}

#[test]
fn december_may_require_the_next_year() {
    let c = file("december_requires_next_year = true");
    assert_eq!(
        c.day(date(2026, 12, 15)).unwrap_err(),
        CalendarError::UnknownYear(2027)
    );
    assert_eq!(kind(&c, 2025, 12, 15), DayKind::Workday);
    assert_eq!(kind(&c, 2026, 11, 30), DayKind::Workday);
    let y = HolidayData::from_json_str(Y2027).unwrap();
    let c = c.with_years(&y.years).unwrap();
    assert_eq!(kind(&c, 2026, 12, 15), DayKind::Workday);
}

#[test]
fn a_year_can_be_injected_or_corrected_at_run_time() {
    let y = HolidayData::from_json_str(Y2027).unwrap();
    let c = cal().with_years(&y.years).unwrap();
    assert_eq!(kind(&c, 2027, 2, 8), DayKind::Holiday);
    assert_eq!(kind(&c, 2027, 2, 14), DayKind::MakeupWorkday);
    assert!(
        c.years()
            .any(|(y, o)| y.year == 2027 && o == YearOrigin::Injected)
    );
    let due = c
        .add(&t("2026-12-30T10:00:00+08:00"), WorkingDuration::Days(3))
        .unwrap();
    assert_eq!(due.to_rfc3339(), "2027-01-05T17:30:00+08:00");
    // A correction replaces the bundled year: say 2026-03-09 became a rest day.
    let fix = HolidayData::from_json_str(
        r#"{"year": 2026, "sources": [{"title": "更正"}],
            "holidays": [{"name": "测试", "off": ["2026-03-09"]}]}"#,
    )
    .unwrap();
    let c2 = cal().with_years(&fix.years).unwrap();
    assert_eq!(kind(&c2, 2026, 3, 9), DayKind::Holiday);
    assert_eq!(kind(&c2, 2026, 2, 14), DayKind::Weekend); // the bundled 2026 is gone
    // The same through a calendar file.
    let c3 = Calendar::from_file(CalendarFile {
        holidays: y.years.clone(),
        ..CalendarFile::default()
    })
    .unwrap();
    assert!(c3.is_year_known(2027));
}

#[test]
fn bad_holiday_data_is_refused() {
    for (text, needle) in [
        (
            r#"{"year": 2027, "sources": [], "holidays": [{"name": "x", "off": ["2027-01-01"]}]}"#,
            "sources",
        ),
        (
            r#"{"year": 2027, "sources": [{"title": "t"}], "holidays": []}"#,
            "empty",
        ),
        (
            r#"{"year": 2027, "sources": [{"title": "t"}], "holidays": [{"name": "x", "off": ["2027-01-01"], "work": ["2027-01-01"]}]}"#,
            "twice",
        ),
        (
            r#"{"year": 2027, "sources": [{"title": "t"}], "holidays": [{"name": "x", "off": ["2025-01-01"]}]}"#,
            "outside",
        ),
        (
            r#"{"year": 2027, "sources": [{"title": "t"}], "holidays": [{"name": "x", "off": ["2027-01-01..2027-03-01"]}]}"#,
            "longer",
        ),
        (
            r#"{"year": 2027, "sources": [{"title": "t"}], "holidays": [{"name": "", "off": ["2027-01-01"]}]}"#,
            "name",
        ),
        (
            r#"{"year": 2027, "sources": [{"title": "t"}], "holidays": [{"name": "x", "off": ["2027-02-30"]}]}"#,
            "date",
        ),
        (
            r#"{"year": 99999, "sources": [{"title": "t"}], "holidays": [{"name": "x", "off": ["2027-01-01"]}]}"#,
            "year",
        ),
        (r#"{"format": 2, "years": []}"#, "format"),
        (r#"{"format": 1, "years": [], "extra": 1}"#, "extra"),
        ("[1, 2", "JSON"),
    ] {
        let e = HolidayData::from_json_str(text).unwrap_err();
        assert_eq!(
            e.code(),
            crate::ErrorCode::InvalidHolidayData,
            "{text}: {e}"
        );
        assert!(e.to_string().contains(needle), "{text}: {e}");
    }
    let big = " ".repeat(MAX_HOLIDAY_TEXT + 1);
    assert_eq!(
        HolidayData::from_json_str(&big).unwrap_err().code(),
        crate::ErrorCode::InputTooLarge
    );
}

#[test]
fn bad_calendar_files_name_the_field() {
    for (toml, field) in [
        ("time_zone = 'Nowhere/City'", "time_zone"),
        ("work_periods = ['12:00-08:00']", "work_periods[0]"),
        ("work_periods = []", "work_periods"),
        ("work_weekdays = ['mon', 'funday']", "work_weekdays[1]"),
        ("work_weekdays = []", "work_weekdays"),
        (
            "[[seasons]]\nname = 's'\nfrom = '13-01'\nto = '09-30'\nwork_periods = ['08:00-12:00']",
            "seasons[0].from",
        ),
        (
            "[[local_days]]\nname = ''\noff = ['2026-01-05']",
            "local_days",
        ),
    ] {
        let e = Calendar::from_file(CalendarFile::from_str_auto(toml).unwrap()).unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::InvalidCalendar, "{toml}");
        assert!(e.to_string().contains(field), "{toml}: {e}");
    }
}

#[test]
fn local_days_override_the_official_data() {
    let c = file(
        "[[local_days]]\nname = '壮族三月三'\noff = ['2026-04-20..2026-04-21']\n\
         [[local_days]]\nname = '防汛值守'\nwork = ['2026-10-03', '2027-01-09']",
    );
    let d = c.day(date(2026, 4, 20)).unwrap();
    assert_eq!(
        (d.kind, d.name.as_deref()),
        (DayKind::Holiday, Some("壮族三月三"))
    );
    assert_eq!(kind(&c, 2026, 10, 3), DayKind::MakeupWorkday);
    // A listed local date is known even in an unknown year; its neighbours are not.
    assert_eq!(kind(&c, 2027, 1, 9), DayKind::MakeupWorkday);
    assert!(c.day(date(2027, 1, 8)).is_err());
    // 5 working days from Friday 17 April skip the local holiday.
    let due = c
        .add(&t("2026-04-17T09:00:00+08:00"), WorkingDuration::Days(5))
        .unwrap();
    assert_eq!(due.to_rfc3339(), "2026-04-28T17:30:00+08:00");
}

#[test]
fn seasons_change_the_work_periods() {
    let c = file(
        "[[seasons]]\nname = '夏季作息'\nfrom = '05-01'\nto = '09-30'\n\
         work_periods = ['08:30-12:00', '14:30-18:00']",
    );
    assert_eq!(
        c.day(date(2026, 7, 1)).unwrap().periods,
        vec![(30600, 43200), (52200, 64800)]
    );
    let due = c
        .add(&t("2026-07-01T11:30:00+08:00"), WorkingDuration::Hours(1))
        .unwrap();
    assert_eq!(due.to_rfc3339(), "2026-07-01T15:00:00+08:00");
    let due = c
        .add(&t("2026-03-02T11:30:00+08:00"), WorkingDuration::Hours(1))
        .unwrap();
    assert_eq!(due.to_rfc3339(), "2026-03-02T14:00:00+08:00");
    // A season that wraps over New Year.
    let w = file(
        "[[seasons]]\nname = '冬季作息'\nfrom = '11-01'\nto = '02-28'\nwork_periods = ['09:00-12:00', '13:00-17:00']",
    );
    assert_eq!(w.day(date(2026, 1, 5)).unwrap().periods[0], (32400, 43200));
    assert_eq!(w.day(date(2026, 3, 2)).unwrap().periods[0], (30600, 43200));
}

#[test]
fn n_working_days_end_of_day_ignores_where_the_start_falls() {
    let c = cal();
    // Monday 2026-03-09: before work, mid-morning, lunch, after hours — all end Thursday.
    for s in ["00:00", "08:00", "10:15", "12:30", "17:30", "23:59"] {
        let start = t(&format!("2026-03-09T{s}:00+08:00"));
        let due = c.add(&start, WorkingDuration::Days(3)).unwrap();
        assert_eq!(due.to_rfc3339(), "2026-03-12T17:30:00+08:00", "{s}");
    }
    // A start on a holiday counts from the next day: 春节 Sunday 15 Feb + 1 → Tuesday 24th.
    let due = c
        .add(&t("2026-02-15T10:00:00+08:00"), WorkingDuration::Days(1))
        .unwrap();
    assert_eq!(due.to_rfc3339(), "2026-02-24T17:30:00+08:00");
    // The make-up Saturday counts.
    let due = c
        .add(&t("2026-02-12T10:00:00+08:00"), WorkingDuration::Days(2))
        .unwrap();
    assert_eq!(due.to_rfc3339(), "2026-02-14T17:30:00+08:00");
}

#[test]
fn n_working_days_same_time() {
    let c = file("day_rule = 'same_time'");
    let due = c
        .add(&t("2026-03-09T10:15:00+08:00"), WorkingDuration::Days(3))
        .unwrap();
    assert_eq!(due.to_rfc3339(), "2026-03-12T10:15:00+08:00");
    // Over a holiday: Friday 13 Feb 10:00 + 2 → the make-up Saturday, then Tuesday 24th.
    let due = c
        .add(&t("2026-02-13T10:00:00+08:00"), WorkingDuration::Days(2))
        .unwrap();
    assert_eq!(due.to_rfc3339(), "2026-02-24T10:00:00+08:00");
    // Before work on a working day: N full working days, ending at the close.
    let due = c
        .add(&t("2026-03-09T07:00:00+08:00"), WorkingDuration::Days(1))
        .unwrap();
    assert_eq!(due.to_rfc3339(), "2026-03-09T17:30:00+08:00");
    // After hours: moved to the next working morning first.
    let due = c
        .add(&t("2026-03-09T19:00:00+08:00"), WorkingDuration::Days(1))
        .unwrap();
    assert_eq!(due.to_rfc3339(), "2026-03-10T17:30:00+08:00");
    // At lunch: the working position is the end of the morning.
    let due = c
        .add(&t("2026-03-09T12:30:00+08:00"), WorkingDuration::Days(1))
        .unwrap();
    assert_eq!(due.to_rfc3339(), "2026-03-10T12:00:00+08:00");
}

#[test]
fn minutes_end_at_the_earliest_instant_and_cross_lunch() {
    let c = cal();
    let s = t("2026-03-09T11:30:00+08:00");
    assert_eq!(
        c.add(&s, WorkingDuration::Minutes(30))
            .unwrap()
            .to_rfc3339(),
        "2026-03-09T12:00:00+08:00"
    );
    assert_eq!(
        c.add(&s, WorkingDuration::Minutes(31))
            .unwrap()
            .to_rfc3339(),
        "2026-03-09T13:31:00+08:00"
    );
    // Seconds and fractions in the start are kept to the second.
    let s = t("2026-03-09T09:00:30.75+08:00");
    assert_eq!(
        c.add(&s, WorkingDuration::Minutes(1)).unwrap().to_rfc3339(),
        "2026-03-09T09:01:30+08:00"
    );
    // Other offsets in, the calendar's zone out.
    let s = t("2026-03-09T02:00:00Z");
    assert_eq!(
        c.add(&s, WorkingDuration::Hours(1)).unwrap().to_rfc3339(),
        "2026-03-09T11:00:00+08:00"
    );
}

#[test]
fn other_time_zones_work() {
    let c = file("time_zone = 'Asia/Urumqi'\nwork_periods = ['10:00-14:00', '15:30-19:30']");
    let due = c
        .add(&t("2026-03-09T13:00:00+06:00"), WorkingDuration::Hours(2))
        .unwrap();
    assert_eq!(due.to_rfc3339(), "2026-03-09T16:30:00+06:00");
    // A zone with daylight saving (China, 1986–1991: 1988-04-17 02:00 → 03:00): periods
    // are wall-clock, gaps move forward.
    let dst = file(
        "time_zone = 'Asia/Shanghai'\nwork_periods = ['01:00-04:00']\nunknown_years = 'weekends_only'\nbundled_holidays = false\nwork_weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']",
    );
    let due = dst
        .add(&t("1988-04-17T01:00:00+08:00"), WorkingDuration::Hours(1))
        .unwrap();
    assert_eq!(due.to_rfc3339(), "1988-04-17T03:00:00+09:00");
    assert!(
        dst.add(&t("1988-04-16T03:30:00+08:00"), WorkingDuration::Hours(1))
            .is_ok()
    );
}

#[test]
fn out_of_range_is_typed() {
    let c = file("unknown_years = 'weekends_only'");
    let e = c
        .add(&t("2199-12-30T10:00:00+08:00"), WorkingDuration::Days(30))
        .unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::CalendarOutOfRange);
    let e = c.day(date(1800, 1, 1)).unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::CalendarOutOfRange);
    let e = c
        .add(&t("1850-01-01T10:00:00+08:00"), WorkingDuration::Days(1))
        .unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::CalendarOutOfRange);
    let e = c
        .add_natural(
            &t("2199-12-31T10:00:00+08:00"),
            NaturalDuration::Days(u32::MAX),
        )
        .unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::CalendarOutOfRange);
    let e = c
        .add(
            &t("2026-01-05T10:00:00+08:00"),
            WorkingDuration::Minutes(u32::MAX),
        )
        .unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::CalendarOutOfRange);
}

/// Minute-by-minute reference for `add` of working minutes from a whole-minute start.
fn reference_add(c: &Calendar, start: i64, minutes: u32) -> Result<i64, CalendarError> {
    let mut t = start;
    let mut left = minutes;
    while left > 0 {
        let at = DateTime::from_timestamp(t, 0).unwrap();
        if c.is_working_time(&at)? {
            left -= 1;
        }
        t += 60;
    }
    Ok(t)
}

/// Minute-by-minute reference for `between`.
fn reference_between(c: &Calendar, a: i64, b: i64) -> Result<i64, CalendarError> {
    let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
    let mut n = 0;
    let mut t = lo;
    while t < hi {
        if c.is_working_time(&DateTime::from_timestamp(t, 0).unwrap())? {
            n += 1;
        }
        t += 60;
    }
    Ok(sign * n)
}

/// Whole-minute instants from 2024-01-01 to 2026-12-25 (UTC seconds).
fn instant() -> impl Strategy<Value = i64> {
    let lo = FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .with_ymd_and_hms(2024, 1, 1, 0, 0, 0)
        .unwrap()
        .timestamp()
        / 60;
    let hi = FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 12, 25, 0, 0, 0)
        .unwrap()
        .timestamp()
        / 60;
    (lo..hi).prop_map(|m| m * 60)
}

fn at(ts: i64) -> DateTime<chrono::Utc> {
    DateTime::from_timestamp(ts, 0).unwrap()
}

/// The official calendar, with the weekly schedule past 2026 so that properties near the
/// end of the data can run on (and cross from the table into the day-by-day walk).
fn wide() -> Calendar {
    file("unknown_years = 'weekends_only'")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn add_matches_the_minute_reference(start in instant(), m in 0u32..2000) {
        let c = wide();
        let fast = c.add(&at(start), WorkingDuration::Minutes(m)).unwrap().timestamp();
        prop_assert_eq!(fast, reference_add(&c, start, m).unwrap());
    }

    #[test]
    fn between_matches_the_minute_reference(a in instant(), span in -8000i64..8000) {
        let c = wide();
        let b = a + span * 60;
        prop_assert_eq!(c.between(&at(a), &at(b)).unwrap(), reference_between(&c, a, b).unwrap());
    }

    #[test]
    fn between_inverts_add(start in instant(), m in 0u32..20_000, secs in 0i64..60) {
        let c = wide();
        let s = at(start + secs);
        for d in [WorkingDuration::Minutes(m), WorkingDuration::Hours(m / 60)] {
            let due = c.add(&s, d).unwrap();
            prop_assert_eq!(c.between(&s, &due).unwrap() as u64, d.minutes().unwrap());
            prop_assert!(due >= s);
        }
    }

    #[test]
    fn add_is_monotonic(a in instant(), gap in 0i64..200_000, m in 0u32..5000, extra in 0u32..5000, n in 0u32..40) {
        for c in [wide(), file("unknown_years = 'weekends_only'\nday_rule = 'same_time'")] {
            let (s1, s2) = (at(a), at(a + gap * 60));
            for (d1, d2) in [
                (WorkingDuration::Minutes(m), WorkingDuration::Minutes(m + extra)),
                (WorkingDuration::Days(n), WorkingDuration::Days(n + extra % 7)),
            ] {
                let r1 = c.add(&s1, d1).unwrap();
                prop_assert!(c.add(&s2, d1).unwrap() >= r1, "start monotonic");
                prop_assert!(c.add(&s1, d2).unwrap() >= r1, "duration monotonic");
            }
        }
    }

    #[test]
    fn working_days_invert_add_days(start in instant(), n in 1u32..60) {
        let c = wide();
        let s = at(start);
        let due = c.add(&s, WorkingDuration::Days(n)).unwrap();
        let (d0, d1) = (s.with_timezone(&c.time_zone()).date_naive(), due.date_naive());
        prop_assert_eq!(c.working_days_between(d0, d1).unwrap(), i64::from(n));
        // The deadline is the close of a working day.
        let day = c.day(d1).unwrap();
        prop_assert!(day.working);
        prop_assert_eq!(due.time().num_seconds_from_midnight(), day.periods.last().unwrap().1);
        prop_assert_eq!(c.working_days_between(d1, d0).unwrap(), -i64::from(n));
    }

    #[test]
    fn same_time_days_are_whole_working_days(start in instant(), n in 1u32..30) {
        // Every day has 450 working minutes here, so N days are N × 450 minutes.
        let c = file("unknown_years = 'weekends_only'\nday_rule = 'same_time'");
        let s = at(start);
        let due = c.add(&s, WorkingDuration::Days(n)).unwrap();
        let from = c.next_working(&s).unwrap();
        prop_assert_eq!(c.between(&from, &due).unwrap(), 450 * i64::from(n));
    }

    #[test]
    fn next_working_is_working_time_and_nothing_before_it(start in instant()) {
        let c = wide();
        let s = at(start);
        let n = c.next_working(&s).unwrap();
        prop_assert!(c.is_working_time(&n).unwrap());
        prop_assert_eq!(c.between(&s, &n).unwrap(), 0);
    }

    /// No panic for any instant and duration (only that). Fuzz target beside it:
    /// `fuzz/fuzz_targets/calendar.rs`.
    #[test]
    fn no_panic_for_any_input(ts in any::<i64>(), m in any::<u32>(), y in any::<i32>(), mo in 1u32..13, d in 1u32..29) {
        let c = file("unknown_years = 'weekends_only'");
        if let Some(s) = DateTime::from_timestamp(ts % 10_000_000_000, 0) {
            for dur in [WorkingDuration::Minutes(m), WorkingDuration::Hours(m), WorkingDuration::Days(m % 100_000)] {
                let _ = c.add(&s, dur);
                let _ = cal().add(&s, dur);
            }
            let _ = c.add_natural(&s, NaturalDuration::Days(m));
            let _ = c.add_natural(&s, NaturalDuration::Minutes(m));
            let _ = c.next_working(&s);
            let _ = cal().between(&s, &at(1_700_000_000));
        }
        if let Some(date) = NaiveDate::from_ymd_opt(y % 3000, mo, d) {
            let _ = c.day(date);
            let _ = cal().working_days_between(date, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        }
    }

    #[test]
    fn the_slow_path_agrees_with_the_table(start in instant(), m in 0u32..20_000, n in 0u32..300) {
        // Weekly schedule only, once walked day by day (no data: no table) and once through
        // a table spanning 2000–2050 (two far-away local days make it).
        let slow = file("bundled_holidays = false\nunknown_years = 'weekends_only'");
        let fast = file("bundled_holidays = false\nunknown_years = 'weekends_only'\n\
            [[local_days]]\nname = 'a'\noff = ['2000-01-01', '2050-12-31']");
        prop_assert!(fast.table.len() > 18_000 && slow.table.len() == 0);
        let s = at(start);
        for d in [WorkingDuration::Minutes(m), WorkingDuration::Days(n)] {
            prop_assert_eq!(slow.add(&s, d).unwrap(), fast.add(&s, d).unwrap());
        }
        let e = at(start + i64::from(m) * 97);
        prop_assert_eq!(slow.between(&s, &e).unwrap(), fast.between(&s, &e).unwrap());
        prop_assert_eq!(slow.next_working(&s).unwrap(), fast.next_working(&s).unwrap());
    }
}

use chrono::Timelike;

#[test]
fn chinese_time_zones_are_built_in_and_others_refused() {
    for tz in [
        "Asia/Shanghai",
        "Asia/Urumqi",
        "Asia/Hong_Kong",
        "Asia/Macau",
        "Asia/Taipei",
        "Asia/Chongqing",
        "PRC",
        "UTC",
        "Etc/GMT-8",
    ] {
        let f = CalendarFile {
            time_zone: tz.into(),
            ..CalendarFile::default()
        };
        let c = Calendar::from_file(f).unwrap_or_else(|e| panic!("{tz}: {e}"));
        assert_eq!(c.time_zone().name(), tz);
    }
    for tz in ["Europe/Berlin", "America/New_York", "Asia/Tokyo", ""] {
        let f = CalendarFile {
            time_zone: tz.into(),
            ..CalendarFile::default()
        };
        let e = Calendar::from_file(f).unwrap_err();
        assert!(e.to_string().contains("time_zone"), "{tz}: {e}");
    }
}
