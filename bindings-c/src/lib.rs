//! # The wangge C ABI (`libwangge.so` / `libwangge.a`, `include/wangge.h`)
//!
//! A thin layer over the `wangge` core with the conventions of `README.md` in this folder,
//! stated once:
//!
//! * **Status**: every fallible function returns a [`wangge_status`]: `WANGGE_STATUS_OK`
//!   (0) or the stable error code of `docs/ERRORS.md`. The message of the last failure on
//!   the calling thread is [`wangge_last_error_message`].
//! * **Out-parameters** are written only on success.
//! * **Ownership**: handles (`wangge_policy`, `wangge_layer`, `wangge_calendar`,
//!   `wangge_grid_index`) come from
//!   `_load`/`_preset`
//!   and are freed exactly once with their `_free`; strings returned through `char **out`
//!   are freed with [`wangge_string_free`]. `const char *` results are static or
//!   thread-local and never freed.
//! * **Text** crosses as UTF-8: pointer + length for data (JSON, GeoJSON, TOML), or a
//!   NUL-terminated string for short names. Invalid UTF-8 gives
//!   `WANGGE_STATUS_INVALID_UTF8`, a NULL pointer `WANGGE_STATUS_NULL_ARGUMENT`.
//! * **Panics** never cross the boundary: a panic becomes `WANGGE_STATUS_PANIC`.
//! * **Threads**: every function may be called from any thread; handles are immutable
//!   after creation and may be shared between threads for `const` calls.
#![deny(missing_docs)]
#![allow(non_camel_case_types)]

mod boundary;
mod calendar;
mod case;
mod grid;
#[cfg(test)]
mod limits_tests;
#[cfg(test)]
mod ops_gen_tests;
#[rustfmt::skip] // generated (src/ops_gen_tests.rs)
mod ops_json;
mod score;
#[rustfmt::skip] // generated (src/status_tests.rs)
mod status;
#[cfg(test)]
mod status_tests;

use std::ffi::{c_char, c_double};

use wangge_core::code::{AdminLevel, GridCodeLayout, TownshipHint, UnitCode};
use wangge_core::geo::{Crs, Point};
use wangge_core::grid::Layer;
use wangge_core::policy::Policy;
use wangge_core::{ErrorCode, api};

use boundary::{
    Failure, cstr_arg, free_handle, guard, guard_void, handle_arg, json_arg, out_arg, text_arg,
    write_handle, write_string,
};
pub use calendar::*;
pub use case::*;
pub use grid::*;
pub use ops_json::*;
pub use score::*;
pub use status::wangge_status;

// ---- general --------------------------------------------------------------------------

/// The library version (`"0.1.0"`), a static string.
#[unsafe(no_mangle)]
pub extern "C" fn wangge_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// The stable snake-case name of a status (`"ok"`, `"invalid_json"`, …; `"unknown"` for a
/// value that is not a status). A static string.
#[unsafe(no_mangle)]
pub extern "C" fn wangge_status_name(status: u32) -> *const c_char {
    let name = match status {
        0 => wangge_status::Ok.c_name(),
        v => match ErrorCode::from_value(v) {
            Some(code) => wangge_status::from_code(code).c_name(),
            None => c"unknown",
        },
    };
    name.as_ptr()
}

/// The message of the last failed call on the calling thread (empty if none). The
/// pointer stays valid until the next failing call on this thread; do not free it.
#[unsafe(no_mangle)]
pub extern "C" fn wangge_last_error_message() -> *const c_char {
    boundary::last_error_ptr()
}

/// Frees a string this library returned through a `char **out` parameter. NULL is
/// ignored.
///
/// # Safety
/// `s` must be NULL or a string returned by this library and not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_string_free(s: *mut c_char) {
    guard_void(|| {
        if !s.is_null() {
            // SAFETY: made by `CString::into_raw` in `write_string`, not freed before.
            drop(unsafe { std::ffi::CString::from_raw(s) });
        }
    })
}

