//! Running commands with echo, timing and clear failure messages.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Runs a command in the workspace root, echoing it; fails on a non-zero exit.
pub fn run(program: &str, args: &[&str]) -> Result<(), String> {
    run_in(&root(), program, args, &[])
}

/// Runs a command in `dir` with extra environment variables.
pub fn run_in(
    dir: &Path,
    program: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> Result<(), String> {
    eprintln!("\n$ {} {}", program, args.join(" "));
    let start = Instant::now();
    let status = Command::new(program)
        .args(args)
        .current_dir(dir)
        // `cargo run` (how `cargo xtask` starts) puts target/debug on LD_LIBRARY_PATH, which
        // would win over the rpath of the C test programs and load the wrong libwangge.
        .env_remove("LD_LIBRARY_PATH")
        // CI builds once from scratch: incremental caches only cost disk (~1.5 GB).
        .env("CARGO_INCREMENTAL", "0")
        // Drift tests rewrite their expected files when WANGGE_BLESS is set: a check must
        // never bless itself. Only `cargo xtask bless` sets it (through `env`).
        .env_remove("WANGGE_BLESS")
        .envs(env.iter().copied())
        .status()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    eprintln!("  ({:.1} s)", start.elapsed().as_secs_f64());
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "`{program} {}` failed with {status}",
            args.join(" ")
        ))
    }
}

/// Runs the workspace's CLI (`cargo run -q -p wangge-cli --locked -- ARGS`, debug build).
pub fn wangge_cli(args: &[&str]) -> Result<(), String> {
    let mut all = vec!["run", "-q", "-p", "wangge-cli", "--locked", "--"];
    all.extend_from_slice(args);
    run("cargo", &all)
}

/// Runs a command quietly and returns its trimmed stdout+stderr if it exits 0.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let mut s = String::from_utf8_lossy(&out.stdout).into_owned();
    s.push_str(&String::from_utf8_lossy(&out.stderr));
    Some(s.trim().to_string())
}

/// Runs a command in the root and returns its stdout, failing on a non-zero exit.
pub fn capture(program: &str, args: &[&str], env: &[(&str, &str)]) -> Result<String, String> {
    eprintln!("\n$ {} {}", program, args.join(" "));
    let out = Command::new(program)
        .args(args)
        .current_dir(root())
        .env_remove("LD_LIBRARY_PATH")
        .env("CARGO_INCREMENTAL", "0")
        .envs(env.iter().copied())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`{program} {}` failed with {}",
            args.join(" "),
            out.status
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A path as `&str` (the workspace lives at a UTF-8 path).
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

/// Removes and recreates a directory.
pub fn fresh_dir(p: &Path) -> Result<(), String> {
    if p.exists() {
        std::fs::remove_dir_all(p).map_err(|e| format!("remove {}: {e}", p.display()))?;
    }
    std::fs::create_dir_all(p).map_err(|e| format!("create {}: {e}", p.display()))
}

/// Copies a file, creating the destination's folder.
pub fn copy(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("create {}: {e}", parent.display()))?;
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("copy {} -> {}: {e}", from.display(), to.display()))
}

/// Reads a file as text.
pub fn read(p: &Path) -> Result<String, String> {
    std::fs::read_to_string(p).map_err(|e| format!("read {}: {e}", p.display()))
}

/// Prints a section heading.
pub fn section(title: &str) {
    eprintln!("\n==== {title} ====");
}
