//! Coverage validation of a layer and the grid index (point location).

use std::ffi::{c_char, c_double};

use chrono::NaiveDate;

use wangge_core::ErrorCode;
use wangge_core::geo::Point;
use wangge_core::grid::coverage::{self, CoverageOptions};
use wangge_core::grid::index::api::read_date;
use wangge_core::grid::{GridIndex, Location};

use crate::boundary::{
    Failure, Res, free_handle, guard, guard_void, handle_arg, json_arg, out_arg, text_arg,
    write_handle, write_string,
};
use crate::status::wangge_status;
use crate::{WANGGE_CODE_CAPACITY, crs, fill, wangge_crs, wangge_layer};

// ---- coverage validation ---------------------------------------------------------------

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ValidateOptions {
    #[serde(default)]
    tolerance_m: Option<f64>,
    #[serde(default)]
    policy: Option<String>,
    #[serde(default)]
    as_of: Option<String>,
}

fn validate_options(text: Option<&str>) -> Res<CoverageOptions> {
    let Some(text) = text else {
        return Ok(CoverageOptions::default());
    };
    let o: ValidateOptions = serde_json::from_str(text).map_err(wangge_core::Error::from)?;
    Ok(coverage::api::options(
        o.policy.as_deref(),
        o.tolerance_m,
        o.as_of.as_deref(),
    )?)
}

/// Validates the coverage of a layer (gaps, overlaps, duplicates, invalid rings, code
/// mismatches, orphans, parts outside the parent, size rules), optionally with a second
/// layer `parent` holding the units above it (NULL: none).
///
/// `options` is `options_len` bytes of JSON `{"tolerance_m"?: metres, "policy"?: preset id
/// or policy text, "as_of"?: "YYYY-MM-DD"}`, or NULL for the defaults. On success `*out`
/// is the report as JSON, the output of the `grid.validate` operation: `{"valid", "grids",
/// "violations": [{"kind", "codes", "at": [lon, lat], "area_m2", "message"}]}` (free it
/// with `wangge_string_free`). A layer with violations is a success: read `valid`.
///
/// # Safety
/// `layer` NULL or a live handle; `parent` NULL or a live handle; `options` NULL or
/// `options_len` readable bytes; `out` valid for a write; `out_len` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_layer_validate(
    layer: *const wangge_layer,
    parent: *const wangge_layer,
    options: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let l = unsafe { handle_arg("layer", layer)? };
        // SAFETY: per the contract above (NULL allowed).
        let p = unsafe { parent.as_ref() };
        let options = if options.is_null() {
            None
        } else {
            // SAFETY: per the contract above.
            Some(unsafe { json_arg("options", options, options_len)? })
        };
        let out = out_arg("out", out)?;
        let opts = validate_options(options)?;
        let report = coverage::validate(&l.layer, p.map(|p| &p.layer), &opts);
        let s = serde_json::to_string(&report)
            .map_err(|e| Failure::new(ErrorCode::Internal, e.to_string()))?;
        // SAFETY: `out` checked.
        unsafe { write_string(out, out_len, s) }
    })
}

// ---- grid index -----------------------------------------------------------------------

/// How a point was placed (`WANGGE_PLACE_*`).
pub type wangge_place = u32;
/// Neither a grid nor any other unit holds the point.
pub const WANGGE_PLACE_OUTSIDE: wangge_place = 0;
/// A grid holds the point.
pub const WANGGE_PLACE_GRID: wangge_place = 1;
/// No grid holds the point; a larger unit does (属地兜底).
pub const WANGGE_PLACE_FALLBACK: wangge_place = 2;

/// The most ancestors a location can carry.
pub const WANGGE_MAX_ANCESTORS: usize = 12;

/// Where a point is ([`wangge_grid_index_locate`]). Text fields are NUL-terminated digit
/// strings.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct wangge_location {
    /// `WANGGE_PLACE_GRID`, `WANGGE_PLACE_FALLBACK` or `WANGGE_PLACE_OUTSIDE`.
    pub place: wangge_place,
    /// The grid (or, for a fallback, the unit) holding the point; "" when outside.
    pub code: [c_char; WANGGE_CODE_CAPACITY],
    /// How many entries of `ancestors` are used.
    pub ancestors_len: u32,
    /// The units above `code`, nearest first: community, town, county.
    pub ancestors: [[c_char; WANGGE_CODE_CAPACITY]; WANGGE_MAX_ANCESTORS],
}

