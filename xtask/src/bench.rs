//! `cargo xtask bench-bindings [--grids N] [--points N]`: locate through native Rust, the
//! C ABI (static library, gcc -O2) and WASM in Node, on the same sample county and the
//! same points, one after the other in one run. Prints ns per point and the ratios, and
//! writes `out/bench/bindings.md`.
//!
//! "Locate" goes through the grid index built once from the layer: native
//! `GridIndex::locate_batch` (and `find_batch`), C `wangge_grid_index_locate_batch` (codes
//! into a caller buffer) and WASM `GridIndex.locateBatch` (a `Float64Array` in, an
//! `Int32Array` of positions out). Index building is not timed.

use crate::bindings::{self, STATIC_LIBS};
use crate::sh::{self, s};
use crate::tools;

fn flag(args: &[String], name: &str, default: usize) -> Result<usize, String> {
    match args.iter().position(|a| a == name) {
        None => Ok(default),
        Some(i) => args
            .get(i + 1)
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("{name} needs a number")),
    }
}

/// Deterministic points over the sample county's extent (≈ 50 km around 118.5°E 35.8°N).
fn points(n: usize) -> String {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n)
        .map(|_| {
            let lon = 118.5 + (next() - 0.5) * 0.56;
            let lat = 35.8 + (next() - 0.5) * 0.46;
            format!("{lon:.7} {lat:.7}\n")
        })
        .collect()
}

fn parse(out: &str, side: &str) -> Result<(f64, u64), String> {
    let line = out
        .lines()
        .find(|l| l.starts_with(side))
        .ok_or_else(|| format!("no result from {side}: {out}"))?;
    let f: Vec<&str> = line.split_whitespace().collect();
    let ns = f.get(2).and_then(|v| v.parse().ok()).ok_or("bad ns")?;
    let hits = f.get(4).and_then(|v| v.parse().ok()).ok_or("bad hits")?;
    Ok((ns, hits))
}

/// Runs the three sides and reports.
pub fn run(args: &[String]) -> Result<(), String> {
    let grids = flag(args, "--grids", 1358)?;
    let n = flag(args, "--points", 100_000)?;
    let tools = tools::bootstrap()?;
    let dir = sh::root().join("out/bench");
    sh::fresh_dir(&dir)?;
    let layer = dir.join("layer.geojson");
    sh::wangge_cli(&[
        "grid",
        "generate",
        "--grids",
        &grids.to_string(),
        "--only",
        "grids",
        "-o",
        s(&layer),
    ])?;
    let pts = dir.join("points.txt");
    std::fs::write(&pts, points(n)).map_err(|e| e.to_string())?;

    let native = sh::capture(
        "cargo",
        &[
            "run",
            "-q",
            "--release",
            "-p",
            "wangge-c",
            "--locked",
            "--example",
            "bench_native",
            "--",
            s(&layer),
            s(&pts),
        ],
        &[],
    )?;

    let prefix = dir.join("prefix");
    bindings::install_c(&prefix)?;
    let exe = dir.join("bench_locate");
    let mut gcc: Vec<String> = vec![
        "-std=c11".into(),
        "-O2".into(),
        s(&sh::root().join("bindings-c/bench/bench_locate.c")).into(),
        format!("-I{}", s(&prefix.join("include"))),
        s(&prefix.join("lib/libwangge.a")).into(),
    ];
    gcc.extend(STATIC_LIBS.iter().map(|l| l.to_string()));
    gcc.extend(["-o".into(), s(&exe).into()]);
    sh::run("gcc", &gcc.iter().map(String::as_str).collect::<Vec<_>>())?;
    let c = sh::capture(s(&exe), &[s(&layer), s(&pts)], &[])?;

    bindings::build_npm(&tools)?;
    let wasm = sh::capture(
        "node",
        &[
            "bindings-wasm/bench/locate.mjs",
            s(&sh::root().join("out/npm/wangge")),
            s(&layer),
            s(&pts),
        ],
        &[],
    )?;

    let (n_ns, n_hits) = parse(&native, "native ")?;
    let (f_ns, f_hits) = parse(&native, "native_find")?;
    let (c_ns, c_hits) = parse(&c, "c")?;
    let (w_ns, w_hits) = parse(&wasm, "wasm")?;
    if n_hits != c_hits || n_hits != w_hits || n_hits != f_hits {
        return Err(format!(
            "the sides disagree: native {n_hits}/{f_hits}, C {c_hits}, WASM {w_hits} hits"
        ));
    }
    let (raw, gz) = bindings::wasm_sizes()?;
    let report = format!(
        "locate through the grid index (built once, not timed), {grids} grids, {n} points in one batch, \
         {n_hits} in a grid; best of 20 rounds\n\n\
         | side | ns / point | vs native `locate_batch` | vs native `find_batch` |\n|---|---:|---:|---:|\n\
         | native Rust `GridIndex::locate_batch` (full locations) | {n_ns:.1} | 1.00 | {:.2} |\n\
         | native Rust `GridIndex::find_batch` (table positions) | {f_ns:.1} | {:.2} | 1.00 |\n\
         | C ABI `wangge_grid_index_locate_batch` (static, codes into a buffer) | {c_ns:.1} | {:.2} | {:.2} |\n\
         | WASM in Node `GridIndex.locateBatch` (`Int32Array` of positions) | {w_ns:.1} | {:.2} | {:.2} |\n\n\
         npm package `web/wangge_bg.wasm`: {raw} bytes, {gz} bytes gzipped (gzip -9)\n",
        n_ns / f_ns,
        f_ns / n_ns,
        c_ns / n_ns,
        c_ns / f_ns,
        w_ns / n_ns,
        w_ns / f_ns
    );
    std::fs::write(dir.join("bindings.md"), &report).map_err(|e| e.to_string())?;
    println!("{report}");
    Ok(())
}
