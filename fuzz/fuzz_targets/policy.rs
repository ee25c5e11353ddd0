//! The policy reader (TOML and JSON) never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(p) = wangge::policy::Policy::from_str_auto(text) {
            let back = wangge::policy::Policy::from_json_str(&p.to_json());
            assert!(back.is_ok());
        }
    }
});