fn location_of(loc: &Location) -> wangge_location {
    let mut out = wangge_location {
        place: WANGGE_PLACE_OUTSIDE,
        code: [0; WANGGE_CODE_CAPACITY],
        ancestors_len: 0,
        ancestors: [[0; WANGGE_CODE_CAPACITY]; WANGGE_MAX_ANCESTORS],
    };
    if let Some(g) = loc.grid {
        out.place = WANGGE_PLACE_GRID;
        fill(&mut out.code, g.as_str());
    } else if let Some(f) = loc.fallback {
        out.place = WANGGE_PLACE_FALLBACK;
        fill(&mut out.code, &f.to_string());
    }
    for (slot, a) in out.ancestors.iter_mut().zip(&loc.ancestors) {
        fill(slot, &a.to_string());
        out.ancestors_len += 1;
    }
    out
}

/// A point index over the grids of a layer (opaque). Made by [`wangge_grid_index_build`],
/// freed with [`wangge_grid_index_free`]. Immutable: may be shared between threads.
#[derive(Debug)]
pub struct wangge_grid_index {
    index: GridIndex,
    /// Every unit's code as a NUL-padded C string, in [`GridIndex::unit_codes`] order:
    /// a batch copies slots instead of formatting codes.
    slots: Vec<[c_char; WANGGE_CODE_CAPACITY]>,
}

/// Builds the point index of a layer's grids (and of its other units, for fallback). The
/// index does not refer to the layer afterwards: the layer may be freed.
///
/// Errors: no grid (`WANGGE_STATUS_EMPTY_LAYER`), invalid geometry, an invalid validity,
/// two versions of a code in force on one day (`WANGGE_STATUS_DUPLICATE_UNIT`), a layer
/// beyond the index's limits.
///
/// # Safety
/// `layer` NULL or a live handle; `out` NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_grid_index_build(
    layer: *const wangge_layer,
    out: *mut *mut wangge_grid_index,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let l = unsafe { handle_arg("layer", layer)? };
        let out = out_arg("out", out)?;
        let index = GridIndex::build(&l.layer).map_err(wangge_core::Error::from)?;
        let slots = index
            .unit_codes()
            .iter()
            .map(|code| {
                let mut slot = [0; WANGGE_CODE_CAPACITY];
                fill(&mut slot, &code.to_string());
                slot
            })
            .collect();
        // SAFETY: `out` checked.
        unsafe { write_handle(out, wangge_grid_index { index, slots }) };
        Ok(())
    })
}

/// Reads the optional `as_of` date (NULL: the current versions).
///
/// # Safety
/// `as_of` NULL or `len` readable bytes.
unsafe fn as_of_arg(as_of: *const c_char, len: usize) -> Res<Option<NaiveDate>> {
    if as_of.is_null() {
        return Ok(None);
    }
    // SAFETY: per the contract above.
    let text = unsafe { text_arg("as_of", as_of, len)? };
    Ok(Some(read_date(text)?))
}

fn wgs84(lon: f64, lat: f64, crs_value: wangge_crs) -> Res<Point> {
    let c = crs("crs", crs_value)?;
    Ok(c.to_wgs84(Point::new(lon, lat))
        .map_err(wangge_core::Error::from)?)
}

/// Locates one point: the grid holding it and the units above, or the fallback unit (the
/// boundary rule of `wangge::grid::index`: a point on a shared edge belongs to the grid
/// east of it, on an east–west edge to the grid north of it). `crs` is a `WANGGE_CRS_*`
/// value; `as_of` is `as_of_len` bytes `"YYYY-MM-DD"` to answer with the versions in force
/// that day, or NULL for the current versions. The same answer as the `grid.locate`
/// operation.
///
/// # Safety
/// `index` NULL or a live handle; `as_of` NULL or `as_of_len` readable bytes; `out` NULL or
/// valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_grid_index_locate(
    index: *const wangge_grid_index,
    lon: c_double,
    lat: c_double,
    crs: wangge_crs,
    as_of: *const c_char,
    as_of_len: usize,
    out: *mut wangge_location,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let ix = unsafe { handle_arg("index", index)? };
        // SAFETY: per the contract above.
        let date = unsafe { as_of_arg(as_of, as_of_len)? };
        let out = out_arg("out", out)?;
        let p = wgs84(lon, lat, crs)?;
        let loc = match date {
            Some(d) => ix.index.locate_as_of(p, d),
            None => ix.index.locate(p),
        };
        // SAFETY: `out` checked non-NULL.
        unsafe { *out = location_of(&loc) };
        Ok(())
    })
}

