//! Tool bootstrap: finds or installs, idempotently, everything the binding builds need.
//!
//! | tool | pinned | from | where |
//! |---|---|---|---|
//! | `wasm32-unknown-unknown` target | toolchain's | rustup | rustup |
//! | cbindgen | 0.29.4 | crates.io (`cargo install --locked`) | `PATH` or `target/tools/bin` |
//! | wasm-bindgen CLI | = the `wasm-bindgen` crate in `Cargo.lock` | crates.io (`cargo install`, not `--locked`) | `PATH` or `target/tools/bin` |
//! | kotlinc | 2.4.20 | npm `kotlin-compiler` | `target/tools/kotlinc` |
//! | wasm-opt, tsc, playwright-core | 132.0.0, 5.9.3, 1.64.1 | npm (`binaryen`, `typescript`, `playwright-core`), one install | `target/tools/node_modules` |
//! | valgrind, JNA, Gson, cJSON, Chromium, CJK font | Debian's | `apt-get install` (as root) | system |
//! | dask, distributed (the Dask scoring example) | 2026.8.0 | PyPI (`pip`, on first use) | `target/tools/venv-dask` |
//!
//! The cache folder is `target/tools` (or `$WANGGE_TOOLS_DIR`). A tool of the right version
//! already on `PATH` (e.g. in `~/.cargo/bin`) is used as is.

use std::path::{Path, PathBuf};

use crate::sh;

/// cbindgen version that generates `bindings-c/include/wangge.h`.
pub const CBINDGEN_VERSION: &str = "0.29.4";
/// npm `kotlin-compiler` version.
pub const KOTLIN_VERSION: &str = "2.4.20";
/// npm `binaryen` version (wasm-opt). Never Debian's binaryen: its wasm-opt breaks modules.
pub const BINARYEN_VERSION: &str = "132.0.0";
/// npm `typescript` version (type-checks the generated `.d.ts`).
pub const TYPESCRIPT_VERSION: &str = "5.9.3";
/// npm `playwright-core` version (drives Debian's Chromium).
pub const PLAYWRIGHT_VERSION: &str = "1.64.1";

/// PyPI `dask[distributed]` version (`examples/python/dask_scoring.py`).
pub const DASK_VERSION: &str = "2026.8.0";

/// Debian packages: (a file that shows it is installed, package).
const APT: &[(&str, &str)] = &[
    ("/usr/bin/valgrind", "valgrind"),
    ("/usr/share/java/jna.jar", "libjna-java"),
    ("/usr/share/java/gson.jar", "libgoogle-gson-java"),
    ("/usr/include/cjson/cJSON.h", "libcjson-dev"),
    ("/usr/bin/chromium", "chromium"),
    (
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "fonts-wqy-microhei",
    ),
    ("/usr/bin/pkg-config", "pkg-config"),
    ("/usr/bin/java", "default-jre-headless"),
];

/// Paths of the tools, once bootstrapped.
#[derive(Debug, Clone)]
pub struct Tools {
    /// `cbindgen` executable.
    pub cbindgen: String,
    /// `wasm-bindgen` executable.
    pub wasm_bindgen: String,
    /// `kotlinc-jvm` executable.
    pub kotlinc: String,
    /// Kotlin standard library jar (for running tests on the JVM).
    pub kotlin_stdlib: String,
    /// npm `node_modules` with wasm-opt, tsc, playwright-core.
    pub node_modules: PathBuf,
    /// JNA jar.
    pub jna: String,
    /// Gson jar.
    pub gson: String,
}

impl Tools {
    /// `wasm-opt` (npm binaryen).
    pub fn wasm_opt(&self) -> String {
        sh::s(&self.node_modules.join(".bin/wasm-opt")).to_string()
    }

    /// `tsc` (npm typescript).
    pub fn tsc(&self) -> String {
        sh::s(&self.node_modules.join(".bin/tsc")).to_string()
    }
}

