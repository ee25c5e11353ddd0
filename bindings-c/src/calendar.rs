//! The working calendar: a `wangge_calendar` handle and its operations.

use std::ffi::c_char;

use wangge_core::ErrorCode;
use wangge_core::calendar::api::{
    CalendarOptions, day_json, format_instant, parse_day, parse_instant, years_json,
};
use wangge_core::calendar::{Calendar, DurationUnit};

use crate::boundary::{
    Failure, free_handle, guard, guard_void, handle_arg, json_arg, out_arg, text_arg, write_handle,
    write_string,
};
use crate::status::wangge_status;

/// A working calendar (opaque): time zone, work periods, holidays and make-up days. Made by
/// [`wangge_calendar_load`], freed with [`wangge_calendar_free`]. Immutable: may be shared
/// between threads.
#[derive(Debug)]
pub struct wangge_calendar {
    calendar: Calendar,
}

fn core_err(e: impl Into<wangge_core::Error>) -> Failure {
    e.into().into()
}

/// Makes a calendar from options JSON (`len` bytes): `{}` for the national calendar, or at
/// most one of `"policy"` (a preset id such as `"seed003"`, TOML/JSON policy text, or an
/// inline policy object) and `"calendar": {…calendar file…}`, plus optionally
/// `"holidays": [{year data}, …]` (official years added at run time). The same fields as
/// the `calendar.*` operations.
///
/// # Safety
/// `options` NULL or `len` readable bytes; `out` NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_calendar_load(
    options: *const c_char,
    len: usize,
    out: *mut *mut wangge_calendar,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let text = unsafe { json_arg("options", options, len)? };
        let out = out_arg("out", out)?;
        let o: CalendarOptions = serde_json::from_str(text)
            .map_err(|e| Failure::new(ErrorCode::InvalidJson, format!("calendar options: {e}")))?;
        let calendar = o.build()?;
        // SAFETY: `out` checked.
        unsafe { write_handle(out, wangge_calendar { calendar }) };
        Ok(())
    })
}

/// The unit of [`wangge_calendar_add`] (`WANGGE_DURATION_*`).
pub type wangge_duration_unit = u32;
/// Working days (counted by the calendar's day rule).
pub const WANGGE_DURATION_WORKING_DAYS: wangge_duration_unit = 1;
/// Working hours.
pub const WANGGE_DURATION_WORKING_HOURS: wangge_duration_unit = 2;
/// Working minutes.
pub const WANGGE_DURATION_WORKING_MINUTES: wangge_duration_unit = 3;
/// Calendar days (the same local time N dates later).
pub const WANGGE_DURATION_NATURAL_DAYS: wangge_duration_unit = 4;
/// Elapsed hours.
pub const WANGGE_DURATION_NATURAL_HOURS: wangge_duration_unit = 5;
/// Elapsed minutes.
pub const WANGGE_DURATION_NATURAL_MINUTES: wangge_duration_unit = 6;

/// The deadline `amount` units after `start` (RFC 3339 with offset, `start_len` bytes), as
/// RFC 3339 in the calendar's time zone (`"2026-10-16T17:30:00+08:00"`).
///
/// # Safety
/// `calendar` NULL or a live handle; `start` NULL or `start_len` bytes; `out` valid for a
/// write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_calendar_add(
    calendar: *const wangge_calendar,
    start: *const c_char,
    start_len: usize,
    amount: u32,
    unit: wangge_duration_unit,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let c = unsafe { handle_arg("calendar", calendar)? };
        // SAFETY: per the contract above.
        let start = unsafe { text_arg("start", start, start_len)? };
        let out = out_arg("out", out)?;
        let t = parse_instant(start).map_err(core_err)?;
        let unit = match unit {
            WANGGE_DURATION_WORKING_DAYS => DurationUnit::WorkingDays,
            WANGGE_DURATION_WORKING_HOURS => DurationUnit::WorkingHours,
            WANGGE_DURATION_WORKING_MINUTES => DurationUnit::WorkingMinutes,
            WANGGE_DURATION_NATURAL_DAYS => DurationUnit::NaturalDays,
            WANGGE_DURATION_NATURAL_HOURS => DurationUnit::NaturalHours,
            WANGGE_DURATION_NATURAL_MINUTES => DurationUnit::NaturalMinutes,
            other => {
                return Err(Failure::new(
                    ErrorCode::InvalidArgument,
                    format!("`unit` = {other} is not a WANGGE_DURATION_* value"),
                ));
            }
        };
        let due = c
            .calendar
            .add_duration(&t, amount, unit)
            .map_err(core_err)?;
        // SAFETY: `out` checked.
        unsafe { write_string(out, out_len, format_instant(&due)) }
    })
}

