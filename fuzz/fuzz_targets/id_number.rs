//! The resident ID number parser never panics, and what it accepts parses back the same from
//! its own text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wangge::staffing::IdNumber;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(id) = text.parse::<IdNumber>() {
            let again: IdNumber = id.as_str().parse().expect("accepted text parses back");
            assert_eq!(again, id);
        }
    }
});
