//! JSON crossing the C boundary is capped by the core's `MAX_JSON_BYTES`, checked before a
//! byte is read (the buffers below are never written, so they cost no memory).

use std::ffi::c_char;
use std::ptr;

use wangge_core::api::MAX_JSON_BYTES;

use crate::boundary::last_error_ptr;
use crate::status::wangge_status;
use crate::{wangge_call, wangge_layer_load, wangge_op_code_parse, wangge_policy_load};

fn last_error() -> String {
    // SAFETY: the thread-local message is a valid C string.
    unsafe { std::ffi::CStr::from_ptr(last_error_ptr()) }
        .to_string_lossy()
        .into_owned()
}

#[test]
fn json_over_the_cap_is_input_too_large_before_it_is_read() {
    // Zeroed (calloc'd) and never touched: NUL bytes would be invalid JSON if read.
    let big = vec![0u8; MAX_JSON_BYTES + 1];
    let p = big.as_ptr().cast::<c_char>();
    let mut out: *mut c_char = ptr::null_mut();
    // SAFETY: `big` has `len` readable bytes; `out` is valid.
    let s = unsafe {
        wangge_call(
            c"code.parse".as_ptr(),
            p,
            big.len(),
            &mut out,
            ptr::null_mut(),
        )
    };
    assert_eq!(s, wangge_status::InputTooLarge);
    assert!(out.is_null());
    assert!(
        last_error().contains(&format!("limit of {MAX_JSON_BYTES} bytes")),
        "{}",
        last_error()
    );
    // SAFETY: as above.
    let s = unsafe { wangge_op_code_parse(p, big.len(), &mut out, ptr::null_mut()) };
    assert_eq!(s, wangge_status::InputTooLarge);
    let mut policy = ptr::null_mut();
    // SAFETY: as above.
    let s = unsafe { wangge_policy_load(p, big.len(), &mut policy) };
    assert_eq!(s, wangge_status::InputTooLarge);
    assert!(policy.is_null());
    let mut layer = ptr::null_mut();
    // SAFETY: as above.
    let s = unsafe { wangge_layer_load(p, big.len(), &mut layer) };
    assert_eq!(s, wangge_status::InputTooLarge);
    // Just under the cap the same bytes are read: not too large, but not JSON either.
    // SAFETY: as above.
    let s = unsafe { wangge_op_code_parse(p, 16, &mut out, ptr::null_mut()) };
    assert_eq!(s, wangge_status::InvalidJson);
}

#[test]
fn json_within_the_cap_runs() {
    let input = br#"{"code":"371323100201007"}"#;
    let mut out: *mut c_char = ptr::null_mut();
    let mut len = 0usize;
    // SAFETY: `input` has `len` readable bytes; `out` and `len` are valid.
    let s = unsafe { wangge_op_code_parse(input.as_ptr().cast(), input.len(), &mut out, &mut len) };
    assert_eq!(s, wangge_status::Ok);
    // SAFETY: a string returned by the library, freed once.
    let text = unsafe { std::ffi::CString::from_raw(out) };
    let v: serde_json::Value = serde_json::from_slice(text.as_bytes()).unwrap();
    assert_eq!(v["community"], "371323100201");
    assert_eq!(len, text.as_bytes().len());
}