/// Working minutes in `[start, end)` (RFC 3339 instants), negative when `end` is earlier.
///
/// # Safety
/// `calendar` NULL or a live handle; `start`/`end` NULL or readable for their lengths;
/// `out_minutes` NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_calendar_between(
    calendar: *const wangge_calendar,
    start: *const c_char,
    start_len: usize,
    end: *const c_char,
    end_len: usize,
    out_minutes: *mut i64,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let c = unsafe { handle_arg("calendar", calendar)? };
        // SAFETY: per the contract above.
        let (start, end) = unsafe {
            (
                text_arg("start", start, start_len)?,
                text_arg("end", end, end_len)?,
            )
        };
        let out = out_arg("out_minutes", out_minutes)?;
        let a = parse_instant(start).map_err(core_err)?;
        let b = parse_instant(end).map_err(core_err)?;
        let m = c.calendar.between(&a, &b).map_err(core_err)?;
        // SAFETY: `out` checked.
        unsafe { *out = m };
        Ok(())
    })
}

/// Working days `d` with `start < d ≤ end` (dates `YYYY-MM-DD`), negative when `end` is
/// earlier.
///
/// # Safety
/// `calendar` NULL or a live handle; `start`/`end` NULL or readable for their lengths;
/// `out_days` NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_calendar_working_days_between(
    calendar: *const wangge_calendar,
    start: *const c_char,
    start_len: usize,
    end: *const c_char,
    end_len: usize,
    out_days: *mut i64,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let c = unsafe { handle_arg("calendar", calendar)? };
        // SAFETY: per the contract above.
        let (start, end) = unsafe {
            (
                text_arg("start", start, start_len)?,
                text_arg("end", end, end_len)?,
            )
        };
        let out = out_arg("out_days", out_days)?;
        let a = parse_day(start).map_err(core_err)?;
        let b = parse_day(end).map_err(core_err)?;
        let n = c.calendar.working_days_between(a, b).map_err(core_err)?;
        // SAFETY: `out` checked.
        unsafe { *out = n };
        Ok(())
    })
}

/// The earliest working instant at or after `at` (RFC 3339), as RFC 3339.
///
/// # Safety
/// `calendar` NULL or a live handle; `at` NULL or `at_len` bytes; `out` valid for a write;
/// `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_calendar_next_working(
    calendar: *const wangge_calendar,
    at: *const c_char,
    at_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let c = unsafe { handle_arg("calendar", calendar)? };
        // SAFETY: per the contract above.
        let at = unsafe { text_arg("at", at, at_len)? };
        let out = out_arg("out", out)?;
        let t = parse_instant(at).map_err(core_err)?;
        let next = c.calendar.next_working(&t).map_err(core_err)?;
        // SAFETY: `out` checked.
        unsafe { write_string(out, out_len, format_instant(&next)) }
    })
}

/// A day as JSON: `{"date", "working", "kind": "workday" | "weekend" | "holiday" |
/// "makeup_workday", "name": string | null}` (the output of `calendar.day`).
///
/// # Safety
/// `calendar` NULL or a live handle; `date` NULL or `date_len` bytes; `out` valid for a
/// write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_calendar_day_json(
    calendar: *const wangge_calendar,
    date: *const c_char,
    date_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let c = unsafe { handle_arg("calendar", calendar)? };
        // SAFETY: per the contract above.
        let date = unsafe { text_arg("date", date, date_len)? };
        let out = out_arg("out", out)?;
        let d = parse_day(date).map_err(core_err)?;
        let info = c.calendar.day(d).map_err(core_err)?;
        // SAFETY: `out` checked.
        unsafe { write_string(out, out_len, day_json(&info).to_string()) }
    })
}

/// The loaded holiday years and their sources as JSON (the output of `calendar.years`).
///
/// # Safety
/// `calendar` NULL or a live handle; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_calendar_years_json(
    calendar: *const wangge_calendar,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let c = unsafe { handle_arg("calendar", calendar)? };
        let out = out_arg("out", out)?;
        // SAFETY: `out` checked.
        unsafe { write_string(out, out_len, years_json(&c.calendar).to_string()) }
    })
}

/// Frees a calendar handle. NULL is ignored.
///
/// # Safety
/// `calendar` NULL or a live handle, not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_calendar_free(calendar: *mut wangge_calendar) {
    // SAFETY: per the contract above.
    guard_void(|| unsafe { free_handle(calendar) })
}
