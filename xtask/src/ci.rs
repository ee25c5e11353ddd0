//! `cargo xtask ci`: the whole check, in the order that fails fastest.
//!
//! 1. bootstrap the tools (see `tools.rs`);
//! 2. `cargo fmt --check`, `cargo clippy -D warnings`, `cargo test --workspace` (never with
//!    `WANGGE_BLESS`: see `sh::run_in`; the case property test with 10,000 sequences); the fuzz targets compile against the core (with a
//!    nightly toolchain, `--cfg fuzzing` as `cargo fuzz` builds them);
//! 3. C: header drift, gcc tests (shared + static) under valgrind, panic test, pkg-config
//!    install and the C example;
//! 4. WASM: npm package (both targets, wasm-opt), `.d.ts` drift, strict tsc, Node tests,
//!    panic test, Chromium (Playwright) with the browser example, the Node example;
//! 5. UniFFI: Swift drift, Kotlin/JVM and Python tests, Kotlin and Python examples;
//! 6. dist: every release artefact built and installed outside the workspace the way
//!    users install it, each quickstart run against the installed copy.

use std::time::Instant;

use crate::{bindings, dist, dist_check, sh, tools};

/// Runs every step; stops at the first failure.
pub fn run(_args: &[String]) -> Result<(), String> {
    let start = Instant::now();
    report_disk("at start");
    let mut times = Vec::new();
    let result = steps(&mut times);
    if result.is_err() {
        report_disk("at failure");
    }
    result?;
    report_disk("at end");
    eprintln!(
        "\nxtask ci: all steps passed in {:.0} s",
        start.elapsed().as_secs_f64()
    );
    for (name, secs) in &times {
        eprintln!("  {name:<22} {secs:>7.1} s");
    }
    Ok(())
}

/// Prints the free space on the workspace's disk (a CI machine has run out of it).
fn report_disk(when: &str) {
    let root = sh::root();
    if let Some(df) = sh::output("df", &["-h", "--output=avail,size", sh::s(&root)]) {
        let line = df.lines().nth(1).unwrap_or("?");
        eprintln!("xtask ci: disk {when}: {} (available, size)", line.trim());
    }
}

/// The steps in order, each timed into `times`.
fn steps(times: &mut Vec<(String, f64)>) -> Result<(), String> {
    let mut step = |name: &str, f: &mut dyn FnMut() -> Result<(), String>| -> Result<(), String> {
        let t = Instant::now();
        f()?;
        times.push((name.to_string(), t.elapsed().as_secs_f64()));
        Ok(())
    };
    let mut tools = None;
    step("bootstrap tools", &mut || {
        tools = Some(tools::bootstrap()?);
        Ok(())
    })?;
    let tools = tools.ok_or("no tools")?;
    step("fmt", &mut || {
        sh::run("cargo", &["fmt", "--all", "--check"])
    })?;
    step("clippy", &mut || {
        sh::run(
            "cargo",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--locked",
                "--",
                "-D",
                "warnings",
            ],
        )
    })?;
    step("cargo test", &mut || {
        // The case property test runs the 10,000 random command sequences in CI
        // (1,000 by default on a developer's `cargo test`).
        sh::run_in(
            &sh::root(),
            "cargo",
            &["test", "--workspace", "--locked"],
            &[("WANGGE_CASE_PROPTEST_CASES", "10000")],
        )
    })?;
    step("fuzz targets", &mut fuzz_check)?;
    step("C", &mut || bindings::c(&tools))?;
    step("WASM", &mut || bindings::wasm(&tools))?;
    step("Kotlin/Swift/Python", &mut || bindings::mobile(&tools))?;
    step("dist", &mut || {
        let artefacts = dist::build(&tools)?;
        dist::report_sizes(&artefacts)?;
        dist_check::all(&tools, &artefacts)
    })?;
    Ok(())
}

/// Compiles every fuzz target (`fuzz/`, outside the workspace) against the core, as
/// `cargo fuzz` would (`--cfg fuzzing`, nightly). Without a nightly toolchain the step says
/// so and is skipped: the targets need nightly only for libFuzzer's sanitizer flags, which
/// `cargo check` does not use, so the stable toolchain checks them instead.
fn fuzz_check() -> Result<(), String> {
    let nightly = sh::output("rustup", &["toolchain", "list"])
        .is_some_and(|list| list.lines().any(|l| l.starts_with("nightly")));
    let toolchain = if nightly { "+nightly" } else { "+stable" };
    if !nightly {
        eprintln!("xtask ci: no nightly toolchain: checking the fuzz targets with stable");
    }
    let root = sh::root();
    let target = root.join("target/fuzz-check");
    sh::run_in(
        &root,
        "cargo",
        &[
            toolchain,
            "check",
            "--manifest-path",
            "fuzz/Cargo.toml",
            "--locked",
            "--bins",
            "--target-dir",
            sh::s(&target),
        ],
        &[("RUSTFLAGS", "--cfg fuzzing")],
    )?;
    // Nothing later needs this build: give its ~190 MB back (CI's disk is tight).
    let _ = std::fs::remove_dir_all(&target);
    Ok(())
}
