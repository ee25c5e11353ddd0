//! `cargo xtask ci`: the whole check, in the order that fails fastest.

use crate::sh;

/// Runs every step; stops at the first failure.
pub fn run(_args: &[String]) -> Result<(), String> {
    sh::run("cargo", &["fmt", "--all", "--check"])?;
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
    )?;
    sh::run("cargo", &["test", "--workspace", "--locked"])?;
    eprintln!("\nxtask ci: all steps passed");
    Ok(())
}
