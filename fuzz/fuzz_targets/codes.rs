//! Code parsers never panic and what they accept prints back identically.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wangge::code::{AdminCode, GridCode, UnitCode};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(c) = AdminCode::parse(text) {
            assert_eq!(c.to_string(), text);
        }
        if let Ok(c) = GridCode::parse(text) {
            assert_eq!(c.to_string(), text);
            assert_eq!(GridCode::parse(&c.to_string()).ok(), Some(c));
        }
        let _ = UnitCode::parse(text);
    }
});