/// Every JSON operation name (`wangge::api::OPS`) as a JSON array of strings.
///
/// # Safety
/// `out` must be valid for a write; `out_len` NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_ops_json(
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    guard(|| {
        let out = out_arg("out", out)?;
        let s = serde_json::to_string(api::OPS)
            .map_err(|e| Failure::new(ErrorCode::Internal, e.to_string()))?;
        // SAFETY: `out` checked; `out_len` per contract.
        unsafe { write_string(out, out_len, s) }
    })
}

/// Runs a JSON operation by name (see `wangge::api` and `tests/vectors/`): `input` is
/// `input_len` bytes of UTF-8 JSON; on success `*out` is the JSON output (free it with
/// [`wangge_string_free`]) and `*out_len` its length in bytes.
///
/// # Safety
/// `op` must be NULL or NUL-terminated; `input` NULL or `input_len` readable bytes;
/// `out` valid for a write; `out_len` NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_call(
    op: *const c_char,
    input: *const c_char,
    input_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let op = unsafe { cstr_arg("op", op)? };
        // SAFETY: per the contract above.
        let input = unsafe { json_arg("input", input, input_len)? };
        let out = out_arg("out", out)?;
        let result = api::call_text(op, input)?;
        // SAFETY: `out` checked; `out_len` per contract.
        unsafe { write_string(out, out_len, result) }
    })
}

// ---- codes ----------------------------------------------------------------------------

/// A code kind: `WANGGE_CODE_KIND_ADMIN` or `WANGGE_CODE_KIND_GRID`.
pub type wangge_code_kind = u32;
/// An administrative division code (6 or 12 digits).
pub const WANGGE_CODE_KIND_ADMIN: wangge_code_kind = 1;
/// A grid code (14, 15 or 20 digits).
pub const WANGGE_CODE_KIND_GRID: wangge_code_kind = 2;

/// The level of an administrative code (`WANGGE_ADMIN_LEVEL_*`; 0 for grid codes).
pub type wangge_admin_level = u32;
/// 省级.
pub const WANGGE_ADMIN_LEVEL_PROVINCE: wangge_admin_level = 1;
/// 地级.
pub const WANGGE_ADMIN_LEVEL_PREFECTURE: wangge_admin_level = 2;
/// 县级.
pub const WANGGE_ADMIN_LEVEL_COUNTY: wangge_admin_level = 3;
/// 乡级 (town, township, street office).
pub const WANGGE_ADMIN_LEVEL_TOWN: wangge_admin_level = 4;
/// 村级 (village, community).
pub const WANGGE_ADMIN_LEVEL_COMMUNITY: wangge_admin_level = 5;

/// What the township digits suggest (`WANGGE_TOWNSHIP_HINT_*`; 0: not applicable).
pub type wangge_township_hint = u32;
/// Not a 12-digit code (or a grid code).
pub const WANGGE_TOWNSHIP_HINT_NONE: wangge_township_hint = 0;
/// Street office (街道).
pub const WANGGE_TOWNSHIP_HINT_STREET: wangge_township_hint = 1;
/// Town (镇).
pub const WANGGE_TOWNSHIP_HINT_TOWN: wangge_township_hint = 2;
/// Township (乡).
pub const WANGGE_TOWNSHIP_HINT_TOWNSHIP: wangge_township_hint = 3;
/// Farm, forestry or development area.
pub const WANGGE_TOWNSHIP_HINT_SPECIAL_AREA: wangge_township_hint = 4;
/// Anything else.
pub const WANGGE_TOWNSHIP_HINT_OTHER: wangge_township_hint = 5;

/// A grid code layout (`WANGGE_GRID_LAYOUT_*`; 0 for administrative codes).
pub type wangge_grid_layout = u32;
/// 14 digits (12 + 2).
pub const WANGGE_GRID_LAYOUT_D14: wangge_grid_layout = 14;
/// 15 digits (12 + 3).
pub const WANGGE_GRID_LAYOUT_D15: wangge_grid_layout = 15;
/// 20 digits (6 + 12 + 2).
pub const WANGGE_GRID_LAYOUT_D20: wangge_grid_layout = 20;

/// Room for any code plus its NUL.
pub const WANGGE_CODE_CAPACITY: usize = 24;

