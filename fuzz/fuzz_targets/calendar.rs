//! The calendar-file and holiday-data parsers never panic, and whatever they accept builds
//! a calendar whose arithmetic never panics either.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wangge::calendar::{Calendar, CalendarFile, HolidayData, WorkingDuration};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let probe = |cal: &Calendar| {
        let t = chrono::DateTime::parse_from_rfc3339("2026-12-30T10:00:00+08:00").unwrap();
        let _ = cal.add(&t, WorkingDuration::Days(3));
        let _ = cal.add(&t, WorkingDuration::Minutes(5000));
        let _ = cal.next_working(&t);
        let _ = cal.day(chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
    };
    if let Ok(data) = HolidayData::from_json_str(text) {
        if let Ok(cal) = Calendar::china().with_years(&data.years) {
            probe(&cal);
        }
    }
    if let Ok(file) = CalendarFile::from_str_auto(text) {
        if let Ok(cal) = Calendar::from_file(file) {
            probe(&cal);
            let json = serde_json::to_string(cal.file()).unwrap();
            assert!(CalendarFile::from_str_auto(&json).is_ok());
        }
    }
});
