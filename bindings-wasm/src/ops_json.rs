//! Per-operation functions for the admission, roster, grid.locate and grid.validate operations: each takes the
//! operation's input as a plain JS object and returns its output (shapes documented in
//! `wangge::api` and `tests/vectors/<op>.json`).

use wasm_bindgen::prelude::*;

use crate::call;

/// `admission.budget`: the operation's input object → its output object.
#[wasm_bindgen(js_name = admissionBudget, unchecked_return_type = "unknown")]
pub fn admission_budget(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("admission.budget", input)
}

/// `admission.check`: the operation's input object → its output object.
#[wasm_bindgen(js_name = admissionCheck, unchecked_return_type = "unknown")]
pub fn admission_check(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("admission.check", input)
}

/// `admission.completion`: the operation's input object → its output object.
#[wasm_bindgen(js_name = admissionCompletion, unchecked_return_type = "unknown")]
pub fn admission_completion(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("admission.completion", input)
}

/// `admission.instances`: the operation's input object → its output object.
#[wasm_bindgen(js_name = admissionInstances, unchecked_return_type = "unknown")]
pub fn admission_instances(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("admission.instances", input)
}

/// `admission.list`: the operation's input object → its output object.
#[wasm_bindgen(js_name = admissionList, unchecked_return_type = "unknown")]
pub fn admission_list(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("admission.list", input)
}

/// `admission.load`: the operation's input object → its output object.
#[wasm_bindgen(js_name = admissionLoad, unchecked_return_type = "unknown")]
pub fn admission_load(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("admission.load", input)
}

/// `admission.tally`: the operation's input object → its output object.
#[wasm_bindgen(js_name = admissionTally, unchecked_return_type = "unknown")]
pub fn admission_tally(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("admission.tally", input)
}

/// `admission.transition`: the operation's input object → its output object.
#[wasm_bindgen(js_name = admissionTransition, unchecked_return_type = "unknown")]
pub fn admission_transition(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("admission.transition", input)
}

/// `roster.holder`: the operation's input object → its output object.
#[wasm_bindgen(js_name = rosterHolder, unchecked_return_type = "unknown")]
pub fn roster_holder(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("roster.holder", input)
}

/// `roster.summary`: the operation's input object → its output object.
#[wasm_bindgen(js_name = rosterSummary, unchecked_return_type = "unknown")]
pub fn roster_summary(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("roster.summary", input)
}

/// `roster.validate`: the operation's input object → its output object.
#[wasm_bindgen(js_name = rosterValidate, unchecked_return_type = "unknown")]
pub fn roster_validate(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("roster.validate", input)
}

/// `grid.locate`: the operation's input object → its output object.
#[wasm_bindgen(js_name = gridLocate, unchecked_return_type = "unknown")]
pub fn grid_locate(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("grid.locate", input)
}

/// `grid.validate`: the operation's input object → its output object.
#[wasm_bindgen(js_name = gridValidate, unchecked_return_type = "unknown")]
pub fn grid_validate(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
) -> Result<JsValue, JsValue> {
    call("grid.validate", input)
}
