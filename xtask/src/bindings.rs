//! Building and testing each binding: C, WASM (Node + Chromium), Kotlin/Swift/Python.
//!
//! Outputs go to `out/` (ignored by git):
//! `out/c` (test binaries, `prefix/` install), `out/npm/wangge` (the npm package),
//! `out/wasm-panic` (test build), `out/web` (sample layer, the demo's month, screenshots),
//! `out/uniffi/{shipped,test}` (generated sources), `out/kotlin`, `out/python`.

use std::path::{Path, PathBuf};

use crate::sh::{self, s};
use crate::tools::Tools;

/// Native libraries a static `libwangge.a` needs (`--print native-static-libs`).
pub const STATIC_LIBS: &[&str] = &[
    "-lgcc_s",
    "-lutil",
    "-lrt",
    "-lpthread",
    "-lm",
    "-ldl",
    "-lc",
];

fn out(rel: &str) -> PathBuf {
    sh::root().join("out").join(rel)
}

fn target() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| sh::root().join("target"))
}

fn vectors() -> String {
    s(&sh::root().join("tests/vectors")).to_string()
}

fn sample() -> String {
    s(&sh::root().join("examples/data/sample-county.geojson")).to_string()
}

/// Memcheck with no suppressions: every report fails the run.
fn valgrind(args: &[&str]) -> Result<(), String> {
    let mut v = vec![
        "-q",
        "--leak-check=full",
        "--show-leak-kinds=definite,indirect",
        "--errors-for-leak-kinds=definite,indirect",
        "--error-exitcode=1",
    ];
    v.extend(args);
    sh::run_in(&sh::root(), "valgrind", &v, &[("RUST_BACKTRACE", "0")])
}

fn contains_bytes(file: &Path, needle: &str) -> Result<bool, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("read {}: {e}", file.display()))?;
    Ok(bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
}

/// Fails when `fresh` differs from the committed copy; with `bless`, updates the copy.
fn drift(fresh: &Path, committed: &Path, bless: bool) -> Result<(), String> {
    let a = std::fs::read(fresh).map_err(|e| format!("read {}: {e}", fresh.display()))?;
    let b = std::fs::read(committed).unwrap_or_default();
    if a == b {
        return Ok(());
    }
    if bless {
        sh::copy(fresh, committed)?;
        eprintln!("updated {}", committed.display());
        Ok(())
    } else {
        Err(format!(
            "{} is stale (regenerated output differs): run `cargo xtask bless` and commit",
            committed.display()
        ))
    }
}

// ---- C --------------------------------------------------------------------------------

/// Regenerates `include/wangge.h`, or verifies it with `--verify`.
pub fn c_header(tools: &Tools, verify: bool) -> Result<(), String> {
    let dir = sh::root().join("bindings-c");
    let mut args = vec![
        "--config",
        "cbindgen.toml",
        "--crate",
        "wangge-c",
        "--output",
        "include/wangge.h",
    ];
    if verify {
        args.push("--verify");
    }
    sh::run_in(&dir, &tools.cbindgen, &args, &[]).map_err(|e| {
        if verify {
            format!("{e}: bindings-c/include/wangge.h is stale, run `cargo xtask bless`")
        } else {
            e
        }
    })
}

/// Installs the C library (release build) into `prefix`: `lib/libwangge.{so,a}`,
/// `include/wangge.h`, `lib/pkgconfig/wangge.pc`.
pub fn install_c(prefix: &Path) -> Result<(), String> {
    sh::run(
        "cargo",
        &["build", "-p", "wangge-c", "--release", "--locked"],
    )?;
    let rel = target().join("release");
    for lib in ["libwangge.so", "libwangge.a"] {
        sh::copy(&rel.join(lib), &prefix.join("lib").join(lib))?;
    }
    sh::copy(
        &sh::root().join("bindings-c/include/wangge.h"),
        &prefix.join("include/wangge.h"),
    )?;
    let version = crate::tools::locked_version("wangge-c")?;
    let pc = sh::read(&sh::root().join("bindings-c/wangge.pc.in"))?
        .replace("@PREFIX@", s(prefix))
        .replace("@VERSION@", &version)
        .replace("@LIBS_PRIVATE@", &STATIC_LIBS.join(" "));
    let pc_path = prefix.join("lib/pkgconfig/wangge.pc");
    std::fs::create_dir_all(pc_path.parent().unwrap_or(prefix)).map_err(|e| e.to_string())?;
    std::fs::write(&pc_path, pc).map_err(|e| format!("write {}: {e}", pc_path.display()))?;
    eprintln!("installed libwangge {version} into {}", prefix.display());
    Ok(())
}