/// The tool cache folder.
pub fn tools_dir() -> PathBuf {
    std::env::var_os("WANGGE_TOOLS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| sh::root().join("target/tools"))
}

/// The version of a package in `Cargo.lock`.
pub fn locked_version(package: &str) -> Result<String, String> {
    let lock = sh::read(&sh::root().join("Cargo.lock"))?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&needle)
        .ok_or_else(|| format!("{package} is not in Cargo.lock"))?
        + needle.len();
    Ok(lock[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_string())
}

/// `program` if `program --version` prints `want`, else the cached binary if it does.
fn find_cargo_tool(program: &str, want: &str, cache_bin: &Path) -> Option<String> {
    let cached = cache_bin.join(program);
    [program.to_string(), sh::s(&cached).to_string()]
        .into_iter()
        .find(|p| sh::output(p, &["--version"]).is_some_and(|v| v.trim() == want))
}

fn is_root() -> bool {
    sh::output("id", &["-u"]).is_some_and(|u| u == "0")
}

/// Installs what is missing; returns the tool paths.
pub fn bootstrap() -> Result<Tools, String> {
    sh::section("bootstrap tools");
    let dir = tools_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("create {}: {e}", dir.display()))?;
    let bin = dir.join("bin");

    // 1. The wasm32 target.
    let installed = sh::output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        sh::run("rustup", &["target", "add", "wasm32-unknown-unknown"])?;
    }

    // 2. Debian packages.
    let missing: Vec<&str> = APT
        .iter()
        .filter(|(file, _)| !Path::new(file).exists())
        .map(|(_, pkg)| *pkg)
        .collect();
    if !missing.is_empty() {
        if !is_root() {
            return Err(format!(
                "missing Debian packages; run as root: apt-get update && apt-get install -y {}",
                missing.join(" ")
            ));
        }
        sh::run_in(&sh::root(), "apt-get", &["update"], &[])?;
        let mut args = vec!["install", "-y", "--no-install-recommends"];
        args.extend(&missing);
        sh::run_in(
            &sh::root(),
            "apt-get",
            &args,
            &[("DEBIAN_FRONTEND", "noninteractive")],
        )?;
    }

    // 3. cbindgen and wasm-bindgen, pinned.
    let cbindgen_want = format!("cbindgen {CBINDGEN_VERSION}");
    let cbindgen = match find_cargo_tool("cbindgen", &cbindgen_want, &bin) {
        Some(p) => p,
        None => {
            sh::run(
                "cargo",
                &[
                    "install",
                    "--locked",
                    "cbindgen",
                    "--version",
                    CBINDGEN_VERSION,
                    "--root",
                    sh::s(&dir),
                    "--force",
                ],
            )?;
            find_cargo_tool("cbindgen", &cbindgen_want, &bin)
                .ok_or("cbindgen installed but not found")?
        }
    };
    let wb_version = locked_version("wasm-bindgen")?;
    let wb_want = format!("wasm-bindgen {wb_version}");
    let wasm_bindgen = match find_cargo_tool("wasm-bindgen", &wb_want, &bin) {
        Some(p) => p,
        None => {
            // Not --locked: the CLI's own lock file pins a crate version the registry
            // here does not serve; the CLI still pins its support crates with `=`.
            sh::run(
                "cargo",
                &[
                    "install",
                    "wasm-bindgen-cli",
                    "--version",
                    &format!("={wb_version}"),
                    "--root",
                    sh::s(&dir),
                    "--force",
                ],
            )?;
            find_cargo_tool("wasm-bindgen", &wb_want, &bin)
                .ok_or("wasm-bindgen installed but not found")?
        }
    };

    // 4. Kotlin compiler from npm.
    let kotlinc = dir.join("kotlinc/bin/kotlinc-jvm");
    let kotlin_ok = sh::output(sh::s(&kotlinc), &["-version"])
        .is_some_and(|v| v.contains(&format!("kotlinc-jvm {KOTLIN_VERSION}")));
    if !kotlin_ok {
        let _ = std::fs::remove_dir_all(dir.join("kotlinc"));
        let _ = std::fs::remove_dir_all(dir.join("package"));
        sh::run_in(
            &dir,
            "npm",
            &[
                "pack",
                "--silent",
                &format!("kotlin-compiler@{KOTLIN_VERSION}"),
            ],
            &[],
        )?;
        let tgz = format!("kotlin-compiler-{KOTLIN_VERSION}.tgz");
        sh::run_in(&dir, "tar", &["xzf", &tgz], &[])?;
        std::fs::rename(dir.join("package"), dir.join("kotlinc"))
            .map_err(|e| format!("move kotlinc: {e}"))?;
        let _ = std::fs::remove_file(dir.join(&tgz));
    }

    // 5. npm tools, in ONE install (a second `npm install --prefix` prunes the first).
    let nm = dir.join("node_modules");
    let npm_version = |pkg: &str| -> Option<String> {
        let text = std::fs::read_to_string(nm.join(pkg).join("package.json")).ok()?;
        let i = text.find("\"version\"")?;
        Some(text[i..].split('"').nth(3)?.to_string())
    };
    let npm_ok = npm_version("binaryen").as_deref() == Some(BINARYEN_VERSION)
        && npm_version("typescript").as_deref() == Some(TYPESCRIPT_VERSION)
        && npm_version("playwright-core").as_deref() == Some(PLAYWRIGHT_VERSION);
    if !npm_ok {
        sh::run_in(
            &dir,
            "npm",
            &[
                "install",
                "--silent",
                "--no-save",
                "--no-package-lock",
                "--no-audit",
                "--no-fund",
                "--prefix",
                sh::s(&dir),
                &format!("binaryen@{BINARYEN_VERSION}"),
                &format!("typescript@{TYPESCRIPT_VERSION}"),
                &format!("playwright-core@{PLAYWRIGHT_VERSION}"),
            ],
            &[],
        )?;
    }

    let tools = Tools {
        cbindgen,
        wasm_bindgen,
        kotlinc: sh::s(&kotlinc).to_string(),
        kotlin_stdlib: sh::s(&dir.join("kotlinc/lib/kotlin-stdlib.jar")).to_string(),
        node_modules: nm,
        jna: "/usr/share/java/jna.jar".into(),
        gson: "/usr/share/java/gson.jar".into(),
    };
    for t in [
        &tools.kotlinc,
        &tools.kotlin_stdlib,
        &tools.wasm_opt(),
        &tools.tsc(),
        &tools.jna,
        &tools.gson,
    ] {
        if !Path::new(t).exists() {
            return Err(format!("missing tool after bootstrap: {t}"));
        }
    }
    eprintln!(
        "tools: {}; {}; kotlinc {KOTLIN_VERSION}; binaryen {BINARYEN_VERSION}; typescript {TYPESCRIPT_VERSION}; playwright-core {PLAYWRIGHT_VERSION}",
        tools.cbindgen, tools.wasm_bindgen
    );
    Ok(tools)
}

/// The Python of a venv in the tool cache with `dask[distributed]` pinned (made on first
/// use, like the mypy venv of `cargo xtask dist`).
pub fn dask_python() -> Result<String, String> {
    let venv = tools_dir().join("venv-dask");
    let python = venv.join("bin/python3");
    let want = [
        format!("dask=={DASK_VERSION}"),
        format!("distributed=={DASK_VERSION}"),
    ];
    let have = sh::output(sh::s(&venv.join("bin/pip")), &["freeze"]).unwrap_or_default();
    if !python.exists() || !want.iter().all(|w| have.lines().any(|l| l.trim() == w)) {
        sh::run("python3", &["-m", "venv", sh::s(&venv)])?;
        let spec = format!("dask[distributed]=={DASK_VERSION}");
        sh::run(
            sh::s(&venv.join("bin/pip")),
            &[
                "install",
                "-q",
                "--disable-pip-version-check",
                &spec,
                &want[1],
            ],
        )?;
    }
    Ok(sh::s(&python).to_string())
}
