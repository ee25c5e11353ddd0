//! `cargo xtask dist [--check]`: one folder of release artefacts for linux-x86_64, each
//! installable with its ecosystem's own tool and nothing else.
//!
//! | artefact | file in `out/dist/` | installed with |
//! |---|---|---|
//! | Rust crate | `wangge-V.crate` | `cargo` (the docs build with `-D warnings`, as docs.rs would) |
//! | npm package (one `.wasm` for Node and browsers) | `wangge-V.tgz` | `npm install ./wangge-V.tgz` |
//! | Python wheel (with `.pyi` stubs) | `wangge-V-py3-none-linux_x86_64.whl` | `pip install` |
//! | JVM jar (native library inside) + `pom.xml` | `wangge-V.jar`, `wangge-V.pom` | a classpath, or `mvn install:install-file` |
//! | C library | `wangge-V-linux-x86_64.tar.gz` | unpack; `pkg-config` (relocatable `wangge.pc`) |
//! | CLI | `wangge-cli-V-linux-x86_64.tar.gz` | unpack |
//!
//! The version of every artefact is the workspace's (`[workspace.package] version`).
//! With `--check`, each artefact is installed outside the workspace (a fresh venv, a fresh
//! npm project, a plain `kotlinc`/`java` classpath, `cc $(pkg-config …)`) and the
//! quickstart of the README runs against the installed copy (see `dist_check.rs`).

use std::path::{Path, PathBuf};

use crate::bindings;
use crate::sh::{self, s};
use crate::tools::{self, Tools};

/// What `dist` wrote.
pub struct Artefacts {
    /// The version of every artefact.
    pub version: String,
    /// `out/dist`.
    pub dir: PathBuf,
    /// The crate file.
    pub krate: PathBuf,
    /// The npm tarball.
    pub npm: PathBuf,
    /// The wheel.
    pub wheel: PathBuf,
    /// The jar and its pom.
    pub jar: PathBuf,
    /// The C tarball.
    pub c: PathBuf,
    /// The CLI tarball.
    pub cli: PathBuf,
}

/// `cargo xtask dist [--check]`.
pub fn run(args: &[String]) -> Result<(), String> {
    let tools = tools::bootstrap()?;
    let a = build(&tools)?;
    report_sizes(&a)?;
    if args.iter().any(|a| a == "--check") {
        crate::dist_check::all(&tools, &a)?;
    }
    Ok(())
}

fn target() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| sh::root().join("target"))
}

/// The workspace version: `version` under `[workspace.package]` in the root `Cargo.toml`.
pub fn workspace_version() -> Result<String, String> {
    let toml = sh::read(&sh::root().join("Cargo.toml"))?;
    let section = toml
        .split("[workspace.package]")
        .nth(1)
        .ok_or("no [workspace.package] in Cargo.toml")?;
    section
        .lines()
        .take_while(|l| !l.trim_start().starts_with('['))
        .find_map(|l| {
            let (k, v) = l.split_once('=')?;
            (k.trim() == "version").then(|| v.trim().trim_matches('"').to_string())
        })
        .ok_or_else(|| "no version under [workspace.package]".to_string())
}

/// Builds every artefact into `out/dist`.
pub fn build(tools: &Tools) -> Result<Artefacts, String> {
    sh::section("dist: release artefacts");
    let version = workspace_version()?;
    let dir = sh::root().join("out/dist");
    sh::fresh_dir(&dir)?;
    let krate = crate_file(&dir, &version)?;
    let npm = npm_package(tools, &dir, &version)?;
    let c = c_tarball(&dir, &version)?;
    let so = mobile_release()?;
    let wheel = python_wheel(&dir, &version, &so)?;
    let jar = jvm_jar(tools, &dir, &version, &so)?;
    let cli = cli_tarball(&dir, &version)?;
    Ok(Artefacts {
        version,
        dir,
        krate,
        npm,
        wheel,
        jar,
        c,
        cli,
    })
}