/// The C binding: header drift, shared + static tests under valgrind, the panic test,
/// the installed library with pkg-config and the C example.
pub fn c(tools: &Tools) -> Result<(), String> {
    sh::section("C ABI (bindings-c)");
    c_header(tools, true)?;
    let dir = out("c");
    sh::fresh_dir(&dir)?;
    let prefix = dir.join("prefix");
    install_c(&prefix)?;
    let lib = prefix.join("lib");
    if contains_bytes(&lib.join("libwangge.so"), "wangge_test_panic")? {
        return Err("the shipped libwangge.so exports the test-only wangge_test_panic".into());
    }
    let include = format!("-I{}", s(&sh::root().join("bindings-c/include")));
    let flags = ["-std=c11", "-Wall", "-Wextra", "-Werror", "-g"];
    let test_c = sh::root().join("bindings-c/tests/c/test_wangge.c");
    let dynamic = dir.join("test_dyn");
    let mut args: Vec<String> = flags.iter().map(|f| f.to_string()).collect();
    args.extend([
        s(&test_c).into(),
        include.clone(),
        format!("-L{}", s(&lib)),
        "-lwangge".into(),
        "-lcjson".into(),
        "-lm".into(),
        format!("-Wl,-rpath,{}", s(&lib)),
        "-o".into(),
        s(&dynamic).into(),
    ]);
    sh::run("gcc", &args.iter().map(String::as_str).collect::<Vec<_>>())?;
    let static_bin = dir.join("test_static");
    let mut args: Vec<String> = flags.iter().map(|f| f.to_string()).collect();
    args.extend([
        s(&test_c).into(),
        include.clone(),
        s(&lib.join("libwangge.a")).into(),
        "-lcjson".into(),
    ]);
    args.extend(STATIC_LIBS.iter().map(|l| l.to_string()));
    args.extend(["-o".into(), s(&static_bin).into()]);
    sh::run("gcc", &args.iter().map(String::as_str).collect::<Vec<_>>())?;
    let (v, smp) = (vectors(), sample());
    sh::run(s(&dynamic), &[&v, &smp])?;
    sh::run(s(&static_bin), &[&v, &smp])?;
    valgrind(&[s(&dynamic), &v, &smp])?;
    valgrind(&[s(&static_bin), &v, &smp])?;

    // The panic path, in a test build only.
    sh::run(
        "cargo",
        &[
            "build",
            "-p",
            "wangge-c",
            "--locked",
            "--features",
            "test-panic",
        ],
    )?;
    let panic_bin = dir.join("test_panic");
    let mut args: Vec<String> = flags.iter().map(|f| f.to_string()).collect();
    args.extend([
        s(&sh::root().join("bindings-c/tests/c/test_panic.c")).into(),
        include,
        s(&target().join("debug/libwangge.a")).into(),
    ]);
    args.extend(STATIC_LIBS.iter().map(|l| l.to_string()));
    args.extend(["-o".into(), s(&panic_bin).into()]);
    sh::run("gcc", &args.iter().map(String::as_str).collect::<Vec<_>>())?;
    valgrind(&[s(&panic_bin)])?;

    // The C example, built against the installed library through pkg-config.
    let pc_path = s(&lib.join("pkgconfig")).to_string();
    let cflags = sh::capture(
        "pkg-config",
        &["--cflags", "--libs", "wangge"],
        &[("PKG_CONFIG_PATH", &pc_path)],
    )?;
    let example = dir.join("quickstart");
    let mut args: Vec<String> = vec![
        "-std=c11".into(),
        "-Wall".into(),
        "-Werror".into(),
        s(&sh::root().join("examples/c/quickstart.c")).into(),
    ];
    args.extend(cflags.split_whitespace().map(String::from));
    args.extend([
        format!("-Wl,-rpath,{}", s(&lib)),
        "-o".into(),
        s(&example).into(),
    ]);
    sh::run("gcc", &args.iter().map(String::as_str).collect::<Vec<_>>())?;
    valgrind(&[s(&example), &smp])?;
    Ok(())
}

