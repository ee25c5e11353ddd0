//! Runs every conformance vector in `tests/vectors/` through `wangge::api::call`.

use std::path::Path;

use serde_json::Value;

/// JSON equality where numbers compare by value (`1` == `1.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn every_vector_passes_and_every_op_has_vectors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut seen = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    let mut count = 0;
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let file: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let op = file["op"]
            .as_str()
            .unwrap_or_else(|| panic!("{}: no op", path.display()));
        assert_eq!(
            path.file_stem().unwrap(),
            op,
            "file name must be the op name"
        );
        assert!(
            wangge::api::OPS.contains(&op),
            "{op}: not in wangge::api::OPS"
        );
        seen.insert(op.to_string());
        let cases = file["cases"]
            .as_array()
            .unwrap_or_else(|| panic!("{op}: no cases"));
        assert!(!cases.is_empty(), "{op}: no cases");
        for case in cases {
            count += 1;
            let name = case["name"].as_str().unwrap_or("?");
            let got = wangge::api::call(op, &case["input"]);
            match (case.get("output"), case.get("error"), got) {
                (Some(want), None, Ok(out)) if same(want, &out) => {}
                (None, Some(want), Err(e)) if want.as_str() == Some(e.code().name()) => {}
                (_, _, got) => failures.push(format!("{op} / {name}: got {got:?}")),
            }
        }
    }
    for op in wangge::api::OPS {
        assert!(seen.contains(*op), "op {op} has no vector file");
    }
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{count} passed, 0 failed");
}