/// What [`wangge_code_parse`] found. Text fields are NUL-terminated digit strings
/// (empty when not applicable).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct wangge_code_info {
    /// `WANGGE_CODE_KIND_ADMIN` or `WANGGE_CODE_KIND_GRID`.
    pub kind: wangge_code_kind,
    /// The code as given (normalised digits).
    pub code: [c_char; WANGGE_CODE_CAPACITY],
    /// Admin codes: the level.
    pub level: wangge_admin_level,
    /// Admin codes: the parent division ("" for a province).
    pub parent: [c_char; WANGGE_CODE_CAPACITY],
    /// Admin codes: the township hint of a 12-digit code.
    pub township_hint: wangge_township_hint,
    /// Grid codes: the layout.
    pub layout: wangge_grid_layout,
    /// Grid codes: the 12-digit community code.
    pub community: [c_char; WANGGE_CODE_CAPACITY],
    /// Grid codes: the sequence number.
    pub sequence: u32,
}

fn fill(dst: &mut [c_char; WANGGE_CODE_CAPACITY], text: &str) {
    for (d, b) in dst
        .iter_mut()
        .zip(text.bytes().take(WANGGE_CODE_CAPACITY - 1))
    {
        *d = b as c_char;
    }
}

/// Parses an administrative division code (6/12 digits) or a grid code (14/15/20
/// digits): `text` is `len` bytes (no NUL needed). On success fills `*out`.
///
/// # Safety
/// `text` NULL or `len` readable bytes; `out` NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_code_parse(
    text: *const c_char,
    len: usize,
    out: *mut wangge_code_info,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let text = unsafe { text_arg("text", text, len)? };
        let out = out_arg("out", out)?;
        let mut info = wangge_code_info {
            kind: 0,
            code: [0; WANGGE_CODE_CAPACITY],
            level: 0,
            parent: [0; WANGGE_CODE_CAPACITY],
            township_hint: WANGGE_TOWNSHIP_HINT_NONE,
            layout: 0,
            community: [0; WANGGE_CODE_CAPACITY],
            sequence: 0,
        };
        match UnitCode::parse(text).map_err(wangge_core::Error::from)? {
            UnitCode::Admin(a) => {
                info.kind = WANGGE_CODE_KIND_ADMIN;
                fill(&mut info.code, &a.to_string());
                info.level = match a.level() {
                    AdminLevel::Province => WANGGE_ADMIN_LEVEL_PROVINCE,
                    AdminLevel::Prefecture => WANGGE_ADMIN_LEVEL_PREFECTURE,
                    AdminLevel::County => WANGGE_ADMIN_LEVEL_COUNTY,
                    AdminLevel::Town => WANGGE_ADMIN_LEVEL_TOWN,
                    AdminLevel::Community => WANGGE_ADMIN_LEVEL_COMMUNITY,
                };
                if let Some(p) = a.parent() {
                    fill(&mut info.parent, &p.to_string());
                }
                info.township_hint = match a.township_hint() {
                    None => WANGGE_TOWNSHIP_HINT_NONE,
                    Some(TownshipHint::Street) => WANGGE_TOWNSHIP_HINT_STREET,
                    Some(TownshipHint::Town) => WANGGE_TOWNSHIP_HINT_TOWN,
                    Some(TownshipHint::Township) => WANGGE_TOWNSHIP_HINT_TOWNSHIP,
                    Some(TownshipHint::SpecialArea) => WANGGE_TOWNSHIP_HINT_SPECIAL_AREA,
                    Some(TownshipHint::Other) => WANGGE_TOWNSHIP_HINT_OTHER,
                };
            }
            UnitCode::Grid(g) => {
                info.kind = WANGGE_CODE_KIND_GRID;
                fill(&mut info.code, g.as_str());
                info.layout = match g.layout() {
                    GridCodeLayout::D14 => WANGGE_GRID_LAYOUT_D14,
                    GridCodeLayout::D15 => WANGGE_GRID_LAYOUT_D15,
                    GridCodeLayout::D20 => WANGGE_GRID_LAYOUT_D20,
                };
                fill(&mut info.community, &g.community().to_string());
                info.sequence = g.sequence();
            }
        }
        // SAFETY: `out` checked non-NULL.
        unsafe { *out = info };
        Ok(())
    })
}

