//! `cargo xtask <task>`: project automation.
//!
//! * `ci` — everything CI runs: installs missing tools, then formatting, clippy with
//!   `-D warnings`, every test of every crate and every binding's tests and examples.
//! * `bless` — regenerates the committed generated files after an API, operation or
//!   error-code change: `docs/ERRORS.md`, `bindings-c/src/status.rs`, every binding's
//!   per-operation functions and its test runner's table of them (from `wangge::api::OP_INFO`:
//!   `bindings-*/src/ops_json.rs`, `bindings-c/tests/c/vectors_ops.h`,
//!   `bindings-wasm/tests/ops.generated.mjs`, `bindings-mobile/tests/{kotlin/GeneratedOps.kt,
//!   python/generated_ops.py}`), `bindings-c/include/wangge.h`, the `.d.ts` files, the
//!   UniFFI error mirrors and the Swift sources.
//! * `dist [--check]` — release artefacts for every ecosystem in `out/dist` (crate, npm
//!   tarball, wheel, jar + pom, C tarball, CLI); `--check` installs each outside the
//!   workspace and runs its quickstart.
//! * `install-c --prefix DIR` — installs `libwangge`, `wangge.h` and `wangge.pc`.
//! * `bench-bindings` — locate through native Rust, the C ABI and WASM in Node.

mod bench;
mod bindings;
mod ci;
mod dist;
mod dist_check;
mod sh;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;

fn bless() -> Result<(), String> {
    let tools = tools::bootstrap()?;
    let bless_env = [("WANGGE_BLESS", "1")];
    sh::run_in(
        &sh::root(),
        "cargo",
        &["test", "-q", "-p", "wangge", "--lib", "errors_md"],
        &bless_env,
    )?;
    let c_generated = || {
        sh::run_in(
            &sh::root(),
            "cargo",
            &[
                "test",
                "-q",
                "-p",
                "wangge-c",
                "--lib",
                "--",
                "status_tests",
                "ops_gen_tests",
            ],
            &bless_env,
        )
    };
    // The first run writes `status.rs` and `ops_json.rs`; its checks against the header fail
    // while `wangge.h` is stale. The header is made from those sources, then the run repeats.
    if c_generated().is_err() {
        bindings::c_header(&tools, false)?;
        c_generated()?;
    }
    // These crates compile the files their tests write: a first run after a change writes
    // them (and its checks of the old build fail); the second run checks the new build.
    for args in [
        &["test", "-q", "-p", "wangge-mobile", "--test", "generated"][..],
        &["test", "-q", "-p", "wangge-wasm", "--lib", "ops_gen_tests"][..],
    ] {
        if sh::run_in(&sh::root(), "cargo", args, &bless_env).is_err() {
            sh::run_in(&sh::root(), "cargo", args, &bless_env)?;
        }
    }
    bindings::c_header(&tools, false)?;
    bindings::build_npm(&tools)?;
    bindings::wasm_types(true)?;
    bindings::swift_drift(true)?;
    eprintln!("\nxtask bless: generated files are current; review and commit them");
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ci") => ci::run(&args[1..]),
        Some("bless") => bless(),
        Some("install-c") => match (args.get(1).map(String::as_str), args.get(2)) {
            (Some("--prefix"), Some(prefix)) => bindings::install_c(&PathBuf::from(prefix)),
            _ => Err("usage: cargo xtask install-c --prefix DIR".into()),
        },
        Some("bench-bindings") => bench::run(&args[1..]),
        Some("dist") => dist::run(&args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask ci | bless | dist [--check] | install-c --prefix DIR | bench-bindings"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
