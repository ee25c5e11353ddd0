//! `src/ops_json.rs` (one C function per operation) and `tests/c/vectors_ops.h` (the C
//! test runner's table of them) are rendered from the core's operation table,
//! `wangge::api::OP_INFO`. After adding an operation to the core run `cargo xtask bless`
//! (or `WANGGE_BLESS=1 cargo test -p wangge-c --lib ops_gen_tests`, then regenerate the
//! header); this test fails while a generated file is stale.

use std::path::Path;

use wangge_core::api::{OP_INFO, OPS, OpInfo};

const HEADER: &str = "Generated from `wangge::api::OP_INFO` by `bindings-c/src/ops_gen_tests.rs` \
                      (`cargo xtask bless`). Do not edit.";

/// `calendar.next_working` → `wangge_op_calendar_next_working`.
fn c_name(op: &OpInfo) -> String {
    format!("wangge_op_{}_{}", op.module(), op.verb())
}

fn rust() -> String {
    let mut s = format!(
        "//! One C function per JSON operation of the core. {HEADER}\n\
         //!\n\
         //! Each takes the operation's JSON input (`len` bytes of UTF-8) and on success writes\n\
         //! its JSON output to `*out` (free it with `wangge_string_free`) and the length to\n\
         //! `*out_len` (when not NULL). The shapes are the core's `In`/`Out` types named below\n\
         //! (see `wangge::api` and `tests/vectors/<op>.json`).\n\n\
         use std::ffi::c_char;\n\n\
         use crate::boundary::json_op;\n\
         use crate::status::wangge_status;\n"
    );
    for op in OP_INFO {
        s.push_str(&format!(
            "\n/// `{name}`: {doc} Input `{input}` → output `{output}` (JSON).\n\
             ///\n\
             /// # Safety\n\
             /// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.\n\
             #[unsafe(no_mangle)]\n\
             pub unsafe extern \"C\" fn {c}(\n    input: *const c_char,\n    len: usize,\n    \
             out: *mut *mut c_char,\n    out_len: *mut usize,\n) -> wangge_status {{\n    \
             // SAFETY: per the contract above.\n    \
             unsafe {{ json_op(\"{name}\", input, len, out, out_len) }}\n}}\n",
            name = op.name,
            doc = op.doc.trim(),
            input = op.input,
            output = op.output,
            c = c_name(op),
        ));
    }
    s
}

fn header() -> String {
    let mut s = format!(
        "/* The C ABI's per-operation JSON functions, by op name. {HEADER} */\n\
         #ifndef WANGGE_TEST_VECTORS_OPS_H\n#define WANGGE_TEST_VECTORS_OPS_H\n\n\
         typedef wangge_status (*json_fn)(const char *, size_t, char **, size_t *);\n\n\
         static const struct {{\n    const char *op;\n    json_fn fn;\n}} GENERATED_OPS[] = {{\n"
    );
    for op in OP_INFO {
        s.push_str(&format!("    {{\"{}\", {}}},\n", op.name, c_name(op)));
    }
    s.push_str(
        "};\n#define N_GENERATED_OPS (sizeof GENERATED_OPS / sizeof GENERATED_OPS[0])\n\n#endif\n",
    );
    s
}

fn check(rel: &str, fresh: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    if std::env::var_os("WANGGE_BLESS").is_some() {
        std::fs::write(&path, fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{rel} is stale: run `cargo xtask bless` (or WANGGE_BLESS=1 cargo test -p wangge-c --lib ops_gen_tests)"
    );
}

#[test]
fn ops_json_rs_is_current() {
    check("src/ops_json.rs", &rust());
}

#[test]
fn vectors_ops_h_is_current() {
    check("tests/c/vectors_ops.h", &header());
}

#[test]
fn generated_files_list_exactly_the_core_ops() {
    // Read back from the committed files, independently of the renderer.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rs = std::fs::read_to_string(dir.join("src/ops_json.rs")).unwrap();
    let mut fns: Vec<String> = rs
        .lines()
        .filter_map(|l| l.strip_prefix("pub unsafe extern \"C\" fn "))
        .map(|l| l.trim_end_matches('(').to_string())
        .collect();
    fns.sort();
    let mut want: Vec<String> = OPS
        .iter()
        .map(|n| format!("wangge_op_{}", n.replace('.', "_")))
        .collect();
    want.sort();
    assert_eq!(fns, want);
    let h = std::fs::read_to_string(dir.join("tests/c/vectors_ops.h")).unwrap();
    let listed: Vec<&str> = h
        .lines()
        .filter_map(|l| l.trim().strip_prefix("{\""))
        .filter_map(|l| l.split('"').next())
        .collect();
    assert_eq!(listed, OPS);
    // And the header declares every one of them.
    let decl = std::fs::read_to_string(dir.join("include/wangge.h")).unwrap();
    for f in &fns {
        assert!(
            decl.contains(&format!("{f}(")),
            "{f} missing from include/wangge.h"
        );
    }
}