/// `cargo package` (verified: the packaged crate builds on its own) and its docs with
/// warnings denied.
fn crate_file(dir: &Path, version: &str) -> Result<PathBuf, String> {
    sh::run(
        "cargo",
        &["package", "-p", "wangge", "--locked", "--allow-dirty"],
    )?;
    sh::run_in(
        &sh::root(),
        "cargo",
        &["doc", "-p", "wangge", "--no-deps", "--locked"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    )?;
    let name = format!("wangge-{version}.crate");
    let to = dir.join(&name);
    sh::copy(&target().join("package").join(&name), &to)?;
    Ok(to)
}

/// The npm package: the `web` build of wasm-bindgen (one `.wasm`), a Node entry that
/// instantiates the same module from the file, the `.d.ts`, the README; `npm pack`.
fn npm_package(tools: &Tools, dir: &Path, version: &str) -> Result<PathBuf, String> {
    let web = sh::root().join("out/npm/wangge/web");
    // The WASM step of `cargo xtask ci` has just built the package; build it here only
    // when it is missing or older than the compiled module.
    sh::run(
        "cargo",
        &[
            "build",
            "-p",
            "wangge-wasm",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-release",
            "--locked",
        ],
    )?;
    let module = target().join("wasm32-unknown-unknown/wasm-release/wangge_wasm.wasm");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(&module), modified(&web.join("wangge_bg.wasm"))) {
        (Some(built), Some(packaged)) if packaged >= built => {}
        _ => bindings::build_npm(tools)?,
    }
    let pkg = sh::root().join("out/dist-npm/wangge");
    sh::fresh_dir(&pkg)?;
    for f in ["wangge.js", "wangge.d.ts", "wangge_bg.wasm"] {
        sh::copy(&web.join(f), &pkg.join(f))?;
    }
    let npm = sh::root().join("bindings-wasm/npm");
    for f in ["node.mjs", "node.d.ts"] {
        sh::copy(&npm.join(f), &pkg.join(f))?;
    }
    sh::copy(
        &sh::root().join("bindings-wasm/README.md"),
        &pkg.join("README.md"),
    )?;
    let manifest = sh::read(&npm.join("package.json"))?;
    check_manifest_version(&manifest, version)?;
    std::fs::write(pkg.join("package.json"), manifest).map_err(|e| e.to_string())?;
    sh::run_in(
        &pkg,
        "npm",
        &[
            "pack",
            "--silent",
            "--pack-destination",
            s(dir),
            "--no-audit",
            "--no-fund",
        ],
        &[],
    )?;
    let tgz = dir.join(format!("wangge-{version}.tgz"));
    if !tgz.exists() {
        return Err(format!("npm pack did not write {}", tgz.display()));
    }
    let listing = sh::capture("tar", &["tzf", s(&tgz)], &[])?;
    let wasm_files = listing.lines().filter(|l| l.ends_with(".wasm")).count();
    if wasm_files != 1 {
        return Err(format!(
            "the npm tarball holds {wasm_files} .wasm files, not one:\n{listing}"
        ));
    }
    Ok(tgz)
}

/// Fails unless `package.json` says `"version": "<version>"`.
fn check_manifest_version(manifest: &str, version: &str) -> Result<(), String> {
    let want = format!("\"version\": \"{version}\"");
    if manifest.contains(&want) {
        Ok(())
    } else {
        Err(format!(
            "bindings-wasm/npm/package.json must say {want} (the workspace version)"
        ))
    }
}