// ---- WASM -----------------------------------------------------------------------------

/// Size of the npm package's browser module, raw and gzipped (bytes).
pub fn wasm_sizes() -> Result<(u64, u64), String> {
    let wasm = out("npm/wangge/web/wangge_bg.wasm");
    let raw = std::fs::metadata(&wasm)
        .map_err(|e| format!("read {}: {e}", wasm.display()))?
        .len();
    let gz = std::process::Command::new("gzip")
        .args(["-9", "-c", s(&wasm)])
        .output()
        .map_err(|e| format!("gzip: {e}"))?
        .stdout;
    Ok((raw, gz.len() as u64))
}

/// Builds the npm package into `out/npm/wangge` (release, wasm-opt -Oz, both targets).
pub fn build_npm(tools: &Tools) -> Result<(), String> {
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
    let wasm = target().join("wasm32-unknown-unknown/wasm-release/wangge_wasm.wasm");
    let pkg = out("npm/wangge");
    sh::fresh_dir(&pkg)?;
    for (bindgen_target, sub) in [("nodejs", "node"), ("web", "web")] {
        let d = pkg.join(sub);
        sh::run(
            &tools.wasm_bindgen,
            &[
                s(&wasm),
                "--target",
                bindgen_target,
                "--out-name",
                "wangge",
                "--out-dir",
                s(&d),
            ],
        )?;
        let module = d.join("wangge_bg.wasm");
        sh::run(
            &tools.wasm_opt(),
            &[
                "-Oz",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                s(&module),
                "-o",
                s(&module),
            ],
        )?;
    }
    // The test layout (both wasm-bindgen targets); the published one-module package is
    // made from `web/` by `cargo xtask dist`.
    std::fs::write(
        pkg.join("package.json"),
        r#"{"name": "wangge", "private": true, "main": "./node/wangge.js", "types": "./node/wangge.d.ts"}"#,
    )
    .map_err(|e| e.to_string())?;
    sh::copy(
        &sh::root().join("bindings-wasm/README.md"),
        &pkg.join("README.md"),
    )?;
    Ok(())
}

/// Compares (or with `bless` updates) the committed `.d.ts` files with the package's.
pub fn wasm_types(bless: bool) -> Result<(), String> {
    let types = sh::root().join("bindings-wasm/types");
    drift(
        &out("npm/wangge/node/wangge.d.ts"),
        &types.join("wangge.d.ts"),
        bless,
    )?;
    drift(
        &out("npm/wangge/web/wangge.d.ts"),
        &types.join("wangge.web.d.ts"),
        bless,
    )
}