// ---- geometry -------------------------------------------------------------------------

/// A coordinate reference system (`WANGGE_CRS_*`).
pub type wangge_crs = u32;
/// WGS84 (GPS) / CGCS2000.
pub const WANGGE_CRS_WGS84: wangge_crs = 0;
/// GCJ-02 (Amap, Tencent).
pub const WANGGE_CRS_GCJ02: wangge_crs = 1;
/// BD-09 (Baidu).
pub const WANGGE_CRS_BD09: wangge_crs = 2;

fn crs(name: &str, value: wangge_crs) -> Result<Crs, Failure> {
    match value {
        WANGGE_CRS_WGS84 => Ok(Crs::Wgs84),
        WANGGE_CRS_GCJ02 => Ok(Crs::Gcj02),
        WANGGE_CRS_BD09 => Ok(Crs::Bd09),
        other => Err(Failure::new(
            ErrorCode::UnknownCrs,
            format!("`{name}` = {other} is not a WANGGE_CRS_* value"),
        )),
    }
}

/// Converts a point between coordinate systems (rounded to 1e-9°, like `geo.convert`).
///
/// # Safety
/// `out_lon` and `out_lat` NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_geo_convert(
    lon: c_double,
    lat: c_double,
    from: wangge_crs,
    to: wangge_crs,
    out_lon: *mut c_double,
    out_lat: *mut c_double,
) -> wangge_status {
    guard(|| {
        let out_lon = out_arg("out_lon", out_lon)?;
        let out_lat = out_arg("out_lat", out_lat)?;
        let q = api::convert_point(Point::new(lon, lat), crs("from", from)?, crs("to", to)?)?;
        // SAFETY: both checked non-NULL.
        unsafe {
            *out_lon = q.lon;
            *out_lat = q.lat;
        }
        Ok(())
    })
}

// ---- policy ---------------------------------------------------------------------------

/// A validated policy (opaque). Made by [`wangge_policy_load`] or [`wangge_policy_preset`],
/// freed with [`wangge_policy_free`]. Immutable: may be shared between threads.
#[derive(Debug)]
pub struct wangge_policy {
    policy: Policy,
}

/// Loads a policy from TOML or JSON text (`len` bytes). On success `*out` is a new handle.
///
/// # Safety
/// `text` NULL or `len` readable bytes; `out` NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_policy_load(
    text: *const c_char,
    len: usize,
    out: *mut *mut wangge_policy,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let text = unsafe { json_arg("text", text, len)? };
        let out = out_arg("out", out)?;
        let policy = Policy::from_str_auto(text).map_err(wangge_core::Error::from)?;
        // SAFETY: `out` checked.
        unsafe { write_handle(out, wangge_policy { policy }) };
        Ok(())
    })
}

/// Loads a bundled preset by id (`"seed000"` … `"seed004"`, NUL-terminated).
///
/// # Safety
/// `id` NULL or NUL-terminated; `out` NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_policy_preset(
    id: *const c_char,
    out: *mut *mut wangge_policy,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let id = unsafe { cstr_arg("id", id)? };
        let out = out_arg("out", out)?;
        let policy = Policy::preset(id).map_err(wangge_core::Error::from)?;
        // SAFETY: `out` checked.
        unsafe { write_handle(out, wangge_policy { policy }) };
        Ok(())
    })
}

/// The policy's summary as JSON (the output shape of `policy.load`:
/// `{"id","name","version","levels","code_layout"}`).
///
/// # Safety
/// `policy` NULL or a live handle; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_policy_summary_json(
    policy: *const wangge_policy,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let p = unsafe { handle_arg("policy", policy)? };
        let out = out_arg("out", out)?;
        let s = serde_json::to_string(&api::policy_summary(&p.policy))
            .map_err(|e| Failure::new(ErrorCode::Internal, e.to_string()))?;
        // SAFETY: `out` checked.
        unsafe { write_string(out, out_len, s) }
    })
}

