//! The case book object (`wangge_case_book`): a book open with its policy, sent commands
//! one at a time. Commands go in as JSON text (one command object); facts, states, records
//! and history come out as JSON text, in the shapes of the JSON Schemas in `schemas/`.

use std::ffi::c_char;

use wangge_core::case::{OpenBook, read_at};

use crate::boundary::{
    Res, free_handle, guard, guard_void, handle_arg, json_arg, out_arg, text_arg, write_handle,
    write_string,
};
use crate::status::wangge_status;

/// A case book (opaque): the facts so far, the policy they run under and, optionally, the
/// grids that locate reports given as points. Made by [`wangge_case_book_open`], freed
/// with [`wangge_case_book_free`]. Not thread-safe: use one book from one thread at a time.
#[derive(Debug)]
pub struct wangge_case_book {
    book: OpenBook,
}

/// Borrows an optional text argument: NULL is `None`.
///
/// # Safety
/// `ptr` NULL or `len` readable bytes.
unsafe fn opt_text<'a>(name: &str, ptr: *const c_char, len: usize) -> Res<Option<&'a str>> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: per the contract above.
    Ok(Some(unsafe { json_arg(name, ptr, len)? }))
}

/// Serializes an output as JSON text into the out-parameters.
///
/// # Safety
/// `out` checked non-NULL; `out_len` NULL or valid for a write.
unsafe fn write_json<T: serde::Serialize>(
    out: *mut *mut c_char,
    out_len: *mut usize,
    value: &T,
) -> Res {
    let text = serde_json::to_string(value).map_err(|e| {
        crate::boundary::Failure::new(wangge_core::ErrorCode::Internal, e.to_string())
    })?;
    // SAFETY: per the contract above.
    unsafe { write_string(out, out_len, text) }
}

/// Opens a case book.
///
/// - `policy` (`policy_len` bytes, required): a preset id (`"seed003"`) or policy text,
///   TOML or JSON;
/// - `grids` (NULL for none): a GeoJSON grid layer, to locate reports given as points;
/// - `journal` (NULL for a new book): a journal's text (JSON Lines, as `wangge case apply`
///   writes it), replayed.
///
/// Errors: `WANGGE_STATUS_UNKNOWN_PRESET`, `WANGGE_STATUS_INVALID_POLICY`, a bad layer, a
/// damaged journal (`WANGGE_STATUS_INVALID_JOURNAL`, naming the line), oversize input.
///
/// # Safety
/// Each text NULL or its length readable; `out` NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_case_book_open(
    policy: *const c_char,
    policy_len: usize,
    grids: *const c_char,
    grids_len: usize,
    journal: *const c_char,
    journal_len: usize,
    out: *mut *mut wangge_case_book,
) -> wangge_status {
    guard(|| {
        let out = out_arg("out", out)?;
        // SAFETY: per the contract above.
        let policy = unsafe { json_arg("policy", policy, policy_len)? };
        // SAFETY: per the contract above.
        let grids = unsafe { opt_text("grids", grids, grids_len)? };
        // SAFETY: per the contract above.
        let journal = unsafe { opt_text("journal", journal, journal_len)? };
        let book = OpenBook::open(policy, grids, journal)?;
        // SAFETY: `out` checked.
        unsafe { write_handle(out, wangge_case_book { book }) };
        Ok(())
    })
}

/// Runs one command (`command`: one command object as JSON text). On success `*out` is
/// the JSON array of its new facts (`[]` for a command id seen before), to append to the
/// journal. A refused command returns its status (`WANGGE_STATUS_CASE_UNAUTHORIZED`,
/// `WANGGE_STATUS_INVALID_CASE_TRANSITION` …), `wangge_last_error_message` says why, and
/// the book is unchanged.
///
/// # Safety
/// `book` NULL or a live handle; `command` NULL or `command_len` readable bytes; `out`
/// NULL or valid for a write; `out_len` NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_case_book_execute(
    book: *mut wangge_case_book,
    command: *const c_char,
    command_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let b = unsafe { book.as_mut() }.ok_or_else(|| crate::boundary::Failure::null("book"))?;
        let out = out_arg("out", out)?;
        // SAFETY: per the contract above.
        let command = unsafe { json_arg("command", command, command_len)? };
        let facts = b.book.execute_json(command)?;
        // SAFETY: `out` checked.
        unsafe { write_json(out, out_len, &facts) }
    })
}