/// The WASM binding: package, `.d.ts` drift, strict tsc, Node tests, panic build,
/// Chromium (Playwright) with the browser example, the Node example, the package size.
pub fn wasm(tools: &Tools) -> Result<(), String> {
    sh::section("WASM (bindings-wasm, npm package `wangge`)");
    build_npm(tools)?;
    wasm_types(false)?;
    let js = out("npm/wangge/node/wangge.js");
    if contains_bytes(&js, "testPanic")? {
        return Err("the shipped npm package has the test-only testPanic".into());
    }
    sh::run(&tools.tsc(), &["-p", "bindings-wasm/ts"])?;

    // The panic path, in a test build only (dev profile, nodejs target).
    sh::run(
        "cargo",
        &[
            "build",
            "-p",
            "wangge-wasm",
            "--target",
            "wasm32-unknown-unknown",
            "--locked",
            "--features",
            "test-panic",
        ],
    )?;
    let panic_dir = out("wasm-panic");
    sh::fresh_dir(&panic_dir)?;
    sh::run(
        &tools.wasm_bindgen,
        &[
            s(&target().join("wasm32-unknown-unknown/debug/wangge_wasm.wasm")),
            "--target",
            "nodejs",
            "--out-name",
            "wangge",
            "--out-dir",
            s(&panic_dir),
        ],
    )?;

    // The CLI's file of the sample county the browser example generates (the reference
    // of its test).
    let web = out("web");
    sh::fresh_dir(&web)?;
    sh::wangge_cli(&[
        "grid",
        "generate",
        "--grids",
        "300",
        "--only",
        "grids",
        "-o",
        s(&web.join("sample-county.geojson")),
    ])?;
    // The demo's month (county.svg, scores.json, the journal): the browser looks at the
    // picture and replays the month in WebAssembly (bindings-wasm/tests/browser/month.test.mjs).
    sh::wangge_cli(&[
        "demo",
        "--grids",
        "300",
        "--points",
        "1000",
        "--out",
        s(&web.join("month")),
    ])?;

    let nm = s(&tools.node_modules).to_string();
    let env = [
        ("WANGGE_NODE_TOOLS", nm.as_str()),
        ("CHROMIUM", "/usr/bin/chromium"),
    ];
    sh::run_in(
        &sh::root(),
        "node",
        &[
            "--test",
            "--test-reporter=spec",
            "bindings-wasm/tests/node/",
            "bindings-wasm/tests/browser/",
        ],
        &env,
    )?;

    // The Node example, resolving `wangge` like an installed dependency.
    let link_dir = sh::root().join("examples/node/node_modules");
    std::fs::create_dir_all(&link_dir).map_err(|e| e.to_string())?;
    let link = link_dir.join("wangge");
    let _ = std::fs::remove_file(&link);
    let _ = std::fs::remove_dir_all(&link);
    std::os::unix::fs::symlink(out("npm/wangge"), &link).map_err(|e| format!("symlink: {e}"))?;
    sh::run("node", &["examples/node/quickstart.mjs", &sample()])?;

    // The debug build of the panic test (~380 MB) is not needed again: free the disk.
    let _ = std::fs::remove_dir_all(target().join("wasm32-unknown-unknown/debug"));
    let (raw, gz) = wasm_sizes()?;
    eprintln!(
        "npm package wasm: {raw} bytes raw, {gz} bytes gzipped ({:.0} KiB / {:.0} KiB)",
        raw as f64 / 1024.0,
        gz as f64 / 1024.0
    );
    if gz > 1024 * 1024 {
        return Err("the WASM module exceeds 1 MiB gzipped".into());
    }
    Ok(())
}

// ---- UniFFI ---------------------------------------------------------------------------

/// Builds `libwangge_mobile.so` (debug; with or without `test-panic`), generates Kotlin,
/// Swift and Python into `out/uniffi/<name>` and copies the library there.
fn uniffi_generate(name: &str, test_panic: bool) -> Result<PathBuf, String> {
    let mut args = vec![
        "build",
        "-p",
        "wangge-mobile",
        "-p",
        "uniffi-bindgen",
        "--locked",
    ];
    if test_panic {
        args.extend(["--features", "wangge-mobile/test-panic"]);
    }
    sh::run("cargo", &args)?;
    let lib = target().join("debug/libwangge_mobile.so");
    let dir = out("uniffi").join(name);
    sh::fresh_dir(&dir)?;
    let bindgen = target().join("debug/uniffi-bindgen");
    for lang in ["kotlin", "swift", "python"] {
        sh::run(
            s(&bindgen),
            &[
                "generate",
                "--no-format",
                s(&lib),
                "--language",
                lang,
                "--out-dir",
                s(&dir.join(lang)),
            ],
        )?;
    }
    sh::copy(&lib, &dir.join("libwangge_mobile.so"))?;
    Ok(dir)
}

/// The committed Swift sources (`bindings-mobile/swift/generated`) against a fresh build.
pub fn swift_drift(bless: bool) -> Result<(), String> {
    let dir = uniffi_generate("shipped", false)?;
    let committed = sh::root().join("bindings-mobile/swift/generated");
    for f in ["Wangge.swift", "WanggeFFI.h", "WanggeFFI.modulemap"] {
        drift(&dir.join("swift").join(f), &committed.join(f), bless)?;
    }
    Ok(())
}

/// The Python package folder `out/python/<name>/wangge` from a generated build.
fn python_package(generated: &Path, name: &str) -> Result<PathBuf, String> {
    let base = out("python").join(name);
    sh::fresh_dir(&base)?;
    let pkg = base.join("wangge");
    sh::copy(&generated.join("python/wangge.py"), &pkg.join("wangge.py"))?;
    sh::copy(
        &sh::root().join("bindings-mobile/python/wangge/__init__.py"),
        &pkg.join("__init__.py"),
    )?;
    sh::copy(
        &generated.join("libwangge_mobile.so"),
        &pkg.join("libwangge_mobile.so"),
    )?;
    Ok(base)
}

