//! The admission list reader (TOML and JSON) never panics, and whatever it accepts
//! round-trips through JSON and TOML unchanged.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wangge::admission::{AdmissionList, AdmissionRules};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let rules = AdmissionRules::default();
        if let Ok(list) = AdmissionList::parse(text, &rules) {
            let back = AdmissionList::parse(&list.to_json(), &rules).expect("JSON round trip");
            assert_eq!(back, list);
            let toml = list.to_toml().expect("TOML rendering");
            let back = AdmissionList::parse(&toml, &rules).expect("TOML round trip");
            assert_eq!(back, list);
        }
    }
});
