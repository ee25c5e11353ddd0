//! Per-operation JSON functions for the admission, roster, grid.locate and grid.validate operations: each takes the
//! operation's JSON input (pointer + length) and returns its JSON output, with the
//! shapes documented in `wangge::api` and `tests/vectors/<op>.json`.

use std::ffi::c_char;

use crate::boundary::json_op;
use crate::status::wangge_status;

/// `admission.budget`: JSON input (`len` bytes) → JSON output in `*out` (free with
/// `wangge_string_free`).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_admission_budget(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("admission.budget", input, len, out, out_len) }
}

/// `admission.check`: JSON input (`len` bytes) → JSON output in `*out` (free with
/// `wangge_string_free`).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_admission_check(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("admission.check", input, len, out, out_len) }
}

/// `admission.completion`: JSON input (`len` bytes) → JSON output in `*out` (free with
/// `wangge_string_free`).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_admission_completion(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("admission.completion", input, len, out, out_len) }
}

/// `admission.instances`: JSON input (`len` bytes) → JSON output in `*out` (free with
/// `wangge_string_free`).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_admission_instances(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("admission.instances", input, len, out, out_len) }
}

/// `admission.list`: JSON input (`len` bytes) → JSON output in `*out` (free with
/// `wangge_string_free`).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_admission_list(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("admission.list", input, len, out, out_len) }
}

/// `admission.load`: JSON input (`len` bytes) → JSON output in `*out` (free with
/// `wangge_string_free`).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_admission_load(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("admission.load", input, len, out, out_len) }
}

/// `admission.tally`: JSON input (`len` bytes) → JSON output in `*out` (free with
/// `wangge_string_free`).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_admission_tally(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("admission.tally", input, len, out, out_len) }
}

/// `admission.transition`: JSON input (`len` bytes) → JSON output in `*out` (free with
/// `wangge_string_free`).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_admission_transition(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("admission.transition", input, len, out, out_len) }
}

/// `roster.holder`: JSON input (`len` bytes) → JSON output in `*out` (free with
/// `wangge_string_free`).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_roster_holder(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("roster.holder", input, len, out, out_len) }
}

/// `roster.summary`: JSON input (`len` bytes) → JSON output in `*out` (free with
/// `wangge_string_free`).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_roster_summary(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("roster.summary", input, len, out, out_len) }
}

/// `roster.validate`: JSON input (`len` bytes) → JSON output in `*out` (free with
/// `wangge_string_free`).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_roster_validate(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("roster.validate", input, len, out, out_len) }
}

/// `grid.locate`: JSON input (`len` bytes) → JSON output in `*out` (free with
/// `wangge_string_free`).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_grid_locate(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("grid.locate", input, len, out, out_len) }
}

/// `grid.validate`: JSON input (`len` bytes) → JSON output in `*out` (free with
/// `wangge_string_free`).
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_grid_validate(
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { json_op("grid.validate", input, len, out, out_len) }
}