/// `libwangge.{so,a}`, `wangge.h`, a relocatable `wangge.pc` and the C README in
/// `wangge-V/`, tarred.
fn c_tarball(dir: &Path, version: &str) -> Result<PathBuf, String> {
    let name = format!("wangge-{version}");
    let stage = sh::root().join("out/dist-c");
    sh::fresh_dir(&stage)?;
    let prefix = stage.join(&name);
    bindings::install_c(&prefix)?;
    // Relocatable: the prefix is found from the .pc file's own place.
    let pc = prefix.join("lib/pkgconfig/wangge.pc");
    let text = sh::read(&pc)?;
    let relocatable = text
        .lines()
        .map(|l| {
            if l.starts_with("prefix=") {
                "prefix=${pcfiledir}/../..".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    std::fs::write(&pc, relocatable).map_err(|e| e.to_string())?;
    sh::copy(
        &sh::root().join("bindings-c/README.md"),
        &prefix.join("README.md"),
    )?;
    let tgz = dir.join(format!("wangge-{version}-linux-x86_64.tar.gz"));
    sh::run("tar", &["czf", s(&tgz), "-C", s(&stage), &name])?;
    Ok(tgz)
}

/// The release `libwangge_mobile.so` (symbols kept: `strip = "debuginfo"`).
fn mobile_release() -> Result<PathBuf, String> {
    sh::run(
        "cargo",
        &["build", "-p", "wangge-mobile", "--release", "--locked"],
    )?;
    Ok(target().join("release/libwangge_mobile.so"))
}

/// Python and Kotlin sources generated from the release library.
fn generated(so: &Path) -> Result<PathBuf, String> {
    let dir = sh::root().join("out/dist-uniffi");
    if dir.join("python/wangge.py").exists() && dir.join("kotlin/org/wangge/wangge.kt").exists() {
        return Ok(dir);
    }
    sh::fresh_dir(&dir)?;
    sh::run("cargo", &["build", "-p", "uniffi-bindgen", "--locked"])?;
    let bindgen = target().join("debug/uniffi-bindgen");
    for lang in ["kotlin", "python"] {
        sh::run(
            s(&bindgen),
            &[
                "generate",
                "--no-format",
                s(so),
                "--language",
                lang,
                "--out-dir",
                s(&dir.join(lang)),
            ],
        )?;
    }
    Ok(dir)
}

/// The wheel: package `wangge` (the generated module, the companion `__init__.py`, the
/// library, `py.typed` and `.pyi` stubs), built by `scripts/dist/wheel.py`.
fn python_wheel(dir: &Path, version: &str, so: &Path) -> Result<PathBuf, String> {
    let gen_dir = generated(so)?;
    let stage = sh::root().join("out/dist-python");
    sh::fresh_dir(&stage)?;
    let pkg = stage.join("wangge");
    sh::copy(&gen_dir.join("python/wangge.py"), &pkg.join("wangge.py"))?;
    sh::copy(
        &sh::root().join("bindings-mobile/python/wangge/__init__.py"),
        &pkg.join("__init__.py"),
    )?;
    sh::copy(so, &pkg.join("libwangge_mobile.so"))?;
    // Typed stubs for editors: mypy's stubgen over the generated module; the package's
    // `__init__` re-exports it.
    let stubs = stage.join("stubs");
    sh::run(
        &stubgen()?,
        &["-q", "-o", s(&stubs), s(&pkg.join("wangge.py"))],
    )?;
    sh::copy(&stubs.join("wangge/wangge.pyi"), &pkg.join("wangge.pyi"))?;
    std::fs::write(
        pkg.join("__init__.pyi"),
        "from .wangge import *\nfrom .wangge import WanggeError as WanggeError\n",
    )
    .map_err(|e| e.to_string())?;
    std::fs::write(pkg.join("py.typed"), "").map_err(|e| e.to_string())?;
    sh::run(
        "python3",
        &[
            "scripts/dist/wheel.py",
            "--name",
            "wangge",
            "--version",
            version,
            "--package",
            s(&pkg),
            "--out",
            s(dir),
        ],
    )?;
    let whl = dir.join(format!("wangge-{version}-py3-none-linux_x86_64.whl"));
    if !whl.exists() {
        return Err(format!("no wheel at {}", whl.display()));
    }
    Ok(whl)
}

/// mypy version whose `stubgen` writes the wheel's `.pyi` stubs.
pub const MYPY_VERSION: &str = "1.15.0";

/// `stubgen` from a venv in the tool cache (made on first use).
fn stubgen() -> Result<String, String> {
    let venv = tools::tools_dir().join("venv-mypy");
    let bin = venv.join("bin/stubgen");
    let want = format!("mypy=={MYPY_VERSION}");
    let have = sh::output(s(&venv.join("bin/pip")), &["freeze"]).unwrap_or_default();
    if !bin.exists() || !have.lines().any(|l| l.trim() == want) {
        sh::run("python3", &["-m", "venv", s(&venv)])?;
        sh::run(
            s(&venv.join("bin/pip")),
            &["install", "-q", "--disable-pip-version-check", &want],
        )?;
    }
    Ok(s(&bin).to_string())
}

/// The jar: the generated Kotlin and the error-code companion compiled, the native
/// library as the resource `linux-x86-64/libwangge_mobile.so` (where JNA looks on the
/// class path), and a `pom.xml` declaring JNA and the Kotlin standard library.
fn jvm_jar(tools: &Tools, dir: &Path, version: &str, so: &Path) -> Result<PathBuf, String> {
    let gen_dir = generated(so)?;
    let stage = sh::root().join("out/dist-jvm");
    sh::fresh_dir(&stage)?;
    let classes = stage.join("classes");
    let sources = [
        gen_dir.join("kotlin/org/wangge/wangge.kt"),
        sh::root().join("bindings-mobile/kotlin/org/wangge/WanggeErrorCodes.kt"),
    ];
    let mut args = vec!["-nowarn", "-cp", tools.jna.as_str(), "-d", s(&classes)];
    args.extend(sources.iter().map(|p| s(p)));
    sh::run(&tools.kotlinc, &args)?;
    sh::copy(so, &classes.join("linux-x86-64/libwangge_mobile.so"))?;
    let jar = dir.join(format!("wangge-{version}.jar"));
    sh::run(
        "python3",
        &[
            "scripts/dist/wheel.py",
            "--jar",
            s(&classes),
            "--out",
            s(&jar),
        ],
    )?;
    let pom = sh::read(&sh::root().join("bindings-mobile/kotlin/pom.xml.in"))?
        .replace("@VERSION@", version)
        .replace("@KOTLIN_VERSION@", tools::KOTLIN_VERSION);
    std::fs::write(dir.join(format!("wangge-{version}.pom")), pom).map_err(|e| e.to_string())?;
    Ok(jar)
}

/// The CLI binary (release) with the README, tarred.
fn cli_tarball(dir: &Path, version: &str) -> Result<PathBuf, String> {
    sh::run(
        "cargo",
        &["build", "-p", "wangge-cli", "--release", "--locked"],
    )?;
    let name = format!("wangge-cli-{version}");
    let stage = sh::root().join("out/dist-cli");
    sh::fresh_dir(&stage)?;
    sh::copy(
        &target().join("release/wangge"),
        &stage.join(&name).join("wangge"),
    )?;
    sh::copy(
        &sh::root().join("README.md"),
        &stage.join(&name).join("README.md"),
    )?;
    let tgz = dir.join(format!("wangge-cli-{version}-linux-x86_64.tar.gz"));
    sh::run("tar", &["czf", s(&tgz), "-C", s(&stage), &name])?;
    Ok(tgz)
}

/// Prints each artefact's size (the table in BENCHMARKS.md). The budget that fails a run
/// is the WASM module's (1 MiB gzipped, checked by the WASM step of `cargo xtask ci`); the
/// npm tarball holds that module plus its JavaScript glue and types.
pub fn report_sizes(a: &Artefacts) -> Result<(), String> {
    eprintln!(
        "\ndist: artefacts in {} (version {})",
        a.dir.display(),
        a.version
    );
    for p in [&a.krate, &a.npm, &a.wheel, &a.jar, &a.c, &a.cli] {
        let size = std::fs::metadata(p)
            .map_err(|e| format!("{}: {e}", p.display()))?
            .len();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        eprintln!("  {name:<48} {size:>11} B");
    }
    Ok(())
}