/// The whole policy in its JSON file form (reloadable with [`wangge_policy_load`]).
///
/// # Safety
/// `policy` NULL or a live handle; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_policy_to_json(
    policy: *const wangge_policy,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let p = unsafe { handle_arg("policy", policy)? };
        let out = out_arg("out", out)?;
        // SAFETY: `out` checked.
        unsafe { write_string(out, out_len, p.policy.to_json()) }
    })
}

/// Frees a policy handle. NULL is ignored.
///
/// # Safety
/// `policy` NULL or a live handle, not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_policy_free(policy: *mut wangge_policy) {
    // SAFETY: per the contract above.
    guard_void(|| unsafe { free_handle(policy) })
}

// ---- layer ----------------------------------------------------------------------------

/// The units of one GeoJSON file (opaque). Made by [`wangge_layer_load`], freed with
/// [`wangge_layer_free`]. Immutable: may be shared between threads.
#[derive(Debug)]
pub struct wangge_layer {
    layer: Layer,
}

/// Reads a GeoJSON FeatureCollection of grids/divisions (`len` bytes of UTF-8).
///
/// # Safety
/// `geojson` NULL or `len` readable bytes; `out` NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_layer_load(
    geojson: *const c_char,
    len: usize,
    out: *mut *mut wangge_layer,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let text = unsafe { json_arg("geojson", geojson, len)? };
        let out = out_arg("out", out)?;
        let layer = Layer::from_geojson(text)?;
        // SAFETY: `out` checked.
        unsafe { write_handle(out, wangge_layer { layer }) };
        Ok(())
    })
}

/// The number of units in the layer.
///
/// # Safety
/// `layer` NULL or a live handle; `out` NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_layer_len(
    layer: *const wangge_layer,
    out: *mut usize,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let l = unsafe { handle_arg("layer", layer)? };
        let out = out_arg("out", out)?;
        // SAFETY: `out` checked.
        unsafe { *out = l.layer.units.len() };
        Ok(())
    })
}

/// The codes of the units whose boundary contains the WGS84 point, as a JSON array of
/// strings in layer order (a linear scan; see the grid index for many points).
///
/// # Safety
/// `layer` NULL or a live handle; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_layer_units_at(
    layer: *const wangge_layer,
    lon: c_double,
    lat: c_double,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let l = unsafe { handle_arg("layer", layer)? };
        let out = out_arg("out", out)?;
        let p = Point::checked(lon, lat).map_err(wangge_core::Error::from)?;
        let codes: Vec<String> = l.layer.units_at(p).map(|u| u.code.to_string()).collect();
        let s = serde_json::to_string(&codes)
            .map_err(|e| Failure::new(ErrorCode::Internal, e.to_string()))?;
        // SAFETY: `out` checked.
        unsafe { write_string(out, out_len, s) }
    })
}

/// The layer written back as a GeoJSON FeatureCollection.
///
/// # Safety
/// `layer` NULL or a live handle; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_layer_to_geojson(
    layer: *const wangge_layer,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let l = unsafe { handle_arg("layer", layer)? };
        let out = out_arg("out", out)?;
        // SAFETY: `out` checked.
        unsafe { write_string(out, out_len, l.layer.to_geojson()) }
    })
}

/// Frees a layer handle. NULL is ignored.
///
/// # Safety
/// `layer` NULL or a live handle, not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_layer_free(layer: *mut wangge_layer) {
    // SAFETY: per the contract above.
    guard_void(|| unsafe { free_handle(layer) })
}

// ---- test builds only -----------------------------------------------------------------

/// Panics inside the library (test builds with the `test-panic` feature only): returns
/// `WANGGE_STATUS_PANIC`. Declared in the header under `WANGGE_TEST_PANIC`.
#[cfg(feature = "test-panic")]
#[unsafe(no_mangle)]
pub extern "C" fn wangge_test_panic() -> wangge_status {
    guard(|| panic!("deliberate panic (test-panic feature)"))
}
