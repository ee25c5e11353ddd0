//! The roster reader never panics: any bytes give a roster or a typed error. A roster that
//! reads writes back and reads again to the same roster, and validates against a preset
//! for the grids it names (or fails with a typed error, never a panic).
#![no_main]
use libfuzzer_sys::fuzz_target;
use wangge::staffing::{GridInfo, GridSet, Roster};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Roster::from_json(text) {
        Ok(roster) => {
            let again = Roster::from_json(&roster.to_json()).expect("round trip");
            assert_eq!(again, roster);
            let grids = GridSet::new(roster.grids().into_iter().map(GridInfo::new).collect())
                .expect("distinct codes");
            let policy = wangge::policy::Policy::preset("seed000").expect("preset");
            let on = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date");
            match policy.staffing.validate(&roster, &grids, on, None) {
                Ok(report) => {
                    let _ = report.to_json();
                }
                Err(e) => {
                    let _ = e.code();
                }
            }
        }
        Err(e) => {
            let _ = e.code();
            assert!(!e.to_string().is_empty());
        }
    }
});