/// Locates `n` points at once: `lonlat` holds `2 * n` numbers `lon0, lat0, lon1, lat1, …`
/// in the `crs` given. On success writes, for point `i`, the NUL-terminated code of the
/// grid (or fallback unit) holding it into `codes + i * WANGGE_CODE_CAPACITY` ("" when
/// outside) and, when `places` is not NULL, `WANGGE_PLACE_*` into `places[i]`. `as_of` as
/// in [`wangge_grid_index_locate`].
///
/// A point that is not a valid coordinate fails the whole call
/// (`WANGGE_STATUS_INVALID_COORDINATE`, the message names its position) and nothing is
/// written. Use [`wangge_grid_index_locate`] for the ancestors of a point.
///
/// # Safety
/// `index` NULL or a live handle; `lonlat` NULL or `2 * n` readable doubles; `as_of` NULL
/// or `as_of_len` readable bytes; `codes` NULL or `n * WANGGE_CODE_CAPACITY` writable
/// bytes; `places` NULL or `n` writable values.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn wangge_grid_index_locate_batch(
    index: *const wangge_grid_index,
    lonlat: *const c_double,
    n: usize,
    crs: wangge_crs,
    as_of: *const c_char,
    as_of_len: usize,
    codes: *mut c_char,
    places: *mut wangge_place,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let ix = unsafe { handle_arg("index", index)? };
        if lonlat.is_null() {
            return Err(Failure::null("lonlat"));
        }
        // SAFETY: per the contract above.
        let date = unsafe { as_of_arg(as_of, as_of_len)? };
        let codes = out_arg("codes", codes)?;
        let too_many = || {
            Failure::new(
                ErrorCode::InvalidArgument,
                format!("n = {n} points is too many"),
            )
        };
        // Both buffers must fit the address space (`isize::MAX` bytes).
        if n > isize::MAX as usize / (2 * std::mem::size_of::<f64>()).max(WANGGE_CODE_CAPACITY) {
            return Err(too_many());
        }
        let (numbers, bytes) = (2 * n, n * WANGGE_CODE_CAPACITY);
        // SAFETY: non-NULL, `2 * n` readable doubles per the contract.
        let raw = unsafe { std::slice::from_raw_parts(lonlat, numbers) };
        let c = crate::crs("crs", crs)?;
        let positions = ix.index.locate_positions(raw, c, date)?;
        let grids = ix.index.grid_count();
        // SAFETY: `codes` non-NULL with `n * WANGGE_CODE_CAPACITY` writable bytes.
        let dst = unsafe { std::slice::from_raw_parts_mut(codes, bytes) };
        for (slot, &r) in dst.chunks_exact_mut(WANGGE_CODE_CAPACITY).zip(&positions) {
            match usize::try_from(r) {
                Ok(r) => slot.copy_from_slice(&ix.slots[r]),
                Err(_) => slot.fill(0),
            }
        }
        if !places.is_null() {
            // SAFETY: non-NULL with `n` writable values per the contract.
            let dst = unsafe { std::slice::from_raw_parts_mut(places, n) };
            for (d, &r) in dst.iter_mut().zip(&positions) {
                *d = match usize::try_from(r) {
                    Ok(r) if r < grids => WANGGE_PLACE_GRID,
                    Ok(_) => WANGGE_PLACE_FALLBACK,
                    Err(_) => WANGGE_PLACE_OUTSIDE,
                };
            }
        }
        Ok(())
    })
}

/// The number of grid versions indexed.
///
/// # Safety
/// `index` NULL or a live handle; `out` NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_grid_index_grid_count(
    index: *const wangge_grid_index,
    out: *mut usize,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let ix = unsafe { handle_arg("index", index)? };
        let out = out_arg("out", out)?;
        // SAFETY: `out` checked.
        unsafe { *out = ix.index.grid_count() };
        Ok(())
    })
}

/// The heap memory the index holds, in bytes (approximate).
///
/// # Safety
/// `index` NULL or a live handle; `out` NULL or valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_grid_index_memory_bytes(
    index: *const wangge_grid_index,
    out: *mut usize,
) -> wangge_status {
    guard(|| {
        // SAFETY: per the contract above.
        let ix = unsafe { handle_arg("index", index)? };
        let out = out_arg("out", out)?;
        // SAFETY: `out` checked.
        unsafe { *out = ix.index.memory_bytes() + ix.slots.capacity() * WANGGE_CODE_CAPACITY };
        Ok(())
    })
}

/// Frees a grid index. NULL is ignored.
///
/// # Safety
/// `index` NULL or a live handle, not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wangge_grid_index_free(index: *mut wangge_grid_index) {
    // SAFETY: per the contract above.
    guard_void(|| unsafe { free_handle(index) })
}
