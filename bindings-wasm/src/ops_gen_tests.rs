//! `src/ops_json.rs` (one JS function per operation, with its TypeScript input and output
//! types) and `tests/ops.generated.mjs` (the vector runner's table of them) are rendered
//! from the core's operation table, `wangge::api::OP_INFO`. After adding an operation to
//! the core run `cargo xtask bless`; this test fails while a generated file is stale.

use std::path::Path;

use wangge::api::{OP_INFO, OPS, OpInfo};

const HEADER: &str = "Generated from `wangge::api::OP_INFO` by `bindings-wasm/src/ops_gen_tests.rs` \
                      (`cargo xtask bless`). Do not edit.";

fn upper_first(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// `calendar.next_working` → `calendarNextWorking`.
fn js_name(op: &OpInfo) -> String {
    let mut words = op.name.split(['.', '_']);
    let first = words.next().unwrap_or_default().to_string();
    first + &words.map(upper_first).collect::<String>()
}

/// `calendar.next_working` → `CalendarNextWorking` (the prefix of its TypeScript types).
fn ts_prefix(op: &OpInfo) -> String {
    upper_first(&js_name(op))
}

fn rust() -> String {
    let mut s = format!(
        "//! One JS function per JSON operation of the core, taking and returning plain JS\n\
         //! objects. {HEADER}\n\n\
         use wasm_bindgen::prelude::*;\n\n\
         use crate::call;\n\n\
         #[wasm_bindgen(typescript_custom_section)]\n\
         const OPS_TS: &str = r#\"\n\
         /** Any JSON value. */\n\
         export type JsonValue = null | boolean | number | string | JsonValue[] | {{ [key: string]: JsonValue }};\n\
         /** A JSON object. */\n\
         export type JsonObject = {{ [key: string]: JsonValue }};\n"
    );
    for op in OP_INFO {
        let p = ts_prefix(op);
        s.push_str(&format!(
            "/** The input of `{name}`: the core's `{input}` (see tests/vectors/{name}.json). */\n\
             export type {p}Input = JsonObject;\n\
             /** The output of `{name}`: the core's `{output}`. */\n\
             export type {p}Output = JsonObject;\n",
            name = op.name,
            input = op.input,
            output = op.output,
        ));
    }
    s.push_str("\"#;\n");
    for op in OP_INFO {
        let p = ts_prefix(op);
        s.push_str(&format!(
            "\n/// `{name}`: {doc} Input `{input}` → output `{output}`.\n\
             #[wasm_bindgen(js_name = {js}, unchecked_return_type = \"{p}Output\")]\n\
             pub fn op_{module}_{verb}(\n    \
             #[wasm_bindgen(unchecked_param_type = \"{p}Input\")] input: JsValue,\n\
             ) -> Result<JsValue, JsValue> {{\n    \
             call(\"{name}\", input)\n}}\n",
            name = op.name,
            doc = op.doc.trim(),
            input = op.input,
            output = op.output,
            js = js_name(op),
            module = op.module(),
            verb = op.verb(),
        ));
    }
    s
}

fn runner() -> String {
    let mut s = format!(
        "// The WASM package's per-operation functions, by op name. {HEADER}\n\
         export const GENERATED = {{\n"
    );
    for op in OP_INFO {
        s.push_str(&format!(
            "  '{}': (w, i) => w.{}(i),\n",
            op.name,
            js_name(op)
        ));
    }
    s.push_str("};\n");
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
        "{rel} is stale: run `cargo xtask bless` (or WANGGE_BLESS=1 cargo test -p wangge-wasm --lib ops_gen_tests)"
    );
}

#[test]
fn ops_json_rs_is_current() {
    check("src/ops_json.rs", &rust());
}

#[test]
fn runner_table_is_current() {
    check("tests/ops.generated.mjs", &runner());
}

#[test]
fn generated_files_list_exactly_the_core_ops() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rs = std::fs::read_to_string(dir.join("src/ops_json.rs")).unwrap();
    let mut names: Vec<String> = rs
        .lines()
        .filter_map(|l| l.trim().strip_prefix("call(\""))
        .filter_map(|l| l.split('"').next())
        .map(String::from)
        .collect();
    names.sort();
    assert_eq!(names, OPS);
    let mjs = std::fs::read_to_string(dir.join("tests/ops.generated.mjs")).unwrap();
    let listed: Vec<&str> = mjs
        .lines()
        .filter_map(|l| l.trim().strip_prefix('\''))
        .filter_map(|l| l.split('\'').next())
        .collect();
    assert_eq!(listed, OPS);
    assert_eq!(js_name(&OP_INFO[0]), "admissionBudget");
}

#[test]
fn the_typescript_of_the_ops_has_no_unknown() {
    assert!(!rust().contains("unknown"));
}