fn kotlinc(tools: &Tools, sources: &[PathBuf], classpath: &str, jar: &Path) -> Result<(), String> {
    let mut args = vec!["-nowarn", "-cp", classpath, "-d", s(jar)];
    args.extend(sources.iter().map(|p| s(p)));
    sh::run(&tools.kotlinc, &args)
}

fn kotlin_sources(generated: &Path) -> Vec<PathBuf> {
    vec![
        generated.join("kotlin/org/wangge/wangge.kt"),
        sh::root().join("bindings-mobile/kotlin/org/wangge/WanggeErrorCodes.kt"),
    ]
}

/// The mobile binding: Swift drift, Kotlin on the JVM and Python (tests with the
/// `test-panic` build, examples with the shipped build).
pub fn mobile(tools: &Tools) -> Result<(), String> {
    sh::section("Kotlin / Swift / Python (bindings-mobile, UniFFI)");
    swift_drift(false)?;
    let shipped = out("uniffi/shipped");
    for f in [
        "python/wangge.py",
        "kotlin/org/wangge/wangge.kt",
        "swift/Wangge.swift",
    ] {
        if contains_bytes(&shipped.join(f), "test_panic")?
            || contains_bytes(&shipped.join(f), "testPanic")?
        {
            return Err(format!("the shipped {f} has the test-only panic function"));
        }
    }
    // Examples against the shipped build.
    let py_shipped = python_package(&shipped, "shipped")?;
    let kt_dir = out("kotlin");
    sh::fresh_dir(&kt_dir)?;
    let mut sources = kotlin_sources(&shipped);
    sources.push(sh::root().join("examples/kotlin/Quickstart.kt"));
    let example_jar = kt_dir.join("example.jar");
    kotlinc(tools, &sources, &tools.jna, &example_jar)?;
    let lib_path = format!("-Djna.library.path={}", s(&shipped));
    let cp = format!("{}:{}:{}", s(&example_jar), tools.jna, tools.kotlin_stdlib);
    sh::run("java", &[&lib_path, "-cp", &cp, "QuickstartKt", &sample()])?;
    sh::run_in(
        &sh::root(),
        "python3",
        &["examples/python/quickstart.py", &sample()],
        &[("PYTHONPATH", s(&py_shipped))],
    )?;
    // Province scale: partials per partition on a Dask local cluster, merged, scored once;
    // exits 1 unless identical to the one-process score.
    let dask_python = crate::tools::dask_python()?;
    sh::run_in(
        &sh::root(),
        &dask_python,
        &["examples/python/dask_scoring.py", "--processes"],
        &[("PYTHONPATH", s(&py_shipped))],
    )?;

    // Tests against the test-panic build.
    let test = uniffi_generate("test", true)?;
    let py_test = python_package(&test, "test")?;
    sh::run_in(
        &sh::root(),
        "python3",
        &[
            "bindings-mobile/tests/python/test_bindings.py",
            &vectors(),
            &sample(),
        ],
        &[("PYTHONPATH", s(&py_test)), ("RUST_BACKTRACE", "0")],
    )?;
    let mut sources = kotlin_sources(&test);
    sources.push(sh::root().join("bindings-mobile/tests/kotlin/GeneratedOps.kt"));
    sources.push(sh::root().join("bindings-mobile/tests/kotlin/BindingTest.kt"));
    let test_jar = kt_dir.join("test.jar");
    kotlinc(
        tools,
        &sources,
        &format!("{}:{}", tools.jna, tools.gson),
        &test_jar,
    )?;
    let lib_path = format!("-Djna.library.path={}", s(&test));
    let cp = format!(
        "{}:{}:{}:{}",
        s(&test_jar),
        tools.jna,
        tools.gson,
        tools.kotlin_stdlib
    );
    sh::run_in(
        &sh::root(),
        "java",
        &[
            &lib_path,
            "-cp",
            &cp,
            "BindingTestKt",
            &vectors(),
            &sample(),
        ],
        &[("RUST_BACKTRACE", "0")],
    )?;
    Ok(())
}
