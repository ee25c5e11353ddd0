//! `cargo xtask dist --check` (and CI's `dist` step): every artefact of `out/dist`
//! installed outside the workspace the way a user installs it, and the README's
//! quickstart run against the installed copy.
//!
//! | artefact | installed | then |
//! |---|---|---|
//! | crate | `cargo package` already built the packaged crate on its own | — |
//! | npm | `npm install ./wangge-V.tgz` in a fresh project | `require('wangge')`, `import 'wangge'`, the Node quickstart, and a page importing the package in headless Chromium |
//! | wheel | `pip install --no-index` into a fresh venv | the Python quickstart; the `.pyi` stubs are installed |
//! | jar | a plain classpath (`kotlinc`/`java`), no library path | the Kotlin quickstart (JNA loads the library from the jar) |
//! | C | `tar xzf` | the C quickstart built with `cc $(pkg-config --cflags --libs wangge)` |
//! | CLI | `tar xzf` | `wangge --version`, `wangge policy list` |

use std::path::{Path, PathBuf};

use crate::dist::Artefacts;
use crate::sh::{self, s};
use crate::tools::Tools;

/// A fresh folder outside the workspace.
fn scratch(name: &str) -> Result<PathBuf, String> {
    let dir = std::env::temp_dir().join("wangge-dist-check").join(name);
    sh::fresh_dir(&dir)?;
    Ok(dir)
}

fn sample() -> String {
    s(&sh::root().join("examples/data/sample-county.geojson")).to_string()
}

/// Runs every installation check.
pub fn all(tools: &Tools, a: &Artefacts) -> Result<(), String> {
    sh::section("dist: install each artefact outside the workspace");
    npm(tools, a)?;
    python(a)?;
    jvm(tools, a)?;
    c(a)?;
    cli(a)?;
    eprintln!("\ndist: every artefact installed and its quickstart ran");
    Ok(())
}

fn npm(tools: &Tools, a: &Artefacts) -> Result<(), String> {
    let dir = scratch("npm")?;
    std::fs::write(
        dir.join("package.json"),
        r#"{"name": "wangge-consumer", "private": true, "version": "1.0.0"}"#,
    )
    .map_err(|e| e.to_string())?;
    sh::run_in(
        &dir,
        "npm",
        &[
            "install",
            "--no-audit",
            "--no-fund",
            "--prefer-offline",
            s(&a.npm),
        ],
        &[],
    )?;
    let installed = dir.join("node_modules/wangge/package.json");
    let manifest = sh::read(&installed)?;
    if !manifest.contains(&format!("\"version\": \"{}\"", a.version)) {
        return Err(format!(
            "{} is not version {}",
            installed.display(),
            a.version
        ));
    }
    // The quickstart of the README (it uses `require` through createRequire).
    sh::copy(
        &sh::root().join("examples/node/quickstart.mjs"),
        &dir.join("quickstart.mjs"),
    )?;
    sh::run_in(&dir, "node", &["quickstart.mjs", &sample()], &[])?;
    // `import`, `require`, and a page in Chromium.
    sh::run_in(
        &dir,
        "node",
        &[s(&sh::root().join("scripts/dist/check_npm.mjs")), s(&dir)],
        &[
            ("WANGGE_NODE_TOOLS", s(&tools.node_modules)),
            ("CHROMIUM", "/usr/bin/chromium"),
        ],
    )
}

fn python(a: &Artefacts) -> Result<(), String> {
    let dir = scratch("python")?;
    let venv = dir.join("venv");
    sh::run("python3", &["-m", "venv", s(&venv)])?;
    let pip = venv.join("bin/pip");
    sh::run(
        s(&pip),
        &[
            "install",
            "-q",
            "--no-index",
            "--disable-pip-version-check",
            s(&a.wheel),
        ],
    )?;
    let py = venv.join("bin/python");
    sh::copy(
        &sh::root().join("examples/python/quickstart.py"),
        &dir.join("quickstart.py"),
    )?;
    // Run from the scratch folder, no PYTHONPATH: only the installed package can answer.
    sh::run_in(&dir, s(&py), &["quickstart.py", &sample()], &[])?;
    sh::run_in(
        &dir,
        s(&py),
        &[
            "-c",
            "import pathlib, wangge; d = pathlib.Path(wangge.__file__).parent; \
             missing = [f for f in ('wangge.pyi', '__init__.pyi', 'py.typed', 'libwangge_mobile.so') if not (d / f).exists()]; \
             assert not missing, missing; \
             assert 'def parse_code' in (d / 'wangge.pyi').read_text(); \
             print('python: installed at', d, 'with stubs')",
        ],
        &[],
    )
}

fn jvm(tools: &Tools, a: &Artefacts) -> Result<(), String> {
    let dir = scratch("jvm")?;
    let jar = dir.join("quickstart.jar");
    let cp = format!("{}:{}", s(&a.jar), tools.jna);
    sh::run(
        &tools.kotlinc,
        &[
            "-nowarn",
            "-cp",
            &cp,
            s(&sh::root().join("examples/kotlin/Quickstart.kt")),
            "-d",
            s(&jar),
        ],
    )?;
    // No -Djna.library.path: JNA finds linux-x86-64/libwangge_mobile.so in the jar.
    let run_cp = format!("{}:{}:{}", s(&jar), cp, tools.kotlin_stdlib);
    sh::run_in(
        &dir,
        "java",
        &["-cp", &run_cp, "QuickstartKt", &sample()],
        &[],
    )
}

fn untar(tgz: &Path, into: &Path) -> Result<(), String> {
    sh::run("tar", &["xzf", s(tgz), "-C", s(into)])
}

fn c(a: &Artefacts) -> Result<(), String> {
    let dir = scratch("c")?;
    untar(&a.c, &dir)?;
    let prefix = dir.join(format!("wangge-{}", a.version));
    let pc_path = s(&prefix.join("lib/pkgconfig")).to_string();
    let flags = sh::capture(
        "pkg-config",
        &["--cflags", "--libs", "wangge"],
        &[("PKG_CONFIG_PATH", &pc_path)],
    )?;
    let exe = dir.join("quickstart");
    let mut args: Vec<String> = vec![
        "-std=c11".into(),
        "-Wall".into(),
        "-Werror".into(),
        s(&sh::root().join("examples/c/quickstart.c")).into(),
    ];
    args.extend(flags.split_whitespace().map(String::from));
    args.extend([
        format!("-Wl,-rpath,{}", s(&prefix.join("lib"))),
        "-o".into(),
        s(&exe).into(),
    ]);
    sh::run_in(
        &dir,
        "cc",
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
        &[],
    )?;
    sh::run_in(&dir, s(&exe), &[&sample()], &[])
}

fn cli(a: &Artefacts) -> Result<(), String> {
    let dir = scratch("cli")?;
    untar(&a.cli, &dir)?;
    let exe = dir.join(format!("wangge-cli-{}/wangge", a.version));
    let version = sh::capture(s(&exe), &["--version"], &[])?;
    if !version.contains(&a.version) {
        return Err(format!(
            "`wangge --version` printed {version:?}, not {}",
            a.version
        ));
    }
    sh::run_in(&dir, s(&exe), &["policy", "list"], &[])
}
