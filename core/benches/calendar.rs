//! Working-calendar arithmetic: `add` of 10 working days must stay well under 1 µs.
//!
//! `cargo bench -p wangge --bench calendar`

use std::hint::black_box;

use chrono::{DateTime, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use wangge::calendar::{Calendar, CalendarFile, DayRule, WorkingDuration};

fn bench(c: &mut Criterion) {
    let cal = Calendar::china();
    let same_time = Calendar::from_file(CalendarFile {
        day_rule: DayRule::SameTime,
        ..CalendarFile::default()
    })
    .unwrap();
    // Over National Day 2026, with a make-up Saturday inside the span.
    let start = DateTime::parse_from_rfc3339("2026-09-28T10:17:00+08:00").unwrap();
    let end = DateTime::parse_from_rfc3339("2026-10-30T15:45:00+08:00").unwrap();

    c.bench_function("calendar add 10 working days (end_of_day)", |b| {
        b.iter(|| {
            cal.add(black_box(&start), WorkingDuration::Days(10))
                .unwrap()
        })
    });
    c.bench_function("calendar add 10 working days (same_time)", |b| {
        b.iter(|| {
            same_time
                .add(black_box(&start), WorkingDuration::Days(10))
                .unwrap()
        })
    });
    c.bench_function("calendar add 4 working hours", |b| {
        b.iter(|| {
            cal.add(black_box(&start), WorkingDuration::Hours(4))
                .unwrap()
        })
    });
    c.bench_function("calendar add 2000 working hours", |b| {
        let s = DateTime::parse_from_rfc3339("2024-01-02T10:17:00+08:00").unwrap();
        b.iter(|| {
            cal.add(black_box(&s), WorkingDuration::Hours(2000))
                .unwrap()
        })
    });
    c.bench_function("calendar between one month", |b| {
        b.iter(|| cal.between(black_box(&start), black_box(&end)).unwrap())
    });
    c.bench_function("calendar day", |b| {
        let d = NaiveDate::from_ymd_opt(2026, 2, 14).unwrap();
        b.iter(|| cal.day(black_box(d)).unwrap())
    });
    c.bench_function("calendar parse bundled data", |b| {
        b.iter(wangge::calendar::HolidayData::bundled)
    });
    c.bench_function("calendar build (parse bundled data, day table)", |b| {
        b.iter(Calendar::china)
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
