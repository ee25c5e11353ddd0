//! Per-operation functions for the admission, roster, grid.locate and grid.validate operations: each takes the
//! operation's JSON input text and returns its JSON output text (shapes documented in
//! `wangge::api` and `tests/vectors/<op>.json`).

use crate::{WanggeError, call};

/// `admission.budget`: JSON input text → JSON output text.
#[uniffi::export]
pub fn admission_budget(input_json: String) -> Result<String, WanggeError> {
    call("admission.budget".to_string(), input_json)
}

/// `admission.check`: JSON input text → JSON output text.
#[uniffi::export]
pub fn admission_check(input_json: String) -> Result<String, WanggeError> {
    call("admission.check".to_string(), input_json)
}

/// `admission.completion`: JSON input text → JSON output text.
#[uniffi::export]
pub fn admission_completion(input_json: String) -> Result<String, WanggeError> {
    call("admission.completion".to_string(), input_json)
}

/// `admission.instances`: JSON input text → JSON output text.
#[uniffi::export]
pub fn admission_instances(input_json: String) -> Result<String, WanggeError> {
    call("admission.instances".to_string(), input_json)
}

/// `admission.list`: JSON input text → JSON output text.
#[uniffi::export]
pub fn admission_list(input_json: String) -> Result<String, WanggeError> {
    call("admission.list".to_string(), input_json)
}

/// `admission.load`: JSON input text → JSON output text.
#[uniffi::export]
pub fn admission_load(input_json: String) -> Result<String, WanggeError> {
    call("admission.load".to_string(), input_json)
}

/// `admission.tally`: JSON input text → JSON output text.
#[uniffi::export]
pub fn admission_tally(input_json: String) -> Result<String, WanggeError> {
    call("admission.tally".to_string(), input_json)
}

/// `admission.transition`: JSON input text → JSON output text.
#[uniffi::export]
pub fn admission_transition(input_json: String) -> Result<String, WanggeError> {
    call("admission.transition".to_string(), input_json)
}

/// `roster.holder`: JSON input text → JSON output text.
#[uniffi::export]
pub fn roster_holder(input_json: String) -> Result<String, WanggeError> {
    call("roster.holder".to_string(), input_json)
}

/// `roster.summary`: JSON input text → JSON output text.
#[uniffi::export]
pub fn roster_summary(input_json: String) -> Result<String, WanggeError> {
    call("roster.summary".to_string(), input_json)
}

/// `roster.validate`: JSON input text → JSON output text.
#[uniffi::export]
pub fn roster_validate(input_json: String) -> Result<String, WanggeError> {
    call("roster.validate".to_string(), input_json)
}

/// `grid.locate`: JSON input text → JSON output text.
#[uniffi::export]
pub fn grid_locate(input_json: String) -> Result<String, WanggeError> {
    call("grid.locate".to_string(), input_json)
}

/// `grid.validate`: JSON input text → JSON output text.
#[uniffi::export]
pub fn grid_validate(input_json: String) -> Result<String, WanggeError> {
    call("grid.validate".to_string(), input_json)
}
