//! The error mirror of the mobile binding is rendered from `wangge::ErrorCode::ALL`:
//!
//! * `src/error.rs` — the UniFFI error enum `WanggeError`, one variant per code (a flat
//!   error: Kotlin/Swift/Python receive the variant and the human message);
//! * `kotlin/org/wangge/WanggeErrorCodes.kt`, `swift/WanggeErrorCodes.swift`,
//!   `python/wangge/__init__.py` — `code` (number) and `name` (snake case) on the
//!   exceptions, which UniFFI does not generate for flat errors.
//!
//! After adding an error code: `WANGGE_BLESS=1 cargo test -p wangge-mobile --test generated`.
//!
//! The per-operation functions are rendered from the core's operation table
//! (`wangge::api::OP_INFO`), with the test runners' tables of them:
//!
//! * `src/ops_json.rs` — one exported function per operation, JSON text in and out
//!   (`admission_budget` in Python, `admissionBudget` in Kotlin and Swift);
//! * `tests/kotlin/GeneratedOps.kt`, `tests/python/generated_ops.py` — op name → function.
//!
//! After adding an operation to the core: `cargo xtask bless`.

use std::path::Path;

use wangge::ErrorCode;
use wangge::api::{OP_INFO, OPS, OpInfo};

/// `invalid_geojson` → `InvalidGeojson`.
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

const HEADER: &str = "Generated from wangge::ErrorCode::ALL by bindings-mobile/tests/generated.rs \
                      (WANGGE_BLESS=1 cargo test -p wangge-mobile --test generated). Do not edit.";

fn rust() -> String {
    let mut s = format!(
        "//! The error every function of the mobile binding returns. {HEADER}\n\n\
         use wangge::ErrorCode;\n\n\
         /// A failure with its stable code: one variant per code of `docs/ERRORS.md`. The\n\
         /// message is the human text; `code` and `name` are added to the exceptions by\n\
         /// the companion files (`WanggeErrorCodes.kt`, `WanggeErrorCodes.swift`, `__init__.py`).\n\
         #[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]\n\
         #[uniffi(flat_error)]\n\
         #[non_exhaustive]\n\
         pub enum WanggeError {{\n"
    );
    for c in ErrorCode::ALL {
        s.push_str(&format!(
            "    /// {} — {} ({}).\n    #[error(\"{{0}}\")]\n    {}(String),\n",
            c.value(),
            c.summary_en(),
            c.summary_zh(),
            camel(c.name())
        ));
    }
    s.push_str(
        "}\n\nimpl WanggeError {\n    /// The error for a core error code and message.\n    \
         pub fn new(code: ErrorCode, message: String) -> WanggeError {\n        match code {\n",
    );
    for c in ErrorCode::ALL {
        s.push_str(&format!(
            "            ErrorCode::{:?} => WanggeError::{}(message),\n",
            c,
            camel(c.name())
        ));
    }
    s.push_str("            _ => WanggeError::Internal(message),\n        }\n    }\n\n");
    s.push_str(
        "    /// The stable code.\n    pub fn code(&self) -> ErrorCode {\n        match self {\n",
    );
    for c in ErrorCode::ALL {
        s.push_str(&format!(
            "            WanggeError::{}(_) => ErrorCode::{:?},\n",
            camel(c.name()),
            c
        ));
    }
    s.push_str("        }\n    }\n}\n");
    s
}

fn kotlin() -> String {
    let mut s = format!(
        "// {HEADER}\n@file:Suppress(\"unused\")\n\npackage org.wangge\n\n\
         /** The stable numeric code of docs/ERRORS.md (the same in every binding). */\n\
         val WanggeException.code: Int\n    get() = when (this) {{\n"
    );
    for c in ErrorCode::ALL {
        s.push_str(&format!(
            "        is WanggeException.{} -> {}\n",
            camel(c.name()),
            c.value()
        ));
    }
    s.push_str(
        "    }\n\n/** The stable snake-case name of the code (`\"invalid_json\"`). */\n\
         val WanggeException.name: String\n    get() = when (this) {\n",
    );
    for c in ErrorCode::ALL {
        s.push_str(&format!(
            "        is WanggeException.{} -> \"{}\"\n",
            camel(c.name()),
            c.name()
        ));
    }
    s.push_str("    }\n");
    s
}

fn swift() -> String {
    let mut s = format!(
        "// {HEADER}\n\nextension WanggeError {{\n    \
         /// The stable numeric code of docs/ERRORS.md (the same in every binding).\n    \
         public var code: UInt32 {{\n        switch self {{\n"
    );
    for c in ErrorCode::ALL {
        s.push_str(&format!(
            "        case .{}: return {}\n",
            camel(c.name()),
            c.value()
        ));
    }
    s.push_str(
        "        }\n    }\n\n    /// The stable snake-case name of the code.\n    \
         public var name: String {\n        switch self {\n",
    );
    for c in ErrorCode::ALL {
        s.push_str(&format!(
            "        case .{}: return \"{}\"\n",
            camel(c.name()),
            c.name()
        ));
    }
    s.push_str("        }\n    }\n\n    /// The human message.\n    public var message: String {\n        switch self {\n");
    for c in ErrorCode::ALL {
        s.push_str(&format!(
            "        case .{}(let message): return message\n",
            camel(c.name())
        ));
    }
    s.push_str("        }\n    }\n}\n");
    s
}

