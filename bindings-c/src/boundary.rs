//! The FFI boundary: panic catching, the thread-local last error, argument checks and
//! returned strings. Every exported function goes through [`guard`].

use std::cell::RefCell;
use std::ffi::{CStr, CString, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};

use wangge_core::{Error, ErrorCode};

use crate::status::wangge_status;

thread_local! {
    /// The message of the last failed call on this thread (empty when none).
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::default());
}

/// Why a call failed: the status to return and the message for
/// `wangge_last_error_message`.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) status: wangge_status,
    pub(crate) message: String,
}

impl Failure {
    /// A failure with the given core error code.
    pub(crate) fn new(code: ErrorCode, message: impl Into<String>) -> Failure {
        Failure {
            status: wangge_status::from_code(code),
            message: message.into(),
        }
    }

    /// A required pointer argument was NULL.
    pub(crate) fn null(arg: &str) -> Failure {
        Failure::new(ErrorCode::NullArgument, format!("`{arg}` must not be NULL"))
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::new(e.code(), e.to_string())
    }
}

/// Result type of the bodies run by [`guard`].
pub(crate) type Res<T = ()> = Result<T, Failure>;

fn set_last_error(message: &str) {
    let c = CString::new(message.replace('\0', "\\0")).unwrap_or_default();
    LAST_ERROR.with(|e| *e.borrow_mut() = c);
}

/// A pointer to the last error message of this thread; valid until the next call that
/// fails on this thread.
pub(crate) fn last_error_ptr() -> *const c_char {
    LAST_ERROR.with(|e| e.borrow().as_ptr())
}

/// Runs `f` behind the panic boundary and turns its outcome into a status. On failure the
/// message is stored for `wangge_last_error_message`; a panic becomes
/// `WANGGE_STATUS_PANIC`.
pub(crate) fn guard(f: impl FnOnce() -> Res) -> wangge_status {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => wangge_status::Ok,
        Ok(Err(failure)) => {
            set_last_error(&failure.message);
            failure.status
        }
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown payload".to_string());
            set_last_error(&format!("panic in wangge (please report it): {what}"));
            wangge_status::Panic
        }
    }
}

/// Runs `f` behind the panic boundary for functions that return no status (the `_free`
/// functions): a panic is swallowed.
pub(crate) fn guard_void(f: impl FnOnce()) {
    let _ = catch_unwind(AssertUnwindSafe(f));
}

/// Borrows a UTF-8 text argument given as pointer + length.
///
/// # Safety
/// `ptr` must be NULL or point to `len` readable bytes that stay valid during the call.
pub(crate) unsafe fn text_arg<'a>(name: &str, ptr: *const c_char, len: usize) -> Res<&'a str> {
    if ptr.is_null() {
        return Err(Failure::null(name));
    }
    // SAFETY: non-NULL, and the caller guarantees `len` readable bytes.
    let bytes = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) };
    std::str::from_utf8(bytes).map_err(|e| {
        Failure::new(
            ErrorCode::InvalidUtf8,
            format!("`{name}` is not valid UTF-8: {e}"),
        )
    })
}

/// Borrows a JSON (or other structured) text argument: its length is checked against the
/// core's cap ([`wangge_core::api::Limits`], `input_too_large`) before a byte is read.
///
/// # Safety
/// As [`text_arg`].
pub(crate) unsafe fn json_arg<'a>(name: &str, ptr: *const c_char, len: usize) -> Res<&'a str> {
    if !ptr.is_null() {
        wangge_core::api::Limits::default().check_len(name, len)?;
    }
    // SAFETY: per the contract above.
    unsafe { text_arg(name, ptr, len) }
}

/// Borrows a NUL-terminated UTF-8 string argument.
///
/// # Safety
/// `ptr` must be NULL or point to a NUL-terminated string valid during the call.
pub(crate) unsafe fn cstr_arg<'a>(name: &str, ptr: *const c_char) -> Res<&'a str> {
    if ptr.is_null() {
        return Err(Failure::null(name));
    }
    // SAFETY: non-NULL, and the caller guarantees a NUL-terminated string.
    let c = unsafe { CStr::from_ptr(ptr) };
    c.to_str().map_err(|e| {
        Failure::new(
            ErrorCode::InvalidUtf8,
            format!("`{name}` is not valid UTF-8: {e}"),
        )
    })
}

/// Borrows a handle argument.
///
/// # Safety
/// `ptr` must be NULL or a live handle of this type from this library.
pub(crate) unsafe fn handle_arg<'a, T>(name: &str, ptr: *const T) -> Res<&'a T> {
    // SAFETY: the caller guarantees a live handle or NULL.
    unsafe { ptr.as_ref() }.ok_or_else(|| Failure::null(name))
}

/// Checks that an out-parameter is not NULL (before doing any work).
pub(crate) fn out_arg<T>(name: &str, ptr: *mut T) -> Res<*mut T> {
    if ptr.is_null() {
        Err(Failure::null(name))
    } else {
        Ok(ptr)
    }
}

/// Writes an owned string to the out-parameters (`out_len` may be NULL).
///
/// # Safety
/// `out` must be valid for a write; `out_len` must be NULL or valid for a write.
pub(crate) unsafe fn write_string(out: *mut *mut c_char, out_len: *mut usize, s: String) -> Res {
    let len = s.len();
    let c = CString::new(s).map_err(|_| {
        Failure::new(
            ErrorCode::Internal,
            "output contains a NUL byte".to_string(),
        )
    })?;
    // SAFETY: checked non-NULL by the caller with `out_arg`; valid for writes.
    unsafe {
        *out = c.into_raw();
        if !out_len.is_null() {
            *out_len = len;
        }
    }
    Ok(())
}

/// Moves `value` into a new heap handle and writes it to `out`.
///
/// # Safety
/// `out` must be non-NULL and valid for a write.
pub(crate) unsafe fn write_handle<T>(out: *mut *mut T, value: T) {
    // SAFETY: see above.
    unsafe { *out = Box::into_raw(Box::new(value)) };
}

/// Frees a handle made by [`write_handle`]; NULL is ignored.
///
/// # Safety
/// `ptr` must be NULL or a handle of this type not freed before.
pub(crate) unsafe fn free_handle<T>(ptr: *mut T) {
    if !ptr.is_null() {
        // SAFETY: made by `Box::into_raw` in `write_handle` and not freed before.
        drop(unsafe { Box::from_raw(ptr) });
    }
}

/// Runs a JSON operation by name for the per-operation JSON functions.
///
/// # Safety
/// `input` NULL or `len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
pub(crate) unsafe fn json_op(
    op: &str,
    input: *const c_char,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let input = unsafe { json_arg("input", input, len)? };
        let out = out_arg("out", out)?;
        let result = wangge_core::api::call_text(op, input)?;
        // SAFETY: `out` checked; `out_len` per contract.
        unsafe { write_string(out, out_len, result) }
    })
}