/// Adds the breach facts at `now` (RFC 3339 with offset) — deadlines passed and not yet
/// recorded — and writes them as a JSON array to `*out`.
///
/// # Safety
/// As [`wangge_case_book_execute`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_case_book_tick(
    book: *mut wangge_case_book,
    now: *const c_char,
    now_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let b = unsafe { book.as_mut() }.ok_or_else(|| crate::boundary::Failure::null("book"))?;
        let out = out_arg("out", out)?;
        // SAFETY: per the contract above.
        let now = unsafe { text_arg("now", now, now_len)? };
        let now = wangge_core::api::args::parse_instant(now)?;
        let facts = b.book.tick(now)?;
        // SAFETY: `out` checked.
        unsafe { write_json(out, out_len, &facts) }
    })
}

/// One case's state as a JSON object (`null` for an unknown case) at `at` (RFC 3339; NULL:
/// the last fact's instant): status, tier, handler, deadlines, colour, rework, supervision.
///
/// # Safety
/// `book` NULL or a live handle; texts NULL or their length readable; `out` NULL or valid
/// for a write; `out_len` NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_case_book_state(
    book: *const wangge_case_book,
    case_id: *const c_char,
    case_id_len: usize,
    at: *const c_char,
    at_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let b = unsafe { handle_arg("book", book)? };
        let out = out_arg("out", out)?;
        // SAFETY: per the contract above.
        let case_id = unsafe { text_arg("case_id", case_id, case_id_len)? };
        // SAFETY: per the contract above.
        let at = read_at(unsafe { opt_text("at", at, at_len)? })?;
        let state = b.book.state(case_id, at)?;
        // SAFETY: `out` checked.
        unsafe { write_json(out, out_len, &state) }
    })
}

/// Runs a query of the book at an optional instant and writes its answer as JSON.
///
/// # Safety
/// As [`wangge_case_book_state`].
unsafe fn at_query<T: serde::Serialize>(
    book: *const wangge_case_book,
    at: *const c_char,
    at_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
    query: impl FnOnce(
        &OpenBook,
        Option<chrono::DateTime<chrono::FixedOffset>>,
    ) -> Result<T, wangge_core::Error>,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let b = unsafe { handle_arg("book", book)? };
        let out = out_arg("out", out)?;
        // SAFETY: per the contract above.
        let at = read_at(unsafe { opt_text("at", at, at_len)? })?;
        let answer = query(&b.book, at)?;
        // SAFETY: `out` checked.
        unsafe { write_json(out, out_len, &answer) }
    })
}

/// Every case's state, by id, at `at` (RFC 3339; NULL: the last fact's instant), as a JSON
/// array of state objects.
///
/// # Safety
/// As [`wangge_case_book_state`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_case_book_states(
    book: *const wangge_case_book,
    at: *const c_char,
    at_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { at_query(book, at, at_len, out, out_len, |b, at| b.cases(at)) }
}

/// The flat case records scoring reads, by case id, at `at` (RFC 3339; NULL: the last
/// fact's instant), as a JSON array of record objects.
///
/// # Safety
/// As [`wangge_case_book_state`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_case_book_records(
    book: *const wangge_case_book,
    at: *const c_char,
    at_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    // SAFETY: per the contract above.
    unsafe { at_query(book, at, at_len, out, out_len, |b, at| b.records(at)) }
}

/// The readable history of a case (a JSON array of `{at, type, who, text}`, oldest first);
/// `WANGGE_STATUS_UNKNOWN_CASE` for an unknown id.
///
/// # Safety
/// As [`wangge_case_book_state`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_case_book_history(
    book: *const wangge_case_book,
    case_id: *const c_char,
    case_id_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let b = unsafe { handle_arg("book", book)? };
        let out = out_arg("out", out)?;
        // SAFETY: per the contract above.
        let case_id = unsafe { text_arg("case_id", case_id, case_id_len)? };
        let history = b.book.history(case_id)?;
        // SAFETY: `out` checked.
        unsafe { write_json(out, out_len, &history) }
    })
}

/// The whole journal as text (a header line, then one fact per line), to save and to open
/// again with [`wangge_case_book_open`].
///
/// # Safety
/// `book` NULL or a live handle; `out` NULL or valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_case_book_journal(
    book: *const wangge_case_book,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let b = unsafe { handle_arg("book", book)? };
        let out = out_arg("out", out)?;
        // SAFETY: `out` checked.
        unsafe { write_string(out, out_len, b.book.journal()) }
    })
}

/// The number of facts in the book.
///
/// # Safety
/// `book` NULL or a live handle; `out` NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_case_book_fact_count(
    book: *const wangge_case_book,
    out: *mut usize,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let b = unsafe { handle_arg("book", book)? };
        let out = out_arg("out", out)?;
        // SAFETY: `out` checked.
        unsafe { *out = b.book.facts().len() };
        Ok(())
    })
}

/// Frees a case book. NULL is ignored.
///
/// # Safety
/// `book` NULL or a live handle, not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_case_book_free(book: *mut wangge_case_book) {
    // SAFETY: per the contract above.
    guard_void(|| unsafe { free_handle(book) })
}