fn python() -> String {
    let mut s = format!(
        "# {HEADER}\n\"\"\"wangge: grid-based community governance (网格化服务管理) rules.\n\n\
         The generated UniFFI module `wangge.wangge`, re-exported, with `code` (the stable\n\
         number of docs/ERRORS.md) and `name` (its snake-case name) on every `WanggeError`.\n\
         \"\"\"\n\nfrom .wangge import *  # noqa: F401,F403\nfrom .wangge import WanggeError\n\n\
         _CODES = {{\n"
    );
    for c in ErrorCode::ALL {
        s.push_str(&format!(
            "    \"{}\": ({}, \"{}\"),\n",
            camel(c.name()),
            c.value(),
            c.name()
        ));
    }
    s.push_str(
        "}\n\nfor _variant, (_code, _name) in _CODES.items():\n    \
         _cls = getattr(WanggeError, _variant)\n    _cls.code = _code\n    _cls.name = _name\n\
         del _variant, _code, _name, _cls\n",
    );
    s
}

fn check(rel: &str, want: String) -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have == want {
        return None;
    }
    if std::env::var_os("WANGGE_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, want).unwrap();
        None
    } else {
        Some(rel.to_string())
    }
}

#[test]
fn error_mirrors_are_current() {
    let stale: Vec<String> = [
        check("src/error.rs", rust()),
        check("kotlin/org/wangge/WanggeErrorCodes.kt", kotlin()),
        check("swift/WanggeErrorCodes.swift", swift()),
        check("python/wangge/__init__.py", python()),
    ]
    .into_iter()
    .flatten()
    .collect();
    assert!(
        stale.is_empty(),
        "stale (rerun with WANGGE_BLESS=1): {stale:?}"
    );
}

#[test]
fn every_code_maps_to_itself() {
    for c in ErrorCode::ALL {
        let e = wangge_mobile::WanggeError::new(*c, "m".into());
        assert_eq!(e.code(), *c);
        assert_eq!(e.to_string(), "m");
    }
}

const OPS_HEADER: &str = "Generated from wangge::api::OP_INFO by bindings-mobile/tests/generated.rs \
                          (cargo xtask bless). Do not edit.";

/// `calendar.next_working` → `calendar_next_working`.
fn snake(op: &OpInfo) -> String {
    op.name.replace('.', "_")
}

/// `calendar.next_working` → `calendarNextWorking` (Kotlin and Swift).
fn lower_camel(op: &OpInfo) -> String {
    let c = camel(&snake(op));
    let mut chars = c.chars();
    chars
        .next()
        .map(|f| f.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

fn ops_rust() -> String {
    let mut s = format!(
        "//! One exported function per JSON operation of the core: JSON text in, JSON text out\n\
         //! (shapes: the core's `In`/`Out` types named below, `tests/vectors/<op>.json`).\n\
         //! {OPS_HEADER}\n\n\
         use crate::{{WanggeError, call}};\n"
    );
    for op in OP_INFO {
        s.push_str(&format!(
            "\n/// `{name}`: {doc} Input `{input}` → output `{output}` (JSON text).\n\
             #[uniffi::export]\n\
             pub fn {f}(input_json: String) -> Result<String, WanggeError> {{\n    \
             call(\"{name}\".to_string(), input_json)\n}}\n",
            name = op.name,
            doc = op.doc.trim(),
            input = op.input,
            output = op.output,
            f = snake(op),
        ));
    }
    s
}

fn ops_kotlin() -> String {
    let mut s = format!(
        "// The per-operation functions of the Kotlin binding, by op name. {OPS_HEADER}\n\n\
         import org.wangge.*\n\n\
         val GENERATED: Map<String, Pair<String, (String) -> String>> = mapOf(\n"
    );
    for op in OP_INFO {
        let f = lower_camel(op);
        s.push_str(&format!("    \"{}\" to Pair(\"{f}\", ::{f}),\n", op.name));
    }
    s.push_str(")\n");
    s
}

fn ops_python() -> String {
    let mut s = format!(
        "\"\"\"The per-operation functions of the Python binding, by op name. {OPS_HEADER}\"\"\"\n\n\
         GENERATED = {{\n"
    );
    for op in OP_INFO {
        s.push_str(&format!("    \"{}\": \"{}\",\n", op.name, snake(op)));
    }
    s.push_str("}\n");
    s
}

#[test]
fn op_functions_are_current() {
    let stale: Vec<String> = [
        check("src/ops_json.rs", ops_rust()),
        check("tests/kotlin/GeneratedOps.kt", ops_kotlin()),
        check("tests/python/generated_ops.py", ops_python()),
    ]
    .into_iter()
    .flatten()
    .collect();
    assert!(
        stale.is_empty(),
        "stale (run `cargo xtask bless`): {stale:?}"
    );
}

#[test]
fn generated_op_files_list_exactly_the_core_ops() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |rel: &str| std::fs::read_to_string(dir.join(rel)).unwrap();
    let quoted = |text: &str, prefix: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.trim().strip_prefix(prefix))
            .filter_map(|l| l.split('"').next())
            .filter(|name| !name.is_empty())
            .map(String::from)
            .collect()
    };
    let mut rs = quoted(&read("src/ops_json.rs"), "call(\"");
    rs.sort();
    assert_eq!(rs, OPS);
    assert_eq!(quoted(&read("tests/kotlin/GeneratedOps.kt"), "\""), OPS);
    assert_eq!(quoted(&read("tests/python/generated_ops.py"), "\""), OPS);
    assert_eq!(lower_camel(&OP_INFO[0]), "admissionBudget");
}
