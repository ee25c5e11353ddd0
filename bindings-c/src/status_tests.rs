//! `src/status.rs` and `include/wangge.h` carry exactly `wangge::ErrorCode::ALL`.
//!
//! `src/status.rs` is rendered from the core's error table; after adding an error code run
//! `WANGGE_BLESS=1 cargo test -p wangge-c --lib status_tests` and regenerate the header
//! (`cargo xtask bless`).

use std::path::Path;

use wangge_core::ErrorCode;

/// `invalid_geojson` → `InvalidGeojson` (cbindgen then writes `WANGGE_STATUS_INVALID_GEOJSON`).
fn camel(name: &str) -> String {
    name.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn render() -> String {
    let mut s = String::from(
        "//! `wangge_status`, generated from `wangge::ErrorCode::ALL` by `src/status_tests.rs`\n\
         //! (`WANGGE_BLESS=1 cargo test -p wangge-c --lib status_tests`). Do not edit.\n\n\
         use wangge_core::ErrorCode;\n\n\
         /// What every fallible function returns: `WANGGE_STATUS_OK` (0) or the stable error code\n\
         /// of `docs/ERRORS.md`, the same number as in every other binding. Values are append-only.\n\
         #[repr(C)]\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\n\
         #[allow(non_camel_case_types)]\n\
         pub enum wangge_status {\n    /// Success.\n    Ok = 0,\n",
    );
    for c in ErrorCode::ALL {
        s.push_str(&format!(
            "    /// {} ({}).\n    {} = {},\n",
            c.summary_en(),
            c.summary_zh(),
            camel(c.name()),
            c.value()
        ));
    }
    s.push_str(
        "}\n\nimpl wangge_status {\n    /// The status for a core error code.\n    \
         pub fn from_code(code: ErrorCode) -> wangge_status {\n        match code {\n",
    );
    for c in ErrorCode::ALL {
        s.push_str(&format!(
            "            ErrorCode::{:?} => wangge_status::{},\n",
            c,
            camel(c.name())
        ));
    }
    s.push_str("            _ => wangge_status::Internal,\n        }\n    }\n\n");
    s.push_str(
        "    /// The stable snake-case name as a C string (`c\"invalid_json\"`).\n    \
         pub const fn c_name(self) -> &'static std::ffi::CStr {\n        match self {\n            \
         wangge_status::Ok => c\"ok\",\n",
    );
    for c in ErrorCode::ALL {
        s.push_str(&format!(
            "            wangge_status::{} => c\"{}\",\n",
            camel(c.name()),
            c.name()
        ));
    }
    s.push_str("        }\n    }\n}\n");
    s
}

#[test]
fn status_rs_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/status.rs");
    let want = render();
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have != want {
        if std::env::var_os("WANGGE_BLESS").is_some() {
            std::fs::write(&path, &want).unwrap();
        } else {
            panic!(
                "bindings-c/src/status.rs is stale: rerun with WANGGE_BLESS=1, then `cargo xtask bless`"
            );
        }
    }
}

/// The committed header has one `WANGGE_STATUS_<NAME> = <value>` per code, and no other.
#[test]
fn header_status_values_equal_error_codes() {
    let header =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("include/wangge.h"))
            .unwrap();
    let mut found: Vec<(String, u32)> = header
        .lines()
        .filter_map(|l| {
            let l = l.trim().trim_end_matches(',');
            let (name, value) = l.split_once(" = ")?;
            let name = name.strip_prefix("WANGGE_STATUS_")?;
            Some((name.to_ascii_lowercase(), value.parse().ok()?))
        })
        .collect();
    found.sort_by_key(|(_, v)| *v);
    let mut want: Vec<(String, u32)> = vec![("ok".into(), 0)];
    want.extend(
        ErrorCode::ALL
            .iter()
            .map(|c| (c.name().to_string(), c.value())),
    );
    want.sort_by_key(|(_, v)| *v);
    assert_eq!(
        found, want,
        "include/wangge.h is stale: run `cargo xtask bless`"
    );
}

#[test]
fn status_name_matches_error_code_name() {
    for c in ErrorCode::ALL {
        let name = unsafe { std::ffi::CStr::from_ptr(crate::wangge_status_name(c.value())) };
        assert_eq!(name.to_str().unwrap(), c.name());
        assert_eq!(crate::wangge_status::from_code(*c) as u32, c.value());
    }
    let ok = unsafe { std::ffi::CStr::from_ptr(crate::wangge_status_name(0)) };
    assert_eq!(ok.to_str().unwrap(), "ok");
}
